"""The archive report (pipeline/report.py): its counts, and the page in a real browser."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, SEED

from pipeline.model import Notice, ParseWarning, Source
from pipeline.report import build_report, district_labels, per_week, render

NOW = dt.datetime(2025, 1, 6, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))

# A fabricated archive in the dataset's format: notice A as a .docx and a .pdf (the same
# rows in both), notice B as a .txt, a failed .doc and an unsupported file.
A, B = "n0000000000000aaa", "n0000000000000bbb"
DOCUMENTS = [
    # source, output, notice_id, format, title, issuer, doc_type, date, rows, warnings
    ("in/a.docx", "a.docx", A, "docx", "关于开展计量宣传活动的通知", "上海市市场监督管理局",
     "通知", "2024-04-29", 2, 0),
    ("in/a.pdf", "a.pdf", A, "pdf", "关于开展计量宣传活动的通知", "", "", "2024-04-29", 2, 3),
    ("in/b.txt", "b.txt", B, "txt", "关于商请协助的函", "浙江省市场监督管理局", "函",
     "2024-06-03", 1, 0),
]  # fmt: skip
ROWS = [  # output, row, districts, adcodes, start
    ("a.docx", 1, ["普陀区"], ["310107000000"], "2024-05-06"),
    ("a.docx", 2, ["普陀区", "浦东新区"], ["310107000000", "310115000000"], "2024-05-27"),
    ("a.pdf", 1, ["普陀区"], ["310107000000"], "2024-05-06"),
    ("a.pdf", 2, ["普陀区", "浦东新区"], ["310107000000", "310115000000"], "2024-05-27"),
    ("b.txt", 1, ["普陀区"], ["330903000000"], "2024-06-10"),
]
MANIFEST = [
    {"path": "in/a.docx", "output": "a.docx", "status": "ok", "format": "docx",
     "notice_id": A, "warnings": 0, "warning_codes": {}},
    {"path": "in/a.pdf", "output": "a.pdf", "status": "ok", "format": "pdf", "notice_id": A,
     "warnings": 3, "warning_codes": {"pdf_no_issuer": 2, "pdf_font": 1},
     "converted_at": "2024-07-01T10:00:00+08:00"},
    {"path": "in/b.txt", "output": "b.txt", "status": "skipped", "format": "txt",
     "notice_id": B, "warnings": 0, "warning_codes": {}},
    {"path": "in/c.doc", "output": "c.doc", "status": "failed", "format": "doc",
     "error": {"type": "conversion_failed", "message": "in/c.doc: LibreOffice could not open it"}},
    {"path": "in/d.xyz", "output": "d.xyz", "status": "unsupported",
     "error": {"type": "unsupported_format", "message": "in/d.xyz: .xyz is not read"}},
]  # fmt: skip
PDF_WARNINGS = [
    {"code": "pdf_no_issuer", "message": "第 1 页没有发文机关"},
    {"code": "pdf_no_issuer", "message": "第 2 页没有发文机关"},
    {"code": "pdf_font", "message": "字体缺少 ToUnicode"},
]


def _frames(documents=DOCUMENTS, rows=ROWS):
    import pandas as pd

    docs = pd.DataFrame(
        columns=["source", "output", "notice_id", "format", "title", "issuer", "doc_type",
                 "doc_number", "date", "recipients", "attachments", "tables", "rows",
                 "warnings"],
        data=[
            {
                "source": s, "output": o, "notice_id": n, "format": f, "title": t, "issuer": i,
                "doc_type": k, "doc_number": "", "date": d, "recipients": [], "attachments": [],
                "tables": 1, "rows": r, "warnings": w,
            }
            for s, o, n, f, t, i, k, d, r, w in documents
        ]
    )  # fmt: skip
    notice = {o: n for _, o, n, *_ in documents}
    table_rows = pd.DataFrame(
        [
            {
                "source": f"in/{o}", "output": o, "table": 1, "row": k, "table_title": "",
                "table_unit": "", "attachment": "", "group": "", "notice_id": notice[o],
                "units": [f"{d}市场监督管理局" for d in ds], "districts": ds, "adcodes": cs,
                "start": start, "end": start, "filled": [],
            }
            for o, k, ds, cs, start in rows
        ],
        columns=["source", "output", "table", "row", "table_title", "table_unit", "attachment",
                 "group", "notice_id", "units", "districts", "adcodes", "start", "end",
                 "filled"],
    )  # fmt: skip
    return docs, table_rows


def fabricate(outdir: Path, fmt: str = "csv", manifest=MANIFEST, **frames) -> Path:
    """OUTDIR with a dataset written by hand (lists as JSON arrays in CSV) and a manifest."""
    folder = outdir / "dataset"
    folder.mkdir(parents=True)
    for name, frame in zip(("documents", "rows"), _frames(**frames), strict=True):
        if fmt == "parquet":
            frame.to_parquet(folder / f"{name}.parquet", index=False)
        else:
            frame = frame.copy()
            for column in ("recipients", "attachments", "units", "districts", "adcodes", "filled"):
                if column in frame:
                    frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False))
            frame.to_csv(folder / f"{name}.csv", index=False)
    lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in manifest)
    (outdir / "manifest.jsonl").write_text(lines, encoding="utf-8")
    (outdir / "a.pdf.json").write_text(
        Notice(
            source=Source(path="in/a.pdf", name="a.pdf", format="pdf", sha256="0" * 64, size=1),
            warnings=[ParseWarning(w["code"], w["message"]) for w in PDF_WARNINGS],
        ).to_json(),
        encoding="utf-8",
    )
    return outdir


def bar(page: str, label: str) -> int | None:
    """The count a chart gives ``label`` (from the bar's tooltip), None if it has no bar."""
    found = re.search(rf"<title>{re.escape(label)}：(\d+) [份项]</title>", page)
    return int(found.group(1)) if found else None


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_two_files_of_one_notice_count_once(tmp_path, fmt):
    page = render(fabricate(tmp_path / "out", fmt), NOW)
    assert "<b>2 份通知</b>（3 个文件），<b>3 项活动</b>" in page
    assert bar(page, "上海市市场监督管理局") == 1  # the .pdf without issuer takes the .docx's
    assert bar(page, "通知") == 1 and bar(page, "函") == 1
    assert bar(page, "2024-04") == 1 and bar(page, "2024-05") == 0 and bar(page, "2024-06") == 1
    # rows of notice A once (not once per file), each row once per district
    assert bar(page, "普陀区（上海市）") == 2
    assert bar(page, "浦东新区（上海市）") == 1
    assert bar(page, "普陀区（舟山市）") == 1  # the same name, told apart by its adcode
    assert "报告生成于 2025-01-06 09:30（UTC+08:00），notice-pipeline 0.1.0" in page
    assert "最近一次转换于 2024-07-01 10:00（UTC+08:00）" in page
    # the listing: one line per notice, a link to each file's JSON
    assert page.count('<a href="a.docx.json">a.docx.json</a>') == 1
    assert '<a href="a.pdf.json">a.pdf.json</a>' in page
    assert page.count("关于开展计量宣传活动的通知") == 1


def test_weeks_are_continuous(tmp_path):
    page = render(fabricate(tmp_path / "out"), NOW)
    weeks = [(w, bar(page, f"{w} 起的一周")) for w in ("2024-05-06", "2024-05-13", "2024-06-10")]
    assert weeks == [("2024-05-06", 1), ("2024-05-13", 0), ("2024-06-10", 1)]
    assert "2024-05-06 起的一周至 2024-06-10 起的一周，共 6 周，其中 3 周无活动" in page

    def row(start):
        return {"districts": [], "adcodes": [], "start": start}

    import pandas as pd

    activities = [row(pd.Timestamp(d)) for d in ("2024-12-31", "2025-01-19", "2025-01-20")]
    assert per_week([*activities, row(None)]) == [
        ("2024-12-30", 1), ("2025-01-06", 0), ("2025-01-13", 1), ("2025-01-20", 1)
    ]  # fmt: skip
    assert per_week([row(None)]) == []


def test_failures_and_warnings_are_listed(tmp_path):
    page = render(fabricate(tmp_path / "out"), NOW)
    assert "清单共 5 个输入：已转换 2, 未变（跳过） 1, 失败 1, 不支持 1。" in page
    table = page[page.index("<h2>失败与警告</h2>") :]
    assert (
        '<tr><td>in/c.doc</td><td class="nw">失败</td><td class="nw">conversion_failed</td>'
        "<td>in/c.doc: LibreOffice could not open it</td><td>—</td></tr>"
    ) in table
    assert '<td>in/d.xyz</td><td class="nw">不支持</td>' in table
    # warnings: each code with its count, its first message, and the output's link
    assert (
        "<td>pdf_no_issuer ×2</td><td>第 1 页没有发文机关（等 2 条）</td>"
        '<td><a href="a.pdf.json">a.pdf.json</a></td>'
    ) in table.replace(' class="nw"', "")
    assert "<td>pdf_font</td><td>字体缺少 ToUnicode</td>" in table.replace(' class="nw"', "")
    assert "in/a.docx" not in table and "in/b.txt" not in table


def test_an_empty_archive_and_an_archive_of_failures(tmp_path):
    empty = fabricate(tmp_path / "empty", documents=[], rows=[], manifest=[])
    page = render(empty, NOW)
    assert "<b>0 份通知</b>（0 个文件），<b>0 项活动</b>" in page
    assert "清单共 0 个输入。" in page and "没有失败，也没有警告。" in page
    assert page.count("无数据。") == 5
    failures = [e for e in MANIFEST if e["status"] in ("failed", "unsupported")]
    page = render(fabricate(tmp_path / "failed", documents=[], rows=[], manifest=failures), NOW)
    assert "<b>0 份通知</b>" in page and "档案中还没有转换成功的通知。" in page
    assert "in/c.doc: LibreOffice could not open it" in page and "in/d.xyz" in page


def test_a_real_archive_of_failures_only(tmp_path):
    """An encrypted PDF without its password: the run fails, the report says why."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    out = tmp_path / "out"
    encrypted = SAMPLES / "bad" / "encrypted_secret.pdf"
    assert CliRunner().invoke(cli, ["extract", str(encrypted), "-o", str(out)]).exit_code == 1
    page = Path(build_report(str(out))).read_text("utf-8")
    assert "<b>0 份通知</b>（0 个文件）" in page
    assert 'encrypted_secret.pdf</td><td class="nw">失败</td>' in page


@pytest.fixture(scope="module")
def archives(tmp_path_factory) -> dict[str, Path]:
    """Four samples (the seed, a letter, table_header as .docx and .pdf) extracted into an
    archive of each dataset format."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    inputs = [str(SEED), str(SAMPLES / "hz_gbk_crlf.txt")]
    inputs += [str(SAMPLES / f"table_header.{s}") for s in ("docx", "pdf")]
    folders = {}
    for fmt in ("csv", "parquet", "sqlite"):
        out = tmp_path_factory.mktemp(fmt) / "out"
        args = ["extract", *inputs, "-o", str(out), "-j", "1", "--dataset-format", fmt]
        assert CliRunner().invoke(cli, args).exit_code == 0
        folders[fmt] = out
    return folders


def test_the_same_report_from_csv_parquet_and_sqlite(archives):
    def page(fmt):  # without the time of the run
        return re.sub(r"最近一次转换于 [^。]*。", "", render(archives[fmt], NOW))

    csv = page("csv")
    assert (archives["sqlite"] / "dataset" / "notices.db").exists()
    assert (archives["parquet"] / "dataset" / "rows.parquet").exists()
    assert page("parquet") == csv and page("sqlite") == csv
    assert "<b>3 份通知</b>（4 个文件），<b>63 项活动</b>" in csv
    assert '<a href="table_header.docx.json">table_header.docx.json</a><br>' in csv


def test_a_dataset_written_before_notice_id_and_the_canonical_columns(archives, tmp_path):
    """No notice_id, format, units/districts/adcodes/start/end: the report finds the notices
    from what the documents say, and the districts and weeks in the columns' own values."""
    import pandas as pd

    from pipeline.dataset import read_dataset

    data = read_dataset(archives["csv"])
    old = tmp_path / "old"
    (old / "dataset").mkdir(parents=True)
    docs = data.documents.drop(columns=["notice_id", "format"])
    rows = data.rows.drop(columns=["notice_id", "units", "districts", "adcodes", "start", "end"])
    for name, frame in (("documents", docs), ("rows", rows)):
        frame = frame.copy()
        for column in frame.columns:
            if frame[column].map(lambda v: isinstance(v, list)).any():
                frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False))
            elif pd.api.types.is_datetime64_any_dtype(frame[column]):
                frame[column] = frame[column].dt.strftime("%Y-%m-%d")
        frame.to_csv(old / "dataset" / f"{name}.csv", index=False)
    shutil.copy(archives["csv"] / "manifest.jsonl", old / "manifest.jsonl")
    page = render(old, NOW)
    assert "<b>3 份通知</b>（4 个文件），<b>63 项活动</b>" in page
    assert bar(page, "崇明区") == 6  # the name alone: no adcodes in such a dataset
    assert bar(page, "2024-05-20 起的一周") == 22


def test_district_labels_name_the_city():
    assert district_labels(["普陀区"], ["310107000000"]) == ["普陀区（上海市）"]
    assert district_labels(["普陀区"], ["330903000000"]) == ["普陀区（舟山市）"]
    assert district_labels(["西湖区", "西湖区"], ["330106000000"]) == ["西湖区（杭州市）"]
    assert district_labels(["某某区"], []) == ["某某区"]  # no adcode: the name alone
    assert district_labels([], []) == []


def test_report_page(tmp_path):
    from click.testing import CliRunner

    from pipeline.cli import cli

    out = tmp_path / "out"
    gbk = ROOT / "samples" / "hz_gbk_crlf.txt"
    assert (
        CliRunner()
        .invoke(cli, ["extract", str(SEED), str(gbk), "-o", str(out), "-j", "1"])
        .exit_code
        == 0
    )
    result = CliRunner().invoke(cli, ["report", str(out)])
    assert result.exit_code == 0
    page = (out / "report.html").read_text("utf-8")
    assert "<b>2 份通知</b>（2 个文件），<b>59 项活动</b>" in page
    assert bar(page, "崇明区（上海市）") == 6  # 崇明区: rows 42-47
    assert bar(page, "2024-05-20 起的一周") == 22
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")
    result = CliRunner().invoke(cli, ["report", str(tmp_path / "nothing")])
    assert result.exit_code == 1 and "no dataset here. run extract first" in result.output


# ------------------------------------------------------------------ in a real browser


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


needs_chromium = pytest.mark.skipif(
    chromium() is None,
    reason="chromium is not installed (apt-get install chromium fonts-noto-cjk; .ci/run does)",
)


@pytest.fixture(scope="module")
def samples_report(tmp_path_factory) -> Path:
    """The report of the repository's samples, as `make report-shot` makes it."""
    out = tmp_path_factory.mktemp("report") / "out"
    inputs = [str(p) for s in ("*.txt", "*.docx", "*.pdf") for p in sorted(SAMPLES.glob(s))]
    extract = [sys.executable, "-m", "pipeline", "extract", *inputs, "-o", str(out), "-q"]
    subprocess.run(extract, cwd=ROOT, check=True, capture_output=True)
    return Path(build_report(str(out)))


class _Tags(HTMLParser):
    """The start tags of a page in order, and its text (no CSS, no SVG tooltips)."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self._current: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._current = tag

    def handle_endtag(self, tag):
        self._current = None

    def handle_data(self, data):
        tooltip = self._current == "title" and "svg" in self.tags
        if self._current != "style" and not tooltip:
            self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


@needs_chromium
def test_the_samples_report_renders_in_chromium(samples_report):
    source = samples_report.read_text("utf-8")
    result = subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
         "--v=0", "--dump-dom", samples_report.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    # the page logs nothing to its console: no script, no blocked fetch, no CSP violation
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    dom = _parse(result.stdout)
    # the browser built the DOM the page was written as (nothing misnested or dropped)
    assert dom.tags == _parse(source).tags
    assert dom.tags.count("svg") == 5 and "script" not in dom.tags
    text = re.sub(r"\s+", " ", "".join(dom.text))
    assert "通知档案报告" in text
    # 7 files: the seed as .txt, .docx and .pdf, table_header as .docx and .pdf, two letters
    assert "4 份通知（7 个文件）" in text
    assert "各区活动数（按负责单位所在区）" in text and "崇明区（上海市）" in text
    assert "2024-05-20 起的一周" in text
    assert "000_789e38767d8a56d8.pdf.json" in text and "没有失败，也没有警告。" in text
