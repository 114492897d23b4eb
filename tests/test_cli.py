"""The command line through click's CliRunner, and as a real process."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import EXPECTED, ROOT, SEED

from pipeline.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def manifest(outdir):
    return [
        json.loads(line) for line in (outdir / "manifest.jsonl").read_text("utf-8").splitlines()
    ]


def test_extract_writes_json_csv_and_manifest(tmp_path, validate):
    result = run("extract", SEED, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    out = tmp_path / f"{SEED.name}.json"
    doc = validate(out)
    assert doc["title"].endswith("系列宣传活动的通知") and doc["source"]["encoding"] == "utf-8"
    assert (tmp_path / f"{SEED.name}.table01.csv").read_bytes() == (
        EXPECTED / f"{SEED.name}.table01.csv"
    ).read_bytes()
    (entry,) = manifest(tmp_path)
    assert entry["status"] == "ok" and entry["tables"] == 1 and entry["rows"] == 52
    assert entry["sha256"] == doc["source"]["sha256"] and entry["format"] == "txt"
    assert "1 input: 1 ok, 0 skipped, 0 failed" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{SEED.name}.json",
        f"{SEED.name}.table01.csv",
        "dataset",
        "manifest.jsonl",
    ]  # no temporary files, no journal left


def test_csv_encoding_for_excel(tmp_path):
    result = run("extract", SEED, "-o", tmp_path, "--csv-encoding", "utf-8-sig")
    assert result.exit_code == 0
    data = (tmp_path / f"{SEED.name}.table01.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf\xe5\xba\x8f\xe5\x8f\xb7")  # BOM + 序号
    assert b"\r\n" in data


def test_stdout_prints_one_json(validate):
    result = run("extract", SEED, "--stdout")
    assert result.exit_code == 0
    doc = validate(json.loads(result.stdout))
    assert doc["date"] == "2024-04-29"


def test_fill_options(tmp_path):
    result = run("extract", SEED, "--stdout", "--fill", "活动时间")
    table = json.loads(result.stdout)["tables"][0]
    assert table["rows"][16][3] == "5·20期间"  # row 17 活动时间 from row 16
    assert {
        "row": 17,
        "col": 4,
        "column": "活动时间",
        "from_row": 16,
        "from_col": 4,
        "reason": "blank",
    } in (table["filled"])
    result = run("extract", SEED, "--stdout", "--no-fill")
    table = json.loads(result.stdout)["tables"][0]
    assert table["filled"] == [] and table["rows"][3][5] == ""


def test_folders_are_searched_and_mirrored(tmp_path, write):
    write("in/a/n1.txt", "关于甲的通知\n正文。")
    write("in/a/b/n2.txt", "关于乙的通知\n正文。")
    write("in/a/ignored.md", "不是公文")
    write("in/.hidden/n3.txt", "关于丙的通知")
    out = tmp_path / "out"
    result = run("extract", tmp_path / "in", "-o", out)
    assert result.exit_code == 0, result.output
    assert (out / "a" / "n1.txt.json").exists() and (out / "a" / "b" / "n2.txt.json").exists()
    assert [(e["output"], e["status"]) for e in manifest(out)] == [
        ("a/b/n2.txt", "ok"),
        ("a/n1.txt", "ok"),
        (None, "unsupported"),  # ignored.md: listed, not converted
    ]


def test_bad_files_fail_alone_with_one_line_and_exit_1(tmp_path, write):
    empty = write("in/empty.txt", b"")
    junk = write("in/junk.txt", bytes(range(256)) * 8)
    other = write("in/table.xlsx", b"PK\x03\x04")
    out = tmp_path / "out"
    result = run("extract", empty, junk, other, SEED, "-o", out)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert sorted(errors) == [  # workers finish in any order; the manifest keeps input order
        f"error: {empty}: the file is empty. check that the file was copied completely",
        f"error: {junk}: the file is not readable text (binary data or an unknown encoding)."
        " save it as UTF-8 (or GB18030) text and try again",
        f"error: {other}: .xlsx is not a supported format."
        " save it as one of .doc, .docx, .jpeg, .jpg, .pdf, .png, .tif, .tiff, .txt, .wps",
    ]
    assert "Traceback" not in result.output
    entries = manifest(out)
    assert [(e["output"], e["status"]) for e in entries] == [
        ("empty.txt", "failed"),
        ("junk.txt", "failed"),
        ("table.xlsx", "failed"),
        (SEED.name, "ok"),
    ]
    assert [e["error"]["type"] for e in entries[:3]] == [
        "empty",
        "undecodable",
        "unsupported_format",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        f"{SEED.name}.json",
        f"{SEED.name}.table01.csv",
        "dataset",
        "manifest.jsonl",
    ]


def test_the_last_line_counts_the_warnings_of_this_run(tmp_path, write):
    undated = "关于{}的通知\n各单位：\n正文。\n"
    write("in/a.txt", undated.format("甲"))
    write("in/b.txt", undated.format("乙"))
    write("in/c.txt", "关于丙的通知\n各单位：\n正文。\n某某局\n2024年5月1日\n")
    ragged = "序号\t名称\t单位\n1\t甲\n2\t乙\n3\t丙\t市局\n"  # two short rows: two warnings
    write("in/d.txt", "关于丁的通知\n各单位：\n正文。\n" + ragged + "某某局\n2024年5月1日\n")
    write("in/e.txt", b"")
    out = tmp_path / "out"
    result = run("extract", tmp_path / "in", "-o", out, "--jobs", "1")
    assert result.exit_code == 1
    # Codes count documents (d has two ragged_row warnings), the most frequent first.
    assert result.output.splitlines()[-1] == (
        f"5 inputs: 4 ok (3 with warnings: no_date 2, ragged_row 1), 0 skipped, 1 failed → {out}/"
    )
    entries = {e["output"]: e for e in manifest(out)}
    assert entries["d.txt"]["warnings"] == 2
    assert entries["d.txt"]["warning_codes"] == {"ragged_row": 2}
    assert entries["c.txt"]["warning_codes"] == {}
    assert entries["e.txt"]["warning_codes"] is None  # failed
    # Skipped documents were converted in an earlier run: their warnings are not this run's.
    result = run("extract", tmp_path / "in", "-o", out, "--jobs", "1")
    assert result.output.splitlines()[-1] == f"5 inputs: 0 ok, 4 skipped, 1 failed → {out}/"
    assert manifest(out)[3]["warning_codes"] == {"ragged_row": 2}  # carried over
    write("in/a.txt", undated.format("戊"))
    write("in/d.txt", "关于丁的通知\n各单位：\n正文。\n" + ragged)  # no date now either
    result = run("extract", tmp_path / "in", "-o", out, "--jobs", "1")
    assert result.output.splitlines()[-1] == (
        f"5 inputs: 2 ok (2 with warnings: no_date 2, ragged_row 1), 2 skipped, 1 failed → {out}/"
    )
    result = run("extract", tmp_path / "in" / "c.txt", "-o", tmp_path / "c", "-q")
    assert result.output == ""  # --quiet: no last line


def test_missing_file_and_name_collisions(tmp_path, write):
    a = write("a/x.txt", "关于甲的通知")
    b = write("b/x.txt", "关于乙的通知")
    result = run("extract", a, b, "-o", tmp_path / "out")
    assert result.exit_code == 0  # the second gets another name, in the order given
    from pipeline.identity import short_hash

    second = f"x~{short_hash(str(b), 6)}.txt"  # from the input's path: not order-dependent
    assert [e["output"] for e in manifest(tmp_path / "out")] == ["x.txt", second]
    assert "关于乙" in (tmp_path / "out" / f"{second}.json").read_text("utf-8")
    result = run("extract", a, tmp_path / "nope.txt", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'nope.txt'}: no such file. check the path" in result.output


def test_debug_shows_the_traceback(tmp_path, write):
    empty = write("e.txt", b"")
    result = run("extract", empty, "-o", tmp_path / "out", "--debug")
    assert "Traceback" in result.output and "EmptyFile" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "x.txt"], "error: no output folder. give one with -o OUTDIR"),
        (
            ["extract", "a.txt", "b.txt", "--stdout"],
            "error: --stdout: takes exactly one input file. give one",
        ),
        (["extract", "-o", "out"], "error: Missing argument 'PATHS...'. see 'cli extract --help'"),
        (
            ["extract", "x.txt", "-o", "o", "--csv-encoding", "latin-1"],
            "error: Invalid value for '--csv-encoding'",
        ),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output
    # one line in the one spelling, not click's "Usage: … Error: …" block
    assert result.output.count("\n") == 1 and result.output.startswith("error: ")


def test_schema_and_validate(tmp_path):
    result = run("schema")
    schema = json.loads(result.output)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    good = EXPECTED / f"{SEED.name}.json"
    bad = tmp_path / "bad.json"
    doc = json.loads(good.read_text("utf-8"))
    doc["date"] = 20240429
    del doc["title"]
    bad.write_text(json.dumps(doc), "utf-8")
    result = run("validate", good, bad)
    assert result.exit_code == 1
    assert f"valid   {good}" in result.output
    assert f"invalid {bad}: (root): 'title' is a required property" in result.output
    assert f"invalid {bad}: date: 20240429 is not of type 'string', 'null'" in result.output


def test_python_dash_m_and_a_light_start_up():
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and "extract" in result.stdout
    probe = (
        "import sys, pipeline.cli; heavy = {'jsonschema', 'chardet', 'pipeline.segment', "
        "'pandas', 'docx', 'pdfplumber', 'jieba'}; print(sorted(heavy & set(sys.modules)))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert loaded.stdout.strip() == "[]"


def test_a_txt_run_loads_only_what_it_needs(tmp_path):
    """What a one-file .txt conversion must not import (start-up; see README Performance)."""
    probe = (
        "import sys\n"
        "from pipeline.cli import main\n"
        f"sys.argv = ['notice-pipeline', 'extract', {str(SEED)!r}, '-o', {str(tmp_path)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = {'pandas', 'jieba', 'jsonschema', 'pdfplumber', 'lxml', 'fsspec', 'pebble',\n"
        "         'tqdm', 'cpca', 'chardet', 'zipfile', 'tempfile', 'pathlib', '_hashlib'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert loaded.stdout.strip() == "[]", loaded.stderr
    assert (tmp_path / "dataset" / "rows.csv").exists()


def test_progress_bar_on_a_terminal(monkeypatch):
    import io

    from pipeline import cli as cli_module

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    monkeypatch.setattr(cli_module.sys, "stderr", screen)
    reporter = cli_module._Reporter(total=2, quiet=False)
    reporter({"status": "ok"})
    reporter({"status": "failed", "error": {"message": "x.txt: the file is empty"}})
    reporter.close()
    text = screen.getvalue()
    assert "error: x.txt: the file is empty" in text
    assert "2/2" in text and "failed=1" in text and "doc/s" in text
    quiet = cli_module._Reporter(total=2, quiet=True)
    assert quiet.bar is None


def test_max_text_size_refuses_a_long_txt_and_names_the_flag(tmp_path):
    result = run("extract", SEED, "-o", tmp_path / "a", "--max-text-size", "0.005", "--jobs", "1")
    assert result.exit_code == 1
    assert "over the limit of 0.005 MB for a .txt file. raise the limit with --max-text-size" in (
        result.output
    )
    result = run("extract", SEED, "-o", tmp_path / "b", "--max-text-size", "0.1", "--jobs", "1")
    assert result.exit_code == 0, result.output


def test_a_terminal_shows_each_page_a_scans_ocr_reads(monkeypatch):
    import io
    import logging

    from pipeline import cli as cli_module

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    screen = Terminal()
    monkeypatch.setattr(cli_module.sys, "stderr", screen)
    logger = logging.getLogger("notice_pipeline.ocr")
    monkeypatch.setattr(logger, "handlers", [])
    reporter = cli_module._Reporter(total=1, quiet=False)
    logger.info("%s: OCR of page %d (%d of %d)", "scan.pdf", 3, 3, 12)
    logger.info("page 3: 512 characters, confidence 0.98, 3.1 s")  # detail: not shown
    reporter.close()
    assert "scan.pdf: OCR of page 3 (3 of 12)\n" in screen.getvalue()
    assert "512 characters" not in screen.getvalue()


HELP_COMMANDS = ["", "extract", "inspect", "validate", "prune", "report"]


def help_examples(command: str) -> list[str]:
    """The example command lines of ``notice-pipeline COMMAND --help``: continued lines
    joined, comments and pipes cut, ``a && b`` split in two."""
    text = run(*([command] if command else []), "--help").output
    lines, joined = [], ""
    for line in text.splitlines():
        line = line.strip()
        if joined or line.startswith("notice-pipeline "):
            joined += line.rstrip("\\").strip() + " "
            if not line.endswith("\\"):
                lines.append(joined.split("#")[0].split("|")[0].strip())
                joined = ""
    return [part.strip() for line in lines for part in line.split("&&")]


def test_every_help_example_runs_from_the_repo_root(tmp_path, monkeypatch):
    """Each example of each --help, in order, from a folder holding the repo's samples/
    (and pipeline/data/): exit 0, and what it names is written. URLs are not run."""
    for name in ("samples", "pipeline"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    ran = []
    for command in HELP_COMMANDS:
        examples = help_examples(command)
        assert examples, f"no example in {command} --help"
        for example in examples:
            if "://" in example:
                continue
            args, _, stdin = example.partition(" < ")
            data = (tmp_path / stdin.strip()).read_bytes() if stdin else None
            result = CliRunner().invoke(cli, args.split()[1:], input=data)
            assert result.exit_code == 0, (example, result.output)
            ran.append(example)
    assert ran[0] == "notice-pipeline extract samples/000_789e38767d8a56d8.docx -o out/"
    assert (tmp_path / "out" / "000_789e38767d8a56d8.docx.json").is_file()
    assert (tmp_path / "out-db" / "dataset" / "notices.db").is_file()
    assert (tmp_path / "out" / "report.html").is_file()
    assert len(ran) >= 14


def test_validate_searches_folders(tmp_path):
    result = run("extract", SEED, EXPECTED.parent / "hz_gbk_crlf.txt", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    sub = tmp_path / "out" / "more"
    sub.mkdir()
    good = tmp_path / "out" / f"{SEED.name}.json"
    bad = sub / "bad.json"
    bad.write_text("{}", "utf-8")
    (tmp_path / "out" / "dataset" / "x.json").write_text("{}", "utf-8")  # not an output
    (tmp_path / "out" / ".hidden.json").write_text("{}", "utf-8")
    result = run("validate", tmp_path / "out")
    assert result.exit_code == 1
    assert f"valid   {good}" in result.output
    assert f"valid   {tmp_path / 'out' / 'hz_gbk_crlf.txt.json'}" in result.output
    assert f"invalid {bad}: (root): 'schema_version' is a required property" in result.output
    assert "x.json" not in result.output and "hidden" not in result.output
    assert result.output.splitlines()[-1] == "3 files: 2 valid, 1 invalid"
    bad.unlink()
    result = run("validate", tmp_path / "out", good)
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "2 files: 2 valid, 0 invalid"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("validate", empty)
    assert result.exit_code == 1
    assert result.output == (
        f"error: {empty}: no output JSON (NAME.json) in this folder. give an extract OUTDIR\n"
    )


def test_a_fill_column_no_table_has_is_a_warning(tmp_path):
    result = run("extract", SEED, "--stdout", "--fill", "活动时间", "--fill", "活动时问")
    doc = json.loads(result.stdout)
    (warning,) = [w for w in doc["warnings"] if w["code"] == "fill_column_missing"]
    header = ", ".join(doc["tables"][0]["header"])
    assert warning["message"] == f"--fill 活动时问: no table has this column (table 1: {header})"
    assert "活动时间" in header
    result = run("extract", SEED, "-o", tmp_path, "--fill", "活动时问")
    assert result.exit_code == 0
    assert "1 ok (1 with warnings: fill_column_missing 1)" in result.output.splitlines()[-1]
    result = run("extract", SEED, "--stdout", "--fill", "活动时问", "--no-fill")
    assert "fill_column_missing" not in result.stdout


def test_a_notice_on_stdin(validate):
    data = (EXPECTED.parent / "table_header.docx").read_bytes()
    result = CliRunner().invoke(cli, ["extract", "-", "--stdout"], input=data)
    assert result.exit_code == 0, result.output
    doc = validate(json.loads(result.stdout))
    assert doc["source"]["path"] == "-" and doc["source"]["name"] == "stdin"
    assert doc["source"]["format"] == "docx"
    text = SEED.read_bytes()
    result = CliRunner().invoke(cli, ["extract", "-", "-o", "-", "--name", "a.txt"], input=text)
    doc = json.loads(result.stdout)
    assert doc["source"]["name"] == "a.txt" and doc["title"].endswith("系列宣传活动的通知")
    result = CliRunner().invoke(cli, ["extract", "-", "--stdout"], input=b"")
    assert result.exit_code == 1
    assert result.output == "error: stdin: nothing came on standard input. pipe a notice into it\n"
    result = run("extract", "-", "-o", "out")
    assert result.exit_code == 2 and "goes alone with --stdout" in result.output


def test_prune_of_a_folder_without_manifest_says_what_to_do(tmp_path):
    result = run("prune", tmp_path)
    assert result.exit_code == 1
    assert result.output == (
        f"error: {tmp_path}: no manifest.jsonl here. give the OUTDIR of an extract run "
        "(-o OUTDIR)\n"
    )
