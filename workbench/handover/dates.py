"""A plan's training days on calendar dates: week 1 starts on a Monday.

The same rule as the store's (:mod:`workbench.followup.schedule`) and the handout's: the
plan's days are ``mon`` .. ``sun``, so program week ``w`` is the week of the Monday
``start + 7 (w - 1)`` days, and a start that is not a Monday is refused, naming the next
Monday, rather than moved silently (the trainer and the client agree on the first day).
"""

from __future__ import annotations

from datetime import date, timedelta

from workbench.handover.errors import HandoverError
from workbench.vocabulary import Day

__all__ = ["check_start", "session_date"]


def check_start(start: date) -> date:
    """``start`` when it is a Monday; else :class:`HandoverError` naming the next Monday."""
    if start.weekday() != 0:
        monday = start + timedelta(days=7 - start.weekday())
        raise HandoverError(
            f"start: {start.isoformat()} is a {list(Day)[start.weekday()].label}; a plan's week "
            f"starts on a Monday (the next one is {monday.isoformat()})"
        )
    return start


def session_date(start: date, week: int, day: Day | str) -> date:
    """The date of ``day`` in program week ``week`` (1-based) of a plan starting ``start``.

    Parameters
    ----------
    start : date
        Monday of week 1 (another day raises :class:`HandoverError`).
    week : int
        Program week, 1-based.
    day : Day or str
        The plan's day (``"mon"`` .. ``"sun"``).

    Returns
    -------
    date
        ``start + 7 (week - 1)`` days, plus the day's place in the week (Monday 0).
    """
    check_start(start)
    return start + timedelta(days=7 * (week - 1) + Day(day).index)
