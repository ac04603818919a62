"""Graded exposure across the weeks: what each week's plan may take of the feared movements.

The rule is :mod:`workbench.rules.exposure` (domain.md §3, George 2010); this module
applies it to a planning call, whose weeks are solved in order: which blocks of a week
expose a feared movement (all of them count towards ``exposure_max_blocks``), which
blocks combining several feared movements the week holds back because the earlier
weeks' plans have not yet done each on its own, and the exclusion rows and pin
sentences that say so.

A re-plan from a later week keeps the earlier weeks' plans, so it reads the same
history from them; a re-plan stops early only when the history so far is also the same
(:func:`same_history`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workbench.domain import Dimension, Exercise
from workbench.rules.contraindications import FAMILIES as EXCLUSION_FAMILIES
from workbench.rules.exposure import (
    alone_levels,
    combined_reason,
    exposed,
    feared_dimensions,
    waiting,
)

#: What one week's plan did of each feared dimension on its own, per week.
History = Sequence[dict[Dimension, int]]


def _feared(ctx) -> tuple[tuple[Dimension, ...], Sequence[int]]:
    """The feared dimensions (none outside graded-exposure mode) and the start tolerance."""
    start = ctx.eligibility.tolerances[0]
    if not ctx.modes.graded_exposure:
        return (), start
    return feared_dimensions(ctx.client, start), start


def exposing_ids(ctx, exercises: Iterable[Exercise]) -> frozenset[str]:
    """Ids of ``exercises`` above the starting tolerance on a feared dimension."""
    feared, start = _feared(ctx)
    if not feared:
        return frozenset()
    return frozenset(ex.id for ex in exercises if exposed(ex, feared, start))


def held_back(ctx, exercises: Iterable[Exercise], history: History) -> dict[str, str]:
    """Blocks combining feared dimensions not yet each done on its own: id → reason."""
    feared, start = _feared(ctx)
    if len(feared) < 2:
        return {}
    need = ctx.params.exposure_alone_weeks
    out = {}
    for ex in exercises:
        e = exposed(ex, feared, start)
        missing = waiting(e, history, need)
        if missing:
            out[ex.id] = combined_reason(e, missing)
    return out


def week_history(ctx, uses: Iterable[tuple[Exercise, object]]) -> dict[Dimension, int]:
    """What one week's plan (its ``(exercise, day)`` uses) did of each feared dimension alone."""
    feared, start = _feared(ctx)
    return alone_levels((ex for ex, _d in uses), feared, start) if feared else {}


def history_of(ctx, solutions) -> list[dict[Dimension, int]]:
    """:func:`week_history` of each solved week, week 1 first."""
    return [week_history(ctx, s.uses) for s in solutions]


def same_history(ctx, solutions, old) -> bool:
    """The weeks solved so far did each feared movement alone as the old plan's did."""
    return history_of(ctx, solutions) == history_of(ctx, old[: len(solutions)])


def held_back_rows(ctx, solutions, by_id) -> list[dict]:
    """The exclusion rows (as :func:`~workbench.planning.explain.exclusion_table`'s) of the
    combined blocks each solved week held back, one per exercise and reason."""
    rows: dict[tuple[str, str], list[int]] = {}
    history: list[dict[Dimension, int]] = []
    for s in solutions:
        week = s.problem.week
        allowed = [by_id[i] for i in ctx.eligibility.allowed(week)]
        for ex_id, reason in held_back(ctx, allowed, history).items():
            rows.setdefault((ex_id, reason), []).append(week)
        history.append(week_history(ctx, s.uses))
    return [
        {
            "exercise_id": ex_id,
            "name": by_id[ex_id].name,
            "family": "graded_exposure",
            "rule": EXCLUSION_FAMILIES["graded_exposure"],
            "reason": reason,
            "weeks": weeks,
        }
        for (ex_id, reason), weeks in rows.items()
    ]


def held_pin_problems(ctx, solutions, by_id) -> list[str]:
    """A sentence for each pin of the last solved week on a combined block it held back."""
    last = solutions[-1]
    week = last.problem.week
    allowed = [by_id[i] for i in ctx.eligibility.allowed(week)]
    held = held_back(ctx, allowed, history_of(ctx, solutions[:-1]))
    return [
        f"The pin of {pin.exercise_id} in week {week}: the client's rules leave it out "
        f"({held[pin.exercise_id]})."
        for pin in ctx.options.pins
        if pin.week == week and pin.exercise_id in held
    ]
