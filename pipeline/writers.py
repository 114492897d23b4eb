"""Writers: the only code that writes files. JSON per notice, CSV per table.

Every file is written to a temporary name in the output folder and renamed into
place, so an interrupted run never leaves half a file, and an existing good output
is only replaced by a complete new one.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from .model import Notice, TableData


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def table_csv(table: TableData, encoding: str = "utf-8") -> bytes:
    """One table as CSV: the header, then the rows; line breaks inside cells are quoted."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n" if encoding == "utf-8-sig" else "\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return buf.getvalue().encode(encoding)


def output_paths(outdir: Path, name: str, notice: Notice) -> list[Path]:
    return [outdir / f"{name}.json"] + [
        outdir / f"{name}.table{t.index}.csv" for t in notice.tables
    ]


def write_notice(
    notice: Notice, outdir: Path, name: str | None = None, csv_encoding: str = "utf-8"
) -> list[Path]:
    """Write ``NAME.json`` and ``NAME.table1.csv``… into ``outdir``; return the paths.

    All contents are rendered before the first file is written, so an error while
    rendering leaves nothing behind. Stale table CSVs of an earlier run with more
    tables are removed.
    """
    name = name or notice.source.name
    paths = output_paths(outdir, name, notice)
    contents = [(notice.to_json() + "\n").encode("utf-8")]
    contents += [table_csv(t, csv_encoding) for t in notice.tables]
    for path, data in zip(paths, contents, strict=True):
        atomic_write(path, data)
    k = len(notice.tables) + 1
    while (stale := outdir / f"{name}.table{k}.csv").exists():
        stale.unlink()
        k += 1
    return paths
