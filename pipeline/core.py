"""``extract(path) -> Notice``: read the file, segment it. The heart of the library.

The readers and the segmenter load on the first extraction, so that a batch whose
inputs are all unchanged (read and hashed, then skipped) never loads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import storage
from .errors import EmptyFile, FileTooLarge, NotFound, PipelineError
from .limits import DEFAULT, MB, Limits

if TYPE_CHECKING:
    from pathlib import Path

    from .model import Notice
    from .options import ExtractOptions


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex.

    hashlib loads OpenSSL's libcrypto on import (2-3 ms, more than a small notice takes
    to hash); CPython's own SHA-256 module loads in a tenth of that, and is used for
    inputs up to 4 MB, where its lower speed does not matter.
    """
    if len(data) <= 4 * MB:
        try:
            from _sha256 import sha256  # CPython up to 3.11
        except ImportError:
            try:
                from _sha2 import sha256  # CPython 3.12 and later
            except ImportError:
                from hashlib import sha256
    else:
        from hashlib import sha256
    return sha256(data).hexdigest()


def read_input(location: str, limits: Limits = DEFAULT) -> bytes:
    """The bytes of an input (a local path or an fsspec URL), with clear errors.

    The size is checked before anything is read.
    """
    try:
        size = storage.size(location)
        if size > limits.max_size:
            raise FileTooLarge(
                location,
                f"is {size / MB:.0f} MB, over the limit of {limits.max_size / MB:.0f} MB",
            )
        return storage.read_bytes(location)
    except FileNotFoundError:
        raise NotFound(location, "no such file") from None
    except IsADirectoryError:
        raise PipelineError(location, "is a folder", "pass the files inside it") from None
    except PermissionError:
        raise PipelineError(location, "permission denied", "make the file readable") from None


def extract_bytes(
    location: str, data: bytes, options: ExtractOptions | None = None, **kwargs
) -> Notice:
    """Extract a notice from bytes already read; ``location`` names it (and its format).

    ``options`` (an :class:`~pipeline.options.ExtractOptions`) or its fields as keywords.
    """
    from .model import Source
    from .options import ExtractOptions
    from .readers import read
    from .segment import segment
    from .tables import FillPolicy, load_fill_rules

    options = ExtractOptions.of(options, **kwargs)
    if not data:
        raise EmptyFile(location, "the file is empty")
    doc = read(location, data, options.password, options.limits, options.legacy_converted)
    source = Source(
        path=location,
        name=storage.name_of(location),
        format=doc.format,
        sha256=sha256_hex(data),
        size=len(data),
        encoding=doc.encoding,
    )
    policy = FillPolicy(
        enabled=options.fill,
        columns=options.fill_columns,
        rules=load_fill_rules(options.fill_rules),
    )
    notice = segment(doc, source, policy)
    from .enrich import enrich
    from .units import read_aliases

    enrich(
        notice,
        topics=options.topics,
        aliases=read_aliases(options.aliases) if options.aliases else None,
        categories=options.categories,
        fill_rules=policy.rules,
    )
    return notice


def extract(path: str | Path, options: ExtractOptions | None = None, **kwargs) -> Notice:
    """Read one notice (.docx, .pdf, .doc, .wps, .txt) and return its structure.

    ``path`` is a local path or an fsspec URL. ``options`` is an
    :class:`~pipeline.options.ExtractOptions`, or give its fields as keywords:

    - ``fill_columns``: extra columns whose blank cells are filled from the row above
      (responsible-unit columns always are); ``fill=False`` turns blank-filling off;
      ``fill_rules``: a file of fill rules (the format of pipeline/data/fill_rules.tsv)
      extending which columns are responsible-unit columns (a bad file raises
      :class:`pipeline.tables.FillRulesError`);
    - ``password``: opens an encrypted PDF;
    - ``limits``: a :class:`pipeline.limits.Limits` (size, inflated size, pages);
    - ``topics=True``: tags table rows with keywords and a category (loads jieba);
      ``aliases`` and ``categories``: CSV files extending the unit alias table and
      replacing the topic rules.

    Raises a :class:`pipeline.errors.PipelineError` subclass for a file it cannot read.
    """
    from .options import ExtractOptions

    options = ExtractOptions.of(options, **kwargs)
    location = str(path)
    data = read_input(location, options.limits)
    return extract_bytes(location, data, options)


def inspect(path: str | Path, password: str | None = None, limits: Limits = DEFAULT):
    """The layout of one notice: every line with the role the segmenter gave it, and why.

    Returns a :class:`pipeline.notice.layout.Layout`; ``Layout.describe()`` gives the
    lines ``notice-pipeline inspect`` prints.
    """
    from .readers import read
    from .segment import read_layout

    location = str(path)
    data = read_input(location, limits)
    if not data:
        raise EmptyFile(location, "the file is empty")
    return read_layout(read(location, data, password, limits))
