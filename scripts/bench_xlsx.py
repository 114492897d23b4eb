"""Benchmark: xlsxwriter against openpyxl, writing one table of 5,000 rows as Excel.

Run with `python scripts/bench_xlsx.py [ROWS]` (needs both packages: `pip install xlsxwriter
openpyxl`). Prints a table; nothing here asserts a speed.

Each writer writes the same workbook the pipeline writes for a table (pipeline/xlsx.py):
a bold header frozen in row 1, column widths set, line breaks kept (wrapped cells), and
every third row's responsible-unit cell shaded with a cell note (a comment) saying where
its value came from. The table is 5,000 rows of 8 columns of Chinese text made from a
fixed seed (cells of 2 to 80 characters, one in five of the unit cells over two lines):
about 40,000 cells and 1,666 notes. The workbook is written to memory (bytes), as the
pipeline writes every output before renaming it into place.

Every variant runs REPEAT times, each in a fresh interpreter that imports the writer,
builds the rows, then writes: the seconds are the median of the runs' writing (import
apart, shown on its own), and the memory is the peak resident size of the process
(VmHWM) less its size just before writing, the largest of the runs. Variants:

- xlsxwriter: its default mode (cells kept until the sheet is closed);
- xlsxwriter constant_memory: rows streamed to a temporary file as written;
- openpyxl: a Workbook of cell objects;
- openpyxl write_only: rows streamed (WriteOnlyCell carries the style and the note);
- pipeline: pipeline.xlsx.notice_xlsx, as `--xlsx` writes it (the chosen writer, with the
  notice's first sheet, widths measured and cells typed).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 5
ROWS = 5000
VARIANTS = ["xlsxwriter", "xlsxwriter constant_memory", "openpyxl", "openpyxl write_only",
            "pipeline"]  # fmt: skip

CHILD = r"""
import json, random, sys, time
sys.path.insert(0, ROOT)
variant, rows_wanted = sys.argv[1], int(sys.argv[2])

def rss(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    return 0

started = time.perf_counter()
if variant.startswith("xlsxwriter"):
    import xlsxwriter
elif variant.startswith("openpyxl"):
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
else:
    import xlsxwriter  # noqa: F401  (as pipeline.xlsx imports it when it writes)
    import pipeline.xlsx
imported = time.perf_counter() - started

random.seed(20240429)
WORDS = ("计量 宣传 活动 检定 校准 服务 企业 社区 市场 监管 质量 技术 研究院 培训 科普 "
         "开放 实验室").split()
UNITS = ["市质检院", "市计测院", "浦东新区市场监管局",
         "主办单位：市局\n承办单位：浦东新区市场监管局"]
header = ["序号", "活动名称", "活动内容", "活动时间", "宣传形式", "负责单位", "联系人", "备注"]
def text(lo, hi):
    return "".join(random.choice(WORDS) for _ in range(random.randint(lo, hi)))
rows, filled = [], []
for k in range(1, rows_wanted + 1):
    unit = random.choice(UNITS) if k % 5 else UNITS[-1]
    row = [str(k), text(3, 8), text(10, 30), f"5月{k % 28 + 1}日", text(2, 6), unit,
           text(1, 2), text(0, 3)]
    if k % 3 == 0:
        row[5] = rows[-1][5]
        filled.append({"row": k, "col": 6, "column": "负责单位", "from_row": k - 1,
                       "from_col": 6, "reason": "blank"})
    rows.append(row)
# the same notes and widths for every writer (the pipeline's), made before the clock starts
from pipeline.xlsx import _widths, fill_note
note_of = {(f["row"], f["col"]): fill_note(f, header) for f in filled}
widths = _widths(header, rows)
import io
buf = io.BytesIO()
before = rss("VmRSS")
t0 = time.perf_counter()
if variant.startswith("xlsxwriter"):
    options = {"constant_memory": variant.endswith("constant_memory"), "in_memory":
               not variant.endswith("constant_memory")}
    wb = xlsxwriter.Workbook(buf, options)
    bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    shaded = wb.add_format({"text_wrap": True, "valign": "top", "bg_color": "#FFF2CC"})
    ws = wb.add_worksheet("table01")
    ws.freeze_panes(1, 0)
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    for c, name in enumerate(header):
        ws.write_string(0, c, name, bold)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            note = note_of.get((r, c + 1))
            ws.write_string(r, c, value, shaded if note else wrap)
            if note:
                ws.write_comment(r, c, note, {"author": "notice-pipeline"})
    wb.close()
elif variant.startswith("openpyxl"):
    write_only = variant.endswith("write_only")
    wb = openpyxl.Workbook(write_only=write_only)
    ws = wb.create_sheet("table01") if write_only else wb.active
    if not write_only:
        ws.title = "table01"
    ws.freeze_panes = "A2"
    for c, w in enumerate(widths):
        ws.column_dimensions[openpyxl.utils.get_column_letter(c + 1)].width = w
    bold, top = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    fill = PatternFill("solid", fgColor="FFF2CC")
    def cell(value, r, c, head=False):
        note = note_of.get((r, c + 1))
        x = WriteOnlyCell(ws, value=value) if write_only else ws.cell(r + 1, c + 1, value)
        x.alignment = top
        if head:
            x.font = bold
        if note:
            x.fill = fill
            x.comment = Comment(note, "notice-pipeline")
        return x
    if write_only:
        ws.append([cell(v, 0, c, True) for c, v in enumerate(header)])
        for r, row in enumerate(rows, start=1):
            ws.append([cell(v, r, c) for c, v in enumerate(row)])
    else:
        for c, v in enumerate(header):
            cell(v, 0, c, True)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row):
                cell(v, r, c)
    wb.save(buf)
else:
    table = {"index": 1, "title": "bench", "attachment": None, "header": header, "rows": rows,
             "filled": filled}
    doc = {"source": {"path": "bench.txt", "format": "txt"}, "title": "bench",
           "tables": [table]}
    data = pipeline.xlsx.notice_xlsx(doc)
    buf.write(data)
seconds = time.perf_counter() - t0
print(json.dumps({"import": imported, "seconds": seconds, "peak": rss("VmHWM") - before,
                  "size": len(buf.getvalue())}))
"""


def run(variant: str, rows: int) -> dict:
    code = CHILD.replace("sys.path.insert(0, ROOT)", f"sys.path.insert(0, {str(ROOT)!r})")
    out = subprocess.run([sys.executable, "-c", code, variant, str(rows)], capture_output=True,
                         text=True, check=False)  # fmt: skip
    if out.returncode:
        return {"error": out.stderr.strip().splitlines()[-1]}
    return json.loads(out.stdout)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else ROWS
    print(f"one table of {rows:,} rows × 8 columns, {rows // 3:,} shaded cells with notes; "
          f"median of {REPEAT} fresh processes (memory: the largest)")  # fmt: skip
    print(f"{'writer':<28} {'import s':>9} {'write s':>8} {'peak MiB':>9} {'file KiB':>9}")
    for variant in VARIANTS:
        runs = [run(variant, rows) for _ in range(REPEAT)]
        if "error" in runs[0]:
            print(f"{variant:<28} not run: {runs[0]['error']}")
            continue
        imported = statistics.median(r["import"] for r in runs)
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = max(r["peak"] for r in runs) / 2**20
        size = runs[0]["size"] / 1024
        print(f"{variant:<28} {imported:>9.3f} {seconds:>8.2f} {peak:>9.1f} {size:>9.0f}")


if __name__ == "__main__":
    main()
