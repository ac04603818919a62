"""The catalog's columns: the column dictionary, cell parsing, and the problems a row can have.

``exercises.columns.csv`` is the single source of the columns, which are required, and
their allowed values: this module parses it rather than restating it. Each
:class:`Problem` names the spreadsheet row (header = row 1), the column, the value and
what is allowed; :class:`CatalogError` carries every problem of a file at once.

References
----------
[1] domain.md §3 (movement demands 0-3), §4 (load, MET).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from workbench.domain import Dimension, Exercise, Goal
from workbench.paths import COLUMN_DICTIONARY

# ------------------------------------------------------------------ problems and errors


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a catalog file, located so a trainer can fix it.

    Attributes
    ----------
    row : int or None
        Spreadsheet row number: the header is row 1, the first exercise row 2. None for
        a problem with the file or a whole column.
    column : str or None
        Column name, None for a problem with a whole row or the file.
    value : str
        The offending value as written ("" when the cell is empty or missing).
    message : str
        What is wrong, e.g. ``"is not allowed"``.
    allowed : str
        What would be accepted, from the column dictionary ("" when not applicable).
    """

    row: int | None
    column: str | None
    value: str
    message: str
    allowed: str = ""

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"row {self.row}" if self.row is not None else "",
                f'column "{self.column}"' if self.column else "",
            )
            if part
        )
        what = f'"{self.value}" {self.message}' if self.value else self.message
        text = f"{where}: {what}" if where else what
        return f"{text}; allowed: {self.allowed}" if self.allowed else text


class CatalogError(ValueError):
    """A catalog file or row set was refused; ``problems`` lists every reason.

    Attributes
    ----------
    problems : list of Problem
        Every problem found, by row then column.
    source : str
        The file name (or a description of the rows' origin).
    """

    def __init__(self, problems: Iterable[Problem], source: str):
        self.problems = list(problems)
        self.source = source
        count = len(self.problems)
        head = f"{source}: {count} problem{'s' if count != 1 else ''}; nothing was loaded"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


# ------------------------------------------------------------------ the column dictionary


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the catalog, as the column dictionary describes it.

    Attributes
    ----------
    name, type, unit, allowed, required, description
        As written in ``exercises.columns.csv`` (``required`` as a bool).
    kind : str
        How a cell is checked, derived from ``type`` and ``allowed``: ``"range"``,
        ``"choice"``, ``"boolean"``, ``"tokens"``, ``"id"``, ``"code"``, ``"link"`` or
        ``"text"``.
    low, high : float or None
        Inclusive range for ``kind == "range"``.
    choices : tuple of str
        Allowed values for ``"choice"``, ``"boolean"`` and ``"tokens"``.
    unique : bool
        Values must not repeat (the id column).
    """

    name: str
    type: str
    unit: str
    allowed: str
    required: bool
    description: str
    kind: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    unique: bool = False

    @property
    def allowed_text(self) -> str:
        """What a cell may hold, in words for an error message."""
        if self.kind == "range":
            what = "whole numbers" if self.type == "integer" else "numbers"
            unit = f" [{self.unit}]" if self.unit and self.unit != "level" else ""
            return f"{what} {self.allowed}{unit}"
        if self.kind in ("choice", "boolean"):
            return ", ".join(self.choices)
        if self.kind == "tokens":
            return ", ".join(self.choices) + " (separate several with ;) or empty"
        return self.allowed


_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*$")
_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")
_CODE = re.compile(r"^\d{4,5}$")

#: Exercise fields that come straight from a column of the same name.
_PLAIN_FIELDS = tuple(f.name for f in fields(Exercise) if f.name not in ("demands", "goals"))


def _spec_from_row(row: Mapping[str, str], source: str) -> ColumnSpec:
    """Read one dictionary row and decide how its cells are checked."""
    name = row["column"].strip().lower()
    typ = row["type"].strip().lower()
    allowed = row["allowed"].strip()
    base = {
        "name": name,
        "type": typ,
        "unit": row["unit"].strip(),
        "allowed": allowed,
        "required": row["required"].strip().lower() == "yes",
        "description": row["description"].strip(),
    }
    lowered = allowed.lower()
    if typ in ("integer", "number") and (m := _RANGE.match(allowed)):
        return ColumnSpec(**base, kind="range", low=float(m[1]), high=float(m[2]))
    if typ == "boolean":
        return ColumnSpec(**base, kind="boolean", choices=tuple(allowed.lower().split("|")))
    if lowered.startswith("semicolon-separated from:"):
        listed = allowed.split(":", 1)[1].split(";", 1)[0]
        tokens = tuple(t.strip().lower() for t in listed.split("|") if t.strip())
        return ColumnSpec(**base, kind="tokens", choices=tokens)
    if "|" in allowed and " " not in allowed:
        return ColumnSpec(**base, kind="choice", choices=tuple(allowed.lower().split("|")))
    if lowered.startswith("lowercase letters, digits and hyphens"):
        return ColumnSpec(**base, kind="id", unique="unique" in lowered)
    if lowered.startswith("five-digit code"):
        return ColumnSpec(**base, kind="code")
    if lowered.startswith("an id in the catalog"):
        return ColumnSpec(**base, kind="link")
    if lowered == "non-empty":
        return ColumnSpec(**base, kind="text")
    raise ValueError(
        f"{source}: no rule to check column {name!r} with allowed values {allowed!r}; "
        "extend workbench.catalog.table._spec_from_row"
    )


@cache
def load_column_dictionary(path: Path = COLUMN_DICTIONARY) -> tuple[ColumnSpec, ...]:
    """Parse the column dictionary into one :class:`ColumnSpec` per column, in order.

    Parameters
    ----------
    path : Path
        The dictionary CSV (default: ``exercises.columns.csv``).

    Returns
    -------
    tuple of ColumnSpec

    Raises
    ------
    ValueError
        When the dictionary lacks a column the :class:`~workbench.domain.Exercise`
        needs, or describes allowed values this module cannot check.
    """
    path = Path(path)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        specs = tuple(_spec_from_row(row, path.name) for row in csv.DictReader(handle))
    names = {s.name for s in specs}
    needed = set(_PLAIN_FIELDS) | {d.value for d in Dimension} | {g.value for g in Goal}
    if missing := sorted(needed - names):
        raise ValueError(f"{path.name} lacks columns the Exercise needs: {', '.join(missing)}")
    return specs


def column_names() -> tuple[str, ...]:
    """The catalog's columns in dictionary order (the order files are written in)."""
    return tuple(s.name for s in load_column_dictionary())


def required_columns() -> tuple[str, ...]:
    """The columns every catalog file must have, in dictionary order."""
    return tuple(s.name for s in load_column_dictionary() if s.required)


# ------------------------------------------------------------------ checking one cell


def _parse_number(spec: ColumnSpec, raw: str) -> tuple[object, list[tuple[str, str]]]:
    try:
        number = float(raw)
    except ValueError:
        return None, [(raw, "is not a number")]
    if not math.isfinite(number):
        return None, [(raw, "is not a number")]
    if spec.type == "integer" and not number.is_integer():
        return None, [(raw, "is not a whole number")]
    if not spec.low <= number <= spec.high:
        return None, [(raw, "is out of range")]
    return (int(number) if spec.type == "integer" else number), []


def _parse_cell(spec: ColumnSpec, raw: str) -> tuple[object, list[tuple[str, str]]]:
    """Typed value of one non-empty cell and its problems as (value, message) pairs."""
    if spec.kind == "range":
        return _parse_number(spec, raw)
    if spec.kind == "boolean":
        if raw.lower() not in spec.choices:
            return None, [(raw, "is not allowed")]
        return raw.lower() == spec.choices[0], []
    if spec.kind == "choice":
        if raw.lower() not in spec.choices:
            return None, [(raw, "is not allowed")]
        return raw.lower(), []
    if spec.kind == "tokens":
        tokens = [t.strip().lower() for t in raw.split(";") if t.strip()]
        bad = [(t, "is not a known item") for t in tokens if t not in spec.choices]
        return frozenset(tokens), bad
    if spec.kind == "id":
        if not _ID.match(raw):
            return None, [(raw, "is not a valid id")]
        return raw, []
    if spec.kind == "code":
        if not _CODE.match(raw):
            return None, [(raw, "is not a five-digit code")]
        # a spreadsheet drops the leading zero of 02054; put it back
        return raw.zfill(5), []
    return raw, []  # "text" and "link": links are checked once all ids are known


def _empty_value(spec: ColumnSpec) -> object:
    """Value of an empty optional cell (or a missing optional column)."""
    return {"tokens": frozenset(), "link": None, "boolean": False}.get(spec.kind, "")
