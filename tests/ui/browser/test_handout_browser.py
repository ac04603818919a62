"""The client's handout in the real browser: nothing runs, nothing is fetched, it prints.

The handout of a client called ``<script>alert(1)</script>`` (and a trainer whose name is
an ``<img onerror>``) is opened from a file, as a client opens it from a USB stick.
Screenshots go to ``/work/shots/handout-*.png`` (when that folder can be made) and to the
test's temporary folder; the page is printed to PDF on A4 and on Letter.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

import workbench as wb
from workbench.domain import Trainer

SCRIPT = "<script>alert(1)</script>"
SHOTS = Path("/work/shots")
SIZES = {"A4": (595, 842), "Letter": (612, 792)}


@pytest.fixture(scope="module")
def handout():
    """(result, client, catalog) for the high-fear example renamed to a script."""
    catalog = wb.builtin_catalog()
    client = wb.example_client("high-fear")
    client = dataclasses.replace(
        client,
        name=SCRIPT,
        notes=SCRIPT,
        trainer=Trainer('<img src=x onerror="alert(2)">', "sam@example.org"),
    )
    return wb.plan(client, catalog, wb.PlanOptions(weeks=4)), client, catalog


def _keep(shot: Path) -> None:
    """Copy a screenshot to /work/shots when that folder can be used."""
    try:
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, SHOTS / shot.name)
    except OSError:
        pass


@pytest.mark.parametrize("paper", list(SIZES))
def test_handout_runs_nothing_fetches_nothing_and_prints(page, handout, tmp_path, paper):
    result, client, catalog = handout
    file = tmp_path / "handout.html"
    file.write_text(
        wb.handout_html(result, client, catalog, start=date(2027, 1, 11), paper=paper),
        encoding="utf-8",
    )
    requests: list[str] = []
    dialogs: list[str] = []
    console: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: console.append(message.text))
    page.goto(file.as_uri(), wait_until="load")
    page.wait_for_timeout(300)  # an onerror handler would have fired by now

    assert dialogs == []
    assert requests == [file.as_uri()]  # only the document itself
    assert page.blocked_requests == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.images.length") == 0
    assert page.title().endswith(SCRIPT)
    top = page.locator("header.top").inner_text()
    assert SCRIPT in top and '<img src=x onerror="alert(2)">' in top
    assert page.locator("section.week").count() == len(result.weeks)
    assert page.locator("svg.chart rect.bar").count() == len(result.weeks)

    if paper == "A4":
        for name, full in (("handout-screen-top", False), ("handout-screen-full", True)):
            shot = tmp_path / f"{name}.png"
            page.screenshot(path=shot, full_page=full)
            _keep(shot)
        page.emulate_media(media="print")
        shot = tmp_path / "handout-print-after-weeks.png"
        page.locator("section.after-weeks").screenshot(path=shot)
        _keep(shot)

    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    width, height = SIZES[paper]
    assert {
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    } == {(width, height)}
    texts = [p.extract_text() for p in reader.pages]
    assert len(texts) >= len(result.weeks) + 1
    assert SCRIPT in texts[0]
    whole = "\n".join(texts)
    for heading in ("Your traffic light for pain", "If you have a flare-up", "When to stop"):
        assert heading in whole
    print(f"handout {paper}: {len(texts)} pages")
