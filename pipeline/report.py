"""The archive report: one HTML page of what OUTDIR holds, in Chinese.

``notice-pipeline report OUTDIR`` writes OUTDIR/report.html from ``read_dataset(OUTDIR)``
and OUTDIR/manifest.jsonl. The page is self-contained: inline CSS and SVG, no scripts,
nothing fetched (a Content-Security-Policy says so to the browser); links go to the
NAME.json outputs beside it, relative to the page.

What is counted:

- notices, not files: the files of one ``notice_id`` (a .docx and the .pdf printed
  from it) are one notice, by issuer, by 文种 and by month of its date; a notice's
  issuer, 文种 and date are the first known among its files;
- activities, the rows of the notices' tables, counted once per notice: of the files of
  one notice only the one with the most rows is read (ties: docx, txt, pdf, other
  formats, then output name), so a notice converted from three files counts its rows
  once;
- per district: a row counts once for each district its responsible units are in,
  named with its city from the adcode ("普陀区（上海市）", see ``gazetteer``);
- per week: a row counts in the week (Monday to Sunday) its time value starts; every
  week from the first to the last is shown, weeks without activity as zero;
- the failures (failed, unsupported) and the warnings of every input of the manifest.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
from functools import cache
from urllib.parse import quote

from . import __version__, storage

TITLE = "通知档案报告"
FONTS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
    '"WenQuanYi Micro Hei", sans-serif'
)
STYLE = (
    f"body{{font-family:{FONTS};max-width:960px;margin:1.5em auto;padding:0 12px;"
    "color:#222;line-height:1.5}"
    "h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.2em;margin:1.6em 0 .4em;"
    "border-bottom:1px solid #ddd}"
    ".meta{color:#555}.note{color:#666;font-size:.9em}"
    "table{border-collapse:collapse;width:100%;font-size:.9em}"
    "th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}"
    "th{background:#f4f4f4}td.n{text-align:right}td.nw{white-space:nowrap}"
    "svg text{font-family:inherit}.bar{fill:#c0392b}.axis{stroke:#999}"
)
# Nothing may run or be fetched; inline styles only.
POLICY = "default-src 'none'; style-src 'unsafe-inline'"
MAX_BARS = 40  # a category chart shows this many, then says how many more
FORMAT_RANK = {"docx": 0, "txt": 1, "pdf": 2}
STATUS = {"ok": "已转换", "skipped": "未变（跳过）", "failed": "失败", "unsupported": "不支持"}
UNKNOWN = "（未识别）"


def _e(value) -> str:
    return html.escape(str(value))


def _as_list(value) -> list:
    """A list cell as a list, whatever the dataset's format gave (list, array, JSON, null)."""
    if value is None:
        return []
    if isinstance(value, str):
        return json.loads(value) if value.startswith("[") else ([value] if value else [])
    if isinstance(value, float) and math.isnan(value):
        return []
    return list(value)


def _text(value) -> str:
    """A cell's text; "" for null, NaN and NaT."""
    if value is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


# ------------------------------------------------------------------ charts (inline SVG)


def _bars(counts: list[tuple[str, int]], unit: str) -> str:
    """Horizontal bars, one per label, the largest first as given."""
    if not counts:
        return '<p class="note">无数据。</p>'
    shown, rest = counts[:MAX_BARS], counts[MAX_BARS:]
    top = max(n for _, n in shown)
    label_width, bar_width = 280, 560
    rows = []
    for k, (label, n) in enumerate(shown):
        width = bar_width * n / top
        y = 22 * k + 4
        short = label if len(label) <= 20 else label[:19] + "…"
        rows.append(
            f"<g><title>{_e(label)}：{n} {unit}</title>"
            f'<text x="{label_width - 8}" y="{y + 13}" text-anchor="end">{_e(short)}</text>'
            f'<rect class="bar" x="{label_width}" y="{y}" width="{width:.1f}" height="16"/>'
            f'<text x="{label_width + width + 4:.1f}" y="{y + 13}">{n}</text></g>'
        )
    height = 22 * len(shown) + 8
    svg = (
        f'<svg width="{label_width + bar_width + 60}" height="{height}" font-size="13" '
        f'role="img">{"".join(rows)}</svg>'
    )
    if rest:
        more = sum(n for _, n in rest)
        svg += f'<p class="note">另有 {len(rest)} 项（共 {more} {unit}）未列出。</p>'
    return svg


def _columns(counts: list[tuple[str, str, int]], unit: str) -> str:
    """Vertical columns on a time axis: (tick label, full label, count) in order."""
    if not counts:
        return '<p class="note">无数据。</p>'
    left, top_margin, bottom = 40, 22, 30
    step = min(860 / len(counts), 48)  # few columns stay narrow
    plot_w, plot_h = step * len(counts), 170
    width, height = left + plot_w + 10, top_margin + plot_h + bottom
    every = max(1, math.ceil(78 / step))  # a tick label every so many columns
    top = max(n for _, _, n in counts) or 1
    base = top_margin + plot_h  # the x axis
    parts = [
        f'<line class="axis" x1="{left}" y1="{base}" x2="{left + plot_w:.1f}" y2="{base}"/>',
        f'<line class="axis" x1="{left}" y1="{top_margin}" x2="{left + plot_w:.1f}" '
        f'y2="{top_margin}" stroke-dasharray="2 3"/>',
        f'<text x="{left - 4}" y="{top_margin + 4}" text-anchor="end">{top}</text>',
        f'<text x="{left - 4}" y="{base}" text-anchor="end">0</text>',
    ]
    for k, (tick, label, n) in enumerate(counts):
        x = left + k * step
        h = plot_h * n / top
        parts.append(
            f"<g><title>{_e(label)}：{n} {unit}</title>"
            f'<rect class="bar" x="{x + step * 0.1:.1f}" y="{base - h:.1f}" '
            f'width="{max(step * 0.8, 1):.1f}" height="{h:.1f}"/>'
            + (
                f'<text x="{x + step / 2:.1f}" y="{base - h - 4:.1f}" text-anchor="middle" '
                f'font-size="11">{n}</text>'
                if n and step >= 18
                else ""
            )
            + "</g>"
        )
        if k % every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{base + 16}" text-anchor="middle" '
                f'font-size="11">{_e(tick)}</text>'
            )
    return (
        f'<svg width="{width}" height="{height}" font-size="12" role="img">{"".join(parts)}</svg>'
    )


def _table(header: list[str], rows: list[list[str]], classes: dict[int, str] | None = None) -> str:
    """A table of already escaped cells; ``classes`` styles columns ("n": a number)."""
    classes = classes or {}
    head = "".join(f"<th>{h}</th>" for h in header)
    cell = [f'<td class="{classes[k]}">' if k in classes else "<td>" for k in range(len(header))]
    body = "".join(
        "<tr>" + "".join(f"{cell[k]}{c}</td>" for k, c in enumerate(r)) + "</tr>" for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _link(output: str, label: str | None = None) -> str:
    href = quote(f"{output}.json")
    return f'<a href="{_e(href)}">{_e(label or output + ".json")}</a>'


# ------------------------------------------------------------------ what is counted


def _manifest(outdir: str) -> list[dict]:
    from .batch import read_manifest

    return sorted(read_manifest(outdir), key=lambda e: str(e.get("path") or ""))


def _documents(docs, manifest: list[dict]) -> list[dict]:
    """The dataset's documents as dicts, each with its notice_id and format."""
    from .identity import notice_id

    by_output = {e.get("output"): e for e in manifest}
    records = []
    for record in docs.to_dict("records"):
        entry = by_output.get(record.get("output"), {})
        date = record.get("date")
        record["date"] = None if not _text(date) else date
        if not _text(record.get("notice_id")):  # a dataset written before notice_id
            record["notice_id"] = notice_id(
                _text(record.get("issuer")),
                _text(record.get("doc_number")),
                _text(record.get("title")),
                f"{record['date']:%Y-%m-%d}" if record["date"] is not None else None,
                entry.get("sha256") or record.get("output"),
            )
        if not _text(record.get("format")):
            record["format"] = (
                entry.get("format") or str(record.get("source", "")).rpartition(".")[2].lower()
            )
        records.append(record)
    return records


def _notices(documents: list[dict]) -> list[dict]:
    """One dict per notice: its files (the one read for rows first), issuer, 文种, date."""
    files: dict[str, list[dict]] = {}
    for d in documents:
        files.setdefault(d["notice_id"], []).append(d)
    notices = []
    for nid, group in files.items():
        group.sort(
            key=lambda d: (
                -int(d.get("rows") or 0),
                FORMAT_RANK.get(d["format"], len(FORMAT_RANK)),
                str(d["output"]),
            )
        )

        def first(key, group=group):
            return next((d[key] for d in group if _text(d.get(key))), None)

        notices.append(
            {
                "notice_id": nid,
                "files": group,
                "title": first("title"),
                "issuer": first("issuer"),
                "doc_type": first("doc_type"),
                "doc_number": first("doc_number"),
                "date": first("date"),
            }
        )

    def newest_first(n):
        return (n["date"] is None, -n["date"].value if n["date"] is not None else 0, n["notice_id"])

    notices.sort(key=newest_first)
    return notices


def _activity_rows(rows, notices: list[dict]):
    """The rows of the file read for each notice, with ``districts``, ``adcodes``, ``start``."""
    import pandas as pd

    read = {n["files"][0]["output"] for n in notices}
    rows = rows[rows["output"].isin(read)] if len(rows) else rows
    if "districts" in rows.columns:  # the dataset's canonical columns
        districts = rows["districts"].map(_as_list)
    else:  # a dataset written before them: gather the columns' own
        columns = [c for c in rows.columns if c.endswith(".districts")]
        districts = rows.apply(
            lambda r: sorted({d for c in columns for d in _as_list(r[c])}), axis=1
        )
    adcodes = rows["adcodes"].map(_as_list) if "adcodes" in rows.columns else None
    if "start" in rows.columns:
        starts = pd.to_datetime(rows["start"], errors="coerce")
    else:
        columns = [c for c in rows.columns if c.endswith(".start")]
        starts = rows[columns].min(axis=1) if columns else pd.Series(pd.NaT, index=rows.index)
    no_codes = [[]] * len(rows)
    return [
        {"districts": list(d), "adcodes": list(c), "start": None if pd.isna(t) else t}
        for d, c, t in zip(
            districts.tolist() if len(rows) else [],
            adcodes.tolist() if adcodes is not None else no_codes,
            starts.tolist(),
            strict=True,
        )
    ]


@cache
def _named(adcode: str) -> tuple[str, str] | None:
    """(the district's name, "name（city）") of an adcode; None for a code not in the table."""
    from .gazetteer import divisions, parent_name

    division = _divisions_by_code(divisions()).get(adcode)
    if division is None:
        return None
    parent = parent_name(division)
    return division.name, f"{division.name}（{parent}）" if parent else division.name


@cache
def _divisions_by_code(divisions: tuple) -> dict:
    return {d.adcode: d for d in divisions}


def district_labels(districts: list[str], adcodes: list[str]) -> list[str]:
    """ "普陀区（上海市）" for each district of a row, once each; the city from the adcode.

    A district without a known adcode is given by its name alone.
    """
    labels, named = set(), set()
    for code in adcodes:
        found = _named(str(code))
        if found:
            named.add(found[0])
            labels.add(found[1])
    labels.update(d for d in districts if d and d not in named)
    return sorted(labels)


def per_district(activities: list[dict]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for a in activities:
        for label in a["labels"]:
            counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def per_week(activities: list[dict]) -> list[tuple[str, int]]:
    """(Monday of the week, count) for every week from the first to the last, zeros too."""
    import pandas as pd

    weeks = pd.Series([a["start"] for a in activities if a["start"] is not None], dtype=object)
    if weeks.empty:
        return []
    periods = pd.to_datetime(weeks).dt.to_period("W-SUN")
    counted = periods.value_counts()
    axis = pd.period_range(periods.min(), periods.max(), freq="W-SUN")
    return [(f"{p.start_time:%Y-%m-%d}", int(counted.get(p, 0))) for p in axis]


def per_month(notices: list[dict]) -> list[tuple[str, int]]:
    """(YYYY-MM, notices dated in it) for every month from the first to the last."""
    import pandas as pd

    dates = [n["date"] for n in notices if n["date"] is not None]
    if not dates:
        return []
    periods = pd.Series(pd.to_datetime(dates)).dt.to_period("M")
    counted = periods.value_counts()
    axis = pd.period_range(periods.min(), periods.max(), freq="M")
    return [(f"{p.start_time:%Y-%m}", int(counted.get(p, 0))) for p in axis]


def _by(notices: list[dict], key: str) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for n in notices:
        label = _text(n[key]) or UNKNOWN
        counts[label] = counts.get(label, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def problems(outdir: str, manifest: list[dict]) -> list[dict]:
    """The failures and warnings of the manifest: input, status, code, message, output."""
    found = []
    for entry in manifest:
        status = entry.get("status")
        if status in ("failed", "unsupported"):
            error = entry.get("error") or {}
            found.append(
                {
                    "path": entry.get("path"),
                    "status": status,
                    "code": error.get("type") or "",
                    "message": error.get("message") or "",
                    "output": None,
                }
            )
            continue
        codes = entry.get("warning_codes") or {}
        if not codes and entry.get("warnings"):
            codes = {"warning": entry["warnings"]}  # a manifest line without codes
        if not codes:
            continue
        messages = _warning_messages(outdir, entry.get("output"))
        for code, count in codes.items():
            said = (messages or {}).get(code, [])
            message = said[0] if said else ""
            if count > 1 and message:
                message += f"（等 {count} 条）"
            found.append(
                {
                    "path": entry.get("path"),
                    "status": status,
                    "code": f"{code} ×{count}" if count > 1 else code,
                    "message": message,
                    "output": entry.get("output") if messages is not None else None,
                }
            )
    return found


def _warning_messages(outdir: str, output: str | None) -> dict[str, list[str]] | None:
    """The messages of an output's warnings by code; None when there is no output to read."""
    from .dataset import load_output

    if not output:
        return None
    try:
        doc = load_output(outdir, output)
    except (OSError, ValueError, TypeError):  # unreadable, not JSON, not a notice
        return None
    messages: dict[str, list[str]] = {}
    for w in doc.warnings:
        messages.setdefault(w.code, []).append(w.message)
    return messages


# ------------------------------------------------------------------ the page


def render(outdir: str, now: dt.datetime | None = None) -> str:
    """The report's HTML."""
    from .dataset import read_dataset

    outdir = str(outdir)
    data = read_dataset(outdir)
    manifest = _manifest(outdir)
    documents = _documents(data.documents, manifest)
    notices = _notices(documents)
    activities = _activity_rows(data.rows, notices)
    for a in activities:
        a["labels"] = district_labels(a["districts"], a["adcodes"])
    now = now or dt.datetime.now().astimezone()

    statuses = {s: sum(e.get("status") == s for e in manifest) for s in STATUS}
    inputs = ", ".join(f"{STATUS[s]} {n}" for s, n in statuses.items() if n)
    converted = _latest(e.get("converted_at") for e in manifest)
    header = [
        f"<h1>{TITLE}</h1>",
        f'<p class="lead"><b>{len(notices)} 份通知</b>（{len(documents)} 个文件），'
        f"<b>{len(activities)} 项活动</b>（表格行，同一通知的多个文件只计一次）。</p>",
        f'<p class="meta">清单共 {len(manifest)} 个输入'
        + (f"：{_e(inputs)}" if inputs else "")
        + "。"
        + (f"最近一次转换于 {converted:%Y-%m-%d %H:%M}{_offset(converted)}。" if converted else "")
        + "</p>",
        f'<p class="meta">报告生成于 {now:%Y-%m-%d %H:%M}{_offset(now)}，'
        f"notice-pipeline {_e(__version__)}。</p>",
    ]

    months = per_month(notices)
    undated = sum(n["date"] is None for n in notices)
    weeks = per_week(activities)
    without_start = sum(a["start"] is None for a in activities)
    districts = per_district(activities)
    without_district = sum(not a["labels"] for a in activities)
    week_note = ""
    if weeks:
        busiest = max(weeks, key=lambda w: w[1])
        empty = sum(n == 0 for _, n in weeks)
        week_note = (
            f'<p class="note">{weeks[0][0]} 起的一周至 {weeks[-1][0]} 起的一周，'
            f"共 {len(weeks)} 周，"
            f"其中 {empty} 周无活动；活动最多的是 {busiest[0]} 起的一周（{busiest[1]} 项）。</p>"
        )
    sections = [
        "<h2>各发文机关的通知数</h2>",
        _bars(_by(notices, "issuer"), "份"),
        "<h2>各文种的通知数</h2>",
        _bars(_by(notices, "doc_type"), "份"),
        "<h2>每月通知数（按成文日期）</h2>",
        _columns([(m, m, n) for m, n in months], "份"),
        f'<p class="note">另有 {undated} 份通知日期不详。</p>' if undated else "",
        "<h2>各区活动数（按负责单位所在区）</h2>",
        _bars(districts, "项"),
        f'<p class="note">另有 {without_district} 项活动未识别出所在区。</p>'
        if without_district
        else "",
        "<h2>每周活动数（按活动开始日期）</h2>",
        _columns([(w, f"{w} 起的一周", n) for w, n in weeks], "项"),
        week_note,
        f'<p class="note">另有 {without_start} 项活动无可识别的开始日期。</p>'
        if without_start
        else "",
        "<h2>通知列表</h2>",
        _notice_table(notices),
        "<h2>失败与警告</h2>",
        _problem_table(problems(outdir, manifest)),
    ]
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{TITLE}</title><style>{STYLE}</style></head><body>"
        + "".join(header)
        + "".join(sections)
        + "</body></html>\n"
    )


def _latest(times) -> dt.datetime | None:
    """The latest of ISO times (a time without its zone is taken as UTC); None if none."""
    parsed = []
    for text in times:
        if not text:
            continue
        try:
            time = dt.datetime.fromisoformat(str(text))
        except ValueError:
            continue
        parsed.append(time if time.tzinfo else time.replace(tzinfo=dt.UTC))
    return max(parsed, default=None)


def _offset(now: dt.datetime) -> str:
    """ "（UTC+08:00）", or nothing for a time without its zone."""
    z = now.strftime("%z")
    return f"（UTC{z[:3]}:{z[3:5]}）" if z else ""


def _notice_table(notices: list[dict]) -> str:
    if not notices:
        return '<p class="note">档案中还没有转换成功的通知。</p>'
    rows = []
    for n in notices:
        files = "<br>".join(
            _link(f["output"], storage.name_of(str(f.get("source") or f["output"])) + ".json")
            for f in sorted(n["files"], key=lambda f: str(f["output"]))
        )
        rows.append(
            [
                _e(f"{n['date']:%Y-%m-%d}") if n["date"] is not None else "",
                _e(_text(n["title"]) or "（无标题）"),
                _e(_text(n["issuer"])),
                _e(_text(n["doc_number"])),
                _e(_text(n["doc_type"])),
                str(int(n["files"][0].get("rows") or 0)),
                files,
            ]
        )
    header = ["日期", "标题", "发文机关", "文号", "文种", "活动数", "文件"]
    return _table(header, rows, {0: "nw", 4: "nw", 5: "n", 6: "nw"})


def _problem_table(found: list[dict]) -> str:
    if not found:
        return '<p class="note">没有失败，也没有警告。</p>'
    rows = [
        [
            _e(p["path"] or ""),
            _e(STATUS.get(p["status"], p["status"] or "")),
            _e(p["code"]),
            _e(p["message"]),
            _link(p["output"]) if p["output"] else "—",
        ]
        for p in found
    ]
    return _table(["输入", "状态", "代码", "信息", "输出"], rows, {1: "nw", 2: "nw"})


def build_report(outdir: str, now: dt.datetime | None = None) -> str:
    """Write OUTDIR/report.html; return its location."""
    page = render(outdir, now)
    location = storage.join(str(outdir), "report.html")
    storage.write_atomic(location, page.encode("utf-8"))
    return location
