"""Readers: one module per format, each returning a :class:`~pipeline.model.Document`.

A reader knows its format and nothing about notices. ``read(path, data)`` picks
the reader from the file's extension.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UnsupportedFormat
from ..model import Document

# extension -> format
SUPPORTED = {".txt": "txt", ".docx": "docx", ".pdf": "pdf", ".doc": "doc", ".wps": "wps"}


def detect_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    fmt = SUPPORTED.get(suffix)
    if fmt is None:
        raise UnsupportedFormat(
            str(path),
            f"{suffix or 'a file without an extension'} is not a supported format",
            f"save it as one of {', '.join(sorted(SUPPORTED))}",
        )
    return fmt


def read(path: str | Path, data: bytes, password: str | None = None) -> Document:
    fmt = detect_format(path)
    if fmt == "txt":
        from .txt import read_txt

        return read_txt(str(path), data)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(str(path), data)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(str(path), data, password)
    from .legacy import read_legacy

    return read_legacy(str(path), data, fmt)
