"""Time expressions of notices, normalised: "5月上旬" -> 2024-05-01..2024-05-10, kind "dekad".

A small rule-based normaliser. tests/data/time_expressions.tsv holds its cases, written
by hand in the style of real task tables' time columns with the dates each means, and
tests/test_times.py checks every line. `make compare-times` reads that table and the
seed's 23 distinct time values with these rules and, when TIME_PARSERS_PYTHON names an
interpreter that has them (scripts/compare_time_parsers.py says how to make one), two
libraries (start and end both right): on the table's 147 expressions, the rules 147 (the
table was written with them: this says what they cover, not how they generalise), jionlp
1.5.31 60 and dateparser 1.5.0 16 (one date per value: single days only); on the seed's
23 values, 23, 19 and 7. jionlp also brings a GPL-3.0 dependency (jiojio) and a
large install. What the rules cannot read is kind "unparsed", kept and counted, never
guessed.

Kinds, with their ``start`` and ``end`` (both inclusive, ISO dates):

- day: "5月17日", "2023.11.3", "2023/11/3", "2023-11-03"; start = end = that day.
- days: a list of days ("5月9日、16日、5月20日", "6月3、5、10日"): start the earliest, end
  the latest, ``dates`` every day in the order written.
- range: from the first day of its first point to the last day of its last point
  ("5月10日至20日", "7-9月", "7—9月", "7到9月", "5月至6月上旬", "2024年12月至次年3月",
  "二至三季度"); an end that reads earlier than the start is next year's ("12月20日至1月
  10日"). "即日起至10月31日" starts on the notice's date (None when the notice has
  none); "6月1日起" has no end.
- dekad (旬): 上旬 1–10, 中旬 11–20, 下旬 21–end; combined, 上中旬 1–20, 中下旬 11–end.
- month: the whole month ("5月", "2024年5月", "5月份"); 月初 is its 1–10, 月中 its 11–20.
- months: a list of months ("6月、8月", "6、8月"): first day of the first .. last day of
  the last, ``dates`` the first day of each month written.
- quarter (季度): first day of its first month .. last day of its last month
  ("第三季度", "三季度", "2025年第一季度": 07-01..09-30, 01-01..03-31).
- half: 上半年 Jan 1 – Jun 30, 下半年 Jul 1 – Dec 31.
- year: a year named ("2025年", "2025年度", "2025年全年"): Jan 1 – Dec 31; and two parts
  of one, by convention as 月初 and 月中 are: 年初 Jan 1 – Mar 31 (its first quarter),
  年中 Jun 1 – Jul 31 (the months either side of 1 July).
- approximate: "5月20日前后", "5·20期间", "5月左右": the dates of what it is around.
- ongoing: "全年", "长期", "持续推进", "每月", "每年12月"…: no dates.
- deadline: start None, end the last day it allows: "6月14日前", "9月底前完成",
  "6月30日前报市局", "不晚于6月30日", "截至10月31日", "10月31日止", "上半年内". What ends
  in 底 or 末 says "by the end of" and is one too: "12月底" (the 31st), "三季度末"
  (Sep 30), "2025年底", "年末" (Dec 31); so is "年内" (Dec 31 of its year).
- unparsed: none of these: kept, no dates.

Before the rules apply, what annotates a time without changing its dates is dropped (the
raw value keeps it): a weekday ("6月3日（星期一）"), a time of day ("6月3日下午",
"上午9:00", "14:30-17:00", "九时"), a bracketed note, a trailing verb ("完成", "上报"…),
the 份 of "5月份". Numerals may be Chinese ("二〇二五年三月", "十月底前").

The year comes from the expression ("2025年…"; "次年3月": the year after that of the
range's first point, or of the notice), else from the ``reference``: the notice's date,
or a year alone when the notice has none (pipeline.enrich takes it from the 文号, the
title or the body). Against a date, what lies more than six months before it is next
year's (a December notice about "1月"); a span is placed by its first month, and what
says "by the end of" (底, 末, 内) by its last: "一季度" and "年初" in a December notice
are next year's, "年内" this year's. A year alone is used as it is. ``year_inferred``
says when the year was not written. Without a reference, an expression that names no
year is unparsed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache

from .model import Deadline
from .text import cn_to_int
from .vocab import ASCII_DIGITS, CN_DATE_NUMERALS, WEEKDAY_NUMERALS

_N = rf"[0-9０-９{CN_DATE_NUMERALS}]"
_NUMERALS = frozenset(ASCII_DIGITS + CN_DATE_NUMERALS + "两")
# One point in time: [year 年] month 月 (or "5·20") [day 日 | 上旬… 初 中 底 末].
_POINT = (
    rf"(?:(?P<y>{_N}{{4}})\s*年\s*)?(?:(?P<m>{_N}{{1,3}})\s*(?:月|[·.．])\s*)"
    rf"(?:(?P<d>{_N}{{1,3}})\s*(?:日|号)?|(?P<x>上中旬|中下旬|上旬|中旬|下旬|初|中|底|末))?"
)
# The forms around a point are read with string operations and only the point (and a
# bare day, a numeric date, an annotation) with a regex: each CJK character class costs
# the regex compiler time at the first value, and a pattern per form (single, range,
# approximate, deadline, quarter…) made a run compile them all before its first time
# value (`make bench` prints what the first value costs now).
# Whitespace is gone and full-width digits are ASCII before they apply; the patterns
# compile on first use, not at import.
_PATTERNS = {
    "point": _POINT,
    "day": rf"(?P<d>{_N}{{1,3}})\s*(?:日|号)?",
    "deadline_in_text": (
        rf"(?:于|在)?\s*(?P<expr>(?:{_N}{{4}}\s*年\s*)?{_N}{{1,3}}\s*月\s*"
        rf"(?:{_N}{{1,3}}\s*[日号]|底|末|上旬|中旬|下旬))\s*(?:前|之前|以前)"
    ),
    # 2023.11.3, 2023/11/3, 2023-11-03 and 2023.11: ASCII only, cheap to compile
    "numeric_date": r"(?<!\d)(\d{4})([./-])(\d{1,2})(?:\2(\d{1,2}))?(?!\d)",
    # what annotates a time without changing its dates: bracketed notes, weekdays,
    # times of day
    "annotation": (
        rf"\([^()]*\)|(?:星期|礼拜|周)[{WEEKDAY_NUMERALS}]"
        rf"|\d{{1,2}}:\d{{2}}(?::\d{{2}})?|{_N}{{1,3}}[时点](?:{_N}{{1,3}}分|半)?"
        r"|上午|下午|中午|晚上|早上|凌晨|傍晚|全天"
    ),
}
# Every kind parse_time gives (None aside, for a blank cell); the module docstring has each.
KINDS = ("day", "days", "range", "dekad", "month", "months", "quarter", "half", "year",
         "approximate", "ongoing", "deadline", "unparsed")  # fmt: skip
_ONGOING = (
    "全年",
    "常年",
    "长期",
    "持续推进",
    "持续开展",
    "持续",
    "日常",
    "每年",
    "每月",
    "每周",
    "每季度",
    "全天",
)
_APPROXIMATE = ("前后", "左右", "期间", "前夕", "之际")
_BEFORE = ("之前", "以前", "前")
# "截至10月31日", "不晚于6月30日": a deadline without 前
_BY = ("截止到", "截至到", "截止至", "截止", "截至", "不晚于", "不迟于", "最迟于", "最迟", "最晚",
       "至", "到")  # fmt: skip
# trailing verbs of a task's time ("9月底前完成"), dropped; an adverb before one goes too
_VERBS = (
    "完成", "上报", "报送", "提交", "报出", "报", "办结", "结束", "启动", "开始", "实施",
    "到位", "落实", "出台", "印发", "开展", "举办", "召开", "验收", "完工", "整改",
)  # fmt: skip
_ADVERBS = ("全面", "基本", "全部", "陆续", "逐步", "并")
_RANGE_SEPARATORS = "至到—–－-~～"  # none of them can occur inside a point
_FROM_NOW = ("即日", "今日", "即时", "现在")  # …起至: from the notice's date
# 次年3月: the year after the expression's base year
_RELATIVE_YEARS = (
    ("次年", 1), ("翌年", 1), ("明年", 1), ("下一年", 1), ("第二年", 1),
    ("今年", 0), ("本年", 0), ("当年", 0), ("同年", 0),
)  # fmt: skip
_RELATIVE_WORDS = tuple(word for word, _ in _RELATIVE_YEARS)
# (first month, first day, last month, last day or None for the month's last) of a year
_YEAR_PARTS = {
    "": (1, 1, 12, None),
    "全年": (1, 1, 12, None),
    "初": (1, 1, 3, None),
    "中": (6, 1, 7, None),
    "底": (12, 1, 12, None),
    "末": (12, 1, 12, None),
    "内": (1, 1, 12, None),
}
_UNTIL = ("底", "末", "内")  # read alone, "by the end of"
_FULL_WIDTH = str.maketrans("０１２３４５６７８９：（）", "0123456789:()")
_LIST_SEPARATORS = str.maketrans(dict.fromkeys("，,；;和及", "、"))


@cache
def _rx(name: str) -> re.Pattern:
    return re.compile(_PATTERNS[name])


def _point(text: str) -> re.Match | None:
    """The whole of ``text`` read as one month point, or None."""
    return _rx("point").fullmatch(text)


def _without(text: str, suffixes: tuple[str, ...]) -> str | None:
    """``text`` without the first of ``suffixes`` it ends with, or None."""
    if not text.endswith(suffixes):
        return None
    for suffix in suffixes:
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return None


def _is_number(text: str) -> bool:
    return bool(text) and all(c in _NUMERALS for c in text)


@dataclass
class TimeValue:
    raw: str
    kind: str | None  # None for a blank cell
    start: str | None = None
    end: str | None = None
    dates: list[str] = field(default_factory=list)  # kinds days and months
    year_inferred: bool = False


class _Span:
    """One point or named period read: its kind, first and last day and its year.

    (A plain class: a NamedTuple or a dataclass costs more to create at import; `make
    bench` prints the three.)"""

    __slots__ = ("day", "end", "inferred", "kind", "start", "until", "year")

    def __init__(self, kind, start, end, year, inferred, until=False, day=False):
        self.kind: str = kind
        self.start: dt.date = start
        self.end: dt.date = end
        self.year: int = year
        self.inferred: bool = inferred  # its year came from the reference
        self.until: bool = until  # ends in 底/末/内: alone, a deadline
        self.day: bool = day  # a single day, its month and day written


def _num(value: str | None) -> int | None:
    return cn_to_int(value) if value else None


def _days_in_month(year: int, month: int) -> int:
    """As calendar.monthrange(year, month)[1], without importing calendar."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _month_span(year: int, first: int, last: int, last_day: int | None = None):
    end = last_day or _days_in_month(year, last)
    return dt.date(year, first, 1), dt.date(year, last, end)


class _Resolver:
    """Turn what an expression says into dates, inferring the year from the reference."""

    def __init__(self, reference: dt.date | int | None):
        self.date = reference if isinstance(reference, dt.date) else None
        self.reference_year = reference.year if self.date else reference
        self.inferred = False

    def year(self, written: int | None, month: int, offset=None, base=None) -> tuple | None:
        """(year, inferred) of what names ``month`` first. ``offset`` is 次年's 1, 今年's 0;
        ``base`` the (year, inferred) of the range's first point, for its second."""
        if written is not None:
            return written, False
        if base is not None and (offset is not None or not base[1]):
            year, inferred = base[0] + (offset or 0), base[1]
        elif self.reference_year is None:
            return None
        elif offset is not None:
            year, inferred = self.reference_year + offset, True
        elif self.date and month < self.date.month - 6:  # a December notice about 1月
            year, inferred = self.reference_year + 1, True
        else:
            year, inferred = self.reference_year, True
        self.inferred = self.inferred or inferred
        return year, inferred

    def span(self, text: str, base=None) -> _Span | None:
        """``text`` read whole as one point or named period, or None."""
        offset = None
        if text.startswith(_RELATIVE_WORDS):
            word, offset = next((w, k) for w, k in _RELATIVE_YEARS if text.startswith(w))
            text = text[len(word) :]
        m = _point(text) if text else None
        if m and text[-1] not in "·.．":
            return self._month_point(m, offset, base)
        written = None
        if text[4:5] == "年" and _is_number(text[:4]):  # 2025年, 二〇二五年
            written, rest = _num(text[:4]), text[5:]
            rest = rest[1:] if rest[:1] == "年" and rest[1:] else rest  # 2025年年底
        elif text[:1] == "年" and text[1:]:  # 年初, 年底
            rest = text[1:]
        elif offset is not None and text in (*_UNTIL, "初", "中", "全年"):  # 次年初
            rest = text
        elif offset is not None and not text:  # 次年
            rest = ""
        else:
            rest = text
            if rest in _YEAR_PARTS:  # "初", "" alone: no year named
                return None
        if rest in ("上半年", "下半年"):
            first = 1 if rest[0] == "上" else 7
            year = self.year(written, first, offset, base)
            if year is None:
                return None
            return _Span("half", *_month_span(year[0], first, first + 5), *year)
        if rest in _YEAR_PARTS:
            first, first_day, last, last_day = _YEAR_PARTS[rest]
            year = self.year(written, last if rest in _UNTIL else first, offset, base)
            if year is None:
                return None
            start, end = _month_span(year[0], first, last, last_day)
            return _Span("year", start.replace(day=first_day), end, *year, until=rest in _UNTIL)
        quarter = rest.removeprefix("第")
        until = quarter[-1:] in ("末", "底")
        quarter = quarter[:-1] if until else quarter
        if quarter.endswith("季度") and (n := _num(quarter[:-2])) and 1 <= n <= 4:
            first = 3 * n - 2
            year = self.year(written, first + 2 if until else first, offset, base)
            if year is None:
                return None
            return _Span("quarter", *_month_span(year[0], first, first + 2), *year, until=until)
        return None

    def _month_point(self, m: re.Match, offset, base) -> _Span | None:
        month = _num(m.group("m"))
        if month is None or not 1 <= month <= 12:
            return None
        year = self.year(_num(m.group("y")), month, offset, base)
        if year is None:
            return None
        last = _days_in_month(year[0], month)
        day, part = _num(m.group("d")), m.group("x")
        if day is not None:
            if not 1 <= day <= last:
                return None
            return _Span("day", dt.date(year[0], month, day), dt.date(year[0], month, day),
                         *year, day=True)  # fmt: skip
        spans = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "中": (11, 20),
                 "下旬": (21, last), "底": (21, last), "末": (21, last),
                 "上中旬": (1, 20), "中下旬": (11, last)}  # fmt: skip
        lo, hi = spans.get(part, (1, last))
        kind = "dekad" if part and part.endswith("旬") else "month"
        return _Span(kind, dt.date(year[0], month, lo), dt.date(year[0], month, hi), *year,
                     until=part in ("底", "末"))  # fmt: skip


def _clean(text: str) -> str:
    """Whitespace, full-width digits and brackets, quotes and end punctuation settled."""
    text = re.sub(r"\s+", "", text or "").translate(_FULL_WIDTH)
    text = text.replace("“", "").replace("”", "").strip("。；;，,、")
    return text.replace("月份", "月").replace("年度", "年")


def _without_annotations(text: str) -> str:
    """``text`` without what does not change its dates: "6月3日（星期一）上午9:00" ->
    "6月3日"; numeric dates written with 年月日; a trailing verb dropped."""
    if any(c in text for c in "./-"):
        text = _rx("numeric_date").sub(_numeric_date, text)
    if any(c in text for c in "(星礼周:时点午早晚凌傍全"):
        text = _rx("annotation").sub("", text).rstrip(_RANGE_SEPARATORS + "、")
    text = text.replace("上、中旬", "上中旬").replace("中、下旬", "中下旬")
    while (rest := _without(text, _VERBS)) is not None and rest:
        text = _without(rest, _ADVERBS) or rest
    return text


def _numeric_date(m: re.Match) -> str:
    year, month, day = m.group(1), int(m.group(3)), m.group(4)
    if not 1 <= month <= 12:
        return m.group(0)
    return f"{year}年{month}月" + (f"{int(day)}日" if day else "")


def _unit(text: str) -> str | None:
    """The unit after the number ``text`` starts with: "9月上旬" -> 月, "第三季度" -> 季度."""
    if text.startswith(_RELATIVE_WORDS):
        text = text.removeprefix(next(w for w in _RELATIVE_WORDS if text.startswith(w)))
    if text[4:5] == "年" and _is_number(text[:4]) and text[5:]:
        text = text[5:]
    text = text.removeprefix("第")
    i = next((k for k, c in enumerate(text) if c not in _NUMERALS), len(text))
    if i == 0:
        return None
    return next((u for u in ("月", "季度", "年", "日", "号") if text[i:].startswith(u)), None)


def _completed(text: str, unit: str | None) -> str:
    """A bare number given the unit of its neighbour: ("7", "月") -> "7月" (of "7-9月")."""
    i = len(text)
    while i and text[i - 1] in _NUMERALS:
        i -= 1
    if unit and i < len(text) and (text[:i] in ("", "第") or text[:i].endswith("年")):
        return text + unit
    return text


def parse_time(text: str, reference: dt.date | int | None = None) -> TimeValue:
    """Normalise one time expression. ``reference`` is the notice's 成文日期, or a year
    alone when the notice has no date (see pipeline.enrich), or None."""
    raw = text
    text = _clean(text)
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
    text = _without_annotations(text)
    text = text[1:] if text[:1] in ("于", "在") and text[1:] else text  # "于6月14日前"
    if not text:
        return TimeValue(raw, "unparsed")
    if span := resolver.span(text):
        if span.until:  # "2024年12月底": by the end of December
            return done("deadline", (None, span.end))
        return done(span.kind, (span.start, span.end))
    if (rest := _without(text, _APPROXIMATE)) and (span := resolver.span(rest)):
        return done("approximate", (span.start, span.end))
    if found := _deadline(text, resolver):
        return done("deadline", (None, found.end))
    if found := _range(_without(text, ("期间",)) or text, resolver):  # "3月至5月期间"
        return done("range", found)
    if found := _list(text, resolver):
        kind, spans = found
        first = spans[0].start if kind == "months" else min(s.start for s in spans)
        last = spans[-1].end if kind == "months" else max(s.end for s in spans)
        return done(kind, (first, last), [s.start.isoformat() for s in spans])
    plain = text.replace("·", "月").replace("“", "")
    if m := _point(_without(plain, ("期间", "前后")) or plain):
        span = resolver._month_point(m, None, None) if m.group("d") else None
        if span:
            kind = "approximate" if text[-2:] in ("期间", "前后") else "day"
            return done(kind, (span.start, span.end))
    return TimeValue(raw, "unparsed")


def _deadline(text: str, resolver: _Resolver) -> _Span | None:
    """ "6月14日前", "2025年底前完成", "6月30日前报市局", "截至10月31日": the span it ends."""
    for prefix in _BY:
        if text.startswith(prefix) and text[len(prefix) :]:
            body = text[len(prefix) :].removesuffix("止")
            return resolver.span(_without(body, _BEFORE) or body)
    if text[-1:] in ("止", "内") and (span := resolver.span(text[:-1])):  # 10月31日止, 6月内
        return span
    i = text.find("前")
    if i > 0 and text[i + 1 : i + 2] != "后" and not any(c.isdigit() for c in text[i:]):
        head = text[:i]
        return resolver.span(head[:-1] if head[-1] in "之以" else head)
    return None


def _range(text: str, resolver: _Resolver) -> tuple | None:
    """(start, end) of "5月10日至20日", "7-9月", "即日起至10月31日", "6月1日起", or None."""
    cut = next((k for k, c in enumerate(text) if c in _RANGE_SEPARATORS), -1)
    if cut < 0:  # "6月1日起", "即日起": no end
        if not text.endswith("起"):
            return None
        left, right = text, None
    else:
        left, right = text[:cut], text[cut + 1 :].lstrip(_RANGE_SEPARATORS).removesuffix("止")
        if not right:
            return None
    left = left.removesuffix("起")
    left = left[1:] if left[:1] in ("自", "从") else left
    if left in _FROM_NOW or (left.endswith("之日") and not any(c.isdigit() for c in left)):
        resolver.inferred = True  # the start is the notice's date
        if right is None:
            return (resolver.date, None) if resolver.date else None
        if (end := resolver.span(right)) is None:
            return None
        start, end_day = resolver.date, end.end
        if start and end_day < start:
            end_day = end_day.replace(year=end_day.year + 1)
        return start, end_day
    if right is None:  # "6月1日起": no end
        first = resolver.span(left)
        return (first.start, None) if first and not first.until else None
    left = _completed(left, _unit(right))
    first = resolver.span(left)
    if first is None:
        return None
    second = resolver.span(right, base=(first.year, first.inferred)) or resolver.span(
        right + "日", base=(first.year, first.inferred)
    )  # "5月15日至5月19": its 日 missing
    if second is not None:
        end = second.end
        if end < first.start:  # "12月20日至1月10日"
            end = end.replace(year=end.year + 1)
        return first.start, end
    if first.day and (m := _rx("day").fullmatch(right)):  # "5月15日至19日"
        last_day = _num(m.group("d"))
        if last_day and last_day >= first.start.day:
            try:
                return first.start, first.start.replace(day=last_day)
            except ValueError:
                return None
    return None


def _list(text: str, resolver: _Resolver) -> tuple[str, list[_Span]] | None:
    """("days", spans) of "6月3日、5日、10日", ("months", spans) of "6月、8月", or None."""
    parts = text.translate(_LIST_SEPARATORS).split("、")
    if len(parts) < 2 or not all(parts):
        return None
    for k in range(len(parts) - 2, -1, -1):  # "6、8月": 6 borrows the 月 of 8月
        parts[k] = _completed(parts[k], _unit(parts[k + 1]))
    spans = []
    month_hint = None
    for part in parts:
        if part[-1] in "日号" and _rx("day").fullmatch(part) and month_hint:
            part = f"{month_hint}{part}"  # "5月9日、16日"
        span = resolver.span(part)
        if span is None or span.kind not in ("day", "month") or span.until:
            return None
        spans.append(span)
        month_hint = part[: part.index("月") + 1] if "月" in part else None
    kinds = {s.kind for s in spans}
    if kinds == {"day"}:
        return "days", spans
    if kinds == {"month"} and all(s.start.day == 1 and s.end.day > 27 for s in spans):
        return "months", spans
    return None


TIME_COLUMN = re.compile(r"时间|日期|时限|期限|时段|日程|截止")


def is_time_column(name: str) -> bool:
    return bool(TIME_COLUMN.search(re.sub(r"\s+", "", name or "")))


def find_deadlines(text: str, reference: dt.date | int | None) -> list[Deadline]:
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
            Deadline(
                m.group(0).strip(), value.end, "deadline", value.year_inferred, sentence.strip()
            )
        )
    return found
