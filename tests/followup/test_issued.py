"""A store client's program handed over as issued, on a real SQLite file: the issued weeks
(re-plans included), its start and logs; the calendar's UIDs kept across a re-plan."""

from __future__ import annotations

from datetime import UTC, date

import icalendar
import pytest

import workbench as wb
from workbench.followup.issued import issued_program
from workbench.followup.loop import accept_review, propose_review, record_log, start_program
from workbench.handover.calendar import plan_ics
from workbench.handover.document import program_result

START = date(2026, 12, 7)
CLIENT = "desk-worker-flexion"


@pytest.fixture(scope="module")
def catalog():
    return wb.builtin_catalog()


@pytest.fixture(scope="module")
def program(tmp_path_factory, catalog):
    """A 4-week program: issued, then week 1 logged, reviewed and accepted (a re-plan)."""
    store = wb.Store.open(tmp_path_factory.mktemp("issued") / "studio.sqlite")
    store.add_client(wb.example_client(CLIENT), assessed_on=START)
    result, issued = start_program(store, CLIENT, catalog, start=START, weeks=4)
    before = issued_program(store, CLIENT, catalog)
    for s in store.sessions(CLIENT, week=1):
        record_log(store, CLIENT, dict(status="done", minutes=s.minutes, effort=3, pain_before=2,
                                       pain_during=2, pain_after=2, next_morning_pain=2,
                                       next_morning_stiffness=2), session_id=s.id)  # fmt: skip
    accepted = accept_review(
        store, CLIENT, catalog, propose_review(store, CLIENT, catalog), by="Sam"
    )
    assert accepted.plan is not None and accepted.plan.first_week == 2
    after = issued_program(store, CLIENT, catalog)
    yield dict(store=store, result=result, before=before, after=after, replan=accepted)
    store.close()


def _days(result) -> dict:
    return {(w.week, d.day.value): [b.exercise_id for b in d.blocks] for w in result.weeks
            for d in w.days if d.blocks}  # fmt: skip


def test_the_first_issue_is_the_plan_as_made(program):
    got = program["before"]
    assert got.result.planned and got.start == START and got.sequence == 0
    assert got.result.to_json()["weeks"] == program["result"].to_json()["weeks"]
    assert got.plan_key == "p1" and got.logs == () and got.paused == ()


def test_after_a_re_plan_each_week_comes_from_the_newest_plan_covering_it(program):
    store, got = program["store"], program["after"]
    stored = {(s.week, s.day): list(s.exercises) for s in store.sessions(CLIENT)}
    assert _days(got.result) == stored  # the sessions the store schedules, week by week
    assert [w.week for w in got.result.weeks] == [1, 2, 3, 4]
    assert got.sequence == 1 and got.plan_key == program["before"].plan_key
    assert got.stamp == program["replan"].plan.issued_at.replace(tzinfo=UTC, microsecond=0)
    assert len(got.logs) == len(store.sessions(CLIENT, week=1))


def test_importing_the_re_planned_calendar_updates_the_same_events(program, catalog):
    before, after = program["before"], program["after"]

    def uids(p):
        data = plan_ics(p.result, p.client, catalog, start=p.start, plan_key=p.plan_key,
                        stamp=p.stamp, sequence=p.sequence)  # fmt: skip
        return {str(e["uid"]): int(e["sequence"]) for e in
                icalendar.Calendar.from_ical(data).walk("VEVENT")}  # fmt: skip

    old, new = uids(before), uids(after)
    same_days = set(_days(before.result)) & set(_days(after.result))
    assert same_days and {f"{CLIENT}-p1-w{w}-{d}@workbench" for w, d in same_days} <= set(
        old
    ) & set(new)
    assert set(new.values()) == {1} and set(old.values()) == {0}


def test_a_re_export_reads_the_same_program(program, catalog):
    again = issued_program(program["store"], CLIENT, catalog)
    assert again == program["after"]


def test_a_client_answering_yes_to_a_red_flag_gets_no_program(tmp_path, catalog):
    store = wb.Store.open(tmp_path / "s.sqlite")
    store.add_client(wb.example_client(CLIENT))
    start_program(store, CLIENT, catalog, start=START, weeks=2)
    client = store.current_client(CLIENT)
    flag = next(iter(client.red_flags))
    wb.answer_red_flags(store, CLIENT, {flag: True})
    got = issued_program(store, CLIENT, catalog)
    assert str(got.result.status) == "referred" and not got.result.weeks
    out = wb.export_plan(got.result, got.client, catalog, wb.EXPORT_KINDS, start=got.start,
                         out_dir=tmp_path / "out")  # fmt: skip
    assert [p.name for p in out] == [f"{CLIENT}-brief.html"]
    store.close()


def test_no_program_yet_is_a_clear_error(tmp_path, catalog):
    store = wb.Store.open(tmp_path / "s.sqlite")
    store.add_client(wb.example_client(CLIENT))
    with pytest.raises(ValueError, match="no program yet"):
        issued_program(store, CLIENT, catalog)
    store.close()


def test_a_document_reads_back_as_the_same_weeks(program):
    doc = program["result"].to_json()
    assert program_result([(1, doc)]).to_json()["weeks"] == doc["weeks"]
    shifted = program_result([(1, doc), (3, {"weeks": doc["weeks"][:1]})])
    assert [w.week for w in shifted.weeks] == [1, 2, 3, 4]
    assert shifted.weeks[2].days == program["result"].weeks[0].days


def test_a_paused_plan_hands_over_no_program(tmp_path, catalog):
    store = wb.Store.open(tmp_path / "s.sqlite")
    store.add_client(wb.example_client(CLIENT))
    start_program(store, CLIENT, catalog, start=START, weeks=2)
    first = store.sessions(CLIENT, week=1)[0]
    logged = record_log(store, CLIENT, {"status": "done", "minutes": 30, "effort": 3,
                                        "pain_during": 2,
                                        "notes": "new numbness in my left foot since yesterday"},
                        session_id=first.id)  # fmt: skip
    assert logged.suspended
    got = issued_program(store, CLIENT, catalog)
    assert got.paused and not got.result.planned and not got.result.weeks
    out = wb.export_plan(got.result, got.client, catalog, wb.EXPORT_KINDS, start=got.start,
                         out_dir=tmp_path / "out", logs=got.logs)  # fmt: skip
    assert [p.name for p in out] == [f"{CLIENT}-brief.html"]
    store.close()
