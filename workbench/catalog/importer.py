"""Import free-exercise-db (873 exercises, public domain) as catalog rows for review.

Each entry becomes one row of our columns (``exercises.columns.csv``), as strings, ready
for :func:`workbench.catalog.table.catalog_from_rows`. Every imported row is marked
``needs_review=yes``: the planner leaves it out until a trainer has confirmed it.

Movement demands are inferred **conservatively**: free-exercise-db says nothing about
spinal loading, so every dimension starts at 3 (high) and is lowered only on positive
evidence in the entry (category, mechanic, muscles, equipment, a position named in the
name or first instructions). Keyword rules then raise dimensions back to a floor
whatever the evidence said (a deadlift is loaded flexion 3, a jump is impact 3).
Unknown means high, never low. Both tables are in :mod:`workbench.catalog.demand_rules`, with the reasoning beside each
rule; the words they read are in :mod:`workbench.catalog.import_words`.

Run ``python -m workbench.catalog.importer OUT.csv`` to write the rows to a CSV a trainer can
review and then load with :func:`workbench.catalog.table.load_catalog`.

References
----------
[1] yuhonas/free-exercise-db, Unlicense (public domain); bundled copy in
    ``workbench/data/free-exercise-db``.
[2] Ainsworth B.E. et al. (2011) 2011 Compendium of Physical Activities. MSSE 43:1575
    (the codes used: :mod:`workbench.catalog.compendium`).
[3] domain.md §3: high-demand examples per dimension; §7: words matter.
[4] Foster C. et al. (2001) session RPE (CR-10) for the effort column.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from workbench.catalog.columns import CatalogError, column_names
from workbench.catalog.compendium import compendium_met
from workbench.catalog.demand_rules import infer_demands
from workbench.catalog.demand_rules import raised_floor as raised_floor
from workbench.catalog.entry import Entry as Entry
from workbench.catalog.import_words import (
    FLOOR_WORDS,
    HEAVY_SPORT,
    STRENGTH_CATEGORIES,
    TRUNK,
    Words,
)
from workbench.catalog.inference import infer_settings, infer_tags
from workbench.catalog.table import catalog_from_rows
from workbench.domain import SETTINGS, TAGS, Dimension, Discipline, Goal
from workbench.paths import FREE_EXERCISE_DB

#: Typical effort (CR-10 RPE) of one block by category and level (H): stretching is easy,
#: heavy barbell sport hard; each level up adds about one point.
RPE: dict[str, tuple[int, int, int]] = {
    "stretching": (2, 3, 3),
    "strength": (4, 5, 6),
    "cardio": (4, 5, 6),
    "plyometrics": (5, 6, 7),
    "powerlifting": (6, 7, 8),
    "olympic weightlifting": (6, 7, 8),
    "strongman": (6, 7, 8),
}


LEVELS = {"beginner": 1, "intermediate": 2, "expert": 3}


EQUIPMENT_MAP: dict[str, tuple[str, ...]] = {
    "barbell": ("barbell",),
    "e-z curl bar": ("barbell",),
    "dumbbell": ("dumbbells",),
    "kettlebells": ("kettlebell",),
    "cable": ("machines",),
    "machine": ("machines",),
    "bands": ("bands",),
    "exercise ball": ("ball",),
    "medicine ball": ("ball",),
    "foam roll": ("foam_roller",),
    # "other" is sleds, tyres, bars, boxes, chains: gym kit, so it needs gym access.
    "other": ("gym",),
}


#: Cardio kit by name keyword, first match wins.
CARDIO_EQUIPMENT: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"rowing", ("machines",)),
    (r"recumbent", ("recumbent_bike",)),
    (r"bicycling, stationary|stationary bike", ("stationary_bike",)),
    (r"bicycl|bike", ("bike", "outdoors")),
    (r"treadmill", ("treadmill",)),
    (r"trail|skating", ("outdoors",)),
)


CHAIR = Words(r"chair")


WALL = Words(r"wall")


GYM_WORDS = Words(
    r"bench",
    r"rack",
    r"box",
    r"sled",
    r"parallel bars",
    r"dip station",
    r"pull-?up bar",
    r"chin-?up bar",
    r"platform",
)


#: Short generic cues in encouraging words (domain.md §7), by category.
CUES: dict[str, str] = {
    "stretching": "Ease into the stretch, breathe slowly and stay where it feels comfortable.",
    "strength": "Move smoothly and with control, and keep breathing.",
    "cardio": "Start easy and build up gradually; you should still be able to talk.",
    "plyometrics": "Land softly and quietly, and rest fully between efforts.",
    "powerlifting": "Work with your coach, move with control and build up gradually.",
    "olympic weightlifting": "Work with your coach, move with control and build up gradually.",
    "strongman": "Work with your coach, move with control and build up gradually.",
}


DEFAULT_CUE = "Move with control and build up gradually."


#: Names that need a trainer present whatever the category (domain.md §3: deadlift and
#: overhead press "not without professional supervision").
SUPERVISED_NAMES = Words(
    r"dead ?lifts?",
    r"good ?mornings?",
    r"clean\w*",
    r"snatch\w*",
    r"jerks?",
    r"overhead press\w*",
    r"military press\w*",
    r"push press\w*",
)


def slugify(text: str) -> str:
    """Lower case, runs of anything but letters and digits replaced by one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "exercise"


def _discipline(entry: Entry) -> str:
    if entry.category == "stretching":
        return "mobility"
    if entry.category == "cardio":
        kind = entry.cardio_kind
        return kind if kind in ("cycling", "running", "walking") else "gym"
    return "gym"


def _equipment(entry: Entry) -> frozenset[str]:
    if entry.category == "cardio":
        for pattern, kit in CARDIO_EQUIPMENT:
            if re.search(pattern, entry.name, re.I):
                return frozenset(kit)
    items = set(EQUIPMENT_MAP.get(entry.equipment, ()))
    if entry.equipment in ("", "body only") and entry.says(FLOOR_WORDS):
        items.add("mat")
    if entry.says(GYM_WORDS):
        items.add("gym")
    if entry.says(CHAIR):
        items.add("chair")
    if entry.says(WALL):
        items.add("wall")
    return frozenset(items)


def _goals(entry: Entry) -> dict[Goal, int]:
    core = 3 if entry.primary & TRUNK else (1 if entry.secondary & TRUNK else 0)
    return {
        Goal.FLEXIBILITY: 3 if entry.category == "stretching" else 0,
        Goal.CORE_ENDURANCE: core,
        Goal.STRENGTH: 3
        if entry.category in STRENGTH_CATEGORIES
        else (1 if entry.category == "plyometrics" else 0),
        Goal.CARDIO: 3
        if entry.category == "cardio"
        else (2 if entry.category == "plyometrics" else 0),
        Goal.RELAXATION: 1 if entry.category == "stretching" else 0,
    }


#: Words of an entry that moves about while standing (not "standing in one place").
_MOVING_WORDS = Words("walk", "run", "jump", "lunge", "step", "carry", "squat", "deadlift")


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def entry_to_row(entry: Entry, row_id: str) -> dict[str, str]:
    """Map one free-exercise-db entry to a catalog row of strings (our columns).

    Parameters
    ----------
    entry : Entry
    row_id : str
        The catalog id to use (``"fedb-" + slug``, made unique by the caller).

    Returns
    -------
    dict[str, str]
        Every catalog column, in dictionary order.
    """
    level = LEVELS.get(entry.level, 3)  # unknown level: treat as expert (conservative)
    code, met, met_label = compendium_met(entry)
    rpe = RPE.get(entry.category, RPE["strength"])[level - 1]
    minutes = 20 if entry.category == "cardio" else 10
    demands = infer_demands(entry)
    goals = _goals(entry)
    supervised = _needs_supervision(entry, level)
    discipline = _discipline(entry)
    equipment = _equipment(entry)
    # where it can be done and what it involves: inferred, checked at review like the rest
    settings = infer_settings(Discipline(discipline), equipment, entry.name)
    tags = _tags(entry, discipline, demands[Dimension.IMPACT], equipment)
    values = {
        "id": row_id,
        "name": entry.name,
        "discipline": discipline,
        "minutes": str(minutes),
        "rpe": str(rpe),
        "met": f"{met:.1f}",
        "compendium_code": code,
        **{d.value: str(demands[d]) for d in Dimension},
        **{g.value: str(goals[g]) for g in Goal},
        "equipment": ";".join(sorted(equipment)),
        "settings": ";".join(x for x in SETTINGS if x in settings),
        "tags": ";".join(x for x in TAGS if x in tags),
        "needs_supervision": _yes(supervised),
        "level": str(level),
        "easier_id": "",
        "harder_id": "",
        "cue": CUES.get(entry.category, DEFAULT_CUE),
        "source": _source(entry, code, met_label),
        "needs_review": "yes",
    }
    return {name: values.get(name, "") for name in column_names()}


def _needs_supervision(entry: Entry, level: int) -> bool:
    """Heavy sport, the expert level (3) or a name that needs a trainer present (a
    deadlift, a clean, an overhead press: :data:`SUPERVISED_NAMES`)."""
    return (
        entry.category in HEAVY_SPORT
        or level == 3
        or bool(SUPERVISED_NAMES.search(entry.name.lower()))
    )


def _tags(entry: Entry, discipline: str, impact: int, equipment: frozenset[str]) -> frozenset[str]:
    """The tags inferred from the discipline, name, impact (0-3) and kit, with the entry's
    position: standing (when it stays in one place), lying, seated."""
    tags = infer_tags(Discipline(discipline), entry.name, impact, equipment)
    if entry.standing and not entry.says(_MOVING_WORDS):
        tags = tags | {"standing"}
    if entry.lying:
        tags = tags | {"lying"}
    if entry.seated:
        tags = tags | {"seated"}
    return tags


def _source(entry: Entry, code: str, met_label: str) -> str:
    """Where the row comes from: the entry, the MET's Compendium code, and that it waits
    for review."""
    return (
        f"free-exercise-db (public domain, Unlicense): {entry.id}; MET: 2011 Compendium "
        f"{code} {met_label}; demands inferred conservatively by workbench.catalog.importer "
        "(3 unless evidence); review before use"
    )


def read_free_exercise_db(path: Path | str | None = None) -> list[Entry]:
    """Read the free-exercise-db JSON (default: the bundled copy) into entries."""
    path = Path(path) if path is not None else FREE_EXERCISE_DB
    with path.open(encoding="utf-8") as handle:
        return [Entry.from_json(raw) for raw in json.load(handle)]


def import_free_exercise_db(path: Path | str | None = None) -> list[dict[str, str]]:
    """Every free-exercise-db entry as a catalog row of strings, ids unique.

    Parameters
    ----------
    path : Path or str, optional
        ``exercises.json`` of free-exercise-db; default: the copy bundled in
        ``workbench/data/free-exercise-db`` (the run time never reads anything else).

    Returns
    -------
    list of dict[str, str]
        Ready for :func:`workbench.catalog.table.catalog_from_rows`; all ``needs_review=yes``.
    """
    rows = []
    used: set[str] = set()
    for entry in read_free_exercise_db(path):
        base = "fedb-" + slugify(entry.name)
        row_id, n = base, 2
        while row_id in used:
            row_id, n = f"{base}-{n}", n + 1
        used.add(row_id)
        rows.append(entry_to_row(entry, row_id))
    return rows


def write_rows_csv(rows: Iterable[Mapping[str, str]], path: Path | str) -> Path:
    """Write catalog rows to a UTF-8 CSV, columns in dictionary order.

    Parameters
    ----------
    rows : iterable of {column: cell}
    path : Path or str

    Returns
    -------
    Path
        The file written.
    """
    rows = list(rows)
    extra = [k for k in dict.fromkeys(k for r in rows for k in r) if k not in column_names()]
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[*column_names(), *extra], restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def main(argv: list[str] | None = None) -> int:
    """``python -m workbench.catalog.importer OUT.csv``: write the imported rows for review."""
    parser = argparse.ArgumentParser(
        prog="python -m workbench.catalog.importer",
        description="Write free-exercise-db as catalog rows (all needs_review=yes) to a CSV.",
    )
    parser.add_argument("out", type=Path, help="CSV file to write")
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help="free-exercise-db exercises.json (default: the bundled copy)",
    )
    args = parser.parse_args(argv)
    rows = import_free_exercise_db(args.source)
    try:
        catalog_from_rows(rows, "free-exercise-db")  # never write a file that won't load
    except CatalogError as err:
        print(err, file=sys.stderr)
        return 1
    write_rows_csv(rows, args.out)
    print(f"wrote {len(rows)} rows to {args.out} (all needs_review=yes; review before use)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
