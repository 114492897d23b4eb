"""The second look at an OCR'd page (pipeline/readers/ocr_recover.py), on lines drawn
with a CJK font: a faint 、 the first reading lost, a lone 序号 digit the detector left
out, and a dot between digits told by its height. The whole of it is measured on the
scanned sample in tests/test_ocr.py."""

from __future__ import annotations

import subprocess

import pytest

pytest.importorskip("rapidocr_onnxruntime")
cv2 = pytest.importorskip("cv2")
np = pytest.importorskip("numpy")
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from pipeline.readers import ocr, ocr_recover  # noqa: E402


def _font(size: int):
    try:
        path = subprocess.run(
            ["fc-match", "-f", "%{file}", "Noto Sans CJK SC"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        if "CJK" in path:
            return ImageFont.truetype(path, size)
    except (OSError, subprocess.SubprocessError):
        pass
    pytest.skip("needs the Noto Sans CJK font (fonts-noto-cjk)")


def canvas(width: int = 900, height: int = 260):
    image = Image.new("L", (width, height), 255)
    return image, ImageDraw.Draw(image)


def box_of(draw, xy, text, font) -> list[list[float]]:
    x0, y0, x1, y1 = draw.textbbox(xy, text, font=font)
    return [[x0 - 2, y0 - 3], [x1 + 2, y0 - 3], [x1 + 2, y1 + 3], [x0 - 2, y1 + 3]]


def test_a_faint_list_separator_is_read_again_binarised():
    image, draw = canvas()
    font = _font(28)
    reference = "开展计量法律法规宣传活动"
    draw.text((20, 20), reference, 0, font)
    draw.text((20, 90), "现场培训", 0, font)
    end = draw.textbbox((20, 90), "现场培训", font=font)[2]
    draw.text((end, 90), "、", 110, font)  # a grey tick, as a 150 dpi scan leaves it
    lines = [
        [box_of(draw, (20, 20), reference, font), reference, 0.99],
        [box_of(draw, (20, 90), "现场培训、", font), "现场培训", 0.99],
    ]
    out = ocr_recover.second_look(np.asarray(image), lines, ocr._engine())
    assert [text for _, text, _ in out] == [reference, "现场培训、"]


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


def test_a_separator_just_past_the_box_that_ends_a_line_is_read():
    """The detector's box stops at 训; the 、 that ends the cell's line stands outside it."""
    image, draw = canvas()
    font = _font(28)
    reference = "开展计量法律法规宣传活动"
    draw.text((20, 20), reference, 0, font)
    draw.text((20, 90), "现场培训", 0, font)
    end = draw.textbbox((20, 90), "现场培训", font=font)[2]
    draw.text((end, 90), "、", 110, font)
    lines = [
        [box_of(draw, (20, 20), reference, font), reference, 0.99],
        [box_of(draw, (20, 90), "现场培训", font), "现场培训", 0.99],
    ]
    out = ocr_recover.second_look(np.asarray(image), lines, ocr._engine())
    assert out[1][1] == "现场培训、"
    assert out[1][0][1][0] > lines[1][0][1][0]  # the box now reaches the mark
