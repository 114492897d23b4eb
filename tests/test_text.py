import pytest

from pipeline.text import close_cjk_gaps, cn_to_int, is_date_line, join_wrapped, parse_date, squash


@pytest.mark.parametrize(
    ("text", "value"),
    [("十", 10), ("十五", 15), ("二十", 20), ("二十一", 21), ("三十一", 31), ("一百零八", 108),
     ("二〇二四", 2024), ("二○二四", 2024), ("二零二四", 2024), ("15", 15), ("１２", 12),
     ("", None), ("abc", None)],
)  # fmt: skip
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize(
    ("text", "iso", "raw"),
    [
        ("2024年4月29日", "2024-04-29", "2024年4月29日"),
        ("二〇二四年三月十五日", "2024-03-15", "二〇二四年三月十五日"),
        ("二○二三年十二月三十一日", "2023-12-31", "二○二三年十二月三十一日"),
        ("2025 年 1 月 20 日", "2025-01-20", "2025年1月20日"),
        ("于2024年6月14日前报送", "2024-06-14", "2024年6月14日"),
        ("２０２４年５月１日", "2024-05-01", "２０２４年５月１日"),
    ],
)
def test_parse_date(text, iso, raw):
    assert parse_date(text) == (iso, raw)


def test_parse_date_rejects_impossible_and_partial_dates():
    assert parse_date("2024年2月30日") is None
    assert parse_date("2024年5月") is None
    assert parse_date("没有日期") is None


def test_is_date_line():
    assert is_date_line("  2024年4月29日 ")
    assert is_date_line("二〇二四年三月十五日")
    assert not is_date_line("2024年5月20日是第25个世界计量日")


def test_close_cjk_gaps_and_squash():
    assert close_cjk_gaps("上 海 市 市 场 监 督 管 理 局") == "上海市市场监督管理局"
    assert close_cjk_gaps("2025 年 1 月 20 日") == "2025年1月20日"
    assert close_cjk_gaps("CNAS and NADCAP 体系") == "CNAS and NADCAP 体系"  # Latin keeps its space
    assert squash(" 上海\u3000市 \n") == "上海市"


def test_join_wrapped():
    assert join_wrapped(
        ["上海市市场监督管理局关于开展", "2024年上海市“世界计量日”", "系列宣传活动的通知"]
    ) == ("上海市市场监督管理局关于开展2024年上海市“世界计量日”系列宣传活动的通知")
    assert join_wrapped(["the CNAS", "accreditation"]) == "the CNAS accreditation"
