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
gazetteer, settled by the issuer's region.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import cache

from . import gazetteer

ROLES = "主办|承办|协办|牵头|配合|参与|支持|指导|责任|负责"
_ROLE = re.compile(rf"^(?P<role>{ROLES})(?:单位|部门)?\s*[：:]\s*(?P<rest>.*)$")
_SPLIT = re.compile(r"[、，,；;\n]+")


@dataclass
class Unit:
    name: str  # as printed
    full_name: str
    role: str | None = None
    district: str | None = None
    adcode: str | None = None
    alias: bool = False  # full_name came from the alias table


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
    """Parses unit cells for one notice (its issuer's region settles names)."""

    def __init__(self, issuer: str | None, extra_aliases: dict[str, list[Alias]] | None = None):
        self.region = gazetteer.region_of(issuer or "")
        self.aliases = dict(_builtin_aliases())
        for key, values in (extra_aliases or {}).items():
            self.aliases[key] = values + self.aliases.get(key, [])  # the user's come first

    def _region_names(self) -> dict[str, str]:
        if self.region is None:
            return {}
        province = gazetteer.province_name(self.region.province_code) or ""
        city = self.region.name if self.region.level == "city" else province
        return {"province": province, "city": city}

    def _expand(self, name: str, district: str | None) -> tuple[str, bool]:
        names = self._region_names()
        for alias in self.aliases.get(name, []):
            if alias.region and alias.region not in (names.get("province"), names.get("city")):
                continue
            values = {**names, "district": district or ""}
            needed = re.findall(r"{(\w+)}", alias.full_name)
            if all(values.get(k) for k in needed):
                return alias.full_name.format(**values), True
        return name.replace("市场监管局", "市场监督管理局"), False

    def parse(self, cell: str) -> list[Unit]:
        units = []
        role = None
        for line in (cell or "").split("\n"):
            m = _ROLE.match(line.strip())
            if m:
                role, line = m.group("role"), m.group("rest")
            for name in _SPLIT.split(line):
                name = name.strip(" 。")
                if not name:
                    continue
                district = gazetteer.find_district(name, self.region)
                full_name, from_alias = self._expand(name, district.name if district else None)
                if district is None:
                    district = gazetteer.find_district(full_name, self.region)
                if district is not None and full_name.startswith(district.name):
                    full_name = gazetteer.parent_name(district) + full_name  # 上海市浦东新区…
                units.append(
                    Unit(
                        name=name,
                        full_name=full_name,
                        role=role,
                        district=district.name if district else None,
                        adcode=district.adcode if district else None,
                        alias=from_alias,
                    )
                )
        return units
