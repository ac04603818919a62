"""The design app in a real browser, in Voila and in JupyterLab.

Only the wiring is checked here (the logic is tested without a browser in
tests/ui/test_ui_widgets.py): the app opens on a plan with its week grid and a drawn load
chart; a changed widget re-plans and redraws; a red flag shows the referral and no plan;
impossible goals show the diagnosis. The time from a changed widget to the redrawn plan
and chart is measured in the page and written to test-artifacts/latency.txt. Every
request to a host other than 127.0.0.1 is blocked.
"""

from __future__ import annotations

import os
import shutil
import statistics
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from .conftest import REPO_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(400)]

APP = REPO_ROOT / "notebooks" / "app.ipynb"
LOAD_BARS = '.wb-load-chart svg.marks [aria-roledescription="bar"]'
BLOCKS = ".wb-week-grid .wb-block"
PLAN_TIMEOUT = 120_000  # [ms] a cold kernel on a busy machine
TARGET_MS = 1_000  # [ms] widget change -> plan and chart on screen, one week


def _section(page: Page, title: str) -> None:
    """Open one section of the assessment accordion."""
    header = page.locator(".wb-form-sections .jupyter-widget-Collapse-header", has_text=title)
    contents = header.locator("xpath=..").locator(".jupyter-widget-Collapse-contents")
    if not contents.is_visible():
        header.click()
    expect(contents).to_be_visible()


def _stamp(page: Page) -> int:
    return int(page.locator(".wb-status .wb-plan-stamp").get_attribute("data-n"))


def _wait_for_plan_after(page: Page, stamp: int, timeout: float = PLAN_TIMEOUT) -> None:
    page.wait_for_function(
        "n => Number(document.querySelector('.wb-status .wb-plan-stamp')?.dataset.n) > n",
        arg=stamp,
        timeout=timeout,
    )


def _set_weeks(page: Page, weeks: int) -> None:
    stamp = _stamp(page)
    readout = page.locator(".wb-weeks .widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(str(weeks))
    page.keyboard.press("Enter")
    _wait_for_plan_after(page, stamp)
    expect(page.locator(LOAD_BARS)).to_have_count(weeks, timeout=PLAN_TIMEOUT)


def _enter(page: Page, css: str, value: str) -> None:
    box = page.locator(f"{css} input")
    box.fill(value)
    box.press("Enter")


def _timed_change(page: Page, css: str, value: str) -> float:
    """Type ``value`` into the number box ``css`` and press Enter; ms to the new plan and chart.

    Both times are taken in the page (performance.now): the keydown of Enter, and the
    later of the plan stamp in the status line going up and the load chart's SVG being
    replaced.
    """
    page.evaluate(
        """() => {
            const status = document.querySelector('.wb-status');
            const chart = document.querySelector('.wb-load-chart');
            const stamp = () => Number(status.querySelector('.wb-plan-stamp')?.dataset.n ?? -1);
            const before = stamp();
            const wb = {pressed: null, planned: null, drawn: null};
            window.__wb = wb;
            document.addEventListener('keydown', (e) => {
                if (e.key === 'Enter' && wb.pressed === null) wb.pressed = performance.now();
            }, {capture: true});
            new MutationObserver((_, observer) => {
                if (wb.pressed !== null && stamp() > before) {
                    wb.planned = performance.now();
                    observer.disconnect();
                }
            }).observe(status, {childList: true, subtree: true, characterData: true});
            new MutationObserver((_, observer) => {
                if (wb.pressed !== null) {
                    wb.drawn = performance.now();
                    observer.disconnect();
                }
            }).observe(chart, {childList: true, subtree: true});
        }"""
    )
    _enter(page, css, value)
    page.wait_for_function(
        "window.__wb.planned !== null && window.__wb.drawn !== null", timeout=PLAN_TIMEOUT
    )
    return page.evaluate("Math.max(window.__wb.planned, window.__wb.drawn) - window.__wb.pressed")


def _record_latency(artifacts_dir: Path, front_end: str, latencies: list[float]) -> str:
    line = (
        f"{front_end}: widget change -> new 1-week plan and redrawn load chart "
        f"(runner-returning, built-in catalog, 0.15 s debounce included): "
        f"median {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms, "
        f"runs {', '.join(f'{ms:.0f}' for ms in latencies)} ms; target <= {TARGET_MS} ms"
    )
    path = artifacts_dir / "latency.txt"
    lines = path.read_text().splitlines() if path.exists() else []
    lines = [ln for ln in lines if not ln.startswith(f"{front_end}:")] + [line]
    path.write_text("\n".join(sorted(lines)) + "\n")
    print("\n" + line)
    return line


def _check_plan_grid_and_chart(page: Page, weeks: int) -> None:
    expect(page.locator(LOAD_BARS)).to_have_count(weeks, timeout=PLAN_TIMEOUT)
    page.locator(".wb-load-chart").scroll_into_view_if_needed()
    expect(page.locator(".wb-load-chart svg.marks")).to_be_visible()
    assert page.locator(BLOCKS).count() > 0
    assert "within the load ceiling" in page.locator(".wb-status").inner_text()
    # the chart is a drawn SVG with marks and its title, not an empty cell
    svg = page.locator(".wb-load-chart svg.marks")
    assert svg.count() == 1
    assert "Weekly load against the ceiling" in svg.text_content()
    assert page.locator('.wb-load-chart svg.marks [role="graphics-symbol"]').count() >= 2 * weeks


def _check_block_reasons(page: Page) -> None:
    first = page.locator(BLOCKS).first
    first.click()
    expect(page.locator(".wb-block-reasons")).to_contain_text("Why it is here")
    expect(page.locator(".wb-block-reasons .wb-reasons li").first).to_be_visible()


def _check_ban(page: Page, artifacts_dir: Path, prefix: str) -> None:
    """Ban a block: the re-plan says what went out and came in, and marks what is new."""
    page.locator(BLOCKS).first.click()
    expect(page.locator(".wb-ban")).to_be_enabled()
    stamp = _stamp(page)
    page.locator(".wb-ban").click()
    _wait_for_plan_after(page, stamp)
    expect(page.locator(".wb-status")).to_contain_text("Re-planned: 1 week changed; week 1:")
    new = page.locator(".wb-week-grid .wb-block.wb-new")
    expect(new.first).to_be_visible()
    colour = new.first.evaluate("e => getComputedStyle(e).borderLeftColor")
    assert colour == "rgb(0, 158, 115)", colour
    expect(page.locator(".wb-block-info")).to_contain_text("edged in green")
    page.screenshot(path=artifacts_dir / f"{prefix}-after-a-ban.png", full_page=True)


def _check_referral(page: Page, artifacts_dir: Path, prefix: str) -> None:
    _section(page, "Red flags and notes")
    stamp = _stamp(page)
    page.locator(".wb-flag-saddle_numbness button[data-value='Yes']").click()
    _wait_for_plan_after(page, stamp)
    referral = page.locator(".wb-referral")
    expect(referral).to_be_visible()
    expect(referral).to_contain_text("Please go to hospital now")
    referral.scroll_into_view_if_needed()
    expect(page.locator(".wb-plan")).to_be_hidden()
    page.screenshot(path=artifacts_dir / f"{prefix}-referral.png", full_page=True)
    stamp = _stamp(page)
    page.locator(".wb-flag-saddle_numbness button[data-value='No']").click()
    _wait_for_plan_after(page, stamp)
    expect(referral).to_be_hidden()
    expect(page.locator(".wb-plan")).to_be_visible()


def _check_refused_in_place(page: Page, artifacts_dir: Path, prefix: str) -> None:
    _section(page, "Client")
    age = page.locator(".wb-field-age input")
    before = age.input_value()
    _enter(page, ".wb-field-age", "200")
    expect(page.locator(".wb-field-age.wb-invalid")).to_be_visible()
    error = page.locator(".wb-form .wb-error", has_text="from 12 to 110")
    expect(error).to_be_visible()
    expect(error).to_contain_text("(got 200)")
    expect(
        page.locator(
            ".wb-form-sections .jupyter-widget-Collapse-header", has_text="Client (1 to fix)"
        )
    ).to_be_visible()
    expect(page.locator(".wb-status")).to_contain_text("Fix the 1 marked field(s)")
    expect(page.locator(".wb-plan")).to_be_hidden()
    page.screenshot(path=artifacts_dir / f"{prefix}-refused-in-place.png", full_page=True)
    _enter(page, ".wb-field-age", before)
    expect(page.locator(".wb-field-age.wb-invalid")).to_have_count(0)
    expect(page.locator(".wb-plan")).to_be_visible(timeout=PLAN_TIMEOUT)


def _check_diagnosis(page: Page, artifacts_dir: Path, prefix: str) -> None:
    stamp = _stamp(page)
    page.locator(".wb-client-picker select").select_option("strength-goal-gym")
    _wait_for_plan_after(page, stamp)
    _section(page, "Goals and preferences")
    stamp = _stamp(page)
    _enter(page, ".wb-field-goals-strength", "600")
    _wait_for_plan_after(page, stamp)
    stamp = _stamp(page)
    page.locator(".wb-hard-goals input[type=checkbox]").check()
    expect(page.locator(".wb-busy")).to_have_text("Planning…")
    _wait_for_plan_after(page, stamp)
    diagnosis = page.locator(".wb-diagnosis")
    expect(diagnosis).to_be_visible()
    expect(diagnosis).to_contain_text("No plan fits every rule")
    expect(diagnosis).to_contain_text("lower the strength goal")
    diagnosis.scroll_into_view_if_needed()
    expect(page.locator(".wb-plan")).to_be_hidden()
    page.screenshot(path=artifacts_dir / f"{prefix}-diagnosis.png", full_page=True)


def _measure(page: Page) -> list[float]:
    """Alternate the training days 2 and 3 (the load must change) and time each re-plan."""
    _section(page, "Schedule and equipment")
    latencies = []
    for days in ("2", "3", "2", "3"):
        latencies.append(_timed_change(page, ".wb-field-max_training_days", days))
    return latencies


def _exercise(page: Page, artifacts_dir: Path, prefix: str) -> list[float]:
    _check_plan_grid_and_chart(page, 4)
    page.screenshot(path=artifacts_dir / f"{prefix}-plan-4-weeks.png", full_page=True)
    _set_weeks(page, 1)
    _check_plan_grid_and_chart(page, 1)
    _check_block_reasons(page)
    latencies = _measure(page)
    page.screenshot(path=artifacts_dir / f"{prefix}-plan-1-week.png", full_page=True)
    _check_ban(page, artifacts_dir, prefix)
    _check_refused_in_place(page, artifacts_dir, prefix)
    _check_referral(page, artifacts_dir, prefix)
    _check_diagnosis(page, artifacts_dir, prefix)
    return latencies


def _run_all(page: Page, attempts: int = 3, started: str = "") -> None:
    """Run All Cells; again if the first click came before the kernel took it (the
    ``started`` prompts: by default a cell running, or the first cell run)."""
    started = started or (
        ".jp-Cell .jp-InputPrompt:has-text('[*]'), .jp-Cell .jp-InputPrompt:has-text('[1]')"
    )
    for attempt in range(attempts):
        page.get_by_role("menubar").get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        try:
            page.locator(started).first.wait_for(state="attached", timeout=20_000)
            return
        except Exception:
            if attempt == attempts - 1:
                raise


#: The app's screenshot in the README and docs. Every browser run takes one into the
#: artifacts folder; it replaces the tracked file only with WORKBENCH_SCREENSHOT=1, so a
#: test run leaves the working tree as it found it.
DOCS_SCREENSHOT = REPO_ROOT / "docs" / "img" / "app.png"


def test_voila_app_plans_refers_and_diagnoses(voila_server, page: Page, artifacts_dir: Path):
    url = voila_server(APP)
    page.goto(url, timeout=PLAN_TIMEOUT)
    page.locator(LOAD_BARS).first.wait_for(timeout=PLAN_TIMEOUT)
    # Voila shows no code
    assert page.locator(".jp-InputArea, .jp-CodeMirrorEditor, .cm-editor").count() == 0

    # the solvers' banner and log never reach the page (they would sit above the title)
    body = page.inner_text("body")
    assert "Running HiGHS" not in body and "Copyright" not in body, body[:300]
    # the README's screenshot, taken here so it shows the app as it is
    page.locator(".wb-load-chart").first.scroll_into_view_if_needed()
    page.evaluate("window.scrollTo(0, 0)")
    shot = DOCS_SCREENSHOT if os.environ.get("WORKBENCH_SCREENSHOT") == "1" else None
    page.screenshot(path=shot or artifacts_dir / "app.png", full_page=False)

    latencies = _exercise(page, artifacts_dir, "voila-app")

    _record_latency(artifacts_dir, "voila", latencies)
    # the target holds for the median; one slow run on a busy machine is tolerated
    assert statistics.median(latencies) <= TARGET_MS, latencies
    # nothing leaves the machine (the workbench's Voila template drops the CDN links)
    assert not page.blocked_requests, page.blocked_requests


def test_jupyterlab_app_plans_refers_and_diagnoses(
    jupyterlab_server, page: Page, artifacts_dir: Path, tmp_path: Path
):
    shutil.copy(APP, tmp_path / APP.name)  # Lab saves what it opens: give it a copy
    lab = jupyterlab_server(tmp_path)
    page.goto(lab.lab_url(APP.name), timeout=PLAN_TIMEOUT)
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=PLAN_TIMEOUT)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(
        timeout=PLAN_TIMEOUT
    )
    _run_all(page)
    # Lab skips drawing what is off screen (content-visibility), so wait for the DOM.
    # A run that starts before Lab's widget manager listens for the kernel's widgets
    # shows "Error displaying widget: model not found" (seen once in a fresh-clone run):
    # running the cells again, now that it listens, shows the app.
    # A part of the app can miss its model the same way and show Lab's placeholder
    # ("Click to show javascript error.", seen once on the form in a fresh-clone run)
    # while the plan beside it is drawn: wait for every part, and run again on either.
    bars = page.locator(LOAD_BARS).first
    missed = page.get_by_text("Error displaying widget").or_(
        page.get_by_text("Click to show javascript error")
    )
    for part in (bars, page.locator(".wb-form-sections"), page.locator(".wb-weeks")):
        part.first.or_(missed.first).first.wait_for(state="attached", timeout=PLAN_TIMEOUT)
    if missed.count():
        _run_all(page, started=".jp-Cell .jp-InputPrompt:has-text('[*]')")
        expect(missed).to_have_count(0, timeout=PLAN_TIMEOUT)
        bars.wait_for(state="attached", timeout=PLAN_TIMEOUT)
        page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(
            timeout=PLAN_TIMEOUT
        )

    # no solver banner or log among the notebook's outputs
    outputs = page.locator(".jp-OutputArea").all_inner_texts()
    assert not any("Running HiGHS" in o or "Copyright" in o for o in outputs), outputs[:3]
    latencies = _exercise(page, artifacts_dir, "jupyterlab-app")

    _record_latency(artifacts_dir, "jupyterlab", latencies)
    assert statistics.median(latencies) <= TARGET_MS, latencies
    assert not page.blocked_requests, page.blocked_requests
