"""The lines of a notice: a reader's blocks as lines with their layout facts, made whole.

A soft line break inside a paragraph makes a line; a table that only lays out text
gives its text as lines. Text copied out of a PDF or a web page breaks some lines where
no writer did: a date or a 发文字号 over several lines ("2021" / "年" / "2" / "月"), 份号,
密级 and 紧急程度 run into the masthead's line. Those are put right here, so that the
layout pass reads lines as the document printed them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Document, Grid, Paragraph
from ..text import squash
from ..vocab import (
    ASCII_DIGITS,
    CN_ONE_TO_TEN,
    CN_ZEROS,
    FULLWIDTH_DIGITS,
    YEAR_CLOSE,
    YEAR_OPEN,
    in_class,
)
from . import patterns as P


@dataclass
class Line:
    """One line of text with the layout facts its reader gave."""

    text: str
    gap: bool = False  # blank line or vertical space before it
    align: str | None = None  # "left", "center", "right", "justify"
    size: float | None = None
    bold: bool | None = None
    indent: float | None = None
    page: int | None = None


def _align(value: str | None) -> str | None:
    if value in ("center", "centre", "distribute"):
        return "center"
    if value in ("right", "end"):
        return "right"
    if value in ("both", "justify"):
        return "justify"
    return value


def items_of(doc: Document) -> list[Line | Grid]:
    """The reader's blocks as lines and tables, in reading order.

    A soft line break inside a paragraph makes a line too. A table that only lays out
    text (a 1×1 box around the 发文字号, a diagram, a grid of photos) gives its text as
    lines, the first standing apart from what came before (a new block).
    """
    from ..tables import is_layout_table, layout_lines

    items: list[Line | Grid] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            text = (block.label or "") + block.text
            lines = [
                piece.strip()
                for line in text.split("\n")
                for piece in _paragraphs_run_together(line)
                if piece.strip()
            ]
            for k, line in enumerate(lines):
                items.append(
                    Line(
                        text=line,
                        gap=block.gap_before and k == 0,
                        align=_align(block.align),
                        size=block.size,
                        bold=block.bold,
                        indent=block.indent,
                        page=block.page,
                    )
                )
        elif isinstance(block, Grid) and block.rows:
            if is_layout_table(block):
                for k, line in enumerate(layout_lines(block)):
                    items.append(Line(text=line, gap=k == 0, page=block.page))
            else:
                items.append(block)
    return items


def _paragraphs_run_together(line: str) -> list[str]:
    """A whole document saved as one line (a web page's text field), its paragraphs
    told apart only by the two-character indent: split at the indents."""
    if len(line) < 300:
        return [line]
    pieces = re.split(r"\s{2,}(?=\S)", line)
    return pieces if len(pieces) >= 4 else [line]


def _split_head_tokens(items: list[Line | Grid]) -> list[Line | Grid]:
    """份号, 密级 and 紧急程度 each on a line of their own, also when a reader (or a typist)
    ran them into one line with what follows: "000086 机密★1年 特急 某某文件"."""
    out: list[Line | Grid] = []
    for n, item in enumerate(items):
        if n >= 4 or not isinstance(item, Line):
            out.append(item)
            continue
        text = item.text
        pieces = []
        for pattern in (P.COPY_NUMBER_RE, P.SECRECY_RE, P.URGENCY_RE):
            m = pattern.match(squash(text))
            if m and m.end() < len(squash(text)):
                token = m.group(0)
                pieces.append(token)
                text = _drop_prefix(text, token)
        if not pieces:
            out.append(item)
            continue
        for k, piece in enumerate([*pieces, text]):
            if piece.strip():
                out.append(replace(item, text=piece.strip(), gap=item.gap and k == 0))
    return out


# A piece of a date or a 发文字号 that a copied text put on a line of its own: "2021",
# "年", "﹝", "428", "号", and punctuation left alone ("：").
_FRAGMENT = re.compile(
    rf"^[0-9０-９{CN_ZEROS}{CN_ONE_TO_TEN}年月日号第{in_class(YEAR_OPEN + YEAR_CLOSE)}"
    r"：:，,。、；;]{1,6}$"
)
_DIGITS = ASCII_DIGITS + FULLWIDTH_DIGITS


def _joins(above: str, below: str) -> bool:
    """The line break between these two lines falls inside a date or a 发文字号."""
    a, b = squash(above), squash(below)
    if not a or not b or not (_FRAGMENT.match(a) or _FRAGMENT.match(b)):
        return False
    if re.fullmatch(r"[：:，,。、；;]+", b):
        return True  # punctuation alone on its line
    end, start = a[-1], b[0]
    return (
        (end in _DIGITS and start in "年月日号" + YEAR_CLOSE)  # "2021" | "年", "428" | "号"
        or (end in "年月" and start in _DIGITS)  # "年" | "12"
        or end in YEAR_OPEN  # "﹝" | "2012"
        or (start in "〔﹝[【［" and bool(_FRAGMENT.match(b)))  # "华中电监市场价财" | "﹝"
        or (end in "〕﹞]】］" and start in _DIGITS)  # "﹞" | "428"
    )


def _join_fragments(items: list[Line | Grid]) -> list[Line | Grid]:
    """Dates and 发文字号 broken over several lines (text copied out of a PDF) made whole."""
    out: list[Line | Grid] = []
    for item in items:
        prev = out[-1] if out else None
        if (
            isinstance(item, Line)
            and isinstance(prev, Line)
            and prev.page == item.page
            and _joins(prev.text, item.text)
        ):
            out[-1] = replace(prev, text=prev.text + item.text.strip())
        else:
            out.append(item)
    return out


def _drop_prefix(text: str, token: str) -> str:
    """``text`` without the characters of ``token`` at its start (spaces between ignored)."""
    k = 0
    for ch in token:
        while k < len(text) and text[k].isspace():
            k += 1
        if k < len(text) and text[k] == ch:
            k += 1
    return text[k:].strip()


def lines_of(doc: Document) -> list[Line | Grid]:
    """The document as lines and tables, in reading order, with broken lines made whole."""
    return _split_head_tokens(_join_fragments(items_of(doc)))
