"""The ruled lines of a scanned page, as the PDF reader's table code wants them.

A scan has no drawn rules: its table rules are pixels. `ruled_lines` finds them in the
page image and returns them as pdfplumber reports a thin filled rule (a ``rect``), in PDF
points, so that ``page.filter(visible_rule).find_tables(...)``, `build_page_table` and
`horizontal_rules` work on an OCR'd page as on a drawn one.

The method (lengths in points, times `scale` for pixels):

1. binarise with an adaptive threshold (mean of a ~15 pt window, minus 15 levels),
   inverted: a faint or anti-aliased 0.5 pt rule is darker than its surroundings even
   where it is grey, and uneven lighting of a scan does not matter;
2. open the ink with a 1 px thin kernel 8 pt long, across for horizontal rules and down
   for vertical ones (the ink first thickened by a pixel each side across, so that a
   faint rule left a little slanted, its ink alternating between two rows where it
   steps, stays whole): what survives is every run of ink at least 8 pt long, so the rule
   between two rows of a table's smallest rows (12 pt or more) survives, and so do a few
   long strokes of large characters (一, 丨, ——), which step 5 drops;
3. each connected piece of either mask becomes a segment: its position is the mean of
   the rows (columns) that hold most of its pixels, so that a stroke of text touching the
   rule does not pull it, its thickness its pixels over its length (pieces thicker than
   5 pt are blobs, not rules); pieces along the page's edge (a scanner's shadow) are
   dropped;
4. a long piece (step 5) is extended by the pieces in line with it beyond its ends
   (positions within ~1 pt, more for pieces further apart: a slant of up to half a
   degree) across gaps of up to 10 pt (dropouts of the scan, a faint rule lost under
   dense text): a table's missing segment, where a cell spans rows or columns, is a
   cell wide or high, more. Short pieces are not joined to each other (the bottom
   strokes of a line of characters), except across a 1 pt dropout in step 5;
5. a segment is kept if it is long (3 character heights, the height that of the text
   around it: a title's strokes are long in body text's ems) or if both its ends touch
   kept perpendicular segments (the rule between two rows of one column, a short column
   divider) and the strips beside it are clear (a cell's padding; a character's stroke
   that meets both rules of a tight row has the rest of its character beside it);
6. the ends of kept segments that stop a few pixels (2 pt) short of a perpendicular
   rule are extended to its far edge, so that crossings close.

Segments are returned as they are, not as whole-page lines: a cell spanning rows or
columns lacks the segment between its parts, and the table finder sees that.
"""

from __future__ import annotations

from dataclasses import dataclass

KERNEL = 8.0  # pt: the shortest run of ink the morphology keeps
WINDOW = 15.0  # pt: the adaptive threshold's window
OFFSET = 15  # grey levels below the window's mean that count as ink
THICKEST = 5.0  # pt: thicker pieces are blobs (a filled area, a photo), not rules
REPORTED = 3.0  # pt: thickest rule reported (visible_rule wants thin rects, <= 3 pt)
SAME_LINE = 1.0  # pt: pieces whose positions differ by less are on one line
SMALL_GAP = 1.0  # pt: a dropout joined between two short pieces that then meet rules
LARGE_GAP = 10.0  # pt: a gap joined when one of the two pieces is long (a cell is wider)
SLANT = 0.009  # the slope (half a degree) a deskewed page's rules may keep
SNAP = 2.0  # pt: an end this close to a perpendicular rule is extended to it
TOUCH = 0.75  # pt: how close a short segment's ends must be to the rules it joins
BESIDE = 1.5  # pt: the strips along a short segment that must be clear of other ink
BUSY = 0.15  # the share of a strip's length with ink that makes a short segment text
LONG_EMS = 3.0  # a segment this many character heights long is a rule on its own
DEFAULT_EM = 12.0  # pt: the character height when there is too little text to measure
EM_RANGE = (8.0, 60.0)  # pt: an estimate is held in this range
GLYPH = (4.0, 80.0)  # pt: heights (and widths, at most) of pieces of ink that are text
NEAR = 2.5  # character heights: the text around a segment that sets its own height
EDGE = 0.01  # share of the page's size: pieces this close to an edge are its shadow


@dataclass
class _Segment:
    """A rule in pixels: ``pos`` is its middle across, ``a``-``b`` its extent along
    (edges of pixels, ``b`` exclusive), ``thick`` its thickness; ``long`` whether it is
    long enough to be a rule on its own."""

    pos: float
    a: float
    b: float
    thick: float
    long: bool = False

    @property
    def length(self) -> float:
        return self.b - self.a


@dataclass
class _Glyphs:
    """The pieces of ink that may be characters: their middles and heights, in pixels."""

    x: object  # numpy arrays
    y: object
    height: object
    em: float  # the page's character height, in pixels


def ruled_lines(gray, scale: float) -> list[dict]:
    """The ruled lines of a page image, as pdfplumber-like thin filled rects in points.

    `gray` is the page as a 2-D uint8 array (0 black, 255 white), already deskewed;
    `scale` is pixels per PDF point (dpi / 72). Horizontal rules come first (by top, then
    x0), then vertical ones (by x0, then top). ``page_number`` is None and ``doctop`` is
    ``top``: the caller sets them for its page.
    """
    import cv2
    import numpy as np

    image, scale = np.asarray(gray), float(scale)
    if image.ndim != 2 or min(image.shape) < 8 or scale <= 0:
        return []
    if image.dtype != np.uint8:
        image = np.clip(image, 0, 255).astype(np.uint8)
    height, width = image.shape
    block = max(3, round(WINDOW * scale) | 1)
    ink = cv2.adaptiveThreshold(
        image, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, OFFSET
    )
    k = max(5, round(KERNEL * scale))
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1))
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, k))
    # A rule a little off the pixel grid (what deskewing leaves) is grey on two rows where
    # it steps from one to the next, and its ink there alternates between them: the ink
    # is thickened by a pixel each side across before the opening, and measured unthickened.
    thick_h = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3)))
    thick_v = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 1)))
    hmask = cv2.morphologyEx(thick_h, cv2.MORPH_OPEN, across)
    vmask = cv2.morphologyEx(thick_v, cv2.MORPH_OPEN, down)

    glyphs = _glyphs(ink, scale)
    horizontal = _pieces(hmask, ink, True, scale, height)
    vertical = _pieces(vmask, ink, False, scale, width)
    for s in horizontal:
        s.long = s.length >= LONG_EMS * _local_em(glyphs, s, True, scale)
    for s in vertical:
        s.long = s.length >= LONG_EMS * _local_em(glyphs, s, False, scale)
    same = max(2.0, SAME_LINE * scale)
    horizontal = _join(horizontal, same, LARGE_GAP * scale)
    vertical = _join(vertical, same, LARGE_GAP * scale)
    touch, small = max(2.0, TOUCH * scale), max(2.0, SMALL_GAP * scale)
    clear = _clearance(ink, horizontal, vertical, scale)
    horizontal, vertical = _keep(horizontal, vertical, same, small, touch, clear)
    _snap(horizontal, vertical, max(3.0, SNAP * scale), LARGE_GAP * scale)

    page_height = height / scale
    rects = [_rect(s, scale, page_height, True) for s in sorted(horizontal, key=_order)]
    rects += [_rect(s, scale, page_height, False) for s in sorted(vertical, key=_order)]
    return rects


def _order(s: _Segment) -> tuple[float, float]:
    return s.pos, s.a


def _rect(s: _Segment, scale: float, page_height: float, horizontal: bool) -> dict:
    """A segment in pixels as a thin filled rect in points."""
    half = min(s.thick / scale, REPORTED) / 2
    middle, a, b = s.pos / scale, s.a / scale, s.b / scale
    if horizontal:
        return _obj(a, b, middle - half, middle + half, page_height)
    return _obj(middle - half, middle + half, a, b, page_height)


def _obj(x0: float, x1: float, top: float, bottom: float, page_height: float) -> dict:
    x0, x1, top, bottom = (round(v, 3) for v in (x0, x1, top, bottom))
    return {
        "object_type": "rect",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "y0": round(page_height - bottom, 3),
        "y1": round(page_height - top, 3),
        "width": round(x1 - x0, 3),
        "height": round(bottom - top, 3),
        "doctop": top,
        "stroking_color": (0,),
        "non_stroking_color": (0,),
        "fill": True,
        "stroke": False,
        "linewidth": 0,
        "page_number": None,
    }


def _glyphs(ink, scale: float) -> _Glyphs:
    """The connected pieces of ink of a character's size (a grid is far larger), and the
    page's character height: the upper quartile of their heights (a character's whole
    glyph, or its tallest part) over the 0.85 em a glyph fills."""
    import cv2

    _, _, stats, centroids = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT].astype(float)
    widths = stats[1:, cv2.CC_STAT_WIDTH].astype(float)
    low, high = GLYPH[0] * scale, GLYPH[1] * scale
    chosen = (heights >= low) & (heights <= high) & (widths <= high)
    glyphs = _Glyphs(centroids[1:, 0][chosen], centroids[1:, 1][chosen], heights[chosen], 0.0)
    glyphs.em = _em(glyphs.height, scale) or DEFAULT_EM * scale
    return glyphs


def _em(heights, scale: float) -> float | None:
    """A character height in pixels from the heights of pieces of ink, or None."""
    import numpy as np

    if len(heights) < 5:
        return None
    em = float(np.percentile(heights, 75)) / 0.85
    return min(max(em, EM_RANGE[0] * scale), EM_RANGE[1] * scale)


def _local_em(glyphs: _Glyphs, s: _Segment, horizontal: bool, scale: float) -> float:
    """The height of the characters around a segment, in pixels: a stroke of a title's
    character is as long as a table's rule is in body text, so a rule is long by the
    text it stands among. (Short segments are not measured: no text is small enough to
    make them long.)"""
    if s.length < LONG_EMS * EM_RANGE[0] * scale:
        return float("inf")
    reach = NEAR * glyphs.em
    along, across = (glyphs.x, glyphs.y) if horizontal else (glyphs.y, glyphs.x)
    near = (along >= s.a - reach) & (along <= s.b + reach) & (abs(across - s.pos) <= reach)
    return _em(glyphs.height[near], scale) or glyphs.em


def _pieces(mask, ink, horizontal: bool, scale: float, extent: int) -> list[_Segment]:
    """The connected pieces of a mask of rules, as segments in pixels, measured on the
    `ink` they cover. `extent` is the page's size across the rules (its height for
    horizontal ones)."""
    import cv2
    import numpy as np

    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    margin = max(2.0, EDGE * extent)
    out = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i, :4])
        sub = (labels[y : y + h, x : x + w] == i) & (ink[y : y + h, x : x + w] > 0)
        if horizontal:
            profile, start, along, length = sub.sum(axis=1), y, x, w
        else:
            profile, start, along, length = sub.sum(axis=0), x, y, h
        if profile.max() == 0:
            continue
        rows = np.nonzero(profile >= 0.4 * profile.max())[0]
        weights = profile[rows]
        pos = start + float((rows * weights).sum()) / float(weights.sum()) + 0.5
        thick = float(weights.sum()) / length
        if thick > THICKEST * scale:
            continue
        if pos < margin or pos > extent - margin:
            continue
        out.append(_Segment(pos, float(along), float(along + length), max(1.0, thick)))
    return out


def _lines(segments: list[_Segment], same: float) -> list[list[_Segment]]:
    """Segments grouped by position (within `same`), each group sorted along."""
    lines: list[list[_Segment]] = []
    for s in sorted(segments, key=lambda s: s.pos):
        if lines and s.pos - lines[-1][0].pos <= same:
            lines[-1].append(s)
        else:
            lines.append([s])
    for line in lines:
        line.sort(key=lambda s: s.a)
    return lines


def _join(segments: list[_Segment], same: float, gap: float) -> list[_Segment]:
    """Long pieces extended by the collinear pieces beyond their ends, across the gaps a
    scan leaves in a rule. (Short pieces are not joined to each other: the bottom strokes
    of a line of characters stand in a row with gaps as small as a dropout's; nor are
    pieces alongside a rule, as a stroke of the text under it.)"""
    rest = sorted(segments, key=lambda s: -s.length)
    out: list[_Segment] = []
    while rest and rest[0].long:
        anchor = rest.pop(0)
        parts, first, last = [anchor], anchor, anchor
        grew = True
        while grew:
            grew = False
            for s in list(rest):
                if last.b - same <= s.a <= last.b + gap and _collinear(s, last, same):
                    last = s
                elif first.a - gap <= s.b <= first.a + same and _collinear(s, first, same):
                    first = s
                else:
                    continue
                parts.append(s)
                rest.remove(s)
                grew = True
        out.append(_merged(parts))
    return out + rest


def _collinear(s: _Segment, t: _Segment, same: float) -> bool:
    """Whether two pieces end to end are one line, which deskewing may leave a little
    slanted (up to half a degree): their middles further apart may differ a little more."""
    return abs(s.pos - t.pos) <= same + SLANT * abs((s.a + s.b) - (t.a + t.b)) / 2


def _merged(parts: list[_Segment]) -> _Segment:
    if len(parts) == 1:
        return parts[0]
    total = sum(p.length for p in parts)
    return _Segment(
        sum(p.pos * p.length for p in parts) / total,
        min(p.a for p in parts),
        max(p.b for p in parts),
        sum(p.thick * p.length for p in parts) / total,
        any(p.long for p in parts),
    )


def _clearance(ink, horizontal: list[_Segment], vertical: list[_Segment], scale: float):
    """A test of a short segment: whether, along the middle of its length, the strips
    beside it are clear of ink other than the long rules'. A rule between two rows of a
    column has a cell's padding on both sides; a character's stroke that happens to meet
    the rules of a tight row has the rest of its character beside it."""
    import numpy as np

    text = ink > 0
    for segments, view in ((horizontal, text.T), (vertical, text)):  # rules run down
        for s in segments:
            if s.long:
                half = s.thick / 2 + 1
                lo, hi = max(0, int(s.pos - half)), int(np.ceil(s.pos + half))
                view[int(s.a) : int(np.ceil(s.b)), lo:hi] = False
    strip = max(2, round(BESIDE * scale))

    def clear(s: _Segment, horizontal: bool) -> bool:
        view = text.T if horizontal else text  # the segment runs down the view's columns
        extent = view.shape[1]
        a, b = int(s.a + 0.2 * s.length), int(np.ceil(s.b - 0.2 * s.length))
        near, far = s.thick / 2 + 1, s.thick / 2 + 1 + strip
        for lo, hi in ((s.pos - far, s.pos - near), (s.pos + near, s.pos + far)):
            lo, hi = max(0, int(lo)), min(extent, int(np.ceil(hi)))
            if hi <= lo or b <= a:
                continue
            busy = view[a:b, lo:hi].any(axis=1).mean()
            if busy > BUSY:
                return False
        return True

    return clear


def _touches(end: float, position: float, rule: _Segment, tolerance: float) -> bool:
    """Whether the end of a segment at `end` along, standing at `position` across, meets
    the perpendicular `rule`."""
    return (
        abs(end - rule.pos) <= rule.thick / 2 + tolerance
        and rule.a - tolerance <= position <= rule.b + tolerance
    )


def _keep(
    horizontal: list[_Segment],
    vertical: list[_Segment],
    same: float,
    small: float,
    touch: float,
    clear,
) -> tuple[list[_Segment], list[_Segment]]:
    """The long segments, and the short ones both of whose ends meet kept rules (the
    rule between two rows of one column), when need be joined across a small dropout."""
    kept = {True: [s for s in horizontal if s.long], False: [s for s in vertical if s.long]}
    short = {
        True: [s for s in horizontal if not s.long],
        False: [s for s in vertical if not s.long],
    }
    for _ in range(4):
        added = False
        for across in (True, False):
            rules = kept[not across]
            for line in _lines(short[across], same):
                i = 0
                while i < len(line):
                    found = None
                    if any(_touches(line[i].a, line[i].pos, p, touch) for p in rules):
                        for j in range(i, len(line)):
                            if j > i and line[j].a - line[j - 1].b > small:
                                break
                            if any(_touches(line[j].b, line[j].pos, p, touch) for p in rules):
                                found = j
                                break
                    if found is None:
                        i += 1
                        continue
                    parts = line[i : found + 1]
                    joined = _merged(parts)
                    if not clear(joined, across):
                        i += 1
                        continue
                    kept[across].append(joined)
                    for p in parts:
                        short[across].remove(p)
                    added = True
                    i = found + 1
        if not added:
            break
    return kept[True], kept[False]


def _snap(horizontal: list[_Segment], vertical: list[_Segment], snap: float, far: float) -> None:
    """Extend ends that stop just short of a perpendicular rule to its far edge. A long
    rule's end is extended from further (``far``) to a long rule: a grid's rule whose end
    faded on the scan, as a gap inside a long rule is joined (``LARGE_GAP``)."""
    for segments, perpendicular in ((horizontal, vertical), (vertical, horizontal)):
        rules = [_Segment(p.pos, p.a, p.b, p.thick, p.long) for p in perpendicular]
        for s in segments:
            reach = {id(p): far if s.long and p.long else snap for p in rules}
            near = [p for p in rules if _touches(s.a, s.pos, p, reach[id(p)])]
            if near:
                p = min(near, key=lambda p: abs(p.pos - s.a))
                s.a = min(s.a, p.pos - p.thick / 2)
            near = [p for p in rules if _touches(s.b, s.pos, p, reach[id(p)])]
            if near:
                p = min(near, key=lambda p: abs(p.pos - s.b))
                s.b = max(s.b, p.pos + p.thick / 2)
