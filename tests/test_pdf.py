"""The PDF reader: its pieces on synthetic input, the sample PDFs, and the errors."""

import pytest
from conftest import ROOT

import pipeline
from pipeline.errors import CorruptFile
from pipeline.model import Cell, Grid
from pipeline.readers.pdf import (
    EncryptedPdf,
    Line,
    NoTextLayer,
    PageTable,
    _first_unit,
    build_page_table,
    chars_to_lines,
    lines_to_paragraphs,
    remove_furniture,
    stitch,
    visible_rule,
)

SEED_PDF = ROOT / "samples" / "000_789e38767d8a56d8.pdf"
SEED_DOCX = ROOT / "samples" / "000_789e38767d8a56d8.docx"
ENCRYPTED = ROOT / "samples" / "bad" / "encrypted_secret.pdf"


def chars(text: str, x: float = 100, top: float = 100, size: float = 10, gap: float = 0):
    """Characters laid out left to right; ASCII half as wide as Chinese."""
    out = []
    for ch in text:
        width = size * (0.5 if ch.isascii() else 1)
        if ch != " ":
            out.append({"text": ch, "x0": x, "x1": x + width, "top": top, "bottom": top + size,
                        "size": size})  # fmt: skip
        x += width + gap
    return out


def test_lines_are_rebuilt_with_the_right_spaces():
    spaced = chars("上海市文件", gap=9)  # letter-spaced masthead: almost a character apart
    autospaced = chars("2025", x=100) + chars("年", x=122) + chars("1", x=134) + chars("月", x=141)
    latin = chars("CNAS", x=100) + chars("NADCAP", x=124)
    columns = chars("济南市商务局", x=100) + chars("济南市财政局", x=220)
    assert [ln.text for ln in chars_to_lines(spaced, 1)] == ["上 海 市 文 件"]
    assert [ln.text for ln in chars_to_lines(autospaced, 1)] == ["2025年1月"]
    assert [ln.text for ln in chars_to_lines(latin, 1)] == ["CNAS NADCAP"]
    assert [ln.text for ln in chars_to_lines(columns, 1)] == ["济南市商务局  济南市财政局"]
    two = chars("第一行", top=100) + chars("第二行", top=120)
    assert [ln.text for ln in chars_to_lines(two, 1)] == ["第一行", "第二行"]


def line(text, x0, x1, top, page=1, size=10.0):
    return Line(text, x0, x1, top, top + size, size, page)


@pytest.mark.parametrize(
    "text", ["— 2 —", "-2-", "2", "第2页 共5页", "第 2 页", "2/5", "Page 2 of 5"]
)
def test_page_numbers_are_furniture(text):
    body = line("正文。", 80, 500, 400)
    pages = remove_furniture([[body, line(text, 280, 320, 800)]], [842.0])
    assert [ln.text for ln in pages[0]] == ["正文。"]


def test_running_headers_go_but_body_lines_stay():
    pages = [
        [line("某某市人民政府公报", 80, 300, 40, p), line(f"第{p}段正文。", 80, 500, 400, p)]
        for p in range(1, 5)
    ]
    kept = remove_furniture(pages, [842.0] * 4)
    assert [[ln.text for ln in page] for page in kept] == [[f"第{p}段正文。"] for p in range(1, 5)]


def test_paragraphs_from_lines():
    lines = [
        line("关于开展活动的通知", 190, 390, 100, size=20),  # centred title
        line("各单位：", 80, 120, 150),  # short: ends a paragraph
        line("为做好工作，现将有关事项通知如下。各单位要认真组", 100, 500, 170),  # indented start
        line("织，按时报送。", 80, 150, 185),  # wrapped, then short
        line("一、活动时间", 100, 160, 200),  # a numbered heading
        line("2024年5月。", 100, 160, 215),
    ] + [line("填充正文使右边界可以测出来的一行字。" * 2, 80, 500, 300 + 15 * k) for k in range(5)]
    paragraphs = [p for p, _ in lines_to_paragraphs(lines, {1: 595.0})]
    assert [p.text for p in paragraphs[:5]] == [
        "关于开展活动的通知",
        "各单位：",
        "为做好工作，现将有关事项通知如下。各单位要认真组织，按时报送。",
        "一、活动时间",
        "2024年5月。",
    ]
    assert paragraphs[0].align == "center" and paragraphs[2].align == "justify"


BODY = [line("填充正文使右边界可以测出来的一行字。" * 2, 80, 500, 600 + 15 * k) for k in range(5)]


def paragraph_texts(lines, tables=()):
    return [p.text for p, _ in lines_to_paragraphs(lines + BODY, {1: 595.0, 2: 595.0}, tables)]


def test_a_paragraph_keeps_one_size_and_a_line_set_right_stands_alone():
    lines = [
        line("某局办公室  2024年5月13日印发", 80, 500, 100, size=14),
        line("附件1", 80, 120, 130, size=16),
        line("某某市场监督管理局", 330, 500, 160),
        line("2024年5月10日", 380, 500, 175),
        line("附件", 80, 100, 190),
    ]
    assert paragraph_texts(lines)[:5] == [
        "某局办公室  2024年5月13日印发",
        "附件1",
        "某某市场监督管理局",
        "2024年5月10日",
        "附件",
    ]


def test_numbered_lines_start_paragraphs_unless_the_line_above_runs_on():
    articles = [
        line("第五条 专项资金可以采取因素法、项目法等方式分配。填充到右边界的", 80, 500, 100),
        line("第六条 采取项目法分配的，应当公开申报。", 80, 300, 115),
        line("一、总体要求………………………………………………1", 80, 500, 160),
        line("二、重点任务………………………………………………2", 80, 500, 175),
    ]
    assert paragraph_texts(articles)[:4] == [t.text for t in articles]
    indented = [  # paragraphs here start indented: a wrapped "（一）" continues a line
        line("第七条 本办法所称停放场所。", 100, 300, 100),
        line("第八条 违反本办法第五条第填充正文使右边界可以测出来的一行", 100, 500, 115),
        line("（一）项规定的，责令改正。", 80, 250, 130),
        line("第九条 本办法自公布之日起施行。", 100, 400, 145),
    ]
    assert paragraph_texts(indented)[:3] == [
        "第七条 本办法所称停放场所。",
        "第八条 违反本办法第五条第填充正文使右边界可以测出来的一行（一）项规定的，责令改正。",
        "第九条 本办法自公布之日起施行。",
    ]


def test_no_paragraph_runs_across_a_table_or_a_page_from_a_short_line():
    lines = [
        line("附件1：任务表", 80, 200, 100),
        line("附件2：名单", 80, 180, 100, page=2),
        line("序号", 80, 100, 300, page=2),
    ]
    assert paragraph_texts(lines, [(1, 130.0)])[:2] == ["附件1：任务表", "附件2：名单"]
    full = line("第一段填充正文使右边界可以测出来的一行字填充正文使右边界", 80, 500, 100)
    after = line("接着写", 80, 130, 115)
    assert paragraph_texts([full, after], [(1, 112.0)])[:2] == [full.text, after.text]


def test_an_indented_first_line_is_not_centred():
    lines = [
        line("一、同意于2025年6月在国家会展中心（天津）举办填充一些", 100, 495, 100),
        line("2025世界智能产业博览会，由市科技局承办。", 80, 300, 115),
    ]
    (first, *_) = lines_to_paragraphs(lines + BODY, {1: 595.0})
    assert first[0].text.endswith("举办填充一些2025世界智能产业博览会，由市科技局承办。")
    assert first[0].align == "justify"  # not centred


@pytest.mark.parametrize(
    ("text", "unit"),
    [("手’520，相约", "手’520，"), ("镇“5.20世界", "镇“5.20"), ("5月20日", "5"),
     ("理，电子秤", "理，"), ("CNAS和", "CNAS"), ("场监管局", "场")],
)  # fmt: skip
def test_first_unbreakable_piece(text, unit):
    assert _first_unit(text) == unit


def test_only_drawn_rules_make_tables():
    base = {"x0": 0, "x1": 400, "top": 0, "bottom": 20}
    assert not visible_rule({**base, "object_type": "rect", "fill": True, "stroke": False,
                             "non_stroking_color": (1.0, 1.0, 1.0)})  # fmt: skip
    assert visible_rule({**base, "object_type": "rect", "stroke": True, "stroking_color": (0,)})
    thin = {**base, "bottom": 0.5, "object_type": "rect", "fill": True, "stroke": False}
    assert visible_rule({**thin, "non_stroking_color": (0, 0, 0)})
    assert not visible_rule(
        {
            **base,
            "object_type": "rect",
            "fill": True,
            "stroke": False,
            "non_stroking_color": (0, 0, 0),
        }
    )  # fmt: skip  (a solid box)
    assert visible_rule({"object_type": "char", "text": "字"})


def texts(table: Grid):
    return [[c.text for c in row] for row in table.rows]


def test_stitching_drops_the_repeated_header_and_joins_a_split_row():
    first = Grid(
        rows=[
            [Cell("序号"), Cell("活动"), Cell("负责单位")],
            [Cell("1"), Cell("甲"), Cell("市局")],
            [Cell("2"), Cell("乙活动的前半"), Cell("", (1, 2))],
        ]
    )
    part = PageTable(
        bbox=(0, 0, 300, 100),
        xs=[0, 100, 200, 300],
        rows=[
            [Cell("序号"), Cell("活动"), Cell("负责单位")],
            [Cell(""), Cell("后半"), Cell("")],  # the rest of row 2: 序号 empty
            [Cell("3"), Cell("丙"), Cell("", (1, 2))],  # merged with the cell above
        ],
        page=2,
        spans={(1, 2): 2},
    )
    stitch(first, part, header_rows=1)
    assert texts(first) == [
        ["序号", "活动", "负责单位"],
        ["1", "甲", "市局"],
        ["2", "乙活动的前半后半", "市局"],
        ["3", "丙", "市局"],
    ]
    assert first.rows[3][2].merged_from == (1, 2)  # back to the printed cell


def test_a_merge_that_goes_on_at_the_top_of_the_next_page():
    first = Grid(rows=[[Cell("序号"), Cell("负责单位")], [Cell("1"), Cell("区局")]])
    part = PageTable(
        bbox=(0, 0, 200, 100),
        xs=[0, 100, 200],
        rows=[[Cell("2"), Cell("")], [Cell("3"), Cell("", (0, 1))]],
        page=2,
        spans={(0, 1): 2},
    )
    stitch(first, part, header_rows=1)
    assert texts(first) == [["序号", "负责单位"], ["1", "区局"], ["2", "区局"], ["3", "区局"]]
    assert [r[1].merged_from for r in first.rows[2:]] == [(1, 1), (1, 1)]


@pytest.mark.parametrize("repeated_header", [False, True])
def test_empty_rows_at_the_top_of_the_next_page_are_not_rows(repeated_header):
    """A spreadsheet printed over pages: its blank top row comes out, grid and all, at
    the top of every page (before or after the repeated header)."""
    first = Grid(rows=[[Cell("序号"), Cell("姓名")], [Cell("1"), Cell("李文琪")]])
    header = [[Cell("序号"), Cell("姓名")]] if repeated_header else []
    blank = [Cell(""), Cell("")]
    part = PageTable(
        bbox=(0, 0, 200, 100),
        xs=[0, 100, 200],
        rows=[list(blank), *header, list(blank), [Cell("2"), Cell("闵杰")], list(blank)],
        page=2,
    )
    stitch(first, part, header_rows=1)
    # the blank row at the foot of the page is a printed row of the table: it stays
    assert texts(first) == [["序号", "姓名"], ["1", "李文琪"], ["2", "闵杰"], ["", ""]]


def test_an_empty_cell_spanning_rows_at_the_top_is_not_a_blank_row():
    first = Grid(rows=[[Cell("序号"), Cell("单位")], [Cell("1"), Cell("区局")]])
    part = PageTable(
        bbox=(0, 0, 200, 100),
        xs=[0, 100, 200],
        rows=[[Cell(""), Cell("")], [Cell("2"), Cell("", (0, 1))]],
        page=2,
        spans={(0, 1): 2},
    )
    stitch(first, part, header_rows=1)
    assert texts(first) == [["序号", "单位"], ["1", "区局"], ["", "区局"], ["2", "区局"]]


def test_a_sliver_column_between_rules_that_do_not_line_up_is_no_column():
    from types import SimpleNamespace

    # Two vertical rules 3 pt apart (x 200 and 203): pdfplumber makes a column of them.
    cells = [
        (100, 100, 200, 120), (200, 100, 203, 120), (203, 100, 300, 120),
        (100, 120, 200, 140), (200, 120, 203, 140), (203, 120, 300, 140),
    ]  # fmt: skip
    text = chars("序号", x=110, top=105) + chars("名称", x=230, top=105)
    text += chars("1", x=110, top=125) + chars("甲", x=230, top=125)
    found = SimpleNamespace(cells=cells, bbox=(100, 100, 300, 140))
    table = build_page_table(found, text, 1)
    assert [[c.text for c in row] for row in table.rows] == [["序号", "名称"], ["1", "甲"]]
    assert table.xs == [100, 200, 300]  # the sliver went to the next column


# ---------------------------------------------------------------- the sample PDFs


def test_seed_pdf_gives_the_notice_of_its_docx():
    word, pdf = pipeline.extract(SEED_DOCX), pipeline.extract(SEED_PDF)
    assert pdf.source.format == "pdf" and pdf.warnings == []
    keys = ("masthead", "title", "issuer", "doc_type", "date", "recipients", "preamble",
            "sections", "attachments", "signatories", "notes", "references",
            "contacts")  # fmt: skip
    for key in keys:
        assert getattr(pdf, key) == getattr(word, key), key
    (w,), (p,) = word.tables, pdf.tables
    assert p.header == w.header and p.title == w.title and p.attachment == w.attachment
    # 52 rows over 8 pages, each exactly once, though every page break splits a row.
    assert [r[0] for r in p.rows] == [str(k) for k in range(1, 53)]
    assert [(f.row, f.col, f.from_row, f.reason) for f in p.filled] == [
        (f.row, f.col, f.from_row, f.reason) for f in w.filled
    ]
    same = differ_by_break = 0
    for a, b in zip(w.rows, p.rows, strict=True):
        for x, y in zip(a, b, strict=True):
            if x == y:
                same += 1
            else:
                # A paragraph break where the next piece would not have fitted on the line
                # anyway looks exactly like a wrap in a PDF: "5月10日至\n5月20日".
                assert x.replace("\n", "") == y, (x, y)
                differ_by_break += 1
    assert (same, differ_by_break) == (305, 7)


def test_seed_pdf_rows_split_by_page_breaks_are_whole():
    (t,) = pipeline.extract(SEED_PDF).tables
    assert t.rows[5][2] == "邀请“诚信计量”监督员及市民代表参观浦东计测所实验室"  # split after 6
    assert t.rows[5][5] == "浦东新区市场监管局"  # merged, and its merge goes on over the break
    assert t.rows[0][5] == "主办单位：市局\n承办单位：浦东新区市场监管局\n协办单位：东方网"


def test_encrypted_pdf_needs_its_password():
    with pytest.raises(EncryptedPdf, match=r"is encrypted\. give its password with --password"):
        pipeline.extract(ENCRYPTED)
    with pytest.raises(EncryptedPdf, match="the password is not right"):
        pipeline.extract(ENCRYPTED, password="wrong")
    n = pipeline.extract(ENCRYPTED, password="secret")
    assert (n.title, n.date, n.issuer) == ("某局关于加密测试的通知", "2024-01-02", "某局")


def blank_pdf(pages: int = 2) -> bytes:
    """A valid PDF of empty pages: what a scan looks like without its images."""
    objects = ["<</Type/Catalog/Pages 2 0 R>>"]
    kids = " ".join(f"{3 + k} 0 R" for k in range(pages))
    objects.append(f"<</Type/Pages/Kids[{kids}]/Count {pages}>>")
    objects += ["<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"] * pages
    out, offsets = b"%PDF-1.4\n", []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_a_scan_without_text_layer_is_a_clear_error(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(blank_pdf(3))
    with pytest.raises(NoTextLayer) as caught:
        pipeline.extract(path)
    assert caught.value.message == (
        f"{path}: has no text layer (3 pages of images). it is a scan: run OCR on it first "
        "(for example with ocrmypdf), then extract the result"
    )


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\n" + b"junk " * 100, b"not a pdf at all", SEED_PDF.read_bytes()[:5000]]
)
def test_broken_pdfs_are_typed_errors(tmp_path, data):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises((CorruptFile, NoTextLayer)):
        pipeline.extract(path)


def test_cli_password_option(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import cli

    result = CliRunner().invoke(cli, ["extract", str(ENCRYPTED), "-o", str(tmp_path)])
    assert (
        result.exit_code == 1 and "is encrypted. give its password with --password" in result.output
    )
    result = CliRunner().invoke(
        cli, ["extract", str(ENCRYPTED), "-o", str(tmp_path), "--password", "secret"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "encrypted_secret.pdf.json").exists()


class FakePage:
    """Just enough of a pdfplumber page for the reader: characters, no drawings."""

    def __init__(self, text: str, top: float = 100):
        self.chars = chars(text, top=top)
        self.rects = self.lines = self.curves = []
        self.width, self.height = 595.0, 842.0


def test_unmapped_glyphs_and_pages_without_text_are_named():
    from pipeline.readers.pdf import _read_pages

    warnings = []
    pages = [FakePage("关于某事的通知"), FakePage(""), FakePage("正文\ue0a1字")]
    pages[2].chars.append({"text": "(cid:12)", "x0": 300, "x1": 310, "top": 100, "bottom": 110,
                           "size": 10})  # fmt: skip
    doc = _read_pages("x.pdf", pages, warnings)
    assert [(w.code, w.message) for w in warnings] == [
        ("pages_without_text", "pages 2 have no text layer (scanned?)"),
        (
            "unmapped_glyphs",
            "pages 3: some characters have no Unicode mapping ((cid:NN) or private-use); "
            "their text may be wrong",
        ),
    ]
    assert doc.blocks[0].text == "关于某事的通知"


def test_title_row_and_two_row_header_from_pdf_cell_edges():
    word = pipeline.extract(ROOT / "samples" / "table_header.docx")
    pdf = pipeline.extract(ROOT / "samples" / "table_header.pdf")
    (w,), (p,) = word.tables, pdf.tables
    assert (p.title, p.header, p.rows) == (w.title, w.header, w.rows)
    assert p.header == ["序号", "检定项目", "活动时间/开始", "活动时间/结束", "负责单位"]
    assert [(f.row, f.col, f.from_row, f.reason) for f in p.filled] == [
        (3, 2, 2, "merged"),
        (3, 5, 2, "merged"),
    ]
    assert (pdf.title, pdf.date, pdf.signatories) == (word.title, word.date, word.signatories)


def test_pdfminer_complaints_become_one_warning_not_terminal_noise(tmp_path, capsys):
    data = bytearray((ROOT / "samples" / "table_header.pdf").read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4] = b"\x00\x01\x02\x03"  # inside a compressed content stream
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    n = pipeline.extract(path)
    (warning,) = [w for w in n.warnings if w.code == "pdf_content_errors"]
    assert "Data-loss while decompressing corrupted data" in warning.message
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""
