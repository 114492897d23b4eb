"""`notice-pipeline inspect` and `pipeline.inspect`: the role of every line, and why."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import SAMPLES

import pipeline
from pipeline.cli import cli

LETTER = SAMPLES / "zj_utf16_letter.txt"


def test_library_and_cli_give_the_same_lines():
    layout = pipeline.inspect(LETTER)
    result = CliRunner().invoke(cli, ["inspect", str(LETTER)])
    assert result.exit_code == 0
    assert result.output.splitlines() == layout.describe()


def test_every_part_of_the_letter_has_its_role():
    roles = {e.role: e.text for e in pipeline.inspect(LETTER).entries if e.is_line}
    assert roles["masthead"] == "浙江省市场监督管理局"
    assert roles["recipients"] == "江苏省市场监督管理局："
    assert roles["attachment_note"] == "附件：长三角计量比对项目安排表"
    assert roles["date"] == "2024年6月3日"
    assert roles["note"].startswith("（联系人：张华")
    assert roles["attachment_title"] == "长三角计量比对项目安排表"


def test_role_filter_and_reasons():
    result = CliRunner().invoke(cli, ["inspect", str(LETTER), "--role", "date"])
    (line,) = result.output.splitlines()
    assert line.split()[:3] == ["17", "date", "2024年6月3日"]
    assert line.endswith("(a date line before the 附注, an attachment or the 版记)")


def test_unknown_role_and_missing_file_are_clear_errors(tmp_path):
    result = CliRunner().invoke(cli, ["inspect", str(LETTER), "--role", "titel"])
    assert result.exit_code == 2
    assert "error: --role: titel: not a role. give one of noise, " in result.output
    result = CliRunner().invoke(cli, ["inspect", str(tmp_path / "gone.txt")])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {tmp_path / 'gone.txt'}: no such file. check the path"


def test_parts_not_found_are_said_at_the_end(tmp_path):
    body = tmp_path / "body.txt"
    body.write_text("只是一段文字。\n另一段。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["inspect", str(body)])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "not found: title, date"
