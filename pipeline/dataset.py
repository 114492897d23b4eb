"""The combined dataset of an archive: ``OUTDIR/dataset/``.

Built after every run from the JSON of all documents that are "ok" or "skipped" in
the manifest, in one of three formats:

- ``csv``: ``documents.csv`` and ``rows.csv`` (UTF-8, or ``csv_encoding``); list values
  (recipients, a row's units, the cells it had filled) are their items joined with "；"
  ("" for an empty list; an item that itself holds "；" reads back as two);
- ``parquet``: ``documents.parquet`` and ``rows.parquet`` (pyarrow); lists are lists;
- ``sqlite``: ``notices.db``, a relational database with full-text search (see
  :mod:`pipeline.dataset_sqlite`).

With ``xlsx`` the folder also holds ``dataset.xlsx``: the sheets ``documents`` and ``rows``,
the same columns, filled cells shaded with a note (see :mod:`pipeline.xlsx`).

``read_dataset(OUTDIR)`` gives any of them back as the same pandas DataFrames: lists
as lists, dates as datetime64, counts as int64, other values as text ("" when absent).

The folder is replaced whole: a build writes every file in ``OUTDIR/.dataset.<hex>.part/``
and only then swaps that folder for ``dataset/`` (see :func:`staging`), so a kill or a
full disk leaves the old complete dataset or the new one, never a mismatched pair;
:func:`cleanup_partial` removes what dead runs left.

documents has one line per converted file: ``source`` (the input), ``output`` (its
output name), ``notice_id`` (the same for the .docx, .pdf and .txt of one notice, see
:mod:`pipeline.identity`), ``format``, ``title``, ``issuer``, ``doc_type``,
``doc_number``, ``date``, ``recipients``, ``attachments`` (titles), and the counts
``tables``, ``rows``, ``warnings``.

rows has one line per table row of every notice: ``source``, ``output``, ``table`` and
``row`` (both from 1), ``table_title``, ``table_unit`` (what the table counts in,
"万元"), ``attachment``, ``group``, ``notice_id``, then the canonical columns, the same
whatever the table called its columns (负责单位, 牵头单位, 责任单位…; 活动时间, 完成时限…):

- ``units``: the full names of the units of all the row's responsible-unit columns, in
  order, each once; ``districts``: their districts; ``adcodes``: those districts'
  12-digit codes;
- ``start``, ``end``: the earliest start and the latest end of all the row's time
  columns (ISO dates, as the JSON has them).

Then every table's own columns (the union over all tables, named as printed; a header
that repeats a name gets "#2"; a name taken by the columns above gets "（列）"), per
column the normalised values (``活动时间.start``, ``.end``, ``.kind``; ``负责单位.units``,
``.districts``), ``keywords`` and ``category`` with --topics, and ``filled``: the
columns of that row whose value the pipeline supplied.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import posixpath
import re
import shutil
from dataclasses import dataclass

from . import storage
from .model import CellTime, CellUnits, Notice

FOLDER = "dataset"
FORMATS = ("csv", "parquet", "sqlite")
CSV_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
DOCUMENT_COLUMNS = ["source", "output", "notice_id", "format", "title", "issuer", "doc_type",
                    "doc_number", "date", "recipients", "attachments", "tables", "rows",
                    "warnings"]  # fmt: skip
CANONICAL_COLUMNS = ["units", "districts", "adcodes", "start", "end"]
ROW_COLUMNS = [
    "source", "output", "table", "row", "table_title", "table_unit", "attachment", "group",
    "notice_id", *CANONICAL_COLUMNS,
]  # fmt: skip
LIST_COLUMNS = {
    "documents": ["recipients", "attachments"],
    "rows": ["units", "districts", "adcodes", "filled"],
}
COUNT_COLUMNS = {"documents": ["tables", "rows", "warnings"], "rows": ["table", "row"]}
XLSX_FILE = "dataset.xlsx"  # beside the dataset's files, with --xlsx
LIST_SEPARATOR = "；"  # between a list's items in a CSV cell (as in writers.csv_cell)
DATASET_FILES = {
    "csv": ["documents.csv", "rows.csv"],
    "parquet": ["documents.parquet", "rows.parquet"],
    "sqlite": ["notices.db"],
}


def _unique(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for name in header:
        name = name or "列"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return names


# ---------------------------------------------------------------- records of one document


def documents_of(entries: list[dict]) -> list[dict]:
    """The manifest entries whose outputs are in the dataset (ok and skipped)."""
    return [e for e in entries if e.get("status") in ("ok", "skipped")]


def load(outdir: str, entry: dict) -> Notice:
    """The notice of a manifest entry, read back from its output JSON into the model."""
    return load_output(outdir, entry["output"])


def load_output(outdir: str, output: str) -> Notice:
    """The notice of the output NAME (``OUTDIR/NAME.json``), read back into the model."""
    from .writers import json_location

    return Notice.from_dict(json.loads(storage.read_text(json_location(outdir, output))))


def notice_id(entry: dict, doc: Notice) -> str | None:
    """The entry's notice_id, computed from the notice for manifests written before it."""
    if entry.get("notice_id"):
        return entry["notice_id"]
    from .identity import notice_id_of

    return notice_id_of(doc)


def document_record(entry: dict, doc: Notice) -> dict:
    """A document's line of ``documents``."""
    return {
        "source": doc.source.path,
        "output": entry["output"],
        "notice_id": notice_id(entry, doc),
        "format": entry.get("format") or doc.source.format,
        "title": doc.title,
        "issuer": doc.issuer,
        "doc_type": doc.doc_type,
        "doc_number": doc.doc_number,
        "date": doc.date,
        "recipients": doc.recipients,
        "attachments": [a.title for a in doc.attachments],
        "tables": len(doc.tables),
        "rows": sum(len(t.rows) for t in doc.tables),
        "warnings": len(doc.warnings),
    }


def _adcode(code) -> str | None:
    if code in (None, ""):
        return None
    code = str(code)
    return code + "0" * (12 - len(code)) if code.isdigit() and len(code) < 12 else code


def _start_key(value: str) -> str:
    return value if "T" in value else value + "T00:00:00"


def _end_key(value: str) -> str:
    return value if "T" in value else value + "T23:59:59.999999"


def canonical(units: list[CellUnits], times: list[CellTime]) -> dict:
    """The canonical columns of one row from its ``units`` and ``times`` entries."""
    names: dict[str, None] = {}
    districts: dict[str, None] = {}
    adcodes: dict[str, None] = {}
    for entry in sorted(units, key=lambda u: u.col):
        for unit in entry.units:
            name = unit.full_name or unit.name
            if name:
                names[name] = None
            if unit.district:
                districts[unit.district] = None
            code = _adcode(unit.adcode)
            if code:
                adcodes[code] = None
    starts = [t.start for t in times if t.start]
    ends = [t.end for t in times if t.end]
    return {
        "units": list(names),
        "districts": list(districts),
        "adcodes": list(adcodes),
        "start": min(starts, key=_start_key) if starts else None,
        "end": max(ends, key=_end_key) if ends else None,
    }


def row_parts(entry: dict, doc: Notice, nid: str | None = None) -> list[dict]:
    """The rows of a document, each as its parts: ``base`` (the fixed columns),
    ``data`` (the row's values keyed by column name), ``normalised`` (per-column
    times, units, topics), ``filled`` (names of the columns the pipeline filled), and
    ``table`` (the :class:`~pipeline.model.Table`)."""
    nid = nid if nid is not None else notice_id(entry, doc)
    parts = []
    for table in doc.tables:
        names = _unique(table.header)
        filled: dict[int, list[str]] = {}
        for f in table.filled:
            filled.setdefault(f.row, []).append(names[f.col - 1])
        times: dict[int, list[CellTime]] = {}
        for t in table.times:
            times.setdefault(t.row, []).append(t)
        units: dict[int, list[CellUnits]] = {}
        for u in table.units:
            units.setdefault(u.row, []).append(u)
        topics = {t.row: t for t in table.topics}
        for k, values in enumerate(table.rows, start=1):
            base = {
                "source": doc.source.path,
                "output": entry["output"],
                "table": table.index,
                "row": k,
                "table_title": table.title,
                "table_unit": table.unit,
                "attachment": table.attachment,
                "group": next((g.title for g in reversed(table.groups) if g.row <= k), None),
                "notice_id": nid,
                **canonical(units.get(k, []), times.get(k, [])),
            }
            normalised: dict = {}
            for t in times.get(k, []):
                column = names[t.col - 1]
                normalised[f"{column}.start"] = t.start
                normalised[f"{column}.end"] = t.end
                normalised[f"{column}.kind"] = t.kind
            for u in units.get(k, []):
                column = names[u.col - 1]
                normalised[f"{column}.units"] = [x.full_name for x in u.units]
                normalised[f"{column}.districts"] = sorted(
                    {x.district for x in u.units if x.district}
                )
            if k in topics:
                normalised["keywords"] = topics[k].keywords
                normalised["category"] = topics[k].category
            parts.append(
                {
                    "base": base,
                    "data": dict(zip(names, values, strict=False)),
                    "normalised": normalised,
                    "filled": filled.get(k, []),
                    "table": table,
                }
            )
    return parts


def wide(base: dict, data: dict, normalised: dict, filled: list[str]) -> dict:
    """A line of ``rows``: the fixed columns, the table's own, the normalised, filled."""
    record = dict(base)
    for name, value in data.items():
        record[name if name not in ROW_COLUMNS else f"{name}（列）"] = value
    record.update(normalised)
    record["filled"] = filled
    return record


def collect(
    outdir: str, entries: list[dict], notes: list[dict[str, str]] | None = None
) -> tuple[list[dict], list[dict]]:
    """Document and row records from the outputs of the ok and skipped documents.

    ``notes``, when given a list, gets for each row record the notes of its filled cells
    by column name (where the value comes from and why), for dataset.xlsx."""
    documents, rows = [], []
    for entry in documents_of(entries):
        doc = load(outdir, entry)
        record = document_record(entry, doc)
        documents.append(record)
        for p in row_parts(entry, doc, record["notice_id"]):
            rows.append(wide(p["base"], p["data"], p["normalised"], p["filled"]))
            if notes is not None:
                notes.append(_fill_notes(p))
    return documents, rows


def _fill_notes(part: dict) -> dict[str, str]:
    """The notes of a row's filled cells, by the column name its ``rows`` line uses."""
    from .xlsx import fill_note

    table, row = part["table"], part["base"]["row"]
    filled = [f for f in table.filled if f.row == row]
    if not filled:
        return {}
    names = _unique(table.header)
    where = f"{part['base']['output']} 表{table.index}"
    notes = {}
    for f in filled:
        name = names[f.col - 1]
        name = name if name not in ROW_COLUMNS else f"{name}（列）"
        notes[name] = fill_note(f, table.header, where)
    return notes


# ---------------------------------------------------------------- writing


def build(
    outdir: str,
    entries: list[dict],
    fmt: str = "csv",
    csv_encoding: str = "utf-8",
    changed: set[str] | None = None,
    xlsx: bool = False,
) -> list[str]:
    """Write the dataset of the archive in ``outdir``; return the locations written.

    ``entries`` are the manifest's lines (every input of the archive); ``fmt`` is
    "csv", "parquet" or "sqlite"; ``csv_encoding`` ("utf-8", "utf-8-sig", "gb18030")
    is the CSVs'; ``changed`` the output names converted in this run (None: unknown),
    which lets SQLite replace only those documents; ``xlsx``: also ``dataset.xlsx`` (in
    the same staging folder; beside an updated notices.db, written atomically, and
    removed from there when ``xlsx`` is off).

    The files are written together in ``OUTDIR/.dataset.<hex>.part/`` and that folder
    then replaces ``OUTDIR/dataset`` whole (see :func:`staging`): a reader sees the old
    set or the new one, never a mix, and nothing else stays in ``dataset/`` (the files
    of another format go with the old folder). An ``OSError`` while writing (a full
    disk, no permission) is raised as is, with the old dataset as it was and no
    temporary folder left. SQLite's incremental update is the exception: one
    transaction in the existing ``notices.db``.

    CSV is written with the standard library, so that a run does not pay for
    importing pandas; Parquet goes through pandas and pyarrow, SQLite through
    sqlite-utils.
    """
    if fmt not in FORMATS:
        raise ValueError(f"dataset format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if csv_encoding not in CSV_ENCODINGS:
        raise ValueError(f"csv_encoding {csv_encoding!r}: choose one of {', '.join(CSV_ENCODINGS)}")
    outdir = str(outdir)
    if fmt == "sqlite":
        from .dataset_sqlite import build_sqlite

        written = [build_sqlite(outdir, entries, changed)]
        workbook = storage.join(outdir, FOLDER, XLSX_FILE)
        if xlsx:
            notes: list[dict[str, str]] = []
            documents, rows = collect(outdir, entries, notes)
            storage.write_atomic(workbook, _xlsx(documents, rows, notes))
            written.append(workbook)
        elif storage.exists(workbook):
            storage.remove(workbook)
        return written
    notes = [] if xlsx else None
    documents, rows = collect(outdir, entries, notes)
    tables = {
        "documents": (DOCUMENT_COLUMNS, documents),
        "rows": (_row_columns(rows), rows),
    }
    written = []
    with staging(outdir) as part:
        for name, (columns, records) in tables.items():
            if fmt == "parquet":
                import pandas as pd

                data = pd.DataFrame(records, columns=columns).to_parquet(index=False)
            else:
                data = _csv(columns, records, LIST_COLUMNS[name], csv_encoding)
            write_file(storage.join(part, f"{name}.{fmt}"), data)
            del data
            written.append(storage.join(outdir, FOLDER, f"{name}.{fmt}"))
        if xlsx:
            write_file(storage.join(part, XLSX_FILE), _xlsx(documents, rows, notes))
            written.append(storage.join(outdir, FOLDER, XLSX_FILE))
    return written


def _xlsx(documents: list[dict], rows: list[dict], notes: list[dict[str, str]]) -> bytes:
    from .xlsx import dataset_xlsx

    return dataset_xlsx((DOCUMENT_COLUMNS, documents), (_row_columns(rows), rows), notes)


# ---------------------------------------------------------------- replacing dataset/ whole
#
# Local folders: the new files are written (and fsynced) in OUTDIR/.dataset.<hex>.part/;
# then OUTDIR/dataset is renamed to OUTDIR/.dataset.<hex>.old, the .part renamed to
# OUTDIR/dataset, the .old removed. Between the two renames there is no dataset/:
# readers then take the .old, which is the previous complete set (dataset_folder).
# fsspec URLs (object stores have no rename): best effort, the files are uploaded to
# the .part folder, then moved into dataset/ one after the other, then the other files
# of dataset/ removed; a kill between two moves can leave a mixed set there.

_LEFTOVER = re.compile(r"^\.dataset\.[^/]+\.(part|old)$")  # our folders beside dataset/
_LEFTOVER_FILE = re.compile(r"^\..+\.[0-9a-f]+\.part(-journal)?$")  # write_atomic's, inside


def _fs(location: str):
    import fsspec

    return fsspec.core.url_to_fs(location)


def _local(location: str) -> str:
    """A ``file://`` URL as the local path it names (renamed like one); others as given."""
    if storage.is_url(location) and str(location).startswith("file://"):
        return _fs(location)[1]
    return str(location)


def _unused(outdir: str, kind: str) -> str:
    """A name ``OUTDIR/.dataset.<12 hex>.KIND`` that is not taken."""
    while True:
        location = storage.join(outdir, f".{FOLDER}.{os.urandom(6).hex()}.{kind}")
        if not storage.exists(location):
            return location


def write_file(location: str, data: bytes) -> None:
    """Write one file of the dataset in the staging folder (fsynced, for local ones)."""
    if storage.is_url(location):
        fs, path = _fs(location)
        fs.pipe_file(path, data)
        return
    with open(location, "xb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _fsync_folder(path: str) -> None:
    """Make the folder's entries (new files, renames) durable; best effort."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_tree(location: str) -> None:
    """Remove a folder and what it holds; best effort, never raises."""
    with contextlib.suppress(Exception):
        if storage.is_url(location):
            fs, path = _fs(location)
            if fs.exists(path):
                fs.rm(path, recursive=True)
        elif os.path.islink(location) or os.path.isfile(location):
            os.unlink(location)
        else:
            shutil.rmtree(location, ignore_errors=True)


@contextlib.contextmanager
def staging(outdir: str):
    """``with staging(outdir) as part:`` write the whole dataset's files in ``part`` (a
    new, empty ``OUTDIR/.dataset.<hex>.part``); when the block ends they replace
    ``OUTDIR/dataset`` (every file in it), and when it raises the folder is removed and
    ``OUTDIR/dataset`` is left as it was."""
    outdir = _local(outdir)
    if storage.is_url(outdir):
        part = _unused(outdir, "part")
        fs, path = _fs(part)
        fs.makedirs(path, exist_ok=True)
    else:
        os.makedirs(outdir, exist_ok=True)
        while True:
            part = _unused(outdir, "part")
            try:
                os.mkdir(part)
                break
            except FileExistsError:
                continue
    try:
        yield part
        if storage.is_url(outdir):
            _swap_url(outdir, part)
        else:
            _swap(outdir, part)
    except BaseException:
        _remove_tree(part)
        raise


def _swap(outdir: str, part: str) -> None:
    """Put the complete folder ``part`` in the place of ``OUTDIR/dataset``."""
    target = storage.join(outdir, FOLDER)
    _fsync_folder(part)
    old = None
    if os.path.lexists(target):
        old = _unused(outdir, "old")
        os.rename(target, old)
    try:
        os.rename(part, target)
    except BaseException:
        if old is not None:  # put the old one back (a kill here leaves it as the .old)
            with contextlib.suppress(OSError):
                os.rename(old, target)
        raise
    _fsync_folder(outdir)
    if old is not None:
        _remove_tree(old)


def _swap_url(outdir: str, part: str) -> None:
    """fsspec: move the files of ``part`` into ``OUTDIR/dataset``, then remove the others."""
    fs, part_path = _fs(part)
    _, target = _fs(storage.join(outdir, FOLDER))
    names = sorted(posixpath.basename(p) for p in fs.ls(part_path, detail=False))
    fs.makedirs(target, exist_ok=True)
    for name in names:
        fs.mv(posixpath.join(part_path, name), posixpath.join(target, name))
    if fs.isdir(target):
        for path in fs.ls(target, detail=False):
            if posixpath.basename(path.rstrip("/")) not in names:
                with contextlib.suppress(FileNotFoundError):
                    fs.rm(path, recursive=True)
    _remove_tree(part)


def cleanup_partial(outdir: str) -> list[str]:
    """Tidy what dead runs left of the dataset; return the locations removed.

    Removed: the ``OUTDIR/.dataset.*.part`` folders (a build that did not finish), the
    ``OUTDIR/.dataset.*.old`` folders (a replaced dataset not yet removed), and the
    temporary files ``OUTDIR/dataset/.NAME.<hex>.part`` of earlier versions, which wrote
    the dataset's files one by one. One exception: when there is no ``OUTDIR/dataset``
    (a run killed between its two renames), the newest ``.old`` — the last complete
    dataset, the one read_dataset reads then — is renamed back to ``OUTDIR/dataset``
    rather than removed. Call it while no other run writes to OUTDIR (under its lock).
    """
    outdir = _local(outdir)
    removed: list[str] = []
    if storage.is_url(outdir):
        fs, root = _fs(outdir)
        if not fs.isdir(root):
            return removed
        protocol = outdir.split("://", 1)[0]

        def url(path: str) -> str:
            return path if protocol == "file" else f"{protocol}://{path.lstrip('/')}"

        for path in fs.ls(root, detail=False):
            if _LEFTOVER.match(posixpath.basename(path.rstrip("/"))):
                _remove_tree(url(path))
                removed.append(url(path))
        target = posixpath.join(root, FOLDER)
        if fs.isdir(target):
            for path in fs.ls(target, detail=False):
                if _LEFTOVER_FILE.match(posixpath.basename(path)):
                    with contextlib.suppress(FileNotFoundError):
                        fs.rm(path)
                    removed.append(url(path))
        return removed
    if not os.path.isdir(outdir):
        return removed
    target = storage.join(outdir, FOLDER)
    leftovers = [storage.join(outdir, n) for n in os.listdir(outdir) if _LEFTOVER.match(n)]
    if not os.path.lexists(target):
        olds = [p for p in leftovers if p.endswith(".old") and os.path.isdir(p)]
        if olds:
            newest = max(olds, key=os.path.getmtime)
            os.rename(newest, target)
            leftovers.remove(newest)
    for location in sorted(leftovers):
        _remove_tree(location)
        removed.append(location)
    if os.path.isdir(target):
        for name in sorted(os.listdir(target)):
            if _LEFTOVER_FILE.match(name):
                location = storage.join(target, name)
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(location)
                removed.append(location)
    return removed


def _row_columns(rows: list[dict]) -> list[str]:
    columns = list(ROW_COLUMNS)
    seen = set(columns)
    for record in rows:
        for key in record:
            if key not in seen and key != "filled":
                columns.append(key)
                seen.add(key)
    return [*columns, "filled"]


def _is_list_column(column: str, list_columns: list[str]) -> bool:
    return (
        column in list_columns or column.endswith((".units", ".districts")) or column == "keywords"
    )


def _is_date_column(name: str, column: str) -> bool:
    if name == "documents":
        return column == "date"
    return column in ("start", "end") or column.endswith((".start", ".end"))


def _csv(columns: list[str], records: list[dict], list_columns: list[str], encoding: str) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n" if encoding == "utf-8-sig" else "\n")
    writer.writerow(columns)
    lists = [_is_list_column(column, list_columns) for column in columns]  # once, not per cell
    join = LIST_SEPARATOR.join
    for record in records:
        row = []
        get = record.get
        for column, is_list in zip(columns, lists, strict=True):
            value = get(column)
            if is_list:
                value = join("" if v is None else str(v) for v in value) if value else ""
            row.append("" if value is None else value)
        writer.writerow(row)
    return buf.getvalue().encode(encoding)


def _split_list(value: str) -> list[str]:
    """A list cell of a dataset CSV as its items: joined with "；" (the JSON array that
    earlier versions wrote is read too)."""
    if not value:
        return []
    if value.startswith("[") and value.endswith("]"):
        try:
            items = json.loads(value)
        except ValueError:
            items = None
        if isinstance(items, list):
            return items
    return value.split(LIST_SEPARATOR)


def present_encoding(outdir: str) -> str | None:
    """The encoding of the CSV dataset in ``outdir`` (None when there is none): utf-8-sig
    when its documents.csv starts with a BOM, gb18030 when it is not UTF-8, else utf-8."""
    folder = dataset_folder(outdir)
    location = storage.join(folder, DATASET_FILES["csv"][0]) if folder else None
    if location is None or not storage.exists(location):
        return None
    data = storage.read_bytes(location)
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def present_xlsx(outdir: str) -> bool:
    """Whether the dataset in ``outdir`` has its dataset.xlsx."""
    folder = dataset_folder(outdir)
    return folder is not None and storage.exists(storage.join(folder, XLSX_FILE))


def _decode_csv(data: bytes) -> str:
    """A dataset CSV's text: UTF-8 with or without its BOM, else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


# ---------------------------------------------------------------- reading


@dataclass
class Dataset:
    documents: object  # pandas.DataFrame
    rows: object  # pandas.DataFrame


def dataset_folder(outdir: str) -> str | None:
    """The folder the dataset is read from: ``OUTDIR/dataset``; when there is none (a
    build between its two renames, or killed there), the newest ``OUTDIR/.dataset.*.old``,
    which is the previous complete dataset. None when there is neither."""
    outdir = _local(outdir)
    target = storage.join(outdir, FOLDER)
    if storage.is_url(outdir):
        return target if storage.is_dir(target) else None
    if os.path.isdir(target):
        return target
    try:
        names = os.listdir(outdir)
    except OSError:
        return None
    newest, newest_time = None, 0.0
    for name in names:
        if _LEFTOVER.match(name) and name.endswith(".old"):
            location = storage.join(outdir, name)
            try:
                mtime = os.stat(location).st_mtime
            except OSError:
                continue
            if os.path.isdir(location) and (newest is None or mtime > newest_time):
                newest, newest_time = location, mtime
    if newest is None and os.path.isdir(target):  # put back meanwhile
        return target
    return newest


def _format_in(folder: str) -> str | None:
    for fmt in ("parquet", "csv", "sqlite"):
        if storage.exists(storage.join(folder, DATASET_FILES[fmt][-1])):
            return fmt
    return None


def present_format(outdir: str) -> str | None:
    """The format of the dataset in ``outdir`` (None when there is none)."""
    folder = dataset_folder(outdir)
    return _format_in(folder) if folder is not None else None


def _read_together(folder: str, names: list[str]) -> list[bytes] | None:
    """The bytes of the files of one dataset folder; None if the folder was replaced
    while they were being opened (they could be of two builds: read again)."""
    if storage.is_url(folder):
        return [storage.read_bytes(storage.join(folder, name)) for name in names]
    with contextlib.ExitStack() as stack:
        before = os.stat(folder).st_ino
        files = [stack.enter_context(open(storage.join(folder, n), "rb")) for n in names]
        if os.stat(folder).st_ino != before:
            return None
        # Open files keep their content: a build never rewrites one, it replaces the folder.
        return [f.read() for f in files]


_READ_ATTEMPTS = 5


def read_dataset(outdir) -> Dataset:
    """The dataset in ``outdir`` as pandas DataFrames, whichever its format.

    The same frames for CSV, Parquet and SQLite: lists as lists, ``date``, ``start``,
    ``end`` and the per-column ``.start``/``.end`` as datetime64, counts as int64, every
    other column as text with "" where there is no value. Documents and rows always come
    from the same build, even while a run replaces the dataset.
    """
    import sqlite3

    import pandas as pd

    outdir = str(outdir)
    for attempt in range(1, _READ_ATTEMPTS + 1):
        folder = dataset_folder(outdir)
        fmt = _format_in(folder) if folder is not None else None
        if fmt is None:
            location = storage.join(outdir, FOLDER)
            raise FileNotFoundError(f"{location}: no dataset here; run extract first")
        try:
            if fmt == "sqlite":
                from .dataset_sqlite import read_records

                documents, rows = read_records(outdir, folder)
                raw = {
                    "documents": pd.DataFrame(documents, columns=DOCUMENT_COLUMNS),
                    "rows": pd.DataFrame(rows, columns=_row_columns(rows)),
                }
                break
            data = _read_together(folder, [f"documents.{fmt}", f"rows.{fmt}"])
        except (FileNotFoundError, sqlite3.OperationalError):
            if attempt == _READ_ATTEMPTS or storage.exists(folder):
                raise
            continue  # the folder was replaced or removed meanwhile
        if data is not None:
            raw = {}
            for name, content in zip(("documents", "rows"), data, strict=True):
                if fmt == "parquet":
                    raw[name] = pd.read_parquet(io.BytesIO(content))
                else:
                    raw[name] = pd.read_csv(
                        io.StringIO(_decode_csv(content)), dtype=str, keep_default_na=False
                    )
            break
    else:
        raise OSError(f"{storage.join(outdir, FOLDER)}: replaced while being read, again and again")
    frames = {name: _typed(name, frame, fmt) for name, frame in raw.items()}
    return Dataset(documents=frames["documents"], rows=frames["rows"])


def _typed(name: str, frame, fmt: str):
    """One frame with the types read_dataset promises, whatever the format it came from."""
    import pandas as pd

    for column in frame.columns:
        values = frame[column]
        if _is_list_column(column, LIST_COLUMNS[name]):
            if fmt == "csv":
                frame[column] = values.map(_split_list)
            else:
                frame[column] = values.map(lambda v: [] if _missing(v) else list(v))
        elif column in COUNT_COLUMNS[name]:
            frame[column] = values.astype("int64")
        elif _is_date_column(name, column):
            text = values.map(lambda v: None if _missing(v) or v == "" else str(v))
            frame[column] = pd.to_datetime(text, format="ISO8601", errors="coerce")
        else:
            frame[column] = values.map(lambda v: "" if _missing(v) else str(v)).astype(str)
    return frame


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)
