"""Table logic on the grid, whatever the format: header, title row, merges and fill-down.

Policy (see docs/architecture.md): a merge the format records is a fact, so every
covered cell gets the merged value (reason "merged"); a blank is a question, so only
responsible-unit columns (负责单位, 责任单位, 牵头单位…) and the columns the user
names are filled from the row above (reason "blank"). Every filled cell is listed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache, cached_property

from .errors import PipelineError
from .model import Cell, DroppedRow, FilledCell, Grid, Group, ParseWarning, Table
from .text import join_wrapped, squash
from .vocab import ATTACHMENT_LABEL_PREFIX_RE

# ---------------------------------------------------------------- fill rules

# Which columns name the unit responsible for a row's work is data, not code: the
# words are in pipeline/data/fill_rules.tsv (its header says how a header is read),
# and a user extends them with a file of the same format (--fill-rules FILE).
RULE_KINDS = ("role", "unit", "supporting", "name", "exclude")
_BUILTIN_RULES = os.path.join(os.path.dirname(__file__), "data", "fill_rules.tsv")
_FORMAT_HINT = (
    "write one rule a line: a kind (role, unit, supporting, name or exclude), then the "
    "word, separated by a tab, e.g. 'role<TAB>督办'; see pipeline/data/fill_rules.tsv"
)


class FillRulesError(PipelineError):
    """A fill-rules file that cannot be used; the message names the file and the fix."""

    kind = "bad_fill_rules"


@dataclass(frozen=True)
class FillRules:
    """The words that make a column a responsible-unit column (see fill_rules.tsv)."""

    role: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()
    supporting: tuple[str, ...] = ()
    name: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def __add__(self, other: FillRules) -> FillRules:
        def merged(kind: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(getattr(self, kind) + getattr(other, kind)))

        return FillRules(**{kind: merged(kind) for kind in RULE_KINDS})

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern]:
        def alt(words) -> str:
            # Longest first, so that 处室 is tried before 处.
            return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

        role, supporting = alt(self.role) or "(?!)", alt(self.supporting) or "(?!)"
        long_units = alt(u for u in self.unit if len(u) > 1) or "(?!)"
        short_units = alt(u for u in self.unit if len(u) == 1) or "(?!)"
        units = alt(self.unit) or "(?!)"
        # What may follow the unit word: nothing, its name, another item, a note.
        end = r"(?=$|名称|全称|[及和与、，,/(])"

        def doer(roles: str) -> re.Pattern:
            # 负责单位, 牵头实施部门, 责任处; 单位（牵头）, 部门负责
            return re.compile(
                rf"(?:{roles})(?:.{{0,2}}?(?:{long_units})|(?:{short_units})){end}"
                rf"|(?:{units})(?:\((?:{roles})|(?:{roles})$)"
            )

        return {
            "responsible": doer(role),
            "supporting": doer(supporting),
            "role_only": re.compile(rf"(?:{role})"),
            "supporting_only": re.compile(rf"(?:{supporting})"),
            "unit": re.compile(rf"(?:{units})"),
        }

    def is_responsible(self, header: str) -> bool:
        """True when ``header`` names the unit that does, leads or answers for the work."""
        parts = [p for p in _normal_header(header).split("/") if p]
        p = self._patterns
        for k in range(len(parts) - 1, -1, -1):
            raw = parts[k]
            part = re.sub(r"\([^()]*\)", "", raw) or raw  # notes in brackets aside
            if part.startswith("被") or any(part.endswith(w) for w in self.exclude):
                return False  # 被检查单位: the unit the work is done to
            if any(part.endswith(w) for w in self.name):
                return True
            found = [
                (m.start(), kind == "responsible")
                for kind in ("responsible", "supporting")
                for m in [p[kind].search(raw) or p[kind].search(part)]
                if m
            ]
            if found:
                return min(found)[1]
            above_names_unit = any(p["unit"].search(q) for q in parts[:k])
            if above_names_unit and p["supporting_only"].fullmatch(part):
                return False
            if above_names_unit and p["role_only"].fullmatch(part):
                return True
        return False


def _normal_header(header: str) -> str:
    text = squash(header).replace("（", "(").replace("）", ")")
    return text.replace("／", "/")


def parse_fill_rules(text: str, source: str) -> FillRules:
    """Rules from the text of a fill-rules file; ``source`` names it in errors."""
    words: dict[str, list[str]] = {kind: [] for kind in RULE_KINDS}
    for n, line in enumerate(text.splitlines(), start=1):
        line = line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        fields = line.split()
        if len(fields) < 2:
            raise FillRulesError(source, f"line {n}: {line!r} has no word", _FORMAT_HINT)
        kind, word = fields[0].lower(), fields[1]
        if kind not in RULE_KINDS:
            raise FillRulesError(source, f"line {n}: unknown kind {fields[0]!r}", _FORMAT_HINT)
        words[kind].append(squash(word))
    return FillRules(**{kind: tuple(w) for kind, w in words.items()})


@cache
def builtin_fill_rules() -> FillRules:
    with open(_BUILTIN_RULES, encoding="utf-8") as f:
        return parse_fill_rules(f.read(), _BUILTIN_RULES)


def load_fill_rules(path: str | None = None) -> FillRules:
    """The built-in rules, extended by the file at ``path`` (a local path) if given.

    Raises :class:`FillRulesError` (one line: the file, the problem, the fix) for a
    file that is missing, not UTF-8 text, or has a line that is not a rule. A file is
    read once per process as long as it does not change.
    """
    if path is None:
        return builtin_fill_rules()
    try:
        stat = os.stat(path)
    except OSError:
        stat = None
    return _load_fill_rules(str(path), stat and (stat.st_mtime_ns, stat.st_size))


@cache
def _load_fill_rules(path: str, _version: tuple[int, int] | None) -> FillRules:
    rules = builtin_fill_rules()
    try:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
    except FileNotFoundError:
        raise FillRulesError(path, "no such fill-rules file", "check the path") from None
    except IsADirectoryError:
        raise FillRulesError(path, "is a folder", "give the fill-rules file itself") from None
    except UnicodeDecodeError:
        raise FillRulesError(
            path, "is not UTF-8 text", "save the fill-rules file as UTF-8 and try again"
        ) from None
    except OSError as exc:
        raise FillRulesError(path, f"cannot be read ({exc.strerror})", "make it readable") from None
    return rules + parse_fill_rules(text, str(path))


def is_responsible_column(name: str, rules: FillRules | None = None) -> bool:
    """True for 负责单位, 责任单位, 牵头单位, 主办单位, 承办单位, 实施单位 and their variants
    (the built-in rules of pipeline/data/fill_rules.tsv, or ``rules``)."""
    return (rules or builtin_fill_rules()).is_responsible(name)


@dataclass(frozen=True)
class FillPolicy:
    """Which blank cells are filled from the row above.

    ``enabled`` False turns blank-filling off (recorded merges still give their value:
    the format says the cell holds it). ``columns`` adds columns by header name (a
    supporting column too); ``rules`` replaces the built-in fill rules (use
    :func:`load_fill_rules` to extend them with a user's file).
    """

    enabled: bool = True
    columns: tuple[str, ...] = ()
    rules: FillRules | None = None

    def fills(self, header: str) -> bool:
        if not self.enabled:
            return False
        named = squash(header) in {squash(c) for c in self.columns}
        return named or is_responsible_column(header, self.rules)


def missing_fill_columns(tables: list[Table], policy: FillPolicy) -> list[ParseWarning]:
    """A warning ``fill_column_missing`` for each column the user asked to fill (--fill)
    that no table of the notice has: a misspelt name fills nothing, and says so. Each
    names the column and the headers of the tables. A notice without tables, or with
    filling off, has none."""
    if not policy.enabled or not tables:
        return []
    headers = {squash(h) for table in tables for h in table.header}
    shown = "; ".join(
        f"table {table.index}: {', '.join(table.header) or '(no header)'}" for table in tables
    )
    return [
        ParseWarning(
            "fill_column_missing",
            f"--fill {column}: no table has this column ({shown})",
        )
        for column in dict.fromkeys(policy.columns)
        if squash(column) not in headers
    ]


# ---------------------------------------------------------------- the grid

# Narrower than one character of 五号 (10.5 pt), the smallest type tables are set in:
# a grid column that thin holds no text, it is a sliver left by borders that do not
# line up (a Word grid column of 1 mm, two PDF rules a few points apart).
NARROW_COLUMN_PT = 10.5


def phantom_columns(rows: list[list[Cell]], widths: list[float | None]) -> list[int]:
    """Columns that are no columns: narrower than a character and empty in every row.

    ``widths`` gives each column's width in points (None where the format does not
    say). Only a cell that lies within the column holds text of its own there: a
    title spanning the sliver, or a cell starting in it and running on to the next
    column, does not. One such text anywhere in the column, header included, keeps it.
    """

    def own_text(r: int, c: int) -> bool:
        row = rows[r]
        if c >= len(row) or row[c].merged_from is not None or not row[c].text.strip():
            return False
        return not (c + 1 < len(row) and row[c + 1].merged_from == (r, c))

    return [
        c
        for c, width in enumerate(widths)
        if width is not None
        and width < NARROW_COLUMN_PT
        and not any(own_text(r, c) for r in range(len(rows)))
    ]


def drop_columns(rows: list[list[Cell]], columns: list[int]) -> list[list[Cell]]:
    """The grid without ``columns``; merges pointing into them re-pointed, indexes shifted.

    A dropped slot that starts a span (an empty cell spanning the sliver and the next
    column) hands its part to the first covered slot that stays.
    """
    drop = set(columns)
    if not drop:
        return rows
    new_col = {}
    for c in range(max((len(r) for r in rows), default=0)):
        new_col[c] = None if c in drop else c - sum(d < c for d in drop)
    # Origins in a dropped column: the first slot they cover that stays takes over.
    heir: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            src = cell.merged_from
            if src is not None and src[1] in drop and c not in drop and src not in heir:
                heir[src] = (r, c)
    out = []
    for r, row in enumerate(rows):
        kept = []
        for c, cell in enumerate(row):
            if c in drop:
                continue
            src = cell.merged_from
            if src is not None and src in heir:
                src = None if heir[src] == (r, c) else heir[src]
            if src is not None:
                src = (src[0], new_col[src[1]])
            kept.append(Cell(cell.text, src))
        out.append(kept)
    return out


# ---------------------------------------------------------------- header and title


def _looks_like_header(row: list[str]) -> bool:
    filled = [c for c in row if c.strip()]
    if len(filled) < max(1, len(row) // 2):
        return False
    for cell in filled:
        s = squash(cell)
        if len(s) > 30 or re.fullmatch(r"[\d.．,，%-]+", s):
            return False
    return True


def _header_depth(texts: list[list[str]], merged: list[list], start: int) -> int:
    """How many rows the header takes (1 unless merges say more).

    A row below the header belongs to it when what it adds of its own reads as a
    header, every other slot of it is covered by a header cell, and either a header
    cell runs down into it (序号 merged over two rows) or it sits under a header
    cell spanning columns in the row above (活动时间 over 开始/结束). A form, whose
    rows have blanks to fill in, is not a header however it is merged.
    """
    depth = 1
    width = len(texts[start])
    while start + depth + 1 < len(texts) and depth < 4:
        row = start + depth
        above = merged[row - 1]
        spanned = {c for c in range(width) if above[c] is not None and above[c][0] == row - 1}
        spanned |= {sc for m in above if m is not None and m[0] == row - 1 for sc in [m[1]]}
        own = [c for c in range(width) if merged[row][c] is None and texts[row][c].strip()]
        continues = any(m is not None and start <= m[0] < row for m in merged[row])
        under_span = any(c in spanned for c in own)
        complete = all(
            c in own or (merged[row][c] is not None and start <= merged[row][c][0] <= row)
            for c in range(width)
        )
        names = [texts[row][c] for c in own]
        if own and complete and (continues or under_span) and _looks_like_header(names):
            depth += 1
        else:
            break
    return depth


def _is_title_row(texts: list[list[str]], merged: list[list], r: int) -> bool:
    """One value across the row: a title, a label or a field of the form.

    Three columns or more: one value, wherever it stands. Two columns: one value the
    format merges across both, or one value above a row that fills both (a two-column
    form's title above its header); a row of a label and its blank is a form's field.
    """
    row = texts[r]
    values = {squash(c) for c in row if c.strip()}
    if len(values) != 1:
        return False
    if len(row) >= 3:
        return True
    if len(row) != 2:
        return False
    if merged[r][1] == (r, 0):
        return True
    below = texts[r + 1] if r + 1 < len(texts) else []
    return bool(row[0].strip()) and len(below) == 2 and all(c.strip() for c in below)


# The unit a table's figures are in: "单位：万元", "（单位：人）", "金额单位：元". It stands
# alone, after a space, or in brackets at the end of a caption ("收支表（单位：万元）");
# "填报单位：某局" is a field of the form (the unit is an organisation, not a measure).
_UNIT_RE = re.compile(
    r"(?:^|(?<=\s)|(?<=[(（]))"
    r"(?:金额|计量|数量|货币|价格|面积|资金|计价|价值|数据|统计|人数|重量|数值)?"
    r"单\s*位\s*[:：]\s*(?P<unit>[^\s:：;；。()（）]{1,10})\s*[)）]?\s*$"
)
_ORGAN_END_RE = re.compile(
    r"(局|委|厅|办|部|院|司|中心|政府|校|学|会|行|署|处|科|站|队|公司|集团)$"
)


def split_unit(text: str) -> tuple[str, str | None]:
    """A line's text and the unit it states: "收支表（单位：万元）" -> ("收支表", "万元"),
    "单位：万元" -> ("", "万元"); a line without a unit -> (text, None)."""
    text = text.strip()
    m = _UNIT_RE.search(text)
    if not m:
        return text, None
    unit = m.group("unit").rstrip("，,、")
    if not unit or (len(unit) >= 2 and _ORGAN_END_RE.search(unit)):
        return text, None
    rest = text[: m.start()].rstrip().rstrip("(（").rstrip()
    return rest, unit


def _banner_title(text: str) -> str | None:
    """The title a row across the whole table carries, None for a bare label or a field.

    "附件1：" is a label; "附件1：XX职位表" is the title after its label; "单位：万元",
    "填报日期：" are fields of the form, not titles; "XX表（单位：万元）" is the title
    "XX表" (its unit is read by :func:`split_unit`).
    """
    text = split_unit(text)[0]
    rest = ATTACHMENT_LABEL_PREFIX_RE.sub("", text, count=1).strip()
    if not rest or re.search(r"[:：]", rest):
        return None
    return rest


def _same_row(a: list[str], b: list[str]) -> bool:
    return [squash(c) for c in a] == [squash(c) for c in b]


def _repeated_rows(
    texts: list[list[str]],
    merged: list[list],
    first: int,
    header: list[list[str]],
    banners: list[list[str]],
) -> dict[int, str]:
    """Rows below the header that repeat the header (or a row above it) by hand, with
    the reason: "repeated_header" or "repeated_title".

    Word repeats marked header rows on every page by itself; writers who do not know
    the mark type the header again after each page break, and a PDF may print it on
    every page. Such a row is neither header nor data. A run of rows is dropped when
    it repeats the header rows from the first one on (all of them, or as many as the
    table goes on); a row repeating a title row (or a label, a unit) goes too. A row is
    a repeat only when it prints its text itself: rows that a vertical merge runs down
    into carry the text of the row above without repeating anything.
    """

    def printed_from(r: int, start: int) -> bool:
        return all(m is None or m[0] >= start for m in merged[r])

    dropped: dict[int, str] = {}
    r = first
    while r < len(texts):
        if (
            header
            and _same_row(texts[r], header[0])
            and printed_from(r, r)
            and sum(bool(c.strip()) for c in texts[r]) >= 2
        ):
            k = 1
            while (
                k < len(header)
                and r + k < len(texts)
                and _same_row(texts[r + k], header[k])
                and printed_from(r + k, r)
            ):
                k += 1
            dropped.update(dict.fromkeys(range(r, r + k), "repeated_header"))
            r += k
            continue
        if printed_from(r, r) and any(_same_row(texts[r], b) for b in banners):
            dropped[r] = "repeated_title"
        r += 1
    return dropped


@dataclass
class _Top:
    """What stands above a table's data: rows across it, then the header."""

    start: int  # the header's first row
    banners: list[list[str]]  # rows above the header with text (title, label, unit, field)
    titles: list[str]
    unit: str | None
    reasons: dict[int, str]  # row -> title, unit, label, field or empty
    n_header: int


def _unit_row(row: list[str]) -> tuple[str | None, str | None]:
    """(title, unit) of a row above the header that states a unit beside a title or a
    field ("某某表 | | 单位：万元", "填报单位： | 单位：元"); (None, None) for any other."""
    values = list(dict.fromkeys(c.strip() for c in row if c.strip()))
    units = [u for u in (split_unit(v)[1] for v in values) if u]
    if len(units) != 1 or len(values) > 3:
        return None, None
    titles = []
    for v in values:
        rest, unit = split_unit(v)
        if unit:
            if rest:
                titles.append(rest)
        elif not re.search(r"[:：]", v):
            titles.append(v)
    if len(titles) > 1:
        return None, None
    return (_banner_title(titles[0]) if titles else None), units[0]


def _top(texts: list[list[str]], merged: list[list], header_rows: int | None) -> _Top:
    """Where the header starts, the rows above it and what they say, its depth.

    Rows with one value across the whole width above the header: the table's title,
    an attachment label ("附件1："), the unit of its figures ("单位：万元") or a field of
    the form ("填报日期："). The title row gives the table its title and the unit row
    its unit; none of them is header or data. Empty rows there go too.
    """
    start = 0
    top = _Top(0, [], [], None, {}, 0)
    while start < len(texts) - 1:
        row = texts[start]
        if not any(c.strip() for c in row):
            top.reasons[start] = "empty"
        elif _is_title_row(texts, merged, start):
            text = next(c for c in row if c.strip())
            found, unit = _banner_title(text), split_unit(text)[1]
            if found:
                top.titles.append(found)
            top.unit = unit or top.unit
            if found:
                top.reasons[start] = "title"
            elif unit:
                top.reasons[start] = "unit"
            elif ATTACHMENT_LABEL_PREFIX_RE.sub("", text.strip(), count=1).strip():
                top.reasons[start] = "field"
            else:
                top.reasons[start] = "label"
            top.banners.append(row)
        else:
            found, unit = _unit_row(row)
            if not unit:
                break
            if found:
                top.titles.append(found)
            top.unit = unit
            top.reasons[start] = "unit"
            top.banners.append(row)
        start += 1
    top.start = start
    if header_rows:  # marked by the format (counted from the table's first row)
        top.n_header = max(1, header_rows - start)
    elif len(texts) > start + 1 and _looks_like_header(texts[start]):
        top.n_header = _header_depth(texts, merged, start)
    return top


def _grid(table: Grid) -> tuple[list[list[str]], list[list]]:
    """The texts and merge origins of a grid, every row as wide as the widest."""
    width = table.width
    texts = [[c.text for c in r] + [""] * (width - len(r)) for r in table.rows]
    merged = [[c.merged_from for c in r] + [None] * (width - len(r)) for r in table.rows]
    return texts, merged


# ---------------------------------------------------------------- layout, not data


def is_layout_table(table: Grid) -> bool:
    """True when a table carries layout, not data: its text is to be read as paragraphs.

    Writers use table cells to place things on the page. A grid is laid out, not a
    table of records, when

    - it prints at most one text: a frame around one thing (the 发文字号 typed in a
      1×1 table, a boxed note);
    - no two of its rows print two texts each, unless the one that does heads columns
      with cells of their own below it (values, or blanks of an empty form): labels
      placed around a drawing (a running track drawn with cells, its labels merged
      down the whole table);
    - it has no row naming its columns and empty rows stand between its rows of text
      (more than one: a pattern, not a record left out): pictures placed in cells,
      their captions and descriptions in other cells;
    - it is a table of contents: every row a heading and its page number, the numbers
      in order (a 目录 set in a table, or typed with tabs in a text file).

    Forms stay tables: their labels come with blanks to fill in, under a header or
    beside labels, and printed blank rows at the end of a table are rows.
    """
    if _contents(table):
        return True
    texts, merged = _grid(table)
    n_rows = len(texts)

    def printed(r: int, c: int) -> bool:
        return merged[r][c] is None and bool(texts[r][c].strip())

    count = [sum(printed(r, c) for c in range(len(texts[r]))) for r in range(n_rows)]
    if sum(count) <= 1:
        return True
    rows_of_two = [r for r in range(n_rows) if count[r] >= 2]
    if len(rows_of_two) < 2:
        if not rows_of_two:
            return True
        (h,) = rows_of_two
        labels = [c for c in range(len(texts[h])) if printed(h, c)]
        # Under a header, each column has cells of its own (values, or blanks to fill
        # in); labels merged down through the rest of the grid head no column.
        heading = [c for c in labels if any(merged[r][c] is None for r in range(h + 1, n_rows))]
        if len(heading) < 2:
            return True
    top = _top(texts, merged, table.header_rows)
    start, n_header = top.start, top.n_header
    if not n_header:
        with_text = [r for r in range(start, n_rows) if count[r]]
        inner_empty = [
            r for r in range(start, n_rows) if not count[r] and with_text[0] < r < with_text[-1]
        ]
        if len(inner_empty) >= 2:  # a pattern, not one record left out
            return True
    return False


_PAGE_NUMBER_RE = re.compile(r"\d{1,3}")


def _contents(table: Grid) -> list[str] | None:
    """A table of contents' entries ("第一章 总则\t1"), or None: at least two rows, each
    printing a heading and, in its last printed cell, a page number; the numbers never
    go down."""
    entries, last_page = [], 0
    for row in table.rows:
        cells = [c.text.strip() for c in row if c.merged_from is None and c.text.strip()]
        if not cells:
            continue
        if not 2 <= len(cells) <= 3 or not _PAGE_NUMBER_RE.fullmatch(cells[-1]):
            return None
        page = int(cells[-1])
        if page < last_page or not re.search(r"[\u4e00-\u9fff]", cells[0]):
            return None
        last_page = page
        entries.append(" ".join(cells[:-1]).replace("\n", " ") + "\t" + cells[-1])
    return entries if len(entries) >= 2 else None


def layout_lines(table: Grid) -> list[str]:
    """The text of a layout table as lines to read as paragraphs: each printed cell in
    reading order (row by row, left to right), split at its line breaks; covered slots
    repeat nothing. A table of contents gives one line an entry, its page number after
    a tab."""
    contents = _contents(table)
    if contents:
        return contents
    lines = []
    for row in table.rows:
        for cell in row:
            if cell.merged_from is None:
                lines += [line.strip() for line in cell.text.split("\n") if line.strip()]
    return lines


def build_table(
    grid: Grid,
    index: int,
    title: str | None,
    attachment: str | None,
    policy: FillPolicy,
    unit: str | None = None,
) -> tuple[Table, list[ParseWarning]]:
    """Turn a reader's grid into a clean table with provenance of every filled cell.

    ``title`` and ``unit`` are what the caller read above the table (its caption, a
    "单位：万元" line); a title row or a unit row inside the grid takes precedence.
    """
    warnings: list[ParseWarning] = []
    width = grid.width
    texts, merged = _grid(grid)
    top = _top(texts, merged, grid.header_rows)
    start, banners, titles, n_header = top.start, top.banners, top.titles, top.n_header
    # A title row inside the grid is the title, unless the caption above says it and
    # more ("…经费" in the grid under the caption "…经费支出决算表").
    if titles and not (title and squash(join_wrapped(titles)) in squash(title)):
        title = join_wrapped(titles)
    unit = top.unit or unit
    if n_header:
        header_rows = texts[start : start + n_header]
        header = []
        for col in range(width):
            parts: list[str] = []
            for hr in header_rows:
                name = join_wrapped(hr[col].split("\n"))  # a name wrapped in a narrow cell
                if name and (not parts or parts[-1] != name):
                    parts.append(name)
            header.append("/".join(parts))
    else:
        header = [f"列{i + 1}" for i in range(width)]
        warnings.append(
            ParseWarning(
                "table_without_header", f"table {index}: no header row; columns named 列1…"
            )
        )
    first = start + n_header
    repeated = _repeated_rows(texts, merged, first, texts[start:first], banners)
    body = [a for a in range(first, len(texts)) if a not in repeated]
    reasons = {**top.reasons, **repeated}
    dropped_rows = [DroppedRow(r + 1, reasons[r]) for r in sorted(reasons)]
    # A row the format merges across the whole table is a group heading ("一、市级活动"),
    # not a data row: it names the rows below it.
    # One with no data row below it (a form's closing box) stays a row.
    across = {
        a
        for a in body
        if width >= 2
        and texts[a][0].strip()
        and all(merged[a][c] == (a, 0) for c in range(1, width))
    }
    last_data = max((a for a in body if a not in across), default=-1)
    groups: list[Group] = []
    data_rows: list[int] = []  # absolute indexes of the data rows
    for a in body:
        if a in across and a < last_data:
            groups.append(Group(len(data_rows) + 1, texts[a][0].strip()))
        else:
            data_rows.append(a)
    index_of = {a: k for k, a in enumerate(data_rows)}
    rows = [list(texts[a]) for a in data_rows]
    src_merged = [merged[a] for a in data_rows]
    group_starts = {g.row - 1 for g in groups}
    filled: list[FilledCell] = []
    origin: dict[tuple[int, int], tuple[int, int]] = {}  # (row, col) -> where the value is printed

    # Recorded merges first: facts, in every column.
    for r, _row in enumerate(rows):
        for c in range(width):
            src = src_merged[r][c]
            if src is None:
                continue
            sr, sc = src
            value = texts[sr][sc]
            from_row = index_of.get(sr)
            if from_row is None:  # merged into a header, title or group row: not data
                continue
            rows[r][c] = value
            fr, fc = origin[(r, c)] = origin.get((from_row, sc), (from_row, sc))
            filled.append(FilledCell(r + 1, c + 1, header[c], fr + 1, fc + 1, "merged"))

    fill_cols = [c for c in range(width) if policy.fills(header[c])]
    for c in fill_cols:
        for r in range(1, len(rows)):
            if rows[r][c].strip() or not any(v.strip() for v in rows[r]) or r in group_starts:
                continue  # filled, an empty row, or the first row of a new group
            above = rows[r - 1][c]
            if not above.strip():
                continue
            rows[r][c] = above
            fr, fc = origin[(r, c)] = origin.get((r - 1, c), (r - 1, c))
            filled.append(FilledCell(r + 1, c + 1, header[c], fr + 1, fc + 1, "blank"))
    filled.sort(key=lambda f: (f.row, f.col))
    table = Table(
        index=index,
        title=title,
        attachment=attachment,
        header=header,
        rows=rows,
        filled=filled,
        unit=unit,
        fill_columns=[header[c] for c in fill_cols],
        groups=groups,
        dropped_rows=dropped_rows,
    )
    return table, warnings
