"""Build the sample inputs in samples/ (`make samples`).

- Text samples from their readable UTF-8 sources in samples/src/, each written in
  the encoding and line ends it exists to test.
- samples/000_789e38767d8a56d8.docx: the seed notice as an office would type it in
  Word: a red masthead, the title over three lines joined by soft breaks, level-1
  headings typed ("一、") and level-2 headings numbered by Word ("（一）" from
  numbering.xml), and the activity table with real vertical merges where the text
  version has blanks in 负责单位, 活动名称 (rows 28-29) and 活动时间 (rows 17-18),
  vertically centred; its header row repeats on each page (w:tblHeader).
- samples/table_header.docx: a short notice whose table has a title row merged
  across the table and a header over two rows (活动时间 over 开始/结束), with no
  header marks, so the table logic must find them from the merges.

The files are written with fixed zip timestamps so that rebuilding them gives the
same bytes (and the golden outputs' sha256 stays put).
"""

from __future__ import annotations

import copy
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "samples" / "src"
SEED = ROOT / "samples" / "000_789e38767d8a56d8.txt"
sys.path.insert(0, str(ROOT))

# name: (encoding, line end)
TEXT_SAMPLES = {
    "hz_gbk_crlf.txt": ("gbk", "\r\n"),
    "zj_utf16_letter.txt": ("utf-16", "\r"),  # utf-16 writes a byte-order mark
}

# Seed table (1-based data rows): vertical merges (column, first row, last row).
SEED_MERGES_EXTRA = [(1, 27, 29), (3, 16, 18)]  # 活动名称 rows 27-29, 活动时间 rows 16-18
UNIT_COLUMN = 5  # 负责单位, 0-based


def write_text_samples() -> None:
    for name, (encoding, newline) in TEXT_SAMPLES.items():
        text = (SRC / name).read_text(encoding="utf-8")
        data = text.replace("\n", newline).encode(encoding)
        (ROOT / "samples" / name).write_bytes(data)
        print(f"samples/{name}: {encoding}, {newline!r} line ends, {len(data)} bytes")


def deterministic(data: bytes) -> bytes:
    """The same zip with fixed timestamps and order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 4, 29, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def save(document, name: str) -> None:
    buf = io.BytesIO()
    document.core_properties.author = "notice-pipeline samples"
    import datetime

    stamp = datetime.datetime(2024, 4, 29)
    document.core_properties.created = stamp
    document.core_properties.modified = stamp
    document.core_properties.last_modified_by = "notice-pipeline samples"
    document.core_properties.revision = 1
    document.save(buf)
    data = deterministic(buf.getvalue())
    (ROOT / "samples" / name).write_bytes(data)
    print(f"samples/{name}: {len(data)} bytes")


def new_document():
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    style = document.styles["Normal"]
    style.font.name = "FangSong"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    return document


def add_chinese_numbering(document) -> tuple[str, str]:
    """A "（%1）" chineseCounting list, and two instances of it (the second restarts)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%1）"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/>'
        '<w:pPr><w:ind w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(f"{{{numbering.nsmap['w']}}}num")
    first_num.addprevious(abstract)
    for num_id, restart in (("91", False), ("92", True)):
        override = (
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
            if restart
            else ""
        )
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
                f"{override}</w:num>"
            )
        )
    return "91", "92"


def numbered(paragraph, num_id: str) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def body_paragraph(document, text: str, indent: bool = True):
    from docx.shared import Pt

    p = document.add_paragraph(text)
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)
    return p


def masthead(document, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.font.size = Pt(36)
    run.font.bold = True
    run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    document.add_paragraph()


def title(document, lines: list[str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for k, line in enumerate(lines):
        run = p.add_run(line)
        run.font.size = Pt(22)
        run.font.bold = True
        if k < len(lines) - 1:
            run.add_break()  # a soft line break (w:br), not a new paragraph
    document.add_paragraph()


def right(document, text: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = document.add_paragraph(text)
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def set_cell(cell, text: str) -> None:
    from docx.shared import Pt

    lines = text.split("\n")
    cell.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)
    for p in cell.paragraphs:
        for run in p.runs:
            run.font.size = Pt(10.5)


def repeat_header(row) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))


def merge_down(table, col: int, first: int, last: int) -> None:
    """Merge a column's cells vertically (rows in table coordinates), centred."""
    from docx.enum.table import WD_ALIGN_VERTICAL

    top = table.cell(first, col)
    keep = copy.deepcopy(top._tc)
    merged = top.merge(table.cell(last, col))
    # python-docx moves the covered cells' (empty) paragraphs into the top cell: put back
    # the top cell's own content so the merged cell reads exactly as the notice prints it.
    for p in list(merged._tc.iterchildren("{*}p")):
        merged._tc.remove(p)
    for p in keep.iterchildren("{*}p"):
        merged._tc.append(p)
    merged.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def page_number_footer(document) -> None:
    """ "— 1 —" centred at the foot of every page, from a PAGE field, as 公文 print it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    footer._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        )
    )
    footer.add_run(" —")


def seed_docx() -> None:
    from pipeline.readers.txt import read_txt

    doc = read_txt(str(SEED), SEED.read_bytes())
    paragraphs = [b.text for b in doc.blocks if not hasattr(b, "rows")]
    (grid,) = [b for b in doc.blocks if hasattr(b, "rows")]
    rows = [[c.text for c in row] for row in grid.rows]

    document = new_document()
    page_number_footer(document)
    numbering = iter(add_chinese_numbering(document))
    masthead(document, "上海市市场监督管理局文件")
    title(document, paragraphs[0:3])
    current_list = None
    for text in paragraphs[3:-4]:
        if text[:2] in ("一、", "二、", "三、", "四、"):
            heading = body_paragraph(document, text)
            heading.runs[0].font.bold = True
            current_list = None
        elif text.startswith("（") and text[2] == "）":
            if current_list is None:
                current_list = next(numbering)
            p = body_paragraph(document, text[3:], indent=False)
            numbered(p, current_list)
        elif text.startswith("附件："):
            document.add_paragraph()
            body_paragraph(document, text)
            document.add_paragraph()
        else:
            body_paragraph(document, text, indent=not text.endswith("："))
    signature, date, note, attachment_title = paragraphs[-4:]
    document.add_paragraph()
    right(document, signature)
    right(document, date)
    body_paragraph(document, note)
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    document.paragraphs[-1].runs[-1].add_break(WD_BREAK.PAGE)
    p = document.add_paragraph(attachment_title)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            set_cell(table.cell(r, c), text)
    repeat_header(table.rows[0])
    merges = list(SEED_MERGES_EXTRA)
    r = 1
    while r < len(rows):  # every blank 负责单位 is covered by the unit above it
        if not rows[r][UNIT_COLUMN] and rows[r - 1][UNIT_COLUMN]:
            last = r
            while last + 1 < len(rows) and not rows[last + 1][UNIT_COLUMN]:
                last += 1
            merges.append((UNIT_COLUMN, r - 1, last))
            r = last
        r += 1
    for col, first, last in merges:
        merge_down(table, col, first, last)
    save(document, "000_789e38767d8a56d8.docx")


def table_header_docx() -> None:
    document = new_document()
    title(document, ["上海市计量测试技术研究院关于", "2024年第二季度计量检定工作安排的通知"])
    body_paragraph(document, "院属各部门：", indent=False)
    body_paragraph(document, "现将2024年第二季度计量检定工作安排如下，请认真落实。")
    rows = [
        ["2024年第二季度计量检定工作安排表"] * 5,
        ["序号", "检定项目", "活动时间", "活动时间", "负责单位"],
        ["序号", "检定项目", "开始", "结束", "负责单位"],
        ["1", "电子计价秤", "4月1日", "4月30日", "衡器检测所"],
        ["2", "血压计", "4月8日", "5月10日", "医学计量所"],
        ["3", "", "5月13日", "5月31日", ""],
        ["4", "加油机", "6月3日", "", "流量计量所"],
    ]
    table = document.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    written = {0: [0], 1: [0, 1, 2, 4], 2: [2, 3]}  # slots that hold text before merging
    for r, row in enumerate(rows):
        for c in written.get(r, range(5)):
            set_cell(table.cell(r, c), row[c])
    table.cell(0, 0).merge(table.cell(0, 4))  # the title row across the table
    table.cell(1, 2).merge(table.cell(1, 3))  # 活动时间 over 开始 / 结束
    for c in (0, 1, 4):
        merge_down(table, c, 1, 2)
    merge_down(table, 1, 4, 5)  # 血压计 covers row 3 too
    merge_down(table, 4, 4, 5)  # and so does 医学计量所
    document.add_paragraph()
    right(document, "上海市计量测试技术研究院")
    right(document, "2024年3月25日")
    save(document, "table_header.docx")


def render_pdf(name: str) -> None:
    """Render a sample .docx to PDF with LibreOffice (the PDF is committed)."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(f"samples/{name}: skipped, LibreOffice (soffice) is not installed")
        return
    with tempfile.TemporaryDirectory() as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(ROOT / "samples" / name)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        pdf = Path(tmp) / (Path(name).stem + ".pdf")
        target = ROOT / "samples" / pdf.name
        target.write_bytes(pdf.read_bytes())
        print(f"samples/{pdf.name}: {target.stat().st_size} bytes (LibreOffice)")


def encrypted_pdf() -> None:
    """samples/bad/encrypted_secret.pdf: a short notice, opened only with password "secret"."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("samples/bad/encrypted_secret.pdf: skipped, LibreOffice is not installed")
        return
    options = (
        '{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "encrypted_secret.txt"
        source.write_text(
            "某局关于加密测试的通知\n\n各单位：\n正文。\n\n某局\n2024年1月2日\n", "utf-8"
        )
        profile = (Path(tmp) / "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
             f"pdf:writer_pdf_Export:{options}", "--outdir", tmp, str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        target = ROOT / "samples" / "bad" / "encrypted_secret.pdf"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes((Path(tmp) / "encrypted_secret.pdf").read_bytes())
        print(f"samples/bad/encrypted_secret.pdf: {target.stat().st_size} bytes")


def scanned_pdf() -> None:
    """samples/scans/000_789e38767d8a56d8_scan.pdf: the seed's PDF as an office scans it.

    Each page rendered at 150 dpi in grey, turned by 0.6°, with speckle noise, stored as
    a JPEG (quality 70) in a PDF with no text layer; a red round seal stamped over the
    signature and date. Deterministic: a fixed seed and fixed PDF dates.
    """
    import datetime
    import io
    import random
    import time

    import pypdfium2
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    source = ROOT / "samples" / "000_789e38767d8a56d8.pdf"
    rnd = random.Random(20240508)
    pdf = pypdfium2.PdfDocument(str(source))
    pages = []
    for index in range(len(pdf)):
        page = pdf[index]
        image = page.render(scale=150 / 72).to_pil().convert("RGB")
        text = page.get_textpage().get_text_range()
        sealed = "2024 年 4 月 29 日" in text
        if sealed:  # the signature page: a seal over the date, inked over the text
            stamp = Image.new("RGB", image.size, "white")
            _seal(ImageDraw.Draw(stamp), page, image.size)
            image = ImageChops.multiply(image, stamp)
        image = image.rotate(0.6, resample=Image.BICUBIC, expand=False, fillcolor="white")
        pixels = image.load()
        width, height = image.size
        for _ in range(width * height // 400):  # speckles: dust on the glass
            x, y = rnd.randrange(width), rnd.randrange(height)
            shade = rnd.randrange(0, 160)
            pixels[x, y] = (shade, shade, shade)
        image = image.filter(ImageFilter.GaussianBlur(0.4))
        if not sealed:
            image = image.convert("L")  # grey pages: a third of the bytes
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=70)
        pages.append(Image.open(io.BytesIO(buffer.getvalue())))
    when = time.gmtime(datetime.datetime(2024, 5, 8, 1, 0, tzinfo=datetime.UTC).timestamp())
    target = ROOT / "samples" / "scans" / "000_789e38767d8a56d8_scan.pdf"
    target.parent.mkdir(exist_ok=True)
    pages[0].save(
        target, "PDF", save_all=True, append_images=pages[1:], resolution=150,
        creationDate=when, modDate=when, producer="notice-pipeline make_samples",
    )  # fmt: skip
    print(f"samples/scans/{target.name}: {target.stat().st_size} bytes ({len(pages)} pages)")


def _seal(draw, page, size) -> None:
    """A red round seal (ring, star) centred on the page's date line, drawn on white (it
    is multiplied onto the page: the text under the ink stays black, as with a real
    stamp)."""
    textpage = page.get_textpage()
    found = textpage.search("2024 年 4 月 29 日")
    box = found.get_next()
    scale = size[0] / page.get_width()
    if box is None:
        return
    start, count = box
    left, bottom, _, top = textpage.get_charbox(start)
    cx = (left + textpage.get_charbox(start + count - 1)[2]) / 2 * scale
    cy = (page.get_height() - (bottom + top) / 2) * scale
    radius = 42 / 25.4 * 150 / 2  # a 42 mm seal
    red = (220, 30, 30)
    for k in range(5):  # the ring, a few pixels wide
        r = radius - k
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red)
    star = []
    import math

    for k in range(10):
        r = radius * (0.28 if k % 2 == 0 else 0.12)
        angle = -math.pi / 2 + k * math.pi / 5
        star.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    draw.polygon(star, fill=red)


def main() -> None:
    write_text_samples()
    seed_docx()
    table_header_docx()
    render_pdf("000_789e38767d8a56d8.docx")
    render_pdf("table_header.docx")
    scanned_pdf()
    encrypted_pdf()


if __name__ == "__main__":
    main()
