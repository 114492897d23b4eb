"""The vocabulary of a 公文, written once: numerals, heading labels, 文种, role words, dates.

Readers, the segmenter and the normalisers import these names instead of writing their own
character classes. Plain constants (strings, tuples) come first and the compiled patterns
are built from them. Where two users need different sets (one counts 两 or ○ as a numeral,
another does not), both sets are named here and derived from one base, so that a difference
is visible and deliberate; a pattern is never widened for one user behind another's back.

"GB/T 9704" below is GB/T 9704-2012 《党政机关公文格式》 (its clause numbers); "条例" is the
党政机关公文处理工作条例 (2012). What the standard does not say comes from the notices in
samples/ and ../shared/corpus/.

Only ``re`` is imported and the patterns compile at import: ``python -X importtime -c
"import pipeline.vocab"`` prints what that costs.
"""

from __future__ import annotations

import re


def in_class(chars: str) -> str:
    """``chars`` escaped for use inside a regex character class ``[...]``."""
    return re.escape(chars)


# ---------------------------------------------------------------- characters

# A Chinese character, for regular expressions: any non-ASCII character that is not a
# space or common punctuation. (Written as a negated class of small ranges on purpose:
# a class listing the CJK blocks costs milliseconds to compile, at every start-up:
# `make bench` prints both.)
HAN = (
    r"[^\x00-\x7f\s\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\uff00-\uff20\uff3b-\uff40\uff5b-\uff65]"
)

# ---------------------------------------------------------------- numerals

# Arabic digits; GB/T 9704 writes 份号, 发文字号, 成文日期 and page numbers with them.
ASCII_DIGITS = "0123456789"
# Full-width digits, as Chinese input methods type them ("２０２４年").
FULLWIDTH_DIGITS = "０１２３４５６７８９"
# str.translate table: full-width digits to ASCII.
FULLWIDTH_TO_ASCII = str.maketrans(FULLWIDTH_DIGITS, ASCII_DIGITS)

# The base of every Chinese numeral set below: the digits 〇 to 九, indexed by their value
# (CN_DIGITS[3] == "三"); Word's ideographDigital numbering and dates like 二〇二四年.
CN_DIGITS = "〇一二三四五六七八九"
# 一 to 九: the digits without zero.
CN_ONE_TO_NINE = CN_DIGITS[1:]
# 一 to 十: the numbers of GB/T 9704 7.3.3's heading labels 一、 and （一） up to ten.
CN_ONE_TO_TEN = CN_ONE_TO_NINE + "十"
# Zero as a character: 〇 (the ideographic zero of 二〇二四) and 零 (一百零五).
CN_ZEROS = CN_DIGITS[0] + "零"
# The circle that fonts and input methods put for 〇 (U+25CB "○", in 二○二四年).
ROUND_ZERO = "○"
# Numbers of heading labels and articles: 一、 … 一百、, 第一百零五条; 令号 第十九号.
CN_HEADING_NUMERALS = CN_ONE_TO_TEN + "百" + CN_ZEROS
# The digits a year is spelt with: 二〇二四年, 二○二四年, 二零二四年 (no 十).
CN_YEAR_DIGITS = CN_ZEROS + ROUND_ZERO + CN_ONE_TO_NINE
# The numerals of dates and times in tables: 二〇二五年三月十日, 十月底前, 三时 (no 百).
CN_DATE_NUMERALS = CN_ONE_TO_TEN + CN_ZEROS + ROUND_ZERO
# Every Chinese numeral cn_to_int reads: the date numerals, a full-width "Ｏ" that OCR
# and some fonts give for 〇, 百 and 千, and 两 (两千, 两个月).
CN_NUMERALS = CN_ZEROS + ROUND_ZERO + "Ｏ" + CN_ONE_TO_TEN + "百千两"
# Each digit's value, for cn_to_int: Chinese, the zeros' look-alikes, and 两 as 2.
CN_DIGIT_VALUES: dict[str, int] = {
    **dict.fromkeys(CN_ZEROS + ROUND_ZERO + "ＯO" + FULLWIDTH_DIGITS[0] + ASCII_DIGITS[0], 0),
    **{ch: value for value, ch in enumerate(CN_ONE_TO_NINE, start=1)},
    "两": 2,
}
# The units of a counted numeral: 二十一, 三百, 两千.
CN_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}
# The day of a week after 星期, 礼拜 or 周: 一 to 六, and 日 or 天 for Sunday.
WEEKDAY_NUMERALS = CN_ONE_TO_NINE[:6] + "日天"
# The financial (大写) forms of 一 to 十, in the same order: Word's chineseLegalSimplified.
CN_FINANCIAL = "壹贰叁肆伍陆柒捌玖拾"
# The ten heavenly stems: Word's ideographTraditional numbering (甲、乙、丙、).
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"

# ---------------------------------------------------------------- heading labels

# GB/T 9704 7.3.3: a notice numbers its levels 一、 → （一） → 1. → （1）. Real notices
# also put a comma or full stop after 一 ("一，", "一．"), spaces inside the brackets, and
# "、" after an Arabic number ("1、"). (kind, pattern); the number is group 1, the rest of
# the line group 2.
HEADING_PATTERNS = (
    ("一、", re.compile(rf"^([{CN_HEADING_NUMERALS}]{{1,4}})\s*[、，,．.]\s*(.*)$", re.S)),
    (
        "（一）",
        re.compile(
            rf"^[（(]\s*([{CN_HEADING_NUMERALS}]{{1,4}})\s*[）)]\s*[、，,．.]?\s*(.*)$", re.S
        ),
    ),
    ("1.", re.compile(r"^(\d{1,2})\s*(?:[.．](?![0-9０-９])|、)\s*(.*)$", re.S)),
    ("（1）", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*[、，,．.]?\s*(.*)$", re.S)),
)
# Regulations (办法, 条例, 规定…) number 第一章 总则 → 第一节 → 第一条 text. (kind, pattern)
# as above.
REGULATION_PATTERNS = (
    ("章", re.compile(rf"^第\s*([{CN_HEADING_NUMERALS}\d]{{1,5}})\s*章\s*(.*)$", re.S)),
    ("节", re.compile(rf"^第\s*([{CN_HEADING_NUMERALS}\d]{{1,5}})\s*节\s*(.*)$", re.S)),
    (
        "条",
        re.compile(rf"^第\s*([{CN_HEADING_NUMERALS}\d]{{1,6}})\s*条(?:\s+|(?=[（(])|$)(.*)$", re.S),
    ),
)
# A line that opens with a heading label printed tight, as a PDF's text layer gives it:
# 一、 （一） （1） 1. 1、 第X章/节/条. Stricter than the patterns above (no space inside a
# label, only "、" after 一, up to 十 in 一、): the PDF reader starts a paragraph there,
# and a looser pattern would split paragraphs that wrap at "三，" or "（ 2 ）".
HEADING_START_RE = re.compile(
    rf"^(?:[{CN_ONE_TO_TEN}]{{1,3}}、|[（(][{CN_ONE_TO_TEN}\d]{{1,3}}[）)]|\d{{1,2}}[.．、](?!\d)"
    rf"|第[{CN_HEADING_NUMERALS}\d]{{1,5}}[章节条])"
)

# ---------------------------------------------------------------- attachment labels

# The number of an attachment: 附件2, and 附件1-5 for a range (group 1 where it is used).
_ATTACHMENT_NUMBER = r"(\d*(?:\s*[-—~～至]\s*\d+)?)"
# 附件说明 (GB/T 9704 7.3.4): "附件：X", "附件2：X", and the older "附：X"; the number is
# group 1, the title group 2.
ATTACHMENT_NOTE_RE = re.compile(rf"^附\s*(?:件\s*)?{_ATTACHMENT_NUMBER}\s*[:：]\s*(.*)$", re.S)
# The label over an attachment (GB/T 9704 7.3.7: "附件" and its number at the top left):
# "附件2", "附件 3：" and a title run on after it (group 2).
ATTACHMENT_LABEL_RE = re.compile(rf"^附\s*件\s*{_ATTACHMENT_NUMBER}\s*[:：]?\s*(.*)$", re.S)
# A label that opens a document printed on its own: 附件三, 附件5, 大纲4, 附表1.
STANDALONE_LABEL_RE = re.compile(
    rf"^(附\s*件|附\s*表|附\s*录|大\s*纲)\s*([0-9{CN_HEADING_NUMERALS}]{{0,3}})\s*[:：]?$"
)
# The label at the start of a table's caption ("附件1：", "附表 2", "附件三"), to strip it
# off: a prefix, numbered with Arabic (any width) or 一 to 十 (the tables' variant).
ATTACHMENT_LABEL_PREFIX_RE = re.compile(
    rf"^附\s*[件表录]\s*[\d０-９{CN_ONE_TO_TEN}]{{0,3}}\s*[:：]?\s*"
)
# The number of an item in a numbered list (GB/T 9704 7.3.4: "附件：1．XXXXX"): "1.", "2、".
LIST_ITEM_START = r"\d{1,2}\s*[.．、]"
# A numbered item: its number (group 1) and its text (group 2).
LIST_ITEM_RE = re.compile(r"^(\d{1,2})\s*[.．、]\s*(.+)$", re.S)

# ---------------------------------------------------------------- 文种

# The kinds a title ends with (GB/T 9704 7.3.1: 标题 names the issuer, the subject and the
# 文种): the 15 of 条例 第八条, then the kinds notices issue or are (办法, 方案, 计划…).
DOC_KINDS = (
    "决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示",
    "批复", "议案", "函", "纪要", "令",
    "办法", "规定", "细则", "实施细则", "条例", "规则", "方案", "实施方案", "工作方案",
    "计划", "规划", "要点", "标准", "指南", "指引", "制度", "预案", "决算", "预算", "总结",
    "公示", "大纲", "规范", "说明", "守则", "章程", "须知", "答复",
)  # fmt: skip

# ---------------------------------------------------------------- role words

# What a unit does in an activity, as tables print it before the unit ("主办单位：市局",
# "牵头：区局"): the organiser, the one carrying it out, the helpers…
ROLE_WORDS = ("主办", "承办", "协办", "牵头", "配合", "参与", "支持", "指导", "责任", "负责")

# ---------------------------------------------------------------- 文号 and dates

# The brackets around a 发文字号's year. GB/T 9704 7.2.5 prescribes 六角括号 〔2024〕;
# real notices print ﹝2024﹞, [2024], 【2024】, ［2024］, (2024) and （2024） as well.
YEAR_OPEN = "〔﹝[【［（("
YEAR_CLOSE = "〕﹞]】］）)"
# The year of a 发文字号 in its brackets, as group 1: 沪市监计〔2024〕123号, 浙市监函【2024】8号.
DOC_NUMBER_YEAR = rf"[{in_class(YEAR_OPEN)}]\s*(\d{{4}})\s*[{in_class(YEAR_CLOSE)}]"
# A 发文字号 (GB/T 9704 7.2.5): the issuer's code, the year in brackets, the number and 号;
# "第" before the number is against the standard and found in real notices.
DOC_NUMBER_RE = re.compile(
    rf"(?:{HAN}|[A-Za-z]){{1,20}}\s*{DOC_NUMBER_YEAR}\s*第?\s*\d{{1,5}}\s*号"
)
# 令号 of a 命令（令） ("第19号", "（第19号）", "（国家医疗保障局令第 6 号）") and the number
# of a 公告 ("2018年第41号").
ORDER_NUMBER_RE = re.compile(
    rf"[（(]?\s*(?:\S{{2,24}}令\s*|\d{{4}}\s*年?\s*)?第\s*[0-9０-９{CN_HEADING_NUMERALS}]{{1,6}}\s*号"
    r"\s*[）)]?"
)

# A digit or a Chinese numeral of a date, for the patterns below.
_DATE_NUMERAL = rf"[0-9０-９{CN_NUMERALS}]"
# A date with 年月日 (GB/T 9704 7.3.5's 成文日期 "2024年3月15日"; older notices and
# signatures spell it 二〇二四年三月十五日); y, m and d as named groups.
DATE_RE = re.compile(
    rf"(?P<y>{_DATE_NUMERAL}{{4}})\s*年\s*(?P<m>{_DATE_NUMERAL}{{1,3}})\s*月"
    rf"\s*(?P<d>{_DATE_NUMERAL}{{1,3}})\s*日"
)
# 2019.6.28, 2017-03-17, 2017/3/17: a date written with digits and one kind of separator.
NUMERIC_DATE_RE = re.compile(
    r"(?<![0-9０-９])(?P<y>\d{4})\s*(?P<sep>[.．\-－/])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*"
    r"(?P<d>\d{1,2})(?![0-9０-９])"
)
