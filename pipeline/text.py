"""Small text helpers shared by readers and the segmenter: whitespace, wraps, numerals, dates."""

from __future__ import annotations

import itertools
import re

from .vocab import CN_DIGIT_VALUES, CN_UNIT_VALUES, DATE_RE, FULLWIDTH_TO_ASCII, NUMERIC_DATE_RE

# Spaces a notice may contain: ASCII, full-width (U+3000), no-break, thin and similar.
_SPACES = "\u3000\u00a0\u2002\u2003\u2009\u200a\u202f\u205f"
_SPACE_TABLE = str.maketrans(dict.fromkeys(_SPACES, " ") | {"\ufeff": "", "\u200b": ""})


def is_wide(ch: str) -> bool:
    """A Chinese character or a full-width mark: no space is needed next to it."""
    return ch >= "\u2e80" or "\u2018" <= ch <= "\u201f" or ch in "—…·"


def normalize_spaces(text: str) -> str:
    """Full-width and other odd spaces become ASCII spaces; zero-width marks go."""
    return text.translate(_SPACE_TABLE)


def squash(text: str | None) -> str:
    """The text without any whitespace, for comparisons."""
    return re.sub(r"\s+", "", normalize_spaces(text or ""))


def close_cjk_gaps(text: str) -> str:
    """Remove letter-spacing: "2025 年 1 月" -> "2025年1月", "上 海 市" -> "上海市".

    A gap goes when a single Chinese character stands on one side of it and a
    Chinese character or digit on the other: letter-spaced mastheads and PDF dates
    look like that. Gaps between words ("国家发展改革委办公厅 税务总局办公厅",
    "NADCAP 体系") stay, as one space.
    """
    tokens = text.split()
    if not tokens:
        return ""
    out = tokens[0]
    for prev, token in itertools.pairwise(tokens):
        single = (len(prev) == 1 and is_wide(prev)) or (len(token) == 1 and is_wide(token))
        touching = (is_wide(prev[-1]) or prev[-1].isdigit()) and (
            is_wide(token[0]) or token[0].isdigit()
        )
        out += token if single and touching else " " + token
    return out


_GAP_AT_WIDE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def tight(text: str) -> str:
    """Drop every space next to a Chinese character or full-width mark.

    For short names laid out with spaces ("指导目录（2020    年）"), where no space
    next to a Chinese character is meaningful.
    """
    return _GAP_AT_WIDE.sub("", text).strip()


def join_wrapped(lines: list[str]) -> str:
    """Join lines that one sentence was wrapped over.

    No space between Chinese characters; one space where two Latin words meet.
    """
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and re.match(r"[A-Za-z0-9]", line[0]) and re.search(r"[A-Za-z0-9,.;:]$", out):
            out += " "
        out += line
    return out


# ---------------------------------------------------------------- Chinese numerals


def cn_to_int(text: str) -> int | None:
    """Chinese numeral to int: "十五" -> 15, "二十一" -> 21, "二〇二四" -> 2024, "15" -> 15."""
    text = text.strip().translate(FULLWIDTH_TO_ASCII)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if all(ch in CN_DIGIT_VALUES for ch in text):  # digit by digit: 二〇二四
        return int("".join(str(CN_DIGIT_VALUES[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in CN_DIGIT_VALUES:
            current = CN_DIGIT_VALUES[ch]
        elif ch in CN_UNIT_VALUES:
            total += (current or 1) * CN_UNIT_VALUES[ch]
            current = 0
        else:
            return None
    return total + current


# ---------------------------------------------------------------- dates


def _dates(text: str):
    """Every (iso, raw, match) of a full date in ``text``, in order of position."""
    import datetime

    found = []
    for pattern in (DATE_RE, NUMERIC_DATE_RE):
        for m in pattern.finditer(text):
            y, mo, d = (cn_to_int(m.group(k)) for k in ("y", "m", "d"))
            if y is None or mo is None or d is None:
                continue
            try:
                iso = datetime.date(y, mo, d).isoformat()
            except ValueError:
                continue
            found.append((m.start(), iso, re.sub(r"\s+", "", m.group(0)), m))
    return sorted(found, key=lambda f: f[0])


def parse_date(text: str) -> tuple[str, str] | None:
    """Find the first full date in ``text``: ("2024-04-29", "2024年4月29日") or None.

    Arabic and Chinese numerals both work ("二〇二四年三月十五日" -> 2024-03-15), and
    dates written with digits ("2019.6.28", "2017-03-17", "2017/3/17"); spaces between
    the parts are tolerated. Impossible dates are not dates.
    """
    found = _dates(text)
    return (found[0][1], found[0][2]) if found else None


def is_date_line(text: str) -> bool:
    """The whole line is one date (the 成文日期 or 印发日期 line)."""
    s = squash(text)
    return any(m.group(0) == s for _, _, _, m in _dates(s))
