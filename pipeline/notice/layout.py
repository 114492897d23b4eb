"""The layout pass: every line of a notice gets a role, from its text and its layout facts.

A notice is read as a sequence of items (lines of paragraphs, and tables). Each gets one
role of GB/T 9704-2012 (see ``ROLES``) and the reason it got it, so that a person can
print the result (``notice-pipeline inspect FILE``) and see why a part was found or
missed. Nothing is decided by position alone: the 版记 may stand before or after the
attachments, the 发文字号 above or under the title, a date inside the body is content.

The order of the passes:

1. head: 份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人, a label of a document printed on
   its own ("附件三", "大纲4"), noise a web page adds;
2. title: 1-4 lines that read like a title and are laid out like one;
3. under the title: a 发文字号 or 令号 printed there, then the 主送 line(s);
4. record: 抄送 and 印发 lines wherever they stand after the head;
5. closing: the 成文日期 is the first date line that closes the main document (not one
   under a heading, not one the body goes on after), the 署名 above it, the 附件说明 above
   that, the 附注 under it;
6. body: what lies between, with a table of contents told apart;
7. attachments: after the closing, each opened by a label, a listed title or a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Grid
from ..text import close_cjk_gaps, is_date_line, squash
from . import patterns as P
from .closing import attachment_items
from .lines import Line

ROLES = {
    "noise": "a line the web page or database added",
    "copy_number": "份号",
    "secrecy": "密级和保密期限",
    "urgency": "紧急程度",
    "masthead": "发文机关标志",
    "doc_number": "发文字号 (or 令号)",
    "signer": "签发人",
    "label": "label of a document printed on its own (附件三, 大纲4)",
    "title": "标题",
    "recipients": "主送机关",
    "toc": "目录 (table of contents)",
    "body": "正文",
    "attachment_note": "附件说明",
    "signature": "署名",
    "date": "成文日期",
    "note": "附注",
    "cc": "抄送机关",
    "printed": "印发机关和印发日期",
    "attachment_label": "附件 label",
    "attachment_title": "附件 title",
    "attachment": "附件 content",
}


@dataclass
class Entry:
    item: Line | Grid
    role: str | None = None
    why: str = ""
    group: int | None = None  # attachments: which one (0, 1, …) the entry belongs to

    @property
    def text(self) -> str:
        return self.item.text if isinstance(self.item, Line) else ""

    @property
    def is_line(self) -> bool:
        return isinstance(self.item, Line)


@dataclass
class Layout:
    """The items of a notice with their roles: the inspectable result of the layout pass."""

    entries: list[Entry]
    body_size: float | None = None
    standalone: bool = False  # a document printed on its own under a label (附件三…)
    order: bool = False  # a 命令（令）: its masthead ends in 令
    listed: list[tuple[str, str]] = field(default_factory=list)  # 附件说明 (number, title)
    # An attachment's own 附件说明 (a 办法 that lists its forms): group -> (number, title)
    inner: dict[int, list[tuple[str, str]]] = field(default_factory=dict)

    def texts(self, role: str) -> list[str]:
        return [e.text for e in self.entries if e.role == role and e.is_line]

    def first(self, role: str) -> int | None:
        return next((k for k, e in enumerate(self.entries) if e.role == role), None)

    def describe(self) -> list[str]:
        """One line per item: index, role, group, text and why."""
        out = []
        for k, e in enumerate(self.entries):
            role = e.role or "-"
            if e.group is not None:
                role += f"[{e.group + 1}]"
            if isinstance(e.item, Grid):
                text = f"<table {len(e.item.rows)}×{e.item.width}>"
            else:
                text = e.item.text
            text = text if len(text) <= 60 else text[:59] + "…"
            out.append(f"{k:4d} {role:<20} {text}" + (f"  ({e.why})" if e.why else ""))
        return out


def _same_style(a: Line, b: Line) -> bool:
    if a.size is not None and b.size is not None and abs(a.size - b.size) > 1.5:
        return False
    return a.align == b.align or a.align is None or b.align is None


# What may stand above a title.
_HEAD_ROLES = {
    None, "noise", "label", "masthead", "copy_number", "secrecy", "urgency", "doc_number",
    "signer",
}  # fmt: skip


class _Pass:
    def __init__(self, items: list[Line | Grid]):
        self.layout = Layout(entries=[Entry(item) for item in items])
        self.e = self.layout.entries
        sizes = [i.size for i in items if isinstance(i, Line) and i.size and len(i.text) > 30]
        # The body's size: the middle of the long lines' sizes (statistics.median would
        # import fractions and decimal at every start).
        self.layout.body_size = sorted(sizes)[len(sizes) // 2] if sizes else None
        # A blank line between every two paragraphs (Markdown, some web copies) says
        # nothing about where a part starts.
        texts = [i for i in items if isinstance(i, Line)]
        self.gappy = len(texts) > 8 and sum(i.gap for i in texts) > 0.6 * len(texts)

    def mark(self, k: int, role: str, why: str, group: int | None = None) -> None:
        self.e[k].role, self.e[k].why, self.e[k].group = role, why, group

    def line(self, k: int) -> Line | None:
        if 0 <= k < len(self.e) and self.e[k].is_line:
            return self.e[k].item  # type: ignore[return-value]
        return None

    # -------------------------------------------------------------- 1. head

    def head(self, k: int, *, after_title: bool = False) -> int:
        """版头 lines from k; returns the first index that is not one."""
        unclaimed: list[int] = []  # lines above a 发文字号: a masthead without 文件
        seen = 0
        while k < len(self.e) and seen < 12:
            line = self.line(k)
            if line is None:
                break
            if self.e[k].role == "noise":  # above the notice (see skip_web_header)
                k += 1
                continue
            seen += 1
            s = squash(line.text)
            compact = close_cjk_gaps(line.text)
            if P.is_noise(s):
                self.mark(k, "noise", "a web page's or database's line")
            elif not after_title and P.COPY_NUMBER_RE.fullmatch(s):
                self.mark(k, "copy_number", "six digits at the top")
            elif P.SECRECY_RE.fullmatch(s):
                self.mark(k, "secrecy", "密级 at the top")
            elif P.URGENCY_RE.fullmatch(s):
                self.mark(k, "urgency", "紧急程度 at the top")
            elif P.SIGNER_RE.search(compact) or (
                P.is_doc_number_line(line.text) and not P.title_cites_number(line.text)
            ):
                role = "doc_number" if P.is_doc_number_line(line.text) else "signer"
                self.mark(k, role, "发文字号 pattern" if role == "doc_number" else "签发人：")
                if unclaimed and self.layout.first("masthead") is None:
                    for u in unclaimed:
                        self.mark(u, "masthead", "above the 发文字号")
                unclaimed = []
            elif P.is_masthead(line.text) or (
                unclaimed and s == "文件" and not self._organ_at(k + 1)
            ):
                self.mark(k, "masthead", "ends in 文件" if s.endswith("文件") else "an organ's 令")
                self.layout.order = self.layout.order or s.endswith("令")
                for u in unclaimed:  # joint masthead: organs stacked above "文件"
                    self.mark(u, "masthead", "stacked above the masthead")
                unclaimed = []
            elif (self.layout.order or after_title) and P.is_order_number(line.text):
                self.mark(k, "doc_number", "令号 or 公告 number")
                self.layout.order = self.layout.order or "令" in s
            elif not after_title and P.STANDALONE_LABEL_RE.match(s) and k == self._first_text():
                self.mark(k, "label", "a label opens the document")
                self.layout.standalone = True
            elif (
                not after_title
                and not unclaimed
                and len(s) <= 40
                and P.doc_kind_of(s) is None
                and self._doc_number_ahead(k)
            ):
                unclaimed.append(k)  # decided when the 发文字号 comes
            elif unclaimed and len(s) <= 40 and P.doc_kind_of(s) is None:
                unclaimed.append(k)
            else:
                break
            k += 1
        return unclaimed[0] if unclaimed else k

    def _first_text(self) -> int:
        return next((k for k, e in enumerate(self.e) if e.is_line and e.role is None), -1)

    def _doc_number_ahead(self, k: int) -> bool:
        """A 发文字号 or the 文件 of a joint masthead comes within a few lines, before
        anything that reads as a title."""
        for j in range(k + 1, min(len(self.e), k + 5)):
            line = self.line(j)
            if line is None:
                return False
            if P.is_doc_number_line(line.text) or P.SIGNER_RE.search(close_cjk_gaps(line.text)):
                return True
            if squash(line.text).endswith("文件") and len(squash(line.text)) <= 40:
                return True
            if P.doc_kind_of(line.text) or len(squash(line.text)) > 40:
                return False
        return False

    def skip_web_header(self) -> None:
        """A web page's header above the notice: its menus, 来源/发布时间 lines, metadata
        table or front matter are noise, and so is every line above the notice's own
        head when the page shows itself there: a noise line, the title repeated (as the
        page's title or in its metadata), or lines that are no part of a 公文's head.

        The notice starts at the title "…关于…的通知" closest to its 主送 line (or, without
        one, to its first sentence), with the head lines right above it (masthead,
        发文字号, 份号…)."""
        self._front_matter()
        sentence = next(
            (j for j in range(len(self.e)) if self.line(j) and P.is_sentence(self.line(j).text)),
            len(self.e),
        )
        # The 主送 comes before the body's first heading: a line ending in "：" under 第一章,
        # 第一条 or 一、 ("管委会依照本办法履行以下职责：") is the body's, not a 主送.
        headed = next(
            (
                j
                for j in range(min(len(self.e), 80))
                if self.line(j)
                and (h := P.match_heading(self.line(j).text))
                and h[0] in ("章", "节", "条", "一、")
            ),
            min(len(self.e), 80),
        )
        addressed = next(
            (j for j in range(headed) if self.line(j) and P.is_recipient_line(self.line(j).text)),
            None,
        )
        body = addressed if addressed is not None else sentence
        for j in range(body):
            if self.e[j].is_line and P.is_noise(self.e[j].text):
                self.mark(j, "noise", "a web page's or database's line")
        # Under a "目录" line come its entries, never the notice's own title.
        toc = next(
            (j for j in range(body) if self.line(j) and P.TOC_RE.match(squash(self.line(j).text))),
            body,
        )
        titles = [j for j in range(toc) if self.e[j].role is None and self._kind_title_at(j)]
        wrapped = P.issuer_like  # a line above "关于…" that belongs to the title
        if not titles:  # a 办法, 方案… published alone: its title has no 关于
            titles = [
                j
                for j in range(toc)
                if self.e[j].role is None and self._kind_title_at(j, about=False)
            ]

            def wrapped(text: str) -> bool:  # the title's first line, its kind on the next
                return P.doc_kind_of(text) is None

        if not titles:  # prose above the title (a disclaimer): a title with its 文号 under it
            titles = [
                j
                for j in range(body, min(len(self.e), body + 40))
                if self.e[j].role is None and self._kind_title_at(j) and self._numbered_below(j)
            ][:1]
        if not titles:
            return
        start = titles[-1]
        while start - 1 in titles and wrapped(self.e[start - 1].text):
            start -= 1  # "山东省商务厅等4部门" / "关于印发…的通知": one title
        start = self._head_above(start)
        above = [e for e in self.e[:start] if e.is_line and e.role is None]
        repeated = squash(self.e[start].text)[:12] in "".join(squash(e.text) for e in above)
        # Lines no 公文 prints above its title ("欢迎访问…平台", "信息详情"): two or more.
        foreign = [
            e
            for e in above
            if P.is_title_like(e.text)
            and not (P.is_organ_name(e.text) or P.label_like_head(e.text))
            and squash(e.text) != "文件"
        ]
        noise = any(e.role == "noise" for e in self.e[:start])
        prose = any(P.is_sentence(e.text) for e in above)  # no 公文 prints prose above its title
        if not above or not (repeated or noise or prose or len(foreign) >= 2):
            return
        for j in range(start):
            if self.e[j].role is None:
                self.mark(j, "noise", "above the notice: a web page's header")

    def _front_matter(self) -> None:
        """A metadata block between "---" lines at the top (a page saved as Markdown)."""
        if not (self.line(0) and squash(self.line(0).text) == "---"):
            return
        for j in range(1, min(len(self.e), 40)):
            if self.line(j) and squash(self.line(j).text) == "---":
                for i in range(j + 1):
                    self.mark(i, "noise", "front matter: the page's metadata")
                return

    def _numbered_below(self, j: int) -> bool:
        """The title at j has its 发文字号 or 主送 right under it."""
        for i in self._lines_from(j + 1, 4):
            line = self.line(i)
            if line is None:
                return False
            if P.is_doc_number_line(line.text) or P.is_recipient_line(line.text):
                return True
            if not P.is_title_like(line.text):
                return False
        return False

    def _head_above(self, start: int) -> int:
        """Where the head above the title at ``start`` begins: its 份号, 密级, 发文字号 and
        masthead, a joint masthead's organs stacked above its 文件 included."""
        j = start
        while j > 0 and (self._head_like(j - 1) or self._masthead_organ(j - 1)):
            j -= 1
        while j < start and self._masthead_organ(j) and not self._file_below(j, start):
            j += 1  # organs with no 文件 under them are not a masthead
        return j

    def _organ_at(self, j: int) -> bool:
        """Line j names an organ of a joint masthead, read after its 文件 (not the issuer
        opening the title: "国务院办公厅" / "关于…的通知")."""
        line = self.line(j)
        return (
            line is not None
            and P.is_organ_name(line.text)
            and not self._kind_title_at(j, about=False)
        )

    def _masthead_organ(self, j: int) -> bool:
        line = self.line(j)
        if line is None or self.e[j].role is not None:
            return False
        return P.is_organ_name(line.text) or squash(line.text) == "文件"

    def _file_below(self, j: int, end: int) -> bool:
        return any(
            self.line(i) is not None and squash(self.line(i).text).endswith("文件")
            for i in range(j, end)
        )

    def _head_like(self, j: int) -> bool:
        line = self.line(j)
        if line is None or self.e[j].role is not None:
            return False
        s = squash(line.text)
        return bool(
            P.is_masthead(line.text)
            or P.is_doc_number_line(line.text)
            or P.is_order_number(line.text)
            or P.COPY_NUMBER_RE.fullmatch(s)
            or P.SECRECY_RE.fullmatch(s)
            or P.URGENCY_RE.fullmatch(s)
        )

    def _kind_title_at(self, j: int, about: bool = True) -> bool:
        """Lines from j read as a title with 关于 and a kind ("…关于…的通知"); with
        ``about=False`` any title ending in a kind ("某市停车管理办法")."""
        text = ""
        for i in self._lines_from(j, 4):
            line = self.line(i)
            if line is None or not P.is_title_like(line.text):
                return False
            text += squash(line.text)
            if ("关于" in text or not about) and P.doc_kind_of(text):
                return True
        return False

    def _lines_from(self, j: int, n: int) -> list[int]:
        """The indexes of the next n entries from j that are not noise."""
        out: list[int] = []
        while j < len(self.e) and len(out) < n:
            if self.e[j].role != "noise":
                out.append(j)
            j += 1
        return out

    # -------------------------------------------------------------- 2. title

    def title(self, k: int) -> int:
        """Up to four lines from k that make the title; returns the index after them."""
        lines: list[int] = []
        j = k
        under_number = any(e.role == "doc_number" for e in self.e[:k])
        while j < len(self.e) and len(lines) < 4:
            if lines and self.e[j].role == "noise":  # "<" left alone by a web page
                j += 1
                continue
            line = self.line(j)
            if line is None:
                break
            above = [squash(self.line(i).text) for i in lines]
            if not P.is_title_like(line.text) and not (lines and P.title_tail(above, line.text)):
                break
            if lines and P.is_title_note(line.text):
                break
            if lines and under_number and _organs_then_about(above, line.text):
                # the issuers' names over "关于…的通知", set apart (another size, read by
                # OCR off the centre): one title
                lines.append(j)
                j += 1
                continue
            if lines and _kind_ends(above, line.text):
                # "…关于召开…会议的" over "通知" (spaced out, set apart, read by OCR off the
                # centre): a title that stops at 的 goes on with its kind, however set.
                lines.append(j)
                break
            if lines:
                prev = self.line(lines[-1])
                paren = P.parenthesised(line.text)
                if (line.gap and not paren) or (not _same_style(prev, line) and not paren):
                    break
            lines.append(j)
            j += 1
        if not lines:
            return k
        texts = [self.line(j).text for j in lines]
        # The longest run of lines that ends in a kind (…的通知, …办法（试行）).
        kinds = [(n, P.doc_kind_of("".join(texts[:n]))) for n in range(1, len(lines) + 1)]
        kinds = [(n, kind) for n, kind in kinds if kind]
        if kinds:
            n, why = kinds[-1][0], f"reads as a title: ends in {kinds[-1][1]}"
        elif (
            len(lines) == 1
            and P.is_organ_name(texts[0])
            and self._kind_title_at(lines[0] + 1)
            and not under_number
        ):  # an organ's name above "关于…的通知": a masthead without 文件 (under the
            # 发文字号 the organs' names are the title's first line)
            self.mark(lines[0], "masthead", "an organ's name above the title")
            return self.title(lines[0] + 1)
        elif self._laid_out_as_title(lines) or self._alone_at_top(lines):
            n, why = len(lines), "laid out as a title"
        else:
            return k
        for j in lines[:n]:
            self.mark(j, "title", why)
        return lines[n - 1] + 1

    def _laid_out_as_title(self, lines: list[int]) -> bool:
        first = self.line(lines[0])
        body = self.layout.body_size
        if first.align == "center":
            return True
        return bool(first.size and body and first.size >= body + 1.5)

    def _alone_at_top(self, lines: list[int]) -> bool:
        """Plain text: the first lines of the document (head lines aside), standing apart
        from what follows."""
        if any(self.e[j].role not in _HEAD_ROLES for j in range(lines[0])):
            return False
        after = lines[-1] + 1
        while after < len(self.e) and self.e[after].role == "noise":
            after += 1
        nxt = self.line(after)
        if after >= len(self.e) or nxt is None:
            return True
        return nxt.gap or squash(nxt.text).endswith(("：", ":")) or len(squash(nxt.text)) > 40

    # -------------------------------------------------------------- 3. under the title

    def recipients(self, k: int) -> int:
        """主送机关: one to three lines, the last ending in "："."""
        for n in (1, 2, 3):
            lines = [self.line(j) for j in range(k, k + n)]
            if any(line is None for line in lines):
                break
            text = "".join(line.text for line in lines)
            last = lines[-1].text
            if not last.endswith(("：", ":")):
                if not lines[-1].text.endswith(("，", ",", "、")):
                    break
                continue
            not_a_form = self.line(k + n) is not None or k + n >= len(self.e)
            if not_a_form and P.is_recipient_line(text):
                for j in range(k, k + n):
                    self.mark(j, "recipients", "ends in ： under the title")
                return k + n
            break
        return k

    # -------------------------------------------------------------- 4. record

    def record(self, k: int) -> None:
        for j in range(k, len(self.e)):
            line = self.line(j)
            if line is None or self.e[j].role:
                continue
            s = line.text.strip()
            if P.CC_RE.match(s):
                self.mark(j, "cc", "抄送：")
            elif len(s) <= 80 and s.endswith("发"):
                m = P.PRINTED_RE.match(s)
                if m and P.has_date(m.group(2)):
                    self.mark(j, "printed", "organ and date, then 印发")

    # -------------------------------------------------------------- 5. closing

    def closing_date(self, k: int) -> int | None:
        """The 成文日期: the first date line that closes the main document."""
        for j in range(k, len(self.e)):
            line = self.line(j)
            if line is None or self.e[j].role or not is_date_line(line.text):
                continue
            why = self._closes(j)
            if why:
                self.mark(j, "date", why)
                return j
        return None

    def _closes(self, j: int) -> str | None:
        prev = self.line(j - 1)
        if prev is not None and squash(prev.text).endswith(("：", ":")):
            return None  # a date under a label is content
        nxt_k = j + 1
        while nxt_k < len(self.e) and self.e[nxt_k].role in ("cc", "printed"):
            nxt_k += 1
        nxt = self.line(nxt_k)
        if nxt_k >= len(self.e):
            return "a date line at the end"
        if nxt is None:
            return "a date line before a table"
        s = squash(nxt.text)
        line = self.line(j)
        signed = prev is not None and P.signature_like(prev.text) and not P.label_like(prev.text)
        if P.match_heading(s) and P.match_heading(s)[0] in ("一、", "（一）", "1.", "（1）"):
            return None  # the body goes on
        if nxt.page and line.page and nxt.page > line.page:
            return "a date line at the end of a page"
        if (
            P.parenthesised(nxt.text)
            or P.SEAL_RE.match(s)
            or P.ATTACHMENT_LABEL_RE.match(s)
            or P.STANDALONE_LABEL_RE.match(s)
            or P.is_organ_name(s)
        ):
            return "a date line before the 附注, an attachment or the 版记"
        if P.is_title_like(nxt.text) and (
            signed
            or P.doc_kind_of(nxt.text)
            or nxt.gap
            or line.align in ("right", "center")
            or self._laid_out_as_title([nxt_k])
        ):
            return "a date line before the title of an attachment"
        if line.align == "right":
            return "a right-aligned date line"
        if prev is not None and P.CLOSING_RE.match(squash(prev.text)):
            return "a date line after the closing formula (特此通知)"
        if signed:
            return "a date line under the 署名"
        return None

    def signature(self, k: int, date_at: int) -> int:
        """署名: short lines right above the date. Returns where they start."""
        start = date_at
        while start - 1 >= k and date_at - start < 4:
            line = self.line(start - 1)
            if line is None or self.e[start - 1].role or not P.signature_like(line.text):
                break
            if self._wraps_attachment_note(start - 1):
                break
            start -= 1
            if line.gap and line.align not in ("center", "right") and not self.gappy:
                break  # a blank line above a plain line: the signature block starts here
        for j in range(start, date_at):
            self.mark(j, "signature", "short lines above the 成文日期")
        return start

    def _wraps_attachment_note(self, j: int) -> bool:
        """Line j is the wrapped end of the 附件说明 above it, not an organ signing."""
        line, above = self.line(j), self.line(j - 1)
        if line is None or above is None:
            return False
        s = squash(above.text)
        if P.ATTACHMENT_NOTE_RE.fullmatch(s) and not P.ATTACHMENT_NOTE_RE.match(s).group(2):
            return True  # "附件：" alone: this line is its title
        if line.gap or P.is_organ_name(line.text):
            return False
        return bool(P.ATTACHMENT_NOTE_RE.match(s) or P.LIST_ITEM_RE.match(s)) and not s.endswith(
            P.TITLE_END
        )

    def attachment_note(self, k: int, end: int) -> int | None:
        for j in range(k, end):
            line = self.line(j)
            if line is not None and not self.e[j].role and P.ATTACHMENT_NOTE_RE.match(line.text):
                for i in range(j, end):
                    if self.e[i].role is None:
                        self.mark(i, "attachment_note", "附件： after the body")
                return j
        return None

    def after_date(self, k: int) -> int:
        """附注, seal placeholders and a stray 署名 right after the date (an organ's name
        there signs only a document not signed above its date: else it is a running
        header or footer)."""
        signed = any(e.role == "signature" for e in self.e[:k])
        while k < len(self.e):
            line = self.line(k)
            if self.e[k].role in ("cc", "printed"):
                k += 1
                continue
            if line is None:
                break
            s = squash(line.text)
            if P.parenthesised(line.text) and not P.SEAL_RE.match(s):
                self.mark(k, "note", "in parentheses under the 成文日期")
            elif s.startswith(("（", "(")) and self._closes_parenthesis(k):
                end = self._closes_parenthesis(k)
                for i in range(k, end + 1):
                    self.mark(i, "note", "in parentheses under the 成文日期, over lines")
                k = end
            elif P.SEAL_RE.match(s):
                self.mark(k, "signature", "a seal placeholder")
            elif P.is_organ_name(s) and self._ends_main(k + 1) and not signed:
                self.mark(k, "signature", "an organ's name after the 成文日期")
            else:
                break
            k += 1
        return k

    def _closes_parenthesis(self, k: int) -> int | None:
        """The line (within twelve) whose "）" closes the parenthesis opened at line k."""
        for j in range(k + 1, min(len(self.e), k + 12)):
            line = self.line(j)
            if line is None:
                return None
            if line.text.rstrip().endswith(("）", ")")):
                return j
        return None

    def _ends_main(self, k: int) -> bool:
        while k < len(self.e) and self.e[k].role in ("cc", "printed", "note"):
            k += 1
        line = self.line(k)
        if k >= len(self.e):
            return True
        if line is None:
            return False
        s = squash(line.text)
        return bool(P.ATTACHMENT_LABEL_RE.match(s) or P.STANDALONE_LABEL_RE.match(s))

    # -------------------------------------------------------------- 6. body

    def body(self, k: int, end: int) -> None:
        for j in range(k, end):
            if self.e[j].role is None:
                self.mark(j, "body", "")
        self.toc(k, end)

    def toc(self, k: int, end: int) -> None:
        """目录: a "目录" line and the entries under it, or a run of bare headings that
        the body repeats; never sections."""
        lines = [j for j in range(k, end) if self.line(j) is not None]
        for n, j in enumerate(lines):
            if P.TOC_RE.match(squash(self.line(j).text)):
                entries = self._toc_entries(lines[n + 1 :], end)
                if entries:
                    self.mark(j, "toc", "目录")
                    for i in entries:
                        self.mark(i, "toc", "an entry of the 目录")
                return
        # No "目录" line: bare level-1 headings one after another, which the body repeats.
        run: list[int] = []
        for j in lines:
            text = self.line(j).text
            repeats = run and P.toc_key(text) == P.toc_key(self.line(run[0]).text)
            if self._bare_top_heading(text) and not repeats:
                run.append(j)
                continue
            if len(run) >= 3 and self._repeated(run, j, end):
                for i in run:
                    self.mark(i, "toc", "headings listed before the body repeats them")
                return
            run = []

    def _toc_entries(self, lines: list[int], end: int) -> list[int]:
        entries: list[int] = []
        first_key = None
        for j in lines:
            text = self.line(j).text
            key = P.toc_key(text)
            if first_key is not None and key == first_key and not P.TOC_PAGE_RE.search(text):
                break  # the body starts: its first heading repeats the first entry
            s = squash(text)
            if P.TOC_PAGE_RE.search(text) or (
                len(s) <= 40 and not re.search(r"[。；;]", s) and not s.endswith(("：", ":"))
            ):
                entries.append(j)
                first_key = first_key or key
                continue
            break
        return entries

    @staticmethod
    def _bare_top_heading(text: str) -> bool:
        found = P.match_heading(squash(text))
        return bool(found) and found[0] in ("一、", "章") and not found[3] and bool(found[2])

    def _repeated(self, run: list[int], j: int, end: int) -> bool:
        keys = [P.toc_key(self.line(i).text) for i in run]
        later = {P.toc_key(self.line(i).text) for i in range(j, end) if self.line(i) is not None}
        return keys[0] in later and keys[1] in later

    def promulgated_title(self, k: int, end: int) -> None:
        """A 令 prints the regulation it promulgates after its own text: the regulation's
        title is the line the 令 cites in 《》, or the line above its 第一章/第一条."""
        cited: set[str] = set()
        for j in range(k, end):
            line = self.line(j)
            if line is None:
                continue
            s = squash(line.text)
            nxt = self.line(j + 1)
            opens = nxt is not None and (P.match_heading(squash(nxt.text)) or ("",))[0] in (
                "章",
                "条",
            )
            if P.is_title_like(line.text) and (s in cited or opens):
                self.mark(j, "title", "the regulation the 令 promulgates")
                return
            cited |= {squash(c) for c in re.findall(r"《([^《》]+)》", line.text)}

    # -------------------------------------------------------------- 7. attachments

    def attachments(self, k: int, listed: list[tuple[str, str]]) -> None:
        """After the closing: each attachment opened by a label, a listed title or a title."""
        group = -1
        titles = {squash(t): n for n, (_, t) in enumerate(listed)}
        title_open = False  # the current title may go on on the next line
        title_so_far = ""  # the current title's lines, squashed
        pending_label = False  # a label line ("附件2") waits for its title
        has_content = False
        signed = {squash(e.text) for e in self.e[:k] if e.role in ("signature", "masthead")}
        listed_titles = [squash(t) for _, t in listed]
        notes: dict[int, list[str]] = {}  # an attachment's own 附件说明 (a 办法's forms)
        in_note = False
        for j in range(k, len(self.e)):
            entry = self.e[j]
            if entry.role in ("cc", "printed"):
                continue
            if not entry.is_line:
                if group < 0:
                    group = 0
                self.mark(j, "attachment", "a table", group)
                title_open, pending_label, has_content = False, False, True
                continue
            text = entry.text
            s = squash(text)
            if P.is_noise(s):
                self.mark(j, "noise", "a web page's or database's line")
                continue
            if s in signed:
                self.mark(j, "noise", "repeats the 署名: a running header or footer")
                continue
            note = P.ATTACHMENT_NOTE_RE.match(s)
            nxt = self.line(j + 1)
            listing = bool(note and note.group(2)) or bool(
                note and nxt is not None and P.LIST_ITEM_RE.match(squash(nxt.text))
            )
            if has_content and note and not note.group(1) and listing:
                in_note = True
            elif not (in_note and P.LIST_ITEM_RE.match(s)):
                in_note = False
            if in_note:
                self.mark(j, "attachment_note", "the attachment's own 附件说明", group)
                notes.setdefault(group, []).append(text)
                continue
            label = P.ATTACHMENT_LABEL_RE.match(s)
            if label and len(s) <= 60 and (label.group(1) or not label.group(2)):
                group += 1
                self.mark(j, "attachment_label", "附件 label", group)
                title_so_far = label.group(2) or ""
                pending_label, title_open, has_content = (
                    not label.group(2),
                    bool(label.group(2)),
                    False,
                )
                continue
            if s in titles and (has_content or group < 0) and not pending_label:
                group += 1
                self.mark(j, "attachment_title", "the title the 附件说明 lists", group)
                title_open, has_content, title_so_far = True, False, s
                continue
            if group < 0 and self.layout.order and P.match_heading(s):
                group = 0  # the regulation a 令 promulgates, its title printed above
                has_content = True
                self.mark(j, "attachment", "the regulation the 令 promulgates", group)
                continue
            if group < 0 or pending_label:
                group += 0 if pending_label else 1
                self.mark(j, "attachment_title", "first line of an attachment", group)
                pending_label, title_open, title_so_far = False, True, s
                continue
            if (
                title_open
                and not has_content
                and P.is_title_like(text)
                and not text.endswith(("：", ":"))
                and (
                    not entry.item.gap
                    or P.parenthesised(text)
                    or any(t.startswith(title_so_far + s) for t in listed_titles)
                )
            ):
                self.mark(j, "attachment_title", "the title goes on", group)
                title_so_far += s
                continue
            title_open = False
            has_content = True
            self.mark(j, "attachment", "", group)
        if notes:
            self.layout.inner = {g: attachment_items(lines) for g, lines in notes.items()}
        self._drop_bare_titles(k, listed)

    def _drop_bare_titles(self, k: int, listed: list[tuple[str, str]]) -> None:
        """An "attachment" that is one title-like line with nothing under it, no label and
        not listed is not one: a web page's remark, the next document's first line."""
        titles = {squash(t) for _, t in listed} | {
            squash(t) for items in self.layout.inner.values() for _, t in items
        }
        groups: dict[int, list[int]] = {}
        for j in range(k, len(self.e)):
            if self.e[j].group is not None:
                groups.setdefault(self.e[j].group, []).append(j)
        for members in groups.values():
            roles = {self.e[j].role for j in members}
            text = "".join(squash(self.e[j].text) for j in members)
            if roles == {"attachment_title"} and text not in titles:
                for j in members:
                    self.mark(j, "noise", "a line after the end, with nothing under it")


# ------------------------------------------------------------------ the whole pass


def assign(items: list[Line | Grid]) -> Layout:
    """Give every item a role; see the module's docstring for the order of the passes."""
    p = _Pass(items)
    layout = p.layout
    p.skip_web_header()
    k = p.head(0)
    k = p.title(k)
    if layout.first("title") is None:
        k = _title_after_fragments(p, k)
    if layout.first("title") is not None:
        k = p.head(k, after_title=True)
    k = p.recipients(k)
    p.record(k)
    date_at = p.closing_date(k)
    if date_at is not None:
        sig_start = p.signature(k, date_at)
        note_at = p.attachment_note(k, sig_start)
        body_end = note_at if note_at is not None else sig_start
        tail = p.after_date(date_at + 1)
    else:
        body_end = _tail_without_date(p, k)
        note_at = p.attachment_note(k, body_end)
        body_end = note_at if note_at is not None else body_end
        tail = body_end
        while tail < len(p.e) and p.e[tail].role is not None:
            tail += 1
    p.body(k, body_end)
    layout.listed = attachment_items(layout.texts("attachment_note"))
    if layout.order and layout.first("title") is None:
        p.promulgated_title(k, body_end)
    if layout.standalone:
        for j in range(tail, len(p.e)):
            if p.e[j].role is None:
                p.mark(j, "body", "")
    else:
        p.attachments(tail, layout.listed)
    return layout


def _organs_then_about(above: list[str], text: str) -> bool:
    """The title lines so far are organs' names, and this line begins "关于"."""
    return bool(above) and P.is_organ_name("".join(above)) and squash(text).startswith("关于")


def _kind_ends(above: list[str], text: str) -> bool:
    """The title lines so far stop at 的, and this line is only a 文种 ("通  知")."""
    kind = squash(text)
    return bool(above) and above[-1].endswith("的") and P.doc_kind_of(kind) == kind


def _title_after_fragments(p: _Pass, k: int) -> int:
    """A title laid out as one a few lines down, past fragments ("一寸照片" boxed one
    character a line)."""
    for j in range(k, min(len(p.e), k + 8)):
        line = p.line(j)
        if line is None:
            break
        if P.is_title_like(line.text) and p._laid_out_as_title([j]):
            end = p.title(j)
            if end > j:
                for i in range(k, j):
                    p.mark(i, "body", "a fragment above the title")
                return end
        if len(squash(line.text)) > 4:
            break
    return k


def _tail_without_date(p: _Pass, k: int) -> int:
    """Without a 成文日期, the main document ends at the first attachment label."""
    for j in range(k, len(p.e)):
        line = p.line(j)
        if line is None:
            continue
        s = squash(line.text)
        label = P.ATTACHMENT_LABEL_RE.match(s)
        if label and len(s) <= 60 and label.group(1) and not P.ATTACHMENT_NOTE_RE.match(s):
            return j
        if label and not label.group(2) and not label.group(1) and j > k:
            return j
    return len(p.e)
