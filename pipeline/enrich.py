"""Normalised fields next to the raw values: times, units and districts, topics.

Raw cells are never changed: each table gets ``times`` (one entry per non-blank cell
of a time column), ``units`` (per cell of a responsible-unit column) and, when
asked, ``topics`` (per row); the notice gets ``deadlines`` read from its body.

A time that names no year takes it from the notice's 成文日期; a notice without one
lends a year alone (:func:`time_reference`), and a ``time_year_inferred`` warning says
which and from where whenever a value used it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from .model import CellTime, CellUnits, Notice, ParseWarning, RowTopics
from .tables import is_responsible_column
from .text import cn_to_int
from .times import find_deadlines, is_time_column, parse_time
from .vocab import CN_ONE_TO_TEN, CN_YEAR_DIGITS, DOC_NUMBER_YEAR

# A year named with 年 (2024年, 二〇二四年), not inside a longer number
_YEAR_WORD = rf"(?<![\d{CN_YEAR_DIGITS}])(\d{{4}}|[{CN_YEAR_DIGITS}]{{4}})\s*年"
# A date or a month written in the body: 2024年5月(20日), 二〇二四年五月, 2024.5.20, 2024-05-20
_BODY_DATE = (
    rf"{_YEAR_WORD}\s*[0-9{CN_ONE_TO_TEN}]{{1,2}}\s*月"
    r"|(?<!\d)(\d{4})([./-])\d{1,2}\3\d{1,2}(?!\d)"
)


def _year(text: str) -> int | None:
    year = cn_to_int(text)
    return year if year and 1900 <= year <= 2100 else None


def time_reference(notice: Notice) -> tuple[dt.date | int | None, str | None]:
    """What times that name no year are read against, and where it comes from.

    The 成文日期 (a date, ``"date"``). Without one, a year alone: the year of the 文号
    (``"doc_number"``: 沪市监计〔2024〕123号), else the first year the title names
    (``"title"``: 关于开展2024年…的通知), else the year most dates written in the body
    have (``"body"``; of equally many, the latest). (None, None) when there is none.
    """
    if notice.date:
        return dt.date.fromisoformat(notice.date), "date"
    # the year in a 文号's brackets: 沪市监计〔2024〕123号, 浙市监函【2024】8号, 苏保监发(2014)2号
    m = re.search(DOC_NUMBER_YEAR, notice.doc_number or "")
    if m and (year := _year(m.group(1))):
        return year, "doc_number"
    for m in re.finditer(_YEAR_WORD, notice.title or ""):
        if year := _year(m.group(1)):
            return year, "title"
    counts = Counter()
    for m in re.finditer(_BODY_DATE, notice.body_text()):
        if year := _year(m.group(1) or m.group(2)):
            counts[year] += 1
    if counts:
        return max(counts, key=lambda y: (counts[y], y)), "body"
    return None, None


_REFERENCE_SOURCES = {
    "doc_number": "the year of its 文号",
    "title": "the year its title names",
    "body": "the year of most dates in its body",
}


def enrich(
    notice: Notice, *, topics: bool = False, aliases=None, categories=None, fill_rules=None
) -> None:
    """Add the normalised fields to ``notice`` in place. Units are read in the columns
    ``fill_rules`` (the built-in rules when None) take for responsible-unit columns."""
    reference, source = time_reference(notice)
    notice.deadlines = find_deadlines(notice.body_text(), reference)
    inferred = any(d.year_inferred for d in notice.deadlines)
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
                table.times.append(
                    CellTime(
                        r,
                        c + 1,
                        table.header[c],
                        value.raw,
                        value.kind,
                        value.start,
                        value.end,
                        value.dates,
                        value.year_inferred,
                    )
                )
                inferred = inferred or value.year_inferred
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

                parser = UnitParser.for_notice(notice, aliases)
            for c in unit_cols:
                for r, row in enumerate(table.rows, start=1):
                    units = parser.parse(row[c])
                    if units:
                        table.units.append(CellUnits(r, c + 1, table.header[c], units))
        if topics:
            from . import topics as topic_rules

            rules = rules or topic_rules.read_categories(categories)
            skip = set(time_cols) | set(unit_cols) | {0}
            for r, row in enumerate(table.rows, start=1):
                texts = [v for c, v in enumerate(row) if c not in skip and v]
                table.topics.append(
                    RowTopics(
                        r,
                        topic_rules.keywords(" ".join(texts)),
                        topic_rules.category(texts, rules),
                    )
                )
    if inferred and source in _REFERENCE_SOURCES:
        notice.warnings.append(
            ParseWarning(
                "time_year_inferred",
                f"no 成文日期: times that name no year are taken to be in {reference}, "
                f"{_REFERENCE_SOURCES[source]}",
            )
        )
