import pytest

from pipeline.model import Cell, Grid
from pipeline.tables import (
    FillPolicy,
    build_table,
    drop_columns,
    is_responsible_column,
    phantom_columns,
)


def make(rows, merges=None):
    merges = merges or {}
    return Grid(
        rows=[
            [Cell(v, merges.get((r, c))) for c, v in enumerate(row)] for r, row in enumerate(rows)
        ]
    )


@pytest.mark.parametrize(
    "name",
    ["负责单位", "责任单位", "牵头单位", "主办单位", "承办单位", "实施单位", "牵头部门", "责任部门",
     "负责处室", "责任主体", "组织单位", "牵头单位（部门）", "负 责 单 位"],
)  # fmt: skip
def test_responsible_columns(name):
    assert is_responsible_column(name)


@pytest.mark.parametrize(
    "name", ["序号", "活动名称", "活动时间", "配合单位", "协办单位", "备注", "单位名称"]
)
def test_other_columns(name):
    assert not is_responsible_column(name)


ROWS = [
    ["序号", "活动", "时间", "负责单位"],
    ["1", "甲", "5月", "市局"],
    ["2", "乙", "", ""],
    ["3", "", "6月", ""],
    ["4", "丁", "7月", "区局"],
    ["", "", "", ""],
    ["5", "戊", "", ""],
]


def test_fill_down_responsible_columns_with_provenance():
    table, warnings = build_table(make(ROWS), 1, None, None, FillPolicy())
    assert table.header == ["序号", "活动", "时间", "负责单位"]
    assert [r[3] for r in table.rows] == ["市局", "市局", "市局", "区局", "", ""]
    assert [r[2] for r in table.rows] == ["5月", "", "6月", "7月", "", ""]  # other blanks stay
    assert [(f.row, f.col, f.column, f.from_row, f.from_col, f.reason) for f in table.filled] == [
        (2, 4, "负责单位", 1, 4, "blank"),
        (3, 4, "负责单位", 1, 4, "blank"),  # printed in row 1, reached through row 2
    ]
    assert table.fill_columns == ["负责单位"]
    assert warnings == []


def test_user_named_columns_and_no_fill():
    table, _ = build_table(make(ROWS), 1, None, None, FillPolicy(columns=("时间",)))
    assert [r[2] for r in table.rows] == ["5月", "5月", "6月", "7月", "", ""]
    assert table.fill_columns == ["时间", "负责单位"]
    table, _ = build_table(make(ROWS), 1, None, None, FillPolicy(enabled=False))
    assert table.filled == [] and table.fill_columns == []
    assert [r[3] for r in table.rows] == ["市局", "", "", "区局", "", ""]


def test_recorded_merges_fill_every_column_even_without_fill():
    rows = [["序号", "活动", "时间"], ["1", "甲", "5月"], ["2", "", ""], ["3", "", "6月"]]
    merges = {(2, 1): (1, 1), (3, 1): (1, 1), (2, 2): (1, 2)}
    table, _ = build_table(make(rows, merges), 1, None, None, FillPolicy(enabled=False))
    assert table.rows == [["1", "甲", "5月"], ["2", "甲", "5月"], ["3", "甲", "6月"]]
    assert [(f.row, f.col, f.from_row, f.reason) for f in table.filled] == [
        (2, 2, 1, "merged"),
        (2, 3, 1, "merged"),
        (3, 2, 1, "merged"),
    ]


def test_title_row_and_missing_header():
    rows = [
        ["活动安排表", "活动安排表", "活动安排表"],
        ["序号", "活动", "负责单位"],
        ["1", "甲", "市局"],
    ]
    table, _ = build_table(make(rows), 2, None, "附件", FillPolicy())
    assert (table.title, table.header, table.rows) == (
        "活动安排表",
        ["序号", "活动", "负责单位"],
        [["1", "甲", "市局"]],
    )
    assert table.attachment == "附件" and table.index == 2
    table, warnings = build_table(make([["1", "甲"], ["2", "乙"]]), 1, None, None, FillPolicy())
    assert table.header == ["列1", "列2"] and len(table.rows) == 2
    assert [w.code for w in warnings] == ["table_without_header"]


def test_two_row_header_joined_with_slash():
    grid = make(
        [["活动", "活动时间", "活动时间"], ["活动", "开始", "结束"], ["甲", "5月1日", "5月2日"]]
    )
    grid.header_rows = 2
    table, _ = build_table(grid, 1, None, None, FillPolicy())
    assert table.header == ["活动", "活动时间/开始", "活动时间/结束"]


def span(rows, r, c0, c1):
    """Merges of cells c0+1..c1 of row r into c0 (a horizontal span)."""
    return {(r, c): (r, c0) for c in range(c0 + 1, c1 + 1)}


HEADER_TOP = ["序号", "单位", "职位", "资格条件", "资格条件", "资格条件", "备注"]
HEADER_SUB = ["序号", "单位", "职位", "专业", "学历", "其他条件", "备注"]


def title_label_and_repeated_header_grid():
    """A job table as offices type it in Word: a label row and a title row across the
    table, a two-row header, and the header typed again after each page break."""
    rows = [
        ["附件1："] * 7,
        ["2016年某市遴选职位表"] * 7,
        HEADER_TOP,
        HEADER_SUB,
        ["1", "市法院", "文秘", "中文类", "本科", "", ""],
        ["2", "市法院", "档案", "档案类", "本科", "", ""],
        HEADER_TOP,  # page 2: the header typed again
        HEADER_SUB,
        ["3", "市财政局", "科员", "不限", "本科", "", "加试"],
        HEADER_TOP,  # page 3: only its first row this time
        ["4", "市审计局", "科员", "审计类", "大专", "", ""],
    ]
    merges = {**span(rows, 0, 0, 6), **span(rows, 1, 0, 6)}
    for top in (2, 6):
        merges |= span(rows, top, 3, 5)
        merges |= {(top + 1, c): (top, c) for c in (0, 1, 2, 6)}
    merges |= span(rows, 9, 3, 5)
    merges[(5, 1)] = (4, 1)  # 市法院 merged down
    return make(rows, merges)


def test_title_and_label_rows_and_a_header_repeated_by_hand():
    table, warnings = build_table(
        title_label_and_repeated_header_grid(), 1, None, None, FillPolicy()
    )
    assert table.title == "2016年某市遴选职位表"  # the title row, not the label above it
    assert table.header == [
        "序号", "单位", "职位", "资格条件/专业", "资格条件/学历", "资格条件/其他条件", "备注"
    ]  # fmt: skip
    assert [r[0] for r in table.rows] == ["1", "2", "3", "4"]  # repeats are neither
    assert table.rows[1][1] == "市法院"
    assert [(f.row, f.col, f.from_row) for f in table.filled] == [(2, 2, 1)]
    assert table.groups == [] and warnings == []


@pytest.mark.parametrize(
    ("banners", "title"),
    [
        ([["附件2：某某项目汇总表"] * 4], "某某项目汇总表"),  # label and title in one row
        ([["附 表 3"] * 4, ["某某项目汇总表"] * 4, ["单位：万元"] * 4], "某某项目汇总表"),
        ([["", "", "", ""], ["某某项目汇总表"] * 4], "某某项目汇总表"),  # an empty row first
        ([["附件"] * 4], "given"),  # a bare label: the title the caller found stays
    ],
)
def test_rows_across_the_table_above_the_header(banners, title):
    rows = [*banners, ["序号", "项目", "金额", "备注"], ["1", "甲", "10", ""]]
    table, _ = build_table(make(rows), 1, "given", None, FillPolicy())
    assert (table.title, table.header, table.rows) == (
        title, ["序号", "项目", "金额", "备注"], [["1", "甲", "10", ""]]
    )  # fmt: skip


def test_a_data_row_like_a_header_cell_is_kept():
    rows = [
        ["序号", "项目", "备注"],
        ["1", "序号", "项目"],
        ["序号", "项目", "备注"],
        ["2", "乙", ""],
    ]
    table, _ = build_table(make(rows), 1, None, None, FillPolicy())
    assert table.rows == [["1", "序号", "项目"], ["2", "乙", ""]]


def test_a_sliver_column_without_text_is_no_column():
    rows = [
        ["某某指导目录", "某某指导目录", "某某指导目录", ""],  # the title spans three of four
        ["序号", "证明材料", "开具单位", ""],
        ["1", "工作证明", "所在单位", ""],
    ]
    grid = make(rows, span(rows, 0, 0, 2)).rows
    assert phantom_columns(grid, [20, 60, 60, 2.5]) == [3]
    assert phantom_columns(grid, [20, 60, 60, 40]) == []  # wide: a column left blank
    assert phantom_columns(grid, [20, 60, 60, None]) == []  # width unknown
    grid[2][3] = Cell("✓")
    assert phantom_columns(grid, [20, 60, 60, 2.5]) == []  # narrow, but it holds text


def test_dropping_columns_repoints_merges():
    rows = [
        ["标题", "标题", "标题", "标题"],
        ["序号", "名称", "名称", "备注"],  # 名称 starts in the sliver, runs on
        ["1", "", "甲", "x"],
        ["2", "", "", "y"],
    ]
    merges = {**span(rows, 0, 0, 3), (1, 2): (1, 1), (3, 2): (2, 2)}
    grid = make(rows, merges).rows
    assert phantom_columns(grid, [20, 3, 60, 40]) == [1]
    out = drop_columns(grid, [1])
    assert [[(c.text, c.merged_from) for c in r] for r in out] == [
        [("标题", None), ("标题", (0, 0)), ("标题", (0, 0))],
        [("序号", None), ("名称", None), ("备注", None)],  # its covered slot took over
        [("1", None), ("甲", None), ("x", None)],
        [("2", None), ("", (2, 1)), ("y", None)],
    ]
    table, _ = build_table(Grid(rows=out), 1, None, None, FillPolicy())
    assert table.title == "标题" and table.rows[1] == ["2", "甲", "y"]


def test_rows_a_merge_runs_down_into_are_not_a_repeated_header():
    rows = [["起点", "", "终点"]] * 4 + [["起点", "10米", "终点"]]
    merges = {(r, c): (0, c) for r in range(1, 5) for c in (0, 2)}
    table, _ = build_table(make(rows, merges), 1, None, None, FillPolicy())
    assert len(table.rows) == 4  # no row of its own repeats the first: none is dropped
