"""The second look at an OCR'd page (pipeline/readers/ocr_recover.py), on lines drawn
with a CJK font: a faint 、 the first reading lost, a lone 序号 digit the detector left
out, and a dot between digits told by its height. The whole of it is measured on the
scanned sample in tests/test_ocr.py."""

from __future__ import annotations

import pytest

pytest.importorskip("rapidocr_onnxruntime")
cv2 = pytest.importorskip("cv2")
np = pytest.importorskip("numpy")
from conftest import cjk_font_file  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from pipeline.readers import ocr, ocr_recover  # noqa: E402


def _font(size: int):
    path = cjk_font_file()
    if path is None:
        pytest.skip("needs the Noto Sans CJK font (fonts-noto-cjk)")
    return ImageFont.truetype(path, size)


def canvas(width: int = 900, height: int = 260):
    image = Image.new("L", (width, height), 255)
    return image, ImageDraw.Draw(image)


def box_of(draw, xy, text, font) -> list[list[float]]:
    x0, y0, x1, y1 = draw.textbbox(xy, text, font=font)
    return [[x0 - 2, y0 - 3], [x1 + 2, y0 - 3], [x1 + 2, y1 + 3], [x0 - 2, y1 + 3]]


@pytest.mark.parametrize("boxed", ["现场培训、", "现场培训"])
def test_a_faint_list_separator_is_read_again_binarised(boxed):
    """A grey tick, as a 150 dpi scan leaves a 、, inside the detector's box or (where it
    ends a narrow cell's line) just past it: the line read again takes it."""
    image, draw = canvas()
    font = _font(28)
    reference = "开展计量法律法规宣传活动"
    draw.text((20, 20), reference, 0, font)
    draw.text((20, 90), "现场培训", 0, font)
    end = draw.textbbox((20, 90), "现场培训", font=font)[2]
    draw.text((end, 90), "、", 110, font)
    lines = [
        [box_of(draw, (20, 20), reference, font), reference, 0.99],
        [box_of(draw, (20, 90), boxed, font), "现场培训", 0.99],
    ]
    out = ocr_recover.second_look(np.asarray(image), lines, ocr._engine())
    assert [text for _, text, _ in out] == [reference, "现场培训、"]
    assert out[1][0][1][0] >= lines[1][0][1][0]  # the box reaches the mark


def test_only_a_separator_is_added_never_other_marks():
    image, draw = canvas()
    font = _font(28)
    draw.text((20, 20), "开展计量法律法规宣传活动", 0, font)
    draw.text((20, 90), "现场培训：实地参观", 0, font)
    lines = [
        [
            box_of(draw, (20, 20), "开展计量法律法规宣传活动", font),
            "开展计量法律法规宣传活动",
            0.99,
        ],
        [box_of(draw, (20, 90), "现场培训：实地参观", font), "现场培训实地参观", 0.9],
    ]
    out = ocr_recover.second_look(np.asarray(image), lines, ocr._engine())
    assert out[1][1] == "现场培训实地参观"  # a colon is not a 、: left as read


def test_a_lone_digit_the_detector_left_out_is_read():
    image, draw = canvas()
    font = _font(24)
    for y in (10, 60, 110):  # a 序号 column and a text column
        draw.line((10, y, 700, y), 0, 2)
    for x in (10, 70, 700):
        draw.line((x, 10, x, 110), 0, 2)
    draw.text((30, 22), "7", 0, font)
    draw.text((85, 22), "开展计量便民服务活动", 0, font)
    draw.text((85, 72), "举办水银血压计校准活动", 0, font)
    lines = [
        [box_of(draw, (85, 22), "开展计量便民服务活动", font), "开展计量便民服务活动", 0.99],
        [box_of(draw, (85, 72), "举办水银血压计校准活动", font), "举办水银血压计校准活动", 0.99],
    ]
    gray = np.asarray(image)
    out = ocr_recover.second_look(gray, lines, ocr._engine())
    added = [(text, box) for box, text, _ in out[2:]]
    assert [text for text, _ in added] == ["7"], added
    (x0, _), _, (x1, _), _ = added[0][1]
    assert 10 < x0 < x1 < 70  # in the 序号 cell
    # Rules, specks and the lines already read give nothing more.
    assert len(ocr_recover.second_look(gray, out, ocr._engine())) == len(out)


@pytest.mark.parametrize(
    ("drawn", "read", "expected"),
    [("5·20", "5.20", "5·20"), ("5.20", "5.20", "5.20"), ("5.20", "5·20", "5.20")],
)
def test_a_dot_between_digits_is_told_by_its_height(drawn, read, expected):
    image, draw = canvas(400, 100)
    font = _font(30)
    draw.text((20, 20), drawn + "期间", 0, font)
    lines = [[box_of(draw, (20, 20), drawn + "期间", font), read + "期间", 0.95]]
    ocr_recover._settle_dots(np.asarray(image), lines)
    assert lines[0][1] == expected + "期间"


def test_quotes_pair_in_a_line_of_chinese():
    assert ocr.fix_text('“5·20"主题宣传活动') == "“5·20”主题宣传活动"
    assert (
        ocr.fix_text("结合“世界爱眼日”、“世界计量日“开展") == "结合“世界爱眼日”、“世界计量日”开展"
    )
    assert ocr.fix_text("“茸诚共计“宣传") == "“茸诚共计”宣传"
    assert ocr.fix_text('计量日"现场') == '计量日"现场'  # its “ may be on the line before
    assert ocr.fix_text("”活动") == "”活动"
    assert ocr.fix_text('say "a" and "b"') == 'say "a" and "b"'  # no Chinese: left


def test_a_grey_seals_rim_text_is_dropped_and_the_names_under_it_kept():
    """A seal on a grey scan (no red to paint out): the rim's upright characters read as
    东 and 省, the star as "(": pieces of the organ's name printed under the seal, or
    marks, inside the ring. The 署名 and the 成文日期 under it stay, and so does a short
    text outside any ring."""
    scale = 150 / 72
    image, draw = canvas(1000, 700)
    x, y, r = 300, 300, 118  # 20 mm at 150 dpi
    draw.ellipse((x - r, y - r, x + r, y + r), outline=120, width=6)
    font = _font(30)
    draw.text((180, 290), "山东省商务厅", 0, font)
    draw.text((200, 360), "2025年1月20日", 0, font)
    draw.text((700, 290), "东部", 0, font)
    lines = [
        [[[225, 200], [260, 200], [260, 235], [225, 235]], "东", 0.96],
        [[[340, 200], [375, 200], [375, 235], [340, 235]], "省", 0.99],
        [[[290, 260], [305, 260], [305, 280], [290, 280]], "(", 0.91],
        [box_of(draw, (180, 290), "山东省商务厅", font), "山东省商务厅", 0.99],
        [box_of(draw, (200, 360), "2025年1月20日", font), "2025年1月20日", 0.99],
        [box_of(draw, (700, 290), "东部", font), "东部", 0.99],
    ]
    gray = np.asarray(image)
    (ring,) = ocr_recover.seal_rings(gray, scale)
    assert abs(ring[0] - x) < 6 and abs(ring[1] - y) < 6 and abs(ring[2] - r) < 8
    kept = ocr_recover.without_ring_text(lines, gray, scale)
    assert [text for _, text, _ in kept] == ["山东省商务厅", "2025年1月20日", "东部"]


def test_a_page_without_seals_keeps_its_short_lines():
    image, _ = canvas(1000, 700)
    lines = [[[[100, 100], [140, 100], [140, 140], [100, 140]], "附件", 0.99]]
    assert ocr_recover.without_ring_text(lines, np.asarray(image), 150 / 72) == lines
