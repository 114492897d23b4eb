"""OCR for scanned pages and images (RapidOCR: PaddleOCR's PP-OCRv4 models on onnxruntime).

An OCR'd page becomes what the PDF reader already reads: characters with positions in
PDF points (pdfplumber's char dicts: x0, x1, top, bottom, text, size, fontname
"OCR", upright, plus ``confidence``), and the rules a table is drawn with. The PDF
reader's line, paragraph and table code then gives the segmenter the same layout facts
(align, size, indents, gaps) as from a text PDF.

A page image goes through:

- seals: a round red stamp over the 署名 and the 成文日期 is painted out (its red pixels
  only, so the black text under it stays); a red masthead or rule (a long band, not a
  round blob) is kept;
- deskew: the skew of the long text lines (cv2.minAreaRect of lines smeared
  together) is undone when it is between 0.3° and 5°;
- RapidOCR: one box of text per line piece with a score; each box becomes one char
  per character, the box's width spread over them (CJK full width, ASCII half), its
  height giving the size, all on the box's middle line so the line builder joins them;
- rules (when ``pipeline.readers.ocr_tables`` is there): the drawn lines of a table,
  as pdfplumber-like rects, for the reader's table finder.

The engine is loaded once per process, on first use (never when the pipeline is
imported). Progress goes to the ``notice_pipeline.ocr`` logger at INFO, per page.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import math
import re
import time
from dataclasses import dataclass, field

from .. import pagepool
from . import ocr_recover

log = logging.getLogger("notice_pipeline.ocr")

MODES = ("auto", "never", "force")
EXTRA = "pip install 'notice-pipeline[ocr]'"
RENDER_DPI = 150  # 公文 sizes are ≥ 10 pt; tests/test_ocr.py reads samples/scans/ (150 dpi) at it
MAX_SIDE = 2600  # pixels: a page image is scaled down to this (huge pages, 600 dpi scans)
LOW_CONFIDENCE = 0.8


def available() -> bool:
    """Is RapidOCR installed (the ``ocr`` extra)?"""
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"ocr must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


_THREADS = -1  # onnxruntime's threads per engine: -1 all cores; one each in a page pool


@functools.lru_cache(maxsize=1)
def _engine():
    from rapidocr_onnxruntime import RapidOCR

    started = time.perf_counter()
    engine = RapidOCR(intra_op_num_threads=_THREADS) if _THREADS > 0 else RapidOCR()
    log.info("OCR engine loaded in %.1f s", time.perf_counter() - started)
    return engine


# ---------------------------------------------------------------- pages in a pool


def _start_worker(threads: int) -> None:
    """A page pool's worker: the models loaded once, run on ``threads`` cores."""
    global _THREADS
    _THREADS = threads
    pagepool.workers = 1
    _engine.cache_clear()
    _engine()


def read_pages(pages, on_start=None, count: int | None = None) -> list[OcrPage]:
    """OCR each (image, scale, number) of ``pages`` (an iterable, rendered as it is
    consumed), in a pool of processes within ``pagepool.pages_in_pool`` when there are
    ``count`` >= 2 of them, else here. ``on_start(k)``: called as the k-th page (from 1)
    is begun. Pages come back in order; a pool that breaks (a worker killed) leaves the
    rest to this process."""
    if pagepool.workers < 2 or (count is not None and count < 2):
        out = []
        for k, (image, scale, number) in enumerate(pages, start=1):
            if on_start:
                on_start(k)
            out.append(read_page_image(image, scale, number))
        return out
    return _read_in_pool(iter(pages), on_start)


def _read_in_pool(pages, on_start) -> list[OcrPage]:
    import collections
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if pagepool.pool is None:
        threads = max(1, (os.cpu_count() or 1) // pagepool.workers)
        # Spawned, not forked: a fork of a process whose onnxruntime threads are running
        # can hang in the child.
        pagepool.pool = ProcessPoolExecutor(
            pagepool.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(threads,),
        )
    window = 2 * pagepool.workers  # pages rendered and not yet read: memory stays bounded
    pending: collections.deque = collections.deque()  # (page, future), in page order
    out: list[OcrPage] = []
    try:
        for k, page in enumerate(pages, start=1):
            if on_start:
                on_start(k)
            pending.append((page, pagepool.pool.submit(read_page_image, *page)))
            while len(pending) >= window:
                out.append(pending[0][1].result())
                pending.popleft()
        while pending:
            out.append(pending[0][1].result())
            pending.popleft()
    except BrokenProcessPool:
        log.warning("the OCR page pool stopped; the remaining pages are read here")
        pagepool.pool = None
        out += [read_page_image(*page) for page, _ in pending]
        out += [read_page_image(*page) for page in pages]
    return out


@functools.lru_cache(maxsize=1)
def engine_info() -> dict:
    """{"engine": "RapidOCR 1.4.4 (onnxruntime 1.x)", "models": {"det": …, "rec": …}}."""
    import os
    from importlib.metadata import PackageNotFoundError, version

    import onnxruntime
    import rapidocr_onnxruntime
    import yaml

    try:
        rapid = version("rapidocr-onnxruntime")
    except PackageNotFoundError:  # pragma: no cover - installed some other way
        rapid = "?"
    models = {}
    config = os.path.join(os.path.dirname(rapidocr_onnxruntime.__file__), "config.yaml")
    try:
        with open(config, encoding="utf-8") as f:
            settings = yaml.safe_load(f)
        for key, section in (("det", "Det"), ("rec", "Rec")):
            models[key] = os.path.basename(settings[section]["model_path"])
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        pass
    return {"engine": f"RapidOCR {rapid} (onnxruntime {onnxruntime.__version__})", "models": models}


# ---------------------------------------------------------------- the page read


@dataclass
class OcrPage:
    """An OCR'd page as the PDF reader takes a pdfplumber page: chars and drawn rules in
    points. ``find_tables`` runs pdfplumber's table finder on the rules."""

    number: int
    width: float
    height: float
    chars: list[dict]
    rects: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    skew: float = 0.0  # degrees undone before OCR
    seals: int = 0  # red stamps painted out
    lines: list[dict] = field(default_factory=list)
    curves: list[dict] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    @property
    def edges(self) -> list[dict]:
        from pdfplumber.utils import obj_to_edges

        return [e for r in self.rects for e in obj_to_edges(r)]

    @property
    def confidence(self) -> float | None:
        return mean_confidence(self.chars)

    def filter(self, keep) -> OcrPage:
        return OcrPage(
            self.number,
            self.width,
            self.height,
            [c for c in self.chars if keep(c)],
            [r for r in self.rects if keep(r)],
        )

    def find_tables(self, settings: dict | None = None) -> list:
        from pdfplumber.table import TableFinder

        return TableFinder(self, settings).tables


def mean_confidence(chars: list[dict]) -> float | None:
    values = [c["confidence"] for c in chars if c.get("confidence") is not None]
    return round(sum(values) / len(values), 3) if values else None


def read_page_image(image, scale: float, number: int) -> OcrPage:
    """OCR one page image (an RGB or grayscale numpy array, ``scale`` pixels per point)."""
    import cv2
    import numpy as np

    started = time.perf_counter()
    image = np.asarray(image)
    seals = 0
    if image.ndim == 3:
        image = image[:, :, :3]
        inked = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)  # the seals still on it
        image, seals = remove_seals(image, scale)
        gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    else:
        gray = inked = image
    height, width = gray.shape
    skew = estimate_skew(gray, scale)
    if 0.3 <= abs(skew) <= 5.0:
        rotated = rotate(gray, skew)
        inked = rotated if inked is gray else rotate(inked, skew)  # one turn of a grey page
        gray = rotated
    else:
        skew = 0.0
    result, _ = _engine()(gray, use_cls=False)
    rects = _rules(gray, scale)
    ruled = [
        (r["x0"] * scale, r["top"] * scale, r["x1"] * scale, r["bottom"] * scale) for r in rects
    ]
    result = ocr_recover.second_look(gray, result or [], _engine(), ruled)
    result = ocr_recover.without_ring_text(_without_seal_text(result), inked, scale)
    chars = []
    for (box, text, score), size in zip(result, _sizes(result, scale), strict=True):
        chars += box_chars(box, text, float(score), scale, size)
    page = OcrPage(
        number=number,
        width=width / scale,
        height=height / scale,
        chars=chars,
        rects=rects,
        seconds=time.perf_counter() - started,
        skew=skew,
        seals=seals,
    )
    log.info(
        "page %d: %d characters, confidence %s, %.1f s%s%s",
        number,
        sum(1 for c in chars if c["text"].strip()),
        page.confidence,
        page.seconds,
        f", skew {skew:.1f}° undone" if skew else "",
        f", {seals} seal(s) painted out" if seals else "",
    )
    return page


def _tilt(box) -> float:
    """The angle in degrees of a text box's top edge (0 for a level line)."""
    (x0, y0), (x1, y1) = box[0], box[1]
    return math.degrees(math.atan2(y1 - y0, x1 - x0))


def _on_a_curve(box, text: str) -> bool:
    """A few characters set on a tilt, once the page is level: a piece of a round seal's
    arc of text (a seal on a grey scan cannot be told by its colour), not a line of the
    notice."""
    return len(text.strip()) <= 6 and abs(_tilt(box)) > 8


def _height(box) -> float:
    return ((box[3][1] - box[0][1]) + (box[2][1] - box[1][1])) / 2


def _without_seal_text(result: list) -> list:
    """The boxes of a page but those of a seal's own text: a few characters on a tilt
    (its arc), or a few characters taller than the page's lines and read with low
    confidence (characters on an arc, seen through the ring's ink). On a grey scan a
    seal cannot be told by its colour."""
    import statistics

    heights = [_height(box) for box, text, _ in result if len(text.strip()) >= 6]
    usual = statistics.median(heights) if heights else None

    def seal(box, text: str, score: float) -> bool:
        short = len(text.strip()) <= 4
        tall = usual is not None and _height(box) > 1.25 * usual
        return _on_a_curve(box, text) or (short and tall and float(score) < 0.75)

    return [r for r in result if not seal(*r)]


def _rules(gray, scale: float) -> list[dict]:
    """Table rules from the sibling helper, when it is installed."""
    if importlib.util.find_spec("pipeline.readers.ocr_tables") is None:
        return []
    from . import ocr_tables

    rules = []
    for rule in ocr_tables.ruled_lines(gray, scale) or []:
        rule = dict(rule)
        rule.setdefault("object_type", "rect")
        rule.setdefault("stroke", True)
        rule.setdefault("fill", True)
        rule.setdefault("stroking_color", (0,))
        rule.setdefault("non_stroking_color", (0,))
        rule.setdefault("width", rule["x1"] - rule["x0"])
        rule.setdefault("height", rule["bottom"] - rule["top"])
        rules.append(rule)
    return rules


# ---------------------------------------------------------------- boxes → chars


def _units(ch: str) -> float:
    """Width in ems: CJK and full-width forms one, ASCII half."""
    return 0.5 if ord(ch) < 0x2000 else 1.0


# OCR's usual slips in 公文: the radical 丶 for 、, a degree sign for the full stop at the
# end of a line, a square bracket for the 〔 of a 文号's year, a closing quote read as an
# opening one.
_YEAR_BRACKET = re.compile(r"[\[［【(（]\s*((?:19|20)\d\d)\s*[〕\]］】)）]\s*(?=\d{1,4}\s*号)")


def fix_text(text: str) -> str:
    text = text.replace("丶", "、")
    text = re.sub(r"(?<=[\u4e00-\u9fff）)])°$", "。", text)
    return balance_quotes(_YEAR_BRACKET.sub(r"〔\1〕", text))


def balance_quotes(text: str) -> str:
    """Chinese double quotes as they pair: the recogniser reads a closing ” as “ or as an
    ASCII ", and the quotes of one line open and close in turn (Chinese nests ‘’ inside
    “”, never “ inside “). In a line of Chinese with two quotes or more, a quote after an
    unclosed “ closes it, and an ASCII " with none open opens one when a quote follows it.
    A ” with none open is left: its “ may be on the line before."""
    quotes = [k for k, ch in enumerate(text) if ch in _QUOTES]
    if len(quotes) < 2 or not re.search(r"[\u4e00-\u9fff]", text):
        return text
    out = list(text)
    open_ = False
    for n, k in enumerate(quotes):
        if open_:
            out[k], open_ = "”", False
        elif out[k] == "“" or (out[k] != "”" and n + 1 < len(quotes)):
            out[k], open_ = "“", True
    return "".join(out)


_QUOTES = '“”"＂'


def box_chars(box, text: str, score: float, scale: float, size: float | None = None) -> list[dict]:
    """One char dict per character of an OCR box, in points, on the box's middle line.
    ``size``: the box's size when its own pitch cannot tell it (see ``_sizes``)."""
    text = fix_text(text.strip())
    if not text:
        return []
    x0, x1, top, bottom = _extent(box, scale)
    units = sum(_units(ch) for ch in text)
    pitch = (x1 - x0) / units
    if size is None:
        size = _measured(text, x0, x1, top, bottom) or 1.1 * (bottom - top)
    middle = (top + bottom) / 2
    chars = []
    at = x0
    for ch in text:
        advance = _units(ch) * pitch
        chars.append(
            {
                "text": ch,
                "x0": at,
                "x1": at + advance,
                "top": middle - size / 2,
                "bottom": middle + size / 2,
                "size": size,
                "fontname": "OCR",
                "upright": True,
                "confidence": round(score, 4),
                "object_type": "char",
            }
        )
        at += advance
    return chars


def _extent(box, scale: float) -> tuple[float, float, float, float]:
    xs = [p[0] / scale for p in box]
    ys = [p[1] / scale for p in box]
    return min(xs), max(xs), min(ys), max(ys)


def _measured(text: str, x0: float, x1: float, top: float, bottom: float) -> float | None:
    """The size of set text is its pitch (公文 are set solid): a box of three ems or
    more whose pitch is not far from its height (boxes hug the glyphs, but a noisy scan
    makes them taller). Spaced-out text (通  知) and short boxes tell nothing."""
    units = sum(_units(ch) for ch in fix_text(text.strip()))
    if units < 3:
        return None
    pitch = (x1 - x0) / units
    height = bottom - top
    return pitch if 0.4 * height <= pitch <= 1.35 * height else None


def _sizes(result, scale: float) -> list[float | None]:
    """Each box's size: its pitch where that tells it, else that of the nearest box
    above or below that tells it, when their heights are alike (a title's last line
    spaced out, a short line of the body); else None (its height decides)."""
    extents = [_extent(box, scale) for box, _, _ in result]
    measured = [
        _measured(text, *extent) for (_, text, _), extent in zip(result, extents, strict=True)
    ]
    sizes: list[float | None] = []
    for k, (_, _, top, bottom) in enumerate(extents):
        if measured[k] is not None:
            sizes.append(measured[k])
            continue
        height, middle = bottom - top, (top + bottom) / 2
        near = [
            (abs((extents[j][2] + extents[j][3]) / 2 - middle), measured[j])
            for j in range(len(extents))
            if measured[j] is not None
            and abs(extents[j][3] - extents[j][2] - height) <= 0.25 * max(height, 1e-6)
            and abs((extents[j][2] + extents[j][3]) / 2 - middle) <= 3 * height
        ]
        sizes.append(min(near)[1] if near else None)
    return sizes


# ---------------------------------------------------------------- deskew


def estimate_skew(gray, scale: float) -> float:
    """The page's skew in degrees (positive: lines fall to the right), from the long
    text lines: dark pixels smeared along the line, cv2.minAreaRect of each."""
    import cv2
    import numpy as np

    dark = (gray < 150).astype(np.uint8)
    ink = max(1, round(0.12 * 72 * scale))  # ~ a third of a character of body text
    smeared = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((1, 3 * ink), np.uint8))
    smeared = cv2.morphologyEx(smeared, cv2.MORPH_OPEN, np.ones((max(1, ink // 2), 1), np.uint8))
    contours, _ = cv2.findContours(smeared, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    angles, weights = [], []
    min_length = 2.0 * 72 * scale  # two inches
    for contour in contours:
        (_, _), (w, h), _ = rect = cv2.minAreaRect(contour)
        long, short = max(w, h), min(w, h)
        if long < min_length or short == 0 or long / short < 8:
            continue
        points = cv2.boxPoints(rect)
        edges = [points[(k + 1) % 4] - points[k] for k in range(2)]
        dx, dy = max(edges, key=lambda e: math.hypot(e[0], e[1]))
        angle = math.degrees(math.atan2(dy, dx))
        angle = (angle + 90) % 180 - 90
        if abs(angle) <= 6:
            angles.append(angle)
            weights.append(long)
    if len(angles) < 3:
        return 0.0
    order = sorted(range(len(angles)), key=lambda k: angles[k])
    half, acc = sum(weights) / 2, 0.0
    for k in order:  # the weighted median
        acc += weights[k]
        if acc >= half:
            return round(angles[k], 2)
    return 0.0


def rotate(gray, angle: float):
    """Turn the image by ``angle`` degrees so lines that fall by it are level; the
    corners brought in are white."""
    import cv2

    height, width = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(
        gray,
        matrix,
        (width, height),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=255,
    )


# ---------------------------------------------------------------- seals


def red_mask(rgb):
    import numpy as np

    r, g, b = (rgb[:, :, k].astype(np.int16) for k in range(3))
    return (r > 110) & (r - g > 50) & (r - b > 40)


def remove_seals(rgb, scale: float):
    """Paint out round red stamps: (the image, how many). Only the stamp's red pixels
    turn white; a red masthead, a red rule (long bands) and red text stay."""
    import cv2
    import numpy as np

    mask = red_mask(rgb)
    if mask.sum() < 200:
        return rgb, 0
    inch = 72 * scale
    closed = cv2.morphologyEx(
        mask.astype(np.uint8), cv2.MORPH_CLOSE, np.ones((max(3, round(0.06 * inch)),) * 2, np.uint8)
    )
    _, labels, stats, _ = cv2.connectedComponentsWithStats(closed, connectivity=8)
    out, found = rgb, 0
    # A seal stamped over text is broken where its ink crosses the black strokes (the
    # red does not show there): its pieces are grouped by how close their boxes are.
    for group in _near(stats[1:], round(0.2 * inch)):
        x = min(stats[k + 1][0] for k in group)
        y = min(stats[k + 1][1] for k in group)
        w = max(stats[k + 1][0] + stats[k + 1][2] for k in group) - x
        h = max(stats[k + 1][1] + stats[k + 1][3] for k in group) - y
        if not (0.55 * inch <= max(w, h) <= 2.8 * inch and 0.6 <= w / h <= 1.65):
            continue
        members = np.isin(labels[y : y + h, x : x + w], [k + 1 for k in group])
        ys, xs = np.nonzero(mask[y : y + h, x : x + w] & members)
        if not _round(xs, ys, w, h):
            continue
        if found == 0:
            out = rgb.copy()
        found += 1
        # The stamp's area, a little wider: every reddish pixel in it goes white.
        pad = round(0.05 * inch)
        y0, y1 = max(0, y - pad), min(rgb.shape[0], y + h + pad)
        x0, x1 = max(0, x - pad), min(rgb.shape[1], x + w + pad)
        area = out[y0:y1, x0:x1]
        r, g, b = (area[:, :, c].astype(np.int16) for c in range(3))
        reddish = (r > 90) & (r - g > 25) & (r - b > 20)
        area[reddish] = 255
    return out, found


def _near(boxes, gap: int) -> list[list[int]]:
    """Indexes of the boxes (x, y, w, h, area) grouped: boxes less than ``gap`` pixels
    apart are in one group."""
    groups: list[list[int]] = []
    spans: list[list[int]] = []  # each group's x0, y0, x1, y1
    for k, (x, y, w, h, _) in enumerate(boxes):
        box = [x, y, x + w, y + h]
        joined = [
            g
            for g, (x0, y0, x1, y1) in enumerate(spans)
            if box[0] - gap <= x1
            and x0 <= box[2] + gap
            and box[1] - gap <= y1
            and y0 <= box[3] + gap
        ]
        members, span = [k], box
        for g in sorted(joined, reverse=True):
            members += groups.pop(g)
            x0, y0, x1, y1 = spans.pop(g)
            span = [min(span[0], x0), min(span[1], y0), max(span[2], x1), max(span[3], y1)]
        groups.append(members)
        spans.append(span)
    return groups


def _round(xs, ys, w: int, h: int) -> bool:
    """A stamp's outline: red pixels on the ellipse inscribed in the blob's box, all
    the way round (a character's square strokes touch it at four places only)."""
    import numpy as np

    if len(xs) < 50:
        return False
    a, b = w / 2, h / 2
    dx, dy = (xs - a) / a, (ys - b) / b
    rho = np.sqrt(dx**2 + dy**2)
    ring = (rho > 0.82) & (rho < 1.08)
    if ring.sum() < 30:
        return False
    sectors = np.floor((np.arctan2(dy[ring], dx[ring]) + math.pi) / (2 * math.pi) * 24) % 24
    return len(set(sectors.astype(int).tolist())) >= 20


# ---------------------------------------------------------------- what OCR read


def summary(pages: list[OcrPage], paragraphs: list) -> dict:
    """The Document's ``ocr`` record: engine, models, pages, mean confidences."""
    chars = [c for page in pages for c in page.chars if c["text"].strip()]
    info = engine_info()
    return {
        "engine": info["engine"],
        "models": dict(info["models"]),
        "pages": [page.number for page in pages],
        "confidence": mean_confidence(chars),
        "page_confidence": {str(page.number): page.confidence for page in pages},
        "paragraphs": [
            {"page": p.page, "text": p.text, "confidence": p.confidence}
            for p in paragraphs
            if p.confidence is not None
        ],
    }


def low_confidence_cells(tables: list) -> str | None:
    """The message of the ``low_confidence`` warning: tables' cells read below 0.8."""
    parts = []
    for index, table in enumerate(tables, start=1):
        low = [
            (r, c, cell)
            for r, row in enumerate(table.rows, start=1)
            for c, cell in enumerate(row, start=1)
            if cell.merged_from is None
            and cell.confidence is not None
            and cell.confidence < LOW_CONFIDENCE
        ]
        if not low:
            continue
        shown = ", ".join(
            f"row {r} col {c} '{cell.text[:20]}' ({cell.confidence:.2f})" for r, c, cell in low[:8]
        )
        more = f", … {len(low) - 8} more" if len(low) > 8 else ""
        parts.append(
            f"table {index}: {len(low)} cell{'s' if len(low) > 1 else ''} read with low "
            f"confidence: {shown}{more}"
        )
    return "; ".join(parts) or None
