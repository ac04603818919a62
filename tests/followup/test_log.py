"""A session log is checked field by field; every problem names its field and reason."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import week_sessions

from workbench.followup.log import FIELDS, LogError, parse_log
from workbench.records.models import LogStatus

SESSION = week_sessions()[0]
GOOD = {"status": "done", "minutes": 30, "effort": 4, "pain_before": 2, "pain_during": 3,
        "pain_after": 2, "next_morning_pain": 2, "next_morning_stiffness": 3}  # fmt: skip
BAD = {
    "status": st.sampled_from(["finished", 3, None]),
    "minutes": st.one_of(st.integers(301, 10_000), st.integers(-100, -1), st.just(12.5)),
    "effort": st.one_of(st.floats(10.01, 1e6), st.floats(-1e6, -0.01), st.just("hard")),
    "pain_during": st.one_of(st.integers(11, 100), st.integers(-10, -1), st.just(4.5)),
    "next_morning_stiffness": st.one_of(st.integers(11, 100), st.just("lots")),
    "hurt": st.just(["not-in-session"]),
    "notes": st.sampled_from(["\x00", "knee ok\x00", 7]),  # NUL: no store keeps it
}


def test_a_good_log_parses():
    log = parse_log(GOOD, client_id="rules", session=SESSION)
    assert log.status is LogStatus.DONE and log.on == SESSION.on and log.load == 120.0


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(BAD)), st.none(), min_size=1).flatmap(
    lambda keys: st.fixed_dictionaries({k: BAD[k] for k in keys})))  # fmt: skip
def test_every_log_error_names_each_bad_field(bad):
    with pytest.raises(LogError) as err:
        parse_log({**GOOD, **bad}, client_id="rules", session=SESSION)
    named = {p.field for p in err.value.problems}
    assert set(bad) <= named
    assert all(p.field in FIELDS for p in err.value.problems)
    for field in bad:
        assert f"{field}: " in str(err.value)


def test_hurt_lists_the_allowed_ids():
    with pytest.raises(LogError, match=r"hurt: squat not in this session \(its exercises: "
                                       r"hinge, breath\)"):  # fmt: skip
        parse_log({**GOOD, "hurt": ["squat"]}, client_id="rules", session=SESSION)


def test_an_unplanned_log_needs_its_discipline_and_day():
    with pytest.raises(LogError) as err:
        parse_log(GOOD, client_id="rules")
    assert {p.field for p in err.value.problems} == {"discipline", "on"}
    assert "walking" in str(err.value)
    log = parse_log({**GOOD, "discipline": "walking", "on": "2026-01-06"}, client_id="rules")
    assert log.session_id is None and log.discipline == "walking"


def test_a_done_session_needs_effort_and_a_not_done_one_may_leave_it_empty():
    with pytest.raises(LogError, match="effort: is required"):
        parse_log({**GOOD, "effort": None}, client_id="rules", session=SESSION)
    log = parse_log({"status": "not_done"}, client_id="rules", session=SESSION)
    assert log.effort is None and log.pain_during is None and log.load == 0
