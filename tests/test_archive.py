"""OUTDIR is an archive that grows year by year: runs add and update, never drop.

Each test builds its inputs from the samples in a temporary folder and runs the
command as an archivist would: one year into OUTDIR, then the next into the same OUTDIR.
"""

import json
import os
import shutil
import stat

import pytest
from conftest import ROOT, SEED, manifest_lines, run_cli

import pipeline
from pipeline import ExtractOptions
from pipeline.identity import notice_id, notice_key, short_hash

DOCX = ROOT / "samples" / "000_789e38767d8a56d8.docx"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the header of a legacy .doc/.wps
GBK = ROOT / "samples" / "hz_gbk_crlf.txt"
LETTER = ROOT / "samples" / "zj_utf16_letter.txt"
TABLE_DOCX = ROOT / "samples" / "table_header.docx"


run, manifest = run_cli, manifest_lines


def other(y24):
    """The output name of 2024/通知.txt, which 2023/通知.txt holds its plain name from."""
    return f"通知~{short_hash(str(y24 / '通知.txt'), 6)}.txt"


def outputs(outdir):
    """Every output file but the manifest and the dataset, with its bytes."""
    return {
        p.relative_to(outdir).as_posix(): p.read_bytes()
        for p in sorted(outdir.rglob("*"))
        if p.is_file() and p.name != "manifest.jsonl" and "dataset" not in p.parts
    }


@pytest.fixture
def years(tmp_path):
    """notices/2023 (two notices) and notices/2024 (two notices, one named as in 2023)."""
    y23, y24 = tmp_path / "notices" / "2023", tmp_path / "notices" / "2024"
    y23.mkdir(parents=True), y24.mkdir(parents=True)
    shutil.copy(GBK, y23 / "通知.txt")
    shutil.copy(LETTER, y23 / LETTER.name)
    shutil.copy(SEED, y24 / "通知.txt")  # the same name as 2023's: another output name
    shutil.copy(TABLE_DOCX, y24 / TABLE_DOCX.name)
    return y23, y24


def test_two_yearly_runs_give_one_archive_with_both_years(years, tmp_path):
    y23, y24 = years
    out = tmp_path / "archive"
    assert run("extract", y23, "-o", out, "--jobs", "1").exit_code == 0
    result = run("extract", y24, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "2 inputs: 2 ok, 0 skipped, 0 failed → " in result.output
    assert "(archive: 4 inputs)" in result.output
    entries = manifest(out)
    assert [(e["path"], e["output"], e["status"]) for e in entries] == [
        (str(y23 / "zj_utf16_letter.txt"), "zj_utf16_letter.txt", "ok"),
        (str(y23 / "通知.txt"), "通知.txt", "ok"),
        (str(y24 / "table_header.docx"), "table_header.docx", "ok"),
        (str(y24 / "通知.txt"), other(y24), "ok"),
    ]
    assert json.loads((out / "通知.txt.json").read_text("utf-8"))["issuer"].startswith("杭州市")
    assert json.loads((out / f"{other(y24)}.json").read_text("utf-8"))["issuer"].startswith(
        "上海市"
    )
    data = pipeline.read_dataset(out)
    assert sorted(data.documents["output"]) == sorted(e["output"] for e in entries)
    assert set(data.rows["output"]) == {"通知.txt", other(y24), "zj_utf16_letter.txt",
                                        "table_header.docx"}  # fmt: skip
    # The next year's run again: everything skipped, nothing dropped.
    result = run("extract", y24, "-o", out, "--jobs", "1")
    assert [e["status"] for e in manifest(out)] == ["ok", "ok", "skipped", "skipped"]


def test_naming_one_new_file_or_a_mistyped_path_leaves_the_archive_as_it_was(years, tmp_path):
    y23, y24 = years
    out = tmp_path / "archive"
    run("extract", y23, y24, "-o", out, "--jobs", "1")
    before = outputs(out)
    lines = manifest(out)
    rows = (out / "dataset" / "rows.csv").read_bytes()
    new = tmp_path / "new" / "函.txt"
    new.parent.mkdir()
    shutil.copy(LETTER, new)
    result = run("extract", new, "-o", out)
    assert result.exit_code == 0, result.output
    assert manifest(out)[:-1] == lines and manifest(out)[-1]["path"] == str(new)
    assert {k: v for k, v in outputs(out).items() if not k.startswith("函")} == before
    assert (out / "dataset" / "rows.csv").read_bytes().startswith(rows.split(b"\n")[0])
    assert len(pipeline.read_dataset(out).documents) == 5
    # A mistyped path: an error, and no line, no output, no dataset row lost.
    result = run("extract", tmp_path / "new" / "函件.txt", "-o", out)
    assert result.exit_code == 1
    assert "no such file. check the path" in result.output
    assert len(manifest(out)) == 5
    assert len(pipeline.read_dataset(out).documents) == 5
    assert "gone" not in result.output


def test_prune_removes_exactly_the_inputs_that_are_gone(years, tmp_path):
    y23, y24 = years
    out = tmp_path / "archive"
    run("extract", y23, y24, "-o", out, "--jobs", "1")
    (y23 / "通知.txt").unlink()
    result = run("extract", y24, "-o", out, "--jobs", "1")
    assert result.exit_code == 0
    assert "1 input of the archive is gone; prune to remove it" in result.output
    assert (out / "通知.txt.json").exists()  # a plain run only warns
    before = outputs(out)
    result = run("prune", out)
    assert result.exit_code == 0, result.output
    assert f"removed {y23 / '通知.txt'} (通知.txt)" in result.output
    assert "pruned 1 input that no longer exist; the archive has 3 inputs" in result.output
    after = outputs(out)
    assert sorted(set(before) - set(after)) == [
        "通知.txt.json",
        "通知.txt.table01.csv",
        "通知.txt.table02.csv",
    ]
    assert all(after[k] == before[k] for k in after)
    assert [e["output"] for e in manifest(out)] == [
        "zj_utf16_letter.txt",
        "table_header.docx",
        other(y24),
    ]
    assert "通知.txt" not in set(pipeline.read_dataset(out).rows["output"])
    # extract --prune does the same in the run.
    (y24 / "table_header.docx").unlink()
    result = run("extract", y23, "-o", out, "--prune")
    assert "pruned 1 input that no longer exist" in result.output
    assert not (out / "table_header.docx.json").exists()


def test_a_changed_input_is_converted_again_and_its_old_outputs_replaced(years, tmp_path):
    y23, _ = years
    out = tmp_path / "archive"
    run("extract", y23, "-o", out, "--jobs", "1")
    assert (out / "通知.txt.table02.csv").exists()
    shutil.copy(LETTER, y23 / "通知.txt")  # the file now holds a notice with one table
    run("extract", y23, "-o", out, "--jobs", "1")
    assert [e["status"] for e in manifest(out)] == ["skipped", "ok"]
    assert not (out / "通知.txt.table02.csv").exists()
    assert json.loads((out / "通知.txt.json").read_text("utf-8"))["issuer"].startswith("浙江省")


def test_a_moved_or_renamed_input_is_recognised_not_converted_twice(years, tmp_path):
    y23, _ = years
    out = tmp_path / "archive"
    run("extract", y23, "-o", out, "--jobs", "1")
    before = outputs(out)
    moved = tmp_path / "elsewhere" / "letter.txt"
    moved.parent.mkdir()
    shutil.move(y23 / LETTER.name, moved)
    result = run("extract", moved.parent, y23, "-o", out, "--jobs", "1")
    assert result.exit_code == 0
    entries = manifest(out)
    assert len(entries) == 2
    (entry,) = [e for e in entries if e["path"] == str(moved)]
    assert entry["status"] == "skipped"  # its outputs were taken over, not made again
    assert entry["moved_from"] == str(y23 / LETTER.name)
    assert entry["output"] == LETTER.name
    assert outputs(out) == before
    assert "gone" not in result.output


def test_unsupported_files_are_listed_and_lock_and_hidden_files_passed_over(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "notice.txt")
    (folder / "budget.xls").write_bytes(b"\xd0\xcf\x11\xe0 not really")
    (folder / "scan.ofd").write_bytes(b"PK")
    (folder / "README").write_text("no extension")
    (folder / "~$notice.docx").write_bytes(b"lock")
    (folder / ".~lock.notice.docx#").write_text("lock")
    (folder / "Thumbs.db").write_bytes(b"x")
    (folder / ".DS_Store").write_bytes(b"x")
    (folder / ".hidden.txt").write_text("x")
    out = tmp_path / "out"
    result = run("extract", folder, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "1 input: 1 ok, 0 skipped, 0 failed; 3 unsupported (.ofd 1, .xls 1, no extension 1)" in (
        result.output
    )
    entries = manifest(out)
    assert [(os.path.basename(e["path"]), e["status"]) for e in entries] == [
        ("notice.txt", "ok"),
        ("README", "unsupported"),
        ("budget.xls", "unsupported"),
        ("scan.ofd", "unsupported"),
    ]
    xls = entries[2]
    assert xls["error"]["type"] == "unsupported_format"
    assert xls["error"]["message"].endswith(
        ".xls is not a supported format. save it as one of .doc, .docx, .jpeg, .jpg, .pdf, "
        ".png, .tif, .tiff, .txt, .wps to convert it"
    )
    assert xls["output"] is None
    # A folder of only unsupported files is a usage error that says what it found.
    only = tmp_path / "only"
    only.mkdir()
    (only / "a.xls").write_bytes(b"x")
    result = run("extract", only, "-o", tmp_path / "out2")
    assert result.exit_code == 2
    assert "no notices" in result.output and ".xls 1" in result.output


def test_outputs_get_the_users_umask(tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "out"
        assert run("extract", SEED, "-o", out).exit_code == 0
    finally:
        os.umask(old)
    for path in [out / f"{SEED.name}.json", out / "manifest.jsonl", out / "dataset" / "rows.csv"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_one_notice_in_several_files_shares_a_notice_id(tmp_path):
    out = tmp_path / "out"
    pdf = ROOT / "samples" / "000_789e38767d8a56d8.pdf"
    assert run("extract", SEED, DOCX, pdf, GBK, "-o", out, "--jobs", "1").exit_code == 0
    ids = [e["notice_id"] for e in manifest(out)]
    assert ids[0] == ids[1] == ids[2] != ids[3]
    assert ids[0].startswith("n") and len(ids[0]) == 17


def test_notice_key_normalises_what_renderings_change():
    a = notice_key("上海市市场监督管理局", "沪市监 [2024] 146 号", "标题", "2024-05-08")
    b = notice_key("上海市市场监督管理局", "沪市监〔２０２４〕146号", None, None)
    assert a == b == "文号|上海市市场监督管理局|沪市监〔2024〕146号"
    assert notice_key(None, None, "关于开展“计量日”活动的通知", "2024-05-08") == (
        "标题|关于开展计量日活动的通知|2024-05-08"
    )
    assert notice_key("徐汇区教育局", None, "2023年度部门决算", None) == (
        "标题|2023年度部门决算|徐汇区教育局"
    )
    assert notice_key(None, None, "标题", None, "ab" * 32) == "文件|" + "ab" * 32
    assert notice_key(None, None, None, None) is None
    assert notice_id(None, "〔2024〕1号", "标题", None) is None  # a 文号 without its issuer


def test_convert_is_the_library_form_of_the_command(years, tmp_path):
    y23, y24 = years
    out = tmp_path / "archive"
    options = ExtractOptions(fill=False, csv_encoding="utf-8-sig")
    first = pipeline.convert([y23], out, options, jobs=1)
    assert [e["status"] for e in first.entries] == ["ok", "ok"]
    second = pipeline.convert([y24], out, options, jobs=1)
    assert len(second.entries) == 2 and len(second.archive) == 4
    assert not second.failed and second.gone == []
    assert (out / "通知.txt.table01.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    notice = json.loads((out / f"{other(y24)}.json").read_text("utf-8"))
    assert notice["tables"][0]["filled"] == []  # fill=False reached the worker
    with pytest.raises(TypeError, match="unknown option"):
        pipeline.extract(SEED, colour="red")
    with pytest.raises(ValueError, match="csv_encoding"):
        ExtractOptions(csv_encoding="latin-1")


def test_a_batch_converts_its_legacy_files_with_one_libreoffice_run(tmp_path, monkeypatch):
    """The batch hands its .doc/.wps files to convert_many once, before the workers start,
    and the workers read the .docx it made (LibreOffice stood in for: each "converted"
    file is the seed's .docx)."""
    from pipeline.core import sha256_hex
    from pipeline.readers import legacy

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.doc", "b.wps", "c.doc"):
        (folder / name).write_bytes(OLE2 + name.encode())  # three distinct legacy files
    calls = []

    def convert_many(items, into, limits):
        calls.append(sorted(os.path.basename(location) for location, _, _ in items))
        for _, data, _ in items[:-1]:  # the last one "fails": its own conversion says so
            target = os.path.join(into, sha256_hex(data) + ".docx")
            with open(target, "wb") as f:
                f.write(DOCX.read_bytes())
        return {}

    def one_by_one(path, data, fmt, timeout=None):
        raise legacy.CorruptFile(path, "LibreOffice could not convert this file")

    monkeypatch.setattr(legacy, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(legacy, "convert_many", convert_many)
    monkeypatch.setattr(legacy, "convert_to_docx", one_by_one)
    result = pipeline.convert([folder], tmp_path / "out", jobs=1, dataset_format="none")
    assert calls == [["a.doc", "b.wps", "c.doc"]]
    assert [(e["output"], e["status"], e.get("format")) for e in result.entries] == [
        ("a.doc", "ok", "doc"),
        ("b.wps", "ok", "wps"),
        ("c.doc", "failed", None),
    ]
    # A re-run converts nothing: unchanged legacy files are not handed to LibreOffice.
    calls.clear()
    result = pipeline.convert([folder], tmp_path / "out", jobs=1, dataset_format="none")
    assert calls == [] and [e["status"] for e in result.entries] == ["skipped", "skipped", "failed"]
