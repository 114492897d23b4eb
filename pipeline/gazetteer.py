"""China's administrative divisions, from the cpca package's adcodes table (MIT).

Only its data file is read (cpca's own matcher needs pandas and a compiled
Aho-Corasick automaton we do not need): 3,500 provinces, cities and counties
with their 12-digit adcodes. ``find_district("普陀区市场监管局", region="310000")``
gives 普陀区 of Shanghai, not of Zhoushan: the issuer's region settles names that
several cities share.
"""

from __future__ import annotations

import os
from functools import cache
from typing import NamedTuple


class Division(NamedTuple):
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


_NOT_PLACES = frozenset(("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"))


def _adcodes_csv() -> str:
    """The text of cpca's resources/adcodes.csv, found without importing cpca.

    (cpca's __init__ loads pandas; importlib.util costs more than the search: the
    path finder is tried first.)
    """
    from importlib.machinery import PathFinder

    spec = PathFinder.find_spec("cpca")
    if spec is None:
        import importlib.util

        spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package (the gazetteer's data) is not installed")
    folder = next(iter(spec.submodule_search_locations))
    with open(os.path.join(folder, "resources", "adcodes.csv"), encoding="utf-8") as f:
        return f.read()


def _rows(text: str) -> list[tuple[str, str]]:
    """(adcode, name) of every line, in the file's order."""
    flat = text.replace("\r\n", "\n").rstrip("\n").replace("\n", ",").split(",")
    plain = '"' not in text and len(flat) % 4 == 0 and flat[:2] == ["adcode", "name"]
    if plain:  # four fields a line, no quoting: split in C rather than through csv
        return list(zip(flat[4::4], flat[5::4], strict=True))
    import csv
    import io

    return [(r["adcode"], r["name"]) for r in csv.DictReader(io.StringIO(text))]


@cache
def _tables() -> tuple[dict[str, list[str]], dict[str, str]]:
    """Adcodes by name (in the file's order) and names by adcode, places only.

    Division objects are made for the few divisions a lookup returns, not for all.
    """
    by_name: dict[str, list[str]] = {}
    by_code: dict[str, str] = {}
    for code, name in _rows(_adcodes_csv()):
        if name in _NOT_PLACES:
            continue
        codes = by_name.get(name)
        if codes is None:
            by_name[name] = [code]
        else:
            codes.append(code)
        by_code.setdefault(code, name)
    return by_name, by_code


def _division(code: str, name: str) -> Division:
    return Division(code, name, _level(code))


@cache
def divisions() -> tuple[Division, ...]:
    """Every province, city and county, in the file's order."""
    return tuple(
        _division(code, name) for code, name in _rows(_adcodes_csv()) if name not in _NOT_PLACES
    )


@cache
def _longest_name() -> int:
    return max(map(len, _tables()[0]))


def region_of(text: str) -> Division | None:
    """The province or city an organ's name starts with: "上海市市场监督管理局" -> 上海市.

    The longest name that starts the text wins (at most one name of each length can).
    """
    by_name = _tables()[0]
    for length in range(min(_longest_name(), len(text)), 0, -1):
        name = text[:length]
        for code in by_name.get(name, ()):
            if _level(code) in ("province", "city"):
                return _division(code, name)
    return None


def province_name(code2: str) -> str | None:
    return _tables()[1].get(code2 + "0" * 10)


def _names_in(text: str):
    """Names of divisions found in ``text`` (two characters or more), longest first, then
    leftmost."""
    by_name = _tables()[0]
    for length in range(min(_longest_name(), len(text)), 1, -1):
        for start in range(len(text) - length + 1):
            piece = text[start : start + length]
            if piece in by_name:
                yield piece


def find_district(text: str, region: Division | None = None) -> Division | None:
    """The county-level division named in ``text`` (浦东新区, 普陀区, 嘉善县…)."""
    by_name = _tables()[0]
    for name in _names_in(text):
        candidates = [c for c in by_name[name] if _level(c) == "county"]
        if not candidates:
            continue  # a province or a city
        if region is not None:
            prefix = region.city_code if region.level == "city" else region.province_code
            local = [c for c in candidates if c.startswith(prefix)]
            if local:
                return _division(local[0], name)
        if len(candidates) == 1:
            return _division(candidates[0], name)
    return None


def parent_name(district: Division) -> str:
    """The city a county belongs to, or its province where the city is a 市辖区."""
    city = _tables()[1].get(district.city_code + "0" * 8)
    return city or province_name(district.province_code) or ""
