"""The Word reader's layout facts through the style chain, and a repaired package.

Every .docx here is built with python-docx in the test, so the truth is what was set:
direct formatting → paragraph style → based-on styles → docDefaults.
"""

import io
import subprocess
import sys
import zipfile

import docx
import pytest
from conftest import ROOT, SEED
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

import pipeline
from pipeline.errors import CorruptFile, FileTooLarge
from pipeline.limits import Limits
from pipeline.readers.docx import read_docx


def saved(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def by_text(data: bytes):
    doc = read_docx("t.docx", data)
    return {b.text: b for b in doc.blocks}


def doc_defaults(document, jc: str | None = None, sz: int | None = None, bold=False):
    """Set the docDefaults python-docx has no API for (w:pPrDefault, w:rPrDefault)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    ppr_default = defaults.find(qn("w:pPrDefault"))
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        ppr_default.append(ppr)
    if jc:
        el = OxmlElement("w:jc")
        el.set(qn("w:val"), jc)
        ppr.append(el)
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if sz is not None:
        rpr.find(qn("w:sz")).set(qn("w:val"), str(sz))
    if bold:
        rpr.append(OxmlElement("w:b"))


def paragraph_style(document, name: str, base=None, **font):
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = base
    for key, value in font.items():
        if key == "alignment":
            style.paragraph_format.alignment = value
        elif key in ("first_line_indent", "left_indent", "space_before"):
            setattr(style.paragraph_format, key, value)
        else:
            setattr(style.font, key, value)
    return style


def test_alignment_size_and_bold_come_down_the_style_chain():
    d = docx.Document()
    doc_defaults(d, jc="both", sz=32)  # 16 pt, justified: the document's defaults
    d.styles["Normal"].font.size = None  # Normal sets nothing: docDefaults decide
    title = paragraph_style(d, "公文标题", alignment=WD_ALIGN_PARAGRAPH.CENTER, size=Pt(22),
                            bold=True)  # fmt: skip
    based = paragraph_style(d, "副标题", base=title, size=Pt(18))  # centre and bold inherited
    d.add_paragraph("正文段落")
    d.add_paragraph("关于开展活动的通知", style=title)
    d.add_paragraph("副题", style=based)
    blocks = by_text(saved(d))
    body, t, sub = blocks["正文段落"], blocks["关于开展活动的通知"], blocks["副题"]
    assert (body.align, body.size, body.bold) == ("justify", 16.0, False)
    assert (t.align, t.size, t.bold) == ("center", 22.0, True)
    assert (sub.align, sub.size, sub.bold) == ("center", 18.0, True)


def test_bold_from_the_document_defaults_and_a_character_style():
    d = docx.Document()
    doc_defaults(d, bold=True)
    d.add_paragraph("全篇加粗")
    strong = d.styles.add_style("强调", WD_STYLE_TYPE.CHARACTER)
    strong.font.size = Pt(26)
    p = d.add_paragraph()
    p.add_run("字符样式", style=strong)
    blocks = by_text(saved(d))
    assert blocks["全篇加粗"].bold is True
    assert blocks["字符样式"].size == 26.0


def test_direct_formatting_wins_over_the_style():
    d = docx.Document()
    title = paragraph_style(d, "标题样式", alignment=WD_ALIGN_PARAGRAPH.CENTER, size=Pt(22),
                            bold=True)  # fmt: skip
    p = d.add_paragraph(style=title)
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = p.add_run("上海市市场监督管理局")
    run.font.size = Pt(16)
    run.bold = False
    mixed = d.add_paragraph(style=title)
    mixed.add_run("一半")
    mixed.add_run("不加粗").bold = False
    blocks = by_text(saved(d))
    signed = blocks["上海市市场监督管理局"]
    assert (signed.align, signed.size, signed.bold) == ("right", 16.0, False)
    assert blocks["一半不加粗"].bold is False  # bold only when every text run is


def test_indents_and_space_before_in_points_direct_and_inherited():
    d = docx.Document()
    d.styles["Normal"].font.size = Pt(16)
    body = paragraph_style(d, "正文缩进", first_line_indent=Pt(32), space_before=Pt(6))
    d.add_paragraph("首行缩进两字", style=body)
    hanging = d.add_paragraph("悬挂缩进")
    hanging.paragraph_format.first_line_indent = Pt(-21)
    hanging.paragraph_format.left_indent = Pt(42)
    hanging.paragraph_format.space_before = Pt(12)
    chars = d.add_paragraph("按字符缩进")
    ind = OxmlElement("w:ind")  # "2 characters", which python-docx does not read
    ind.set(qn("w:firstLineChars"), "200")
    ind.set(qn("w:firstLine"), "640")
    chars.paragraph_format.first_line_indent = None
    chars._p.get_or_add_pPr().append(ind)
    blocks = by_text(saved(d))
    first = blocks["首行缩进两字"]
    assert (first.indent, first.left_indent, first.space_before) == (32.0, None, 6.0)
    h = blocks["悬挂缩进"]
    assert (h.indent, h.left_indent, h.space_before) == (-21.0, 42.0, 12.0)
    assert blocks["按字符缩进"].indent == 32.0  # two characters of 16 pt


def test_a_package_without_styles_gives_only_direct_formatting():
    from docx_builder import docx as build
    from docx_builder import p

    plain, sized = (
        p("无样式"),
        p(runs='<w:r><w:rPr><w:sz w:val="44"/><w:b/></w:rPr><w:t>大字</w:t></w:r>'),
    )
    blocks = by_text(build(plain + sized))
    assert (blocks["无样式"].size, blocks["无样式"].align, blocks["无样式"].bold) == (
        None,
        None,
        False,
    )
    assert (blocks["大字"].size, blocks["大字"].bold) == (22.0, True)


# ---------------------------------------------------------------- a package python-docx refuses


def rewritten(data: bytes, changes: dict[str, bytes]) -> bytes:
    """The package with some parts replaced."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            out.writestr(name, changes.get(name, src.read(name)))
    return buf.getvalue()


def broken_package() -> bytes:
    d = docx.Document()
    d.add_paragraph("某市关于汽车消费补贴的公告")
    d.add_paragraph("正文")
    data = saved(d)
    rels = zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels").decode()
    broken = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/image" Target="../NULL"/></Relationships>',
    )
    return rewritten(data, {"word/_rels/document.xml.rels": broken.encode()})


def test_a_broken_relationship_is_dropped_with_a_warning_and_the_rest_read(tmp_path):
    data = broken_package()
    with pytest.raises(KeyError):  # python-docx alone refuses it
        docx.Document(io.BytesIO(data))
    doc = read_docx("t.docx", data)
    assert [b.text for b in doc.blocks] == ["某市关于汽车消费补贴的公告", "正文"]
    assert [w.code for w in doc.warnings] == ["broken_relationship"]
    assert "image → ../NULL" in doc.warnings[0].message
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    notice = pipeline.extract(path)
    assert "broken_relationship" in {w.code for w in notice.warnings}  # the user sees it


def test_a_part_beside_the_document_that_is_not_xml_is_left_out_with_a_warning():
    d = docx.Document()
    d.add_paragraph("正文")
    data = rewritten(saved(d), {"word/settings.xml": b"<w:settings><unclosed></w:settings>"})
    doc = read_docx("t.docx", data)
    assert [b.text for b in doc.blocks] == ["正文"]
    assert [w.code for w in doc.warnings] == ["broken_relationship"]
    assert "settings.xml) points to a part that is not well-formed XML" in doc.warnings[0].message


def test_the_limits_and_entities_are_checked_before_python_docx_sees_the_bytes(monkeypatch):
    d = docx.Document()
    d.add_paragraph("正文")
    xml = zipfile.ZipFile(io.BytesIO(saved(d))).read("word/document.xml")
    entity = xml.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY a "aaaa">]>', 1)
    data = rewritten(saved(d), {"word/document.xml": entity})
    plain = saved(d)

    def refuse(*args, **kwargs):
        raise AssertionError("python-docx was given a package the limits refuse")

    monkeypatch.setattr(docx, "Document", refuse)
    with pytest.raises(CorruptFile, match="declares a DOCTYPE or XML entities"):
        read_docx("t.docx", data)
    with pytest.raises(FileTooLarge, match="over the limit"):
        read_docx("t.docx", plain, Limits(max_unzipped=1000))


def test_a_txt_conversion_never_imports_python_docx(tmp_path):
    probe = (
        "import sys, pipeline\n"
        f"pipeline.extract({str(SEED)!r})\n"
        "heavy = {'docx', 'pipeline.readers.docx', 'pipeline.readers.ooxml'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert loaded.stdout.strip() == "[]", loaded.stderr
