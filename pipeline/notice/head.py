"""版头, 标题 and 主送, read from the lines the layout pass gave those roles."""

from __future__ import annotations

import re

from ..model import Attachment, Table
from ..text import close_cjk_gaps, join_wrapped, squash
from ..vocab import DOC_NUMBER_RE, ORDER_NUMBER_RE
from . import patterns as P
from .record import split_list


def copy_number(lines: list[str]) -> str | None:
    m = P.COPY_NUMBER_RE.fullmatch(squash(lines[0])) if lines else None
    return m.group(1) if m else None


def secrecy(lines: list[str]) -> str | None:
    m = P.SECRECY_RE.match(squash(lines[0])) if lines else None
    return m.group(1) if m else None


def urgency(lines: list[str]) -> str | None:
    m = P.URGENCY_RE.fullmatch(squash(lines[0])) if lines else None
    return m.group(1) if m else None


def masthead(lines: list[str]) -> str | None:
    """发文机关标志: joint mastheads stack organs above or beside "文件".

    "文件" stands to the right of the stacked organs, vertically centred, so a reader
    may give it on any of their lines: the organs in order, then "文件".
    """
    parts = [squash(t) for t in lines]
    if not parts:
        return None
    has_file = any("文件" in p for p in parts)
    organs = "".join(p.replace("文件", "") for p in parts)
    return organs + "文件" if has_file else organs


def doc_number(lines: list[str]) -> str | None:
    """发文字号: "苏市监〔2024〕12号", also printed in parentheses under the title; or a 令号."""
    for line in lines:
        m = DOC_NUMBER_RE.search(close_cjk_gaps(line))
        if m:
            return re.sub(r"\s+", "", m.group(0))
    for line in lines:
        m = ORDER_NUMBER_RE.fullmatch(squash(line))
        if m:
            return squash(line).strip("（()）")
    return None


def signer(lines: list[str]) -> list[str]:
    for line in lines:
        m = P.SIGNER_RE.search(close_cjk_gaps(line))
        if m:
            return [s for s in re.split(r"[\s、，,]+", m.group(1)) if s]
    return []


def title(lines: list[str]) -> str | None:
    return join_wrapped([close_cjk_gaps(t) for t in lines]) or None


def issuer_of(title: str) -> str | None:
    """ "X关于…的通知" -> X."""
    head = title.split("关于", 1)
    if len(head) == 2 and head[0].strip():
        return close_cjk_gaps(head[0]).strip()
    return None


def recipients(lines: list[str]) -> list[str]:
    return split_list("".join(line.strip() for line in lines))


def doc_kind(title: str) -> str | None:
    return P.doc_kind_of(title)


def label(lines: list[str]) -> str:
    """The label of a document printed on its own: "附件三" -> 附件三, "附件1：" -> 附件1."""
    return squash(lines[0]).rstrip("：:") if lines else "附件"


def standalone_attachment(label: str, title: str | None, tables: list[Table]) -> Attachment:
    """A document printed on its own under a label is that attachment, found."""
    for t in tables:
        t.attachment = label
    return Attachment(label=label, title=title or "", tables=[t.index for t in tables], found=True)
