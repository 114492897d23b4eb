"""The closing of the main document: 附件说明, 署名, 成文日期, 附注 — read from their lines."""

from __future__ import annotations

import re

from ..model import Attachment
from ..text import close_cjk_gaps, join_wrapped, parse_date, squash, tight
from ..vocab import LIST_ITEM_START
from . import patterns as P


def attachment_items(lines: list[str]) -> list[tuple[str, str]]:
    """附件说明 lines to (number, title): "附件：X", "附件：1.X / 2.Y", "附件1：X" lines.

    Items laid out on one line with spaces are split; a title wrapped over two lines is
    joined; further unnumbered titles each on a line of their own are items too.
    """
    items: list[tuple[str, str]] = []
    split: list[str] = []
    for text in lines:
        split.extend(re.split(rf"\s{{2,}}(?={LIST_ITEM_START})", text))
    opened = False  # "附件：" alone: its first title is on the next line
    for line in split:
        note = P.ATTACHMENT_NOTE_RE.match(line)
        rest = note.group(2).strip() if note else line
        item = P.LIST_ITEM_RE.match(rest)
        if note and note.group(1):
            items.append((note.group(1), rest))
        elif item:
            items.append((item.group(1), item.group(2).strip()))
        elif note:
            if rest:
                items.append(("", rest))
            opened = not rest
        elif opened and not items:
            items.append(("", rest))
        elif items and items[-1][1].endswith(P.TITLE_END) and not items[-1][0]:
            items.append(("", rest))  # another title on its own line, unnumbered
        elif items:  # a wrapped title
            number, title = items[-1]
            items[-1] = (number, join_wrapped([title, rest]))
        else:
            break
    return [(n, tight(t).rstrip("；;。")) for n, t in items]


def listed_attachments(items: list[tuple[str, str]]) -> list[Attachment]:
    """The attachments the 附件说明 lists, labelled as printed (附件, 附件1…)."""
    if len(items) == 1 and not items[0][0]:
        return [Attachment(label="附件", title=items[0][1])]
    return [
        Attachment(label=f"附件{num or k + 1}", title=title) for k, (num, title) in enumerate(items)
    ]


def signatories(lines: list[str]) -> list[str]:
    """署名: one organ a line, or several side by side separated by wide spaces; an
    organ's name wrapped onto the next line ("中共某市委人才工作" / "领导小组办公室") is
    one name."""
    names: list[str] = []
    wraps = False  # the last name stops short of an organ's ending
    for line in lines:
        if P.SEAL_RE.match(squash(line)):
            continue
        parts = [close_cjk_gaps(p) for p in re.split(r"\s{2,}", line) if p.strip()]
        if len(parts) == 1 and len(line.split()) > 1 and P.issuer_like(line):
            parts = line.split()  # organs side by side with one space between them
        if wraps and len(parts) == 1 and P.is_organ_name(parts[0]):
            names[-1] += parts[0]
        else:
            names.extend(parts)
        wraps = len(parts) == 1 and not squash(parts[0]).endswith(P.ORGAN_END)
    return names


def closing_date(line: str | None) -> tuple[str | None, str | None]:
    """The 成文日期 as (ISO date, as printed)."""
    if line is None:
        return None, None
    found = parse_date(squash(line))
    return found if found else (None, None)
