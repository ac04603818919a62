"""The follow-up loop on a real SQLite file: a client over three weeks, start to re-plan."""

from __future__ import annotations

from datetime import date

import pytest

import workbench as wb
from workbench.followup.loop import (
    accept_review,
    answer_red_flags,
    propose_review,
    record_log,
    start_program,
)
from workbench.planning.planner import PlanOptions

START = date(2026, 12, 7)  # a Monday
CLIENT = "desk-worker-flexion"


def _log_week(store, week, *, pain, hurt_first=False):
    for s in store.sessions(CLIENT, week=week):
        entry = dict(
            status="done", minutes=s.minutes, effort=3, pain_before=2, pain_during=pain,
            pain_after=2, next_morning_pain=2, next_morning_stiffness=2,
        )  # fmt: skip
        if hurt_first:
            entry["hurt"] = [s.exercises[0]]
        record_log(store, CLIENT, entry, session_id=s.id)


@pytest.fixture(scope="module")
def catalog():
    return wb.builtin_catalog()


@pytest.fixture(scope="module")
def course3(tmp_path_factory, catalog):
    """Week 1 green and accepted, week 2 painful and accepted: the store and what came back."""
    store = wb.Store.open(tmp_path_factory.mktemp("loop") / "studio.sqlite")
    store.add_client(wb.example_client(CLIENT), assessed_on=START)
    result, issued = start_program(store, CLIENT, catalog, start=START, weeks=12)
    week1 = store.sessions(CLIENT, week=1)
    _log_week(store, 1, pain=2)
    r1 = propose_review(store, CLIENT, catalog)
    a1 = accept_review(store, CLIENT, catalog, r1, by="Sam")
    _log_week(store, 2, pain=7, hurt_first=True)
    r2 = propose_review(store, CLIENT, catalog)
    a2 = accept_review(store, CLIENT, catalog, r2, by="Sam")
    yield dict(store=store, issued=issued, week1=week1, r1=r1, a1=a1, r2=r2, a2=a2)
    store.close()


def test_the_program_is_issued_on_calendar_dates(course3):
    store, issued = course3["store"], course3["issued"]
    assert issued.weeks == 12 and issued.start_date == START
    for s in store.sessions(CLIENT):
        assert s.on.weekday() == wb.Day(s.day).index
        assert 0 <= (s.on - START).days - 7 * (s.week - 1) < 7


def test_a_green_week_progresses_by_at_most_the_weekly_rise(course3):
    r1, a1 = course3["r1"], course3["a1"]
    rise = wb.resolve().weekly_rise
    assert r1.week == 1 and r1.light is wb.Light.GREEN and r1.decision is wb.Decision.PROGRESS
    assert r1.ceiling < r1.next_ceiling <= r1.ceiling * (1 + rise) + 1e-6
    assert a1.plan.first_week == 2 and a1.record.accepted_by == "Sam"
    week2 = a1.result.weeks[0]
    assert week2.ceiling == pytest.approx(r1.next_ceiling, abs=0.1)
    assert week2.load <= r1.next_ceiling + 1e-6


def test_a_painful_week_regresses_and_the_hurting_exercise_is_gone(course3, catalog):
    store, r2, a2 = course3["store"], course3["r2"], course3["a2"]
    assert r2.light is wb.Light.RED and r2.decision is wb.Decision.REGRESS
    assert r2.next_ceiling < r2.ceiling
    hurt = {x.exercise_id for x in r2.rested}
    assert hurt and any("7/10" in reason for reason in r2.reasons)
    nxt = {x for s in store.sessions(CLIENT, week=3) for x in s.exercises}
    assert nxt and not (hurt & nxt)
    assert all(w.load <= w.ceiling + 1e-6 for w in a2.result.weeks)
    assert a2.result.weeks[0].ceiling == pytest.approx(r2.next_ceiling, abs=0.1)
    options = PlanOptions.from_json(a2.plan.options)
    assert wb.verify_plan(a2.result, store.current_client(CLIENT), catalog, options) == []


def test_weeks_done_stay_exactly_as_issued(course3):
    store = course3["store"]
    assert store.sessions(CLIENT, week=1) == course3["week1"]
    plans = store.plans(CLIENT)
    assert [p.first_week for p in plans] == [1, 2, 3]
    assert plans[2].replaces == plans[1].id and plans[2].review_id is not None
    assert {s.plan_id for s in store.sessions(CLIENT, week=2)} == {plans[1].id}


def test_an_override_needs_a_reason_and_writes_nothing(course3, catalog):
    store = course3["store"]
    review = propose_review(store, CLIENT, catalog, 2)
    before = (len(store.reviews(CLIENT)), len(store.plans(CLIENT)))
    with pytest.raises(ValueError, match="reason"):
        accept_review(store, CLIENT, catalog, review, by="Sam", decision=wb.Decision.PROGRESS)
    assert (len(store.reviews(CLIENT)), len(store.plans(CLIENT))) == before


def test_an_override_is_stored_with_its_reason(tmp_path, catalog):
    store = wb.Store.open(tmp_path / "s.sqlite")
    store.add_client(wb.example_client(CLIENT))
    start_program(store, CLIENT, catalog, start=START, weeks=3)
    _log_week(store, 1, pain=2)
    review = propose_review(store, CLIENT, catalog)
    assert review.decision is wb.Decision.PROGRESS
    got = accept_review(
        store, CLIENT, catalog, review, by="Sam", decision=wb.Decision.HOLD, reason="a busy week"
    )
    assert got.record.proposed == "progress" and got.record.decision == "hold"
    assert got.record.override_reason == "a busy week"
    assert got.record.ceiling == pytest.approx(review.ceiling)
    assert got.result.weeks[0].ceiling == pytest.approx(review.ceiling, abs=0.1)


def test_a_bad_log_writes_nothing(course3):
    store = course3["store"]
    session = store.sessions(CLIENT, week=3)[0]
    before = len(store.logs(CLIENT))
    with pytest.raises(wb.LogError) as err:
        record_log(store, CLIENT, {"status": "done", "minutes": 30, "effort": 3,
                                   "pain_during": 12, "hurt": ["not-an-exercise"]},
                   session_id=session.id)  # fmt: skip
    fields = {p.field for p in err.value.problems}
    assert {"pain_during", "hurt"} <= fields
    assert len(store.logs(CLIENT)) == before


def test_a_red_flag_note_pauses_the_plan_until_answered(tmp_path, catalog):
    store = wb.Store.open(tmp_path / "s.sqlite")
    store.add_client(wb.example_client(CLIENT))
    start_program(store, CLIENT, catalog, start=START, weeks=4)
    first = store.sessions(CLIENT, week=1)[0]
    logged = record_log(
        store, CLIENT,
        {"status": "done", "minutes": 30, "effort": 3, "pain_during": 2,
         "notes": "new numbness in my left foot since yesterday"},
        session_id=first.id,
    )  # fmt: skip
    assert logged.suspended and logged.flags
    assert wb.program_status(store, CLIENT, today=START).suspended
    review = propose_review(store, CLIENT, catalog, 1)
    assert review.suspended
    plans = len(store.plans(CLIENT))
    got = accept_review(store, CLIENT, catalog, review, by="Sam")
    assert got.plan is None and len(store.plans(CLIENT)) == plans
    result, issued = start_program(store, CLIENT, catalog, start=START, weeks=4)
    assert issued is None and result.status is not wb.PlanStatus.PLANNED and not result.weeks
    with pytest.raises(ValueError, match="reason|paused"):
        accept_review(store, CLIENT, catalog, review, by="Sam", decision=wb.Decision.PROGRESS,
                      reason="they feel fine")  # fmt: skip
    answer_red_flags(store, CLIENT, {key: False for key in logged.flags})
    again = propose_review(store, CLIENT, catalog)
    assert again.week == 1 and not again.suspended
    assert any("answered no" in r for r in again.reasons)
    assert accept_review(store, CLIENT, catalog, again, by="Sam").plan is not None


def test_a_start_that_is_not_a_monday_is_refused(tmp_path, catalog):
    store = wb.Store.open(tmp_path / "s.sqlite")
    store.add_client(wb.example_client(CLIENT))
    with pytest.raises(ValueError, match="2026-12-14"):
        start_program(store, CLIENT, catalog, start=date(2026, 12, 9))
    assert store.plans(CLIENT) == []


def test_status_and_figures_follow_the_logs(course3):
    store = course3["store"]
    status = wb.program_status(store, CLIENT, today=date(2026, 12, 22))
    assert status.week == 3 and status.last_review.week == 2 and status.next_review == 3
    loads = wb.load_frame(store, CLIENT, today=date(2026, 12, 22))
    assert list(loads["week"]) == list(range(1, 13))
    assert loads.loc[0, "logged"] == sum(
        g.load for g in store.logs(CLIENT) if g.on < date(2026, 12, 14)
    )
    assert list(loads["decision"][:2]) == ["progress", "regress"]
    assert len(wb.pain_frame(store, CLIENT)) == len(store.logs(CLIENT))
    shares = wb.adherence(store, CLIENT, today=date(2026, 12, 20))
    assert shares[7] == 1.0 and shares[30] == 1.0


def test_a_reassessment_is_shown_against_the_first_assessment(tmp_path):
    from dataclasses import replace

    store = wb.Store.open(tmp_path / "s.sqlite")
    client = wb.example_client(CLIENT)
    store.add_client(client)
    assert wb.program_status(store, CLIENT).changes == ()
    better = replace(client, pain=replace(client.pain, average_week=client.pain.average_week - 3))
    store.save_assessment(better, kind="reassessment")
    changes = {c.instrument: c for c in wb.program_status(store, CLIENT).changes}
    assert changes["pain"].verdict == "improved"
    assert changes["pain"].now == changes["pain"].baseline - 3


def test_a_session_a_re_plan_replaced_is_refused(course3):
    store = course3["store"]
    first = store.plans(CLIENT)[0].id
    with store._read() as conn:  # a week-3 session of the first plan, since replaced
        from sqlalchemy import select

        import workbench.records.tables as t

        row = conn.execute(
            select(t.sessions.c.id).where(t.sessions.c.plan_id == first, t.sessions.c.week == 3)
        ).first()
    before = len(store.logs(CLIENT))
    with pytest.raises(ValueError, match="replaced by a re-plan of week 3; log session"):
        record_log(store, CLIENT, {"status": "not_done"}, session_id=row.id)
    assert len(store.logs(CLIENT)) == before


def test_every_note_of_the_week_reaches_the_review(tmp_path, catalog):
    store = wb.Store.open(tmp_path / "s.sqlite")
    store.add_client(wb.example_client(CLIENT))
    start_program(store, CLIENT, catalog, start=START, weeks=2)
    first = store.sessions(CLIENT, week=1)[0]
    record_log(store, CLIENT, {"status": "not_done", "notes": "too sore, rested instead"},
               session_id=first.id)  # fmt: skip
    review = propose_review(store, CLIENT, catalog, 1)
    assert 'the client wrote on Monday: "too sore, rested instead"' in review.reasons
