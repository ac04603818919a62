"""Scenarios compared with a baseline: what changed, week by week.

:func:`compare` lists, for each scenario against the baseline, the load, the ceiling, the
minutes (and targets) per goal, the exercises added and removed and what limits the
week, as rows of one table; by default only the rows that changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import pandas as pd

from workbench.domain import Goal
from workbench.lab.measures import week_uses
from workbench.planning.explain import limits_in_words
from workbench.planning.result import PlanResult


def _names(result: PlanResult) -> dict[str, str]:
    return {b.exercise_id: b.name for w in result.weeks for d in w.days for b in d.blocks}


def _uses_text(counts: Counter, names: Mapping[str, str]) -> str:
    return ", ".join(
        f"{names.get(i, i)}" + (f" ×{n}" if n > 1 else "") for i, n in sorted(counts.items())
    )


def _diff(base: PlanResult, other: PlanResult) -> list[dict]:
    """Rows (week, item, baseline, value, change) of every difference, week by week."""
    rows: list[dict] = []
    if base.status != other.status or not base.planned:
        rows.append(
            {
                "week": None,
                "item": "status",
                "baseline": base.status,
                "value": other.status,
                "change": "" if base.status == other.status else f"{base.status} → {other.status}",
            }
        )
    if not (base.planned and other.planned):
        return rows
    weeks_b = {w.week: w for w in base.weeks}
    weeks_o = {w.week: w for w in other.weeks}
    names = {**_names(base), **_names(other)}
    for week in sorted(set(weeks_b) | set(weeks_o)):
        b, o = weeks_b.get(week), weeks_o.get(week)
        if b is None or o is None:
            rows.append(
                {
                    "week": week,
                    "item": "week planned",
                    "baseline": b is not None,
                    "value": o is not None,
                    "change": "added" if b is None else "removed",
                }
            )
            continue
        rows += _week_diff(week, b, o, base, other, names)
    return rows


def _week_diff(week: int, b, o, base: PlanResult, other: PlanResult, names) -> list[dict]:
    """The rows of one week planned in both: load, ceiling, goals, exercises, limits."""
    rows: list[dict] = []
    for item, vb, vo in (
        ("load [AU]", b.load, o.load),
        ("ceiling [AU]", b.ceiling, o.ceiling),
    ):
        rows.append(
            {
                "week": week,
                "item": item,
                "baseline": vb,
                "value": vo,
                "change": round(vo - vb, 1),
            }
        )
    rows += _goal_diff(week, b, o)
    rows += _exercise_diff(week, base, other, names)
    if set(b.binding) != set(o.binding):
        rows.append(
            {
                "week": week,
                "item": "limited by",
                "baseline": limits_in_words(b.binding),
                "value": limits_in_words(o.binding),
                "change": "changed",
            }
        )
    return rows


def _goal_diff(week: int, b, o) -> list[dict]:
    """Per goal of either week: its target when it changed, and its minutes."""
    rows: list[dict] = []
    goals = [
        g
        for g in Goal
        if any(
            g in m for m in (b.goal_targets, o.goal_targets, b.minutes_by_goal, o.minutes_by_goal)
        )
    ]
    for g in goals:
        tb, to = b.goal_targets.get(g, 0.0), o.goal_targets.get(g, 0.0)
        if tb != to:
            rows.append(
                {
                    "week": week,
                    "item": f"target: {g.label} [min]",
                    "baseline": tb,
                    "value": to,
                    "change": round(to - tb, 1),
                }
            )
        mb = round(b.minutes_by_goal.get(g, 0.0), 1)
        mo = round(o.minutes_by_goal.get(g, 0.0), 1)
        rows.append(
            {
                "week": week,
                "item": f"minutes: {g.label} [min]",
                "baseline": mb,
                "value": mo,
                "change": round(mo - mb, 1),
            }
        )
    return rows


def _exercise_diff(week: int, base: PlanResult, other: PlanResult, names) -> list[dict]:
    """The exercises added and removed in ``week`` (blocks counted)."""
    ub, uo = week_uses(base, week), week_uses(other, week)
    added, removed = uo - ub, ub - uo
    return [
        {
            "week": week,
            "item": "exercises added",
            "baseline": "",
            "value": _uses_text(added, names),
            "change": sum(added.values()),
        },
        {
            "week": week,
            "item": "exercises removed",
            "baseline": "",
            "value": _uses_text(removed, names),
            "change": -sum(removed.values()),
        },
    ]


def _changed(row: dict) -> bool:
    change = row["change"]
    if isinstance(change, int | float):
        return abs(change) > 0.05
    return bool(change)


def compare(
    results: Mapping[str, PlanResult], baseline: str | None = None, *, changed_only: bool = True
) -> pd.DataFrame:
    """What changed in each scenario against the baseline, week by week.

    Parameters
    ----------
    results : mapping of name to PlanResult
        E.g. from :func:`run_scenarios`.
    baseline : str, optional
        The scenario compared against (default: the first).
    changed_only : bool
        Keep only rows that changed (default); False keeps load, ceiling and minutes
        per goal of every week.

    Returns
    -------
    pandas.DataFrame
        Columns ``scenario``, ``week`` (None for the plan as a whole), ``item`` (``load
        [AU]``, ``ceiling [AU]``, ``minutes: <goal> [min]``, ``target: <goal> [min]``,
        ``exercises added``, ``exercises removed``, ``limited by``, ``status``),
        ``baseline``, ``value`` and ``change`` (value - baseline for numbers, the
        count of blocks for exercises, else a word).

    Raises
    ------
    KeyError
        When ``baseline`` is not a scenario name.
    """
    columns = ["scenario", "week", "item", "baseline", "value", "change"]
    if not results:
        return pd.DataFrame(columns=columns)
    base_name = baseline if baseline is not None else next(iter(results))
    if base_name not in results:
        raise KeyError(f"no scenario named {base_name!r}; scenarios: {', '.join(results)}")
    rows = []
    for name, result in results.items():
        if name == base_name:
            continue
        for row in _diff(results[base_name], result):
            if changed_only and not _changed(row):
                continue
            rows.append({"scenario": name, **row})
    return pd.DataFrame(rows, columns=columns)
