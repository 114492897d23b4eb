"""Which files are the same notice: ``notice_id``.

An archive often holds one notice several times: the .docx, the .pdf printed from it,
a .txt copied out of a web page, a copy in another folder. Each converted document
gets a ``notice_id`` built from what the notice says about itself, not from its
bytes, so that the dataset and the report can count notices rather than files:

- its 发文机关 (issuer) and 发文字号 when both are known — a 文号 is unique for its
  issuer ("沪市监〔2024〕146号");
- else its title and 成文日期 (a notice without a 文号, as many 通知 of offices are);
- else its title and issuer (a report or a plan printed without a date);
- else the file's own sha256 (nothing to recognise it by: a notice of its own).

The parts are compared after normalising what differs between renderings of one
notice: spaces, full-width digits and letters, the brackets around a year (〔〕, [],
［］, （）, 【】), and the punctuation of a title. The id is ``n`` and 16 hex digits of
the SHA-1 of the key; ``notice_key`` gives the key itself, readable.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Notice

_YEAR_BRACKETS = re.compile(r"[\[［(（【〔]\s*(\d{4})\s*[\]］)）】〕]")
_DROP = re.compile(r"[\s\"'“”‘’《》〈〉<>「」『』·•:：,，.。、;；!！?？—\-_]+")


def _plain(text: str | None) -> str:
    """NFKC (full-width digits and letters to ASCII), no spaces, no punctuation."""
    text = unicodedata.normalize("NFKC", text or "")
    return _DROP.sub("", text)


def normal_doc_number(doc_number: str | None) -> str:
    """ "沪市监 [2024] 146 号" and "沪市监〔2024〕146号" -> "沪市监〔2024〕146号"."""
    text = unicodedata.normalize("NFKC", doc_number or "")
    text = re.sub(r"\s+", "", text)
    return _YEAR_BRACKETS.sub(r"〔\1〕", text)


def notice_key(
    issuer: str | None,
    doc_number: str | None,
    title: str | None,
    date: str | None,
    sha256: str | None = None,
) -> str | None:
    """The readable key a notice is recognised by (see the module's docstring)."""
    issuer_, number = _plain(issuer), normal_doc_number(doc_number)
    if issuer_ and number:
        return f"文号|{issuer_}|{number}"
    title_ = _plain(title)
    if title_ and date:
        return f"标题|{title_}|{date}"
    if title_ and issuer_:
        return f"标题|{title_}|{issuer_}"
    if sha256:
        return f"文件|{sha256}"
    return None


def short_hash(text: str, length: int = 16) -> str:
    """``length`` hex digits of the SHA-1 of ``text`` (CPython's own SHA-1: hashlib
    would load OpenSSL, which a one-file run does not otherwise need; ``make bench``
    prints both imports' cost)."""
    try:
        from _sha1 import sha1
    except ImportError:
        from hashlib import sha1
    return sha1(text.encode("utf-8")).hexdigest()[:length]


def notice_id(
    issuer: str | None,
    doc_number: str | None,
    title: str | None,
    date: str | None,
    sha256: str | None = None,
) -> str | None:
    """``n`` + 16 hex digits; the same for every file of one notice."""
    key = notice_key(issuer, doc_number, title, date, sha256)
    if key is None:
        return None
    return "n" + short_hash(key)


def notice_id_of(notice: Notice) -> str | None:
    """The notice_id of a notice (extracted, or read back with ``Notice.from_dict``)."""
    n = notice
    return notice_id(n.issuer, n.doc_number, n.title, n.date, n.source.sha256)
