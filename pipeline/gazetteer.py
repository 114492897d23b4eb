"""China's administrative divisions, from the cpca package's adcodes table (MIT).

Only its data file is read (cpca's own matcher needs pandas and a compiled
Aho-Corasick automaton we do not need): 3,500 provinces, cities and counties
with their 12-digit adcodes. ``find_district("普陀区市场监管局", region="310000")``
gives 普陀区 of Shanghai, not of Zhoushan: the issuer's region settles names that
several cities share.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Division:
    adcode: str  # 12 digits
    name: str
    level: str  # province, city, county

    @property
    def province_code(self) -> str:
        return self.adcode[:2]

    @property
    def city_code(self) -> str:
        return self.adcode[:4]


def _level(adcode: str) -> str:
    if adcode[2:] == "0" * 10:
        return "province"
    if adcode[4:] == "0" * 8:
        return "city"
    return "county"


@cache
def divisions() -> tuple[Division, ...]:
    import importlib.util
    from pathlib import Path

    # Locate the data without importing cpca (its __init__ loads pandas).
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package (the gazetteer's data) is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    text = (folder / "resources" / "adcodes.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return tuple(
        Division(r["adcode"], r["name"], _level(r["adcode"]))
        for r in rows
        if r["name"] not in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")
    )


@cache
def _by_name() -> dict[str, list[Division]]:
    index: dict[str, list[Division]] = {}
    for d in divisions():
        index.setdefault(d.name, []).append(d)
    return index


@cache
def _names_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_by_name(), key=len, reverse=True))


def region_of(text: str) -> Division | None:
    """The province or city an organ's name starts with: "上海市市场监督管理局" -> 上海市."""
    for name in _names_longest_first():
        if text.startswith(name):
            candidates = [d for d in _by_name()[name] if d.level in ("province", "city")]
            if candidates:
                return candidates[0]
    return None


@cache
def _by_code() -> dict[str, Division]:
    return {d.adcode: d for d in divisions()}


def province_name(code2: str) -> str | None:
    division = _by_code().get(code2 + "0" * 10)
    return division.name if division else None


@cache
def _counties() -> tuple[dict[str, list[Division]], int]:
    index: dict[str, list[Division]] = {}
    for d in divisions():
        if d.level == "county" and len(d.name) >= 2:
            index.setdefault(d.name, []).append(d)
    return index, max(len(name) for name in index)


def _county_names_in(text: str):
    """County names found in ``text``, longest first, then leftmost."""
    index, longest = _counties()
    for length in range(min(longest, len(text)), 1, -1):
        for start in range(len(text) - length + 1):
            piece = text[start : start + length]
            if piece in index:
                yield piece


def find_district(text: str, region: Division | None = None) -> Division | None:
    """The county-level division named in ``text`` (浦东新区, 普陀区, 嘉善县…)."""
    index, _ = _counties()
    for name in _county_names_in(text):
        candidates = index[name]
        if region is not None:
            prefix = region.city_code if region.level == "city" else region.province_code
            local = [d for d in candidates if d.adcode.startswith(prefix)]
            if local:
                return local[0]
        if len(candidates) == 1:
            return candidates[0]
    return None


def parent_name(district: Division) -> str:
    """The city a county belongs to, or its province where the city is a 市辖区."""
    city = _by_code().get(district.city_code + "0" * 8)
    return city.name if city else province_name(district.province_code) or ""
