"""The doctor's brief and the referral letter in a real browser, printed to PDF.

Each page is opened with ``page.set_content`` (nothing is served), screenshotted to
test-artifacts/ (and /work/shots/brief-*.png when that folder exists), and printed on A4
and on US Letter; pypdf reads the PDFs back: one or two pages of the paper asked for,
with the client's name and the questions in the text. A client named
``<script>alert(1)</script>`` shows as text: no dialog opens and no request leaves.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from strategies import brief_client

import workbench as wb
from workbench.records.models import LogStatus, SessionLog

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

SHOTS = Path("/work/shots")
#: Paper -> (width, height) of the printed page [pt].
SIZES = {"A4": (595, 842), "Letter": (612, 792)}

CASES = {
    # kind -> (example client, what its page must say)
    "brief": ("desk-worker-flexion", "Questions for the consultation"),
    "clearance": ("new-pain-55-no-clearance", "Questions for the consultation"),
    "referral": ("red-flag", "Screening findings"),
}


def logs_for(client_id: str) -> tuple[SessionLog, ...]:
    start = date(2026, 12, 7)
    return tuple(
        SessionLog(client_id, start + timedelta(days=2 * i),
                   LogStatus.NOT_DONE if i % 4 == 3 else LogStatus.DONE,
                   minutes=30, effort=4, pain_during=3, next_morning_pain=2)
        for i in range(8)
    )  # fmt: skip


def page_for(kind: str, paper: str, name_override: str | None = None) -> tuple[str, object, str]:
    """(html, client, first question or flag wording) for one case."""
    example, _ = CASES[kind]
    client = brief_client(wb.example_client(example))
    if name_override:
        client = replace(client, name=name_override)
    catalog = wb.builtin_catalog()
    result = wb.plan(client, catalog, wb.PlanOptions(weeks=8))
    logs = logs_for(client.id) if result.planned else ()
    page = wb.brief_html(result, client, catalog, logs=logs, paper=paper)
    if kind == "referral":
        first = wb.domain.RED_FLAGS[result.screening.positive_flags[0]][1]
    else:
        from workbench.handover.brief_facts import program_summary, questions

        summary = program_summary(result, client, catalog) if result.planned else None
        first = questions(summary, client)[0]
    return page, client, first


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


@pytest.mark.parametrize("kind", sorted(CASES))
def test_the_page_looks_right_and_prints_on_a4_and_letter(page, artifacts_dir, kind):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for paper in ("A4", "Letter"):
        html, client, first = page_for(kind, paper)
        page.set_content(html)
        heading = CASES[kind][1]
        assert page.get_by_text(heading).count() == 1
        if paper == "A4":
            page.set_viewport_size({"width": 900, "height": 1200})
            page.screenshot(path=artifacts_dir / f"brief-{kind}.png", full_page=True)
            if SHOTS.is_dir():
                page.screenshot(path=SHOTS / f"brief-{kind}.png", full_page=True)
        pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
        assert 1 <= len(pdf.pages) <= 2, (kind, paper, len(pdf.pages))
        box = pdf.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == SIZES[paper]
        text = flat(" ".join(p.extract_text() for p in pdf.pages))
        assert client.name in text and flat(heading) in text
        assert flat(first) in text, (first, text[:400])
        assert "The doctor's answer" in text
    assert dialogs == [] and page.blocked_requests == []


def test_a_script_for_a_name_is_text(page):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for kind in ("brief", "referral"):
        html, _, _ = page_for(kind, "A4", name_override="<script>alert(1)</script>")
        page.set_content(html)
        page.wait_for_timeout(200)
        assert "<script>alert(1)</script>" in page.inner_text("header")
        assert page.locator("script").count() == 0
    assert dialogs == [] and page.blocked_requests == []
