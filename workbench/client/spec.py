"""The validation spec machinery: the base spec and the scalar specs.

Owns :class:`_Spec` (check a JSON value, write a domain value back as JSON, describe
itself as JSON Schema) and the specs for single values: whole numbers (:class:`_Int`),
numbers (:class:`_Number`), booleans, text, dates, version constants, one value of a
vocabulary (:class:`_Choice`) and "this or null" (:class:`_Nullable`), with the small
helpers they share (``_INVALID``, the marker of a checked value that failed; ``_join``
for dotted field paths). Nothing here knows about clients; the container specs are in
:mod:`workbench.client.spec_containers`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from datetime import date
from enum import Enum
from typing import Any

from workbench.client.problems import FieldProblem

_INVALID: Any = object()  # a checked value that failed; never leaves the spec modules


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
# Schema. The whole client file is one tree of specs (_CLIENT, in fields.py).


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
