import pytest

from pipeline.model import Document, Source
from pipeline.notice.body import find_contacts, find_references
from pipeline.notice.head import issuer_of
from pipeline.notice.patterns import doc_kind_of as doc_type_of
from pipeline.notice.patterns import match_heading
from pipeline.notice.record import split_list
from pipeline.readers.txt import parse_lines, split_lines
from pipeline.segment import segment

SOURCE = Source(path="t.txt", name="t.txt", format="txt", sha256="0" * 64, size=0)


def notice_of(text: str, **policy):
    blocks, warnings = parse_lines(split_lines(text))
    return segment(Document(blocks=blocks, format="txt", warnings=warnings), SOURCE)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("一、活动时间", ("一、", "一", "活动时间", "")),
        ("十二、其他", ("一、", "十二", "其他", "")),
        ("三．工作要求", ("一、", "三", "工作要求", "")),
        ("（一）加强组织领导。各单位要结合实际。",
         ("（一）", "一", "加强组织领导", "各单位要结合实际。")),
        ("(二)提升宣传实效", ("（一）", "二", "提升宣传实效", "")),
        ("1.自查阶段", ("1.", "1", "自查阶段", "")),
        ("1．居民住宅。重点检查老旧小区。", ("1.", "1", "居民住宅", "重点检查老旧小区。")),
        ("2、商业用户", ("1.", "2", "商业用户", "")),
        ("（1）水表。检查首次强制检定。", ("（1）", "1", "水表", "检查首次强制检定。")),
        ("(2) 燃气表", ("（1）", "2", "燃气表", "")),
        ("（一）工作目标：到2025年完成改造。", ("（一）", "一", "工作目标", "到2025年完成改造。")),
        ("（一）加强组织领导。", ("（一）", "一", "加强组织领导", "")),
        ("（一）统一思想，提高认识。", ("（一）", "一", "统一思想，提高认识", "")),
        ("（1）请贵局推荐省内具备相应能力的实验室参加比对。",
         ("（1）", "1", "", "请贵局推荐省内具备相应能力的实验室参加比对。")),
    ],
)  # fmt: skip
def test_headings(line, expected):
    assert match_heading(line) == expected


@pytest.mark.parametrize(
    "line", ["5.20期间活动", "2024年5月", "一是加强领导", "正文段落。", "12345"]
)
def test_not_headings(line):
    assert match_heading(line) is None


@pytest.mark.parametrize(
    ("title", "kind", "issuer"),
    [
        ("上海市市场监督管理局关于开展活动的通知", "通知", "上海市市场监督管理局"),
        ("关于印发《实施细则（试行）》的通知", "通知", None),
        ("国家发展改革委办公厅 税务总局办公厅关于加强纳税信用建设的通知", "通知",
         "国家发展改革委办公厅 税务总局办公厅"),
        ("某局关于商请协助的函", "函", "某局"),
        ("关于2024年工作情况的报告", "报告", None),
        ("关于某事项的请示", "请示", None),
        ("关于某事项的批复", "批复", None),
        ("某市人民政府关于某事的决定", "决定", "某市人民政府"),
        ("关于某事的意见", "意见", None),
        ("某局关于某事的通告", "通告", "某局"),
        ("某局公告", "公告", None),
        ("某会议纪要", "纪要", None),
        ("某次会议决议", "决议", None),
        ("某公报", "公报", None),
        ("关于某事的议案", "议案", None),
        ("关于表彰先进的通报", "通报", None),
        ("中华人民共和国主席令", "命令", None),
        ("某某工作方案", "工作方案", None),
        ("某市计量监督管理办法（试行）", "办法", None),
        ("某校大学生创新训练计划", "计划", None),
        ("某区2024年度部门决算", "决算", None),
        ("某某人才引进名单", None, None),
    ],
)  # fmt: skip
def test_doc_type_and_issuer(title, kind, issuer):
    assert doc_type_of(title) == kind
    assert issuer_of(title) == issuer


def test_split_list_keeps_dunhao_groups():
    assert split_list("各区市场监管局，市局执法总队、机场分局,各有关单位：") == [
        "各区市场监管局",
        "市局执法总队、机场分局",
        "各有关单位",
    ]


def test_references_with_and_without_numbers_in_every_bracket_style():
    text = (
        "根据《甲通知》（市监计量函〔2024〕146号）、《乙办法》(沪市监[2023]5号)、"
        "《丙规定》（浙市监【2022】12号）和《中华人民共和国计量法》，以及《甲通知》。"
    )
    assert [(r.title, r.doc_number) for r in find_references(text)] == [
        ("甲通知", "市监计量函〔2024〕146号"),
        ("乙办法", "沪市监[2023]5号"),
        ("丙规定", "浙市监【2022】12号"),
        ("中华人民共和国计量法", None),
    ]


def test_contacts():
    text = (
        "报市局（市局计量处联系人：何佳亮，联系电话：64220000转2396分机，邮箱：a.b@163.com）。\n"
        "联系人：张华、李明，电话：0571-81234567，手机：13800000000"
    )
    contacts = find_contacts(text)
    assert [(c.name, c.unit, c.phone, c.email) for c in contacts] == [
        ("何佳亮", "市局计量处", ["64220000转2396分机"], ["a.b@163.com"]),
        ("张华、李明", None, ["0571-81234567", "13800000000"], []),
    ]


FULL = """杭州市市场监督管理局文件

杭市监〔2024〕7号

杭州市市场监督管理局关于开展
计量检查的通知

各区市场监管局，市局各处室：
为做好工作，现通知如下：
一、检查范围
1．居民住宅
二、工作要求
（一）加强领导。要加强领导。

附件：1．任务分解表
      2．安排表（2024年
      修订）

杭州市市场监督管理局
二〇二四年三月十五日
（此件主动公开）
附件1
任务分解表
序号\t负责单位
1\t市局
附件2：安排表（2024年修订）
序号\t单位
1\t区局
抄送：省局，市政府办公厅。
杭州市市场监督管理局办公室     2024年3月15日印发
"""


def test_full_notice_parts():
    n = notice_of(FULL)
    assert n.masthead == "杭州市市场监督管理局文件"
    assert n.doc_number == "杭市监〔2024〕7号"
    assert n.title == "杭州市市场监督管理局关于开展计量检查的通知"
    assert (n.issuer, n.issuer_from, n.doc_type) == ("杭州市市场监督管理局", "title", "通知")
    assert n.recipients == ["各区市场监管局", "市局各处室"]
    assert n.preamble == "为做好工作，现通知如下："
    assert [(s.level, s.number, s.heading) for s in n.sections] == [
        (1, "一", "检查范围"),
        (1, "二", "工作要求"),
    ]
    assert [(c.level, c.number, c.heading) for c in n.sections[0].children] == [
        (3, "1", "居民住宅")
    ]
    assert n.sections[1].children[0].text == "要加强领导。"
    assert [(a.label, a.title, a.tables, a.found) for a in n.attachments] == [
        ("附件1", "任务分解表", [1], True),
        ("附件2", "安排表（2024年修订）", [2], True),
    ]
    assert n.signatories == ["杭州市市场监督管理局"]
    assert (n.date, n.date_raw) == ("2024-03-15", "二〇二四年三月十五日")
    assert n.notes == ["（此件主动公开）"]
    assert n.cc == ["省局", "市政府办公厅"]
    assert (n.printed_by, n.printed_date) == ("杭州市市场监督管理局办公室", "2024-03-15")
    assert [(t.title, t.attachment, t.rows) for t in n.tables] == [
        ("任务分解表", "附件1", [["1", "市局"]]),
        ("安排表（2024年修订）", "附件2", [["1", "区局"]]),
    ]
    assert n.warnings == []


def test_doc_number_variants_and_signer():
    n = notice_of(
        "某局\n\n某监函【2024】8号   签发人：李明 王强\n\n某局关于某事的函\n\n某单位：\n正文。"
    )
    assert (n.masthead, n.doc_number, n.signer) == ("某局", "某监函【2024】8号", ["李明", "王强"])
    n = notice_of("某发[2023]第12号\n关于某事的通知\n正文。")
    assert n.doc_number == "某发[2023]第12号"


def test_skipped_levels_nest_under_the_nearest_open_level():
    n = notice_of("关于某事的通知\n一、甲\n（1）子项\n1.乙\n（二）丙\n二、丁")
    top = n.sections
    assert [(s.number, [(c.level, c.number) for c in s.children]) for s in top] == [
        ("一", [(4, "1"), (3, "1"), (2, "二")]),
        ("二", []),
    ]


def test_issuer_falls_back_to_the_signature_when_the_title_has_none():
    n = notice_of("关于开展检查的通知\n\n各单位：\n正文。\n\n某市某局\n2024年1月2日\n")
    assert (n.issuer, n.issuer_from) == ("某市某局", "signature")


def test_unrecognisable_text_is_ok_with_a_warning():
    n = notice_of("这不是公文，只是一段文字。\n另一段。")
    assert n.title is None
    assert {w.code for w in n.warnings} >= {"no_parts", "no_title", "no_date"}


def test_the_document_a_notice_issues_is_not_an_unlisted_attachment():
    n = notice_of(
        "关于印发《某市计量监督办法》的通知\n\n各单位：\n现印发给你们。\n\n某市局\n2024年1月2日\n"
        "某市计量监督办法\n第一条 总则。\n附件1\n某表\n序号\t负责单位\n1\t市局\n"
    )
    assert [(a.label, a.title) for a in n.attachments] == [
        ("附件", "某市计量监督办法"),
        ("附件1", "某表"),
    ]
    assert [w.message for w in n.warnings] == ["附件1 is not listed in the 附件说明"]
