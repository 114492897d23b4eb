"""The data model: what readers produce (blocks) and what the segmenter builds (Notice).

Readers know formats, not notices: they return a :class:`Document`, an ordered list
of :class:`Paragraph` and :class:`Grid` blocks. The segmenter knows notices, not
formats: it turns those blocks into a :class:`Notice`. Writers only read a Notice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = "1.0"


# ---------------------------------------------------------------- blocks (reader output)


@dataclass
class Paragraph:
    """One paragraph of text as the format gives it (a line of a .txt file)."""

    text: str
    # What the format can tell beyond the text; a .txt reader leaves these unset.
    bold: bool | None = None
    size: float | None = None  # points (the paragraph's main size)
    align: str | None = None  # "left", "center", "right", "justify"
    # First-line indent: points from Word and PDF (negative for a hanging indent);
    # leading spaces in a .txt line.
    indent: float | None = None
    left_indent: float | None = None  # points from the text column's left edge
    space_before: float | None = None  # points of vertical space above, where known
    page: int | None = None
    # A numbering label the format generated (Word's w:numPr), e.g. "一、".
    label: str | None = None
    # The source had a blank line (or vertical space) before this paragraph.
    gap_before: bool = False
    # Read by OCR: the mean confidence (0-1) of its text; None for a text layer.
    confidence: float | None = None


@dataclass
class Cell:
    """One slot of a :class:`Grid`.

    ``merged_from`` is set when the format records that this slot is covered by a
    merge (Word vMerge, a PDF cell spanning rows): it holds the (row, col) of the
    slot that carries the value. Plain text never records merges.
    """

    text: str
    merged_from: tuple[int, int] | None = None
    confidence: float | None = None  # read by OCR: the mean confidence (0-1) of its text


@dataclass
class Grid:
    """A table as a reader found it: a grid of cells, row-major, every row as wide as the
    widest, merges recorded but nothing interpreted. :func:`pipeline.tables.build_table`
    turns it into a :class:`Table` (header, data rows, filled cells)."""

    rows: list[list[Cell]]
    page: int | None = None
    # Number of leading rows the format marks as header rows (Word w:tblHeader).
    header_rows: int | None = None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Paragraph | Grid


@dataclass
class Document:
    """A reader's result: the blocks in reading order plus what it learnt of the file."""

    blocks: list[Block]
    format: str
    encoding: str | None = None
    warnings: list[ParseWarning] = field(default_factory=list)
    # What OCR read, when it read anything: engine and model versions, the pages, the
    # mean confidence per page and per paragraph (see readers/ocr.py).
    ocr: dict | None = None


# ---------------------------------------------------------------- the notice (segmenter output)


@dataclass
class ParseWarning:
    """Something the reader or segmenter could not do as expected."""

    code: str
    message: str


@dataclass
class Source:
    path: str
    name: str
    format: str
    sha256: str
    size: int
    encoding: str | None = None
    # Set when pages were read by OCR: {"engine", "models", "pages", "confidence",
    # "paragraphs": [{"page", "text", "confidence"}…]}; None for a text layer.
    ocr: dict | None = None


@dataclass
class Section:
    """A numbered part of the body: 一、 (level 1), （一） (2), 1. (3), （1） (4).

    Regulations number by 第X章 (1), 第X节 (2), 第X条 (3), and under an article （一） (4),
    1. (5), （1） (6).
    """

    level: int  # rank of its numbering style (see kind); regulations rank 章 1, 节 2, 条 3
    kind: str  # numbering style: "章", "节", "条", "一、", "（一）", "1.", "（1）"
    number: str  # as written, without its punctuation: "一", "1"
    heading: str
    text: str = ""
    children: list[Section] = field(default_factory=list)


@dataclass
class Attachment:
    """An attachment as the 附件说明 lists it, and where its content was found."""

    label: str  # "附件", "附件1"
    title: str
    # 1-based indexes into Notice.tables of the tables found in this attachment.
    tables: list[int] = field(default_factory=list)
    found: bool = False  # its content (not only its mention) is in the document
    # Its text, when it has some (a 方案, the 办法 a notice issues): as the body's.
    preamble: str = ""
    sections: list[Section] = field(default_factory=list)


@dataclass
class FilledCell:
    """A table cell whose value the pipeline supplied, with its provenance.

    ``row``/``from_row`` count data rows from 1 (the header is not a row);
    ``col``/``from_col`` count columns from 1. (``from_row``, ``from_col``) is the
    cell where the value is printed. ``reason`` is "blank" (an empty cell in a fill-down column) or
    "merged" (the format records a merge covering the cell).
    """

    row: int
    col: int
    column: str
    from_row: int
    from_col: int
    reason: str


@dataclass
class Table:
    """A table of the notice as extracted from a reader's :class:`Grid`: its header, its data
    rows with blank fill-down cells filled, and what was filled and dropped, and why."""

    index: int  # 1-based, in document order; NAME.table01.csv for index 1
    title: str | None
    attachment: str | None  # label of the attachment holding it, e.g. "附件1"
    header: list[str]
    rows: list[list[str]]
    # The unit its figures are in, from a "单位：万元" line above it or a row of its own
    # ("万元"); None when the table does not say.
    unit: str | None = None
    filled: list[FilledCell] = field(default_factory=list)
    fill_columns: list[str] = field(default_factory=list)
    # Group headings: a row merged across the table names the rows from ``row`` on.
    groups: list[dict] = field(default_factory=list)
    # Rows of the grid as read that are neither header, data nor group heading, and why:
    # {"row": 12, "reason": "repeated_header"}, ``row`` counting the grid's rows from 1.
    dropped_rows: list[dict] = field(default_factory=list)
    # Normalised values (pipeline.enrich), next to the raw cells they come from.
    times: list[dict] = field(default_factory=list)
    units: list[dict] = field(default_factory=list)
    topics: list[dict] = field(default_factory=list)


@dataclass
class Reference:
    """A document the notice cites: 《title》（doc_number）."""

    title: str
    doc_number: str | None = None


@dataclass
class Contact:
    name: str | None = None
    unit: str | None = None
    phone: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)
    text: str = ""  # the passage it was read from


@dataclass
class Notice:
    source: Source
    copy_number: str | None = None  # 份号
    secrecy: str | None = None  # 密级和保密期限
    urgency: str | None = None  # 紧急程度
    masthead: str | None = None  # 发文机关标志
    doc_number: str | None = None  # 发文字号
    signer: list[str] = field(default_factory=list)  # 签发人
    title: str | None = None  # 标题
    issuer: str | None = None
    issuer_from: str | None = None  # where issuer was read: title, masthead, signature
    doc_type: str | None = None
    recipients: list[str] = field(default_factory=list)  # 主送机关
    preamble: str = ""  # body text before the first numbered section
    sections: list[Section] = field(default_factory=list)
    toc: list[str] = field(default_factory=list)  # 目录 printed before the body
    attachments: list[Attachment] = field(default_factory=list)  # 附件说明
    signatories: list[str] = field(default_factory=list)  # 发文机关署名
    date: str | None = None  # 成文日期, ISO
    date_raw: str | None = None
    notes: list[str] = field(default_factory=list)  # 附注
    cc: list[str] = field(default_factory=list)  # 抄送机关
    printed_by: str | None = None  # 印发机关
    printed_date: str | None = None
    printed_date_raw: str | None = None
    references: list[Reference] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    deadlines: list[dict] = field(default_factory=list)  # "于6月14日前报送" in the body
    tables: list[Table] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        from . import __version__

        data = asdict(self)
        return {"schema_version": SCHEMA_VERSION, "pipeline_version": __version__, **data}

    def to_json(self, indent: bool = True) -> str:
        """The notice as JSON text, indented by two spaces unless ``indent=False``.

        The same text as ``json.dumps(self.to_dict(), ensure_ascii=False, indent=2)``,
        written by orjson: it serialises the dataclasses as they are, in C, with no deep
        copy (the standard library's encoder is pure Python when it indents).
        """
        import orjson

        from . import __version__

        data = {"schema_version": SCHEMA_VERSION, "pipeline_version": __version__}
        data.update((f.name, getattr(self, f.name)) for f in fields(self))
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0).decode("utf-8")
