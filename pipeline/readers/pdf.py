"""PDF reader (pdfplumber), for PDFs with a text layer as offices make them (Word/WPS → PDF).

What it settles, so that the segmenter sees the same blocks as from Word:

- lines and paragraphs (``pdf_text``): lines rebuilt from the characters, paragraphs
  from where each line stands in its page's text column (a line goes on with the next
  only when it is full and the next starts at the paragraph's left edge; centred,
  right-set, resized, bold and numbered lines and a gap wider than the line spacing
  start or end paragraphs), with align, size, bold, indents and space before;
- pages without a text layer: no characters, or an image covering the page with only
  a scanner app's watermark, a stamp's text or a header/footer on it; a file of such
  pages is ``NoTextLayer`` (run OCR), a mixed one names them (``pages_without_text``);
- page furniture goes: page numbers ("— 2 —", "-2-", "第2页 共5页", "2/5") in the top
  or bottom band, and lines repeated in those bands on most pages;
- ruled tables only: edges must be visible (stroked or thin filled rules that are not
  white), so white background boxes are not tables; the grid comes from the cells'
  edges, a cell spanning rows or columns points at the slot holding its text
  (``Cell.merged_from``), text wrapped inside a cell is joined and a line that stops
  short inside a cell is a line break; a sliver column with no text (rules a few
  points apart) is dropped;
- tables ruled across only (三线表: horizontal rules, no vertical ones) get their rows
  from the rules and the lines between them, their columns from the gutters the text
  leaves free, and go to the same cell builder; prose, the 版记 and charts between
  rules are not tables (see "tables ruled across only" below);
- a table that runs over pages is stitched: same columns, empty rows at the top of
  the next page and the repeated header row dropped, a row split by the page break
  joined back, a merge that continues at the top of the next page joined to its start.
"""

from __future__ import annotations

import contextvars
import io
import itertools
import logging
import re
import statistics
import threading
from dataclasses import dataclass, field
from types import SimpleNamespace

from ..errors import (
    ConverterMissing,
    CorruptFile,
    EncryptedPdf,
    FileTooLarge,
    NoTextLayer,
    PipelineError,
)
from ..limits import DEFAULT, Limits
from ..model import Cell, Document, Grid, Paragraph, ParseWarning
from ..tables import drop_columns, phantom_columns
from ..text import join_wrapped
from .ocr import (
    EXTRA,
    MAX_SIDE,
    RENDER_DPI,
    OcrPage,
    available,
    balance_quotes,
    check_mode,
    low_confidence_cells,
    read_pages,
    summary,
)
from .pdf_text import (
    Line,
    _confidence,
    _first_unit,
    _size,
    _width,
    char_rows,
    chars_to_lines,
    lines_to_paragraphs,
)

log = logging.getLogger("notice_pipeline.ocr")

# ---------------------------------------------------------------- page furniture

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－─\s]*\d{1,4}[-—–－─\s]*|第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d+(?:\s*of\s*\d+)?)$"
)


def _band(line: Line, height: float) -> bool:
    return line.bottom < 0.12 * height or line.top > 0.88 * height


def remove_furniture(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Drop page numbers and running headers/footers (lines repeated in the top/bottom band)."""
    counts: dict[str, int] = {}
    for lines, height in zip(pages, heights, strict=True):
        for key in {re.sub(r"\d+", "#", ln.text) for ln in lines if _band(ln, height)}:
            counts[key] = counts.get(key, 0) + 1
    repeated = {k for k, n in counts.items() if len(pages) >= 3 and n >= max(3, len(pages) // 2)}
    kept = []
    for lines, height in zip(pages, heights, strict=True):
        kept.append(
            [
                ln
                for ln in lines
                if not (
                    _band(ln, height)
                    and (
                        _PAGE_NUMBER.match(ln.text.strip())
                        or re.sub(r"\d+", "#", ln.text) in repeated
                    )
                )
            ]
        )
    return kept


# ---------------------------------------------------------------- tables


def _white(color) -> bool:
    if color is None:
        return True
    if isinstance(color, (int, float)):
        return color >= 0.95
    if isinstance(color, (tuple, list)):
        values = [v for v in color if isinstance(v, (int, float))]
        if len(values) == 4:  # CMYK
            return all(v <= 0.05 for v in values)
        return bool(values) and all(v >= 0.95 for v in values)
    return False  # a pattern or a named colour: drawn


def visible_rule(obj: dict) -> bool:
    """A line or rect that is drawn: stroked in a colour, or a thin filled bar not white."""
    if obj.get("object_type") not in ("line", "rect", "curve"):
        return True
    if obj.get("stroke") and not _white(obj.get("stroking_color")):
        return True
    thin = min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]) <= 3
    return bool(obj.get("fill")) and thin and not _white(obj.get("non_stroking_color"))


def _cluster(values: list[float], tolerance: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tolerance:
            out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    return min(range(len(bounds)), key=lambda k: abs(bounds[k] - v))


@dataclass
class PageTable:
    bbox: tuple[float, float, float, float]
    xs: list[float]  # column boundaries
    rows: list[list[Cell]]
    page: int
    spans: dict[tuple[int, int], int] = field(default_factory=dict)  # origin -> rows spanned
    # A table ruled across only (no vertical rules): the left and right ends of its rules.
    ruled_across: tuple[float, float] | None = None


def _cell_text(chars: list[dict], bbox, page: int) -> str:
    """A cell's lines: a wrapped line is joined, a paragraph break kept as "\n".

    A line ended a paragraph when the next line's first unbreakable piece would have
    fitted in the room left on it: the writer broke the line on purpose.
    """
    lines = chars_to_lines(chars, page)
    if not lines:
        return ""
    padding = max(0.0, min(ln.x0 for ln in lines) - bbox[0])
    right = bbox[2] - padding
    # OCR'd characters stand where the recogniser's box put them, not where the writer's
    # font did: a wrapped line may seem to stop short by most of a character.
    slack = 0.8 if any(c.get("fontname") == "OCR" for c in chars) else 0.15
    out = lines[0].text
    for prev, line in itertools.pairwise(lines):
        room = right - prev.x1
        unit = _width(_first_unit(line.text), line.size)
        fits = unit <= room - slack * line.size
        out = f"{out}\n{line.text}" if fits else join_wrapped([out, line.text])
    return out


def build_page_table(table, chars: list[dict], page: int) -> PageTable | None:
    """A pdfplumber table's cells -> a grid with merges, and the text of every cell."""
    cells = [c for c in table.cells if c]
    if len(cells) < 2:
        return None
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 2:
        return None
    grid: list[list[Cell | None]] = [[None] * n_cols for _ in range(n_rows)]
    buckets: dict[tuple[int, int], list[dict]] = {}
    placed = []
    for x0, top, x1, bottom in cells:
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        placed.append(((r0, c0, r1, c1), (x0, top, x1, bottom)))
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for (r0, c0, _, _), (x0, top, x1, bottom) in placed:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                buckets.setdefault((r0, c0), []).append(ch)
                break
    result = PageTable(bbox=table.bbox, xs=xs, rows=[], page=page)
    for (r0, c0, r1, c1), bbox in placed:
        inside = buckets.get((r0, c0), [])
        text = _cell_text(inside, bbox, page)
        confidence = _confidence(inside).get("confidence")  # read by OCR
        if confidence is not None:  # read by OCR: quotes pair across the cell's lines
            confidence = round(confidence, 3)
            text = balance_quotes(text)
        grid[r0][c0] = Cell(text, confidence=confidence)
        result.spans[(r0, c0)] = r1 - r0
        for r in range(r0, r1):
            for c in range(c0, c1):
                if (r, c) != (r0, c0):
                    grid[r][c] = Cell(text, (r0, c0), confidence)
    result.rows = [[c if c is not None else Cell("") for c in row] for row in grid]
    if not any(c.text for row in result.rows for c in row):
        return None  # an empty frame
    _drop_phantom_columns(result)
    return result


def _drop_phantom_columns(table: PageTable) -> None:
    """A sliver column with no text (two rules a few points apart) is no column."""
    widths = [b - a for a, b in itertools.pairwise(table.xs)]
    phantoms = phantom_columns(table.rows, widths)
    if not phantoms or len(phantoms) >= len(widths) - 1:
        return
    table.rows = drop_columns(table.rows, phantoms)
    # A sliver's space goes to the next column that stays (trailing ones: the last).
    kept = [c for c in range(len(widths)) if c not in phantoms]
    table.xs = [table.xs[0]] + [table.xs[c + 1] for c in kept[:-1]] + [table.xs[-1]]
    spans = {}
    for (r, c), n in table.spans.items():
        if c not in phantoms:
            spans[(r, c - sum(d < c for d in phantoms))] = n
    table.spans = spans


def _same_columns(a: PageTable, b: PageTable) -> bool:
    if len(a.xs) != len(b.xs):
        return False
    if a.ruled_across or b.ruled_across:
        # Columns read from the text move with the text; the rules do not.
        return bool(a.ruled_across and b.ruled_across) and all(
            abs(x - y) <= 3 for x, y in zip(a.ruled_across, b.ruled_across, strict=True)
        )
    return all(abs(x - y) <= 3 for x, y in zip(a.xs, b.xs, strict=True))


def _origin(rows: list[list[Cell]], r: int, c: int) -> tuple[int, int]:
    cell = rows[r][c]
    return cell.merged_from if cell.merged_from is not None else (r, c)


def stitch(first: Grid, page_table: PageTable, header_rows: int) -> None:
    """Append a table's continuation on the next page to ``first``, in place."""
    rows = [list(r) for r in page_table.rows]
    offset_map: dict[tuple[int, int], tuple[int, int]] = {}
    # Empty rows at the top of the page (a spreadsheet's blank top row printed with its
    # grid) and the header repeated there.
    header = [[c.text for c in r] for r in first.rows[:header_rows]]

    def blank(r: int) -> bool:
        return not any(c.text.strip() for c in rows[r]) and all(
            page_table.spans.get((r, c), 1) == 1 for c in range(len(rows[r]))
        )

    skip = 0
    while skip < len(rows) and blank(skip):
        skip += 1
    matched = 0
    while (
        matched < len(header)
        and skip < len(rows)
        and [c.text for c in rows[skip]] == header[matched]
    ):
        skip, matched = skip + 1, matched + 1
    while matched and skip < len(rows) and blank(skip):
        skip += 1
    base = len(first.rows)
    width = len(first.rows[0])

    def target(r: int, c: int) -> tuple[int, int]:
        return offset_map.get((r, c), (base + r - skip, c))

    start = skip
    if start < len(rows):
        top = rows[start]
        texts = [c.text for c in top]
        own = [c for c in top if c.merged_from is None]
        if not texts[0] and any(texts) and not all(texts[1:]) and own:
            # A row split by the page break: its rest goes back into the last row.
            last = len(first.rows) - 1
            for c in range(width):
                cell = top[c]
                if cell.merged_from is not None and cell.merged_from[0] >= start:
                    continue  # part of a horizontal span within the row
                prev_origin = _origin(first.rows, last, c)
                if cell.text:
                    pr, pc = prev_origin
                    first.rows[pr][pc].text = join_wrapped([first.rows[pr][pc].text, cell.text])
                offset_map[(start, c)] = prev_origin
            start += 1
            base -= 1
    # A merged cell that goes on at the top of the page: an empty cell spanning rows.
    for c in range(width):
        if start >= len(rows) or (start, c) in offset_map:
            continue
        cell = rows[start][c]
        if cell.merged_from is None and not cell.text and page_table.spans.get((start, c), 1) > 1:
            offset_map[(start, c)] = _origin(first.rows, len(first.rows) - 1, c)
    for r in range(start, len(rows)):
        new_row = []
        for c, cell in enumerate(rows[r]):
            if (r, c) in offset_map and r == start and cell.merged_from is None:
                tr, tc = offset_map[(r, c)]
                new_row.append(Cell("", (tr, tc)))
                continue
            if cell.merged_from is not None:
                sr, sc = cell.merged_from
                origin = target(sr, sc)
                origin = _origin(first.rows, *origin) if origin[0] < len(first.rows) else origin
                new_row.append(Cell(cell.text, origin, cell.confidence))
            else:
                new_row.append(Cell(cell.text, confidence=cell.confidence))
        first.rows.append(new_row)
    # Covered cells carry the value of their origin (the table logic reads it there).
    for row in first.rows:
        for cell in row:
            if cell.merged_from is not None:
                sr, sc = cell.merged_from
                cell.text = first.rows[sr][sc].text


# ---------------------------------------------------------------- tables ruled across only

# Statistical tables are often set with horizontal rules only: one above the header, one
# under it, one under the last row (三线表), sometimes one under every row. Nothing
# draws their columns, so pdfplumber's "lines" strategy finds no cell. Its "text"
# strategy reads columns from words that line up, but wants three words in each line-up
# (a table of one row has one) and makes a row of every line of a wrapped header. Here
# the rules give the rows' bands, the gutters that every line of the body leaves free
# give the columns, and the grid goes to the same cell builder as a drawn table.
#
# What is not a table: a band between rules without text (double rules, a chart's
# gridlines), a line whose text runs across a gutter (prose in a box, the 版记 between
# its rules), fewer than two lines that show columns. A table goes on at the top of
# the next page only after one that ran off the bottom of its page, under rules of the
# same length.


@dataclass
class Rule:
    x0: float
    x1: float
    y: float


def horizontal_rules(objects: list[dict]) -> list[Rule]:
    """Drawn horizontal rules: visible lines, and visible rects thin enough to be one."""
    rules = []
    for o in objects:
        if o.get("object_type") not in ("line", "rect") or not visible_rule(o):
            continue
        width, height = o["x1"] - o["x0"], o["bottom"] - o["top"]
        if height <= 3 and width > 20:
            rules.append(Rule(o["x0"], o["x1"], (o["top"] + o["bottom"]) / 2))
    return rules


@dataclass
class _TextRow:
    """A line of characters on the page."""

    chars: list[dict]

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars)

    @property
    def size(self) -> float:
        return statistics.median(_size(c) for c in self.chars)

    def segments(self) -> list[tuple[float, float]]:
        """The runs of characters, split where a gap is wider than a space (0.8 em)."""
        runs = [[self.chars[0]["x0"], self.chars[0]["x1"]]]
        for prev, ch in itertools.pairwise(self.chars):
            if ch["x0"] - prev["x1"] > 0.8 * max(_size(prev), _size(ch)):
                runs.append([ch["x0"], ch["x1"]])
            else:
                runs[-1][1] = max(runs[-1][1], ch["x1"])
        return [(a, b) for a, b in runs]


@dataclass
class OpenTable:
    """A table ruled across that runs off the bottom of its page."""

    x0: float
    x1: float


def _merge_spans(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _columns_of(rows: list[_TextRow]) -> list[tuple[float, float]]:
    """The columns: the x-ranges the text of rows showing two or more runs covers, and
    those of one-run rows that lie beside all of them (a row label wrapped over two
    lines beside its values), left to right."""
    columns = _merge_spans(
        [seg for row in rows if len(row.segments()) >= 2 for seg in row.segments()]
    )
    beside = [
        seg
        for row in rows
        if len(row.segments()) == 1
        for seg in row.segments()
        if not any(seg[0] < c1 and seg[1] > c0 for c0, c1 in columns)
        and all(seg[1] <= c0 or seg[0] >= c1 for c0, c1 in columns)
        and (not columns or seg[1] <= columns[0][0] or seg[0] >= columns[-1][1])
    ]
    return _merge_spans(columns + beside)


def _filled(row: _TextRow, columns: list[tuple[float, float]]) -> list[int] | None:
    """The columns a row's runs fall in; None when a run runs across a gutter."""
    found = set()
    for a, b in row.segments():
        hit = [k for k, (c0, c1) in enumerate(columns) if a < c1 and b > c0]
        if len(hit) > 1:
            return None
        if not hit:  # in a gutter: the nearest column
            middle = (a + b) / 2
            hit = [min(range(len(columns)), key=lambda k: abs(sum(columns[k]) / 2 - middle))]
        found.add(hit[0])
    return sorted(found)


def _rows_of_band(
    lines: list[_TextRow], columns: list[tuple[float, float]], pitch: float | None
) -> list[list[_TextRow]]:
    """The lines of one band grouped into table rows.

    A line with text in two or more columns starts a row. A line with text in one
    column belongs to the nearest such line when it fills a column that line leaves
    empty (a row label wrapped over two lines, the values centred beside it) or when it
    sits closer than rows sit apart (the second line of a wrapped cell); else it is a
    row of its own.
    """
    filled = [_filled(ln, columns) or [] for ln in lines]
    anchors = [k for k, f in enumerate(filled) if len(f) >= 2]
    if not anchors:
        return [[ln] for ln in lines]
    groups: dict[int, list[int]] = {k: [k] for k in anchors}
    alone = []
    for k, line in enumerate(lines):
        if k in groups:
            continue
        a = min(anchors, key=lambda j: (abs(lines[j].middle - line.middle), j))
        distance = abs(lines[a].middle - line.middle)
        free = not set(filled[k]) & set(filled[a])
        if (free and (pitch is None or distance <= pitch)) or (
            pitch is not None and distance < 0.75 * pitch
        ):
            groups[a].append(k)
        else:
            alone.append([k])
    rows = [sorted(g) for g in groups.values()] + alone
    rows.sort(key=lambda g: min(lines[k].top for k in g))
    return [[lines[k] for k in g] for g in rows]


def _cut(left: float, right: float, header_chars: list[dict]) -> float:
    """Where to draw the line between two columns, in the gutter the body leaves free
    between ``left`` and ``right``: in the widest stretch of it that no character of
    the header covers either (names wider than their column, set close together), or in
    its middle when a name spans it."""
    covered = sorted((c["x0"], c["x1"]) for c in header_chars if c["x0"] < right and c["x1"] > left)
    free = []
    at = left
    for a, b in covered:
        if a > at:
            free.append((at, a))
        at = max(at, b)
    if at < right:
        free.append((at, right))
    free = [(a, b) for a, b in free if b - a > 0.1]
    if not free:
        return (left + right) / 2
    a, b = max(free, key=lambda f: f[1] - f[0])
    return (a + b) / 2


def _text_grid(
    bands: list[tuple[float, float, list[_TextRow]]],
    header: bool,
    extent: tuple[float, float],
    chars: list[dict],
    page: int,
    continued: bool,
) -> PageTable | None:
    """A table from bands of text lines between rules; the first band is the header
    when ``header``. None when the lines do not read as a table."""
    body_bands = bands[1:] if header else bands
    body = [ln for _, _, lines in body_bands for ln in lines]
    columns = _columns_of(body)
    if len(columns) < 2 or any(_filled(ln, columns) is None for ln in body):
        return None
    if header:
        # Names set close together may run across the gutters, but a header shows its
        # columns in some line (a sentence between two tables does not).
        showing = [ln for ln in bands[0][2] if len(ln.segments()) >= 2]
        if not showing or any(_filled(ln, columns) is None for ln in showing):
            return None
    showing = [ln for _, _, lines in bands for ln in lines if len(ln.segments()) >= 2]
    if len(showing) < (1 if continued else 2):
        return None
    tops = sorted(
        ln.top for _, _, lines in body_bands for ln in lines if len(_filled(ln, columns)) >= 2
    )
    gaps = [b - a for a, b in itertools.pairwise(tops)]
    pitch = statistics.median(gaps) if gaps else None
    ys = [bands[0][0]]
    for k, (_, bottom, lines) in enumerate(bands):
        rows = [lines] if header and k == 0 else _rows_of_band(lines, columns, pitch)
        for upper, lower in itertools.pairwise(rows):
            ys.append((max(ln.bottom for ln in upper) + min(ln.top for ln in lower)) / 2)
        ys.append(bottom)
    if any(b <= a for a, b in itertools.pairwise(ys)):
        return None  # rows overlap: not a grid
    text_x0 = min(ln.x0 for _, _, lines in bands for ln in lines)
    text_x1 = max(ln.x1 for _, _, lines in bands for ln in lines)
    header_chars = [c for ln in bands[0][2] for c in ln.chars] if header else []
    xs = [min(extent[0], text_x0) - 0.5]
    xs += [_cut(a[1], b[0], header_chars) for a, b in itertools.pairwise(columns)]
    xs.append(max(extent[1], text_x1) + 0.5)
    cells = [
        (xs[c], ys[r], xs[c + 1], ys[r + 1]) for r in range(len(ys) - 1) for c in range(len(xs) - 1)
    ]
    grid = SimpleNamespace(cells=cells, bbox=(xs[0], ys[0], xs[-1], ys[-1]))
    built = build_page_table(grid, [c for c in chars if _inside(c, grid.bbox)], page)
    if built is not None:
        built.ruled_across = extent
    return built


def _furniture(line: _TextRow, height: float) -> bool:
    """A page number, or one run of text in the top or bottom band (a running head)."""
    text = "".join(c["text"] for c in line.chars)
    return _band(line, height) and (bool(_PAGE_NUMBER.match(text)) or len(line.segments()) <= 1)


def _reaches(line: _TextRow, x0: float, x1: float) -> bool:
    """The line has text above or below the rule."""
    return line.x1 > x0 and line.x0 < x1


def _spans_within(line: _TextRow, x0: float, x1: float) -> bool:
    """All of the line's text lies between the rule's ends (half a character of slack)."""
    slack = 0.5 * line.size
    return line.x0 >= x0 - slack and line.x1 <= x1 + slack


def ruled_text_tables(
    chars: list[dict],
    rules: list[Rule],
    page: int,
    height: float,
    continues: OpenTable | None = None,
    shapes: list[tuple[float, float, float, float]] = (),
) -> tuple[list[PageTable], OpenTable | None]:
    """The tables a page sets with horizontal rules only, and the one running off it.

    ``continues`` is the table that ran off the bottom of the previous page: text
    above the first rule of the same length, from the top of the page, goes on with it.
    ``shapes`` are the other things drawn on the page (boxes, bars, curves, pictures,
    vertical rules): one inside a table's area, narrower than the table (a row's
    shading is as wide), makes it a chart or a figure, not a table.
    """
    lines = [_TextRow(r) for r in char_rows([c for c in chars if c["text"].strip()])]
    lines = [ln for ln in lines if not _furniture(ln, height)]
    groups: list[list[Rule]] = []  # rules of the same length, top to bottom
    for rule in sorted(rules, key=lambda r: r.y):
        for group in groups:
            if abs(group[0].x0 - rule.x0) <= 3 and abs(group[0].x1 - rule.x1) <= 3:
                if rule.y - group[-1].y > 1.5:
                    group.append(rule)
                break
        else:
            groups.append([rule])
    barriers = sorted(r.y for r in rules)
    tables: list[PageTable] = []
    open_table = None
    for group in groups:
        for table, runs_off in _ruled_group_tables(
            group, lines, barriers, height, continues, chars, page, shapes
        ):
            tables.append(table)
            if runs_off:
                x0, x1 = table.ruled_across or (0, 0)
                open_table = OpenTable(x0, x1)
    return tables, open_table


def _drawn_inside(table: PageTable, shapes) -> bool:
    """A shape inside the table's area narrower than the table: a chart, a figure."""
    x0, top, x1, bottom = table.bbox
    return any(
        x0 <= (a + c) / 2 <= x1 and top <= (b + d) / 2 <= bottom and c - a < 0.9 * (x1 - x0)
        for a, b, c, d in shapes
    )


def _ruled_group_tables(
    group: list[Rule],
    lines: list[_TextRow],
    barriers: list[float],
    height: float,
    continues: OpenTable | None,
    chars: list[dict],
    page: int,
    shapes: list[tuple[float, float, float, float]] = (),
) -> list[tuple[PageTable, bool]]:
    """The tables under rules of the same length, each with whether it runs off the
    bottom of the page. Rules of one length may hold several tables, with text between
    them that is not a table: each table takes the longest run of bands, from the top,
    that reads as one."""
    x0, x1 = group[0].x0, group[0].x1

    def between(top: float, bottom: float) -> list[_TextRow]:
        return [ln for ln in lines if top < ln.middle < bottom]

    # Rules with no text between them are one rule (double rules, gridlines).
    ys = [group[0].y]
    for rule in group[1:]:
        if any(_reaches(ln, x0, x1) for ln in between(ys[-1], rule.y)):
            ys.append(rule.y)
    bands = [(a, b, between(a, b)) for a, b in itertools.pairwise(ys)]
    fits = [all(_spans_within(ln, x0, x1) for ln in band) for _, _, band in bands]
    # Below the last rule, down to the next rule or the foot of the page: the rest of
    # a table whose last rule is the one under its header (it goes on over the page).
    below = [y for y in barriers if y > ys[-1] + 1.5]
    block = between(ys[-1], below[0] if below else height)
    extension = None
    if block and all(_spans_within(ln, x0, x1) for ln in block):
        extension = (ys[-1], max(ln.bottom for ln in block) + 1, block)
    # Above the first rule, from the top of the page: the rest of the table that ran
    # off the previous page.
    top_block = between(0, ys[0])
    continued = bool(
        continues is not None
        and abs(continues.x0 - x0) <= 3
        and abs(continues.x1 - x1) <= 3
        and not [y for y in barriers if y < ys[0] - 1.5]
        and top_block
        and all(_spans_within(ln, x0, x1) for ln in top_block)
    )
    found: list[tuple[PageTable, bool]] = []
    i = 0
    while i < len(bands) or (i == 0 and continued):
        made = None
        for j in range(len(bands), i - 1, -1):
            if not all(fits[i:j]):
                continue
            part = bands[i:j]
            tries = []
            if i == 0 and continued:
                head = [(min(ln.top for ln in top_block) - 1, ys[0], top_block)]
                if j == len(bands) and extension:
                    tries.append(([*head, *part, extension], False, True, True))
                tries.append(([*head, *part], False, False, True))
            if part:
                if j == len(bands) and extension:
                    tries.append(([*part, extension], True, True, False))
                tries.append((part, len(part) >= 2, False, False))
            for parts, header, runs_off, goes_on in tries:
                table = _text_grid(parts, header, (x0, x1), chars, page, goes_on)
                if table is not None and not _drawn_inside(table, shapes):
                    made = (table, runs_off, j)
                    break
            if made:
                break
        if made is None:
            i += 1
            continue
        table, runs_off, j = made
        found.append((table, runs_off))
        i = max(j, i + 1)
    return found


# ---------------------------------------------------------------- tables without rules

# Statistical reports also set tables with no rule at all: figures in columns that
# line up, wide gutters (two characters and more) between them. A run of three or more
# lines, one under the other at an even pitch, each with text in two or more columns
# separated by such gutters, the gutters common to all of them, with figures in some
# column, is a table. Prose, lists and justified text leave no such gutters; two lines
# of organs signing side by side are too few; a line whose text runs across a gutter
# ends the run; a page set in two columns of text has no column of figures.


def _wide_segments(row: _TextRow) -> list[tuple[float, float]]:
    """The runs of a line's text, split where the gap is two characters or wider."""
    runs = [[row.chars[0]["x0"], row.chars[0]["x1"]]]
    for prev, ch in itertools.pairwise(row.chars):
        if ch["x0"] - prev["x1"] > 2.0 * max(_size(prev), _size(ch)):
            runs.append([ch["x0"], ch["x1"]])
        else:
            runs[-1][1] = max(runs[-1][1], ch["x1"])
    return [(a, b) for a, b in runs]


def unruled_tables(
    chars: list[dict],
    page: int,
    height: float,
    shapes: list[tuple[float, float, float, float]] = (),
) -> list[PageTable]:
    """Tables a page sets without rules, from text in aligned columns."""
    rows = [_TextRow(r) for r in char_rows([c for c in chars if c["text"].strip()])]
    rows = [r for r in rows if not _furniture(r, height)]
    runs: list[list[_TextRow]] = []
    current: list[_TextRow] = []
    for row in rows:
        split = len(_wide_segments(row)) >= 2
        if split and current:
            pitch = row.top - current[-1].top
            pitches = [b.top - a.top for a, b in itertools.pairwise(current)] + [pitch]
            even = pitch <= 2.5 * max(row.size, current[-1].size) and (
                max(pitches) <= 1.6 * min(pitches)
            )
            if even and abs(row.size - current[-1].size) <= 1.5:
                current.append(row)
                continue
        if len(current) >= 3:
            runs.append(current)
        current = [row] if split else []
    if len(current) >= 3:
        runs.append(current)
    tables = []
    for run in runs:
        table = _aligned_table(run, chars, page)
        if table is not None and not _drawn_inside(table, shapes):
            tables.append(table)
    return tables


def _aligned_table(run: list[_TextRow], chars: list[dict], page: int) -> PageTable | None:
    """The grid of a run of lines whose text stands in columns, or None when the
    columns do not line up (a run of the text crosses a gutter of the others)."""
    columns = _merge_spans([seg for row in run for seg in _wide_segments(row)])
    if len(columns) < 2:
        return None
    for row in run:
        for a, b in _wide_segments(row):
            if sum(1 for c0, c1 in columns if a < c1 and b > c0) != 1:
                return None
    if sum(1 for row in run if len(_wide_segments(row)) >= 2) < 3:
        return None
    xs = [columns[0][0] - 0.5]
    xs += [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(columns)]
    xs.append(columns[-1][1] + 0.5)
    ys = [run[0].top - 1]
    ys += [(a.bottom + b.top) / 2 for a, b in itertools.pairwise(run)]
    ys.append(run[-1].bottom + 1)
    cells = [
        (xs[c], ys[r], xs[c + 1], ys[r + 1]) for r in range(len(ys) - 1) for c in range(len(xs) - 1)
    ]
    grid = SimpleNamespace(cells=cells, bbox=(xs[0], ys[0], xs[-1], ys[-1]))
    table = build_page_table(grid, [c for c in chars if _inside(c, grid.bbox)], page)
    if table is None or not _figures_column(table):
        return None
    return table


_FIGURE = re.compile(r"^[-+−～~]?[\d０-９][\d０-９.,，．%‰]*[%‰]?$|^[-—–]$")


def _figures_column(table: PageTable) -> bool:
    """Some column holds figures below its first row (text in two columns of a page
    does not)."""
    body = table.rows[1:]
    for k in range(len(table.rows[0])):
        texts = [row[k].text.strip() for row in body if row[k].text.strip()]
        if len(texts) >= 2 and sum(bool(_FIGURE.match(t)) for t in texts) >= 0.6 * len(texts):
            return True
    return False


# ---------------------------------------------------------------- the document


# pdfminer's complaints about a damaged file (its loggers under "pdfminer", at WARNING)
# are kept with the document being read instead of printed. One handler for the process,
# put on the "pdfminer" logger by the first call and never removed, hands each record to
# the list of the read_pdf call running in the record's thread (a context variable, so
# documents read at the same time in threads keep their own); a call sets no handler,
# level or propagate flag. Records from outside any call, and pdfminer's DEBUG/INFO when
# someone turns them on, go on as propagation would take them. pdfplumber and pdfminer
# start no threads; a pool started inside a call would need contextvars.copy_context().
_complaints: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "pdfminer_complaints", default=None
)
_installing = threading.Lock()


class _Complaints(logging.Handler):
    """Routes pdfminer's records: to the reading call's list, or on to the ancestors."""

    def handle(self, record: logging.LogRecord) -> bool:  # no lock: each list is one call's
        kept = _complaints.get()
        if kept is not None and record.levelno >= logging.WARNING:
            kept.append(record.getMessage())
        else:
            _propagate(record)
        return True

    def emit(self, record: logging.LogRecord) -> None:
        self.handle(record)


def _propagate(record: logging.LogRecord) -> None:
    """What logging does with a record that "pdfminer" would pass on: its ancestors'
    handlers, or logging's last resort (stderr) when no logger on the way has any."""
    logger = logging.getLogger("pdfminer")
    if logger.propagate:
        return  # someone turned it back on: logging passes it on itself
    found = len(logger.handlers) - 1  # ours; others' handlers there had it already
    source = logging.getLogger(record.name)
    while source is not logger and source is not None:  # pdfminer.pdfinterp and such
        found += len(source.handlers)
        source = source.parent
    parent = logger.parent
    while parent is not None:
        for handler in parent.handlers:
            found += 1
            if record.levelno >= handler.level:
                handler.handle(record)
        if not parent.propagate:
            break
        parent = parent.parent
    last = logging.lastResort
    if not found and last is not None and record.levelno >= last.level:
        last.handle(record)


def _install_complaints() -> None:
    """The router on "pdfminer", once per process (again only if someone removed it),
    which then no longer propagates itself (the router does), at WARNING unless someone
    set its level: its complaints are made under a quieter root, and its DEBUG chatter
    costs nothing under a louder one."""
    logger = logging.getLogger("pdfminer")
    if any(isinstance(h, _Complaints) for h in logger.handlers):
        return
    with _installing:
        if any(isinstance(h, _Complaints) for h in logger.handlers):
            return
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.WARNING)
        logger.addHandler(_Complaints())
        logger.propagate = False


def read_pdf(
    path: str,
    data: bytes,
    password: str | None = None,
    limits: Limits = DEFAULT,
    ocr: str = "auto",
) -> Document:
    """Read a PDF; pdfminer's log messages become one warning instead of terminal noise.

    ``ocr``: "auto" reads the pages without a text layer of their own by OCR (when
    RapidOCR is installed), "never" leaves them (``NoTextLayer``, ``pages_without_text``),
    "force" reads every page by OCR, ignoring the text layer."""
    _install_complaints()
    messages: list[str] = []
    token = _complaints.set(messages)
    try:
        document = _read_pdf(path, data, password, limits, check_mode(ocr))
    finally:
        _complaints.reset(token)
    if messages:
        first = messages[0][:120]
        document.warnings.append(
            ParseWarning(
                "pdf_content_errors",
                f"{len(messages)} problems in the PDF's content streams "
                f"(first: {first}); some text may be missing",
            )
        )
    return document


def _read_pdf(
    path: str, data: bytes, password: str | None, limits: Limits, ocr: str = "auto"
) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
        pages = pdf.pages
    except Exception as exc:  # pdfplumber wraps pdfminer's many errors in its own
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        cause = exc.__cause__ or cause
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            if password:
                raise EncryptedPdf(
                    path, "the password is not right", "check it and try again"
                ) from None
            raise EncryptedPdf(path, "is encrypted") from None
        detail = f"{type(cause).__name__}: {cause}".rstrip(": ")
        raise CorruptFile(path, f"is not a readable PDF ({detail})") from None
    warnings: list[ParseWarning] = []
    try:
        if len(pages) > limits.max_pages:
            raise FileTooLarge(
                path,
                f"has {len(pages)} pages, over the limit of {limits.max_pages}",
                "raise the limit with --max-pages if the file is genuine",
            )
        wanted = _pages_for_ocr(path, pages, ocr)
        hint = None
        if wanted and not available():
            wanted = []  # auto without the extra: as "never", saying what would read it
            hint = f"it is a scan: install OCR ({EXTRA}) and extract it again"
        read = _ocr_pdf_pages(data, password, pages, wanted, force=ocr == "force", path=path)
        if read and not any(c["text"].strip() for p in read.values() for c in p.chars):
            hint = "OCR read no text on them either: check that the scan is not blank"
        incidental = any(page.chars for n, page in enumerate(pages, 1) if n in read)
        document = _read_pages(
            path,
            [read.get(n, page) for n, page in enumerate(pages, 1)],
            warnings,
            hint,
            incidental=incidental,
        )
        if read:
            note_ocr(document, list(read.values()))
        return document
    except PipelineError:
        raise
    except Exception as exc:
        if not _raised_in_pdf_library(exc):
            raise  # our own bug: let it show
        raise CorruptFile(path, f"is damaged ({type(exc).__name__}: {exc})") from None
    finally:
        pdf.close()


def _raised_in_pdf_library(exc: BaseException) -> bool:
    """Did pdfminer/pdfplumber raise it (a damaged file) rather than our code?"""
    tb = exc.__traceback__
    deepest = None  # the deepest frame of ours or of the PDF libraries
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if "pdfminer" in filename or "pdfplumber" in filename:
            deepest = "library"
        elif "pipeline" in filename:
            deepest = "ours"
        tb = tb.tb_next
    return deepest == "library"


def _pages_for_ocr(path: str, pages, mode: str) -> list[int]:
    """The numbers of the pages OCR should read: in "auto" those without a text layer
    of their own (no characters but something drawn or an image on them, or an image
    with only a watermark's text, see ``_scanned``); every page in "force"."""
    if mode == "never":
        return []
    if mode == "force":
        if not available():
            raise ConverterMissing(
                path, "cannot be read by OCR (--ocr force): RapidOCR is not installed", EXTRA
            )
        return list(range(1, len(pages) + 1))
    wanted = []
    for number, page in enumerate(pages, start=1):
        chars = page.chars
        if chars:
            if _scanned(page, chars):
                wanted.append(number)
        elif page.images or page.curves or page.rects or page.lines:
            wanted.append(number)  # a blank page has nothing to read
    return wanted


def _ocr_pdf_pages(
    data: bytes,
    password: str | None,
    pages,
    numbers: list[int],
    force: bool = False,
    path: str = "",
) -> dict:
    """{page number: OcrPage} for the pages named, rendered by PDFium. Unless ``force``,
    what OCR reads where the page's own (incidental) text stands is dropped: a scanner
    app's watermark, a stamp's text, is not the notice's."""
    if not numbers:
        return {}
    import pypdfium2

    document = pypdfium2.PdfDocument(data, password=password or None)

    def rendered():
        for number in numbers:
            page = document[number - 1]
            width, height = page.get_size()
            scale = min(RENDER_DPI / 72, MAX_SIDE / max(width, height, 1))
            image = page.render(scale=scale).to_pil().convert("RGB")
            page.close()
            yield image, scale, number

    def started(k: int) -> None:
        log.info("%s: OCR of page %d (%d of %d)", path, numbers[k - 1], k, len(numbers))

    read = {}
    try:
        for ocr_page in read_pages(rendered(), started, len(numbers)):
            # Points of the page as pdfplumber measures it (the render is rounded to pixels).
            plumbed = pages[ocr_page.number - 1]
            fx, fy = float(plumbed.width) / ocr_page.width, float(plumbed.height) / ocr_page.height
            if abs(fx - 1) > 1e-3 or abs(fy - 1) > 1e-3:
                _rescale(ocr_page, fx, fy)
            if not force:
                _drop_incidental(ocr_page, plumbed.chars)
            read[ocr_page.number] = ocr_page
    finally:
        document.close()
    return read


def _drop_incidental(page: OcrPage, chars: list[dict]) -> None:
    boxes = [
        (c["x0"] - 2, c["top"] - 2, c["x1"] + 2, c["bottom"] + 2)
        for c in chars
        if c["text"].strip()
    ]
    if boxes:
        page.chars = [c for c in page.chars if not any(_inside(c, box) for box in boxes)]


def _rescale(page: OcrPage, fx: float, fy: float) -> None:
    for obj in page.chars + page.rects:
        obj["x0"], obj["x1"] = obj["x0"] * fx, obj["x1"] * fx
        obj["top"], obj["bottom"] = obj["top"] * fy, obj["bottom"] * fy
        if "width" in obj:
            obj["width"], obj["height"] = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
    page.width, page.height = page.width * fx, page.height * fy


def note_ocr(document: Document, pages: list[OcrPage]) -> None:
    """What OCR read, on the document: its record (``Document.ocr``) and a
    ``low_confidence`` warning naming the table cells read below 0.8."""
    paragraphs = [b for b in document.blocks if isinstance(b, Paragraph)]
    document.ocr = summary(pages, paragraphs)
    message = low_confidence_cells([b for b in document.blocks if isinstance(b, Grid)])
    if message:
        document.warnings.append(ParseWarning("low_confidence", message))


def _read_pages(
    path: str,
    pages,
    warnings: list[ParseWarning],
    no_text_hint: str | None = None,
    incidental: bool = False,
) -> Document:
    """The document of the pages (pdfplumber's, or OcrPage for those OCR read).
    ``no_text_hint``: the advice when no page has text; ``incidental``: a page OCR read
    had only a watermark's or a stamp's text of its own."""
    per_page_lines: list[list[Line]] = []
    per_page_tables: list[list[PageTable]] = []
    heights: list[float] = []
    widths: dict[int, float] = {}
    unmapped: list[int] = []
    empty_pages: list[int] = []
    total_chars = 0
    found_rules: list[list[Rule]] = []
    found_shapes: list[list[tuple[float, float, float, float]]] = []
    page_chars: list[list[dict]] = []
    imaged: list[int] = []  # pages an image covers, whose text is only incidental
    for number, page in enumerate(pages, start=1):
        chars = page.chars
        if chars and _scanned(page, chars):
            imaged.append(number)
            chars = []
        page_chars.append(chars)
        total_chars += len(chars)
        if not chars:
            empty_pages.append(number)
        if any("(cid:" in c["text"] or "\ue000" <= c["text"][:1] <= "\uf8ff" for c in chars):
            unmapped.append(number)
        heights.append(float(page.height))
        widths[number] = float(page.width)
        tables = []
        rules: list[Rule] = []
        shapes: list[tuple[float, float, float, float]] = []
        if page.rects or page.lines or page.curves:
            drawn = page.filter(visible_rule)
            found_tables = drawn.find_tables(
                {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
            )
            shapes = _shapes(page.lines + page.rects + page.curves + list(page.images))
            found_tables = [t for t in found_tables if not _chart_grid(t, shapes)]
            for found in found_tables:
                inside = [c for c in chars if _inside(c, found.bbox)]
                built = build_page_table(found, inside, number)
                if built is not None:
                    tables.append(built)
            rules = [
                r
                for r in horizontal_rules(drawn.lines + drawn.rects)
                if not any(_rule_in(r, t.bbox) for t in found_tables)
            ]
        per_page_tables.append(tables)
        found_rules.append(rules)
        found_shapes.append(shapes)
    # Tables ruled across only, once the rules every page repeats (running heads) are known.
    furniture = _repeated_rules(found_rules)
    running: OpenTable | None = None  # such a table that ran off the last page
    for number in range(1, len(pages) + 1):
        chars, tables = page_chars[number - 1], per_page_tables[number - 1]
        rules = [r for r in found_rules[number - 1] if _rule_key(r) not in furniture]
        if rules:
            free = [c for c in chars if not any(_inside(c, t.bbox) for t in tables)]
            across, running = ruled_text_tables(
                free, rules, number, heights[number - 1], running, found_shapes[number - 1]
            )
            tables += across
        else:
            running = None
        free = [c for c in chars if not any(_inside(c, t.bbox) for t in tables)]
        tables += unruled_tables(free, number, heights[number - 1], found_shapes[number - 1])
        outside = [c for c in chars if not any(_inside(c, t.bbox) for t in tables)]
        per_page_lines.append(chars_to_lines(outside, number))
    if total_chars == 0:
        only = (
            "; their only text is a watermark, a stamp or a header or footer"
            if imaged or incidental
            else ""
        )
        raise NoTextLayer(
            path, f"has no text layer ({len(heights)} pages of images{only})", no_text_hint
        )
    if empty_pages and len(empty_pages) < len(heights):
        warnings.append(
            ParseWarning(
                "pages_without_text", f"pages {_pages(empty_pages)} have no text layer (scanned?)"
            )
        )
    if unmapped:
        warnings.append(
            ParseWarning(
                "unmapped_glyphs",
                f"pages {_pages(unmapped)}: some characters have no Unicode mapping "
                "((cid:NN) or private-use); their text may be wrong",
            )
        )
    per_page_lines = remove_furniture(per_page_lines, heights)
    all_lines = [ln for lines in per_page_lines for ln in lines]
    # Paragraphs and tables in reading order: by page, then by position on the page.
    items: list[tuple[int, float, Paragraph | PageTable]] = [
        (p.page or 0, top, p)
        for p, top in lines_to_paragraphs(
            all_lines, widths, [(t.page, t.bbox[1]) for ts in per_page_tables for t in ts]
        )
    ]
    items += [(t.page, t.bbox[1], t) for tables in per_page_tables for t in tables]
    items.sort(key=lambda it: (it[0], it[1]))
    first_on_page: dict[int, object] = {}
    for page, _, item in items:
        first_on_page.setdefault(page, item)
    blocks: list[Paragraph | Grid] = []
    last_part: dict[int, PageTable] = {}  # id(Grid) -> its part on the latest page
    for _, _, item in items:
        if isinstance(item, Paragraph):
            blocks.append(item)
            continue
        previous = blocks[-1] if blocks else None
        if (
            isinstance(previous, Grid)
            and item.page == (previous.page or 0) + 1
            and first_on_page[item.page] is item
            and _same_columns(last_part[id(previous)], item)
        ):
            stitch(previous, item, _header_rows(previous))
            previous.page = item.page
            last_part[id(previous)] = item
            continue
        table = Grid(rows=[list(r) for r in item.rows], page=item.page)
        last_part[id(table)] = item
        blocks.append(table)
    return Document(blocks=blocks, format="pdf", warnings=warnings)


def _scanned(page, chars: list[dict]) -> bool:
    """An image covers the page and the text on it is only what a scanner app, a stamp
    or the page's furniture adds: a few characters ("扫描全能王 创建", "CamScanner"), or
    lines only in the top or bottom band. Such a page has no text layer of its own.
    (An OCR'd scan has its whole text over the image: that is a text layer.)"""
    images = getattr(page, "images", None) or []
    if not images:
        return False
    width, height = float(page.width), float(page.height)
    covered = sum(
        max(0.0, min(i["x1"], width) - max(i["x0"], 0.0))
        * max(0.0, min(i["bottom"], height) - max(i["top"], 0.0))
        for i in images
    )
    if covered < 0.8 * width * height:
        return False
    visible = [c for c in chars if c["text"].strip()]
    if len(visible) < 50:
        return True
    return all(c["bottom"] < 0.12 * height or c["top"] > 0.88 * height for c in visible)


def _header_rows(table: Grid) -> int:
    """Rows to compare with the top of the next page: the first, plus rows merged into it."""
    depth = 1
    while depth < len(table.rows) and any(
        c.merged_from is not None and c.merged_from[0] < depth for c in table.rows[depth]
    ):
        depth += 1
    return min(depth, 3)


def _rule_key(rule: Rule) -> tuple[int, int, int]:
    return round(rule.x0), round(rule.x1), round(rule.y)


def _repeated_rules(pages: list[list[Rule]]) -> set[tuple[int, int, int]]:
    """Rules drawn at the same place on most pages: under a running head, above a footer."""
    counts: dict[tuple[int, int, int], int] = {}
    for rules in pages:
        for key in {_rule_key(r) for r in rules}:
            counts[key] = counts.get(key, 0) + 1
    if len(pages) < 3:
        return set()
    return {k for k, n in counts.items() if n >= max(3, len(pages) // 2)}


def _shapes(objects: list[dict]) -> list[tuple[float, float, float, float]]:
    """Drawn things that are not horizontal rules: boxes, bars, curves, pictures, and
    vertical rules."""
    out = []
    for o in objects:
        width, height = o["x1"] - o["x0"], o["bottom"] - o["top"]
        if height <= 3 and width > 3:
            continue  # a horizontal rule
        drawn = o.get("object_type") == "image" or (
            (o.get("stroke") and not _white(o.get("stroking_color")))
            or (o.get("fill") and not _white(o.get("non_stroking_color")))
        )
        if drawn:  # a white box behind the text is not drawn
            out.append((o["x0"], o["top"], o["x1"], o["bottom"]))
    return out


def _chart_grid(table, shapes: list[tuple[float, float, float, float]]) -> bool:
    """Rules drawn around a chart, not a table: inside the grid stands a drawn thing
    (a bar, a curve, a picture) whose edges are not the grid's, as a shaded cell's are."""
    cells = [c for c in table.cells if c]
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    x0, top, x1, bottom = table.bbox

    def on_grid(a: float, b: float, bounds: list[float]) -> bool:
        return any(abs(a - v) <= 1.5 for v in bounds) and any(abs(b - v) <= 1.5 for v in bounds)

    for a, b, c, d in shapes:
        if min(c - a, d - b) <= 3:
            continue  # a rule or a tick, drawn or part of the grid
        if not (x0 - 1 <= (a + c) / 2 <= x1 + 1 and top - 1 <= (b + d) / 2 <= bottom + 1):
            continue
        if (c - a) >= 0.98 * (x1 - x0) and (d - b) >= 0.98 * (bottom - top):
            continue  # the table's own frame or background
        if not (on_grid(a, c, xs) and on_grid(b, d, ys)):
            return True
    return False


def _rule_in(rule: Rule, bbox) -> bool:
    return (
        bbox[0] - 2 <= rule.x0 and rule.x1 <= bbox[2] + 2 and bbox[1] - 2 <= rule.y <= bbox[3] + 2
    )


def _inside(ch: dict, bbox) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return bbox[0] - 1 <= cx <= bbox[2] + 1 and bbox[1] - 1 <= cy <= bbox[3] + 1


def _pages(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:20])) + ("…" if len(numbers) > 20 else "")
