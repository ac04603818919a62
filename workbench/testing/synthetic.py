"""Seeded synthetic catalogs and clients of the planner's shape, for tests and benchmarks.

Not for trainers: values are random within the catalog's allowed ranges, biased toward
the real catalog's spread (most demands low, a few high).
"""

from __future__ import annotations

import random

from workbench.domain import (
    RED_FLAGS,
    Activity,
    Clearance,
    Client,
    Day,
    Dimension,
    Discipline,
    Exercise,
    Goal,
)

_EQUIPMENT = {
    Discipline.SWIMMING: frozenset({"pool"}),
    Discipline.GYM: frozenset({"machines"}),
    Discipline.CYCLING: frozenset({"stationary_bike"}),
}


def random_exercise(rng: random.Random, i: int) -> Exercise:
    """One plausible random exercise with id ``syn-<i>``."""
    disc = rng.choice(list(Discipline))
    minutes = rng.choice([5, 8, 10, 12, 15, 20, 25, 30])
    rpe = float(rng.choice([1, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8]))
    met = round(rng.uniform(1.3, 3.0) + rpe * 0.6, 1)
    demands = {d: rng.choice([0, 0, 0, 1, 1, 2, 3]) for d in Dimension}
    goals = {g: rng.choice([0, 0, 1, 2, 3]) for g in Goal}
    return Exercise(
        id=f"syn-{i}",
        name=f"synthetic {disc.value} {i}",
        discipline=disc,
        minutes=minutes,
        rpe=rpe,
        met=met,
        compendium_code="",
        demands=demands,
        goals=goals,
        equipment=_EQUIPMENT.get(disc, frozenset()),
        needs_supervision=rng.random() < 0.05,
        level=rng.choice([1, 2, 3]),
        easier_id=None,
        harder_id=None,
        cue="Move at an easy pace.",
        source="synthetic",
    )


def random_catalog(n: int, seed: int = 0) -> list[Exercise]:
    """``n`` random exercises, reproducible from ``seed``."""
    rng = random.Random(seed)
    return [random_exercise(rng, i) for i in range(n)]


def random_client(seed: int = 0) -> Client:
    """A cleared client with no red flags and random tolerances, goals and schedule."""
    rng = random.Random(seed)
    days = frozenset(rng.sample(list(Day), rng.randint(2, 7)))
    return Client(
        id=f"synthetic-{seed}",
        name="Synthetic client",
        age=rng.randint(25, 70),
        clearance=Clearance(cleared=True, date="2026-01-01", by="GP"),
        red_flags={k: False for k in RED_FLAGS},
        tolerances={d: rng.choice([1, 2, 2, 3, 3]) for d in Dimension},
        goals={g: rng.choice([0, 20, 30, 45, 60, 90, 150]) for g in Goal},
        equipment=frozenset(rng.sample(["pool", "machines", "stationary_bike", "mat"], 2)),
        available_days=days,
        max_training_days=rng.randint(1, len(days)),
        minutes_per_session=rng.choice([30, 45, 60]),
        supervised_days=frozenset(rng.sample(sorted(days), 1))
        if rng.random() < 0.3
        else frozenset(),
        activities=(
            Activity(
                Discipline.WALKING,
                rng.randint(1, 5),
                rng.choice([20, 30, 45]),
                float(rng.randint(2, 5)),
            ),
        ),
        liked=frozenset(rng.sample(list(Discipline), 2)),
    )
