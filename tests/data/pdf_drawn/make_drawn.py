# ruff: noqa: E501  (PDF dictionaries are data)
"""Test PDFs drawn operator by operator: charts, frames, underlines, a table without rules.

Written here by a small PDF writer (no library, no LibreOffice): text in Helvetica and
in the PDF's standard Chinese font STSong-Light (not embedded; pdfminer maps it back
to Unicode), rules and boxes as path operators. charts_frames_unruled.pdf has

- page 1: a bar chart whose gridlines run both ways (a grid of empty cells with the
  bars and their values inside), then a ruled table of 3×3;
- page 2: a pie chart in a frame with its legend, underlined form fields, a box
  around one line (（此件公开发布）), a bar chart with horizontal gridlines only;
- page 3: a table set without any rule (figures in aligned columns) under a unit
  line, prose above it, two lines of organs signing side by side under it.

    .venv/bin/python tests/data/pdf_drawn/make_drawn.py
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent


def text(x, y, s, size=10.5):
    if s.isascii():
        return f"BT /F1 {size} Tf {x} {y} Td ({s}) Tj ET\n"
    hexs = s.encode("utf-16-be").hex().upper()
    return f"BT /F2 {size} Tf {x} {y} Td <{hexs}> Tj ET\n"


def write(pages, width=595, height=842):
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)

    cat = add(None)
    pages_id = add(None)
    f1 = add("<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>")
    f2desc = add(
        "<</Type/Font/Subtype/CIDFontType0/BaseFont/STSong-Light/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 2>>/FontDescriptor<</Type/FontDescriptor/FontName/STSong-Light/Flags 6/FontBBox[-25 -254 1000 880]/ItalicAngle 0/Ascent 880/Descent -120/CapHeight 880/StemV 93>>/DW 1000>>"
    )
    f2 = add(
        f"<</Type/Font/Subtype/Type0/BaseFont/STSong-Light/Encoding/UniGB-UTF16-H/DescendantFonts[{f2desc} 0 R]>>"
    )
    kids = []
    for content in pages:
        data = content.encode("latin-1")
        c = add(f"<</Length {len(data)}>>\nstream\n" + content + "\nendstream")
        kids.append(
            add(
                f"<</Type/Page/Parent {pages_id} 0 R/MediaBox[0 0 {width} {height}]/Resources<</Font<</F1 {f1} 0 R/F2 {f2} 0 R>>>>/Contents {c} 0 R>>"
            )
        )
    objs[cat - 1] = f"<</Type/Catalog/Pages {pages_id} 0 R>>"
    objs[pages_id - 1] = (
        f"<</Type/Pages/Kids[{' '.join(f'{k} 0 R' for k in kids)}]/Count {len(kids)}>>"
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<</Size {len(objs) + 1}/Root {cat} 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def rect(x, y, w, h, fill=None, stroke=None, lw=0.75):
    ops = ""
    if fill:
        ops += f"{fill} rg "
    if stroke:
        ops += f"{stroke} RG {lw} w "
    op = "B" if fill and stroke else ("f" if fill else "S")
    return ops + f"{x} {y} {w} {h} re {op}\n"


def line(x0, y0, x1, y1, stroke="0 0 0", lw=0.75):
    return f"{stroke} RG {lw} w {x0} {y0} m {x1} {y1} l S\n"


T = text
BODY = "各单位要高度重视，按照方案要求认真开展自查自纠，按时报送。"


def bar_chart(x0=110, y0=430, w=380, h=200, vertical_grid=False):
    s = rect(x0, y0, w, h, stroke="0 0 0")
    for k in range(1, 4):
        s += line(x0, y0 + k * h / 4, x0 + w, y0 + k * h / 4, stroke="0.75 0.75 0.75", lw=0.5)
        s += T(x0 - 22, y0 + k * h / 4 - 3, str(50 * k), 9)
    if vertical_grid:
        for k in range(1, 5):
            s += line(x0 + k * w / 5, y0, x0 + k * w / 5, y0 + h, stroke="0.75 0.75 0.75", lw=0.5)
    values = [120, 85, 160, 140, 95]
    for k, v in enumerate(values):
        bx = x0 + k * w / 5 + 22
        s += rect(bx, y0, 32, v, fill="0.2 0.4 0.8")
        s += T(bx + 6, y0 + v + 4, str(v), 9)
        s += T(bx + 2, y0 - 14, str(2019 + k), 9)
    return s


def real_table(
    x0=110,
    top=330,
    widths=(60, 160, 160),
    rows=(
        ("序号", "检查项目", "责任单位"),
        ("1", "电子计价秤", "市场监管局"),
        ("2", "燃油加油机", "计量处"),
    ),
):
    s = ""
    h = 24
    xs = [x0]
    for wd in widths:
        xs.append(xs[-1] + wd)
    for r in range(len(rows) + 1):
        s += line(xs[0], top - r * h, xs[-1], top - r * h)
    for x in xs:
        s += line(x, top, x, top - len(rows) * h)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            s += T(xs[c] + 6, top - r * h - 17, cell, 10.5)
    return s


def pie(cx=300, cy=560, r=90):
    k = 0.5523 * r
    s = "0 0 0 RG 0.75 w "
    s += f"{cx + r} {cy} m {cx + r} {cy + k} {cx + k} {cy + r} {cx} {cy + r} c "
    s += f"{cx - k} {cy + r} {cx - r} {cy + k} {cx - r} {cy} c "
    s += f"{cx - r} {cy - k} {cx - k} {cy - r} {cx} {cy - r} c "
    s += f"{cx + k} {cy - r} {cx + r} {cy - k} {cx + r} {cy} c S\n"
    s += (
        line(cx, cy, cx + r, cy)
        + line(cx, cy, cx - 0.5 * r, cy + 0.866 * r)
        + line(cx, cy, cx - 0.5 * r, cy - 0.866 * r)
    )
    for k2, (name, share) in enumerate((("男性", "52%"), ("女性", "48%"), ("其他", "0%"))):
        y = cy + 40 - 22 * k2
        s += rect(cx + r + 30, y, 8, 8, fill="0.2 0.4 0.8")
        s += T(cx + r + 44, y, f"{name}", 10.5) + T(cx + r + 80, y, share, 9)
    return s


def page_chart():
    s = T(150, 780, "某某市计量器具检查情况报告", 18)
    s += T(110, 740, BODY, 12) + T(110, 720, BODY, 12)
    s += T(200, 655, "图1 2019-2023年检查批次", 12)
    s += bar_chart(vertical_grid=True)
    s += T(220, 350, "表1 检查任务分工", 12)
    s += real_table()
    return s


def page_pie_frames():
    s = T(200, 700, "图2 人口性别构成", 12)
    s += rect(150, 450, 320, 230, stroke="0 0 0")  # a frame around the chart
    s += pie()
    s += T(110, 400, "联系人：张三        联系电话：12345678", 12)
    s += line(160, 397, 230, 397) + line(290, 397, 400, 397)  # underlines
    s += T(110, 370, "报送单位：某某市市场监督管理局", 12)
    s += line(170, 367, 330, 367)
    s += rect(105, 320, 250, 26, stroke="0 0 0")  # a box around one line
    s += T(110, 328, "（此件公开发布）", 12)
    s += bar_chart(x0=110, y0=90, w=380, h=180, vertical_grid=False)
    return s


def page_unruled():
    s = T(180, 780, "2021年深圳市分区户籍人口", 16)
    s += T(110, 750, BODY, 12) + T(86, 732, BODY + "各单位", 12)
    s += T(380, 705, "单位：万人", 10.5)
    rows = [
        ("区", "户籍人口", "男性", "女性"),
        ("福田区", "110.25", "55.10", "55.15"),
        ("罗湖区", "68.40", "34.02", "34.38"),
        ("盐田区", "15.21", "7.80", "7.41"),
        ("南山区", "125.66", "63.01", "62.65"),
    ]
    for r, row in enumerate(rows):
        y = 680 - 22 * r
        for c, cell in enumerate(row):
            s += T(110 + 110 * c, y, cell, 10.5)
    s += T(110, 550, "资料来源：深圳市统计局。", 10.5)
    # Two organs signing side by side, twice: not a table.
    s += T(130, 480, "深圳市统计局", 12) + T(330, 480, "深圳市妇女儿童工作委员会", 12)
    s += T(130, 460, "深圳市妇女联合会", 12) + T(330, 460, "深圳市发展和改革委员会", 12)
    s += T(350, 430, "2022年3月8日", 12)
    return s


if __name__ == "__main__":
    (HERE / "charts_frames_unruled.pdf").write_bytes(
        write([page_chart(), page_pie_frames(), page_unruled()])
    )
