"""PDF paragraphs from the page's geometry, on PDFs LibreOffice rendered from Word.

The cases (tests/data/pdf_layout, written by make_cases.py there) reproduce what the
reader got wrong on unseen PDFs: a centred title's last line joined with the 主送 under
it, and the 附件说明's last item, the 署名 and the 成文日期 glued into one paragraph; and a
landscape attachment page whose wider lines moved the portrait pages' right edge.
"""

import json

import pytest
from conftest import ROOT

import pipeline
from pipeline.model import Paragraph
from pipeline.readers.pdf import NoTextLayer, _read_pages, read_pdf

CASES = ROOT / "tests" / "data" / "pdf_layout"
NAMES = sorted(
    p.stem
    for p in CASES.glob("*.pdf")
    if "error" not in json.loads(p.with_suffix(".json").read_text())
)


def paragraphs(name: str) -> list[Paragraph]:
    path = CASES / f"{name}.pdf"
    doc = read_pdf(str(path), path.read_bytes())
    return [b for b in doc.blocks if isinstance(b, Paragraph)]


def expected(name: str) -> dict:
    return json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAMES)
def test_paragraphs_are_the_ones_written(name):
    assert [p.text for p in paragraphs(name)] == expected(name)["paragraphs"]


@pytest.mark.parametrize("name", NAMES)
def test_the_notice_has_its_title_recipients_signature_and_date(name):
    n = pipeline.extract(CASES / f"{name}.pdf")
    for key, value in expected(name)["notice"].items():
        assert getattr(n, key) == value, key


def test_layout_facts_of_the_paragraphs():
    title, recipients, *body, sign, date = paragraphs("title_long_last_line")
    assert (title.align, title.size, title.bold) == ("center", 22.0, True)
    assert (recipients.align, recipients.indent, recipients.left_indent) == (None, 0.0, 0.0)
    assert (body[0].align, body[0].bold, body[0].indent, body[0].left_indent) == (
        "justify",
        False,
        32.0,
        0.0,
    )
    assert (sign.align, date.align) == ("right", "right")
    assert all(p.page == 1 for p in (title, sign, date))
    # Paragraphs told apart by the space before them; a bold heading in the body's size.
    plain = paragraphs("landscape_attachment")
    heading = next(p for p in plain if p.text == "工作要求")
    assert heading.bold and heading.size == 16.0 and heading.space_before >= 10
    assert plain[-1].page == 2 and plain[-1].align == "justify"


def test_an_entry_under_the_toc_is_not_the_title(tmp_path):
    # With a PDF's 目录 read line by line, an entry ending in a kind (…情况说明) stands
    # between the cover and the body: the title is the cover's (real/24 in the corpus).
    lines = [
        "上海市XX局",
        "2024年度部门决算",
        "目 录",
        "第一部分上海市XX局概况",
        "一、主要职能",
        "第二部分上海市XX局2024年度部门决算情况说明",
        "一、收入支出决算总体情况说明",
        "二、收入决算情况说明",
        "第一部分 上海市XX局概况",
        "一、主要职能",
        "由主管部门根据三定方案等相关规定中有关主要职能填写。",
    ]
    path = tmp_path / "juesuan.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert pipeline.extract(path).title == "上海市XX局2024年度部门决算"


# ---------------------------------------------------------------- scans


def test_a_scan_whose_only_text_is_a_watermark_has_no_text_layer():
    path = CASES / "scan_with_watermark.pdf"
    with pytest.raises(NoTextLayer) as caught:
        pipeline.extract(path, ocr="never")
    assert caught.value.message == (
        f"{path}: has no text layer (3 pages of images; their only text is a watermark, "
        "a stamp or a header or footer). it is a scan: run OCR on it first (for example "
        "with ocrmypdf), then extract the result"
    )


def test_a_scanned_page_among_text_pages_is_named_and_its_watermark_dropped():
    n = pipeline.extract(CASES / "scanned_attachment.pdf")
    assert [(w.code, w.message) for w in n.warnings if w.code == "pages_without_text"] == [
        ("pages_without_text", "pages 2 have no text layer (scanned?)")
    ]
    assert all("扫描全能王" not in p.text for p in paragraphs("scanned_attachment"))


class ImagePage:
    """A page an image covers, with the characters given."""

    def __init__(self, text: str, top: float = 100, lines: int = 1):
        self.chars = [
            {"text": ch, "x0": 80 + 16 * k, "x1": 96 + 16 * k, "top": top + 28 * row,
             "bottom": top + 28 * row + 16, "size": 16}
            for row in range(lines)
            for k, ch in enumerate(text)
        ]  # fmt: skip
        self.rects = self.lines = self.curves = []
        self.width, self.height = 595.0, 842.0
        self.images = [{"x0": 0, "top": 0, "x1": 595, "bottom": 842}]


def test_an_ocr_text_layer_over_the_image_is_text():
    warnings = []
    page = ImagePage("各单位要高度重视，精心组织，按照方案要求认真开展自查自纠。", lines=10)
    doc = _read_pages("ocr.pdf", [page], warnings)
    assert warnings == [] and doc.blocks
    stamp = ImagePage("某某市市场监督管理局", top=600)  # a stamp's text alone over a scan
    with pytest.raises(NoTextLayer):
        _read_pages("stamp.pdf", [stamp], [])
    footer = ImagePage("第1页 共1页 某某市市场监督管理局办公室", top=800, lines=3)  # in the band
    with pytest.raises(NoTextLayer):
        _read_pages("footer.pdf", [footer], [])
