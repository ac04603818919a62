"""Where an exercise can be done and what it involves, inferred from its row.

Used for imported rows (flagged for a trainer's review) and to seed the built-in
catalog's ``settings`` and ``tags`` columns, which a trainer then owns. The rules are
plain and conservative: a pool exercise is a pool exercise; machines and barbells mean
a gym; an exercise with no equipment on a mat or a chair can be done at home, in a
studio, a gym or a clinic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workbench.domain import Discipline

_GYM_ONLY = frozenset({"machines", "barbell", "gym"})
_HOME_OR_GYM = frozenset({"treadmill", "stationary_bike", "recumbent_bike"})
_INDOOR = ("home", "studio", "gym", "clinic")


def infer_settings(discipline: Discipline, equipment: Iterable[str], name: str = "") -> frozenset:
    """Settings (:data:`workbench.domain.SETTINGS`) an exercise can be done in.

    Parameters
    ----------
    discipline : Discipline
    equipment : iterable of str
        The row's equipment tokens.
    name : str
        The exercise's name (a "class" is done in a studio or gym).
    """
    eq = frozenset(equipment)
    lowered = name.lower()
    if re.search(r"\bclass\b", lowered):
        return frozenset({"studio", "gym"})
    if discipline is Discipline.SWIMMING or "pool" in eq:
        return frozenset({"pool"})
    if eq & _GYM_ONLY:
        return frozenset({"gym"})
    if eq & _HOME_OR_GYM:
        return frozenset({"home", "gym"})
    if "bike" in eq or "outdoors" in eq:
        return frozenset({"outdoors"})
    if discipline is Discipline.WALKING:
        if "stair" in lowered:
            return frozenset({"home", "outdoors", "gym"})
        return frozenset({"outdoors"})
    if discipline is Discipline.RUNNING:
        if any(w in lowered for w in ("drill", "balance", "calf", "band")):
            return frozenset({"home", "outdoors", "gym", "studio"})
        return frozenset({"outdoors"})
    if discipline is Discipline.DANCE:
        return frozenset({"home", "studio", "gym"})
    return frozenset(_INDOOR)


#: Names of exercises done standing in one place for most of the block.
_STANDING_WORDS = (
    "standing",
    "warrior",
    "triangle",
    "tree",
    "tai chi",
    "qigong",
    "balance",
    "pallof",
    "calf raise",
)
_LYING_WORDS = ("lying", "supine", "prone", "bridge", "dead bug", "bird-dog", "plank", "curl-up")


def infer_tags(discipline: Discipline, name: str, impact: int, equipment: Iterable[str] = ()):
    """Tags (:data:`workbench.domain.TAGS`) an exercise involves, from its name and row.

    Parameters
    ----------
    discipline : Discipline
    name : str
    impact : int
        The row's impact demand 0-3.
    equipment : iterable of str
    """
    lowered = name.lower()
    eq = frozenset(equipment)
    tags = set()
    if discipline is Discipline.WALKING or "walk-run" in lowered or "hiking" in lowered:
        tags.add("land-walking")
    if discipline is Discipline.RUNNING and not any(
        w in lowered for w in ("drill", "balance", "calf", "band")
    ):
        tags.add("running")
        if "road" in lowered or not (eq & {"outdoors", "treadmill"}):
            if "trail" not in lowered and "soft" not in lowered and "hill" not in lowered:
                tags.add("road-running")
    if re.search(r"\b(hops?|jump\w*|bounding|skip|high-impact)\b", lowered):
        tags.add("jumping")
    if discipline is not Discipline.SWIMMING and (
        any(w in lowered for w in _STANDING_WORDS) and "seated" not in lowered
    ):
        tags.add("standing")
    if "breaststroke" in lowered and "head up" in lowered:
        tags.add("breaststroke-head-up")
    if (
        any(w in lowered for w in _LYING_WORDS)
        or discipline is Discipline.PILATES
        and ("side-lying" in lowered or "supine" in lowered)
    ):
        tags.add("lying")
    sitting_bike = eq & {"stationary_bike", "recumbent_bike"} and "standing" not in lowered
    if "seated" in lowered or lowered.startswith("chair") or sitting_bike:
        tags.add("seated")
    if "class" in lowered:
        tags.add("class")
    if "breathing" in lowered or "meditation" in lowered:
        tags.add("breathing")
    return frozenset(tags)
