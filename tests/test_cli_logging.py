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
