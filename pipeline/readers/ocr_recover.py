"""A second look at an OCR'd page: print the detector left out of its boxes.

PP-OCR's text detector draws a box around each run of glyphs, and two kinds of print
fall outside every box on scans of tables:

- a small punctuation mark that ends a line (校准、 / 现场培训、 in a narrow cell): the
  mark sits apart from the glyph before it and is too small for the detector to join it
  to the run, so the recogniser never sees it and the cell's 、 is lost;
- a short text standing alone in a cell (a one-digit 序号): too small a blob for the
  detector's threshold, so the cell comes out empty.

Both are found the same way: ink on the binarised page that no box covers and that is
not a rule. A mark beside a box's end is read again with the box (the new reading is
kept only when it is the old one plus punctuation); ink of a glyph's size standing alone
is read on its own (kept when the recogniser is confident). Nothing else the engine read
is changed, and nothing is guessed: every character added was read by the recogniser.
"""

from __future__ import annotations

import math
import re
import statistics

# Marks that may end a line and that the recogniser reads as they are.
TRAILING = frozenset("、，。；：！？”’）》〕】")
ALONE_CONFIDENCE = 0.9  # a blob read on its own is kept from this confidence up
SLACK_EMS = 0.6  # a box this much wider than its text (in ems) may have lost a mark


def _extent(box) -> tuple[int, int, int, int]:
    xs = [p[0] for p in box]
    ys = [p[1] for p in box]
    return int(min(xs)), int(min(ys)), round(max(xs)), round(max(ys))


def _quad(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]


def _ink(gray):
    """Dark pixels (Otsu), without the long straight strokes of rules."""
    import cv2

    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def _without_rules(ink, usual: float):
    """``ink`` less its straight strokes longer than three glyphs: table rules."""
    import cv2

    length = max(3, int(3 * usual))
    rules = cv2.bitwise_or(
        cv2.morphologyEx(
            ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
        ),
        cv2.morphologyEx(
            ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length))
        ),
    )
    return cv2.bitwise_and(ink, cv2.bitwise_not(rules))


def _blobs(free, usual: float) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of the ink in ``free``, glyph-sized or smaller: no rule
    (longer than two glyphs) and no speck (a few pixels)."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(free, connectivity=8)
    smallest = max(3, int(0.004 * usual * usual))
    out = []
    for k in range(1, count):
        x, y, w, h, area = stats[k]
        if area < smallest or w > 2 * usual or h > 1.6 * usual:
            continue
        out.append((int(x), int(y), int(x + w), int(y + h)))
    return out


def second_look(gray, result: list, engine, rules=()) -> list:
    """``result`` (RapidOCR's [box, text, score] lines of ``gray``) with the print its
    boxes left out read: trailing marks added to their lines, lone short texts added as
    lines of their own. ``rules``: the page's ruled lines as pixel boxes (x0, y0, x1, y1),
    whose ink is no print."""
    if not result:
        return result
    extents = [_extent(box) for box, _, _ in result]
    usual = statistics.median(y1 - y0 for _, y0, _, y1 in extents)
    if usual < 6:
        return result
    ink = _without_rules(_ink(gray), usual)
    for x0, y0, x1, y1 in rules:
        ink[max(0, int(y0) - 2) : int(y1) + 3, max(0, int(x0) - 2) : int(x1) + 3] = 0
    pad = max(1, int(0.1 * usual))
    out = [list(r) for r in result]
    _add_faint_marks(gray, ink, out, extents, engine)
    _settle_dots(gray, out)
    free = ink.copy()
    for box, _, _ in out:
        x0, y0, x1, y1 = _extent(box)
        free[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad] = 0
    crops, boxes = [], []
    for x0, y0, x1, y1 in _groups(_blobs(free, usual), usual):
        if y1 - y0 < 0.5 * usual:
            continue  # specks and marks: too small to be a text of their own
        margin = int(0.25 * usual)
        crops.append(_crop(gray, x0 - margin, y0 - margin, x1 + margin, y1 + margin))
        boxes.append(_quad(x0, y0, x1, y1))
    for box, (reading, score) in zip(boxes, _read_all(engine, crops), strict=True):
        if reading and score >= ALONE_CONFIDENCE:
            out.append([box, reading, score])
    return out


def _add_faint_marks(gray, ink, out: list, extents: list, engine) -> None:
    """Lines that may have lost a 、, read again from their box binarised: the new
    reading replaces the old when it only adds 、. The list separator is the thinnest
    mark of 公文 print; on a scan of 150 dpi it is a faint grey tick the recogniser passes
    over, and black on white it is read. (Other marks come and go between the two
    readings, and so do specks read as ·: only 、 is taken.) A line may have lost one
    when its box is wider than its text, or when ink stands just past its box's end on
    its line (a 、 that ends a line of a narrow cell, outside the box): the box is then
    read to that ink."""
    import cv2

    pitches = [
        (x1 - x0) / units
        for (x0, _, x1, _), (_, text, _) in zip(extents, out, strict=True)
        if (units := _units(text)) >= 6
    ]
    if not pitches:
        return
    pitch = statistics.median(pitches)
    candidates = []
    for k, ((x0, _, x1, _), (_, text, _)) in enumerate(zip(extents, out, strict=True)):
        if not text.strip():
            continue
        reach = _ink_past_the_end(ink, extents, k)
        if reach > x1 or (x1 - x0) / pitch - _units(text) >= SLACK_EMS:
            candidates.append((k, max(x1, reach)))
    crops = []
    for k, right in candidates:
        x0, y0, _, y1 = extents[k]
        crop = _crop(gray, x0, y0, right, y1)
        crops.append(cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1])
    for (k, right), (reading, score) in zip(candidates, _read_all(engine, crops), strict=True):
        reading = reading.replace("丶", "、")
        text = out[k][1].replace("丶", "、")
        if len(reading) > len(text) and reading.replace("、", "") == text.replace("、", ""):
            x0, y0, _, y1 = extents[k]
            out[k] = [_quad(x0, y0, right, y1), reading, min(float(out[k][2]), score)]


def _ink_past_the_end(ink, extents: list, k: int) -> int:
    """Where ink just past the end of line ``k``'s box ends (within 0.8 of the line's
    height, in its lower three quarters, where a 、 stands), or the box's end when there
    is none or another box of the same line starts there."""
    _, y0, x1, y1 = extents[k]
    height = y1 - y0
    far = x1 + int(0.8 * height)
    for j, (a0, b0, a1, b1) in enumerate(extents):
        middle = (b0 + b1) / 2
        if j != k and y0 <= middle <= y1 and a0 < far and a1 > x1:
            return x1  # the gap is between two boxes of one line
    strip = ink[y0 + height // 4 : y1, x1:far]
    columns = strip.any(axis=0).nonzero()[0] if strip.size else ()
    if len(columns) == 0 or int((strip > 0).sum()) < max(3, int(0.01 * height * height)):
        return x1
    return x1 + int(columns[-1]) + 1 + int(0.4 * height)  # the recogniser wants a margin


def _units(text: str) -> float:
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text.strip())


_DOT = re.compile(r"(?<=\d)[.·．・](?=\d)")


def _settle_dots(gray, out: list) -> None:
    """A dot between digits is a full stop or a middle dot by its height: "5·20" (a date
    said as 5月20日) has it at mid-line, "5.20" at the foot. The recogniser reads both as
    "."; the ink tells them apart."""
    import cv2

    for line in out:
        box, text = line[0], line[1]
        if not _DOT.search(text):
            continue
        x0, y0, x1, y1 = _extent(box)
        crop = _crop(gray, x0, y0, x1, y1)
        if crop.size == 0:
            continue
        height = y1 - y0
        _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
        count, _, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
        glyphs = [k for k in range(1, count) if stats[k][3] >= 0.4 * height]
        if not glyphs:
            continue
        top = min(stats[k][1] for k in glyphs)
        bottom = max(stats[k][1] + stats[k][3] for k in glyphs)
        dots = [
            centres[k]
            for k in range(1, count)
            if max(stats[k][2], stats[k][3]) <= 0.2 * height and stats[k][4] >= 2
        ]
        pitch = (x1 - x0) / max(_units(text), 0.5)
        chars = list(text)
        for m in _DOT.finditer(text):
            at = _units(text[: m.start()]) * pitch + 0.25 * pitch  # the dot's half-em
            near = [c for c in dots if abs(c[0] - at) <= 0.5 * pitch]
            if len(near) != 1 or bottom - top <= 0:
                continue
            level = (near[0][1] - top) / (bottom - top)
            chars[m.start()] = "·" if level < 0.7 else "."
        line[1] = "".join(chars)


def _crop(gray, x0: int, y0: int, x1: int, y1: int):
    height, width = gray.shape
    return gray[max(0, int(y0)) : min(height, int(y1)), max(0, int(x0)) : min(width, int(x1))]


def _read_all(engine, crops: list) -> list[tuple[str, float]]:
    """The recogniser's (text, confidence) of each crop, in one batched call."""
    import cv2

    if not crops:
        return []
    images = [cv2.cvtColor(c, cv2.COLOR_GRAY2BGR) for c in crops]
    readings, _ = engine.text_rec(images)
    return [(text.strip(), float(score)) for text, score, *_ in readings]


def _groups(blobs: list[tuple[int, int, int, int]], usual: float) -> list[tuple[int, ...]]:
    """Blobs on one line less than half a glyph apart, joined: the glyphs of one short
    text (a two-digit number, a character drawn in pieces)."""
    groups: list[list[int]] = []
    for x0, y0, x1, y1 in sorted(blobs):
        for g in groups:
            same_line = min(y1, g[3]) - max(y0, g[1]) > 0.3 * min(y1 - y0, g[3] - g[1])
            if same_line and x0 - g[2] < 0.5 * usual:
                g[:] = [min(g[0], x0), min(g[1], y0), max(g[2], x1), max(g[3], y1)]
                break
        else:
            groups.append([x0, y0, x1, y1])
    return [tuple(g) for g in groups if g[2] - g[0] <= 3 * usual]


# ---------------------------------------------------------------- seals' rings

SEAL_RADIUS_MM = (15.0, 25.0)  # 公章 are 38–45 mm across (GB/T 9704: 40 mm or so)


def seal_rings(gray, scale: float) -> list[tuple[float, float, float]]:
    """Round stamps on the page as (x, y, radius) in pixels: rings of a seal's size,
    found by their outline whatever their colour (a grey scan's seal too). ``gray``: the
    page with its seals still on it; ``scale``: pixels per point."""
    import cv2

    mm = scale * 72 / 25.4
    low, high = (int(r * mm) for r in SEAL_RADIUS_MM)
    if low < 10 or min(gray.shape) < 2 * low:
        return []
    found = cv2.HoughCircles(
        cv2.medianBlur(gray, 5),
        cv2.HOUGH_GRADIENT,
        dp=1.5,
        minDist=int(1.5 * low),
        param1=100,
        param2=60,
        minRadius=low,
        maxRadius=high,
    )
    if found is None:
        return []
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    rings = [tuple(map(float, c)) for c in found[0]]
    return [c for c in rings if _ring_contrast(ink, *c, mm) >= RING_CONTRAST]


# How much more of a circle has ink than the circles a little inside and outside it: a
# seal's ring is a line a millimetre thick (text crosses it here and there), while the
# circles the transform sees in a table's rules and lines of text have ink on, inside
# and outside them alike, so a seal's ring stands well above RING_CONTRAST and those
# circles below it.
RING_CONTRAST = 0.4


def _ring_contrast(ink, x: float, y: float, r: float, mm: float) -> float:
    """The ring's ink share, at the radius near ``r`` (±1.5 mm) where it is highest, less
    that of the circles 2.5 mm inside and outside that radius."""
    steps = range(-round(1.5 * mm), round(1.5 * mm) + 1)
    peak, at = max((_inked(ink, x, y, r + d, (0,)), d) for d in steps)
    away = round(2.5 * mm)
    return peak - max(_inked(ink, x, y, r + at + s * away, (0,)) for s in (-1, 1))


def _inked(ink, x: float, y: float, r: float, across) -> float:
    """The share of the circle (x, y, r) that runs over ink, ``across`` pixels each way."""
    import numpy as np

    height, width = ink.shape
    angles = np.linspace(0, 2 * np.pi, 240, endpoint=False)
    hits = np.zeros(angles.shape, dtype=bool)
    for dr in across:
        xs = np.clip(np.round(x + (r + dr) * np.cos(angles)).astype(int), 0, width - 1)
        ys = np.clip(np.round(y + (r + dr) * np.sin(angles)).astype(int), 0, height - 1)
        hits |= ink[ys, xs] > 0
    return float(hits.mean())


_CJK = re.compile(r"[\u4e00-\u9fff]")


def without_ring_text(result: list, inked, scale: float) -> list:
    """``result`` without what OCR read of the seals' own text: a seal repeats the name of
    the organ it stamps for round its rim, and where the rim's characters stand upright
    the recogniser reads a few of them (东, 省, 市场监). A reading of four characters or
    fewer inside a ring, that is a piece of a longer line read inside or beside the ring
    (the organ's name printed under the seal), or has no Chinese and no digit (the
    star), is the seal's. The 成文日期 and 署名 under a seal are longer: they stay."""
    short = [k for k, (_, text, _) in enumerate(result) if len(text.strip()) <= 4]
    if not short:
        return result
    rings = seal_rings(inked, scale)
    if not rings:
        return result
    centres = [_centre(box) for box, _, _ in result]
    dropped = set()
    for k in short:
        text = result[k][1].strip().replace(" ", "")
        for x, y, r in rings:
            if math.dist(centres[k], (x, y)) > 1.05 * r:
                continue
            names = [
                t
                for j, (_, t, _) in enumerate(result)
                if j != k and len(t.strip()) >= 5 and math.dist(centres[j], (x, y)) <= 2 * r
            ]
            piece = _CJK.search(text) and any(text in name.replace(" ", "") for name in names)
            mark = not _CJK.search(text) and not re.search(r"\d", text)
            if piece or mark:
                dropped.add(k)
                break
    return [r for k, r in enumerate(result) if k not in dropped]


def _centre(box) -> tuple[float, float]:
    x0, y0, x1, y1 = _extent(box)
    return ((x0 + x1) / 2, (y0 + y1) / 2)
