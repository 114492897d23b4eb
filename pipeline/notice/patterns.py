"""What a line of a 公文 says: patterns shared by the layout pass and the part readers.

The words and numbers themselves (numerals, heading labels, 文种, the 发文字号) are
pipeline.vocab's; this module reads lines with them. Each pattern recognises what a line
*says* (a 发文字号, a heading number, a date…); where the line stands and how it is laid
out is the layout pass's business.
"""

from __future__ import annotations

import re

from ..text import close_cjk_gaps, is_date_line, parse_date, squash
from ..vocab import (
    ATTACHMENT_LABEL_RE,
    ATTACHMENT_NOTE_RE,
    CN_ONE_TO_TEN,
    DOC_KINDS,
    DOC_NUMBER_RE,
    HAN,
    HEADING_PATTERNS,
    LIST_ITEM_RE,
    ORDER_NUMBER_RE,
    REGULATION_PATTERNS,
    STANDALONE_LABEL_RE,
)

# A title ends with one of DOC_KINDS; the longest match wins: 实施方案 before 方案.
_KINDS_LONGEST_FIRST = sorted(DOC_KINDS, key=len, reverse=True)

SIGNER_RE = re.compile(r"签\s*发\s*人\s*[:：]\s*(.+)$")
COPY_NUMBER_RE = re.compile(r"(?:份\s*号\s*[:：]?\s*)?(\d{6})(?![0-9/-])")
SECRECY_RE = re.compile(
    r"(?:密\s*级\s*[:：]?\s*)?((?:绝\s*密|机\s*密|秘\s*密)(?:\s*★\s*(?:\d{1,2}\s*(?:年|个月)|长期))?)"
)
URGENCY_RE = re.compile(r"(?:紧急程度\s*[:：]?\s*)?(特\s*急|加\s*急|平\s*急|特\s*提)")

CC_RE = re.compile(r"^抄\s*[送报]\s*[:：]\s*(.+)$", re.S)  # 抄送, and 抄报 (to superiors)
PRINTED_RE = re.compile(r"^(.+?)\s*(\S*\d{4}\s*年.+?日)\s*印\s*发$")
SENTENCE_END = "。；;！!？?"
# An attachment title is complete when it ends like a document's name does.
TITLE_END = tuple("表单书则法案知见告明录函要定划册）)") + tuple("0123456789")
# The closing formula of the body: 特此通知, 特此函告, 此复…
CLOSING_RE = re.compile(r"^(特此\S{1,4}|此复|此函|以上\S{0,6}妥否.*)[。！]?$")
# Lines a web page or a database adds around the document: not part of the notice.
NOISE_RE = re.compile(
    r"^(?:【法宝引证码】|原文链接|https?://|www\.|当前位置|您(?:现在)?的?位置|首页\s*[>＞»]|"
    r"(?:信息|文章)?来源\s*[:：]|作者\s*[:：]|发布(?:时间|日期|机构)\s*[:：]|浏览(?:次数)?\s*[:：]|"
    r"点击(?:数|量|率)?\s*[:：]|字[号体]\s*[:：]|索\s*引\s*号|主题分类\s*[:：]|分享到|扫一扫|"
    r"网站地图|版权所有|.{0,12}ICP备|.{0,12}公网安备|【\s*(?:打印|关闭|字体|大|中|小)|打印本页|"
    r"关闭(?:本页|窗口)|返回顶部|\[\s*(?:打印|关闭)\s*\]|[|｜]\s*\S{2,8}$|"
    r"(?:标\s*题|名\s*称|发\s*文\s*机\s*关|发\s*布\s*机\s*构|发\s*文\s*字\s*号|成\s*文\s*日\s*期|"
    r"发\s*文\s*日\s*期|有\s*效\s*性|主\s*题)\s*[:：]$|主\s*题\s*词\s*[:：]|"
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s*\d{1,2}:\d{2}|\d{4}年\d{1,2}月\d{1,2}日星期|"
    r"[（(]?(?:发布人|发布日期|文\s*号|联络点)\s*[:：]|【[^】]{2,6}】)"
)
# Whole short lines a web page prints around a document: its menus and links.
NOISE_LINES = {
    "相关政策", "相关报道", "政策解读", "相关政策与解读", "排行榜", "网站地图", "联系我们",
    "打印", "关闭", "打印本页", "关闭窗口", "返回顶部", "分享", "收藏", "大", "中", "小",
    "字体", "字号", "Aa", "|", "简体", "繁体", "无障碍", "长者模式", "设为首页", "工作邮箱",
    "首页", "返回首页", "上一篇", "下一篇",
    ">", "＞", "»",
}  # fmt: skip
# A seal placeholder printed where the seal stands: （盖章）, (印章)
SEAL_RE = re.compile(
    r"^[（(]\s*(?:盖\s*章|印\s*章|公\s*章|签\s*章|章|此\s*页\s*无\s*正\s*文)\s*[）)]$"
)
# The name of an organ, as a signature prints it.
ORGAN_END = (
    "局", "厅", "委", "会", "办", "院", "府", "部", "处", "室", "中心", "公司", "所", "站",
    "署", "司", "队", "校", "学", "团", "社", "行", "馆", "组", "科", "股",
)  # fmt: skip
TOC_RE = re.compile(r"^目\s*录$")
# A table-of-contents entry ends with its page number: "一、总则……3", "第一章 总则 1"
TOC_PAGE_RE = re.compile(r"(?:[.．…·]{2,}|\s{2,}|\t)\s*\d{1,3}$")


def match_heading(text: str) -> tuple[str, str, str, str] | None:
    """A numbered heading: (kind, number, heading, run-in text) or None."""
    for kind, pattern in REGULATION_PATTERNS:
        m = pattern.match(text)
        if m:
            number, rest = m.group(1).strip(), m.group(2).strip()
            if kind == "条":
                titled = re.match(r"^[（(]([^（）()]{1,30})[）)]\s*(.*)$", rest, re.S)
                if titled:  # 第一条 （目的和依据）
                    return kind, number, titled.group(1).strip(), titled.group(2).strip()
                return kind, number, "", rest
            return kind, number, rest, ""
    for kind, pattern in HEADING_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        number, rest = m.group(1), m.group(2).strip()
        heading, body = split_heading(rest)
        return kind, number, heading, body
    return None


def split_heading(rest: str) -> tuple[str, str]:
    """Split "加强组织领导。各单位要……" into heading and run-in text.

    A short phrase up to the first "。" or "：" followed by more text is a heading; a
    short line without sentence punctuation is all heading ("活动时间", and
    "统一思想，提高认识" with its comma); a line that is one short phrase ending in "。"
    ("加强组织领导。") is a heading too; anything else is a numbered paragraph: no
    heading, all text.
    """
    m = re.search(r"[。：:]", rest)
    if m is None:
        if len(rest) <= 40 and not re.search(r"[；;，,]", rest):
            return rest.strip(), ""
        clauses = re.split(r"[，,、]", rest)
        if len(rest) <= 30 and not re.search(r"[；;]", rest) and len(clauses) <= 3:
            return rest.strip(), ""
        return "", rest.strip()
    phrase, after = rest[: m.start()].strip(), rest[m.end() :].strip()
    if re.search(r"[；;]", phrase):
        return "", rest.strip()
    if after:
        return (phrase, after) if len(phrase) <= 30 else ("", rest.strip())
    clauses = re.split(r"[，,、]", phrase)
    if len(phrase) <= 16 and all(len(c) <= 8 for c in clauses):
        return phrase, ""
    return "", rest.strip()


def doc_kind_of(title: str) -> str | None:
    """The kind a title ends with: "…的通知" -> 通知, "…管理办法（试行）" -> 办法."""
    t = squash(title)
    t = re.sub(r"[（(][^（）()]*[）)]$", "", t)  # "…的通知（试行）", "…目录（2022年修订）"
    t = t.rstrip('》>」”"')
    for kind in _KINDS_LONGEST_FIRST:
        if t.endswith(kind):
            return "命令" if kind == "令" else kind
    return None


def is_closing_date(text: str) -> bool:
    """The whole line is one date, the way a 成文日期 is printed."""
    return is_date_line(text)


def is_organ_name(text: str) -> bool:
    """A short line that names an organ: "某市某局", "国家税务总局江西省税务局"."""
    s = squash(text)
    return 2 <= len(s) <= 40 and s.endswith(ORGAN_END) and not re.search(r"[。；;，,：:]", s)


# A web page's footer, wherever it stands in its line.
NOISE_ANYWHERE_RE = re.compile(r"版权所有|ICP备|公网安备|网站标识码|技术支持[:：]")


def is_noise(text: str) -> bool:
    """A line of a web page or a database around the notice (a menu, a 来源 line)."""
    s = squash(text)
    bare = s.strip("|｜[]【】")
    return (
        bool(NOISE_RE.match(s) or NOISE_ANYWHERE_RE.search(s))
        or bare in NOISE_LINES
        or not re.search(rf"{HAN}|[A-Za-z0-9０-９]", bare)  # punctuation alone: "‹", "|"
    )


# ------------------------------------------------------------------ what a line reads like


def is_doc_number_line(text: str) -> bool:
    s = squash(text)
    m = DOC_NUMBER_RE.search(close_cjk_gaps(text))
    return bool(m) and len(s) <= 60


def is_order_number(text: str) -> bool:
    return bool(ORDER_NUMBER_RE.fullmatch(squash(text)))


def is_order_masthead(text: str) -> bool:
    """An organ's 令: "上海市人民政府令", "中华人民共和国主席令", "财政部令"."""
    s = squash(text)
    return len(s) <= 24 and bool(re.fullmatch(r".{2,22}(政府|主席|部|委|局|署|院|会|行)令", s))


def is_masthead(text: str) -> bool:
    s = squash(text)
    return (s.endswith("文件") and 2 < len(s) <= 60) or is_order_masthead(text)


def parenthesised(text: str) -> bool:
    return bool(re.fullmatch(r"[（(][^（）()]+[）)]", squash(text)))


def is_title_like(text: str) -> bool:
    """A line that could be (part of) a title: short, no sentence, not another part."""
    s = squash(text)
    if not re.search(HAN, s) or s == "文件":
        return False
    if not 2 <= len(s) <= 90 or "。" in s or s.endswith(tuple(SENTENCE_END + "：:")):
        return False
    if match_heading(s) or is_date_line(s) or CC_RE.match(s) or PRINTED_RE.match(s):
        return False
    if ATTACHMENT_NOTE_RE.match(s) or STANDALONE_LABEL_RE.match(s):
        return False
    if is_doc_number_line(text) or is_order_number(text) or is_masthead(text):
        return False
    return not is_noise(s)


# What a 主送 line names: organs ("各区局", "市教委", "某某公司") or people ("各位同志").
ORGANS = re.compile(
    r"各|局|厅|委|办|院|府|部|处|室|中心|公司|单位|部门|机关|机构|协会|学会|学校|大学|银行|分行|"
    r"支行|同志|队|所|站|署|社|团|会"
)


def title_tail(above: list[str], text: str) -> bool:
    """The end of a title wrapped onto a line of its own ("函", "知"): with the lines
    above, the title ends in a kind."""
    s = squash(text)
    return 0 < len(s) <= 2 and doc_kind_of("".join([*above, s])) is not None


def is_sentence(text: str) -> bool:
    """A line of running text: long, or a sentence."""
    s = squash(text)
    return len(s) > 60 or ("。" in s and len(s) > 20)


def label_like(text: str) -> bool:
    """A field's name ("报名时间", "会议地点"), which a date or a place follows in a body."""
    return squash(text).endswith(("时间", "日期", "地点", "期限", "方式", "截止", "时限"))


# A person signing with the title of the office: "市长  张三", "局 长：胡静林"
PERSON_SIGNING = re.compile(r"^\S{0,10}(?:长|主任|书记|主席|署长|委员)[:：]?[\u4e00-\u9fff·]{2,5}$")


def signature_like(text: str) -> bool:
    s = squash(text)
    if PERSON_SIGNING.match(s):
        return True
    return (
        0 < len(s) <= 40
        and not re.search(r"[。；;，,：:]", text)
        and not re.search(r"\.[A-Za-z]{2,4}$", s)  # a file name: 规则.rar
        and not is_noise(s)
        and not ATTACHMENT_LABEL_RE.match(s)
        and not match_heading(s)
        and not LIST_ITEM_RE.match(s)
        and not CLOSING_RE.match(s)
    )


def title_cites_number(text: str) -> bool:
    """A title that cites a 发文字号 ("关于转发…（X〔2024〕3号）的通知") is a title."""
    return doc_kind_of(text) is not None and len(squash(text)) > 30


def has_date(text: str) -> bool:
    return parse_date(squash(text)) is not None


def toc_key(text: str) -> str:
    """A heading without its page number and leaders, to compare entries with the body.

    The number may stand after leaders, spaces or a tab; a reader that gives a tab (with
    its dotted leader) as one space leaves "第一章 总则 1"."""
    return re.sub(r"(?:[.．…·]{2,}|\s)\s*\d{1,3}$", "", text.strip()).replace(" ", "").strip()


def is_recipient_line(text: str) -> bool:
    """A 主送 (its lines joined): organs, ending in "：", no sentence."""
    return (
        text.rstrip().endswith(("：", ":"))
        and len(text) <= 600
        and not is_noise(text)
        and not match_heading(text)
        and not ATTACHMENT_LABEL_RE.match(text)
        and not re.search(r"(如下|通知|要求|事项|现将|为了|为进一步)[^，,]*[：:]$", text)
        and "。" not in text
        and bool(ORGANS.search(text))
        and all(len(item) <= 250 for item in re.split(r"[，,；;]", text))
    )


def label_like_head(text: str) -> bool:
    """A line a 公文's head may hold above its title: a label (附件1), a 份号, a 密级…"""
    s = squash(text)
    return bool(
        STANDALONE_LABEL_RE.match(s)
        or ATTACHMENT_LABEL_RE.match(s)
        or COPY_NUMBER_RE.fullmatch(s)
        or SECRECY_RE.fullmatch(s)
        or URGENCY_RE.fullmatch(s)
        or is_masthead(text)
        or is_doc_number_line(text)
    )


def issuer_like(text: str) -> bool:
    """A title's first line naming its issuers: organs side by side, or "X等4部门"."""
    tokens = text.split()
    return bool(tokens) and (
        all(is_organ_name(t) for t in tokens)
        or bool(re.search(rf"等\s*[0-9{CN_ONE_TO_TEN}]+\s*(?:个)?(?:部门|单位)$", squash(text)))
    )


def is_title_note(text: str) -> bool:
    """A 题注 under a regulation's title: "（2021年7月2日上海市人民政府令第51号公布）";
    not an edition that belongs to the title: "（2022年修订）", "（试行）"."""
    s = squash(text)
    return parenthesised(text) and bool(re.search(r"\d{4}年\d{1,2}月|通过|公布|施行|发布", s))
