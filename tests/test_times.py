"""Time expressions (pipeline.times) and the year they are read against (pipeline.enrich).

tests/data/time_expressions.tsv holds the table of cases, written by hand in the style of
real task tables' time columns; every line is checked here.
"""

import datetime as dt
import re
from collections import Counter

import pytest
from conftest import script_module

from pipeline.enrich import enrich, time_reference
from pipeline.model import Notice, Section, Source, Table
from pipeline.times import KINDS, find_deadlines, is_time_column, parse_time

# The table's lines as dicts: expression, reference (a date, a year alone or None), kind,
# start, end and dates; read by the script that measures parsers on it (make compare-times).
CASES = script_module("compare_time_parsers").read_table()


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{k}:{c['expression']}" for k, c in enumerate(CASES, 1)]
)
def test_every_expression_of_the_table(case):
    value = parse_time(case["expression"], case["reference"])
    assert (value.kind, value.start, value.end) == (case["kind"], case["start"], case["end"])
    assert value.dates == case["dates"]
    assert value.raw == case["expression"]  # the raw value is kept as it was
    if case["reference"] is None or case["kind"] == "unparsed":
        assert not value.year_inferred


# Each class of expression the table must hold several times, as a pattern of its lines.
CLASSES = {
    "quarter": r"季度",
    "half": r"[上下]半年",
    "part of a year": r"年[初中底末内]",
    "year": r"^\d{4}年(度|全年)?$",
    "combined dekads": r"上、?中旬|中、?下旬",
    "range of months": r"^[\d一二三四五六七八九十]+月?[-—～至到][\d一二三四五六七八九十]+月$",
    "list of months": r"^([\d一二三四五六七八九十]+)月?([、和][\d一二三四五六七八九十]+月?)+$",
    "list of days": r"日、|日，|\d、\d",
    "dotted, slashed, dashed": r"\d{4}[./-]\d",
    "weekday or time of day": r"星期|周[一二三四五六日]|[上下]午|\d:\d\d|九时",
    "deadline with a verb": r"前(完成|上报|报送|全面完成|报市局)",
    "from the notice's date": r"即日|之日起",
    "next year": r"次年",
    "Chinese numerals": r"[〇一二三四五六七八九十]月|〇|[一二三四]季度",
}


@pytest.mark.parametrize("name", CLASSES)
def test_the_table_holds_each_class_several_times(name):
    matching = [c for c in CASES if re.search(CLASSES[name], c["expression"])]
    assert len(matching) >= 4, [c["expression"] for c in matching]


def test_the_table_holds_every_kind_and_enough_lines():
    kinds = Counter(c["kind"] for c in CASES)
    assert set(kinds) == set(KINDS)
    assert min(kinds.values()) >= 3, kinds
    assert len(CASES) >= 80


def test_the_days_of_a_list_and_whether_the_year_was_inferred():
    value = parse_time("5月9日、16日、5月20日", dt.date(2024, 4, 29))
    assert value.dates == ["2024-05-09", "2024-05-16", "2024-05-20"]
    assert value.year_inferred
    assert not parse_time("2024年5月9日", dt.date(2024, 4, 29)).year_inferred
    assert parse_time("", dt.date(2024, 4, 29)).kind is None  # a blank cell is not "unparsed"
    assert parse_time("第三季度", 2024).year_inferred  # a year alone is inferred too
    assert parse_time("即日起至2024年10月31日", dt.date(2024, 4, 29)).year_inferred  # its start


def test_a_december_notice_about_january_means_next_year():
    value = parse_time("1月", dt.date(2024, 12, 20))
    assert (value.start, value.end, value.year_inferred) == ("2025-01-01", "2025-01-31", True)
    assert parse_time("1月", None).kind == "unparsed"  # no year to be had: not guessed
    assert parse_time("1月", 2024).start == "2024-01-01"  # a year alone: as it is


@pytest.mark.parametrize(
    "annotated",
    ["6月3日（星期一）", "6月3日(周一)", "6月3日 下午", "6月3日上午9:00", "6月3日9时30分"],
)
def test_an_annotation_stays_in_the_raw_value_and_out_of_the_dates(annotated):
    value = parse_time(annotated, dt.date(2024, 4, 29))
    assert (value.raw, value.kind, value.start, value.end) == (
        annotated,
        "day",
        "2024-06-03",
        "2024-06-03",
    )


@pytest.mark.parametrize("name", ["活动时间", "时间", "完成时限", "检定时间", "日期", "截止日期"])
def test_time_columns(name):
    assert is_time_column(name)


def test_deadlines_in_the_body():
    text = "请各单位于2024年6月14日前将总结报市局。材料请于5月底前报送；其他。"
    assert [
        (d.raw, d.end, d.year_inferred) for d in find_deadlines(text, dt.date(2024, 4, 29))
    ] == [
        ("于2024年6月14日前", "2024-06-14", False),
        ("于5月底前", "2024-05-31", True),
    ]


# ---------------------------------------------------------------- the year of a dateless notice


def notice(date=None, doc_number=None, title=None, body="", times=("7-9月", "第三季度")):
    source = Source(path="x.txt", name="x.txt", format="txt", sha256="0" * 64, size=1)
    table = Table(
        index=1,
        title=None,
        attachment=None,
        header=["工作任务", "完成时限"],
        rows=[["任务", t] for t in times],
    )
    return Notice(
        source=source,
        date=date,
        doc_number=doc_number,
        title=title,
        sections=[Section(level=1, kind="一、", number="一", heading="工作安排", text=body)],
        tables=[table],
    )


@pytest.mark.parametrize(
    ("fields", "reference", "source"),
    [
        ({"date": "2024-04-29", "doc_number": "沪市监计〔2023〕1号"}, dt.date(2024, 4, 29), "date"),
        (
            {"doc_number": "沪市监计〔2024〕123号", "title": "关于2023年工作的通知"},
            2024,
            "doc_number",
        ),
        ({"doc_number": "浙市监函【2022】8号"}, 2022, "doc_number"),
        ({"doc_number": "苏保监发(2014)2号"}, 2014, "doc_number"),
        ({"doc_number": "第16号", "title": "关于开展2025年消费券发放活动的公告"}, 2025, "title"),
        ({"title": "关于印发二〇二三年工作要点的通知"}, 2023, "title"),
        (
            {"body": "2024年3月1日起施行。2023年12月5日印发的…，2024年5月前完成；2024.6.1报送"},
            2024,
            "body",
        ),
        ({"body": "于2023年5月、2024年6月各开展一次"}, 2024, "body"),  # equally many: the latest
        ({"title": "关于开展计量宣传活动的通知", "body": "另行通知"}, None, None),
    ],
)
def test_the_reference_of_times(fields, reference, source):
    assert time_reference(notice(**fields)) == (reference, source)


def test_a_notice_without_a_date_reads_its_times_in_the_year_of_its_doc_number():
    n = notice(doc_number="沪市监计〔2024〕123号")
    enrich(n)
    assert [(t.kind, t.start, t.end, t.year_inferred) for t in n.tables[0].times] == [
        ("range", "2024-07-01", "2024-09-30", True),
        ("quarter", "2024-07-01", "2024-09-30", True),
    ]
    (warning,) = [w for w in n.warnings if w.code == "time_year_inferred"]
    assert "2024" in warning.message and "文号" in warning.message


def test_no_warning_when_the_notice_has_a_date_or_the_times_name_their_year():
    dated = notice(date="2024-04-29", doc_number="沪市监计〔2023〕1号")
    enrich(dated)
    assert dated.tables[0].times[0].start == "2024-07-01"
    assert not [w for w in dated.warnings if w.code == "time_year_inferred"]
    named = notice(doc_number="沪市监计〔2024〕123号", times=("2025年7-9月",))
    enrich(named)
    assert named.tables[0].times[0].start == "2025-07-01"
    assert not [w for w in named.warnings if w.code == "time_year_inferred"]
    nothing = notice(times=("7-9月",))
    enrich(nothing)
    assert nothing.tables[0].times[0].kind == "unparsed"
