"""One JSON object of the client file as a pydantic model: every problem at once, both ways.

Owns :class:`FileModel`, the base of the client file's objects: a JSON object <-> a
frozen dataclass of :mod:`workbench.domain`. Validating one reports *every* refused field
at once -- unknown keys by name (with the allowed keys), missing required fields (with
what they must be), each field's own problems, and the rules that join several fields,
which run even when other fields are refused -- and it writes itself back as JSON
(:meth:`FileModel.of` then ``model_dump``). Also owns :func:`file_schema`, the models'
JSON Schema laid out as the published schema file is (no titles or defaults, nested
objects written in place, "this or null" as a list of types).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, get_args, get_origin

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, model_validator
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import InitErrorDetails

from workbench.client.field_types import line, plain, refusal, refuse_all, rule_of
from workbench.client.problems import MISSING

#: A field whose value was refused, as the rules that join several fields see it.
INVALID: Any = object()

#: A rule that joins several fields of one object: the object's checked values (INVALID
#: for a refused field) -> the refusals, each at its place in the object.
Check = Callable[[Mapping[str, Any]], list[InitErrorDetails]]


def valid(*values: Any) -> bool:
    """True when none of ``values`` was refused."""
    return all(v is not INVALID for v in values)


_ADAPTERS: dict[tuple[type, str], TypeAdapter] = {}


class FileModel(BaseModel):
    """A JSON object of the client file; subclasses name their domain dataclass.

    Attributes
    ----------
    domain : type
        The frozen dataclass the object reads into (:meth:`to_domain`).
    checks : tuple of Check
        The rules that join several of its fields.
    file_only : frozenset of str
        Fields that are in the file but not on the dataclass (``schema_version``).
    """

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    domain: ClassVar[type]
    checks: ClassVar[tuple[Check, ...]] = ()
    file_only: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def keys(cls) -> str:
        """The object's keys, comma-separated, in file order."""
        return ", ".join(cls.model_fields)

    @classmethod
    def rule(cls) -> str:
        """What a valid value is, in plain words."""
        return f"an object with keys: {cls.keys()}"

    @classmethod
    def _field_rule(cls, name: str) -> str:
        info = cls.model_fields[name]
        if isinstance(info.annotation, type) and issubclass(info.annotation, FileModel):
            return info.annotation.rule()
        return rule_of(info.rebuild_annotation()).text

    @classmethod
    def _adapter(cls, name: str) -> TypeAdapter:
        key = (cls, name)
        if key not in _ADAPTERS:
            _ADAPTERS[key] = TypeAdapter(cls.model_fields[name].rebuild_annotation())
        return _ADAPTERS[key]

    @classmethod
    def _values(cls, data: Mapping[str, Any], failed: set) -> dict[str, Any]:
        """The checked value of every field (INVALID for a refused one), one by one."""
        out = {}
        for name, info in cls.model_fields.items():
            if name in failed:
                out[name] = INVALID
            elif name in data:
                out[name] = cls._adapter(name).validate_python(data[name])
            else:
                out[name] = info.get_default(call_default_factory=True)
        return out

    @model_validator(mode="wrap")
    @classmethod
    def _every_problem(cls, data: Any, handler: Callable) -> Any:
        if not isinstance(data, Mapping):
            raise refusal(f"must be {cls.rule()}")
        lines = [
            line((str(plain(k)),), v, f"unknown key {k!r}; allowed keys: {cls.keys()}")
            for k, v in data.items()
            if k not in cls.model_fields
        ]
        known = {k: v for k, v in data.items() if k in cls.model_fields}
        try:
            model = handler(known)
        except ValidationError as err:
            model = None
            failed = {e["loc"][0] for e in err.errors()}
            for e in err.errors():
                if e["type"] == "missing":
                    name = e["loc"][0]
                    reason = f"is required; must be {cls._field_rule(name)}"
                    lines.append(line((name,), MISSING, reason))
                else:
                    lines.append(line(tuple(e["loc"]), e["input"], e["msg"]))
            values = cls._values(known, failed)
        else:
            values = {name: getattr(model, name) for name in cls.model_fields}
        for check in cls.checks:
            lines.extend(check(values))
        if lines:
            raise refuse_all(lines)
        return model

    def to_domain(self) -> Any:
        """The domain dataclass this object describes."""
        fields = type(self).model_fields
        return self.domain(
            **{name: _domain(getattr(self, name)) for name in fields if name not in self.file_only}
        )

    @classmethod
    def of(cls, obj: Any) -> Any:
        """The object that writes ``obj`` (a domain dataclass), unchecked; else ``obj``."""
        if not isinstance(obj, cls.domain):
            return obj
        return cls.model_construct(
            **{
                name: _file(info.annotation, getattr(obj, name))
                for name, info in cls.model_fields.items()
                if name not in cls.file_only
            }
        )

    def to_json(self) -> dict[str, Any]:
        """The JSON-ready dict: every field, in file order (unchecked values as they are)."""
        return self.model_dump(warnings=False)


def _domain(value: Any) -> Any:
    if isinstance(value, FileModel):
        return value.to_domain()
    if isinstance(value, tuple):
        return tuple(_domain(v) for v in value)
    return value


def _file(annotation: Any, value: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, FileModel):
        return annotation.of(value)
    args = get_args(annotation)
    if get_origin(annotation) is tuple and args and isinstance(args[0], type):
        if issubclass(args[0], FileModel) and isinstance(value, list | tuple):
            return tuple(args[0].of(v) for v in value)
    return value


class _Layout(GenerateJsonSchema):
    """The published file's layout: declaration order, no titles or defaults."""

    def sort(self, value: Any, parent_key: str | None = None) -> Any:
        return value

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def default_schema(self, schema: Any) -> dict:
        return self.generate_inner(schema["schema"])

    def model_schema(self, schema: Any) -> dict:
        out = super().model_schema(schema)
        out.pop("title", None)
        return out

    def nullable_schema(self, schema: Any) -> dict:
        inner = self.generate_inner(schema["schema"])
        if not isinstance(inner.get("type"), str):
            return {"anyOf": [inner, {"type": "null"}]}
        out = {**inner, "type": [inner["type"], "null"]}
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        return out

    def tuple_schema(self, schema: Any) -> dict:
        out = super().tuple_schema(schema)
        each = out.pop("prefixItems", None)
        if each is None:
            return out
        n = len(each)
        out = {"type": "array", "minItems": n, "maxItems": n}
        if all(s == each[0] for s in each):
            return {**out, "items": each[0]}
        return {**out, "prefixItems": each, "items": False}


#: The order of a schema's keys in the published file; the others (the array keywords)
#: stand at ``...``, in the order they were generated.
_KEY_ORDER = (
    "type format pattern const enum minimum maximum ... uniqueItems properties required "
    "additionalProperties anyOf description"
).split()


def _inline(node: Any, defs: Mapping[str, Any]) -> Any:
    """``node`` with every ``$ref`` to ``$defs`` replaced by the definition it names, and
    its keys in the published order."""
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        rest = {k: v for k, v in node.items() if k != "$ref"}
        return _inline({**defs[node["$ref"].rsplit("/", 1)[1]], **rest}, defs)
    rank = {k: i for i, k in enumerate(_KEY_ORDER)}
    if isinstance(node.get("description"), str):  # a docstring wrapped over lines
        node = {**node, "description": " ".join(node["description"].split())}
    out = {}
    for k in sorted(node, key=lambda k: rank.get(k, rank["..."])):
        v = node[k]
        out[k] = (
            {p: _inline(s, defs) for p, s in v.items()} if k == "properties" else _inline(v, defs)
        )
    return out


def file_schema(model: type[FileModel]) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``model``, every nested object written in place."""
    schema = model.model_json_schema(schema_generator=_Layout)
    defs = schema.pop("$defs", {})
    return _inline(schema, defs)
