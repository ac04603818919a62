"""Load and validate the exercise catalog: ``exercises.csv`` -> :class:`Catalog`.

The column dictionary ``exercises.columns.csv`` is the single source of the columns,
which are required, and their allowed values: this module parses it rather than
restating it. A catalog file is either loaded whole or refused with a
:class:`CatalogError` that lists every problem at once, each naming the spreadsheet row
(header = row 1), the column, the value and what is allowed. Nothing is half-loaded.

The same validation (:func:`workbench.catalog.rows.validate_rows`) serves the built-in
catalog, a trainer's own CSV with the same columns, and rows imported from other libraries
(:func:`catalog_from_rows`).

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

from workbench.catalog.columns import CatalogError, Problem, column_names
from workbench.catalog.rows import NumberedRow, validate_rows
from workbench.domain import Dimension, Discipline, Exercise, Goal
from workbench.paths import BUILTIN_CATALOG

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
