"""Find the encoding of a text file without asking the user.

The cascade: byte-order mark; UTF-16 without a BOM (NUL bytes on one parity);
strict UTF-8; strict GB18030 (a superset of GBK and GB2312, what Chinese offices
save as "ANSI"); chardet as the last resort. Every candidate must decode strictly
*and* look like text (few control or private-use characters): charset detectors
alone read short GBK text as Korean cp949, so they come last.
"""

from __future__ import annotations

import codecs

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
]

_ALLOWED_CONTROLS = set("\t\n\r\f\v")
# Characters str.isprintable() rejects that are not bad in text: the allowed controls,
# the separators (Zs, Zl, Zp) and common format characters (Cf).
_NOT_BAD = dict.fromkeys(
    map(ord, "\t\n\r\f\v\xa0\u1680\u202f\u205f\u3000\u2028\u2029\xad\u2060\ufeff"),
    None,
)
_NOT_BAD.update(dict.fromkeys(range(0x2000, 0x2010), None))  # spaces, zero-width marks


def text_score(text: str) -> float:
    """Share of characters that are plausible in a notice (0..1)."""
    if not text:
        return 1.0
    if "\ufffd" not in text and text.translate(_NOT_BAD).isprintable():
        return 1.0  # no control, private-use, unassigned or surrogate character: the common case
    import unicodedata

    bad = 0
    for ch in text:
        if ch in _ALLOWED_CONTROLS:
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Co", "Cn", "Cs") or ch == "\ufffd":
            bad += 1
    return 1.0 - bad / len(text)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, min_score: float = 0.97) -> tuple[str, str] | None:
    """Return (text, encoding name) or None when nothing reads the bytes as text."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec)
            if text is not None:
                return text, name
    if b"\x00" in data:
        even = data[0::2].count(0)
        odd = data[1::2].count(0)
        codec = "utf-16-le" if odd >= even else "utf-16-be"
        text = _strict(data, codec)
        if text is not None and text_score(text) >= min_score:
            return text, codec
        return None  # NUL bytes and not UTF-16: a binary file
    for codec in ("utf-8", "gb18030"):
        text = _strict(data, codec)
        if text is not None and text_score(text) >= min_score:
            return text, codec
    import chardet  # last resort; imported only when the cascade failed

    guess = chardet.detect(data).get("encoding")
    if guess:
        text = _strict(data, guess)
        if text is not None and text_score(text) >= min_score:
            return text, codecs.lookup(guess).name
    return None
