"""Seeded random clients with wide and strange ranges, for the planner's tail.

:func:`workbench.testing.synthetic.random_client` draws ordinary clients. The clients
here are the ones nobody writes by hand: tolerances 0-3 with many zeros (or all 3),
one training day a week or seven, 10-minute or 120-minute sessions, one goal or every
goal at high minutes, clearances that ban whole disciplines or a large share of the
built-in catalog, a doctor's RPE limit, very low or very high current loads, and some
drawn near the edge of what can be planned at all (all zeros, one short day, many goal
minutes). Every client is a valid client file (``client_from_dict(client_to_dict(c))
== c``); not every one can be planned (the planner then diagnoses it).
"""

from __future__ import annotations

import random
from dataclasses import replace

from workbench.catalog import builtin_catalog
from workbench.domain import (
    RED_FLAGS,
    SETTINGS,
    Activity,
    Clearance,
    Client,
    Day,
    Dimension,
    Discipline,
    Goal,
)

_EQUIPMENT = ("mat", "chair", "bands", "dumbbells", "machines", "pool", "stationary_bike", "gym")
_SESSION_MINUTES = (10, 10, 15, 20, 30, 45, 60, 90, 120, 120)
_GOAL_MINUTES = (0, 10, 20, 30, 45, 60, 90, 150, 240, 300)


def _tolerances(rng: random.Random) -> dict[Dimension, int]:
    """Tolerances 0-3: often all 3, often mostly 0, else anywhere."""
    kind = rng.random()
    if kind < 0.15:
        return {d: 3 for d in Dimension}
    if kind < 0.35:
        return {d: rng.choice([0, 0, 0, 0, 1]) for d in Dimension}
    if kind < 0.45:
        return {d: 0 for d in Dimension}
    return {d: rng.randint(0, 3) for d in Dimension}


def _goals(rng: random.Random) -> dict[Goal, int]:
    """One goal, or every goal, or a random mix; minutes from 0 to 300 a week."""
    kind = rng.random()
    if kind < 0.25:
        one = rng.choice(list(Goal))
        return {g: (rng.choice(_GOAL_MINUTES[1:]) if g is one else 0) for g in Goal}
    if kind < 0.5:
        return {g: rng.choice(_GOAL_MINUTES[4:]) for g in Goal}
    return {g: rng.choice(_GOAL_MINUTES) for g in Goal}


def _days(rng: random.Random) -> frozenset[Day]:
    """One day, all seven, or anything between."""
    kind = rng.random()
    if kind < 0.2:
        return frozenset({rng.choice(list(Day))})
    if kind < 0.4:
        return frozenset(Day)
    return frozenset(rng.sample(list(Day), rng.randint(1, 7)))


def _clearance(rng: random.Random) -> Clearance:
    """Cleared, sometimes with many disciplines or catalog rows banned and an RPE limit."""
    banned_disciplines: frozenset[Discipline] = frozenset()
    banned_exercises: frozenset[str] = frozenset()
    if rng.random() < 0.4:
        banned_disciplines = frozenset(rng.sample(list(Discipline), rng.randint(1, 7)))
    if rng.random() < 0.4:
        ids = sorted(ex.id for ex in builtin_catalog())
        banned_exercises = frozenset(rng.sample(ids, int(len(ids) * rng.uniform(0.05, 0.6))))
    max_rpe = rng.choice([2.0, 3.0, 4.0, 5.0, 6.0]) if rng.random() < 0.3 else None
    return Clearance(
        cleared=True,
        date="2026-01-01",
        by="GP",
        banned_disciplines=banned_disciplines,
        banned_exercises=banned_exercises,
        max_rpe=max_rpe,
    )


def _activities(rng: random.Random) -> tuple[Activity, ...]:
    """Nothing much (a short easy walk) up to several long, hard sessions a week."""
    if rng.random() < 0.3:
        return (Activity(Discipline.WALKING, 1, rng.choice([10, 15]), 2.0),)
    count = rng.randint(1, 3)
    return tuple(
        Activity(
            rng.choice(list(Discipline)),
            rng.randint(1, 7),
            rng.choice([10, 20, 30, 45, 60, 90]),
            float(rng.randint(1, 8)),
        )
        for _ in range(count)
    )


def _edge(rng: random.Random, client: Client) -> Client:
    """``client`` pushed toward the edge of what can be planned."""
    day = rng.choice(list(Day))
    return replace(
        client,
        tolerances={d: rng.choice([0, 0, 0, 1]) for d in Dimension},
        available_days=frozenset({day}),
        max_training_days=1,
        supervised_days=frozenset(),
        minutes_per_session=rng.choice([10, 15]),
        goals={g: rng.choice([60, 150, 300]) for g in Goal},
        activities=(Activity(Discipline.WALKING, 1, 10, 2.0),),
    )


def wide_random_client(seed: int = 0) -> Client:
    """A cleared client with no red flags, drawn from wide and strange ranges.

    Parameters
    ----------
    seed : int
        Reproducible: the same seed gives the same client.

    Returns
    -------
    Client
        A valid client (its client file round-trips); id ``wide-<seed>``.
    """
    rng = random.Random(seed)
    days = _days(rng)
    supervised = (
        frozenset(rng.sample(sorted(days), rng.randint(1, len(days))))
        if rng.random() < 0.3
        else frozenset()
    )
    settings = (
        frozenset(rng.sample(list(SETTINGS), rng.randint(1, 3)))
        if rng.random() < 0.5
        else frozenset()
    )
    liked = frozenset(rng.sample(list(Discipline), rng.randint(0, 3)))
    disliked = frozenset(rng.sample(sorted(set(Discipline) - liked), rng.randint(0, 2)))
    client = Client(
        id=f"wide-{seed}",
        name="Wide synthetic client",
        age=rng.randint(18, 90),
        clearance=_clearance(rng),
        red_flags={k: False for k in RED_FLAGS},
        tolerances=_tolerances(rng),
        goals=_goals(rng),
        equipment=frozenset(rng.sample(_EQUIPMENT, rng.randint(0, len(_EQUIPMENT)))),
        settings=settings,
        available_days=days,
        max_training_days=rng.choice([1, len(days), rng.randint(1, len(days))]),
        minutes_per_session=rng.choice(_SESSION_MINUTES),
        supervised_days=supervised,
        activities=_activities(rng),
        liked=liked,
        disliked=disliked,
        consecutive_green_weeks=rng.choice([0, 0, 2, 6]),
    )
    return _edge(rng, client) if rng.random() < 0.1 else client
