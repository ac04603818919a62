"""The catalog loads whole or not at all, and every refusal says where and why."""

import csv
import io
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.catalog import (
    Catalog,
    CatalogError,
    Problem,
    builtin_catalog,
    catalog_from_rows,
    load_catalog,
    load_column_dictionary,
    merged_catalog,
    required_columns,
)
from workbench.domain import EQUIPMENT, Dimension, Discipline, Goal
from workbench.paths import BUILTIN_CATALOG

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TRAINER_CSV = FIXTURES / "trainer_small.csv"
BAD_CSV = FIXTURES / "bad_rows.csv"
MISSING_COLUMN_CSV = FIXTURES / "missing_column.csv"

needs_builtin = pytest.mark.skipif(not BUILTIN_CATALOG.exists(), reason="exercises.csv absent")


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]], fieldnames=None) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames or list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def problems_of(path_or_rows) -> list[Problem]:
    with pytest.raises(CatalogError) as caught:
        if isinstance(path_or_rows, Path):
            load_catalog(path_or_rows)
        else:
            catalog_from_rows(path_or_rows, "rows")
    return caught.value.problems


def only(problems, row, column):
    found = [p for p in problems if p.row == row and p.column == column]
    assert len(found) == 1, (row, column, problems)
    return found[0]


# ------------------------------------------------------------------ a trainer's own file


def test_trainers_own_small_csv_loads_with_typed_values():
    catalog = load_catalog(TRAINER_CSV)
    assert len(catalog) == 6
    assert catalog.source == "trainer_small.csv"
    assert [e.id for e in catalog] == list(catalog.frame.index)  # file order
    cat_cow = catalog["cat-cow"]
    assert cat_cow.discipline is Discipline.YOGA
    assert cat_cow.minutes == 10 and cat_cow.rpe == 2.0 and cat_cow.met == 2.5
    assert cat_cow.demands[Dimension.END_RANGE_FLEXION] == 1
    assert cat_cow.goals[Goal.RELAXATION] == 2
    assert cat_cow.equipment == frozenset({"mat"})
    assert cat_cow.harder_id == "bird-dog" and cat_cow.easier_id is None
    assert cat_cow.needs_supervision is False and cat_cow.needs_review is False
    assert catalog["recumbent-bike"].needs_review is True
    assert catalog["seated-row"].equipment == frozenset({"machines", "gym"})


def test_catalog_lookups_and_counts():
    catalog = load_catalog(TRAINER_CSV)
    assert "bird-dog" in catalog and "deadlift" not in catalog
    with pytest.raises(KeyError, match="deadlift.*trainer_small.csv"):
        catalog["deadlift"]
    counts = catalog.counts_by_discipline()
    assert list(counts) == list(Discipline)
    assert counts[Discipline.GYM] == 1 and counts[Discipline.DANCE] == 0
    assert catalog.by_id["bird-dog"] is catalog["bird-dog"]
    with pytest.raises(TypeError):
        catalog.by_id["x"] = catalog["bird-dog"]  # read-only


def test_frame_is_indexed_by_id_with_int_demands_and_goals():
    frame = load_catalog(TRAINER_CSV).frame
    assert frame.index.name == "id"
    for column in [*(d.value for d in Dimension), *(g.value for g in Goal), "minutes", "level"]:
        assert frame[column].dtype == np.int64, column
    assert frame["rpe"].dtype == np.float64 and frame["needs_review"].dtype == bool
    assert frame.loc["seated-row", "equipment"] == frozenset({"machines", "gym"})


def test_frame_is_a_copy_so_callers_cannot_change_the_catalog():
    catalog = load_catalog(TRAINER_CSV)
    frame = catalog.frame
    frame.loc["cat-cow", "loaded_flexion"] = 3
    assert catalog.frame.loc["cat-cow", "loaded_flexion"] == 0


def test_matrices_follow_dimension_and_goal_order_row_per_exercise():
    catalog = load_catalog(TRAINER_CSV)
    demands, goals = catalog.demand_matrix(), catalog.goal_matrix()
    assert demands.shape == (6, 7) and goals.shape == (6, 5)
    for i, exercise in enumerate(catalog):
        assert list(demands[i]) == [exercise.demands[d] for d in Dimension]
        assert list(goals[i]) == [exercise.goals[g] for g in Goal]
    assert catalog.ids == tuple(e.id for e in catalog)


def test_unknown_extra_columns_are_ignored_and_column_order_and_case_do_not_matter(tmp_path):
    rows = read_rows(TRAINER_CSV)
    for row in rows:
        row["Trainer Notes"] = "client likes this"
    names = list(reversed(rows[0]))
    upper = [{name.upper(): row[name] for name in names} for row in rows]
    path = write_rows(tmp_path / "mine.csv", upper, [n.upper() for n in names])
    catalog = load_catalog(path)
    assert catalog.ids == load_catalog(TRAINER_CSV).ids


def test_optional_columns_may_be_left_out(tmp_path):
    optional = {"compendium_code", "equipment", "easier_id", "harder_id", "needs_review"}
    rows = [{k: v for k, v in row.items() if k not in optional} for row in read_rows(TRAINER_CSV)]
    catalog = load_catalog(write_rows(tmp_path / "lean.csv", rows))
    assert catalog["seated-row"].equipment == frozenset()
    assert catalog["recumbent-bike"].needs_review is False
    assert catalog["cat-cow"].harder_id is None


def test_an_excel_byte_order_mark_and_blank_lines_keep_spreadsheet_row_numbers(tmp_path):
    text = TRAINER_CSV.read_text(encoding="utf-8").splitlines()
    text.insert(3, ",,,")  # a blank spreadsheet row 4
    text[5] = text[5].replace(",swimming,", ",swiming,")  # spreadsheet row 6
    path = tmp_path / "excel.csv"
    path.write_text("\ufeff" + "\n".join(text) + "\n", encoding="utf-8")
    problem = only(problems_of(path), 6, "discipline")
    assert problem.value == "swiming"


def test_a_file_that_is_not_utf8_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        TRAINER_CSV.read_text(encoding="utf-8").replace("Cat-cow", "Caté").encode("latin-1")
    )
    assert "UTF-8" in str(problems_of(path)[0])


# ------------------------------------------------------------------ error messages

BAD_FILE_PROBLEMS = {
    (3, "discipline"),
    (4, "loaded_flexion"),
    (5, "id"),
    (6, "harder_id"),
    (7, "minutes"),
    (8, "equipment"),
    (8, "needs_supervision"),
    (8, "level"),
    (8, "cue"),
    (9, "id"),
    (9, "name"),
    (9, "rpe"),
    (9, "met"),
    (9, "compendium_code"),
    (9, "cue"),
    (9, "source"),
}


def test_every_problem_in_a_bad_file_is_reported_at_once():
    problems = problems_of(BAD_CSV)
    assert {(p.row, p.column) for p in problems} == BAD_FILE_PROBLEMS
    assert len(problems) == len(BAD_FILE_PROBLEMS)


def test_error_message_lists_every_problem_one_per_line_with_the_file_name():
    with pytest.raises(CatalogError) as caught:
        load_catalog(BAD_CSV)
    error = caught.value
    lines = str(error).splitlines()
    assert lines[0].startswith("bad_rows.csv: 16 problems")
    assert "nothing was loaded" in lines[0]
    assert lines[1:] == [f"  {p}" for p in error.problems]
    assert error.source == "bad_rows.csv"
    assert isinstance(error, ValueError)


def test_unknown_discipline_names_row_column_and_allowed_values():
    problem = only(problems_of(BAD_CSV), 3, "discipline")
    assert problem.value == "yogga"
    assert str(problem).startswith('row 3, column "discipline": "yogga" is not allowed; allowed: ')
    assert all(d.value in problem.allowed for d in Discipline)


def test_demand_out_of_range_names_row_column_and_range():
    problem = only(problems_of(BAD_CSV), 4, "loaded_flexion")
    assert str(problem) == (
        'row 4, column "loaded_flexion": "5" is out of range; allowed: whole numbers 0-3'
    )


def test_duplicate_id_names_both_rows():
    problem = only(problems_of(BAD_CSV), 5, "id")
    assert problem.value == "cat-cow"
    assert "row 5" in str(problem) and "row 2" in str(problem)


def test_dangling_variation_link_names_the_missing_id():
    problem = only(problems_of(BAD_CSV), 6, "harder_id")
    assert problem.value == "no-such-exercise"
    assert "not an id in the catalog" in problem.message


def test_non_numeric_minutes_says_a_number_is_needed_and_gives_the_range():
    problem = only(problems_of(BAD_CSV), 7, "minutes")
    assert str(problem) == (
        'row 7, column "minutes": "ten" is not a number; allowed: whole numbers 1-90 [min]'
    )


def test_unknown_equipment_bad_yes_no_and_level_are_each_reported():
    problems = problems_of(BAD_CSV)
    assert only(problems, 8, "equipment").value == "snorkel"
    assert "pool" in only(problems, 8, "equipment").allowed
    assert only(problems, 8, "needs_supervision").allowed == "yes, no"
    assert "1-3" in only(problems, 8, "level").allowed


def test_cue_with_a_threat_word_is_refused_with_a_gentler_phrasing():
    problem = only(problems_of(BAD_CSV), 8, "cue")
    assert 'threat word "unstable"' in problem.message
    assert "still building strength and control" in problem.allowed


def test_empty_required_text_and_bad_formats_are_reported():
    problems = problems_of(BAD_CSV)
    for column in ("name", "cue", "source"):
        assert only(problems, 9, column).message == "is empty"
    assert only(problems, 9, "id").value == "Bad Id!"
    assert "[MET]" in only(problems, 9, "met").allowed
    assert only(problems, 9, "compendium_code").value == "123"


def test_missing_column_names_it_and_lists_the_required_columns():
    (problem,) = problems_of(MISSING_COLUMN_CSV)
    assert problem.row is None and problem.column == "rpe"
    assert str(problem).startswith('column "rpe": required column is missing')
    assert ", ".join(required_columns()) in str(problem)


def test_a_file_with_only_a_header_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text(TRAINER_CSV.read_text(encoding="utf-8").splitlines()[0] + "\n")
    assert "no exercise rows" in str(problems_of(path)[0])


def test_rows_validate_exactly_like_the_csv_file():
    from_file = problems_of(BAD_CSV)
    from_rows = problems_of(read_rows(BAD_CSV))
    assert from_rows == from_file


# ------------------------------------------------------------------ property: any bad cell is located

SPECS = {s.name: s for s in load_column_dictionary()}


def bad_value(column: str) -> st.SearchStrategy[str]:
    spec = SPECS[column]
    if spec.kind == "range":
        return st.one_of(
            st.integers(int(spec.high) + 1, 10_000).map(str),
            st.integers(-10_000, int(spec.low) - 1).map(str),
            st.sampled_from(["lots", "n/a", "1..2"]),
        )
    if spec.kind in ("choice", "boolean", "tokens"):
        return st.from_regex(r"[a-z]{3,12}", fullmatch=True).filter(lambda v: v not in spec.choices)
    if spec.kind == "id":
        return st.sampled_from(["Has Space", "UPPER", "-edge", "under_score"])
    if spec.kind == "link":
        return st.sampled_from(["no-such-exercise", "missing-1"])
    if spec.kind == "code":
        return st.sampled_from(["12", "abcde", "123456"])
    return st.just("")  # required text: empty


CORRUPTIBLE = [name for name, s in SPECS.items() if s.required or s.kind in ("link", "tokens")]
VALID_ROWS = read_rows(TRAINER_CSV)


@settings(max_examples=150, deadline=None)
@given(
    index=st.integers(0, len(VALID_ROWS) - 1),
    column=st.sampled_from(CORRUPTIBLE),
    data=st.data(),
)
def test_any_corrupted_cell_is_reported_with_its_row_and_column(index, column, data):
    value = data.draw(bad_value(column))
    rows = [dict(row) for row in VALID_ROWS]
    rows[index][column] = value
    problems = problems_of(rows)
    row = index + 2
    assert any(p.row == row and p.column == column for p in problems), problems
    located = next(p for p in problems if p.row == row and p.column == column)
    assert f"row {row}" in str(located) and f'column "{column}"' in str(located)


# ------------------------------------------------------------------ the column dictionary


def test_column_dictionary_agrees_with_the_domain_model():
    assert SPECS["discipline"].choices == tuple(d.value for d in Discipline)
    assert SPECS["equipment"].choices == EQUIPMENT
    for name in [*(d.value for d in Dimension), *(g.value for g in Goal)]:
        assert SPECS[name].required and (SPECS[name].low, SPECS[name].high) == (0, 3)


def test_catalog_needs_unique_ids_even_when_built_directly():
    exercise = load_catalog(TRAINER_CSV)["cat-cow"]
    with pytest.raises(ValueError, match="not unique"):
        Catalog([exercise, exercise], "direct")


# ------------------------------------------------------------------ the built-in catalog


@needs_builtin
def test_builtin_catalog_loads_with_every_discipline_well_stocked():
    catalog = load_catalog()
    assert len(catalog) >= 150
    counts = catalog.counts_by_discipline()
    assert sum(1 for n in counts.values() if n >= 10) >= 8, counts
    assert catalog.demand_matrix().shape == (len(catalog), 7)
    assert builtin_catalog() is builtin_catalog()  # loaded once


@needs_builtin
def test_merged_catalog_adds_every_imported_exercise_without_id_collisions():
    builtin = builtin_catalog()
    merged = merged_catalog()
    assert len(merged) == len(builtin) + 873
    assert set(builtin.ids) <= set(merged.ids)
    assert all(merged[i].needs_review for i in merged.ids if i.startswith("fedb-"))


@needs_builtin
def test_builtin_catalog_round_trips_through_rows():
    rows = read_rows(BUILTIN_CATALOG)
    assert catalog_from_rows(rows, "rows").ids == builtin_catalog().ids


def test_catalog_from_rows_reads_a_csv_text_the_same_way():
    rows = list(csv.DictReader(io.StringIO(TRAINER_CSV.read_text(encoding="utf-8"))))
    assert catalog_from_rows(rows, "pasted").ids == load_catalog(TRAINER_CSV).ids
