"""The gazetteer: today's divisions from the shipped code table, former ones by date, the
issuer's division from its name or 文号."""

import datetime as dt
import subprocess
import sys
from collections import Counter

import pytest

from pipeline import gazetteer as g


def today_counties():
    return [d for d in g.divisions() if d.level == "county"]


def test_the_table_is_todays_and_complete():
    levels = Counter(d.level for d in g.divisions())
    assert levels["province"] == 34 and levels["city"] == 333 and levels["county"] >= 2840
    names = {d.name for d in g.divisions()}
    # created 2019-2024 (missing from cpca's table), and gone since
    assert {
        "临平区",
        "钱塘区",
        "龙港市",
        "胡杨河市",
        "白杨市",
        "和安县",
        "和康县",
        "错那市",
    } <= names
    assert not {"江干区", "下城区", "错那县", "沙湾县"} & names
    assert all(len(d.adcode) == 12 and d.adcode.isdigit() and d.current for d in g.divisions())


def test_every_county_of_the_table_is_found_by_its_name():
    counts = Counter(d.name for d in today_counties())
    for d in today_counties():
        region = g.parent(d)
        assert g.find_district(f"{d.name}人民政府", region) == d, d
        assert g.find_district(d.name, region, dt.date(2026, 1, 1)) == d, d
        if counts[d.name] == 1:
            assert g.find_district(f"{d.name}市场监管局") == d, d  # one of that name: no region
        assert g.locate(f"{region.name}{d.name}人民政府") == d, d


def test_every_former_division_points_to_divisions_of_today():
    former = [d for d in g.divisions(include_former=True) if not d.current]
    assert len(former) > 4000
    for d in former:
        assert d.valid_until < "2025-12-31"
        for code in d.successors:
            assert g.division(code) is not None, (d, code)
            if d.valid_until >= "2019":  # those since 2019 all lead to today's
                assert g.division(code).current, (d, code)
    assert sum(1 for d in former if d.successors and d.valid_until >= "2019") >= 40


JIANGGAN = "330104000000"


def test_jianggan_by_date():
    """江干区 (abolished in 2021: its area to the new 上城区, 下沙 and 白杨 to 钱塘区)."""
    hangzhou = g.region_of("杭州市")
    for on in ("2020-05-01", dt.date(2021, 3, 1), "2021-11-30"):  # listed, or in its last year
        old = g.find_district("江干区市场监管局", hangzhou, on)
        assert (old.adcode, old.name, old.valid_until) == (JIANGGAN, "江干区", "2020-12-31")
        assert old.successors == ("330102000000", "330114000000")
    new = g.find_district("江干区市场监管局", hangzhou, "2024-04-29")
    assert (new.adcode, new.name, new.current) == ("330102000000", "上城区", True)
    assert (new.former_name, new.former_adcode) == ("江干区", JIANGGAN)
    assert g.find_district("江干区", None, None).adcode == JIANGGAN  # undated: as printed
    assert g.find_district("下城区", hangzhou, "2024-01-01")[:2] == ("330105000000", "拱墅区")
    assert g.division(JIANGGAN).name == "江干区"  # a former code still has its name


@pytest.mark.parametrize(
    ("name", "region", "on", "adcode", "as_named"),
    [
        ("桥东区", "邢台市", "2019-05-01", "130502000000", "桥东区"),  # renamed 2020, same code
        ("桥东区", "邢台市", "2024-05-01", "130502000000", "襄都区"),
        ("桥东区", "张家口市", "2024-05-01", "130702000000", "桥东区"),  # still there
        ("三元区", "三明市", "2015-05-01", "350403000000", "三元区"),  # new code in 2021
        ("三元区", "三明市", "2024-05-01", "350404000000", "三元区"),
        ("梅列区", "三明市", "2024-05-01", "350404000000", "三元区"),  # merged into it
        ("公主岭市", None, "2019-05-01", "220381000000", "公主岭市"),  # to 长春市 in 2020
        ("公主岭市", None, "2024-05-01", "220184000000", "公主岭市"),
        ("新津县", "成都市", "2024-05-01", "510118000000", "新津区"),  # 县 -> 区
        ("横县", "南宁市", "2024-05-01", "450181000000", "横州市"),  # renamed with it
        ("港闸区", "南通市", "2024-05-01", "320613000000", "崇川区"),
        ("错那县", None, "2022-05-01", "540530000000", "错那县"),
        ("错那县", None, "2024-05-01", "540581000000", "错那市"),
        ("临平区", "杭州市", "2024-05-01", "330113000000", "临平区"),
    ],
)
def test_renames_and_mergers_by_date(name, region, on, adcode, as_named):
    found = g.find_district(name, g.region_of(region) if region else None, on)
    assert (found.adcode, found.name) == (adcode, as_named)


def test_former_names_that_are_today_a_city_are_not_districts():
    assert g.find_district("丽水市市场监管局") is None  # 丽水市 was a county-level city
    assert g.find_district("临港新区管委会") is None  # 新区, 市区: words, not places
    assert g.find_district("市区两级") is None


def test_locate_an_organs_division():
    cases = {
        "上海市浦东新区卫生健康委员会": "浦东新区",
        "杭州市上城区人民政府": "上城区",
        "浙江省杭州市上城区人民政府": "上城区",
        "浦东新区卫健委": "浦东新区",
        "上海市市场监督管理局": "上海市",
        "浙江省舟山市市场监督管理局": "舟山市",
        "中共上海市委宣传部": "上海市",
        "义乌市人民政府": "义乌市",
    }
    for text, name in cases.items():
        assert g.locate(text).name == name, text
    for text in ("区卫健委", "东方网", "普陀区市场监督管理局"):  # 普陀区: Shanghai's or Zhoushan's
        assert g.locate(text) is None, text
    assert g.locate("杭州市江干区人民政府", "2020-01-01").adcode == JIANGGAN


def test_doc_number_prefixes():
    shanghai, hangzhou = g.region_of("上海市"), g.region_of("杭州市")
    assert g.from_doc_number("沪市监计〔2024〕1号").name == "上海市"
    assert g.from_doc_number("浙市监函【2024】8号").name == "浙江省"
    assert g.from_doc_number("沪浦卫〔2024〕3号").name == "浦东新区"
    assert g.from_doc_number("浦府办〔2024〕12号", shanghai).name == "浦东新区"
    assert g.from_doc_number("浦府办〔2024〕12号") is None  # 浦东, 浦口, 浦江…
    assert g.from_doc_number("上政办发〔2024〕1号", hangzhou).name == "上城区"
    assert g.from_doc_number("杭市监计量〔2024〕12号", hangzhou).name == "杭州市"
    assert g.from_doc_number("杭市监计量〔2024〕12号") is None
    abbreviations = g._province_abbreviations()
    provinces = {d.province_code for d in g.divisions() if d.level == "province"}
    assert set(abbreviations.values()) == provinces


def test_the_table_is_read_on_the_first_lookup_not_on_import():
    probe = (
        "import sys, pipeline.gazetteer as g; print(g._records.cache_info().currsize, "
        "'csv' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.split() == ["0", "False"], result.stderr


def test_divisions_gone_before_2000_are_read_for_notices_before_2001():
    old = g.find_district("南市区", g.region_of("上海市"), "1998-05-01")  # into 黄浦区 in 2000
    assert (old.adcode, old.valid_until) == ("310102000000", "1999-12-31")
    for on in ("2024-05-01", None):  # not read: Baoding's 南市区 (gone in 2015) is the one
        assert g.find_district("南市区", g.region_of("上海市"), on).adcode == "130604000000"
    assert g.division("310102").name == "南市区"  # a code is always found
    assert g._records.cache_info().currsize >= 1
