"""What the PDF reader takes for a table, on drawn test PDFs (tests/data/pdf_drawn).

Rules without a grid of text cells are no tables (a chart's gridlines with its bars
inside, a pie chart in a frame, underlined form fields); a box around one paragraph is
that paragraph, in place; a table set without rules is found from its aligned columns,
while prose and organs signing side by side are not tables.
"""

from conftest import ROOT

import pipeline
from pipeline.model import Grid, Paragraph
from pipeline.readers.pdf import read_pdf

DRAWN = ROOT / "tests" / "data" / "pdf_drawn" / "charts_frames_unruled.pdf"


def blocks():
    return read_pdf(str(DRAWN), DRAWN.read_bytes()).blocks


def cells(table: Grid) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


def test_charts_and_frames_are_no_tables_and_a_ruled_table_is_one():
    tables = [b for b in blocks() if isinstance(b, Grid)]
    assert [(t.page, cells(t)[0]) for t in tables] == [
        (1, ["序号", "检查项目", "责任单位"]),
        (3, ["区", "户籍人口", "男性", "女性"]),
    ]


def test_a_box_around_one_line_is_a_paragraph_in_place():
    texts = [b.text for b in blocks() if isinstance(b, Paragraph) and b.page == 2]
    k = texts.index("（此件公开发布）")
    assert texts[k - 2 : k] == [
        "联系人：张三  联系电话：12345678",
        "报送单位：某某市市场监督管理局",
    ]


def test_a_table_without_rules_from_its_aligned_columns():
    (table,) = [b for b in blocks() if isinstance(b, Grid) and b.page == 3]
    assert cells(table) == [
        ["区", "户籍人口", "男性", "女性"],
        ["福田区", "110.25", "55.10", "55.15"],
        ["罗湖区", "68.40", "34.02", "34.38"],
        ["盐田区", "15.21", "7.80", "7.41"],
        ["南山区", "125.66", "63.01", "62.65"],
    ]
    after = [b.text for b in blocks() if isinstance(b, Paragraph) and b.page == 3]
    assert "深圳市统计局  深圳市妇女儿童工作委员会" in after  # two lines side by side: no table
    n = pipeline.extract(DRAWN)
    assert [t.header for t in n.tables] == [
        ["序号", "检查项目", "责任单位"],
        ["区", "户籍人口", "男性", "女性"],
    ]
