"""Responsible-unit cells, normalised: a list of units with role, full name and district.

"主办单位：市局\\n承办单位：浦东新区市场监管局" ->
    [{name: 市局, role: 主办, full_name: 上海市市场监督管理局, district: null},
     {name: 浦东新区市场监管局, role: 承办, full_name: 浦东新区市场监督管理局,
      district: 浦东新区, adcode: 310115000000}]

Cells are split on "、", "，", "；" and line breaks; a role prefix (主办, 承办, 协办,
牵头, 配合, 参与, 支持, 指导) is kept as ``role``. Abbreviations (市局, 市计测院, 区局…)
are expanded through an alias table — pipeline/data/aliases.csv, extended by the
user's own CSV (columns alias, full_name, region) — whose templates {province},
{city} and {district} are filled from the issuer's region and the unit's district.
"市场监管局" is always expanded to "市场监督管理局". Districts come from the
gazetteer, settled by the issuer's region and, for divisions that are gone, the
notice's date.

Names relative to the issuer are resolved from the issuing division (see
``UnitParser.for_notice``): in a district's notice 区局, 区卫健委, 区文旅局, 区政府办 are
that district's (上海市浦东新区卫健委, district 浦东新区); 市局, 市卫健委 are its city's
(no district); 县局, 县…局 a county's, 旗… a banner's. In a county-level city's notice
市局 is that city's own. An alias that starts the name is expanded and the rest kept
(区局执法大队 -> 上海市浦东新区市场监督管理局执法大队). Plurals (各区, 各街道,
各区市场监管局, 各县（市、区）) and 区县…, 市级…, 市直…, 区属… name no one unit and get no
district; 省… names keep their text (the alias table expands 省局 alone).
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import cache

from . import gazetteer
from .model import Unit
from .vocab import ROLE_WORDS

ROLES = "|".join(ROLE_WORDS)
_ROLE = re.compile(rf"^(?P<role>{ROLES})(?:单位|部门)?\s*[：:]\s*(?P<rest>.*)$")
_SEPARATORS = frozenset("、，,；;")
_OPEN, _CLOSE = "（(【[〔", "）)】]〕"
# 区卫健委, 市局, 县教育局: a level, then an organ (the name ends like one)
# (省 is left out: 省局…, 省卫健委 keep their names; the alias table expands 省局 alone)
_LEVELS = "市区县旗"
_NOT_AN_ORGAN_NEXT = frozenset("区县市镇乡街级直属内外域各")  # 区县…, 市级…, 市直…, 区域…
_ORGAN_END = re.compile(
    r"(?:局|委|办|厅|院|所|站|队|部|处|科|中心|会|馆|团|社|联|协|政府|公司|集团)$"
)


@dataclass(frozen=True)
class Alias:
    full_name: str
    region: str  # "" for any issuer


@cache
def _builtin_aliases() -> dict[str, list[Alias]]:
    return read_aliases(os.path.join(os.path.dirname(__file__), "data", "aliases.csv"))


@cache
def read_aliases(path) -> dict[str, list[Alias]]:
    """An alias table: CSV with columns alias, full_name, region (region may be blank).

    Read once per process and path (a batch converts many notices with one table).
    """
    table: dict[str, list[Alias]] = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            alias = (row.get("alias") or "").strip()
            if alias:
                table.setdefault(alias, []).append(
                    Alias((row.get("full_name") or "").strip(), (row.get("region") or "").strip())
                )
    return table


class UnitParser:
    """Parses unit cells for one notice: the issuer's division settles shared names and
    gives relative names (区局, 区卫健委, 市局…) their district or city.

    ``UnitParser(issuer)`` reads the issuing division from the issuer's name alone;
    ``UnitParser.for_notice(notice)`` also from its 发文机关标志 and 文号.
    """

    def __init__(
        self,
        issuer: str | None,
        extra_aliases: dict[str, list[Alias]] | None = None,
        *,
        doc_number: str | None = None,
        masthead: str | None = None,
        date: str | None = None,
    ):
        self.date = date  # the notice's date, ISO: names of divisions gone since settle by it
        self.issuing, self.issuing_from = self._issuing(issuer, masthead, doc_number)
        self.region = self._region(self.issuing)
        self.aliases = dict(_builtin_aliases())
        for key, values in (extra_aliases or {}).items():
            self.aliases[key] = values + self.aliases.get(key, [])  # the user's come first

    @classmethod
    def for_notice(cls, notice, aliases: dict[str, list[Alias]] | None = None) -> UnitParser:
        """The parser for a Notice: its issuer, masthead (发文机关标志), 文号 and date."""
        return cls(
            notice.issuer,
            aliases,
            doc_number=notice.doc_number,
            masthead=notice.masthead,
            date=notice.date,
        )

    def _issuing(self, issuer, masthead, doc_number):
        """The issuing division and where it was read: the issuer's name, else the
        masthead's (an organ's name says what an abbreviation only suggests), else the
        文号's prefix (沪市监 -> 上海市, 沪浦… -> 浦东新区; see gazetteer.from_doc_number)."""
        for source, text in (("issuer", issuer), ("masthead", masthead)):
            if text:
                found = gazetteer.locate(_first_organ(text), self.date)
                if found is not None:
                    return found, source
        if doc_number:
            found = gazetteer.from_doc_number(doc_number, on=self.date)
            if found is not None:
                return found, "doc_number"
        return None, None

    @staticmethod
    def _region(issuing):
        """The province or city of the issuing division (a county's city)."""
        if issuing is None or issuing.level != "county":
            return issuing
        return gazetteer.parent(issuing)

    def _region_names(self) -> dict[str, str]:
        if self.region is None:
            return {}
        province = gazetteer.province_name(self.region.province_code) or ""
        city = self.region.name if self.region.level == "city" else province
        return {"province": province, "city": city}

    def _expand(self, name: str, district: str | None, city: str | None = None):
        names = self._region_names()
        if city:
            names["city"] = city
        for alias in self.aliases.get(name, []):
            if alias.region and alias.region not in (names.get("province"), names.get("city")):
                continue
            values = {**names, "district": district or ""}
            needed = re.findall(r"{(\w+)}", alias.full_name)
            if all(values.get(k) for k in needed):
                return alias.full_name.format(**values), True
        return name.replace("市场监管局", "市场监督管理局"), False

    def _relative(self, name: str):
        """(district, the name of the division the first character stands for) of a name
        relative to the issuer (区卫健委, 市局…), or None."""
        level, issuing = _relative_level(name), self.issuing
        if level is None or issuing is None:
            return None
        if issuing.level == "county":
            suffix = issuing.name[-1]
            if level == suffix and level in "区县旗市":
                return issuing, issuing.name  # 义乌市's 市局 is 义乌市's own
            if level == "市" and self.region is not None:
                return None, self._region_names()["city"]
        elif level == "市" and self.region is not None:
            return None, self._region_names()["city"]
        return None

    def parse(self, cell: str) -> list[Unit]:
        units = []
        role = None
        for line in (cell or "").split("\n"):
            m = _ROLE.match(line.strip())
            if m:
                role, line = m.group("role"), m.group("rest")
            for name in _split(line):
                name = name.strip(" 。")
                if not name:
                    continue
                units.append(self._unit(name, role))
        return units

    def _unit(self, name: str, role: str | None) -> Unit:
        district = gazetteer.find_district(name, self.region, self.date)
        relative = None if district is not None else self._relative(name)
        if relative is not None:
            district, above = relative
            city = above if district else None
            full_name, from_alias = self._expand(name, above, city)
            if not from_alias:  # 区局执法大队: 区局 expanded, then the rest
                head = max((k for k in self.aliases if name.startswith(k)), key=len, default="")
                if len(head) > 1:
                    full_head, from_alias = self._expand(head, above, city)
                    full_name = full_head + full_name[len(head) :] if from_alias else full_name
            if not from_alias:
                full_name = above + full_name[1:]  # 区卫健委 -> 浦东新区卫健委
        else:
            printed = district.former_name or district.name if district else None
            full_name, from_alias = self._expand(name, printed)
            if district is None:
                district = gazetteer.find_district(full_name, self.region, self.date)
        if district is not None:
            printed = district.former_name or district.name
            if full_name.startswith(printed):
                full_name = gazetteer.parent_name(district) + full_name  # 上海市浦东新区…
        return Unit(
            name=name,
            full_name=full_name,
            role=role,
            district=district.name if district else None,
            adcode=district.adcode if district else None,
            alias=from_alias,
        )


def _split(line: str) -> list[str]:
    """Names separated by 、，； outside brackets: 各县（市、区） is one name."""
    names, depth, start = [], 0, 0
    for i, ch in enumerate(line):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in _SEPARATORS and depth == 0:
            names.append(line[start:i])
            start = i + 1
    names.append(line[start:])
    return names


def _relative_level(name: str) -> str | None:
    """The level character a name relative to the issuer starts with (区 of 区卫健委), or
    None: 市场监管局, 区县市场监管局, 市级部门, 各区… are not."""
    if len(name) < 2 or name[0] not in _LEVELS or name.startswith("市场"):
        return None
    rest = name[1:]
    if rest[0] in _NOT_AN_ORGAN_NEXT and not rest.startswith("市场"):
        return None  # 市市场监管局 is 市 + 市场监管局
    return name[0] if _ORGAN_END.search(name) else None


def _first_organ(text: str) -> str:
    """The first organ of a joint issuer or masthead ("上海市市场监督管理局 上海市卫生健康
    委员会文件" -> 上海市市场监督管理局)."""
    first = next((p for p in re.split(r"[\s、，,]+", text) if p), "")
    return first.removesuffix("文件")
