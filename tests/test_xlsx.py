"""Excel outputs (--xlsx): NAME.xlsx beside NAME.json and dataset/dataset.xlsx, read back
with openpyxl and compared with the JSON."""

from __future__ import annotations

import json
import os
import shutil

import pytest

openpyxl = pytest.importorskip("openpyxl")

from conftest import SEED, manifest_lines, sample_files  # noqa: E402

import pipeline  # noqa: E402
from pipeline import ExtractOptions  # noqa: E402
from pipeline.model import Notice, ParseWarning, Source, Table  # noqa: E402
from pipeline.writers import write_notice  # noqa: E402
from pipeline.xlsx import CELL_LIMIT, MAX_WIDTH, display_width, notice_xlsx  # noqa: E402

SHADE = "FFFFF2CC"  # the filled cells' fill, as openpyxl reads it (ARGB)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Every sample (.docx, .pdf, .txt) converted with --xlsx."""
    out = tmp_path_factory.mktemp("xlsx") / "out"
    result = pipeline.convert(
        [str(p) for p in sample_files()], str(out), ExtractOptions(xlsx=True), jobs=2
    )
    assert all(e["status"] == "ok" for e in result.entries), result.entries
    return out


def doc_of(out, name: str) -> dict:
    return json.loads((out / f"{name}.json").read_text("utf-8"))


def values(sheet) -> list[list]:
    """The sheet's cells as the JSON has them: an empty cell as ""."""
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("sample", [p.name for p in sample_files()])
def test_each_table_is_a_sheet_with_the_json_values(archive, sample):
    doc = doc_of(archive, sample)
    book = openpyxl.load_workbook(archive / f"{sample}.xlsx")
    tables = doc["tables"]
    assert tables, "every sample has a table"
    assert book.sheetnames == ["notice", *(f"table{t['index']:02d}" for t in tables)]
    for table in tables:
        sheet = book[f"table{table['index']:02d}"]
        width = len(table["header"])
        rows = [row[:width] for row in values(sheet)]
        assert rows == [table["header"], *table["rows"]]
        # the header: bold, frozen (the rows scroll under it), with a filter
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])
        assert sheet.auto_filter.ref is not None
        # filled cells shaded, with a note naming the row and the column and why;
        # no other cell shaded or annotated
        filled = {(f["row"], f["col"]): f for f in table["filled"]}
        for r, row in enumerate(sheet.iter_rows(min_row=2), start=1):
            for c, cell in enumerate(row, start=1):
                f = filled.get((r, c))
                if f is None:
                    assert cell.comment is None and cell.fill.fill_type is None, cell.coordinate
                    continue
                assert cell.fill.fgColor.rgb == SHADE, cell.coordinate
                column = table["header"][f["from_col"] - 1]
                note, row = cell.comment.text, f["from_row"]
                assert note.startswith(f"取自第{row + 1}行（数据第{row}行）“{column}”")
                assert f"({f['reason']})" in note
                assert f"filled from sheet row {row + 1} (data row {row})" in note
                assert cell.value == table["rows"][f["from_row"] - 1][f["from_col"] - 1]


def test_the_seed_has_merged_and_blank_fills_and_kept_line_breaks(archive):
    docx = openpyxl.load_workbook(archive / "000_789e38767d8a56d8.docx.xlsx")["table01"]
    # 负责单位 of data row 4 (sheet row 5) comes from data row 3: a merge in the .docx
    cell = docx["F5"]
    assert cell.value == "市质检院" and cell.fill.fgColor.rgb == SHADE
    assert "原文中此格与上方单元格合并（merged）" in cell.comment.text
    txt = openpyxl.load_workbook(archive / f"{SEED.name}.xlsx")["table01"]
    assert "（blank）" in txt["F5"].comment.text and txt["F5"].value == "市质检院"
    # a cell over several lines keeps its line breaks and wraps
    cell = docx["F2"]
    assert cell.value == "主办单位：市局\n承办单位：浦东新区市场监管局\n协办单位：东方网"
    assert cell.alignment.wrap_text


def test_columns_are_as_wide_as_their_content_cjk_counting_twice(archive):
    doc = doc_of(archive, SEED.name)
    (table,) = doc["tables"]
    sheet = openpyxl.load_workbook(archive / f"{SEED.name}.xlsx")["table01"]
    by_column = {}  # xlsxwriter writes neighbours of one width as one range
    for dimension in sheet.column_dimensions.values():
        for c in range(dimension.min, dimension.max + 1):
            by_column[c] = dimension.width
    widths = {}
    for c, name in enumerate(table["header"]):
        widths[name] = by_column[c + 1]
        longest = max(display_width(v) for v in [name, *(row[c] for row in table["rows"])])
        assert widths[name] >= min(MAX_WIDTH, longest), name
        assert widths[name] <= MAX_WIDTH + 1, name
    assert widths["序号"] < 10  # "52": narrow
    # 活动时间's longest value, "5月9日、5月16日、5月20日": 8 CJK characters and 6 digits
    assert widths["活动时间"] >= 2 * 8 + 6
    assert int(widths["活动内容"]) == int(widths["活动名称"]) == MAX_WIDTH  # long: wrapped
    assert display_width("负责单位") == 8 and display_width("ab\n市局") == 4


def test_the_notice_sheet_holds_the_parts(archive):
    doc = doc_of(archive, "hz_gbk_crlf.txt")
    sheet = openpyxl.load_workbook(archive / "hz_gbk_crlf.txt.xlsx")["notice"]
    rows = values(sheet)
    assert rows[0][:3] == ["field", "部分", "value"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
    by_field: dict[str, list] = {}
    for row in rows[1:]:
        by_field.setdefault(row[0], []).append(row[2:])
    assert by_field["title"] == [[doc["title"], "", "", ""]]
    assert by_field["doc_number"][0][0] == doc["doc_number"] == "杭市监计量〔2024〕12号"
    assert by_field["issuer"][0][:2] == [doc["issuer"], doc["issuer_from"]]
    assert by_field["date"][0][:2] == [doc["date"], doc["date_raw"]]
    assert [r[0] for r in by_field["recipients"]] == doc["recipients"]
    assert [(r[0], r[1], r[2], r[3]) for r in by_field["attachments"]] == [
        (a["title"], a["label"], "；".join(f"table{k:02d}" for k in a["tables"]), a["found"])
        for a in doc["attachments"]
    ]
    assert [r[:2] for r in by_field["tables"]] == [
        [f"table{t['index']:02d}", t["title"]] for t in doc["tables"]
    ]
    assert "warnings" not in by_field  # none in this notice


def test_warnings_and_long_cells_and_formulas():
    doc = Notice(
        source=Source(path="x.txt", name="x.txt", format="txt", sha256="0" * 64, size=1),
        title='=HYPERLINK("http://x")',
        warnings=[ParseWarning("no_date", "x.txt: no 成文日期 found")],
        tables=[Table(1, None, None, ["序号", "内容"], [["1", "长" * (CELL_LIMIT + 5)]])],
    )
    import io

    book = openpyxl.load_workbook(io.BytesIO(notice_xlsx(doc)))
    rows = values(book["notice"])
    assert rows[-2][:4] == ["warnings", "警告", "x.txt: no 成文日期 found", "no_date"]
    assert rows[2][2] == '=HYPERLINK("http://x")'  # text, never a formula
    assert book["notice"]["C3"].data_type == "s"
    cell = book["table01"]["B2"]
    assert cell.value == "长" * CELL_LIMIT
    assert f"原文{CELL_LIMIT + 5}字" in cell.comment.text


def test_the_manifest_lists_the_workbook_and_reruns_check_it(tmp_path):
    out = tmp_path / "out"
    options = ExtractOptions(xlsx=True)
    pipeline.convert([str(SEED)], str(out), options)
    (entry,) = manifest_lines(out)
    assert entry["files"] == [f"{SEED.name}.json", f"{SEED.name}.table01.csv", f"{SEED.name}.xlsx"]
    assert entry["options"] != ExtractOptions().digest()  # --xlsx is in the options' digest
    assert not [p for p in os.listdir(out) if p.endswith(".part")]
    # unchanged: skipped; a deleted workbook is written again
    pipeline.convert([str(SEED)], str(out), options)
    assert manifest_lines(out)[0]["status"] == "skipped"
    (out / f"{SEED.name}.xlsx").unlink()
    pipeline.convert([str(SEED)], str(out), options)
    assert manifest_lines(out)[0]["status"] == "ok" and (out / f"{SEED.name}.xlsx").exists()
    # without --xlsx: converted again (other options) and the workbook goes
    pipeline.convert([str(SEED)], str(out), ExtractOptions())
    (entry,) = manifest_lines(out)
    assert entry["status"] == "ok" and f"{SEED.name}.xlsx" not in entry["files"]
    assert not (out / f"{SEED.name}.xlsx").exists()
    assert not (out / "dataset" / "dataset.xlsx").exists()


def test_the_workbook_is_written_with_the_other_outputs_all_or_nothing(tmp_path, monkeypatch):
    from pipeline import storage

    batches = []
    real = storage.write_all_atomic
    monkeypatch.setattr(storage, "write_all_atomic", lambda files: (batches.append(
        [os.path.basename(location) for location, _ in files]), real(files)))  # fmt: skip
    write_notice(pipeline.extract(SEED), tmp_path, SEED.name, xlsx=True)
    assert batches == [[f"{SEED.name}.json", f"{SEED.name}.table01.csv", f"{SEED.name}.xlsx"]]


def test_removed_with_the_notices_outputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    out = tmp_path / "out"
    pipeline.convert([str(folder)], str(out), ExtractOptions(xlsx=True))
    assert (out / f"{SEED.name}.xlsx").exists()
    (folder / SEED.name).unlink()
    pruned = pipeline.batch.prune(str(out))
    assert [e["output"] for e in pruned] == [SEED.name]
    assert sorted(os.listdir(out)) == ["dataset", "manifest.jsonl"]
    # a failed conversion leaves no output either
    (folder / SEED.name).write_bytes(b"")
    pipeline.convert([str(folder)], str(out), ExtractOptions(xlsx=True))
    assert manifest_lines(out)[0]["status"] == "failed"
    assert not (out / f"{SEED.name}.xlsx").exists()


def test_dataset_xlsx_holds_the_datasets_sheets(archive):
    data = pipeline.read_dataset(archive)
    book = openpyxl.load_workbook(archive / "dataset" / "dataset.xlsx")
    assert book.sheetnames == ["documents", "rows"]
    for name, frame in (("documents", data.documents), ("rows", data.rows)):
        sheet = book[name]
        assert sheet.freeze_panes == "A2" and all(c.font.b for c in sheet[1])
        rows = values(sheet)
        assert rows[0] == list(frame.columns)
        assert len(rows) == len(frame) + 1
    documents = values(book["documents"])
    header = documents[0]
    seed = next(r for r in documents if r[header.index("output")] == SEED.name)
    doc = doc_of(archive, SEED.name)
    assert seed[header.index("title")] == doc["title"]
    assert seed[header.index("recipients")] == "；".join(doc["recipients"])
    assert seed[header.index("rows")] == 52  # counts are numbers
    # rows: the filled cells of the tables' own columns shaded, with a note
    sheet = book["rows"]
    header = [c.value for c in sheet[1]]
    at = {name: k for k, name in enumerate(header)}
    table = doc["tables"][0]
    filled = {f["row"]: f for f in table["filled"]}
    seen = 0
    for row in sheet.iter_rows(min_row=2):
        if row[at["output"]].value != SEED.name:
            continue
        k = row[at["row"]].value
        cell = row[at["负责单位"]]
        assert row[at["filled"]].value == ("负责单位" if k in filled else None)
        if k in filled:
            seen += 1
            f = filled[k]
            assert cell.fill.fgColor.rgb == SHADE
            assert cell.comment.text.startswith(
                f"取自{SEED.name} 表1的数据第{f['from_row']}行“负责单位”"
            )
        else:
            assert cell.comment is None and cell.fill.fill_type is None
        units = data.rows.loc[(data.rows["output"] == SEED.name) & (data.rows["row"] == k)]
        assert row[at["units"]].value in (None, "；".join(units["units"].iloc[0]))
    assert seen == len(filled) == 28


def test_dataset_xlsx_beside_sqlite_and_gone_without_the_option(tmp_path):
    out = tmp_path / "out"
    pipeline.convert([str(SEED)], str(out), ExtractOptions(xlsx=True), dataset_format="sqlite")
    assert sorted(os.listdir(out / "dataset")) == ["dataset.xlsx", "notices.db"]
    book = openpyxl.load_workbook(out / "dataset" / "dataset.xlsx")
    assert book["documents"].max_row == 2 and book["rows"].max_row == 53
    pipeline.convert([str(SEED)], str(out), ExtractOptions(), dataset_format="sqlite")
    assert sorted(os.listdir(out / "dataset")) == ["notices.db"]
    result = pipeline.convert([str(SEED)], str(out), ExtractOptions(xlsx=True))
    assert sorted(os.listdir(out / "dataset")) == ["dataset.xlsx", "documents.csv", "rows.csv"]
    assert str(out / "dataset" / "dataset.xlsx") in result.dataset


def test_the_command_line_option_writes_the_workbooks(tmp_path):
    from conftest import run_cli

    out = tmp_path / "out"
    result = run_cli("extract", SEED, "-o", out, "--xlsx", "-q")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out / f"{SEED.name}.xlsx")
    assert book.sheetnames == ["notice", "table01"]
    assert (out / "dataset" / "dataset.xlsx").exists()
    assert f"{SEED.name}.xlsx" in manifest_lines(out)[0]["files"]
