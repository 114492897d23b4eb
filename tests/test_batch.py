"""Whole archives: folders, format from bytes, manifest, re-runs, dataset, workers, Dask, URLs."""

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED

from pipeline import batch
from pipeline.cli import cli
from pipeline.dataset import read_dataset

DOCX = ROOT / "samples" / "000_789e38767d8a56d8.docx"
GBK = ROOT / "samples" / "hz_gbk_crlf.txt"
LETTER = ROOT / "samples" / "zj_utf16_letter.txt"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def manifest(outdir):
    return [
        json.loads(line) for line in (outdir / "manifest.jsonl").read_text("utf-8").splitlines()
    ]


@pytest.fixture
def archive(tmp_path):
    """A small archive: sub-folders, a .pdf that is really a .docx, and a bad file."""
    root = tmp_path / "archive"
    (root / "2024" / "05").mkdir(parents=True)
    (root / "2023").mkdir()
    shutil.copy(SEED, root / "2024" / "05" / SEED.name)
    shutil.copy(GBK, root / "2023" / GBK.name)
    shutil.copy(DOCX, root / "2024" / "misnamed.pdf")
    (root / "2023" / "empty.txt").write_bytes(b"")
    (root / "2023" / "notes.md").write_text("not a notice")
    return root


def outputs(outdir):
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name != "manifest.jsonl"
    }


def test_archive_run_manifest_and_mirrored_outputs(archive, tmp_path, validate, validate_tree):
    out = tmp_path / "out"
    result = run("extract", archive, "-o", out, "--jobs", "1")
    assert result.exit_code == 1  # the empty file failed; the others are written
    entries = manifest(out)
    assert [(e["output"], e["status"]) for e in entries] == [
        ("2023/empty.txt", "failed"),
        ("2023/hz_gbk_crlf.txt", "ok"),
        ("2024/05/000_789e38767d8a56d8.txt", "ok"),
        ("2024/misnamed.pdf", "ok"),
        (None, "unsupported"),  # 2023/notes.md: listed, not converted
    ]
    assert entries[4]["path"] == str(archive / "2023" / "notes.md")
    entries = entries[:4]
    assert entries[0]["error"] == {
        "type": "empty",
        "message": f"{archive / '2023' / 'empty.txt'}: the file is empty. "
        "check that the file was copied completely",
    }
    for e in entries[1:]:
        assert set(e) >= {"path", "sha256", "format", "status", "warnings", "tables", "rows",
                          "seconds", "pipeline_version"}  # fmt: skip
    assert [e["format"] for e in entries[1:]] == ["txt", "txt", "docx"]
    assert [(e["tables"], e["rows"]) for e in entries[1:]] == [(2, 7), (1, 52), (1, 52)]
    misnamed = validate(out / "2024" / "misnamed.pdf.json")
    assert misnamed["warnings"][0] == {
        "code": "format_mismatch",
        "message": "the file is named .pdf but its bytes are docx: read as such",
    }
    assert not (out / "2023" / "empty.txt.json").exists()
    assert (out / "2024" / "05" / "000_789e38767d8a56d8.txt.table01.csv").exists()
    summary = "4 inputs: 3 ok (1 with warnings: format_mismatch 1), 0 skipped, 1 failed; "
    assert summary + "1 unsupported (.md 1)" in result.output
    assert validate_tree(out) == 3


def test_rerun_skips_unchanged_inputs_and_force_redoes_them(archive, tmp_path):
    out = tmp_path / "out"
    run("extract", archive, "-o", out, "--jobs", "1")
    first = outputs(out)
    result = run("extract", archive, "-o", out, "--jobs", "1")
    assert [e["status"] for e in manifest(out)][:4] == ["failed", "skipped", "skipped", "skipped"]
    assert outputs(out) == first  # outputs kept as they were
    assert [e.get("rows") for e in manifest(out)][1:4] == [7, 52, 52]  # carried over
    assert "4 inputs: 0 ok, 3 skipped, 1 failed" in result.output
    # A changed file is converted again; the others stay skipped.
    seed_copy = archive / "2024" / "05" / SEED.name
    seed_copy.write_bytes(seed_copy.read_bytes() + b"\n")
    run("extract", archive, "-o", out, "--jobs", "1")
    assert [e["status"] for e in manifest(out)][:4] == ["failed", "skipped", "ok", "skipped"]
    run("extract", archive, "-o", out, "--jobs", "1", "--force")
    assert [e["status"] for e in manifest(out)][:4] == ["failed", "ok", "ok", "ok"]


def test_an_interrupted_run_is_picked_up_from_its_journal(tmp_path):
    inputs = [(str(SEED), SEED.name), (str(GBK), GBK.name)]
    out = tmp_path / "out"
    options = batch.Options()
    # The run was killed after the first document: its outputs and journal line exist.
    entry = batch.process_one(batch.Task(str(SEED), SEED.name), str(out), options)
    (out / batch.JOURNAL).write_text(json.dumps(entry) + '\n{"output": "cut sh', "utf-8")
    entries = batch.run(inputs, str(out), options)
    assert [e["status"] for e in entries] == ["skipped", "ok"]
    assert not (out / batch.JOURNAL).exists()
    assert [e["output"] for e in manifest(out)] == [SEED.name, GBK.name]


def test_dataset_csv_and_read_dataset(tmp_path):
    out = tmp_path / "out"
    assert run("extract", SEED, GBK, LETTER, "-o", out, "--jobs", "1").exit_code == 0
    assert sorted(p.name for p in (out / "dataset").iterdir()) == ["documents.csv", "rows.csv"]
    import pipeline

    data = pipeline.read_dataset(out)
    docs, rows = data.documents, data.rows
    assert list(docs["output"]) == [SEED.name, GBK.name, LETTER.name]
    assert str(docs["date"].dtype).startswith("datetime64")
    assert docs.loc[0, "date"].isoformat()[:10] == "2024-04-29"
    assert docs.loc[0, "recipients"][2] == "市局执法总队、机场分局"  # a list again
    assert list(docs["rows"]) == [52, 7, 3]
    assert len(rows) == 52 + 7 + 3
    seed_rows = rows[rows["output"] == SEED.name]
    assert list(seed_rows["row"]) == list(range(1, 53))
    assert seed_rows.iloc[3]["负责单位"] == "市质检院" and seed_rows.iloc[3]["filled"] == [
        "负责单位"
    ]
    assert seed_rows.iloc[2]["filled"] == []
    gbk = rows[rows["output"] == GBK.name]
    assert list(gbk["table"]) == [1, 1, 1, 1, 2, 2, 2]
    assert gbk.iloc[4]["区域"] == "上城区" and gbk.iloc[0]["区域"] == ""  # another table's column
    assert list(rows.columns[:8]) == [
        "source", "output", "table", "row", "table_title", "table_unit", "attachment", "group"
    ]  # fmt: skip
    assert rows.columns[-1] == "filled"


def test_dataset_parquet(tmp_path):
    pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    result = run("extract", SEED, GBK, "-o", out, "--jobs", "1", "--dataset-format", "parquet")
    assert result.exit_code == 0
    assert sorted(p.name for p in (out / "dataset").iterdir()) == [
        "documents.parquet",
        "rows.parquet",
    ]
    data = read_dataset(out)
    assert data.documents.loc[1, "recipients"] == [
        "各区、县（市）市场监管局",
        "市局各处室、直属各单位",
    ]
    assert data.rows.iloc[3]["filled"] == ["负责单位"]
    assert str(data.documents["date"].dtype).startswith("datetime64")
    # Back to CSV: the Parquet files go, so read_dataset never reads a stale format.
    assert run("extract", SEED, "-o", out, "--jobs", "1").exit_code == 0
    assert sorted(p.name for p in (out / "dataset").iterdir()) == ["documents.csv", "rows.csv"]


def test_a_process_pool_writes_what_one_process_writes(archive, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    run("extract", archive, "-o", one, "--jobs", "1")
    run("extract", archive, "-o", two, "--jobs", "2")
    assert outputs(one).keys() == outputs(two).keys()
    for key, data in outputs(one).items():
        if key.endswith(".json"):
            a, b = json.loads(data), json.loads(outputs(two)[key])
            a["source"].pop("path"), b["source"].pop("path")
            assert a == b
        elif not key.startswith("dataset/"):
            assert data == outputs(two)[key]
    assert [e["status"] for e in manifest(one)] == [e["status"] for e in manifest(two)]


def test_dask_local_cluster_gives_the_same_outputs(tmp_path, validate_tree):
    pytest.importorskip("distributed")
    local, dask = tmp_path / "local", tmp_path / "dask"
    inputs = [SEED, GBK, DOCX]
    assert run("extract", *inputs, "-o", local, "--jobs", "1").exit_code == 0
    result = run("extract", *inputs, "-o", dask, "--executor", "dask", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert outputs(local) == outputs(dask)
    assert [e["status"] for e in manifest(dask)] == ["ok", "ok", "ok"]
    assert validate_tree(dask) == 3


def test_fsspec_memory_filesystem_in_and_out():
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/notices/2024/seed.txt", SEED.read_bytes())
    fs.pipe("/notices/2023/gbk.txt", GBK.read_bytes())
    try:
        result = run("extract", "memory://notices", "-o", "memory://out", "--jobs", "1")
        assert result.exit_code == 0, result.output
        lines = fs.cat("/out/manifest.jsonl").decode().splitlines()
        assert [json.loads(x)["output"] for x in lines] == ["2023/gbk.txt", "2024/seed.txt"]
        doc = json.loads(fs.cat("/out/2024/seed.txt.json"))
        assert doc["source"]["path"] == "memory://notices/2024/seed.txt"
        assert len(doc["tables"][0]["rows"]) == 52
        assert fs.exists("/out/dataset/rows.csv")
        assert len(read_dataset("memory://out").rows) == 52 + 7
        # The same job on a Dask cluster (threads: memory:// lives in one process).
        pytest.importorskip("distributed")
        result = run("extract", "memory://notices", "-o", "memory://out2", "--executor", "dask")
        assert result.exit_code == 0, result.output
        assert fs.cat("/out2/2024/seed.txt.json") == fs.cat("/out/2024/seed.txt.json")
    finally:
        fs.rm("/notices", recursive=True)
        for folder in ("/out", "/out2"):
            if fs.exists(folder):
                fs.rm(folder, recursive=True)


def test_file_urls_are_local_paths(tmp_path):
    out = tmp_path / "out"
    result = run("extract", SEED.as_uri(), "-o", out.as_uri(), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert (out / f"{SEED.name}.json").exists()


def test_usage_errors():
    assert run("extract", SEED, "-o", "x", "--scheduler", "tcp://h:8786").exit_code == 2
    assert run("extract", SEED, "-o", "x", "--jobs", "0").exit_code == 2
