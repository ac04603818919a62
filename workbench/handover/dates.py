"""A plan's training days on calendar dates, from any start date the trainer picks.

The rule: program week ``w`` begins ``7 (w - 1)`` days after the start date, and a day of
that week (``mon`` .. ``sun``) falls on the first such weekday on or after the week's
beginning. With a Monday start (the store's rule, :mod:`workbench.followup.schedule`) the
dates are the store's; with a Thursday start, week 1's Thursday is the start date and its
Monday the Monday after it.
"""

from __future__ import annotations

from datetime import date, timedelta

from workbench.vocabulary import Day

__all__ = ["session_date"]


def session_date(start: date, week: int, day: Day | str) -> date:
    """The date of ``day`` in program week ``week`` (1-based) of a plan starting ``start``.

    Parameters
    ----------
    start : date
        The first day of week 1 (any weekday).
    week : int
        Program week, 1-based.
    day : Day or str
        The plan's day (``"mon"`` .. ``"sun"``).

    Returns
    -------
    date
        The first such weekday on or after ``start + 7 (week - 1)`` days.
    """
    begins = start + timedelta(days=7 * (week - 1))
    return begins + timedelta(days=(Day(day).index - begins.weekday()) % 7)
