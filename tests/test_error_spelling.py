"""Every failure line of every command in one spelling: "error: FILE: problem. what to do"
(issue 16), the same text the manifest stores."""

import json

import pytest
from click.testing import CliRunner
from conftest import SEED

from pipeline import batch
from pipeline.cli import cli
from pipeline.errors import EmptyFile, EncryptedPdf, PipelineError, describe, spell


def run(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


def test_spell_joins_the_problem_and_what_to_do_with_a_full_stop():
    assert spell("a.pdf", "is encrypted", "give its password") == (
        "a.pdf: is encrypted. give its password"
    )
    assert spell("a.pdf", "is encrypted") == "a.pdf: is encrypted"
    assert spell(None, "no output folder", "give one") == "no output folder. give one"
    # a problem that already ends a sentence gets no second full stop
    assert spell(None, "Missing argument 'PATHS...'.", "see --help") == (
        "Missing argument 'PATHS...'. see --help"
    )
    assert spell(None, "No such option. (Did you mean --force?)", "see --help") == (
        "No such option. (Did you mean --force?) see --help"
    )


def test_an_errors_message_is_the_spelling_and_describe_keeps_it():
    exc = EncryptedPdf("x.pdf", "is encrypted")
    assert exc.message == spell("x.pdf", "is encrypted", EncryptedPdf.hint)
    assert exc.message.startswith("x.pdf: is encrypted. give its password with --password")
    assert describe(exc, "x.pdf") == {"type": "encrypted", "message": exc.message}
    assert PipelineError("y.txt", "went wrong").message == "y.txt: went wrong"
    bug = describe(ValueError("boom"), "z.txt")
    assert bug == {
        "type": "internal",
        "message": "z.txt: ValueError: boom. a bug of ours: please report it",
    }


def test_the_printed_line_is_the_manifests_message(tmp_path, write):
    empty = write("empty.txt", b"")
    out = tmp_path / "out"
    result = run("extract", SEED, empty, "-o", out, "--jobs", "1")
    assert result.exit_code == 1
    printed = [line for line in result.output.splitlines() if line.startswith("error:")]
    lines = (out / "manifest.jsonl").read_text("utf-8").splitlines()
    (failed,) = [e for e in map(json.loads, lines) if e["status"] == "failed"]
    assert printed == [f"error: {failed['error']['message']}"]
    assert failed["error"]["message"] == EmptyFile(str(empty), "the file is empty").message
    assert printed == [
        f"error: {empty}: the file is empty. check that the file was copied completely"
    ]


def test_report_without_a_dataset(tmp_path):
    result = run("report", tmp_path)
    assert result.exit_code == 1
    assert error_lines(result.output) == [
        f"error: {tmp_path}/dataset: no dataset here. run extract first "
        f"(notice-pipeline extract PATH... -o {tmp_path})"
    ]


def test_no_notices_found_says_what_to_give(tmp_path, write):
    write("only/a.xls", b"x")
    result = run("extract", tmp_path / "only", "-o", tmp_path / "out")
    assert result.exit_code == 2
    (line,) = error_lines(result.output)
    assert line.startswith(f"error: {tmp_path / 'only'}: no notices (.doc, .docx")
    assert line.endswith("found (.xls 1). give files of these formats, or folders that hold some")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["extract", "-", "-o", "out"],
            "error: -: a notice on standard input goes alone with --stdout (or -o -). "
            "to keep it in an archive, save it to a file and extract that",
        ),
        (
            ["extract", str(SEED), "--stdout", "--name", "n.txt"],
            "error: --name: goes with - (a notice on standard input). "
            "give - as the one PATH, or leave --name out",
        ),
        (
            ["extract", str(SEED), "-o", "out", "--scheduler", "tcp://h:8786"],
            "error: --scheduler: goes with --executor dask. add --executor dask",
        ),
        (["nosuch"], "error: No such command 'nosuch'. see 'cli --help'"),
    ],
)
def test_usage_errors_are_one_line_in_the_spelling(args, line):
    result = run(*args)
    assert result.exit_code == 2
    assert "Usage:" not in result.output and "Error:" not in result.output
    assert error_lines(result.output) == [line]


def test_clicks_own_errors_are_spelled_so_too():
    result = run("extract", SEED, "-o", "out", "--fro")
    assert result.exit_code == 2
    (line,) = error_lines(result.output)
    # click's wording of a misspelt option varies by version; the frame is ours
    assert line.startswith("error: No such option") and "--force" in line
    assert line.endswith(" see 'cli extract --help'") and "?)." not in line


def test_an_unknown_role_of_inspect(tmp_path):
    result = run("inspect", SEED, "--role", "titel")
    assert result.exit_code == 2
    (line,) = error_lines(result.output)
    assert line.startswith("error: --role: titel: not a role. give one of noise, ")
    assert "title" in line.split("give one of ")[1].split(", ")


def test_an_interrupted_run_says_how_far_it_got_and_what_to_do(tmp_path, monkeypatch):
    out = tmp_path / "out"
    real = batch.process_one
    calls = []

    def interrupted_after_one(task, outdir, options):
        if calls:
            raise KeyboardInterrupt
        calls.append(task.source)
        return real(task, outdir, options)

    monkeypatch.setattr(batch, "process_one", interrupted_after_one)
    other = tmp_path / "b.txt"
    other.write_bytes(SEED.read_bytes().replace("世界计量日".encode(), "计量日".encode()))
    result = run("extract", SEED, other, "-o", out, "--jobs", "1", "-q")
    assert result.exit_code == 130
    assert error_lines(result.output) == [
        f"error: {out}: interrupted after 1 of 2 inputs. "
        "run the same command again to go on where it stopped"
    ]


def test_an_interrupt_before_the_run_is_an_error_line_too(tmp_path, monkeypatch):
    def interrupted(paths):
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "scan", interrupted)
    result = run("extract", SEED, "-o", tmp_path / "out")
    assert result.exit_code == 130
    assert error_lines(result.output) == ["error: interrupted. run the same command again"]
    assert "Aborted" not in result.output
