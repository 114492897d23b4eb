"""Normalised values through the whole pipeline (enrich.py): a district's notice and a
city's, written as .txt, their task tables' units and times read as the issue asks."""

from __future__ import annotations

import pipeline

NOTICE = """{issuer}文件

{number}

关于开展2024年健康宣传周活动的通知

各街道、镇：
    现将有关事项通知如下，请认真落实。
    附件：任务分工表

{issuer}
{date}

附件

任务分工表

序号\t任务\t责任单位\t完成时限
1\t开展宣传\t{units}\t第三季度
2\t组织培训\t各街道\t9月底前完成
3\t督导检查\t{city_unit}\t2024年12月底
"""


def extract(tmp_path, **fields):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE.format(**fields), "utf-8")
    return pipeline.extract(path)


def units(table) -> dict[int, list[tuple]]:
    return {u.row: [(x.full_name, x.district, x.adcode) for x in u.units] for u in table.units}


def test_a_district_notice_gives_its_district_to_relative_names(tmp_path):
    n = extract(
        tmp_path,
        issuer="上海市浦东新区卫生健康委员会",
        number="浦卫〔2024〕12号",
        date="2024年5月6日",
        units="区卫健委、区文旅局",
        city_unit="市卫健委",
    )
    (table,) = n.tables
    assert units(table) == {
        1: [
            ("上海市浦东新区卫健委", "浦东新区", "310115000000"),
            ("上海市浦东新区文旅局", "浦东新区", "310115000000"),
        ],
        2: [("各街道", None, None)],  # a plural names no one unit
        3: [("上海市卫健委", None, None)],  # the city's
    }
    times = [(t.row, t.kind, t.start, t.end) for t in table.times]
    assert times == [
        (1, "quarter", "2024-07-01", "2024-09-30"),
        (2, "deadline", None, "2024-09-30"),
        (3, "deadline", None, "2024-12-31"),
    ]


def test_a_city_notice_gives_its_city_and_a_dateless_one_its_number_year(tmp_path):
    n = extract(
        tmp_path,
        issuer="杭州市卫生健康委员会",
        number="杭卫发〔2025〕3号",
        date="",
        units="市局、上城区卫健委",
        city_unit="市卫健委",
    )
    (table,) = n.tables
    found = units(table)
    assert found[1] == [
        ("杭州市市场监督管理局", None, None),
        ("杭州市上城区卫健委", "上城区", "330102000000"),
    ]
    assert found[3] == [("杭州市卫健委", None, None)]
    quarter = next(t for t in table.times if t.row == 1)
    assert (quarter.start, quarter.end, quarter.year_inferred) == (
        "2025-07-01",
        "2025-09-30",
        True,
    )
    assert any(w.code == "time_year_inferred" for w in n.warnings)
