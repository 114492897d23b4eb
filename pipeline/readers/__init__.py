"""Readers: one module per format, each returning a :class:`~pipeline.model.Document`.

A reader knows its format and nothing about notices. ``read(path, data)`` picks the
reader from the file's bytes where they tell (a PDF, a Word package, an OLE2 file),
and from its extension otherwise; when the two disagree the bytes win and the
document carries a ``format_mismatch`` warning.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from ..errors import UnsupportedFormat
from ..limits import DEFAULT, Limits

if TYPE_CHECKING:
    from ..model import Document

# extension -> format
SUPPORTED = {".txt": "txt", ".docx": "docx", ".pdf": "pdf", ".doc": "doc", ".wps": "wps",
             ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image",
             ".tiff": "image"}  # fmt: skip


def sniff(data: bytes) -> str | None:
    """The format the bytes say: "pdf", "docx", "ole" (legacy Word/WPS), "image" (PNG,
    JPEG, TIFF) or None."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        import io
        import zipfile  # only for a package: a .txt run does not pay for it

        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "zip"  # a damaged package: a .docx if its name says so
        return "docx" if any(n.startswith("word/") for n in names) else None
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")):
        return "image"
    return None


def _suffix(path: str) -> str:
    """The extension of a name as pathlib gives it: "" for ".txt" and for "notice."."""
    name = posixpath.basename(path.replace("\\", "/").rstrip("/"))
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def detect_format(path: str, data: bytes | None = None) -> tuple[str, str | None]:
    """(format to read it as, a warning when the extension says otherwise)."""
    suffix = _suffix(str(path)).lower()
    by_name = SUPPORTED.get(suffix)
    by_bytes = sniff(data) if data is not None else None
    if by_bytes == "ole":
        by_bytes = by_name if by_name in ("doc", "wps") else "doc"
    if by_bytes == "zip":
        by_bytes = "docx" if by_name == "docx" else None
    if by_bytes and by_name and by_bytes != by_name:
        return by_bytes, f"the file is named {suffix} but its bytes are {by_bytes}: read as such"
    if by_bytes:
        return by_bytes, None if by_name else f"read as {by_bytes} from its bytes"
    if by_name is None:
        raise UnsupportedFormat(
            str(path),
            f"{suffix or 'a file without an extension'} is not a supported format",
            f"save it as one of {', '.join(sorted(SUPPORTED))}",
        )
    return by_name, None


def read(
    path,
    data: bytes,
    password: str | None = None,
    limits: Limits = DEFAULT,
    legacy_converted: str | None = None,
    ocr: str = "auto",
) -> Document:
    """The blocks of one file. ``legacy_converted``: a folder of .docx that a batch's one
    LibreOffice run made from its .doc/.wps files (see readers/legacy.py); ``ocr``:
    "auto", "never" or "force" for scanned PDFs and images (readers/ocr.py)."""
    fmt, mismatch = detect_format(str(path), data)
    import logging

    logging.getLogger("notice_pipeline.readers").debug(
        "%s: %d bytes, read as %s%s",
        path,
        len(data or b""),
        fmt,
        f" ({mismatch})" if mismatch else "",
    )
    document = _read(str(path), data, fmt, password, limits, legacy_converted, ocr)
    if mismatch:
        from ..model import ParseWarning

        document.warnings.insert(0, ParseWarning("format_mismatch", mismatch))
    return document


def _read(
    path: str,
    data: bytes,
    fmt: str,
    password: str | None,
    limits: Limits,
    legacy_converted: str | None = None,
    ocr: str = "auto",
) -> Document:
    if fmt == "txt":
        from .txt import read_txt

        return read_txt(path, data)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(path, data, limits)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, data, password, limits, ocr=ocr)
    if fmt == "image":
        from .image import read_image

        return read_image(path, data, limits, ocr=ocr)
    from .legacy import read_legacy

    if legacy_converted:
        return read_legacy(path, data, fmt, limits, converted=legacy_converted)
    return read_legacy(path, data, fmt, limits)
