"""CSV outputs: table files numbered with two digits (they sort), list cells joined with
"；", and --csv-encoding on every CSV (the tables' and the dataset's)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil

import pytest
from conftest import SEED, manifest_lines, run_cli

import pipeline
from pipeline import ExtractOptions
from pipeline.model import Table
from pipeline.writers import output_files, table_csv, table_file, write_notice

GBK = SEED.parent / "hz_gbk_crlf.txt"


def twelve_tables(folder, n: int = 12):
    """A .txt notice whose attachments hold ``n`` tables (附件1 … 附件n)."""
    lines = ["上海市市场监督管理局关于开展十二项检查的通知", "", "各区市场监管局：",
             "　　现将有关事项通知如下。", "",
             "　　附件：" + "\n　　　　　".join(f"{k}．检查安排表{k}" for k in range(1, n + 1)),
             "", "　　　　上海市市场监督管理局", "　　　　2024年4月29日", ""]  # fmt: skip
    for k in range(1, n + 1):
        lines += [f"附件{k}", "", f"检查安排表{k}", "", "序号\t检查对象\t负责单位",
                  f"1\t对象{k}甲\t市局", f"2\t对象{k}乙\t", ""]  # fmt: skip
    path = folder / "twelve.txt"
    path.write_text("\n".join(lines), "utf-8")
    return path


def test_table_files_have_two_digits(tmp_path):
    result = run_cli("extract", GBK, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    names = sorted(os.listdir(tmp_path / "out"))
    assert [n for n in names if n.endswith(".csv")] == [
        "hz_gbk_crlf.txt.table01.csv",
        "hz_gbk_crlf.txt.table02.csv",
    ]
    assert manifest_lines(tmp_path / "out")[0]["files"] == output_files("hz_gbk_crlf.txt", 2)
    assert output_files("n", 2, xlsx=True) == ["n.json", "n.table01.csv", "n.table02.csv",
                                              "n.xlsx"]  # fmt: skip
    # three digits for every table of a notice with 100 or more, so they still sort
    assert table_file("n", 7, 99) == "n.table07.csv"
    assert table_file("n", 7, 120) == "n.table007.csv"


def test_ten_tables_or_more_sort_in_their_order(tmp_path):
    notice = twelve_tables(tmp_path)
    out = tmp_path / "out"
    result = run_cli("extract", notice, "-o", out)
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "twelve.txt.json").read_text("utf-8"))
    assert len(doc["tables"]) == 12
    csvs = sorted(n for n in os.listdir(out) if n.endswith(".csv"))  # as a folder lists them
    assert csvs == [f"twelve.txt.table{k:02d}.csv" for k in range(1, 13)]
    for name, table in zip(csvs, doc["tables"], strict=True):
        rows = list(csv.reader(io.StringIO((out / name).read_text("utf-8"), newline="")))
        assert rows == [table["header"], *table["rows"]]
        assert rows[1][1] == f"对象{table['index']}甲"


def test_the_old_names_go_when_a_notice_is_written_again(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for k in range(1, 4):  # an earlier version's outputs: three tables, unpadded
        (out / f"{GBK.name}.table{k}.csv").write_text("old", "utf-8")
    written = write_notice(pipeline.extract(GBK), out, GBK.name)
    assert [os.path.basename(p) for p in written] == output_files(GBK.name, 2)
    assert sorted(os.listdir(out)) == output_files(GBK.name, 2)


def test_an_archive_of_the_old_names_is_converted_again(tmp_path):
    out = tmp_path / "out"
    pipeline.convert([str(GBK)], str(out))
    # as an earlier version left it: NAME.table1.csv… listed in the manifest
    lines = manifest_lines(out)
    for k in (1, 2):
        os.rename(out / f"{GBK.name}.table{k:02d}.csv", out / f"{GBK.name}.table{k}.csv")
    lines[0]["files"] = [f"{GBK.name}.json", f"{GBK.name}.table1.csv", f"{GBK.name}.table2.csv"]
    (out / "manifest.jsonl").write_text(json.dumps(lines[0], ensure_ascii=False) + "\n", "utf-8")
    pipeline.convert([str(GBK)], str(out))
    assert manifest_lines(out)[0]["status"] == "ok"  # not skipped
    assert sorted(n for n in os.listdir(out) if n.endswith(".csv")) == [
        f"{GBK.name}.table01.csv",
        f"{GBK.name}.table02.csv",
    ]


def read(path, encoding="utf-8"):
    return list(csv.reader(io.StringIO(path.read_text(encoding), newline="")))


def test_lists_are_joined_with_a_full_width_semicolon(tmp_path):
    out = tmp_path / "out"
    pipeline.convert([str(SEED)], str(out))
    doc = json.loads((out / f"{SEED.name}.json").read_text("utf-8"))
    documents = read(out / "dataset" / "documents.csv")
    record = dict(zip(documents[0], documents[1], strict=True))
    assert record["recipients"] == "；".join(doc["recipients"])
    assert record["recipients"].startswith("各区市场监管局；临港新片区市场监管局；")
    assert record["attachments"] == doc["attachments"][0]["title"]
    rows = read(out / "dataset" / "rows.csv")
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["units"] == (
        "上海市市场监督管理局；上海市浦东新区市场监督管理局；东方网"
    )  # 主办, 承办, 协办 of row 1
    assert first["districts"] == "浦东新区" and first["adcodes"] == "310115000000"
    assert first["负责单位.units"] == first["units"]
    fourth = dict(zip(rows[0], rows[4], strict=True))
    assert fourth["filled"] == "负责单位" and fourth["districts"] == ""
    # read_dataset gives lists back; the JSON keeps them as lists
    data = pipeline.read_dataset(out)
    assert data.documents.loc[0, "recipients"] == doc["recipients"]
    assert data.rows.loc[0, "units"] == first["units"].split("；")
    assert data.rows.loc[3, "units"] == ["上海市质量监督检验技术研究院"]
    assert data.rows.loc[1, "districts"] == []
    # a list in a table's cell, too
    table = Table(index=1, title=None, attachment=None, header=["a", "b"],
                      rows=[[["甲", "乙"], None]])  # fmt: skip
    assert table_csv(table) == "a,b\n甲；乙,\n".encode()


def test_a_dataset_of_json_arrays_is_still_read(tmp_path):
    out = tmp_path / "out"
    pipeline.convert([str(SEED)], str(out))
    rows = read(out / "dataset" / "rows.csv")
    at = rows[0].index("units")
    for row in rows[1:]:  # as earlier versions wrote it
        row[at] = json.dumps(row[at].split("；") if row[at] else [], ensure_ascii=False)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (out / "dataset" / "rows.csv").write_text(buf.getvalue(), "utf-8")
    assert pipeline.read_dataset(out).rows.loc[3, "units"] == ["上海市质量监督检验技术研究院"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encoding_applies_to_every_csv(tmp_path, encoding):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    shutil.copy(GBK, folder / GBK.name)
    out = tmp_path / "out"
    result = run_cli("extract", folder, "-o", out, "--csv-encoding", encoding)
    assert result.exit_code == 0, result.output
    files = [
        out / f"{SEED.name}.table01.csv",
        out / f"{GBK.name}.table01.csv",
        out / f"{GBK.name}.table02.csv",
        out / "dataset" / "documents.csv",
        out / "dataset" / "rows.csv",
    ]
    for path in files:
        data = path.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig"), path.name
        assert (b"\r\n" in data) == (encoding == "utf-8-sig"), path.name
        text = data.decode(encoding)  # utf-8-sig: the BOM goes, as Excel reads it
        assert not text.startswith("\ufeff")
        if encoding == "gb18030":
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
        first = text.splitlines()[0]
        assert first.startswith(("序号", "source")), (path.name, first)
    rows = read(out / "dataset" / "rows.csv", encoding)
    assert "上海市质量监督检验技术研究院" in {r[rows[0].index("units")] for r in rows[1:]}
    # the dataset read back, whatever its encoding
    assert len(pipeline.read_dataset(out).rows) == 52 + 7
    # prune rebuilds the dataset in the encoding it had
    (folder / GBK.name).unlink()
    result = run_cli("prune", out)
    assert result.exit_code == 0, result.output
    data = (out / "dataset" / "rows.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
    assert len(read(out / "dataset" / "rows.csv", encoding)) == 53


def test_csv_encoding_is_in_the_digest():
    assert ExtractOptions(csv_encoding="gb18030").digest() != ExtractOptions().digest()
