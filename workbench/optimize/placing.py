"""Placing a week plan's blocks on days: by packing and a choice of days, else the day model.

A master plan says how often each exercise is done; these put those blocks on days that
keep every day rule (:mod:`workbench.optimize.packing` packs them into sessions,
:func:`~workbench.optimize.packing.assign_days` chooses the days), trying packing after
packing without a solver, and only when that search stops at its limits the day model
with the uses fixed (:func:`_place`). Re-plan reuse packs last time's blocks again
(:func:`_pack_again`).
"""

from __future__ import annotations

import time
from dataclasses import replace

from workbench.optimize.model import build_model
from workbench.optimize.packing import PACKED, UNPACKABLE, assign_days, pack
from workbench.optimize.problem import WeekProblem
from workbench.optimize.solution import NO_DAYS
from workbench.optimize.solve import INFEASIBLE, SolverSettings, solve


def _remaining(settings: SolverSettings, deadline: float) -> SolverSettings:
    """``settings`` with the time left until ``deadline`` (at least 0.05 s) as the limit."""
    left = max(0.05, deadline - time.perf_counter())
    return replace(settings, time_limit=left)


def _on_days(sub: WeekProblem, counts: dict[int, int], packing) -> list | str | None:
    """(exercise index, Day) uses for ``counts`` without a solver: by ``packing``
    (:func:`~workbench.optimize.packing.pack`'s answer) and an exact choice of days, then
    by every other packing; :data:`NO_DAYS` when that search proves none keeps the day
    rules; None when it cannot say (limits, or ``packing`` not packed)."""
    status, placed = packing
    if status != PACKED:
        return None
    uses = assign_days(sub, placed)
    if uses is None:  # another packing of the same uses may let the days keep the rules
        uses = _pack_on_days(sub, counts)
    return uses


def _pack_again(p: WeekProblem, uses) -> list | None:
    """The same blocks on days that keep every day rule of ``p`` (pins included)."""
    index = {e.id: i for i, e in enumerate(p.exercises)}
    counts: dict[int, int] = {}
    for ex, _d in uses:
        counts[index[ex.id]] = counts.get(index[ex.id], 0) + 1
    on_days = _pack_on_days(p, counts)
    if not isinstance(on_days, list):
        return None
    return [(p.exercises[i], d) for i, d in on_days]


def _pack_on_days(p: WeekProblem, counts: dict[int, int]) -> list | str | None:
    """(exercise index, Day) for ``counts`` packed so that the days keep every day rule
    (:func:`~workbench.optimize.packing.assign_days`), trying packing after packing;
    :data:`NO_DAYS` when the search tried every packing (up to interchangeable empty
    days) and none keeps them; None when it stopped at its limits."""
    found: list = []

    def days_fit(placed) -> bool:
        found[:] = [assign_days(p, placed)]
        return found[0] is not None

    status = pack(p, counts, accept=days_fit)[0]
    if status == PACKED:
        return found[0]
    return NO_DAYS if status == UNPACKABLE else None


def _place(sub, counts, packing, settings, deadline):
    """Place the uses on days: (model or None, uses or vars, seconds), else None (or
    :data:`NO_DAYS` when the day model proved that no placement keeps the day rules).

    ``packing`` is :func:`~workbench.optimize.packing.pack`'s answer for ``counts``.
    First by that packing and an exact choice of days (no solver), then by every other
    packing (no solver either: proves :data:`NO_DAYS` when it runs to the end; the day
    model could take the whole week's budget to prove the same); when the search stops
    at its limits, by the day model with the uses fixed.
    """
    uses = _on_days(sub, counts, packing)
    if uses is NO_DAYS:
        return NO_DAYS
    if uses is not None:
        return None, uses, 0.0
    day, dv = build_model(sub, counts=counts)
    packed = solve(day, _remaining(settings, deadline))
    if packed.objective is None:
        return NO_DAYS if packed.status == INFEASIBLE else None
    return day, dv, packed.seconds
