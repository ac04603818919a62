"""free-exercise-db imports as reviewable rows whose demands err on the side of high."""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.catalog import catalog_from_rows, load_catalog
from workbench.catalog.importer import (
    Entry,
    entry_to_row,
    import_free_exercise_db,
    infer_demands,
    main,
    raised_floor,
    read_free_exercise_db,
    write_rows_csv,
)
from workbench.domain import Dimension, Discipline, Goal
from workbench.language import find_threat_words
from workbench.paths import FREE_EXERCISE_DB, PACKAGE_DIR

LF, ERF, EXT, ROT, AX, IMP, SIT = Dimension


@pytest.fixture(scope="module")
def rows():
    return import_free_exercise_db()


@pytest.fixture(scope="module")
def catalog(rows):
    return catalog_from_rows(rows, "free-exercise-db")


ENTRIES = read_free_exercise_db()
BY_NAME = {e.name: e for e in ENTRIES}


def demands_of(name: str) -> dict[Dimension, int]:
    return infer_demands(BY_NAME[name])


# ------------------------------------------------------------------ the import as a whole


def test_imports_all_873_entries_and_every_row_passes_the_catalog_validator(rows, catalog):
    assert len(rows) == 873
    assert len(catalog) == 873


def test_every_imported_row_needs_review_and_has_no_variation_links(catalog):
    assert all(e.needs_review for e in catalog)
    assert all(e.easier_id is None and e.harder_id is None for e in catalog)


def test_imported_ids_are_unique_lowercase_slugs_with_a_prefix(rows):
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"fedb-[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    assert "fedb-3-4-sit-up" in ids


def test_repeated_names_still_get_unique_ids(tmp_path):
    entry = {"id": "A", "name": "Same Move", "category": "strength", "level": "beginner"}
    source = tmp_path / "twice.json"
    source.write_text(json.dumps([entry] * 3))
    ids = [r["id"] for r in import_free_exercise_db(source)]
    assert ids == ["fedb-same-move", "fedb-same-move-2", "fedb-same-move-3"]


def test_the_bundled_copy_is_read_not_the_shared_folder():
    assert FREE_EXERCISE_DB.is_relative_to(PACKAGE_DIR)
    assert (
        (FREE_EXERCISE_DB.parent / "LICENSE.md")
        .read_text()
        .startswith("This is free and unencumbered software released into the public domain.")
    )


def test_source_names_the_licence_the_original_id_and_the_compendium(rows):
    row = next(r for r in rows if r["id"] == "fedb-3-4-sit-up")
    assert row["source"].startswith("free-exercise-db (public domain, Unlicense): 3_4_Sit-Up")
    assert "2011 Compendium 02054" in row["source"]


# ------------------------------------------------------------------ conservative demands


def test_a_deadlift_is_loaded_flexion_3_and_axial_load_3(catalog):
    deadlifts = [e for e in catalog if "deadlift" in e.name.lower()]
    assert len(deadlifts) >= 10
    for e in deadlifts:
        assert e.demands[LF] == 3 and e.demands[AX] == 3, e.name


def test_jumps_and_plyometrics_are_impact_3(catalog):
    plyometric = {e.name for e in ENTRIES if e.category == "plyometrics"}
    jumps = [e for e in catalog if e.name in plyometric or "jump" in e.name.lower()]
    assert len(jumps) >= 60
    assert all(e.demands[IMP] == 3 for e in jumps)


def test_an_entry_without_evidence_keeps_every_demand_at_3():
    blank = Entry.from_json({"id": "x", "name": "Mystery Move", "category": "strength"})
    assert infer_demands(blank) == dict.fromkeys(Dimension, 3)
    row = entry_to_row(blank, "fedb-mystery-move")
    assert row["needs_review"] == "yes" and row["level"] == "3"  # unknown level: expert
    assert row["needs_supervision"] == "yes"


def test_flexion_and_twisting_exercises_stay_high():
    assert demands_of("Crunches")[LF] == 3
    assert demands_of("3/4 Sit-Up")[LF] == 3
    assert demands_of("Russian Twist")[ROT] == 3
    assert demands_of("Standing Toe Touches")[ERF] == 3
    assert demands_of("Standing Military Press")[AX] == 3
    assert demands_of("Standing Military Press")[EXT] == 3
    assert demands_of("Barbell Squat")[AX] == 3


def test_positive_evidence_lowers_demands_for_supported_and_isolated_work():
    curl = demands_of("Dumbbell Bicep Curl")
    assert curl[LF] == 0 and curl[IMP] == 0 and curl[AX] <= 2
    pushdown = demands_of("Triceps Pushdown")
    assert pushdown[AX] <= 1
    assert demands_of("Seated Cable Rows")[AX] <= 1
    assert demands_of("Recumbent Bike")[IMP] == 0
    assert demands_of("Recumbent Bike")[SIT] == 3  # sustained sitting, domain.md §3
    plank = demands_of("Plank")
    assert max(plank[d] for d in (LF, ERF, EXT, ROT, AX)) == 1


# Dangerous words, written independently of the importer's own tables: a name that says
# one of these must never come out lower than the floor.
KEYWORD_FLOORS = [
    (r"deadlift", {LF: 3, AX: 3}),
    (r"good ?morning", {LF: 3, AX: 3}),
    (r"sit-?up|crunch|jack ?knife", {LF: 3}),
    (r"twist|rotation|wood ?chop", {ROT: 3}),
    (r"\bclean\b|snatch|\bjerk\b", {LF: 3, AX: 3}),
    (r"overhead press|military press|push press", {AX: 3, EXT: 3}),
    (r"jump|\bbound|\bhop|sprint|\bbox\b|plyo", {IMP: 3}),
]


def keyword_floor(entry: Entry) -> dict[Dimension, int]:
    floor = dict.fromkeys(Dimension, 0)
    for pattern, levels in KEYWORD_FLOORS:
        if re.search(pattern, entry.name, re.IGNORECASE):
            for dim, level in levels.items():
                floor[dim] = max(floor[dim], level)
    if entry.category == "plyometrics":
        floor[IMP] = 3
    if entry.equipment == "barbell" and "squat" in entry.name.lower():
        floor[AX] = 3
    return floor


@given(st.sampled_from(ENTRIES))
def test_no_imported_demand_is_lower_than_the_keyword_rules_force(entry):
    demands = infer_demands(entry)
    for floor in (keyword_floor(entry), raised_floor(entry)):
        assert all(demands[d] >= floor[d] for d in Dimension), (entry.name, demands, floor)


@settings(max_examples=200)
@given(
    st.sampled_from(ENTRIES),
    st.sampled_from(
        [
            "Deadlift",
            "Good Morning",
            "Sit-Up",
            "Crunch",
            "Jackknife",
            "Twist",
            "Wood Chop",
            "Power Clean",
            "Snatch",
            "Overhead Press",
            "Box Jump",
            "Bound",
            "Hop",
            "Sprint",
            "Plyo",
        ]
    ),
)
def test_adding_a_dangerous_word_to_any_name_never_lowers_a_demand(entry, word):
    raw = {
        "id": entry.id,
        "name": f"{entry.name} {word}",
        "category": entry.category,
        "level": entry.level,
        "force": entry.force,
        "mechanic": entry.mechanic,
        "equipment": entry.equipment,
        "primaryMuscles": sorted(entry.primary),
        "secondaryMuscles": sorted(entry.secondary),
        "instructions": [],
    }
    renamed = Entry.from_json(raw)
    demands = infer_demands(renamed)
    floor = keyword_floor(renamed)
    assert all(demands[d] >= floor[d] for d in Dimension), (renamed.name, demands)


# ------------------------------------------------------------------ the other columns


def test_disciplines_follow_category_and_cardio_names(catalog):
    by_name = {e.name: e for e in catalog}
    assert by_name["Recumbent Bike"].discipline is Discipline.CYCLING
    assert by_name["Jogging, Treadmill"].discipline is Discipline.RUNNING
    assert by_name["Walking, Treadmill"].discipline is Discipline.WALKING
    assert by_name["Elliptical Trainer"].discipline is Discipline.GYM
    assert by_name["Child's Pose"].discipline is Discipline.MOBILITY
    assert by_name["Power Clean"].discipline is Discipline.GYM


def test_minutes_effort_and_met_follow_the_category(catalog):
    by_name = {e.name: e for e in catalog}
    curl = by_name["Dumbbell Bicep Curl"]
    assert (curl.minutes, curl.met, curl.compendium_code) == (10, 3.5, "02054")
    assert by_name["Child's Pose"].met == 2.3
    assert by_name["Walking, Treadmill"].minutes == 20
    assert by_name["Walking, Treadmill"].compendium_code == "17190"
    heavy = [e for e in catalog if BY_NAME[e.name].category in ("powerlifting", "strongman")]
    assert all(e.met == 6.0 and e.rpe >= 6 for e in heavy)


def test_heavy_barbell_sport_and_expert_exercises_need_supervision(catalog):
    for e in catalog:
        source = BY_NAME[e.name]
        heavy = source.category in ("olympic weightlifting", "powerlifting", "strongman")
        if heavy or source.level == "expert":
            assert e.needs_supervision, e.name
        assert e.level == {"beginner": 1, "intermediate": 2, "expert": 3}[source.level]


def test_equipment_maps_to_our_tokens(catalog):
    by_name = {e.name: e for e in catalog}
    assert "barbell" in by_name["Barbell Squat"].equipment
    assert "dumbbells" in by_name["Dumbbell Bicep Curl"].equipment
    assert "machines" in by_name["Triceps Pushdown"].equipment
    assert by_name["Recumbent Bike"].equipment == frozenset({"recumbent_bike"})
    foam = [e for e in catalog if BY_NAME[e.name].equipment == "foam roll"]
    assert foam and all("foam_roller" in e.equipment for e in foam)


def test_goals_follow_category_and_muscles(catalog):
    by_name = {e.name: e for e in catalog}
    assert by_name["Dumbbell Bicep Curl"].goals[Goal.STRENGTH] == 3
    assert by_name["Plank"].goals[Goal.CORE_ENDURANCE] == 3
    assert by_name["Child's Pose"].goals[Goal.FLEXIBILITY] == 3
    assert by_name["Jogging, Treadmill"].goals[Goal.CARDIO] == 3


def test_cues_are_short_encouraging_and_not_the_original_instructions(catalog):
    for e in catalog:
        assert find_threat_words(e.cue) == []
        assert len(e.cue) <= 100
        assert e.cue.lower() not in BY_NAME[e.name].text


# ------------------------------------------------------------------ files a trainer reviews


def test_written_csv_loads_back_as_the_same_catalog(rows, catalog, tmp_path):
    path = write_rows_csv(rows, tmp_path / "fedb.csv")
    assert load_catalog(path).ids == catalog.ids


def test_command_line_writes_an_importable_csv(tmp_path, capsys):
    out = tmp_path / "review.csv"
    assert main([str(out)]) == 0
    assert "873 rows" in capsys.readouterr().out
    assert len(load_catalog(out)) == 873
