"""A plan as issued, read back from its JSON document, for the hand-over.

The store keeps each issued plan as ``PlanResult.to_json()``. The hand-over's functions
take a :class:`~workbench.planning.result.PlanResult`, so this module reads the weeks,
days and blocks of one or more documents back into one result whose weeks are numbered
as program weeks: a program re-planned after week 3 is the first plan's weeks 1-3 and the
re-plan's weeks from 4 on (for each program week, the newest plan that covers it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from workbench.planning.result import Block, DayPlan, PlanResult, PlanStatus, WeekPlan
from workbench.vocabulary import Day, Discipline, Goal

__all__ = ["program_result", "week_from_json"]


def _block(b: Mapping[str, Any]) -> Block:
    return Block(
        exercise_id=b["exercise_id"],
        name=b["name"],
        discipline=Discipline(b["discipline"]),
        minutes=int(b["minutes"]),
        rpe=float(b["rpe"]),
        load=float(b["load"]),
        reasons=tuple(b.get("reasons") or ()),
    )


def week_from_json(w: Mapping[str, Any], *, week: int) -> WeekPlan:
    """One week of a plan document as a :class:`WeekPlan` numbered ``week``."""
    return WeekPlan(
        week=week,
        ceiling=float(w["ceiling"]),
        cap=float(w.get("cap", w["ceiling"])),
        days=tuple(
            DayPlan(Day(d["day"]), tuple(_block(b) for b in d["blocks"])) for d in w["days"]
        ),
        minutes_by_goal={Goal(g): float(v) for g, v in (w.get("minutes_by_goal") or {}).items()},
        goal_targets={Goal(g): float(v) for g, v in (w.get("goal_targets") or {}).items()},
        binding=tuple(w.get("binding") or ()),
        warnings=tuple(w.get("warnings") or ()),
        shortfalls=tuple(w.get("shortfalls") or ()),
        kept_out=tuple(w.get("kept_out") or ()),
        strength_days_fitted=w.get("strength_days_fitted"),
    )


def program_result(plans: Sequence[tuple[int, Mapping[str, Any]]]) -> PlanResult:
    """One planned result of a program's issued plans.

    Parameters
    ----------
    plans : sequence of (first_week, document)
        The program's plans, oldest first: each plan's program week of its week 1, and its
        ``PlanResult.to_json()`` document.

    Returns
    -------
    PlanResult
        Status ``planned``; for each program week the newest plan's week, numbered as the
        program week; the message, notes and what to watch for of the newest plan.
    """
    if not plans:
        raise ValueError("program_result: no plans")
    weeks: dict[int, WeekPlan] = {}
    for first_week, doc in plans:
        for i, w in enumerate(doc.get("weeks") or []):
            weeks[first_week + i] = week_from_json(w, week=first_week + i)
    last = plans[-1][1]
    return PlanResult(
        status=PlanStatus.PLANNED,
        message=str(last.get("message", "")),
        weeks=tuple(weeks[k] for k in sorted(weeks)),
        notes=tuple(last.get("notes") or ()),
        watch_for=tuple(last.get("watch_for") or ()),
    )
