"""A built random notice (tests/test_layout_random.py) laid out as a 公文 in Word.

The notice's blocks (each printed part with its role) become paragraphs and tables the way
a 公文 is set in Word (GB/T 9704-2012): the masthead red, centred and large; 份号, 密级 and
紧急程度 at the left; the 发文字号 centred, or at the left with the 签发人 at the right on
a right tab; the title centred, 22 pt bold, one paragraph a line or one paragraph with soft
breaks; the body 16 pt with a first-line indent; the 署名 and 成文日期 right-aligned or
centred over the right half; the 版记 at the left between rules; every attachment on a new
page; a table a real Word table (a run of equal 负责单位 cells sometimes merged).

Layout choices that the plain text does not fix are drawn from ``rnd`` (a hypothesis
``st.randoms()``), so a failing example shrinks to its layout too. The paragraph and run
helpers are those of scripts/make_variants.py (WordNotice).
"""

from __future__ import annotations

import io
import re

from conftest import script_module

variants = script_module("make_variants")
FANGSONG, HEITI, KAITI, XBS = variants.FANGSONG, variants.HEITI, variants.KAITI, variants.XBS
WordNotice = variants.WordNotice

CHAR = 16  # points: one character of 三号 body text


class RandomWord(WordNotice):
    """WordNotice's page, paragraph and run helpers, driven by a built notice's blocks."""

    def __init__(self, built, rnd):
        super().__init__(None)  # the page set-up; no Variant
        self.built = built
        self.rnd = rnd
        self.coin = lambda: rnd.random() < 0.5
        # one choice per document, as one typist would make it
        self.blank_lines = self.coin()  # a gap is an empty paragraph, or space before
        self.title_breaks = self.coin()
        self.sign_centred = self.coin()  # centred over the right half, or right-aligned
        self.merge_units = self.coin()
        self.rules = self.coin()  # the red rule under the 发文字号, the 版记 rules
        self.space = None  # points before the next paragraph (a gap without blank lines)
        self.new_page = False  # the next paragraph starts a page

    def par(self, runs=(), **kw):
        if self.space is not None:
            kw.setdefault("space_before", self.space)
            self.space = None
        if self.new_page:
            kw["page_break"] = True
            self.new_page = False
        return super().par(runs, **kw)

    def text(self, text, font=FANGSONG, size=16, **kw):
        return self.par([(text, font, size)], **kw)

    # ------------------------------------------------------------ blocks

    def gap(self) -> None:
        if self.new_page:
            return  # the page break separates
        if self.blank_lines:
            self.par(exact=None)
        else:
            self.space = 16

    def render(self) -> bytes:
        blocks = self.built.blocks
        for k, b in enumerate(blocks):
            getattr(self, "r_" + b.role)(b, blocks[k + 1] if k + 1 < len(blocks) else None)
        return self.save()

    def r_gap(self, b, after) -> None:
        if after is not None and after.role not in ("att_label", "att_inline"):
            self.gap()

    def r_web(self, b, after) -> None:
        for line in b.lines:
            self.par([(line, "宋体", 10.5)], exact=None)

    def r_head(self, b, after) -> None:
        self.text(b.lines[0], HEITI, exact=None)

    def r_masthead(self, b, after) -> None:
        longest = max(len(line) for line in b.lines)
        size = min(40, int(430 / longest))
        for line in b.lines:
            self.par([(line, XBS, size, True, True)], align="center", exact=None)

    def rule(self, p) -> None:
        if self.rules:
            self.border(p, "bottom", "FF0000", 18)

    def r_number(self, b, after) -> None:
        self.rule(self.text(b.lines[0], align="center"))

    def r_number_signer(self, b, after) -> None:
        number, signer = b.lines
        label, names = signer.split("：", 1)
        p = self.par(
            [
                (number, FANGSONG, 16),
                ("\t", FANGSONG, 16),
                (label + "：", FANGSONG, 16),
                (names, KAITI, 16),
            ],
            left=CHAR,
        )
        self.right_tab(p)
        self.rule(p)

    def r_title(self, b, after) -> None:
        if self.title_breaks and len(b.lines) > 1:
            p = self.par(align="center", exact=36)
            for k, line in enumerate(b.lines):
                r = self.run(p, line, XBS, 22, True)
                if k < len(b.lines) - 1:
                    r.add_break()
        else:
            for line in b.lines:
                self.par([(line, XBS, 22, True)], align="center", exact=36)

    def r_recipients(self, b, after) -> None:
        if self.coin():  # one paragraph, wrapped by Word
            self.text("".join(b.lines))
        else:
            for line in b.lines:
                self.text(line)

    def r_toc_head(self, b, after) -> None:
        self.text("目　　录", HEITI, align="center")

    def r_toc(self, b, after) -> None:
        leader = self.coin()
        for line in b.lines:
            if leader:  # the entry, a dotted right tab, the page
                entry, page = re.fullmatch(r"(.+?)(?:…+|\s+)(\d+)", line).groups()
                p = self.par([(entry, FANGSONG, 16), ("\t", FANGSONG, 16), (page, FANGSONG, 16)])
                self.right_tab(p, leader=True)
            else:
                self.text(line)

    def r_chapter(self, b, after) -> None:
        self.text(b.lines[0], HEITI, align="center")

    def r_body(self, b, after) -> None:
        for line in b.lines:
            self.text(line, first=2 * CHAR)

    def r_att_note(self, b, after) -> None:
        for k, line in enumerate(b.lines):
            if k == 0:
                self.text(line, first=2 * CHAR)
            else:  # aligned under the first title: 2 + 3 characters in
                self.text(line.lstrip("　"), left=5 * CHAR)

    def signature(self, text) -> None:
        if self.sign_centred:  # centred over the right half of the line
            self.text(text, align="center", left=8 * CHAR)
        else:
            self.text(text, align="right", right=4 * CHAR)

    def r_sign(self, b, after) -> None:
        for line in b.lines:
            self.signature(line)

    def r_sign_side(self, b, after) -> None:
        self.signature("　　　　".join(b.lines))

    def r_seal(self, b, after) -> None:
        self.signature(b.lines[0])

    def r_date(self, b, after) -> None:
        self.signature(b.lines[0])

    def r_note(self, b, after) -> None:
        for line in b.lines:
            self.text(line, first=2 * CHAR)

    def r_cc(self, b, after) -> None:
        p = self.par([(b.lines[0], FANGSONG, 14)], left=14, right=14)
        if self.rules:
            self.border(p, "top")

    def r_printed(self, b, after) -> None:
        office, issued = b.lines
        p = self.par(
            [(office, FANGSONG, 14), ("\t", FANGSONG, 14), (issued, FANGSONG, 14)],
            left=14,
            right=14,
        )
        self.right_tab(p)
        if self.rules:
            self.border(p, "bottom")

    def r_att_label(self, b, after) -> None:
        self.new_page = True
        self.text(b.lines[0], HEITI, exact=None)

    def r_att_inline(self, b, after) -> None:
        self.new_page = True
        self.text(b.lines[0], HEITI, exact=None)

    def r_att_title(self, b, after) -> None:
        self.par([(b.lines[0], XBS, 22, True)], align="center", exact=None)

    def r_table(self, b, after) -> None:
        from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        header, rows = b.info["header"], b.info["rows"]
        grid = [header, *rows]
        table = self.doc.add_table(rows=len(grid), cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        self.widths(table, self.column_widths(grid))
        col = header.index("负责单位")
        merges = []  # (first row, last row) of runs of equal units, in grid rows
        if self.merge_units:
            r = 1
            while r < len(grid):
                last = r
                while last + 1 < len(grid) and grid[last + 1][col] == grid[r][col]:
                    last += 1
                if last > r:
                    merges.append((r, last))
                r = last + 1
        covered = {r for first, last in merges for r in range(first + 1, last + 1)}
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                if c == col and r in covered:
                    continue  # the merged cell shows the value once, at the top
                cell = table.cell(r, c)
                p = cell.paragraphs[0]
                p.alignment = 1
                self.run(p, text, HEITI if r == 0 else FANGSONG, 12)
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        for first, last in merges:
            merged = table.cell(first, col).merge(table.cell(last, col))
            merged.vertical_alignment = WD_ALIGN_VERTICAL.CENTER

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def render_docx(built, rnd) -> bytes:
    """The built notice as the bytes of a .docx."""
    return RandomWord(built, rnd).render()
