"""Every sample against its golden output (checked by hand), and the seed's facts."""

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest
from conftest import EXPECTED, ROOT, SEED, SHARED, sample_files

import pipeline
from pipeline.writers import table_csv


def extract_relative(path):
    """Extract with the path relative to the repository, as the golden files record it."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return pipeline.extract(path.relative_to(ROOT))
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("sample", sample_files(), ids=lambda p: p.name)
def test_sample_matches_golden_json_and_csv(sample, validate):
    notice = extract_relative(sample)
    got = notice.to_dict()
    want = json.loads((EXPECTED / f"{sample.name}.json").read_text(encoding="utf-8"))
    assert got == want
    validate(got)
    # the JSON file's text (orjson) is the standard library's, byte for byte
    assert notice.to_json() == json.dumps(got, ensure_ascii=False, indent=2)
    assert json.loads(notice.to_json(indent=False)) == got
    for table in notice.tables:
        golden = (EXPECTED / f"{sample.name}.table{table.index:02d}.csv").read_bytes()
        assert table_csv(table) == golden
    assert not (EXPECTED / f"{sample.name}.table{len(notice.tables) + 1:02d}.csv").exists()


def independent_parse(text):
    """Layout (a) read by a different method: split rows on blank lines, cells on tabs."""
    part = text[text.index("\t序号") :]
    rows = []
    for chunk in re.split(r"\n *\n(?=\t)", part.strip("\n ")):
        cells = []
        for line in chunk.rstrip("\n ").split("\n"):
            if line.startswith("\t"):
                cells.append(line[1:].strip())
            else:
                cells[-1] += "\n" + line.strip()
        rows.append(cells)
    return rows


def test_seed_table_equals_the_text_except_the_filled_cells():
    notice = pipeline.extract(SEED)
    table = notice.tables[0]
    rows = independent_parse(SEED.read_text(encoding="utf-8"))
    assert table.header == rows[0]
    filled = {(f.row, f.col): f for f in table.filled}
    assert len(table.rows) == len(rows) - 1 == 52
    for r, (ours, theirs) in enumerate(zip(table.rows, rows[1:], strict=True), start=1):
        for c, (a, b) in enumerate(zip(ours, theirs, strict=True), start=1):
            if (r, c) in filled:
                f = filled[(r, c)]
                assert b == "" and a == rows[f.from_row][c - 1] != ""
            else:
                assert a == b


def test_seed_facts_from_the_issue():
    n = pipeline.extract(SEED)
    assert n.title == "上海市市场监督管理局关于开展2024年上海市“世界计量日”系列宣传活动的通知"
    assert (n.issuer, n.doc_type, n.date, n.date_raw) == (
        "上海市市场监督管理局",
        "通知",
        "2024-04-29",
        "2024年4月29日",
    )
    assert len(n.recipients) == 6 and n.recipients[2] == "市局执法总队、机场分局"
    assert [(s.number, s.heading, len(s.children)) for s in n.sections] == [
        ("一", "活动时间", 0),
        ("二", "活动主题", 0),
        ("三", "主要活动内容", 3),
        ("四", "活动要求", 3),
    ]
    assert [(r.title, r.doc_number) for r in n.references] == [
        ("市场监管总局办公厅关于组织开展2024年“世界计量日”活动的通知", "市监计量函〔2024〕146号")
    ]
    assert [(c.name, c.phone, c.email) for c in n.contacts] == [
        ("何佳亮", ["64220000转2396分机"], ["18321234084@163.com"])
    ]
    assert [(a.label, a.title, a.tables) for a in n.attachments] == [
        ("附件", "2024年上海市“世界计量日”系列宣传活动安排汇总表", [1])
    ]
    (table,) = n.tables
    assert table.header == ["序号", "活动名称", "活动内容", "活动时间", "宣传形式", "负责单位"]
    assert len(table.rows) == 52
    rows = [4, 6, 8, 9, 11, 15, 17, 18, 21, 22, 23, 25, 26, 28, 29, 31, 32, 34, 35, 37, 38, 39,
            41, 43, 44, 45, 46, 47]  # fmt: skip
    assert [(f.row, f.column, f.reason) for f in table.filled] == [
        (r, "负责单位", "blank") for r in rows
    ]
    assert table.rows[3][5] == "市质检院" and table.rows[46][5] == "崇明区市场监管局"
    assert table.rows[0][5] == "主办单位：市局\n承办单位：浦东新区市场监管局\n协办单位：东方网"
    assert table.rows[27][1] == "" and table.rows[16][3] == "" and table.rows[3][4] == ""


def test_gbk_sample_exercises_what_the_seed_does_not():
    n = pipeline.extract(ROOT / "samples" / "hz_gbk_crlf.txt")
    assert n.source.encoding == "gb18030"
    assert (n.doc_number, n.date, n.date_raw) == (
        "杭市监计量〔2024〕12号",
        "2024-03-15",
        "二〇二四年三月十五日",
    )
    levels = []

    def walk(sections):
        for s in sections:
            levels.append(s.level)
            walk(s.children)

    walk(n.sections)
    assert set(levels) == {1, 2, 3, 4}
    assert [a.label for a in n.attachments] == ["附件1", "附件2"]
    first = n.tables[0]
    assert first.rows[2][4] == "" and first.rows[0][6] == ""  # 配合单位, 备注: genuinely blank
    assert [(f.row, f.column) for f in first.filled] == [(2, "牵头单位"), (3, "牵头单位")]


@pytest.mark.skipif(not (SHARED / "tools" / "check_contract.py").exists(), reason="no ../shared")
def test_contract_tool_passes_on_the_seed(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import cli

    result = CliRunner().invoke(cli, ["extract", str(SEED), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    check = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "check_contract.py"),
            str(tmp_path / f"{SEED.name}.json"),
        ],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout
    assert check.stdout.strip().endswith(f"0 problems in {tmp_path / SEED.name}.json")


def test_golden_csv_reads_back_as_the_json_rows():
    for sample in sample_files():
        doc = json.loads((EXPECTED / f"{sample.name}.json").read_text(encoding="utf-8"))
        for table in doc["tables"]:
            text = (EXPECTED / f"{sample.name}.table{table['index']:02d}.csv").read_text(
                encoding="utf-8"
            )
            rows = list(csv.reader(io.StringIO(text, newline="")))
            assert rows == [table["header"], *table["rows"]]
