"""The client file's single values as pydantic types, each refused in plain words.

Owns the types of one value -- whole numbers (:func:`whole`), numbers (:func:`number`),
true or false (:func:`boolean`), text (:func:`text`), dates (:func:`calendar_date`), the
layout version (:func:`version`), one value of a vocabulary (:func:`choice`) and "this or
null" (:func:`nullable`) -- and what they share: :class:`Rule` (what a valid value is, in
plain words, carried by every type and read back by :func:`rule_of`), :func:`refusal` and
:func:`line` (a refused value, alone or at a path below the value), and :class:`SchemaKeys`
(keys added to a type's JSON Schema). Each type is an ``Annotated`` type: pydantic's own
constraints give the JSON Schema, a wrap validator gives every refusal its reason, and a
serializer writes the value back as JSON (enums as their values). Nothing here knows about
clients; the types that hold others are in :mod:`workbench.client.field_containers`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal, get_args

import annotated_types as at
from pydantic import PlainSerializer, Strict, StringConstraints, ValidationError, WrapValidator
from pydantic_core import InitErrorDetails, PydanticCustomError

#: The top of the CR-10 effort scale (Borg CR-10) [points].
CR10_MAX = 10


@dataclass(frozen=True)
class Rule:
    """What a valid value of a type is, in plain words.

    Attributes
    ----------
    text : str
        A noun phrase, e.g. ``"a whole number from 0 to 10 [NRS 0-10]"``.
    noun : str
        For a vocabulary: what one value is called, e.g. ``"day"``; else ``""``.
    values : tuple of str
        For a vocabulary: its values, in the order they are written.
    """

    text: str
    noun: str = ""
    values: tuple[str, ...] = ()

    @property
    def allowed(self) -> str:
        """The vocabulary, comma-separated."""
        return ", ".join(self.values)

    def order(self, value: Any) -> tuple:
        """Sort key: vocabulary order, then anything outside it by its text."""
        value = plain(value)
        if value in self.values:
            return (self.values.index(value), "")
        return (len(self.values), str(value))


@dataclass(frozen=True)
class SchemaKeys:
    """Keys added to a type's JSON Schema (pydantic calls it when it writes the schema)."""

    keys: tuple[tuple[str, Any], ...]

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict:
        return {**handler(core_schema), **dict(self.keys)}


def rule_of(tp: Any) -> Rule:
    """The :class:`Rule` a field type carries (the last one, for a type built on another)."""
    rules = [m for m in get_args(tp)[1:] if isinstance(m, Rule)]
    if not rules:
        raise TypeError(f"{tp!r} carries no Rule")
    return rules[-1]


def plain(value: Any) -> Any:
    """An enum as its value; anything else as it is (how a value is written to JSON)."""
    return value.value if isinstance(value, Enum) else value


#: Writes a single value as JSON: enums as their values.
AS_JSON = PlainSerializer(plain)


def refusal(reason: str) -> PydanticCustomError:
    """The error of a refused value: ``reason`` in plain words, as it will be shown."""
    return PydanticCustomError("refused", reason)


def line(loc: tuple, value: Any, reason: str) -> InitErrorDetails:
    """One refused value at ``loc`` below the value being checked (``()``: that value)."""
    return {"type": refusal(reason), "loc": loc, "input": value}


def lines_of(error: ValidationError, prefix: tuple = ()) -> list[InitErrorDetails]:
    """The refused values of ``error``, each at ``prefix`` + its own place."""
    return [line(prefix + tuple(e["loc"]), e["input"], e["msg"]) for e in error.errors()]


def refuse_all(lines: list[InitErrorDetails]) -> ValidationError:
    """One error holding every refused value (pydantic adds the path above them)."""
    return ValidationError.from_exception_data("client file", lines)


#: Why text with a NUL character (``\\x00``) is refused: no store can keep it as text
#: (PostgreSQL refuses it), and no person types it.
NUL_REASON = "contains a NUL character (\\x00), which cannot be saved; retype or paste it again"


def free_text(value: Any) -> str:
    """Free text (``None`` is ``""``), as a person wrote it.

    Raises
    ------
    ValueError
        With the reason, for what is not text or holds a NUL character.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"must be text, got {value!r}")
    if "\x00" in value:
        raise ValueError(NUL_REASON)
    return value


def iso_date(value: Any) -> date:
    """A date, or its ISO text ``"2026-12-07"`` (spaces around it are dropped).

    Raises
    ------
    ValueError
        For anything else.
    """
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"not a date YYYY-MM-DD: {value!r}")


def cr10_effort(value: Any) -> float | None:
    """An effort rating on the CR-10 scale [0-10, decimals allowed], or ``None`` when blank.

    Accepts a number or its text (``"6.5"``); ``None`` and ``""`` are blank.

    Raises
    ------
    ValueError
        With the reason in plain words, for anything else (booleans, NaN, out of 0-10).
    """
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            pass
    if not _is_number(value) or not 0 <= value <= CR10_MAX:
        raise ValueError(f"must be a number 0-10 (CR-10 effort), got {value!r}")
    return float(value)


def _is_integer(value: Any) -> bool:
    # JSON (and JSON Schema) treat 3.0 as the integer 3; booleans are never numbers.
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value)


def fmt(x: float) -> str:
    """A number as people write it: ``0.3``, ``10``."""
    return f"{x:g}"


def _must(rule: str, label: str = "") -> str:
    return f"{label} must be {rule}" if label else f"must be {rule}"


def _checked(accept: Callable[[Any], bool], convert: Callable, reason: str) -> WrapValidator:
    """Accept what ``accept`` and then pydantic's constraints accept; refuse the rest."""

    def check(value: Any, handler: Callable) -> Any:
        if accept(value):
            try:
                return handler(convert(value))
            except ValidationError:
                pass
        raise refusal(reason)

    return WrapValidator(check)


def whole(low: int, high: int | None = None, *, unit: str = "", label: str = "") -> Any:
    """A whole number from ``low`` to ``high`` (no upper end when None).

    ``label`` names an instrument item in the reason ("STarT Back item 9 must be ...").
    """
    if high is None:
        rule = f"a whole number, at least {low}"
    elif high == low + 1:
        rule = f"{low} or {high}"
    else:
        rule = f"a whole number from {low} to {high}"
    rule += f" [{unit}]" if unit else ""
    return Annotated[
        int,
        Strict(),
        at.Interval(ge=low, le=high),
        _checked(_is_integer, int, _must(rule, label)),
        AS_JSON,
        Rule(rule),
    ]


def number(low: float, high: float, *, unit: str = "") -> Any:
    """A finite number from ``low`` to ``high``, read as a float."""
    rule = f"a number from {fmt(low)} to {fmt(high)}" + (f" [{unit}]" if unit else "")
    return Annotated[
        float,
        at.Interval(ge=low, le=high),
        _checked(_is_number, float, _must(rule)),
        AS_JSON,
        Rule(rule),
    ]


def boolean() -> Any:
    """True or false (never 0 or 1)."""
    rule = "true or false"
    return Annotated[
        bool,
        Strict(),
        _checked(lambda v: isinstance(v, bool), bool, _must(rule)),
        AS_JSON,
        Rule(rule),
    ]


def text(
    *, pattern: str | None = None, nonblank: bool = False, rule: str = "", label: str = ""
) -> Any:
    """Text, optionally not blank or matching ``pattern`` (the whole text, ASCII classes)."""
    rule = rule or ("text that is not blank" if nonblank else "text")
    reason = _must(rule, label)
    regex = f"^{pattern}$" if pattern else (r"\S" if nonblank else None)

    def check(value: Any, handler: Callable) -> Any:
        if not isinstance(value, str) or (nonblank and not value.strip()):
            raise refusal(reason)
        if "\x00" in value:
            raise refusal(NUL_REASON)
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            if pattern:  # the patterns are ASCII: such text never matches them
                raise refusal(reason) from None
            raise refusal("contains characters that cannot be saved as UTF-8") from None
        try:
            return handler(value)
        except ValidationError:
            raise refusal(reason) from None

    return Annotated[
        str, Strict(), StringConstraints(pattern=regex), WrapValidator(check), AS_JSON, Rule(rule)
    ]


def _is_date(value: Any) -> bool:
    if not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def calendar_date() -> Any:
    """A real calendar date written ``YYYY-MM-DD``, kept as that text."""
    rule = "a date written YYYY-MM-DD, e.g. 2025-03-14"
    return Annotated[
        str,
        Strict(),
        StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"),
        _checked(_is_date, str, _must(rule)),
        SchemaKeys((("format", "date"),)),
        AS_JSON,
        Rule(rule),
    ]


def version(constant: int, accepted: tuple[int, ...], *, rule: str) -> Any:
    """A layout version: any of ``accepted`` is read, ``constant`` is always written."""
    return Annotated[
        Literal[accepted],
        _checked(lambda v: _is_integer(v) and v in accepted, lambda v: constant, _must(rule)),
        PlainSerializer(lambda value: constant),
        Rule(rule),
    ]


def choice(values: Sequence[str], noun: str, convert: Callable = str) -> Any:
    """One value of a vocabulary (an enum's values, RED_FLAGS ids, EQUIPMENT tokens).

    Parameters
    ----------
    values : sequence of str
        The vocabulary, in the order it is written.
    noun : str
        What one value is called in a reason, e.g. ``"day"``.
    convert : callable
        Turns an accepted text into the domain value (e.g. the enum).
    """
    values = tuple(values)
    rule = Rule(f"a {noun}, one of: {', '.join(values)}", noun, values)

    def check(value: Any, handler: Callable) -> Any:
        if isinstance(value, str) and value in values:
            return convert(handler(value))
        if isinstance(value, str):
            raise refusal(f"unknown {noun} {value!r}; allowed: {rule.allowed}")
        raise refusal(_must(rule.text))

    return Annotated[Literal[values], WrapValidator(check), AS_JSON, rule]


def enum_choice(enum: type[Enum], noun: str) -> Any:
    """One member of ``enum``, written as its value."""
    return choice([m.value for m in enum], noun, enum)


def nullable(tp: Any, *, means: str) -> Any:
    """``tp`` or null; null ``means`` something, said in the reason ("not done")."""
    rule = f"{rule_of(tp).text}, or null ({means})"

    def check(value: Any, handler: Callable) -> Any:
        try:
            return handler(value)
        except ValidationError as err:
            # The value's own problem also says that null is allowed; those below it do not.
            raise refuse_all(
                [
                    line(
                        e["loc"],
                        e["input"],
                        e["msg"] if e["loc"] else f"{e['msg']}, or null ({means})",
                    )
                    for e in err.errors()
                ]
            ) from None

    return Annotated[tp | None, WrapValidator(check), Rule(rule)]
