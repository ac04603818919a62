"""The Follow up view's wiring without a browser, on real SQLite stores in ``tmp_path``.

A trainer never needs code: an empty store offers the form's client and the example; a
client gets a program with one button; a refused log entry shows its problems beside the
fields and saves nothing; a painful session turns the week red with its reasons; Accept
re-plans (the next week's ceiling lower, the exercise that hurt gone), and an override
without a reason is refused in place. The charts' words pass the language check. The
browser test (tests/ui/browser/test_follow_up_browser.py) checks the same wiring in a page.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.catalog import builtin_catalog
from workbench.client.examples import example_client
from workbench.language import find_threat_words
from workbench.records.store import Store
from workbench.ui.follow_up import FollowUpView
from workbench.ui.follow_up_charts import CHART_TITLES, PAIN_SERIES
from workbench.ui.follow_up_tab import TAB_TITLES

CLIENT = "runner-returning"
MONDAY = date(2026, 11, 2)
TODAY = MONDAY + timedelta(days=4)  # the Friday of program week 1


@pytest.fixture(scope="module")
def catalog():
    return builtin_catalog()


def _started(tmp_path, catalog) -> FollowUpView:
    """A view on a new store with the example client added from "the form" and a
    program started on MONDAY, through the view's own buttons."""
    view = FollowUpView(
        tmp_path / "store.sqlite",
        catalog,
        client_source=lambda: example_client(CLIENT),
        today=TODAY,
        program_weeks=3,  # a short program plans fast; the loop's tests cover 12 weeks
    )
    view.add_from_form.click()
    view.start_on.value = MONDAY
    view.start_button.click()
    assert view.error is None, view.error
    return view


def _good_entry(**changes) -> dict:
    entry = {
        "status": "done",
        "minutes": 30,
        "effort": 4,
        "pain_before": 2,
        "pain_during": 3,
        "pain_after": 2,
        "next_morning_pain": 2,
        "next_morning_stiffness": 2,
        "notes": "",
    }
    entry.update(changes)
    return entry


def test_an_empty_store_offers_the_form_client_and_the_example(tmp_path, catalog):
    view = FollowUpView(tmp_path / "empty.sqlite", catalog, client_source=lambda: None)
    assert view.client_picker.options == ()
    assert "No clients in this store yet" in view.empty.value
    assert view.add_from_form.layout.display != "none"
    assert view.load_example.layout.display != "none"
    assert view.client_box.layout.display == "none"
    # without a form (the view on its own) only the example is offered
    alone = FollowUpView(tmp_path / "empty2.sqlite", catalog)
    assert alone.add_from_form.layout.display == "none"


def test_the_form_client_gets_a_program_and_its_week_shows(tmp_path, catalog):
    view = _started(tmp_path, catalog)
    with Store.open(tmp_path / "store.sqlite") as store:
        planned = store.sessions(CLIENT, week=1)
        assert store.current_plan(CLIENT) is not None
    assert view.client_id == CLIENT
    assert view.week.value == 1
    assert planned and set(view.forms) == {s.id for s in planned}
    assert view.client_box.layout.display == ""
    assert view.start_box.layout.display == "none"
    assert "Not logged yet" in view.sessions_box.children[0].children[1].value


_SHARED: dict[str, FollowUpView] = {}


@settings(max_examples=20, deadline=None)
@given(
    field=st.sampled_from(
        [
            "effort",
            "pain_before",
            "pain_during",
            "pain_after",
            "next_morning_pain",
            "next_morning_stiffness",
        ]
    ),
    bad=st.one_of(st.integers(11, 1000), st.integers(-1000, -1), st.just("a lot")),
)
def test_a_refused_entry_shows_beside_its_field_and_saves_nothing(field, bad):
    if "view" not in _SHARED:  # one store for every example: a refused entry changes nothing
        import tempfile
        from pathlib import Path

        _SHARED["view"] = _started(Path(tempfile.mkdtemp()), builtin_catalog())
    view = _SHARED["view"]
    before = len(view.store.logs(CLIENT))
    session_id, form = next(iter(view.forms.items()))
    form.fill(_good_entry(**{field: bad}))
    form.save.click()
    assert set(form.problems) == {field}, form.problems
    assert "wb-invalid" in form.fields[field].widget._dom_classes
    assert "Not saved" in view.message.value
    assert len(view.store.logs(CLIENT)) == before
    # corrected, it saves, and the error beside the field goes
    form.fill({field: 3})
    form.save.click()
    assert form.problems == {}
    logs = view.store.logs(CLIENT)
    assert len(logs) == before + 1 and logs[-1].session_id == session_id


def test_a_hurting_exercise_outside_the_session_is_refused(tmp_path, catalog):
    view = _started(tmp_path, catalog)
    form = next(iter(view.forms.values()))
    form.fill(_good_entry())
    form.hurt.options = [*form.hurt.options, ("somewhere else", "not-in-this-session")]
    form.hurt.value = ("not-in-this-session",)
    form.save.click()
    assert "hurt" in form.problems
    assert view.store.logs(CLIENT) == []


def _log_painful_week(view: FollowUpView) -> str:
    """Log every session of the week; the first one hurts on its first exercise."""
    sessions = view.store.sessions(CLIENT, week=view.week.value)
    hurt = sessions[0].exercises[0]
    for i, s in enumerate(sessions):
        entry = _good_entry(pain_during=8, pain_after=6, next_morning_pain=6, hurt=[hurt])
        view.forms[s.id].fill(entry if i == 0 else _good_entry())
        view.forms[s.id].save.click()
        assert view.forms.get(s.id) is None or view.forms[s.id].problems == {}
    return hurt


def _log_calm_week(view: FollowUpView) -> None:
    """Log every session of the week done, pain within the safe 0-2 and settled by morning."""
    calm = {k: 2 for k in ("pain_before", "pain_during", "pain_after", "next_morning_pain")}
    for s in view.store.sessions(CLIENT, week=view.week.value):
        view.forms[s.id].fill(_good_entry(**calm))
        view.forms[s.id].save.click()
        assert view.forms[s.id].problems == {}


def test_a_painful_week_is_red_and_accept_replans_without_the_exercise(tmp_path, catalog):
    view = _started(tmp_path, catalog)
    panel = view.review_panel
    panel.by.value = "Sam"
    _log_calm_week(view)  # week 1 green: accepted, the load rises
    assert panel.review.light.value == "green", panel.review.reasons
    panel.accept.click()
    assert view.error is None, view.error
    assert view.week.value == 2
    hurt = _log_painful_week(view)  # week 2: one session hurt, pain up 2+ points
    assert panel.review is not None and panel.review.light.value == "red"
    assert panel.review.decision.value == "regress", panel.review.reasons
    assert "wb-light-red" in panel.light._dom_classes
    assert panel.reasons.value  # the reasons are said
    assert panel.answer.layout.display == ""
    ceiling = panel.review.ceiling
    panel.accept.click()
    assert view.error is None, view.error
    reviews = view.store.reviews(CLIENT)
    assert [(r.week, r.accepted_by) for r in reviews] == [(1, "Sam"), (2, "Sam")]
    assert view.week.value == 3
    assert panel.next.layout.display == ""
    assert reviews[-1].ceiling < ceiling
    assert f"data-ceiling='{reviews[-1].ceiling:.1f}'" in panel.next.value
    week3 = view.store.sessions(CLIENT, week=3)
    assert week3 and all(hurt not in s.exercises for s in week3)
    assert set(view.forms) == {s.id for s in week3}  # the new week's sessions, to log


def test_an_override_needs_a_reason_and_is_refused_in_place(tmp_path, catalog):
    view = _started(tmp_path, catalog)
    _log_painful_week(view)
    panel = view.review_panel
    assert panel.review.decision.value == "hold"  # one red week holds the load
    panel.override_decision.value = "regress"
    panel.override_reason.value = ""
    panel.override.click()
    assert panel.override_error.value
    assert "wb-invalid" in panel.override_reason._dom_classes
    assert view.store.reviews(CLIENT) == []
    panel.override_reason.value = "they slept badly; the pain settled by the evening"
    panel.override.click()
    [record] = view.store.reviews(CLIENT)
    assert record.decision == "regress" and record.proposed == "hold"
    assert record.override_reason.startswith("they slept badly")


def test_a_reviewed_week_shows_what_was_decided(tmp_path, catalog):
    view = _started(tmp_path, catalog)
    _log_painful_week(view)
    view.review_panel.accept.click()
    view.week.value = 1
    assert view.review_panel.answer.layout.display == "none"
    assert "accepted by trainer" in view.review_panel.light.value


def test_the_charts_show_after_logging(tmp_path, catalog):
    view = _started(tmp_path, catalog)
    _log_painful_week(view)
    assert "<svg" in view.load_pane.value
    assert "<svg" in view.pain_pane.value
    assert "<svg" in view.adherence_pane.value


def test_the_words_the_client_may_see_are_calm():
    words = [*CHART_TITLES.values(), *PAIN_SERIES.values(), *TAB_TITLES]
    for text in words:
        assert find_threat_words(text) == [], text


def test_the_app_has_a_follow_up_tab_opened_on_demand(tmp_path, monkeypatch):
    from workbench.ui.app import DesignApp

    monkeypatch.setenv("WORKBENCH_STORE", str(tmp_path / "app.sqlite"))
    app = DesignApp(example=CLIENT, weeks=1, debounce_s=None)
    assert app.tabs.titles == TAB_TITLES
    assert app.tabs.follow_up is None  # no store opened until asked for
    view = app.tabs.open_follow_up()
    assert view.store_path.value == str(tmp_path / "app.sqlite")
    view.add_from_form.click()
    assert view.client_id == app.form.value.id
