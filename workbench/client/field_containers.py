"""The client file's values that hold others, as pydantic types: item lists, lists, sets, maps.

Owns :func:`items` (a fixed number of items, such as an instrument's answers),
:func:`list_of`, :func:`set_of` (no repeats; written in vocabulary order), :func:`keyed`
(vocabulary keys to values, in the order given) and :func:`overrides` (per-client
overrides of :data:`workbench.defaults.DEFAULTS`), built on the single-value types of
:mod:`workbench.client.field_types`: each refuses its own shape in plain words and
reports every refused value inside it at its index or key, and writes itself back as JSON
lists and objects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from pydantic import PlainSerializer, TypeAdapter, ValidationError, WrapSerializer, WrapValidator
from pydantic_core import InitErrorDetails

from workbench.client.field_types import (
    Rule,
    SchemaKeys,
    fmt,
    line,
    lines_of,
    plain,
    refusal,
    refuse_all,
    rule_of,
)
from workbench.defaults import DEFAULTS, check_override


def _is_list(value: Any) -> bool:
    return isinstance(value, list | tuple)


def _shape(accept: Callable[[Any], bool], reason: str) -> WrapValidator:
    """Refuse a value of the wrong shape as a whole; pydantic checks what is inside."""

    def check(value: Any, handler: Callable) -> Any:
        if not accept(value):
            raise refusal(reason)
        return handler(value)

    return WrapValidator(check)


def _as_lists(n: int | None = None) -> WrapSerializer:
    """Write a tuple as a JSON list, each item as JSON; with ``n``, its first ``n`` items
    (a longer tuple built in code is written cut to the instrument's length, as it always
    was)."""

    def dump(value: Any, handler: Callable) -> Any:
        if not _is_list(value):
            return value
        return list(handler(tuple(value)[:n] if n is not None else tuple(value)))

    return WrapSerializer(dump)


def items(*types: Any, rule: str) -> Any:
    """A fixed number of items, one type each: JSON array -> tuple."""
    n = len(types)
    return Annotated[
        tuple[types],
        _shape(lambda v: _is_list(v) and len(v) == n, f"must be {rule}"),
        _as_lists(n),
        Rule(rule),
    ]


def list_of(tp: Any, *, low: int = 0, high: int | None = None, rule: str) -> Any:
    """A list of like items, ``low`` to ``high`` of them: JSON array -> tuple."""

    def fits(v: Any) -> bool:
        return _is_list(v) and low <= len(v) and (high is None or len(v) <= high)

    # The length is checked first, as the shape (pydantic's own length check would count
    # only the items that passed); the schema says it with minItems and maxItems.
    length = ((("minItems", low),) if low else ()) + (
        (("maxItems", high),) if high is not None else ()
    )
    return Annotated[
        tuple[tp, ...], _shape(fits, f"must be {rule}"), SchemaKeys(length), _as_lists(), Rule(rule)
    ]


def _each(adapter: TypeAdapter, value: Any, loc: tuple, lines: list[InitErrorDetails]) -> Any:
    """``value`` checked by ``adapter``, or None after adding its refusals at ``loc``."""
    try:
        return adapter.validate_python(value)
    except ValidationError as err:
        lines.extend(lines_of(err, loc))
        return None


def set_of(tp: Any) -> Any:
    """A set: JSON array without repeats -> frozenset; written in vocabulary order."""
    item = rule_of(tp)
    if item.values:
        rule, order = f"a list of {item.noun}s from: {item.allowed}", item.order
    else:
        rule, order = f"a list, each {item.text}", str
    adapter = TypeAdapter(tp)

    def check(value: Any, handler: Callable) -> Any:
        if not _is_list(value):
            raise refusal(f"must be {rule}")
        lines: list[InitErrorDetails] = []
        seen = set()
        for i, v in enumerate(value):
            n = len(lines)
            checked = _each(adapter, v, (i,), lines)
            if len(lines) == n and checked in seen:
                lines.append(line((i,), v, "is listed twice; list it once"))
            elif len(lines) == n:
                seen.add(checked)
        if lines:
            raise refuse_all(lines)
        return frozenset(seen)

    def dump(value: Any) -> Any:
        if isinstance(value, str) or not isinstance(value, set | frozenset | list | tuple):
            return value
        return [plain(v) for v in sorted(value, key=order)]

    return Annotated[frozenset[tp], WrapValidator(check), PlainSerializer(dump), Rule(rule)]


def keyed(key: Any, tp: Any, *, key_docs: Mapping[str, str] = {}) -> Any:
    """Vocabulary keys to values (tolerances, goals, red flags): object -> dict.

    Key order is kept: for ``exposure_targets`` it is the order of exposure. The JSON
    Schema lists every key of the vocabulary as a property, with its ``key_docs`` entry.
    """
    keys, value = rule_of(key), rule_of(tp)
    rule = f"an object keyed by {keys.noun} ({keys.allowed}), each {value.text}"
    key_adapter, adapter = TypeAdapter(key), TypeAdapter(tp)

    def check(data: Any, handler: Callable) -> Any:
        if not isinstance(data, Mapping):
            raise refusal(f"must be {rule}")
        lines: list[InitErrorDetails] = []
        out = {}
        for k, v in data.items():
            where = (str(plain(k)),)
            if not isinstance(k, str) or k not in keys.values:
                reason = f"unknown {keys.noun} {plain(k)!r}; allowed: {keys.allowed}"
                lines.append(line(where, v, reason))
                continue
            n = len(lines)
            checked = _each(adapter, v, where, lines)
            if len(lines) == n:
                out[key_adapter.validate_python(k)] = checked
        if lines:
            raise refuse_all(lines)
        return out

    def dump(data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        return {plain(k): plain(v) for k, v in data.items()}

    class _Properties:
        """The JSON Schema of the object: one property per key of the vocabulary."""

        @staticmethod
        def __get_pydantic_json_schema__(core_schema: Any, handler: Any) -> dict:
            each = handler(core_schema)["additionalProperties"]
            props = {
                k: {**each, **({"description": key_docs[k]} if k in key_docs else {})}
                for k in keys.values
            }
            return {"type": "object", "properties": props, "additionalProperties": False}

    return Annotated[
        dict[str, tp], WrapValidator(check), PlainSerializer(dump), _Properties(), Rule(rule)
    ]


def _check_overrides(data: Any, handler: Callable) -> dict[str, float]:
    if not isinstance(data, Mapping):
        raise refusal(f"must be {_OVERRIDES_RULE}")
    lines: list[InitErrorDetails] = []
    out = {}
    for k, v in data.items():
        reason = check_override(k, v) if isinstance(k, str) else f"unknown rule {k!r}"
        if reason:
            # FieldProblem shows the value given; drop check_override's own copy.
            lines.append(line((str(plain(k)),), v, reason.removesuffix(f", got {v!r}")))
        else:
            out[k] = float(v)
    if lines:
        raise refuse_all(lines)
    return out


_OVERRIDES_RULE = "an object of rule name to number, each within the rule's allowed range"


def overrides() -> Any:
    """Per-client overrides of :data:`workbench.defaults.DEFAULTS`, checked by
    :func:`workbench.defaults.check_override`; the schema lists every rule with its range."""
    props = {
        name: {
            "type": "number",
            "minimum": rule.low,
            "maximum": rule.high,
            "description": f"{rule.description} [{rule.unit}]; default {fmt(rule.value)}; "
            f"source: {rule.source}",
        }
        for name, rule in DEFAULTS.items()
    }
    return Annotated[
        dict[str, float],
        WrapValidator(_check_overrides),
        PlainSerializer(lambda data: dict(data) if isinstance(data, Mapping) else data),
        SchemaKeys((("properties", props), ("additionalProperties", False))),
        Rule(_OVERRIDES_RULE),
    ]
