"""Problems with a client file: the refused field and the error that lists them all.

Owns :class:`FieldProblem` (one refused field: its dotted path, the value given, the
reason in plain words), :data:`MISSING` (the value of a required field that was not
given), :class:`AssessmentError` (every refused field of one client file at once,
optionally naming the file) and :func:`problems_of`, which reads pydantic's validation
error of a client file (raised by the models of :mod:`workbench.client.fields`) as
field problems; the file I/O in :mod:`workbench.client.assessment` reports through them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import ValidationError


class _Missing:
    """Type of :data:`MISSING`."""

    def __repr__(self) -> str:
        return "<missing>"


#: The ``value`` of a :class:`FieldProblem` for a required field that was not given.
MISSING: Any = _Missing()


@dataclass(frozen=True)
class FieldProblem:
    """One refused field of a client file.

    Attributes
    ----------
    field : str
        Dotted path of the field, e.g. ``"pain.now"``, ``"tolerances.extension"``,
        ``"activities[1].rpe"`` (indices from 0); ``""`` for the file as a whole.
    value : Any
        The value given, or :data:`MISSING` when a required field is absent.
    reason : str
        Why it is refused, in plain words, with the allowed values or range.
    """

    field: str
    value: Any
    reason: str

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        if self.value is MISSING:
            return f"{where}{self.reason}"
        return f"{where}{self.reason} (got {_show(self.value)})"


class AssessmentError(ValueError):
    """A client file (or :class:`~workbench.domain.Client`) with refused fields.

    Attributes
    ----------
    problems : list of FieldProblem
        Every refused field, in file order.
    source : str or None
        The file the client came from, when there is one.

    Notes
    -----
    ``str(error)`` has one line per problem, each prefixed with the file name when
    ``source`` is set.
    """

    def __init__(self, problems: Sequence[FieldProblem], source: str | os.PathLike | None = None):
        self.problems = list(problems)
        self.source = None if source is None else os.fspath(source)
        super().__init__(self._message())

    def _message(self) -> str:
        prefix = f"{self.source}: " if self.source else ""
        return "\n".join(prefix + str(p) for p in self.problems)

    def __str__(self) -> str:
        return self._message()

    @property
    def fields(self) -> list[str]:
        """The refused field paths, in order."""
        return [p.field for p in self.problems]


def field_path(loc: Sequence[str | int]) -> str:
    """A pydantic error location as a field path: ``("activities", 1, "rpe")`` ->
    ``"activities[1].rpe"``; ``()`` -> ``""`` (the file as a whole)."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path = f"{path}.{part}" if path else str(part)
    return path


def problems_of(error: ValidationError) -> list[FieldProblem]:
    """Every refused field of a client file's validation error, in file order."""
    return [FieldProblem(field_path(e["loc"]), e["input"], e["msg"]) for e in error.errors()]


def _show(value: Any) -> str:
    """Short JSON-style rendering of a refused value."""
    if isinstance(value, Enum):
        value = value.value
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def checked_answers(
    answers: Mapping[str, bool | None], known, what: str, whats: str
) -> dict[str, bool | None]:
    """Yes / no / not-asked answers, refusing unknown ids and any other value.

    A stray value such as ``"yes"`` would otherwise count neither as yes nor as unasked.

    Parameters
    ----------
    known : collection of str
        The question ids (:data:`~workbench.domain.PRECAUTIONS`, :data:`~workbench.domain.RED_FLAGS`).
    what, whats : str
        How an id is named in the error, singular and plural (``"precaution"``,
        ``"precautions"``).
    """
    for q, v in answers.items():
        if q not in known:
            raise ValueError(f"unknown {what} {q!r}; known {whats}: {', '.join(known)}")
        if v is not None and not isinstance(v, bool):
            noun = what.removesuffix(" question")
            raise ValueError(
                f"{noun} answer {q} must be True (yes), False (no) or None (not asked), got {v!r}"
            )
    return dict(answers)
