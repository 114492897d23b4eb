"""pipeline.vocab: the vocabulary of a 公文, and that no other module writes it again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline import vocab as V
from pipeline.notice.patterns import doc_kind_of, match_heading
from pipeline.text import cn_to_int

# ---------------------------------------------------------------- numerals


def test_numeral_sets_derive_from_one_base():
    assert V.CN_DIGITS == "〇一二三四五六七八九"
    assert [V.CN_DIGITS.index(ch) for ch in "二〇二四"] == [2, 0, 2, 4]
    assert V.CN_ONE_TO_TEN == "一二三四五六七八九十"
    every = set(V.CN_NUMERALS)
    for name in ("CN_ONE_TO_NINE", "CN_ONE_TO_TEN", "CN_ZEROS", "CN_HEADING_NUMERALS",
                 "CN_YEAR_DIGITS", "CN_DATE_NUMERALS"):  # fmt: skip
        assert set(getattr(V, name)) <= every, name


def test_numeral_sets_keep_their_differences():
    # Each set is what its users matched before there was one module: not widened.
    assert set(V.CN_HEADING_NUMERALS) == set("一二三四五六七八九十百零〇")
    assert set(V.CN_YEAR_DIGITS) == set("〇○零一二三四五六七八九")
    assert set(V.CN_DATE_NUMERALS) == set("一二三四五六七八九十〇○零")
    assert set(V.CN_NUMERALS) == set("〇○零Ｏ一二三四五六七八九十百千两")
    assert "十" not in V.CN_YEAR_DIGITS and "两" not in V.CN_HEADING_NUMERALS
    assert V.ROUND_ZERO not in V.CN_HEADING_NUMERALS


@pytest.mark.parametrize(
    ("text", "value"),
    [("十五", 15), ("二十一", 21), ("二〇二四", 2024), ("二○二四", 2024), ("二零二四", 2024),
     ("２０２４", 2024), ("一百零五", 105), ("两千", 2000), ("三百", 300), ("甲", None)],
)  # fmt: skip
def test_cn_to_int_reads_the_vocabulary(text, value):
    assert cn_to_int(text) == value


def test_financial_and_stems_run_parallel_to_the_digits():
    assert len(V.CN_FINANCIAL) == len(V.CN_ONE_TO_TEN) == len(V.HEAVENLY_STEMS) == 10
    assert "三".translate(str.maketrans(V.CN_ONE_TO_TEN, V.CN_FINANCIAL)) == "叁"
    assert "２０２４年".translate(V.FULLWIDTH_TO_ASCII) == "2024年"


# ---------------------------------------------------------------- heading labels

HEADINGS = {
    "一、": ["一、总体要求", "十二、附则", "三，工作安排", "一百、其他", "二 、 时间"],
    "（一）": ["（一）指导思想", "(二)工作目标", "（ 十 ）其他", "（三）、组织"],
    "1.": ["1.报名时间", "12．活动安排", "3、提交材料"],
    "（1）": ["（1）线上报名", "(12)其他", "（ 2 ）说明"],
    "章": ["第一章 总则", "第十二章附则", "第3章 其他"],
    "节": ["第二节 一般规定"],
    "条": ["第一条 为了规范", "第一百零五条 本办法自", "第十条（目的）", "第五条"],
}
NOT_HEADINGS = [
    "一二三",
    "1.5倍",
    "2024.5.20",
    "12.5%",
    "（一个）单位",
    "（123）号",
    "第一条路",
    "二〇二四年",
]


@pytest.mark.parametrize(("kind", "text"), [(k, t) for k, ts in HEADINGS.items() for t in ts])
def test_each_heading_style_matches_its_examples(kind, text):
    found = match_heading(text)
    assert found is not None and found[0] == kind, text


@pytest.mark.parametrize("text", NOT_HEADINGS)
def test_near_misses_are_not_headings(text):
    assert match_heading(text) is None


@pytest.mark.parametrize(
    ("text", "starts"),
    [("一、总体要求", True), ("（一）指导思想", True), ("(2)说明", True), ("1.报名", True),
     ("3、材料", True), ("第十二条 本办法", True), ("第3章", True),
     # tight labels only: the PDF reader's paragraph breaks are not widened
     ("三，工作安排", False), ("（ 2 ）说明", False), ("一百、其他", False), ("1.5倍", False),
     ("第一百零五条", True), ("第一次会议", False), ("2024年", False)],
)  # fmt: skip
def test_heading_start_is_the_tight_form(text, starts):
    assert bool(V.HEADING_START_RE.match(text)) is starts


# ---------------------------------------------------------------- 文种, 文号, dates, roles


def test_doc_kinds():
    assert len(set(V.DOC_KINDS)) == len(V.DOC_KINDS)
    assert set(V.DOC_KINDS[:16]) >= {"通知", "通报", "决定", "意见", "函", "纪要", "批复", "令"}
    assert doc_kind_of("关于开展2024年计量宣传活动的通知") == "通知"
    assert doc_kind_of("某区数字化转型实施方案（试行）") == "实施方案"
    assert doc_kind_of("上海市人民政府令") == "命令"
    assert doc_kind_of("关于某事的说明会") is None


@pytest.mark.parametrize(
    "text",
    ["沪市监计〔2024〕31号", "浙市监函【2024】8号", "苏保监发(2014)2号", "国办发﹝2012﹞第5号"],
)
def test_doc_number_with_each_bracket(text):
    m = V.DOC_NUMBER_RE.search(text)
    assert m and m.group(0) == text
    assert re.search(V.DOC_NUMBER_YEAR, text).group(1) in ("2024", "2014", "2012")


def test_doc_number_near_misses():
    assert not V.DOC_NUMBER_RE.search("2024年31号")
    assert not V.DOC_NUMBER_RE.search("沪市监计〔24〕31号")
    assert V.ORDER_NUMBER_RE.fullmatch("（国家医疗保障局令第6号）")
    assert V.ORDER_NUMBER_RE.fullmatch("2018年第四十一号")
    assert not V.ORDER_NUMBER_RE.fullmatch("第一次")


def test_dates():
    m = V.DATE_RE.search("二〇二四年三月十五日印发")
    assert (m["y"], m["m"], m["d"]) == ("二〇二四", "三", "十五")
    assert V.DATE_RE.search("2024 年 4 月 29 日")
    assert not V.DATE_RE.search("2024年4月")
    assert V.NUMERIC_DATE_RE.search("2019.6.28")["d"] == "28"
    assert not V.NUMERIC_DATE_RE.search("2019.6-28")


@pytest.mark.parametrize(
    ("text", "number", "rest"),
    [("附件：某某名单", "", "某某名单"), ("附件2：某某表", "2", "某某表"), ("附：说明", "", "说明"),
     ("附件1-3：表格", "1-3", "表格")],
)  # fmt: skip
def test_attachment_note(text, number, rest):
    m = V.ATTACHMENT_NOTE_RE.match(text)
    assert m and (m.group(1), m.group(2)) == (number, rest)


def test_attachment_labels():
    assert V.ATTACHMENT_LABEL_RE.match("附件 3")
    assert not V.ATTACHMENT_LABEL_RE.match("附表3")
    for label in ("附件三", "附件5", "大纲4", "附表1", "附录", "附件：", "附件一百"):
        assert V.STANDALONE_LABEL_RE.match(label), label
    assert not V.STANDALONE_LABEL_RE.match("附件三：名单")
    assert V.ATTACHMENT_LABEL_PREFIX_RE.sub("", "附表２：收支表") == "收支表"
    assert V.ATTACHMENT_LABEL_PREFIX_RE.sub("", "附件十：名单") == "名单"
    assert V.ATTACHMENT_LABEL_PREFIX_RE.sub("", "附件百强名单") == "百强名单"  # 一 to 十 only


def test_list_items():
    assert V.LIST_ITEM_RE.match("1．某某表").groups() == ("1", "某某表")
    assert V.LIST_ITEM_RE.match("2、说明").groups() == ("2", "说明")
    assert not V.LIST_ITEM_RE.match("123.5")
    assert re.split(rf"\s{{2,}}(?={V.LIST_ITEM_START})", "1.甲表  2.乙表") == ["1.甲表", "2.乙表"]


def test_weekdays():
    assert set(V.WEEKDAY_NUMERALS) == set("一二三四五六日天")


def test_role_words():
    assert {"主办", "承办", "协办", "牵头", "配合"} <= set(V.ROLE_WORDS)
    assert len(set(V.ROLE_WORDS)) == len(V.ROLE_WORDS)


def test_vocab_imports_only_re():
    source = Path(V.__file__).read_text(encoding="utf-8")
    imports = re.findall(r"^(?:import|from)\s+(\S+)", source, re.M)
    assert set(imports) <= {"re", "__future__"}


# ---------------------------------------------------------------- written once

PIPELINE = Path(V.__file__).parent
# Files allowed to write a numeral class of their own, each with the reason (none today:
# every module takes the names of pipeline.vocab).
ALLOWED: dict[str, str] = {}
# A numeral class: three numerals in counting order ("一二三", "七八九"), which prose never
# writes; and the financial forms. A heading label pattern: a 第…[章节条] class.
_WRITTEN_AGAIN = re.compile(
    r"一二三|二三四|三四五|四五六|五六七|六七八|七八九|〇一二|壹贰叁|"
    r"\[章节条\]|第\\s\*\(?\[|第\["
)


def test_no_module_writes_the_vocabulary_again():
    offenders = []
    for path in sorted(PIPELINE.rglob("*.py")):
        rel = path.relative_to(PIPELINE).as_posix()
        if rel == "vocab.py" or rel in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _WRITTEN_AGAIN.search(line):
                offenders.append(f"pipeline/{rel}:{number}: {line.strip()}")
    assert offenders == [], "use pipeline.vocab:\n" + "\n".join(offenders)


def test_the_guard_sees_a_class():
    assert _WRITTEN_AGAIN.search('_CN = "一二三四五六七八九十"')
    assert _WRITTEN_AGAIN.search(r'r"^第[一二\d]{1,5}[章节条]"')
    assert not _WRITTEN_AGAIN.search('"""一、 → （一） → 1. → （1）; 第X章 → 第X条"""')
