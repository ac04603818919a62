"""The week solver's shortcuts never rule out a plan that exists.

Session patterns: the week model's view of sessions never rules out a week that packs.

The week master sees whole sessions through "pattern" rows (blocks per length that fit
one session). They are only valid if every week that really fits into the training
days keeps them: otherwise the planner would miss the best plan and prove a wrong
bound. Here random weeks are packed by hand, session by session, under the capacity
rules, and every packing row of the model is evaluated at that week.

Bounds per exercise: the bound the solver puts on plans using an exercise outside its
candidates is checked against the best integer plan that uses it.
"""

import random
from dataclasses import replace

import pulp
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from strategies import PULP_V4, synthetic_instance, synthetic_instances

from workbench.optimize.constraints import WEEK
from workbench.optimize.model import build_model
from workbench.optimize.packing import PACKED, assign_days, pack
from workbench.optimize.sessions import (
    pattern_values,
    session_patterns,
    session_types,
    strength_pairs_value,
)
from workbench.planning.planner import PlanOptions, _initial_state, plan, prepare, week_problem

pytestmark = PULP_V4


def first_week(client, catalog):
    ctx = prepare(client, catalog, PlanOptions(weeks=1, explain=False))
    if not hasattr(ctx, "eligibility"):
        return None  # referred or needs clearance: no week to plan
    return week_problem(ctx, 1, _initial_state(ctx), {e.id: e for e in catalog})


def random_packed_week(p, rng: random.Random) -> list[list[int]]:
    """Sessions (exercise indices) filled at random under the capacity rules: session
    length, each discipline's session cap, an exercise at most once a day and at most
    ``max_uses`` times a week."""
    sessions: list[list[int]] = [[] for _ in range(p.training_days)]
    supervised = min(p.training_days, len([d for d in p.days if d in p.supervised]))
    uses = {i: 0 for i in range(len(p.exercises))}
    order = [i for i in range(len(p.exercises)) if p.fits(i)] * 3
    rng.shuffle(order)
    for i in order:
        ex = p.exercises[i]
        if uses[i] >= p.max_uses(i):
            continue
        for s in rng.sample(range(len(sessions)), len(sessions)):
            day = sessions[s]
            if ex.id in p.supervised_only and s >= supervised:
                continue  # supervised-only blocks go on the supervised days
            minutes = sum(p.minutes[j] for j in day)
            in_discipline = sum(
                p.minutes[j] for j in day if p.exercises[j].discipline is ex.discipline
            )
            if (
                i not in day
                and minutes + p.minutes[i] <= p.session_minutes + 1e-9
                and in_discipline + p.minutes[i] <= p.session_caps[ex.discipline] + 1e-9
            ):
                day.append(i)
                uses[i] += 1
                break
    return sessions


def random_week_counts(p, rng: random.Random, extra: int = 0) -> dict[int, int]:
    """Uses per exercise of a random packed week, plus up to ``extra`` more blocks of
    random exercises (within their uses a week), which may no longer pack."""
    counts: dict[int, int] = {}
    for day in random_packed_week(p, rng):
        for i in day:
            counts[i] = counts.get(i, 0) + 1
    usable = [i for i in range(len(p.exercises)) if p.fits(i) and p.max_uses(i) > 0]
    for i in rng.sample(usable, min(extra, len(usable))):
        if counts.get(i, 0) < p.max_uses(i):
            counts[i] = counts.get(i, 0) + 1
    return counts


def random_week_and_its_packing(instance, seed: int, extra: int):
    """(week problem, uses of a random packed week plus up to ``extra`` blocks, the
    packing check's answer), or None when there is no week or the search stopped at its
    limits (the planner then asks the day model itself)."""
    from workbench.optimize.packing import UNKNOWN

    client, catalog, _weeks = synthetic_instance(*instance)
    p = first_week(client, catalog)
    if p is None or not p.exercises:
        return None
    counts = random_week_counts(p, random.Random(seed), extra=extra)
    status = pack(p, counts)[0]
    event(f"pack: {status}")
    return None if status == UNKNOWN else (p, counts, status)


def packing_rows_hold(m, values, strength: bool = True) -> list[str]:
    """The packing rows ``values`` break. ``strength=False`` skips the strength rows:
    they are wishes (enough strength days), not capacities, so a random week need not
    keep them."""
    broken = []
    for name, con in m.constraints.items():
        if not name.startswith("packing__") or (not strength and "strength" in name):
            continue
        lhs = sum(c * values.get(var, 0.0) for var, c in con.items()) + con.constant
        if (con.sense == pulp.LpConstraintLE and lhs > 1e-6) or (
            con.sense == pulp.LpConstraintGE and lhs < -1e-6
        ):
            broken.append(f"{name}: {lhs:.3f}")
    return broken


@pytest.mark.parametrize("disc", [False, True])
@pytest.mark.parametrize("integer", [True, False])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=synthetic_instances(max_weeks=1), seed=st.integers(0, 10_000))
def test_a_week_that_packs_keeps_every_session_pattern_row(instance, seed, integer, disc):
    """(``disc``: the slots of a capped discipline are told apart and keep its cap
    together, as the session master's patterns do.)"""
    client, catalog, _weeks = synthetic_instance(*instance)
    p = first_week(client, catalog)
    if p is None or not p.exercises:
        return
    sessions = random_packed_week(p, random.Random(seed))
    counts: dict[int, int] = {}
    for day in sessions:
        for i in day:
            counts[i] = counts.get(i, 0) + 1
    m, v = build_model(p, aggregated=True, integer=integer, patterns=True, disc=disc)
    event(f"disc patterns: {v.patterns_disc}")
    if not v.patterns:
        return  # no exercise to use, or too many patterns: no pattern rows (tested below)
    values = {var: float(counts.get(i, 0)) for (i, _d), var in v.uses.items()}
    found = pattern_values(p, v, sessions)
    assert found, "a session that fits matches no pattern"
    values.update(found)
    placed = {i: [b for b, day in enumerate(sessions) if i in day] for i in counts}
    if p.strength_days and assign_days(p, placed) is not None:
        # the week also has its strength days: the strength rows must hold too
        if v.strength_pairs is not None:
            values[v.strength_pairs] = strength_pairs_value(p, counts)
        assert packing_rows_hold(m, values) == []
    else:
        assert packing_rows_hold(m, values, strength=False) == []


def test_the_planner_starts_from_a_packed_week_that_keeps_the_pattern_rows():
    """The warm start the week solver builds (via :func:`pack`) satisfies the rows,
    strength rows included (high-fear has a strength goal), so HiGHS keeps it instead
    of dropping it."""
    from workbench.catalog import builtin_catalog
    from workbench.client.examples import example_client
    from workbench.optimize.starts import _start_values

    client = example_client("high-fear")
    p = first_week(client, builtin_catalog())
    week = plan(client, builtin_catalog(), PlanOptions(weeks=1, explain=False)).weeks[0]
    index = {e.id: i for i, e in enumerate(p.exercises)}
    counts: dict[int, int] = {}
    for day in week.days:
        for block in day.blocks:
            i = index[block.exercise_id]
            counts[i] = counts.get(i, 0) + 1
    assert pack(p, counts)[0] == PACKED
    m, v = build_model(p, aggregated=True, integer=True, patterns=True)
    assert v.patterns, "high-fear's 30-minute sessions have few patterns"
    values = _start_values(p, v, counts)
    assert packing_rows_hold(m, values) == []


def test_uses_stay_a_relaxation_without_too_many_patterns():
    """Beyond ``MAX_PATTERNS`` the rows are left out rather than cut short (a partial
    list would wrongly forbid sessions)."""
    from workbench.catalog import builtin_catalog
    from workbench.client.examples import example_client
    from workbench.optimize import sessions

    p = first_week(example_client("pool-only"), builtin_catalog())
    fitting = [i for i in range(len(p.exercises)) if p.fits(i)]
    full = session_patterns(p, fitting)
    assert full
    old = sessions.MAX_PATTERNS
    try:
        sessions.MAX_PATTERNS = len(full) - 1
        assert session_patterns(p, fitting) == []
        _m, v = build_model(p, aggregated=True, integer=True, patterns=True)
        assert v.patterns == [] and all(k[1] == WEEK for k in v.uses)
    finally:
        sessions.MAX_PATTERNS = old


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=synthetic_instances(max_weeks=1), pick=st.integers(0, 10_000))
def test_the_bound_for_plans_with_an_exercise_holds(instance, pick):
    """The week solver proves its gap partly from a bound on every plan that uses a given
    exercise (the LP with that exercise forced in). No integer plan using the exercise
    may score above it."""
    from workbench.optimize.candidates import _outside_bounds, _reduced_costs
    from workbench.optimize.solve import SolverSettings, solve

    client, catalog, _weeks = synthetic_instance(*instance)
    p = first_week(client, catalog)
    if p is None or not p.exercises:
        return
    settings = SolverSettings(relative_gap=1e-6, time_limit=10.0)
    lp, lv = build_model(p, aggregated=True)
    screen = solve(lp, settings, mip=False)
    if screen.objective is None:
        return
    dj = _reduced_costs(p, lv)
    bounds = _outside_bounds(p, lp, lv, dj, screen.objective, set(), -float("inf"), 1e18)
    usable = sorted(i for i, _d in lv.uses)
    i = usable[pick % len(usable)]
    m, v = build_model(p, aggregated=True, integer=True)
    v.uses[(i, WEEK)].lowBound = 1
    best = solve(m, settings)
    if best.objective is not None:  # (no plan uses it: nothing to bound)
        assert best.objective <= bounds[i] + 1e-6


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=synthetic_instances(max_weeks=1), seed=st.integers(0, 10_000))
# a 20-minute dance block traded for a 20-minute gym block: the check of the trade kept
# the dance block as well (and found it unpackable), so the cut removed a week that packs
@example(instance=(617, 48, 669, 1), seed=450)
def test_a_widened_packing_cut_removes_only_weeks_that_do_not_pack(instance, seed):
    """When a week's blocks do not fit its sessions, the cut may trade blocks between
    exercises of one length (:func:`workbench.optimize.cuts._lifted`). Every week the
    widened cut removes must fail to pack as well."""
    from workbench.optimize.cuts import _lifted
    from workbench.optimize.packing import UNPACKABLE, conflict

    client, catalog, _weeks = synthetic_instance(*instance)
    p = first_week(client, catalog)
    if p is None or not p.exercises:
        return
    rng = random.Random(seed)
    # a few more blocks than a packed week, so that the week overflows
    counts = random_week_counts(p, rng, extra=4)
    if pack(p, counts)[0] != UNPACKABLE:
        return
    small = conflict(p, counts)
    groups = _lifted(p, small)
    assert sorted(i for g, _n in groups for i in g) == sorted(small)
    for _ in range(20):
        assert pack(p, week_meeting(p, groups, rng))[0] != PACKED


def week_meeting(p, groups, rng: random.Random) -> dict[int, int]:
    """A random week with exactly ``need`` blocks from each group's exercises (each
    within its uses a week): one that a cut over ``groups`` removes."""
    week: dict[int, int] = {}
    for members, need in groups:
        left = need
        for i in rng.sample(members, len(members)):
            take = (
                min(left, p.max_uses(i))
                if i == members[-1]
                else rng.randint(0, min(left, p.max_uses(i)))
            )
            week[i] = take
            left -= take
        if left > 0:  # no such split this draw: put the rest where it fits
            for i in members:
                more = min(left, p.max_uses(i) - week[i])
                week[i] += more
                left -= more
        assert left == 0
    return {i: n for i, n in week.items() if n}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=synthetic_instances(max_weeks=1), seed=st.integers(0, 10_000))
def test_a_packing_cut_with_twins_swapped_in_removes_only_weeks_that_do_not_pack(instance, seed):
    """A packing cut's images with twins swapped in (exercises alike in all the master,
    the packing and the day rules read; :func:`workbench.optimize.cuts._twin_images`)
    are added too. With copies of some exercises in the catalog, every week an image
    removes must fail to pack as well."""
    from workbench.optimize.cuts import _lifted, _twin_images
    from workbench.optimize.packing import UNPACKABLE, conflict

    client, catalog, _weeks = synthetic_instance(*instance)
    rng = random.Random(seed)
    copies = [
        replace(ex, id=f"{ex.id}-copy{k}", name=f"{ex.name} {k}")
        for ex in rng.sample(catalog, min(3, len(catalog)))
        for k in range(rng.randint(1, 2))
    ]
    catalog = list(catalog) + copies
    p = first_week(client, catalog)
    if p is None or not p.exercises:
        return
    counts = random_week_counts(p, rng, extra=4)
    if pack(p, counts)[0] != UNPACKABLE:
        return
    groups = _lifted(p, conflict(p, counts))
    images = _twin_images(groups, p.twins()[0])
    event(f"twin images: {min(len(images), 3)}{'+' if len(images) >= 3 else ''}")
    for image in images:
        assert image != groups
        for _ in range(5):
            assert pack(p, week_meeting(p, image, rng))[0] != PACKED


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=synthetic_instances(max_weeks=1), seed=st.integers(0, 10_000))
def test_the_repair_heuristic_scores_a_week_as_the_model_does(instance, seed):
    """The repair of a plan that does not pack compares plans by its own fast evaluation
    of the objective; it must agree with the model's objective on every week."""
    import numpy as np

    from workbench.optimize.heuristic import _Week
    from workbench.optimize.master import _value

    client, catalog, _weeks = synthetic_instance(*instance)
    p = first_week(client, catalog)
    if p is None or not p.exercises:
        return
    counts = random_week_counts(p, random.Random(seed))
    _m, v = build_model(p, aggregated=True, integer=True)
    x = np.zeros(len(p.exercises))
    for i, n in counts.items():
        x[i] = n
    assert _Week(p).value(x) == pytest.approx(_value(p, v, counts), abs=1e-6)


def one_week_uses(test):
    """A property test over random one-week instances, with a seed and a number of extra
    uses to draw a week's blocks from (60 examples)."""
    cases = given(
        instance=synthetic_instances(max_weeks=1),
        seed=st.integers(0, 10_000),
        extra=st.integers(0, 4),
    )
    return settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])(
        cases(test)
    )


#: The day model's capacity rules: what :func:`pack` decides (the rest are week rules).
CAPACITY_FAMILIES = ("count", "session_minutes", "session_spike", "training_days")


@one_week_uses
def test_the_packing_search_agrees_with_the_day_model(instance, seed, extra):
    """``pack`` says a week's blocks fit the training days exactly when the day model,
    with the uses fixed and only its capacity rules, finds days for them. The weeks are
    random packed weeks, tight ones included, with a few more blocks that may overflow:
    the search's pruning (room no block total can fill) must never miss a packing."""
    from workbench.optimize.packing import UNPACKABLE
    from workbench.optimize.solve import SolverSettings, solve

    drawn = random_week_and_its_packing(instance, seed, extra)
    if drawn is None:
        return
    p, counts, status = drawn
    m, _v = build_model(p, counts=counts)
    for name in list(m.constraints):
        if not name.startswith(CAPACITY_FAMILIES):
            del m.constraints[name]
    out = solve(m, SolverSettings("highs", 0.0, 30.0))
    assert out.status in ("optimal", "infeasible"), out.status
    assert (status == PACKED) == (out.status == "optimal"), (status, out.status, counts)
    assert status in (PACKED, UNPACKABLE)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=synthetic_instances(max_weeks=1), seed=st.integers(0, 10_000))
def test_an_improved_week_keeps_every_rule_of_the_week_model(instance, seed):
    """Before bounding the rest of the catalog, the week solver trades uses of its plan for
    better ones (:func:`workbench.optimize.heuristic.improve`). The result must score at
    least as much and keep every row of the integer week model, and it must pack. The
    start is a random packed week cut down until it keeps the week's rules (or the
    planner's own week, when that fails)."""
    import numpy as np

    from workbench.optimize.heuristic import _Week, improve
    from workbench.optimize.starts import _start_values

    client, catalog, _weeks = synthetic_instance(*instance)
    p = first_week(client, catalog)
    if p is None or not p.exercises:
        return
    w = _Week(p)
    x = np.zeros(len(p.exercises), dtype=int)
    for day in random_packed_week(p, random.Random(seed)):
        for i in day:
            x[i] += 1
    rng = random.Random(seed)
    while x.sum() and not (w.within_limits(x) and w.complete(x)):
        x[rng.choice(list(np.flatnonzero(x)))] -= 1
    if not x.sum():
        result = plan(client, catalog, PlanOptions(weeks=1, explain=False))
        if not result.planned:
            return
        index = {e.id: i for i, e in enumerate(p.exercises)}
        for day in result.weeks[0].days:
            for block in day.blocks:
                x[index[block.exercise_id]] += 1
    counts = {int(i): int(x[i]) for i in np.flatnonzero(x)}
    found = improve(p, counts)
    event(f"improve: {'none' if found is None else 'ran'}")
    if found is None:
        return
    value, better = found
    event(f"improve: {'better' if value > w.value(x) + 1e-9 else 'same'}")
    assert value >= w.value(x) - 1e-9
    assert pack(p, better)[0] == PACKED
    m, mv = build_model(p, aggregated=True, integer=True)
    values = _start_values(p, mv, better)
    broken = []
    for name, con in m.constraints.items():
        lhs = sum(c * values.get(var, 0.0) for var, c in con.items()) + con.constant
        if (con.sense == pulp.LpConstraintLE and lhs > 1e-6) or (
            con.sense == pulp.LpConstraintGE and lhs < -1e-6
        ):
            broken.append(f"{name}: {lhs:.3f}")
    assert broken == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    instance=synthetic_instances(max_weeks=1),
    seed=st.integers(0, 10_000),
    strength_days=st.integers(0, 3),
)
def test_days_are_found_exactly_when_some_choice_of_days_keeps_the_day_rules(
    instance, seed, strength_days
):
    """``assign_days`` (which searches only one order of sessions alike for every day
    rule) finds days for a week's sessions exactly when trying every choice of distinct
    days finds some that keep the day rules: supervised-only blocks on supervised days,
    pinned exercises on their days, and enough strength sessions on pairwise
    non-consecutive days. What it returns keeps them."""
    from itertools import combinations, pairwise, permutations

    from workbench.optimize.problem import Pin

    client, catalog, _weeks = synthetic_instance(*instance)
    p = first_week(client, catalog)
    if p is None or not p.exercises:
        return
    rng = random.Random(seed)
    status, placed = pack(p, random_week_counts(p, rng))
    if status != PACKED or not placed:
        return
    ids = sorted({p.exercises[i].id for i in placed})
    pins = [
        Pin(i, p.week, rng.choice(p.days))
        for i in rng.sample(ids, rng.randint(0, min(2, len(ids))))
    ]
    p = replace(
        p,
        strength_days=strength_days,
        supervised=frozenset(rng.sample(p.days, rng.randint(0, len(p.days)))),
        supervised_only=frozenset(rng.sample(ids, rng.randint(0, min(2, len(ids))))),
        pins=pins,
    )
    sessions: dict[int, list[int]] = {}
    for i, bins in placed.items():
        for b in bins:
            sessions.setdefault(b, []).append(i)
    minimum = p.params.strength_day_min_minutes - 1e-9
    strong = {
        b: sum(p.minutes[i] for i in s if p.is_strength(i)) >= minimum for b, s in sessions.items()
    }

    def keeps(on: dict) -> bool:
        sup = all(
            on[b] in p.supervised
            for b, s in sessions.items()
            if any(p.exercises[i].id in p.supervised_only for i in s)
        )
        pinned = all(
            any(
                p.exercises[i].id == pin.exercise_id
                for b, s in sessions.items()
                for i in s
                if on[b] == pin.day
            )
            for pin in pins
        )
        days = sorted(on[b].index for b in sessions if strong[b])
        apart = strength_days == 0 or any(
            all(y - x > 1 for x, y in pairwise(pick)) for pick in combinations(days, strength_days)
        )
        return sup and pinned and apart

    order = sorted(sessions)
    some = any(
        keeps(dict(zip(order, days, strict=True))) for days in permutations(p.days, len(order))
    )
    found = assign_days(p, placed)
    event(f"days found: {found is not None}")
    assert (found is not None) == some
    if found is not None:  # session by session, each session's uses in ``placed`` order
        where = [b for b in order for _i in sessions[b]]
        assert [i for i, _d in found] == [i for b in order for i in sessions[b]]
        assert keeps({b: d for b, (_i, d) in zip(where, found, strict=True)})


@one_week_uses
def test_the_session_rows_hold_exactly_when_the_week_packs(instance, seed, extra):
    """The session master (every block in one of the week's sessions:
    :func:`~workbench.optimize.sessions.define_session_constraints`) must accept a
    week's blocks exactly when the packing check does: it may cut off no week that packs
    (else plans are missed and bounds are wrong), and the plans it offers must pack."""
    from workbench.optimize.solve import SolverSettings, solve

    drawn = random_week_and_its_packing(instance, seed, extra)
    if drawn is None:
        return
    p, counts, status = drawn
    plain, _v = build_model(p, aggregated=True, integer=True)
    m, v = build_model(p, aggregated=True, integer=True, sessions=True)
    # the session rows alone, less the strength ones (a wish, not a capacity)
    for name in list(m.constraints):
        if name in plain.constraints or "strength" in name:
            del m.constraints[name]
    for (i, _d), var in v.uses.items():
        var.lowBound = var.upBound = counts.get(i, 0)
    assert all(any(i == j for j, _d in v.uses) for i in counts)
    out = solve(m, SolverSettings("highs", 0.0, 30.0))
    assert out.status in ("optimal", "infeasible"), out.status
    assert (status == PACKED) == (out.status == "optimal"), (status, out.status, counts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=synthetic_instances(max_weeks=1), seed=st.integers(0, 10_000))
def test_the_session_master_starts_from_a_packed_week_that_keeps_its_rows(instance, seed):
    """A packed week handed to the session master as its start (sessions of one kind
    longest first, strength sessions marked) keeps every packing row, so the solver
    takes it instead of discarding it."""
    from workbench.optimize.starts import _start_values

    client, catalog, _weeks = synthetic_instance(*instance)
    p = first_week(client, catalog)
    if p is None or not p.exercises:
        return
    counts = random_week_counts(p, random.Random(seed))
    if pack(p, counts)[0] != PACKED:
        return  # the search's limits
    m, v = build_model(p, aggregated=True, integer=True, patterns=True, sessions=True)
    values = _start_values(p, v, counts)
    event(f"sessions: {p.training_days}, supervised: {sum(session_types(p))}")
    assert any(values.get(x) for x in v.sessions.values()) == bool(counts)
    assert packing_rows_hold(m, values, strength=False) == []
    for s, z in v.session_strength.items():
        # a session marked for strength has the minutes for it
        name = f"packing__w{p.week}__s{s}_strength"
        con = m.constraints[name]
        lhs = sum(c * values.get(var, 0.0) for var, c in con.items())
        assert lhs >= -1e-6, (name, values.get(z))
