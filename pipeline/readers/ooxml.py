"""What the Word reader reads from the package's XML itself: what python-docx has no API for.

The reader (``docx.py``) works through python-docx's objects. This module holds the
few facts python-docx does not give, each read straight from the WordprocessingML
python-docx has parsed (or, for the package, from the zip before python-docx sees it):

- the package: the limits (inflated size, compression ratio) from the zip directory,
  DTD/entity declarations refused, and a package python-docx would refuse repaired in
  memory: relationships to parts that are not there dropped, the content types of the
  main document, styles and numbering set right;
- numbering labels from numbering.xml ("一、", "（一）", "1.") in document order;
- the text of a paragraph as Word shows it: inserted runs, content controls and field
  results read; deleted text, field codes and hidden runs left out; soft breaks as
  "\\n", tabs as spaces; text boxes (mastheads live there) collected, their VML
  fallback copy skipped; page breaks counted;
- the blocks and table rows/cells inside content controls (w:sdt), custom XML and
  w:ins, which python-docx's ``iter_inner_content()`` and ``rows`` do not see;
- w:tblHeader and w:vMerge of the table grid;
- docDefaults (the document's default paragraph and run properties) and indents given
  in characters (w:firstLineChars, w:leftChars).
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
from ..model import ParseWarning
from ..vocab import (
    ASCII_DIGITS,
    CN_DIGITS,
    CN_FINANCIAL,
    CN_ONE_TO_TEN,
    FULLWIDTH_DIGITS,
    HEAVENLY_STEMS,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
# The content type each relationship to the main document's own parts must have.
CONTENT_TYPES = {
    "officeDocument": _WML + "document.main+xml",
    "styles": _WML + "styles+xml",
    "numbering": _WML + "numbering+xml",
}


class _Refused(ValueError):
    pass


@functools.cache
def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag: w("p") -> "{...main}p"."""
    return f"{{{W}}}{tag}"


def val(el, attr: str = "val") -> str | None:
    return None if el is None else el.get(w(attr))


def on(el) -> bool:
    """A toggle property (w:b, w:vanish, w:tblHeader): present and not switched off."""
    return el is not None and val(el) not in ("0", "false", "off")


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# ---------------------------------------------------------------- the package


def parse_xml(data: bytes):
    from lxml import etree

    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise _Refused("it declares a DOCTYPE or XML entities, which Word never writes")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


class Package:
    """The zip of a .docx, checked against the limits before anything parses a part."""

    def __init__(self, path: str, data: bytes, limits: Limits = DEFAULT):
        self.path = path
        self.data = data
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, EOFError, ValueError):
            raise CorruptFile(path, "is not a valid .docx (not a zip archive)") from None
        self.sizes = self._check_sizes(limits)
        self.names = set(self.zip.namelist())

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

    def read(self, name: str, head: int | None = None) -> bytes | None:
        """A part's bytes (its first ``head`` bytes), never more than the directory says."""
        if name not in self.names:
            return None
        declared = self.sizes.get(name, 0)
        want = declared + 1 if head is None else min(head, declared + 1)
        try:
            with self.zip.open(name) as part:
                data = part.read(want)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as exc:
            raise CorruptFile(self.path, f"part {name} is damaged ({exc})") from None
        if len(data) > declared:
            raise CorruptFile(self.path, f"part {name} is larger than its zip directory says")
        return data

    def xml(self, name: str):
        data = self.read(name)
        if data is None:
            return None
        try:
            return parse_xml(data)
        except _Refused as exc:
            raise CorruptFile(self.path, f"part {name} refused: {exc}") from None
        except Exception as exc:  # lxml.etree.XMLSyntaxError and friends
            raise CorruptFile(self.path, f"part {name} is not well-formed XML ({exc})") from None

    def refuse_declarations(self) -> None:
        """No XML part may declare a DOCTYPE or entities (Word never writes one)."""
        for name in sorted(self.names):
            if name.endswith((".xml", ".rels")):
                head = self.read(name, 4096) or b""
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise CorruptFile(
                        self.path,
                        f"part {name} refused: it declares a DOCTYPE or XML entities, "
                        "which Word never writes",
                    )


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _target(source: str, target: str) -> str:
    """A relationship's target as a zip member name, resolved as python-docx does."""
    base = "/" + posixpath.dirname(source)
    return posixpath.abspath(posixpath.join(base, target))[1:]


@dataclass
class Repair:
    """What had to change for python-docx to open the package."""

    rels: dict[str, bytes] = field(default_factory=dict)  # rels part -> new XML
    overrides: dict[str, str] = field(default_factory=dict)  # part -> content type
    warnings: list[ParseWarning] = field(default_factory=list)


def prepare(
    path: str, data: bytes, limits: Limits = DEFAULT, leave_out: frozenset[str] = frozenset()
) -> tuple[bytes, list[ParseWarning]]:
    """The bytes python-docx may open, and the warnings of any repair.

    The limits and the DTD refusal come first; then the relationship graph is walked as
    python-docx walks it, and a package it would refuse is rebuilt in memory (stored,
    not compressed) without the broken relationships, nor those to the parts named in
    ``leave_out`` (parts that are not well-formed XML).
    """
    package = Package(path, data, limits)
    package.refuse_declarations()
    repair = _repair(package, leave_out)
    if not repair.rels and not repair.overrides:
        return data, repair.warnings
    return _rebuilt(package, repair), repair.warnings


def _content_types(package: Package):
    """(defaults by extension, overrides by part name), both lower-cased as OPC says."""
    root = package.xml("[Content_Types].xml")
    defaults, overrides = {}, {}
    if root is not None:
        for d in root.iter(f"{{{CT}}}Default"):
            defaults[(d.get("Extension") or "").lower()] = d.get("ContentType")
        for o in root.iter(f"{{{CT}}}Override"):
            overrides[(o.get("PartName") or "").lstrip("/").lower()] = o.get("ContentType")
    return defaults, overrides


def main_part(package: Package, root_rels=None) -> str:
    """The main document's part name: the package's officeDocument relationship, else
    word/document.xml."""
    root_rels = package.xml("_rels/.rels") if root_rels is None else root_rels
    if root_rels is not None:
        for rel in root_rels.iter(f"{{{REL}}}Relationship"):
            kind = rel.get("Type", "")
            if kind.endswith("/officeDocument") and rel.get("TargetMode") != "External":
                name = _target("", rel.get("Target", ""))
                if name in package.names:
                    return name
                break
    if "word/document.xml" in package.names:
        return "word/document.xml"
    raise CorruptFile(package.path, "is not a Word document (no word/document.xml)")


def _repair(package: Package, leave_out: frozenset[str] = frozenset()) -> Repair:
    repair = Repair()
    defaults, overrides = _content_types(package)
    if "[Content_Types].xml" not in package.names:
        repair.warnings.append(
            ParseWarning("broken_relationship", "the package has no [Content_Types].xml; rebuilt")
        )

    def content_type(name: str) -> str | None:
        if name.lower() in overrides:
            return overrides[name.lower()]
        return defaults.get(posixpath.splitext(name)[1].lstrip(".").lower())

    root_rels = package.xml("_rels/.rels")
    main = main_part(package, root_rels)
    seen, queue = {"", main}, ["", main]
    while queue:
        source = queue.pop(0)
        rels_name = _rels_name(source) if source else "_rels/.rels"
        root = root_rels if not source else package.xml(rels_name)
        if root is None:
            continue
        changed = False
        kinds: set[str] = set()
        for rel in list(root.iter(f"{{{REL}}}Relationship")):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = _target(source, target)
            if not source and kind == "officeDocument" and name != main:
                # the main part found by its usual name: point the package at it
                repair.warnings.append(
                    ParseWarning(
                        "broken_relationship",
                        f"the package's main document ({target}) is not in it; {main} read instead",
                    )
                )
                rel.set("Target", "/" + main)
                name, changed = main, True
            broken = name not in package.names or name in leave_out
            if broken or (kind == "officeDocument" and kind in kinds):
                why = "to a part that is not in the package"
                if name in leave_out:
                    why = "to a part that is not well-formed XML"
                elif name in package.names:
                    why = "to a second main document"
                repair.warnings.append(
                    ParseWarning(
                        "broken_relationship",
                        f"a relationship of {source or 'the package'} ({kind} → {target}) "
                        f"points {why}; dropped, the rest of the document is read",
                    )
                )
                root.remove(rel)
                changed = True
                continue
            kinds.add(kind)
            want = CONTENT_TYPES.get(kind) if source in ("", main) else None
            if want and content_type(name) != want:
                repair.overrides[name] = want
            elif content_type(name) is None:
                repair.overrides[name] = "application/octet-stream"
            if name not in seen:
                seen.add(name)
                queue.append(name)
        if not source and "officeDocument" not in kinds:
            from lxml import etree

            rel = etree.SubElement(root, f"{{{REL}}}Relationship")
            rel.set("Id", "rIdNoticeMain")
            rel.set("Type", RT + "officeDocument")
            rel.set("Target", "/" + main)
            changed = True
            if content_type(main) != CONTENT_TYPES["officeDocument"]:
                repair.overrides[main] = CONTENT_TYPES["officeDocument"]
        if changed:
            from lxml import etree

            repair.rels[rels_name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if root_rels is None:
        # no package relationships at all: make the one python-docx needs
        repair.rels["_rels/.rels"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL}">'
            f'<Relationship Id="rIdNoticeMain" Type="{RT}officeDocument" Target="/{main}"/>'
            "</Relationships>"
        ).encode()
        if content_type(main) != CONTENT_TYPES["officeDocument"]:
            repair.overrides[main] = CONTENT_TYPES["officeDocument"]
    return repair


def _rebuilt(package: Package, repair: Repair) -> bytes:
    defaults, overrides = _content_types(package)
    for name, kind in repair.overrides.items():
        overrides[name.lower()] = kind
    types = "".join(
        f'<Default Extension="{ext}" ContentType="{kind}"/>' for ext, kind in defaults.items()
    )
    if "rels" not in defaults:
        types += f'<Default Extension="rels" ContentType="{REL_CT}"/>'
    types += "".join(
        f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in overrides.items()
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
        out.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{CT}">{types}</Types>',
        )
        for rels_name, xml in repair.rels.items():
            out.writestr(rels_name, xml)
        for name in package.zip.namelist():
            if name == "[Content_Types].xml" or name in repair.rels or name.endswith("/"):
                continue
            out.writestr(name, package.read(name) or b"")
    return buf.getvalue()


REL_CT = "application/vnd.openxmlformats-package.relationships+xml"


def malformed_part(path: str, data: bytes) -> tuple[str, str, bool] | None:
    """(name, problem, whether it is the main document or a package part) of the first
    XML part that is not well-formed; asked only after python-docx failed to parse one,
    to say which and to leave it out."""
    package = Package(path, data)
    essential = {main_part(package), "[Content_Types].xml"}
    for name in sorted(package.names, key=lambda n: (n not in essential, n)):
        if name.endswith((".xml", ".rels")):
            try:
                package.xml(name)
            except CorruptFile as exc:
                return name, exc.problem, name in essential or name.endswith(".rels")
    return None


# ---------------------------------------------------------------- numbering


# str.translate tables: 一 to 十 in their financial (大写) forms; digits in full width.
_TO_FINANCIAL = str.maketrans(CN_ONE_TO_TEN, CN_FINANCIAL)
_TO_FULLWIDTH = str.maketrans(ASCII_DIGITS, FULLWIDTH_DIGITS)


def _chinese_counting(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")
    return "".join(CN_DIGITS[int(d)] for d in str(n))


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
        return "".join(CN_DIGITS[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified":
        return _chinese_counting(n).translate(_TO_FINANCIAL)
    if fmt in ("ideographTraditional", "ideographZodiac"):
        return HEAVENLY_STEMS[(n - 1) % 10]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(_TO_FULLWIDTH)
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
                levels[_int(val(lvl, "ilvl")) or 0] = _Level(
                    start=_int(val(lvl.find(w("start")))) or 1,
                    fmt=val(lvl.find(w("numFmt"))) or "decimal",
                    text=val(lvl.find(w("lvlText"))) or "",
                )
            numbering.levels[val(abstract, "abstractNumId")] = levels
        for num in root.iter(w("num")):
            overrides = {}
            for override in num.iter(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    overrides[_int(val(override, "ilvl")) or 0] = _int(val(start)) or 1
            numbering.nums[val(num, "numId")] = (val(num.find(w("abstractNumId"))), overrides)
        return numbering

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the list's counter and return the label Word shows; None for bullets."""
        if num_id not in self.nums or not 0 <= ilvl < 9:
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
                if 0 <= lvl < 9:
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


def num_pr(ppr) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a w:pPr (a paragraph's or a style's); None where not given."""
    pr = ppr.find(w("numPr")) if ppr is not None else None
    if pr is None:
        return None, None
    ilvl = pr.find(w("ilvl"))
    return val(pr.find(w("numId"))), (_int(val(ilvl)) or 0) if ilvl is not None else None


# ---------------------------------------------------------------- text


_SKIP = {w("del"), w("moveFrom"), w("instrText"), w("delText"), w("pPr"), w("rPr"),
         f"{{{MC}}}Fallback", w("fldData")}  # fmt: skip


@dataclass
class Text:
    """A paragraph's text as Word shows it, its text boxes and the page breaks in it."""

    pieces: list[str] = field(default_factory=list)
    boxes: list = field(default_factory=list)  # w:txbxContent elements, in order
    page_breaks: int = 0

    @property
    def text(self) -> str:
        return "".join(self.pieces)


def paragraph_text(p) -> Text:
    out = Text()
    _walk(p, out)
    return out


def _walk(el, out: Text) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == w("t"):
            out.pieces.append(child.text or "")
        elif tag == w("tab") or tag == w("ptab"):
            out.pieces.append(" ")
        elif tag in (w("br"), w("cr")):
            kind = val(child, "type")
            if kind in ("page", "column"):
                out.page_breaks += kind == "page"
            else:
                out.pieces.append("\n")
        elif tag == w("noBreakHyphen"):
            out.pieces.append("-")
        elif tag == w("txbxContent"):
            out.boxes.append(child)
        elif tag == w("r"):
            if not hidden(child):
                _walk(child, out)
        else:
            _walk(child, out)


def hidden(r) -> bool:
    """A run formatted as hidden text (w:vanish)."""
    rpr = r.find(w("rPr"))
    return rpr is not None and on(rpr.find(w("vanish")))


# Runs that show in a paragraph: its own, in hyperlinks, insertions, content controls,
# smart tags, simple fields (not deleted ones, not those of its text boxes).
_RUNS = (
    "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:customXml/w:r"
    " | ./w:fldSimple/w:r | ./w:sdt/w:sdtContent/w:r | ./w:hyperlink/w:ins/w:r"
)


@functools.cache
def _runs_xpath():
    from lxml import etree

    return etree.XPath(_RUNS, namespaces={"w": W})


def paragraph_runs(p) -> list:
    return _runs_xpath()(p)


# ---------------------------------------------------------------- blocks and grids


_WRAPPERS = (w("sdt"), w("customXml"), w("ins"), w("smartTag"), f"{{{MC}}}AlternateContent")


def has_wrappers(el) -> bool:
    """Blocks wrapped in a content control, custom XML, an insertion or alternate content:
    python-docx's iter_inner_content() (and a table's rows) do not look inside them."""
    return any(child.tag in _WRAPPERS for child in el)


def block_elements(el):
    """The w:p and w:tbl elements of a container in order, looking through wrappers."""
    for child in el:
        tag = child.tag
        if tag == w("p") or tag == w("tbl"):
            yield child
        elif tag in (w("sdt"), w("customXml"), w("ins"), w("smartTag")):
            content = child.find(w("sdtContent")) if tag == w("sdt") else child
            if content is not None:
                yield from block_elements(content)
        elif tag == f"{{{MC}}}AlternateContent":
            choice = child.find(f"{{{MC}}}Choice")
            if choice is not None:
                yield from block_elements(choice)


def children(el, tag: str):
    """Direct children with a tag, looking through content controls and custom XML."""
    for child in el:
        if child.tag == w(tag):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            inner = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if inner is not None:
                yield from children(inner, tag)


def is_header_row(tr) -> bool:
    """A row marked to repeat at the top of each page (w:tblHeader)."""
    trpr = tr.find(w("trPr"))
    return trpr is not None and on(trpr.find(w("tblHeader")))


def vmerge(tc) -> str | None:
    """ "restart", "continue" or None: the cell's place in a vertical merge."""
    tcpr = tc.find(w("tcPr"))
    vm = tcpr.find(w("vMerge")) if tcpr is not None else None
    return None if vm is None else (val(vm) or "continue")


# ---------------------------------------------------------------- styles


@dataclass
class Defaults:
    """docDefaults: the paragraph and run properties every style starts from."""

    ppr: object = None  # w:pPrDefault/w:pPr
    rpr: object = None  # w:rPrDefault/w:rPr

    @classmethod
    def of(cls, styles_root) -> Defaults:
        if styles_root is None:
            return cls()
        defaults = styles_root.find(w("docDefaults"))
        if defaults is None:
            return cls()
        return cls(
            defaults.find(f"{w('pPrDefault')}/{w('pPr')}"),
            defaults.find(f"{w('rPrDefault')}/{w('rPr')}"),
        )

    @property
    def align(self) -> str | None:
        return val(self.ppr.find(w("jc"))) if self.ppr is not None else None

    @property
    def size(self) -> float | None:
        half_points = _int(val(self.rpr.find(w("sz")))) if self.rpr is not None else None
        return half_points / 2 if half_points else None

    @property
    def bold(self) -> bool | None:
        b = self.rpr.find(w("b")) if self.rpr is not None else None
        return None if b is None else on(b)

    def twips(self, tag: str, attr: str) -> float | None:
        """A length of the default paragraph properties, in points."""
        el = self.ppr.find(w(tag)) if self.ppr is not None else None
        value = _int(val(el, attr))
        return value / 20 if value is not None else None


def style_index(styles_root) -> tuple[dict[str, str], dict[str, str]]:
    """(the kind of each style id, the default style id of each kind): the default is
    the last style of its kind marked w:default, as Word takes it. python-docx finds it
    by making an object of every style, which takes longer than reading a notice."""
    kinds: dict[str, str] = {}
    defaults: dict[str, str] = {}
    for style in styles_root.iterchildren(w("style")):
        style_id, kind = style.get(w("styleId")), style.get(w("type"), "paragraph")
        if style_id:
            kinds.setdefault(style_id, kind)
            if style.get(w("default")) in ("1", "true", "on"):
                defaults[kind] = style_id
    return kinds, defaults


def indents(ppr) -> tuple[int | None, int | None, float | None]:
    """What python-docx does not read of a w:pPr's w:ind: (first-line, left) indent in
    hundredths of a character (Word's "2 characters", w:firstLineChars="200"; negative
    for a hanging one), and the left indent written as w:start, in points."""
    ind = ppr.find(w("ind")) if ppr is not None else None
    if ind is None:
        return None, None, None
    first = _int(val(ind, "firstLineChars"))
    hanging = _int(val(ind, "hangingChars"))
    if hanging:
        first = -hanging
    left = _int(val(ind, "leftChars"))
    if left is None:
        left = _int(val(ind, "startChars"))
    start = _int(val(ind, "start"))
    return first, left, (start / 20 if start is not None else None)
