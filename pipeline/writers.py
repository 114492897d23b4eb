"""Writers: the only code that writes output files. JSON per notice, CSV per table, and
with ``xlsx`` an Excel workbook per notice (pipeline/xlsx.py).

Table files are numbered with two digits, so that they sort in a folder listing:
``NAME.table01.csv`` … ``NAME.table12.csv`` (three digits, ``table001``…, for all the tables
of a notice that has 100 or more). Earlier versions wrote ``NAME.table1.csv``; those are
removed when the notice is written again.

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
    from .model import Notice, Table


LIST_SEPARATOR = "；"  # between the items of a list in a CSV cell (JSON keeps lists)


def csv_cell(value) -> object:
    """A value as a CSV cell holds it: a list's items joined with "；", None as empty."""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    return "" if value is None else value


def table_csv(table: Table, encoding: str = "utf-8") -> bytes:
    """One table as CSV: the header, then the rows; line breaks inside cells are quoted,
    a list in a cell is joined with "；"."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n" if encoding == "utf-8-sig" else "\n")
    writer.writerow(table.header)
    for row in table.rows:
        if any(isinstance(v, (list, tuple)) or v is None for v in row):
            row = [csv_cell(v) for v in row]
        writer.writerow(row)
    return buf.getvalue().encode(encoding)


def json_location(outdir: str, name: str) -> str:
    return storage.join(str(outdir), f"{name}.json")


def xlsx_location(outdir: str, name: str) -> str:
    return storage.join(str(outdir), f"{name}.xlsx")


def table_tag(index: int, tables: int) -> str:
    """``table01``: table ``index`` of a notice of ``tables`` tables, as its CSV and its
    sheet are named (two digits; three for all the tables of a notice with 100 or more)."""
    return f"table{index:0{max(2, len(str(tables)))}d}"


def table_file(name: str, index: int, tables: int) -> str:
    """``NAME.table01.csv``: the file name of table ``index`` of a notice of ``tables``."""
    return f"{name}.{table_tag(index, tables)}.csv"


def table_location(outdir: str, name: str, index: int, tables: int) -> str:
    return storage.join(str(outdir), table_file(name, index, tables))


def write_notice(
    notice: Notice,
    outdir,
    name: str | None = None,
    csv_encoding: str = "utf-8",
    xlsx: bool = False,
) -> list[str]:
    """Write ``NAME.json``, ``NAME.table01.csv``… and with ``xlsx`` ``NAME.xlsx`` into
    ``outdir``; return the locations.

    All contents are rendered before the first file is written, and every file is
    written under a temporary name before the first is renamed into place, so an error
    (a full disk) leaves the document's old outputs as they were. Stale outputs of an
    earlier run are removed: table CSVs of a version with more tables or of the old
    names (``NAME.table1.csv``), and ``NAME.xlsx`` when ``xlsx`` is off. An OSError comes
    out as an :class:`~pipeline.errors.OutputError` (``disk_full``, ``output_unwritable``).
    """
    name = name or notice.source.name
    outdir = str(outdir)
    text = notice.to_json() + "\n"
    count = len(notice.tables)
    files = [(json_location(outdir, name), text.encode("utf-8"))]
    files += [
        (table_location(outdir, name, t.index, count), table_csv(t, csv_encoding))
        for t in notice.tables
    ]
    if xlsx:
        from .xlsx import notice_xlsx

        files.append((xlsx_location(outdir, name), notice_xlsx(notice)))
    try:
        storage.write_all_atomic(files)
        _remove_tables(outdir, name, keep=count)
        if not xlsx:
            storage.remove(xlsx_location(outdir, name))
    except OSError as exc:
        from .errors import output_error

        raise output_error(exc, files[0][0]) from None
    return [location for location, _ in files]


def output_files(name: str, tables: int, xlsx: bool = False) -> list[str]:
    """The output files of a document, relative to OUTDIR: its JSON, its table CSVs and
    (``xlsx``) its workbook."""
    files = [f"{name}.json", *(table_file(name, k, tables) for k in range(1, tables + 1))]
    return [*files, f"{name}.xlsx"] if xlsx else files


def remove_outputs(outdir: str, name: str, first_table: int = 1, json: bool = True) -> None:
    """Remove a document's outputs: its JSON and workbook (unless not ``json``) and its
    table CSVs from ``first_table`` on, whatever their numbering (``table01``, ``table001``,
    or ``table1`` as earlier versions named them)."""
    if json:
        storage.remove(json_location(outdir, name))
        storage.remove(xlsx_location(outdir, name))
    _remove_tables(outdir, name, keep=first_table - 1)


def _table_names(outdir: str, name: str, index: int) -> list[str]:
    """Every location table ``index`` of a document may have had: two digits, three, and
    the unpadded ``table1`` of earlier versions."""
    names = dict.fromkeys(
        [f"{name}.table{index:02d}.csv", f"{name}.table{index:03d}.csv", f"{name}.table{index}.csv"]
    )
    return [storage.join(str(outdir), n) for n in names]


def _remove_tables(outdir: str, name: str, keep: int) -> None:
    """Remove a document's table CSVs but the ``keep`` it has now (named as
    :func:`table_file` names them): others' names of those (an earlier version's ``table1``,
    another width), and every table after them up to the first number that has no file."""
    for k in range(1, keep + 1):
        current = table_location(outdir, name, k, keep)
        for stale in _table_names(outdir, name, k):
            if stale != current and storage.exists(stale):
                storage.remove(stale)
    k = keep + 1
    while True:
        stale = [location for location in _table_names(outdir, name, k) if storage.exists(location)]
        if not stale:
            break
        for location in stale:
            storage.remove(location)
        k += 1
