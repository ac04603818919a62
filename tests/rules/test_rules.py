"""The rules: which exercises a client may do each week and why not, ceilings, tolerances.

domain.md §3 (demand vs tolerance, the other hard filters, graded exposure) and §4
(ceilings, phases). Rules are read through :func:`workbench.planning.planner.prepare`, the same
path a plan takes.
"""

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import (
    CLEARED,
    PULP_V4,
    clients,
    exercise_lists,
    override,
    red_flag_answers,
    start_back_items,
)
from strategies import plain_client as client

from workbench.catalog import builtin_catalog
from workbench.defaults import resolve
from workbench.domain import Activity, Client, Day, Dimension, Discipline, Goal, Instruments
from workbench.optimize.problem import Pin
from workbench.planning import rederive as verify
from workbench.planning.planner import Context, PlanOptions, plan, prepare
from workbench.planning.result import REFERRED
from workbench.planning.verify import verify_plan
from workbench.rules.contraindications import FAMILIES
from workbench.rules.load import (
    ceiling_schedule,
    first_session_caps,
    next_session_cap,
    next_week_cap,
    starting_ceiling,
)
from workbench.rules.tolerance import (
    TRIGGERS,
    UNTRIGGERED_TOLERANCE,
    tolerance_schedule,
    tolerances_from_triggers,
)

pytestmark = PULP_V4

D = Dimension
HIGH_FEAR = Instruments(fabq_pa=(6, 6, 6, 6))  # FABQ-PA 24 > 14: graded-exposure mode
START_HIGH = Instruments(start_back=(1, 1, 1, 1, 1, 1, 1, 1, 4))  # subscale 5: high risk


def rules_for(c: Client, weeks: int = 1, catalog=None, **options) -> Context:
    ctx = prepare(
        c, builtin_catalog() if catalog is None else catalog, PlanOptions(weeks, **options)
    )
    assert isinstance(ctx, Context), ctx
    return ctx


def reasons(ctx: Context, exercise_id: str, week: int | None = None) -> dict[str, str]:
    """Family → reason for every exclusion of ``exercise_id`` (in ``week``)."""
    return {e.family: e.reason for e in ctx.eligibility.reasons(exercise_id, week)}


def allowed(ctx: Context, week: int) -> set[str]:
    return set(ctx.eligibility.allowed(week))


# --------------------------------------------------------------------- tolerances (§3)


def test_flexion_sensitive_client_gets_no_forward_fold():
    tol = tolerances_from_triggers(["sitting", "bending forward"])
    assert tol[D.END_RANGE_FLEXION] == 1
    ctx = rules_for(client(tolerances=tol))
    why = reasons(ctx, "yoga-standing-forward-fold", 1)
    assert "end range flexion 3 > tolerance 1" in why["tolerance"]
    assert "yoga-seated-forward-fold" not in allowed(ctx, 1)
    assert "yoga-standing-half-fold" in allowed(ctx, 1)  # the gentler version stays


def test_flexion_sensitive_client_still_gets_extension_work():
    ctx = rules_for(client(tolerances=tolerances_from_triggers(["sitting", "bending forward"])))
    cobra_like = [i for i in allowed(ctx, 1) if builtin_catalog()[i].demands[D.EXTENSION] >= 1]
    assert cobra_like, "flexion-sensitive clients tend to tolerate extension (domain.md §3)"


def test_a_plan_for_a_flexion_sensitive_client_has_no_forward_fold():
    c = client(tolerances=tolerances_from_triggers(["sitting", "bending forward"]))
    options = PlanOptions(weeks=1, explain=False)
    result = plan(c, builtin_catalog(), options)
    assert result.planned, result.message
    used = [b.exercise_id for d in result.weeks[0].days for b in d.blocks]
    assert all(builtin_catalog()[i].demands[D.END_RANGE_FLEXION] <= 1 for i in used)
    assert verify_plan(result, c, builtin_catalog(), options) == []


def test_tolerances_from_no_triggers_are_moderate_everywhere():
    assert tolerances_from_triggers([]) == dict.fromkeys(Dimension, UNTRIGGERED_TOLERANCE)


def test_tolerances_from_triggers_take_the_lowest_suggestion_per_dimension():
    tol = tolerances_from_triggers(["sitting", "bending forward", "lifting"])
    assert tol[D.END_RANGE_FLEXION] == 1  # bending forward 1 beats sitting 2
    assert tol[D.LOADED_FLEXION] == 1
    assert tol[D.SUSTAINED_SITTING] == 1
    assert tol[D.AXIAL_LOAD] == 1
    assert tol[D.EXTENSION] == UNTRIGGERED_TOLERANCE  # untouched by these triggers


def test_extension_triggers_make_an_extension_sensitive_client():
    tol = tolerances_from_triggers(["standing", "walking far", "bending backward"])
    assert tol[D.EXTENSION] == 1
    assert tol[D.END_RANGE_FLEXION] == UNTRIGGERED_TOLERANCE


def test_an_unknown_trigger_names_the_closest_known_ones():
    # "juggling" is close to "jogging", a synonym of "running or jumping"
    with pytest.raises(
        ValueError, match="trigger not understood: 'juggling'; closest known: running or jumping"
    ):
        tolerances_from_triggers(["juggling"])
    with pytest.raises(ValueError, match="trigger not understood: 'xyzzy'; closest known: sitting"):
        tolerances_from_triggers(["xyzzy"])


@given(st.lists(st.sampled_from(sorted(TRIGGERS)), max_size=5))
def test_more_triggers_never_raise_a_tolerance(triggers):
    fewer = tolerances_from_triggers(triggers[:-1])
    more = tolerances_from_triggers(triggers)
    assert all(more[d] <= fewer[d] for d in Dimension)
    assert all(0 <= more[d] <= 3 for d in Dimension)


def test_an_unassessed_dimension_is_treated_as_no_tolerance():
    c = client(tolerances={d: 3 for d in Dimension if d is not D.IMPACT})
    ctx = rules_for(c)
    jumpy = [e.id for e in builtin_catalog() if e.demands[D.IMPACT] >= 1]
    assert jumpy and not set(jumpy) & allowed(ctx, 1)


# ------------------------------------------------------------- other hard filters (§3)


def test_doctor_banned_discipline_is_excluded_with_reason():
    c = client(clearance=replace(CLEARED, banned_disciplines=frozenset({Discipline.RUNNING})))
    ctx = rules_for(c, weeks=2)
    running = [e.id for e in builtin_catalog() if e.discipline is Discipline.RUNNING]
    assert running
    for i in running:
        found = [e for e in ctx.eligibility.reasons(i) if e.family == "doctor_discipline"]
        assert found and found[0].weeks == (1, 2)
        assert found[0].reason == "the doctor's restrictions leave out walk-run and running"
    assert not set(running) & (allowed(ctx, 1) | allowed(ctx, 2))


def test_doctor_banned_exercise_and_max_effort_are_excluded_with_reasons():
    c = client(clearance=replace(CLEARED, banned_exercises=frozenset({"walk-easy"}), max_rpe=3.0))
    ctx = rules_for(c)
    assert reasons(ctx, "walk-easy")["doctor_exercise"] == (
        "the doctor's restrictions leave out this exercise"
    )
    harder = [e for e in builtin_catalog() if e.rpe > 3.0]
    for e in harder:
        assert reasons(ctx, e.id)["doctor_max_effort"] == (
            f"effort RPE {e.rpe:g} > the doctor's maximum 3"
        )
    assert all(builtin_catalog()[i].rpe <= 3.0 for i in allowed(ctx, 1))


def test_missing_pool_excludes_swimming():
    ctx = rules_for(client(equipment=frozenset({"mat"})))
    swimming = [e.id for e in builtin_catalog() if e.discipline is Discipline.SWIMMING]
    for i in swimming:
        assert "needs pool" in reasons(ctx, i)["equipment"]
    assert not set(swimming) & allowed(ctx, 1)
    with_pool = rules_for(client(equipment=frozenset({"mat", "pool"})))
    assert all("equipment" not in reasons(with_pool, i) for i in swimming)
    assert set(swimming) & allowed(with_pool, 1)


def test_gym_access_brings_the_gym_equipment():
    ctx = rules_for(client(equipment=frozenset({"gym"})))
    for e in builtin_catalog():
        if e.equipment and e.equipment <= {"gym", "machines", "dumbbells", "barbell", "mat"}:
            assert "equipment" not in reasons(ctx, e.id), e.id


def deadlift_client(**kw) -> Client:
    """Tolerates the deadlift's demands, has a gym and eight green weeks behind."""
    return client(
        tolerances=dict.fromkeys(Dimension, 3),
        equipment=frozenset({"gym"}),
        consecutive_green_weeks=8,
        goals={Goal.STRENGTH: 40, Goal.CARDIO: 30},
        **kw,
    )


def test_deadlift_needs_a_supervised_session():
    ctx = rules_for(deadlift_client())
    assert reasons(ctx, "gym-deadlift") == {
        "supervision": "needs supervision, and no supervised session is scheduled"
    }
    supervised = rules_for(deadlift_client(supervised_days=frozenset({Day.WED})))
    assert "gym-deadlift" in allowed(supervised, 1)
    assert "gym-deadlift" in supervised.eligibility.supervised_only


def test_a_pinned_deadlift_goes_on_the_supervised_day():
    c = deadlift_client(supervised_days=frozenset({Day.WED}))
    options = PlanOptions(weeks=1, pins=(Pin("gym-deadlift", 1),), explain=False)
    result = plan(c, builtin_catalog(), options)
    assert result.planned, result.message
    days = [
        d.day for d in result.weeks[0].days for b in d.blocks if b.exercise_id == "gym-deadlift"
    ]
    assert days == [Day.WED]
    assert verify_plan(result, c, builtin_catalog(), options) == []


def test_a_block_longer_than_the_session_is_excluded():
    ctx = rules_for(client(minutes_per_session=15))
    long = [e for e in builtin_catalog() if e.minutes > 15]
    assert long
    for e in long:
        assert reasons(ctx, e.id)["session_length"] == f"{e.minutes} min block > the 15 min session"


def test_trainer_bans_are_excluded_with_reason():
    ctx = rules_for(client(), bans=frozenset({"yoga-cat-cow"}))
    assert reasons(ctx, "yoga-cat-cow") == {"trainer_ban": "left out by the trainer"}
    assert "yoga-cat-cow" not in allowed(ctx, 1)


# --------------------------------------------------------------------- phases (§4)


def test_early_weeks_leave_out_vigorous_work():
    c = client(tolerances=dict.fromkeys(Dimension, 3), equipment=frozenset({"gym", "pool"}))
    ctx = rules_for(c, weeks=6)
    params = resolve()
    for w in (1, 2):
        for i in allowed(ctx, w):
            e = builtin_catalog()[i]
            assert e.met < params.vigorous_met and e.rpe <= params.early_max_rpe, (w, i)
    # power yoga (RPE 6, MET 4) is moderate by MET: out in weeks 1-2 only
    power = ctx.eligibility.reasons("yoga-power-flow")
    assert {e.family: e.weeks for e in power} == {"early_phase_effort": (1, 2)}
    assert "yoga-power-flow" in allowed(ctx, 3)
    # sidestroke (MET 7) is vigorous: out until four green weeks are behind the client
    side = {e.family: e.weeks for e in ctx.eligibility.reasons("swim-sidestroke")}
    assert side == {"early_phase_effort": (1, 2), "vigorous_gating": (1, 2, 3, 4)}
    assert "swim-sidestroke" in allowed(ctx, 5)


def test_green_weeks_already_behind_the_client_shorten_the_early_phase():
    c = client(
        tolerances=dict.fromkeys(Dimension, 3),
        equipment=frozenset({"gym", "pool"}),
        consecutive_green_weeks=2,
    )
    ctx = rules_for(c, weeks=3)
    assert "yoga-power-flow" in allowed(ctx, 1)
    side = {e.family: e.weeks for e in ctx.eligibility.reasons("swim-sidestroke")}
    assert side == {"vigorous_gating": (1, 2)}


def test_exercises_with_several_high_demands_wait_for_week_five():
    c = client(tolerances=dict.fromkeys(Dimension, 3), equipment=frozenset({"gym"}))
    ctx = rules_for(c, weeks=6, overrides={"vigorous_after_green_weeks": 0.0})
    why = {e.family: e for e in ctx.eligibility.reasons("gym-deadlift")}
    assert why["early_phase_demands"].weeks == (1, 2, 3, 4)
    assert "loaded flexion, axial load" in why["early_phase_demands"].reason


# ------------------------------------------------------------------------- load (§4)


def test_start_back_high_lowers_the_starting_ceiling():
    walker = (Activity(Discipline.WALKING, 5, 40, 3.0),)  # 600 AU a week
    low_risk = rules_for(client(activities=walker))
    high_risk = rules_for(client(activities=walker, instruments=START_HIGH))
    assert low_risk.ceilings[0].value == pytest.approx(450.0)
    assert high_risk.ceilings[0].value == pytest.approx(315.0)
    assert "STarT Back high risk" in high_risk.ceilings[0].reason


def test_the_starting_floor_applies_after_the_start_back_factor():
    walker = (Activity(Discipline.WALKING, 2, 30, 4.0),)  # 240 AU: 0.75 x 0.7 x 240 = 126
    ctx = rules_for(client(activities=walker, instruments=START_HIGH))
    assert ctx.ceilings[0].value == pytest.approx(150.0)
    assert "raised to the 150 AU starting floor" in ctx.ceilings[0].reason


def test_an_inactive_client_starts_at_the_floor():
    ctx = rules_for(client(activities=()))
    assert ctx.ceilings[0].value == pytest.approx(resolve().min_start_ceiling_au)


def test_ceiling_rises_ten_percent_a_week():
    ctx = rules_for(client(activities=(Activity(Discipline.WALKING, 5, 40, 3.0),)), weeks=4)
    assert [c.value for c in ctx.ceilings] == pytest.approx([450.0, 495.0, 544.5, 598.95], abs=0.06)


def test_session_caps_start_from_the_longest_recent_session():
    c = client(activities=(Activity(Discipline.WALKING, 3, 30, 4.0, longest_minutes=40),))
    caps = first_session_caps(c, resolve())
    assert caps[Discipline.WALKING] == pytest.approx(44.0)
    assert caps[Discipline.YOGA] == pytest.approx(20.0)  # new discipline
    assert next_session_cap(44.0, 30.0, resolve()) == pytest.approx(44.0)
    assert next_session_cap(44.0, 42.0, resolve()) == pytest.approx(46.2)


# ----------------------------------------------------------------- graded exposure (§3)


def feared(**kw) -> Client:
    return client(
        tolerances={**dict.fromkeys(Dimension, 2), D.ROTATION: 1, D.END_RANGE_FLEXION: 1},
        exposure_targets={D.ROTATION: 2, D.END_RANGE_FLEXION: 2},
        **kw,
    )


def schedule(ctx: Context, *dims) -> list[tuple[int, ...]]:
    cols = [list(Dimension).index(d) for d in dims]
    return [tuple(int(x) for x in row[cols]) for row in ctx.eligibility.tolerances]


def test_graded_exposure_brings_one_feared_movement_back_per_interval():
    ctx = rules_for(feared(instruments=HIGH_FEAR), weeks=4)
    assert ctx.modes.graded_exposure
    # least feared (rotation, listed first) comes back in week 2, end-range flexion in week 3
    assert schedule(ctx, D.ROTATION, D.END_RANGE_FLEXION) == [(1, 1), (2, 1), (2, 2), (2, 2)]
    twist = ctx.eligibility.reasons("pilates-spine-twist")
    assert [(e.family, e.weeks) for e in twist] == [("graded_exposure", (1,))]
    assert "until week 2 (graded exposure)" in twist[0].reason
    assert "pilates-spine-twist" in allowed(ctx, 2)


def test_graded_exposure_interval_is_configurable():
    ctx = rules_for(
        feared(instruments=HIGH_FEAR, overrides={"exposure_interval_weeks": 2.0}), weeks=6
    )
    assert schedule(ctx, D.ROTATION, D.END_RANGE_FLEXION) == [
        (1, 1),
        (1, 1),
        (2, 1),
        (2, 1),
        (2, 2),
        (2, 2),
    ]


def test_without_high_fear_targets_come_back_together():
    ctx = rules_for(feared(), weeks=3)
    assert not ctx.modes.graded_exposure
    assert schedule(ctx, D.ROTATION, D.END_RANGE_FLEXION) == [(1, 1), (2, 2), (2, 2)]


def test_a_graded_exposure_plan_uses_the_returned_movement_sparingly():
    c = feared(instruments=HIGH_FEAR)
    options = PlanOptions(weeks=2, explain=False)
    result = plan(c, builtin_catalog(), options)
    assert result.planned, result.message
    assert verify_plan(result, c, builtin_catalog(), options) == []


# ------------------------------------------------------------------ hypothesis: rules

RULE_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@RULE_SETTINGS
@given(c=clients(), catalog=exercise_lists(), weeks=st.integers(1, 6), data=st.data())
def test_no_excluded_exercise_week_lacks_a_reason(c, catalog, weeks, data):
    bans = data.draw(st.frozensets(st.sampled_from([e.id for e in catalog])))
    ctx = rules_for(c, weeks, catalog, bans=bans)
    elig = ctx.eligibility
    for row, e in enumerate(catalog):
        for w in range(1, weeks + 1):
            why = elig.reasons(e.id, w)
            assert bool(why) == (not elig.mask[row, w - 1]), (e.id, w, why)
            for x in why:
                assert x.family in FAMILIES and x.reason.strip()
                assert set(x.weeks) <= set(range(1, weeks + 1))
        if e.id in bans:
            assert "trainer_ban" in {x.family for x in elig.reasons(e.id)}


@RULE_SETTINGS
@given(c=clients(), catalog=exercise_lists(), weeks=st.integers(1, 6))
def test_no_allowed_exercise_exceeds_a_tolerance(c, catalog, weeks):
    ctx = rules_for(c, weeks, catalog)
    elig = ctx.eligibility
    limits = verify.tolerances(c, ctx.params, weeks)  # recomputed independently
    assert [elig.tolerances[0][i] for i, d in enumerate(Dimension)] == [
        c.tolerance(d) for d in Dimension
    ]
    for w in range(1, weeks + 1):
        for i in elig.allowed(w):
            e = next(x for x in catalog if x.id == i)
            for k, d in enumerate(Dimension):
                assert e.demands[d] <= elig.tolerances[w - 1][k] <= limits[w - 1][d], (i, w, d)


@RULE_SETTINGS
@given(
    tol=st.fixed_dictionaries({d: st.integers(0, 2) for d in Dimension}),
    feared_dims=st.lists(st.sampled_from(list(Dimension)), min_size=1, max_size=4, unique=True),
    weeks=st.integers(2, 12),
    interval=override("exposure_interval_weeks"),
)
def test_tolerance_rises_at_most_one_step_per_interval(tol, feared_dims, weeks, interval):
    c = client(tolerances=tol, exposure_targets=dict.fromkeys(feared_dims, 3))
    params = resolve({"exposure_interval_weeks": interval})
    for mode in (False, True):
        tol = tolerance_schedule(c, weeks, params, mode)
        assert np.array_equal(tol[0], [c.tolerance(d) for d in Dimension])
        for w in range(1, weeks):
            step = tol[w] - tol[w - 1]
            assert step.min() >= 0 and step.max() <= 1
            if mode:
                assert step.sum() <= 1  # one feared movement at a time
            # steps only where a whole interval has passed
            if step.any():
                assert np.floor(w / interval) > np.floor((w - 1) / interval), (w, interval)
        targets = [max(c.tolerance(d), c.exposure_targets.get(d, 0)) for d in Dimension]
        assert (tol <= np.array(targets)).all()


LOAD_RULES = (
    "start_ceiling_fraction",
    "min_start_ceiling_au",
    "weekly_rise",
    "max_weekly_rise",
    "start_high_ceiling_factor",
)


@RULE_SETTINGS
@given(
    values=st.fixed_dictionaries({n: override(n) for n in LOAD_RULES}),
    baseline=st.lists(
        st.builds(
            Activity,
            discipline=st.sampled_from(list(Discipline)),
            sessions_per_week=st.integers(0, 7),
            minutes=st.integers(5, 120),
            rpe=st.floats(1, 10),
        ),
        max_size=3,
    ),
    items=st.none() | start_back_items,
    weeks=st.integers(1, 12),
)
def test_ceilings_never_rise_faster_than_the_rules_allow(values, baseline, items, weeks):
    c = client(activities=tuple(baseline), instruments=Instruments(start_back=items))
    ctx = rules_for(c, weeks, catalog=[], overrides=values)
    p = ctx.params
    rise = min(p.weekly_rise, p.max_weekly_rise)
    got = [x.value for x in ctx.ceilings]
    assert ctx.modes.start_high == verify.start_back_high(c)
    assert got[0] == pytest.approx(verify.week_one_ceiling(c, p), abs=0.05 + 1e-9)
    assert got[0] >= p.min_start_ceiling_au - 0.05
    for a, b in zip(got, got[1:], strict=False):
        assert b <= a * (1 + rise) + 0.05 + 1e-9
        assert b <= a * (1 + p.max_weekly_rise) + 0.05 + 1e-9
        assert b >= a - 0.05
    assert next_week_cap(got[0], p) <= got[0] * (1 + p.max_weekly_rise) + 1e-9
    assert starting_ceiling(c, p, ctx.modes.start_high).value == got[0]
    assert ceiling_schedule(c, weeks, p, ctx.modes.start_high)[-1].value == got[-1]


@settings(max_examples=25, deadline=None)
@given(c=clients(), flags=red_flag_answers(), catalog=exercise_lists(max_size=4))
def test_any_red_flag_means_no_plan(c, flags, catalog):
    flagged = replace(c, red_flags=flags)
    result = plan(flagged, catalog, PlanOptions(weeks=2))
    assert result.status == REFERRED
    assert result.weeks == ()
    assert result.screening is not None and not result.screening.plannable
    assert verify_plan(result, flagged, catalog, PlanOptions(weeks=2)) == []


def test_resolved_parameters_survive_a_copy_and_a_pickle():
    """Params travel with a week's problem (copies, worker processes): a copy or a pickle
    round trip keeps every value and override (unpickling used to recurse forever)."""
    import copy
    import pickle

    params = resolve({"weekly_rise": 0.05})
    for again in (pickle.loads(pickle.dumps(params)), copy.deepcopy(params)):
        assert dict(again) == dict(params)
        assert again.weekly_rise == 0.05
