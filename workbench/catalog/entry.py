"""One free-exercise-db entry as the importer reads it: its words, muscles and position."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from workbench.catalog.import_words import (
    ARM_SHOULDER,
    HANGING,
    KNEELING,
    LOWER_LIMB,
    LYING,
    LYING_NAME,
    PRONE,
    SEATED,
    STANDING,
    UPPER_BODY,
    Words,
)


@dataclass(frozen=True)
class Entry:
    """The evidence one free-exercise-db entry offers, normalised for the rules.

    ``position`` is the name plus the first two instructions, where the starting
    position is described; ``text`` is the name plus every instruction; both lower case.
    """

    id: str
    name: str
    category: str
    level: str
    force: str
    mechanic: str
    equipment: str
    primary: frozenset[str]
    secondary: frozenset[str]
    text: str
    position: str
    has_instructions: bool

    @classmethod
    def from_json(cls, raw: Mapping) -> Entry:
        instructions = [str(s) for s in raw.get("instructions") or []]
        name = str(raw.get("name") or "")
        return cls(
            id=str(raw.get("id") or name),
            name=name,
            category=str(raw.get("category") or "").lower(),
            level=str(raw.get("level") or "").lower(),
            force=str(raw.get("force") or "").lower(),
            mechanic=str(raw.get("mechanic") or "").lower(),
            equipment=str(raw.get("equipment") or "").lower(),
            primary=frozenset(m.lower() for m in raw.get("primaryMuscles") or []),
            secondary=frozenset(m.lower() for m in raw.get("secondaryMuscles") or []),
            text=" ".join([name, *instructions]).lower(),
            position=" ".join([name, *instructions[:2]]).lower(),
            has_instructions=bool(instructions),
        )

    # the derived facts the rules read; each is evidence, not a guess (cached_property
    # writes to the instance dict directly, which a frozen dataclass allows)
    @cached_property
    def seated(self) -> bool:
        return bool(SEATED.search(self.position))

    @cached_property
    def lying(self) -> bool:
        named = LYING_NAME.search(self.name.lower())
        return bool(named or LYING.search(self.position)) and not self.seated

    @cached_property
    def hanging(self) -> bool:
        return bool(HANGING.search(self.position))

    @cached_property
    def prone(self) -> bool:
        return bool(PRONE.search(self.position))

    @cached_property
    def standing(self) -> bool:
        return bool(STANDING.search(self.position)) and not (self.seated or self.lying)

    @cached_property
    def upright(self) -> bool:
        """Standing or hanging somewhere in the instructions, never sitting in them."""
        return bool(STANDING.search(self.text) or self.hanging) and not SEATED.search(self.text)

    @cached_property
    def kneeling(self) -> bool:
        return bool(KNEELING.search(self.position))

    @property
    def supported(self) -> bool:
        """Seated or lying: the trunk rests on a seat, bench or floor."""
        return self.seated or self.lying

    @property
    def isolation(self) -> bool:
        return self.mechanic == "isolation"

    @property
    def arm_isolation(self) -> bool:
        """Single-joint work for arms or shoulders (curls, raises, pushdowns, flyes)."""
        return self.isolation and bool(self.primary) and self.primary <= ARM_SHOULDER

    @property
    def leg_isolation(self) -> bool:
        return self.isolation and bool(self.primary) and self.primary <= LOWER_LIMB

    @property
    def upper_body(self) -> bool:
        return bool(self.primary) and self.primary <= UPPER_BODY

    @property
    def machine_or_cable(self) -> bool:
        return self.equipment in ("machine", "cable")

    @property
    def cardio_kind(self) -> str:
        """For cardio entries: cycling, running, walking or other, from name keywords."""
        return _cardio_kind(self.name) if self.category == "cardio" else ""

    def says(self, pattern: Words) -> bool:
        """The name or any instruction contains the pattern."""
        return bool(pattern.search(self.text))

    def never_says(self, pattern: Words) -> bool:
        """Absence of a word is evidence only when there are instructions to read."""
        return self.has_instructions and not pattern.search(self.text)


def _cardio_kind(name: str) -> str:
    lowered = name.lower()
    if re.search(r"bike|cycl", lowered):
        return "cycling"
    if re.search(r"run|jog|sprint", lowered):
        return "running"
    if re.search(r"walk|step|stair", lowered):
        return "walking"
    return "other"
