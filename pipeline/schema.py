"""The JSON Schema of the output, generated from the model, and validation against it.

pipeline/model.py is the single source of the output's shape: each dataclass of the notice
becomes an object of the schema (every key required, no others allowed), each field's type
its JSON type, and ``spec()`` metadata its description and constraints. ``generate()``
writes that schema; schemas/notice.schema.json is its committed copy (``make schema``
rewrites it, tests/test_schema.py fails when the two differ). ``from_data()`` is the way
back: a notice's JSON read into the same typed objects, for the dataset and the report.

The generator is ours, not pydantic's: the model stays plain dataclasses, so a .txt run's
start-up does not pay for pydantic and an adapter (more than the whole run costs), and the
schema keeps every constraint and closes every object, which pydantic's schema of the same
dataclasses does not. ``python scripts/bench_schema.py`` prints the figures (run from a venv
that has pydantic); docs/outputs.md#dataclasses-not-pydantic quotes a run.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, Union

if TYPE_CHECKING:
    from pathlib import Path

SCHEMA_ID = "https://notice-pipeline.invalid/schemas/notice.schema.json"


def schema_path() -> Path:
    """The committed schema: inside the package in an installed wheel, in schemas/ in a
    source checkout. (pathlib is imported here, not at the top: reading outputs back with
    from_data() is on the dataset's path, which a one-file run keeps lean.)"""
    from pathlib import Path

    here = Path(__file__).resolve().parent
    for path in (here / "notice.schema.json", here.parent / "schemas" / "notice.schema.json"):
        if path.exists():
            return path
    raise FileNotFoundError("notice.schema.json is missing from the installation")


@cache
def load_schema() -> dict[str, Any]:
    return json.loads(schema_path().read_text(encoding="utf-8"))


def validation_errors(document: dict[str, Any]) -> list[str]:
    """Every way ``document`` breaks the schema, as "path: message" lines (empty if valid).

    A valid document is known as such by the schema compiled to Python (fastjsonschema:
    about 0.4 ms a notice against jsonschema's 7, ``python scripts/bench_schema.py``); only
    an invalid one is walked by jsonschema, which lists every error, not just the first.
    Both check ``format: date`` as a real calendar day.
    """
    import fastjsonschema

    try:
        _compiled()(document)
        return []
    except fastjsonschema.JsonSchemaException as exc:
        first = f"{'/'.join(map(str, getattr(exc, 'path', [])[1:])) or '(root)'}: {exc.message}"

    validator = _validator()
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    found = [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors]
    return found or [first]  # the two agree on the keywords the schema uses (test_schema)


def _is_date(value: Any) -> bool:
    """A format applies to strings only (a null date is the type's business)."""
    import datetime as dt

    if not isinstance(value, str):
        return True
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


# The keywords the generated schema uses. Each means the same in draft 7, which is what
# fastjsonschema compiles, as in draft 2020-12, which the schema declares and jsonschema
# checks ($defs is only a place $ref points into); tests/test_schema.py holds the generator
# to them.
KEYWORDS = frozenset(
    [
        "$schema",
        "$id",
        "$ref",
        "$defs",
        "title",
        "description",
        "type",
        "enum",
        "const",
        "required",
        "additionalProperties",
        "properties",
        "items",
        "minimum",
        "maximum",
        "pattern",
        "format",
        "anyOf",
    ]
)


@cache
def _compiled():
    import fastjsonschema

    schema = {**load_schema(), "$schema": "http://json-schema.org/draft-07/schema#"}
    return fastjsonschema.compile(schema, formats={"date": _is_date})


@cache
def _validator():
    import jsonschema

    checker = jsonschema.FormatChecker(["date"])
    checker.checks("date")(_is_date)
    return jsonschema.Draft202012Validator(load_schema(), format_checker=checker)


# ---------------------------------------------------------------- generating the schema

_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_optional(tp: Any) -> tuple[bool, Any]:
    """(True, X) for ``X | None``; (False, tp) otherwise."""
    if typing.get_origin(tp) in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) + 1 == len(typing.get_args(tp)) and len(args) == 1:
            return True, args[0]
    return False, tp


class _Generator:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def type_of(self, tp: Any) -> dict[str, Any]:
        optional, inner = _is_optional(tp)
        if optional:
            schema = self.type_of(inner)
            if "type" in schema:
                return {**schema, "type": [schema["type"], "null"]}
            if "enum" in schema:
                return {**schema, "enum": [*schema["enum"], None]}
            return {"anyOf": [schema, {"type": "null"}]}
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if tp in _SCALARS:
            return {"type": _SCALARS[tp]}
        if origin is Literal:
            return {"const": args[0]} if len(args) == 1 else {"enum": list(args)}
        if origin is list:
            return {"type": "array", "items": self.type_of(args[0])}
        if origin is tuple:
            items = [self.type_of(a) for a in args]
            return {"type": "array", "prefixItems": items, "minItems": len(items),
                    "maxItems": len(items)}  # fmt: skip
        if tp is dict or origin is dict:
            return {"type": "object"}
        if dataclasses.is_dataclass(tp):
            if tp.__name__ not in self.defs:
                self.defs[tp.__name__] = {}  # a placeholder: recursive types end here
                self.defs[tp.__name__] = self.object_of(tp)
            return {"$ref": f"#/$defs/{tp.__name__}"}
        raise TypeError(f"the schema generator has no rule for the type {tp!r}")

    def object_of(self, cls: type) -> dict[str, Any]:
        hints = _hints(cls)
        properties = {}
        for f in dataclasses.fields(cls):
            schema = self.type_of(hints[f.name])
            extra = dict(f.metadata.get("schema", {}))
            if "items" in extra and "items" in schema:
                schema["items"] = {**schema["items"], **extra.pop("items")}
            schema.update(extra)
            if "description" in f.metadata:
                schema = {"description": f.metadata["description"], **schema}
            properties[f.name] = schema
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        out: dict[str, Any] = {"type": "object"}
        if doc:
            out["description"] = " ".join(doc.split())
        out["required"] = list(properties)
        out["additionalProperties"] = False
        out["properties"] = properties
        return out


def generate() -> dict[str, Any]:
    """The JSON Schema of a notice's JSON, from pipeline.model."""
    from .model import SCHEMA_VERSION, Notice

    gen = _Generator()
    root = gen.object_of(Notice)
    root["required"] = ["schema_version", "pipeline_version", *root["required"]]
    root["properties"] = {
        "schema_version": {
            "description": "Version of this schema (docs/outputs.md#schema-versions).",
            "const": SCHEMA_VERSION,
        },
        "pipeline_version": {
            "description": "Version of notice-pipeline that wrote the file.",
            "type": "string",
        },
        **root["properties"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Notice",
        **root,
        "$defs": dict(sorted(gen.defs.items())),
    }


def generated_text() -> str:
    """The schema as schemas/notice.schema.json holds it."""
    return json.dumps(generate(), ensure_ascii=False, indent=2) + "\n"


def key_paths(schema: dict[str, Any] | None = None) -> list[str]:
    """What a reader of the JSON can rely on: every key as a path ("tables[].times[].kind")
    and every allowed value of an enumerated one ("tables[].times[].kind=dekad"), sorted.

    The rule for ``schema_version`` (docs/outputs.md#schema-versions) compares these: a path
    that appears is a minor change, one that disappears a major one.
    """
    schema = schema or generate()
    defs = schema.get("$defs", {})
    out: set[str] = set()

    def walk(node: dict[str, Any], path: str, seen: tuple[str, ...]) -> None:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in seen:  # a recursive type (Section.children) is walked once
                walk(defs[name], path, (*seen, name))
            return
        for option in node.get("anyOf", []):
            walk(option, path, seen)
        for value in node.get("enum", []) + ([node["const"]] if "const" in node else []):
            if value is not None and path != "schema_version":
                out.add(f"{path}={value}")
        if "items" in node:
            walk(node["items"], f"{path}[]", seen)
        for key, child in node.get("properties", {}).items():
            child_path = f"{path}.{key}" if path else key
            out.add(child_path)
            walk(child, child_path, seen)

    walk(schema, "", ())
    return sorted(out)


# ---------------------------------------------------------------- reading JSON back


def from_data(tp: Any, value: Any) -> Any:
    """``value`` (parsed JSON) as an instance of ``tp``, a model type, recursively."""
    read = _reader(tp)
    return value if read is None else read(value)


_READERS: dict[Any, Any] = {}


def _reader(tp: Any):
    """A function turning JSON of type ``tp`` into the model's objects; None when the JSON
    value already is one (a string, a list of numbers…). Built once per type: reading an
    archive's notices back for the dataset calls it for every value."""
    if tp in _READERS:
        return _READERS[tp]
    optional, inner = _is_optional(tp)
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if optional:
        read_inner = _reader(inner)
        read = None if read_inner is None else (lambda v: None if v is None else read_inner(v))
    elif origin is list:
        read_item = _reader(args[0])
        read = None if read_item is None else (lambda v: [read_item(x) for x in v])
    elif origin is tuple:
        items = [_reader(a) or (lambda x: x) for a in args]
        read = lambda v: tuple(r(x) for r, x in zip(items, v, strict=True))  # noqa: E731
    elif dataclasses.is_dataclass(tp):
        fields: dict[str, Any] = {}

        def read(v):
            unknown = v.keys() - fields.keys()
            if unknown:
                raise ValueError(f"{tp.__name__} has no field {', '.join(sorted(unknown))}")
            return tp(**{k: x if (r := fields[k]) is None else r(x) for k, x in v.items()})

        _READERS[tp] = read  # before its fields: a recursive type (Section) finds itself
        fields.update((name, _reader(hint)) for name, hint in _hints(tp).items())
    else:
        read = None
    _READERS[tp] = read
    return read


def keys_record() -> str:
    """tests/data/schema_keys.json: the version and the key paths it promises."""
    from .model import SCHEMA_VERSION

    record = {"schema_version": SCHEMA_VERSION, "keys": key_paths()}
    return json.dumps(record, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":  # make schema
    import sys

    sys.stdout.write(keys_record() if sys.argv[1:] == ["--keys"] else generated_text())
