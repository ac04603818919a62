"""The simulated logs and the example story: what the notebook, the app and the benchmark show.

The patterns are properties over any week of scheduled sessions; the story runs the whole
loop (a real SQLite store in a temporary folder, the planner, the review rules) for eight
weeks and checks the decisions a trainer would expect of it.
"""

from __future__ import annotations

from datetime import date, timedelta
from statistics import mean

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import scheduled_weeks

from workbench.client.free_text import affirmed_text
from workbench.defaults import DEFAULTS
from workbench.followup.simulate import (
    PATTERNS,
    example_story,
    simulated_logs,
    story_patterns,
)
from workbench.language import find_threat_words

SAFE = DEFAULTS["pain_safe_max"].value
ACCEPTABLE = DEFAULTS["pain_acceptable_max"].value
RISE = DEFAULTS["weekly_rise"].value

seeds = st.integers(min_value=0, max_value=10_000)


def done(entries):
    return [e for e in entries if e["status"] == "done"]


# ------------------------------------------------------------------ the patterns


@given(week=scheduled_weeks(), pattern=st.sampled_from(PATTERNS), seed=seeds)
def test_one_entry_per_session_the_same_for_a_seed(week, pattern, seed):
    entries = simulated_logs(week, pattern, seed=seed)
    assert [e["session_id"] for e in entries] == [s.id for s in week]
    assert [e["on"] for e in entries] == [s.on.isoformat() for s in week]
    assert simulated_logs(week, pattern, seed=seed) == entries
    for e in entries:
        assert 0 <= e["minutes"] <= 300
        for key in ("pain_before", "pain_during", "pain_after", "next_morning_pain"):
            assert e.get(key) is None or 0 <= e[key] <= 10
        # the client's words raise no red-flag question and use no threat words
        assert affirmed_text(e["notes"]) == {}, e["notes"]
        assert find_threat_words(e["notes"]) == [], e["notes"]


@given(week=scheduled_weeks(), seed=seeds)
def test_a_green_week_is_done_as_planned_safe_and_settled(week, seed):
    entries = simulated_logs(week, "green", seed=seed)
    assert len(done(entries)) == len(week)
    for e, s in zip(entries, week, strict=True):
        assert e["minutes"] == s.minutes
        assert abs(e["effort"] * e["minutes"] - s.load) <= 0.5 * s.minutes  # effort rounded
        assert e["pain_during"] <= SAFE and e["pain_before"] <= SAFE
        assert e["next_morning_pain"] <= e["pain_before"]
        assert e["hurt"] == []


@given(a=scheduled_weeks(), b=scheduled_weeks(), seed=seeds)
def test_two_weeks_of_one_pattern_have_the_same_weekly_means(a, b, seed):
    # so that a green week after a green week is never "pain up vs last week"
    for pattern in ("green", "recovery"):
        one, two = simulated_logs(a, pattern, seed=seed), simulated_logs(b, pattern, seed=seed + 1)
        for key in ("pain_during", "next_morning_stiffness"):
            assert mean(e[key] for e in one) == mean(e[key] for e in two)


@given(week=scheduled_weeks(), seed=seeds)
def test_an_amber_week_is_acceptable_pain_and_a_little_stiffer(week, seed):
    entries = simulated_logs(week, "amber", seed=seed)
    green = simulated_logs(week, "green", seed=seed)
    assert all(SAFE < e["pain_during"] <= ACCEPTABLE for e in entries)
    assert mean(e["next_morning_stiffness"] for e in entries) > mean(
        e["next_morning_stiffness"] for e in green
    )


@given(week=scheduled_weeks(), seed=seeds, data=st.data())
def test_a_flare_is_one_session_above_five_on_the_exercise_that_hurt(week, seed, data):
    hurt = data.draw(st.sampled_from([e for s in week for e in s.exercises]))
    entries = simulated_logs(week, "flare", seed=seed, hurt=hurt)
    high = [e for e in entries if e["pain_during"] > ACCEPTABLE]
    assert len(high) == 1
    (flare,) = high
    first = next(s for s in week if hurt in s.exercises)
    assert flare["session_id"] == first.id and flare["hurt"] == [hurt]
    assert flare["next_morning_pain"] > flare["pain_before"]  # not settled
    assert all(e["pain_during"] <= SAFE for e in entries if e is not flare)


@given(week=scheduled_weeks(), seed=seeds)
def test_low_adherence_misses_most_sessions(week, seed):
    entries = simulated_logs(week, "low_adherence", seed=seed)
    share = len(done(entries)) / len(week)
    assert share < 0.5
    assert all(e["minutes"] == 0 for e in entries if e["status"] == "not_done")


def test_an_unknown_pattern_is_refused_with_the_patterns():
    with pytest.raises(ValueError, match="green, amber, flare, recovery, low_adherence"):
        simulated_logs([], "sunny")


@settings(max_examples=30)
@given(week=scheduled_weeks(), pattern=st.sampled_from(PATTERNS), seed=seeds)
def test_every_entry_is_a_valid_log(week, pattern, seed):
    from workbench.followup.log import parse_log
    from workbench.followup.notes import log_flags

    for entry, session in zip(simulated_logs(week, pattern, seed=seed), week, strict=True):
        data = {k: v for k, v in entry.items() if k != "session_id"}
        log = parse_log(data, client_id="c", session=session)
        assert log.status.value == entry["status"]
        assert log_flags(log) == {}  # nothing in the story suspends the plan


def test_the_story_greens_flares_recovers():
    assert story_patterns(8) == (
        *("green",) * 3,
        "flare",
        "recovery",
        "recovery",
        "green",
        "green",
    )
    assert story_patterns(3) == ("green",) * 3


# ------------------------------------------------------------------ the example story

START = date(2026, 1, 5)  # a Monday


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    from workbench.catalog import builtin_catalog
    from workbench.records.store import Store

    catalog = builtin_catalog()
    store = Store.open(tmp_path_factory.mktemp("story") / "store.sqlite")
    accepted = example_story(store, catalog, start=START)
    yield store, accepted, catalog
    store.close()


def by_week(accepted):
    return {a.record.week: a for a in accepted}


def test_the_story_follows_eight_weeks_and_accepts_each(story):
    store, accepted, _ = story
    assert [a.record.week for a in accepted] == list(range(1, 9))
    assert all(a.record.decision == a.record.proposed for a in accepted)
    assert [r.week for r in store.reviews("example")] == list(range(1, 9))
    for a in accepted:  # each review re-planned the weeks after it
        assert a.plan is not None and a.plan.first_week == a.record.week + 1
        assert a.plan.weeks == 12 - a.record.week


def test_the_green_stretch_progresses_by_at_most_the_weekly_rise(story):
    weeks = by_week(story[1])
    for w in (1, 2, 3):
        rec = weeks[w].record
        assert (rec.light, rec.decision) == ("green", "progress"), rec.reasons
        review = weeks[w].record.document
        assert review["ceiling"] < rec.ceiling <= review["ceiling"] * (1 + RISE) + 0.1


def test_the_flare_week_is_red_and_regresses(story):
    rec = by_week(story[1])[4].record
    assert (rec.light, rec.decision) == ("red", "regress"), rec.reasons
    assert rec.ceiling < rec.document["ceiling"]
    assert any("7/10" in r for r in rec.reasons), rec.reasons


def test_the_exercise_that_hurt_is_gone_the_next_week(story):
    store, accepted, _ = story
    rec = by_week(accepted)[4].record
    (flare,) = [log for log in store.logs("example") if log.pain_during and log.pain_during > 5]
    (hurt,) = flare.hurt
    assert hurt in {r["exercise_id"] for r in rec.document["rested"]}
    assert hurt in {e for s in store.sessions("example", week=4) for e in s.exercises}
    assert hurt not in {e for s in store.sessions("example", week=5) for e in s.exercises}
    excluded = {row["exercise_id"] for row in by_week(accepted)[4].result.excluded}
    assert hurt in excluded  # with its reason among the exclusions


def test_the_recovery_progresses_again(story):
    weeks = by_week(story[1])
    after = [weeks[w].record for w in (5, 6, 7, 8)]
    assert all(r.light != "red" for r in after), [r.reasons for r in after]
    assert [r.decision for r in after if r.decision == "progress"], [r.reasons for r in after]
    assert weeks[8].record.ceiling > weeks[4].record.ceiling


def test_weeks_done_are_never_changed_by_a_re_plan(story):
    store, accepted, _ = story
    plans = store.plans("example")
    assert len(plans) == 1 + len(accepted)
    first = plans[0]
    assert first.first_week == 1 and first.weeks == 12
    # each week followed keeps the sessions it was logged against: those of the plan
    # current when it was logged, never a later re-plan's
    logged = {log.session_id for log in store.logs("example")}
    for week in range(1, 9):
        sessions = store.sessions("example", week=week)
        plan_of_week = plans[week - 1]  # week 1: the first plan; week k: the re-plan after k-1
        assert {s.plan_id for s in sessions} == {plan_of_week.id}, week
        assert {s.id for s in sessions} <= logged, week
    # and each week's sessions are its plan's days as issued, on their dates
    for week in range(1, 9):
        plan = plans[week - 1]
        days = plan.document["weeks"][week - plan.first_week]["days"]
        sessions = store.sessions("example", week=week)
        assert [s.day for s in sessions] == [d["day"] for d in days]
        assert [list(s.exercises) for s in sessions] == [
            [b["exercise_id"] for b in d["blocks"]] for d in days
        ]
        assert all(s.on - START == timedelta(weeks=week - 1, days=s.on.weekday()) for s in sessions)
    # a re-plan's weeks start after the week reviewed: none covers a week already done
    for a in accepted:
        assert all(
            s.week > a.record.week for s in store.sessions("example") if s.plan_id == a.plan.id
        )


def test_the_story_has_no_red_flag_and_no_suspension(story):
    store, accepted, _ = story
    assert all(a.record.decision != "suspend" for a in accepted)
    assert [a.kind for a in store.assessments("example")] == ["assessment"]


def test_the_default_start_leaves_this_week_after_the_story(tmp_path):
    from workbench.followup.simulate import _last_monday_before

    monday = _last_monday_before(8, today=date(2026, 3, 4))  # a Wednesday
    assert monday.weekday() == 0 and monday + timedelta(weeks=8) == date(2026, 3, 2)


def test_the_story_table_shows_each_decision_and_what_the_re_plan_changed(story):
    from workbench.followup.story_table import STORY_COLUMNS, story_frame

    store, accepted, _ = story
    frame = story_frame(store, "example")
    assert tuple(frame.columns) == STORY_COLUMNS
    assert frame["week"].tolist() == list(range(1, 9))
    assert frame["decision"].tolist() == [a.record.decision for a in accepted]
    flare = frame.set_index("week").loc[4]
    (hurt,) = next(log.hurt for log in store.logs("example") if log.hurt)
    parts = dict(p.split(": ", 1) for p in flare["next_week"].split("; ") if ": " in p)
    assert hurt not in parts.get("in", "").split(", "), flare["next_week"]
    before = {p.id: p for p in store.plans("example")}[accepted[3].plan.replaces]
    old_week = before.document["weeks"][5 - before.first_week]
    if hurt in {b["exercise_id"] for d in old_week["days"] for b in d["blocks"]}:
        assert hurt in parts["out"].split(", "), flare["next_week"]
    assert "7/10" in flare["reasons"]
    assert (frame["next_ceiling"] < frame["ceiling"]).tolist() == [
        a.record.decision == "regress" for a in accepted
    ]
