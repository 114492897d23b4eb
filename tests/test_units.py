"""Responsible units: split, roles, aliases, districts, and names relative to the issuer
(区局, 区卫健委, 市局…) resolved from the issuing division."""

import pytest
from conftest import SEED

import pipeline
from pipeline.model import Notice, Source
from pipeline.units import UnitParser, read_aliases


def notice(issuer=None, doc_number=None, masthead=None, date="2024-04-29") -> Notice:
    source = Source(path="x.txt", name="x.txt", format="txt", sha256="0" * 64, size=0)
    return Notice(source, issuer=issuer, doc_number=doc_number, masthead=masthead, date=date)


def units(parser: UnitParser, cell: str) -> list[tuple]:
    return [(u.name, u.full_name, u.district, u.adcode) for u in parser.parse(cell)]


PUDONG = "310115000000"
SHANGCHENG = "330102000000"

# A district's notice: its relative names are the district's, 市… the city's, plurals no
# one's. (cell, [(name, full name, district, adcode)]) for the issuer 上海市浦东新区…
DISTRICT_CELLS = {
    "区卫健委、区文旅局": [
        ("区卫健委", "上海市浦东新区卫健委", "浦东新区", PUDONG),
        ("区文旅局", "上海市浦东新区文旅局", "浦东新区", PUDONG),
    ],
    "区局": [("区局", "上海市浦东新区市场监督管理局", "浦东新区", PUDONG)],
    "区教育局，区政府办": [
        ("区教育局", "上海市浦东新区教育局", "浦东新区", PUDONG),
        ("区政府办", "上海市浦东新区政府办", "浦东新区", PUDONG),
    ],
    "区市场监管局": [("区市场监管局", "上海市浦东新区市场监督管理局", "浦东新区", PUDONG)],
    "区局执法大队": [("区局执法大队", "上海市浦东新区市场监督管理局执法大队", "浦东新区", PUDONG)],
    "市局": [("市局", "上海市市场监督管理局", None, None)],
    "市卫健委": [("市卫健委", "上海市卫健委", None, None)],
    "各街道": [("各街道", "各街道", None, None)],
    "各区": [("各区", "各区", None, None)],
    "各区市场监管局": [("各区市场监管局", "各区市场监督管理局", None, None)],
    "各县（市、区）": [("各县（市、区）", "各县（市、区）", None, None)],
    "区县市场监管局": [("区县市场监管局", "区县市场监督管理局", None, None)],
    "市场监管局": [("市场监管局", "市场监督管理局", None, None)],
    "静安区市场监管局": [("静安区市场监管局", "上海市静安区市场监督管理局", "静安区",
                          "310106000000")],
}  # fmt: skip


@pytest.mark.parametrize(
    "issuer",
    ["上海市浦东新区卫生健康委员会", "上海市浦东新区人民政府", "浦东新区市场监督管理局"],
)
@pytest.mark.parametrize("cell", DISTRICT_CELLS)
def test_a_district_notice_gives_relative_names_its_district(issuer, cell):
    parser = UnitParser.for_notice(notice(issuer))
    assert parser.issuing.adcode == PUDONG and parser.issuing_from == "issuer"
    assert units(parser, cell) == DISTRICT_CELLS[cell]


def test_the_district_is_read_from_the_masthead_else_the_doc_number():
    by_masthead = UnitParser.for_notice(notice(None, None, "上海市浦东新区人民政府办公室文件"))
    assert (by_masthead.issuing.name, by_masthead.issuing_from) == ("浦东新区", "masthead")
    by_number = UnitParser.for_notice(notice("区卫生健康委员会", "沪浦卫〔2024〕3号"))
    assert (by_number.issuing.name, by_number.issuing_from) == ("浦东新区", "doc_number")
    assert units(by_number, "区局") == DISTRICT_CELLS["区局"]
    # a name says what an abbreviation suggests: the finance office's 沪金规 is no 金山区's
    city = UnitParser.for_notice(notice(None, "沪金规〔2024〕1号", "上海市地方金融管理局文件"))
    assert (city.issuing.name, city.issuing_from) == ("上海市", "masthead")
    assert units(city, "区局") == [("区局", "区局", None, None)]
    province = UnitParser.for_notice(notice(None, "浙市监函【2024】8号"))
    assert (province.issuing.name, province.issuing.level) == ("浙江省", "province")
    assert UnitParser.for_notice(notice(None, "浦府办〔2024〕12号")).issuing is None  # 浦: many


def test_hangzhou_district_notice():
    parser = UnitParser.for_notice(notice("杭州市上城区人民政府"))
    assert (parser.issuing.name, parser.region.name) == ("上城区", "杭州市")
    assert units(parser, "区卫健委、区文旅局") == [
        ("区卫健委", "杭州市上城区卫健委", "上城区", SHANGCHENG),
        ("区文旅局", "杭州市上城区文旅局", "上城区", SHANGCHENG),
    ]
    assert units(parser, "区局") == [("区局", "杭州市上城区市场监督管理局", "上城区", SHANGCHENG)]
    assert units(parser, "市局") == [("市局", "杭州市市场监督管理局", None, None)]
    assert units(parser, "省局") == [("省局", "浙江省市场监督管理局", None, None)]
    assert units(parser, "省卫健委") == [("省卫健委", "省卫健委", None, None)]  # as before
    assert units(parser, "市局稽查支队")[0][1] == "杭州市市场监督管理局稽查支队"
    assert units(parser, "各街道") == [("各街道", "各街道", None, None)]
    # 普陀区 is Zhoushan's in Zhejiang; 拱墅区 Hangzhou's
    assert units(parser, "普陀区市场监管局")[0][3] == "330903000000"
    assert units(parser, "拱墅区教育局")[0][1:] == ("杭州市拱墅区教育局", "拱墅区", "330105000000")


@pytest.mark.parametrize(
    ("issuer", "city"),
    [("上海市市场监督管理局", "上海市"), ("杭州市卫生健康委员会", "杭州市"),
     ("浙江省舟山市市场监督管理局", "舟山市")],
)  # fmt: skip
def test_a_city_notice_gives_relative_names_its_city_and_区_no_district(issuer, city):
    parser = UnitParser.for_notice(notice(issuer))
    assert units(parser, "市局") == [("市局", f"{city}市场监督管理局", None, None)]
    assert units(parser, "市卫健委") == [("市卫健委", f"{city}卫健委", None, None)]
    assert units(parser, "区局") == [("区局", "区局", None, None)]
    assert units(parser, "区卫健委") == [("区卫健委", "区卫健委", None, None)]


def test_county_and_county_level_city_notices():
    county = UnitParser.for_notice(notice("嘉善县人民政府"))
    assert units(county, "县局、县教育局") == [
        ("县局", "嘉兴市嘉善县市场监督管理局", "嘉善县", "330421000000"),
        ("县教育局", "嘉兴市嘉善县教育局", "嘉善县", "330421000000"),
    ]
    assert units(county, "市局") == [("市局", "嘉兴市市场监督管理局", None, None)]
    assert units(county, "区局") == [("区局", "区局", None, None)]  # a county has no 区局
    yiwu = UnitParser.for_notice(notice("义乌市人民政府办公室"))
    assert units(yiwu, "市局") == [("市局", "金华市义乌市市场监督管理局", "义乌市",
                                   "330782000000")]  # fmt: skip
    banner = UnitParser.for_notice(notice("鄂尔多斯市伊金霍洛旗人民政府"))
    assert units(banner, "旗教育局")[0][1:3] == ("鄂尔多斯市伊金霍洛旗教育局", "伊金霍洛旗")


def test_the_old_constructor_still_works():
    parser = UnitParser("上海市浦东新区卫生健康委员会")
    assert units(parser, "区卫健委") == DISTRICT_CELLS["区卫健委、区文旅局"][:1]
    assert UnitParser(None).issuing is None and UnitParser(None).parse("区局")[0].district is None


def test_names_of_divisions_gone_settle_by_the_notice_date():
    for date, expected in [
        ("2020-06-01", ("杭州市江干区市场监督管理局", "江干区", "330104000000")),
        ("2024-04-29", ("杭州市江干区市场监督管理局", "上城区", SHANGCHENG)),
    ]:
        parser = UnitParser.for_notice(notice("杭州市市场监督管理局", date=date))
        assert units(parser, "江干区市场监管局")[0][1:] == expected
    # the issuer itself: a 2020 notice of 江干区 gives 区局 江干区's old code
    old = UnitParser.for_notice(notice("杭州市江干区人民政府", date="2020-06-01"))
    assert units(old, "区局")[0][1:] == ("杭州市江干区市场监督管理局", "江干区", "330104000000")


# The seed's 负责单位, checked by hand: (as printed, role, full name, district).
SEED_UNITS = {
    "主办单位：市局\n承办单位：浦东新区市场监管局\n协办单位：东方网": [
        ("市局", "主办", "上海市市场监督管理局", None),
        ("浦东新区市场监管局", "承办", "上海市浦东新区市场监督管理局", "浦东新区"),
        ("东方网", "协办", "东方网", None),
    ],
    "市计测院": [("市计测院", None, "上海市计量测试技术研究院", None)],
    "市质检院": [("市质检院", None, "上海市质量监督检验技术研究院", None)],
    "市局机场分局、市质检院": [
        ("市局机场分局", None, "上海市市场监督管理局机场分局", None),
        ("市质检院", None, "上海市质量监督检验技术研究院", None),
    ],
    "临港新片区市场监管局": [("临港新片区市场监管局", None, "临港新片区市场监督管理局", None)],
    "市医疗装备协会": [("市医疗装备协会", None, "上海市医疗装备协会", None)],
    "国家海洋动力装备产业计量测试中心": [
        ("国家海洋动力装备产业计量测试中心", None, "国家海洋动力装备产业计量测试中心", None)
    ],
    "国家民用航空发动机产业计量测试中心": [
        ("国家民用航空发动机产业计量测试中心", None, "国家民用航空发动机产业计量测试中心", None)
    ],
}
SEED_DISTRICTS = ["黄浦区", "静安区", "徐汇区", "长宁区", "普陀区", "虹口区", "杨浦区", "宝山区",
                  "闵行区", "嘉定区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区"]  # fmt: skip
SHANGHAI = {"黄浦区": "310101", "徐汇区": "310104", "长宁区": "310105", "静安区": "310106",
            "普陀区": "310107", "虹口区": "310109", "杨浦区": "310110", "闵行区": "310112",
            "宝山区": "310113", "嘉定区": "310114", "浦东新区": "310115", "金山区": "310116",
            "松江区": "310117", "青浦区": "310118", "奉贤区": "310120",
            "崇明区": "310151"}  # fmt: skip


@pytest.mark.parametrize("build", [UnitParser.for_notice, lambda n: UnitParser(n.issuer)])
def test_seed_units_against_a_hand_made_list(build):
    n = pipeline.extract(SEED)
    parser = build(n)
    cells = {row[5] for row in n.tables[0].rows}
    for district in SEED_DISTRICTS:
        cell = f"{district}市场监管局"
        assert cell in cells
        (unit,) = parser.parse(cell)
        assert (unit.full_name, unit.district) == (f"上海市{district}市场监督管理局", district)
        assert unit.adcode == SHANGHAI[district] + "000000"  # Shanghai's, not Zhoushan's 普陀区
    for cell, expected in SEED_UNITS.items():
        assert cell in cells
        got = [(u.name, u.role, u.full_name, u.district) for u in parser.parse(cell)]
        assert got == expected, cell
    assert cells - set(SEED_UNITS) - {f"{d}市场监管局" for d in SEED_DISTRICTS} == {
        "浦东新区市场监管局"
    }


def test_region_settles_shared_district_names_and_user_aliases(tmp_path):
    zhoushan = UnitParser("浙江省舟山市市场监督管理局")
    (unit,) = zhoushan.parse("普陀区市场监管局")
    assert (unit.district, unit.adcode) == ("普陀区", "330903000000")
    assert UnitParser(None).parse("普陀区市场监管局")[0].district is None  # ambiguous: no guess
    extra = tmp_path / "aliases.csv"
    extra.write_text("alias,full_name,region\n市局,某某市市场监督管理局（自定义）,\n", "utf-8")
    (unit,) = UnitParser("上海市市场监督管理局", read_aliases(extra)).parse("市局")
    assert unit.full_name == "某某市市场监督管理局（自定义）" and unit.alias
