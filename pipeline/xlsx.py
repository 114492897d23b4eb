"""Excel outputs (``--xlsx``): ``NAME.xlsx`` beside a notice's JSON, ``dataset/dataset.xlsx``.

A notice's workbook has a first sheet ``notice`` with its parts (source, title, 发文字号,
issuer, 文种, 成文日期, 主送机关 one a row, attachments, warnings, and the list of its
tables), then one sheet per table, ``table01``, ``table02``… as its CSVs are named. The
dataset's has the sheets ``documents`` and ``rows``, the columns of documents.csv and
rows.csv. Every sheet: the header in bold and frozen (with a filter), columns as wide as
their content (a CJK character counts twice; at most :data:`MAX_WIDTH`, longer cells
wrap), line breaks inside a cell kept, values as the JSON has them (text stays text,
"1" too; counts and true/false are numbers and booleans), lists joined with "；".

A cell the pipeline filled from the row above (``filled`` in the JSON: a blank cell of a
fill-down column, or a cell a merge of the source covers) is shaded and carries a note
(an Excel comment) naming the row and column its value comes from and why, in Chinese
and English: an archivist sees at a glance what the notice printed and what we inferred.

Written with xlsxwriter (measured against openpyxl: scripts/bench_xlsx.py), into memory,
so that the workbook goes through the same atomic write as every other output; the
dataset's in xlsxwriter's constant-memory mode (rows streamed to a temporary file as
they are written). Text longer than a cell holds (32,767 characters) is cut, with a
note saying so; a sheet longer than Excel's 1,048,576 rows goes on in ``rows (2)``….
"""

from __future__ import annotations

import io
import unicodedata

from .model import FilledCell, Notice

MAX_WIDTH = 60  # a column's width at most (in widths of a Latin character); cells wrap
MIN_WIDTH = 6
SHADE = "#FFF2CC"  # filled cells: a light yellow
CELL_LIMIT = 32767  # characters a cell holds
ROW_LIMIT = 1048576  # rows a sheet holds (the header's included)
COLUMN_LIMIT = 16384
LIST_SEPARATOR = "；"
AUTHOR = "notice-pipeline"

REASONS = {  # a filled cell's reason: (Chinese, English)
    "merged": ("原文中此格与上方单元格合并", "the source merges this cell with the one above"),
    "blank": (
        "原文此格空白，按向下填充的列规则取上方的值",
        "blank in the source, filled down (a fill-down column)",
    ),
}


def _xlsxwriter():
    try:
        import xlsxwriter
    except ImportError:  # a core dependency: only a broken install gets here
        raise ImportError(
            "Excel output (--xlsx) needs the xlsxwriter package: pip install xlsxwriter"
        ) from None
    return xlsxwriter


def display_width(text: str) -> int:
    """The width of the longest line of ``text``, a wide (CJK) character counting two;
    counted no further than :data:`MAX_WIDTH`."""
    widest = 0
    for line in text.split("\n"):
        if len(line) >= MAX_WIDTH:
            return MAX_WIDTH
        if line.isascii():
            width = len(line)
        else:
            width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        widest = max(widest, width)
    return widest


def cell_text(value) -> object:
    """A value as a cell shows it: lists joined with "；", None as an empty cell."""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    return value


def fill_note(filled: FilledCell, header: list[str], where: str | None = None) -> str:
    """The note of a filled cell: where its value comes from, and why.

    ``filled`` is an entry of a table's ``filled`` (rows counted from 1 below the header);
    ``where`` names the table in the dataset's sheet ("x.docx 表1"); without it the row is
    this sheet's: data row 3 is sheet row 4.
    """
    from_col = filled.from_col or filled.col
    column = header[from_col - 1] if 0 < from_col <= len(header) else filled.column
    row = filled.from_row
    reason = filled.reason
    zh, en = REASONS.get(reason, (reason, reason))
    if where is None:
        zh_from = f"取自第{row + 1}行（数据第{row}行）“{column}”"
        en_from = f"filled from sheet row {row + 1} (data row {row}), column {column}"
    else:
        zh_from = f"取自{where}的数据第{row}行“{column}”"
        en_from = f"filled from data row {row} of {where}, column {column}"
    return f"{zh_from}：{zh}（{reason}）\n{en_from}: {en} ({reason})"


class _Book:
    """An xlsxwriter workbook written to memory, with the formats every sheet uses."""

    def __init__(self, constant_memory: bool = False):
        xlsxwriter = _xlsxwriter()
        self.buffer = io.BytesIO()
        options = {"strings_to_formulas": False, "strings_to_urls": False}
        options.update({"constant_memory": True} if constant_memory else {"in_memory": True})
        self.book = xlsxwriter.Workbook(self.buffer, options)
        common = {"valign": "top", "text_wrap": True}
        self.header = self.book.add_format({**common, "bold": True, "bottom": 1})
        self.plain = self.book.add_format(common)
        self.shaded = self.book.add_format({**common, "bg_color": SHADE})

    def sheet(
        self,
        name: str,
        header: list[str],
        rows: list[list],
        notes: dict[tuple[int, int], str] | None = None,
    ) -> list[str]:
        """Write ``rows`` under ``header`` as the sheet ``name`` (and ``name (2)``… past
        Excel's last row); ``notes`` by (data row, column) from 0: shaded cells with a
        comment. Returns the names of the sheets written."""
        notes = notes or {}
        header = list(header)
        dropped = len(header) - COLUMN_LIMIT
        if dropped > 0:  # never met in practice: say so rather than fail the dataset
            header = header[:COLUMN_LIMIT]
            rows = [row[:COLUMN_LIMIT] for row in rows]
        widths = _widths(header, rows)
        per_sheet = ROW_LIMIT - 1
        names = []
        for part, start in enumerate(range(0, max(len(rows), 1), per_sheet), start=1):
            title = name if part == 1 else f"{name} ({part})"
            names.append(title)
            ws = self.book.add_worksheet(title)
            ws.freeze_panes(1, 0)
            for c, width in enumerate(widths):
                ws.set_column(c, c, width)
            chunk = rows[start : start + per_sheet]
            if header:
                ws.autofilter(0, 0, len(chunk), len(header) - 1)
                # text that reads as a number ("1", a 序号) is text here, as in the JSON
                ws.ignore_errors({"number_stored_as_text": f"A1:XFD{len(chunk) + 1}"})
            for c, value in enumerate(header):
                self.write(ws, 0, c, value, self.header)
            if dropped > 0:
                ws.write_comment(
                    0,
                    len(header) - 1,
                    f"另有{dropped}列超出Excel的列数，见CSV或Parquet\n"
                    f"{dropped} more columns than Excel holds: see the CSV or Parquet",
                    {"author": AUTHOR},
                )
            for r, row in enumerate(chunk, start=1):
                for c, value in enumerate(row):
                    note = notes.get((start + r - 1, c))
                    self.write(ws, r, c, value, self.shaded if note else self.plain, note)
        return names

    def write(self, ws, row: int, col: int, value, fmt, note: str | None = None) -> None:
        value = cell_text(value)
        if value is None or value == "":
            if note:
                ws.write_blank(row, col, None, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, fmt)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, fmt)
        else:
            value = str(value)
            if len(value) > CELL_LIMIT:
                cut = f"截断：原文{len(value)}字，此格只存前{CELL_LIMIT}字（见JSON）\n"
                cut += f"cut: {len(value)} characters, a cell holds {CELL_LIMIT} (see the JSON)"
                note = f"{note}\n{cut}" if note else cut
                value = value[:CELL_LIMIT]
            ws.write_string(row, col, value, fmt)
        if note:
            ws.write_comment(row, col, note, {"author": AUTHOR, "x_scale": 2.5, "y_scale": 1.6})

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _widths(header: list[str], rows: list[list]) -> list[float]:
    widths = [display_width(str(h or "")) for h in header]
    for row in rows:
        for c, value in enumerate(row[: len(widths)]):
            if widths[c] >= MAX_WIDTH or value is None:
                continue
            text = cell_text(value)
            width = display_width(text) if isinstance(text, str) else len(str(text))
            if width > widths[c]:
                widths[c] = width
    # two more for the filter's button and the cell's margins
    return [min(MAX_WIDTH, max(MIN_WIDTH, w + 2)) for w in widths]


# ---------------------------------------------------------------- a notice


def table_sheet(index: int, tables: int) -> str:
    """The sheet of table ``index`` (of ``tables``): named as its CSV, ``table01``…"""
    from .writers import table_tag

    return table_tag(index, tables)


NOTICE_HEADER = ["field", "部分", "value", "", "", ""]


def notice_rows(doc: Notice) -> list[list]:
    """The lines of the ``notice`` sheet: field (the JSON's key), its Chinese name, the
    value, then what else the item has (a list item is a line of its own)."""
    count = len(doc.tables)
    rows: list[list] = [
        ["source", "来源", doc.source.path, doc.source.format],
        ["title", "标题", doc.title],
        ["doc_number", "发文字号", doc.doc_number],
        ["issuer", "发文机关", doc.issuer, doc.issuer_from],
        ["doc_type", "文种", doc.doc_type],
        ["date", "成文日期", doc.date, doc.date_raw],
    ]
    rows += [["recipients", "主送机关", r] for r in doc.recipients]
    for a in doc.attachments:
        sheets = [table_sheet(k, count) for k in a.tables]
        rows.append(["attachments", "附件", a.title, a.label, sheets, a.found])
    for w in doc.warnings:
        rows.append(["warnings", "警告", w.message, w.code])
    for t in doc.tables:
        rows.append(
            ["tables", "表格", table_sheet(t.index, count), t.title, t.attachment, len(t.rows)]
        )
    return rows


def notice_xlsx(doc: Notice) -> bytes:
    """The workbook of one notice as bytes."""
    book = _Book()
    book.sheet("notice", NOTICE_HEADER, notice_rows(doc))
    for t in doc.tables:
        notes = {(f.row - 1, f.col - 1): fill_note(f, t.header) for f in t.filled}
        book.sheet(table_sheet(t.index, len(doc.tables)), t.header, t.rows, notes)
    return book.close()


# ---------------------------------------------------------------- the dataset


def dataset_xlsx(
    documents: tuple[list[str], list[dict]],
    rows: tuple[list[str], list[dict]],
    notes: list[dict[str, str]],
) -> bytes:
    """The dataset's workbook: ``documents`` and ``rows`` (each: columns, records) as
    sheets; ``notes`` has, for each row record, the notes of its filled columns by
    column name."""
    book = _Book(constant_memory=True)
    for name, (columns, records) in (("documents", documents), ("rows", rows)):
        at = {c: k for k, c in enumerate(columns)}
        cells = {}
        if name == "rows":
            for r, by_column in enumerate(notes):
                for column, note in by_column.items():
                    if column in at:
                        cells[(r, at[column])] = note
        book.sheet(name, columns, [[rec.get(c) for c in columns] for rec in records], cells)
    return book.close()
