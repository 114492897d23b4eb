"""Word (.docx) reader: the document's XML read straight from the zip with lxml.

Why not python-docx's object model: it drops the labels Word generates for numbered
paragraphs ("一、", "（一）" from numbering.xml), cannot open a package with one broken
relationship, and raises on grids whose rows do not line up. Reading the parts
ourselves keeps every fact:

- body order: paragraphs and tables as they come; content controls (w:sdt) opened;
  text boxes read in place, before the paragraph that anchors them (mastheads live
  there); page headers and footers are other parts and never read;
- text: w:t, tabs as spaces, soft breaks (w:br, w:cr) as "\\n"; deleted text, field
  codes, hidden runs and the VML fallback copy of a text box left out;
- numbering: w:numPr on the paragraph or its style, resolved through
  numbering.xml into the label Word shows ("一、", "（一）", "1.");
- tables: the true grid from w:gridSpan, w:gridBefore and w:vMerge; every slot a
  merge covers points at the slot holding the value (``Cell.merged_from``); rows
  marked w:tblHeader are header rows; a grid column narrower than a character with
  no text in any row is dropped (a sliver left by borders that do not line up); a 1x1
  table (a frame around the 发文字号, say) is layout, read as its paragraphs.
"""

from __future__ import annotations

import functools
import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field

from ..errors import CorruptFile, FileTooLarge
from ..limits import DEFAULT, MB, Limits
from ..model import Cell, Document, Paragraph, ParseWarning, Table
from ..tables import drop_columns, phantom_columns
from ..text import normalize_spaces

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


class _Refused(ValueError):
    pass


@functools.cache
def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: w("p") -> "{...main}p"."""
    return f"{{{W}}}{tag}"


def _val(el, attr: str = "val") -> str | None:
    return None if el is None else el.get(w(attr))


def _on(el) -> bool:
    """A toggle property (w:b, w:vanish, w:tblHeader): present and not switched off."""
    return el is not None and _val(el) not in ("0", "false", "off")


# ---------------------------------------------------------------- the package


def _parse_xml(data: bytes):
    from lxml import etree

    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        # No part of a Word package declares a DOCTYPE: refuse entity tricks outright.
        raise _Refused("it declares a DOCTYPE or XML entities, which Word never writes")

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False
    )
    return etree.fromstring(data, parser)


class Package:
    """The parts of a .docx we need, found through relationships when they are sound."""

    def __init__(self, path: str, data: bytes, limits: Limits = DEFAULT):
        self.path = path
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, EOFError, ValueError):
            raise CorruptFile(path, "is not a valid .docx (not a zip archive)") from None
        self.sizes = self._check_sizes(limits)
        self.names = set(self.zip.namelist())
        self._rels_cache: dict[str, dict[str, str]] = {}
        self.main = self._main_part()

    def _check_sizes(self, limits: Limits) -> dict[str, int]:
        """Refuse a zip bomb from its directory, before anything is inflated."""
        total = 0
        sizes = {}
        for info in self.zip.infolist():
            total += info.file_size
            sizes[info.filename] = info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MB and ratio > limits.max_ratio:
                raise FileTooLarge(
                    self.path,
                    f"part {info.filename} inflates {ratio:.0f} times "
                    f"(to {info.file_size / MB:.0f} MB): refused as a zip bomb",
                    "if the file is genuine, raise --max-unzipped and convert it alone",
                )
        if total > limits.max_unzipped:
            raise FileTooLarge(
                self.path,
                f"its parts inflate to {total / MB:.0f} MB, over the limit of "
                f"{limits.max_unzipped / MB:.0f} MB",
                "raise the limit with --max-unzipped if the file is genuine",
            )
        return sizes

    def read(self, name: str) -> bytes | None:
        """A part's bytes, never more than the zip directory declared for it."""
        if name not in self.names:
            return None
        declared = self.sizes.get(name, 0)
        try:
            with self.zip.open(name) as part:
                data = part.read(declared + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as exc:
            raise CorruptFile(self.path, f"part {name} is damaged ({exc})") from None
        if len(data) > declared:
            raise CorruptFile(self.path, f"part {name} is larger than its zip directory says")
        return data

    def xml(self, name: str | None):
        data = self.read(name) if name else None
        if data is None:
            return None
        try:
            return _parse_xml(data)
        except _Refused as exc:
            raise CorruptFile(self.path, f"part {name} refused: {exc}") from None
        except Exception as exc:  # lxml.etree.XMLSyntaxError and friends
            raise CorruptFile(self.path, f"part {name} is not well-formed XML ({exc})") from None

    def _rels(self, part: str) -> dict[str, str]:
        """Relationship type suffix -> target part name; broken targets are skipped."""
        if part not in self._rels_cache:
            self._rels_cache[part] = self._read_rels(part)
        return self._rels_cache[part]

    def _read_rels(self, part: str) -> dict[str, str]:
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        found: dict[str, str] = {}
        if rels is None:
            return found
        for rel in rels.iter(f"{{{REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            if name in self.names:
                found.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], name)
        return found

    def _main_part(self) -> str:
        main = self._rels("").get("officeDocument")
        if main is None and "word/document.xml" in self.names:
            main = "word/document.xml"
        if main is None:
            raise CorruptFile(self.path, "is not a Word document (no word/document.xml)")
        return main

    def related(self, kind: str) -> str | None:
        """The part of a kind (styles, numbering) related to the main document."""
        name = self._rels(self.main).get(kind)
        fallback = posixpath.join(posixpath.dirname(self.main), f"{kind}.xml")
        return name or (fallback if fallback in self.names else None)


# ---------------------------------------------------------------- numbering


_CN_DIGITS = "〇一二三四五六七八九"


def _chinese_counting(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    return "".join(_CN_DIGITS[int(d)] for d in str(n))


def _letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _roman(n: int) -> str:
    pairs = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
             (1, "I")]  # fmt: skip
    out = ""
    for value, letters in pairs:
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """A counter in one of Word's w:numFmt formats."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "japaneseCounting"):  # fmt: skip
        return _chinese_counting(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified":
        return _chinese_counting(n).translate(
            str.maketrans("一二三四五六七八九十", "壹贰叁肆伍陆柒捌玖拾")
        )
    if fmt in ("ideographTraditional", "ideographZodiac"):
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """numbering.xml resolved: the label of each numbered paragraph, in document order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> ilvl
    nums: dict[str, tuple[str, dict[int, int]]] = field(
        default_factory=dict
    )  # numId -> (abs, overrides)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, root) -> Numbering:
        numbering = cls()
        if root is None:
            return numbering
        for abstract in root.iter(w("abstractNum")):
            levels = {}
            for lvl in abstract.iter(w("lvl")):
                levels[int(_val(lvl, "ilvl") or 0)] = _Level(
                    start=int(_val(lvl.find(w("start"))) or 1),
                    fmt=_val(lvl.find(w("numFmt"))) or "decimal",
                    text=_val(lvl.find(w("lvlText"))) or "",
                )
            numbering.levels[_val(abstract, "abstractNumId")] = levels
        for num in root.iter(w("num")):
            overrides = {}
            for override in num.iter(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    overrides[int(_val(override, "ilvl") or 0)] = int(_val(start) or 1)
            numbering.nums[_val(num, "numId")] = (_val(num.find(w("abstractNumId"))), overrides)
        return numbering

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list's counter and return the label Word shows; None for bullets."""
        if num_id not in self.nums:
            return None
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        level = levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return None
        counters = self.counters.setdefault(abstract, [None] * 9)
        if num_id not in self.used:  # a new list instance may restart its levels
            self.used.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        text = level.text
        for k in range(9):
            if f"%{k + 1}" in text:
                lv = levels.get(k, _Level())
                value = counters[k] if counters[k] is not None else lv.start
                text = text.replace(f"%{k + 1}", format_number(value, lv.fmt))
        return text


class Styles:
    """Paragraph styles: the numbering a style carries, through its w:basedOn chain."""

    def __init__(self, root):
        self.styles = {}
        if root is not None:
            for style in root.iter(w("style")):
                self.styles[_val(style, "styleId")] = style

    def num_pr(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        num_id, ilvl = None, None
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            pr = style.find(f"{w('pPr')}/{w('numPr')}")
            if pr is not None:
                num_id = num_id or _val(pr.find(w("numId")))
                if ilvl is None and pr.find(w("ilvl")) is not None:
                    ilvl = int(_val(pr.find(w("ilvl"))) or 0)
            style_id = _val(style.find(w("basedOn")))
        return num_id, ilvl


# ---------------------------------------------------------------- the body


_SKIP = {w("del"), w("moveFrom"), w("instrText"), w("delText"), w("pPr"), w("rPr"),
         f"{{{MC}}}Fallback", w("fldData")}  # fmt: skip


class _Reader:
    def __init__(self, package: Package):
        self.package = package
        self._numbering: Numbering | None = None
        self._styles: Styles | None = None
        self.blocks: list = []
        self.warnings: list[ParseWarning] = []
        self.page = 1
        self.gap = False
        self.tables = 0

    # numbering.xml and styles.xml are parsed only when a paragraph needs them
    @property
    def numbering(self) -> Numbering:
        if self._numbering is None:
            self._numbering = Numbering.parse(self.package.xml(self.package.related("numbering")))
        return self._numbering

    @property
    def styles(self) -> Styles:
        if self._styles is None:
            self._styles = Styles(self.package.xml(self.package.related("styles")))
        return self._styles

    # text of one paragraph, collecting text boxes on the way
    def _text(self, el, out: list[str], boxes: list) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == w("t"):
                out.append(child.text or "")
            elif tag == w("tab") or tag == w("ptab"):
                out.append(" ")
            elif tag in (w("br"), w("cr")):
                kind = _val(child, "type")
                if kind in ("page", "column"):
                    self.page += kind == "page"
                else:
                    out.append("\n")
            elif tag == w("noBreakHyphen"):
                out.append("-")
            elif tag == w("txbxContent"):
                boxes.append(child)
            elif tag == w("r"):
                if _on(child.find(f"{w('rPr')}/{w('vanish')}")):
                    continue
                self._text(child, out, boxes)
            else:
                self._text(child, out, boxes)

    def paragraph(self, p) -> None:
        pieces: list[str] = []
        boxes: list = []
        ppr = p.find(w("pPr"))
        if ppr is not None and _on(ppr.find(w("pageBreakBefore"))):
            self.page += 1
        self._text(p, pieces, boxes)
        for box in boxes:  # text boxes in place, before the anchoring paragraph
            self.body(box)
        text = normalize_spaces("".join(pieces))
        label = self._label(ppr)
        if not text.strip() and not label:
            self.gap = True
            return
        self.blocks.append(
            Paragraph(
                text=text.strip(" "),
                label=label,
                align=_val(ppr.find(w("jc"))) if ppr is not None else None,
                bold=self._bold(p),
                size=self._size(p),
                page=self.page,
                gap_before=self.gap,
            )
        )
        self.gap = False

    def _label(self, ppr) -> str | None:
        num_id, ilvl = None, None
        if ppr is not None:
            pr = ppr.find(w("numPr"))
            if pr is not None:
                num_id = _val(pr.find(w("numId")))
                if pr.find(w("ilvl")) is not None:
                    ilvl = int(_val(pr.find(w("ilvl"))) or 0)
            style = _val(ppr.find(w("pStyle")))
            if num_id is None and style:
                num_id, style_ilvl = self.styles.num_pr(style)
                ilvl = ilvl if ilvl is not None else style_ilvl
        if not num_id or num_id == "0":
            return None
        return self.numbering.label(num_id, ilvl or 0)

    @staticmethod
    def _runs(p):
        return [r for r in p.iter(w("r")) if "".join(t.text or "" for t in r.iter(w("t"))).strip()]

    def _bold(self, p) -> bool | None:
        runs = self._runs(p)
        return all(_on(r.find(f"{w('rPr')}/{w('b')}")) for r in runs) if runs else None

    def _size(self, p) -> float | None:
        sizes = [_val(r.find(f"{w('rPr')}/{w('sz')}")) for r in self._runs(p)]
        sizes = [float(s) / 2 for s in sizes if s and s.replace(".", "").isdigit()]
        return max(sizes) if sizes else None

    def cell_text(self, tc) -> str:
        """A cell's paragraphs joined by "\\n" (nested tables flattened row by row)."""
        lines: list[str] = []
        for child in tc:
            if child.tag == w("p"):
                pieces: list[str] = []
                boxes: list = []
                self._text(child, pieces, boxes)
                label = self._label(child.find(w("pPr")))
                lines.append(normalize_spaces((label or "") + "".join(pieces)).strip(" "))
            elif child.tag == w("tbl"):
                for tr in child.iter(w("tr")):
                    cells = [self.cell_text(c) for c in tr.findall(w("tc"))]
                    lines.append(" ".join(c for c in cells if c))
            elif child.tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    lines.append(self.cell_text(content))
        return "\n".join(lines).strip("\n")

    def table(self, tbl) -> None:
        self.tables += 1
        grid = tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")
        grid_cols = len(grid)
        rows: list[list[Cell]] = []
        header_rows = 0
        counting_header = True
        for tr in _children(tbl, "tr"):
            trpr = tr.find(w("trPr"))
            is_header = trpr is not None and _on(trpr.find(w("tblHeader")))
            if counting_header and is_header:
                header_rows += 1
            else:
                counting_header = False
            r = len(rows)
            row: list[Cell] = []
            before = int(_val(trpr.find(w("gridBefore"))) or 0) if trpr is not None else 0
            row.extend(Cell("") for _ in range(before))
            for tc in _children(tr, "tc"):
                tcpr = tc.find(w("tcPr"))
                span = 1
                vmerge = None
                if tcpr is not None:
                    span = max(1, int(_val(tcpr.find(w("gridSpan"))) or 1))
                    vm = tcpr.find(w("vMerge"))
                    if vm is not None:
                        vmerge = _val(vm) or "continue"
                c0 = len(row)
                if vmerge == "continue":
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
                row.append(Cell(self.cell_text(tc)))
                row.extend(Cell("", (r, c0)) for _ in range(span - 1))
            rows.append(row)
        if not rows:
            return
        width = max(grid_cols, max(len(r) for r in rows))
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
        rows = drop_columns(rows, phantom_columns(rows, [_twips_to_pt(_val(g, "w")) for g in grid]))
        width = max(len(r) for r in rows)
        if width == 1 and len(rows) == 1:  # a frame, not a table: read its text in place
            for line in rows[0][0].text.split("\n"):
                if line.strip():
                    self.blocks.append(
                        Paragraph(text=line.strip(), page=self.page, gap_before=self.gap)
                    )
                    self.gap = False
            return
        self.blocks.append(Table(rows=rows, page=self.page, header_rows=header_rows or None))
        self.gap = False

    def body(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == w("p"):
                self.paragraph(child)
            elif tag == w("tbl"):
                self.table(child)
            elif tag in (w("sdt"), w("customXml"), w("ins"), w("smartTag")):
                content = child.find(w("sdtContent")) if tag == w("sdt") else child
                if content is not None:
                    self.body(content)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self.body(choice)


def _twips_to_pt(value: str | None) -> float | None:
    """A w:w width (twentieths of a point) in points; None when absent or not a number."""
    try:
        return int(value) / 20 if value is not None else None
    except ValueError:
        return None


def _children(el, tag: str):
    """Direct children with a tag, looking through content controls and custom XML."""
    for child in el:
        if child.tag == w(tag):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            inner = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if inner is not None:
                yield from _children(inner, tag)


def read_docx(path: str, data: bytes, limits: Limits = DEFAULT) -> Document:
    package = Package(path, data, limits)
    root = package.xml(package.main)
    body = root.find(w("body")) if root is not None else None
    if body is None:
        raise CorruptFile(path, "has no document body")
    reader = _Reader(package)
    reader.body(body)
    return Document(blocks=reader.blocks, format="docx", warnings=reader.warnings)
