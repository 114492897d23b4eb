"""附件: each attachment the layout pass found after the closing, with its text and tables.

Listed attachments (附件说明) are matched to what the file holds by label ("附件2") or
title; one found but not listed is warned about (unless it is the document a 印发
notice issues), one listed but not found too: it may be a separate file.
"""

from __future__ import annotations

import re

from ..model import Attachment, Grid, ParseWarning, Table
from ..tables import FillPolicy, build_table, split_unit
from ..text import close_cjk_gaps, join_wrapped, squash
from ..vocab import FULLWIDTH_TO_ASCII
from . import patterns as P
from .body import build_sections
from .layout import Layout


def title_key(title: str) -> str:
    """A title to compare: no spaces, no inner quotes, one kind of dash."""
    return re.sub(r"[—–－‐-]+", "-", re.sub(r"[〈〉<>《》]", "", squash(title)))


def issued_documents(title: str) -> set[str]:
    """What a "关于印发…的通知" issues: "关于印发《X》的通知" -> {X} (as title keys)."""
    found = {squash(m) for m in re.findall(r"《([^《》]+)》", title)}
    m = re.search(r"(?:印发|公布|发布)(.+?)的(?:通知|决定|意见|命令|令)$", squash(title))
    if m:
        found.add(m.group(1).strip("《》"))
    return {title_key(t) for t in found}


def tables(layout: Layout, policy: FillPolicy) -> tuple[list[Table], list[ParseWarning]]:
    """Every table in document order, titled by the short line above it.

    A line stating the unit of the figures ("单位：万元", "（单位：人）", or one ending a
    caption: "收支表（单位：万元）") gives the table its ``unit`` and is never its title:
    the caption above it stays the title.
    """
    out: list[Table] = []
    warnings: list[ParseWarning] = []
    last: str | None = None
    unit: str | None = None
    for entry in layout.entries:
        if entry.is_line:
            if entry.role == "attachment_label":  # "附件2：title": the title, not the label
                m = P.ATTACHMENT_LABEL_RE.match(squash(entry.text))
                last = m.group(2) if m and m.group(2) else None
                unit = None
            elif entry.role not in ("cc", "printed"):
                text, stated = split_unit(close_cjk_gaps(entry.text))
                if stated is None:
                    last, unit = text, None
                else:  # "单位：万元" under the caption; "填报单位：某局  单位：万元"
                    unit = stated
                    if text and not re.search(r"[:：]", text):
                        last = text
            continue
        title = last if last and len(last) <= 80 else None
        if title and title.endswith((*P.SENTENCE_END, "：", ":")):  # a sentence or a form label
            title = None
        table, found = build_table(entry.item, len(out) + 1, title, None, policy, unit)
        out.append(table)
        warnings.extend(found)
        last = unit = None
    return out, warnings


def read(
    layout: Layout,
    listed: list[Attachment],
    table_data: list[Table],
    notice_title: str | None,
) -> tuple[list[Attachment], list[ParseWarning]]:
    """The attachments: the listed ones, found or not, and the ones found unlisted."""
    from .closing import listed_attachments

    warnings: list[ParseWarning] = []
    inner = {g: listed_attachments(items) for g, items in layout.inner.items()}
    pool = list(listed) + [a for g in sorted(inner) for a in inner[g]]  # to match against
    attachments = list(listed)  # in the order a reader meets them
    table_index = {
        id(e.item): n + 1
        for n, e in enumerate(x for x in layout.entries if isinstance(x.item, Grid))
    }
    groups: dict[int, list] = {}
    for entry in layout.entries:
        if entry.group is not None:
            groups.setdefault(entry.group, []).append(entry)
    unlisted: list[Attachment] = []
    for group, entries in sorted(groups.items()):
        number, title_lines, texts, tabs = "", [], [], []
        labelled = False
        for e in entries:
            if e.role == "attachment_label":
                labelled = True
                m = P.ATTACHMENT_LABEL_RE.match(squash(e.text))
                number = re.sub(r"\s+", "", m.group(1)).translate(FULLWIDTH_TO_ASCII) if m else ""
                if m and m.group(2):
                    title_lines.append(m.group(2))
            elif e.role == "attachment_title":
                title_lines.append(e.text)
            elif isinstance(e.item, Grid):
                tabs.append(table_index[id(e.item)])
            else:
                texts.append(e.text)
        title = join_wrapped([close_cjk_gaps(t) for t in title_lines])
        if not title and layout.order and notice_title:
            title = notice_title  # the regulation a 令 promulgates, titled above it
        if not (title.endswith(P.TITLE_END) or P.doc_kind_of(title)) and not tabs:
            better = next((t for t in texts if _reads_as_title(t)), None)
            if better is not None:
                texts.remove(better)
                title = close_cjk_gaps(better)
        if not title and tabs:
            title = table_data[tabs[0] - 1].title or ""
        att = _match(pool, number, title, labelled)
        if att is None:
            att = Attachment(label=f"附件{number}" if number else "附件", title=title)
            pool.append(att)
            attachments.append(att)
            unlisted.append(att)
        att.found = True
        att.tables.extend(tabs)
        for t in tabs:
            table_data[t - 1].attachment = att.label
            if not table_data[t - 1].title:
                table_data[t - 1].title = att.title or None
        if texts:
            att.preamble, att.sections = build_sections(texts)
        attachments.extend(inner.get(group, []))
    issued = issued_documents(notice_title) if notice_title else set()
    for att in unlisted:
        if notice_title is not None and title_key(att.title) not in issued:
            warnings.append(
                ParseWarning("attachment_not_listed", f"{att.label} is not listed in the 附件说明")
            )
    for att in [*listed, *(a for g in sorted(inner) for a in inner[g])]:
        if not att.found:
            warnings.append(
                ParseWarning(
                    "attachment_not_found",
                    f"{att.label} 《{att.title}》 is listed in the 附件说明 but is not in this "
                    "file: it may be a separate file",
                )
            )
    return attachments, warnings


def _match(
    attachments: list[Attachment], number: str, title: str, labelled: bool
) -> Attachment | None:
    """The listed attachment this one is: same label, same title, or (labelled "附件"
    without a number) the first listed one not found yet."""
    label = f"附件{number}" if number else None
    for att in attachments:
        if label and att.label == label and not att.found:
            return att
    key = title_key(title)
    for att in attachments:
        if not att.found and key and title_key(att.title) == key:
            return att
    if labelled and not number:
        pending = [a for a in attachments if not a.found]
        if pending and not any(title_key(a.title) == key for a in attachments if a.found):
            return pending[0]
    return None


def _reads_as_title(text: str) -> bool:
    return (
        text.endswith(P.TITLE_END)
        and not P.match_heading(squash(text))
        and len(squash(text)) <= 60
        and not re.search(r"[。；;：:，,]", text)
    )
