import pytest

from pipeline.errors import EmptyFile, UndecodableText
from pipeline.model import Grid, Paragraph
from pipeline.readers.txt import parse_lines, read_txt, split_lines


def grid(table: Grid) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def test_layout_a_one_cell_per_line_with_continuations_and_empty_cells():
    lines = split_lines(
        "附件标题\n\n\t序号\n\t名称\n\t负责单位\n\n\t1\n\t活动一\n\t主办单位：市局\n承办单位：区局\n\n"
        "\t2\n\t\n\t\n\n后文"
    )
    blocks, warnings = parse_lines(lines)
    assert [type(b) for b in blocks] == [Paragraph, Grid, Paragraph]
    assert grid(blocks[1]) == [
        ["序号", "名称", "负责单位"],
        ["1", "活动一", "主办单位：市局\n承办单位：区局"],
        ["2", "", ""],
    ]
    assert blocks[2].text == "后文" and blocks[2].gap_before
    assert warnings == []


def test_layout_b_one_row_per_line_consecutive_tabs_are_empty_cells():
    blocks, warnings = parse_lines(
        split_lines("序号\t名称\t单位\n1\t\t市局\n2\t活动\t\n\t\t区局\n正文")
    )
    assert grid(blocks[0]) == [["序号", "名称", "单位"], ["1", "", "市局"], ["2", "活动", ""],
                               ["", "", "区局"]]  # fmt: skip
    assert blocks[1].text == "正文"
    assert warnings == []


def test_ragged_rows_are_padded_and_reported():
    blocks, warnings = parse_lines(split_lines("a\tb\tc\n1\t2\n3\t4\t5\t6"))
    assert grid(blocks[0]) == [["a", "b", "c", ""], ["1", "2", "", ""], ["3", "4", "5", "6"]]
    assert [w.code for w in warnings] == ["ragged_row", "ragged_row"]


def test_line_ends_and_fullwidth_spaces():
    assert split_lines("一\r\n二\r三\n四") == ["一", "二", "三", "四"]
    blocks, _ = parse_lines(split_lines("\u3000\u3000各单位要加强领导。"))
    assert blocks[0].text == "各单位要加强领导。" and blocks[0].indent == 2


def test_a_trailing_tab_after_text_is_not_a_table():
    blocks, _ = parse_lines(split_lines("附件：\t\n正文"))
    assert all(isinstance(b, Paragraph) for b in blocks)


def test_read_txt_reports_encoding_and_refuses_bad_input():
    doc = read_txt("x.txt", "标题\n".encode("gbk"))
    assert doc.encoding == "gb18030" and doc.format == "txt"
    with pytest.raises(EmptyFile, match=r"x\.txt: the file is empty"):
        read_txt("x.txt", b"  \n")
    with pytest.raises(UndecodableText, match="save it as UTF-8"):
        read_txt("x.txt", bytes(range(256)) * 3)
