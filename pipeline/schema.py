"""The JSON Schema of the output (schemas/notice.schema.json) and validation against it."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
# Installed wheels carry the schema inside the package; a source checkout has it in schemas/.
_CANDIDATES = [_HERE / "notice.schema.json", _HERE.parent / "schemas" / "notice.schema.json"]


def schema_path() -> Path:
    for path in _CANDIDATES:
        if path.exists():
            return path
    raise FileNotFoundError("notice.schema.json is missing from the installation")


@cache
def load_schema() -> dict[str, Any]:
    return json.loads(schema_path().read_text(encoding="utf-8"))


def validation_errors(document: dict[str, Any]) -> list[str]:
    """Every way ``document`` breaks the schema, as "path: message" lines (empty if valid)."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in errors]
