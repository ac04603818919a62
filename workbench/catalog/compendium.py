"""The MET of an imported exercise, from the 2011 Compendium of Physical Activities [1].

free-exercise-db gives a category (strength, cardio, stretching, ...) and a name; the
importer (:mod:`workbench.catalog.importer`) writes the MET [MET] and Compendium code of
each row from them: a cardio entry by the first keyword of its name that matches
(rowing, bike, walk, ...), any other by its category.

References
----------
[1] Ainsworth B.E. et al. (2011) 2011 Compendium of Physical Activities. MSSE 43:1575.
    Codes used: 02054 resistance training 8-15 reps 3.5 MET; 02050 resistance training,
    power lifting or body building, vigorous 6.0; 02020 calisthenics vigorous 8.0;
    02101 stretching, mild 2.3; 02011 stationary bicycling 30-50 W 3.5; 01010
    bicycling <10 mph leisure 4.0; 02048 elliptical 5.0; 02071 rowing, stationary,
    moderate 4.8; 02065 stair-treadmill ergometer 9.0; 15552 rope jumping, slow 8.8;
    15590 skating, roller 7.0; 12010 jog/walk 6.0; 12020 jogging 7.0; 12150 running
    8.0; 17190 walking 2.8-3.2 mph 3.5; 02060 health club exercise, general 5.5.
"""

from __future__ import annotations

import re

from workbench.catalog.entry import Entry

#: Category -> (Compendium 2011 code, MET, description) [1].
MET_BY_CATEGORY: dict[str, tuple[str, float, str]] = {
    "strength": ("02054", 3.5, "resistance training, 8-15 repetitions"),
    "powerlifting": ("02050", 6.0, "resistance training, power lifting, vigorous"),
    "olympic weightlifting": ("02050", 6.0, "resistance training, power lifting, vigorous"),
    "strongman": ("02050", 6.0, "resistance training, power lifting, vigorous"),
    "plyometrics": ("02020", 8.0, "calisthenics, vigorous"),
    "stretching": ("02101", 2.3, "stretching, mild"),
    "cardio": ("02060", 5.5, "health club exercise, general"),
}


#: Cardio by name keyword, first match wins [1].
MET_BY_CARDIO_NAME: tuple[tuple[str, str, float, str], ...] = (
    (r"rowing", "02071", 4.8, "rowing, stationary, moderate"),
    (
        r"recumbent|bicycling, stationary|stationary bike",
        "02011",
        3.5,
        "bicycling, stationary, 30-50 W",
    ),
    (r"bicycl|bike|cycl", "01010", 4.0, "bicycling, <10 mph, leisure"),
    (r"elliptical", "02048", 5.0, "elliptical trainer, moderate"),
    (r"stair|step", "02065", 9.0, "stair-treadmill ergometer"),
    (r"rope", "15552", 8.8, "rope jumping, slow"),
    (r"skating", "15590", 7.0, "skating, roller"),
    (r"run.*walk|walk.*run", "12010", 6.0, "jog/walk combination"),
    (r"jog", "12020", 7.0, "jogging, general"),
    (r"run|sprint", "12150", 8.0, "running"),
    (r"walk", "17190", 3.5, "walking, 2.8-3.2 mph"),
)


def compendium_met(entry: Entry) -> tuple[str, float, str]:
    """The entry's (Compendium 2011 code, MET, description): for cardio, the first name
    keyword of :data:`MET_BY_CARDIO_NAME` that matches; otherwise its category's, and
    resistance training's for a category not listed."""
    if entry.category == "cardio":
        for pattern, code, met, label in MET_BY_CARDIO_NAME:
            if re.search(pattern, entry.name, re.I):
                return code, met, label
    return MET_BY_CATEGORY.get(entry.category, MET_BY_CATEGORY["strength"])
