"""Which exercises the week master sees: the LP's support, the best by reduced cost, and
bounds on every exercise left outside; what binds in the week's LP relaxation.
"""

from __future__ import annotations

import time

import numpy as np
import pulp

from workbench.domain import Goal
from workbench.optimize.problem import WeekProblem
from workbench.optimize.solution import FIRST_CANDIDATES, PER_GROUP


def _outside_bounds(p: WeekProblem, lp, lv, dj, bound, rows: set, limit, deadline) -> np.ndarray:
    """Upper bound on the week's objective over plans that use exercise ``i``, for each
    ``i`` outside ``rows`` (−inf in ``rows``, and for exercises that cannot be used).

    First ``bound − dj[i]`` (reduced cost); where that exceeds ``limit``, the week's LP
    is solved again with exercise ``i`` forced in (a warm-started dual simplex on the
    solver's copy of the LP, about 0.3 ms each), which is often much lower.
    """
    out = np.where(np.isfinite(dj), bound - dj, -np.inf)
    for i in rows:
        out[i] = -np.inf
    h = getattr(lp, "solverModel", None)
    if h is None:  # CBC (no solver object kept in process): reduced costs only
        return out
    status_class = h.getModelStatus().__class__
    sign = -1 if lp.sense == pulp.LpMaximize else 1
    for (i, _d), var in lv.uses.items():
        if out[i] <= limit or time.perf_counter() > deadline:
            continue
        h.changeColBounds(var.index, 1.0, float(var.upBound))
        h.run()
        status = h.getModelStatus()
        if status == status_class.kOptimal:
            out[i] = min(out[i], sign * h.getInfo().objective_function_value)
        elif status == status_class.kInfeasible:
            out[i] = -np.inf
        h.changeColBounds(var.index, 0.0, float(var.upBound))
    return out


def _reduced_costs(p: WeekProblem, lv) -> np.ndarray:
    """Reduced cost of one more use of each exercise in the LP (minimisation form).

    A use of exercise ``i`` costs at least ``dj[i]`` points against the LP bound, so a
    plan using it scores at most ``bound - dj[i]``. Exercises with no variable (a block
    that cannot fit this week) get infinity.
    """
    dj = np.full(len(p.exercises), np.inf)
    for (i, _d), var in lv.uses.items():
        dj[i] = max(0.0, var.dj) if (var.varValue or 0.0) <= 1e-7 else 0.0
    return dj


def _candidates(p: WeekProblem, lv, dj: np.ndarray, prefer, classes, keep) -> list[int]:
    """The LP's support, the best few by reduced cost (overall and per discipline and
    goal, so variety and every goal have options), pins and preferred ids: of twins
    (``classes``), only the members in ``keep`` (see :meth:`WeekProblem.twins`)."""
    n = len(p.exercises)
    order = [int(i) for i in np.lexsort((np.arange(n), dj)) if np.isfinite(dj[i]) and keep[i]]
    chosen = set(order[:FIRST_CANDIDATES])
    kept = {}
    for i in np.flatnonzero(keep).tolist():
        kept.setdefault(int(classes[i]), []).append(i)
    for (i, _d), var in lv.uses.items():
        if (var.varValue or 0.0) > 1e-7:
            # a twin left out stands for its class's kept members
            chosen.update([i] if keep[i] else kept[int(classes[i])])
    goals = list(Goal)
    groups: dict[object, int] = {}
    for i in order:
        ex = p.exercises[i]
        keys: list[object] = [ex.discipline]
        keys += [g for g in p.targets if p.credit[i, goals.index(g)] > 0]
        if p.strength_days and p.is_strength(i):
            keys.append("strength_days")
        for k in keys:
            if groups.get(k, 0) < PER_GROUP:
                groups[k] = groups.get(k, 0) + 1
                chosen.add(i)
    pinned = {pin.exercise_id for pin in p.pins} | set(prefer)
    chosen.update(i for i, ex in enumerate(p.exercises) if ex.id in pinned and keep[i])
    return sorted(chosen)


#: Rows that are part of the model's machinery, not rules a trainer sets.
INTERNAL = ("packing", "count", "discipline_used")


#: Machinery rows that restate a trainer's rule (the session patterns and dual-feasible
#: rows are the session length seen session by session): when one binds, the rule does.
STANDS_FOR = {
    "sessions": "session_minutes",
    "slots": "session_minutes",
    "daily": "session_minutes",
    "strength": "strength_days",
}


def _binding(lp) -> dict[str, bool]:
    """Constraint name → True when the rule has a shadow price in the week's LP relaxation
    over every allowed exercise: loosening it would raise what the week can score."""
    tight = {
        name: abs(con.pi or 0.0) > 1e-7
        for name, con in lp.constraints.items()
        if name.split("__", 1)[0] not in INTERNAL
    }
    for name, con in lp.constraints.items():
        parts = name.split("__")
        if parts[0] != "packing" or len(parts) < 3 or abs(con.pi or 0.0) <= 1e-7:
            continue
        if "_dff" in parts[2]:  # dual-feasible rows: the session length, or a discipline's
            label = parts[2].rsplit("_dff", 1)[0]
            family = "session_minutes" if label == "session" else "session_spike"
        else:
            family = STANDS_FOR.get(parts[2].split("_", 1)[0])
        if family is not None:
            tight[f"{family}__{parts[1]}"] = True
    return tight
