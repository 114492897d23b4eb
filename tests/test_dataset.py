"""The archive's dataset: canonical row columns, CSV encodings, SQLite, incremental builds."""

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES, SEED

from pipeline import dataset
from pipeline.cli import cli
from pipeline.dataset import build, read_dataset
from pipeline.identity import notice_id_of
from pipeline.model import Notice, Source

INPUTS = [
    SEED,
    SEED.with_suffix(".docx"),
    SEED.with_suffix(".pdf"),
    SAMPLES / "hz_gbk_crlf.txt",  # 牵头单位 + 完成时限, 责任单位 + 检查时间
    SAMPLES / "zj_utf16_letter.txt",
    SAMPLES / "table_header.docx",
    SAMPLES / "variants" / "v15_anhui_attachment_missing.txt",  # 承检机构 and 牵头单位
    SAMPLES / "bad" / "encrypted_secret.pdf",  # fails
]
SEED_TXT = SEED.name


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def manifest(outdir):
    return [json.loads(x) for x in (outdir / "manifest.jsonl").read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """An archive of the inputs and OUTDIR converted from it once (CSV dataset)."""
    base = tmp_path_factory.mktemp("dataset")
    archive = base / "archive"
    archive.mkdir()
    for path in INPUTS:
        shutil.copy(path, archive / path.name)
    result = run("extract", archive, "-o", base / "out", "--jobs", "1")
    assert result.exit_code == 1, result.output  # the encrypted PDF failed
    return base


@pytest.fixture
def work(converted, tmp_path):
    """A copy of the converted archive and its OUTDIR, free to change: the copy's
    manifest names the copied inputs, so that it is the same archive."""
    for folder in ("archive", "out"):
        shutil.copytree(converted / folder, tmp_path / folder)
    lines = (tmp_path / "out" / "manifest.jsonl").read_text("utf-8")
    lines = lines.replace(json.dumps(str(converted))[1:-1], json.dumps(str(tmp_path))[1:-1])
    (tmp_path / "out" / "manifest.jsonl").write_text(lines, "utf-8")
    return tmp_path / "archive", tmp_path / "out"


def output_json(out, name):
    return json.loads((out / f"{name}.json").read_text("utf-8"))


def frames(out, fmt, **options):
    build(str(out), manifest(out), fmt, **options)
    return read_dataset(out)


def test_documents_have_notice_id_and_format(work):
    _, out = work
    entries = manifest(out)
    for entry in entries:  # a manifest written before notice_id: computed from the JSON
        entry.pop("notice_id", None)
    build(str(out), entries)
    docs = read_dataset(out).documents.set_index("output")
    seed = docs.loc[[SEED_TXT, SEED.stem + ".docx", SEED.stem + ".pdf"]]
    assert list(seed["format"]) == ["txt", "docx", "pdf"]
    assert set(seed["notice_id"]) == {notice_id_of(Notice.from_dict(output_json(out, SEED_TXT)))}
    assert docs.loc["hz_gbk_crlf.txt", "notice_id"] != seed["notice_id"].iloc[0]
    assert "encrypted_secret.pdf" not in docs.index


def test_canonical_columns_whatever_the_tables_call_them(work):
    _, out = work
    rows = frames(out, "csv").rows
    assert list(rows.columns[8:14]) == ["notice_id", "units", "districts", "adcodes", "start",
                                        "end"]  # fmt: skip
    seed = rows[rows["output"] == SEED_TXT].set_index("row")
    table = output_json(out, SEED_TXT)["tables"][0]
    assert table["header"][5] == "负责单位"
    first = next(u for u in table["units"] if u["row"] == 1)["units"]
    assert (
        seed.loc[1, "units"]
        == [u["full_name"] for u in first]
        == [
            "上海市市场监督管理局",
            "上海市浦东新区市场监督管理局",
            "东方网",
        ]
    )
    assert seed.loc[1, "districts"] == ["浦东新区"]
    assert seed.loc[1, "adcodes"] == ["310115000000"]
    assert seed.loc[1, "start"] == pd.Timestamp("2024-05-17") == seed.loc[1, "end"]
    # 5月9日、5月16日、5月20日: from the first day to the last
    assert (seed.loc[4, "start"], seed.loc[4, "end"]) == (
        pd.Timestamp("2024-05-09"),
        pd.Timestamp("2024-05-20"),
    )
    assert seed.loc[4, "units"] == ["上海市质量监督检验技术研究院"]  # filled from row 3
    assert seed.loc[2, "districts"] == [] and seed.loc[2, "adcodes"] == []
    for k, row in seed.iterrows():  # every row agrees with the JSON
        times = [t for t in table["times"] if t["row"] == k and t["start"]]
        if times:
            assert row["start"] == pd.Timestamp(min(t["start"] for t in times))
            assert row["end"] == pd.Timestamp(max(t["end"] for t in times))
        else:
            assert pd.isna(row["start"]) and pd.isna(row["end"])
        units = [u["full_name"] for e in table["units"] if e["row"] == k for u in e["units"]]
        assert row["units"] == list(dict.fromkeys(units))
    # 牵头单位 + 完成时限 and 责任单位 + 检查时间 land in the same columns
    hz = rows[rows["output"] == "hz_gbk_crlf.txt"].set_index(["table", "row"])
    assert hz.loc[(1, 1), "units"] == ["杭州市上城区市场监督管理局"]
    assert hz.loc[(1, 1), "adcodes"] == ["330102000000"]
    assert hz.loc[(1, 1), "start"] == pd.Timestamp("2024-05-31")
    assert hz.loc[(2, 2), "units"] == ["杭州市拱墅区市场监督管理局"]
    assert hz.loc[(2, 2), "districts"] == ["拱墅区"]
    assert (hz.loc[(2, 2), "start"], hz.loc[(2, 2), "end"]) == (
        pd.Timestamp("2024-04-15"),
        pd.Timestamp("2024-05-10"),
    )
    # Two responsible columns of one row (承检机构, 牵头单位): both, in column order.
    anhui = rows[rows["output"] == "v15_anhui_attachment_missing.txt"].iloc[0]
    assert anhui["units"] == ["安徽省产品质量监督检验研究院", "省局产品质量安全监督管理处"]
    assert pd.isna(anhui["start"])
    assert rows["units"].map(type).eq(list).all()
    assert str(rows["start"].dtype).startswith("datetime64")
    # the per-column columns are still there
    assert seed.loc[1, "负责单位.districts"] == ["浦东新区"]
    assert seed.loc[1, "活动时间.start"] == pd.Timestamp("2024-05-17")


def test_read_dataset_gives_the_same_frames_for_every_format(work):
    pytest.importorskip("pyarrow")
    _, out = work
    csv = frames(out, "csv")
    for fmt, files in [("parquet", ["documents.parquet", "rows.parquet"]),
                       ("sqlite", ["notices.db"])]:  # fmt: skip
        data = frames(out, fmt)
        assert sorted(p.name for p in (out / "dataset").iterdir()) == files
        pd.testing.assert_frame_equal(data.documents, csv.documents)
        pd.testing.assert_frame_equal(data.rows, csv.rows)
    assert frames(out, "csv").rows.shape == csv.rows.shape  # and back: notices.db goes
    assert not (out / "dataset" / "notices.db").exists()


def test_csv_encodings(work):
    _, out = work
    utf8 = frames(out, "csv")
    gb = frames(out, "csv", csv_encoding="gb18030")
    data = (out / "dataset" / "rows.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "上海市浦东新区市场监督管理局" in data.decode("gb18030")
    assert "世界计量日" in (out / "dataset" / "documents.csv").read_bytes().decode("gb18030")
    pd.testing.assert_frame_equal(gb.rows, utf8.rows)
    sig = frames(out, "csv", csv_encoding="utf-8-sig")
    assert (out / "dataset" / "rows.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    pd.testing.assert_frame_equal(sig.documents, utf8.documents)
    with pytest.raises(ValueError, match="csv_encoding"):
        build(str(out), manifest(out), "csv", csv_encoding="latin-1")


def db_of(out):
    conn = sqlite3.connect(out / "dataset" / "notices.db")
    conn.row_factory = sqlite3.Row
    return conn


def count(conn, sql, *args):
    return conn.execute(sql, args).fetchone()[0]


def test_sqlite_tables_match_the_csv_dataset(work):
    _, out = work
    csv = frames(out, "csv")
    build(str(out), manifest(out), "sqlite")
    conn = db_of(out)
    assert count(conn, "SELECT count(*) FROM documents") == len(csv.documents) == 7
    assert count(conn, "SELECT count(*) FROM rows") == len(csv.rows)
    width_x_rows = 0
    for entry in manifest(out):
        if entry["status"] == "ok":
            for table in output_json(out, entry["output"])["tables"]:
                width_x_rows += len(table["header"]) * len(table["rows"])
    assert count(conn, "SELECT count(*) FROM cells") == width_x_rows > 0
    assert count(conn, "SELECT count(*) FROM tables") == int(csv.documents["tables"].sum())
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    # one row, its canonical columns, its values keyed by column name
    row = conn.execute(
        'SELECT * FROM rows WHERE document = ? AND "table" = 1 AND row = 4', (SEED_TXT,)
    ).fetchone()
    assert json.loads(row["units"]) == ["上海市质量监督检验技术研究院"]
    assert (row["start"], row["end"]) == ("2024-05-09", "2024-05-20")
    assert json.loads(row["data"])["负责单位"] == "市质检院"
    assert json.loads(row["filled"]) == ["负责单位"]
    cell = conn.execute(
        'SELECT * FROM cells WHERE document = ? AND "table" = 1 AND row = 4 AND col = 6',
        (SEED_TXT,),
    ).fetchone()
    assert (cell["column"], cell["value"], cell["filled"], cell["merged"], cell["from_row"]) == (
        "负责单位", "市质检院", 1, 0, 3
    )  # fmt: skip
    doc = conn.execute("SELECT * FROM documents WHERE output = ?", (SEED_TXT,)).fetchone()
    assert doc["format"] == "txt" and doc["date"] == "2024-04-29"
    assert json.loads(doc["recipients"])[0] == "各区市场监管局"
    assert "世界计量日" in doc["body"]
    assert count(conn, "SELECT count(*) FROM attachments WHERE document = ?", SEED_TXT) == 1
    # full-text search on titles (and bodies)
    found = conn.execute(
        "SELECT d.output FROM documents_fts f JOIN documents d ON d.rowid = f.rowid "
        "WHERE documents_fts MATCH ? ORDER BY d.output",
        ("世界计量日",),
    ).fetchall()
    assert [r[0] for r in found] == sorted([SEED_TXT, SEED.stem + ".docx", SEED.stem + ".pdf"])
    # failures: the encrypted PDF
    failures = [dict(r) for r in conn.execute("SELECT * FROM failures")]
    assert [(f["output"], f["status"], f["type"]) for f in failures] == [
        ("encrypted_secret.pdf", "failed", "encrypted")
    ]
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"idx_documents_notice_id", "idx_documents_issuer", "idx_documents_date"} <= indexes
    conn.close()


def rowids(conn):
    """Per document: the rowids of its lines in documents and cells."""
    result = {}
    for (output,) in conn.execute("SELECT output FROM documents"):
        result[output] = (
            count(conn, "SELECT rowid FROM documents WHERE output = ?", output),
            conn.execute(
                "SELECT min(rowid), max(rowid), count(*) FROM cells WHERE document = ?", (output,)
            ).fetchone(),
        )
    return result


def test_sqlite_incremental_replaces_only_the_changed_document(work):
    archive, out = work
    build(str(out), manifest(out), "sqlite")
    conn = db_of(out)
    before = rowids(conn)
    conn.close()
    # The .txt of the seed changes; it is converted again.
    seed = archive / SEED_TXT
    seed.write_text(
        seed.read_text("utf-8").replace("系列计量进社区便民活动", "系列计量进社区便民服务"), "utf-8"
    )
    result = run("extract", archive, "-o", out, "--jobs", "1", "--dataset-format", "none")
    assert result.exit_code == 1, result.output
    entries = manifest(out)
    assert {e["output"]: e["status"] for e in entries}[SEED_TXT] == "ok"
    build(str(out), entries, "sqlite", changed={SEED_TXT})
    conn = db_of(out)
    after = rowids(conn)
    assert after.keys() == before.keys()
    for output in before:
        if output == SEED_TXT:
            assert after[output][0] > max(b[0] for b in before.values())  # inserted anew
        else:
            assert after[output] == before[output]  # untouched
    values = conn.execute(
        "SELECT data FROM rows WHERE document = ? AND row = 4", (SEED_TXT,)
    ).fetchone()[0]
    assert json.loads(values)["活动名称"] == "系列计量进社区便民服务"
    assert count(conn, "SELECT count(*) FROM cells WHERE value = '系列计量进社区便民服务'") == 1
    conn.close()
    # A document no longer in the manifest goes, everywhere; failures are rewritten.
    gone = "zj_utf16_letter.txt"
    entries = [e for e in entries if e["output"] != gone]
    entries.append(
        {"path": "x/broken.docx", "output": "broken.docx", "status": "unsupported",
         "error": {"type": "unsupported_format", "message": "x/broken.docx: not a notice"}}
    )  # fmt: skip
    build(str(out), entries, "sqlite", changed=set())
    conn = db_of(out)
    for table in ("documents", "tables", "rows", "cells", "attachments", "warnings"):
        key = "output" if table == "documents" else "document"
        assert count(conn, f"SELECT count(*) FROM {table} WHERE {key} = ?", gone) == 0
    assert [tuple(r) for r in conn.execute("SELECT output, status, type FROM failures")] == [
        ("encrypted_secret.pdf", "failed", "encrypted"),
        ("broken.docx", "unsupported", "unsupported_format"),
    ]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    # The same content as a build from scratch.
    incremental = read_dataset(out)
    build(str(out), entries, "sqlite")
    scratch = read_dataset(out)
    pd.testing.assert_frame_equal(incremental.documents, scratch.documents)
    pd.testing.assert_frame_equal(incremental.rows, scratch.rows)
    assert len(scratch.documents) == 6


def test_a_failed_build_leaves_the_database_as_it_was(work, monkeypatch):
    _, out = work
    entries = manifest(out)
    build(str(out), entries, "sqlite")
    db = out / "dataset" / "notices.db"
    good = db.read_bytes()
    import pipeline.dataset_sqlite as module

    def broken(outdir, entry):
        raise OSError("disk gone")

    monkeypatch.setattr(module, "load", broken)
    for changed in (None, {SEED_TXT}):  # from scratch, and in place
        with pytest.raises(OSError, match="disk gone"):
            build(str(out), entries, "sqlite", changed=changed)
        assert db.read_bytes() == good
        assert sorted(p.name for p in (out / "dataset").iterdir()) == ["notices.db"]
    monkeypatch.undo()
    assert len(read_dataset(out).documents) == 7


def test_extract_with_dataset_format_sqlite(work):
    archive, out = work
    result = run("extract", archive, "-o", out, "--jobs", "1", "--dataset-format", "sqlite")
    assert result.exit_code == 1, result.output  # the encrypted PDF
    assert sorted(p.name for p in (out / "dataset").iterdir()) == ["notices.db"]
    data = read_dataset(out)
    assert len(data.documents) == 7
    assert data.rows[data.rows["output"] == SEED_TXT]["units"].iloc[0][0] == "上海市市场监督管理局"


def test_a_csv_build_imports_neither_pandas_nor_sqlite_utils(work):
    _, out = work
    code = (
        "import json, sys; from pipeline.dataset import build; "
        f"entries = [json.loads(x) for x in open({str(out / 'manifest.jsonl')!r})]; "
        f"build({str(out)!r}, entries); "
        "print(sorted(m for m in ('pandas', 'sqlite_utils') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"


# ---------------------------------------------------------------- the files replaced together


def snapshot(out):
    """Every file of OUTDIR/dataset with its bytes."""
    return {p.name: p.read_bytes() for p in sorted((out / "dataset").iterdir())}


def leftovers(out):
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".dataset."))


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_full_disk_while_writing_rows_leaves_the_old_dataset(work, monkeypatch, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    _, out = work
    entries = manifest(out)
    build(str(out), entries, "csv")
    before = snapshot(out)
    real = dataset.write_file
    full = OSError(errno.ENOSPC, "No space left on device")
    seen = []

    def writer(location, data):
        if "rows." in location:
            seen.extend(sorted(p.name for p in Path(location).parent.iterdir()))
            raise full
        real(location, data)

    monkeypatch.setattr(dataset, "write_file", writer)
    with pytest.raises(OSError) as raised:
        build(str(out), entries, fmt)
    assert raised.value is full  # as is, for the caller to turn into a clean stop
    assert seen == [f"documents.{fmt}"]  # documents was written, in the .part folder
    assert snapshot(out) == before
    assert leftovers(out) == []
    monkeypatch.undo()
    assert len(read_dataset(out).documents) == 7


def test_a_failed_full_sqlite_build_leaves_the_csv_dataset(work, monkeypatch):
    _, out = work
    entries = manifest(out)
    build(str(out), entries, "csv")
    before = snapshot(out)
    import pipeline.dataset_sqlite as module

    def broken(outdir, entry):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(module, "load", broken)
    with pytest.raises(OSError, match="No space"):
        build(str(out), entries, "sqlite", changed={SEED_TXT})
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_failed_rename_puts_the_old_dataset_back(work, monkeypatch):
    _, out = work
    entries = manifest(out)
    build(str(out), entries[1:], "csv")
    before = snapshot(out)
    real, calls = os.rename, []

    def rename(src, dst):
        calls.append(dst)
        if len(calls) == 2:  # the new folder into place
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(OSError, match="Input/output"):
        build(str(out), entries, "csv")
    monkeypatch.undo()
    assert len(calls) == 3  # away, (into place), back
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_killed_between_the_two_renames(work, monkeypatch):
    _, out = work
    entries = manifest(out)
    build(str(out), entries[1:], "csv")  # the old dataset: one document fewer
    before = snapshot(out)
    old = read_dataset(out)
    real, calls = os.rename, []

    def rename(src, dst):  # the first rename happens, then nothing does
        calls.append(dst)
        if len(calls) > 1:
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(KeyboardInterrupt):
        build(str(out), entries, "csv")
    monkeypatch.undo()
    assert not (out / "dataset").exists()
    [away] = leftovers(out)
    assert away.endswith(".old")
    data = read_dataset(out)  # the old dataset, complete
    pd.testing.assert_frame_equal(data.documents, old.documents)
    pd.testing.assert_frame_equal(data.rows, old.rows)
    assert dataset.cleanup_partial(out) == []  # nothing to remove: the .old is put back
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_real_kill_between_the_two_renames(work):
    _, out = work
    entries = manifest(out)
    build(str(out), entries[1:], "csv")
    before = snapshot(out)
    old = read_dataset(out)
    code = (
        "import json, os; from pipeline import dataset; "
        f"entries = [json.loads(x) for x in open({str(out / 'manifest.jsonl')!r})]; "
        "real = os.rename; calls = []\n"
        "def rename(src, dst):\n"
        "    calls.append(dst)\n"
        "    if len(calls) == 2: os._exit(9)\n"
        "    real(src, dst)\n"
        f"os.rename = rename; dataset.build({str(out)!r}, entries)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT)
    assert result.returncode == 9, result.stderr
    assert not (out / "dataset").exists()
    assert sorted(name.rsplit(".", 1)[1] for name in leftovers(out)) == ["old", "part"]
    data = read_dataset(out)
    pd.testing.assert_frame_equal(data.documents, old.documents)
    part = next(name for name in leftovers(out) if name.endswith(".part"))
    assert dataset.cleanup_partial(out) == [str(out / part)]
    assert snapshot(out) == before
    assert leftovers(out) == []
    assert len(frames(out, "csv").documents) == 7  # and the next build goes through


def test_a_dataset_replaced_while_being_read_is_read_from_one_build(work, monkeypatch):
    _, out = work
    entries = manifest(out)
    build(str(out), entries[1:], "csv")
    opened = []

    def reader(path, mode="r", *args, **kwargs):
        handle = open(path, mode, *args, **kwargs)  # noqa: SIM115 (returned)
        if mode == "rb" and str(path).endswith("documents.csv"):
            opened.append(path)
            if len(opened) == 1:
                build(str(out), entries, "csv")  # rows.csv will be the new build's
        return handle

    monkeypatch.setattr(dataset, "open", reader, raising=False)
    data = read_dataset(out)
    monkeypatch.undo()
    assert len(opened) == 2
    assert len(data.documents) == 7  # read again, both from the new build
    assert set(data.rows["output"]) <= set(data.documents["output"])


def test_a_build_in_another_format_leaves_only_its_files(work):
    pytest.importorskip("pyarrow")
    _, out = work
    entries = manifest(out)
    build(str(out), entries, "csv")
    (out / "dataset" / ".rows.csv.0123456789ab.part").write_bytes(b"x" * 100)  # a dead run's
    build(str(out), entries, "parquet")
    assert sorted(p.name for p in (out / "dataset").iterdir()) == [
        "documents.parquet",
        "rows.parquet",
    ]
    assert leftovers(out) == []
    assert dataset.present_format(out) == "parquet"
    # notices.db beside a stale CSV (an older version's dataset): not updated in place
    build(str(out), entries, "sqlite")
    shutil.copy(out / "dataset" / "notices.db", out / "notices.db")
    build(str(out), entries, "csv")
    shutil.move(out / "notices.db", out / "dataset" / "notices.db")
    build(str(out), entries, "sqlite", changed={SEED_TXT})
    assert sorted(p.name for p in (out / "dataset").iterdir()) == ["notices.db"]
    assert len(read_dataset(out).documents) == 7


def test_cleanup_partial_removes_what_dead_runs_left(work):
    _, out = work
    build(str(out), manifest(out), "csv")
    before = snapshot(out)
    for name in (".dataset.0123456789ab.part", ".dataset.ba9876543210.old"):
        (out / name).mkdir()
        (out / name / "rows.csv").write_bytes(b"source,output\n")
    stale = out / "dataset" / ".rows.csv.0123456789ab.part"  # written by earlier versions
    stale.write_bytes(b"x" * 1000)
    (out / ".notice-pipeline.lock.keep").write_text("not ours")
    removed = dataset.cleanup_partial(out)
    assert removed == [
        str(out / ".dataset.0123456789ab.part"),
        str(out / ".dataset.ba9876543210.old"),
        str(stale),
    ]
    assert leftovers(out) == []
    assert snapshot(out) == before
    assert (out / ".notice-pipeline.lock.keep").exists()
    assert dataset.cleanup_partial(out) == []
    assert dataset.cleanup_partial(out / "nowhere") == []


def test_a_url_dataset_is_replaced_whole():
    pytest.importorskip("fsspec")
    import fsspec

    fs = fsspec.filesystem("memory")
    outdir = "memory://dataset-swap"
    try:
        fs.pipe_file("/dataset-swap/dataset/notices.db", b"stale")  # another format's
        entries = [{"status": "ok", "output": "a.txt"}]
        source = Source(path="a.txt", name="a.txt", format="txt", sha256="0" * 64, size=1)
        doc = Notice(source=source, title="t", issuer="i")
        fs.pipe_file("/dataset-swap/a.txt.json", doc.to_json().encode())
        written = build(outdir, entries, "csv")
        assert written == [f"{outdir}/dataset/documents.csv", f"{outdir}/dataset/rows.csv"]
        assert sorted(fs.ls("/dataset-swap/dataset", detail=False)) == [
            "/dataset-swap/dataset/documents.csv",
            "/dataset-swap/dataset/rows.csv",
        ]
        assert not [p for p in fs.ls("/dataset-swap", detail=False) if ".dataset." in p]
        assert read_dataset(outdir).documents["title"].tolist() == ["t"]
        fs.pipe_file("/dataset-swap/.dataset.0123456789ab.part/rows.csv", b"x")
        assert dataset.cleanup_partial(outdir) == [f"{outdir}/.dataset.0123456789ab.part"]
    finally:
        fs.rm("/dataset-swap", recursive=True)
