"""PDF text: characters → lines → paragraphs, from the geometry of the page.

Lines are rebuilt from the characters (no space between Chinese characters, whatever
the gap; one space between Latin words, two where a wide gap separates columns).

Paragraphs come from where each line stands in its page's text column (its left and
right edges, measured per page, so that a landscape attachment page does not move the
edges of the portrait pages):

- a line goes on with the next only when it is full — the next line's first
  unbreakable piece ("2024年" → "2024", "镇“5.20") would not have fitted in the room
  left at its end — and the next line starts where the paragraph's lines start: the
  column's left edge, not indented (or under the line above in a paragraph set in
  from the left);
- a centred line, a line set at the right (署名, 成文日期, "2024年5月8日印发"), a line in
  another size or in bold, a numbered line (一、（一）1. 第X条) and the line after a
  vertical gap wider than the page's line spacing start or end paragraphs; the lines
  of a centred title go on with each other;
- a paragraph never runs across a table, and runs over a page only from a full line.

Every paragraph carries what the page tells: align (center, right, or justify for
lines filling the column), size, bold (from the font's name), first-line indent, left
indent (points from the column's left edge), space before (points beyond the line
spacing), page, and ``gap_before`` where the space is as wide as a blank line.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from ..model import Paragraph
from ..text import join_wrapped
from ..vocab import HEADING_START_RE

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
    bold: bool = False
    # Read by OCR: the mean confidence of its characters, and how many they are.
    confidence: float | None = None
    weight: int = 0

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%.,;:)]}'\"-/")


def _size(ch: dict) -> float:
    return ch.get("size") or (ch["bottom"] - ch["top"])


# A bold face by its name: "NotoSansCJKsc-Bold", "SimSun,Bold", "FZXBSJW--GB1-0" is not.
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|[-,]B$|W[7-9]$", re.IGNORECASE)


def bold_font(name: str | None) -> bool:
    return bool(name) and bool(_BOLD_FONT.search(name.split("+", 1)[-1]))


def char_rows(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into the lines they sit on, each sorted left to right."""
    chars = sorted((c for c in chars if c["text"]), key=lambda c: (round(c["top"]), c["x0"]))
    rows: list[list[dict]] = []
    for ch in chars:
        size = _size(ch)
        middle = (ch["top"] + ch["bottom"]) / 2
        for row in reversed(rows[-3:]):  # a line is near the last ones in reading order
            ref = row[0]
            ref_middle = (ref["top"] + ref["bottom"]) / 2
            if abs(middle - ref_middle) <= 0.45 * max(size, ref.get("size") or size):
                row.append(ch)
                break
        else:
            rows.append([ch])
    for row in rows:
        row.sort(key=lambda c: c["x0"])
    return rows


def chars_to_lines(chars: list[dict], page: int) -> list[Line]:
    """Group characters into lines and join them with the spacing rules above.

    A space the writer typed (a space glyph between two characters) is kept as one
    space, however narrow: "海南省农业农村厅  海南省财政厅" names two organs.
    """
    lines = []
    for row in char_rows(chars):
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
                bold=2 * sum(bold_font(c.get("fontname")) for c in row) > len(row),
                **_confidence(row),
            )
        )
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _confidence(chars: list[dict]) -> dict:
    """A line's ``confidence`` and ``weight`` from its OCR'd characters (none: {})."""
    values = [c["confidence"] for c in chars if c.get("confidence") is not None]
    if not values:
        return {}
    return {"confidence": sum(values) / len(values), "weight": len(values)}


# ---------------------------------------------------------------- line breaking

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


# ---------------------------------------------------------------- the text column


@dataclass
class Column:
    """A page's text column: where its lines start and where full lines end."""

    left: float
    right: float


def _left_edge(lines: list[Line]) -> float | None:
    """The leftmost x where several lines start (a stray line further left is not it)."""
    starts = sorted(ln.x0 for ln in lines)
    need = max(3, round(0.15 * len(starts)))
    k = 0
    while k < len(starts):
        j = k
        while j + 1 < len(starts) and starts[j + 1] - starts[k] <= 1.5:
            j += 1
        if j - k + 1 >= need:
            return starts[k]
        k = j + 1
    return None


def _right_edge(lines: list[Line], lined_up: bool = True) -> float | None:
    """Where full lines end: the rightmost x where several long lines end together
    and beyond which few end (justified text ends at the margin). With ``lined_up``
    False, for text set ragged: near the right end of the long lines."""
    ends = sorted(ln.x1 for ln in lines if len(ln.text) >= 8)
    if len(ends) < 3:
        return None
    need = max(3, round(0.2 * len(ends)))
    best = None
    k = 0
    while k < len(ends):
        j = k
        while j + 1 < len(ends) and ends[j + 1] - ends[k] <= 1.5:
            j += 1
        if j - k + 1 >= need and len(ends) - 1 - j <= 0.1 * len(ends):
            best = ends[j]  # few lines end further right (a hanging full stop)
        k = j + 1
    if best is not None or lined_up:
        return best
    return ends[int(0.9 * (len(ends) - 1))]


def text_columns(lines: list[Line], widths: dict[int, float]) -> dict[int, Column]:
    """Each page's text column, from its own lines where it has enough of them, else from
    the pages of the same width (a page holding only a signature, a title)."""
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        by_page.setdefault(ln.page, []).append(ln)
    by_width: dict[int, list[Line]] = {}
    for page, page_lines in by_page.items():
        by_width.setdefault(round(widths.get(page, 0)), []).extend(page_lines)
    shared: dict[int, tuple[float | None, float | None]] = {
        w: (_left_edge(group), _right_edge(group, lined_up=False)) for w, group in by_width.items()
    }
    columns = {}
    for page, page_lines in by_page.items():
        width = widths.get(page, 0)
        group_left, group_right = shared[round(width)]
        full = [ln for ln in page_lines if len(ln.text) >= 8]
        left = _left_edge(page_lines) if len(page_lines) >= 8 else None
        if left is None:
            left = group_left if group_left is not None else min(ln.x0 for ln in page_lines)
        right = _right_edge(page_lines) if len(full) >= 5 else None
        if right is None:
            right = group_right if group_right is not None else max(width - left, left + 1)
        columns[page] = Column(left, right)
    return columns


# ---------------------------------------------------------------- paragraphs

_ENDS_SENTENCE = "。：:；;！!？?）)"
# A number, a 文号's year and number, with what may not start a line after it.
_KEPT_WHOLE = re.compile(
    r"[〔\[（(【“‘《]?[0-9A-Za-z][0-9A-Za-z.%/-]*(?:[〕\]）)】][0-9A-Za-z.%/-]*)?"
    r"[\u4e00-\u9fff]?[〕\]）)】”’》，。、；：]*"
)


def _runs_on(ch: str) -> bool:
    """A line ending in this character stops mid-sentence ("…违反本办法第五条第")."""
    return ch >= "\u4e00" and ch not in "。：；！？，、）》”"


class _Paragraphs:
    """The pass that joins lines into paragraphs (see the module's docstring)."""

    def __init__(self, lines: list[Line], widths: dict[int, float]):
        self.columns = text_columns(lines, widths)
        self.indents, self.indent = False, 0.0
        # The space between two lines of a paragraph, per size: the middle of the spaces
        # between a full line and the next starting at the left edge (a wrapped line).
        spaces: dict[int, list[float]] = {}
        for a, b in itertools.pairwise(lines):
            if (
                a.page == b.page
                and abs(a.size - b.size) <= 0.5
                and b.top >= a.bottom - 1
                and self.full(a, b)
                and abs(b.x0 - self.columns[b.page].left) <= 0.6 * b.size
            ):
                spaces.setdefault(round(a.size), []).append(b.top - a.bottom)
        self.leading = {size: statistics.median(v) for size, v in spaces.items()}
        # The body's style: the size and weight of most of the text.
        weights: dict[tuple[int, bool], int] = {}
        for ln in lines:
            key = (round(ln.size), ln.bold)
            weights[key] = weights.get(key, 0) + len(ln.text)
        self.body = max(weights, key=weights.get)
        # Do paragraphs start with a first-line indent (most 公文 do), and by how much?
        starts = [
            (b.x0 - self.columns[b.page].left, b.size)
            for a, b in itertools.pairwise(lines)
            if not self.full(a, b) and self.side(b) is None and round(b.size) == self.body[0]
        ]
        indented = [x for x, size in starts if x > 1.2 * size]
        self.indents = bool(starts) and len(indented) >= 0.6 * len(starts)
        self.indent = statistics.median(indented) if self.indents else 0.0

    # What a line is, in its column.

    def margins(self, line: Line) -> tuple[float, float]:
        column = self.columns[line.page]
        return line.x0 - column.left, column.right - line.x1

    def centred(self, line: Line) -> bool:
        """As much room on the left as on the right, and some on both: a short line,
        or a long one set exactly in the middle (a title's first line). A paragraph's
        first line in the body's style, indented as paragraphs are here, is not."""
        before, after = self.margins(line)
        if (
            self.indents
            and abs(before - self.indent) < 0.3 * line.size
            and (round(line.size), line.bold) == self.body
        ):
            return False
        if min(before, after) > 1.5 and abs(before - after) <= max(2.0, 0.1 * line.size):
            return True
        return min(before, after) > line.size and abs(before - after) < max(line.size, 12)

    def centred_paragraph(self, line: Line) -> bool:
        """A line of a centred paragraph: centred, or filling the column (to within half
        a character on either side) in a size or weight that is not the body's (a
        title's first line)."""
        if self.side(line) == "center":
            return True
        before, after = self.margins(line)
        return (
            abs(before - after) <= max(2.0, 0.5 * line.size)
            and before > -1
            and (round(line.size), line.bold) != self.body
        )

    def right_set(self, line: Line) -> bool:
        """Set at the right: well in from the left edge, with much more room on the
        left than on the right (a 署名, a date, organs signing side by side; not an item
        of a list set in from the left)."""
        before, after = self.margins(line)
        return before > max(3 * line.size, after + line.size)

    def set_in(self, a: Line, b: Line) -> bool:
        """A line that looks set at the right is the first of a paragraph set in from
        the left (a 附件说明 item wrapping under itself): it fills the column and the next
        line starts right under it. Organs signing side by side (a column gap inside
        the line) are not."""
        return (
            a.page == b.page
            and self.right_set(a)
            and self.side(b) is None
            and abs(b.x0 - a.x0) <= 1.5
            and "  " not in a.text
        )

    def side(self, line: Line) -> str | None:
        if self.centred(line):
            return "center"
        if self.right_set(line):
            return "right"
        return None

    def full(self, line: Line, nxt: Line) -> bool:
        """The line ends at the right edge: the next line's first unbreakable piece
        would not have fitted in the room left on it."""
        room = self.columns[line.page].right - line.x1
        return _width(_first_unit(nxt.text), nxt.size) > room - 0.15 * nxt.size

    def pushed(self, current: list[Line], b: Line) -> bool:
        """A body line that stops short mid-sentence because a number the writer's
        program keeps whole ("〔2024〕146号）", "2025世界") went to the next line,
        which starts at the left edge as the paragraph's lines do."""
        a = current[-1]
        column = self.columns[a.page]
        token = _KEPT_WHOLE.match(b.text)
        starts_body = len(current) == 1 and abs(a.x0 - column.left - self.indent) <= 0.3 * a.size
        return bool(
            self.indents
            and token
            and a.page == b.page
            and a.text[-1] not in _ENDS_SENTENCE
            and (abs(a.x0 - column.left) <= 0.3 * a.size or starts_body)
            and abs(b.x0 - column.left) <= 0.3 * b.size
            and self.side(a) is None
            and _width(token.group(), b.size) > column.right - a.x1 - 0.15 * b.size
        )

    def gap(self, a: Line, b: Line) -> float | None:
        """Vertical space between two lines beyond the line spacing (None across pages)."""
        if a.page != b.page:
            return None
        leading = self.leading.get(round(min(a.size, b.size)))
        if leading is None:  # no wrapped lines of this size: a blank line's worth
            leading = 1.2 * max(a.height, b.height) - 0.5 * min(a.size, b.size)
        return b.top - a.bottom - leading

    # Does line b go on with the paragraph ``current`` (ending with line a)?

    def goes_on(self, current: list[Line], b: Line) -> bool:
        a = current[-1]
        if abs(a.size - b.size) > 1.5 or a.bold != b.bold:
            return False
        extra = self.gap(a, b)
        if extra is not None and extra > max(0.5 * min(a.size, b.size), 3.0):
            return False
        if not self.full(a, b) and not self.pushed(current, b):
            return False
        side_a, side_b = self.side(a), self.side(b)
        if self.set_in(a, b):
            return not HEADING_START_RE.match(b.text)
        if side_a == "right" or side_b == "right":
            return False
        if side_b == "center":
            # The lines of a centred paragraph (a title over two lines) go on with each other.
            return all(self.centred_paragraph(ln) for ln in current)
        before, after = self.margins(a)
        if side_a == "center" and min(before, after) > a.size:
            return False  # a short centred line ends its paragraph
        left = self.columns[b.page].left
        indent = b.x0 - left
        tolerance = 0.6 * b.size
        if side_a == "center" and len(current) == 1:
            # A long line set exactly in the middle goes on only with a line under its
            # start (a 版记 line set in a character on both sides), never with one at
            # the left edge (a title in the body's size, the 主送 under it).
            at_start = abs(b.x0 - a.x0) <= 1.5
        elif len(current) >= 2:
            at_start = abs(b.x0 - current[1].x0) <= tolerance
        elif indent <= tolerance:
            at_start = True
        else:
            # A paragraph set in from the left: its lines start under its first line, or
            # (a hanging indent) further in; not where paragraphs start here.
            first = a.x0 - left
            at_start = (
                a.page == b.page
                and first > tolerance
                and b.x0 >= a.x0 - tolerance
                and not (self.indents and abs(indent - self.indent) <= tolerance)
            )
        if not at_start:
            return False
        # A numbered line starts a paragraph, unless paragraphs here start indented, it
        # does not and the line above runs on: "…违反本办法第五条第" / "（一）项…".
        return not (
            HEADING_START_RE.match(b.text)
            and not (self.indents and indent <= tolerance and _runs_on(a.text[-1]))
        )

    def paragraph(self, lines: list[Line], space: float | None, gap: bool) -> Paragraph:
        first = lines[0]
        left = self.columns[first.page].left
        side = self.side(first)
        if len(lines) >= 2 and all(self.centred_paragraph(ln) for ln in lines):
            side = "center"
        elif len(lines) >= 2 and (side is None or self.set_in(first, lines[1])):
            side = "justify"
        if len(lines) >= 2 and side != "center":
            left_indent = lines[1].x0 - left
            indent = first.x0 - lines[1].x0
        else:
            left_indent, indent = 0.0, first.x0 - left
        return Paragraph(
            text=join_wrapped([ln.text for ln in lines]),
            size=round(first.size, 1),
            bold=first.bold,
            align=side,
            indent=round(float(indent), 1),
            left_indent=round(max(float(left_indent), 0.0), 1),
            space_before=None if space is None else round(max(space, 0.0), 1),
            page=first.page,
            gap_before=gap,
            confidence=_mean_confidence(lines),
        )


def _mean_confidence(lines: list[Line]) -> float | None:
    weight = sum(ln.weight for ln in lines if ln.confidence is not None)
    if not weight:
        return None
    return round(
        sum(ln.confidence * ln.weight for ln in lines if ln.confidence is not None) / weight, 3
    )


def lines_to_paragraphs(
    lines: list[Line], widths: dict[int, float], tables: list[tuple[int, float]] = ()
) -> list[tuple[Paragraph, float]]:
    """Join lines into paragraphs; each comes with the top of its first line.

    ``tables`` are the (page, top) of the tables: a paragraph never runs across one.
    """
    if not lines:
        return []
    state = _Paragraphs(lines, widths)
    paragraphs: list[tuple[Paragraph, float]] = []
    current: list[Line] = []
    space: float | None = None
    gap = False
    for k, line in enumerate(lines):
        if current:
            prev = current[-1]
            table_between = any(
                (prev.page, prev.top) < table < (line.page, line.top) for table in tables
            )
            if table_between or not state.goes_on(current, line):
                paragraphs.append((state.paragraph(current, space, gap), current[0].top))
                current = []
                space = state.gap(prev, line)
                # As wide as a blank line: what a blank paragraph in Word is.
                gap = (
                    space is not None
                    and line.top - prev.bottom > 1.2 * max(prev.height, line.height)
                    and space > 0.5 * min(prev.size, line.size)
                )
        elif k == 0:
            space = None
        current.append(line)
    paragraphs.append((state.paragraph(current, space, gap), current[0].top))
    return paragraphs
