"""Tables ruled across only (三线表): horizontal rules, no vertical ones.

The PDFs are written here, a few operators each: Chinese text in the standard
STSong-Light font (not embedded: every character one em wide), rules as stroked lines,
bars as filled boxes. pdfplumber reads them like any office's PDF.
"""

from __future__ import annotations

import pytest

import pipeline
from pipeline.readers.pdf import Rule, chars_to_lines, ruled_text_tables

PAGE_W, PAGE_H = 595.0, 842.0


def pdf_of(pages: list[list[tuple]]) -> bytes:
    """A PDF whose pages hold ("text", x, top, size, text), ("rule", x0, x1, y, width)
    and ("box", x0, top, x1, bottom) items, in pdfplumber's top-down coordinates."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
        b"/FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 880 /StemV 80 >> >>] >>"
    )
    pages_id = len(objects) + 1 + 2 * len(pages)  # after the pages and their contents
    kids = []
    for items in pages:
        ops = []
        for kind, *args in items:
            if kind == "text":
                x, top, size, text = args
                y = PAGE_H - top - 0.88 * size
                hexa = text.encode("utf-16-be").hex().upper()
                ops.append(f"BT /F1 {size} Tf {x} {y:.2f} Td <{hexa}> Tj ET")
            elif kind == "rule":
                x0, x1, y, width = args
                ops.append(f"{width} w 0 G {x0} {PAGE_H - y} m {x1} {PAGE_H - y} l S")
            else:  # a filled box
                x0, top, x1, bottom = args
                ops.append(f"0.3 g {x0} {PAGE_H - bottom} {x1 - x0} {bottom - top} re f 0 g")
        stream = "\n".join(ops).encode()
        contents = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>"
                % (pages_id, PAGE_W, PAGE_H, contents, font)
            )
        )
    refs = " ".join(f"{k} 0 R" for k in kids).encode()
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def row(top: float, cells: list[tuple[float, str]], size: float = 10.5) -> list[tuple]:
    return [("text", x, top, size, text) for x, text in cells if text]


COLS = [90, 200, 290, 380]  # where each column's text starts


def three_line_table(top: float, rows: list[list[str]], header: list[list[str]]) -> list[tuple]:
    """Rules above and under the header and under the last row; header lines wrapped."""
    items = [("rule", 80, 480, top, 1.0)]
    y = top + 6
    for line in header:
        items += row(y, list(zip(COLS, line, strict=True)))
        y += 15
    items.append(("rule", 80, 480, y, 0.5))
    y += 8
    for values in rows:
        items += row(y, list(zip(COLS, values, strict=True)))
        y += 18
    items.append(("rule", 80, 480, y, 1.0))
    return items


def extract(tmp_path, pages, name="t.pdf"):
    path = tmp_path / name
    path.write_bytes(pdf_of(pages))
    return pipeline.extract(path)


def test_the_pdf_writer_gives_characters_where_asked(tmp_path):
    import pdfplumber

    path = tmp_path / "w.pdf"
    path.write_bytes(pdf_of([[("text", 100, 200, 12, "统计表"), ("rule", 80, 480, 300, 1)]]))
    with pdfplumber.open(path) as pdf:
        (page,) = pdf.pages
        (line,) = chars_to_lines(page.chars, 1)
        assert line.text == "统计表" and round(line.x0) == 100 and round(line.top) == 200
        assert [round(ln["top"]) for ln in page.lines] == [300]


BODY = [
    ["福田区", "124.88", "60.48", "93.91"],
    ["罗湖区", "73.40", "35.61", "94.23"],
    ["盐田区", "10.28", "5.02", "95.44"],
]


def test_a_three_line_table_with_a_wrapped_header(tmp_path):
    page = [("text", 90, 80, 12, "表2 分区户籍人口")]
    page += three_line_table(100, BODY, [["", "户籍人口", "男性", "性别比"],
                                         ["", "（万人）", "（万人）", "（女=100）"]])  # fmt: skip
    page += row(220, [(90, "以上数据来源于市公安局，按户籍所在地统计，均为年末数。")])
    n = extract(tmp_path, [page])
    (t,) = n.tables
    assert t.header == ["", "户籍人口（万人）", "男性（万人）", "性别比（女=100）"]
    assert t.rows == BODY
    assert t.title == "表2 分区户籍人口"


def test_a_row_label_wrapped_beside_its_values(tmp_path):
    """One data row whose label wraps over two lines, the values centred between them."""
    page = [("rule", 80, 480, 100, 1.0)]
    page += row(106, [(200, "福田"), (290, "罗湖"), (380, "盐田")])
    page += [("rule", 80, 480, 122, 0.5)]
    page += row(128, [(90, "常住人口")]) + row(
        136, [(200, "156.23"), (290, "114.82"), (380, "21.54")]
    )
    page += [*row(144, [(90, "（万人）")]), ("rule", 80, 480, 160, 1.0)]
    (t,) = extract(tmp_path, [page]).tables
    assert t.header == ["", "福田", "罗湖", "盐田"]
    assert [[c.replace("\n", "") for c in r] for r in t.rows] == [
        ["常住人口（万人）", "156.23", "114.82", "21.54"]
    ]


def test_a_table_running_over_a_page(tmp_path):
    """Its last rule on page 1 is the one under the header; page 2 goes on at the top
    and ends with a rule; the next table repeats its header under its own rules."""
    header = [["地区", "幼儿园", "小学", "中学"]]
    first = [("text", 90, 560, 12, "表5 分区在校学生性别比"), ("rule", 80, 480, 580, 1.0)]
    first += [*row(586, list(zip(COLS, header[0], strict=True))), ("rule", 80, 480, 602, 0.5)]
    first += row(610, list(zip(COLS, ["全市", "114.41", "119.41", "123.34"], strict=True)))
    first += row(628, list(zip(COLS, ["福田区", "114.39", "115.78", "113.92"], strict=True)))
    first += row(800, [(290, "— 1 —")])
    second = row(80, list(zip(COLS, ["罗湖区", "115.65", "117.60", "113.85"], strict=True)))
    second += row(98, list(zip(COLS, ["盐田区", "115.96", "120.07", "115.55"], strict=True)))
    second += [("rule", 80, 480, 116, 1.0)]
    second += row(130, [(90, "全市各区教师性别比情况如下，其中幼儿园教师以女性为主。")])
    n = extract(tmp_path, [first, second])
    (t,) = n.tables
    assert t.header == ["地区", "幼儿园", "小学", "中学"]
    assert [r[0] for r in t.rows] == ["全市", "福田区", "罗湖区", "盐田区"]


BOXED = [
    ("rule", 80, 480, 100, 1.0),
    *row(106, [(90, "本报告中的部分数据合计数或相对数由于单位换算四舍五入会产生")]),
    *row(124, [(90, "计算误差，均未作机械调整。")]),
    ("rule", 80, 480, 142, 1.0),
]
IMPRINT = [  # the 版记: 抄送 and 印发 between rules
    ("rule", 80, 480, 700, 1.0),
    *row(706, [(90, "抄送：市委办公厅，市人大常委会办公厅，市政协办公厅。")]),
    ("rule", 80, 480, 724, 0.5),
    *row(730, [(90, "某某市人民政府办公室"), (330, "2024年1月5日印发")]),
    ("rule", 80, 480, 748, 1.0),
]
CHART = [  # gridlines, bars and the bars' values
    *[("rule", 80, 480, y, 0.5) for y in (100, 140, 180, 220)],
    *[("box", 120 + 90 * k, 220 - h, 150 + 90 * k, 220) for k, h in enumerate((50, 90, 70))],
    *row(150, [(120, "55.0"), (300, "62.1")]),
    *row(190, [(120, "45.0"), (300, "37.9")]),
]
DOUBLE_RULE = [
    ("rule", 80, 480, 100, 2.0),
    ("rule", 80, 480, 103, 0.5),
    *row(120, [(90, "正文一段。")]),
]


@pytest.mark.parametrize("items", [BOXED, IMPRINT, CHART, DOUBLE_RULE])
def test_what_is_not_a_table(tmp_path, items):
    assert extract(tmp_path, [items]).tables == []


def test_two_columns_of_text_under_a_running_rule_are_no_table(tmp_path):
    """A rule under the running head and one above the footer on every page, and the
    text set in two columns between them."""
    pages = []
    for p in range(3):
        items = [("rule", 60, 535, 70, 0.5), ("rule", 60, 535, 780, 0.5)]
        for k in range(6):
            items += row(
                100 + 20 * k, [(60, f"左栏第{p}页第{k}行的正文"), (320, f"右栏第{p}页第{k}行")]
            )
        pages.append(items)
    assert extract(tmp_path, pages).tables == []


def test_grid_from_characters_and_rules():
    """The function the reader calls, on characters and rules made here."""
    from test_pdf import chars

    text = chars("项目", x=90, top=106) + chars("金额", x=250, top=106)
    text += chars("收入", x=90, top=130) + chars("120.5", x=250, top=130)
    text += chars("支出", x=90, top=150) + chars("98.2", x=250, top=150)
    rules = [Rule(80, 400, 100), Rule(80, 400, 122), Rule(80, 400, 166)]
    (table,), running = ruled_text_tables(text, rules, 1, 842.0)
    assert [[c.text for c in r] for r in table.rows] == [
        ["项目", "金额"],
        ["收入", "120.5"],
        ["支出", "98.2"],
    ]
    assert running is None and table.ruled_across == (80, 400)
