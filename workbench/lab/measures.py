"""What the lab measures in a plan: goal coverage, what binds, uses per week, and its tables.

:func:`goal_coverage` (the share of the wanted goal minutes a plan delivers [%]),
:func:`binding_families` and :func:`week_uses` read one
:class:`~workbench.planning.result.PlanResult`; :func:`scenario_frame` and
:func:`summary_frame` put several side by side, one row per scenario and week or per
scenario.

Units: load in session-RPE arbitrary units [AU] (Foster 2001), minutes [min], goal
coverage in percent of the weekly goal minutes [%].
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pandas as pd

from workbench.planning.explain import limits_in_words
from workbench.planning.result import PlanResult

#: Metric names of :func:`~workbench.lab.scenarios.sweep` (the ``metric`` column).
COVERAGE = "goal coverage [%]"
LOAD = "mean weekly load [AU]"


def goal_coverage(result: PlanResult) -> float | None:
    """Share of the wanted goal minutes the plan delivers, over all weeks [%].

    Each goal's credited minutes count up to its target (more of one goal does not make
    up for less of another). None when there is no plan or no goal minutes.
    """
    if not result.planned:
        return None
    wanted = sum(t for w in result.weeks for t in w.goal_targets.values())
    if wanted <= 0:
        return None
    met = sum(
        min(w.minutes_by_goal.get(g, 0.0), t)
        for w in result.weeks
        for g, t in w.goal_targets.items()
    )
    return round(100.0 * met / wanted, 1)


def binding_families(result: PlanResult) -> list[str]:
    """Constraint families that bind in any week, in order of first appearance."""
    out: list[str] = []
    for w in result.weeks:
        for fam in w.binding:
            if fam not in out:
                out.append(fam)
    return out


def week_uses(result: PlanResult, week: int) -> Counter:
    """How many times each exercise id is used in ``week`` of the plan."""
    return Counter(
        b.exercise_id for w in result.weeks if w.week == week for d in w.days for b in d.blocks
    )


def scenario_frame(results: Mapping[str, PlanResult]) -> pd.DataFrame:
    """Load and ceiling per scenario and week: the table :func:`charts.scenario_chart` draws.

    Scenarios without a plan have no rows.
    """
    rows = [
        {"scenario": name, "week": w.week, "load": w.load, "ceiling": w.ceiling}
        for name, r in results.items()
        for w in r.weeks
    ]
    return pd.DataFrame(rows, columns=["scenario", "week", "load", "ceiling"])


def summary_frame(results: Mapping[str, PlanResult]) -> pd.DataFrame:
    """One row per scenario: status, goal coverage [%], total load [AU], what limits it."""
    rows = []
    for name, r in results.items():
        rows.append(
            {
                "scenario": name,
                "status": r.status,
                COVERAGE: goal_coverage(r),
                "total load [AU]": round(sum(w.load for w in r.weeks), 1) if r.planned else None,
                "limited by": limits_in_words(binding_families(r)),
            }
        )
    return pd.DataFrame(
        rows, columns=["scenario", "status", COVERAGE, "total load [AU]", "limited by"]
    )
