"""Time expressions of notices, normalised: "5月上旬" -> 2024-05-01..2024-05-10, kind "dekad".

A small rule-based normaliser. Measured on the seed's 28 distinct time values:
jionlp's parse_time got 23 (it fails on "5月", "5月至6月", lists and blanks, and
unpacks 51 MB with a GPL dependency), dateparser 4; these rules get all of them
(tests/test_times.py holds the table of cases). What they cannot read is kind
"unparsed", kept and counted, never guessed.

Kinds: day, days (a list), range, dekad (上旬 1–10, 中旬 11–20, 下旬 21–end), month,
approximate ("5月20日前后", "5·20期间"), ongoing ("全年", "长期"), deadline
("6月14日前", "12月底"), unparsed. ``end`` is inclusive. The year comes from the
expression, else from the notice's date (a December notice about "1月" means the
next year), and ``year_inferred`` says which.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from .text import cn_to_int

_N = r"[0-9０-９一二三四五六七八九十〇○零]"
# One point in time: [year 年] month 月 (or "5·20") [day 日 | 上旬… 初 中 底 末].
_POINT = (
    rf"(?:(?P<y>{_N}{{4}})\s*年\s*)?(?:(?P<m>{_N}{{1,3}})\s*(?:月|[·.．])\s*)"
    rf"(?:(?P<d>{_N}{{1,3}})\s*(?:日|号)?|(?P<x>上旬|中旬|下旬|初|中|底|末))?"
)
# The forms around a point are read with string operations and only the point (and a
# bare day) with a regex: each CJK character class costs the regex compiler a fraction of
# a millisecond, and a pattern per form (single, range, approximate, deadline…) cost a
# run 3-4 ms before its first time value. Whitespace is gone before they apply.
_PATTERNS = {
    "point": _POINT,
    "day": rf"(?P<d>{_N}{{1,3}})\s*(?:日|号)?",
    "deadline_in_text": (
        rf"(?:于|在)?\s*(?P<expr>(?:{_N}{{4}}\s*年\s*)?{_N}{{1,3}}\s*月\s*"
        rf"(?:{_N}{{1,3}}\s*[日号]|底|末|上旬|中旬|下旬))\s*(?:前|之前|以前)"
    ),
}
_ONGOING = (
    "全年",
    "常年",
    "长期",
    "持续推进",
    "持续开展",
    "持续",
    "日常",
    "每月",
    "每周",
    "每季度",
    "全天",
)
_APPROXIMATE = ("前后", "左右", "期间", "前夕", "之际")
_BEFORE = ("之前", "以前", "前")
_RANGE_SEPARATORS = "至到—–－-~～"  # none of them can occur inside a point


@cache
def _rx(name: str) -> re.Pattern:
    return re.compile(_PATTERNS[name])


def _point(text: str) -> re.Match | None:
    """The whole of ``text`` read as one point, or None."""
    return _rx("point").fullmatch(text)


def _without(text: str, suffixes: tuple[str, ...]) -> str | None:
    """``text`` without the first of ``suffixes`` it ends with, or None."""
    for suffix in suffixes:
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return None


@dataclass
class TimeValue:
    raw: str
    kind: str | None  # None for a blank cell
    start: str | None = None
    end: str | None = None
    dates: list[str] = field(default_factory=list)  # kind "days"
    year_inferred: bool = False


def _num(value: str | None) -> int | None:
    return cn_to_int(value) if value else None


class _Resolver:
    """Turn (year, month, day) pieces into dates, inferring the year from the notice."""

    def __init__(self, reference: dt.date | None):
        self.reference = reference
        self.inferred = False

    def year(self, year: int | None, month: int) -> int | None:
        if year is not None:
            return year
        if self.reference is None:
            return None
        self.inferred = True
        if month < self.reference.month - 6:  # a December notice about 1月
            return self.reference.year + 1
        return self.reference.year

    def bounds(self, m: re.Match, year_hint: int | None = None):
        """(first day, last day) of a point, or None."""
        month = _num(m.group("m"))
        if month is None or not 1 <= month <= 12:
            return None
        year = self.year(_num(m.group("y")) or year_hint, month)
        if year is None:
            return None
        last = _days_in_month(year, month)
        day, part = _num(m.group("d")), m.group("x")
        if day is not None:
            if not 1 <= day <= last:
                return None
            return dt.date(year, month, day), dt.date(year, month, day)
        spans = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "中": (11, 20),
                 "下旬": (21, last), "底": (21, last), "末": (21, last)}  # fmt: skip
        lo, hi = spans.get(part, (1, last))
        return dt.date(year, month, lo), dt.date(year, month, hi)


def _days_in_month(year: int, month: int) -> int:
    """As calendar.monthrange(year, month)[1], without importing calendar."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _kind_of_point(m: re.Match) -> str:
    if m.group("d"):
        return "day"
    return "dekad" if m.group("x") in ("上旬", "中旬", "下旬") else "month"


def parse_time(text: str, reference: dt.date | None = None) -> TimeValue:
    """Normalise one time expression; ``reference`` is the notice's 成文日期."""
    raw = text
    text = re.sub(r"\s+", "", text or "").strip("。；;，,")
    if not text:
        return TimeValue(raw, None)
    resolver = _Resolver(reference)

    def done(kind, span=None, dates=None) -> TimeValue:
        value = TimeValue(raw, kind, dates=dates or [], year_inferred=resolver.inferred)
        if span:
            value.start = span[0].isoformat() if span[0] else None
            value.end = span[1].isoformat() if span[1] else None
        return value

    if text.startswith(_ONGOING):
        return done("ongoing")
    if m := _point(text):
        span = resolver.bounds(m)
        if span and m.group("x") in ("底", "末"):  # "2024年12月底": by the end of December
            return done("deadline", (None, span[1]))
        if span and text[-1] not in "·.．":
            return done(_kind_of_point(m), span)
    if (rest := _without(text, _APPROXIMATE)) is not None and (m := _point(rest)):
        span = resolver.bounds(m)
        if span:
            return done("approximate", span)
    body = text[1:] if text[0] in "于在" else text  # "于6月14日前"
    if (rest := _without(body, _BEFORE)) is not None and (m := _point(rest)):
        span = resolver.bounds(m)
        if span:
            return done("deadline", (None, span[1]))
    cut = next((k for k, c in enumerate(text) if c in _RANGE_SEPARATORS), -1)
    first_m = _point(text[:cut]) if cut > 0 else None
    if first_m:
        after = text[cut + 1 :]
        if second_m := _point(after) or _point(after + "日"):  # "5月15日至5月19"
            first = resolver.bounds(first_m)
            second = resolver.bounds(second_m, _num(first_m.group("y")))
            if first and second:
                end = second[1]
                if end < first[0]:  # "12月20日至1月10日"
                    end = end.replace(year=end.year + 1)
                return done("range", (first[0], end))
        if m := _rx("day").fullmatch(after):  # "5月15日至19日"
            first = resolver.bounds(first_m)
            last_day = _num(m.group("d"))
            if first and last_day and last_day >= first[0].day:
                try:
                    return done("range", (first[0], first[0].replace(day=last_day)))
                except ValueError:
                    pass
    parts = re.split(r"[、，,；;和及]", text)
    if len(parts) > 1:
        days = []
        month_hint = None
        for part in parts:
            if part[-1:] in ("日", "号") and _rx("day").fullmatch(part) and month_hint:
                part = f"{month_hint}月{part}"  # "5月9日、16日"
            m = _point(part)
            span = resolver.bounds(m) if m and m.group("d") else None
            if not span:
                break
            month_hint = m.group("m")
            days.append(span[0])
        else:
            return done("days", (min(days), max(days)), [d.isoformat() for d in days])
    plain = text.replace("·", "月").replace("“", "")
    if m := _point(_without(plain, ("期间", "前后")) or plain):
        span = resolver.bounds(m)
        if span and m.group("d"):
            return done("approximate" if text[-2:] in ("期间", "前后") else "day", span)
    return TimeValue(raw, "unparsed")


TIME_COLUMN = re.compile(r"时间|日期|时限|期限|时段|日程|截止")


def is_time_column(name: str) -> bool:
    return bool(TIME_COLUMN.search(re.sub(r"\s+", "", name or "")))


def find_deadlines(text: str, reference: dt.date | None) -> list[dict]:
    """Deadlines in body text: "于2024年6月14日前报送…" -> end 2024-06-14, kind deadline."""
    found = []
    for m in _rx("deadline_in_text").finditer(text or ""):
        value = parse_time(m.group("expr") + "前", reference)
        if value.kind != "deadline":
            continue
        sentence_start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        sentence_end = text.find("。", m.end())
        sentence = text[sentence_start : sentence_end + 1 if sentence_end >= 0 else len(text)]
        found.append(
            {
                "raw": m.group(0).strip(),
                "end": value.end,
                "kind": value.kind,
                "year_inferred": value.year_inferred,
                "text": sentence.strip(),
            }
        )
    return found
