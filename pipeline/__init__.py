"""notice-pipeline: Chinese government notices (通知 and other 公文) to structured data.

    >>> import pipeline
    >>> notice = pipeline.extract("samples/000_789e38767d8a56d8.txt")
    >>> notice.title, notice.date, len(notice.tables[0].rows)

Heavy modules load on first use, so ``import pipeline`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["ExtractOptions", "__version__", "convert", "extract", "inspect", "read_dataset"]

if TYPE_CHECKING:
    from .batch import RunResult
    from .dataset import Dataset
    from .model import Notice
    from .notice.layout import Layout
    from .options import ExtractOptions


def __getattr__(name: str):
    if name == "ExtractOptions":  # loaded on first use, as everything else
        from .options import ExtractOptions

        return ExtractOptions
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")


def extract(path, options: ExtractOptions | None = None, **kwargs) -> Notice:
    """Read one notice and return its :class:`~pipeline.model.Notice`.

    ``options``: an :class:`ExtractOptions`, or its fields as keywords (see
    :func:`pipeline.core.extract`).
    """
    from .core import extract as _extract

    return _extract(path, options, **kwargs)


def convert(paths, outdir, options: ExtractOptions | None = None, **run) -> RunResult:
    """Convert files and folders into the archive ``outdir``, as ``notice-pipeline
    extract PATHS -o OUTDIR`` does: outputs, manifest and dataset.

        >>> result = pipeline.convert(["notices/2024"], "archive", ExtractOptions(fill=False))
        >>> len(result.entries), len(result.archive), result.failed

    ``run``: ``jobs``, ``executor`` ("local" or "dask"), ``scheduler``,
    ``dataset_format`` (csv, parquet, sqlite, none), ``prune_gone``, ``progress`` (called
    with each finished manifest line). See :func:`pipeline.batch.convert`.
    """
    from .batch import convert as _convert

    return _convert(paths, outdir, options, **run)


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
