"""The client file: a :class:`~workbench.domain.Client` as JSON, in and out, fully checked.

One declarative description of the file (``_CLIENT``, built from the vocabularies in
:mod:`workbench.domain` and the rule table in :mod:`workbench.defaults`) drives three
things, so they cannot drift apart:

* :func:`client_from_dict` -- checks every field and reports *every* bad one at once
  (:class:`AssessmentError`), each with its dotted path (``"pain.now"``,
  ``"tolerances.extension"``, ``"activities[1].rpe"``) and the reason in plain words,
  including the allowed values or range;
* :func:`client_to_dict` -- the JSON-ready dict (enums as their values, sets as lists in
  vocabulary order -- days Monday first -- or alphabetical order for free text,
  ``"schema_version": 1``);
* :func:`client_schema` -- the JSON Schema (draft 2020-12) published as
  ``workbench/schema/client.schema.json``.

Rules that join several fields (an exposure target at least the current tolerance,
supervised days among the available days, ...) are checked by :func:`client_from_dict`
only; the schema describes the shape, types, vocabularies and ranges.

File I/O lives here too: :func:`load_client` names the file (and the line and column of
invalid JSON) in its errors, and :func:`save_client` checks the client first and then
writes atomically (temporary file in the same directory, fsync, :func:`os.replace`), so a
client file is never half-saved.

Array indices in field paths count from 0, as in Python; where an instrument numbers its
items, the reason names the item number (``instruments.start_back[8]``: "STarT Back item
9 must be ...").

References
----------
[1] Hill J.C. et al. (2008) STarT Back Screening Tool. Arthritis Rheum 59:632.
[2] Fairbank J.C., Pynsent P.B. (2000) The Oswestry Disability Index. Spine 25:2940.
[3] Roland M., Morris R. (1983) A study of the natural history of back pain. Spine 8:141.
[4] Stratford P. et al. (1995) Patient-Specific Functional Scale. Physiother Can 47:258.
[5] Waddell G. et al. (1993) Fear-Avoidance Beliefs Questionnaire. Pain 52:157.
[6] Kori S.H. et al. (1990) Tampa Scale for Kinesiophobia. Pain Manag 3:35.
[7] McGill S.M. et al. (1999) Endurance times for low back stabilization exercises.
    Arch Phys Med Rehabil 80:941.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import math
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from workbench.defaults import DEFAULTS, check_override
from workbench.domain import (
    EQUIPMENT,
    RED_FLAGS,
    SETTINGS,
    TAGS,
    Activity,
    Clearance,
    Client,
    Day,
    Dimension,
    Discipline,
    Goal,
    Instruments,
    Pain,
)
from workbench.domain import Tests as ClientTests
from workbench.paths import PACKAGE_DIR

__all__ = [
    "MISSING",
    "SCHEMA_PATH",
    "SCHEMA_VERSION",
    "AssessmentError",
    "FieldProblem",
    "client_from_dict",
    "client_problems",
    "client_schema",
    "client_to_dict",
    "dumps_client",
    "load_client",
    "main",
    "save_client",
    "schema_text",
    "write_schema",
]

#: Version of the client-file layout written by :func:`client_to_dict`.
SCHEMA_VERSION = 2
#: Client-file versions this workbench reads. Version 1 had no ``settings`` (where the
#: client trains); such a file reads as "not recorded", and the workbench asks.
READABLE_VERSIONS = (1, 2)

#: The published JSON Schema, the output of :func:`client_schema`.
SCHEMA_PATH = PACKAGE_DIR / "schema" / "client.schema.json"

#: Client ids name files and store records: letters, digits, ``_ . -``; 1-64 characters.
CLIENT_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}"

#: Exercise ids as in the catalog (``exercises.columns.csv``): lowercase, digits, hyphens.
EXERCISE_ID_PATTERN = r"[a-z0-9][a-z0-9-]*"


# ------------------------------------------------------------------- problems


class _Missing:
    """Type of :data:`MISSING`."""

    def __repr__(self) -> str:
        return "<missing>"


#: The ``value`` of a :class:`FieldProblem` for a required field that was not given.
MISSING: Any = _Missing()

_INVALID: Any = object()  # a checked value that failed; never leaves this module


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


def _show(value: Any) -> str:
    """Short JSON-style rendering of a refused value."""
    if isinstance(value, Enum):
        value = value.value
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _join(path: str, key: Any) -> str:
    key = key.value if isinstance(key, Enum) else key
    return f"{path}.{key}" if path else str(key)


def _value(x: Any) -> Any:
    return x.value if isinstance(x, Enum) else x


def _valid(*values: Any) -> bool:
    return all(v is not _INVALID for v in values)


def _is_integer(value: Any) -> bool:
    # JSON (and JSON Schema) treat 3.0 as the integer 3; booleans are never numbers.
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value)


def _fmt(x: float) -> str:
    return f"{x:g}"


# ---------------------------------------------------------------------- specs
#
# Each spec checks a JSON value (returning the domain value, or _INVALID after recording
# problems), turns a domain value back into JSON (dump), and describes itself as JSON
# Schema. The whole client file is one tree of specs (_CLIENT, below).


class _Spec:
    doc: str = ""

    def rule(self) -> str:
        """Noun phrase for what a valid value is, e.g. 'a whole number from 0 to 10'."""
        raise NotImplementedError

    def check(self, value: Any, path: str, problems: list[FieldProblem]) -> Any:
        raise NotImplementedError

    def dump(self, value: Any) -> Any:
        return _value(value)

    def schema(self) -> dict:
        raise NotImplementedError

    def _refuse(self, path: str, value: Any, problems: list[FieldProblem], label: str = ""):
        reason = f"must be {self.rule()}"
        problems.append(FieldProblem(path, value, f"{label} {reason}" if label else reason))
        return _INVALID

    def _described(self, schema: dict) -> dict:
        if self.doc:
            schema["description"] = self.doc
        return schema


class _Int(_Spec):
    def __init__(self, low: int, high: int | None = None, *, unit="", doc="", label=""):
        self.low, self.high, self.unit, self.doc, self.label = low, high, unit, doc, label

    def rule(self) -> str:
        if self.high is None:
            text = f"a whole number, at least {self.low}"
        elif self.high == self.low + 1:
            text = f"{self.low} or {self.high}"
        else:
            text = f"a whole number from {self.low} to {self.high}"
        return text + (f" [{self.unit}]" if self.unit else "")

    def check(self, value, path, problems):
        if _is_integer(value):
            v = int(value)
            if v >= self.low and (self.high is None or v <= self.high):
                return v
        return self._refuse(path, value, problems, self.label)

    def schema(self) -> dict:
        s: dict[str, Any] = {"type": "integer", "minimum": self.low}
        if self.high is not None:
            s["maximum"] = self.high
        return self._described(s)


class _Number(_Spec):
    def __init__(self, low: float, high: float, *, unit="", doc=""):
        self.low, self.high, self.unit, self.doc = low, high, unit, doc

    def rule(self) -> str:
        unit = f" [{self.unit}]" if self.unit else ""
        return f"a number from {_fmt(self.low)} to {_fmt(self.high)}{unit}"

    def check(self, value, path, problems):
        if _is_number(value) and self.low <= value <= self.high:
            return float(value)
        return self._refuse(path, value, problems)

    def schema(self) -> dict:
        return self._described({"type": "number", "minimum": self.low, "maximum": self.high})


class _Bool(_Spec):
    def __init__(self, *, doc=""):
        self.doc = doc

    def rule(self) -> str:
        return "true or false"

    def check(self, value, path, problems):
        return value if isinstance(value, bool) else self._refuse(path, value, problems)

    def schema(self) -> dict:
        return self._described({"type": "boolean"})


class _Text(_Spec):
    def __init__(self, *, pattern: str | None = None, nonblank=False, rule="", doc="", label=""):
        self.pattern, self.nonblank, self._rule, self.doc = pattern, nonblank, rule, doc
        self.label = label

    def rule(self) -> str:
        if self._rule:
            return self._rule
        return "text that is not blank" if self.nonblank else "text"

    def check(self, value, path, problems):
        if not isinstance(value, str):
            return self._refuse(path, value, problems, self.label)
        if self.nonblank and not value.strip():
            return self._refuse(path, value, problems, self.label)
        if self.pattern and not re.fullmatch(self.pattern, value):
            return self._refuse(path, value, problems, self.label)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            problems.append(
                FieldProblem(path, value, "contains characters that cannot be saved as UTF-8")
            )
            return _INVALID
        return value

    def schema(self) -> dict:
        s: dict[str, Any] = {"type": "string"}
        if self.pattern:
            s["pattern"] = f"^{self.pattern}$"
        elif self.nonblank:
            s["pattern"] = r"\S"
        return self._described(s)


class _Date(_Spec):
    def __init__(self, *, doc=""):
        self.doc = doc

    def rule(self) -> str:
        return "a date written YYYY-MM-DD, e.g. 2025-03-14"

    def check(self, value, path, problems):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                date.fromisoformat(value)
            except ValueError:
                pass
            else:
                return value
        return self._refuse(path, value, problems)

    def schema(self) -> dict:
        return self._described(
            {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
        )


class _Const(_Spec):
    """A version number: ``constant`` is written; any of ``accepted`` is read."""

    def __init__(self, constant: int, *, rule: str, accepted: tuple[int, ...] = (), doc=""):
        self.constant, self._rule, self.doc = constant, rule, doc
        self.accepted = accepted or (constant,)

    def rule(self) -> str:
        return self._rule

    def check(self, value, path, problems):
        if _is_integer(value) and value in self.accepted:
            return self.constant
        return self._refuse(path, value, problems)

    def dump(self, value):
        return self.constant

    def schema(self) -> dict:
        if len(self.accepted) == 1:
            return self._described({"const": self.constant})
        return self._described({"enum": list(self.accepted)})


class _Choice(_Spec):
    """One value of a vocabulary (an enum's values, RED_FLAGS ids, EQUIPMENT tokens)."""

    def __init__(self, values: Sequence[str], noun: str, convert: Callable = str, *, doc=""):
        self.values, self.noun, self.convert, self.doc = tuple(values), noun, convert, doc

    def allowed(self) -> str:
        return ", ".join(self.values)

    def rule(self) -> str:
        return f"a {self.noun}, one of: {self.allowed()}"

    def check(self, value, path, problems):
        if isinstance(value, str) and value in self.values:
            return self.convert(value)
        if isinstance(value, str):
            problems.append(
                FieldProblem(
                    path, value, f"unknown {self.noun} {value!r}; allowed: {self.allowed()}"
                )
            )
            return _INVALID
        return self._refuse(path, value, problems)

    def order(self, value: Any) -> tuple:
        value = _value(value)
        return (
            (self.values.index(value), "")
            if value in self.values
            else (len(self.values), str(value))
        )

    def schema(self) -> dict:
        return self._described({"type": "string", "enum": list(self.values)})


class _Nullable(_Spec):
    def __init__(self, inner: _Spec, *, means: str, doc=""):
        self.inner, self.means, self.doc = inner, means, doc

    def rule(self) -> str:
        return f"{self.inner.rule()}, or null ({self.means})"

    def check(self, value, path, problems):
        if value is None:
            return None
        mine: list[FieldProblem] = []
        out = self.inner.check(value, path, mine)
        for p in mine:
            # The field's own problem also says that null is allowed; nested ones do not.
            if p.field == path:
                p = FieldProblem(p.field, p.value, f"{p.reason}, or null ({self.means})")
            problems.append(p)
        return out

    def dump(self, value):
        return None if value is None else self.inner.dump(value)

    def schema(self) -> dict:
        s = dict(self.inner.schema())
        doc = self.doc or s.pop("description", "")
        s.pop("description", None)
        if isinstance(s.get("type"), str):
            s["type"] = [s["type"], "null"]
            if "enum" in s:
                s["enum"] = [*s["enum"], None]
        else:
            s = {"anyOf": [s, {"type": "null"}]}
        if doc:
            s["description"] = doc
        return s


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)


class _Items(_Spec):
    """A fixed number of items (instrument answers): JSON array -> tuple."""

    def __init__(self, items: Sequence[_Spec], *, rule: str, doc=""):
        self.items, self._rule, self.doc = tuple(items), rule, doc

    def rule(self) -> str:
        return self._rule

    def check(self, value, path, problems):
        if not _is_list(value) or len(value) != len(self.items):
            return self._refuse(path, value, problems)
        out = tuple(
            s.check(v, f"{path}[{i}]", problems)
            for i, (s, v) in enumerate(zip(self.items, value, strict=True))
        )
        return out if _valid(*out) else _INVALID

    def dump(self, value):
        if not _is_list(value):
            return value
        return [s.dump(v) for s, v in zip(self.items, value, strict=False)]

    def schema(self) -> dict:
        n = len(self.items)
        schemas = [s.schema() for s in self.items]
        s: dict[str, Any] = {"type": "array", "minItems": n, "maxItems": n}
        if all(x == schemas[0] for x in schemas):
            s["items"] = schemas[0]
        else:
            s["prefixItems"] = schemas
            s["items"] = False
        return self._described(s)


class _List(_Spec):
    """A list of like items: JSON array -> tuple."""

    def __init__(self, item: _Spec, *, low=0, high: int | None = None, rule: str, doc=""):
        self.item, self.low, self.high, self._rule, self.doc = item, low, high, rule, doc

    def rule(self) -> str:
        return self._rule

    def check(self, value, path, problems):
        if (
            not _is_list(value)
            or len(value) < self.low
            or (self.high is not None and len(value) > self.high)
        ):
            return self._refuse(path, value, problems)
        out = tuple(self.item.check(v, f"{path}[{i}]", problems) for i, v in enumerate(value))
        return out if _valid(*out) else _INVALID

    def dump(self, value):
        return [self.item.dump(v) for v in value] if _is_list(value) else value

    def schema(self) -> dict:
        s: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.low:
            s["minItems"] = self.low
        if self.high is not None:
            s["maxItems"] = self.high
        return self._described(s)


class _SetOf(_Spec):
    """A set: JSON array without repeats -> frozenset; written in vocabulary order."""

    def __init__(self, item: _Spec, *, doc=""):
        self.item, self.doc = item, doc

    def rule(self) -> str:
        if isinstance(self.item, _Choice):
            return f"a list of {self.item.noun}s from: {self.item.allowed()}"
        return f"a list, each {self.item.rule()}"

    def check(self, value, path, problems):
        if not _is_list(value):
            return self._refuse(path, value, problems)
        out, seen = [], set()
        for i, v in enumerate(value):
            item = self.item.check(v, f"{path}[{i}]", problems)
            if item is not _INVALID and item in seen:
                problems.append(FieldProblem(f"{path}[{i}]", v, "is listed twice; list it once"))
                item = _INVALID
            elif item is not _INVALID:
                seen.add(item)
            out.append(item)
        return frozenset(out) if _valid(*out) else _INVALID

    def dump(self, value):
        if isinstance(value, str) or not isinstance(value, set | frozenset | list | tuple):
            return value
        if isinstance(self.item, _Choice):
            key = self.item.order
        else:
            key = str
        return [self.item.dump(v) for v in sorted(value, key=key)]

    def schema(self) -> dict:
        return self._described({"type": "array", "items": self.item.schema(), "uniqueItems": True})


class _Map(_Spec):
    """Vocabulary keys to values (tolerances, goals, red flags): object -> dict.

    Key order is kept: for ``exposure_targets`` it is the order of exposure.
    """

    def __init__(self, key: _Choice, value: _Spec, *, key_docs: Mapping[str, str] = {}, doc=""):
        self.key, self.value, self.key_docs, self.doc = key, value, dict(key_docs), doc

    def rule(self) -> str:
        return (
            f"an object keyed by {self.key.noun} ({self.key.allowed()}), each {self.value.rule()}"
        )

    def check(self, value, path, problems):
        if not isinstance(value, Mapping):
            return self._refuse(path, value, problems)
        out, ok = {}, True
        for k, v in value.items():
            where = _join(path, k)
            if not isinstance(k, str) or k not in self.key.values:
                problems.append(
                    FieldProblem(
                        where,
                        v,
                        f"unknown {self.key.noun} {_value(k)!r}; allowed: {self.key.allowed()}",
                    )
                )
                ok = False
                continue
            checked = self.value.check(v, where, problems)
            ok = ok and checked is not _INVALID
            out[self.key.convert(k)] = checked
        return out if ok else _INVALID

    def dump(self, value):
        if not isinstance(value, Mapping):
            return value
        return {_value(k): self.value.dump(v) for k, v in value.items()}

    def schema(self) -> dict:
        props = {}
        for k in self.key.values:
            s = self.value.schema()
            if k in self.key_docs:
                s["description"] = self.key_docs[k]
            props[k] = s
        return self._described(
            {"type": "object", "properties": props, "additionalProperties": False}
        )


class _Overrides(_Spec):
    """Per-client overrides of :data:`workbench.defaults.DEFAULTS`, checked by
    :func:`workbench.defaults.check_override`."""

    def __init__(self, *, doc=""):
        self.doc = doc

    def rule(self) -> str:
        return "an object of rule name to number, each within the rule's allowed range"

    def check(self, value, path, problems):
        if not isinstance(value, Mapping):
            return self._refuse(path, value, problems)
        out, ok = {}, True
        for k, v in value.items():
            reason = check_override(k, v) if isinstance(k, str) else f"unknown rule {k!r}"
            if reason:
                # FieldProblem shows the value given; drop check_override's own copy.
                reason = reason.removesuffix(f", got {v!r}")
                problems.append(FieldProblem(_join(path, k), v, reason))
                ok = False
            else:
                out[k] = float(v)
        return out if ok else _INVALID

    def dump(self, value):
        return dict(value) if isinstance(value, Mapping) else value

    def schema(self) -> dict:
        props = {
            name: {
                "type": "number",
                "minimum": rule.low,
                "maximum": rule.high,
                "description": f"{rule.description} [{rule.unit}]; default {_fmt(rule.value)}; "
                f"source: {rule.source}",
            }
            for name, rule in DEFAULTS.items()
        }
        return self._described(
            {"type": "object", "properties": props, "additionalProperties": False}
        )


@dataclass(frozen=True)
class _Field:
    spec: _Spec
    required: bool = False
    attribute: bool = True  # False: in the file only (schema_version), not on the dataclass


_Check = Callable[[dict, str, list[FieldProblem]], None]


class _Obj(_Spec):
    """A JSON object <-> a frozen dataclass; unknown keys are refused by name."""

    def __init__(
        self, cls: type, fields: dict[str, _Field], *, checks: Sequence[_Check] = (), doc=""
    ):
        self.cls, self.fields, self.checks, self.doc = cls, fields, tuple(checks), doc

    def keys(self) -> str:
        return ", ".join(self.fields)

    def rule(self) -> str:
        return f"an object with keys: {self.keys()}"

    def _defaults(self) -> dict[str, Any]:
        out = {}
        for f in dataclasses.fields(self.cls):
            if f.default is not dataclasses.MISSING:
                out[f.name] = f.default
            elif f.default_factory is not dataclasses.MISSING:
                out[f.name] = f.default_factory()
        return out

    def check(self, value, path, problems):
        if not isinstance(value, Mapping):
            return self._refuse(path, value, problems)
        before = len(problems)
        for k, v in value.items():
            if k not in self.fields:
                problems.append(
                    FieldProblem(
                        _join(path, k), v, f"unknown key {k!r}; allowed keys: {self.keys()}"
                    )
                )
        out = self._defaults()
        for name, f in self.fields.items():
            where = _join(path, name)
            if name not in value:
                if f.required:
                    problems.append(
                        FieldProblem(where, MISSING, f"is required; must be {f.spec.rule()}")
                    )
                    out[name] = _INVALID
                continue
            checked = f.spec.check(value[name], where, problems)
            if f.attribute or checked is _INVALID:
                out[name] = checked
        for check in self.checks:
            check(out, path, problems)
        if len(problems) > before:
            return _INVALID
        attributes = {name for name, f in self.fields.items() if f.attribute}
        return self.cls(**{k: v for k, v in out.items() if k in attributes})

    def dump(self, value):
        if not isinstance(value, self.cls):
            return value
        return {
            name: f.spec.dump(getattr(value, name) if f.attribute else None)
            for name, f in self.fields.items()
        }

    def schema(self) -> dict:
        s: dict[str, Any] = {
            "type": "object",
            "properties": {name: f.spec.schema() for name, f in self.fields.items()},
        }
        required = [name for name, f in self.fields.items() if f.required]
        if required:
            s["required"] = required
        s["additionalProperties"] = False
        return self._described(s)


# ------------------------------------------------------------- cross-field rules


def _check_activity(vals: dict, path: str, problems: list[FieldProblem]) -> None:
    minutes, longest = vals.get("minutes"), vals.get("longest_minutes")
    if (
        _valid(minutes, longest)
        and longest is not None
        and minutes is not None
        and longest < minutes
    ):
        problems.append(
            FieldProblem(
                _join(path, "longest_minutes"),
                longest,
                f"the longest session in the last 30 days must be at least the usual session "
                f"length (minutes = {minutes}) [min]",
            )
        )


def _check_exposure(vals: dict, path: str, problems: list[FieldProblem]) -> None:
    tolerances, targets = vals.get("tolerances"), vals.get("exposure_targets")
    if not _valid(tolerances, targets):
        return
    for dim, target in targets.items():
        now = tolerances.get(dim, 0)
        if target < now:
            problems.append(
                FieldProblem(
                    _join(_join(path, "exposure_targets"), dim),
                    target,
                    f"an exposure target must be at least the current tolerance on "
                    f"{dim.label} (tolerances.{dim.value} = {now}"
                    f"{'' if dim in tolerances else ', not assessed'})",
                )
            )


def _days(days) -> str:
    return ", ".join(d.value for d in sorted(days, key=lambda d: d.index)) or "none"


def _check_days(vals: dict, path: str, problems: list[FieldProblem]) -> None:
    available, most, supervised = (
        vals.get("available_days"),
        vals.get("max_training_days"),
        vals.get("supervised_days"),
    )
    # An empty day list means "not entered yet" (a partial assessment can still be saved);
    # once days are entered, the day counts must fit them.
    if _valid(available, most) and available and most > len(available):
        problems.append(
            FieldProblem(
                _join(path, "max_training_days"),
                most,
                f"must not be more than the number of available days ({len(available)}: "
                f"{_days(available)})",
            )
        )
    if _valid(available, supervised):
        for day in sorted(supervised - available, key=lambda d: d.index):
            problems.append(
                FieldProblem(
                    _join(path, "supervised_days"),
                    day.value,
                    f"a supervised day must be an available day; available days: "
                    f"{_days(available)}",
                )
            )


def _check_preferences(vals: dict, path: str, problems: list[FieldProblem]) -> None:
    liked, disliked = vals.get("liked"), vals.get("disliked")
    if _valid(liked, disliked):
        for d in sorted(liked & disliked, key=_PREFERENCE.order):
            problems.append(
                FieldProblem(
                    _join(path, "disliked"),
                    str(d),
                    "is also in liked; nothing can be both liked and disliked",
                )
            )


# ------------------------------------------------------------------ the file


def _choice(enum: type[Enum], noun: str) -> _Choice:
    return _Choice([m.value for m in enum], noun, enum)


_DAY = _Choice([d.value for d in Day], "day", Day)
_DISCIPLINE = _choice(Discipline, "discipline")
#: What a client may like or dislike: a discipline, a setting or a tag (``gym`` is
#: both a discipline and a setting: it means both).
_PREFERENCE = _Choice(
    list(dict.fromkeys([*(d.value for d in Discipline), *SETTINGS, *TAGS])),
    "discipline, setting or tag",
    lambda v: Discipline(v) if v in Discipline._value2member_map_ else v,
)
_LEVEL = _Int(0, 3, unit="level 0-3")
_PAIN = _Int(0, 10, unit="NRS 0-10")

_CLEARANCE = _Obj(
    Clearance,
    {
        "cleared": _Field(_Bool(doc="Medical clearance to train is recorded.")),
        "date": _Field(_Nullable(_Date(), means="not recorded", doc="Date of the clearance.")),
        "by": _Field(_Text(doc="Who gave the clearance, e.g. the GP's name.")),
        "banned_disciplines": _Field(_SetOf(_DISCIPLINE, doc="Disciplines the doctor ruled out.")),
        "banned_exercises": _Field(
            _SetOf(
                _Text(
                    pattern=EXERCISE_ID_PATTERN,
                    rule="an exercise id: lowercase letters, digits and hyphens, "
                    "e.g. 'gym-deadlift'",
                ),
                doc="Catalog exercise ids the doctor ruled out.",
            )
        ),
        "max_rpe": _Field(
            _Nullable(
                _Number(0, 10, unit="CR-10 RPE"),
                means="no limit",
                doc="Doctor's maximum effort [CR-10 RPE]; null for no limit.",
            )
        ),
        "notes": _Field(_Text(doc="The doctor's restrictions in their words.")),
    },
    doc="Medical clearance and the doctor's written restrictions (domain.md §1, §3).",
)


def _items(n: int, spec: Callable[[int], _Spec], rule: str, doc: str) -> _Nullable:
    return _Nullable(_Items([spec(i) for i in range(n)], rule=rule), means="not done", doc=doc)


_INSTRUMENTS = _Obj(
    Instruments,
    {
        "start_back": _Field(
            _items(
                9,
                lambda i: (
                    _Int(0, 1, label=f"STarT Back item {i + 1} (0 disagree, 1 agree)")
                    if i < 8
                    else _Int(0, 4, label="STarT Back item 9 (0 not at all .. 4 extremely)")
                ),
                "a list of 9 STarT Back item scores: items 1-8 are 0 (disagree) or 1 (agree), "
                "item 9 is 0-4 (not at all .. extremely)",
                "STarT Back [1]: items 1-8 0/1, item 9 0-4; null when not done.",
            )
        ),
        "odi": _Field(
            _items(
                10,
                lambda i: _Nullable(_Int(0, 5, label=f"ODI section {i + 1}"), means="not answered"),
                "a list of 10 Oswestry section scores, each 0-5 or null (not answered)",
                "Oswestry Disability Index [2]: 10 sections 0-5, null for an unanswered "
                "section; null when not done.",
            )
        ),
        "rmdq": _Field(
            _items(
                24,
                lambda i: _Int(0, 1, label=f"RMDQ item {i + 1} (1 ticked, 0 not)"),
                "a list of 24 Roland-Morris items, each 1 (ticked) or 0 (not)",
                "Roland-Morris Disability Questionnaire [3]: 24 items 0/1; null when not done.",
            )
        ),
        "psfs": _Field(
            _Nullable(
                _List(
                    _Items(
                        [
                            _Text(nonblank=True, label="PSFS activity"),
                            _Int(0, 10, label="PSFS score (0 unable .. 10 as before)"),
                        ],
                        rule="an [activity, score 0-10] pair",
                    ),
                    low=3,
                    high=5,
                    rule="a list of 3 to 5 [activity, score 0-10] pairs",
                ),
                means="not done",
                doc="Patient-Specific Functional Scale [4]: 3-5 [activity, score 0-10] "
                "pairs; null when not done.",
            )
        ),
        "fabq_pa": _Field(
            _items(
                4,
                lambda i: _Int(0, 6, label=f"FABQ-PA item {i + 2}"),
                "a list of 4 FABQ physical-activity scores (items 2-5), each 0-6",
                "FABQ physical-activity subscale [5], items 2-5 each 0-6; null when not done.",
            )
        ),
        "tsk17": _Field(
            _items(
                17,
                lambda i: _Int(1, 4, label=f"TSK-17 item {i + 1}"),
                "a list of 17 Tampa Scale answers, each 1-4 (as answered, not reversed)",
                "Tampa Scale for Kinesiophobia [6], 17 items 1-4 as answered (reversal is "
                "done in scoring); null when not done.",
            )
        ),
    },
    doc="Instrument item scores as entered (no licensed item text; domain.md §2).",
)

_PAIN_OBJ = _Obj(
    Pain,
    {
        "now": _Field(_Int(0, 10, unit="NRS 0-10", doc="Pain now [NRS 0-10].")),
        "average_week": _Field(
            _Int(0, 10, unit="NRS 0-10", doc="Average pain over the last week [NRS 0-10].")
        ),
        "worst_week": _Field(
            _Int(0, 10, unit="NRS 0-10", doc="Worst pain over the last week [NRS 0-10].")
        ),
    },
    doc="Pain ratings, 0-10 numeric rating scale.",
)


def _hold(doc: str) -> _Field:
    return _Field(_Nullable(_Number(0, 600, unit="s"), means="not done", doc=doc))


_TESTS = _Obj(
    ClientTests,
    {
        "sit_and_reach_cm": _Field(
            _Nullable(
                _Number(-40, 60, unit="cm"),
                means="not done",
                doc="Sit and reach: past (+) or short of (-) the toes [cm].",
            )
        ),
        "slr_left_deg": _Field(
            _Nullable(
                _Number(0, 120, unit="degrees"),
                means="not done",
                doc="Straight-leg raise, left [degrees].",
            )
        ),
        "slr_right_deg": _Field(
            _Nullable(
                _Number(0, 120, unit="degrees"),
                means="not done",
                doc="Straight-leg raise, right [degrees].",
            )
        ),
        "mcgill_flexor_s": _hold("McGill trunk flexor endurance hold [s] [7]."),
        "mcgill_extensor_s": _hold("McGill trunk extensor (Biering-Sorensen) hold [s] [7]."),
        "side_bridge_left_s": _hold("McGill side bridge, left [s] [7]."),
        "side_bridge_right_s": _hold("McGill side bridge, right [s] [7]."),
    },
    doc="Range-of-motion and endurance tests; null for a test not done.",
)

_ACTIVITY = _Obj(
    Activity,
    {
        "discipline": _Field(_DISCIPLINE, required=True),
        "sessions_per_week": _Field(
            _Int(0, 14, unit="sessions/week", doc="Sessions a week [sessions/week]."),
            required=True,
        ),
        "minutes": _Field(
            _Int(1, 300, unit="min", doc="Length of one session [min]."), required=True
        ),
        "rpe": _Field(
            _Number(0, 10, unit="CR-10 RPE", doc="Typical effort [CR-10 RPE]."), required=True
        ),
        "longest_minutes": _Field(
            _Nullable(
                _Int(1, 600, unit="min"),
                means="same as minutes",
                doc="Longest session in this discipline in the last 30 days [min]; at least "
                "minutes; null for the same as minutes.",
            )
        ),
    },
    checks=[_check_activity],
    doc="One kind of current weekly activity; weekly load = sessions x minutes x RPE [AU].",
)

_CLIENT = _Obj(
    Client,
    {
        "schema_version": _Field(
            _Const(
                SCHEMA_VERSION,
                accepted=READABLE_VERSIONS,
                rule=f"{' or '.join(map(str, READABLE_VERSIONS))} (the client-file versions "
                "this workbench reads)",
                doc="Client-file layout version.",
            ),
            attribute=False,
        ),
        "id": _Field(
            _Text(
                pattern=CLIENT_ID_PATTERN,
                rule="an id of 1-64 letters, digits, '_', '.' or '-', starting with a letter "
                "or digit",
                doc="Stable client id (names files and store records).",
            ),
            required=True,
        ),
        "name": _Field(_Text(nonblank=True, doc="Client's name."), required=True),
        "age": _Field(_Int(12, 110, unit="years", doc="Age [years]."), required=True),
        "new_onset": _Field(
            _Bool(doc="This back pain started recently (a new episode, not long-standing).")
        ),
        "clearance": _Field(_CLEARANCE),
        "red_flags": _Field(
            _Map(
                _Choice(list(RED_FLAGS), "red-flag id"),
                _Nullable(_Bool(), means="not yet asked"),
                key_docs={k: f"{q} ({group})" for k, (group, q) in RED_FLAGS.items()},
                doc="Red-flag answers: true, false, or null (not yet asked) (domain.md §1).",
            )
        ),
        "notes": _Field(_Text(doc="Trainer's notes.")),
        "symptom_diary": _Field(_Text(doc="Client's symptom diary, free text.")),
        "pain": _Field(_PAIN_OBJ),
        "instruments": _Field(_INSTRUMENTS),
        "triggers": _Field(
            _SetOf(
                _Text(nonblank=True),
                doc="Pain triggers in the client's words, e.g. 'sitting', 'bending'.",
            )
        ),
        "tolerances": _Field(
            _Map(
                _choice(Dimension, "dimension"),
                _LEVEL,
                key_docs={d.value: f"Tolerance on {d.label} [level 0-3]." for d in Dimension},
                doc="Movement tolerance now, 0-3 per dimension; a dimension left out counts "
                "as 0 (domain.md §3).",
            )
        ),
        "exposure_targets": _Field(
            _Map(
                _choice(Dimension, "dimension"),
                _LEVEL,
                key_docs={d.value: f"Exposure target on {d.label} [level 0-3]." for d in Dimension},
                doc="Graded exposure: tolerance to work back towards per feared dimension, "
                "at least the current tolerance; key order = least feared first.",
            )
        ),
        "tests": _Field(_TESTS),
        "goals": _Field(
            _Map(
                _choice(Goal, "goal"),
                _Int(0, 1000, unit="min/week"),
                key_docs={g.value: f"Weekly minutes for {g.label} [min/week]." for g in Goal},
                doc="Weekly minutes wanted per goal [min/week].",
            )
        ),
        "liked": _Field(
            _SetOf(_PREFERENCE, doc="Disciplines, settings and tags the client likes.")
        ),
        "disliked": _Field(
            _SetOf(
                _PREFERENCE,
                doc="Disciplines, settings and tags the client dislikes (none also liked); "
                "nothing disliked is planned unless the trainer allows it.",
            )
        ),
        "equipment": _Field(
            _SetOf(
                _Choice(EQUIPMENT, "equipment token"),
                doc="Equipment and settings the client has; 'gym' implies the gym items.",
            )
        ),
        "settings": _Field(
            _SetOf(
                _Choice(SETTINGS, "setting"),
                doc="Where the client trains (home, outdoors, pool, gym, studio, clinic); "
                "only exercises that can be done there are planned. Empty: not recorded "
                "(anywhere the equipment allows, and the workbench asks).",
            )
        ),
        "available_days": _Field(_SetOf(_DAY, doc="Days the client can train.")),
        "max_training_days": _Field(
            _Int(
                1,
                7,
                unit="days",
                doc="Training days a week, at most; not more than the available days.",
            )
        ),
        "minutes_per_session": _Field(
            _Int(10, 180, unit="min", doc="Longest session the client has time for [min].")
        ),
        "supervised_days": _Field(
            _SetOf(_DAY, doc="Days with a trainer present; each an available day.")
        ),
        "activities": _Field(
            _List(
                _ACTIVITY,
                rule="a list of activity objects (discipline, sessions_per_week, minutes, rpe, "
                "longest_minutes)",
                doc="Current weekly activities: the baseline load.",
            )
        ),
        "consecutive_green_weeks": _Field(
            _Int(0, unit="weeks", doc="Green weeks already behind the client [weeks].")
        ),
        "overrides": _Field(
            _Overrides(doc="Per-client overrides of the rule defaults (workbench.defaults).")
        ),
    },
    checks=[_check_exposure, _check_days, _check_preferences],
    doc="Everything the assessment records (product.md flow 1).",
)


# ----------------------------------------------------------------- public API


def client_from_dict(data: Mapping[str, Any]) -> Client:
    """Build a :class:`~workbench.domain.Client` from a client-file dict, checking everything.

    Parameters
    ----------
    data : mapping
        The parsed client file (see :func:`client_schema`). Only ``id``, ``name`` and
        ``age`` are required; other fields take the :class:`~workbench.domain.Client`
        defaults. ``schema_version``, when given, must be 1.

    Returns
    -------
    Client

    Raises
    ------
    AssessmentError
        Listing every refused field at once: wrong type, out of range, unknown key,
        unknown vocabulary value, wrong instrument item count, and the cross-field rules
        (exposure target below the current tolerance, more training days than available
        days, a supervised day that is not available, a discipline both liked and
        disliked, longest session shorter than the usual one).
    """
    problems: list[FieldProblem] = []
    if not isinstance(data, Mapping):
        problems.append(
            FieldProblem(
                "", data, f"a client file must be a JSON object with keys: {_CLIENT.keys()}"
            )
        )
        raise AssessmentError(problems)
    client = _CLIENT.check(data, "", problems)
    if problems:
        raise AssessmentError(problems)
    return client


def client_to_dict(client: Client) -> dict[str, Any]:
    """The JSON-ready client-file dict of ``client``.

    Enums become their string values, sets become lists (vocabulary order -- days Monday
    first -- or alphabetical for free text), tuples become lists, and
    ``"schema_version": 1`` comes first. Every field is written, defaults included, so a
    file shows everything that can be filled in. For a valid client,
    ``client_from_dict(client_to_dict(client)) == client``.

    The client is not checked here (see :func:`client_problems`, :func:`save_client`).
    """
    return _CLIENT.dump(client)


def client_problems(client: Client) -> list[FieldProblem]:
    """Every refused field of a :class:`~workbench.domain.Client` built in code (e.g. a form).

    Returns
    -------
    list of FieldProblem
        Empty when the client is valid.
    """
    try:
        client_from_dict(client_to_dict(client))
    except AssessmentError as err:
        return err.problems
    return []


def client_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the client file, generated from the vocabularies.

    The enums, :data:`~workbench.domain.RED_FLAGS`, :data:`~workbench.domain.EQUIPMENT`,
    the rule table and the ranges all come from the same description that
    :func:`client_from_dict` checks against, so the schema cannot drift. The schema
    covers shapes, types, vocabularies and ranges; the cross-field rules are checked by
    :func:`client_from_dict` only (they are listed in the schema's description).
    """
    body = _CLIENT.schema()
    body.pop("description", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Workbench client file",
        "description": (
            f"A client of the back-pain program-design workbench, version {SCHEMA_VERSION}. "
            "Generated by `python -m workbench.client.assessment --write-schema`; do not edit by hand. "
            "Also checked by workbench.client.assessment.client_from_dict, beyond this schema: "
            "each exposure target is at least the current tolerance on that dimension; "
            "max_training_days is not more than the number of available days (when days are "
            "given); every supervised day is an available day; no discipline is both liked "
            "and disliked; an activity's longest_minutes is at least its minutes; dates are "
            "real calendar dates."
        ),
        **body,
    }


def _json_scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _flat(value: list) -> bool:
    """True for a list of scalars (written on one line)."""
    return all(not isinstance(v, dict | list) for v in value)


def _format(value: Any, indent: int) -> str:
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        lines = [
            f"{inner}{_json_scalar(str(k))}: {_format(v, indent + 1)}" for k, v in value.items()
        ]
        return "{\n" + ",\n".join(lines) + f"\n{pad}}}"
    if isinstance(value, list):
        if _flat(value):
            return json.dumps(value, ensure_ascii=False, allow_nan=False)
        lines = [f"{inner}{_format(v, indent + 1)}" for v in value]
        return "[\n" + ",\n".join(lines) + f"\n{pad}]"
    return _json_scalar(value)


def dumps_client(client: Client) -> str:
    """The client file text: JSON, two-space indent, short lists on one line, UTF-8 ready.

    Raises
    ------
    AssessmentError
        When the client has refused fields.
    """
    problems = client_problems(client)
    if problems:
        raise AssessmentError(problems)
    return _format(client_to_dict(client), 0) + "\n"


def _fsync_directory(directory: Path) -> None:
    # Make the rename itself durable; not possible on every platform (e.g. Windows).
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _atomic_write(path: Path, text: str, new_mode: int = 0o600) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new, never half.

    A new file gets ``new_mode`` (default: readable by its owner only, as client files
    hold health data); a replaced file keeps its permissions.
    """
    path = Path(path)
    directory = path.parent
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = new_mode
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)


def save_client(client: Client, path: str | os.PathLike) -> Path:
    """Check ``client`` and write it to ``path`` atomically.

    The file is written to a temporary file in the same directory, flushed to disk
    (fsync) and renamed over ``path`` (:func:`os.replace`): if anything fails, the old
    file is left as it was.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    AssessmentError
        When the client has refused fields (nothing is written); names the file.
    """
    path = Path(path)
    try:
        text = dumps_client(client)
    except AssessmentError as err:
        raise AssessmentError(err.problems, source=path) from None
    _atomic_write(path, text)
    return path


def _no_duplicate_keys(duplicates: list[str]) -> Callable[[list[tuple[str, Any]]], dict]:
    def hook(pairs: list[tuple[str, Any]]) -> dict:
        out: dict[str, Any] = {}
        for k, v in pairs:
            if k in out:
                duplicates.append(k)
            out[k] = v
        return out

    return hook


def load_client(path: str | os.PathLike) -> Client:
    """Read and check a client file.

    Raises
    ------
    AssessmentError
        Naming the file: invalid JSON (with line and column), a key given twice in one
        object, or every refused field.
    FileNotFoundError
        When there is no such file.
    """
    path = Path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        problem = FieldProblem("", MISSING, f"not UTF-8 text (bad byte at offset {err.start})")
        raise AssessmentError([problem], source=path) from None
    duplicates: list[str] = []
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys(duplicates))
    except json.JSONDecodeError as err:
        problem = FieldProblem(
            "", MISSING, f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}"
        )
        raise AssessmentError([problem], source=path) from None
    problems = [
        FieldProblem(k, MISSING, f"key {k!r} is given twice in the same object; keep one")
        for k in dict.fromkeys(duplicates)
    ]
    try:
        client = client_from_dict(data)
    except AssessmentError as err:
        problems.extend(err.problems)
    if problems:
        raise AssessmentError(problems, source=path)
    return client


def schema_text() -> str:
    """The text of the published schema file."""
    return _format(client_schema(), 0) + "\n"


def write_schema(path: str | os.PathLike = SCHEMA_PATH) -> Path:
    """Write :func:`client_schema` to ``path`` (default: the published schema file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, schema_text(), new_mode=0o644)  # package data, not client data
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: check client files, or write / check the published schema.

    ``python -m workbench.client.assessment --write-schema`` writes the schema file;
    ``--check-schema`` exits 1 when it is out of date; file arguments are checked and
    every problem printed. Exit status 0 when everything is fine.
    """
    parser = argparse.ArgumentParser(
        prog="python -m workbench.client.assessment", description="Check workbench client files."
    )
    parser.add_argument("files", nargs="*", type=Path, help="client files to check")
    parser.add_argument("--write-schema", action="store_true", help=f"write {SCHEMA_PATH}")
    parser.add_argument(
        "--check-schema", action="store_true", help="exit 1 when the schema file is out of date"
    )
    args = parser.parse_args(argv)
    status = 0
    if args.write_schema:
        print(f"wrote {write_schema()}")
    if args.check_schema:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != schema_text():
            print(f"{SCHEMA_PATH} is out of date; run with --write-schema", file=sys.stderr)
            status = 1
    for file in args.files:
        try:
            client = load_client(file)
        except (AssessmentError, OSError) as err:
            print(err, file=sys.stderr)
            status = 1
        else:
            print(f"{file}: ok ({client.name}, baseline {client.baseline_load:g} AU/week)")
    return status


if __name__ == "__main__":
    sys.exit(main())
