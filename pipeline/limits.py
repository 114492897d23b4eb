"""Limits that keep one bad or hostile file from exhausting the machine.

Each has a default and a flag of ``notice-pipeline extract``; ``pipeline.extract``
takes a ``limits=Limits(...)`` argument. Together they bound the memory a document
can take: the file's size, the bytes its .docx parts inflate to (checked from the
zip directory before any part is read or any XML parsed, and again while reading),
the pages of a PDF, and the seconds a document may take.

The size limit depends on the format (:meth:`Limits.size_limit`). A .txt takes far
more memory per byte than the other formats (every line becomes objects: 15 to 150
MiB per MB of text, by its shape, as the memory section of ``make bench`` prints), and
a text notice is far smaller than the limit, so a .txt over ``max_text_size`` (4 MB)
is refused; a .doc or .wps over ``max_legacy_size`` (16 MB; about 70 MiB per MB of
text in a .doc, besides LibreOffice's own 200 MiB: ``make bench`` where soffice and
../shared/corpus are there). A .docx or .pdf has only ``max_size``: its memory is
bounded by ``max_unzipped`` and ``max_pages``.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_size: int = 200 * MB  # bytes of an input file (--max-size, in MB)
    max_unzipped: int = 256 * MB  # bytes all parts of a .docx inflate to (--max-unzipped)
    max_ratio: float = 200.0  # inflated / compressed size of one .docx part over 1 MB
    max_pages: int = 1000  # pages of a PDF (--max-pages)
    timeout: float = 300.0  # seconds per document, 0 for none (--timeout)
    max_text_size: int = 4 * MB  # bytes of a .txt input (--max-text-size, in MB)
    max_legacy_size: int = 16 * MB  # bytes of a .doc or .wps input (--max-legacy-size)

    def size_limit(self, fmt: str | None) -> int:
        """The most bytes an input of format ``fmt`` ("txt", "docx", "pdf", "doc", "wps";
        None for unknown) may have: ``max_size``, or its format's own limit if lower."""
        field = _SIZE_FIELDS.get(fmt or "", "max_size")
        return min(self.max_size, getattr(self, field))

    def size_limit_field(self, fmt: str | None) -> str:
        """The field of :meth:`size_limit` (``"max_size"``, ``"max_text_size"`` or
        ``"max_legacy_size"``): the one to raise for a genuine file of that format."""
        field = _SIZE_FIELDS.get(fmt or "", "max_size")
        return field if getattr(self, field) <= self.max_size else "max_size"


# format -> the field of its own size limit (other formats have max_size alone)
_SIZE_FIELDS = {"txt": "max_text_size", "doc": "max_legacy_size", "wps": "max_legacy_size"}
# field -> the flag of `notice-pipeline extract` that sets it (in MB)
SIZE_FLAGS = {
    "max_size": "--max-size",
    "max_text_size": "--max-text-size",
    "max_legacy_size": "--max-legacy-size",
}

DEFAULT = Limits()


@contextlib.contextmanager
def time_limit(seconds: float, location: str):
    """Raise DocumentTimeout in this block after ``seconds`` (0: no limit).

    Uses SIGALRM, so it works in a process's main thread (the CLI with --jobs 1, and
    every process-pool worker); elsewhere (Dask threads) the block runs unlimited.
    In a process pool the pool also stops a worker that does not come back.
    """
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    from .errors import DocumentTimeout

    def expire(signum, frame):
        raise DocumentTimeout(location, f"took more than {seconds:g} s and was stopped")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
