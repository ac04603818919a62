"""An issued plan's training days on calendar dates.

A plan's week 1 starts on a Monday (the plan's days are ``mon`` .. ``sun``). A start date
that is not a Monday is refused, naming the next Monday, rather than moved silently: the
trainer and the client agree on the first day, so the workbench does not pick it for them.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from workbench.records.models import ScheduledSession
from workbench.vocabulary import Day


def next_monday(day: date) -> date:
    """``day`` when it is a Monday, else the Monday after it."""
    return day + timedelta(days=(7 - day.weekday()) % 7)


def check_start(start_date: date) -> date:
    """``start_date`` when it is a Monday; else ``ValueError`` naming the next Monday."""
    if start_date.weekday() != 0:
        monday = next_monday(start_date)
        raise ValueError(
            f"start: {start_date.isoformat()} is a {list(Day)[start_date.weekday()].label}; a plan's "
            f"week starts on a Monday (the next one is {monday.isoformat()})"
        )
    return start_date


def week_start(program_start: date, week: int) -> date:
    """The Monday of program week ``week`` (1-based) of a program starting ``program_start``."""
    return program_start + timedelta(days=7 * (week - 1))


def schedule(
    result_json: dict[str, Any], *, start_date: date, first_week: int
) -> list[ScheduledSession]:
    """The plan's training days as scheduled sessions, by date.

    Parameters
    ----------
    result_json : dict
        ``PlanResult.to_json()`` of a planned result.
    start_date : date
        Monday of the plan's week 1.
    first_week : int
        The program week of the plan's week 1.

    Returns
    -------
    list of ScheduledSession
        One per training day: ``on = start_date + 7 (w - 1) + day index`` and program week
        ``first_week + w - 1``; exercises in block order, minutes [min] and load [AU] as
        planned. ``id`` and ``plan_id`` are 0 (the store sets them).
    """
    check_start(start_date)
    out: list[ScheduledSession] = []
    for w, week in enumerate(result_json.get("weeks") or [], start=1):
        monday = week_start(start_date, w)
        for day in week["days"]:
            if not day["blocks"]:
                continue
            out.append(
                ScheduledSession(
                    id=0,
                    plan_id=0,
                    client_id="",
                    week=first_week + w - 1,
                    day=day["day"],
                    on=monday + timedelta(days=Day(day["day"]).index),
                    exercises=tuple(b["exercise_id"] for b in day["blocks"]),
                    minutes=int(day["minutes"]),
                    load=float(day["load"]),
                )
            )
    return sorted(out, key=lambda s: s.on)
