"""The doctor's answer into the clearance, and the re-made plan honouring it."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import doctor_answers

import workbench as wb
from workbench.domain import Discipline


@cache
def catalog():
    return wb.builtin_catalog()


def blocks(result):
    return [b for w in result.weeks for d in w.days for b in d.blocks]


ANSWER = {"cleared": "yes", "by": "Dr A. Okafor (GP)", "date": "2026-12-01"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["pool-only", "strength-goal-gym", "new-pain-55-no-clearance"]),
    data=st.data(),
)
def test_the_re_made_plan_honours_the_answer(name, data):
    client = wb.example_client(name)
    answer = data.draw(doctor_answers(sorted(catalog().ids)))
    assert wb.answer_errors(answer, catalog()) == []
    cleared = wb.apply_doctor_answer(client, wb.parse_answer(answer, catalog()))
    c = cleared.clearance
    assert c.cleared and c.by == answer["by"] and c.date == answer["date"]
    assert c.notes.startswith(f"Doctor's answer of {answer['date']}:")
    result = wb.plan(cleared, catalog(), wb.PlanOptions(weeks=2))
    assert result.status in ("planned", "infeasible")
    assert wb.verify_plan(result, cleared, catalog(), wb.PlanOptions(weeks=2)) == []
    for b in blocks(result):
        assert b.discipline.value not in answer["avoid_disciplines"]
        assert b.exercise_id not in answer["avoid_exercises"]
        assert answer["max_rpe"] is None or b.rpe <= answer["max_rpe"]


def test_a_no_gives_no_program():
    client = wb.example_client("desk-worker-flexion")
    assert wb.plan(client, catalog(), wb.PlanOptions(weeks=1)).planned
    no = wb.apply_doctor_answer(client, {**ANSWER, "cleared": "no", "notes": "Review in 6 weeks"})
    assert no.clearance.notes == "Doctor's answer of 2026-12-01: Review in 6 weeks"
    result = wb.plan(no, catalog(), wb.PlanOptions(weeks=1))
    assert result.status == "needs_clearance" and result.weeks == ()


def test_the_answer_replaces_the_clearance_and_keeps_what_it_does_not_say():
    client = wb.example_client("older-walker-extension")
    before = client.clearance
    after = wb.apply_doctor_answer(client, {**ANSWER, "avoid_disciplines": ["dance"]})
    assert client.clearance == before  # pure
    assert after.clearance.banned_disciplines == {Discipline.DANCE}
    assert after.clearance.banned_exercises == frozenset() and after.clearance.max_rpe is None
    assert after.clearance.covers == before.covers
    given_covers = wb.apply_doctor_answer(client, {**ANSWER, "covers": ["osteoporosis"]})
    assert given_covers.clearance.covers == {"osteoporosis"}


def fields(problems):
    return [p.field for p in problems]


def test_an_exercise_not_in_the_catalog_is_named_with_the_closest_ids():
    problems = wb.answer_errors({**ANSWER, "avoid_exercises": "gym-crunchh"}, catalog())
    assert fields(problems) == ["avoid_exercises"]
    assert "'gym-crunchh'" in problems[0].reason and "gym-crunch" in problems[0].allowed


def test_a_discipline_not_known_lists_the_disciplines():
    problems = wb.answer_errors({**ANSWER, "avoid_disciplines": "yoga, rowing"}, catalog())
    assert fields(problems) == ["avoid_disciplines"]
    assert "'rowing'" in problems[0].reason
    assert set(problems[0].allowed) == {d.value for d in Discipline}


@given(st.floats(allow_nan=True) | st.integers() | st.text(max_size=5))
def test_an_effort_outside_0_to_10_is_refused(value):
    problems = wb.answer_errors({**ANSWER, "max_rpe": value}, catalog())
    try:
        ok = 0 <= float(value) <= 10
    except (TypeError, ValueError):
        ok = value == ""
    assert fields(problems) == ([] if ok else ["max_rpe"])
    if not ok:
        assert "0-10" in problems[0].reason


@pytest.mark.parametrize("missing", ["by", "date", "cleared"])
def test_who_and_when_are_required(missing):
    answer = {k: v for k, v in ANSWER.items() if k != missing}
    problems = wb.answer_errors(answer, catalog())
    assert fields(problems) == [missing]
    with pytest.raises(wb.AnswerError, match=missing):
        wb.parse_answer(answer, catalog())


@pytest.mark.parametrize("field", ["by", "notes"])
def test_a_nul_character_is_refused_at_its_field(field):
    problems = wb.answer_errors({**ANSWER, field: "Dr A\x00"}, catalog())
    assert fields(problems) == [field] and "NUL character" in problems[0].reason


def test_every_problem_at_once_in_the_brief_s_order():
    problems = wb.answer_errors(
        {"cleared": "maybe", "avoid_exercises": ["nope"], "max_rpe": 11, "by": " ", "x": 1},
        catalog(),
    )
    assert fields(problems) == ["cleared", "avoid_exercises", "max_rpe", "by", "date", "x"]
    assert problems[0].allowed == ("yes", "no")


def test_a_client_waiting_for_clearance_is_planned_within_the_answer():
    client = wb.example_client("new-pain-55-no-clearance")
    assert wb.plan(client, catalog(), wb.PlanOptions(weeks=3)).status == "needs_clearance"
    answer = {**ANSWER, "avoid_disciplines": "running", "avoid_exercises": "yoga-cat-cow",
              "max_rpe": "4"}  # fmt: skip
    cleared = wb.apply_doctor_answer(client, wb.parse_answer(answer, catalog()))
    result = wb.plan(cleared, catalog(), wb.PlanOptions(weeks=3))
    assert result.planned and wb.verify_plan(result, cleared, catalog()) == []
    assert all(b.rpe <= 4 and b.exercise_id != "yoga-cat-cow" for b in blocks(result))
    assert all(b.discipline is not Discipline.RUNNING for b in blocks(result))
