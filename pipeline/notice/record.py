"""版记: 抄送机关, 印发机关 and 印发日期, read from their lines wherever they stand."""

from __future__ import annotations

from ..text import parse_date, squash, tight
from . import patterns as P


def split_list(text: str) -> list[str]:
    """Split a list of organisations on "，"/","/"；" and on "、" between organs.

    A "、"-joined group stays whole when its later parts are not organs on their own
    ("市局执法总队、机场分局", "各保险公司浙江分公司、宁波分公司" share what comes
    before); it is split when each part names its organs ("各财产险公司省级分公司、
    各保险中介机构"). Nothing inside parentheses is split.
    """
    text = text.strip().rstrip("：:。.;；")
    out: list[str] = []
    for part in _split_outside_parentheses(text, "，,；;"):
        group = _split_outside_parentheses(part, "、")
        if len(group) > 1 and all(g.startswith("各") for g in group):
            out.extend(group)
        else:
            out.append(part)
    return out


def _split_outside_parentheses(text: str, separators: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += ch in "（(〔[【"
        depth -= ch in "）)〕]】"
        if ch in separators and depth <= 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def cc(lines: list[str]) -> list[str]:
    """抄送：A，B。 (its list may wrap onto a second line)."""
    organs: list[str] = []
    for line in lines:
        m = P.CC_RE.match(line.strip())
        organs.extend(split_list(m.group(1) if m else line))
    return organs


def printed(line: str | None) -> tuple[str | None, str | None, str | None]:
    """印发机关, 印发日期 (ISO) and the date as printed, from "X办公室  2024年5月29日印发"."""
    m = P.PRINTED_RE.match(line.strip()) if line else None
    if not m:
        return None, None, None
    found = parse_date(squash(m.group(2)))
    iso, raw = found if found else (None, None)
    return tight(m.group(1)), iso, raw  # one organ: no space in it is meaningful
