"""Plain-text reader: encoding, line ends, paragraphs and the two tab table layouts.

Layout (a), one cell per line, as a notice copied out of Word comes::

    <TAB>序号
    <TAB>活动名称
    <blank line>           <- ends a row
    <TAB>1
    <TAB>主办单位：市局
    承办单位：浦东新区…    <- no leading tab: continues the cell above ("\\n")
    <TAB>                  <- a tab alone is an empty cell

Layout (b), one row per line, cells separated by tabs (a copy out of a
spreadsheet); consecutive tabs are empty cells.

Every other non-blank line is a paragraph.
"""

from __future__ import annotations

from ..encoding import decode
from ..errors import EmptyFile, UndecodableText
from ..model import Cell, Document, Grid, Paragraph, ParseWarning
from ..text import normalize_spaces


def _clean(cell: str) -> str:
    return cell.strip(" ")


def _kind(line: str, in_row_table: bool) -> str:
    """Classify a line: blank, cell (layout a), row (layout b) or text."""
    if "\t" not in line:
        return "blank" if not line.strip() else "text"
    parts = line.split("\t")
    if in_row_table:
        return "row"
    if len(parts) == 2 and not parts[0].strip():
        return "cell"
    if len(parts) == 2 and not parts[1].strip():
        return "text"  # a trailing tab after text is not a table
    return "row"


def _grid(rows: list[list[str]], line: int, warnings: list[ParseWarning]) -> Grid:
    """Pad rows to the table's width; say so when a row is shorter or longer than the first."""
    width = max(len(r) for r in rows)
    for k, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            warnings.append(
                ParseWarning(
                    "ragged_row",
                    f"table at line {line}: row {k} has {len(row)} cells,"
                    f" the first row {len(rows[0])}",
                )
            )
    return Grid(rows=[[Cell(_clean(c)) for c in r] + [Cell("")] * (width - len(r)) for r in rows])


def parse_lines(lines: list[str]) -> tuple[list, list[ParseWarning]]:
    """Turn normalised lines into blocks."""
    blocks: list = []
    warnings: list[ParseWarning] = []
    i, n = 0, len(lines)
    gap = False
    while i < n:
        line = lines[i]
        kind = _kind(line, False)
        if kind == "blank":
            gap = True
            i += 1
        elif kind == "text":
            text = line.strip()
            indent = len(line) - len(line.lstrip(" "))
            blocks.append(Paragraph(text=text, indent=float(indent), gap_before=gap))
            gap = False
            i += 1
        elif kind == "cell":
            start = i
            rows, i = _read_cell_table(lines, i)
            blocks.append(_grid(rows, start + 1, warnings))
            gap = False
        else:
            start = i
            rows = []
            while i < n and _kind(lines[i], bool(rows)) == "row":
                rows.append(lines[i].split("\t"))
                i += 1
            blocks.append(_grid(rows, start + 1, warnings))
            gap = False
    return blocks, warnings


def _read_cell_table(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """Layout (a): read rows of one-cell lines from line i; return the rows and the next line."""
    rows: list[list[str]] = []
    row: list[str] = []
    n = len(lines)
    while i < n:
        kind = _kind(lines[i], False)
        if kind == "cell":
            row.append(lines[i].split("\t", 1)[1].strip(" "))
            i += 1
        elif kind == "text" and row:
            row[-1] = f"{row[-1]}\n{lines[i].strip()}" if row[-1] else lines[i].strip()
            i += 1
        elif kind == "blank":
            if row:
                rows.append(row)
                row = []
            j = i
            while j < n and _kind(lines[j], False) == "blank":
                j += 1
            if j < n and _kind(lines[j], False) == "cell":
                i = j
                continue
            break
        else:
            break
    if row:
        rows.append(row)
    return rows, i


def split_lines(text: str) -> list[str]:
    """CRLF, CR and LF line ends; odd spaces made ASCII."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return normalize_spaces(text).split("\n")


def read_txt(path: str, data: bytes) -> Document:
    if not data.strip():
        raise EmptyFile(path, "the file is empty")
    decoded = decode(data)
    if decoded is None:
        raise UndecodableText(
            path, "the file is not readable text (binary data or an unknown encoding)"
        )
    text, encoding = decoded
    blocks, warnings = parse_lines(split_lines(text))
    return Document(blocks=blocks, format="txt", encoding=encoding, warnings=warnings)
