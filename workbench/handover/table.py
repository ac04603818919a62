"""The plan's data as a table: one row per block, and its CSV guarded against formulas.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and some runs
one that begins with a tab, a carriage return or a line feed) as a formula, so a client
or an exercise called ``=HYPERLINK(...)`` could act when the trainer opens the file
(CSV injection, OWASP). Every text cell that begins so gets a leading ``'``, which
spreadsheets show as text; numbers stay numbers, a negative number included.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from workbench.domain import Client
from workbench.handover.dates import check_start, session_date
from workbench.handover.effort import effort_words

__all__ = ["COLUMNS", "FORMULA_STARTS", "effort_text", "guard_cell", "plan_csv", "plan_rows"]

#: The CSV's columns, in order: minutes [min], effort (CR-10 RPE), load_au [AU].
COLUMNS = (
    "client",
    "week",
    "date",
    "day",
    "exercise_id",
    "exercise",
    "discipline",
    "minutes",
    "effort",
    "load_au",
)

#: A text cell that begins with one of these is prefixed with ``'``.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def effort_text(rpe: float) -> str:
    """A block's effort for the client, in the handout's words (``easy: you can talk in
    full sentences``), with the CR-10 number: ``easy: you can talk in full sentences
    (effort 3 of 10)``."""
    return f"{effort_words(rpe)} (effort {rpe:g} of 10)"


def guard_cell(value):
    """One cell, safe to open in a spreadsheet.

    Parameters
    ----------
    value : str, int, float, bool or None

    Returns
    -------
    The value itself, except a ``str`` that begins with ``=``, ``+``, ``-``, ``@``, tab,
    carriage return or line feed, which comes back with a leading ``'``. Numbers are
    never changed (``-3`` stays the number ``-3``).
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def plan_rows(result, client: Client, catalog=None, *, start: date | None = None) -> list[dict]:
    """One row per block of the plan, as the CSV has them (not guarded).

    Parameters
    ----------
    result : PlanResult
        Its weeks' ``week`` numbers are program weeks.
    client : Client
        The ``client`` column is the client's name.
    catalog : Catalog, optional
        An exercise's name as the catalog has it now (else the name the plan gave).
    start : date, optional
        Monday of week 1 (another day raises ``HandoverError``); the ``date`` column is
        empty without it.

    Returns
    -------
    list of dict
        Keys :data:`COLUMNS`; ``week``, ``minutes`` (int, min), ``effort`` (RPE, CR-10)
        and ``load_au`` (AU) are numbers; ``date`` is ISO text or "".
    """
    if start is not None:
        check_start(start)
    rows = []
    for week in result.weeks:
        for day in week.days:
            on = "" if start is None else session_date(start, week.week, day.day).isoformat()
            for b in day.blocks:
                ex = catalog.by_id.get(b.exercise_id) if catalog is not None else None
                rows.append(
                    {
                        "client": client.name,
                        "week": week.week,
                        "date": on,
                        "day": day.day.label,
                        "exercise_id": b.exercise_id,
                        "exercise": ex.name if ex is not None else b.name,
                        "discipline": b.discipline.label,
                        "minutes": b.minutes,
                        "effort": b.rpe,
                        "load_au": round(b.load, 1),
                    }
                )
    return rows


def plan_csv(result, client: Client, catalog=None, *, start: date | None = None) -> str:
    """The plan's rows as CSV text, every text cell guarded (:func:`guard_cell`).

    Returns
    -------
    str
        A header line of :data:`COLUMNS`, then one line per block; numbers written as
        numbers (``12``, ``3.5``), text quoted where CSV needs it; ``\\r\\n`` line ends.
    """
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in plan_rows(result, client, catalog, start=start):
        writer.writerow([guard_cell(row[c]) for c in COLUMNS])
    return out.getvalue()
