"""-v/--verbose and --log-file of extract: the logging module's records."""

import logging

import pytest
from click.testing import CliRunner
from conftest import SEED

from pipeline.cli import cli


@pytest.fixture(autouse=True)
def no_handlers_left():
    yield
    logger = logging.getLogger("notice_pipeline")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.NOTSET)


def test_verbose_logs_the_reader_and_seconds_and_the_log_file_has_timestamps(tmp_path):
    log = tmp_path / "run.log"
    args = ["extract", str(SEED), "-o", str(tmp_path / "out"), "-v", "--log-file", str(log)]
    result = CliRunner().invoke(cli, [*args, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert f"INFO: {SEED}: read by the txt reader" in result.output
    text = log.read_text("utf-8")
    assert f"INFO notice_pipeline.core: {SEED}: read by the txt reader" in text
    assert text[:4].isdigit()  # a timestamp starts each record
    assert " s\n" in text


def test_without_v_the_terminal_shows_no_log(tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(SEED), "-o", str(tmp_path), "--jobs", "1"])
    assert result.exit_code == 0
    assert "read by" not in result.output


def test_vv_adds_debug_records_of_the_pipeline_that_v_has_not(tmp_path):
    def extract(out, *flags):
        args = ["extract", str(SEED), "-o", str(out), "--jobs", "1", "--xlsx", *flags]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        return result.output

    once = extract(tmp_path / "a", "-v")
    assert f"INFO: {SEED}: read by the txt reader" in once and "DEBUG:" not in once
    twice = extract(tmp_path / "b", "-vv")
    assert f"INFO: {SEED}: read by the txt reader" in twice
    # the run's options, then what became of the document and the files it wrote
    assert "DEBUG: 1 input found in" in twice and "options: xlsx=True (digest " in twice
    (done,) = [line for line in twice.splitlines() if line.startswith(f"DEBUG: {SEED}: ok in ")]
    out = tmp_path / "b"
    assert f"(txt, 1 table, 52 rows); wrote {out}/{SEED.name}.json, " in done
    assert done.endswith(f"{out}/{SEED.name}.table01.csv, {out}/{SEED.name}.xlsx")
    assert f"dataset: {out}/dataset/documents.csv" in twice
    # run again: the document is skipped, and -vv says why
    again = extract(tmp_path / "b", "-vv")
    (skipped,) = [line for line in again.splitlines() if line.startswith(f"DEBUG: {SEED}: ")]
    assert "skipped" in skipped and "unchanged since " in skipped


def test_the_log_file_has_the_debug_records_whatever_v_says(tmp_path):
    log = tmp_path / "run.log"
    args = ["extract", str(SEED), "-o", str(tmp_path / "out"), "--jobs", "1", "--log-file"]
    result = CliRunner().invoke(cli, [*args, str(log)])
    assert result.exit_code == 0, result.output
    assert "DEBUG" not in result.output and "INFO" not in result.output
    text = log.read_text("utf-8")
    assert "DEBUG notice_pipeline.log: notice-pipeline " in text and f"{log} at DEBUG" in text
    assert f"DEBUG notice_pipeline.cli: {SEED}: ok in " in text


def test_stdout_with_vv_logs_the_options_and_what_it_printed():
    result = CliRunner().invoke(cli, ["extract", str(SEED), "--stdout", "-vv", "--no-fill"])
    assert result.exit_code == 0
    assert "DEBUG: options: fill=False (digest " in result.stderr
    assert f"DEBUG: {SEED}: JSON of {len(result.stdout) - 1} characters on stdout" in (
        result.stderr
    )
