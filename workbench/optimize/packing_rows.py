"""Rows of the week model that keep its plans packable into days: the dual-feasible
bounds on a session's length and the strength pairs.
"""

from __future__ import annotations

import math
from collections import defaultdict

import pulp

from workbench.domain import Discipline
from workbench.optimize.constraints import Vars, _add, _expr
from workbench.optimize.problem import WeekProblem


def _dff(size: float, capacity: float, k: int) -> float:
    """Fekete-Schepers dual-feasible function u_k: sum of u_k(size/capacity) over the
    items in one bin is at most 1, so over ``T`` bins at most ``T``."""
    x = size / capacity
    if abs((k + 1) * x - round((k + 1) * x)) < 1e-9:
        return x
    return math.floor((k + 1) * x) / k


def define_packing_bounds_constraints(m, p: WeekProblem, v: Vars, aggregated, elastic):
    """Week model only: valid limits on what can be packed into the training days.

    Dual-feasible functions (Fekete & Schepers 2001) of the block lengths, against the
    session length and against each discipline's session cap, bound how many long blocks
    the training days hold; blocks that need supervision fit only in supervised sessions;
    each strength day needs a strength block. These cut off most week plans that cannot
    be packed before the packing check has to.
    """
    if not aggregated:
        return
    for label, capacity, items in _dff_groups(p, v):
        _define_dff_rows(m, p, v, label, capacity, items)
    _define_supervised_row(m, p, v)
    if p.strength_days > 0:
        strong = [(var, 1) for (i, _d), var in v.uses.items() if p.is_strength(i)]
        _add(
            m,
            v,
            _expr(strong),
            pulp.LpConstraintGE,
            p.strength_days,
            f"packing__w{p.week}__strength_blocks",
            frozenset(),
        )
        _define_strength_pairs(m, p, v)


def _dff_groups(p: WeekProblem, v: Vars) -> list[tuple[str, float, list]]:
    """The bins the dual-feasible rows bound: every use against the session length, and
    each discipline's uses against its session cap when that is shorter.

    Returns
    -------
    list of (label, capacity, items)
        ``label`` names the rows (``session`` or the discipline), ``capacity`` is the
        bin's length [min], ``items`` the ((exercise index, day), uses variable) pairs.
    """
    cap = p.session_minutes
    groups: list[tuple[str, float, list]] = [("session", float(cap), list(v.uses.items()))]
    per_disc: dict[Discipline, list] = defaultdict(list)
    for key, var in v.uses.items():
        per_disc[p.exercises[key[0]].discipline].append((key, var))
    for k, items in per_disc.items():
        if p.session_caps[k] < cap:
            groups.append((k.value, float(p.session_caps[k]), items))
    return groups


def _define_dff_rows(m, p: WeekProblem, v: Vars, label: str, capacity: float, items) -> None:
    """The rows ``<label>_dff1..3``: u_k of the blocks' lengths over ``capacity`` [min]
    at most the training days, each only when the uses' upper bounds could pass it."""
    w, t = p.week, p.training_days
    for j in (1, 2, 3):
        terms = [(var, _dff(p.minutes[i], capacity, j)) for (i, _d), var in items]
        terms = [(var, c) for var, c in terms if c > 0]
        if terms and sum(c * var.upBound for var, c in terms) > t + 1e-9:
            _add(
                m,
                v,
                _expr(terms),
                pulp.LpConstraintLE,
                t,
                f"packing__w{w}__{label}_dff{j}",
                frozenset(),
            )


def _define_supervised_row(m, p: WeekProblem, v: Vars) -> None:
    """Minutes of supervised-only blocks at most the supervised sessions' minutes [min]."""
    t, cap = p.training_days, p.session_minutes
    sup = [
        (var, p.minutes[i])
        for (i, _d), var in v.uses.items()
        if p.exercises[i].id in p.supervised_only
    ]
    if sup:
        days = len([d for d in p.days if d in p.supervised])
        _add(
            m,
            v,
            _expr(sup),
            pulp.LpConstraintLE,
            min(days, t) * cap,
            f"packing__w{p.week}__supervised",
            frozenset(),
        )


def _define_strength_pairs(m, p: WeekProblem, v: Vars) -> None:
    """Strength days need enough strength minutes each: a block at least that long makes
    one alone; shorter ones only in pairs of different exercises (at most once a day).
    So strength days ≤ long blocks + pairs, and pairs ≤ half the short blocks and ≤ the
    short blocks of all other exercises than any one (a matching of distinct pairs)."""
    w, minimum = p.week, p.params.strength_day_min_minutes
    long_, short = [], []
    for (i, _d), var in v.uses.items():
        if p.is_strength(i):
            (long_ if p.minutes[i] >= minimum - 1e-9 else short).append((i, var))
    if not short:
        return
    pairs = pulp.LpVariable(f"strength_pairs__w{w}", 0)
    v.strength_pairs = pairs
    total = _expr((var, 1) for _i, var in short)
    name = f"packing__w{w}__strength_pairs"
    _add(m, v, 2 * pairs - total, pulp.LpConstraintLE, 0, f"{name}_half", frozenset())
    for i, var in short:
        row = pairs - total + var
        _add(m, v, row, pulp.LpConstraintLE, 0, f"{name}_{p.exercises[i].id}", frozenset())
    days = _expr([(var, 1) for _i, var in long_] + [(pairs, 1)])
    _add(m, v, days, pulp.LpConstraintGE, p.strength_days, f"{name}_days", frozenset())
