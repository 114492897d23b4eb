"""Limits that keep one bad or hostile file from exhausting the machine.

Each has a default and a flag of ``notice-pipeline extract``; ``pipeline.extract``
takes a ``limits=Limits(...)`` argument. Together they bound the memory a document
can take: the file's size, the bytes its .docx parts inflate to (checked from the
zip directory before any part is read or any XML parsed, and again while reading),
the pages of a PDF, and the seconds a document may take.
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
