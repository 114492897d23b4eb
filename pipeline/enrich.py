"""Normalised fields next to the raw values: times, units and districts, topics.

Raw cells are never changed: each table gets ``times`` (one entry per non-blank cell
of a time column), ``units`` (per cell of a responsible-unit column) and, when
asked, ``topics`` (per row); the notice gets ``deadlines`` read from its body.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

from .model import Notice, ParseWarning, Section
from .tables import is_responsible_column
from .times import find_deadlines, is_time_column, parse_time


def _body_text(notice: Notice) -> str:
    parts = [notice.preamble]

    def walk(sections: list[Section]) -> None:
        for s in sections:
            parts.extend([s.heading, s.text])
            walk(s.children)

    walk(notice.sections)
    return "\n".join(p for p in parts if p)


def enrich(
    notice: Notice, *, topics: bool = False, aliases=None, categories=None, fill_rules=None
) -> None:
    """Add the normalised fields to ``notice`` in place. Units are read in the columns
    ``fill_rules`` (the built-in rules when None) take for responsible-unit columns."""
    reference = dt.date.fromisoformat(notice.date) if notice.date else None
    notice.deadlines = find_deadlines(_body_text(notice), reference)
    parser = None
    rules = None
    for table in notice.tables:
        unparsed = []
        time_cols = [c for c, name in enumerate(table.header) if is_time_column(name)]
        unit_cols = [
            c for c, name in enumerate(table.header) if is_responsible_column(name, fill_rules)
        ]
        for c in time_cols:
            for r, row in enumerate(table.rows, start=1):
                value = parse_time(row[c], reference)
                if value.kind is None:
                    continue
                entry = {"row": r, "col": c + 1, "column": table.header[c], **asdict(value)}
                table.times.append(entry)
                if value.kind == "unparsed":
                    unparsed.append(row[c])
        if unparsed:
            shown = "、".join(sorted(set(unparsed))[:5])
            notice.warnings.append(
                ParseWarning(
                    "unparsed_times",
                    f"table {table.index}: {len(unparsed)} time values could not be read ({shown})",
                )
            )
        if unit_cols:
            if parser is None:
                from .units import UnitParser

                parser = UnitParser(notice.issuer, aliases)
            for c in unit_cols:
                for r, row in enumerate(table.rows, start=1):
                    units = parser.parse(row[c])
                    if units:
                        table.units.append(
                            {
                                "row": r,
                                "col": c + 1,
                                "column": table.header[c],
                                "units": [asdict(u) for u in units],
                            }
                        )
        if topics:
            from . import topics as topic_rules

            rules = rules or topic_rules.read_categories(categories)
            skip = set(time_cols) | set(unit_cols) | {0}
            for r, row in enumerate(table.rows, start=1):
                texts = [v for c, v in enumerate(row) if c not in skip and v]
                table.topics.append(
                    {
                        "row": r,
                        "keywords": topic_rules.keywords(" ".join(texts)),
                        "category": topic_rules.category(texts, rules),
                    }
                )
