"""Layout tables: grids that place things on the page, not tables of records."""

import pytest
from conftest import ROOT

from pipeline.model import Cell, Grid
from pipeline.readers import read
from pipeline.tables import is_layout_table, layout_lines


def make(rows, merges=None, header_rows=None):
    merges = merges or {}
    grid = [[Cell(v, merges.get((r, c))) for c, v in enumerate(row)] for r, row in enumerate(rows)]
    for row in grid:  # covered slots carry their origin's text, as the readers give them
        for cell in row:
            if cell.merged_from is not None:
                cell.text = grid[cell.merged_from[0]][cell.merged_from[1]].text
    return Grid(rows=grid, header_rows=header_rows)


def down(col, rows):
    """The slots of ``col`` in ``rows`` merged into the first of them."""
    return {(r, col): (rows[0], col) for r in rows[1:]}


def across(row, cols):
    return {(row, c): (row, cols[0]) for c in cols[1:]}


# ---------------------------------------------------------------- layout


@pytest.mark.parametrize(
    "rows",
    [
        [["苏保监发〔2018〕3号"]],  # the 发文字号 typed in a 1×1 table
        [["苏保监发〔2018〕3号", ""]],  # a box with an empty cell beside
        [["注：本表由各单位填报。", "", ""], ["", "", ""]],  # one boxed note
    ],
)
def test_a_frame_around_one_text(rows):
    assert is_layout_table(make(rows))


def test_labels_around_a_drawing_made_of_cells():
    """A running track drawn with cells: start and end lines merged down the table,
    the lane between them empty but for its length at the foot."""
    rows = [["S1", "", "S2\n←→\n30cm"]] + [["", "", ""]] * 4 + [["", "←10米→", ""]]
    merges = down(0, range(6)) | down(2, range(6))
    assert is_layout_table(make(rows, merges))


def test_a_row_of_fields_is_no_table():
    # 发文字号 and 签发人 side by side in a one-row table: nothing below to head
    assert is_layout_table(make([["沪府发〔2024〕1号", "", "签发人：张三"]]))


def test_pictures_in_cells_with_captions_and_descriptions():
    """A brochure page: a label and its description across the row, then a row of
    empty cells holding photos, then their captions."""
    text = ["项目由哈佛精选课程、企业实践与文化体验三部分组成，学员将在哈佛大学课堂学习。"]
    rows = [
        ["项目概述", *text * 6],
        ["参访实践", *text * 6],
        ["", "", "", "", "", "", ""],  # the photos
        ["", "塔扎巧克力工厂", "MIT实验室", "", "", "剑桥创业中心", ""],
        ["校园沉浸", *text * 6],
        ["", "", "", "", "", "", ""],
        ["", "哈佛商学院", "", "哈佛学生餐厅", "", "哈佛图书馆", ""],
    ]
    merges = across(0, range(1, 7)) | across(1, range(1, 7)) | across(4, range(1, 7))
    merges |= down(0, [1, 2, 3]) | down(0, [4, 5, 6])
    for r in (2, 3):
        merges |= across(r, [2, 3, 4]) | across(r, [5, 6])
    for r in (5, 6):
        merges |= across(r, [1, 2]) | across(r, [3, 4]) | across(r, [5, 6])
    assert is_layout_table(make(rows, merges))


# ---------------------------------------------------------------- data tables stay tables


def test_the_seed_tables_are_data():
    for name in ("000_789e38767d8a56d8.docx", "000_789e38767d8a56d8.pdf"):
        path = ROOT / "samples" / name
        (table,) = [b for b in read(str(path), path.read_bytes()).blocks if isinstance(b, Grid)]
        assert len(table.rows) == 53  # the header and 52 activities
        assert not is_layout_table(table)


@pytest.mark.parametrize(
    ("rows", "merges"),
    [
        # a header and one record
        ([["序号", "姓名", "单位"], ["1", "张三", "市局"]], {}),
        # an empty form: a header over blank rows to fill in
        ([["案件数", "涉案金额", "投诉数"], ["", "", ""], ["", "", ""]], {}),
        # a list with one column filled: its header heads both columns
        ([["名称", "备注"], ["甲", ""], ["乙", ""], ["丙", ""]], {}),
        # labels with blanks beside them (a registration form)
        ([["姓名", "", "性别", ""], ["单位", "", "电话", ""]], {}),
        # records with blank rows merged to the record's number (to fill in), at the end
        (
            [["序号", "道路", "名称", "人数"], ["1", "", "", ""], ["", "", "", ""],
             ["2", "", "", ""], ["", "", "", ""]],
            down(0, [1, 2]) | down(1, [1, 2]) | down(0, [3, 4]) | down(1, [3, 4]),
        ),
        # a title row, a two-row header and records; a group heading across
        (
            [["某某工作安排表"] * 3, ["活动", "时间", "时间"], ["活动", "开始", "结束"],
             ["一、市级活动", "", ""], ["甲", "5月", "6月"]],
            across(0, [0, 1, 2]) | across(1, [1, 2]) | down(0, [1, 2]) | across(3, [0, 1, 2]),
        ),
        # a table without a header whose rows are all records
        ([["1", "甲", "10"], ["2", "乙", "20"], ["3", "丙", "30"]], {}),
        # one empty record in a header-less list is a record left out, not a layout
        ([["1", "甲", "10"], ["", "", ""], ["3", "丙", "30"]], {}),
    ],
)  # fmt: skip
def test_tables_of_records_and_forms(rows, merges):
    assert not is_layout_table(make(rows, merges))


def test_a_header_marked_by_the_format_counts():
    # header-less by its look (a name over 30 characters), but Word marks it as header
    rows = [
        ["经重新鉴定，原司法鉴定意见不被采信的案件数（件），含已撤销鉴定意见的", "涉案金额"],
        ["1", "10"],
        ["", ""],
        ["2", "20"],
        ["", ""],
        ["3", "30"],
    ]
    assert not is_layout_table(make(rows, header_rows=1))


def test_text_of_a_layout_table_in_reading_order():
    rows = [["S1", "", "S2\n←→\n30cm"]] + [["", "", ""]] * 4 + [["", "←10米→", ""]]
    merges = down(0, range(6)) | down(2, range(6))
    assert layout_lines(make(rows, merges)) == ["S1", "S2", "←→", "30cm", "←10米→"]
    assert layout_lines(make([["苏保监发〔2018〕3号"]])) == ["苏保监发〔2018〕3号"]
