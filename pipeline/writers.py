"""Writers: the only code that writes output files. JSON per notice, CSV per table.

Every file goes to a temporary name in the output folder and is renamed into place
(storage.write_atomic), so an interrupted run never leaves half a file, and an
existing good output is only replaced by a complete new one. The output folder may
be a local path or an fsspec URL.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from . import storage

if TYPE_CHECKING:
    from .model import Notice, TableData


def table_csv(table: TableData, encoding: str = "utf-8") -> bytes:
    """One table as CSV: the header, then the rows; line breaks inside cells are quoted."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n" if encoding == "utf-8-sig" else "\n")
    writer.writerow(table.header)
    writer.writerows(table.rows)
    return buf.getvalue().encode(encoding)


def json_location(outdir: str, name: str) -> str:
    return storage.join(str(outdir), f"{name}.json")


def table_location(outdir: str, name: str, index: int) -> str:
    return storage.join(str(outdir), f"{name}.table{index}.csv")


def write_notice(
    notice: Notice, outdir, name: str | None = None, csv_encoding: str = "utf-8"
) -> list[str]:
    """Write ``NAME.json`` and ``NAME.table1.csv``… into ``outdir``; return the locations.

    All contents are rendered before the first file is written, and every file is
    written under a temporary name before the first is renamed into place, so an error
    (a full disk) leaves the document's old outputs as they were. Stale table CSVs of
    an earlier run with more tables are removed. An OSError comes out as an
    :class:`~pipeline.errors.OutputError` (``disk_full``, ``output_unwritable``).
    """
    name = name or notice.source.name
    outdir = str(outdir)
    files = [(json_location(outdir, name), (notice.to_json() + "\n").encode("utf-8"))]
    files += [
        (table_location(outdir, name, t.index), table_csv(t, csv_encoding)) for t in notice.tables
    ]
    try:
        storage.write_all_atomic(files)
        remove_outputs(outdir, name, first_table=len(notice.tables) + 1, json=False)
    except OSError as exc:
        from .errors import output_error

        raise output_error(exc, files[0][0]) from None
    return [location for location, _ in files]


def output_files(name: str, tables: int) -> list[str]:
    """The output files of a document, relative to OUTDIR: its JSON and its table CSVs."""
    return [f"{name}.json", *(f"{name}.table{k}.csv" for k in range(1, tables + 1))]


def remove_outputs(outdir: str, name: str, first_table: int = 1, json: bool = True) -> None:
    """Remove a document's outputs (its table CSVs from ``first_table`` on, and its JSON)."""
    if json:
        storage.remove(json_location(outdir, name))
    k = first_table
    while storage.exists(stale := table_location(outdir, name, k)):
        storage.remove(stale)
        k += 1
