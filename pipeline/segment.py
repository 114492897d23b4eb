"""The segmenter: blocks in, Notice out. It knows notices (GB/T 9704-2012), not formats.

The parts, in the order a notice prints them::

    版头   发文机关标志 (masthead), 发文字号, 签发人
    标题   "X关于…的通知", often over two or three lines
    主送机关 the line ending in "："
    正文   preamble, then sections 一、 → （一） → 1. → （1）
    附件说明 "附件：X" or a numbered list
    署名, 成文日期, 附注 "（此件公开发布）"
    附件   label, title, paragraphs and tables
    版记   抄送, 印发机关 and 印发日期
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import (
    Attachment,
    Contact,
    Document,
    Notice,
    Paragraph,
    ParseWarning,
    Reference,
    Section,
    Source,
    Table,
)
from .tables import FillPolicy, build_table
from .text import HAN, close_cjk_gaps, is_date_line, join_wrapped, parse_date, squash, tight

# The 15 document types of the 党政机关公文处理工作条例, longest first.
DOC_TYPES = ["纪要", "决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报",
             "报告", "请示", "批复", "议案", "函", "令"]  # fmt: skip

_OPEN = "〔\\[【［(（﹝"
_CLOSE = "〕\\]】］)）﹞"
DOC_NUMBER_RE = re.compile(
    rf"(?:{HAN}|[A-Za-z]){{1,20}}\s*[{_OPEN}]\s*\d{{4}}\s*[{_CLOSE}]\s*第?\s*\d{{1,5}}\s*号"
)
SIGNER_RE = re.compile(r"签\s*发\s*人\s*[:：]\s*(.+)$")

_CN = "一二三四五六七八九十百零〇"
# (level, pattern); the number is group 1, the rest of the line group 2.
HEADING_PATTERNS = [
    (1, re.compile(rf"^([{_CN}]{{1,4}})\s*[、，,．.]\s*(.*)$", re.S)),
    (2, re.compile(rf"^[（(]\s*([{_CN}]{{1,4}})\s*[）)]\s*[、，,．.]?\s*(.*)$", re.S)),
    (3, re.compile(r"^(\d{1,2})\s*(?:[.．](?![0-9０-９])|、)\s*(.*)$", re.S)),
    (4, re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*[、，,．.]?\s*(.*)$", re.S)),
]

_KINDS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
_ATTACHMENT_NUMBER = r"(\d*(?:\s*[-—~～至]\s*\d+)?)"  # 附件2, and 附件1-5 for a range
ATTACHMENT_NOTE_RE = re.compile(rf"^附\s*件\s*{_ATTACHMENT_NUMBER}\s*[:：]\s*(.*)$", re.S)
ATTACHMENT_LABEL_RE = re.compile(rf"^附\s*件\s*{_ATTACHMENT_NUMBER}\s*[:：]?\s*(.*)$", re.S)
LIST_ITEM_RE = re.compile(r"^(\d{1,2})\s*[.．、]\s*(.+)$", re.S)
CC_RE = re.compile(r"^抄\s*送\s*[:：]\s*(.+)$", re.S)
PRINTED_RE = re.compile(r"^(.+?)\s*(\S*\d{4}\s*年.+?日)\s*印\s*发$")
REFERENCE_RE = re.compile(
    rf"《([^《》]{{2,120}})》(?:\s*[（(]\s*([^（）()]{{2,40}}?[{_OPEN}]\s*\d{{4}}\s*[{_CLOSE}]"
    rf"\s*第?\s*\d+\s*号)\s*[）)])?"
)
_SENTENCE_END = "。；;！!？?"
# The closing formula of the body: 特此通知, 特此函告, 此复…
CLOSING_RE = re.compile(r"^(特此\S{1,4}|此复|此函|以上\S{0,6}妥否.*)[。！]?$")
# An attachment title is complete when it ends like a document's name does.
_TITLE_END = tuple("表单书则法案知见告明录函要定划册）)") + tuple("0123456789")


@dataclass
class _Para:
    """One line of a paragraph, with what the segmenter needs to know of it."""

    text: str
    gap: bool
    align: str | None = None


def split_list(text: str) -> list[str]:
    """Split a list of organisations on "，"/","/"；", keeping "、"-joined groups whole."""
    text = text.strip().rstrip("：:。.;；")
    return [p.strip() for p in re.split(r"[，,；;]", text) if p.strip()]


def doc_type_of(title: str) -> str | None:
    t = squash(title)
    t = re.sub(r"[（(][^（）()]*[）)]$", "", t)  # "…的通知（试行）"
    for kind in DOC_TYPES:
        if t.endswith(kind):
            return "命令" if kind == "令" else kind
    return None


def issuer_of(title: str) -> str | None:
    """ "X关于…的通知" -> X."""
    head = title.split("关于", 1)
    if len(head) == 2 and head[0].strip():
        return close_cjk_gaps(head[0]).strip()
    return None


def issued_documents(title: str) -> set[str]:
    """What a "关于印发…的通知" issues: "关于印发《X》的通知" -> {X} (squashed)."""
    found = {squash(m) for m in re.findall(r"《([^《》]+)》", title)}
    m = re.search(r"印发(.+?)的(?:通知|决定|意见)$", squash(title))
    if m:
        found.add(m.group(1).strip("《》"))
    return {_title_key(t) for t in found}


def _title_key(title: str) -> str:
    """A title to compare: no spaces, no inner quotes, one kind of dash."""
    return re.sub(r"[—–－‐-]+", "-", re.sub(r"[〈〉<>]", "", squash(title)))


def match_heading(text: str) -> tuple[int, str, str, str] | None:
    """A numbered heading: (level, number, heading, run-in text) or None."""
    for level, pattern in HEADING_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        number, rest = m.group(1), m.group(2).strip()
        heading, body = split_heading(rest)
        return level, number, heading, body
    return None


def split_heading(rest: str) -> tuple[str, str]:
    """Split "加强组织领导。各单位要……" into heading and run-in text.

    A short phrase up to the first "。" or "：" followed by more text is a heading; a
    short line without sentence punctuation is all heading ("活动时间"); a line that
    is one short phrase ending in "。" ("加强组织领导。") is a heading too; anything
    else is a numbered paragraph: no heading, all text.
    """
    m = re.search(r"[。：:]", rest)
    if m is None:
        if len(rest) <= 40 and not re.search(r"[；;，,]", rest):
            return rest.strip(), ""
        return "", rest.strip()
    phrase, after = rest[: m.start()].strip(), rest[m.end() :].strip()
    if re.search(r"[；;]", phrase):
        return "", rest.strip()
    if after:
        return (phrase, after) if len(phrase) <= 30 else ("", rest.strip())
    clauses = re.split(r"[，,、]", phrase)
    if len(phrase) <= 16 and all(len(c) <= 8 for c in clauses):
        return phrase, ""
    return "", rest.strip()


def build_sections(texts: list[str]) -> tuple[str, list[Section]]:
    """Paragraph texts to (preamble, section tree). Skipped levels are tolerated."""
    preamble: list[str] = []
    roots: list[Section] = []
    stack: list[Section] = []
    bodies: dict[int, list[str]] = {}
    for text in texts:
        found = match_heading(text)
        if found is None:
            if stack:
                bodies[id(stack[-1])].append(text)
            else:
                preamble.append(text)
            continue
        level, number, heading, run_in = found
        section = Section(level=level, kind=_KINDS[level], number=number, heading=heading)
        bodies[id(section)] = [run_in] if run_in else []
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)

    def finish(sections: list[Section]) -> None:
        for s in sections:
            s.text = "\n".join(bodies[id(s)])
            finish(s.children)

    finish(roots)
    return "\n".join(preamble), roots


def find_references(text: str) -> list[Reference]:
    refs: dict[str, Reference] = {}
    for m in REFERENCE_RE.finditer(text):
        title = m.group(1).strip()
        number = re.sub(r"\s+", "", m.group(2)) if m.group(2) else None
        if title not in refs or (number and not refs[title].doc_number):
            refs[title] = Reference(title=title, doc_number=number)
    return list(refs.values())


_PHONE_RE = re.compile(
    r"(?:联系电话|电话|手机|座机|传真)\s*[:：]?\s*"
    r"((?:[0-9０-９][0-9０-９\-－—()（） ]{5,}[0-9０-９]"
    r"(?:\s*(?:转|-|ext\.?)\s*[0-9０-９]+)?(?:\s*分机)?)"
    r"(?:\s*[、/，,]\s*[0-9０-９][0-9０-９\-－—]{5,})*)"
)
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_CONTACT_RE = re.compile(
    r"联\s*系\s*人\s*[:：]\s*([^，,；;。（）()\s:：]+(?:[、 ][^，,；;。（）()\s:：]+)*)"
)


def find_contacts(text: str) -> list[Contact]:
    """Contacts: each "联系人：X" with the phones and e-mails that follow it."""
    contacts = []
    matches = list(_CONTACT_RE.finditer(text))
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        segment = text[m.start() : end]
        stop = re.search(r"[。\n]|[）)](?![0-9０-９])", segment)
        segment = segment[: stop.start()] if stop else segment
        unit = re.search(rf"({HAN}{{2,20}})$", text[max(0, m.start() - 20) : m.start()])
        contact = Contact(
            name=m.group(1).strip(),
            unit=unit.group(1) if unit else None,
            phone=[re.sub(r"\s+", "", p) for p in _PHONE_RE.findall(segment)],
            email=_EMAIL_RE.findall(segment),
            text=segment.strip(),
        )
        contacts.append(contact)
    return contacts


class Segmenter:
    def __init__(self, doc: Document, source: Source, policy: FillPolicy):
        self.doc = doc
        self.policy = policy
        self.notice = Notice(source=source)
        self.warnings: list[ParseWarning] = list(doc.warnings)
        # Paragraphs line by line (a soft line break inside a Word paragraph counts as
        # a line too), and tables, in document order.
        self.paras: list[_Para] = []
        self.items: list[_Para | Table] = []
        self.unlisted: list[Attachment] = []  # attachments found but not in the 附件说明
        for block in doc.blocks:
            if isinstance(block, Paragraph):
                text = (block.label or "") + block.text
                lines = [line.strip() for line in text.split("\n") if line.strip()]
                for k, line in enumerate(lines):
                    para = _Para(line, block.gap_before and k == 0, block.align)
                    self.paras.append(para)
                    self.items.append(para)
            elif isinstance(block, Table) and block.rows:
                self.items.append(block)

    def warn(self, code: str, message: str) -> None:
        self.warnings.append(ParseWarning(code, message))

    # ------------------------------------------------------------ the parts

    def run(self) -> Notice:
        n = self.notice
        paras = self.paras
        end = self._find_record()  # 版记: index into paras where it starts
        first = ATTACHMENT_LABEL_RE.match(paras[0].text) if paras else None
        if first and len(squash(paras[0].text)) <= 60 and (first.group(1) or not first.group(2)):
            # The file is an attachment on its own (附件1 + title + table), no notice around it.
            label = f"附件{first.group(1)}"
            self.warn(
                "attachment_only", f"the document is an attachment ({label}) without its notice"
            )
            self._read_tables_and_attachments(0, end)
            n.warnings = self.warnings
            return n
        k = self._find_head_and_title(end)
        k = self._find_recipients(k, end)
        date_at = self._find_date(k, end)
        if date_at is None:
            note_at = self._attachment_note_at(k, end)
            body_end = end if note_at is None else note_at
            tail_start = end
            self.warn("no_date", "no 成文日期 (date line) found")
        else:
            sig_start = self._find_signatories(k, date_at)
            note_at = self._attachment_note_at(k, sig_start)
            body_end = note_at if note_at is not None else sig_start
            if note_at is not None:
                self._read_attachment_note(note_at, sig_start)
            tail_start = self._find_notes(date_at + 1, end)
        body = [p.text for p in paras[k:body_end]]
        n.preamble, n.sections = build_sections(body)
        if date_at is None and body_end < end:
            self._read_attachment_note(body_end, end)
            tail_start = end
        body_text = "\n".join(body)
        n.references = find_references(body_text)
        n.contacts = find_contacts("\n".join([body_text, *n.notes]))
        self._read_tables_and_attachments(tail_start, end)
        self._warn_unlisted()
        if n.issuer is None:
            self._issuer_fallback()
        if not any([n.title, n.sections, n.recipients, n.date, n.tables]):
            self.warn("no_parts", "no part of a notice was recognised (title, sections, date…)")
        n.warnings = self.warnings
        return n

    def _find_record(self) -> int:
        """版记 at the end: 抄送 and the 印发 line. Returns where it starts."""
        start = len(self.paras)
        for i in range(len(self.paras) - 1, max(-1, len(self.paras) - 8), -1):
            text = self.paras[i].text
            m = CC_RE.match(text)
            if m:
                self.notice.cc = split_list(m.group(1))
                start = i
                continue
            m = PRINTED_RE.match(text) if text.endswith("发") and len(text) <= 80 else None
            if m and parse_date(m.group(2)):
                self.notice.printed_by = tight(m.group(1))  # one organ: no space is meaningful
                self.notice.printed_date, self.notice.printed_date_raw = parse_date(m.group(2))
                start = i
        return start

    def _find_head_and_title(self, end: int) -> int:
        """版头 and 标题; returns the index of the first paragraph after the title."""
        n = self.notice
        paras = self.paras
        i = 0
        unclaimed: list[str] = []  # head lines before the doc number: a masthead without 文件
        while i < min(end, 12):
            text = paras[i].text
            compact = close_cjk_gaps(text)
            signer = SIGNER_RE.search(compact)
            number = DOC_NUMBER_RE.search(compact)
            if signer or (number and len(squash(text)) <= 60):
                if number and n.doc_number is None:
                    n.doc_number = re.sub(r"\s+", "", number.group(0))
                    if unclaimed and n.masthead is None:
                        n.masthead = "".join(squash(t) for t in unclaimed)
                if signer:
                    n.signer = [s for s in re.split(r"[\s、，,]+", signer.group(1)) if s]
                i += 1
                continue
            if squash(text).endswith("文件") and len(squash(text)) <= 40 and n.title is None:
                n.masthead = squash(text)
                i += 1
                continue
            title_end = self._title_from(i, end)
            if title_end is not None:
                return title_end
            if len(squash(text)) <= 80:
                unclaimed.append(text)
            i += 1
        self.warn("no_title", "no title (标题) found")
        return 0

    def _title_from(self, i: int, end: int) -> int | None:
        """Join up to four lines from i into a title ending in a document type."""
        n = self.notice
        lines: list[str] = []
        for j in range(i, min(i + 4, end)):
            p = self.paras[j]
            text = close_cjk_gaps(p.text)
            if (j > i and p.gap) or len(text) > 80 or text.endswith(("：", ":")):
                break
            if match_heading(text) or ATTACHMENT_NOTE_RE.match(text):
                break
            lines.append(text)
            title = join_wrapped(lines)
            kind = doc_type_of(title)
            if kind and len(title) <= 160:
                n.title, n.doc_type = title, kind
                issuer = issuer_of(title)
                if issuer:
                    n.issuer, n.issuer_from = issuer, "title"
                return j + 1
        return None

    def _find_recipients(self, k: int, end: int) -> int:
        """主送机关: the line ending in "：" right after the title (or its 发文字号)."""
        if self.notice.title is None:
            return k
        j = k
        while j < min(k + 2, end):  # a 发文字号 printed under the title (web copies do that)
            number = DOC_NUMBER_RE.fullmatch(squash(self.paras[j].text))
            if not number:
                break
            self.notice.doc_number = self.notice.doc_number or number.group(0)
            j += 1
        k = j
        for j in range(k, min(k + 2, end)):
            text = self.paras[j].text
            items = split_list(text)
            if (
                text.endswith(("：", ":"))
                and len(text) <= 300
                and not match_heading(text)
                and not ATTACHMENT_LABEL_RE.match(text)
                and not re.search(r"(如下|通知|要求|事项|现将|为了|为进一步)[^，,]*[：:]$", text)
                and "。" not in text
                and all(len(item) <= 80 for item in items)
            ):
                self.notice.recipients = items
                return j + 1
        return k

    def _find_date(self, k: int, end: int) -> int | None:
        """The 成文日期: the first date line after a short signature line (or any date line)."""
        dates = [j for j in range(k, end) if is_date_line(self.paras[j].text)]
        for j in dates:
            prev = self.paras[j - 1].text if j > k else ""
            if prev and len(squash(prev)) <= 40 and not prev.endswith(tuple(_SENTENCE_END + "：:")):
                return self._set_date(j)
        return self._set_date(dates[0]) if dates else None

    def _set_date(self, j: int) -> int:
        self.notice.date, self.notice.date_raw = parse_date(squash(self.paras[j].text))
        return j

    def _find_signatories(self, k: int, date_at: int) -> int:
        """署名: short lines right above the date. Returns where they start."""
        start = date_at
        while start - 1 >= k and date_at - start < 4:
            para = self.paras[start - 1]
            if (
                len(squash(para.text)) > 40
                or re.search(r"[。；;，,：:]", para.text)
                or ATTACHMENT_LABEL_RE.match(para.text)
                or match_heading(para.text)
                or LIST_ITEM_RE.match(para.text)
                or CLOSING_RE.match(para.text)
            ):
                break
            start -= 1
            if para.gap and para.align not in ("center", "right", "end"):
                break  # a blank line above a plain line: the signature block starts here
        names = [
            close_cjk_gaps(name)
            for p in self.paras[start:date_at]
            for name in re.split(r"\s{2,}", p.text)  # joint issuers side by side on one line
            if name.strip()
        ]
        self.notice.signatories = names
        return start

    def _attachment_note_at(self, k: int, end: int) -> int | None:
        for j in range(k, end):
            if ATTACHMENT_NOTE_RE.match(self.paras[j].text):
                return j
        return None

    def _read_attachment_note(self, j: int, end: int) -> None:
        """附件说明: "附件：X", "附件：1.X / 2.Y" over several lines, or "附件1：X" lines."""
        items: list[tuple[str, str]] = []  # (number, title)
        lines: list[str] = []
        for p in self.paras[j:end]:  # items laid out on one line with spaces: split them
            lines.extend(re.split(r"\s{2,}(?=\d{1,2}\s*[.．、])", p.text))
        for line in lines:
            note = ATTACHMENT_NOTE_RE.match(line)
            rest = note.group(2).strip() if note else line
            item = LIST_ITEM_RE.match(rest)
            if note and note.group(1):
                items.append((note.group(1), rest))
            elif item:
                items.append((item.group(1), item.group(2).strip()))
            elif note:
                if rest:
                    items.append(("", rest))
            elif items and items[-1][1].endswith(_TITLE_END) and not items[-1][0]:
                items.append(("", rest))  # another title on its own line, unnumbered
            elif items:  # a wrapped title
                number, title = items[-1]
                items[-1] = (number, join_wrapped([title, rest]))
            else:
                break
        if len(items) == 1 and not items[0][0]:
            self.notice.attachments = [Attachment(label="附件", title=tight(items[0][1]))]
        else:  # numbered, or several unnumbered lines
            self.notice.attachments = [
                Attachment(label=f"附件{num or k + 1}", title=tight(title).rstrip("；;。"))
                for k, (num, title) in enumerate(items)
            ]

    def _find_notes(self, k: int, end: int) -> int:
        """附注: parenthesised lines right after the date. Returns where the tail starts."""
        while k < end and re.fullmatch(r"[（(].+[）)]", self.paras[k].text):
            self.notice.notes.append(self.paras[k].text)
            k += 1
        return k

    def _attachment_for(self, number: str, title: str) -> Attachment:
        n = self.notice
        label = f"附件{number}" if number else None
        for att in n.attachments:
            if label and att.label == label:
                return att
        if not number:
            pending = [a for a in n.attachments if not a.found]
            if pending:
                return pending[0]
        att = Attachment(label=label or "附件", title=title)
        n.attachments.append(att)
        self.unlisted.append(att)
        return att

    def _warn_unlisted(self) -> None:
        """Attachments found but not listed, once their titles are complete.

        An attachment on its own lists nothing; the document a notice 印发s is named in
        its title ("关于印发《X》的通知"), not in a 附件说明.
        """
        title = self.notice.title
        for att in self.unlisted:
            if title is not None and _title_key(att.title) not in issued_documents(title):
                self.warn("attachment_not_listed", f"{att.label} is not listed in the 附件说明")

    def _listed(self, text: str) -> Attachment | None:
        """The listed attachment whose title this paragraph is, if any."""
        key = squash(text)
        for att in self.notice.attachments:
            if not att.found and squash(att.title) == key:
                return att
        return None

    def _read_tables_and_attachments(self, tail_start: int, end: int) -> None:
        """Tables everywhere; after the date, attachments with their titles and tables.

        In the tail an attachment starts at a label ("附件2", "附件2：title", "附件"), at
        the title of a listed attachment, or at the first text after the date; its
        title may run over several short lines.
        """
        n = self.notice
        # The tail starts after the paragraph before paras[tail_start].
        tail_after = self.paras[tail_start - 1] if tail_start > 0 else None
        stop = self.paras[end] if end < len(self.paras) else None
        in_tail = tail_after is None
        current: Attachment | None = None
        pending_label: str | None = None
        last_text: str | None = None
        title_open = False  # the current attachment's title may go on on the next line
        texts: dict[int, list[str]] = {}  # id(attachment) -> its paragraphs after the title
        for item in self.items:
            if item is stop:
                break
            if item is tail_after:
                in_tail, last_text = True, None
                continue
            if isinstance(item, _Para):
                text = item.text
                if in_tail:
                    label = ATTACHMENT_LABEL_RE.match(text)
                    listed = self._listed(text)
                    if label and len(squash(text)) <= 60 and (label.group(1) or not label.group(2)):
                        pending_label, current, last_text = label.group(1), None, None
                        if label.group(2):
                            current = self._start_attachment(pending_label, label.group(2))
                            pending_label = None
                        continue
                    if listed is not None and (current is None or current.title != listed.title):
                        current, title_open = listed, False
                        listed.found = True
                    elif current is None:
                        current = self._start_attachment(pending_label or "", text)
                        pending_label, title_open = None, True
                    elif title_open and self._continues_title(item, current):
                        current.title = join_wrapped([current.title, text])
                        last_text = close_cjk_gaps(current.title)
                        continue
                    elif self._better_title(text, current):
                        current.title, title_open = close_cjk_gaps(text), True
                    else:
                        title_open = False
                        texts.setdefault(id(current), []).append(text)
                last_text = close_cjk_gaps(text)
                continue
            title_open = False
            title = last_text if last_text and len(last_text) <= 80 else None
            if title and title.endswith((*_SENTENCE_END, "：", ":")):  # a sentence or a form label
                title = None
            if title is None and in_tail and current is not None:
                title = current.title
            index = len(n.tables) + 1
            table, warnings = build_table(item, index, title, None, self.policy)
            if in_tail:
                if current is None:  # a table straight after the date: an unlabelled attachment
                    current = self._start_attachment(pending_label or "", table.title or "")
                table.attachment = current.label
                current.tables.append(index)
            n.tables.append(table)
            self.warnings.extend(warnings)
            last_text = None
        for att in n.attachments:
            if id(att) in texts:
                att.preamble, att.sections = build_sections(texts[id(att)])

    def _start_attachment(self, number: str, title: str) -> Attachment:
        att = self._attachment_for(number, close_cjk_gaps(title))
        att.found = True
        return att

    @staticmethod
    def _better_title(text: str, att: Attachment) -> bool:
        """Before its first table, a line that reads like a title replaces one that does not."""
        return (
            not att.tables
            and not att.title.endswith(_TITLE_END)
            and text.endswith(_TITLE_END)
            and len(squash(text)) <= 60
            and not re.search(r"[。；;：:，,]", text)
        )

    @staticmethod
    def _continues_title(para: _Para, att: Attachment) -> bool:
        text = para.text
        return (
            not para.gap
            and not att.tables
            and len(squash(text)) <= 40
            and not att.title.endswith(_TITLE_END)
            and not re.search(r"[。；;：:，,]", text)
            and not match_heading(text)
        )

    def _issuer_fallback(self) -> None:
        n = self.notice
        # The signature names each organ on its own; a joint masthead runs them together.
        if n.signatories:
            n.issuer, n.issuer_from = " ".join(n.signatories), "signature"
        elif n.masthead:
            n.issuer, n.issuer_from = re.sub(r"文件$", "", n.masthead), "masthead"


def segment(doc: Document, source: Source, policy: FillPolicy | None = None) -> Notice:
    """Build the Notice from a reader's blocks."""
    return Segmenter(doc, source, policy or FillPolicy()).run()
