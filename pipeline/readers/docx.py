"""Word (.docx) reader, built on python-docx.

``docx.Document`` opens the package; the body's paragraphs and tables come in order
from ``iter_inner_content()`` (of the document, of each cell), tables through
python-docx's table, row and cell objects. What python-docx has no API for is read
from its XML in ``ooxml.py``. Every fact the reader keeps:

- the package: the limits (size, inflated size, compression ratio) and the refusal of
  DTD/entity declarations are checked before python-docx sees the bytes; a package it
  would refuse (a relationship to a part that is not there, a main document without its
  content type, a part that is not well-formed XML beside the main document) is
  repaired in memory and opened, with a ``broken_relationship`` warning;
- body order: paragraphs and tables as they come; content controls (w:sdt), custom XML
  and insertions opened; text boxes read in place, before the paragraph that anchors
  them (mastheads live there); page headers and footers are other parts, never read;
- text: w:t, tabs as spaces, soft breaks (w:br, w:cr) as "\\n"; deleted text, field
  codes, hidden runs and the VML fallback copy of a text box left out;
- numbering: w:numPr on the paragraph or its style, resolved through numbering.xml into
  the label Word shows ("一、", "（一）", "1.");
- layout facts of a paragraph, each resolved through the style chain (direct formatting
  → paragraph style → its based-on styles → docDefaults; for runs, their character
  style before the paragraph style): alignment, font size (the largest of its text
  runs), bold (all its text runs), first-line indent (negative for a hanging one),
  left indent and space before in points (an indent in characters, w:firstLineChars,
  as that many times the paragraph's size), page (page breaks counted), gap before (an
  empty paragraph above);
- tables: the true grid from gridSpan, gridBefore and vMerge; every slot a merge covers
  points at the slot holding the value (``Cell.merged_from``); rows marked w:tblHeader
  are header rows; a grid column narrower than a character with no text in any row is
  dropped (a sliver left by borders that do not line up); a 1x1 table (a frame around
  the 发文字号, say) is layout, read as its paragraphs.

python-docx is imported here only, so a .txt or .pdf conversion never loads it.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from ..errors import CorruptFile
from ..limits import DEFAULT, Limits
from ..model import Cell, Document, Grid, Paragraph, ParseWarning
from ..tables import drop_columns, phantom_columns
from ..text import normalize_spaces
from . import ooxml
from .ooxml import format_number  # noqa: F401  (a public helper of this reader)

# w:jc values -> the model's alignments (distributed text is spread evenly about the middle)
_ALIGN = {"left": "left", "start": "left", "center": "center", "right": "right", "end": "right",
          "both": "justify", "distribute": "center", "lowKashida": "justify",
          "mediumKashida": "justify", "highKashida": "justify",
          "thaiDistribute": "justify"}  # fmt: skip


def _safe(get):
    """A python-docx property that raises on a value it does not know: None."""
    try:
        return get()
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _pt(length) -> float | None:
    return None if length is None else round(length.pt, 2)


def _chain(style):
    """A style and the styles it is based on, nearest first (a loop stops)."""
    seen = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        yield style
        style = _safe(lambda s=style: s.base_style)


class _Level:
    """The paragraph properties one level of the style chain sets (None: not set)."""

    __slots__ = ("align", "before", "break_before", "first", "ilvl", "left", "num_id")

    def __init__(self, fmt, ppr):
        jc = _safe(lambda: fmt.alignment)
        if jc is not None:
            self.align = jc.xml_value
        else:
            self.align = ooxml.val(ppr.find(ooxml.w("jc"))) if ppr is not None else None
        first_chars, left_chars, start = ooxml.indents(ppr)
        first = _safe(lambda: fmt.first_line_indent)
        # an indent in characters wins over the same indent in twips
        self.first = ("chars", first_chars) if first_chars else ("pt", _pt(first))
        if first is None and first_chars == 0:
            self.first = ("pt", 0.0)
        left = _pt(_safe(lambda: fmt.left_indent))
        left = start if left is None else left
        self.left = ("chars", left_chars) if left_chars else ("pt", left)
        if left is None and left_chars == 0:
            self.left = ("pt", 0.0)
        self.before = _pt(_safe(lambda: fmt.space_before))
        self.break_before = _safe(lambda: fmt.page_break_before)
        self.num_id, self.ilvl = ooxml.num_pr(ppr)


class _Resolved:
    """A paragraph style's properties after its chain and docDefaults."""

    def __init__(self, levels: list[_Level], fonts: list, defaults: ooxml.Defaults):
        def first(name):
            return next((getattr(lv, name) for lv in levels if getattr(lv, name) is not None), None)

        def first_length(name):
            return next((getattr(lv, name) for lv in levels if getattr(lv, name)[1] is not None),
                        None)  # fmt: skip

        self.align = first("align") or defaults.align
        self.first = first_length("first") or ("pt", defaults.twips("ind", "firstLine"))
        self.left = first_length("left") or ("pt", defaults.twips("ind", "left"))
        self.before = first("before")
        if self.before is None:
            self.before = defaults.twips("spacing", "before")
        self.break_before = bool(first("break_before"))
        self.num_id = first("num_id")
        self.ilvl = first("ilvl")
        self.size = next((s for s in (_pt(_safe(lambda f=f: f.size)) for f in fonts) if s), None)
        self.size = self.size or defaults.size
        self.bold = next((b for b in (_safe(lambda f=f: f.bold) for f in fonts) if b is not None),
                         None)  # fmt: skip
        if self.bold is None:
            self.bold = defaults.bold


class _Styles:
    """The style chain of a document's paragraphs and runs, each style resolved once."""

    def __init__(self, document):
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        try:
            part = document.part.part_related_by(RT.STYLES)
        except KeyError:
            part = None  # no styles part: no styles (python-docx would invent its own)
        self.present = part is not None
        self.defaults = ooxml.Defaults.of(part.element if part is not None else None)
        self.styles = document.styles if part is not None else None
        self._kinds, self._default = ooxml.style_index(part.element) if part else ({}, {})
        self._paragraph: dict[str | None, _Resolved] = {}
        self._character: dict[str | None, tuple[float | None, bool | None]] = {}
        self._none = _Resolved([], [], self.defaults)

    def _style(self, style_id: str | None, kind: str):
        """The style a paragraph or run names, else the default style of its kind, as
        python-docx's ``paragraph.style`` and ``run.style`` give them (without making an
        object of every style to find the default)."""
        from docx.enum.style import WD_STYLE_TYPE

        wd_type = WD_STYLE_TYPE.PARAGRAPH if kind == "paragraph" else WD_STYLE_TYPE.CHARACTER
        for candidate in (style_id, self._default.get(kind)):
            if candidate and self._kinds.get(candidate) == kind:
                return _safe(lambda c=candidate: self.styles.get_by_id(c, wd_type))
        return None

    def paragraph(self, paragraph) -> _Resolved:
        if not self.present:
            return self._none
        key = paragraph._element.style  # the w:pStyle id
        if key not in self._paragraph:
            chain = list(_chain(self._style(key, "paragraph")))
            levels = [_Level(s.paragraph_format, s.element.pPr) for s in chain]
            self._paragraph[key] = _Resolved(levels, [s.font for s in chain], self.defaults)
        return self._paragraph[key]

    def character(self, run) -> tuple[float | None, bool | None]:
        """(size, bold) a run's character style and the styles it is based on set."""
        if not self.present:
            return None, None
        key = run._element.style  # the w:rStyle id
        if key not in self._character:
            fonts = [s.font for s in _chain(self._style(key, "character"))]
            size = next((s for s in (_pt(_safe(lambda f=f: f.size)) for f in fonts) if s), None)
            bold = next(
                (b for b in (_safe(lambda f=f: f.bold) for f in fonts) if b is not None), None
            )
            self._character[key] = (size, bold)
        return self._character[key]


class _Reader:
    def __init__(self, document):
        self.document = document
        self.styles = _Styles(document)
        self._numbering: ooxml.Numbering | None = None
        self.blocks: list = []
        self.warnings: list[ParseWarning] = []
        self.page = 1
        self.gap = False
        self.tables = 0

    @property
    def numbering(self) -> ooxml.Numbering:
        """numbering.xml, parsed when a paragraph first needs it."""
        if self._numbering is None:
            from docx.opc.constants import RELATIONSHIP_TYPE as RT

            try:
                root = self.document.part.part_related_by(RT.NUMBERING).element
            except (KeyError, AttributeError):
                root = None
            self._numbering = ooxml.Numbering.parse(root)
        return self._numbering

    # ------------------------------------------------------------ blocks

    def inner(self, container, element):
        """The paragraphs and tables of a container (document, cell, text box) in order."""
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph as DocxParagraph

        if container is not None and not ooxml.has_wrappers(element):
            yield from container.iter_inner_content()
            return
        parent = container if container is not None else self.document
        for el in ooxml.block_elements(element):
            if el.tag == ooxml.w("p"):
                yield DocxParagraph(el, parent)
            else:
                yield DocxTable(el, parent)

    def body(self, container, element) -> None:
        from docx.text.paragraph import Paragraph as DocxParagraph

        for item in self.inner(container, element):
            if isinstance(item, DocxParagraph):
                self.paragraph(item)
            else:
                self.table(item)

    def paragraph(self, paragraph) -> None:
        p = paragraph._element
        style = self.styles.paragraph(paragraph)
        fmt = paragraph.paragraph_format
        direct = _Level(fmt, p.pPr)
        if direct.break_before if direct.break_before is not None else style.break_before:
            self.page += 1
        text = ooxml.paragraph_text(p)
        self.page += text.page_breaks
        for box in text.boxes:  # text boxes in place, before the anchoring paragraph
            self.body(None, box)
        label = self._label(direct.num_id, direct.ilvl, style)
        content = normalize_spaces(text.text)
        if not content.strip() and not label:
            self.gap = True
            return
        size, bold = self._font(paragraph, style)
        self.blocks.append(
            Paragraph(
                text=content.strip(" "),
                label=label,
                align=_ALIGN.get(direct.align or style.align or ""),
                bold=bold,
                size=size,
                indent=self._length(direct.first, style.first, size),
                left_indent=self._length(direct.left, style.left, size),
                space_before=direct.before if direct.before is not None else style.before,
                page=self.page,
                gap_before=self.gap,
            )
        )
        self.gap = False

    @staticmethod
    def _length(direct, inherited, size) -> float | None:
        unit, value = direct if direct[1] is not None else inherited
        if value is None:
            return None
        if unit == "chars":
            return round(value / 100 * size, 2) if size else None
        return value

    def _label(self, num_id: str | None, ilvl: int | None, style: _Resolved) -> str | None:
        """The label Word generates for a paragraph numbered directly or by its style."""
        if num_id is None:
            num_id = style.num_id
            ilvl = ilvl if ilvl is not None else style.ilvl
        if not num_id or num_id == "0":
            return None
        return self.numbering.label(num_id, ilvl or 0)

    def _font(self, paragraph, style: _Resolved) -> tuple[float | None, bool | None]:
        """(largest size, all bold) of the paragraph's runs that show text."""
        from docx.text.run import Run

        sizes: list[float] = []
        bolds: list[bool] = []
        for r in ooxml.paragraph_runs(paragraph._element):
            run = Run(r, paragraph)
            if ooxml.hidden(r) or not run.text.strip():
                continue
            font = run.font
            char_size, char_bold = self.styles.character(run)
            size = _pt(_safe(lambda f=font: f.size)) or char_size or style.size
            bold = _safe(lambda f=font: f.bold)
            for value in (char_bold, style.bold):
                bold = value if bold is None else bold
            if size:
                sizes.append(size)
            bolds.append(bool(bold))
        return (max(sizes) if sizes else None), (all(bolds) if bolds else None)

    # ------------------------------------------------------------ tables

    def cell_text(self, cell) -> str:
        """A cell's paragraphs joined by "\\n" (nested tables flattened row by row)."""
        from docx.text.paragraph import Paragraph as DocxParagraph

        lines: list[str] = []
        tc = cell._element
        if tc.find(ooxml.w("tbl")) is None and not ooxml.has_wrappers(tc):
            items = cell.paragraphs  # the usual cell: paragraphs only, no order to keep
        else:
            items = self.inner(cell, tc)
        for item in items:
            if isinstance(item, DocxParagraph):
                p = item._element
                text = ooxml.paragraph_text(p)
                self.page += text.page_breaks
                label = self._label(*ooxml.num_pr(p.pPr), self.styles.paragraph(item))
                lines.append(normalize_spaces((label or "") + text.text).strip(" "))
            else:
                for row in item.rows:
                    cells = [self.cell_text(c) for c in self._cells(item, row)]
                    lines.append(" ".join(c for c in cells if c))
        return "\n".join(lines).strip("\n")

    @staticmethod
    def _rows(table):
        from docx.table import _Row

        if ooxml.has_wrappers(table._element):
            return [_Row(tr, table) for tr in ooxml.children(table._element, "tr")]
        return list(table.rows)

    @staticmethod
    def _cells(table, row):
        """One python-docx cell per w:tc of the row (``row.cells`` repeats spanned and
        vertically merged cells, and raises on a grid whose rows do not line up)."""
        from docx.table import _Cell

        return [_Cell(tc, table) for tc in ooxml.children(row._element, "tc")]

    def table(self, table) -> None:
        self.tables += 1
        rows: list[list[Cell]] = []
        header_rows = 0
        counting_header = True
        for docx_row in self._rows(table):
            tr = docx_row._element
            if counting_header and ooxml.is_header_row(tr):
                header_rows += 1
            else:
                counting_header = False
            r = len(rows)
            row: list[Cell] = []
            row.extend(Cell("") for _ in range(_safe(lambda x=docx_row: x.grid_cols_before) or 0))
            for cell in self._cells(table, docx_row):
                span = max(1, _safe(lambda c=cell: c.grid_span) or 1)
                c0 = len(row)
                if ooxml.vmerge(cell._element) == "continue":
                    for c in range(c0, c0 + span):
                        above = rows[r - 1][c] if r and c < len(rows[r - 1]) else None
                        if above is None:
                            self.warnings.append(
                                ParseWarning(
                                    "bad_merge",
                                    f"table {self.tables}: row {r + 1} column {c + 1} continues "
                                    "a vertical merge with no cell above; read as empty",
                                )
                            )
                            row.append(Cell(""))
                        else:
                            row.append(Cell("", above.merged_from or (r - 1, c)))
                    continue
                row.append(Cell(self.cell_text(cell)))
                row.extend(Cell("", (r, c0)) for _ in range(span - 1))
            rows.append(row)
        if not rows:
            return
        widths = self._widths(table)
        width = max(len(widths), max(len(r) for r in rows))
        for row in rows:
            row.extend(Cell("") for _ in range(width - len(row)))
        # Horizontal spans point at the slot with the value: give them its text too,
        # so the grid reads right before the table logic records the merge.
        for row in rows:
            for cell in row:
                if cell.merged_from is not None:
                    sr, sc = cell.merged_from
                    cell.text = rows[sr][sc].text
        # A sliver of a grid column with no text (borders that do not line up) is no column.
        rows = drop_columns(rows, phantom_columns(rows, widths))
        width = max(len(r) for r in rows)
        if width == 1 and len(rows) == 1:  # a frame, not a table: read its text in place
            for line in rows[0][0].text.split("\n"):
                if line.strip():
                    self.blocks.append(
                        Paragraph(text=line.strip(), page=self.page, gap_before=self.gap)
                    )
                    self.gap = False
            return
        self.blocks.append(Grid(rows=rows, page=self.page, header_rows=header_rows or None))
        self.gap = False

    @staticmethod
    def _widths(table) -> list[float | None]:
        """The grid columns' widths in points (None where not given)."""
        columns = _safe(lambda: list(table.columns))
        return [_pt(_safe(lambda c=c: c.width)) for c in columns or []]


_OPEN_ERRORS = (KeyError, ValueError, zipfile.BadZipFile, zlib.error, EOFError, OSError)


def open_document(path: str, data: bytes, limits: Limits = DEFAULT):
    """(python-docx Document, warnings): the package checked, repaired if need be, opened."""
    import docx
    from lxml import etree

    package, warnings = ooxml.prepare(path, data, limits)
    left_out: set[str] = set()
    while True:
        try:
            return docx.Document(io.BytesIO(package)), warnings
        except etree.XMLSyntaxError as exc:
            # a part beside the main document that is not XML is left out, and said so
            found = ooxml.malformed_part(path, data)
            if found is None or found[2] or found[0] in left_out:
                problem = found[1] if found else f"a part is not well-formed XML ({exc})"
                raise CorruptFile(path, problem) from None
            left_out.add(found[0])
            package, warnings = ooxml.prepare(path, data, limits, frozenset(left_out))
        except _OPEN_ERRORS as exc:
            problem = f"is not a Word document python-docx can open ({exc})"
            raise CorruptFile(path, problem) from None


def read_docx(path: str, data: bytes, limits: Limits = DEFAULT) -> Document:
    document, warnings = open_document(path, data, limits)
    reader = _Reader(document)
    reader.warnings.extend(warnings)
    body = document.element.body
    if body is None:
        raise CorruptFile(path, "has no document body")
    reader.body(document, body)
    return Document(blocks=reader.blocks, format="docx", warnings=reader.warnings)
