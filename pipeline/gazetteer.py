"""China's administrative divisions at and above county level, today's and former ones.

The data is pipeline/data/divisions.csv (see its header; scripts/build_divisions.py
makes it): the Ministry of Civil Affairs' code tables (中华人民共和国县以上行政区划代码)
as of 31 December of each year from 1980 to 2024 and its register of divisions as of
2026-09-11, one line per division and name with the years it was listed and, for one
that is gone, the codes its area went to. It is read on the first lookup (split in C;
Division objects are made only for what a lookup returns), never on import; the part of
divisions gone before 2000 only for a notice dated before 2001 or a code looked up.

``find_district("普陀区市场监管局", region)`` gives 普陀区 of Shanghai for a Shanghai
region and of Zhoushan for a Zhoushan one: the issuer's region settles names that several
places share (its city's first, then its province's). Names of divisions that are gone
resolve by the notice's date (``on``):

- a notice dated while the division was listed, or in the year it went (the tables are
  yearly; the day is not known), gets the division itself with its old code and
  ``valid_until`` (the last year-end table that listed it): 江干区 in a 2020 or 2021
  notice -> 江干区, 330104000000, valid_until 2020-12-31, successors (上城区, 钱塘区);
- a later notice gets today's successor, with the name and code it printed kept in
  ``former_name`` and ``former_adcode``: 江干区 in a 2024 notice -> 上城区, 330102000000,
  former 江干区 330104000000 (the main successor: where most of the area went);
- a division gone without a known successor (mergers before 2019 that the build rules
  cannot see) gives the division itself whatever the date;
- an undated notice gets today's division of that name where there is one, else the
  former one itself (since 2000);
- a name that today is a city's or a province's is no former county (丽水市).

``locate(name)`` is the division an organ's name starts with (上海市浦东新区卫生健康委员会
-> 浦东新区) and ``from_doc_number(文号)`` the one its prefix abbreviates (沪市监 -> 上海市).
"""

from __future__ import annotations

import os
from functools import cache
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import datetime as dt

_DATA = os.path.join(os.path.dirname(__file__), "data")


class Division(NamedTuple):
    adcode: str  # 12 digits
    name: str
    level: str  # province, city, county
    # a division that is gone: the day of the last year-end table that listed it, and the
    # codes (12 digits) its area went to, the main one first
    valid_until: str | None = None
    successors: tuple[str, ...] = ()
    # a division found for a name that was gone by the notice's date: that name and its code
    former_name: str | None = None
    former_adcode: str | None = None

    @property
    def province_code(self) -> str:
        return self.adcode[:2]

    @property
    def city_code(self) -> str:
        return self.adcode[:4]

    @property
    def current(self) -> bool:
        return self.valid_until is None


def _level(code: str) -> str:
    if code[2:6] == "0000":
        return "province"
    if code[4:6] == "00":
        return "city"
    return "county"


# A record is a line of the table as a tuple of its text fields, made in C from the split
# file (numbers are converted only for the few records a lookup weighs):
# code (6 digits), name, first (first year-end table listing it), until (the last one;
# "": in force today), successors (6-digit codes, space-separated).
_Record = tuple[str, str, str, str, str]
_CODE, _NAME, _FIRST, _UNTIL, _SUCC = range(5)


# Divisions gone before 2000 are a second part of the file, read only for a notice dated
# before 2001 (or a code looked up): the first lookup of a notice of today reads only
# the part before this line.
_OLD_PART = "# Gone before 2000"
_OLD_UNTIL = 1999


@cache
def _records(old: bool = False) -> tuple[_Record, ...]:
    """The lines of one part of the table, in its order: by name, today's division of a
    name first, then former ones, latest first (a name's records are contiguous)."""
    with open(os.path.join(_DATA, "divisions.csv"), encoding="utf-8") as f:
        text = f.read()
    recent, _, older = text[text.index("adcode,name,") :].partition(_OLD_PART)
    body = older[older.index("\n") + 1 :] if old else recent[recent.index("\n") + 1 :]
    flat = body.rstrip("\n").replace("\n", ",").split(",") if body.strip() else []
    if len(flat) % 5:
        raise RuntimeError("pipeline/data/divisions.csv is damaged (5 fields a line expected)")
    return tuple(zip(flat[0::5], flat[1::5], flat[2::5], flat[3::5], flat[4::5], strict=True))


class _Tables:
    __slots__ = ("by_code", "spans")

    def __init__(self, spans: dict[str, tuple[int, int]], by_code: dict[str, _Record]):
        self.spans = spans  # name -> its records' slice of _records()
        self.by_code = by_code  # today's division of a code, else the last that held it


@cache
def _tables(old: bool = False) -> _Tables:
    """The indexes of one part, made in C (no loop over its lines in Python)."""
    records = _records(old)
    names = [r[_NAME] for r in records]
    stop = dict(zip(names, range(1, len(names) + 1), strict=True))  # the last of a name wins
    start = dict(zip(reversed(names), range(len(names) - 1, -1, -1), strict=True))
    spans = {name: (start[name], stop[name]) for name in stop}
    former = sorted(filter(itemgetter(_UNTIL), records), key=itemgetter(_UNTIL))
    by_code = dict(zip(map(itemgetter(_CODE), former), former, strict=True))  # latest wins
    today = [r for r in records if not r[_UNTIL]]
    by_code.update(zip(map(itemgetter(_CODE), today), today, strict=True))
    return _Tables(spans, by_code)


def _parts(year: int | None) -> tuple[bool, ...]:
    """The parts of the table a notice of that year reads."""
    return (False, True) if year is not None and year <= _OLD_UNTIL + 1 else (False,)


def _named_records(name: str, year: int | None) -> tuple[_Record, ...]:
    found: tuple[_Record, ...] = ()
    for old in _parts(year):
        span = _tables(old).spans.get(name)
        if span:
            found += _records(old)[span[0] : span[1]]
    return found


def _known(name: str, year: int | None) -> bool:
    return any(name in _tables(old).spans for old in _parts(year))


def _division(r: _Record) -> Division:
    return Division(
        r[_CODE] + "000000",
        r[_NAME],
        _level(r[_CODE]),
        f"{r[_UNTIL]}-12-31" if r[_UNTIL] else None,
        tuple(s + "000000" for s in r[_SUCC].split()),
    )


@cache
def divisions(include_former: bool = False) -> tuple[Division, ...]:
    """Every province, city and county of today (and those gone since 1980 when asked),
    in the order of their codes."""
    records = _records() + (_records(old=True) if include_former else ())
    records = sorted(records, key=itemgetter(_CODE, _FIRST))
    return tuple(_division(r) for r in records if include_former or not r[_UNTIL])


def division(adcode: str) -> Division | None:
    """The division of a 12- or 6-digit code: today's, else the last one that held it."""
    r = _tables().by_code.get(adcode[:6]) or _tables(old=True).by_code.get(adcode[:6])
    return _division(r) if r is not None else None


@cache
def _longest(old: bool) -> int:
    return max(map(len, _tables(old).spans), default=0)


def _longest_name(year: int | None = None) -> int:
    return max(_longest(old) for old in _parts(year))


def _year(on: dt.date | str | None) -> int | None:
    if on is None:
        return None
    if hasattr(on, "year"):  # a date (datetime is not imported for the check)
        return on.year
    return int(str(on)[:4]) if str(on)[:4].isdigit() else None


def _one(group: list[_Record]) -> _Record | None:
    """The record of a group of one name: one code, or of former ones the latest (an
    older code of the same place); None where places differ."""
    if len({r[_CODE] for r in group}) == 1:
        return group[0]
    latest = [r for r in group if r[_UNTIL] == group[0][_UNTIL]]  # latest first (_tables)
    return group[0] if group[0][_UNTIL] and len({r[_CODE] for r in latest}) == 1 else None


def _pick(candidates: list[_Record], year: int | None) -> Division | None:
    """One division out of records of one name and place, by the notice's year."""
    today = [r for r in candidates if not r[_UNTIL]]
    if year is None:
        chosen = _one(today or candidates)
        return _division(chosen) if chosen is not None else None
    listed = [
        r
        for r in candidates
        if int(r[_FIRST]) <= year and (not r[_UNTIL] or year <= int(r[_UNTIL]))
    ]
    going = [r for r in candidates if r[_UNTIL] and int(r[_UNTIL]) + 1 == year]
    gone = [r for r in candidates if r[_UNTIL] and int(r[_UNTIL]) + 1 < year]
    for group in (listed, going):
        if group:
            chosen = _one(group)
            return _division(chosen) if chosen is not None else None
    if gone:
        old = _one(gone)
        if old is None:
            return None
        successor = old[_SUCC] and _tables().by_code.get(old[_SUCC].split()[0])
        if not successor or successor[_UNTIL]:
            return _division(old)
        return _division(successor)._replace(
            former_name=old[_NAME], former_adcode=old[_CODE] + "000000"
        )
    chosen = _one(today)  # not made yet by that date: today's
    return _division(chosen) if chosen is not None else None


def _local(candidates: list[_Record], region: Division | None) -> list[_Record]:
    """The candidates nearest the region: in its city, else its province, else all."""
    if region is not None:
        prefixes = (region.city_code, region.province_code) if region.level == "city" else ()
        for prefix in prefixes or (region.province_code,):
            local = [r for r in candidates if r[_CODE].startswith(prefix)]
            if local:
                return local
    return candidates


def _named(name: str, levels: tuple[str, ...], region=None, on=None) -> Division | None:
    year = _year(on)
    records = _named_records(name, year)
    candidates = [r for r in records if _level(r[_CODE]) in levels]
    if not candidates:
        return None
    today_names = {r[_NAME] for r in records if not r[_UNTIL]}
    if today_names and not any(not r[_UNTIL] for r in candidates):
        return None  # today this name is a division of another level (丽水市 is a city)
    return _pick(_local(candidates, region), year)


def region_of(text: str, on: dt.date | str | None = None) -> Division | None:
    """The province or city an organ's name starts with: "上海市市场监督管理局" -> 上海市.

    The longest name that starts the text wins (at most one name of each length can).
    """
    year = _year(on)
    for length in range(min(_longest_name(year), len(text)), 0, -1):
        name = text[:length]
        if _known(name, year):
            found = _named(name, ("province", "city"), on=on)
            if found is not None:
                return found
    return None


def province_name(code2: str) -> str | None:
    r = _tables().by_code.get(code2[:2] + "0000")
    return r[_NAME] if r is not None else None


def _names_in(text: str, year: int | None):
    """Names of divisions found in ``text`` (two characters or more), longest first, then
    leftmost."""
    parts = [_tables(old).spans for old in _parts(year)]
    for length in range(min(_longest_name(year), len(text)), 1, -1):
        for start in range(len(text) - length + 1):
            piece = text[start : start + length]
            if any(piece in spans for spans in parts):
                yield piece


def find_district(
    text: str, region: Division | None = None, on: dt.date | str | None = None
) -> Division | None:
    """The county-level division named in ``text`` (浦东新区, 普陀区, 嘉善县…).

    ``region`` (a province or city) settles names several places share (its city's
    first, then its province's: 普陀区 for Hangzhou is Zhoushan's); ``on`` (the
    notice's date) settles names of divisions that are gone (see the module's text).
    A name shared by several places and not settled by the region gives None.
    """
    for name in _names_in(text, _year(on)):
        found = _named(name, ("county",), region, on)
        if found is not None:
            return found
    return None


def locate(text: str, on: dt.date | str | None = None) -> Division | None:
    """The division an organ's name starts with, the most precise one: "上海市浦东新区卫生
    健康委员会" -> 浦东新区; "杭州市上城区人民政府" -> 上城区; "浦东新区卫健委" -> 浦东新区
    (one of that name in China); "上海市市场监督管理局" -> 上海市; None for "区卫健委".
    """
    text = text.strip()
    for party in ("中国共产党", "中共"):
        text = text.removeprefix(party)
    region = None
    while True:  # province, then city
        found = region_of(text, on)
        if found is None or (region is not None and found.province_code != region.province_code):
            break
        region, text = found, text[len(found.former_name or found.name) :]
        if region.level == "city":
            break
    year = _year(on)
    for length in range(min(_longest_name(year), len(text)), 1, -1):
        name = text[:length]
        if _known(name, year):
            found = _named(name, ("county",), region, on)
            if found is not None and (region is None or _within(found, region)):
                return found
    return region


def _within(district: Division, region: Division) -> bool:
    prefix = region.city_code if region.level == "city" else region.province_code
    return district.adcode.startswith(prefix)


def parent(district: Division) -> Division | None:
    """The city a county belongs to, or its province where the county has no city (the 市辖区
    of Shanghai, the counties a province governs directly); a city's province."""
    by_code = _tables().by_code
    if district.level == "county":
        city = by_code.get(district.adcode[:4] + "00")
        if city is not None:
            return _division(city)
    if district.level != "province":
        province = by_code.get(district.adcode[:2] + "0000")
        return _division(province) if province is not None else None
    return None


def parent_name(district: Division) -> str:
    """The city a county belongs to, or its province where the city is a 市辖区."""
    above = parent(district)
    return above.name if above is not None else ""


def children(region: Division) -> tuple[Division, ...]:
    """Today's divisions one level below a province (its cities; a municipality's counties)
    or a city (its counties)."""
    return _children(region.adcode[:6], region.level)


@cache
def _children(code: str, level: str) -> tuple[Division, ...]:
    out = []
    for r in _records():
        if r[_UNTIL] or r[_CODE] == code:
            continue
        if level == "city" and r[_CODE][:4] == code[:4]:
            out.append(_division(r))
        elif (
            level == "province"
            and r[_CODE][:2] == code[:2]
            and (_level(r[_CODE]) == "city" or r[_CODE][:4] + "00" not in _tables().by_code)
        ):
            out.append(_division(r))  # a city; a municipality's or directly governed county
    return tuple(out)


@cache
def _province_abbreviations() -> dict[str, str]:
    """{abbreviation: province code (2 digits)} from data/province_abbreviations.csv."""
    table: dict[str, str] = {}
    with open(os.path.join(_DATA, "province_abbreviations.csv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("code,"):
                continue
            code, _name, abbreviations = line.rstrip("\n").split(",")
            for a in abbreviations.split():
                table[a] = code
    return table


def from_doc_number(
    doc_number: str, region: Division | None = None, on: dt.date | str | None = None
) -> Division | None:
    """The issuing division a 文号's prefix abbreviates: "沪市监计〔2024〕1号" -> 上海市;
    "浦府办〔2024〕12号" -> 浦东新区 for a Shanghai ``region``.

    Read from the left: a province's abbreviation (沪, 浙, 苏… data/
    province_abbreviations.csv), then, under the province or region so far, the first
    character of a city's or county's name where no other division there starts with it
    (杭 under 浙江省; 浦 under 上海市, not 浦江县's). With no abbreviation and no region
    nothing is read: 浦 alone is 浦东新区, 浦口区, 浦江县… An organ's own abbreviation
    that starts like a district's name is misread (沪金规: 金融, not 金山区): names of the
    issuer come first (see units.UnitParser.for_notice).
    """
    prefix = doc_number.strip()
    for i, ch in enumerate(prefix):
        if ch in "〔[【(（〈［" or ch.isdigit():
            prefix = prefix[:i]
            break
    found = region
    code = _province_abbreviations().get(prefix[:1])
    if code is not None:
        province = division(code + "0000")
        if province is None or (region is not None and region.province_code != code):
            return region
        found, prefix = province, prefix[1:]
        if region is not None and region.level != "province":
            found = region
            if prefix[:1] == region.name[:1]:
                prefix = prefix[1:]
    elif found is not None and found.level != "county" and prefix[:1] == found.name[:1]:
        prefix = prefix[1:]  # the region's own first character (杭 of 杭州市)
    while found is not None and found.level != "county" and prefix:
        below = [d for d in children(found) if d.name.startswith(prefix[0])]
        if len(below) != 1:
            break
        found, prefix = below[0], prefix[1:]
    return found
