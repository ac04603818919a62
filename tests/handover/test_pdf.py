"""The handout's PDF, printed by the real headless Chromium: paper size, pages, text."""

from __future__ import annotations

import asyncio
import io
import os
import re
from datetime import date

import pytest
from pypdf import PdfReader

import workbench as wb
from workbench.handover.pdf import CHROMIUM, html_to_pdf

#: (width, height) [pt] of each paper.
SIZES = {"A4": (595, 842), "Letter": (612, 792)}


@pytest.fixture(scope="module", autouse=True)
def chromium():
    """Skip without Chromium, unless CI is set: there a missing browser fails."""
    path = os.environ.get("WORKBENCH_CHROMIUM") or CHROMIUM
    if not os.access(path, os.X_OK):
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(
                f"Chromium missing at {path} and CI is set: bash scripts/ensure_chromium.sh"
            )
        pytest.skip(f"Chromium missing at {path}; bash scripts/ensure_chromium.sh")


@pytest.fixture(scope="module")
def handout():
    """(html per paper, result) of a 4-week plan for the desk worker, Sam as trainer."""
    catalog = wb.builtin_catalog()
    client = wb.example_client("desk-worker-flexion")
    client = type(client)(**{**client.__dict__, "trainer": wb.domain.Trainer("Sam Lee", "")})
    result = wb.plan(client, catalog, wb.PlanOptions(weeks=4))
    pages = {
        paper: wb.handout_html(result, client, catalog, start=date(2027, 1, 11), paper=paper)
        for paper in SIZES
    }
    return pages, result, client


@pytest.fixture(scope="module")
def pdfs(handout):
    pages, _, _ = handout
    return {paper: PdfReader(io.BytesIO(html_to_pdf(pages[paper], paper=paper))) for paper in SIZES}


@pytest.mark.parametrize("paper", list(SIZES))
def test_the_paper_is_the_one_asked_for(pdfs, paper):
    width, height = SIZES[paper]
    for page in pdfs[paper].pages:
        assert round(float(page.mediabox.width)) == width
        assert round(float(page.mediabox.height)) == height


@pytest.mark.parametrize("paper", list(SIZES))
def test_each_week_starts_a_page_and_the_text_is_there(pdfs, handout, paper):
    _, result, client = handout
    texts = [page.extract_text() for page in pdfs[paper].pages]
    assert len(texts) >= len(result.weeks) + 2
    cover = texts[0]
    assert client.name in cover and "Your trainer: Sam Lee" in cover
    assert "How the weeks build" in cover and "Your traffic light for pain" in cover
    for week in result.weeks:
        assert any(t.lstrip().startswith(f"Week {week.week} ") for t in texts), week.week
    assert texts[-1].lstrip().startswith("If you have a flare-up")
    assert "When to stop and call someone" in texts[-1]


def test_paper_of_the_pdf_wins_over_the_html(handout):
    """A page rendered for A4 prints on Letter when Letter is asked for."""
    pages, _, _ = handout
    reader = PdfReader(io.BytesIO(html_to_pdf(pages["A4"], paper="Letter")))
    assert round(float(reader.pages[0].mediabox.width)) == 612


def test_prints_inside_a_running_event_loop(handout):
    """As in a Jupyter kernel: the call is made while an asyncio loop runs."""
    pages, _, _ = handout

    async def inside():
        return html_to_pdf(pages["A4"])

    assert asyncio.run(inside()).startswith(b"%PDF")


def test_a_missing_chromium_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(wb.PdfError, match="ensure_chromium.sh"):
        html_to_pdf("<html><head></head><body>x</body></html>")


def test_an_unknown_paper_is_refused():
    with pytest.raises(wb.HandoverError, match="Letter"):
        html_to_pdf("<p>x</p>", paper="Legal")


def test_the_same_page_prints_the_same_pdf_but_for_its_dates(handout):
    pages, _, _ = handout
    one, two = html_to_pdf(pages["A4"]), html_to_pdf(pages["A4"])
    dates = re.compile(rb"/(?:CreationDate|ModDate) \(D:[^)]*\)")
    assert dates.search(one)
    assert dates.sub(b"", one) == dates.sub(b"", two)
