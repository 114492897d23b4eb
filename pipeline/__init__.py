"""notice-pipeline: Chinese government notices (通知 and other 公文) to structured data.

    >>> import pipeline
    >>> notice = pipeline.extract("samples/000_789e38767d8a56d8.txt")
    >>> notice.title, notice.date, len(notice.tables[0].rows)

Heavy modules load on first use, so ``import pipeline`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["__version__", "extract", "inspect", "read_dataset"]

if TYPE_CHECKING:
    from .dataset import Dataset
    from .model import Notice
    from .notice.layout import Layout


def extract(path, **options) -> Notice:
    """Read one notice and return its :class:`~pipeline.model.Notice`.

    Options as for :func:`pipeline.core.extract`.
    """
    from .core import extract as _extract

    return _extract(path, **options)


def inspect(path, **options) -> Layout:
    """The roles the segmenter gives the lines of one notice (what ``notice-pipeline
    inspect`` prints): ``inspect(path).describe()``. Options: ``password``, ``limits``.
    """
    from .core import inspect as _inspect

    return _inspect(path, **options)


def read_dataset(outdir) -> Dataset:
    """The combined dataset of a run into ``outdir``: ``.documents`` and ``.rows`` DataFrames.

    See :mod:`pipeline.dataset` for the columns.
    """
    from .dataset import read_dataset as _read

    return _read(outdir)
