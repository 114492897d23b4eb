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

    hashlib loads OpenSSL's libcrypto on import (milliseconds, more than a small notice
    takes to hash); CPython's own SHA-256 module loads in a small fraction of that
    (`make bench` prints both), and is used for inputs up to 4 MB, where its lower speed
    does not matter.
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


def _mb(n: int) -> str:
    return f"{n / MB:.0f}" if n >= MB else f"{n / MB:.2g}"


def _size_format(location: str, data: bytes | None = None) -> str | None:
    """The format whose size limit applies: the name's, or with ``data`` the bytes'.

    A file named .pdf or .docx whose bytes are neither is held to the limit of text
    (the bytes of a .txt under the wrong name, or of nothing we read); None for a name
    of no supported format whose bytes say nothing either.
    """
    from .errors import UnsupportedFormat
    from .readers import detect_format

    try:
        fmt, _ = detect_format(location, data)
    except UnsupportedFormat:
        return None
    if data is not None and (
        (fmt == "pdf" and b"%PDF-" not in data[:1024])
        or (fmt == "docx" and not data.startswith(b"PK\x03\x04"))
    ):
        return "txt"
    return fmt


def _check_size(
    location: str, size: int, fmt: str | None, named: str | None, limits: Limits
) -> None:
    """FileTooLarge if ``size`` is over the limit for ``fmt``, the format of the name or of
    the bytes; ``named``: the name's format (the message says when the two differ)."""
    from .limits import SIZE_FLAGS

    limit = limits.size_limit(fmt)
    if size <= limit:
        return
    field = limits.size_limit_field(fmt)
    problem = f"is {_mb(size)} MB, over the limit of {_mb(limit)} MB"
    if field == "max_size":
        raise FileTooLarge(location, problem)  # the class's hint: --max-size
    if _mb(size) == _mb(limit):  # not "is 4 MB, over the limit of 4 MB"
        problem = f"is {size / MB:.2f} MB, over the limit of {_mb(limit)} MB"
    if named == fmt:
        problem += f" for a .{fmt} file"
    else:  # the bytes showed a format of a lower limit than the name's
        name = f"it is named .{named}" if named else "its name gives no format"
        bytes_are = f"not a .{named} file's" if fmt == "txt" else f"a .{fmt} file's"
        what = "text" if fmt == "txt" else f"a .{fmt} file"
        problem += f" for {what}: {name}, but its bytes are {bytes_are}"
    raise FileTooLarge(
        location,
        problem,
        f"raise the limit with {SIZE_FLAGS[field]} MB (in the library, "
        f"Limits({field}=...) in bytes) if the file is genuine",
    )


def read_input(location: str, limits: Limits = DEFAULT) -> bytes:
    """The bytes of an input (a local path or an fsspec URL), with clear errors.

    The size is checked before anything is read, against the limit of the format its
    name says (:meth:`Limits.size_limit`: a .txt has a lower limit than a .pdf); once
    read, against the limit of the format its bytes show, where that is lower (a .pdf
    name holding text).
    """
    try:
        named = _size_format(location)
        _check_size(location, storage.size(location), named, named, limits)
        data = storage.read_bytes(location)
    except FileNotFoundError:
        raise NotFound(location, "no such file") from None
    except IsADirectoryError:
        raise PipelineError(location, "is a folder", "pass the files inside it") from None
    except PermissionError:
        raise PipelineError(location, "permission denied", "make the file readable") from None
    if len(data) > min(limits.size_limit(f) for f in ("txt", "doc", "wps", "docx", "pdf")):
        _check_size(location, len(data), _size_format(location, data), named, limits)
    return data


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
    from .tables import FillPolicy, load_fill_rules, missing_fill_columns

    options = ExtractOptions.of(options, **kwargs)
    if not data:
        raise EmptyFile(location, "the file is empty")
    import logging
    import time

    log = logging.getLogger("notice_pipeline.core")
    started = time.perf_counter()
    doc = read(
        location, data, options.password, options.limits, options.legacy_converted, options.ocr
    )
    read_at = time.perf_counter()
    pages = {b.page for b in doc.blocks if getattr(b, "page", None)}
    log.info(
        "%s: read by the %s reader%s%s, %d blocks",
        location,
        doc.format,
        f", {len(pages)} pages" if pages else "",
        " (OCR)" if doc.ocr else "",
        len(doc.blocks),
    )
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
    notice.warnings += missing_fill_columns(notice.tables, policy)
    segmented_at = time.perf_counter()
    from .enrich import enrich
    from .units import read_aliases

    enrich(
        notice,
        topics=options.topics,
        aliases=read_aliases(options.aliases) if options.aliases else None,
        categories=options.categories,
        fill_rules=policy.rules,
    )
    done = time.perf_counter()
    log.debug(
        "%s: read %.3f s, segmented %.3f s, enriched %.3f s; %d sections, %d tables, warnings: %s",
        location,
        read_at - started,
        segmented_at - read_at,
        done - segmented_at,
        len(notice.sections),
        len(notice.tables),
        ", ".join(w.code for w in notice.warnings) or "none",
    )
    log.info("%s: %.2f s", location, done - started)
    return notice


def bytes_location(name: str, data: bytes) -> str:
    """The location to read bytes without a file by (stdin): ``name`` when its extension or
    the bytes say the format, else ``name.txt`` (bytes that are no package, PDF or image
    are text)."""
    from .readers import SUPPORTED, _suffix, sniff

    if sniff(data) or _suffix(name).lower() in SUPPORTED:
        return name
    return f"{name}.txt"


def extract_stdin(name: str = "stdin", options: ExtractOptions | None = None, **kwargs) -> Notice:
    """Read one notice from standard input (bytes, the format found from them as for a
    file); ``name`` names it in messages and in the output's source (path "-")."""
    import sys

    data = sys.stdin.buffer.read()
    if not data:
        raise EmptyFile(name, "nothing came on standard input", "pipe a notice into it")
    notice = extract_bytes(bytes_location(name, data), data, options, **kwargs)
    notice.source.path, notice.source.name = "-", name
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
