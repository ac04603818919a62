"""Solve one week: LP screen over the whole allowed catalog, integer model on candidates.

Why this shape (measured; see benchmarks/bench_planner.py): one binary per exercise ×
day over a 1,000-row catalog is slow to build and to solve. The week model (the LP
relaxation, uses per week) over every allowed exercise is tiny to solve, proves an upper
bound on what any plan can score, and ranks exercises by reduced cost. The integer day
model then runs on a few dozen candidates; when its value is not within the relative gap
of the LP bound, the candidate set widens (up to the whole allowed set).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np

from workbench.domain import Discipline, Goal
from workbench.optimize.constraints import WEEK
from workbench.optimize.model import build_model
from workbench.optimize.packing import UNPACKABLE, conflict, pack
from workbench.optimize.problem import WeekProblem
from workbench.optimize.solve import INFEASIBLE, OPTIMAL, Outcome, SolverSettings, solve

FIRST_CANDIDATES = 24  # best by reduced cost, before per-discipline and per-goal extras
PER_GROUP = 3  # best few per discipline and per goal, so variety and goals have options
WIDEN = 3  # candidate set × this when the gap is too large
MAX_CUTS = 25  # packing cuts before falling back to the day model over the candidates


@dataclass
class WeekSolution:
    """One week's answer.

    Attributes
    ----------
    uses : list of (Exercise, Day)
        The blocks chosen.
    outcome : Outcome
        The integer solve's outcome.
    bound : float or None
        Proven upper bound on the week's objective over the whole allowed set.
    gap : float or None
        Relative gap of the plan against ``bound`` (fraction).
    shortfall : dict
        Goal → minutes missing [min].
    tight : dict
        Constraint name → True when no further block fits under it.
    candidates : int
        Size of the candidate set the integer model ran on.
    """

    problem: WeekProblem
    uses: list
    outcome: Outcome
    bound: float | None
    gap: float | None
    shortfall: dict[Goal, float]
    tight: dict[str, bool]
    candidates: int
    seconds: float

    @property
    def feasible(self) -> bool:
        """A plan exists for the week."""
        return self.outcome.status not in (INFEASIBLE, "error")


def solve_week(
    p: WeekProblem, settings: SolverSettings, prefer: frozenset[str] = frozenset()
) -> WeekSolution:
    """Plan week ``p.week``.

    1. The week model's LP relaxation over every allowed exercise: a proven bound, and a
       ranking by reduced cost.
    2. The week model with integer uses over the candidates (the master): the objective
       depends only on how often each exercise is done, so days do not enter it.
    3. The day model with those uses fixed: a small packing check. A week plan that
       cannot be packed is cut off (no-good cut) and the master solved again.
    4. When the plan is not within the relative gap of the bound, the candidates widen.

    Parameters
    ----------
    p : WeekProblem
    settings : SolverSettings
    prefer : frozenset of str
        Exercise ids to keep among the candidates (e.g. last plan's, for stable re-plans).
    """
    deadline = time.perf_counter() + settings.time_limit
    lp, lv = build_model(p, aggregated=True)
    screen = solve(lp, settings, mip=False)
    if screen.status != OPTIMAL:
        return WeekSolution(p, [], screen, None, None, {}, {}, 0, screen.seconds)
    bound = screen.objective
    n = len(p.exercises)
    rank = _rank(p, lv)
    size = FIRST_CANDIDATES
    seconds = screen.seconds
    while True:
        rows = _candidates(p, lv, rank, size, prefer)
        sub = p.subset(rows)
        found = _master_and_pack(sub, settings, deadline)
        seconds += found[3]
        out = found[0]
        gap = None
        if out.objective is not None:
            best_bound = bound if len(rows) < n else min(bound, out.bound or bound)
            gap = max(0.0, (best_bound - out.objective) / max(abs(out.objective), 1e-9))
        if len(rows) >= n or (gap is not None and gap <= settings.relative_gap):
            break
        if time.perf_counter() >= deadline and out.objective is not None:
            break  # out of time: keep this plan, report its real gap
        # Not proven within the gap against the LP bound: the candidates may miss a
        # better week, or the LP bound is loose (block sizes). Only the whole allowed
        # set settles both, so go there at once rather than widening step by step.
        size = n
    out, m, v, _s = found
    if out.objective is None:
        return WeekSolution(p, [], out, bound, None, {}, {}, len(rows), seconds)
    uses = [(sub.exercises[i], d) for (i, d), var in v.uses.items() if (var.varValue or 0.0) > 0.5]
    shortfall = {g: float(s.varValue or 0.0) for g, s in v.shortfall.items()}
    return WeekSolution(p, uses, out, bound, gap, shortfall, _tight(m), len(rows), seconds)


def _remaining(settings: SolverSettings, deadline: float) -> SolverSettings:
    left = max(0.05, deadline - time.perf_counter())
    return replace(settings, time_limit=left)


def _master_and_pack(sub: WeekProblem, settings: SolverSettings, deadline: float):
    """Solve the master over ``sub``'s exercises, pack into days, cut until it packs.

    Every solve shares the week's time budget (``settings.time_limit``). Returns
    (outcome, day model, its variables, seconds). The outcome carries the master's
    objective and bound (the day model adds nothing to the objective).
    """
    master, mv = build_model(sub, aggregated=True, integer=True)
    seconds = 0.0
    for cut in range(MAX_CUTS):
        if time.perf_counter() >= deadline:
            break
        out = solve(master, _remaining(settings, deadline))
        seconds += out.seconds
        if out.objective is None:
            return out, master, mv, seconds
        counts = {
            i: int(round(var.varValue or 0.0))
            for (i, _d), var in mv.uses.items()
            if (var.varValue or 0.0) > 0.5
        }
        status, _days = pack(sub, counts)
        if status == UNPACKABLE:
            _no_good(master, mv, conflict(sub, counts), cut)
            continue
        # Capacity fits (or the search gave up): place the uses with the day rules that
        # are not monotone (strength on non-consecutive days, pinned days).
        day, dv = build_model(sub, counts=counts)
        packed = solve(day, _remaining(settings, deadline))
        seconds += packed.seconds
        if packed.objective is not None:
            return out, day, dv, seconds
        break
    # Packing kept failing, or failed on a non-monotone day rule (no valid cut): solve
    # the day model directly over the candidates.
    day, dv = build_model(sub)
    out = solve(day, _remaining(settings, deadline))
    return out, day, dv, seconds + out.seconds


def _no_good(master, mv, counts: dict[int, int], k: int) -> None:
    """Cut off every week plan that does each of ``counts``' exercises at least as often.

    Valid because packing is monotone: if these uses cannot be packed into the days, no
    plan containing them can be.
    """
    import pulp

    flags = []
    for i, x_star in counts.items():
        x = mv.uses[(i, WEEK)]
        flag = pulp.LpVariable(f"cut{k}__{i}", 0, 1, pulp.LpBinary)
        # flag = 1 forces x ≤ x* - 1
        master.addConstraint(
            pulp.LpConstraint(
                x + x.upBound * flag,
                pulp.LpConstraintLE,
                f"packing__cut{k}__{i}",
                x_star - 1 + x.upBound,
            )
        )
        flags.append(flag)
    master.addConstraint(
        pulp.LpConstraint(pulp.lpSum(flags), pulp.LpConstraintGE, f"packing__cut{k}", 1)
    )


def _rank(p: WeekProblem, lv) -> np.ndarray:
    """Exercise indices, most attractive first: used in the LP, then by reduced cost."""
    n = len(p.exercises)
    dj = np.full(n, np.inf)
    x = np.zeros(n)
    for (i, _d), var in lv.uses.items():
        dj[i] = var.dj if var.dj is not None else 0.0
        x[i] = var.varValue or 0.0
    # minimisation form: smaller reduced cost is more attractive; used ones first
    return np.lexsort((np.arange(n), dj, (x <= 1e-7).astype(int)))


def _candidates(p: WeekProblem, lv, rank: np.ndarray, size: int, prefer) -> list[int]:
    n = len(p.exercises)
    if size >= n:
        return list(range(n))
    chosen: set[int] = set()
    for i, var in ((i, var) for (i, d), var in lv.uses.items() if d == WEEK):
        if (var.varValue or 0.0) > 1e-7:
            chosen.add(i)
    chosen.update(int(i) for i in rank[:size])
    per = PER_GROUP * max(1, size // FIRST_CANDIDATES)
    groups: dict[object, list[int]] = {}
    goals = list(Goal)
    for i in rank:
        i = int(i)
        ex = p.exercises[i]
        keys: list[object] = [ex.discipline]
        keys += [g for g in p.targets if p.credit[i, goals.index(g)] > 0]
        if p.strength_days and p.is_strength(i):
            keys.append("strength_days")
        for k in keys:
            bucket = groups.setdefault(k, [])
            if len(bucket) < per:
                bucket.append(i)
    for bucket in groups.values():
        chosen.update(bucket)
    pinned = {pin.exercise_id for pin in p.pins} | set(prefer)
    chosen.update(i for i, ex in enumerate(p.exercises) if ex.id in pinned)
    return sorted(chosen)


def _tight(m) -> dict[str, bool]:
    """Constraint name → True when no further block fits under it (LE rows only)."""
    out = {}
    for name, con in m.constraints.items():
        if con.sense != -1:  # LpConstraintLE
            continue
        coefs = [c for var, c in con.items() if c > 0 and (var.varValue or 0.0) < 0.5]
        if not coefs or not any((var.varValue or 0.0) > 0.5 for var, _c in con.items()):
            continue
        slack = con.slack if con.slack is not None else 0.0
        out[name] = slack < min(coefs) - 1e-6
    return out


def disciplines_in(uses) -> set[Discipline]:
    """Disciplines among the chosen blocks."""
    return {ex.discipline for ex, _d in uses}
