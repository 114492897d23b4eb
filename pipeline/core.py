"""``extract(path) -> Notice``: read the file, segment it. The heart of the library."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import EmptyFile, PipelineError
from .model import Notice, Source
from .readers import read
from .segment import segment
from .tables import FillPolicy


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PipelineError(str(path), "no such file", "check the path") from None
    except IsADirectoryError:
        raise PipelineError(str(path), "is a folder", "pass the files inside it") from None
    except PermissionError:
        raise PipelineError(str(path), "permission denied", "make the file readable") from None


def extract(
    path: str | Path,
    *,
    fill_columns: tuple[str, ...] | list[str] = (),
    fill: bool = True,
    password: str | None = None,
) -> Notice:
    """Read one notice (.txt) and return its structure.

    ``fill_columns`` names extra columns whose blank cells are filled from the row above
    (responsible-unit columns always are); ``fill=False`` turns blank-filling off.
    ``password`` opens an encrypted PDF.
    Raises a :class:`pipeline.errors.PipelineError` subclass for a file it cannot read.
    """
    path = Path(path)
    data = _read_bytes(path)
    if not data:
        raise EmptyFile(str(path), "the file is empty")
    doc = read(path, data, password)
    source = Source(
        path=str(path),
        name=path.name,
        format=doc.format,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        encoding=doc.encoding,
    )
    return segment(doc, source, FillPolicy(enabled=fill, columns=tuple(fill_columns)))
