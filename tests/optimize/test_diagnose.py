"""When no plan fits: the diagnosis names the conflicting rules, and its relaxations work.

Each known conflict is built on purpose; every relaxation the diagnosis offers is then
applied the way a trainer would (a client change or a rule override) and the client is
re-planned: the new plan must come back and keep every rule.
"""

import functools
import math
import re
from dataclasses import replace
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import PULP_V4
from strategies import plain_client as client

from workbench.catalog import builtin_catalog
from workbench.client.examples import example_client
from workbench.domain import Activity, Day, Discipline, Goal
from workbench.optimize import diagnose as diagnose_module
from workbench.optimize.diagnose import MAX_STEPS, STEP, _apply, _smallest_offer
from workbench.optimize.problem import Pin
from workbench.optimize.solve import SolverSettings
from workbench.planning.planner import PlanOptions, _initial_state, plan, prepare, week_problem
from workbench.planning.rederive import params_for, start_back_high
from workbench.planning.relaxing import apply_relaxation
from workbench.planning.result import NO_PLAN
from workbench.planning.verify import verify_plan
from workbench.rules.tolerance import tolerances_from_triggers

pytestmark = PULP_V4


def apply(relaxation, c, options):
    """(client, options) with ``relaxation`` applied as a trainer would apply it."""
    text, family = relaxation.text, relaxation.family
    overrides = dict(options.overrides)
    if family == "weekly_load_ceiling":
        (target,) = map(float, re.findall(r"\(to (\d+) AU\)", text))
        p = params_for(c, options)
        factor = p.start_high_ceiling_factor if start_back_high(c) else 1.0
        base = c.baseline_load * factor
        if base * p.start_ceiling_fraction <= p.min_start_ceiling_au:
            overrides["min_start_ceiling_au"] = target  # the floor sets the ceiling
        else:
            overrides["start_ceiling_fraction"] = target / base
    elif family == "goal_minutes":
        goals = dict(c.goals)
        for label, minutes in re.findall(r"lower the ([a-z ]+) goal to (\d+) min/week", text):
            goals[Goal(label.replace(" ", "_"))] = int(minutes)
        c = replace(c, goals=goals)
    elif family == "pin":
        (ids,) = re.findall(r"remove the pin of (.+)$", text)
        gone = set(ids.split(", "))
        options = replace(options, pins=tuple(p for p in options.pins if p.exercise_id not in gone))
    elif family == "variety_disciplines":
        n = int(re.findall(r"accept (\d+) discipline", text)[0])
        overrides["min_disciplines_per_week"] = float(n)
        if "carrying all of its load" in text:
            overrides["max_discipline_share"] = 1.0
    elif family == "strength_days":
        overrides["strength_min_days"] = float(re.findall(r"strength on (\d+) day", text)[0])
    elif family == "discipline_share":
        overrides["max_discipline_share"] = float(re.findall(r"up to (\d+)%", text)[0]) / 100
    elif family == "session_minutes":
        c = replace(c, minutes_per_session=int(re.findall(r"sessions of (\d+) min", text)[0]))
    elif family == "training_days":
        c = replace(c, max_training_days=int(re.findall(r"allow (\d+) training days", text)[0]))
    else:
        pytest.fail(f"no way to apply a {family} relaxation in this test: {text}")
    return c, replace(options, overrides=overrides)


def diagnose(c, options):
    result = plan(c, builtin_catalog(), options)
    assert result.status == NO_PLAN, result.message
    assert result.weeks == ()
    assert result.diagnosis, "an infeasible result explains itself"
    assert result.message.startswith(f"No plan fits every rule in week {options.weeks}")
    return result


def assert_every_relaxation_works(result, c, options):
    assert result.relaxations, result.diagnosis
    for r in result.relaxations:
        # through the fields the offer names, as the form, the CLI's file and the API set them
        relaxed_client, relaxed = apply_relaxation(c, options, r)
        again = plan(relaxed_client, builtin_catalog(), relaxed)
        assert again.planned, (r.text, again.diagnosis)
        found = verify_plan(again, relaxed_client, builtin_catalog(), relaxed)
        assert found == [], (r.text, [str(v) for v in found])


# ---------------------------------------------------------------------------- load


def test_hard_goals_under_a_tiny_ceiling_name_the_ceiling_and_the_goals():
    c = client(activities=(), goals={Goal.CARDIO: 60, Goal.FLEXIBILITY: 20})
    options = PlanOptions(
        weeks=1, hard_goals=True, explain=False, overrides={"min_start_ceiling_au": 40.0}
    )
    result = diagnose(c, options)
    first = result.diagnosis[0]
    assert first.startswith("In week 1 these rules cannot all hold:")
    assert "the weekly load ceiling" in first or "the weekly goal minutes" in first
    ceiling = [r for r in result.relaxations if r.family == "weekly_load_ceiling"]
    assert len(ceiling) == 1
    raised = re.match(r"raise the week-1 ceiling by (\d+) AU \(to (\d+) AU\)", ceiling[0].text)
    assert ceiling[0].changes[0][0] == "overrides.min_start_ceiling_au"
    assert raised, ceiling[0].text
    assert float(raised[1]) == ceiling[0].amount and int(raised[2]) == 40 + int(raised[1])
    assert any(ceiling[0].text in line for line in result.diagnosis)
    assert_every_relaxation_works(result, c, options)


def test_the_raised_ceiling_is_the_smallest_step_that_works():
    c = client(activities=(), goals={Goal.CARDIO: 60, Goal.FLEXIBILITY: 20})
    options = PlanOptions(
        weeks=1, hard_goals=True, explain=False, overrides={"min_start_ceiling_au": 40.0}
    )
    result = diagnose(c, options)
    (ceiling,) = [r for r in result.relaxations if r.family == "weekly_load_ceiling"]
    # 5 AU less (the offer's rounding step) must not be enough
    short = {**options.overrides, "min_start_ceiling_au": 40.0 + ceiling.amount - 5}
    assert plan(c, builtin_catalog(), replace(options, overrides=short)).status == NO_PLAN


def test_soft_goals_under_a_tiny_ceiling_still_plan_and_say_what_falls_short():
    c = client(activities=(), goals={Goal.CARDIO: 60, Goal.FLEXIBILITY: 20})
    options = PlanOptions(weeks=1, explain=False, overrides={"min_start_ceiling_au": 40.0})
    result = plan(c, builtin_catalog(), options)
    assert result.planned
    assert "fall short" in result.message
    assert any(s.startswith("cardio") and ": " in s for s in result.weeks[0].shortfalls)
    assert verify_plan(result, c, builtin_catalog(), options) == []


# ---------------------------------------------------------------------------- pins


def flexion_sensitive():
    return client(tolerances=tolerances_from_triggers(["sitting", "bending forward"]))


def test_a_pin_of_an_excluded_exercise_names_the_pin_and_the_reason():
    c = flexion_sensitive()
    options = PlanOptions(weeks=1, explain=False, pins=(Pin("yoga-standing-forward-fold", 1),))
    result = diagnose(c, options)
    assert "the trainer's pins" in result.diagnosis[0]
    assert (
        "The pin of yoga-standing-forward-fold in week 1: the client's rules leave it out "
        "(end range flexion 3 > tolerance 1)."
    ) in result.diagnosis
    (pin,) = result.relaxations
    assert (pin.family, pin.text) == ("pin", "remove the pin of yoga-standing-forward-fold")
    assert_every_relaxation_works(result, c, options)


def test_a_pin_on_a_day_the_client_cannot_train_is_named():
    c = flexion_sensitive()
    options = PlanOptions(weeks=1, explain=False, pins=(Pin("yoga-cat-cow", 1, Day.TUE),))
    result = diagnose(c, options)
    days = ", ".join(d.label for d in sorted(c.available_days, key=lambda d: d.index))
    assert (
        f"The pin of yoga-cat-cow on Tuesday: Tuesday is not one of the client's training "
        f"days ({days})."
    ) in result.diagnosis
    assert_every_relaxation_works(result, c, options)


def test_a_pin_of_a_supervised_exercise_on_an_unsupervised_day_is_named():
    """The gym client's back squat needs a supervised session (Tuesday, Thursday): on
    Monday no plan can keep it, and the diagnosis says why, not only "the pins"."""
    c = example_client("strength-goal-gym")
    options = PlanOptions(weeks=1, explain=False, pins=(Pin("gym-back-squat", 1, Day.MON),))
    result = diagnose(c, options)
    assert "the trainer's pins" in result.diagnosis[0]
    assert (
        "The pin of gym-back-squat on Monday: it needs a supervised session, and Monday is "
        "not a supervised day (Tuesday, Thursday)."
    ) in result.diagnosis
    assert_every_relaxation_works(result, c, options)
    # on a supervised day the same pin holds
    kept = replace(options, pins=(Pin("gym-back-squat", 1, Day.TUE),))
    held = plan(c, builtin_catalog(), kept)
    assert held.planned
    assert verify_plan(held, c, builtin_catalog(), kept) == []


def test_a_pin_in_a_later_week_is_diagnosed_in_that_week():
    c = flexion_sensitive()
    options = PlanOptions(weeks=2, explain=False, pins=(Pin("yoga-standing-forward-fold", 2),))
    result = diagnose(c, options)
    assert result.diagnosis[0].startswith("In week 2 ")
    assert [r.week for r in result.relaxations] == [2]


# ------------------------------------------------------------------ a week's mix (§6)


def test_only_one_discipline_available_names_variety():
    pool = example_client("pool-only")
    others = frozenset(set(Discipline) - {Discipline.SWIMMING})
    # the doctor, not where he trains, leaves one discipline (the pool and home are open)
    c = replace(
        pool,
        settings=frozenset({"pool", "home"}),
        clearance=replace(pool.clearance, banned_disciplines=others),
    )
    options = PlanOptions(weeks=1, explain=False)
    result = diagnose(c, options)
    assert "at least two disciplines a week" in result.diagnosis[0]
    (variety,) = [r for r in result.relaxations if r.family == "variety_disciplines"]
    assert variety.text.startswith("accept 1 discipline a week, carrying all of its load")
    assert dict(variety.changes) == {
        "overrides.min_disciplines_per_week": 1,
        "overrides.max_discipline_share": 1.0,
    }
    assert_every_relaxation_works(result, c, options)


def test_strength_goal_with_one_available_day_gets_strength_that_day_and_a_note():
    gym = example_client("strength-goal-gym")
    c = replace(gym, available_days=frozenset({Day.MON}), supervised_days=frozenset({Day.MON}))
    options = PlanOptions(weeks=1, explain=False)
    result = plan(c, builtin_catalog(), options)
    assert result.planned, result.diagnosis
    (day,) = result.weeks[0].days
    strength = sum(b.minutes for b in day.blocks if b.exercise_id in _strong_ids())
    assert strength >= 10
    assert any("short of the target of 2" in w for w in result.weeks[0].warnings)
    assert verify_plan(result, c, builtin_catalog(), options) == []


def test_strength_on_two_back_to_back_days_only_plans_one_strength_day_with_a_note():
    c = client(
        goals={Goal.STRENGTH: 20, Goal.CARDIO: 30},
        available_days=frozenset({Day.MON, Day.TUE}),
        equipment=frozenset({"mat", "outdoors", "gym"}),
        activities=(Activity(Discipline.WALKING, 3, 30, 4.0),),
    )
    options = PlanOptions(weeks=1, explain=False)
    result = plan(c, builtin_catalog(), options)
    assert result.planned, result.diagnosis
    (note,) = [w for w in result.weeks[0].warnings if "short of the target" in w]
    assert "with a rest day between" in note
    assert verify_plan(result, c, builtin_catalog(), options) == []


def _strong_ids() -> set[str]:
    return {ex.id for ex in builtin_catalog() if ex.goals[Goal.STRENGTH] >= 2}


# ---------------------------------------------------------------- the smallest offer


@functools.cache
def week_one(name: str = "high-fear"):
    c = example_client(name)
    ctx = prepare(c, builtin_catalog(), PlanOptions(weeks=1, explain=False))
    by_id = {e.id: e for e in builtin_catalog()}
    return week_problem(ctx, 1, _initial_state(ctx), by_id)


def offer_at_step_zero(p, amounts):
    return _apply(p, "session_minutes", amounts, None)[1]


@settings(max_examples=200, deadline=None)
@given(need=st.integers(0, 120), amount=st.floats(0.5, 40.0))
def test_the_offer_is_the_smallest_step_that_works_in_few_re_solves(need, amount):
    """Whatever longer session first makes a plan: the offer is the smallest rounding
    step that makes one (the first found trying each step in turn), or none when even
    the largest does not; and it takes at most 2 + log2(steps) re-solves, 1 when the
    elastic amount itself works and 2 when no step does."""
    p = week_one()
    solves = []

    def fake_solve_week(relaxed, _settings):  # a plan exactly when sessions are long enough
        solves.append(relaxed.session_minutes)
        return SimpleNamespace(feasible=relaxed.session_minutes >= p.session_minutes + need)

    amounts = {"session_minutes__w1__x": amount}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(diagnose_module, "solve_week", fake_solve_week)
        offer = _smallest_offer(p, "session_minutes", amounts, None, SolverSettings())
    expected = None
    for step in range(MAX_STEPS):  # the definition: each step in turn
        more = {k: a + step * STEP["session_minutes"] for k, a in amounts.items()}
        relaxed, candidate = _apply(p, "session_minutes", more, None)
        if relaxed.session_minutes >= p.session_minutes + need:
            expected = candidate
            break
    assert offer == expected
    assert len(solves) == len(set(solves)) <= 2 + math.ceil(math.log2(MAX_STEPS - 1))
    if expected is None:
        assert len(solves) == 2  # the first step and the largest
    elif expected == offer_at_step_zero(p, amounts):
        assert len(solves) == 1
