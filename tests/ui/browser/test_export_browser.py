"""The app's Export area in a real browser (Voila), for a client called
``<script>alert(1)</script>``.

Only the wiring is checked here (the logic is tested without a browser in
tests/ui/test_export_panel.py): the trainer renames the client to the script, opens the
Export area, sees the handout's preview in its sandboxed frame with the name as text,
downloads the handout's HTML and PDF, the calendar and the CSV; then a red flag leaves
only the referral letter. No dialog ever opens and no request leaves the machine. Screenshots go to test-artifacts/ (and /work/shots/ when that folder
exists).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from workbench.ui.export_panel import AREA_TITLE

from .conftest import REPO_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(400)]

APP = REPO_ROOT / "notebooks" / "app.ipynb"
TIMEOUT = 120_000  # [ms] a cold kernel, or a re-plan, on a busy machine
SCRIPT = "<script>alert(1)</script>"
SHOTS = Path("/work/shots")


def _shot(page: Page, artifacts_dir: Path, name: str, **kwargs) -> None:
    page.screenshot(path=artifacts_dir / f"export-{name}.png", **kwargs)
    if SHOTS.is_dir():
        page.screenshot(path=SHOTS / f"export-{name}.png", **kwargs)


def _stamp(page: Page) -> int:
    return int(page.locator(".wb-status .wb-plan-stamp").get_attribute("data-n"))


def _replanned(page: Page, stamp: int) -> None:
    page.wait_for_function(
        "n => Number(document.querySelector('.wb-status .wb-plan-stamp')?.dataset.n) > n",
        arg=stamp,
        timeout=TIMEOUT,
    )


def _download(page: Page, link: str) -> bytes:
    with page.expect_download(timeout=TIMEOUT) as info:
        page.locator(link).click()
    return Path(info.value.path()).read_bytes()


def test_voila_export_area_shows_the_script_client_as_text_and_downloads(
    voila_server, page: Page, artifacts_dir: Path
):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(voila_server(APP), timeout=TIMEOUT)
    page.locator(".wb-load-chart svg").first.wait_for(timeout=TIMEOUT)  # the app is up

    # the client's name and the trainer's notes are the script
    header = page.locator(".wb-form-sections .jupyter-widget-Collapse-header", has_text="Client")
    name = page.locator(".wb-field-name input")
    if not name.is_visible():
        header.first.click()
    stamp = _stamp(page)
    name.fill(SCRIPT)
    name.press("Enter")
    _replanned(page, stamp)

    # the Export area, closed until opened
    area = page.locator(".wb-export-area .jupyter-widget-Collapse-header", has_text=AREA_TITLE)
    area.scroll_into_view_if_needed()
    area.click()
    frame_el = page.locator("iframe.wb-handout-frame")
    expect(frame_el).to_be_visible(timeout=TIMEOUT)
    assert frame_el.get_attribute("sandbox") == ""
    handout = page.frame_locator("iframe.wb-handout-frame")
    expect(handout.locator("body")).to_contain_text(SCRIPT, timeout=TIMEOUT)
    # the name is text in the frame: no script element carries it, none ran
    assert handout.locator("script").count() == 0
    expect(page.locator(".wb-export-words")).to_contain_text("threat-word check")
    frame_el.scroll_into_view_if_needed()
    _shot(page, artifacts_dir, "handout-preview")

    # downloads: the handout's HTML, the calendar, the CSV
    html = _download(page, "a.wb-download-handout").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and SCRIPT not in html
    ics = _download(page, "a.wb-download-ics")
    assert ics.startswith(b"BEGIN:VCALENDAR") and b"BEGIN:VEVENT" in ics
    assert _download(page, "a.wb-download-csv").startswith(b"client,")

    # the PDF, on request
    page.locator(".wb-make-handout-pdf").click()
    pdf_link = page.locator("a.wb-download-handout-pdf")
    expect(pdf_link.or_(page.locator(".wb-pdf-error"))).to_be_visible(timeout=TIMEOUT)
    assert page.locator(".wb-pdf-error").count() == 0, page.locator(".wb-pdf-error").inner_text()
    assert _download(page, "a.wb-download-handout-pdf").startswith(b"%PDF")

    # the doctor's brief below it
    brief = page.locator("iframe.wb-brief-frame")
    brief.scroll_into_view_if_needed()
    expect(page.frame_locator("iframe.wb-brief-frame").locator("body")).to_contain_text(
        SCRIPT, timeout=TIMEOUT
    )
    _shot(page, artifacts_dir, "brief-preview")
    _shot(page, artifacts_dir, "area-full", full_page=True)

    # a red flag: the referral letter, and no handout, calendar or CSV to download
    flags = page.locator(
        ".wb-form-sections .jupyter-widget-Collapse-header", has_text="Red flags and notes"
    )
    yes = page.locator(".wb-flag-saddle_numbness button[data-value='Yes']")
    if not yes.is_visible():
        flags.first.click()
    stamp = _stamp(page)
    yes.click()
    _replanned(page, stamp)
    expect(page.locator(".wb-export-reason")).to_contain_text("no handout, calendar or CSV")
    expect(page.locator(".wb-export-program")).to_be_hidden()
    expect(page.locator("a.wb-download-ics")).to_be_hidden()
    letter = page.frame_locator("iframe.wb-brief-frame")
    expect(letter.locator("body")).to_contain_text(SCRIPT, timeout=TIMEOUT)
    page.locator(".wb-export-reason").scroll_into_view_if_needed()
    _shot(page, artifacts_dir, "referral")

    assert dialogs == [], dialogs  # alert(1) never ran, in the app or in a frame
    assert not page.blocked_requests, page.blocked_requests
