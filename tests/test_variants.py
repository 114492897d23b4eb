"""The pipeline against the layout variants of samples/variants/ (scripts/make_variants.py).

Each variant is one notice written as data and rendered as .txt, .docx and .pdf; truth.json
holds what the pipeline must find in each file, by construction. One test per file asserts
every part the truth names (a failure lists every wrong part); another checks that the
committed files are what the generator writes, so the truth cannot drift from the files.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, script_module

import pipeline

VARIANTS = ROOT / "samples" / "variants"
TRUTH = json.loads((VARIANTS / "truth.json").read_text(encoding="utf-8"))
score_notice = script_module("score_variants").score_notice


@pytest.mark.parametrize("name", list(TRUTH), ids=str)
def test_variant_parts(name):
    path = VARIANTS / name
    if not path.exists():
        pytest.skip(f"{name} is not there (its PDF needs LibreOffice: make variants)")
    output = pipeline.extract(path).to_dict()
    wrong = [
        f"{part}: {message}" for part, ok, message in score_notice(output, TRUTH[name]) if not ok
    ]
    assert not wrong, f"{name}: {len(wrong)} wrong part(s)\n" + "\n".join(wrong)


def test_committed_text_and_truth_are_what_the_generator_writes(tmp_path):
    make_variants = script_module("make_variants")
    truth = make_variants.write_variants(tmp_path, docx=False, pdf=False)
    assert truth == TRUTH
    assert (tmp_path / "truth.json").read_bytes() == (VARIANTS / "truth.json").read_bytes()
    written = sorted(p.name for p in tmp_path.glob("*.txt"))
    assert written == sorted(p.name for p in VARIANTS.glob("*.txt"))
    for name in written:
        assert (tmp_path / name).read_bytes() == (VARIANTS / name).read_bytes(), name
    # every file the truth names is committed: .txt, .docx and .pdf of each variant
    assert sorted(TRUTH) == sorted(p.name for p in VARIANTS.iterdir() if p.name != "truth.json")


def test_score_notice_reports_each_wrong_part():
    truth = {
        "title": "某局关于某事的通知",
        "date": "2024-05-10",
        "recipients": ["各区"],
        "sections": [{"kind": "一、", "number": "一", "heading": "总体要求", "children": []}],
        "attachments": [{"label": "附件1", "title": "甲表", "tables": 1, "found": True}],
        "tables": 1,
        "warnings": ["no_date"],
        "masthead": None,
    }
    output = {
        "title": "某局关于某事的 通知",
        "date": "2024-05-11",
        "recipients": ["各区"],
        "sections": [{"kind": "一、", "number": "一", "heading": "", "children": []}],
        "attachments": [{"label": "附件1", "title": "甲表", "tables": [1], "found": True}],
        "tables": [{}],
        "warnings": [{"code": "no_title", "message": ""}],
        "masthead": None,
    }
    results = {part: (ok, message) for part, ok, message in score_notice(output, truth)}
    assert set(results) == set(truth)
    wrong = {part for part, (ok, _) in results.items() if not ok}
    assert wrong == {"date", "sections", "warnings"}
    assert "2024-05-11" in results["date"][1] and "2024-05-10" in results["date"][1]
