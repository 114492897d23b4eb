"""The data model: what readers produce (blocks) and what the segmenter builds (Notice).

Readers know formats, not notices: they return a :class:`Document`, an ordered list
of :class:`Paragraph` and :class:`Grid` blocks. The segmenter knows notices, not
formats: it turns those blocks into a :class:`Notice`. Writers only read a Notice.
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields
from typing import Any, Literal

# The version of the JSON the model writes, and of schemas/notice.schema.json generated from
# it (pipeline/schema.py). docs/outputs.md#schema-versions says when it changes: a key added
# is a minor change (1.0 -> 1.1), a key removed or renamed, or a value that changes meaning,
# a major one (1.x -> 2.0).
SCHEMA_VERSION = "1.1"


def spec(
    description: str | None = None, *, default: Any = MISSING, factory: Any = MISSING, **schema
):
    """A dataclass field with what the JSON Schema says of it beyond its type.

    ``description`` becomes the property's description; keyword arguments are JSON Schema
    keywords added to the generated type (``minimum=1``, ``pattern=...``, ``format="date"``).
    """
    metadata: dict[str, Any] = {}
    if description:
        metadata["description"] = description
    if schema:
        metadata["schema"] = schema
    if factory is not MISSING:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


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
#
# Every class below is written to JSON by Notice.to_json() and described by the JSON Schema
# that pipeline/schema.py generates from it: the field's type gives the JSON type, spec()
# its description and constraints, a class's docstring (first paragraph) the object's.

Format = Literal["txt", "docx", "pdf", "doc", "wps", "image"]
SectionKind = Literal["章", "节", "条", "一、", "（一）", "1.", "（1）"]
FillReason = Literal["blank", "merged"]
DropReason = Literal[
    "title", "unit", "label", "field", "empty", "repeated_header", "repeated_title"
]
TimeKind = Literal[
    "day",
    "days",
    "range",
    "dekad",
    "month",
    "months",
    "quarter",
    "half",
    "year",
    "approximate",
    "ongoing",
    "deadline",
    "unparsed",
]
ROW = "Data row, from 1 (the header is not a row)."
COL = "Column, from 1."
COLUMN = "Header of the column."


@dataclass
class ParseWarning:
    """Something the reader or segmenter could not do as expected (docs/warnings.md lists
    the codes)."""

    code: str = spec("What happened, e.g. no_title, unparsed_times.")
    message: str = spec("What happened to this document, in words.")


@dataclass
class Source:
    """The input file."""

    path: str = spec("The input path as given.")
    name: str = spec("The input's file name, extension included.")
    format: Format = spec("The format read (from the bytes; the name when they cannot tell).")
    sha256: str = spec("SHA-256 of the file's bytes.", pattern="^[0-9a-f]{64}$")
    size: int = spec("Bytes.", minimum=0)
    encoding: str | None = spec(
        "Text encoding found (txt), e.g. utf-8, utf-8-sig, gb18030, utf-16.", default=None
    )
    ocr: dict | None = spec(
        "Set when pages were read by OCR (a scan, an image): the engine and model versions, "
        "the pages read, their mean confidence and each paragraph's; null for a text layer.",
        default=None,
        properties={
            "engine": {"type": "string"},
            "models": {"type": "object"},
            "pages": {"type": "array", "items": {"type": "integer"}},
            "confidence": {
                "type": ["number", "null"],
                "description": "Mean confidence (0-1) of the text OCR read.",
            },
            "page_confidence": {"type": "object"},
            "paragraphs": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "page": {"type": ["integer", "null"]},
                        "text": {"type": "string"},
                        "confidence": {"type": ["number", "null"]},
                    },
                    "required": ["text", "confidence"],
                },
            },
        },
        required=["engine", "pages", "confidence"],
    )


@dataclass
class Section:
    """A numbered part of the body: 一、 (level 1), （一） (2), 1. (3), （1） (4).

    Regulations number by 第X章 (1), 第X节 (2), 第X条 (3), and under an article （一） (4),
    1. (5), （1） (6).
    """

    level: int = spec(
        "Rank of the numbering style: 1 一、 2 （一） 3 1. 4 （1）; in regulations 1 第X章 "
        "2 第X节 3 第X条 4 （一） 5 1. 6 （1）.",
        minimum=1,
        maximum=7,
    )
    kind: SectionKind = spec("The numbering style of the heading.")
    number: str = spec("As written without punctuation: 一, 1.")
    heading: str = spec("The heading; empty when the numbered paragraph has none.")
    text: str = spec(
        "Text under the heading before its first subsection; paragraphs joined by newlines.",
        default="",
    )
    children: list[Section] = spec("Its subsections.", factory=list)


@dataclass
class Attachment:
    """An attachment as the 附件说明 lists it, and where its content was found."""

    label: str = spec("附件 or 附件1, 附件2…")
    title: str = spec("Its title as the 附件说明 gives it.")
    tables: list[int] = spec(
        "Indexes of its tables in tables[] (1-based).", factory=list, items={"minimum": 1}
    )
    found: bool = spec(
        "The attachment's content (not only its mention) is in the document.", default=False
    )
    preamble: str = spec("Its text before its first numbered section.", default="")
    sections: list[Section] = spec("Its numbered sections, as the body's.", factory=list)


@dataclass
class FilledCell:
    """A table cell whose value the pipeline supplied, with its provenance.

    ``row``/``from_row`` count data rows from 1 (the header is not a row);
    ``col``/``from_col`` count columns from 1. (``from_row``, ``from_col``) is the
    cell where the value is printed.
    """

    row: int = spec(ROW, minimum=1)
    col: int = spec(COL, minimum=1)
    column: str = spec(COLUMN)
    from_row: int = spec("The data row where the value is printed.", minimum=1)
    from_col: int = spec(
        "The column where the value is printed (differs from col in a horizontal merge).",
        minimum=1,
    )
    reason: FillReason = spec(
        "blank: empty cell in a fill-down column; merged: the format records a merge over the cell."
    )


@dataclass
class Group:
    """A group heading: a row merged across the whole table ("一、市级活动") names the data
    rows from ``row`` on; it is not a data row."""

    row: int = spec("The first data row of the group.", minimum=1)
    title: str = spec("The heading as printed.")


@dataclass
class DroppedRow:
    """A row of the grid as read that is neither header, data nor group heading, and why."""

    row: int = spec("Row of the grid as read, from 1 (header rows included).", minimum=1)
    reason: DropReason = spec(
        "title (the table's title row), unit (a row stating the unit), label (an attachment "
        "label such as 附件1：), field (another field of a form above the header), empty (an "
        "empty row above the header), repeated_header (the header typed or printed again "
        "inside the table, e.g. after a page break), repeated_title (a row above the header "
        "repeated inside the table)."
    )


@dataclass
class CellTime:
    """A non-blank cell of a time column, normalised (pipeline.times), its raw value kept."""

    row: int = spec(ROW, minimum=1)
    col: int = spec(COL, minimum=1)
    column: str = spec(COLUMN)
    raw: str = spec("The cell as printed.")
    kind: TimeKind = spec("What the expression names (docs/outputs.md#times).")
    start: str | None = spec("First day, ISO 8601.", default=None, format="date")
    end: str | None = spec("Last day, ISO 8601; inclusive.", default=None, format="date")
    dates: list[str] = spec(
        "The days of kind days; the first day of each month of kind months.",
        factory=list,
        items={"format": "date"},
    )
    year_inferred: bool = spec(
        "The year came from the notice's date (or, when it has none, the year of its 文号, "
        "title or body: see the time_year_inferred warning), not the expression.",
        default=False,
    )


@dataclass
class Unit:
    """One unit named in a responsible-unit cell (pipeline.units)."""

    name: str = spec("As printed.")
    full_name: str = spec("The name expanded: the issuer's region, or the alias table's name.")
    role: str | None = spec("主办, 承办, 协办, 牵头, 配合…", default=None)
    district: str | None = spec("The county-level division it belongs to.", default=None)
    adcode: str | None = spec(
        "The 12-digit statistical code of that division.", default=None, pattern="^[0-9]{12}$"
    )
    alias: bool = spec("full_name came from the alias table.", default=False)


@dataclass
class CellUnits:
    """A cell of a responsible-unit column as a list of units."""

    row: int = spec(ROW, minimum=1)
    col: int = spec(COL, minimum=1)
    column: str = spec(COLUMN)
    units: list[Unit] = spec("The units the cell names, in order.", factory=list)


@dataclass
class RowTopics:
    """With --topics: a data row's keywords and category."""

    row: int = spec(ROW, minimum=1)
    keywords: list[str] = spec("Its keywords (jieba TF-IDF), best first.", factory=list)
    category: str | None = spec("The first category whose words it contains.", default=None)


@dataclass
class Table:
    """A table of the notice as extracted from a reader's :class:`Grid`: its header, its data
    rows with blank fill-down cells filled, and what was filled and dropped, and why."""

    index: int = spec(
        "Position in the document, from 1; its CSV is NAME.table01.csv for 1.", minimum=1
    )
    title: str | None = spec("The title printed above or in its first row.")
    attachment: str | None = spec(
        "Label of the attachment holding the table; null for a table in the body."
    )
    header: list[str] = spec("Column names as printed; a header over two rows joined with /.")
    rows: list[list[str]] = spec(
        "Data rows (the header is not a row); line breaks the source records are kept as newlines."
    )
    unit: str | None = spec(
        'The unit the table\'s figures are in ("万元"), from a "单位：万元" line above it, a '
        "caption ending in （单位：…）, or a row of the grid saying so; null when the table "
        "does not say.",
        default=None,
    )
    filled: list[FilledCell] = spec("Every cell whose value the pipeline supplied.", factory=list)
    fill_columns: list[str] = spec(
        "Columns whose blank cells were eligible for filling.", factory=list
    )
    groups: list[Group] = spec("Group headings inside the table.", factory=list)
    dropped_rows: list[DroppedRow] = spec(
        "Rows of the grid as read that are neither header, data nor group heading.",
        factory=list,
    )
    times: list[CellTime] = spec("Each non-blank cell of a time column, normalised.", factory=list)
    units: list[CellUnits] = spec("Each cell of a responsible-unit column.", factory=list)
    topics: list[RowTopics] = spec("With --topics: each row's keywords and category.", factory=list)


@dataclass
class Reference:
    """A document the notice cites: 《title》（doc_number）."""

    title: str = spec("The title inside 《》.")
    doc_number: str | None = spec("Its 发文字号 when the citation gives it.", default=None)


@dataclass
class Contact:
    """A contact the body gives (联系人, 联系电话, 邮箱)."""

    name: str | None = spec("The person named.", default=None)
    unit: str | None = spec("The unit named right before 联系人, e.g. 市局计量处.", default=None)
    phone: list[str] = spec("Telephone numbers as printed.", factory=list)
    email: list[str] = spec("E-mail addresses.", factory=list)
    text: str = spec("The passage the contact was read from.", default="")


@dataclass
class Deadline:
    """A deadline in the body ("于2024年6月14日前报送…"), normalised."""

    raw: str = spec("The expression as printed.")
    end: str | None = spec("The last day, ISO 8601.", format="date")
    kind: Literal["deadline"] = spec("Always deadline.")
    year_inferred: bool = spec(
        "The year came from the notice's date, not the expression.", default=False
    )
    text: str = spec("The sentence it was read from.", default="")


@dataclass
class Notice:
    """One Chinese government notice (公文) as notice-pipeline extracts it. Part names follow
    GB/T 9704-2012."""

    source: Source = spec("The input file.")
    copy_number: str | None = spec(
        "份号: the copy number printed top left, e.g. 000086.", default=None
    )
    secrecy: str | None = spec("密级和保密期限 as printed, e.g. 机密★1年, 秘密.", default=None)
    urgency: str | None = spec("紧急程度, e.g. 特急, 加急.", default=None)
    masthead: str | None = spec("发文机关标志, e.g. 杭州市市场监督管理局文件.", default=None)
    doc_number: str | None = spec("发文字号 as printed, e.g. 沪市监计量〔2024〕31号.", default=None)
    signer: list[str] = spec("签发人.", factory=list)
    title: str | None = spec("标题, its lines joined.", default=None)
    issuer: str | None = spec("The issuing organ(s).", default=None)
    issuer_from: Literal["title", "masthead", "signature"] | None = spec(
        "Where issuer was read: before 关于 in the title, the masthead, or the signature.",
        default=None,
    )
    doc_type: str | None = spec(
        "The kind of document the title ends with: one of the 15 types of the "
        "党政机关公文处理工作条例 (通知, 通告, 意见…) or a kind notices issue or are (办法, 规定, "
        "细则, 方案, 实施方案, 计划, 要点, 规划, 标准, 指南, 报告, 决算, 大纲, "
        "说明…); 命令 for 令.",
        default=None,
    )
    recipients: list[str] = spec(
        "主送机关, split on ，; 、-joined groups kept whole.", factory=list
    )
    preamble: str = spec("Body text before the first numbered section.", default="")
    sections: list[Section] = spec("The body's numbered sections, as a tree.", factory=list)
    toc: list[str] = spec(
        "A table of contents (目录) printed before the body, one entry per line; never read "
        "as sections.",
        factory=list,
    )
    attachments: list[Attachment] = spec(
        "附件说明, and where each attachment's content was found.", factory=list
    )
    signatories: list[str] = spec("发文机关署名.", factory=list)
    date: str | None = spec("成文日期, ISO 8601.", default=None, format="date")
    date_raw: str | None = spec("成文日期 as printed, e.g. 二〇二四年三月十五日.", default=None)
    notes: list[str] = spec("附注, e.g. （此件公开发布）.", factory=list)
    cc: list[str] = spec("抄送机关 (版记).", factory=list)
    printed_by: str | None = spec("印发机关 (版记).", default=None)
    printed_date: str | None = spec("印发日期 (版记), ISO 8601.", default=None, format="date")
    printed_date_raw: str | None = spec("印发日期 as printed.", default=None)
    references: list[Reference] = spec(
        "Documents the body cites: 《title》（doc_number）.", factory=list
    )
    contacts: list[Contact] = spec("Contacts the body gives.", factory=list)
    deadlines: list[Deadline] = spec("Deadlines in the body, normalised.", factory=list)
    tables: list[Table] = spec("The tables, in document order.", factory=list)
    warnings: list[ParseWarning] = spec(
        "What could not be done as expected; docs/warnings.md lists the codes.", factory=list
    )

    def body_text(self) -> str:
        """The body's text: its preamble, then each section's heading and text, in order,
        one per line (empty ones left out)."""
        parts = [self.preamble]

        def walk(sections: list[Section]) -> None:
            for s in sections:
                parts.extend([s.heading, s.text])
                walk(s.children)

        walk(self.sections)
        return "\n".join(p for p in parts if p)

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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Notice:
        """The notice a JSON output holds (``to_dict()`` read back), as typed objects.

        ``schema_version`` and ``pipeline_version`` are dropped; keys the model does not
        know are an error (validate the file first: ``notice-pipeline validate``).
        """
        from .schema import from_data

        body = {k: v for k, v in data.items() if k not in ("schema_version", "pipeline_version")}
        return from_data(cls, body)
