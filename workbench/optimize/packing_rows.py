"""Rows of the week model that keep its plans packable into days: the dual-feasible
bounds on a session's length, the reach rows (what whole blocks can fill of a session)
and the strength pairs.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict

import pulp

from workbench.domain import Discipline
from workbench.optimize.constraints import Vars, _add, _expr
from workbench.optimize.problem import WeekProblem


# a plan asks for a few dozen distinct values some 5,000 times each; bounded, since a
# batch worker plans thousands of clients
@functools.lru_cache(maxsize=1 << 16)
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
    each strength day needs a strength block; and (the LP only) the blocks of a session,
    or of a discipline in a session, add up to at most what distinct blocks can make of
    its length or cap (:func:`_define_reachable_row`). These cut off most week plans that
    cannot be packed before the packing check has to.
    """
    if not aggregated:
        return
    relaxed = any(var.cat != pulp.LpInteger for var in v.uses.values())
    for label, capacity, items in _dff_groups(p, v):
        _define_dff_rows(m, p, v, label, capacity, items)
        _define_count_row(m, p, v, label, capacity, items)
        if relaxed:  # (a master gets those its week's LP needed: define_reachable_rows)
            _define_reachable_row(m, p, v, label, capacity, items)
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


def most_blocks(lengths, capacity: float) -> int:
    """The most distinct blocks of ``lengths`` [min] (one per exercise) that fit together
    in ``capacity`` [min]: the shortest first."""
    total, count = 0.0, 0
    for x in sorted(lengths):
        if total + x > capacity + 1e-9:
            break
        total, count = total + x, count + 1
    return count


def _define_count_row(m, p: WeekProblem, v: Vars, label: str, capacity, items) -> None:
    """The row ``<label>_count``: the blocks at most the training days times the most
    distinct blocks of theirs that fit together in ``capacity`` [min].

    Valid: one session holds each exercise at most once. The dual-feasible rows count a
    10-minute block as half a 20-minute cap, since two of them fill it; but two blocks of
    one exercise never share a session (random client 26: three 15-minute swims and one
    10-minute swim, 3 times a week, against a 20-minute swimming cap on 7 days of 30
    minutes, where no two swims fit one session: the master's plans had 8 swims).
    """
    if not items:
        return
    per_exercise = {i: float(p.minutes[i]) for (i, _d), _var in items}
    most = most_blocks(list(per_exercise.values()), capacity)
    t = p.training_days
    if sum(var.upBound for _key, var in items) > t * most:
        _add(
            m,
            v,
            _expr((var, 1) for _key, var in items),
            pulp.LpConstraintLE,
            t * most,
            f"packing__w{p.week}__{label}_count",
            frozenset(),
        )


def reachable(lengths, capacity: float) -> float:
    """The largest total of distinct blocks of ``lengths`` [min] that is at most
    ``capacity`` [min] (a subset sum); ``capacity`` itself when a length is not whole."""
    cap = int(math.floor(capacity + 1e-9))
    whole = [int(round(x)) for x in lengths]
    if any(abs(x - w) > 1e-9 for x, w in zip(lengths, whole, strict=True)) or cap <= 0:
        return float(capacity)
    mask, sums = (1 << (cap + 1)) - 1, 1
    for w in sorted(whole):
        if w > 0:
            sums = (sums | (sums << w)) & mask
        if sums >> cap & 1:
            return float(capacity)
    return float(sums.bit_length() - 1)


def _define_reachable_row(m, p: WeekProblem, v: Vars, label: str, capacity, items) -> None:
    """The row ``<label>_reach``: minutes of the blocks at most the training days times
    the largest total at most ``capacity`` [min] that distinct blocks of theirs can make.

    Valid: one session holds each exercise at most once, so its blocks of the group add
    up to such a total. The LP's fractions fill every session to ``capacity``; whole
    blocks often cannot (5-, 10- and 15-minute mobility blocks make at most 20 of a
    22-minute cap), and on a week of few sessions the missing minutes are a goal's.
    """
    if not items:
        return
    per_exercise = {i: float(p.minutes[i]) for (i, _d), _var in items}
    most = reachable(list(per_exercise.values()), capacity)
    t = p.training_days
    terms = [(var, float(p.minutes[i])) for (i, _d), var in items]
    if most < capacity - 1e-9 and sum(c * var.upBound for var, c in terms) > t * most + 1e-9:
        _add(
            m,
            v,
            _expr(terms),
            pulp.LpConstraintLE,
            t * most,
            f"packing__w{p.week}__{label}_reach",
            frozenset(),
        )


def define_reachable_rows(m, p: WeekProblem, v: Vars, labels: frozenset[str]) -> None:
    """The reach rows (:func:`_define_reachable_row`) of the groups named ``labels``.

    The week master gets only the rows its week's LP met with equality (see
    :func:`reach_binding`): the others do not cut off the LP's optimum, and a row that
    changes nothing but the search can only move the plan within the gap.
    """
    for label, capacity, items in _dff_groups(p, v):
        if label in labels:
            _define_reachable_row(m, p, v, label, capacity, items)


def reach_binding(lp: pulp.LpProblem) -> frozenset[str]:
    """The groups whose reach row the solved week LP ``lp`` meets with equality."""
    out = set()
    for name, con in lp.constraints.items():
        if name.endswith("_reach") and con.slack is not None and abs(con.slack) < 1e-6:
            out.add(name.split("__", 2)[2].removesuffix("_reach"))
    return frozenset(out)


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
