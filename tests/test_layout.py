"""The layout pass: the role of every line, found from its text and layout facts.

Each test builds a small notice of one layout class in plain text (and, where the class
is about layout facts, as blocks with alignment and size), and checks the roles and the
parts read from them. The generated variants (tests/test_variants.py) check the same
classes in .txt, .docx and .pdf.
"""

from __future__ import annotations

import pytest

from pipeline.model import Cell, Document, Grid, Paragraph, Source
from pipeline.notice import head, layout
from pipeline.notice.record import split_list
from pipeline.readers.txt import parse_lines, split_lines
from pipeline.segment import read_layout, segment

SOURCE = Source(path="t.txt", name="t.txt", format="txt", sha256="0" * 64, size=0)


def doc_of(text: str) -> Document:
    blocks, warnings = parse_lines(split_lines(text))
    return Document(blocks=blocks, format="txt", warnings=warnings)


def roles(text: str) -> list[tuple[str | None, str]]:
    lay = read_layout(doc_of(text))
    return [(e.role, e.text) for e in lay.entries if e.is_line]


def notice_of(text: str):
    return segment(doc_of(text), SOURCE)


def test_date_under_a_heading_is_content_and_the_closing_date_comes_later():
    n = notice_of(
        "某市教育局关于召开2024年招生工作会议的通知\n\n各区教育局：\n现将有关事项通知如下：\n"
        "一、会议时间\n2024年5月10日\n二、会议地点\n市教育局三楼会议室\n三、参会人员\n"
        "各区分管负责同志。\n\n某市教育局\n2024年4月28日\n"
    )
    assert (n.date, [s.heading for s in n.sections]) == (
        "2024-04-28",
        ["会议时间", "会议地点", "参会人员"],
    )
    assert n.sections[0].text == "2024年5月10日"
    assert n.attachments == [] and n.signatories == ["某市教育局"]


def test_date_under_a_field_name_is_content():
    n = notice_of(
        "关于某事的通知\n\n各单位：\n现将有关事项通知如下。\n报名时间\n2024年5月10日\n"
        "报名地点\n市局三楼\n\n某局\n2024年4月1日\n"
    )
    assert (n.date, n.attachments, n.signatories) == ("2024-04-01", [], ["某局"])


def test_record_between_the_date_and_the_attachments():
    n = notice_of(
        "某局关于开展检查的通知\n\n各单位：\n正文。\n\n附件：1．任务表\n2．名单\n\n某局\n"
        "2024年5月10日\n（此件公开发布）\n抄送：省局，市政府办公厅。\n"
        "某局办公室  2024年5月13日印发\n附件1\n任务表\n序号\t负责单位\n1\t市局\n2\t\n"
        "附件2\n名单\n单位\t姓名\n甲\t张三\n"
    )
    assert n.cc == ["省局", "市政府办公厅"]
    assert (n.printed_by, n.printed_date) == ("某局办公室", "2024-05-13")
    assert [(a.label, a.title, a.tables, a.found) for a in n.attachments] == [
        ("附件1", "任务表", [1], True),
        ("附件2", "名单", [2], True),
    ]
    assert n.tables[0].rows == [["1", "市局"], ["2", "市局"]]  # filled from the row above
    assert n.warnings == []


@pytest.mark.parametrize(
    "under",
    ["某府办函〔2025〕12号", "（某府办函〔2025〕12号）", "(某府办函[2025] 12 号)"],
)
def test_doc_number_under_the_title_plain_or_in_parentheses(under):
    n = notice_of(
        f"关于同意举办博览会的函\n{under}\n市科技局：\n正文。\n\n某市政府办公厅\n2025年1月20日\n"
    )
    assert n.doc_number.replace(" ", "") in ("某府办函〔2025〕12号", "某府办函[2025]12号")
    assert (n.title, n.doc_type, n.recipients) == ("关于同意举办博览会的函", "函", ["市科技局"])


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("某市城市更新管理办法", "办法"),
        ("某区2024年城市管理精细化提升行动方案", "方案"),
        ("某校2024年大学生创新训练计划", "计划"),
        ("某市停车服务收费标准", "标准"),
        ("某区2023年度部门决算", "决算"),
        ("某市2024年政府信息公开工作年度报告", "报告"),
    ],
)
def test_titles_that_end_in_the_kinds_notices_issue(title, kind):
    n = notice_of(f"{title}\n\n一、总体要求\n正文。\n二、工作任务\n正文。\n")
    assert (n.title, n.doc_type) == (title, kind)


@pytest.mark.parametrize(
    "line",
    ["2019.6.28", "2019-06-28", "2019/6/28", "2 0 1 9 年 6 月 2 8 日", "二〇一九年六月二十八日"],
)
def test_closing_date_in_every_form(line):
    n = notice_of(f"关于某事的通知\n\n各单位：\n正文。\n\n某局\n{line}\n")
    assert n.date == "2019-06-28"


def test_head_lines_are_their_own_fields_not_the_masthead():
    n = notice_of(
        "000086\n机密★1年\n特急\n某市人民政府办公厅文件\n\n某府办〔2021〕9号\n\n"
        "某市人民政府办公厅关于做好防汛工作的紧急通知\n\n各区人民政府：\n正文。\n\n"
        "某市人民政府办公厅\n2021年5月8日\n"
    )
    assert (n.copy_number, n.secrecy, n.urgency) == ("000086", "机密★1年", "特急")
    assert n.masthead == "某市人民政府办公厅文件" and n.doc_number == "某府办〔2021〕9号"


def test_head_lines_run_into_one_line_are_split():
    n = notice_of(
        "000086 机密★1年 特急 某市人民政府办公厅文件\n某府办〔2021〕9号\n关于某事的通知\n正文。"
    )
    assert (n.copy_number, n.secrecy, n.urgency, n.masthead) == (
        "000086",
        "机密★1年",
        "特急",
        "某市人民政府办公厅文件",
    )


def test_table_of_contents_is_kept_apart_from_the_sections():
    n = notice_of(
        "某区行动方案\n\n目  录\n一、总体要求……1\n二、重点任务……2\n三、保障措施……3\n\n"
        "一、总体要求\n正文。\n二、重点任务\n正文。\n三、保障措施\n正文。\n"
    )
    assert n.toc == ["一、总体要求……1", "二、重点任务……2", "三、保障措施……3"]
    assert [s.number for s in n.sections] == ["一", "二", "三"]


CHAPTERS = (
    "第一章　总则\n第一条　为了规范管理，制定本办法。\n"
    "第二章　附则\n第二条　本办法自发布之日起施行。\n"
)


@pytest.mark.parametrize("gap", [" ", "\t", "……", "  "])
def test_table_of_contents_ends_where_the_body_repeats_its_first_entry(gap):
    """A Word reader gives a dotted right tab as one space ("第一章 总则 1"); in text the
    number stands after a tab, leaders or spaces. The body's first 第一章 is no entry."""
    n = notice_of(
        f"某市某某管理办法\n目　　录\n第一章　总则{gap}1\n第二章　附则{gap}2\n"
        + CHAPTERS
        + "某市人民政府\n2024年5月10日\n"
    )
    assert len(n.toc) == 2
    assert [(s.kind, s.number, [c.number for c in s.children]) for s in n.sections] == [
        ("章", "一", ["一"]),
        ("章", "二", ["二"]),
    ]


def test_table_of_contents_set_in_a_table_is_read_as_its_entries():
    rows = [["第一章　总则", "1"], ["第二章　附则", "2"]]
    toc = Grid(rows=[[Cell(t) for t in r] for r in rows])
    blocks = [Paragraph("某市某某管理办法", align="center", size=22), Paragraph("目　　录"), toc]
    blocks += [Paragraph(t) for t in CHAPTERS.splitlines()]
    blocks += [Paragraph("某市人民政府"), Paragraph("2024年5月10日")]
    n = segment(Document(blocks=blocks, format="docx"), SOURCE)
    assert n.toc == ["第一章\u3000总则\t1", "第二章\u3000附则\t2"] and n.tables == []
    assert [s.number for s in n.sections] == ["一", "二"]


def test_a_table_of_counts_under_its_header_is_no_table_of_contents():
    n = notice_of(
        "关于某事的通知\n\n各区：\n情况如下。\n\n某局\n2024年5月10日\n\n附件\n名额表\n"
        "区\t名额\n黄浦区\t3\n徐汇区\t5\n"
    )
    assert n.toc == [] and [(t.header, t.rows) for t in n.tables] == [
        (["区", "名额"], [["黄浦区", "3"], ["徐汇区", "5"]])
    ]


def test_table_of_contents_without_a_heading_line():
    n = notice_of(
        "某区行动方案\n\n一、总体要求\n二、重点任务\n三、保障措施\n\n"
        "一、总体要求\n正文。\n二、重点任务\n正文。\n三、保障措施\n正文。\n"
    )
    assert len(n.toc) == 3 and [s.number for s in n.sections] == ["一", "二", "三"]


def test_regulation_chapters_above_articles_with_items():
    n = notice_of(
        "某市数据管理办法\n\n第一章 总则\n第一条 为了规范管理，制定本办法。\n"
        "第二条（适用范围）本办法适用于本市。\n第二章 管理\n第三条 下列事项应当报告：\n"
        "（一）数据目录；\n（二）共享清单。\n"
    )
    assert (n.title, n.doc_type) == ("某市数据管理办法", "办法")
    chapters = n.sections
    assert [(c.kind, c.number, c.heading, c.level) for c in chapters] == [
        ("章", "一", "总则", 1),
        ("章", "二", "管理", 1),
    ]
    first, second = chapters[0].children
    assert (first.kind, first.number, first.heading, first.text) == (
        "条",
        "一",
        "",
        "为了规范管理，制定本办法。",
    )
    assert (second.heading, second.text) == ("适用范围", "本办法适用于本市。")
    article = chapters[1].children[0]
    assert [(i.kind, i.level, i.number) for i in article.children] == [
        ("（一）", 4, "一"),
        ("（一）", 4, "二"),
    ]


def test_level_one_heading_with_a_comma_keeps_its_heading():
    n = notice_of(
        "关于某事的意见\n\n一、统一思想，提高认识\n正文。\n二、突出重点，加强落实\n正文。"
    )
    assert [s.heading for s in n.sections] == ["统一思想，提高认识", "突出重点，加强落实"]


def test_seal_placeholder_and_organ_after_the_date_are_the_signature_not_an_attachment():
    n = notice_of("关于某事的通知\n\n各单位：\n正文。\n\n2024年3月1日\n（盖章）\n某市某局\n")
    assert n.date == "2024-03-01" and n.attachments == [] and n.signatories == ["某市某局"]


def test_listed_attachment_not_in_the_file_is_a_warning():
    n = notice_of(
        "关于某事的通知\n\n各单位：\n正文。\n\n附件：1．任务表\n2．回执\n\n某局\n2024年3月1日\n"
        "附件1\n任务表\n序号\t负责单位\n1\t市局\n"
    )
    assert [(a.label, a.found) for a in n.attachments] == [("附件1", True), ("附件2", False)]
    (warning,) = [w for w in n.warnings if w.code == "attachment_not_found"]
    assert "附件2" in warning.message and "separate file" in warning.message


def test_order_promulgating_a_regulation_takes_its_title():
    n = notice_of(
        "某市人民政府令\n第16号\n\n《某市停车管理办法》已经市政府常务会议通过，现予公布。\n\n"
        "某市停车管理办法\n第一章 总则\n第一条 为了规范停车，制定本办法。\n\n市长  张三\n"
        "2024年5月6日\n"
    )
    assert (n.masthead, n.doc_number, n.title, n.doc_type) == (
        "某市人民政府令",
        "第16号",
        "某市停车管理办法",
        "办法",
    )
    assert (n.issuer, n.issuer_from) == ("某市人民政府", "masthead")
    assert n.date == "2024-05-06" and n.sections[0].kind == "章"


def test_joint_masthead_puts_wenjian_last_whatever_line_carries_it():
    assert (
        head.masthead(["甲省教育厅", "甲省财政厅文件", "甲省人社厅"])
        == "甲省教育厅甲省财政厅甲省人社厅文件"
    )


def test_recipient_lists_split_between_organs_not_inside_a_shared_prefix():
    assert split_list("各财产险公司省级分公司、各保险中介机构，各保险社团：") == [
        "各财产险公司省级分公司",
        "各保险中介机构",
        "各保险社团",
    ]
    assert split_list("各保险公司浙江分公司、宁波分公司，市局执法总队、机场分局：") == [
        "各保险公司浙江分公司、宁波分公司",
        "市局执法总队、机场分局",
    ]
    assert split_list("在沪各银行，中资银行分行（政策性银行、国有商业银行），各协会") == [
        "在沪各银行",
        "中资银行分行（政策性银行、国有商业银行）",
        "各协会",
    ]


def test_title_found_by_layout_when_it_ends_in_no_kind():
    """A centred, large line under a label is the title, whatever word it ends with."""
    blocks = [
        Paragraph("附件2", size=16, align="left"),
        Paragraph("2022年通过专业认证的专业名单", size=22, align="center"),
        Paragraph("第三级认证", size=15, gap_before=True),
        Grid(rows=[]),
    ]
    n = segment(Document(blocks=blocks, format="docx"), SOURCE)
    assert n.title == "2022年通过专业认证的专业名单"
    assert [w.code for w in n.warnings] == ["attachment_only"]


def test_form_label_above_a_table_is_not_a_recipient():
    text = "某项目检查评分表\n项目编号：\n评分项\t分值\n进展\t10\n"
    assert ("recipients", "项目编号：") not in roles(text)


def test_inspect_lines_name_every_role():
    lay = read_layout(doc_of("关于某事的通知\n\n各单位：\n正文。\n\n某局\n2024年3月1日\n"))
    described = lay.describe()
    assert [line.split()[1] for line in described] == [
        "title",
        "recipients",
        "body",
        "signature",
        "date",
    ]
    assert all(role in layout.ROLES for role in {e.role for e in lay.entries})


# ---------------------------------------------------------------- notices copied from web pages

WEB_COPY = """某市能源局关于延长市场运行时间的通知
设为首页
首页
信息公开
某市能源局关于延长市场运行时间的通知
2019-03-18 00:00
来源：
字体：
小
|
中
|
大
某能市场〔2019〕117号
各发电企业，各售电公司：
近日，有关单位致函我局，申请适当延长市场运行时间。经研究，同意延长。
特此通知。
某市能源局
2019年3月15日
（联系人：张三
联系电话：
12345678）
扫一扫在手机打开当前页
网站地图 | 联系我们
主办单位：某市能源局 版权所有 京ICP备000000号
"""


def test_a_web_pages_header_and_footer_are_noise_and_the_notice_is_found_under_them():
    n = notice_of(WEB_COPY)
    assert (n.title, n.doc_number, n.date) == (
        "某市能源局关于延长市场运行时间的通知",
        "某能市场〔2019〕117号",
        "2019-03-15",
    )
    assert n.recipients == ["各发电企业", "各售电公司"]
    assert n.signatories == ["某市能源局"] and n.attachments == []
    assert n.notes == ["（联系人：张三", "联系电话：", "12345678）"]
    lay = read_layout(doc_of(WEB_COPY))
    assert [e.text for e in lay.entries if e.role == "title"] == [
        "某市能源局关于延长市场运行时间的通知"
    ]
    assert lay.entries[0].role == "noise"  # the page's own title, above the menus


def test_a_metadata_table_above_the_notice_is_noise():
    n = notice_of(
        "索 引 号：\n000014349/2018-00222\n发文机关：\n国务院\n成文日期：\n2018年12月21日\n"
        "标  题：\n"
        "国务院关于某事的决定\n发文字号：\n国发〔2018〕43号\n"
        "国务院关于某事的决定\n国发〔2018〕43号\n各省人民政府：\n为进一步支持试点，决定如下。\n\n"
        "国务院\n2018年12月21日\n（此件公开发布）\n"
    )
    assert (n.title, n.doc_number, n.recipients, n.date) == (
        "国务院关于某事的决定",
        "国发〔2018〕43号",
        ["各省人民政府"],
        "2018-12-21",
    )
    assert n.copy_number is None  # 000014349… is an index number, not a 份号


@pytest.mark.parametrize(
    ("lines", "date"),
    [("2021\n年\n2\n月\n2\n日", "2021-02-02"), ("2012\n年12月12日", "2012-12-12")],
)
def test_a_date_broken_over_lines_is_joined(lines, date):
    n = notice_of(f"关于某事的通知\n\n各单位：\n正文。\n特此通知。\n某局\n{lines}\n")
    assert n.date == date


def test_a_doc_number_broken_over_lines_is_joined():
    n = notice_of(
        "某局文件\n某电监价财\n﹝\n2012\n﹞\n428\n号\n关于某事的通知\n各单位\n：\n正文。\n"
    )
    assert (n.doc_number, n.recipients) == ("某电监价财﹝2012﹞428号", ["各单位"])


def test_an_organs_name_above_the_title_is_the_masthead():
    n = notice_of("台州市教育局\n\n关于组织教学水平考核的通知\n\n各县（市、区）教育局：\n正文。\n")
    assert (n.masthead, n.title) == ("台州市教育局", "关于组织教学水平考核的通知")
    assert n.recipients == ["各县（市、区）教育局"]


def test_title_wrapped_after_a_dunhao_and_old_style_attachment_note():
    n = notice_of(
        "关于选拔拔尖人才、\n学术技术带头人的通知\n\n各区人事局：\n正文。\n"
        "附：1、拔尖人才推荐表；\n2、带头人推荐表。\n\n中共某市委人才工作\n领导小组办公室\n"
        "二0一一年十月十七日\n主题词：人才  选拔  通知\n抄送：市委组织部\n"
    )
    assert n.title == "关于选拔拔尖人才、学术技术带头人的通知"
    assert [a.title for a in n.attachments] == ["拔尖人才推荐表", "带头人推荐表"]
    assert n.signatories == ["中共某市委人才工作领导小组办公室"]
    assert (n.date, n.cc) == ("2011-10-17", ["市委组织部"])


def test_a_running_header_after_the_date_is_no_attachment():
    n = notice_of(
        "关于某事的通知\n\n各单位：\n正文。\n\n国家某局办公室\n2025年10月22日\n国家某局办公室\n"
    )
    assert (n.signatories, n.attachments) == (["国家某局办公室"], [])


def test_order_printed_with_its_regulation_after_the_title():
    n = notice_of(
        "某某检查管理暂行办法\n（国家某局令第 6 号）\n《某某检查管理暂行办法》已经局务会审议通过，"
        "现予公布。\n局 长：张三\n2023年3月13日\n第一章 总则\n第一条 为了规范检查，制定本办法。\n"
    )
    assert (n.title, n.doc_type, n.doc_number, n.date) == (
        "某某检查管理暂行办法",
        "办法",
        "国家某局令第6号",
        "2023-03-13",
    )
    assert n.signatories == ["局长：张三"]
    (regulation,) = n.attachments
    assert regulation.title == "某某检查管理暂行办法" and regulation.sections[0].kind == "章"


def test_front_matter_and_a_disclaimer_above_the_notice_are_noise():
    n = notice_of(
        "---\n标题: 某区文物局关于延长暂行规定有效期的通知\n文号: 某文物〔2024〕30号\n---\n\n"
        "本文正文由脚本自官方公开页面提取，仅供检索查阅；以官方链接发布版本为准。\n\n"
        "某区文物局关于延长暂行规定有效期的通知\n\n各镇人民政府，各相关单位：\n\n"
        "经评估，暂行规定需要继续实施。\n\n某区文物局\n2024年10月31日\n"
    )
    assert (n.title, n.recipients, n.date) == (
        "某区文物局关于延长暂行规定有效期的通知",
        ["各镇人民政府", "各相关单位"],
        "2024-10-31",
    )


def test_lines_no_notice_prints_above_its_title_are_noise():
    n = notice_of(
        "欢迎访问某某网络管理平台\n接访信息详情\n关于立即开展核查的通知\n"
        "各县（市、区）人民政府，各部门：\n现将有关事项通知如下。\n\n某市人民政府办公室\n"
        "2014年6月10日\n"
    )
    assert (n.title, n.recipients) == (
        "关于立即开展核查的通知",
        ["各县（市、区）人民政府", "各部门"],
    )


def test_issuers_on_the_line_above_stay_in_the_title():
    n = notice_of(
        "首页\n信息公开\n某省商务厅等4部门\n关于印发《某实施方案》的通知\n某商字〔2025〕1号\n"
        "各市商务主管部门：\n现印发给你们。\n"
    )
    assert n.title == "某省商务厅等4部门关于印发《某实施方案》的通知"
    assert n.doc_number == "某商字〔2025〕1号"


def test_attachment_labels_with_full_width_digits_match_the_list():
    n = notice_of(
        "关于某事的通知\n\n各单位：\n正文。\n\n附件：1、推荐表\n\n某站\n二00八年一月十八日\n"
        "附件１：\n推荐表\n姓名\t单位\n张三\t某站\n"
    )
    assert [(a.label, a.found, a.tables) for a in n.attachments] == [("附件1", True, [1])]
    assert n.date == "2008-01-18" and n.warnings == []


def test_attachment_note_with_its_title_on_the_next_line_is_no_signature():
    n = notice_of(
        "关于某事的公告\n\n现批准发布5项地方标准。\n\n附件：\n批准发布的地方标准目录\n"
        "某市市场监督管理局\n2023年6月5日\n"
    )
    assert [a.title for a in n.attachments] == ["批准发布的地方标准目录"]
    assert n.signatories == ["某市市场监督管理局"]


def test_a_document_saved_as_one_line_is_read_by_its_paragraph_indents():
    body = "近年来，各地各有关部门积极推进改革，取得明显成效。" * 8
    one_line = (
        "某自治区人民政府关于加快改革有关问题的通知\n"
        f"　　 某政发〔2006〕17 号　　 各市、县人民政府，区直各委、办、厅、局：　　 {body}"
        f"　　 一、总体要求　　 {body}　　 某自治区人民政府　　 二ＯＯ六年三月十四日\n"
    )
    n = notice_of(one_line)
    assert (n.doc_number, n.date) == ("某政发〔2006〕17号", "2006-03-14")
    assert n.recipients == ["各市、县人民政府", "区直各委、办、厅、局"]
    assert n.signatories == ["某自治区人民政府"]


def test_markdown_with_a_blank_line_between_all_paragraphs():
    n = notice_of(
        "关于某事的函\n\n各区：\n\n正文第一段。\n\n正文第二段。\n\n正文第三段。\n\n"
        "附件：1.名录\n\n2.清单\n\n上海市生态环境局\n\n上海市规划和自然资源局\n\n2026年7月21日\n"
    )
    assert n.signatories == ["上海市生态环境局", "上海市规划和自然资源局"]
    assert [a.title for a in n.attachments] == ["名录", "清单"]


def test_prose_above_a_title_with_its_doc_number_under_it_is_noise():
    n = notice_of(
        "本文正文由脚本自官方公开页面提取，仅供检索查阅；以官方链接发布版本为准。\n"
        "关于进一步规范建筑垃圾治理的通知\n某府发〔2021〕3号\n为规范治理，现通知如下。\n"
    )
    assert (n.title, n.doc_number) == ("关于进一步规范建筑垃圾治理的通知", "某府发〔2021〕3号")


def test_old_record_and_section_signatures_and_a_title_note():
    n = notice_of(
        "关于加强消防监督执法工作的决定\n（2021年7月2日某市人民政府令第51号公布）\n"
        "为了加强消防工作，作如下决定。\n\n医务科\n二〇一六年三月十五日\n"
        "抄报：县广播电视台、镇委\n某站办公室  2016年3月15日印发\n"
    )
    assert n.title == "关于加强消防监督执法工作的决定"
    assert (n.signatories, n.cc) == (["医务科"], ["县广播电视台、镇委"])


def test_a_date_with_no_signature_before_the_document_it_issues():
    n = notice_of(
        "卫生部关于印发《医疗机构审批管理的若干规定》的通知\n\n各省卫生厅：\n现印发给你们。\n"
        "二〇〇八年六月二十四日\n医疗机构审批管理的若干规定\n一、总则\n正文。\n"
    )
    assert n.date == "2008-06-24"
    assert [a.title for a in n.attachments] == ["医疗机构审批管理的若干规定"]


@pytest.mark.parametrize("kind", ["通  知", "通知", "决  定", "实施方案"])
@pytest.mark.parametrize("kind_style", [{}, {"align": "left", "size": 26.0}, {"indent": 40.0}])
def test_a_title_that_stops_at_de_goes_on_with_its_kind_however_set(kind, kind_style):
    """A title broken before its 文种, the kind on a line of its own laid out unlike the
    lines above (letter-spaced, off the centre as OCR places it, in another size)."""
    title = dict(align="center", size=22.0, bold=True)
    blocks = [
        Paragraph("北京某某科技发展中心（有限合伙）", **title),
        Paragraph("关于召开2020年度第二次合伙人会议的", **title),
        Paragraph(kind, **kind_style),
        Paragraph("各位合伙人：", align="left", size=16.0),
        Paragraph("现将有关事项通知如下。", align="left", size=16.0, indent=32.0),
    ]
    source = Source(path="x.pdf", name="x.pdf", format="pdf", sha256="0", size=1)
    notice = segment(Document(blocks=blocks, format="pdf"), source)
    squashed = kind.replace(" ", "")
    assert (
        notice.title
        == f"北京某某科技发展中心（有限合伙）关于召开2020年度第二次合伙人会议的{squashed}"
    )
    assert notice.doc_type == squashed
    assert notice.recipients == ["各位合伙人"]


@pytest.mark.parametrize("about_style", [{}, {"align": "left", "size": 20.0}, {"indent": 30.0}])
def test_the_issuers_line_under_the_doc_number_is_the_titles_first_line(about_style):
    """Under the 发文字号, the issuers' names over "关于…的通知" are the title's first line,
    however the 关于 line is set (OCR places it off the centre, in another size)."""
    title = dict(align="center", size=22.0, bold=True)
    blocks = [
        Paragraph("中共广州市委办公厅", align="center", size=36.0),
        Paragraph("穗厅字〔2024〕21号", align="center", size=16.0),
        Paragraph("中共广州市委办公厅广州市人民政府办公厅", **title),
        Paragraph("关于印发《市直各类机关名称及简称》的通知", **{**title, **about_style}),
        Paragraph("各区党委和人民政府，市直局以上单位：", align="left", size=16.0),
        Paragraph("现印发给你们，请认真贯彻落实。", align="left", size=16.0, indent=32.0),
    ]
    source = Source(path="x.pdf", name="x.pdf", format="pdf", sha256="0", size=1)
    notice = segment(Document(blocks=blocks, format="pdf"), source)
    assert notice.title == (
        "中共广州市委办公厅广州市人民政府办公厅关于印发《市直各类机关名称及简称》的通知"
    )
    assert notice.doc_number == "穗厅字〔2024〕21号"
    assert notice.recipients == ["各区党委和人民政府", "市直局以上单位"]


# A 令 as a law database prints it: a source line, the regulation's title, the 令 with its
# number, the sentence publishing it, the signer and the date, then the regulation itself,
# whose articles may end a line in "：" ("…履行以下职责："). Such a line under a 第一条 or 一、
# is the body's, not a 主送, so the 令's own head is no web page's header.
ORDER_HEAD = (
    "原文链接：https://example.invalid/lar/1.html\n"
    "{title}\n某市人民政府令\n\n（第19号）\n"
    "《{title}》已经2019年7月30日市政府第60次常务会议通过，现予公布，自2019年8月20日起施行。\n"
    "{signer}\n{gap}2019年8月12日\n"
)


@pytest.mark.parametrize("gap", ["", "\n"], ids=["date_under", "blank_line"])
@pytest.mark.parametrize("signer", ["市长　应勇", "市长 危伟汉"], ids=["wide_space", "space"])
@pytest.mark.parametrize(
    "printed, body",
    [
        (  # the title printed again with full-width brackets, articles with a colon line
            "某（甲）区管理办法",
            "第一章　总则\n第一条　（目的）\n为了规范管理，制定本办法。\n第二条　（职责）\n"
            "管委会依照本办法履行以下职责：\n（一）组织实施规划；\n（二）负责投资管理。\n",
        ),
        (  # numbered 一、 sections, the colon line under the first of them
            "某(甲)区管理办法",
            "一、总体要求\n各单位应当做好以下工作：\n（一）组织实施规划。\n二、保障措施\n加强领导。\n",
        ),
    ],
    ids=["articles", "sections"],
)
def test_an_order_whose_body_has_a_line_ending_in_a_colon(printed, body, signer, gap):
    title = "某(甲)区管理办法"
    text = ORDER_HEAD.format(title=title, signer=signer, gap=gap) + printed + "\n" + body
    n = notice_of(text)
    assert (n.title, n.masthead, n.date) == (title, "某市人民政府令", "2019-08-12")
    assert n.signatories == [signer.replace("　", " ")]
    assert n.recipients == []


def test_a_recipient_line_above_the_first_heading_is_still_the_recipients():
    n = notice_of(
        "关于做好某项工作的通知\n\n各区人民政府，市政府各委、办、局：\n现将有关事项通知如下：\n"
        "一、工作要求\n各单位应当做好以下工作：\n（一）组织实施。\n\n某市人民政府\n2024年4月1日\n"
    )
    assert n.recipients == ["各区人民政府", "市政府各委、办、局"]
    assert [s.heading for s in n.sections] == ["工作要求"]


def test_an_order_with_a_colon_line_in_its_articles_as_a_docx(tmp_path):
    """The same class laid out as Word prints it: centred title and 令, indented sentence,
    signer and date at the right, the regulation's title again, articles indented."""
    from docx_builder import docx, p

    import pipeline

    centre, right = '<w:jc w:val="center"/>', '<w:jc w:val="right"/>'
    indent = '<w:ind w:firstLine="640"/>'
    body = "".join(
        [
            p("原文链接：https://example.invalid/lar/1.html"),
            p("某(甲)区管理办法", centre),
            p("某市人民政府令", centre),
            p("（第19号）", centre),
            p("《某(甲)区管理办法》已经2019年7月30日市政府第60次常务会议通过，现予公布。", indent),
            p("市长　应勇", right),
            p("2019年8月12日", right),
            p("某（甲）区管理办法", centre),
            p("第一章　总则", centre),
            p("第一条　为了规范管理，制定本办法。", indent),
            p("第二条　管委会依照本办法履行以下职责：", indent),
            p("（一）组织实施规划；", indent),
            p("（二）负责投资管理。", indent),
        ]
    )
    path = tmp_path / "order.docx"
    path.write_bytes(docx(body))
    n = pipeline.extract(path)
    assert (n.title, n.masthead, n.date) == ("某(甲)区管理办法", "某市人民政府令", "2019-08-12")
    assert n.recipients == []
