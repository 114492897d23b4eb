"""Random plain-text notices, built part by part, segmented back into the same parts.

Each example is a 公文 (GB/T 9704-2012) assembled from independent choices: the head lines
(份号, 密级, 紧急程度, a single or joint 发文机关标志, the 发文字号 above, under or in
parentheses under the title, 签发人), a title of 1-3 lines, the 主送机关, a body numbered
一、/（一） or 第一章/第一条 (with a 目录, a date under a heading), the 附件说明, the 署名
and 成文日期 in any of their printed forms, 附注, the 版记 before or after the attachments,
the attachments themselves (one may be missing from the file), and the header and footer
a web page leaves around a copied notice. The truth of every part is known from how it was
built, never from the pipeline; truth conventions are those of scripts/make_variants.py
(strings without whitespace, masthead "X文件" squashed, labels "附件1", ISO dates).

A failure prints the generated text and every part that differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from test_layout import notice_of

# CI runs a fixed set of examples (derandomize) so that a run is repeatable; explore
# more locally with a larger max_examples and derandomize off.
hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, note, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PROPERTY = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ---------------------------------------------------------------- vocabulary

# (issuer, organ code of its 发文字号, its office for the 印发 line)
ISSUERS = [
    ("国务院办公厅", "国办发", "国务院办公厅秘书局"),
    ("教育部", "教发", "教育部办公厅"),
    ("生态环境部", "环办", "生态环境部办公厅"),
    ("江苏省人民政府", "苏政发", "江苏省人民政府办公厅"),
    ("浙江省教育厅", "浙教", "浙江省教育厅办公室"),
    ("广东省财政厅", "粤财", "广东省财政厅办公室"),
    ("湖北省人力资源和社会保障厅", "鄂人社", "湖北省人力资源和社会保障厅办公室"),
    ("四川省卫生健康委员会", "川卫", "四川省卫生健康委员会办公室"),
    ("苏州市市场监督管理局", "苏市监", "苏州市市场监督管理局办公室"),
    ("广州市人民政府办公厅", "穗府办", "广州市人民政府办公厅秘书处"),
    ("成都市经济和信息化局", "成经信", "成都市经济和信息化局办公室"),
    ("厦门市财政局", "厦财", "厦门市财政局办公室"),
    ("无锡市安全生产委员会办公室", "锡安办", "无锡市应急管理局办公室"),
    ("杭州市西湖区人民政府", "西政发", "杭州市西湖区人民政府办公室"),
    ("深圳市南山区教育局", "深南教", "深圳市南山区教育局办公室"),
    ("昆山市农业农村局", "昆农", "昆山市农业农村局办公室"),
    ("宁乡市住房和城乡建设局", "宁住建", "宁乡市住房和城乡建设局办公室"),
    ("临安区天目山镇人民政府", "天政", "临安区天目山镇人民政府党政办公室"),
    ("济南市公安局", "济公通", "济南市公安局办公室"),
    ("天津市科学技术局", "津科", "天津市科学技术局办公室"),
]

# co-issuers of joint documents (masthead, side-by-side or stacked 署名)
CO_ORGANS = [
    "江苏省财政厅",
    "浙江省发展和改革委员会",
    "广东省教育厅",
    "苏州市应急管理局",
    "广州市公安局",
    "成都市商务局",
    "厦门市税务局",
    "杭州市西湖区财政局",
    "深圳市南山区卫生健康局",
    "四川省医疗保障局",
]

# Subjects as chunks: a title is split only between chunks.
SUBJECTS = [
    ("做好", "2024年防汛防台", "工作"),
    ("开展", "安全生产", "大检查"),
    ("加强", "校园食品", "安全管理"),
    ("进一步", "规范", "行政执法", "行为"),
    ("组织开展", "2024年度职业技能", "竞赛"),
    ("做好", "高温天气", "劳动保护", "工作"),
    ("推进", "城乡生活垃圾", "分类处理"),
    ("开展", "燃气安全", "专项整治"),
    ("加快", "数字政府", "建设"),
    ("做好", "春节期间", "市场保供", "工作"),
    ("开展", "2024年产品质量", "监督抽查"),
    ("加强", "基层", "医疗卫生服务", "能力建设"),
    ("调整", "部分行政事业性", "收费标准"),
    ("召开", "2024年招生工作", "会议"),
    ("做好", "义务教育", "招生入学", "工作"),
    ("开展", "农村人居环境", "整治提升", "行动"),
    ("加强", "建筑工地", "扬尘污染", "防治"),
    ("组织申报", "2024年度科技计划", "项目"),
    ("推进", "老旧小区", "改造", "工作"),
    ("做好", "退役军人", "就业创业", "服务"),
    ("落实", "减税降费", "政策"),
    ("开展", "冬季", "消防安全", "检查"),
]

# 办法/方案/计划/标准/规定 subjects, chunked; the kind is the last chunk's ending
REGULATIONS = [
    (("城市更新", "管理办法"), "办法"),
    (("政府投资项目", "管理办法"), "办法"),
    (("公共数据", "共享", "管理办法"), "办法"),
    (("2024年城市管理", "精细化提升", "行动方案"), "方案"),
    (("农村人居环境", "整治", "行动方案"), "方案"),
    (("2024年大学生", "创新训练计划"), "计划"),
    (("2024年科技创新", "工作计划"), "计划"),
    (("停车服务", "收费标准"), "标准"),
    (("公共厕所", "建设", "标准"), "标准"),
    (("行政执法", "公示", "规定"), "规定"),
    (("机关公务用车", "管理", "规定"), "规定"),
]
# with 关于: 关于 + subject + 的 + kind
REGULATION_KINDS_WITH_GUANYU = {
    "办法": "管理办法",
    "方案": "行动方案",
    "计划": "工作计划",
    "规定": "若干规定",
}

KINDS = ["通知", "通告", "意见", "函", "请示", "报告", "决定", "批复"]

# 主送 items: (as printed, as the truth lists it)
RECIPIENTS = [
    ("各区人民政府", ("各区人民政府",)),
    ("市政府各部门", ("市政府各部门",)),
    ("各县（市、区）教育局", ("各县（市、区）教育局",)),
    ("各设区市人民政府", ("各设区市人民政府",)),
    ("省各有关单位", ("省各有关单位",)),
    ("各市、县人民政府", ("各市、县人民政府",)),
    ("区直各委、办、局", ("区直各委、办、局",)),
    ("市局执法总队、机场分局", ("市局执法总队、机场分局",)),
    ("各高等学校", ("各高等学校",)),
    (
        "各镇人民政府、各街道办事处",
        (
            "各镇人民政府",
            "各街道办事处",
        ),
    ),
    ("各有关企业", ("各有关企业",)),
    (
        "各区市场监督管理局、各直属分局",
        (
            "各区市场监督管理局",
            "各直属分局",
        ),
    ),
    ("市直有关单位", ("市直有关单位",)),
    ("各乡镇农业综合服务中心", ("各乡镇农业综合服务中心",)),
]
# the one organ a 请示/报告/批复 goes to
SUPERIORS = ["市人民政府", "省教育厅", "市财政局", "区人民政府", "省人力资源和社会保障厅"]

CC = [
    "市委办公室",
    "市人大常委会办公室",
    "市政协办公室",
    "省财政厅",
    "市纪委监委",
    "市中级人民法院",
]

SECTION_HEADS = [
    "总体要求",
    "工作目标",
    "重点任务",
    "实施步骤",
    "保障措施",
    "工作要求",
    "检查范围",
    "职责分工",
    "统一思想，提高认识",
    "突出重点，狠抓落实",
    "强化监管，压实责任",
    "加强宣传，营造氛围",
]
SUB_HEADS = ["加强组织领导", "强化督促检查", "做好信息报送", "落实经费保障", "注重宣传引导"]
SENTENCES = [
    "各单位要高度重视，明确专人负责，确保各项工作落到实处。",
    "各地要结合实际制定具体措施，及时研究解决工作中遇到的问题。",
    "有关部门要加强协调配合，形成工作合力。",
    "对检查中发现的问题，要建立台账，限期整改到位。",
    "请于6月15日前将工作总结报送我局。",
    "要充分利用报纸、电视、网络等媒体，广泛宣传有关政策。",
]
PREAMBLES = [
    "为贯彻落实上级有关部署，经研究，现将有关事项通知如下：",
    "为进一步做好有关工作，结合我市实际，提出如下意见。",
    "根据工作安排，现就有关事项通知如下。",
    "为切实保障人民群众生命财产安全，特制定本方案。",
    "现将有关情况报告如下：",
]
PREAMBLE_OF = {
    "通知": [
        "为贯彻落实上级有关部署，经研究，现将有关事项通知如下：",
        "根据工作安排，现就有关事项通知如下。",
    ],
    "方案": ["为切实保障人民群众生命财产安全，特制定本方案。"],
    "计划": ["为做好全年工作，特制定本计划。"],
    "请示": ["现将有关情况请示如下："],
    "报告": ["现将有关情况报告如下："],
    "意见": ["为进一步做好有关工作，结合我市实际，提出如下意见。"],
}
ATTACHMENT_TITLES = [
    "任务分工表",
    "联络员名单",
    "参会回执",
    "检查情况统计表",
    "项目申报汇总表",
    "重点隐患排查清单",
    "专家推荐表",
    "资金安排明细表",
]
NOTES = ["（此件公开发布）", "（联系人：王五，电话：021-12345678）", "（此件不公开）"]
SIGNER_NAMES = ["张三", "李四", "王建国", "陈晓明"]

CN = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..99 as 一, 十, 十二, 二十三."""
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


def squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


# ---------------------------------------------------------------- the generator


@dataclass
class Block:
    """One printed part of a built notice, for the renderers other than plain text.

    ``lines`` are its lines without the spaces that lay them out in plain text; ``info``
    holds what a renderer needs beyond them (the cells of a table, the parts of a line).
    """

    role: str
    lines: tuple[str, ...] = ()
    info: dict = field(default_factory=dict)


@dataclass
class Built:
    text: str
    truth: dict = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    # (header, rows) of every table, in document order
    tables: list[tuple[list[str], list[list[str]]]] = field(default_factory=list)


def date_forms(y: int, m: int, d: int) -> list[str]:
    return [
        f"{y}年{m}月{d}日",
        "".join(CN[int(c)] for c in str(y)) + f"年{cn_number(m)}月{cn_number(d)}日",
        f"{y}.{m}.{d}",
        f"{y}-{m:02d}-{d:02d}",
        " ".join(f"{y}年{m}月{d}日"),
    ]


@st.composite
def notices(draw) -> Built:
    pick = lambda xs: draw(st.sampled_from(xs))  # noqa: E731
    coin = lambda: draw(st.booleans())  # noqa: E731
    lines: list[str] = []
    blocks: list[Block] = []
    truth: dict = {}

    centre = coin()  # centred lines printed with leading full-width spaces
    pad = "　" * 6 if centre else ""
    right = "　" * 16 if centre else ""
    ind = "　　" if coin() else ""

    def gap() -> None:
        if lines and lines[-1] != "":
            lines.append("")
            blocks.append(Block("gap"))

    def add(role, *texts, pre="", printed=None, into=None, **info) -> None:
        """Print ``texts`` (each after ``pre``, or as ``printed``) as one block of ``role``."""
        out, parts = into if into is not None else (lines, blocks)
        out.extend(printed if printed is not None else [pre + t for t in texts])
        parts.append(Block(role, tuple(texts), info))

    issuer, code, office = pick(ISSUERS)
    regulation = coin() and draw(st.integers(0, 2)) == 0  # about 1 in 4
    if regulation:
        chunks, kind = pick(REGULATIONS)
        if kind in REGULATION_KINDS_WITH_GUANYU and coin():
            subject = pick(SUBJECTS)
            ending = subject[-1] + "的" + REGULATION_KINDS_WITH_GUANYU[kind]
            chunks = ("关于" + subject[0], *subject[1:-1], ending)
    else:
        kind = pick(KINDS)
        subject = pick(SUBJECTS)
        chunks = ("关于" + subject[0], *subject[1:-1], subject[-1] + "的" + kind)
    title_chunks = [issuer, *chunks]
    # 1-3 lines split between chunks (the kind's chunk always ends the last line)
    n_lines = draw(st.integers(1, min(3, len(title_chunks))))
    cuts = sorted(
        draw(
            st.lists(
                st.integers(1, len(title_chunks) - 1),
                min_size=n_lines - 1,
                max_size=n_lines - 1,
                unique=True,
            )
        )
    )
    title_lines, start = [], 0
    for cut in [*cuts, len(title_chunks)]:
        line = "".join(title_chunks[start:cut])
        if title_lines and (len(line) < 5 or len(title_lines[-1]) < 5):
            title_lines[-1] += line  # no line of a word or two alone
        else:
            title_lines.append(line)
        start = cut
    title = "".join(title_chunks)
    truth["title"] = title
    truth["doc_type"] = kind
    web = draw(st.integers(0, 3)) == 0

    # 版头
    copy_number = secrecy = None
    if not web:  # a secret document is not published on a web page
        copy_number = f"{draw(st.integers(1, 999)):06d}" if draw(st.integers(0, 3)) == 0 else None
        secrecy = pick([None, None, None, "机密★1年", "秘密", "秘密★6个月"])
    urgency = pick([None, None, None, "特急", "加急"])
    truth.update(copy_number=copy_number, secrecy=secrecy, urgency=urgency)

    year = draw(st.integers(2019, 2025))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 25))

    masthead_style = pick(["none", "single", "joint"])
    co = draw(st.lists(st.sampled_from(CO_ORGANS), min_size=1, max_size=2, unique=True))
    organs = [issuer] + (co if masthead_style == "joint" else [])
    if masthead_style == "none":
        truth["masthead"] = None
    else:
        truth["masthead"] = "".join(organs) + "文件"

    number_at = pick(["above", "under", "paren", "none"])
    signer = kind in ("请示", "报告") and number_at == "above" and coin()
    if number_at == "none":
        truth["doc_number"] = None
    else:
        bracket = pick(["〔〕", "[]", "【】", "［］"])
        space = " " if coin() else ""
        doc_number = f"{code}{bracket[0]}{year}{bracket[1]}{draw(st.integers(1, 199))}{space}号"
        truth["doc_number"] = squash(doc_number)
    signer_names = draw(
        st.lists(st.sampled_from(SIGNER_NAMES), min_size=1, max_size=2, unique=True)
    )
    truth["signer"] = signer_names if signer else []

    if web:
        add(
            "web",
            *[
                title,
                "首页",
                "信息公开",
                "政策文件",
                title,
                f"来源：{issuer}",
                f"发布时间：{year}-{month:02d}-{day:02d} 10:00",
                "字体：",
                "大",
                "中",
                "小",
            ],
        )
        gap()
    for head in (copy_number, secrecy, urgency):
        if head:
            add("head", head)
    gap()
    if masthead_style == "single":
        add("masthead", issuer + "文件", pre=pad)
    elif masthead_style == "joint":
        if coin():
            add("masthead", *organs[:-1], organs[-1] + "文件", pre=pad)
        else:
            add("masthead", *organs, "文件", pre=pad)
    gap()
    if number_at == "above":
        if signer:
            add(
                "number_signer",
                doc_number,
                "签发人：" + "　".join(signer_names),
                printed=[doc_number + "　" * 8 + "签发人：" + "　".join(signer_names)],
            )
        else:
            add("number", doc_number, pre=pad)
        gap()

    # 标题
    add("title", *title_lines, pre=pad)
    if number_at == "under":
        add("number", doc_number, pre=pad)
    elif number_at == "paren":
        add("number", f"（{doc_number}）", pre=pad)
    gap()

    # 主送
    if kind in ("通告",) or regulation:
        recipients: list[tuple[str, list[str]]] = []
    elif kind in ("请示", "报告", "批复"):
        s = pick(SUPERIORS)
        recipients = [(s, [s])]
    else:
        recipients = draw(
            st.lists(st.sampled_from(RECIPIENTS), min_size=1, max_size=3, unique=True)
        )
    truth["recipients"] = [r for _, items in recipients for r in items]
    if recipients:
        printed = [p for p, _ in recipients]
        if len(printed) > 1 and coin():  # wrapped: the first line ends in "，"
            cut = draw(st.integers(1, len(printed) - 1))
            add("recipients", "，".join(printed[:cut]) + "，", "，".join(printed[cut:]) + "：")
        else:
            add("recipients", "，".join(printed) + "：")

    # 目录 and 正文
    sections: list[tuple[str, str]] = []  # (kind, number) of the top level
    body: list[str] = []
    body_blocks: list[Block] = []
    toc: list[str] = []

    def say(role, *texts, pre="") -> None:
        add(role, *texts, pre=pre, into=(body, body_blocks))

    chaptered = regulation and kind in ("办法", "规定") and coin()
    articles_only = regulation and kind in ("办法", "规定") and not chaptered
    if chaptered:
        n_chapters = draw(st.integers(2, 3))
        heads = ["总则", "管理职责", "监督检查", "附则"]
        article = 0
        for c in range(1, n_chapters + 1):
            heading = heads[c - 1] if c < n_chapters else "附则"
            sections.append(("章", cn_number(c)))
            toc.append(f"第{cn_number(c)}章　{heading}")
            body.append("")
            body_blocks.append(Block("gap"))
            say("chapter", f"第{cn_number(c)}章　{heading}", pre=pad)
            body.append("")
            body_blocks.append(Block("gap"))
            for _ in range(draw(st.integers(1, 3))):
                article += 1
                if coin():
                    say("body", f"第{cn_number(article)}条　下列事项应当报告：", pre=ind)
                    say(
                        "body", *[f"（{cn_number(i)}）{pick(SUB_HEADS)}；" for i in (1, 2)], pre=ind
                    )
                else:
                    say("body", f"第{cn_number(article)}条　{pick(SENTENCES)}", pre=ind)
    elif articles_only:
        say("body", pick(PREAMBLES), pre=ind) if coin() else None
        for a in range(1, draw(st.integers(2, 5)) + 1):
            sections.append(("条", cn_number(a)))
            if coin():
                say("body", f"第{cn_number(a)}条　下列事项应当报告：", pre=ind)
                say("body", *[f"（{cn_number(i)}）{pick(SUB_HEADS)}；" for i in (1, 2)], pre=ind)
            else:
                say("body", f"第{cn_number(a)}条　{pick(SENTENCES)}", pre=ind)
    else:
        say("body", pick(PREAMBLE_OF.get(kind, PREAMBLES[:2] + PREAMBLES[2:3])), pre=ind)
        n_sections = draw(st.integers(2, 4))
        heads = draw(
            st.lists(
                st.sampled_from(SECTION_HEADS),
                min_size=n_sections,
                max_size=n_sections,
                unique=True,
            )
        )
        meeting = kind == "通知" and coin()  # "一、会议时间" then a date under it
        if meeting:
            heads[:2] = ["会议时间", "会议地点"]
        for k, heading in enumerate(heads, 1):
            sections.append(("一、", cn_number(k)))
            toc.append(f"{cn_number(k)}、{heading}")
            style = pick(["alone", "runin", "children"])
            if meeting and k == 1:
                say("body", f"{cn_number(k)}、{heading}", pre=ind)
                say(
                    "body",
                    f"{year}年{draw(st.integers(1, 12))}月{draw(st.integers(1, 28))}日",
                    pre=ind,
                )
            elif meeting and k == 2:
                say("body", f"{cn_number(k)}、{heading}", pre=ind)
                say("body", "市政府三楼会议室。", pre=ind)
            elif style == "alone":
                say("body", f"{cn_number(k)}、{heading}", pre=ind)
                say("body", pick(SENTENCES), pre=ind)
            elif style == "runin":
                say("body", f"{cn_number(k)}、{heading}。{pick(SENTENCES)}", pre=ind)
            else:
                say("body", f"{cn_number(k)}、{heading}", pre=ind)
                subs = draw(
                    st.lists(st.sampled_from(SUB_HEADS), min_size=1, max_size=3, unique=True)
                )
                runin = coin()
                for i, sub in enumerate(subs, 1):
                    if runin:
                        say("body", f"（{cn_number(i)}）{sub}。{pick(SENTENCES)}", pre=ind)
                    else:
                        say("body", f"（{cn_number(i)}）{sub}", pick(SENTENCES), pre=ind)
    with_toc = regulation and not articles_only and coin()
    if with_toc:
        gap()
        add("toc_head", "目  录", pre=pad)
        leader = pick(["……", "\t", "    ", " "])  # a tab makes the 目录 a table in text
        add("toc", *[f"{entry}{leader}{page}" for page, entry in enumerate(toc, 1)])
        gap()
    lines.extend(body)
    blocks.extend(body_blocks)
    truth["sections"] = sections
    truth["toc"] = len(toc) if with_toc else 0
    if kind == "通知" and coin():
        add("body", "特此通知。", pre=ind)

    # 附件说明
    n_att = pick([0, 0, 1, 2, 3])
    att_titles = draw(
        st.lists(st.sampled_from(ATTACHMENT_TITLES), min_size=n_att, max_size=n_att, unique=True)
    )
    missing = draw(st.integers(0, n_att - 1)) if n_att and draw(st.integers(0, 3)) == 0 else None
    att_labels = ["附件"] if n_att == 1 else [f"附件{k}" for k in range(1, n_att + 1)]
    if n_att:
        gap()
        if n_att == 1:
            add("att_note", f"附件：{att_titles[0]}", pre=ind)
        else:
            add(
                "att_note",
                *[
                    ("附件：" if k == 1 else "　　　") + f"{k}．{t}"
                    for k, t in enumerate(att_titles, 1)
                ],
                pre=ind,
            )

    # 署名, 成文日期, 附注
    gap()
    sign_style = pick(["one", "side", "stacked"])
    signatories = [issuer] if sign_style == "one" else [issuer, co[0]]
    truth["signatories"] = signatories
    if sign_style == "side":
        add("sign_side", *signatories, printed=[right[:8] + "    ".join(signatories)])
    else:
        add("sign", *signatories, pre=right)
    if coin() and draw(st.integers(0, 2)) == 0:
        add("seal", "（盖章）", pre=right)
    add("date", pick(date_forms(year, month, day)), pre=right)
    truth["date"] = f"{year}-{month:02d}-{day:02d}"
    notes = [] if draw(st.integers(0, 2)) else [pick(NOTES)]
    if secrecy and notes == ["（此件公开发布）"]:
        notes = []
    if notes:
        add("note", *notes, pre=ind)
    truth["notes"] = notes

    # 版记 and attachments
    record_at = pick(["before", "after", "none"])
    cc = draw(st.lists(st.sampled_from(CC), min_size=0, max_size=3, unique=True))
    if record_at == "none":
        cc = []
    printed_day = min(day + draw(st.integers(0, 3)), 28)
    truth["cc"] = cc
    truth["printed_by"] = office if record_at != "none" else None
    truth["printed_date"] = f"{year}-{month:02d}-{printed_day:02d}" if record_at != "none" else None

    def record() -> None:
        gap()
        if cc:
            add("cc", "抄送：" + "，".join(cc) + "。")
        issued = f"{year}年{month}月{printed_day}日印发"
        add("printed", office, issued, printed=[f"{office}{'　' * 6}{issued}"])

    if record_at == "before":
        record()
    attachments = []
    tables = []
    for k, (label, att_title) in enumerate(zip(att_labels, att_titles, strict=True)):
        present = k != missing
        has_table = coin()
        attachments.append((label, att_title, present, 1 if present and has_table else 0))
        if not present:
            continue
        gap()
        if n_att > 1 and coin():
            add("att_inline", f"{label}：{att_title}")
        else:
            add("att_label", label)
            add("att_title", att_title, pre=pad)
        gap()
        if has_table:
            n_rows = draw(st.integers(2, 4))
            header = ["序号", "工作任务", "负责单位", "完成时限"]
            units = draw(st.lists(st.sampled_from(CO_ORGANS), min_size=n_rows, max_size=n_rows))
            rows = [
                [str(r), pick(SUB_HEADS), u, f"{month}月{r + 10}日前"]
                for r, u in enumerate(units, 1)
            ]
            add("table", *["\t".join(row) for row in [header, *rows]], header=header, rows=rows)
            tables.append((header, rows))
        else:
            add(
                "body",
                *draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3)),
                pre=ind,
            )
    truth["attachments"] = attachments
    truth["warnings"] = ["attachment_not_found"] if missing is not None else []
    if record_at == "after":
        record()
    if web:
        gap()
        add(
            "web",
            "扫一扫在手机打开当前页",
            "网站地图 | 联系我们",
            f"主办单位：{issuer} 版权所有 苏ICP备12345678号",
        )
    while lines and lines[-1] == "":
        lines.pop()
    while blocks and blocks[-1].role == "gap":
        blocks.pop()
    return Built("\n".join(lines) + "\n", truth, blocks, tables)


# ---------------------------------------------------------------- the comparison


def parts_of(n) -> dict:
    """The notice's parts in the truth's terms."""
    return {
        "title": squash(n.title),
        "doc_type": n.doc_type,
        "doc_number": squash(n.doc_number) or None,
        "copy_number": n.copy_number,
        "secrecy": squash(n.secrecy) or None,
        "urgency": n.urgency,
        "masthead": squash(n.masthead) or None,
        "signer": [squash(s) for s in n.signer],
        "recipients": [squash(r) for r in n.recipients],
        "sections": [(s.kind, s.number) for s in n.sections],
        "toc": len(n.toc),
        "signatories": [squash(s) for s in n.signatories],
        "date": n.date,
        "notes": [squash(x) for x in n.notes],
        "cc": [squash(c) for c in n.cc],
        "printed_by": squash(n.printed_by) or None,
        "printed_date": n.printed_date,
        "attachments": [(a.label, squash(a.title), a.found, len(a.tables)) for a in n.attachments],
        "warnings": [w.code for w in n.warnings if w.code == "attachment_not_found"],
    }


def differences(built: Built, notice=None) -> list[str]:
    """Every part of ``notice`` (by default, the built text segmented) that differs."""
    got = parts_of(notice if notice is not None else notice_of(built.text))
    want = dict(built.truth)
    want["warnings"] = want["warnings"][:1] if want["warnings"] else []
    got["warnings"] = got["warnings"][:1]
    for key in ("title", "doc_number", "masthead"):
        want[key] = squash(want[key]) or None if key != "title" else squash(want[key])
    want["notes"] = [squash(x) for x in want["notes"]]
    return [f"{key}: got {got[key]!r}, want {want[key]!r}" for key in want if got[key] != want[key]]


@PROPERTY
@given(notices())
def test_a_random_notice_is_segmented_into_the_parts_it_was_built_from(built):
    note(built.text)
    wrong = differences(built)
    assert not wrong, (
        f"{len(wrong)} wrong part(s):\n" + "\n".join(wrong) + "\n--- text ---\n" + built.text
    )


# ---------------------------------------------------------------- the same notices in Word

DOCX = settings(PROPERTY, max_examples=60)


def table_differences(built: Built, notice) -> list[str]:
    """The tables' cells against the built ones (a merged 负责单位 reads as its value)."""
    got = [(t.header, t.rows) for t in notice.tables]
    return [] if got == built.tables else [f"tables: got {got!r}, want {built.tables!r}"]


@DOCX
@given(notices(), st.randoms(use_true_random=False))
def test_the_same_notice_in_word_is_segmented_into_the_same_parts(built, rnd):
    pytest.importorskip("docx")
    from random_docx import render_docx

    from pipeline.core import extract_bytes

    note(built.text)
    data = render_docx(built, rnd)
    notice = extract_bytes("notice.docx", data)
    wrong = differences(built, notice) + table_differences(built, notice)
    assert not wrong, (
        f"{len(wrong)} wrong part(s):\n" + "\n".join(wrong) + "\n--- text ---\n" + built.text
    )
