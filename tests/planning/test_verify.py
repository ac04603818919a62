"""The independent verifier catches every broken rule, and only broken rules.

Plans here are written by hand (not by the planner), so each test breaks exactly one
rule of domain.md and checks the verifier names it. The planner's own plans are checked
against the verifier in test_planner.py.
"""

import ast
from dataclasses import replace
from pathlib import Path

import pytest
from strategies import PULP_V4, result_from_schedule

from workbench.catalog import builtin_catalog
from workbench.client.examples import example_client
from workbench.domain import (
    RED_FLAGS,
    Activity,
    Clearance,
    Client,
    Day,
    Dimension,
    Discipline,
    Exercise,
    Goal,
    Instruments,
    Pain,
)
from workbench.optimize import problem as optimizer_problem
from workbench.optimize.problem import Pin
from workbench.planning import verify
from workbench.planning.planner import PlanOptions, plan
from workbench.planning.rederive import params_for, tolerances, week_one_ceiling
from workbench.planning.result import PLANNED, REFERRED, PlanResult
from workbench.planning.verify import RULES, Violation, score_week, verify_plan

pytestmark = PULP_V4

MON, TUE, WED, THU, FRI = Day.MON, Day.TUE, Day.WED, Day.THU, Day.FRI
ZERO_DEMANDS = dict.fromkeys(Dimension, 0)
ZERO_GOALS = dict.fromkeys(Goal, 0)


def ex(id, discipline, minutes=10, rpe=3.0, met=3.0, demands=None, goals=None, **kw):
    return Exercise(
        id=id,
        name=id.replace("-", " "),
        discipline=discipline,
        minutes=minutes,
        rpe=rpe,
        met=met,
        compendium_code="",
        demands={**ZERO_DEMANDS, **(demands or {})},
        goals={**ZERO_GOALS, **(goals or {})},
        equipment=frozenset(kw.pop("equipment", ())),
        needs_supervision=kw.pop("needs_supervision", False),
        level=1,
        easier_id=None,
        harder_id=None,
        cue="Move at an easy pace.",
        source="test",
        needs_review=kw.pop("needs_review", False),
    )


W, Y, P, G = Discipline.WALKING, Discipline.YOGA, Discipline.PILATES, Discipline.GYM
CATALOG = [
    ex("walk", W, 20, 3.0, 3.5, goals={Goal.CARDIO: 3}),
    ex("walk-hills", W, 20, 4.0, 4.5, goals={Goal.CARDIO: 3}),
    ex("bridge", P, 10, 3.0, 3.0, goals={Goal.STRENGTH: 2, Goal.CORE_ENDURANCE: 2}),
    ex("clam", P, 5, 2.0, 2.5, goals={Goal.STRENGTH: 2}),
    ex("cat-cow", Y, 10, 2.0, 2.5, goals={Goal.FLEXIBILITY: 2}),
    ex("deep-fold", Y, 10, 3.0, 2.5, demands={Dimension.END_RANGE_FLEXION: 3}),
    ex("mat-plank", P, 10, 4.0, 3.5, equipment={"mat"}),
    ex("machine-row", G, 10, 4.0, 3.5, equipment={"machines"}, goals={Goal.STRENGTH: 3}),
    ex("swim", Discipline.SWIMMING, 15, 4.0, 4.8, equipment={"pool"}),
    ex(
        "deadlift",
        G,
        12,
        7.0,
        6.0,
        demands={Dimension.LOADED_FLEXION: 3, Dimension.AXIAL_LOAD: 3},
        equipment={"barbell"},
        needs_supervision=True,
    ),
    ex("brisk-dance", Discipline.DANCE, 20, 6.0, 4.5),  # moderate MET, RPE above the early cap
    ex("bike", Discipline.CYCLING, 20, 3.0, 3.5, goals={Goal.CARDIO: 3}),
    ex("breathing", Discipline.MOBILITY, 10, 1.0, 1.5, goals={Goal.RELAXATION: 3}),
    ex("hard-run", Discipline.RUNNING, 20, 6.0, 7.0),  # vigorous by MET
    ex("imported", Y, 10, 2.0, 2.5, needs_review=True),
]
BY_ID = {e.id: e for e in CATALOG}

CLIENT = Client(
    id="verify",
    name="Verifier client",
    age=45,
    clearance=Clearance(cleared=True, date="2026-01-05", by="Dr Okafor"),
    red_flags={q: False for q in RED_FLAGS},
    tolerances=dict.fromkeys(Dimension, 2),
    goals={Goal.CARDIO: 30},
    equipment=frozenset({"mat"}),
    available_days=frozenset({MON, TUE, WED, FRI}),
    max_training_days=3,
    minutes_per_session=45,
    supervised_days=frozenset({MON}),
    activities=(Activity(W, 3, 30, 4.0),),  # 360 AU, week-1 ceiling 270 AU
)
OPTIONS = PlanOptions(weeks=1)
# walking 60, pilates 60, yoga 20: 140 AU, three disciplines, none above 60%
GOOD_WEEK = {MON: ["walk", "bridge"], WED: ["cat-cow"], FRI: ["bridge"]}


def make_result(*weeks, client=CLIENT, catalog=CATALOG, status=PLANNED, ceiling=None):
    """A PlanResult holding the given weeks ({day: [exercise ids]}), stated ceilings
    from the rule unless ``ceiling`` says otherwise."""
    result = result_from_schedule(weeks, client, catalog, status=status)
    if ceiling is not None:
        result = replace(
            result, weeks=tuple(replace(w, ceiling=ceiling, cap=ceiling) for w in result.weeks)
        )
    return result


def rules_broken(result, client=CLIENT, options=OPTIONS, catalog=CATALOG) -> set[str]:
    found = verify_plan(result, client, catalog, options)
    assert all(isinstance(v, Violation) and v.rule in RULES for v in found)
    return {v.rule for v in found}


def week(**changes):
    """GOOD_WEEK with some days replaced ({"MON": [...]})."""
    return {**GOOD_WEEK, **{Day[k]: v for k, v in changes.items()}}


# -------------------------------------------------------------------- the good plan


def test_a_plan_that_keeps_every_rule_passes():
    assert verify_plan(make_result(GOOD_WEEK), CLIENT, CATALOG, OPTIONS) == []


def test_the_same_week_repeated_keeps_every_rule_over_four_weeks():
    result = make_result(*[GOOD_WEEK] * 4)
    assert verify_plan(result, CLIENT, CATALOG, PlanOptions(weeks=4)) == []


def test_a_violation_says_where_and_what():
    v = verify_plan(make_result(week(WED=["deep-fold"])), CLIENT, CATALOG, OPTIONS)[0]
    assert (v.week, v.day, v.rule) == (1, WED, "tolerance")
    assert "end range flexion 3 > tolerance 2" in v.detail
    assert str(v).startswith("week 1 wed: tolerance:")


# ------------------------------------------------------------ demand vs tolerance (§3)


def test_demand_above_tolerance_is_caught():
    assert rules_broken(make_result(week(WED=["cat-cow", "deep-fold"]))) == {"tolerance"}


def test_an_unassessed_dimension_counts_as_zero_tolerance():
    client = replace(CLIENT, tolerances={d: 2 for d in Dimension if d is not Dimension.ROTATION})
    twist = ex("twist", Y, 10, 2.0, 2.5, demands={Dimension.ROTATION: 1})
    result = make_result(week(WED=["twist"]), catalog=[*CATALOG, twist])
    assert rules_broken(result, client, catalog=[*CATALOG, twist]) == {"tolerance"}


def test_exposure_target_lets_tolerance_rise_one_step_per_interval():
    client = replace(
        CLIENT,
        exposure_targets={Dimension.END_RANGE_FLEXION: 3},
        overrides={"exposure_interval_weeks": 2.0},
    )
    fold = week(WED=["deep-fold"])
    options = PlanOptions(weeks=3)
    assert [
        t[Dimension.END_RANGE_FLEXION] for t in tolerances(client, params_for(client, options), 3)
    ] == [2, 2, 3]
    early = make_result(GOOD_WEEK, fold, GOOD_WEEK, client=client)
    assert rules_broken(early, client, options) == {"tolerance"}
    on_time = make_result(GOOD_WEEK, GOOD_WEEK, fold, client=client)
    assert rules_broken(on_time, client, options) == set()


def test_graded_exposure_brings_back_one_feared_movement_at_a_time():
    high_fear = Instruments(fabq_pa=(6, 6, 6, 6))  # 24 > 14: graded-exposure mode
    client = replace(
        CLIENT,
        instruments=high_fear,
        exposure_targets={Dimension.ROTATION: 3, Dimension.END_RANGE_FLEXION: 3},
    )
    limits = tolerances(client, params_for(client, None), 3)
    assert [(t[Dimension.ROTATION], t[Dimension.END_RANGE_FLEXION]) for t in limits] == [
        (2, 2),
        (3, 2),
        (3, 3),
    ]
    # week 2 brings rotation back, not end-range flexion
    result = make_result(GOOD_WEEK, week(WED=["deep-fold"]), client=client)
    assert rules_broken(result, client, PlanOptions(weeks=2)) == {"tolerance"}


def test_graded_exposure_allows_few_blocks_with_the_returned_step():
    client = replace(
        CLIENT,
        instruments=Instruments(fabq_pa=(6, 6, 6, 6)),
        exposure_targets={Dimension.END_RANGE_FLEXION: 3},
    )
    options = PlanOptions(weeks=2)
    once = make_result(GOOD_WEEK, week(WED=["deep-fold"]), client=client)
    assert rules_broken(once, client, options) == set()
    twice = make_result(GOOD_WEEK, week(WED=["deep-fold"], FRI=["deep-fold"]), client=client)
    assert rules_broken(twice, client, options) == {"graded_exposure"}


# ------------------------------------------------------------- other hard filters (§3)


def test_doctors_banned_discipline_is_caught():
    client = replace(CLIENT, clearance=replace(CLIENT.clearance, banned_disciplines={Y}))
    assert rules_broken(make_result(GOOD_WEEK), client) == {"doctor_discipline"}


def test_doctors_banned_exercise_is_caught():
    client = replace(CLIENT, clearance=replace(CLIENT.clearance, banned_exercises={"bridge"}))
    assert rules_broken(make_result(GOOD_WEEK), client) == {"doctor_exercise"}


def test_doctors_maximum_effort_is_caught():
    client = replace(CLIENT, clearance=replace(CLIENT.clearance, max_rpe=2.5))
    assert rules_broken(make_result(GOOD_WEEK), client) == {"doctor_max_effort"}


def test_missing_equipment_is_caught_and_gym_access_brings_the_machines():
    result = make_result(week(WED=["cat-cow", "machine-row"]))
    assert rules_broken(result) == {"equipment"}
    assert rules_broken(result, replace(CLIENT, equipment=frozenset({"gym"}))) == set()
    swim = make_result(week(WED=["cat-cow", "swim"]))
    assert rules_broken(swim, replace(CLIENT, equipment=frozenset({"gym"}))) == {"equipment"}


def test_supervised_exercise_only_on_a_supervised_day():
    client = replace(
        CLIENT,
        tolerances=dict.fromkeys(Dimension, 3),
        equipment=frozenset({"barbell"}),
        consecutive_green_weeks=8,
    )
    on_monday = make_result(week(MON=["walk", "deadlift"]), client=client)
    assert rules_broken(on_monday, client) == set()
    on_friday = make_result(week(FRI=["bridge", "deadlift"]), client=client)
    assert rules_broken(on_friday, client) == {"supervision"}


def test_trainers_ban_and_unreviewed_rows_are_caught():
    result = make_result(week(WED=["cat-cow", "imported"]))
    assert rules_broken(result) == {"needs_review"}
    assert rules_broken(result, options=PlanOptions(include_unreviewed=True)) == set()
    assert rules_broken(make_result(GOOD_WEEK), options=PlanOptions(bans=frozenset({"walk"}))) == {
        "trainer_ban"
    }


def test_unknown_exercise_and_altered_blocks_are_caught():
    assert rules_broken(make_result(week(WED=["cat-cow", "no-such-row"]))) == {"unknown_exercise"}
    result = make_result(GOOD_WEEK)
    day = result.weeks[0].days[0]
    lighter = replace(day, blocks=(replace(day.blocks[0], load=1.0), *day.blocks[1:]))
    altered = replace(result.weeks[0], days=(lighter, *result.weeks[0].days[1:]))
    assert rules_broken(replace(result, weeks=(altered,))) == {"block_data"}


def test_pins_must_be_in_their_week_and_on_their_day():
    assert (
        rules_broken(make_result(GOOD_WEEK), options=PlanOptions(pins=(Pin("bridge", 1),))) == set()
    )
    assert (
        rules_broken(make_result(GOOD_WEEK), options=PlanOptions(pins=(Pin("bridge", 1, FRI),)))
        == set()
    )
    assert rules_broken(
        make_result(GOOD_WEEK), options=PlanOptions(pins=(Pin("bridge", 1, WED),))
    ) == {"pin"}
    assert rules_broken(make_result(GOOD_WEEK), options=PlanOptions(pins=(Pin("clam", 1),))) == {
        "pin"
    }


# -------------------------------------------------------------------- phases (§4)


def test_early_weeks_catch_effort_above_moderate():
    result = make_result(week(WED=["cat-cow", "brisk-dance"]))
    assert rules_broken(result) == {"early_phase_effort"}
    # program week = green weeks behind the client + plan week
    assert rules_broken(result, replace(CLIENT, consecutive_green_weeks=2)) == set()


def test_vigorous_work_waits_for_enough_green_weeks():
    result = make_result(week(WED=["cat-cow", "hard-run"]))
    assert rules_broken(result) == {"early_phase_effort", "vigorous_gating"}
    assert rules_broken(result, replace(CLIENT, consecutive_green_weeks=3)) == {"vigorous_gating"}
    assert rules_broken(result, replace(CLIENT, consecutive_green_weeks=4)) == set()


def test_several_high_demands_wait_for_the_first_weeks_to_pass():
    client = replace(
        CLIENT,
        tolerances=dict.fromkeys(Dimension, 3),
        equipment=frozenset({"barbell"}),
        consecutive_green_weeks=4,
        overrides={"vigorous_after_green_weeks": 0.0},
    )
    result = make_result(week(MON=["walk", "deadlift"]), client=client)
    assert rules_broken(result, client) == set()
    assert rules_broken(result, replace(client, consecutive_green_weeks=3)) == {
        "early_phase_demands"
    }


# -------------------------------------------------------------------- days and sessions


def test_days_sessions_and_repeats_are_caught():
    assert rules_broken(make_result(week(THU=["clam"]))) >= {"available_days"}
    assert rules_broken(make_result(week(TUE=["clam"]))) == {"training_days"}
    long_day = week(FRI=["bridge", "walk-hills", "cat-cow", "clam"])  # 45 min is fine
    assert rules_broken(make_result(long_day)) == set()
    too_long = week(FRI=["bridge", "walk-hills", "cat-cow", "clam", "breathing"])
    assert rules_broken(make_result(too_long)) == {"session_minutes"}
    assert rules_broken(make_result(week(FRI=["bridge", "bridge"]))) == {"exercise_uses"}
    every_day = week(MON=["walk", "bridge"], WED=["cat-cow", "bridge"])
    assert rules_broken(make_result(every_day)) == set()
    capped = replace(CLIENT, overrides={"max_uses_per_exercise": 2.0})
    assert rules_broken(make_result(every_day), capped) == {"exercise_uses"}


def test_one_discipline_in_one_session_stays_under_its_session_cap():
    # walking: the client's longest walk is 30 min, so the cap is 33 min
    two_walks = week(
        MON=["walk", "walk-hills"], WED=["cat-cow", "bridge"], FRI=["bridge", "clam", "cat-cow"]
    )
    assert rules_broken(make_result(two_walks)) == {"session_spike"}
    # pilates is new: the cap is new_discipline_session_min (20 min)
    assert rules_broken(make_result(week(FRI=["bridge", "clam"]))) == set()
    assert rules_broken(make_result(week(FRI=["bridge", "clam", "mat-plank"]))) == {"session_spike"}


def test_session_cap_grows_with_the_longest_session_planned_so_far():
    longer = replace(CLIENT, overrides={"new_discipline_session_min": 10.0})
    # week 1: 10 min of pilates (cap 10); week 2: 11 min allowed, 15 is not
    w1 = week(FRI=["bridge"])
    w2 = week(FRI=["bridge", "clam"])
    assert rules_broken(make_result(w1, w1, client=longer), longer, PlanOptions(weeks=2)) == set()
    assert rules_broken(make_result(w1, w2, client=longer), longer, PlanOptions(weeks=2)) == {
        "session_spike"
    }


# -------------------------------------------------------------------------- load (§4)


def test_week_one_ceiling_is_a_share_of_the_baseline_with_a_floor_after_the_start_factor():
    params = params_for(CLIENT, None)
    assert week_one_ceiling(CLIENT, params) == pytest.approx(0.75 * 360)
    high = Instruments(start_back=(1, 1, 1, 1, 1, 1, 1, 1, 4))
    assert week_one_ceiling(replace(CLIENT, instruments=high), params) == pytest.approx(
        0.75 * 360 * 0.7
    )
    small = replace(CLIENT, instruments=high, activities=(Activity(W, 2, 30, 3.0),))  # 180 AU
    assert week_one_ceiling(small, params) == pytest.approx(150.0)  # 94.5 raised to the floor


# ------------------------------------------------------------- today's pain (§5)

#: pain now 8 of a week's average 4: a flare-up today; week 1's ceiling 270 x 0.5 = 135 AU
#: (above a starting floor of 100 AU)
FLARE = replace(
    CLIENT,
    pain=Pain(8, 4, 8),
    tolerances=dict.fromkeys(Dimension, 3),
    overrides={"min_start_ceiling_au": 100.0},
)
GENTLE = {MON: ["walk"], WED: ["cat-cow"], FRI: ["bridge"]}  # 110 AU, RPE at most 3


def test_a_flare_up_week_1_catches_effort_above_3_and_high_demands_not_week_2():
    assert rules_broken(make_result(GENTLE, client=FLARE), FLARE) == set()
    harder = {**GENTLE, FRI: ["mat-plank"]}  # RPE 4
    assert rules_broken(make_result(harder, client=FLARE), FLARE) == {"flare_effort"}
    folded = {**GENTLE, WED: ["deep-fold"]}  # end-range flexion 3
    assert rules_broken(make_result(folded, client=FLARE), FLARE) == {"flare_demands"}
    calm = replace(FLARE, pain=Pain(3, 4, 6))
    assert rules_broken(make_result(harder, client=calm), calm) == set()
    two = PlanOptions(weeks=2)
    assert rules_broken(make_result(GENTLE, harder, client=FLARE), FLARE, two) == set()


def test_a_flare_up_plan_stating_the_usual_ceiling_is_caught():
    assert week_one_ceiling(FLARE, params_for(FLARE, None)) == pytest.approx(270.0)
    stated = make_result(GENTLE, client=FLARE, ceiling=270.0)
    assert rules_broken(stated, FLARE) == {"ceiling_reported"}
    over = {**GENTLE, MON: ["walk", "walk"]}  # 170 AU > 135 AU
    assert "weekly_load_ceiling" in rules_broken(make_result(over, client=FLARE), FLARE)
    fuller = {MON: ["walk", "breathing"], WED: ["cat-cow", "clam"], FRI: ["bridge", "clam"]}
    assert rules_broken(make_result(fuller, client=FLARE), FLARE) == {"weekly_load_ceiling"}
    floored = replace(FLARE, overrides={"min_start_ceiling_au": 180.0})  # 135 AU raised to 180
    assert rules_broken(make_result(fuller, client=floored), floored) == set()
    # week 2 is held at week 1's 135 AU: 140 AU is over it, though within a 10% rise
    first = {MON: ["walk", "breathing"], WED: ["cat-cow"], FRI: ["bridge", "clam"]}  # 130 AU
    second = {**first, WED: ["cat-cow", "clam"]}  # 140 AU
    two = PlanOptions(weeks=2)
    steps = make_result(first, second, client=FLARE)
    assert rules_broken(steps, FLARE, two) == {"weekly_load_ceiling"}
    unheld = replace(FLARE, overrides={**FLARE.overrides, "flare_hold_weeks": 0.0})
    assert rules_broken(make_result(first, second, client=unheld), unheld, two) == set()


# 240 AU: walking 140, pilates 80, yoga 20
HEAVY = {MON: ["walk-hills", "bridge"], WED: ["cat-cow", "mat-plank"], FRI: ["walk", "clam"]}


def test_load_above_the_ceiling_is_caught():
    low = replace(CLIENT, activities=(Activity(W, 2, 30, 3.0),))  # 180 AU: ceiling 150 AU
    assert rules_broken(make_result(HEAVY, client=low), low) == {"weekly_load_ceiling"}
    assert rules_broken(make_result(HEAVY)) == set()


def test_a_ceiling_stated_above_the_rule_is_caught():
    assert rules_broken(make_result(GOOD_WEEK, ceiling=300.0)) == {"ceiling_reported"}


def test_load_may_rise_at_most_the_weekly_rise_over_last_week():
    light = {MON: ["walk", "bridge"], WED: ["cat-cow"]}  # 110 AU
    ok = GOOD_WEEK  # 140 AU: +27%
    options = PlanOptions(weeks=2)
    assert rules_broken(make_result(light, ok), options=options) == {"load_progression"}
    eased = replace(CLIENT, overrides={"weekly_rise": 0.3})
    assert rules_broken(make_result(light, ok, client=eased), eased, options) == set()
    capped = replace(CLIENT, overrides={"weekly_rise": 0.3, "max_weekly_rise": 0.1})
    assert rules_broken(make_result(light, ok, client=capped), capped, options) == {
        "load_progression"
    }


def test_the_acute_chronic_block_is_caught():
    low = replace(CLIENT, activities=(Activity(W, 1, 20, 4.0),))  # chronic at the 150 AU floor
    # 240 AU is 1.6 x the chronic load
    assert rules_broken(make_result(HEAVY, client=low), low) == {
        "weekly_load_ceiling",
        "acute_chronic",
    }


# ------------------------------------------------------------------ a week's mix (§6)


def test_variety_and_share_are_caught():
    one = {MON: ["walk"], WED: ["walk-hills"]}
    assert rules_broken(make_result(one)) == {"variety_disciplines", "discipline_share"}
    lopsided = {MON: ["walk-hills"], WED: ["cat-cow"]}  # walking 80 of 100 AU
    assert rules_broken(make_result(lopsided)) == {"discipline_share"}
    assert rules_broken(make_result({})) == {"variety_disciplines"}


def test_strength_goal_needs_two_non_consecutive_strength_days():
    strong = replace(CLIENT, goals={Goal.STRENGTH: 20})
    assert rules_broken(make_result(GOOD_WEEK), strong) == set()  # bridge on mon and fri
    back_to_back = {MON: ["walk", "bridge"], TUE: ["cat-cow", "bridge"], WED: ["cat-cow"]}
    assert rules_broken(make_result(back_to_back), strong) == {"strength_days"}
    too_short = week(FRI=["clam", "cat-cow"])  # 5 strength minutes do not make a day
    assert rules_broken(make_result(too_short), strong) == {"strength_days"}
    assert rules_broken(make_result(too_short)) == set()  # no strength goal, no rule


def test_hard_goals_must_be_met_in_full():
    wanting = replace(CLIENT, goals={Goal.CARDIO: 30, Goal.FLEXIBILITY: 10})
    # walk credits 20 x 3 x 1/3 = 20 cardio min; cat-cow 10 x 2 / 3 = 6.7 flexibility min
    assert rules_broken(make_result(GOOD_WEEK), wanting) == set()
    hard = PlanOptions(hard_goals=True)
    assert rules_broken(make_result(GOOD_WEEK), wanting, hard) == {"goal_minutes"}
    enough = week(WED=["cat-cow", "bike"])  # 40 cardio min
    assert rules_broken(make_result(enough), replace(wanting, goals={Goal.CARDIO: 40}), hard) == (
        set()
    )


# -------------------------------------------------------------------- screening (§1)


def test_a_red_flag_with_weeks_is_caught_and_a_referral_without_weeks_passes():
    flagged = replace(CLIENT, red_flags={**CLIENT.red_flags, "saddle_numbness": True})
    assert rules_broken(make_result(GOOD_WEEK), flagged) == {"red_flag", "screening"}
    referral = PlanResult(status=REFERRED, message="Please go to hospital now: ...")
    assert rules_broken(referral, flagged) == set()
    assert rules_broken(make_result(GOOD_WEEK, status=REFERRED), flagged) == {
        "red_flag",
        "no_plan_weeks",
    }


def test_a_plan_without_clearance_or_answers_is_caught():
    uncleared = replace(CLIENT, clearance=Clearance())
    assert rules_broken(make_result(GOOD_WEEK), uncleared) == {"screening"}
    unasked = replace(CLIENT, red_flags={**CLIENT.red_flags, "fever_or_unwell": None})
    assert rules_broken(make_result(GOOD_WEEK), unasked) == {"screening"}


def test_a_plan_with_the_wrong_number_of_weeks_is_caught():
    assert rules_broken(make_result(GOOD_WEEK), options=PlanOptions(weeks=2)) == {"horizon"}


# ---------------------------------------------------------- the score and independence


def test_the_strength_level_matches_the_optimizer():
    assert verify.STRENGTH_LEVEL == optimizer_problem.STRENGTH_LEVEL


def test_overridden_objective_weights_score_alike_in_the_optimizer_and_the_verifier():
    """The weights are rules of the defaults table: a coach's override reaches the
    optimizer's objective and the verifier's score alike, and the plan follows it."""
    client, catalog = example_client("pool-only"), builtin_catalog()
    weights = {"liked_points": 40.0, "load_points": 20.0, "coverage_points": 50.0}
    options = PlanOptions(weeks=2, explain=False, overrides=weights)
    result = plan(client, catalog, options)
    assert result.planned
    for wp, sol in zip(result.weeks, result.extra["solutions"], strict=True):
        assert score_week(result, wp.week, client, catalog, options) == pytest.approx(
            sol.outcome.objective, abs=1e-6
        )
    # liked minutes weighing as much as a goal: the pool-only client (who likes
    # swimming) swims more in week 1 (measured: 45 of 103 min, then 90 of 131)
    keen = plan(
        client, catalog, PlanOptions(weeks=1, explain=False, overrides={"liked_points": 100.0})
    )
    default = plan(client, catalog, PlanOptions(weeks=1, explain=False))

    def swum(r):
        by_id = {e.id: e for e in catalog}
        days = r.weeks[0].days
        return sum(
            b.minutes
            for d in days
            for b in d.blocks
            if by_id[b.exercise_id].discipline in client.liked
        )

    assert swum(keen) > swum(default)


def test_score_week_recomputes_the_optimizers_objective_for_a_planned_example():
    client, catalog = example_client("pool-only"), builtin_catalog()
    options = PlanOptions(weeks=2, explain=False)
    result = plan(client, catalog, options)
    assert result.planned
    solutions = result.extra["solutions"]
    for wp, sol in zip(result.weeks, solutions, strict=True):
        assert score_week(result, wp.week, client, catalog, options) == pytest.approx(
            sol.outcome.objective, abs=1e-6
        )


def test_score_week_by_hand():
    liked = replace(CLIENT, liked=frozenset({W}), disliked=frozenset({Y}))
    result = make_result(GOOD_WEEK, client=liked)
    # cardio: 20 of 30 credited min; 20 liked and 10 disliked min of 45 x 3 session min;
    # 140 AU of the 270 AU ceiling; three disciplines, one of them liked (walking); the
    # current walking (3 x 30 min) kept by a 20-min walk
    expected = 100 * (20 / 30) + 5 * 20 / 135 - 10 * 10 / 135 - 2 * 140 / 270 + 3 + 5 + 15
    assert score_week(result, 1, liked, CATALOG, OPTIONS) == pytest.approx(expected)
    # walks longer than one current session do not keep it (3 x 15 min at RPE 8: the
    # same 360 AU baseline, so the same ceiling)
    longer = replace(liked, activities=(Activity(W, 3, 15, 8.0),))
    assert score_week(result, 1, longer, CATALOG, OPTIONS) == pytest.approx(expected - 15)


def test_the_verifier_imports_neither_the_rules_nor_the_optimizer():
    tree = ast.parse(Path(verify.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")
        elif isinstance(node, ast.Import):
            imported.update(a.name for a in node.names)
    assert not {m for m in imported if m.startswith(("workbench.rules", "workbench.optimize"))}
    assert "workbench.client.screening" not in imported  # screening is recomputed too
