"""The container specs: fixed item lists, lists, sets, maps, rule overrides and objects.

Owns the specs that hold other specs -- :class:`_Items` (a fixed number of items, such as
an instrument's answers), :class:`_List`, :class:`_SetOf` (written in vocabulary order),
:class:`_Map` (vocabulary keys to values), :class:`_Overrides` (per-client overrides of
:data:`workbench.defaults.DEFAULTS`) and :class:`_Obj` with its :class:`_Field` (a JSON
object <-> a frozen dataclass, with cross-field checks) -- built on the base and scalar
specs of :mod:`workbench.client.spec`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.client.problems import MISSING, FieldProblem
from workbench.client.spec import _INVALID, _Choice, _fmt, _join, _Spec, _valid, _value
from workbench.defaults import DEFAULTS, check_override


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
