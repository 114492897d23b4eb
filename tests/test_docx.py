"""The Word reader: unit tests on small packages built here, and the samples."""

import io
import zipfile

import pytest
from conftest import ROOT, SEED
from docx_builder import W_NS, abstract, docx, num, num_instance, p, tbl, tc

import pipeline
from pipeline.errors import CorruptFile
from pipeline.model import Grid, Paragraph
from pipeline.readers.docx import format_number, read_docx

SEED_DOCX = ROOT / "samples" / "000_789e38767d8a56d8.docx"


def blocks_of(data: bytes):
    return read_docx("t.docx", data)


def texts(doc):
    return [b.text if isinstance(b, Paragraph) else "<table>" for b in doc.blocks]


def test_body_order_soft_breaks_and_what_is_left_out():
    body = (
        p("标题第一行", runs='<w:r><w:t>标题</w:t><w:br/><w:t>第二行</w:t></w:r>')
        + tbl([tc("甲") + tc("乙"), tc("丙") + tc("丁")], 2)
        + p(
            runs="<w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
            '<w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
            "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:tab/><w:t>制表</w:t></w:r>"
        )
        + "<w:sdt><w:sdtContent>" + p("控件内") + "</w:sdtContent></w:sdt>"
        + p("")
        + p("空行之后")
    )  # fmt: skip
    footer = '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    footer += "<w:p><w:r><w:t>— 1 —</w:t></w:r></w:p></w:ftr>"
    doc = blocks_of(
        docx(body, extra={"word/footer1.xml": footer}, rels=[("footer", "footer1.xml")])
    )
    assert texts(doc) == ["标题\n第二行", "<table>", "保留插入 制表", "控件内", "空行之后"]
    assert doc.blocks[-1].gap_before and not doc.blocks[-2].gap_before


def test_text_boxes_are_read_in_place_once():
    box = "<w:txbxContent>" + p("上海市市场监督管理局文件") + "</w:txbxContent>"
    anchor = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>'
        f"{box}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>{box}"
        "</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r>"
    )
    doc = blocks_of(docx(p("", runs=anchor) + p("后文")))
    assert texts(doc) == ["上海市市场监督管理局文件", "正文", "后文"]


@pytest.mark.parametrize(
    ("n", "fmt", "text"),
    [(1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (12, "chineseCounting", "十二"),
     (20, "chineseCountingThousand", "二十"), (35, "chineseCounting", "三十五"),
     (3, "decimal", "3"), (3, "decimalFullWidth", "３"), (2, "decimalEnclosedCircle", "②"),
     (3, "upperLetter", "C"), (28, "lowerLetter", "ab"), (4, "upperRoman", "IV"),
     (2, "ideographTraditional", "乙"), (3, "chineseLegalSimplified", "叁"),
     (2024, "ideographDigital", "二〇二四")],
)  # fmt: skip
def test_number_formats(n, fmt, text):
    assert format_number(n, fmt) == text


def test_word_numbering_gives_the_labels_word_shows():
    numbering = (
        abstract("1", [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"),
                       ("decimal", "%3."), ("decimal", "（%4）")])
        + abstract("2", [("bullet", "•")])
        + num_instance("5", "1")
        + num_instance("6", "2")
    )  # fmt: skip
    body = (
        p("活动时间", num("5", 0)) + p("上海主场", num("5", 1)) + p("惠民活动", num("5", 1))
        + p("分项", num("5", 2)) + p("细项", num("5", 3)) + p("活动要求", num("5", 0))
        + p("加强领导", num("5", 1)) + p("要点", num("6", 0)) + p("不编号", num("0", 0))
    )  # fmt: skip
    doc = blocks_of(docx(body, numbering=numbering))
    assert [(b.label, b.text) for b in doc.blocks] == [
        ("一、", "活动时间"), ("（一）", "上海主场"), ("（二）", "惠民活动"), ("1.", "分项"),
        ("（1）", "细项"), ("二、", "活动要求"), ("（一）", "加强领导"), (None, "要点"),
        (None, "不编号"),
    ]  # fmt: skip


def test_numbering_through_styles_and_restarts():
    numbering = abstract("1", [("chineseCounting", "（%1）")])
    numbering += num_instance("1", "1") + num_instance("2", "1", restart={0: 1})
    styles = (
        '<w:style w:type="paragraph" w:styleId="H2"><w:pPr>'
        f"{num('1')}</w:pPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="H2b"><w:basedOn w:val="H2"/></w:style>'
    )
    body = (
        p("甲", '<w:pStyle w:val="H2"/>') + p("乙", '<w:pStyle w:val="H2b"/>')
        + p("丙", num("1")) + p("丁", num("2")) + p("戊", num("2"))
    )  # fmt: skip
    doc = blocks_of(docx(body, numbering=numbering, styles=styles))
    assert [b.label for b in doc.blocks] == ["（一）", "（二）", "（三）", "（一）", "（二）"]


def test_generated_labels_make_the_section_tree(tmp_path):
    numbering = abstract("1", [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    numbering += num_instance("1", "1")
    body = (
        p("某局关于某事的通知") + p("各单位：") + p("活动时间", num("1", 0)) + p("5月。")
        + p("活动内容", num("1", 0)) + p("主场活动", num("1", 1)) + p("内容。")
    )  # fmt: skip
    path = tmp_path / "n.docx"
    path.write_bytes(docx(body, numbering=numbering))
    n = pipeline.extract(path)
    assert [(s.number, s.heading, [c.heading for c in s.children]) for s in n.sections] == [
        ("一", "活动时间", []),
        ("二", "活动内容", ["主场活动"]),
    ]


def grid(table: Grid):
    return [[(c.text, c.merged_from) for c in row] for row in table.rows]


def test_table_grid_spans_merges_and_header_rows():
    rows = [
        tc("序号", vmerge="restart") + tc("活动时间", span=2) + tc("负责单位", vmerge="restart"),
        tc(vmerge="continue") + tc("开始") + tc("结束") + tc(vmerge="continue"),
        tc("1") + tc("5月1日") + tc("5月2日") + tc("市局\n区局", vmerge="restart"),
        tc("2") + tc("6月1日", span=2) + tc(vmerge="continue"),
    ]
    doc = blocks_of(docx(tbl(rows, 4, header_rows=2)))
    (table,) = doc.blocks
    assert table.header_rows == 2
    assert grid(table) == [
        [("序号", None), ("活动时间", None), ("活动时间", (0, 1)), ("负责单位", None)],
        [("序号", (0, 0)), ("开始", None), ("结束", None), ("负责单位", (0, 3))],
        [("1", None), ("5月1日", None), ("5月2日", None), ("市局\n区局", None)],
        [("2", None), ("6月1日", None), ("6月1日", (3, 1)), ("市局\n区局", (2, 3))],
    ]
    assert doc.warnings == []


def test_malformed_grids_degrade_to_warnings():
    rows = [
        tc("甲") + tc("乙") + tc("丙"),
        tc("1", vmerge="continue") + tc("x"),  # fine: continues 甲
        tc("2") + tc("y") + tc("z") + tc(vmerge="continue"),  # continues a cell that is not there
        tc("3"),  # shorter than the grid
    ]
    body = tbl(rows, 3).replace(
        "<w:tr>" + tc("1", vmerge="continue"), "<w:tr>" + tc("1", vmerge="continue")
    )
    doc = blocks_of(docx(body))
    (table,) = doc.blocks
    assert [len(r) for r in table.rows] == [4, 4, 4, 4]
    assert [c.text for c in table.rows[3]] == ["3", "", "", ""]
    assert [w.code for w in doc.warnings] == ["bad_merge"]
    assert "row 3 column 4" in doc.warnings[0].message


def test_grid_before_and_a_frame_table():
    rows = [tc("a") + tc("b"), tc("c")]
    body = tbl(rows, 2).replace(
        "<w:tr>" + tc("c"), '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc("c")
    )
    frame = tbl([tc("沪市监计量〔2024〕31号")], 1)
    doc = blocks_of(docx(body + frame))
    assert [[c.text for c in r] for r in doc.blocks[0].rows] == [["a", "b"], ["", "c"]]
    assert isinstance(doc.blocks[1], Paragraph) and doc.blocks[1].text == "沪市监计量〔2024〕31号"


def zip_of(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip at all", r"is not a valid \.docx \(not a zip archive\)"),
        (zip_of({"[Content_Types].xml": b"<Types/>"}), r"no word/document\.xml"),
        (docx(p("x"))[:-200], r"is not a valid \.docx"),  # truncated: no central directory
    ],
)
def test_broken_packages_are_typed_errors(data, message):
    with pytest.raises(CorruptFile, match=message):
        read_docx("t.docx", data)


def test_a_damaged_part_is_a_typed_error():
    data = bytearray(docx(p("正文" * 50)))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + 20
    data[at : at + 8] = b"\xff" * 8  # inside the document part's stored bytes
    with pytest.raises(CorruptFile):
        read_docx("t.docx", bytes(data))


def test_malformed_xml_and_broken_relationships():
    data = docx(p("正文"), rels=[("image", "../NULL")])  # a relationship to nothing: still read
    assert texts(read_docx("t.docx", data)) == ["正文"]
    bad = docx("<w:p><w:r><w:t>unclosed</w:r></w:p>")
    with pytest.raises(CorruptFile, match="not well-formed XML"):
        read_docx("t.docx", bad)


def test_entities_are_refused_not_expanded():
    for declaration in (
        '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    ):
        document = (
            f'<?xml version="1.0"?>{declaration}'
            f"<w:document {W_NS}><w:body>{p('&xxe;&b;')}</w:body></w:document>"
        )
        with pytest.raises(CorruptFile, match="refused: it declares a DOCTYPE or XML entities"):
            read_docx("t.docx", docx("", extra={"word/document.xml": document}))


# ---------------------------------------------------------------- the samples


def test_seed_docx_equals_the_seed_text_plus_what_only_word_records():
    txt, word = pipeline.extract(SEED), pipeline.extract(SEED_DOCX)
    keys = ("title", "issuer", "doc_type", "date", "date_raw", "recipients", "preamble",
            "sections", "attachments", "signatories", "notes", "references",
            "contacts")  # fmt: skip
    for key in keys:
        assert getattr(word, key) == getattr(txt, key), key
    assert word.masthead == "上海市市场监督管理局文件" and txt.masthead is None
    (t,), (w,) = txt.tables, word.tables
    assert (w.title, w.attachment, w.header) == (t.title, t.attachment, t.header)
    assert len(w.rows) == 52
    filled_txt = {(f.row, f.col): f for f in t.filled}
    filled_word = {(f.row, f.col): f for f in w.filled}
    # 负责单位: the same cells, now because Word records the merge.
    assert {k for k, f in filled_word.items() if f.col == 6} == set(filled_txt)
    assert all(f.reason == "merged" for f in filled_word.values())
    assert all(filled_word[k].from_row == f.from_row for k, f in filled_txt.items())
    # 活动名称 rows 28-29 and 活动时间 rows 17-18: blank in text, merged in Word.
    extra = sorted(k for k in filled_word if k[1] != 6)
    assert extra == [(17, 4), (18, 4), (28, 2), (29, 2)]
    assert [w.rows[r - 1][c - 1] for r, c in extra] == [
        "5·20期间",
        "5·20期间",
        "开展系列主题活动",
        "开展系列主题活动",
    ]
    for r, (a, b) in enumerate(zip(t.rows, w.rows, strict=True), start=1):
        for c, (x, y) in enumerate(zip(a, b, strict=True), start=1):
            if (r, c) not in dict.fromkeys(extra):
                assert x == y, (r, c)
            else:
                assert x == "" and y
    assert w.rows[3][4] == ""  # row 4 宣传形式: a genuine blank stays blank


def test_table_with_a_title_row_and_a_two_row_header():
    n = pipeline.extract(ROOT / "samples" / "table_header.docx")
    (t,) = n.tables
    assert t.title == "2024年第二季度计量检定工作安排表"
    assert t.header == ["序号", "检定项目", "活动时间/开始", "活动时间/结束", "负责单位"]
    assert t.rows == [
        ["1", "电子计价秤", "4月1日", "4月30日", "衡器检测所"],
        ["2", "血压计", "4月8日", "5月10日", "医学计量所"],
        ["3", "血压计", "5月13日", "5月31日", "医学计量所"],
        ["4", "加油机", "6月3日", "", "流量计量所"],
    ]
    assert [(f.row, f.column, f.from_row, f.reason) for f in t.filled] == [
        (3, "检定项目", 2, "merged"),
        (3, "负责单位", 2, "merged"),
    ]
    assert t.attachment is None and n.attachments == []


def test_doc_without_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    from pipeline.readers import legacy

    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an OLE2 header
    with pytest.raises(legacy.ConverterMissing) as caught:
        pipeline.extract(path)
    assert caught.value.kind == "converter_missing"
    assert caught.value.message == (
        f"{path}: reading .doc files needs LibreOffice, which is not installed. install "
        "LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) so that soffice "
        "is on PATH, or save the file as .docx"
    )


@pytest.mark.skipif(
    __import__("pipeline.readers.legacy").readers.legacy.find_soffice() is None,
    reason="LibreOffice is not installed",
)
def test_junk_named_doc_never_crashes(tmp_path):
    """LibreOffice imports almost anything as text; the result is a notice with no parts."""
    path = tmp_path / "junk.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4)
    n = pipeline.extract(path)
    assert n.source.format == "doc"
    assert "no_parts" in {w.code for w in n.warnings}


def test_title_rows_inside_the_table_and_a_header_typed_again_after_a_page_break(tmp_path):
    header = [
        tc("序号", vmerge="restart") + tc("单位", vmerge="restart") + tc("资格条件", span=2)
        + tc("备注", vmerge="restart"),
        tc(vmerge="continue") + tc(vmerge="continue") + tc("专业") + tc("学历")
        + tc(vmerge="continue"),
    ]  # fmt: skip
    rows = [
        tc("附件1：", span=5),
        tc("2016年某市遴选职位表", span=5),
        *header,
        tc("1") + tc("市法院", vmerge="restart") + tc("中文类") + tc("本科") + tc(""),
        tc("2") + tc(vmerge="continue") + tc("法学类") + tc("研究生") + tc(""),
        *header,  # typed again by hand at the top of the next page
        tc("3") + tc("市审计局") + tc("审计类") + tc("大专") + tc("男性"),
    ]
    path = tmp_path / "jobs.docx"
    path.write_bytes(docx(p("某市遴选公告") + tbl(rows, 5)))
    (t,) = pipeline.extract(path).tables
    assert t.title == "2016年某市遴选职位表"
    assert t.header == ["序号", "单位", "资格条件/专业", "资格条件/学历", "备注"]
    assert t.rows == [
        ["1", "市法院", "中文类", "本科", ""],
        ["2", "市法院", "法学类", "研究生", ""],
        ["3", "市审计局", "审计类", "大专", "男性"],
    ]
    assert [(f.row, f.column, f.from_row, f.reason) for f in t.filled] == [(2, "单位", 1, "merged")]


def test_a_grid_column_of_a_millimetre_without_text_is_no_column():
    """Word keeps a sliver of a grid column where borders did not line up: here 50
    twips (0.9 mm), beside a title spanning the six real columns."""
    rows = [
        tc("某某改革指导目录", span=3) + tc(""),
        tc("序号") + tc("证明材料") + tc("开具单位") + tc(""),
        tc("1") + tc("工作证明") + tc("个人所在单位") + tc(""),
    ]
    widths = [600, 2400, 2400, 50]
    body = tbl(rows, 4).replace(
        "<w:gridCol/>" * 4, "".join(f'<w:gridCol w:w="{v}"/>' for v in widths)
    )
    (table,) = blocks_of(docx(body)).blocks
    assert grid(table) == [
        [("某某改革指导目录", None), ("某某改革指导目录", (0, 0)), ("某某改革指导目录", (0, 0))],
        [("序号", None), ("证明材料", None), ("开具单位", None)],
        [("1", None), ("工作证明", None), ("个人所在单位", None)],
    ]
    # the same column 20 mm wide is a column left blank: it stays
    wide = body.replace('w:w="50"', 'w:w="1134"')
    assert blocks_of(docx(wide)).blocks[0].width == 4
