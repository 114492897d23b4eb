"""A one-page HTML report of a run's dataset: activities per district and per week.

``notice-pipeline report OUTDIR`` writes OUTDIR/report.html, self-contained (inline
SVG bars, no scripts), from ``read_dataset(OUTDIR)``: the rows of every table with a
responsible-unit column count once per district their units are in, and once in the
week their time value starts.
"""

from __future__ import annotations

import html

from . import storage


def _bars(title: str, counts: list[tuple[str, int]]) -> str:
    if not counts:
        return f"<h2>{html.escape(title)}</h2><p>No data.</p>"
    top = max(n for _, n in counts)
    height = 22 * len(counts) + 10
    rows = []
    for k, (label, n) in enumerate(counts):
        width = 360 * n / top
        y = 22 * k + 5
        rows.append(
            f'<text x="150" y="{y + 14}" text-anchor="end">{html.escape(label)}</text>'
            f'<rect x="158" y="{y}" width="{width:.1f}" height="16" fill="#c0392b"/>'
            f'<text x="{162 + width:.1f}" y="{y + 13}">{n}</text>'
        )
    return (
        f"<h2>{html.escape(title)}</h2>"
        f'<svg width="600" height="{height}" font-size="13" role="img">{"".join(rows)}</svg>'
    )


def build_report(outdir: str) -> str:
    """Write OUTDIR/report.html; return its location."""
    from .dataset import read_dataset

    data = read_dataset(outdir)
    rows = data.rows
    districts: list[tuple[str, int]] = []
    district_columns = [c for c in rows.columns if c.endswith(".districts")]
    if district_columns:
        per_row = rows[district_columns].apply(
            lambda r: sorted({d for cell in r if isinstance(cell, list) for d in cell}), axis=1
        )
        counted = per_row.explode().dropna().value_counts()
        districts = [(str(k), int(v)) for k, v in counted.items()]
    weeks: list[tuple[str, int]] = []
    start_columns = [c for c in rows.columns if c.endswith(".start")]
    if start_columns:
        starts = rows[start_columns].min(axis=1).dropna()
        week = starts.dt.to_period("W-SUN").map(lambda p: f"{p.start_time:%Y-%m-%d} 起的一周")
        weeks = [(str(k), int(v)) for k, v in week.value_counts().sort_index().items()]
    docs = data.documents
    listing = "".join(
        f"<li>{html.escape(str(t or '（无标题）'))} — {html.escape(str(i or ''))}, {int(n)} 行</li>"
        for t, i, n in zip(docs["title"], docs["issuer"], docs["rows"], strict=True)
    )
    page = (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8">'
        "<title>notice-pipeline report</title>"
        "<style>body{font-family:sans-serif;max-width:760px;margin:2em auto}</style></head><body>"
        f"<h1>{len(docs)} 份通知，{len(rows)} 行表格</h1><ul>{listing}</ul>"
        f"{_bars('各区活动数（按负责单位所在区）', districts)}"
        f"{_bars('每周活动数（按活动开始日期）', weeks)}"
        "</body></html>"
    )
    location = storage.join(str(outdir), "report.html")
    storage.write_atomic(location, page.encode("utf-8"))
    return location
