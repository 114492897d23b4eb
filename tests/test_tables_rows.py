"""Rows of a grid that are not data (dropped_rows), a table's unit and its title."""

import pytest

from pipeline.model import Cell, Document, DroppedRow, Grid, Source
from pipeline.readers.txt import parse_lines, split_lines
from pipeline.segment import segment
from pipeline.tables import FillPolicy, build_table, split_unit


def make(rows, merges=None, header_rows=None):
    merges = merges or {}
    return Grid(
        rows=[
            [Cell(v, merges.get((r, c))) for c, v in enumerate(row)] for r, row in enumerate(rows)
        ],
        header_rows=header_rows,
    )


def across(r, width):
    """Slots 1.. of row r covered by a merge from slot 0 (a row merged across the table)."""
    return {(r, c): (r, 0) for c in range(1, width)}


def build(grid, title=None, unit=None):
    table, _ = build_table(grid, 1, title, None, FillPolicy(), unit)
    return table


HEADER = ["序号", "项目", "金额", "负责单位"]


def test_repeated_header_rows_are_listed_by_their_row_in_the_grid():
    rows = [
        ["", "", "", ""],  # 1: empty, above the header
        ["附件1："] * 4,  # 2: a label
        ["某某项目汇总表"] * 4,  # 3: the title
        ["单位：万元"] * 4,  # 4: the unit
        HEADER,  # 5
        ["1", "甲", "10", "市局"],  # 6
        HEADER,  # 7: typed again after a page break
        ["2", "乙", "20", ""],  # 8
        ["某某项目汇总表"] * 4,  # 9: the title again
        HEADER,  # 10
        ["3", "丙", "30", "区局"],  # 11
    ]
    table = build(make(rows))
    assert (table.title, table.unit, table.header) == ("某某项目汇总表", "万元", HEADER)
    assert [r[0] for r in table.rows] == ["1", "2", "3"]
    assert table.rows[1][3] == "市局"  # filled across the dropped header
    assert table.dropped_rows == [
        DroppedRow(1, "empty"),
        DroppedRow(2, "label"),
        DroppedRow(3, "title"),
        DroppedRow(4, "unit"),
        DroppedRow(7, "repeated_header"),
        DroppedRow(9, "repeated_title"),
        DroppedRow(10, "repeated_header"),
    ]


def test_a_two_row_header_repeated_after_a_page_break():
    top = ["序号", "资格条件", "资格条件", "备注"]
    sub = ["序号", "专业", "学历", "备注"]
    rows = [top, sub, ["1", "中文", "本科", ""], top, sub, ["2", "法学", "硕士", ""]]
    merges = {(0, 2): (0, 1), (1, 0): (0, 0), (1, 3): (0, 3)}
    merges |= {(3, 2): (3, 1), (4, 0): (3, 0), (4, 3): (3, 3)}
    table = build(make(rows, merges))
    assert table.header == ["序号", "资格条件/专业", "资格条件/学历", "备注"]
    assert [r[0] for r in table.rows] == ["1", "2"]
    assert table.dropped_rows == [
        DroppedRow(4, "repeated_header"),
        DroppedRow(5, "repeated_header"),
    ]


def test_a_table_with_nothing_dropped_lists_nothing():
    table = build(make([HEADER, ["1", "甲", "10", "市局"], ["", "", "", ""]]))
    assert table.dropped_rows == [] and len(table.rows) == 2  # an empty data row stays


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("单位：万元", ("", "万元")),
        ("单位:亿元", ("", "亿元")),
        ("（单位：人）", ("", "人")),
        ("(单位: 万元)", ("", "万元")),
        ("金额单位：元", ("", "元")),
        ("计量单位：吨", ("", "吨")),
        ("单 位：万元、%", ("", "万元、%")),
        ("2023年收支预算表（单位：万元）", ("2023年收支预算表", "万元")),
        ("2023年收支预算表    单位：万元", ("2023年收支预算表", "万元")),
        ("填报单位：某某局　　　　单位：万元", ("填报单位：某某局", "万元")),
        ("填报单位：某某局", ("填报单位：某某局", None)),  # a field: an organisation
        ("单位：某某市财政局", ("单位：某某市财政局", None)),
        ("报送单位：市局", ("报送单位：市局", None)),
        ("单位名称：", ("单位名称：", None)),
        ("各单位：请于5月前报送。", ("各单位：请于5月前报送。", None)),
        ("活动安排表", ("活动安排表", None)),
    ],
)
def test_a_unit_is_read_from_a_line(line, expected):
    assert split_unit(line) == expected


@pytest.mark.parametrize(
    ("banners", "title", "unit"),
    [
        ([["某某收支表（单位：万元）"] * 4], "某某收支表", "万元"),
        ([["某某收支表"] * 4, ["（单位：人）"] * 4], "某某收支表", "人"),  # under the title
        ([["某某收支表", "", "", "单位：万元"]], "某某收支表", "万元"),  # beside it
        ([["某某收支表"] * 4, ["填报单位：", "", "", "金额单位：元"]], "某某收支表", "元"),
        ([["单位：万元"] * 4], "given", "万元"),  # the caption above stays the title
        ([["填报单位：某某局"] * 4], "given", "from above"),  # a field, not a unit
    ],
)
def test_a_unit_inside_the_grid(banners, title, unit):
    rows = [*banners, HEADER, ["1", "甲", "10", "市局"]]
    table = build(make(rows), "given", "from above")
    assert (table.title, table.unit, table.header) == (title, unit, HEADER)
    assert table.rows == [["1", "甲", "10", "市局"]]


def test_a_forms_title_row_is_its_title_not_a_prefix_of_its_header():
    # Word: the title merged across the table, the header under it, both rows marked
    # as header rows (repeated on every page).
    rows = [["从业人员登记表"] * 3, ["姓名", "岗位", "负责单位"], ["张三", "保洁", "市局"]]
    table = build(make(rows, across(0, 3), header_rows=2))
    assert (table.title, table.header) == ("从业人员登记表", ["姓名", "岗位", "负责单位"])
    assert table.dropped_rows == [DroppedRow(1, "title")]
    # Not marked: the header is found under the title all the same.
    table = build(make(rows, across(0, 3)))
    assert (table.title, table.header) == ("从业人员登记表", ["姓名", "岗位", "负责单位"])
    # Two columns: the title merged across both, or one value above a full row.
    rows = [["联络员名单", "联络员名单"], ["姓名", "电话"], ["张三", "123"]]
    for grid in (make(rows, across(0, 2)), make([["联络员名单", ""], *rows[1:]])):
        table = build(grid)
        assert (table.title, table.header, table.rows) == (
            "联络员名单", ["姓名", "电话"], [["张三", "123"]]
        )  # fmt: skip
    # A two-column form of labels and blanks has no title row.
    table = build(make([["姓名", ""], ["电话", ""], ["地址", ""]]))
    assert table.title is None and table.dropped_rows == []


def test_the_caption_above_is_the_title_when_it_says_more_than_the_row_inside():
    rows = [["财政拨款“三公”经费"] * 3, ["合计", "公务接待费", "因公出国费"], ["1", "2", "3"]]
    table = build(make(rows, across(0, 3)), "财政拨款“三公”经费支出决算表")
    assert table.title == "财政拨款“三公”经费支出决算表"
    assert table.header == ["合计", "公务接待费", "因公出国费"]
    table = build(make(rows, across(0, 3)), "附表二")
    assert table.title == "财政拨款“三公”经费"


SOURCE = Source(path="t.txt", name="t.txt", format="txt", sha256="0" * 64, size=0)

NOTICE = """关于报送2024年预算的通知

各区财政局：
请按附件格式报送。

某某市财政局
2024年3月1日
附件
{caption}
{unit}
序号\t项目\t金额
1\t办公费\t10
"""


@pytest.mark.parametrize(
    ("caption", "unit", "title", "expected"),
    [
        ("2024年预算收支表", "单位：万元", "2024年预算收支表", "万元"),
        ("2024年预算收支表", "（单位：元）", "2024年预算收支表", "元"),
        ("2024年预算收支表", "填报单位：            单位：万元", "2024年预算收支表", "万元"),
        ("2024年预算收支表（单位：万元）", "", "2024年预算收支表", "万元"),
        ("2024年预算收支表", "", "2024年预算收支表", None),
    ],
)
def test_a_unit_line_above_a_table_is_its_unit_never_its_title(caption, unit, title, expected):
    text = NOTICE.format(caption=caption, unit=unit).replace("\n\n序号", "\n序号")
    blocks, warnings = parse_lines(split_lines(text))
    notice = segment(Document(blocks=blocks, format="txt", warnings=warnings), SOURCE)
    (table,) = notice.tables
    assert (table.title, table.unit) == (title, expected)
    assert table.rows == [["1", "办公费", "10"]]
