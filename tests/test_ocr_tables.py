"""The ruled lines of a page image (pipeline/readers/ocr_tables.py): grids drawn with PIL
(merged cells, a broken rule, text in the cells, noise), pages of text only, and the
sample PDF's table pages rendered at 150 dpi, whose rules are compared with the page's
own vector rules and fed to pdfplumber's table finder in their place."""

import itertools

import pytest
from conftest import ROOT, cjk_font_file

cv2 = pytest.importorskip("cv2")
np = pytest.importorskip("numpy")
Image = pytest.importorskip("PIL.Image")
ImageDraw = pytest.importorskip("PIL.ImageDraw")
ImageFont = pytest.importorskip("PIL.ImageFont")

from pipeline.readers.ocr_tables import ruled_lines  # noqa: E402
from pipeline.readers.pdf import build_page_table, horizontal_rules, visible_rule  # noqa: E402

SAMPLE = ROOT / "samples" / "000_789e38767d8a56d8.pdf"
TABLE_PAGES = range(4, 12)  # the activity table: page 4, continued to page 11
SCALE = 150 / 72
A4 = (595.3, 841.9)  # pt


FONT_FILE = cjk_font_file()


def font(size_pt: float):
    if FONT_FILE:
        try:
            return ImageFont.truetype(FONT_FILE, round(size_pt * SCALE))
        except OSError:
            pass
    return ImageFont.load_default(round(size_pt * SCALE))


def page(size=A4):
    image = Image.new("L", (round(size[0] * SCALE), round(size[1] * SCALE)), 255)
    return image, ImageDraw.Draw(image)


def px(v: float) -> int:
    return round(v * SCALE)


def hrule(draw, y: float, x0: float, x1: float, width: int = 2) -> None:
    """A rule from x0 to x1 (its ends on the middle of the vertical rules there)."""
    draw.rectangle((px(x0) - 1, px(y) - width // 2, px(x1), px(y) - width // 2 + width - 1), 0)


def vrule(draw, x: float, top: float, bottom: float, width: int = 2) -> None:
    draw.rectangle((px(x) - width // 2, px(top) - 1, px(x) - width // 2 + width - 1, px(bottom)), 0)


def noisy(image, seed: int = 7, salt: float = 0.004, sigma: float = 8.0):
    """The page as a scan: grey noise, specks of ink and holes."""
    rng = np.random.default_rng(seed)
    a = np.asarray(image, dtype=float) + rng.normal(0, sigma, (image.height, image.width))
    specks = rng.random(a.shape)
    a[specks < salt / 2] = 0
    a[specks > 1 - salt / 2] = 255
    return np.clip(a, 0, 255).astype(np.uint8)


def split(rules):
    horizontal = [r for r in rules if r["width"] > r["height"]]
    vertical = [r for r in rules if r["height"] > r["width"]]
    return horizontal, vertical


def as_h(r) -> tuple[float, float, float]:
    return (r["top"] + r["bottom"]) / 2, r["x0"], r["x1"]


def as_v(r) -> tuple[float, float, float]:
    return (r["x0"] + r["x1"]) / 2, r["top"], r["bottom"]


def matches(found, expected, tolerance: float):
    """Each expected (position, from, to) matched by exactly one found segment."""
    left = list(found)
    for pos, a, b in expected:
        near = [
            f
            for f in left
            if abs(f[0] - pos) <= tolerance
            and abs(f[1] - a) <= tolerance
            and abs(f[2] - b) <= tolerance
        ]
        assert len(near) == 1, (pos, a, b, found)
        left.remove(near[0])
    assert not left, left


# A table with merged cells: the second row's cell spans columns 2-3 (no rule at x=260
# between y=130 and 170), the third row's last cell spans two rows (no rule at y=210
# from x=380 to 520); the rule at y=250 is broken by a dropout of the scan.
XS = [72.0, 150.0, 260.0, 380.0, 520.0]
YS = [100.0, 130.0, 170.0, 210.0, 250.0, 300.0]
EXPECTED_H = [(y, XS[0], XS[-1]) for y in YS if y != 210] + [(210.0, XS[0], 380.0)]
EXPECTED_V = [(x, YS[0], YS[-1]) for x in XS if x != 260] + [
    (260.0, YS[0], 130.0),
    (260.0, 170.0, YS[-1]),
]
CELLS = ["序号", "检查项目", "责任单位", "完成时限", "市场监管局", "二〇二四年十二月", "一"]


def draw_table(draw, broken: bool = True) -> None:
    for y, x0, x1 in EXPECTED_H:
        hrule(draw, y, x0, x1)
    for x, top, bottom in EXPECTED_V:
        vrule(draw, x, top, bottom)
    if broken:  # a dropout of 5 px in a rule, and one of 3 px in another
        draw.rectangle((px(200), px(250) - 2, px(200) + 4, px(250) + 2), 255)
        draw.rectangle((px(110), px(250) - 2, px(110) + 2, px(250) + 2), 255)
        draw.rectangle((px(380) - 2, px(60), px(380) + 2, px(60) + 3), 255)  # off the grid
    f = font(12)
    draw.text((px(400), px(161)), "王丰", 0, f)  # text over a rule
    draw.text((px(75), px(195)), "十", 0, font(22))  # a stroke touching a rule
    for row, (top, _) in enumerate(itertools.pairwise(YS)):
        for col, (x0, x1) in enumerate(itertools.pairwise(XS)):
            text = CELLS[(row * 4 + col) % len(CELLS)]
            draw.text((px(x0 + 3), px(top + 4)), text[: max(1, int((x1 - x0 - 6) // 12))], 0, f)


def test_a_grid_with_merged_cells_a_broken_rule_text_and_noise():
    image, draw = page()
    draw_table(draw)
    rules = ruled_lines(noisy(image), SCALE)
    horizontal, vertical = split(rules)
    matches([as_h(r) for r in horizontal], EXPECTED_H, 1.0)
    matches([as_v(r) for r in vertical], EXPECTED_V, 1.0)


def test_the_rules_are_pdfplumber_thin_filled_rects():
    image, draw = page()
    draw_table(draw, broken=False)
    rules = ruled_lines(np.asarray(image), SCALE)
    assert rules
    for r in rules:
        assert r["object_type"] == "rect" and r["fill"] and not r["stroke"]
        assert visible_rule(r)
        assert 0 < min(r["width"], r["height"]) <= 3
        assert r["width"] == pytest.approx(r["x1"] - r["x0"], abs=0.01)
        assert r["height"] == pytest.approx(r["bottom"] - r["top"], abs=0.01)
        assert r["y1"] - r["y0"] == pytest.approx(r["height"], abs=0.01)
        assert r["y0"] == pytest.approx(A4[1] - r["bottom"], abs=0.5)
        assert r["doctop"] == r["top"] and r["page_number"] is None
    found = sorted(round(r.y) for r in horizontal_rules(rules))
    assert found == sorted(round(y) for y, _, _ in EXPECTED_H)


def test_thick_faint_and_slightly_skewed_rules():
    """Rules 1 px and 5 px thick, light grey ones, and the whole page turned by 0.3°
    (what deskewing leaves)."""
    image, draw = page()
    hrule(draw, 100, 72, 520, width=1)
    hrule(draw, 160, 72, 520, width=5)
    vrule(draw, 72, 100, 160, width=1)
    vrule(draw, 520, 100, 160, width=5)
    draw.rectangle((px(300) - 1, px(100), px(300), px(160)), 170)  # grey
    turned = image.rotate(0.3, resample=Image.BICUBIC, fillcolor=255)
    horizontal, vertical = split(ruled_lines(np.asarray(turned), SCALE))
    assert len(horizontal) == 2 and len(vertical) == 3
    assert all(abs(r["x1"] - r["x0"] - 448) < 4 for r in horizontal)
    assert all(abs(r["bottom"] - r["top"] - 60) < 4 for r in vertical)


def test_ends_that_stop_short_of_a_rule_are_extended_to_it():
    """Vertical rules stopping 3 px (1.4 pt) short of the horizontal ones: the crossings
    are closed, the ends on the far edge of the rules."""
    image, draw = page()
    for y in (100, 140, 180):
        hrule(draw, y, 100, 400)
    for x in (100, 250, 400):
        draw.rectangle((px(x) - 1, px(100) + 4, px(x), px(180) - 4), 0)
    horizontal, vertical = split(ruled_lines(noisy(image), SCALE))
    assert len(horizontal) == 3
    matches([as_v(r) for r in vertical], [(x, 100, 180) for x in (100, 250, 400)], 1.0)


def test_a_grid_rule_whose_end_faded_reaches_the_border():
    """A row's rule across a table whose first 3.5 pt faded on the scan (the 序号 column
    of two rows would merge): a long rule's end is extended to the long rule it stops
    short of, as far as a gap inside a long rule is joined. A short stroke stays short."""
    image, draw = page()
    for y in (100, 140, 180):
        hrule(draw, y, 100, 400) if y != 140 else hrule(draw, y, 103.5, 400)
    for x in (100, 250, 400):
        vrule(draw, x, 100, 180)
    draw.rectangle((px(420), px(139), px(432), px(140)), 0)  # a dash 6 pt off the border
    horizontal, _ = split(ruled_lines(noisy(image), SCALE))
    middle = [r for r in horizontal if abs((r["top"] + r["bottom"]) / 2 - 140) < 2]
    assert len(middle) == 1 and middle[0]["x0"] <= 100.5, middle


def test_a_stroke_between_the_rules_of_a_tight_row_is_no_rule():
    """A character's stroke that meets both rules of a row as tall as the text is no
    column rule: the rest of the character stands beside it. A rule dividing one row
    only, with the cells' padding beside it, is one."""
    image, draw = page()
    for y in (400, 414, 440):
        hrule(draw, y, 100, 500)
    for x in (100, 300, 500):
        vrule(draw, x, 400, 440)
    vrule(draw, 400, 414, 440)  # the second row only
    # 中 drawn in the first row, its long stroke from rule to rule
    vrule(draw, 200, 400, 414)
    draw.rectangle((px(195), px(403.5), px(205), px(404.5)), 0)
    draw.rectangle((px(195), px(409.5), px(205), px(410.5)), 0)
    draw.rectangle((px(195), px(403.5), px(195) + 1, px(410.5)), 0)
    draw.rectangle((px(205) - 1, px(403.5), px(205), px(410.5)), 0)
    horizontal, vertical = split(ruled_lines(noisy(image), SCALE))
    matches([as_h(r) for r in horizontal], [(y, 100, 500) for y in (400, 414, 440)], 1.0)
    expected = [(x, 400, 440) for x in (100, 300, 500)] + [(400, 414, 440)]
    matches([as_v(r) for r in vertical], expected, 1.0)


def test_a_table_ruled_across_only():
    """A three-line table (三线表): its rules are kept, and no vertical rule is made up."""
    image, draw = page()
    for y in (100, 125, 220):
        hrule(draw, y, 90, 500, width=3 if y != 125 else 1)
    f = font(12)
    for i, row in enumerate(["区  户籍人口  男性  女性", "福田区  110.25  55.10  55.15"]):
        draw.text((px(100), px(108 + 25 * i)), row, 0, f)
    for i, row in enumerate(["罗湖区  68.40  34.02  34.38", "盐田区  15.21  7.80  7.41"]):
        draw.text((px(100), px(160 + 25 * i)), row, 0, f)
    horizontal, vertical = split(ruled_lines(noisy(image), SCALE))
    matches([as_h(r) for r in horizontal], [(y, 90, 500) for y in (100, 125, 220)], 1.0)
    assert vertical == []


def text_page(draw) -> None:
    """A notice's first page: a large title, headings, body text, a page number."""
    draw.text((px(80), px(90)), "上海市市场监督管理局文件", 0, font(36))
    draw.text((px(110), px(180)), "关于开展二〇二四年“世界计量日”", 0, font(22))
    draw.text((px(150), px(215)), "系列宣传活动的通知", 0, font(22))
    body = (
        "各区市场监管局，临港新片区市场监管局，市局执法总队、机场分局，各计量技术机构，"
        "各相关行业协学会，各有关单位：二〇二四年五月二十日是第二十五个世界计量日，为深入"
        "贯彻国家计量发展规划及本市实施意见，加强计量科普宣传工作，增强全社会计量意识，"
        "一、活动时间；二、活动主题；三、主要活动内容——工作要求十一二三王丰中川川川川川"
    )
    f = font(16)
    per_line = 28
    for i in range(0, len(body), per_line):
        y = 270 + (i // per_line) * 28
        draw.text((px(80), px(y)), body[i : i + per_line], 0, f)
    draw.text((px(270), px(790)), "— 1 —", 0, f)


def test_a_page_of_text_has_no_rules():
    image, draw = page()
    text_page(draw)
    rules = ruled_lines(noisy(image), SCALE)
    _, vertical = split(rules)
    assert not [r for r in vertical if r["height"] > 20], vertical
    assert not rules, rules


def test_the_sample_text_pages_have_no_rules():
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(str(SAMPLE))
    try:
        for number in (1, 2, 3):
            gray = render(doc, number)
            assert ruled_lines(gray, SCALE) == [], number
    finally:
        doc.close()


def test_a_blank_or_tiny_image():
    assert ruled_lines(np.full((200, 100), 255, np.uint8), SCALE) == []
    assert ruled_lines(np.zeros((4, 4), np.uint8), SCALE) == []


def render(doc, number: int):
    bitmap = doc[number - 1].render(scale=SCALE, grayscale=True)
    return np.asarray(bitmap.to_pil().convert("L"))


def vector_rules(pl_page):
    return [o for o in pl_page.lines + pl_page.rects if visible_rule(o)]


def distance(theirs, ours) -> float:
    """How far one of our rects is from a vector rule: the worst of its middle across
    and its two ends along (inf when they do not run the same way)."""
    flat = theirs["x1"] - theirs["x0"] > theirs["bottom"] - theirs["top"]
    if flat != (ours["width"] > ours["height"]):
        return float("inf")
    a, b = (as_h if flat else as_v)(theirs), (as_h if flat else as_v)(ours)
    return max(abs(x - y) for x, y in zip(a, b, strict=True))


def with_rules(pl_page, rects):
    """The page with its drawn things replaced by `rects`."""
    bare = pl_page.filter(lambda o: o.get("object_type") not in ("line", "rect", "curve"))
    objects = dict(bare.objects)
    objects["rect"] = [
        dict(r, page_number=pl_page.page_number, doctop=r["top"] + pl_page.initial_doctop)
        for r in rects
    ]
    bare._objects = objects
    return bare


def tables(pl_page):
    found = pl_page.filter(visible_rule).find_tables(
        {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
    )
    out = []
    for t in found:
        inside = [
            c
            for c in pl_page.chars
            if t.bbox[0] - 1 <= (c["x0"] + c["x1"]) / 2 <= t.bbox[2] + 1
            and t.bbox[1] - 1 <= (c["top"] + c["bottom"]) / 2 <= t.bbox[3] + 1
        ]
        built = build_page_table(t, inside, pl_page.page_number)
        out.append((t.bbox, [[(c.text, c.merged_from) for c in row] for row in built.rows]))
    return out


def test_the_sample_table_pages_rendered_at_150_dpi():
    """Every vector rule of the activity table's pages has one of ours within 1.5 pt and
    we find no other; pdfplumber's table finder on the page's own text with our rules in
    place of its vector ones builds the same tables, cell for cell."""
    pdfium = pytest.importorskip("pypdfium2")
    pdfplumber = pytest.importorskip("pdfplumber")
    doc = pdfium.PdfDocument(str(SAMPLE))
    worst = 0.0
    try:
        with pdfplumber.open(SAMPLE) as pdf:
            for number in TABLE_PAGES:
                pl_page = pdf.pages[number - 1]
                ours = ruled_lines(render(doc, number), SCALE)
                theirs = vector_rules(pl_page)
                assert len(ours) == len(theirs), number
                for t in theirs:
                    d = min(distance(t, o) for o in ours)
                    assert d <= 1.5, (number, t)
                    worst = max(worst, d)
                expected, got = tables(pl_page), tables(with_rules(pl_page, ours))
                assert len(got) == len(expected) == 1, number
                (bbox, rows), (bbox_ours, rows_ours) = expected[0], got[0]
                assert rows_ours == rows, number
                assert max(abs(a - b) for a, b in zip(bbox, bbox_ours, strict=True)) <= 1.5, number
    finally:
        doc.close()
    print(f"worst distance to a vector rule: {worst:.2f} pt")


def test_a_degraded_scan_of_the_sample_table_at_200_dpi():
    """Page 4 blurred, paled, noisy, saved as a JPEG (quality 60) and turned by -0.35°:
    the same rules, each within 4 pt of the vector one (the turn moves them up to 3.2 pt)."""
    pdfium = pytest.importorskip("pypdfium2")
    pdfplumber = pytest.importorskip("pdfplumber")
    import io

    scale = 200 / 72
    doc = pdfium.PdfDocument(str(SAMPLE))
    try:
        image = doc[3].render(scale=scale, grayscale=True).to_pil().convert("L")
    finally:
        doc.close()
    image = image.rotate(-0.35, resample=Image.BICUBIC, fillcolor=255)
    a = cv2.GaussianBlur(np.asarray(image, dtype=float), (3, 3), 0)
    a += np.random.default_rng(4).normal(0, 12, a.shape)
    a = np.clip(a * 0.85 + 20, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(a).save(buffer, "JPEG", quality=60)
    ours = ruled_lines(np.asarray(Image.open(buffer)), scale)
    with pdfplumber.open(SAMPLE) as pdf:
        theirs = vector_rules(pdf.pages[3])
    assert len(ours) == len(theirs)
    for t in theirs:
        assert min(distance(t, o) for o in ours) <= 4, t


def test_a_narrow_missing_segment_is_not_bridged():
    """A rule missing under a cell 14 pt wide (two narrow columns merged) stays two
    segments; a 3 pt dropout elsewhere in it is bridged."""
    image, draw = page()
    for y in (100, 130, 160):
        hrule(draw, y, 100, 400)
    for x in (100, 300, 314, 400):
        vrule(draw, x, 100, 160)
    draw.rectangle((px(301), px(130) - 2, px(313), px(130) + 2), 255)  # the span
    draw.rectangle((px(200), px(130) - 2, px(203), px(130) + 2), 255)  # a dropout
    horizontal, _ = split(ruled_lines(noisy(image), SCALE))
    expected = [(100, 100, 400), (160, 100, 400), (130, 100, 300), (130, 314, 400)]
    matches([as_h(r) for r in horizontal], expected, 1.0)
