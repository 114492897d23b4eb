"""Topics of table rows: keywords (jieba, with a metrology dictionary) and a category.

jieba loads only when topics are asked for (``--topics``), with its cache in a
writable folder and its start-up messages silenced. The domain dictionary
(pipeline/data/metrology.dict: 血压计, 电子计价秤, 民用三表, 加油机, 检定, 校准…) and
the category rules (pipeline/data/categories.csv: category, keywords separated by
"|"; the first rule that matches wins) ship in the package; ``categories=`` takes a
CSV of the user's own.
"""

from __future__ import annotations

import csv
import logging
import os
import tempfile
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@cache
def _jieba():
    import jieba
    import jieba.analyse

    jieba.setLogLevel(logging.WARNING)
    cache_dir = Path(os.environ.get("XDG_CACHE_HOME", tempfile.gettempdir())) / "notice-pipeline"
    cache_dir.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(cache_dir)
    jieba.load_userdict(str(DATA / "metrology.dict"))
    return jieba


@cache
def domain_words() -> frozenset[str]:
    lines = (DATA / "metrology.dict").read_text(encoding="utf-8").splitlines()
    return frozenset(line.split()[0] for line in lines if line.strip())


def read_categories(path=None) -> list[tuple[str, list[str]]]:
    with open(path or DATA / "categories.csv", encoding="utf-8-sig", newline="") as f:
        return [
            (row["category"].strip(), [k for k in row["keywords"].split("|") if k.strip()])
            for row in csv.DictReader(f)
        ]


def keywords(text: str, top: int = 5) -> list[str]:
    """Up to ``top`` keywords: the domain's words first, then jieba's TF-IDF choice."""
    jieba = _jieba()
    words = [w for w in jieba.lcut(text) if w in domain_words()]
    ranked = jieba.analyse.extract_tags(text, topK=top * 2, allowPOS=("n", "nz", "vn", "v", "nt"))
    out: list[str] = []
    for word in [*words, *ranked]:
        if word not in out and len(word) > 1:
            out.append(word)
    return out[:top]


def category(texts: list[str], rules: list[tuple[str, list[str]]]) -> str | None:
    """The first rule matching the first text that any rule matches.

    ``texts`` go from the most telling (the activity's name) to the least (its
    content, its form), so "医学计量基础知识培训 … 开展宣传" is 培训, not 科普宣传.
    """
    for text in texts:
        for name, words in rules:
            if any(word in text for word in words):
                return name
    return None
