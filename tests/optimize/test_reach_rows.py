"""The reachable-minutes rows: what whole blocks can fill of a session, checked exhaustively.

``packing__w<week>__<group>_reach`` (the week model) and the session master's session
and discipline rows bound a session's minutes by the largest total its distinct blocks
can make, not by the session length or cap itself; ``packing__w<week>__<group>_count``
bounds a session's blocks by the most distinct ones that fit together. A wrong total
would cut off weeks that pack: here every plan of small weeks is packed by the exact
search, and each plan that packs must keep every such row.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import pulp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import synthetic_instance, synthetic_instances
from test_packing import first_week, random_packed_week

from workbench.optimize.model import build_model
from workbench.optimize.packing import PACKED, pack
from workbench.optimize.packing_rows import most_blocks, reach_binding, reachable
from workbench.optimize.solve import OPTIMAL, SolverSettings, solve


def brute_reachable(lengths: list[int], capacity: int) -> int:
    """The largest subset sum of ``lengths`` at most ``capacity``, by every subset."""
    best = 0
    for r in range(len(lengths) + 1):
        for subset in itertools.combinations(lengths, r):
            if sum(subset) <= capacity:
                best = max(best, sum(subset))
    return best


@given(
    lengths=st.lists(st.integers(1, 40), min_size=0, max_size=9),
    capacity=st.integers(1, 90),
)
def test_reachable_is_the_largest_subset_sum_within_the_capacity(lengths, capacity):
    assert reachable([float(x) for x in lengths], float(capacity)) == brute_reachable(
        lengths, capacity
    )


@given(
    lengths=st.lists(st.integers(1, 40), min_size=0, max_size=8),
    capacity=st.integers(1, 90),
)
def test_most_blocks_is_the_largest_set_of_distinct_blocks_that_fits(lengths, capacity):
    best = max(
        r
        for r in range(len(lengths) + 1)
        for subset in itertools.combinations(lengths, r)
        if sum(subset) <= capacity
    )
    assert most_blocks([float(x) for x in lengths], float(capacity)) == best


def test_no_two_swims_share_a_20_minute_cap():
    """Random client 26: 15-, 15-, 15- and 10-minute swims against a 20-minute swimming
    cap: one swim a session, whichever (the dual-feasible rows allow two 10s)."""
    assert most_blocks([15.0, 15.0, 15.0, 10.0], 20.0) == 1
    assert most_blocks([5.0, 8.0, 8.0, 10.0, 10.0], 30.0) == 3


def test_reachable_keeps_the_capacity_when_a_block_is_not_whole_minutes():
    assert reachable([7.5, 10.0], 22.0) == 22.0


def reach_rows(m: pulp.LpProblem) -> dict:
    """The model's rows that bound a session's minutes by what blocks can reach, and its
    blocks by how many distinct ones fit together."""
    return {
        n: c
        for n, c in m.constraints.items()
        if n.startswith("packing__w") and n.endswith(("_reach", "_count"))
    }


def broken(rows: dict, values: dict) -> list[str]:
    out = []
    for name, con in rows.items():
        lhs = sum(c * values.get(var, 0.0) for var, c in con.items()) + con.constant
        if lhs > 1e-6:
            out.append(f"{name}: {lhs:.2f} over")
    return out


def odd_caps(p, rng: random.Random):
    """The week with a few exercises and a session length and caps that whole blocks
    often cannot fill (so that the rows bite)."""
    usable = [i for i in range(len(p.exercises)) if p.exercises[i].minutes <= 25]
    small = p.subset(rng.sample(usable, min(5, len(usable))))
    caps = {k: float(rng.choice([13, 17, 22, 23, 29])) for k in small.session_caps}
    return replace(small, session_minutes=rng.choice([23, 31, 37, 44]), session_caps=caps)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=synthetic_instances(max_weeks=1), seed=st.integers(0, 10_000))
def test_every_plan_that_packs_keeps_the_reach_rows(instance, seed):
    """Exhaustive on small weeks: every count vector within the uses a week is packed by
    the exact search; those that pack keep every reach row."""
    client, catalog, _weeks = synthetic_instance(*instance)
    p = first_week(client, catalog)
    if p is None or not p.exercises:
        return
    rng = random.Random(seed)
    p = odd_caps(p, rng)
    m, v = build_model(p, aggregated=True)  # (the LP has every reach row)
    rows = reach_rows(m)
    keys = sorted(i for (i, _d) in v.uses)
    ranges = [range(min(p.max_uses(i), p.training_days, 3) + 1) for i in keys]
    for uses in itertools.product(*ranges):
        counts = {i: n for i, n in zip(keys, uses, strict=True) if n}
        if counts and pack(p, counts)[0] == PACKED:
            values = {v.uses[(i, d)]: float(counts.get(i, 0)) for (i, d) in v.uses}
            assert broken(rows, values) == [], (counts, p.session_minutes, p.session_caps)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=synthetic_instances(max_weeks=1), seed=st.integers(0, 10_000))
def test_a_randomly_packed_week_keeps_the_reach_rows(instance, seed):
    """Larger weeks: a week filled at random under the session rules keeps the rows."""
    client, catalog, _weeks = synthetic_instance(*instance)
    p = first_week(client, catalog)
    if p is None or not p.exercises:
        return
    rng = random.Random(seed)
    caps = {k: float(rng.choice([13, 17, 22, 23, 29, 40])) for k in p.session_caps}
    p = replace(p, session_minutes=rng.choice([23, 31, 37, 44, 61]), session_caps=caps)
    counts: dict[int, int] = {}
    for day in random_packed_week(p, rng):
        for i in day:
            counts[i] = counts.get(i, 0) + 1
    m, v = build_model(p, aggregated=True)
    values = {var: float(counts.get(i, 0)) for (i, _d), var in v.uses.items()}
    assert broken(reach_rows(m), values) == []


def test_the_rows_bound_what_whole_blocks_can_fill():
    """5-, 10- and 15-minute blocks fill at most 20 minutes of a 22-minute cap."""
    assert reachable([5.0, 10.0, 15.0], 22.0) == 20.0


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=synthetic_instances(max_weeks=1), seed=st.integers(0, 10_000))
def test_the_master_gets_the_reach_rows_its_lp_met_with_equality(instance, seed):
    """The master's reach rows are the LP's that hold with equality at its optimum."""
    client, catalog, _weeks = synthetic_instance(*instance)
    p = first_week(client, catalog)
    if p is None or not p.exercises:
        return
    rng = random.Random(seed)
    caps = {k: float(rng.choice([13, 17, 22, 23, 29, 40])) for k in p.session_caps}
    p = replace(p, session_minutes=rng.choice([23, 31, 37, 44, 61]), session_caps=caps)
    lp, lv = build_model(p, aggregated=True)
    if solve(lp, SolverSettings(time_limit=5), mip=False).status != OPTIMAL:
        return
    tight = reach_binding(lp)
    lp_rows = [n for n in reach_rows(lp) if n.endswith("_reach")]
    for name in lp_rows:
        con = lp.constraints[name]
        value = sum(c * (var.varValue or 0.0) for var, c in con.items()) + con.constant
        label = name.split("__", 2)[2].removesuffix("_reach")
        assert (label in tight) == (abs(value) < 1e-6), name
    master, _mv = build_model(p, aggregated=True, integer=True, reach=tight)
    assert {n for n in reach_rows(master) if n.endswith("_reach")} == {
        n for n in lp_rows if n.split("__", 2)[2].removesuffix("_reach") in tight
    }
    # the count rows are in every week model (LP and master) alike
    assert {n for n in reach_rows(master) if n.endswith("_count")} == {
        n for n in reach_rows(lp) if n.endswith("_count")
    }
