"""Real notices from public repositories (../shared/corpus/real, see its MANIFEST.tsv).

They are not copied into this repository: the tests run when ../shared is beside the
checkout (as in CI) and are skipped otherwise. The legacy .doc files go through
LibreOffice, which .ci/run installs. Each test writes down what the pipeline gives
for one document, including what it cannot know (an issuer the notice never prints).
"""

from __future__ import annotations

import pytest
from conftest import SHARED

import pipeline
from pipeline.model import Group
from pipeline.readers.legacy import find_soffice

REAL = SHARED / "corpus" / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="no ../shared/corpus/real")
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")

_cache: dict[str, pipeline.model.Notice] = {}


def notice(prefix: str):
    """The document's notice, extracted once; its JSON must follow the schema."""
    if prefix not in _cache:
        from pipeline.schema import validation_errors

        (path,) = REAL.glob(f"{prefix}_*")
        n = pipeline.extract(path)
        assert validation_errors(n.to_dict()) == [], path.name
        _cache[prefix] = n
    return _cache[prefix]


def summary(n):
    return {
        "doc_number": n.doc_number,
        "issuer": n.issuer,
        "doc_type": n.doc_type,
        "date": n.date,
        "signatories": n.signatories,
        "attachments": [(a.label, a.tables, a.found) for a in n.attachments],
        "sections": [s.number for s in n.sections],
        "tables": [(len(t.header), len(t.rows)) for t in n.tables],
        "warnings": [w.code for w in n.warnings],
    }


@needs_soffice
def test_01_multi_level_header_and_merged_registration_form():
    n = notice("01")
    assert n.source.format == "doc"
    assert n.title == "关于印发《江苏省高速公路轻微交通事故快速处理快速理赔工作指导意见》的通知"
    assert (n.doc_number, n.date) == ("苏保监发〔2014〕2号", "2014-01-06")
    # The 主送 runs over two lines; the first ends in "，", the second in "：".
    assert n.recipients == [
        "苏州保监分局",
        "各保险行业协会",
        "各财产保险公司省级分公司",
        "各市公安局",
        "各高速公路（桥）经营管理单位",
    ]
    assert n.issuer is None  # the notice prints no issuer in its title and no signature
    (t,) = n.tables
    assert t.title == "江苏省高速公路轻微交通事故临时快处快赔点备案表"
    assert t.header == [
        "序号",
        "道路名称",
        "具体点位位置",
        "派驻人员计划/保险机构/名称",
        "派驻人员计划/保险机构/人数",
        "派驻人员计划/交巡警大队名称及人数",
    ]
    assert [r[0] for r in t.rows] == ["1"] * 4 + ["2"] * 4 + ["3"] * 4  # 序号 merged over 4 rows
    assert len(t.filled) == 36 and {f.reason for f in t.filled} == {"merged"}
    # The attached 指导意见 (the document it 印发s) and the form are not in a 附件说明.
    assert [a.title for a in n.attachments] == [
        "江苏省高速公路轻微交通事故快速处理快速理赔工作指导意见",
        "江苏省高速公路轻微交通事故临时快处快赔点备案表",
    ]


@needs_soffice
def test_02_joint_notice_with_two_level_headers():
    n = notice("02")
    assert summary(n) == {
        "doc_number": "浙保监发﹝2013﹞36号",
        "issuer": "浙江保监局 浙江省司法厅 宁波保监局",
        "doc_type": "通知",
        "date": "2013-07-16",
        "signatories": ["浙江保监局", "浙江省司法厅", "宁波保监局"],
        "attachments": [("附件1", [1], True), ("附件2", [2], True)],
        "sections": ["一", "二", "三"],
        "tables": [(8, 1), (8, 1)],
        "warnings": [],
    }
    assert len(n.recipients) == 4
    assert n.tables[1].header[1:4] == [
        "被鉴定人",
        "前一次鉴定情况/司法鉴定机构",
        "前一次鉴定情况/司法鉴定文书编号",
    ]


@needs_soffice
def test_03_long_recipient_list_and_attachment_list_laid_out_with_spaces():
    n = notice("03")
    assert len(n.recipients) == 11 and n.recipients[3] == "各国有商业银行浙江省分行、杭州分行"
    assert [(a.label, a.title, a.tables) for a in n.attachments] == [
        ("附件1", "浙江辖内银行保险机构“无证明化”改革工作方案", []),
        ("附件2", "浙江辖内银行机构“无证明化”改革指导目录（2020年）", [1]),
        ("附件3", "浙江辖内保险公司“无证明化”改革指导目录（2020年）", [2]),
    ]
    assert [(len(t.header), len(t.rows)) for t in n.tables] == [(6, 16), (6, 15)]
    assert n.tables[0].header[:3] == ["序号", "证明材料", "开具单位"]
    assert n.warnings == []


@needs_soffice
def test_04_tables_without_merges():
    n = notice("04")
    assert summary(n)["tables"] == [(4, 17), (3, 17)]
    assert all(t.filled == [] for t in n.tables)
    assert n.signatories == ["上海保监局"]  # "特此通知" above it is the closing formula, not a name
    assert [t.attachment for t in n.tables] == ["附件1", "附件2"]


@needs_soffice
def test_05_wide_table_with_non_breaking_spaces():
    n = notice("05")
    (t,) = n.tables
    assert (len(t.header), len(t.rows)) == (15, 28)
    assert t.header[2] == "折算后 投诉量" and "\xa0" not in "".join(t.header)
    assert t.title == "上海银行业投诉处理工作考核明细表"  # "时期：" above it is a form field


@needs_soffice
def test_06_doc_number_in_a_frame_table_and_no_attachment():
    assert summary(notice("06")) == {
        "doc_number": "苏保监发〔2018〕3号",
        "issuer": "江苏保监局",
        "doc_type": "通知",
        "date": "2018-01-26",
        "signatories": [],
        "attachments": [],
        "sections": ["一", "二", "三", "四"],
        "tables": [],
        "warnings": [],
    }


@needs_soffice
def test_07_attachments_listed_but_not_embedded():
    n = notice("07")
    assert [(a.label, a.title, a.found) for a in n.attachments] == [
        ("附件1", "交叉金融业务风险监测表", False),
        ("附件2", "交叉金融业务风险监测表填报说明", False),
    ]
    assert len(n.recipients) == 5 and n.tables == []


@needs_soffice
def test_08_attachments_linked_as_files():
    n = notice("08")
    # The 细则 the notice issues lists its own six forms at its end; the web page then
    # links them as files: 附件1-5 in one .xls, 附件6 a .docx.
    assert [(a.label, a.found) for a in n.attachments] == [
        ("附件", True),
        *[(f"附件{k}", False) for k in range(1, 6)],
        ("附件6", True),
        ("附件1-5", True),
    ]
    assert n.attachments[0].title == "江苏省保险公司城乡居民大病保险业务监管实施细则"
    assert n.attachments[6].title == "大病保险分析报告基本框架"
    assert n.tables == []
    codes = [w.code for w in n.warnings]
    assert codes.count("attachment_not_found") == 5 and "attachment_not_listed" in codes


@needs_soffice
def test_27_full_notice_with_embedded_attachment_tables():
    n = notice("27")
    s = summary(n)
    assert s["doc_number"] == "学字〔2018〕14号" and s["date"] == "2018-04-09"
    assert (n.issuer, n.issuer_from) == ("学生工作处 国际合作与交流处", "signature")
    # 附件1 is a photo grid laid out in cells (its text is read as lines, not a table)
    assert s["attachments"] == [("附件1", [], True), ("附件2", [1], True), ("附件3", [2], True),
                                ("附件4", [], True)]  # fmt: skip
    assert len(s["sections"]) == 9 and n.printed_by == "西安电子科技大学党政办公室"
    # The application form's own title row (merged across it) names its table.
    assert [t.title for t in n.tables] == ["项目日程", "哈佛大学“未来菁英计划”访学体验项目申请表"]


@needs_soffice
def test_29_heavily_merged_scoring_form():
    n = notice("29")
    (t,) = n.tables
    assert t.header == ["评分项", "评分", "分值", "分值说明", "得分"]
    assert len(t.rows) == 27 and len(t.filled) == 85
    assert t.rows[1][:2] == ["项目\n完成\n情况", "项目进展情况"]  # merged down from row 1
    assert n.title == "“大学生创新创业训练计划”项目中期检查评分表"
    assert n.recipients == []  # "项目编号：" above the form is the form's field, not a 主送
    assert "no_date" in {w.code for w in n.warnings}


@needs_soffice
def test_30_notice_whose_attachments_are_separate_files():
    n = notice("30")
    assert n.title == "关于开展2014年度“大学生创新创业训练计划”项目中期检查的通知"
    assert n.recipients == []  # its first paragraph ends in "如下：" but is body text
    assert [s.number for s in n.sections] == ["一", "二", "三", "四", "五"]


def test_09_docx_baseline_without_tables():
    assert summary(notice("09")) == {
        "doc_number": "苏银监办〔2005〕235号",
        "issuer": None,
        "doc_type": "通知",
        "date": "2005-11-11",
        "signatories": [],
        "attachments": [],
        "sections": ["一", "二", "三", "四", "五", "六", "七", "八"],
        "tables": [],
        "warnings": [],
    }
    assert notice("09").sections[0].heading == "充分认识异地贷款的风险"


def test_10_standalone_attachment_form():
    n = notice("10")
    assert [(a.label, a.title) for a in n.attachments] == [
        ("附件1", "河北省食品药品从业人员健康检查表")
    ]
    assert [w.code for w in n.warnings] == ["attachment_only"]
    (t,) = n.tables
    assert len(t.header) == 11 and len(t.rows) == 16  # a form: its first row is the "header"


def test_15_announcement_with_a_merged_round_column():
    n = notice("15")
    assert (n.doc_type, n.title) == ("公告", "2025年济南市“泉城购”零售、餐饮消费券发放活动公告")
    (t,) = n.tables
    assert t.header == ["轮次", "批次", "发放时间"]
    assert [r[0] for r in t.rows] == ["第一轮"] * 2 + ["第二轮"] * 3 + ["第三轮"] * 3 + [
        "第四轮"
    ] * 3 + ["第五轮"] * 3
    assert [(f.row, f.from_row) for f in t.filled] == [
        (2, 1), (4, 3), (5, 3), (7, 6), (8, 6), (10, 9), (11, 9), (13, 12), (14, 12)
    ]  # fmt: skip


def test_16_docx_that_python_docx_cannot_open():
    import docx

    (path,) = REAL.glob("16_*")
    with pytest.raises(KeyError):
        docx.Document(str(path))  # the broken relationship python-docx trips over
    n = notice("16")
    assert n.title == "2025年政府汽车消费补贴活动公告"
    assert [s.heading for s in n.sections][:2] == ["活动时间", "活动范围"]


def test_17_short_announcement_signed_and_dated():
    n = notice("17")
    assert (n.title, n.issuer, n.issuer_from, n.date) == (
        "关于追加2025年政府汽车消费补贴资金额度的公告",
        "济南市商务局",
        "signature",
        "2025-02-25",
    )


def test_28_standalone_attachment_laid_out_in_a_photo_grid():
    n = notice("28")
    # The photos, captions and descriptions placed in table cells are layout, not data:
    # their text is read as lines.
    assert n.tables == [] and [a.label for a in n.attachments] == ["附件1"]


def test_28_title_before_a_layout_table():
    assert [a.title for a in notice("28").attachments] == ["项目课程内容"]


# ---------------------------------------------------------------- PDFs


def test_11_red_header_joint_notice_pdf():
    n = notice("11")
    assert n.source.format == "pdf"
    assert (n.doc_number, n.date) == ("济商务字〔2025〕5号", "2025-01-20")
    assert n.title == "关于印发《济南市2025年家电以旧换新补贴实施细则》的通知"
    # Letter-spaced masthead ("济 南 市 商 务 局") closed up; four organs sign side by side.
    assert "济 南" not in n.masthead and n.masthead.startswith("济南市商务局")
    assert n.signatories == ["济南市商务局", "济南市发展和改革委员会", "济南市财政局",
                             "济南市市场监督管理局"]  # fmt: skip
    assert (n.issuer_from, n.notes, n.printed_by) == (
        "signature",
        ["（此件公开发布）"],
        "济南市商务局办公室",
    )
    # The 细则 it 印发s follows the notice; page numbers "— 1 —" are gone from the text.
    assert [a.title for a in n.attachments] == ["济南市2025年家电以旧换新补贴实施细则"]
    assert "— 2 —" not in n.preamble and n.tables == []


def test_13_provincial_notice_with_an_image_page():
    n = notice("13")
    assert (n.doc_number, n.issuer, n.issuer_from) == (
        "鲁商字〔2025〕1号",
        "山东省商务厅等4部门",
        "title",
    )
    # Page 2 (signatures and seals) is an image, read by OCR: the 成文日期 is found, and
    # the 实施方案 the notice 印发s, which follows it, is its attachment.
    assert n.date == "2025-01-20" and n.source.ocr["pages"] == [2]
    assert [a.title for a in n.attachments] == ["山东省2025年家电以旧换新实施方案"]
    assert {"山东省财政厅", "山东省市场监督管理局"} <= set(n.signatories)
    assert not {w.code for w in n.warnings} & {"pages_without_text", "no_date"}
    # Without OCR the page has no text: no 成文日期, and we say so; the 方案 is the body.
    n = pipeline.extract(next(REAL.glob("13_*")), ocr="never")
    assert [s.number for s in n.sections] == ["一", "二", "三"]
    assert [len(s.children) for s in n.sections] == [0, 7, 5]
    assert {w.code for w in n.warnings} == {"pages_without_text", "no_date"}
    assert (n.printed_by, n.printed_date) == ("山东省商务厅办公室", "2025-01-20")


def test_18_scanned_red_header_is_refused_with_advice_without_ocr():
    from pipeline.readers.pdf import NoTextLayer

    (path,) = REAL.glob("18_*")  # read by OCR in tests/test_ocr.py (OCR_SLOW=1: a minute)
    with pytest.raises(NoTextLayer, match=r"has no text layer .*run OCR on it first"):
        pipeline.extract(path, ocr="never")


def test_19_invisible_grids_are_not_tables():
    import pdfplumber

    (path,) = REAL.glob("19_*")
    with pdfplumber.open(path) as pdf:
        reported = sum(len(page.find_tables()) for page in pdf.pages)
    assert reported >= 10  # white background boxes that pdfplumber takes for tables
    n = notice("19")
    assert n.tables == []
    assert (n.date, n.signatories) == ("2024-07-01", ["海南省农业农村厅", "海南省财政厅"])
    assert n.notes == ["（此件主动公开）"] and len(n.recipients) == 1


def test_22_reset_govdoc_pdf():
    n = notice("22")
    assert (n.doc_number, n.title, n.date) == (
        "发改办财金规〔2019〕860号",
        "关于加强个人所得税纳税信用建设的通知",
        "2019-08-20",
    )
    assert n.issuer == "国家发展改革委办公厅 税务总局办公厅" and len(n.recipients) == 3
    assert [s.number for s in n.sections] == ["一", "二", "三", "四", "五"]


def test_23_annual_report_with_statistics_tables():
    n = notice("23")
    assert (n.doc_type, n.title) == ("报告", "淮安市洪泽区人民政府2024年政府信息公开工作年度报告")
    assert [(len(t.header), len(t.rows)) for t in n.tables] == [(4, 4), (2, 4), (10, 25), (15, 1)]
    # Rows merged across a table are group headings, not data rows.
    assert n.tables[0].groups == [Group(3, "第二十条第（五）项")]
    assert n.tables[1].groups == [Group(3, "第二十条第（八）项")]
    assert n.tables[0].header == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert n.tables[3].header[:2] == ["行政复议/结果维持", "行政复议/结果纠正"]


def test_24_budget_template_tables_with_multi_level_headers():
    n = notice("24")
    assert len(n.tables) == 10
    assert n.tables[1].header == ["收入/项目", "收入/决算数", "支出/项目", "支出/决算数"]
    assert n.tables[4].header[:4] == ["收入/项目", "收入/决算数", "支出/项目", "支出/合计"]
    assert n.tables[2].header[:3] == ["项目/功能分类科目编码", "项目/科目名称", "本年收入合计"]
