"""One feared movement at a time: what a block exposes, and when a block may combine them.

domain.md §3, George 2010 (graded exposure): in graded-exposure mode the movements a
client fears come back one at a time. The week-by-week tolerance
(:mod:`workbench.rules.tolerance`) raises one dimension a step at a time, but one block
can take several of them above where the client started (an RPE-6 power-yoga flow:
loaded flexion, end-range flexion and rotation). The reading kept here:

* a dimension is *feared* when the client has an exposure target above the assessed
  (week-1) tolerance on it; it stays feared for the whole horizon;
* a block *exposes* a feared dimension when its demand there is above the week-1
  tolerance;
* a block exposing two or more feared dimensions comes only once each of them was done
  *on its own* (a block exposing that dimension and no other feared one), at the
  combined block's demand there or more, in at least ``exposure_alone_weeks`` earlier
  weeks of the plan.

The planner hands in what the earlier weeks' plans held (:func:`alone_levels` of each
week); the rule itself is :func:`waiting`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from workbench.domain import Client, Dimension, Exercise

#: The dimensions in order (read once: enum iteration is slow).
_DIMS = tuple(Dimension)


def feared_dimensions(client: Client, start: Sequence[int]) -> tuple[Dimension, ...]:
    """The dimensions with an exposure target above the starting tolerance.

    Parameters
    ----------
    client : Client
    start : sequence of int
        Week-1 tolerance per dimension [level 0-3], in :class:`Dimension` order.

    Returns
    -------
    tuple of Dimension
        In the order the targets are listed (least feared first).
    """
    return tuple(d for d, t in client.exposure_targets.items() if t > start[_DIMS.index(d)])


def exposed(
    ex: Exercise, feared: Iterable[Dimension], start: Sequence[int]
) -> dict[Dimension, int]:
    """Feared dimension → the block's demand there, where it is above the start [level 0-3]."""
    return {d: ex.demands[d] for d in feared if ex.demands[d] > start[_DIMS.index(d)]}


def alone_levels(
    exercises: Iterable[Exercise], feared: Iterable[Dimension], start: Sequence[int]
) -> dict[Dimension, int]:
    """What one week's plan did of each feared dimension on its own.

    Returns
    -------
    dict
        Feared dimension → the highest demand a block of ``exercises`` took it to while
        exposing no other feared dimension [level 0-3]; absent when none did.
    """
    feared = tuple(feared)
    out: dict[Dimension, int] = {}
    for ex in exercises:
        e = exposed(ex, feared, start)
        if len(e) == 1:
            ((d, level),) = e.items()
            out[d] = max(out.get(d, 0), level)
    return out


def waiting(
    exposes: Mapping[Dimension, int],
    history: Sequence[Mapping[Dimension, int]],
    weeks_needed: float,
) -> list[Dimension]:
    """The feared dimensions a combined block still waits for (empty: it may be planned).

    Parameters
    ----------
    exposes : Mapping[Dimension, int]
        What the block exposes (:func:`exposed`).
    history : sequence of Mapping
        :func:`alone_levels` of each earlier week's plan, week 1 first.
    weeks_needed : float
        ``exposure_alone_weeks`` [weeks].

    Returns
    -------
    list of Dimension
        Empty for a block exposing at most one feared dimension; else those of its
        dimensions not yet done on its own, at the block's demand or more, in
        ``weeks_needed`` earlier weeks.
    """
    if len(exposes) < 2:
        return []
    return [
        d
        for d, level in exposes.items()
        if sum(1 for week in history if week.get(d, -1) >= level) < weeks_needed
    ]


def combined_reason(exposes: Mapping[Dimension, int], missing: Iterable[Dimension]) -> str:
    """The trainer's sentence for a combined block held back, e.g. "loaded flexion 1,
    end-range flexion 2 and rotation 2 above the starting tolerance in one block: each
    comes back on its own first (graded exposure; not yet on its own: loaded flexion 1)"."""
    parts = [f"{d.label} {level}" for d, level in exposes.items()]
    both = ", ".join(parts[:-1]) + f" and {parts[-1]}"
    left = ", ".join(f"{d.label} {exposes[d]}" for d in missing)
    return (
        f"{both} above the starting tolerance in one block: each comes back on its own "
        f"first (graded exposure; not yet on its own: {left})"
    )
