import codecs

import pytest

from pipeline.encoding import decode

TEXT = "关于开展计量宣传活动的通知\n各区市场监管局：\n一、活动时间\n"
SHORT = [
    "计量",
    "负责单位",
    "市场监管局",
    "血压计免费校准",
    "附件：活动安排表",
    "二〇二四年三月十五日",
]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM: found from the NUL bytes
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_decode_finds_the_encoding(data, encoding):
    text, found = decode(data)
    assert text.lstrip("\ufeff") == TEXT
    assert found == encoding


@pytest.mark.parametrize("snippet", SHORT)
def test_short_gbk_is_not_mistaken_for_korean(snippet):
    text, found = decode(snippet.encode("gbk"))
    assert (text, found) == (snippet, "gb18030")


def test_binary_junk_is_not_text():
    assert decode(bytes(range(256)) * 4) is None
    assert decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)) is None
