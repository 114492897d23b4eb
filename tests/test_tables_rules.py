"""Fill rules: which columns are responsible-unit columns, from pipeline/data/fill_rules.tsv
and a user's file (--fill-rules FILE)."""

import json

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.core import extract
from pipeline.model import Cell, Grid
from pipeline.tables import (
    FillPolicy,
    FillRulesError,
    build_table,
    builtin_fill_rules,
    is_responsible_column,
    load_fill_rules,
    parse_fill_rules,
)

# Headers of the tables in ../shared/corpus (real, dev), the samples and their layout
# variants, as the pipeline read them: the ones naming the unit responsible for the work.
CORPUS_FILLED = ["负责单位", "责任单位", "牵头单位", "承检机构", "区级责任人"]
# ... and a selection of the others (all of them were checked when the rules were built).
CORPUS_NOT_FILLED = [
    "序号", "备注", "姓名", "职务", "联系电话", "完成时限", "单位名称", "部门名称", "单位",
    "检查对象", "检查时间", "检查内容", "检查项目", "配合单位", "参加单位", "开具单位",
    "收费单位", "工作单位", "主导实验室", "镇（街）责任人数", "活动名称", "活动时间",
    "宣传形式", "工作任务", "整治环节", "排查内容", "证明材料", "设定依据", "学校名称",
    "机构名称", "招考人数", "拟录用职位及代码", "现场报名和资格审查地点", "联系人",
    "行政复议/结果维持", "派驻人员计划/保险机构/名称", "前一次鉴定情况/司法鉴定机构",
]  # fmt: skip

# The wording of task-division, plan, supervision and inspection tables.
WORDING_FILLED = [
    "主办单位", "承办单位", "实施单位", "承担单位", "主管部门", "主责部门", "归口管理部门",
    "执行机构", "完成单位", "组织单位", "落实单位", "办理部门", "包保单位", "牵头部门",
    "责任部门", "负责处室", "责任科室", "责任主体", "实施主体", "责任处", "牵头领导",
    "分管领导", "项目负责人", "检查单位", "检查组", "监管部门", "执法部门", "承办学院",
    "牵头单位（部门）", "责任单位（盖章）", "单位（牵头）", "主办单位名称", "负 责 单 位",
    "责任单位及责任人", "牵头单位/市级", "责任单位/牵头",
]  # fmt: skip
WORDING_NOT_FILLED = [
    "协办单位", "参与单位", "协助部门", "协同单位", "支持单位", "指导单位",
    "牵头及配合单位", "责任单位/配合", "责任单位/配合单位", "被检查单位", "组织机构",
    "组织机构代码", "牵头单位联系人", "主管部门意见", "责任单位数", "责任分工", "落实情况",
    "实施内容", "完成情况", "执行标准",
]  # fmt: skip


@pytest.mark.parametrize("header", CORPUS_FILLED + WORDING_FILLED)
def test_responsible_columns(header):
    assert is_responsible_column(header)


@pytest.mark.parametrize("header", CORPUS_NOT_FILLED + WORDING_NOT_FILLED)
def test_columns_that_stay_unfilled(header):
    assert not is_responsible_column(header)


def test_a_table_of_collected_headers_fills_exactly_its_responsible_columns():
    """Truth by construction: every column printed in row 1 and blank in row 2; a
    responsible column is filled in row 2, any other stays blank."""
    headers = ["序号", *CORPUS_FILLED, *CORPUS_NOT_FILLED[1:], *WORDING_FILLED[:8]]
    headers += ["协办单位", "牵头及配合单位", "被检查单位"]
    first = ["1"] + [f"v{c}" for c in range(1, len(headers))]
    second = ["2"] + [""] * (len(headers) - 1)
    grid = Grid(rows=[[Cell(v) for v in row] for row in (headers, first, second)])
    table, _ = build_table(grid, 1, None, None, FillPolicy())
    responsible = [h for h in headers if h in CORPUS_FILLED or h in WORDING_FILLED]
    assert table.fill_columns == responsible
    assert {table.header[f.col - 1] for f in table.filled} == set(responsible)
    for c, h in enumerate(headers[1:], start=1):
        assert table.rows[1][c] == (first[c] if h in responsible else ""), h


def test_a_supporting_column_is_filled_only_when_named():
    grid = Grid(
        rows=[
            [Cell(v) for v in row]
            for row in (["序号", "牵头单位", "配合单位"], ["1", "市局", "区局"], ["2", "", ""])
        ]
    )
    table, _ = build_table(grid, 1, None, None, FillPolicy())
    assert table.rows[1] == ["2", "市局", ""]
    table, _ = build_table(grid, 1, None, None, FillPolicy(columns=("配合单位",)))
    assert table.rows[1] == ["2", "市局", "区局"]


def test_the_built_in_rules_are_read_from_their_data_file():
    rules = builtin_fill_rules()
    assert {"负责", "牵头", "承办", "实施", "承担", "主管", "归口", "执行", "完成"} <= set(
        rules.role
    )
    assert {"单位", "部门", "机构", "处室", "主体", "科室"} <= set(rules.unit)
    assert {"配合", "协办", "参与"} <= set(rules.supporting)
    assert "责任人" in rules.name


USER_RULES = """# our office's tables
role\t督办\t督办单位
unit    专班
name\t主导实验室
exclude\t主办单位
supporting\t陪同
"""


def test_a_user_file_extends_the_built_in_rules(tmp_path):
    path = tmp_path / "rules.tsv"
    path.write_text(USER_RULES, encoding="utf-8")
    rules = load_fill_rules(str(path))
    for header in ("督办单位", "牵头专班", "主导实验室", "负责单位", "责任处室"):
        assert is_responsible_column(header, rules), header
    for header in ("主办单位", "陪同单位", "配合单位"):
        assert not is_responsible_column(header, rules), header
    assert not is_responsible_column("督办单位")  # the built-in rules are unchanged


NOTICE = """关于开展督查工作的通知

各区局：
现将督查安排印发给你们。

某某局
2024年3月1日
附件
督查安排表
序号\t督查事项\t督办单位\t牵头专班
1\t甲\t市局\t一组
2\t乙\t\t
"""


def test_fill_rules_through_the_library_and_the_command_line(tmp_path):
    notice = tmp_path / "n.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    rules = tmp_path / "rules.tsv"
    rules.write_text(USER_RULES, encoding="utf-8")
    (table,) = extract(notice).tables
    assert table.rows[1] == ["2", "乙", "", ""] and table.fill_columns == []
    (table,) = extract(notice, fill_rules=str(rules)).tables
    assert table.rows[1] == ["2", "乙", "市局", "一组"]
    assert table.fill_columns == ["督办单位", "牵头专班"]
    result = CliRunner().invoke(
        cli, ["extract", str(notice), "--stdout", "--fill-rules", str(rules)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tables"][0]["rows"][1] == ["2", "乙", "市局", "一组"]
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["extract", str(notice), "-o", str(out), "--fill-rules", rules]
    )
    assert result.exit_code == 0, result.output
    assert (out / "n.txt.table01.csv").read_text("utf-8").splitlines()[2] == "2,乙,市局,一组"


def test_units_are_read_in_the_columns_the_user_rules_name(tmp_path):
    notice = tmp_path / "n.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    rules = tmp_path / "rules.tsv"
    rules.write_text(USER_RULES, encoding="utf-8")
    assert extract(notice).tables[0].units == []
    (table,) = extract(notice, fill_rules=str(rules)).tables
    assert {(u.row, u.column) for u in table.units} >= {(1, "督办单位"), (2, "督办单位")}


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("role\t督办\nrol\t协调\n", "line 2: unknown kind 'rol'"),
        ("# rules\n督办\n", "line 2: '督办' has no word"),
        (b"\xff\xfe\x00r", "is not UTF-8 text. save the fill-rules file as UTF-8"),
        (None, "no such fill-rules file. check the path"),
    ],
)
def test_a_bad_rules_file_gives_one_line_naming_the_file_and_the_fix(tmp_path, content, problem):
    path = tmp_path / "rules.tsv"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif content is not None:
        path.write_bytes(content)
    notice = tmp_path / "n.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(notice), "-o", str(tmp_path / "out"),
                                      "--fill-rules", str(path)])  # fmt: skip
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"error: --fill-rules {path}: ") and problem in line
    assert not (tmp_path / "out").exists()  # stopped before any input was read
    with pytest.raises(FillRulesError, match=problem):
        extract(notice, fill_rules=str(path))


def test_rules_parse_kinds_case_and_comments():
    rules = parse_fill_rules("ROLE 督办 e.g. 督办单位\n\n# unit 不算\nunit\t专班\n", "x.tsv")
    assert (rules.role, rules.unit) == (("督办",), ("专班",))
