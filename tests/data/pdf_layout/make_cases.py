"""Test PDFs for the PDF reader's paragraphs, rendered from Word by LibreOffice.

Each case is a short 公文 written as data: its paragraphs with their Word layout
(alignment, size, bold, indents, space before, a landscape page). It is written as
NAME.docx with python-docx, rendered to NAME.pdf by LibreOffice, and NAME.json holds
what the PDF reader must give: the text of every paragraph, in order, and the parts
of the notice (or the error a scan gives: pages an image covers, a scanner app's
watermark their only text). The PDFs are committed, so the tests need no LibreOffice; run this
again only to change a case:

    .venv/bin/python tests/data/pdf_layout/make_cases.py
"""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
FANGSONG = "仿宋_GB2312"
XBS = "方正小标宋简体"
BODY_1 = (
    "为加强计量监督管理，保障国家计量单位制的统一和量值的准确可靠，根据《中华人民共和国计量法》"
    "及其实施细则的规定，经研究，决定在全市范围内开展计量器具专项监督检查。现将有关事项通知如下。"
)
BODY_2 = (
    "各单位要高度重视，精心组织，按照方案要求认真开展自查自纠，于2024年6月30日前将自查情况"
    "报送市市场监督管理局计量处，逾期未报送的，视为未开展自查。"
)
BODY_3 = (
    "检查范围包括集贸市场、商场超市、加油站、医疗卫生机构使用的强制检定计量器具，重点检查"
    "电子计价秤、燃油加油机、血压计和出租汽车计价器的检定情况。"
)


@dataclass
class P:
    text: str
    align: str | None = None  # center, right, both (justified)
    size: float = 16
    bold: bool = False
    first: float | None = None  # first-line indent, points (negative: hanging)
    left: float | None = None
    right: float | None = None
    before: float | None = None
    font: str = FANGSONG
    page_break: bool = False
    landscape: bool = False  # starts a new landscape section
    # A scanned page: a new section whose page an image covers, with this text alone in
    # its footer (a scanner app's watermark); the reader must give no paragraph for it.
    scan: bool = False
    expect: bool = True  # a paragraph the reader must give (False: a blank line)


def body(text: str, **kw) -> P:
    return P(text, align="both", first=32, **kw)


def closing(sign: str, date: str, *, centred_on_date: bool = False) -> list[P]:
    """署名 and 成文日期: the date 4 characters from the right; the 署名 right-aligned
    with it, or centred over it (GB/T 9704 7.3.5.1)."""
    date_width = 16 * sum(0.5 if ch.isascii() else 1 for ch in date)
    sign_width = 16 * len(sign)
    right = 64 + (date_width - sign_width) / 2 if centred_on_date else 64
    return [P(sign, align="right", right=max(right, 0)), P(date, align="right", right=64)]


def attachment_note(*items: str) -> list[P]:
    """附件说明: 附件： two characters in, further items under the first name."""
    out = [P(f"附件：{items[0]}", align="both", left=80, first=-48)]
    out += [P(item, align="both", left=80) for item in items[1:]]
    return out


CASES: dict[str, dict] = {
    # A title set in the body's size and not bold, centred over two lines, and the 主送
    # right under it; the 附件说明's last item, the 署名 and the 成文日期 with no space
    # between them.
    "title_in_body_size": {
        "paragraphs": [
            P("关于开展2024年度全市计量器具专项监督检查和能源计量审查工作的通知", align="center"),
            P("各区市场监督管理局，市局各处室、各直属单位：", align="both"),
            body(BODY_1),
            body(BODY_2),
            *attachment_note(
                "1．2024年度计量器具专项监督检查工作方案",
                "2．2024年度全市重点计量器具专项监督检查联系人及联络员名单和检查情况汇总表",
            ),
            *closing("某某市市场监督管理局", "2024年5月10日"),
        ],
        "notice": {
            "title": "关于开展2024年度全市计量器具专项监督检查和能源计量审查工作的通知",
            "recipients": ["各区市场监督管理局", "市局各处室、各直属单位"],
            "date": "2024-05-10",
            "signatories": ["某某市市场监督管理局"],
        },
    },
    # A bold 22 pt title whose last line is long, a 主送 right under it; a joint 署名
    # centred over the date.
    "title_long_last_line": {
        "paragraphs": [
            P(
                "某某市人民政府办公厅关于进一步加强全市计量器具和能源计量监督管理工作的通知",
                align="center",
                size=22,
                bold=True,
                font=XBS,
            ),
            P("各区人民政府，市政府各委、办、局：", align="both"),
            body(BODY_1),
            body(BODY_3),
            *attachment_note(
                "1．2024年度全市重点计量器具专项监督检查工作方案及检查内容和检查要求",
                "2．检查情况汇总表",
                "3．联系人名单",
            ),
            *closing("某某市人民政府办公厅", "2024年5月10日", centred_on_date=True),
        ],
        "notice": {
            "title": "某某市人民政府办公厅关于进一步加强全市计量器具和能源计量监督管理工作的通知",
            "recipients": ["各区人民政府", "市政府各委、办、局"],
            "date": "2024-05-10",
            "signatories": ["某某市人民政府办公厅"],
        },
    },
    # Paragraphs without a first-line indent, told apart only by the space before them
    # (a web page printed); a bold heading in the body's size; a landscape attachment page
    # with wider lines than the notice's pages.
    "landscape_attachment": {
        "paragraphs": [
            P("关于报送重点计量器具检查情况的通知", align="center", size=22, bold=True, font=XBS),
            P("各区市场监督管理局：", before=12),
            P(BODY_1 + BODY_2, align="both", before=12),
            P("工作要求", bold=True, before=12),
            P(BODY_3 + BODY_2, align="both"),
            P("附件：重点计量器具检查情况说明", before=12),
            *closing("某某市市场监督管理局", "2024年5月10日"),
            P("附件", size=16, font="黑体", landscape=True),
            P("重点计量器具检查情况说明", align="center", size=22, font=XBS),
            *[
                body(f"{k}．" + text)
                for k, text in enumerate((BODY_3, BODY_1, BODY_2, BODY_3, BODY_1), start=1)
            ],
        ],
        "notice": {
            "title": "关于报送重点计量器具检查情况的通知",
            "recipients": ["各区市场监督管理局"],
            "date": "2024-05-10",
            "signatories": ["某某市市场监督管理局"],
        },
    },
    # A scan whose only text layer is the scanner app's watermark: no text layer.
    "scan_with_watermark": {
        "paragraphs": [P("扫描全能王 创建", scan=True, expect=False)] * 3,
        "notice": {},
        "error": "no_text_layer",
    },
    # A notice with a text layer, its attachment scanned: page 2 has none.
    "scanned_attachment": {
        "paragraphs": [
            P("关于报送重点计量器具检查情况的通知", align="center", size=22, bold=True, font=XBS),
            P("各区市场监督管理局：", align="both"),
            body(BODY_1),
            P("附件：重点计量器具检查情况汇总表", align="both", first=32),
            *closing("某某市市场监督管理局", "2024年5月10日"),
            P("扫描全能王 创建", scan=True, expect=False),
        ],
        "notice": {
            "title": "关于报送重点计量器具检查情况的通知",
            "recipients": ["各区市场监督管理局"],
            "date": "2024-05-10",
        },
    },
}


def scanned_page(doc, watermark: str, new_section: bool) -> None:
    """A page covered by a picture of a page, the watermark in its footer."""
    import io

    from docx.enum.section import WD_SECTION
    from docx.shared import Cm, Pt
    from PIL import Image, ImageDraw

    section = doc.add_section(WD_SECTION.NEW_PAGE) if new_section else doc.sections[0]
    section.left_margin = section.right_margin = Cm(0.5)
    section.top_margin, section.bottom_margin = Cm(0.5), Cm(1.2)
    section.footer_distance = Cm(0.4)
    section.footer.is_linked_to_previous = False
    footer = section.footer.paragraphs[0]
    footer.text = ""
    run = footer.add_run(watermark)
    run.font.size = Pt(8)
    if new_section:  # the pages before keep an empty footer
        doc.sections[-2].footer.is_linked_to_previous = False
    image = Image.new("L", (400, 540), 235)
    draw = ImageDraw.Draw(image)
    for row in range(30):  # grey bars where a scan shows lines of text
        y = 60 + 15 * row
        draw.rectangle((50 + (20 if row % 5 == 0 else 0), y, 350 - 7 * (row % 3), y + 7), fill=90)
    data = io.BytesIO()
    image.save(data, format="PNG")
    data.seek(0)
    doc.add_paragraph().add_run().add_picture(data, width=Cm(20.0), height=Cm(27.0))


def write_docx(paragraphs: list[P], path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    style = doc.styles["Normal"]
    style.font.size = Pt(16)
    style.font.name = "FangSong"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FANGSONG)
    aligns = {"center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
              "both": WD_ALIGN_PARAGRAPH.JUSTIFY}  # fmt: skip
    for k, spec in enumerate(paragraphs):
        if spec.scan:
            scanned_page(doc, spec.text, new_section=k > 0)
            continue
        if spec.landscape:
            new = doc.add_section(WD_SECTION.NEW_PAGE)
            new.orientation = WD_ORIENT.LANDSCAPE
            new.page_width, new.page_height = Cm(29.7), Cm(21.0)
            new.left_margin, new.right_margin = Cm(2.0), Cm(2.0)
            new.top_margin, new.bottom_margin = Cm(2.5), Cm(2.5)
        p = doc.add_paragraph()
        fmt = p.paragraph_format
        if spec.align:
            p.alignment = aligns[spec.align]
        if spec.first is not None:
            fmt.first_line_indent = Pt(spec.first)
        if spec.left is not None:
            fmt.left_indent = Pt(spec.left)
        if spec.right is not None:
            fmt.right_indent = Pt(spec.right)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(max(28, spec.size * 1.5))
        fmt.space_before = Pt(spec.before or 0)
        fmt.space_after = Pt(0)
        fmt.page_break_before = spec.page_break
        run = p.add_run(spec.text)
        run.font.size = Pt(spec.size)
        run.font.bold = spec.bold or None
        run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), spec.font)
    stamp = datetime.datetime(2024, 6, 1)
    doc.core_properties.created = doc.core_properties.modified = stamp
    doc.save(path)


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to render the PDFs")
    names = sys.argv[1:] or list(CASES)
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            case = CASES[name]
            write_docx(case["paragraphs"], HERE / f"{name}.docx")
            expected = {
                "paragraphs": [p.text for p in case["paragraphs"] if p.expect],
                "notice": case["notice"],
            }
            if "error" in case:
                expected["error"] = case["error"]
            (HERE / f"{name}.json").write_text(
                json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        profile = (Path(tmp) / "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(HERE), *(str(HERE / f"{n}.docx") for n in names)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        for name in names:
            print(f"{name}.pdf: {(HERE / f'{name}.pdf').stat().st_size} bytes")


if __name__ == "__main__":
    main()
