"""The Follow up tab of the app in a real browser (Voila), on a store made for the test.

Only the wiring is checked here (the logic is tested without a browser in
tests/ui/test_follow_up_view.py): in the Follow up tab the trainer opens the store by its
path, logs a painful session with the exercise that hurt (after a calm week 1, so the pain
rose 2+ points), sees the week turn red with its reason, accepts, and sees the next week's
ceiling lower and that exercise gone from it.
Screenshots go to test-artifacts/ (and /work/shots/ when that folder exists). Every
request to a host other than 127.0.0.1 is blocked.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from workbench.catalog import builtin_catalog
from workbench.client.examples import example_client
from workbench.followup.loop import accept_review, propose_review, record_log, start_program
from workbench.records.store import Store

from .conftest import REPO_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.timeout(400)]

APP = REPO_ROOT / "notebooks" / "app.ipynb"
CLIENT = "runner-returning"
TIMEOUT = 120_000  # [ms] a cold kernel, or a re-plan, on a busy machine
SHOTS = Path("/work/shots")


def _shot(page: Page, artifacts_dir: Path, name: str) -> None:
    page.screenshot(path=artifacts_dir / f"ui-{name}.png", full_page=True)
    if SHOTS.is_dir():
        page.screenshot(path=SHOTS / f"ui-{name}.png", full_page=True)


@pytest.fixture
def store_with_a_program(tmp_path: Path) -> tuple[Path, str, str]:
    """A store with one client whose 3-week program started last week's Monday; week 1
    was logged calm (every session done, pain 2/10, settled by morning) and its review
    (progress) accepted, so this week is week 2. Returns the store's path, week 2's first
    session's first exercise id, and that exercise's name."""
    path = tmp_path / "follow-up.sqlite"
    catalog = builtin_catalog()
    monday = date.today() - timedelta(days=date.today().weekday() + 7)
    calm = {k: 2 for k in ("pain_before", "pain_during", "pain_after", "next_morning_pain")}
    with Store.open(path) as store:
        store.add_client(example_client(CLIENT), assessed_on=monday - timedelta(days=3))
        _result, issued = start_program(store, CLIENT, catalog, start=monday, weeks=3)
        assert issued is not None
        for s in store.sessions(CLIENT, week=1):
            entry = {"status": "done", "minutes": s.minutes, "effort": 4, **calm}
            record_log(store, CLIENT, {**entry, "next_morning_stiffness": 2}, session_id=s.id)
        review = propose_review(store, CLIENT, catalog, 1)
        assert review.decision.value == "progress", review.reasons
        accept_review(store, CLIENT, catalog, review, by="test")
        first = store.sessions(CLIENT, week=2)[0]
    hurt = first.exercises[0]
    return path, hurt, catalog.by_id[hurt].name


def _field(session: Locator, name: str, value: str) -> None:
    box = session.locator(f".wb-fu-field-{name} input")
    box.fill(value)
    box.press("Tab")


def test_voila_follow_up_logs_a_painful_session_and_accepts_the_review(
    voila_server, page: Page, artifacts_dir: Path, store_with_a_program
):
    path, hurt_id, hurt_name = store_with_a_program
    page.goto(voila_server(APP), timeout=TIMEOUT)
    page.locator(".wb-load-chart svg").first.wait_for(timeout=TIMEOUT)  # the app is up

    page.locator(".wb-tabs .lm-TabBar-tab", has_text="Follow up").click()
    store_box = page.locator(".wb-fu-store input")
    store_box.wait_for(timeout=TIMEOUT)
    store_box.fill(str(path))
    page.locator(".wb-fu-open").click()
    session = ".wb-fu-sessions .wb-fu-session >> nth=0"
    page.locator(session).wait_for(timeout=TIMEOUT)
    expect(page.locator(session)).to_contain_text("Not logged yet")
    _shot(page, artifacts_dir, "follow-up-week")

    # a refused entry first: the problem shows beside its field, nothing is saved
    first = page.locator(".wb-fu-session").first
    first.locator(".jupyter-widget-Collapse-header").click()
    _field(first, "pain_during", "12")
    first.locator(".wb-fu-save").click()
    expect(first.locator(".wb-fu-error-pain_during")).not_to_be_empty(timeout=TIMEOUT)
    expect(page.locator(".wb-fu-message")).to_contain_text("Not saved")
    _shot(page, artifacts_dir, "follow-up-refused")

    # the painful session, with the exercise that hurt
    for name, value in (
        ("minutes", "30"),
        ("effort", "5"),
        ("pain_before", "3"),
        ("pain_during", "8"),
        ("pain_after", "6"),
        ("next_morning_pain", "6"),
        ("next_morning_stiffness", "6"),
    ):
        _field(first, name, value)
    first.locator(".wb-fu-field-hurt select").select_option(label=hurt_name)
    first.locator(".wb-fu-save").click()
    expect(page.locator(".wb-fu-message")).to_contain_text("Saved the log", timeout=TIMEOUT)

    light = page.locator(".wb-fu-light.wb-light-red")
    expect(light).to_be_visible(timeout=TIMEOUT)
    expect(light).to_contain_text("red")
    expect(page.locator(".wb-fu-reasons")).not_to_be_empty()
    text = light.inner_text()
    ceiling = float(text.split("ceiling ")[1].split(" AU")[0])
    page.locator(".wb-fu-light").scroll_into_view_if_needed()
    _shot(page, artifacts_dir, "follow-up-red-week")

    page.locator(".wb-fu-accept").click()
    nxt = page.locator(".wb-fu-next")
    expect(nxt).to_be_visible(timeout=TIMEOUT)
    new_ceiling = float(nxt.locator(".wb-fu-next-ceiling").get_attribute("data-ceiling"))
    assert new_ceiling < ceiling, (new_ceiling, ceiling)
    expect(nxt).not_to_contain_text(hurt_name)
    expect(page.locator(".wb-fu-sessions")).not_to_contain_text(hurt_name)
    expect(page.locator(".wb-fu-load-chart svg")).to_be_visible()
    nxt.scroll_into_view_if_needed()
    _shot(page, artifacts_dir, "follow-up-accepted")
    assert not page.blocked_requests, page.blocked_requests
    assert hurt_id  # the exercise id exists in the catalog (its name was found)
