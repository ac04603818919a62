"""Warm starts for the week master, the session master and the day model.

Each start is a feasible assignment built from a known plan, so the solver begins from a
plan that keeps every rule and only has to improve it.
"""

from __future__ import annotations

from workbench.optimize.packing import (
    PACKED,
    assign_days,
    pack,
)
from workbench.optimize.problem import WeekProblem
from workbench.optimize.sessions import (
    pattern_values,
    session_types,
    sessions_apply,
    strength_pairs_value,
)
from workbench.optimize.solution import SESSION_DAYS, _shortfall, _uses_of


def _start_values(sub: WeekProblem, mv, counts: dict[int, int]) -> dict:
    """A full starting point for the master from uses per exercise."""
    start = {var: counts.get(i, 0) for (i, _d), var in mv.uses.items()}
    start.update(_goal_and_variety_start(sub, mv, counts))
    if mv.strength_pairs is not None:
        start[mv.strength_pairs] = strength_pairs_value(sub, counts)
    for flag, value in mv.cut_flags:
        start[flag] = value(counts)
    if mv.patterns or mv.sessions:
        status, placed = _packing_for_start(sub, counts)
        if status == PACKED:
            on: dict[int, list[int]] = {b: [] for b in range(sub.training_days)}
            for i, bins in placed.items():
                for b in bins:
                    on[b].append(i)
            if mv.patterns:
                start.update(pattern_values(sub, mv, [s for s in on.values() if s]))
            if mv.sessions:
                start.update(_session_start(sub, mv, on))
    return start


def _packing_for_start(sub: WeekProblem, counts: dict[int, int]):
    """:func:`~workbench.optimize.packing.pack`'s answer for ``counts``; with strength
    days, first one whose days keep them (its sessions then also keep the strength rows),
    else any packing."""
    if sub.strength_days:
        found = pack(sub, counts, lambda placed: assign_days(sub, placed) is not None)
        if found[0] == PACKED:
            return found
    return pack(sub, counts)


def _few_sessions(p: WeekProblem) -> bool:
    """Whether week ``p`` may have the session master: at most :data:`SESSION_DAYS`
    sessions, none pinned to a day."""
    return p.training_days <= SESSION_DAYS and sessions_apply(p)


def _session_start(sub: WeekProblem, mv, on: dict[int, list[int]]) -> dict:
    """Session-master values for a packed week (``on``: session → exercise indices, as
    :func:`~workbench.optimize.packing.pack` fills them, supervised ones first), with
    the sessions of one kind longest first, as the master orders them."""
    kinds = session_types(sub)
    order = sorted(on, key=lambda s: (not kinds[s], -sum(sub.minutes[i] for i in on[s])))
    start = {x: 0.0 for x in mv.sessions.values()}
    minimum = sub.params.strength_day_min_minutes
    for s, b in enumerate(order):
        for i in on[b]:
            x = mv.sessions.get((i, s))
            if x is None:
                return {}
            start[x] = 1.0
        z = mv.session_strength.get(s)
        if z is not None:
            strong = sum(sub.minutes[i] for i in on[b] if sub.is_strength(i))
            start[z] = 1.0 if strong >= minimum - 1e-9 else 0.0
    return start


def _session_packing(mv) -> tuple[str, dict[int, list[int]]]:
    """The session master's plan as :func:`~workbench.optimize.packing.pack` gives it."""
    placed: dict[int, list[int]] = {}
    for (i, s), x in mv.sessions.items():
        if (x.varValue or 0.0) > 0.5:
            placed.setdefault(i, []).append(s)
    return PACKED, placed


def _goal_and_variety_start(sub: WeekProblem, v, counts: dict[int, int]) -> dict:
    """Shortfall, discipline-used and activity-kept values implied by ``counts`` (either
    model)."""
    short = _shortfall(sub, counts)
    used = {sub.exercises[i].discipline for i, k in counts.items() if k}
    kept = {sub.keeps(i) for i, k in counts.items() if k}
    start = {s: short[g] for g, s in v.shortfall.items()}
    start.update({u: 1.0 if k in used else 0.0 for k, u in v.used_discipline.items()})
    start.update({u: 1.0 if k in kept else 0.0 for k, u in v.kept.items()})
    return start


def _day_start(small: WeekProblem, dv, best, rows: list[int]) -> dict:
    """The best packed plan as a starting point for the day model over ``rows``."""
    where = {r: k for k, r in enumerate(rows)}
    start = {var: 0.0 for var in dv.uses.values()}
    on: dict = {}
    for i, d in _uses_of(best[2]):
        var = dv.uses.get((where.get(i, -1), d))
        if var is not None:
            start[var] = 1.0
            on.setdefault(d, []).append(where[i])
    for d, t in dv.train.items():
        start[t] = 1.0 if d in on else 0.0
    counts: dict[int, int] = {}
    for k in (k for ks in on.values() for k in ks):
        counts[k] = counts.get(k, 0) + 1
    start.update(_goal_and_variety_start(small, dv, counts))
    last = -10
    for d in sorted(dv.strength_day, key=lambda d: d.index):
        minutes = sum(small.minutes[k] for k in on.get(d, []) if small.is_strength(k))
        ok = minutes >= small.params.strength_day_min_minutes - 1e-9 and d.index - last > 1
        start[dv.strength_day[d]] = 1.0 if ok else 0.0
        if ok:
            last = d.index
    return start
