"""The JSON Schema is generated from the model (pipeline/schema.py) and versioned by a rule.

- schemas/notice.schema.json is exactly what the model generates (`make schema` rewrites it);
- the golden outputs follow it, and read back into the model they give the same JSON;
- a key added to the model is a minor version, a key removed or renamed a major one
  (docs/outputs.md#schema-versions): tests/data/schema_keys.json records the keys of the
  current version.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import model
from pipeline.model import Notice
from pipeline.schema import generate, generated_text, key_paths, load_schema, schema_path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = sorted((ROOT / "samples" / "expected").glob("*.json"))
KEYS = ROOT / "tests" / "data" / "schema_keys.json"


def test_the_committed_schema_is_the_generated_one():
    committed = (ROOT / "schemas" / "notice.schema.json").read_text(encoding="utf-8")
    assert committed == generated_text(), "schemas/notice.schema.json is stale: run make schema"
    assert schema_path().read_text(encoding="utf-8") == committed


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_golden_outputs_follow_the_schema_and_read_back(path, validate):
    data = validate(path)
    notice = Notice.from_dict(data)
    assert isinstance(notice.source, model.Source)
    for table in notice.tables:
        assert all(isinstance(t, model.CellTime) for t in table.times)
        assert all(isinstance(u, model.Unit) for c in table.units for u in c.units)
        assert all(isinstance(f, model.FilledCell) for f in table.filled)
    assert all(isinstance(w, model.ParseWarning) for w in notice.warnings)
    assert notice.to_dict() == data


def _version(text: str) -> tuple[int, int]:
    major, minor = text.split(".")
    return int(major), int(minor)


def test_schema_version_follows_the_rule():
    recorded = json.loads(KEYS.read_text(encoding="utf-8"))
    now = key_paths()
    added = sorted(set(now) - set(recorded["keys"]))
    removed = sorted(set(recorded["keys"]) - set(now))
    old, new = _version(recorded["schema_version"]), _version(model.SCHEMA_VERSION)
    if removed:
        assert new[0] > old[0], f"keys removed or renamed {removed}: a major version is due"
    elif added:
        assert new > old, f"keys added {added}: a minor version is due"
    else:
        assert new == old, "the keys are unchanged: the version must not move"
    assert (added, removed, new) == ([], [], old), (
        "the version is right: record it with make schema (tests/data/schema_keys.json)"
    )


def test_the_schema_describes_every_key():
    missing = []

    def walk(node, path):
        for key, child in node.get("properties", {}).items():
            if "description" not in child:
                missing.append(f"{path}.{key}")
        for name, child in node.get("$defs", {}).items():
            walk(child, name)

    walk(generate(), "Notice")
    assert missing == []


def test_the_generator_refuses_a_type_it_has_no_rule_for():
    from dataclasses import dataclass

    from pipeline.schema import _Generator

    @dataclass
    class Odd:
        value: set[int]

    with pytest.raises(TypeError, match="no rule for the type"):
        _Generator().object_of(Odd)


def test_reading_back_refuses_unknown_keys():
    data = json.loads(GOLDEN[0].read_text(encoding="utf-8"))
    data["tables"][0]["surprise"] = 1
    with pytest.raises(ValueError, match="Table has no field surprise"):
        Notice.from_dict(data)


def test_a_scanned_image_is_a_format_the_schema_allows():
    formats = load_schema()["$defs"]["Source"]["properties"]["format"]["enum"]
    assert set(formats) == {"txt", "docx", "pdf", "doc", "wps", "image"}


def test_the_schema_uses_only_keywords_both_validators_read_alike():
    from pipeline.schema import KEYWORDS

    used = set()

    def walk(node):
        used.update(node)
        for key in ("properties", "$defs"):
            for child in node.get(key, {}).values():
                walk(child)
        for child in node.get("anyOf", []):
            walk(child)
        if isinstance(node.get("items"), dict):
            walk(node["items"])

    walk(generate())
    assert used <= KEYWORDS, used - KEYWORDS


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda d: d["tables"][0]["filled"][0].update(reason="guess"), "tables/0/filled/0/reason"),
        (lambda d: d.update(date="2024-02-30"), "date"),  # a day no calendar has
        (lambda d: d.update(surprise=1), "(root)"),
        (lambda d: d["source"].update(sha256="xyz"), "source/sha256"),
        (lambda d: d["tables"][0]["rows"].append([1]), "tables/0/rows/"),
    ],
)
def test_an_invalid_notice_gets_every_error_with_its_path(change, where):
    from pipeline.schema import validation_errors

    data = json.loads(GOLDEN[0].read_text(encoding="utf-8"))
    assert validation_errors(data) == []
    change(data)
    errors = validation_errors(data)
    assert errors and all(e.startswith(where) for e in errors), errors
    change(data)  # twice the fault where it adds: still reported
    assert validation_errors(data)
