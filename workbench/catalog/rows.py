"""Check a catalog's rows against the column dictionary and build the exercises.

:func:`validate_rows` takes numbered rows of string cells (from a CSV, from the importer,
from the built-in file plus the imported rows) and either returns every exercise or
raises one :class:`~workbench.catalog.columns.CatalogError` listing every problem at once:
the header (a column twice, a required column missing), each cell its column refuses
(``exercises.columns.csv``), threat words in a cue (domain.md §7), duplicate ids and
variation links that point nowhere. Each problem names the spreadsheet row (header = row
1), the column, the value and what is allowed. A row without settings gets them inferred
(:func:`workbench.catalog.inference.infer_settings`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NoReturn

from workbench.catalog.columns import (
    _PLAIN_FIELDS,
    CatalogError,
    ColumnSpec,
    Problem,
    _empty_value,
    _parse_cell,
    load_column_dictionary,
)
from workbench.catalog.inference import infer_settings
from workbench.domain import Dimension, Discipline, Exercise, Goal
from workbench.language import find_threat_words

NumberedRow = tuple[int, Mapping[str, str | None]]


def _check_header(header: list[str], specs: tuple[ColumnSpec, ...]) -> list[Problem]:
    problems = []
    seen = set()
    for name in header:
        if name and name in seen:
            problems.append(Problem(1, name, "", "appears twice in the header"))
        seen.add(name)
    required = [s.name for s in specs if s.required]
    for name in required:
        if name not in seen:
            problems.append(
                Problem(
                    None,
                    name,
                    "",
                    "required column is missing; the required columns are " + ", ".join(required),
                )
            )
    return problems


def _check_links(
    typed: list[tuple[int, dict[str, object]]], specs: tuple[ColumnSpec, ...]
) -> list[Problem]:
    """Duplicate ids and variation links that point nowhere."""
    problems = []
    first_row: dict[str, int] = {}
    id_spec = next(s for s in specs if s.name == "id")
    for row, values in typed:
        ident = values.get("id")
        if not ident:
            continue
        if ident in first_row and id_spec.unique:
            problems.append(
                Problem(
                    row,
                    "id",
                    str(ident),
                    f"duplicates the id of row {first_row[ident]}",
                    id_spec.allowed_text,
                )
            )
        first_row.setdefault(str(ident), row)
    for spec in (s for s in specs if s.kind == "link"):
        for row, values in typed:
            target = values.get(spec.name)
            if not target:
                continue
            if target == values.get("id"):
                problems.append(
                    Problem(
                        row,
                        spec.name,
                        str(target),
                        "links the exercise to itself",
                        spec.allowed_text,
                    )
                )
            elif target not in first_row:
                problems.append(
                    Problem(
                        row,
                        spec.name,
                        str(target),
                        "is not an id in the catalog",
                        spec.allowed_text,
                    )
                )
    return problems


def _check_cue(row: int, cue: str) -> list[Problem]:
    return [
        Problem(
            row,
            "cue",
            cue,
            f'uses the threat word "{f.word}"',
            f'encouraging words without threat words; try "{f.suggestion}" (domain.md §7)',
        )
        for f in find_threat_words(cue)
    ]


def _to_exercise(values: Mapping[str, object]) -> Exercise:
    plain = {name: values[name] for name in _PLAIN_FIELDS}
    plain["discipline"] = Discipline(plain["discipline"])
    if not plain["settings"]:  # a trainer's file without settings: inferred, conservative
        plain["settings"] = infer_settings(plain["discipline"], plain["equipment"], plain["name"])
    return Exercise(
        **plain,
        demands={d: int(values[d.value]) for d in Dimension},
        goals={g: int(values[g.value]) for g in Goal},
    )


def validate_rows(
    header: Iterable[str],
    rows: Iterable[NumberedRow],
    source: str,
    problems: Iterable[Problem] = (),
) -> tuple[Exercise, ...]:
    """Check numbered rows against the column dictionary and build the exercises.

    Parameters
    ----------
    header : iterable of str
        Column names as found (normalised to lower case); unknown extras are ignored.
    rows : iterable of (row number, {column: cell})
        Spreadsheet row numbers (header = 1) with raw string cells.
    source : str
        File name for the error message.
    problems : iterable of Problem
        Problems already found while reading (e.g. surplus cells).

    Returns
    -------
    tuple of Exercise
        In row order.

    Raises
    ------
    CatalogError
        Listing every problem, when there is at least one.
    """
    specs = load_column_dictionary()
    header = [h.strip().lower() for h in header]
    rows = list(rows)
    problems = list(problems) + _check_header(header, specs)
    present = [s for s in specs if s.name in header]
    absent = [s for s in specs if s.name not in header]
    if not rows:
        problems.append(Problem(None, None, "", "the file has no exercise rows"))
    typed: list[tuple[int, dict[str, object]]] = []
    for row, cells in rows:
        values, found = _typed_row(row, cells, present, absent)
        problems.extend(found)
        typed.append((row, values))
    problems.extend(_check_links(typed, specs))
    if problems:
        _refuse(problems, specs, source)
    return tuple(_to_exercise(values) for _, values in typed)


def _typed_row(
    row: int,
    cells: Mapping[str, str | None],
    present: list[ColumnSpec],
    absent: list[ColumnSpec],
) -> tuple[dict[str, object], list[Problem]]:
    """One row's cells parsed by their columns, and the row's problems.

    Parameters
    ----------
    row : int
        The spreadsheet row number (header = 1), for the problems.
    cells : {column: cell}
        Raw string cells (None for a missing cell); column names in any case.
    present, absent : list of ColumnSpec
        The dictionary's columns the header has, and those it has not (their empty value).

    Returns
    -------
    values : {column: value}
        Every column of the dictionary, typed.
    problems : list of Problem
        Empty required cells, cells their column refuses, threat words in the cue.
    """
    cells = {(k or "").strip().lower(): ("" if v is None else v) for k, v in cells.items()}
    values: dict[str, object] = {s.name: _empty_value(s) for s in absent}
    problems: list[Problem] = []
    for spec in present:
        raw = str(cells.get(spec.name, "")).strip()
        if not raw:
            if spec.required:
                problems.append(Problem(row, spec.name, "", "is empty", spec.allowed_text))
            values[spec.name] = _empty_value(spec)
            continue
        value, bad = _parse_cell(spec, raw)
        problems.extend(
            Problem(row, spec.name, v, message, spec.allowed_text) for v, message in bad
        )
        values[spec.name] = value
    if values.get("cue"):
        problems.extend(_check_cue(row, str(values["cue"])))
    return values, problems


def _refuse(problems: list[Problem], specs: tuple[ColumnSpec, ...], source: str) -> NoReturn:
    """Raise the :class:`CatalogError` listing ``problems`` by row (file-wide ones first),
    within a row in the dictionary's column order."""
    order = {s.name: i for i, s in enumerate(specs)}
    problems.sort(key=lambda p: (p.row if p.row is not None else 0, order.get(p.column or "", -1)))
    raise CatalogError(problems, source)
