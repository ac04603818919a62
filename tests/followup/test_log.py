"""A session log is checked field by field: every refusal names its field and why, and
nothing out of range gets through; the notes' red-flag and leg-symptom words are found,
and negated ones are not."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.domain import RED_FLAGS, Discipline
from workbench.followup.log import FIELDS, LogError, parse_log
from workbench.followup.notes import LEG_TERMS, log_flags
from workbench.records.models import LogStatus, ScheduledSession, SessionLog

SESSION = ScheduledSession(
    id=7, plan_id=1, client_id="c", week=1, day="tue", on=date(2026, 1, 6),
    exercises=("hip_hinge", "bird_dog"), minutes=30, load=120.0,
)  # fmt: skip
GOOD = {
    "status": "done", "minutes": 30, "effort": 4, "pain_before": 2, "pain_during": 3,
    "pain_after": 2, "next_morning_pain": 2, "next_morning_stiffness": 3,
}  # fmt: skip
RATINGS = ("pain_before", "pain_during", "pain_after", "next_morning_pain",
           "next_morning_stiffness")  # fmt: skip
not_whole_0_10 = st.one_of(
    st.integers(max_value=-1), st.integers(min_value=11), st.sampled_from([2.5, "x", True, [3]])
)
bad_values = st.one_of(
    st.tuples(st.sampled_from(RATINGS), not_whole_0_10),
    st.tuples(
        st.just("minutes"),
        st.one_of(st.integers(max_value=-1), st.integers(min_value=301), st.just(12.5)),
    ),
    st.tuples(
        st.just("effort"),
        st.one_of(
            st.floats(max_value=-0.01), st.floats(min_value=10.01), st.sampled_from(["hard", True])
        ),
    ),
    st.tuples(st.just("status"), st.text().filter(lambda t: t.strip().lower() not in {
        "done", "partly", "not_done", "not done", "not-done"})),
    st.tuples(st.just("on"), st.sampled_from(["2026-13-01", "tuesday", 5])),
    st.tuples(st.just("hurt"), st.sampled_from([["squat"], ["hip_hinge", "plank"]])),
)  # fmt: skip


def test_a_good_log_reads_back_as_entered():
    log = parse_log(GOOD | {"hurt": ["hip_hinge"], "notes": "fine"}, client_id="c", session=SESSION)
    assert log.status is LogStatus.DONE and log.session_id == 7 and log.on == SESSION.on
    assert (log.minutes, log.effort, log.pain_during, log.hurt) == (30, 4.0, 3, ("hip_hinge",))
    assert log.load == 120.0


@given(bad_values)
def test_every_refusal_names_its_field_and_nothing_passes(bad):
    field, value = bad
    with pytest.raises(LogError) as err:
        parse_log(GOOD | {field: value}, client_id="c", session=SESSION)
    fields = [p.field for p in err.value.problems]
    assert field in fields
    assert f"{field}: " in str(err.value)
    assert all(p.reason for p in err.value.problems)


@given(st.lists(st.sampled_from(RATINGS + ("minutes",)), min_size=1, unique=True))
def test_every_problem_is_listed_at_once(fields):
    with pytest.raises(LogError) as err:
        parse_log(GOOD | {f: 99_999 for f in fields}, client_id="c", session=SESSION)
    assert sorted(p.field for p in err.value.problems) == sorted(fields)


def test_the_messages_say_the_range_and_the_allowed_ids():
    with pytest.raises(LogError) as err:
        parse_log(GOOD | {"pain_during": 12, "hurt": ["squat"]}, client_id="c", session=SESSION)
    assert "pain_during: must be a whole number 0-10, got 12" in str(err.value)
    assert "hurt: squat not in this session (its exercises: hip_hinge, bird_dog)" in str(err.value)


def test_effort_is_required_when_done_and_not_when_not_done():
    with pytest.raises(LogError) as err:
        parse_log(GOOD | {"effort": None}, client_id="c", session=SESSION)
    assert [p.field for p in err.value.problems] == ["effort"]
    log = parse_log({"status": "not_done"}, client_id="c", session=SESSION)
    assert log.load == 0.0 and log.pain_during is None and log.effort is None


def test_an_unplanned_log_needs_its_discipline_and_day():
    with pytest.raises(LogError) as err:
        parse_log(GOOD, client_id="c")
    problems = {p.field: p.reason for p in err.value.problems}
    assert set(problems) == {"discipline", "on"}
    assert all(d.value in problems["discipline"] for d in Discipline)
    log = parse_log(GOOD | {"discipline": "walking", "on": "2026-01-08"}, client_id="c")
    assert log.session_id is None and log.on == date(2026, 1, 8) and log.discipline == "walking"


def test_an_unknown_field_is_refused_by_name():
    with pytest.raises(LogError) as err:
        parse_log(GOOD | {"pain": 3}, client_id="c", session=SESSION)
    assert err.value.problems[0].field == "pain"
    assert "status" in err.value.problems[0].reason and set(FIELDS) >= {"hurt", "notes"}


def _notes(text: str) -> SessionLog:
    return SessionLog("c", date(2026, 1, 6), LogStatus.DONE, notes=text)


LEG_WORDS = ["pain spreading down the leg", "shooting down my leg", "new numbness",
             "weakness in my leg", "foot drop", "tingling in both legs"]  # fmt: skip


@given(st.sampled_from(LEG_WORDS), st.sampled_from(["", "Felt ok, then ", "After the walk: "]))
def test_affirmed_leg_symptoms_always_flag_a_neurological_question(words, lead):
    flags = log_flags(_notes(lead + words))
    assert flags and set(flags) <= set(RED_FLAGS)
    assert {"progressive_neuro_deficit", "bilateral_leg_symptoms"} & set(flags)
    assert any(words.lower() in w.lower() or w.lower() in words.lower()
               for ws in flags.values() for w in ws)  # fmt: skip


@given(st.sampled_from(LEG_WORDS + ["numbness", "bladder changes", "fever"]),
       st.sampled_from(["no ", "never had ", "I didn't have ", "without "]))  # fmt: skip
def test_negated_words_never_flag(words, cue):
    assert log_flags(_notes(f"Good session, {cue}{words}.")) == {}


def test_a_plain_note_flags_nothing_and_leg_terms_map_to_known_questions():
    assert log_flags(_notes("Great session, a number of squats felt easy")) == {}
    assert all(k in RED_FLAGS for keys in LEG_TERMS.values() for k in keys)
