"""Load and validate the exercise catalog: ``exercises.csv`` -> :class:`Catalog`.

The column dictionary ``exercises.columns.csv`` is the single source of the columns,
which are required, and their allowed values: this module parses it rather than
restating it. A catalog file is either loaded whole or refused with a
:class:`CatalogError` that lists every problem at once, each naming the spreadsheet row
(header = row 1), the column, the value and what is allowed. Nothing is half-loaded.

The same validation serves the built-in catalog, a trainer's own CSV with the same
columns, and rows imported from other libraries (:func:`catalog_from_rows`).

References
----------
[1] domain.md §3 (movement demands 0-3), §4 (load, MET), §7 (words matter).
[2] Ainsworth B.E. et al. (2011) Compendium of Physical Activities. MSSE 43:1575.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from workbench.catalog.columns import (
    _PLAIN_FIELDS,
    CatalogError,
    ColumnSpec,
    Problem,
    _empty_value,
    _parse_cell,
    column_names,
    load_column_dictionary,
)
from workbench.catalog.inference import infer_settings
from workbench.domain import Dimension, Discipline, Exercise, Goal
from workbench.language import find_threat_words
from workbench.paths import BUILTIN_CATALOG

# ------------------------------------------------------------------ checking rows

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
        cells = {(k or "").strip().lower(): ("" if v is None else v) for k, v in cells.items()}
        values: dict[str, object] = {s.name: _empty_value(s) for s in absent}
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
        typed.append((row, values))
    problems.extend(_check_links(typed, specs))
    if problems:
        order = {s.name: i for i, s in enumerate(specs)}
        problems.sort(
            key=lambda p: (p.row if p.row is not None else 0, order.get(p.column or "", -1))
        )
        raise CatalogError(problems, source)
    return tuple(_to_exercise(values) for _, values in typed)


# ------------------------------------------------------------------ reading files


def read_catalog_csv(path: Path) -> tuple[list[str], list[NumberedRow], list[Problem]]:
    """Read a catalog CSV into its header, numbered rows and reading problems.

    Blank lines are skipped but still counted, so row numbers match the spreadsheet.

    Parameters
    ----------
    path : Path
        A UTF-8 CSV file (an Excel byte-order mark is fine).

    Returns
    -------
    header : list of str
    rows : list of (row number, {column: cell})
    problems : list of Problem
        Rows with more non-empty cells than the header has columns.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            records = list(csv.reader(handle))
    except UnicodeDecodeError as err:
        problem = Problem(
            None, None, "", f"the file is not UTF-8 text ({err.reason}); save it as 'CSV UTF-8'"
        )
        raise CatalogError([problem], path.name) from err
    if not records:
        raise CatalogError([Problem(None, None, "", "the file is empty")], path.name)
    header = [h.strip().lower() for h in records[0]]
    rows: list[NumberedRow] = []
    problems = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        surplus = [c for c in record[len(header) :] if c.strip()]
        if surplus:
            problems.append(
                Problem(
                    number,
                    None,
                    "; ".join(surplus),
                    "are cells beyond the last column of the header",
                    f"{len(header)} cells, one per header column",
                )
            )
        rows.append((number, dict(zip(header, record, strict=False))))
    return header, rows, problems


# ------------------------------------------------------------------ the catalog


def exercises_frame(exercises: Iterable[Exercise]) -> pd.DataFrame:
    """One row per exercise, indexed by id, columns in dictionary order with types.

    Demand and goal columns are ints (0-3), ``minutes`` and ``level`` ints, ``rpe``
    [CR-10] and ``met`` [MET] floats, booleans bool, ``equipment`` a frozenset.
    """
    names = [n for n in column_names() if n != "id"]
    records = []
    for e in exercises:
        record = {"id": e.id}
        for name in names:
            if name in Dimension._value2member_map_:
                record[name] = e.demands[Dimension(name)]
            elif name in Goal._value2member_map_:
                record[name] = e.goals[Goal(name)]
            else:
                value = getattr(e, name)
                record[name] = value.value if isinstance(value, Discipline) else value
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=["id", *names]).set_index("id")
    ints = ["minutes", "level", *(d.value for d in Dimension), *(g.value for g in Goal)]
    return frame.astype(
        {
            **dict.fromkeys(ints, "int64"),
            "rpe": "float64",
            "met": "float64",
            "needs_supervision": "bool",
            "needs_review": "bool",
        }
    )


class Catalog:
    """A validated exercise catalog: a thin, read-only wrapper over the exercises.

    Build one with :func:`load_catalog`, :func:`catalog_from_rows`,
    :func:`builtin_catalog` or :func:`merged_catalog`.

    Attributes
    ----------
    exercises : tuple of Exercise
        In file order.
    by_id : Mapping[str, Exercise]
        Read-only id lookup.
    source : str
        File name or description of where the rows came from.
    """

    def __init__(self, exercises: Iterable[Exercise], source: str = ""):
        self.exercises: tuple[Exercise, ...] = tuple(exercises)
        self.source = source
        by_id = {e.id: e for e in self.exercises}
        if len(by_id) != len(self.exercises):
            raise ValueError(f"{source}: exercise ids are not unique")
        self.by_id: Mapping[str, Exercise] = MappingProxyType(by_id)
        self._frame = exercises_frame(self.exercises)

    @property
    def frame(self) -> pd.DataFrame:
        """The catalog as a DataFrame indexed by id (a copy: change it freely)."""
        return self._frame.copy()

    @property
    def ids(self) -> tuple[str, ...]:
        """Exercise ids in file order (the row order of the matrices)."""
        return tuple(e.id for e in self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self.by_id

    def __getitem__(self, exercise_id: str) -> Exercise:
        try:
            return self.by_id[exercise_id]
        except KeyError:
            raise KeyError(f"no exercise with id {exercise_id!r} in {self.source}") from None

    def __repr__(self) -> str:
        return f"<Catalog {self.source!r}: {len(self)} exercises>"

    def counts_by_discipline(self) -> dict[Discipline, int]:
        """Number of exercises per discipline, every discipline listed (0 when none)."""
        counts = dict.fromkeys(Discipline, 0)
        for e in self.exercises:
            counts[e.discipline] += 1
        return counts

    def demand_matrix(self) -> np.ndarray:
        """Movement demands, shape (n, 7), rows in :attr:`ids` order, columns in
        :class:`~workbench.domain.Dimension` order, values 0-3."""
        return self._frame[[d.value for d in Dimension]].to_numpy(dtype=np.int64)

    def goal_matrix(self) -> np.ndarray:
        """Goal contributions, shape (n, 5), rows in :attr:`ids` order, columns in
        :class:`~workbench.domain.Goal` order, values 0-3."""
        return self._frame[[g.value for g in Goal]].to_numpy(dtype=np.int64)


def catalog_from_rows(rows: Iterable[Mapping[str, str | None]], source: str) -> Catalog:
    """Validate rows of string cells (as a CSV would give them) into a catalog.

    Rows are numbered as if written to a CSV with a header: the first row is row 2.
    Columns are the union of the rows' keys.

    Parameters
    ----------
    rows : iterable of {column: cell}
    source : str
        Where the rows come from, for messages.

    Raises
    ------
    CatalogError
        Listing every problem.
    """
    rows = list(rows)
    header = list(dict.fromkeys(k for row in rows for k in row))
    return Catalog(validate_rows(header, enumerate(rows, start=2), source), source)


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Load and validate a catalog CSV (default: the built-in ``exercises.csv``).

    A trainer's own CSV with the same columns loads the same way; unknown extra
    columns are ignored, optional columns may be left out.

    Parameters
    ----------
    path : Path or str, optional

    Returns
    -------
    Catalog

    Raises
    ------
    CatalogError
        Listing every problem (nothing is half-loaded).
    FileNotFoundError
        When the file does not exist.
    """
    path = Path(path) if path is not None else BUILTIN_CATALOG
    header, rows, problems = read_catalog_csv(path)
    return Catalog(validate_rows(header, rows, path.name, problems), path.name)


@cache
def builtin_catalog() -> Catalog:
    """The built-in catalog, loaded once per process."""
    return load_catalog(BUILTIN_CATALOG)
