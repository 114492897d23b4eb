"""Normalised values: the seed's times, units and districts, deadlines, topics (time
expressions one by one: test_times.py)."""

import subprocess
import sys

from conftest import SEED

import pipeline
from pipeline.units import UnitParser, read_aliases


def test_the_seed_table_fully_normalised(validate):
    n = pipeline.extract(SEED, topics=True)
    validate(n.to_dict())
    (table,) = n.tables
    times = {t["row"]: t for t in table.times}
    assert sorted(set(range(1, 53)) - set(times)) == [17, 18]  # blank in the text version
    assert {t["kind"] for t in times.values()} == {"day", "days", "range", "dekad", "month",
                                                  "approximate"}  # fmt: skip
    assert [t for t in times.values() if t["kind"] == "unparsed"] == []
    assert all(t["start"] >= "2024-04-20" and t["end"] <= "2024-06-30" for t in times.values())
    assert (times[23]["start"], times[23]["end"]) == ("2024-05-10", "2024-05-20")
    assert (times[28]["start"], times[28]["end"]) == ("2024-05-01", "2024-06-10")
    assert times[4]["dates"] == ["2024-05-09", "2024-05-16", "2024-05-20"]
    assert n.deadlines[0]["end"] == "2024-06-14"
    units = {u["row"]: u["units"] for u in table.units}
    assert sorted(units) == list(range(1, 53))  # every row, filled cells included
    assert not any(w.code == "unparsed_times" for w in n.warnings)


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


def test_seed_units_against_a_hand_made_list():
    n = pipeline.extract(SEED)
    parser = UnitParser(n.issuer)
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


def test_topics_are_opt_in_and_jieba_stays_unloaded_otherwise():
    probe = "import sys, pipeline; pipeline.extract(sys.argv[1]);print('jieba' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe, str(SEED)], capture_output=True, text=True
    )
    assert result.stdout.strip() == "False" and result.stderr == ""
    n = pipeline.extract(SEED, topics=True)
    topics = {t["row"]: t for t in n.tables[0].topics}
    assert len(topics) == 52
    assert {"世界计量日", "血压计", "校准"} <= set(topics[14]["keywords"])
    assert topics[1]["category"] == "主场活动"
    assert topics[12]["category"] == "便民服务"
    assert topics[3]["category"] == "培训"
    assert topics[31]["category"] == "执法检查"


def test_jieba_prints_nothing_on_load():
    probe = "import sys, pipeline; pipeline.extract(sys.argv[1], topics=True)"
    result = subprocess.run(
        [sys.executable, "-c", probe, str(SEED)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
