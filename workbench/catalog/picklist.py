"""Exercises by name for a trainer to pick: "Bridge pose (active) — yoga" <-> its id.

The design app's pin and ban box searches as the trainer types; what it shows is a
label with the exercise's name and discipline, and what the planner needs is the id.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.domain import Exercise

SEPARATOR = " — "


def exercise_labels(exercises: Iterable[Exercise]) -> dict[str, str]:
    """Label -> exercise id for every exercise, sorted by label; labels are unique.

    Two exercises with the same name and discipline (possible in a merged catalog) get
    their id added to tell them apart.
    """
    exercises = list(exercises)
    base = {ex.id: f"{ex.name}{SEPARATOR}{ex.discipline.label}" for ex in exercises}
    seen: dict[str, int] = {}
    for label in base.values():
        seen[label] = seen.get(label, 0) + 1
    out = {}
    for ex in exercises:
        label = base[ex.id]
        if seen[label] > 1:
            label = f"{label} ({ex.id})"
        out[label] = ex.id
    return dict(sorted(out.items(), key=lambda kv: kv[0].lower()))


def exercise_for(text: str, labels: dict[str, str]) -> str | None:
    """The id a picked or typed text names: a label, an id, or a name matching one
    exercise only (case-insensitive); None when it names none or several."""
    text = text.strip()
    if not text:
        return None
    if text in labels:
        return labels[text]
    ids = set(labels.values())
    if text in ids:
        return text
    lowered = text.lower()
    named = {i for label, i in labels.items() if label.split(SEPARATOR)[0].lower() == lowered}
    return named.pop() if len(named) == 1 else None
