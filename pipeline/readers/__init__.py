"""Readers: one module per format, each returning a :class:`~pipeline.model.Document`.

A reader knows its format and nothing about notices. ``read(path, data)`` picks
the reader from the file's extension.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UnsupportedFormat
from ..model import Document

SUPPORTED = {".txt": "txt"}


def detect_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    fmt = SUPPORTED.get(suffix)
    if fmt is None:
        raise UnsupportedFormat(
            str(path),
            f"{suffix or 'a file without an extension'} is not a supported format"
            f" (supported: {', '.join(sorted(SUPPORTED))})",
        )
    return fmt


def read(path: str | Path, data: bytes) -> Document:
    fmt = detect_format(path)
    if fmt == "txt":
        from .txt import read_txt

        return read_txt(str(path), data)
    raise UnsupportedFormat(str(path), f"no reader for {fmt}")  # pragma: no cover
