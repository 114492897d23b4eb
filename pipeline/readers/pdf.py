"""PDF reader (pdfplumber), for PDFs with a text layer as offices make them (Word/WPS → PDF).

What it settles, so that the segmenter sees the same blocks as from Word:

- lines are rebuilt from the characters: no space between Chinese characters, whatever
  the gap (letter-spaced mastheads and "2025 年 1 月 20 日" come out closed), one space
  between Latin words, two where a wide gap separates columns of text;
- lines become paragraphs: a line that stops short of the right margin ends one, an
  indented or centred line or a numbered heading starts one, a wide vertical gap
  starts one (and is recorded as ``gap_before``); a paragraph may run over a page;
- page furniture goes: page numbers ("— 2 —", "-2-", "第2页 共5页", "2/5") in the top
  or bottom band, and lines repeated in those bands on most pages;
- ruled tables only: edges must be visible (stroked or thin filled rules that are not
  white), so white background boxes are not tables; the grid comes from the cells'
  edges, a cell spanning rows or columns points at the slot holding its text
  (``Cell.merged_from``), text wrapped inside a cell is joined and a line that stops
  short inside a cell is a line break; a sliver column with no text (rules a few
  points apart) is dropped;
- a table that runs over pages is stitched: same columns, empty rows at the top of
  the next page and the repeated header row dropped, a row split by the page break
  joined back, a merge that continues at the top of the next page joined to its start.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import statistics
from dataclasses import dataclass, field

from ..errors import CorruptFile, EncryptedPdf, FileTooLarge, NoTextLayer, PipelineError
from ..limits import DEFAULT, Limits
from ..model import Cell, Document, Paragraph, ParseWarning, Table
from ..tables import drop_columns, phantom_columns
from ..text import join_wrapped

# ---------------------------------------------------------------- lines


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%.,;:)]}'\"-/")


def chars_to_lines(chars: list[dict], page: int) -> list[Line]:
    """Group characters into lines and join them with the spacing rules above.

    A space the writer typed (a space glyph between two characters) is kept as one
    space, however narrow: "海南省农业农村厅  海南省财政厅" names two organs.
    """
    chars = [c for c in chars if c["text"]]
    chars.sort(key=lambda c: (round(c["top"]), c["x0"]))
    rows: list[list[dict]] = []
    for ch in chars:
        size = ch.get("size") or (ch["bottom"] - ch["top"])
        middle = (ch["top"] + ch["bottom"]) / 2
        for row in reversed(rows[-3:]):  # a line is near the last ones in reading order
            ref = row[0]
            ref_middle = (ref["top"] + ref["bottom"]) / 2
            if abs(middle - ref_middle) <= 0.45 * max(size, ref.get("size") or size):
                row.append(ch)
                break
        else:
            rows.append([ch])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        typed_space = set()  # indexes of visible characters with a space glyph before them
        visible = []
        for ch in row:
            if ch["text"].strip():
                visible.append(ch)
            elif visible:
                typed_space.add(len(visible))
        if not visible:
            continue
        row = visible
        sizes = [c.get("size") or (c["bottom"] - c["top"]) for c in row]
        size = statistics.median(sizes)
        text = row[0]["text"]
        for k, (prev, ch) in enumerate(itertools.pairwise(row), start=1):
            gap = ch["x0"] - prev["x1"]
            a, b = prev["text"][-1], ch["text"][0]
            if gap > 2.0 * size:
                text += "  "  # a column gap: signatures side by side, a form's fields
            elif (
                k in typed_space
                or gap > 0.8 * size
                or (gap > 0.2 * size and _latin(a) and _latin(b))
            ):
                text += " "  # between words; letter-spacing is closed later where it matters
            text += ch["text"]
        lines.append(
            Line(
                text=text,
                x0=row[0]["x0"],
                x1=max(c["x1"] for c in row),
                top=min(c["top"] for c in row),
                bottom=max(c["bottom"] for c in row),
                size=size,
                page=page,
            )
        )
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


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


# Line-breaking classes that matter here (after UAX #14): no break before a closing
# mark, after an opening one, on either side of a quotation mark, or inside a number.
_CLOSING = set("，。、：；！？）》」』】〕〉’”…·%,.;:!?)]}")
_OPENING = set("（《「『【〔〈‘“([{")
_QUOTES = set("‘’“”\"'")


def _first_unit(text: str) -> str:
    """The start of ``text`` that a line break cannot split ("手’", "镇“5.20")."""
    k = 1
    while k < len(text):
        a, b = text[k - 1], text[k]
        if (
            b in _CLOSING
            or a in _OPENING
            or a in _QUOTES
            or b in _QUOTES
            or (a.isascii() and a.isalnum() and b.isascii() and (b.isalnum() or b in ".%"))
            or (a in "." and b.isdigit())
        ):
            k += 1
        else:
            break
    return text[:k]


def _width(text: str, size: float) -> float:
    return sum(0.6 * size if ch.isascii() else size for ch in text)


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
    out = lines[0].text
    for prev, line in itertools.pairwise(lines):
        room = right - prev.x1
        unit = _width(_first_unit(line.text), line.size)
        fits = unit <= room - 0.15 * line.size
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
        text = _cell_text(buckets.get((r0, c0), []), bbox, page)
        grid[r0][c0] = Cell(text)
        result.spans[(r0, c0)] = r1 - r0
        for r in range(r0, r1):
            for c in range(c0, c1):
                if (r, c) != (r0, c0):
                    grid[r][c] = Cell(text, (r0, c0))
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
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= 3 for x, y in zip(a.xs, b.xs, strict=True))


def _origin(rows: list[list[Cell]], r: int, c: int) -> tuple[int, int]:
    cell = rows[r][c]
    return cell.merged_from if cell.merged_from is not None else (r, c)


def stitch(first: Table, page_table: PageTable, header_rows: int) -> None:
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
                new_row.append(Cell(cell.text, origin))
            else:
                new_row.append(Cell(cell.text))
        first.rows.append(new_row)
    # Covered cells carry the value of their origin (the table logic reads it there).
    for row in first.rows:
        for cell in row:
            if cell.merged_from is not None:
                sr, sc = cell.merged_from
                cell.text = first.rows[sr][sc].text


# ---------------------------------------------------------------- paragraphs

_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d))"
)


def lines_to_paragraphs(
    lines: list[Line], widths: dict[int, float]
) -> list[tuple[Paragraph, float]]:
    """Join lines into paragraphs; each comes with the top of its first line."""
    if not lines:
        return []
    left = statistics.mode(round(ln.x0) for ln in lines)
    long_right = [ln.x1 for ln in lines if len(ln.text) >= 8]
    if len(long_right) >= 5:  # justified body text ends at the right margin
        right = sorted(long_right)[int(0.9 * (len(long_right) - 1))]
    else:  # too little text to tell: margins as wide as the left one
        right = widths[lines[0].page] - left
    # Do paragraphs start with a first-line indent? (Most 公文 do.)
    starts = [b for a, b in itertools.pairwise(lines) if a.x1 < right - 1.5 * a.size]
    indents = bool(starts) and (
        sum(ln.x0 > left + 1.2 * ln.size for ln in starts) >= 0.6 * len(starts)
    )
    paragraphs: list[tuple[Paragraph, float]] = []
    current: list[Line] = []

    def centred(line: Line) -> bool:
        """As much room on the left as on the right, and some on both."""
        before, after = line.x0 - left, right - line.x1
        return min(before, after) > line.size and abs(before - after) < max(line.size, 12)

    def alignment(line: Line) -> str | None:
        if centred(line):
            return "center"
        if line.x0 - left > 3 * line.size:  # set well to the right: signatures, dates
            return "right"
        return None

    def flush(gap: bool) -> None:
        if not current:
            return
        first = current[0]
        paragraph = Paragraph(
            text=join_wrapped([ln.text for ln in current]),
            size=round(first.size, 1),
            align=alignment(first),
            indent=round(first.x0 - left, 1),
            page=first.page,
            gap_before=gap,
        )
        paragraphs.append((paragraph, first.top))

    gap_before = False
    for line in lines:
        if current:
            prev = current[-1]
            same_page = prev.page == line.page
            spacing = line.top - prev.bottom
            wide_gap = same_page and spacing > 1.2 * max(prev.height, line.height)
            # A short line ends a paragraph, unless paragraphs here start indented and
            # the next line does not: then an unbreakable token ("〔2024〕146号") was
            # pushed to the next line.
            ends_short = prev.x1 < right - 1.5 * prev.size and (
                not indents
                or line.x0 > left + 1.2 * line.size
                or prev.text[-1] in "。：:；;！!？?）)"
            )
            indented = line.x0 > left + 1.2 * line.size
            numbered = bool(_NUMBERED.match(line.text))
            if wide_gap or ends_short or indented or numbered or centred(prev):
                flush(gap_before)
                current = []
                gap_before = wide_gap
        current.append(line)
    flush(gap_before)
    return paragraphs


# ---------------------------------------------------------------- the document


class _Collect(logging.Handler):
    """pdfminer's complaints about a damaged file, kept instead of printed."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def read_pdf(
    path: str, data: bytes, password: str | None = None, limits: Limits = DEFAULT
) -> Document:
    """Read a PDF; pdfminer's log messages become one warning instead of terminal noise."""
    logger = logging.getLogger("pdfminer")
    collect = _Collect()
    saved = logger.propagate
    logger.addHandler(collect)
    logger.propagate = False
    try:
        document = _read_pdf(path, data, password, limits)
    finally:
        logger.removeHandler(collect)
        logger.propagate = saved
    if collect.messages:
        first = collect.messages[0][:120]
        document.warnings.append(
            ParseWarning(
                "pdf_content_errors",
                f"{len(collect.messages)} problems in the PDF's content streams "
                f"(first: {first}); some text may be missing",
            )
        )
    return document


def _read_pdf(path: str, data: bytes, password: str | None, limits: Limits) -> Document:
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
        return _read_pages(path, pages, warnings)
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


def _read_pages(path: str, pages, warnings: list[ParseWarning]) -> Document:
    per_page_lines: list[list[Line]] = []
    per_page_tables: list[list[PageTable]] = []
    heights: list[float] = []
    widths: dict[int, float] = {}
    unmapped: list[int] = []
    empty_pages: list[int] = []
    total_chars = 0
    for number, page in enumerate(pages, start=1):
        chars = page.chars
        total_chars += len(chars)
        if not chars:
            empty_pages.append(number)
        if any("(cid:" in c["text"] or "\ue000" <= c["text"][:1] <= "\uf8ff" for c in chars):
            unmapped.append(number)
        heights.append(float(page.height))
        widths[number] = float(page.width)
        tables = []
        if page.rects or page.lines or page.curves:
            drawn = page.filter(visible_rule)
            for found in drawn.find_tables(
                {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
            ):
                inside = [c for c in chars if _inside(c, found.bbox)]
                built = build_page_table(found, inside, number)
                if built is not None:
                    tables.append(built)
        outside = [c for c in chars if not any(_inside(c, t.bbox) for t in tables)]
        per_page_lines.append(chars_to_lines(outside, number))
        per_page_tables.append(tables)
    if total_chars == 0:
        raise NoTextLayer(path, f"has no text layer ({len(heights)} pages of images)")
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
        (p.page or 0, top, p) for p, top in lines_to_paragraphs(all_lines, widths)
    ]
    items += [(t.page, t.bbox[1], t) for tables in per_page_tables for t in tables]
    items.sort(key=lambda it: (it[0], it[1]))
    first_on_page: dict[int, object] = {}
    for page, _, item in items:
        first_on_page.setdefault(page, item)
    blocks: list[Paragraph | Table] = []
    last_part: dict[int, PageTable] = {}  # id(Table) -> its part on the latest page
    for _, _, item in items:
        if isinstance(item, Paragraph):
            blocks.append(item)
            continue
        previous = blocks[-1] if blocks else None
        if (
            isinstance(previous, Table)
            and item.page == (previous.page or 0) + 1
            and first_on_page[item.page] is item
            and _same_columns(last_part[id(previous)], item)
        ):
            stitch(previous, item, _header_rows(previous))
            previous.page = item.page
            last_part[id(previous)] = item
            continue
        table = Table(rows=[list(r) for r in item.rows], page=item.page)
        last_part[id(table)] = item
        blocks.append(table)
    return Document(blocks=blocks, format="pdf", warnings=warnings)


def _header_rows(table: Table) -> int:
    """Rows to compare with the top of the next page: the first, plus rows merged into it."""
    depth = 1
    while depth < len(table.rows) and any(
        c.merged_from is not None and c.merged_from[0] < depth for c in table.rows[depth]
    ):
        depth += 1
    return min(depth, 3)


def _inside(ch: dict, bbox) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return bbox[0] - 1 <= cx <= bbox[2] + 1 and bbox[1] - 1 <= cy <= bbox[3] + 1


def _pages(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers[:20])) + ("…" if len(numbers) > 20 else "")
