"""Table logic on the grid, whatever the format: header, title row, merges and fill-down.

Policy (see docs/architecture.md): a merge the format records is a fact, so every
covered cell gets the merged value (reason "merged"); a blank is a question, so only
responsible-unit columns (负责单位, 责任单位, 牵头单位…) and the columns the user
names are filled from the row above (reason "blank"). Every filled cell is listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Cell, FilledCell, ParseWarning, Table, TableData
from .text import join_wrapped, squash

# A responsible-unit column: a role word and a unit word, e.g. 负责单位, 牵头部门, 责任主体.
# 配合/协办/参与 (supporting units) are left out: a blank there usually means "none".
_ROLE = "负责|责任|牵头|主办|承办|实施|主责|组织|执行|落实|办理"
_UNIT = "单位|部门|处室|机构|主体|机关|科室"
RESPONSIBLE_RE = re.compile(rf"(?:{_ROLE}).{{0,4}}(?:{_UNIT})|(?:{_UNIT})[（(]?(?:{_ROLE})")


def is_responsible_column(name: str) -> bool:
    """True for 负责单位, 责任单位, 牵头单位, 主办单位, 承办单位, 实施单位 and their variants."""
    return bool(RESPONSIBLE_RE.search(squash(name)))


@dataclass(frozen=True)
class FillPolicy:
    """Which blank cells are filled from the row above.

    ``enabled`` False turns blank-filling off (recorded merges still give their value:
    the format says the cell holds it). ``columns`` adds columns by header name.
    """

    enabled: bool = True
    columns: tuple[str, ...] = ()

    def fills(self, header: str) -> bool:
        if not self.enabled:
            return False
        return is_responsible_column(header) or squash(header) in {squash(c) for c in self.columns}


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


def _is_title_row(row: list[str]) -> bool:
    values = {squash(c) for c in row if c.strip()}
    return len(row) >= 3 and len(values) == 1


# A label printed above an attachment's title ("附件1：", "附表 2", "附件三"): not its title.
_LABEL_RE = re.compile(r"^附\s*[件表录]\s*[\d０-９一二三四五六七八九十]{0,3}\s*[:：]?\s*")


def _banner_title(text: str) -> str | None:
    """The title a row across the whole table carries, None for a bare label or a field.

    "附件1：" is a label; "附件1：XX职位表" is the title after its label; "单位：万元",
    "填报日期：" are fields of the form, not titles.
    """
    text = text.strip()
    rest = _LABEL_RE.sub("", text, count=1).strip()
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
) -> set[int]:
    """Rows below the header that repeat the header (or a title row) by hand.

    Word repeats marked header rows on every page by itself; writers who do not know
    the mark type the header again after each page break, and a PDF may print it on
    every page. Such a row is neither header nor data. A run of rows is dropped when
    it repeats the header rows from the first one on (all of them, or as many as the
    table goes on); a row repeating a title row goes too. A row is a repeat only when
    it prints its text itself: rows that a vertical merge runs down into carry the
    text of the row above without repeating anything.
    """

    def printed_from(r: int, start: int) -> bool:
        return all(m is None or m[0] >= start for m in merged[r])

    dropped: set[int] = set()
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
            dropped.update(range(r, r + k))
            r += k
            continue
        if printed_from(r, r) and any(_same_row(texts[r], b) for b in banners):
            dropped.add(r)
        r += 1
    return dropped


def _top(
    texts: list[list[str]], merged: list[list], header_rows: int | None
) -> tuple[int, list[list[str]], list[str], int]:
    """Where the header starts, the rows above it, the titles they give, its depth.

    Rows with one value across the whole width above the header: the table's title,
    an attachment label ("附件1：") or a field of the form ("单位：万元"). The title row
    gives the table its title; none of them is header or data. Empty rows there go too.
    """
    start = 0
    banners: list[list[str]] = []
    titles: list[str] = []
    while start < len(texts) - 1 and (
        not any(c.strip() for c in texts[start]) or _is_title_row(texts[start])
    ):
        row = texts[start]
        if any(c.strip() for c in row):
            banners.append(row)
            found = _banner_title(next(c for c in row if c.strip()))
            if found:
                titles.append(found)
        start += 1
    if header_rows:  # marked by the format (counted from the table's first row)
        n_header = max(1, header_rows - start)
    elif len(texts) > start + 1 and _looks_like_header(texts[start]):
        n_header = _header_depth(texts, merged, start)
    else:
        n_header = 0
    return start, banners, titles, n_header


def _grid(table: Table) -> tuple[list[list[str]], list[list]]:
    """The texts and merge origins of a grid, every row as wide as the widest."""
    width = table.width
    texts = [[c.text for c in r] + [""] * (width - len(r)) for r in table.rows]
    merged = [[c.merged_from for c in r] + [None] * (width - len(r)) for r in table.rows]
    return texts, merged


# ---------------------------------------------------------------- layout, not data


def is_layout_table(table: Table) -> bool:
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
    start, _, _, n_header = _top(texts, merged, table.header_rows)
    if not n_header:
        with_text = [r for r in range(start, n_rows) if count[r]]
        inner_empty = [
            r for r in range(start, n_rows) if not count[r] and with_text[0] < r < with_text[-1]
        ]
        if len(inner_empty) >= 2:  # a pattern, not one record left out
            return True
    return False


_PAGE_NUMBER_RE = re.compile(r"\d{1,3}")


def _contents(table: Table) -> list[str] | None:
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


def layout_lines(table: Table) -> list[str]:
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
    grid: Table,
    index: int,
    title: str | None,
    attachment: str | None,
    policy: FillPolicy,
) -> tuple[TableData, list[ParseWarning]]:
    """Turn a reader's grid into a clean table with provenance of every filled cell."""
    warnings: list[ParseWarning] = []
    width = grid.width
    texts, merged = _grid(grid)
    start, banners, titles, n_header = _top(texts, merged, grid.header_rows)
    if titles:
        title = join_wrapped(titles)
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
    groups: list[dict] = []
    data_rows: list[int] = []  # absolute indexes of the data rows
    for a in body:
        if a in across and a < last_data:
            groups.append({"row": len(data_rows) + 1, "title": texts[a][0].strip()})
        else:
            data_rows.append(a)
    index_of = {a: k for k, a in enumerate(data_rows)}
    rows = [list(texts[a]) for a in data_rows]
    src_merged = [merged[a] for a in data_rows]
    group_starts = {g["row"] - 1 for g in groups}
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
    table = TableData(
        index=index,
        title=title,
        attachment=attachment,
        header=header,
        rows=rows,
        filled=filled,
        fill_columns=[header[c] for c in fill_cols],
        groups=groups,
    )
    return table, warnings
