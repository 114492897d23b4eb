# ruff: noqa: E501  (the notices' sentences are data; splitting them would only hurt reading)
"""Layout variants of 公文 with their truth by construction (`make variants`).

Each variant is written once, as data (the parts of one notice: 版头, 标题, 主送, body as a
section tree, 附件说明, 署名, 成文日期, 附注, 版记, attachments with tables), and rendered three
ways into samples/variants/:

- NAME.txt: UTF-8 text as a notice copied from a web page looks (blank lines between parts,
  tables as tab-separated rows, a merged cell as a blank);
- NAME.docx: built with python-docx as a Word 公文 is laid out (red centred masthead, title
  22 pt bold and centred, body 16 pt with a first-line indent, signature and date at the
  right, each attachment on a new page with its label at the left, real Word tables with
  vertical merges in the responsible-unit column, "— N —" page numbers);
- NAME.pdf: that .docx rendered by LibreOffice (committed; re-rendered only when the .docx
  bytes change, or with --force-pdf; skipped with a message when soffice is missing).

samples/variants/truth.json holds, for every file, the values the pipeline must find. They are
computed here from the same data the files are rendered from, never from pipeline output; the
keys and conventions are those of pipeline.model.Notice (see scripts/score_variants.py).

Output is deterministic: fixed dates in the .docx core properties and zip entries, stable
order, so running this again gives no diff for .txt, .docx and truth.json.

    python scripts/make_variants.py             # write samples/variants/
    python scripts/make_variants.py --list      # the variants and what each one exercises
    python scripts/make_variants.py --out DIR --no-docx --no-pdf   # text and truth only
"""

from __future__ import annotations

import argparse
import copy
import datetime
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "samples" / "variants"
STAMP = datetime.datetime(2024, 6, 1)

# Fonts a Word 公文 names (LibreOffice falls back to the Noto CJK fonts).
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XBS = "方正小标宋简体"

# ==================================================================== the model of a variant


@dataclass
class Tbl:
    """A table: header row and data rows; "" in a merge column is covered by the cell above."""

    header: list[str]
    rows: list[list[str]]
    merge_cols: tuple[int, ...] = ()  # columns whose blanks are vertical merges in the .docx
    title: str | None = None  # a caption line printed above the table (part of the text)


@dataclass
class Sec:
    """A numbered part: kind as in pipeline.model.Section ("一、", "（一）", "1.", "（1）", 章, 节, 条)."""

    kind: str
    number: str
    heading: str = ""
    text: str = ""  # run-in text on the heading's line ("加强组织领导。各单位要…")
    paras: list = field(default_factory=list)  # paragraphs (str) and tables (Tbl) under it
    children: list[Sec] = field(default_factory=list)


@dataclass
class Att:
    """An attachment: number ("" for a single one), title lines, content; absent if not present."""

    number: str
    title: list[str]
    content: list = field(default_factory=list)  # str, Sec, Tbl
    # "alone": 附件1 on its own line; "inline": "附件 1：title"; "none": the title only
    label: str = "alone"
    present: bool = True  # False: listed in the 附件说明 but a separate file


@dataclass
class Variant:
    name: str
    about: str  # what the variant exercises
    title: list[str]
    doc_type: str
    date_text: str | None
    copy_number: str | None = None
    secrecy: str | None = None
    urgency: str | None = None
    masthead: list[str] = field(default_factory=list)  # organs
    masthead_suffix: str = "文件"  # "文件", "令" or ""
    # a joint masthead in text: "文件" after the "last" organ, or on its "own" line
    masthead_txt: str = "last"
    order_number: str | None = None  # 令号 "第16号"
    doc_number: str | None = None
    number_at: str = "above"  # "above" (under the masthead), "under" the title, "paren", "left"
    signer: list[str] = field(default_factory=list)  # 签发人 (with number_at "left")
    lead: list[str] = field(default_factory=list)  # paragraphs before the title (a 令's words)
    recipients: list[str] = field(default_factory=list)
    toc: list[tuple[str, str]] = field(default_factory=list)  # (entry, page)
    body: list = field(default_factory=list)  # preamble paragraphs, then Sec
    closing: str | None = None
    attachments: list[Att] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    sign_layout: str = "stack"  # "stack": one organ a line; "line": side by side
    sign_text: str | None = None  # printed instead of the organs (a 令: "市长  张三")
    notes: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    printed_by: str | None = None
    printed_text: str | None = None  # "2024年5月13日"
    record_at: str = "after"  # 版记 "after" the attachments (standard) or "before" them
    warnings: list[str] = field(default_factory=list)  # codes the pipeline must report
    unchecked: tuple[str, ...] = ()  # truth keys left out: no single right answer
    # how the text copy looks
    txt_indent: bool = True  # body paragraphs start with two full-width spaces
    txt_centre: bool = True  # title and signature lines padded with spaces
    txt_airy: bool = False  # a blank line between every two paragraphs
    # how the Word file is built
    title_breaks: bool = True  # title lines joined by soft breaks (else one paragraph a line)
    numbered_level2: bool = False  # "（一）" labels generated by Word numbering


def h1(number, heading="", text="", *paras, sub=()):
    return Sec("一、", number, heading, text, list(paras), list(sub))


def h2(number, heading="", text="", *paras, sub=()):
    return Sec("（一）", number, heading, text, list(paras), list(sub))


def h3(number, heading="", text="", *paras, sub=()):
    return Sec("1.", number, heading, text, list(paras), list(sub))


def h4(number, heading="", text="", *paras, sub=()):
    return Sec("（1）", number, heading, text, list(paras), list(sub))


def chapter(number, heading, *articles):
    return Sec("章", number, heading, children=list(articles))


def section(number, heading, *articles):
    return Sec("节", number, heading, children=list(articles))


def article(number, text, *items, heading="", paras=()):
    return Sec("条", number, heading, text, list(paras), list(items))


# ==================================================================== the variants


# fmt: off
def variants() -> list[Variant]:
    return [
        Variant(
            name="v01_suzhou_record_before",
            about="通知; masthead X文件, 文号〔〕 above the title; 2-line title; 版记 BEFORE the "
            "attachments; 附件1/附件2 labels alone, two tables, 责任单位 and 整治环节 merged; "
            "run-in （一） headings; 附注（此件公开发布）",
            masthead=["苏州市市场监督管理局"],
            doc_number="苏市监质〔2024〕31号",
            title=["苏州市市场监督管理局关于开展2024年", "电动自行车产品质量安全专项整治的通知"],
            doc_type="通知",
            recipients=["各县级市（区）市场监督管理局", "市局各处室、直属各单位"],
            body=[
                "为深入贯彻落实《江苏省电动自行车安全隐患全链条整治行动方案》要求，切实加强电动自行车产品质量安全监管，有效防范化解安全风险，市局决定于2024年5月至10月在全市开展电动自行车产品质量安全专项整治。现将有关事项通知如下：",
                h1("一", "整治重点", sub=[
                    h2("一", "生产环节", "重点检查电动自行车整车及蓄电池、充电器生产企业的原材料进货查验、出厂检验和强制性产品认证执行情况。"),
                    h2("二", "销售环节", "重点检查电动自行车销售门店、电商平台销售未获强制性产品认证产品、非法改装等违法行为。"),
                    h2("三", "维修环节", "重点检查维修门店擅自改装、拆除限速装置、更换不合格蓄电池等行为。"),
                ]),
                h1("二", "工作步骤", sub=[
                    h2("一", "动员部署（5月中旬前）", "各地制定具体实施方案，明确责任分工，全面部署专项整治工作。"),
                    h2("二", "集中整治（5月下旬至9月）", "各地按照附件1的任务分工开展集中检查，依法查处违法行为。"),
                    h2("三", "总结提升（10月）", "各地全面总结专项整治成效，建立长效监管机制。"),
                ]),
                h1("三", "工作要求", sub=[
                    h2("一", "压实工作责任", "各地要把专项整治作为安全生产的重要任务，主要负责同志亲自部署，分管负责同志具体推进。"),
                    h2("二", "加强信息报送", "各地要确定一名联络员，于5月20日前将联络员名单（附件2）报市局产品质量安全监督管理处，每月5日前报送上月工作进展。"),
                ]),
            ],
            closing="特此通知。",
            attachments=[
                Att("1", ["电动自行车产品质量安全专项整治任务分工表"], [
                    Tbl(
                        ["序号", "整治环节", "工作任务", "完成时限", "责任单位"],
                        [
                            ["1", "生产环节", "对辖区整车、蓄电池生产企业开展全覆盖检查", "9月30日", "市局产品质量安全监督管理处"],
                            ["2", "", "组织开展电动自行车产品质量监督抽查", "8月31日", ""],
                            ["3", "销售环节", "检查销售门店强制性产品认证标志和产品合格证", "9月30日", "各县级市（区）市场监督管理局"],
                            ["4", "", "开展电商平台网络销售监测", "9月30日", "市局网络交易监督管理处"],
                            ["5", "维修环节", "查处非法改装、拆除限速装置行为", "9月30日", "各县级市（区）市场监督管理局"],
                            ["6", "", "开展维修门店专项检查", "9月30日", ""],
                        ],
                        merge_cols=(1, 4),
                    )
                ]),
                Att("2", ["专项整治联络员名单"], [
                    Tbl(
                        ["单位", "姓名", "职务", "办公电话", "手机"],
                        [
                            ["张家港市市场监督管理局", "", "", "", ""],
                            ["常熟市市场监督管理局", "", "", "", ""],
                            ["昆山市市场监督管理局", "", "", "", ""],
                        ],
                    )
                ]),
            ],
            signatories=["苏州市市场监督管理局"],
            date_text="2024年5月10日",
            notes=["（此件公开发布）"],
            cc=["江苏省市场监督管理局", "市安委会办公室"],
            printed_by="苏州市市场监督管理局办公室",
            printed_text="2024年5月13日",
            record_at="before",
        ),
        Variant(
            name="v02_guangzhou_head_lines",
            about="紧急通知; 份号 000086, 密级 机密★1年, 紧急程度 特急 above the masthead; 3-line "
            "title; 附件 labels inline (附件 1：title), two tables, 负责单位 merged; 版记 after",
            copy_number="000086",
            secrecy="机密★1年",
            urgency="特急",
            masthead=["广州市人民政府办公厅"],
            doc_number="穗府办〔2021〕9号",
            title=["广州市人民政府办公厅", "关于做好2021年“龙舟水”期间", "防汛防风工作的紧急通知"],
            doc_type="通知",
            recipients=["各区人民政府", "市政府各部门、各直属机构"],
            body=[
                "据市气象部门预测，今年“龙舟水”期间（5月21日至6月20日）我市降雨量较常年偏多二至三成，出现强降水、强对流天气的可能性较大，防汛防风形势严峻复杂。经市人民政府同意，现就做好有关工作紧急通知如下：",
                h1("一", "强化责任落实", "", "各区、各部门要严格落实以行政首长负责制为核心的防汛防风责任制，区、镇（街）、村（居）三级防汛责任人要在汛前全部落实到位，名单于5月15日前报市三防指挥部办公室（见附件1）。"),
                h1("二", "加强监测预警", sub=[
                    h2("一", "提高预报精度", "气象部门要加密监测频次，及时发布暴雨、雷雨大风等预警信息。"),
                    h2("二", "畅通预警发布渠道", "各区要充分利用应急广播、短信、微信等手段，确保预警信息及时传达到基层一线。"),
                ]),
                h1("三", "全面排查整治隐患", "", "各区、各有关部门要对在建工地、地下空间、低洼易涝区、山洪地质灾害隐患点开展拉网式排查，重点隐患排查任务按附件2分工落实，6月10日前完成整改。"),
                h1("四", "做好应急处置", sub=[
                    h2("一", "落实值班值守", "汛期实行24小时值班和领导带班制度，严禁脱岗漏岗。"),
                    h2("二", "及时转移群众", "遇强降雨时，各区要果断组织危险区域群众转移避险，确保人员安全。"),
                ]),
            ],
            closing="特此通知。",
            attachments=[
                Att("1", ["各区防汛责任人名单"], [
                    Tbl(
                        ["区", "区级责任人", "职务", "镇（街）责任人数", "联系电话"],
                        [
                            ["越秀区", "刘建华", "区长", "18", "020-83000001"],
                            ["海珠区", "黄志强", "区长", "18", "020-84000002"],
                            ["天河区", "陈立新", "副区长", "21", "020-38000003"],
                            ["白云区", "周海涛", "副区长", "24", "020-36000004"],
                        ],
                    )
                ], label="inline"),
                Att("2", ["重点隐患排查任务分工表"], [
                    Tbl(
                        ["序号", "隐患类别", "排查内容", "完成时限", "负责单位"],
                        [
                            ["1", "在建工地", "基坑、高支模、临时围挡", "6月10日", "市住房城乡建设局"],
                            ["2", "地下空间", "地下车库、地铁站出入口挡水设施", "6月10日", ""],
                            ["3", "低洼易涝区", "易涝点排水设施、泵站运行", "6月5日", "市水务局"],
                            ["4", "山洪地质灾害隐患点", "隐患点监测、避险转移路线", "6月5日", "市规划和自然资源局"],
                            ["5", "危险边坡", "边坡支护、截排水设施", "6月5日", ""],
                        ],
                        merge_cols=(4,),
                    )
                ], label="inline"),
            ],
            signatories=["广州市人民政府办公厅"],
            date_text="2021年5月8日",
            cc=["市委办公厅", "市人大常委会办公厅", "市政协办公厅", "广州警备区"],
            printed_by="广州市人民政府办公厅秘书处",
            printed_text="2021年5月8日",
            txt_centre=False,
            title_breaks=False,
        ),
        Variant(
            name="v03_tianjin_han_paren_number",
            about="函 (复函) without masthead; 1-line title starting 关于; 文号 in parentheses under "
            "the title （津政办函〔2025〕12号）; 一、 numbered paragraphs without heading; 附注 联系人",
            doc_number="津政办函〔2025〕12号",
            number_at="paren",
            title=["关于同意举办2025世界智能产业博览会的函"],
            doc_type="函",
            recipients=["市科技局"],
            body=[
                "你局《关于申请举办2025世界智能产业博览会的请示》（津科技〔2025〕3号）收悉。经市人民政府同意，现函复如下：",
                h1("一", "", "同意于2025年6月在国家会展中心（天津）举办2025世界智能产业博览会，由市科技局会同市商务局、滨海新区人民政府承办。"),
                h1("二", "", "请你局会同有关单位认真做好筹备工作，制定安全保障和应急处置预案，严格控制办会规模和经费支出，确保展会安全有序。"),
                h1("三", "", "展会期间涉及的交通组织、安全保卫等事项，由市公安局牵头协调落实。"),
            ],
            closing="特此函复。",
            signatories=["天津市人民政府办公厅"],
            date_text="2025年1月20日",
            notes=["（联系人：王五，电话：022-12345678）"],
            txt_indent=False,
            txt_centre=False,
            txt_airy=True,
        ),
        Variant(
            name="v04_zhejiang_joint_two",
            about="joint masthead of two organs + 文件 (a borderless Word table in the .docx); 文号 "
            "with [] and a space before 号; joint title on 2 lines; signatures side by side; "
            "date 二〇二三年十一月二十日; one attachment labelled 附件 with a table",
            masthead=["浙江省财政厅", "浙江省发展和改革委员会"],
            masthead_txt="last",
            doc_number="浙财综[2023] 45 号",
            title=["浙江省财政厅　浙江省发展和改革委员会", "关于调整部分行政事业性收费标准的通知"],
            doc_type="通知",
            recipients=["各市、县（市、区）财政局、发展改革委（局）", "省级有关部门"],
            body=[
                "为进一步降低制度性交易成本，优化营商环境，根据《浙江省行政事业性收费管理条例》和国家有关规定，经省人民政府同意，现就调整部分行政事业性收费标准有关事项通知如下：",
                h1("一", "调整范围", "", "降低不动产登记费、特种设备检验检测费等3项行政事业性收费标准，具体标准见附件。"),
                h1("二", "执行时间", "", "本通知自2024年1月1日起执行。此前有关规定与本通知不一致的，以本通知为准。"),
                h1("三", "工作要求", "", "各地各部门要严格执行调整后的收费标准，做好政策宣传解读，不得以任何形式变相提高收费标准或扩大收费范围。收费单位要在收费场所醒目位置公示收费项目、收费标准和投诉电话，自觉接受社会监督。"),
            ],
            attachments=[
                Att("", ["部分行政事业性收费标准调整表"], [
                    Tbl(
                        ["序号", "收费项目", "收费单位", "原标准", "调整后标准", "备注"],
                        [
                            ["1", "住宅类不动产登记费", "不动产登记机构", "每件80元", "每件60元", ""],
                            ["2", "非住宅类不动产登记费", "不动产登记机构", "每件550元", "每件400元", ""],
                            ["3", "特种设备检验检测费", "特种设备检验机构", "按现行标准", "降低20%", "电梯定期检验"],
                        ],
                    )
                ]),
            ],
            signatories=["浙江省财政厅", "浙江省发展和改革委员会"],
            sign_layout="line",
            date_text="二〇二三年十一月二十日",
            cc=["财政部浙江监管局", "省市场监管局"],
            printed_by="浙江省财政厅办公室",
            printed_text="2023年11月22日",
        ),
        Variant(
            name="v05_hubei_joint_three",
            about="joint masthead of three organs with 文件 on its own line (text) / a borderless "
            "table (.docx); 文号 with 【】; 1-line title; （一） numbered paragraphs without "
            "heading; signatures stacked on three lines; no attachment, no 版记",
            masthead=["湖北省教育厅", "湖北省财政厅", "湖北省人力资源和社会保障厅"],
            masthead_txt="own",
            doc_number="鄂教师【2022】6号",
            title=["关于做好乡村教师生活补助发放工作的通知"],
            doc_type="通知",
            recipients=["各市、州、直管市、神农架林区教育局、财政局、人力资源和社会保障局"],
            body=[
                "为贯彻落实省委、省政府关于加强乡村教师队伍建设的部署，进一步提高乡村教师待遇，稳定和扩大乡村教师队伍，现就做好2022年乡村教师生活补助发放工作通知如下：",
                h1("一", "补助范围", "", "在乡镇及以下公办中小学、幼儿园在编在岗的教职工，以及经县级教育行政部门批准、在上述学校连续任教满一年的特岗教师。"),
                h1("二", "补助标准", sub=[
                    h2("一", "", "按照学校艰苦边远程度实行差别化补助，村小、教学点教师每人每月不低于500元。"),
                    h2("二", "", "乡镇中心学校教师每人每月不低于300元，具体标准由各县（市、区）确定。"),
                ]),
                h1("三", "资金保障", "", "乡村教师生活补助所需资金由县级财政统筹安排，省级财政按照规定给予综合奖补。各地要将补助资金足额纳入年度预算，不得挤占挪用。"),
                h1("四", "工作要求", "", "各地要于2022年9月30日前将补助发放情况报省教育厅教师工作处，同时抄送省财政厅、省人力资源和社会保障厅。"),
            ],
            closing="特此通知。",
            signatories=["湖北省教育厅", "湖北省财政厅", "湖北省人力资源和社会保障厅"],
            date_text="2022年8月16日",
            notes=["（此件主动公开）"],
            txt_airy=True,
        ),
        Variant(
            name="v06_shanghai_ling_banfa",
            about="a 办法 published alone with a 令: masthead 上海市人民政府令, 令号 第16号, the "
            "promulgation, the 办法 (title, 第一章…, 第一条（目的和依据） articles with titles, "
            "（一） items), then 市长  张三 and the date",
            masthead=["上海市人民政府"],
            masthead_suffix="令",
            order_number="第16号",
            lead=["《上海市电动自行车停放充电安全管理办法》已经2024年4月22日市政府第52次常务会议通过，现予公布，自2024年7月1日起施行。"],
            title=["上海市电动自行车停放充电安全管理办法"],
            doc_type="办法",
            body=[
                chapter("一", "总则",
                    article("一", "为了加强电动自行车停放充电安全管理，预防和减少火灾事故，保障人民群众生命财产安全，根据《中华人民共和国消防法》《上海市消防条例》等法律、法规，结合本市实际，制定本办法。", heading="目的和依据"),
                    article("二", "本市行政区域内电动自行车停放、充电及其相关安全管理活动，适用本办法。", heading="适用范围"),
                    article("三", "市消防救援部门对本市电动自行车停放充电消防安全工作实施监督管理。", heading="部门职责",
                            paras=["住房城乡建设管理、公安、市场监管等部门按照各自职责，做好电动自行车停放充电安全管理相关工作。"]),
                ),
                chapter("二", "停放管理",
                    article("四", "新建住宅小区应当按照有关标准配套建设电动自行车集中停放场所和充电设施。", heading="停放场所设置"),
                    article("五", "任何单位和个人不得有下列行为：",
                        h2("一", "", "在建筑物首层门厅、楼梯间、共用走道、安全出口处停放电动自行车；"),
                        h2("二", "", "携带电动自行车或者其蓄电池进入电梯轿厢；"),
                        h2("三", "", "私拉电线和插座为电动自行车充电。"),
                        heading="禁止行为"),
                ),
                chapter("三", "充电管理",
                    article("六", "住宅小区物业服务企业应当协助建设单位或者业主设置电动自行车充电设施，充电设施应当具备定时充电、自动断电、故障报警等功能。", heading="充电设施建设"),
                    article("七", "物业服务企业应当每日对电动自行车集中停放场所和充电设施开展防火巡查，发现隐患及时处置。", heading="安全检查"),
                ),
                chapter("四", "法律责任",
                    article("八", "违反本办法第五条第（一）项规定的，由消防救援机构责令改正，对个人处警告或者五百元以下罚款。", heading="违反停放规定的处理"),
                ),
                chapter("五", "附则",
                    article("九", "本办法自2024年7月1日起施行。", heading="施行日期"),
                ),
            ],
            sign_text="市长　　张三",
            date_text="2024年5月6日",
            unchecked=("signatories",),  # a 令 is signed by a person, not an organ
        ),
        Variant(
            name="v07_xiamen_yinfa_banfa",
            about="关于印发《…办法》的通知 with the 办法 as its single attachment (附件): 第一章, "
            "第一节, 第一条 articles without titles, （一） items; the notice body has no numbered "
            "sections; date 二〇二〇年七月三日; 版记 after",
            masthead=["厦门市财政局"],
            doc_number="厦财预〔2020〕15号",
            title=["厦门市财政局关于印发", "《厦门市市级财政专项资金管理办法》的通知"],
            doc_type="通知",
            recipients=["市直各部门", "各区财政局"],
            body=["为规范市级财政专项资金管理，提高资金使用效益，根据《中华人民共和国预算法》及其实施条例等规定，我局制定了《厦门市市级财政专项资金管理办法》，现印发给你们，请遵照执行。"],
            attachments=[
                Att("", ["厦门市市级财政专项资金管理办法"], [
                    chapter("一", "总则",
                        article("一", "为规范市级财政专项资金管理，提高财政资金使用效益，根据《中华人民共和国预算法》等有关规定，结合本市实际，制定本办法。"),
                        article("二", "本办法所称市级财政专项资金（以下简称专项资金），是指市级财政安排，用于支持特定领域事业发展，具有专门用途的资金。"),
                    ),
                    chapter("二", "设立和调整",
                        article("三", "设立专项资金应当符合下列条件：",
                            h2("一", "", "符合法律法规和国家、省、市有关政策规定；"),
                            h2("二", "", "有明确的政策目标、使用范围和实施期限；"),
                            h2("三", "", "有明确的资金管理办法和绩效目标。"),
                        ),
                        article("四", "专项资金实行清单管理，清单以外不得安排专项资金。"),
                    ),
                    chapter("三", "分配和使用",
                        section("一", "资金分配",
                            article("五", "专项资金可以采取因素法、项目法等方式分配。"),
                            article("六", "采取项目法分配的，主管部门应当通过公开申报、专家评审等方式择优确定项目。"),
                        ),
                        section("二", "资金拨付",
                            article("七", "财政部门应当按照预算和用款进度，及时拨付专项资金。"),
                        ),
                    ),
                    chapter("四", "附则",
                        article("八", "本办法由市财政局负责解释。"),
                        article("九", "本办法自2020年8月1日起施行，有效期五年。"),
                    ),
                ]),
            ],
            signatories=["厦门市财政局"],
            date_text="二〇二〇年七月三日",
            notes=["（此件主动公开）"],
            cc=["市委办公厅", "市人大常委会办公厅", "市政府办公厅", "市审计局"],
            printed_by="厦门市财政局办公室",
            printed_text="2020年7月6日",
        ),
        Variant(
            name="v08_chengdu_qingshi_signer",
            about="joint up-going 请示: 文号 at the left with 签发人：张三  李四 on the same line, "
            "紧急程度 加急; 2-line joint title; signatures side by side; date 2019.6.28; 附注 "
            "联系人 and phone",
            urgency="加急",
            doc_number="成经信〔2019〕88号",
            number_at="left",
            signer=["张三", "李四"],
            title=["成都市经济和信息化局　成都市财政局", "关于设立中小企业数字化转型专项资金的请示"],
            doc_type="请示",
            recipients=["市人民政府"],
            body=[
                "为贯彻落实省委、省政府关于推动制造业高质量发展的部署，加快我市中小企业数字化、网络化、智能化转型，提升中小企业核心竞争力，我们研究提出了设立中小企业数字化转型专项资金的建议。现将有关情况请示如下：",
                h1("一", "设立的必要性", "", "目前，我市中小企业数字化转型面临“不会转、不能转、不敢转”等问题，企业投入意愿不强，亟需通过财政资金引导，降低企业转型成本。"),
                h1("二", "资金规模和来源", "", "建议2019年至2021年每年安排专项资金2亿元，由市级财政预算统筹安排。"),
                h1("三", "支持方向", sub=[
                    h2("一", "", "支持中小企业上云用云，按照服务费用的30%给予补贴，单个企业每年最高不超过50万元。"),
                    h2("二", "", "支持建设数字化转型促进中心，按照项目投资额的20%给予补助，最高不超过500万元。"),
                ]),
            ],
            closing="以上请示妥否，请批示。",
            signatories=["成都市经济和信息化局", "成都市财政局"],
            sign_layout="line",
            date_text="2019.6.28",
            notes=["（联系人：王五，电话：028-12345678）"],
        ),
        Variant(
            name="v09_shenzhen_baogao_iso_date",
            about="up-going 报告: 文号 at the left with 签发人：李四; 2-line title; level-1 headings "
            "with a comma; run-in （一） and 1. headings; date 2017-03-17",
            doc_number="深人环报〔2017〕21号",
            number_at="left",
            signer=["李四"],
            title=["深圳市人居环境委员会关于2016年度", "环境保护目标责任制完成情况的报告"],
            doc_type="报告",
            recipients=["市人民政府"],
            body=[
                "根据《深圳市环境保护目标责任制考核办法》要求，我委对2016年度各区和市有关部门环境保护目标责任制完成情况进行了考核。现将有关情况报告如下：",
                h1("一", "坚持源头防控，扎实推进大气污染治理", sub=[
                    h2("一", "深入实施“深圳蓝”可持续行动计划", "全年淘汰黄标车及老旧车辆5.2万辆，新增纯电动公交车4000余辆。"),
                    h2("二", "强化工业污染源治理", "完成120家重点企业挥发性有机物综合治理。"),
                ]),
                h1("二", "聚焦黑臭水体，全力推进治水提质", sub=[
                    h2("一", "加快污水管网建设", "全年新建污水管网1200公里，新增污水处理能力50万吨/日。"),
                    h2("二", "强化河道综合整治", sub=[
                        h3("1", "茅洲河流域", "完成干流综合整治一期工程，沿河截污管网全线贯通。"),
                        h3("2", "深圳河流域", "完成布吉河、福田河等支流水质提升工程。"),
                    ]),
                ]),
                h1("三", "存在的问题和下一步工作", "", "2016年，我市环境质量总体改善，但部分河流水质仍未稳定达标，臭氧污染问题逐步显现。下一步，我委将以改善环境质量为核心，突出抓好治水、治气工作，确保完成年度目标任务。"),
            ],
            closing="特此报告。",
            signatories=["深圳市人居环境委员会"],
            date_text="2017-03-17",
            txt_centre=False,
        ),
        Variant(
            name="v10_nanjing_fangan_toc",
            about="a 方案 published alone: 2-line title, 目录 of four entries with page numbers "
            "before a body numbered 一、二、三、四 again; no recipients; letter-spaced date "
            "2 0 2 4 年 3 月 1 8 日",
            title=["南京市鼓楼区2024年城市管理", "精细化提升行动方案"],
            doc_type="方案",
            toc=[("一、总体要求", "1"), ("二、重点任务", "2"), ("三、实施步骤", "3"), ("四、保障措施", "4")],
            body=[
                "为深入推进城市管理精细化，持续改善城市环境面貌，不断提升群众获得感、幸福感，结合我区实际，制定本方案。",
                h1("一", "总体要求", sub=[
                    h2("一", "指导思想", "坚持以人民为中心的发展思想，践行“人民城市人民建、人民城市为人民”理念，推动城市管理向精细化、智能化转变。"),
                    h2("二", "工作目标", "到2024年底，全区市容环境达标率达到95%以上，背街小巷整治完成率达到100%。"),
                ]),
                h1("二", "重点任务", sub=[
                    h2("一", "开展背街小巷环境整治", "对辖区内58条背街小巷实施路面、立面、管线综合整治。"),
                    h2("二", "规范户外广告设施设置", "全面排查户外广告和招牌设施，依法拆除违规设置和存在安全隐患的设施。"),
                    h2("三", "提升垃圾分类实效", "完善分类投放、收集、运输、处置体系，居民小区垃圾分类覆盖率保持100%。"),
                ]),
                h1("三", "实施步骤", sub=[
                    h2("一", "动员部署阶段（3月）", "制定工作方案，召开动员部署会。"),
                    h2("二", "集中推进阶段（4月至10月）", "各街道按照任务清单全面推进整治工作。"),
                    h2("三", "总结验收阶段（11月至12月）", "区城市管理局组织对各街道整治成效进行考核验收。"),
                ]),
                h1("四", "保障措施", sub=[
                    h2("一", "加强组织领导", "成立区城市管理精细化提升行动领导小组，统筹推进各项工作。"),
                    h2("二", "强化督查考核", "将行动开展情况纳入街道年度绩效考核。"),
                ]),
            ],
            signatories=["南京市鼓楼区城市管理局"],
            date_text="2 0 2 4 年 3 月 1 8 日",
        ),
        Variant(
            name="v11_wuxi_meeting_date_in_body",
            about="meeting 通知: a date alone on a line under 一、会议时间 (the 成文日期 comes "
            "later); 文号 plain under the title; one attachment found by its title alone (no "
            "附件 label), a blank 回执 table",
            doc_number="锡安办〔2024〕17号",
            number_at="under",
            title=["无锡市安全生产委员会办公室关于召开", "2024年全市安全生产工作会议的通知"],
            doc_type="通知",
            recipients=["各市（县）、区安委会", "市安委会各成员单位"],
            body=[
                "经市政府同意，定于近期召开2024年全市安全生产工作会议。现将有关事项通知如下：",
                h1("一", "会议时间", "", "2024年5月10日", "上午9:00开始，会期半天。"),
                h1("二", "会议地点", "", "市行政中心2号楼第一会议室（无锡市观山路199号）"),
                h1("三", "参会人员", "", "各市（县）、区政府分管负责同志，安委会办公室主任；市安委会各成员单位分管负责同志。"),
                h1("四", "有关事项", sub=[
                    h2("一", "", "请各单位于5月8日前将参会回执（见附件）报市安委会办公室，逾期视为不参会。"),
                    h2("二", "", "参会人员请提前15分钟入场，会议期间请将手机调至静音状态。"),
                ]),
            ],
            closing="特此通知。",
            attachments=[
                Att("", ["2024年全市安全生产工作会议参会回执"], [
                    Tbl(
                        ["单位名称", "姓名", "职务", "联系电话", "备注"],
                        [["", "", "", "", ""], ["", "", "", "", ""]],
                    )
                ], label="none"),
            ],
            signatories=["无锡市安全生产委员会办公室"],
            date_text="2024年4月28日",
        ),
        Variant(
            name="v12_jinan_tonggao",
            about="通告 published to all (no recipients): 文号 under the title with a space "
            "before 号; 一、 numbered paragraphs that have no heading; 特此通告",
            doc_number="济公通〔2024〕3 号",
            number_at="under",
            title=["济南市公安局关于对部分道路实施", "货车限行管理的通告"],
            doc_type="通告",
            body=[
                "为进一步改善城市道路交通秩序，减少交通拥堵和大气污染，保障道路交通安全，根据《中华人民共和国道路交通安全法》第三十九条规定，决定对部分道路实施货车限行管理。现通告如下：",
                h1("一", "", "自2024年7月1日起，每日7时至21时，禁止核定载质量2吨以上（含）的货车在经十路、北园大街、二环东路围合区域内（含边界道路）通行。"),
                h1("二", "", "执行城市运行保障任务的邮政、环卫、市政抢修等专用货车，凭公安机关交通管理部门核发的通行证按照指定时间、路线通行。"),
                h1("三", "", "违反本通告规定的，由公安机关交通管理部门依照《中华人民共和国道路交通安全法》有关规定予以处罚。"),
                h1("四", "", "本通告自2024年7月1日起施行，有效期至2026年6月30日。"),
            ],
            closing="特此通告。",
            signatories=["济南市公安局"],
            date_text="2024年6月12日",
            txt_indent=False,
            txt_airy=True,
        ),
        Variant(
            name="v13_zhejiang_yijian_runin",
            about="意见: 文号 with ［］ above a 3-line title; four heading levels: 一、 with a comma, "
            "run-in （一） (Word-numbered in the .docx), 1. and （1）; 附注; 版记 without "
            "attachments",
            masthead=["浙江省人民政府"],
            doc_number="浙政发［2022］7号",
            title=["浙江省人民政府关于", "加快推进农村生活污水治理", "提标改造的意见"],
            doc_type="意见",
            recipients=["各市、县（市、区）人民政府", "省政府直属各单位"],
            body=[
                "农村生活污水治理是农村人居环境整治的重要内容。为巩固提升农村生活污水治理成效，加快推进设施提标改造，现提出如下意见。",
                h1("一", "统一思想，提高认识", "", "各地要充分认识农村生活污水治理提标改造的重要意义，把这项工作作为建设共同富裕示范区的重要抓手，摆上重要议事日程。"),
                h1("二", "明确目标，突出重点", sub=[
                    h2("一", "工作目标", "到2025年，全省农村生活污水治理设施行政村覆盖率达到100%，出水达标率达到95%以上。"),
                    h2("二", "重点任务", sub=[
                        h3("1", "实施设施提标改造", "对运行不正常、出水不达标的处理设施进行改造。"),
                        h3("2", "完善管网收集系统", sub=[
                            h4("1", "新建管网", "优先在人口集聚村新建污水收集管网。"),
                            h4("2", "修复管网", "对破损、渗漏管网进行修复更换。"),
                        ]),
                        h3("3", "推进标准化运维", "建立县级统筹、专业运维的管理模式。"),
                    ]),
                ]),
                h1("三", "强化保障，确保实效", sub=[
                    h2("一", "加强组织领导", "各市、县（市、区）人民政府是农村生活污水治理的责任主体，主要负责同志为第一责任人。"),
                    h2("二", "加大资金投入", "省级财政通过专项资金对提标改造给予补助，各地要统筹安排资金，保障设施运维经费。"),
                    h2("三", "严格督查考核", "将农村生活污水治理工作纳入美丽浙江建设考核内容。"),
                ]),
            ],
            signatories=["浙江省人民政府"],
            date_text="2022年3月9日",
            notes=["（此件公开发布）"],
            cc=["省委各部门", "省人大常委会办公厅", "省政协办公厅"],
            printed_by="浙江省人民政府办公厅",
            printed_text="2022年3月10日",
            title_breaks=False,
            numbered_level2=True,
        ),
        Variant(
            name="v14_xuhui_juesuan_no_date",
            about="部门决算 published alone: 1-line title, no recipients, no signature, no date "
            "(warning no_date); two tables inside the body under 1. headings",
            title=["上海市徐汇区教育局2023年度部门决算"],
            doc_type="决算",
            body=[
                h1("一", "部门主要职能", "", "上海市徐汇区教育局是主管全区教育工作的区政府工作部门，主要职能是贯彻执行国家和本市有关教育工作的方针、政策和法律法规，统筹规划和协调管理全区各级各类教育事业。"),
                h1("二", "部门决算单位构成", "", "纳入徐汇区教育局2023年度部门决算编制范围的单位共计112家，其中：行政单位1家，事业单位111家。"),
                h1("三", "部门决算报表", sub=[
                    h3("1", "收入支出决算总表", "", Tbl(
                        ["收入项目", "决算数（万元）", "支出项目", "决算数（万元）"],
                        [
                            ["一般公共预算财政拨款收入", "350126.87", "教育支出", "372458.30"],
                            ["事业收入", "28563.20", "社会保障和就业支出", "9821.45"],
                            ["其他收入", "6922.38", "住房保障支出", "3332.70"],
                            ["收入合计", "385612.45", "支出合计", "385612.45"],
                        ],
                    )),
                    h3("2", "财政拨款收入支出决算总表", "", Tbl(
                        ["项目", "本年收入", "本年支出", "年末结转和结余"],
                        [
                            ["一般公共预算财政拨款", "350126.87", "349880.12", "246.75"],
                            ["政府性基金预算财政拨款", "0.00", "0.00", "0.00"],
                            ["合计", "350126.87", "349880.12", "246.75"],
                        ],
                    )),
                ]),
                h1("四", "部门决算情况说明", sub=[
                    h2("一", "收入支出决算总体情况说明", "2023年度收入总计385612.45万元，比上年增加12035.12万元，增长3.2%，主要原因是教师人员经费增加。"),
                    h2("二", "财政拨款收入支出决算总体情况说明", "2023年度财政拨款收入总计350126.87万元，比上年增长2.8%。"),
                ]),
            ],
            date_text=None,
            warnings=["no_date"],
            txt_centre=False,
        ),
        Variant(
            name="v15_anhui_attachment_missing",
            about="the 附件说明 lists two attachments, only 附件1 is in the file (附件2 is a "
            "separate file: warning attachment_not_found); 牵头单位 and 产品类别 merged; 版记 "
            "after",
            masthead=["安徽省市场监督管理局"],
            doc_number="皖市监函〔2024〕58号",
            title=["安徽省市场监督管理局关于下达2024年度", "产品质量省级监督抽查计划的通知"],
            doc_type="通知",
            recipients=["各市市场监督管理局", "各有关承检机构"],
            body=[
                "为加强产品质量安全监管，根据《中华人民共和国产品质量法》《产品质量监督抽查管理暂行办法》等规定，省局制定了2024年度产品质量省级监督抽查计划，现予下达，并就有关事项通知如下：",
                h1("一", "抽查任务", "", "2024年度省级监督抽查共涉及日用消费品、电子电器、农业生产资料、建筑材料等4大类38种产品，计划抽查3200批次，具体任务见附件1。"),
                h1("二", "工作要求", sub=[
                    h2("一", "严格抽样程序", "承检机构要严格按照抽查实施细则抽取样品，不得事先通知被抽查企业。"),
                    h2("二", "按时完成任务", "各承检机构须于2024年10月31日前完成全部抽样检验工作，并按要求报送检验结果。"),
                    h2("三", "加强结果处理", "各市局要依法对抽查不合格企业进行后处理，督促企业整改到位。"),
                ]),
            ],
            attachments=[
                Att("1", ["2024年度产品质量省级监督抽查计划表"], [
                    Tbl(
                        ["序号", "产品类别", "产品名称", "抽查批次", "承检机构", "牵头单位"],
                        [
                            ["1", "日用消费品", "儿童玩具", "200", "安徽省产品质量监督检验研究院", "省局产品质量安全监督管理处"],
                            ["2", "", "电动自行车", "150", "合肥市产品质量监督检验研究院", ""],
                            ["3", "电子电器", "电线电缆", "180", "安徽省电子产品监督检验所", ""],
                            ["4", "农业生产资料", "化肥", "300", "安徽省农产品质量安全检测中心", "省局特种设备安全监察处"],
                            ["5", "建筑材料", "水泥", "220", "安徽省建筑工程质量监督检测站", "省局质量发展处"],
                            ["6", "", "建筑防水卷材", "120", "安徽省建筑工程质量监督检测站", ""],
                        ],
                        merge_cols=(1, 5),
                    )
                ]),
                Att("2", ["2024年度产品质量省级监督抽查实施细则目录"], present=False),
            ],
            signatories=["安徽省市场监督管理局"],
            date_text="2024年2月26日",
            notes=["（此件依申请公开）"],
            cc=["国家市场监督管理总局产品质量安全监督管理司"],
            printed_by="安徽省市场监督管理局办公室",
            printed_text="2024年2月27日",
            warnings=["attachment_not_found"],
        ),
        Variant(
            name="v16_fuzhou_jihua_table",
            about="a 计划 published alone: 2-line title, no recipients; a table inside the body "
            "(负责单位 merged) after a line ending in ：; （一） numbered paragraphs",
            title=["福州市市场监督管理局2024年度", "计量监督检查计划"],
            doc_type="计划",
            body=[
                "为加强计量监督管理，维护市场计量秩序，保护消费者合法权益，根据《中华人民共和国计量法》及其实施细则，制定本计划。",
                h1("一", "检查重点", "", "重点检查集贸市场、加油站、眼镜制配场所、医疗卫生机构在用的强制检定计量器具，以及定量包装商品净含量。"),
                h1("二", "检查安排", "", "全年计量监督检查任务安排如下：", Tbl(
                    ["序号", "检查项目", "检查对象", "检查时间", "负责单位"],
                    [
                        ["1", "集贸市场计量器具", "电子计价秤", "3月至4月", "市局计量处"],
                        ["2", "加油机", "加油站", "5月至6月", ""],
                        ["3", "眼镜制配计量", "眼镜店", "7月", "各县（市）区市场监督管理局"],
                        ["4", "医用计量器具", "医疗卫生机构", "8月至9月", ""],
                        ["5", "定量包装商品净含量", "生产企业、超市", "10月至11月", "福州市计量所"],
                    ],
                    merge_cols=(4,),
                )),
                h1("三", "工作要求", sub=[
                    h2("一", "", "各县（市）区局要结合实际制定具体实施方案，认真组织开展检查。"),
                    h2("二", "", "对检查中发现的违法行为，要依法严肃查处，并于每季度末将检查情况报市局计量处。"),
                ]),
            ],
            signatories=["福州市市场监督管理局"],
            date_text="2024年1月15日",
        ),
        Variant(
            name="v17_xian_biaozhun",
            about="a 标准 published alone: 1-line title, no recipients; a fee table in the body "
            "with 区域类别 merged; （一） numbered paragraphs; date 二〇一八年十二月三日",
            title=["西安市中心城区机动车停放服务收费标准"],
            doc_type="标准",
            body=[
                "为规范机动车停放服务收费行为，合理调节停车需求，根据《陕西省定价目录》和有关规定，制定本标准。",
                h1("一", "适用范围", "", "本标准适用于我市新城区、碑林区、莲湖区、雁塔区、未央区、灞桥区行政区域内实行政府指导价管理的机动车停放服务。"),
                h1("二", "收费标准", "", "机动车停放服务收费实行分区域、分时段差别化收费，具体标准如下：", Tbl(
                    ["区域类别", "车型", "白天（8:00-20:00）", "夜间（20:00-次日8:00）"],
                    [
                        ["一类区域", "小型车", "首小时5元，以后每小时3元", "每次5元"],
                        ["", "大型车", "首小时10元，以后每小时6元", "每次10元"],
                        ["二类区域", "小型车", "首小时3元，以后每小时2元", "每次3元"],
                        ["", "大型车", "首小时6元，以后每小时4元", "每次6元"],
                    ],
                    merge_cols=(0,),
                )),
                h1("三", "优惠措施", sub=[
                    h2("一", "", "停放时间不超过15分钟的，免收停放服务费。"),
                    h2("二", "", "执行公务的军车、警车、消防车、救护车等特种车辆免收停放服务费。"),
                ]),
                h1("四", "执行时间", "", "本标准自2019年1月1日起执行，有效期五年。"),
            ],
            signatories=["西安市发展和改革委员会"],
            date_text="二〇一八年十二月三日",
            notes=["（此件公开发布）"],
        ),
    ]
# fmt: on


# ==================================================================== helpers


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip


def _cn_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" not in text:  # 二〇二四: digit by digit
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def iso_date(text: str) -> str:
    """The date a 成文日期 as written here means (the generator's own reading, not pipeline's)."""
    t = squash(text)
    m = re.fullmatch(r"(.{4})年(.{1,3})月(.{1,3})日", t) or re.fullmatch(
        r"(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})", t
    )
    if m is None:
        raise ValueError(f"not a date: {text!r}")
    y, mo, d = (_cn_int(g) for g in m.groups())
    return datetime.date(y, mo, d).isoformat()


_DOT = {"1.": "．"}


def heading_line(s: Sec) -> str:
    """A section's first line as printed."""
    if s.kind == "章":
        return f"第{s.number}章　{s.heading}"
    if s.kind == "节":
        return f"第{s.number}节　{s.heading}"
    if s.kind == "条":
        head = f"（{s.heading}）" if s.heading else "　"
        return f"第{s.number}条{head}{s.text}"
    return prefix(s) + body_of(s)


def prefix(s: Sec) -> str:
    return {
        "一、": f"{s.number}、",
        "（一）": f"（{s.number}）",
        "1.": f"{s.number}．",
        "（1）": f"（{s.number}）",
    }[s.kind]


def body_of(s: Sec) -> str:
    """The line after the number: heading, heading。run-in text, or the text alone."""
    if s.heading and s.text:
        return f"{s.heading}。{s.text}"
    return s.heading or s.text


def tree(items) -> list[dict]:
    return [
        {"kind": s.kind, "number": s.number, "heading": s.heading, "children": tree(s.children)}
        for s in items
        if isinstance(s, Sec)
    ]


def tables_in(items) -> int:
    n = 0
    for item in items:
        if isinstance(item, Tbl):
            n += 1
        elif isinstance(item, Sec):
            n += tables_in(item.paras) + tables_in(item.children)
    return n


def label_of(att: Att) -> str:
    return f"附件{att.number}"


def masthead_of(v: Variant) -> str | None:
    if not v.masthead:
        return None
    return squash("".join(v.masthead) + v.masthead_suffix)


def attachment_note(v: Variant) -> list[str]:
    """附件说明 lines: "附件：X", or "附件：1．X" with the next titles aligned under the first."""
    if not v.attachments:
        return []
    titles = ["".join(a.title) for a in v.attachments]
    if len(titles) == 1 and not v.attachments[0].number:
        return [f"附件：{titles[0]}"]
    return [
        ("附件：" if k == 0 else "　　　") + f"{a.number}．{t}"
        for k, (a, t) in enumerate(zip(v.attachments, titles, strict=True))
    ]


# ==================================================================== truth


def truth(v: Variant) -> dict:
    attachments = []
    for att in v.attachments:
        entry = {
            "label": label_of(att),
            "title": squash("".join(att.title)),
            "tables": tables_in(att.content) if att.present else 0,
            "found": att.present,
        }
        if att.present and any(isinstance(x, Sec) for x in att.content):
            entry["sections"] = tree(att.content)
        attachments.append(entry)
    t = {
        "title": squash("".join(v.title)),
        "doc_type": v.doc_type,
        "doc_number": squash(v.doc_number or v.order_number or "") or None,
        "date": iso_date(v.date_text) if v.date_text else None,
        "recipients": list(v.recipients),
        "signatories": list(v.signatories),
        "signer": list(v.signer),
        "copy_number": v.copy_number,
        "secrecy": v.secrecy,
        "urgency": v.urgency,
        "masthead": masthead_of(v),
        "cc": list(v.cc),
        "printed_by": v.printed_by,
        "printed_date": iso_date(v.printed_text) if v.printed_text else None,
        "notes": list(v.notes),
        "attachments": attachments,
        "sections": tree(v.body),
        "toc": len(v.toc),
        "tables": tables_in(v.body) + sum(tables_in(a.content) for a in v.attachments if a.present),
    }
    if v.warnings:
        t["warnings"] = list(v.warnings)
    for key in v.unchecked:
        del t[key]
    return t


# ==================================================================== text rendering

IND = "　　"


def render_txt(v: Variant) -> str:
    lines: list[str] = []
    ind = IND if v.txt_indent else ""
    pad = "　" * 6 if v.txt_centre else ""
    right = "　" * 18 if v.txt_centre else ""

    def gap() -> None:
        if lines and lines[-1] != "":
            lines.append("")

    def para(text: str) -> None:
        if v.txt_airy:
            gap()
        lines.append(ind + text)

    def table(t: Tbl) -> None:
        gap()
        if t.title:
            lines.extend([pad + t.title, ""])
        for row in [t.header, *t.rows]:
            lines.append("\t".join(row))
        gap()

    def content(items) -> None:
        for item in items:
            if isinstance(item, str):
                para(item)
            elif isinstance(item, Tbl):
                table(item)
            else:
                section(item)

    def section(s: Sec) -> None:
        if s.kind in ("章", "节"):
            gap()
            lines.append(pad + heading_line(s))
            gap()
        else:
            para(heading_line(s))
        content(s.paras)
        content(s.children)

    for head in (v.copy_number, v.secrecy, v.urgency):
        if head:
            lines.append(head)
    gap()
    if v.masthead:
        organs = list(v.masthead)
        if v.masthead_txt == "own" and len(organs) > 1:
            lines.extend([pad + o for o in organs] + [pad + v.masthead_suffix])
        else:
            organs[-1] += v.masthead_suffix
            lines.extend(pad + o for o in organs)
        gap()
    if v.order_number:
        lines.extend([pad + v.order_number, ""])
    if v.doc_number and v.number_at == "above":
        lines.extend([pad + v.doc_number, ""])
    if v.doc_number and v.number_at == "left":
        lines.extend([v.doc_number + "　" * 8 + "签发人：" + "　".join(v.signer), ""])
    for text in v.lead:
        para(text)
    gap()
    lines.extend(pad + t for t in v.title)
    if v.doc_number and v.number_at == "under":
        lines.append(pad + v.doc_number)
    if v.doc_number and v.number_at == "paren":
        lines.append(pad + f"（{v.doc_number}）")
    gap()
    if v.recipients:
        lines.append("，".join(v.recipients) + "：")
    if v.toc:
        gap()
        lines.append(pad + "目　　录")
        lines.extend(f"{entry}{'…' * (24 - len(entry))}{page}" for entry, page in v.toc)
        gap()
    content(v.body)
    if v.closing:
        para(v.closing)
    note = attachment_note(v)
    if note:
        gap()
        lines.extend(ind + line for line in note)
    gap()
    if v.sign_text:
        lines.append(right + v.sign_text)
    elif v.sign_layout == "line" and v.signatories:
        lines.append(pad + "　　　　".join(v.signatories))
    else:
        lines.extend(right + s for s in v.signatories)
    if v.date_text:
        lines.append(right + v.date_text)
    lines.extend(ind + n for n in v.notes)

    def record() -> None:
        if v.cc or v.printed_by:
            gap()
        if v.cc:
            lines.append("抄送：" + "，".join(v.cc) + "。")
        if v.printed_by:
            lines.append(f"{v.printed_by}{'　' * 8}{v.printed_text}印发")

    if v.record_at == "before":
        record()
    for att in v.attachments:
        if not att.present:
            continue
        gap()
        title = "".join(att.title)
        if att.label == "inline":
            lines.append(f"附件 {att.number}：{title}")
        else:
            if att.label == "alone":
                lines.extend([label_of(att), ""])
            lines.extend(pad + t for t in att.title)
        gap()
        content(att.content)
    if v.record_at == "after":
        record()
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


# ==================================================================== Word rendering


class WordNotice:
    """A 公文 laid out in Word with python-docx."""

    def __init__(self, v: Variant):
        from docx import Document
        from docx.shared import Cm

        self.v = v
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
        section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
        self.width = Cm(15.6)
        style = self.doc.styles["Normal"]
        style.font.size = self.pt(16)
        style.font.name = "FangSong"
        style.element.rPr.rFonts.set(self.qn("w:eastAsia"), FANGSONG)
        self.numbering_ids = iter(range(101, 200))
        self.abstract_made = False
        self.page_numbers()

    @staticmethod
    def pt(n):
        from docx.shared import Pt

        return Pt(n)

    @staticmethod
    def qn(tag):
        from docx.oxml.ns import qn

        return qn(tag)

    # ------------------------------------------------------------ paragraphs

    def par(
        self,
        runs=(),
        *,
        align: str | None = None,
        first: float | None = None,
        left: float | None = None,
        right: float | None = None,
        page_break: bool = False,
        exact: float | None = 28,
        space_before: float | None = None,
    ):
        """A paragraph of runs (text, font, size, bold, red); indents in points."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING

        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        if align:
            p.alignment = {
                "center": WD_ALIGN_PARAGRAPH.CENTER,
                "right": WD_ALIGN_PARAGRAPH.RIGHT,
                "distribute": WD_ALIGN_PARAGRAPH.DISTRIBUTE,
            }[align]
        if first is not None:
            fmt.first_line_indent = self.pt(first)
        if left is not None:
            fmt.left_indent = self.pt(left)
        if right is not None:
            fmt.right_indent = self.pt(right)
        if exact:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = self.pt(exact)
        if space_before is not None:
            fmt.space_before = self.pt(space_before)
        fmt.space_after = self.pt(0)
        fmt.page_break_before = page_break
        for run in runs:
            self.run(p, *run)
        return p

    def run(self, p, text, font=FANGSONG, size=16, bold=False, red=False):
        from docx.shared import RGBColor

        r = p.add_run(text)
        r.font.size = self.pt(size)
        r.font.bold = bold or None
        r._r.get_or_add_rPr().get_or_add_rFonts().set(self.qn("w:eastAsia"), font)
        if red:
            r.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
        return r

    def blank(self) -> None:
        self.par()

    def border(self, p, side: str, color: str = "000000", size: int = 6) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        ppr = p._p.get_or_add_pPr()
        bdr = ppr.find(self.qn("w:pBdr"))
        if bdr is None:
            bdr = parse_xml(f"<w:pBdr {nsdecls('w')}/>")
            # w:pBdr goes before w:spacing, w:ind, w:jc… in CT_PPr's sequence
            anchor = next(
                (c for c in ppr if c.tag.split("}")[1] in ("spacing", "ind", "jc", "rPr")), None
            )
            if anchor is None:
                ppr.append(bdr)
            else:
                anchor.addprevious(bdr)
        bdr.append(
            parse_xml(
                f'<w:{side} {nsdecls("w")} w:val="single" w:sz="{size}" w:space="1" '
                f'w:color="{color}"/>'
            )
        )

    def column_widths(self, rows: list[list[str]]) -> list[int]:
        """Short columns as wide as their longest cell (12 pt characters), the rest shared."""
        natural = [12 * max(len(row[c]) for row in rows) + 16 for c in range(len(rows[0]))]
        total = self.width / self.pt(1)
        short = [w for w in natural if w <= total / len(natural)]
        rest = total - sum(short)
        long = sum(w for w in natural if w > total / len(natural))
        points = [w if w <= total / len(natural) else rest * w / long for w in natural]
        scale = total / sum(points)
        return [int(self.pt(1) * w * scale) for w in points]

    @staticmethod
    def widths(table, widths) -> None:
        """Column widths, in the grid (LibreOffice reads it) and in every cell (Word does)."""
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:
                cell.width = width

    def right_tab(self, p, leader: bool = False) -> None:
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

        p.paragraph_format.tab_stops.add_tab_stop(
            self.width - self.pt(8),
            WD_TAB_ALIGNMENT.RIGHT,
            WD_TAB_LEADER.DOTS if leader else WD_TAB_LEADER.SPACES,
        )

    def page_numbers(self) -> None:
        """ "— N —" at the foot of every page, from a PAGE field."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        footer = self.doc.sections[0].footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("— ").font.size = self.pt(14)
        footer._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>'
                "</w:fldSimple>"
            )
        )
        footer.add_run(" —").font.size = self.pt(14)

    # ------------------------------------------------------------ numbering (Word lists)

    def new_list(self) -> str:
        """A fresh "（%1）" chineseCounting list instance, counting from 一."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        numbering = self.doc.part.numbering_part.element
        if not self.abstract_made:
            abstract = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
                '<w:multiLevelType w:val="singleLevel"/>'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                '<w:lvlText w:val="（%1）"/><w:lvlJc w:val="left"/><w:suff w:val="nothing"/>'
                '<w:pPr><w:ind w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>'
            )
            first_num = numbering.find(self.qn("w:num"))
            if first_num is None:
                numbering.append(abstract)
            else:
                first_num.addprevious(abstract)
            self.abstract_made = True
        num_id = str(next(self.numbering_ids))
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                "</w:num>"
            )
        )
        return num_id

    def numbered(self, p, num_id: str) -> None:
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        p._p.get_or_add_pPr().insert(
            0,
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
            ),
        )

    # ------------------------------------------------------------ parts

    def masthead(self) -> None:
        v = self.v
        if not v.masthead:
            return
        if len(v.masthead) == 1:
            text = v.masthead[0] + v.masthead_suffix
            size = min(40, int(430 / len(text)))
            self.par([(text, XBS, size, True, True)], align="center", exact=None)
            return
        # A joint masthead: the organs stacked at the left, 文件 at the right spanning them
        longest = max(len(o) for o in v.masthead)
        size = min(30, int(400 / (longest + 2.5)))
        table = self.doc.add_table(rows=len(v.masthead), cols=2)
        table.autofit = False
        self.widths(table, [self.width - self.pt(size * 3), self.pt(size * 3)])
        for r, organ in enumerate(v.masthead):
            p = table.cell(r, 0).paragraphs[0]
            p.alignment = 4  # WD_ALIGN_PARAGRAPH.DISTRIBUTE
            self.run(p, organ, XBS, size, True, True)
        merged = table.cell(0, 1).merge(table.cell(len(v.masthead) - 1, 1))
        for p in list(merged.paragraphs)[1:]:
            p._p.getparent().remove(p._p)
        from docx.enum.table import WD_ALIGN_VERTICAL

        merged.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        p = merged.paragraphs[0]
        p.alignment = 1  # centre
        self.run(p, v.masthead_suffix, XBS, size, True, True)

    def head(self) -> None:
        v = self.v
        for text in (v.copy_number, v.secrecy, v.urgency):
            if text:
                self.par([(text, HEITI, 16)], exact=None)
        self.masthead()
        if v.order_number:
            self.par([(v.order_number, FANGSONG, 16)], align="center", space_before=12)
        rule = None
        if v.doc_number and v.number_at == "above":
            self.blank()
            rule = self.par([(v.doc_number, FANGSONG, 16)], align="center")
        elif v.doc_number and v.number_at == "left":
            self.blank()
            rule = self.par(
                [
                    (v.doc_number, FANGSONG, 16),
                    ("\t", FANGSONG, 16),
                    ("签发人：", FANGSONG, 16),
                    ("　".join(v.signer), KAITI, 16),
                ],
                left=16,
            )
            self.right_tab(rule)
        elif v.masthead or v.order_number:
            rule = self.par(exact=None)
        if rule is not None:
            self.border(rule, "bottom", "FF0000", 18)
        self.blank()

    def title(self) -> None:
        v = self.v
        for text in v.lead:
            self.par([(text, FANGSONG, 16)], first=32)
        if v.lead:
            self.blank()
        if v.title_breaks:
            p = self.par(align="center", exact=36)
            for k, line in enumerate(v.title):
                r = self.run(p, line, XBS, 22, True)
                if k < len(v.title) - 1:
                    r.add_break()
        else:
            for line in v.title:
                self.par([(line, XBS, 22, True)], align="center", exact=36)
        if v.doc_number and v.number_at == "under":
            self.par([(v.doc_number, FANGSONG, 16)], align="center", space_before=6)
        if v.doc_number and v.number_at == "paren":
            self.par([(f"（{v.doc_number}）", KAITI, 16)], align="center", space_before=6)
        self.blank()
        if v.recipients:
            self.par([("，".join(v.recipients) + "：", FANGSONG, 16)])
        if v.toc:
            self.par([("目　　录", HEITI, 16)], align="center")
            self.blank()
            for entry, page in v.toc:
                p = self.par([(entry, FANGSONG, 16), ("\t", FANGSONG, 16), (page, FANGSONG, 16)])
                self.right_tab(p, leader=True)
            self.next_page = True
        else:
            self.next_page = False

    def content(self, items) -> None:
        for item in items:
            if isinstance(item, str):
                self.body_par([(item, FANGSONG, 16)])
            elif isinstance(item, Tbl):
                self.table(item)
            else:
                self.section(item)

    def body_par(self, runs, **kw):
        page_break = self.next_page
        self.next_page = False
        return self.par(runs, first=32, page_break=page_break, **kw)

    def section(self, s: Sec) -> None:
        if s.kind in ("章", "节"):
            font, size = (HEITI, 16) if s.kind == "章" else (KAITI, 16)
            self.par(
                [(heading_line(s), font, size, s.kind == "节")], align="center", space_before=8
            )
        elif s.kind == "条":
            head = f"第{s.number}条" + (f"（{s.heading}）" if s.heading else "　")
            self.body_par([(head, HEITI, 16), (s.text, FANGSONG, 16)])
        else:
            font = {"一、": HEITI, "（一）": KAITI, "1.": FANGSONG, "（1）": FANGSONG}[s.kind]
            label = prefix(s)
            use_list = self.v.numbered_level2 and s.kind == "（一）"
            runs = [] if use_list else [(label, font, 16)]
            if s.heading:
                runs.append((s.heading, font, 16, s.kind == "1."))
                if s.text:
                    runs.append(("。", font, 16))
            if s.text:
                runs.append((s.text, FANGSONG, 16))
            p = self.body_par(runs)
            if use_list:
                if self.current_list is None:
                    self.current_list = self.new_list()
                self.numbered(p, self.current_list)
        if s.kind == "一、":
            self.current_list = None
        self.content(s.paras)
        self.content(s.children)

    def table(self, t: Tbl) -> None:
        from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        if t.title:
            self.par([(t.title, HEITI, 16)], align="center")
        rows = [t.header, *t.rows]
        table = self.doc.add_table(rows=len(rows), cols=len(t.header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        self.widths(table, self.column_widths(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                p = cell.paragraphs[0]
                p.alignment = 1
                if text:
                    self.run(p, text, HEITI if r == 0 else FANGSONG, 12)
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        for col in t.merge_cols:
            r = 1
            while r < len(rows):
                if not rows[r][col] and rows[r - 1][col]:
                    last = r
                    while last + 1 < len(rows) and not rows[last + 1][col]:
                        last += 1
                    top = table.cell(r - 1, col)
                    keep = copy.deepcopy(top._tc)
                    merged = top.merge(table.cell(last, col))
                    for p in list(merged._tc.iterchildren(self.qn("w:p"))):
                        merged._tc.remove(p)
                    for p in keep.iterchildren(self.qn("w:p")):
                        merged._tc.append(p)
                    merged.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
                    r = last
                r += 1

    def signature(self) -> None:
        v = self.v
        note = attachment_note(v)
        if note:
            self.blank()
            for k, line in enumerate(note):
                if k == 0:
                    self.par([(line, FANGSONG, 16)], first=32)
                else:  # aligned under the first title: 2 + 3 characters in
                    self.par([(line.lstrip("　"), FANGSONG, 16)], left=80)
        self.blank()
        self.blank()
        if v.sign_text:
            self.par([(v.sign_text, FANGSONG, 16)], align="right", right=64)
        elif v.sign_layout == "line":
            self.par([("　　　　".join(v.signatories), FANGSONG, 16)], align="right", right=16)
        else:
            for organ in v.signatories:
                self.par([(organ, FANGSONG, 16)], align="right", right=32)
        if v.date_text:
            self.par([(v.date_text, FANGSONG, 16)], align="right", right=64)
        for n in v.notes:
            self.par([(n, FANGSONG, 16)], first=32)

    def record(self, new_page: bool) -> None:
        v = self.v
        if not (v.cc or v.printed_by):
            return
        if not new_page:
            self.blank()
        first = None
        if v.cc:
            first = self.par(
                [("抄送：" + "，".join(v.cc) + "。", FANGSONG, 14)],
                left=14,
                right=14,
                page_break=new_page,
            )
            self.border(first, "top")
        if v.printed_by:
            p = self.par(
                [
                    (v.printed_by, FANGSONG, 14),
                    ("\t", FANGSONG, 14),
                    (f"{v.printed_text}印发", FANGSONG, 14),
                ],
                left=14,
                right=14,
                page_break=new_page and first is None,
            )
            self.right_tab(p)
            if first is None:
                self.border(p, "top")
            self.border(p, "bottom")

    def attachments(self) -> None:
        for att in self.v.attachments:
            if not att.present:
                continue
            title = "".join(att.title)
            if att.label == "inline":
                self.par([(f"附件 {att.number}：{title}", HEITI, 16)], page_break=True)
                self.blank()
            else:
                if att.label == "alone":
                    self.par([(label_of(att), HEITI, 16)], page_break=True)
                    self.blank()
                p = self.par(align="center", exact=None, page_break=att.label == "none")
                for k, line in enumerate(att.title):
                    r = self.run(p, line, XBS, 20, True)
                    if k < len(att.title) - 1:
                        r.add_break()
                self.blank()
            self.current_list = None
            self.content(att.content)

    def build(self) -> bytes:
        v = self.v
        self.current_list = None
        self.head()
        self.title()
        self.content(v.body)
        if v.closing:
            self.body_par([(v.closing, FANGSONG, 16)])
        self.signature()
        if v.record_at == "before":
            self.record(new_page=False)
        self.attachments()
        if v.record_at == "after":
            self.record(new_page=True)
        return self.save()

    def save(self) -> bytes:
        props = self.doc.core_properties
        props.author = props.last_modified_by = "notice-pipeline variants"
        props.title = "".join(self.v.title)
        props.created = props.modified = STAMP
        props.revision = 1
        buf = io.BytesIO()
        self.doc.save(buf)
        return deterministic(buf.getvalue())


def deterministic(data: bytes) -> bytes:
    """The same zip with fixed timestamps, in the same order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ==================================================================== writing


def render_pdfs(docx_files: list[Path], out: Path) -> None:
    """Render .docx files to PDF beside them with LibreOffice (one call, a private profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        for path in docx_files:
            print(
                f"{path.with_suffix('.pdf').name}: skipped, LibreOffice (soffice) is not installed"
            )
        return
    with tempfile.TemporaryDirectory() as tmp:
        profile = (Path(tmp) / "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, *map(str, docx_files)],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        for path in docx_files:
            pdf = Path(tmp) / (path.stem + ".pdf")
            if not pdf.exists():
                print(f"{pdf.name}: LibreOffice wrote nothing", file=sys.stderr)
                continue
            (out / pdf.name).write_bytes(pdf.read_bytes())
            print(f"{pdf.name}: {pdf.stat().st_size} bytes (LibreOffice)")


def write_variants(
    out: Path = OUT, *, docx: bool = True, pdf: bool = True, force_pdf: bool = False
) -> dict:
    """Write every variant's files and truth.json into ``out``; return the truth."""
    out.mkdir(parents=True, exist_ok=True)
    all_truth: dict[str, dict] = {}
    changed: list[Path] = []
    names = set()
    for v in variants():
        t = truth(v)
        txt = out / f"{v.name}.txt"
        txt.write_bytes(render_txt(v).encode("utf-8"))
        for suffix in (".txt", ".docx", ".pdf"):  # the same notice in each format
            all_truth[v.name + suffix] = t
            names.add(v.name + suffix)
        if docx:
            path = out / f"{v.name}.docx"
            data = WordNotice(v).build()
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
                changed.append(path)
            elif force_pdf or not path.with_suffix(".pdf").exists():
                changed.append(path)
    (out / "truth.json").write_text(
        json.dumps(all_truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    if docx:  # files of variants that no longer exist
        for stale in sorted(out.iterdir()):
            if stale.suffix in (".txt", ".docx", ".pdf") and stale.name not in names:
                stale.unlink()
                print(f"{stale.name}: removed (no such variant)")
    if pdf and changed:
        render_pdfs(changed, out)
    elif changed:
        print(f"{len(changed)} PDF(s) not rendered (--no-pdf)")
    return all_truth


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder (default samples/variants)")
    parser.add_argument("--no-docx", action="store_true", help="text and truth.json only")
    parser.add_argument("--no-pdf", action="store_true", help="do not render PDFs")
    parser.add_argument("--force-pdf", action="store_true", help="render every PDF again")
    parser.add_argument("--list", action="store_true", help="list the variants and exit")
    args = parser.parse_args(argv)
    if args.list:
        for v in variants():
            print(f"{v.name}: {v.about}")
        return
    all_truth = write_variants(
        args.out, docx=not args.no_docx, pdf=not args.no_pdf, force_pdf=args.force_pdf
    )
    print(f"{len(variants())} variants, {len(all_truth)} files with truth → {args.out}")


if __name__ == "__main__":
    main()
