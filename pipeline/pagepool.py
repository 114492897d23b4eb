"""How the pages of a scan are read by OCR: one after another (the engine running on
every core) or in a pool of processes, one page each.

The batch converts documents one at a time in its own process when there is one input
or ``--jobs 1``; the other cores would idle through a long scan, so it opens
``pages_in_pool(cores)`` around the run and readers/ocr.py ``read_pages`` sends the
pages to the pool, which it starts on the first scan of two pages or more (each worker
loads the models once). A pool of documents (``--jobs`` > 1, Dask) keeps its cores
busy with documents, and their pages are read one after another. Standard library only:
the batch imports this on every run, readers or not.
"""

from __future__ import annotations

import contextlib

workers = 1  # processes for the pages of one scan; 1: read in the calling process
pool = None  # the ProcessPoolExecutor readers/ocr.py started, while the context is open


@contextlib.contextmanager
def pages_in_pool(count: int):
    """Within it, pages of a scan are read by ``count`` processes (for ``count`` >= 2)."""
    global workers, pool
    previous = workers
    workers = max(1, int(count))
    try:
        yield
    finally:
        workers = previous
        if pool is not None and previous < 2:
            pool.shutdown(cancel_futures=True)
            pool = None
