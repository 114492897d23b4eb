"""The dataset as one SQLite database: ``OUTDIR/dataset/notices.db``.

Written with sqlite-utils (the schema, indexes, full-text search) and plain
``executemany`` (the data, inside one transaction of our own). Tables, each with a
foreign key ``document`` to ``documents.output`` where it has one:

- ``documents``: one per converted file, keyed by ``output``: ``position`` (its place
  in the manifest), ``notice_id``, ``source``, ``format``, ``sha256``, ``title``,
  ``issuer``, ``doc_type``, ``doc_number``, ``date`` (ISO), ``recipients`` (JSON),
  ``body`` (the text of the notice: its preamble and sections), the counts ``tables``,
  ``rows``, ``warnings``, ``pipeline_version``, ``converted_at``;
- ``tables``: ``document``, ``index``, ``title``, ``unit``, ``attachment``, ``header``
  (JSON), ``rows``;
- ``rows``: ``document``, ``notice_id``, ``table``, ``row``, ``group_title``, the
  canonical ``units``, ``districts``, ``adcodes`` (JSON arrays), ``start``, ``end``;
  ``data`` (the row's values, a JSON object keyed by column name), ``filled`` (JSON
  array of column names), ``normalised`` (JSON: the per-column ``活动时间.start``…);
- ``cells``: one per value: ``document``, ``table``, ``row``, ``col``, ``column``,
  ``value``, ``filled`` and ``merged`` (0/1), ``from_row``, ``from_col`` (where the
  value is printed: the cell itself unless filled);
- ``attachments``: ``document``, ``number`` (from 1), ``label``, ``title``, ``found``;
- ``warnings``: ``document``, ``code``, ``message``;
- ``failures``: ``path``, ``output``, ``status``, ``type``, ``message`` of the failed
  and unsupported inputs.

``table`` and ``index`` are SQL keywords: quote them ("table", "index") in queries.
``documents_fts`` indexes ``title`` and ``body`` (trigram tokenizer where SQLite has
it: any run of three or more characters is found; shorter words need LIKE).

Incremental: given the output names converted in a run (``changed``) and an existing
database of this schema, only those documents are replaced, documents no longer in
the manifest are deleted and failures rewritten, in one transaction. Otherwise the
database is built afresh in ``OUTDIR/.dataset.<hex>.part/``, which then replaces
``OUTDIR/dataset`` whole (the files of other formats go with the old folder), so a
reader never sees a half-written one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile

from . import storage
from .dataset import FOLDER, document_record, documents_of, load, row_parts
from .model import Notice

DB_NAME = "notices.db"
SCHEMA_VERSION = 1  # PRAGMA user_version; a database of another version is rebuilt

_SCHEMA = {
    "documents": (
        {"output": str, "position": int, "notice_id": str, "source": str, "format": str,
         "sha256": str, "title": str, "issuer": str, "doc_type": str, "doc_number": str,
         "date": str, "recipients": str, "body": str, "tables": int, "rows": int,
         "warnings": int, "pipeline_version": str, "converted_at": str},
        "output",
    ),
    "tables": (
        {"document": str, "index": int, "title": str, "unit": str, "attachment": str,
         "header": str, "rows": int},
        ("document", "index"),
    ),
    "rows": (
        {"document": str, "notice_id": str, "table": int, "row": int, "group_title": str,
         "units": str, "districts": str, "adcodes": str, "start": str, "end": str,
         "data": str, "filled": str, "normalised": str},
        ("document", "table", "row"),
    ),
    "cells": (
        {"document": str, "table": int, "row": int, "col": int, "column": str, "value": str,
         "filled": bool, "merged": bool, "from_row": int, "from_col": int},
        ("document", "table", "row", "col"),
    ),
    "attachments": (
        {"document": str, "number": int, "label": str, "title": str, "found": bool},
        ("document", "number"),
    ),
    "warnings": ({"document": str, "code": str, "message": str}, None),
    "failures": (
        {"path": str, "output": str, "status": str, "type": str, "message": str}, None
    ),
}  # fmt: skip
DOCUMENT_TABLES = ["tables", "rows", "cells", "attachments", "warnings"]  # children
_INDEXES = [
    ("documents", ["notice_id"]),
    ("documents", ["issuer"]),
    ("documents", ["date"]),
    ("documents", ["position"]),
    ("rows", ["notice_id"]),
    ("warnings", ["document"]),
    ("warnings", ["code"]),
]


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def records_of(entry: dict, doc: Notice, position: int) -> dict[str, list[dict]]:
    """The lines of every table but failures for one document."""
    record = document_record(entry, doc)
    output = entry["output"]
    out: dict[str, list[dict]] = {name: [] for name in ["documents", *DOCUMENT_TABLES]}
    out["documents"].append(
        {
            "output": output,
            "position": position,
            "notice_id": record["notice_id"],
            "source": record["source"],
            "format": record["format"],
            "sha256": entry.get("sha256") or doc.source.sha256,
            "title": record["title"],
            "issuer": record["issuer"],
            "doc_type": record["doc_type"],
            "doc_number": record["doc_number"],
            "date": record["date"],
            "recipients": _json(record["recipients"]),
            "body": doc.body_text(),
            "tables": record["tables"],
            "rows": record["rows"],
            "warnings": record["warnings"],
            "pipeline_version": entry.get("pipeline_version"),
            "converted_at": entry.get("converted_at"),
        }
    )
    for table in doc.tables:
        out["tables"].append(
            {
                "document": output,
                "index": table.index,
                "title": table.title,
                "unit": table.unit,
                "attachment": table.attachment,
                "header": _json(table.header),
                "rows": len(table.rows),
            }
        )
        filled = {(f.row, f.col): f for f in table.filled}
        for r, values in enumerate(table.rows, start=1):
            for c, column in enumerate(table.header, start=1):
                f = filled.get((r, c))
                out["cells"].append(
                    {
                        "document": output,
                        "table": table.index,
                        "row": r,
                        "col": c,
                        "column": column,
                        "value": values[c - 1] if c <= len(values) else "",
                        "filled": f is not None,
                        "merged": f is not None and f.reason == "merged",
                        "from_row": f.from_row if f else r,
                        "from_col": f.from_col if f else c,
                    }
                )
    for p in row_parts(entry, doc, record["notice_id"]):
        base = p["base"]
        out["rows"].append(
            {
                "document": output,
                "notice_id": base["notice_id"],
                "table": base["table"],
                "row": base["row"],
                "group_title": base["group"],
                "units": _json(base["units"]),
                "districts": _json(base["districts"]),
                "adcodes": _json(base["adcodes"]),
                "start": base["start"],
                "end": base["end"],
                "data": _json(p["data"]),
                "filled": _json(p["filled"]),
                "normalised": _json(p["normalised"]),
            }
        )
    for number, attachment in enumerate(doc.attachments, start=1):
        out["attachments"].append(
            {
                "document": output,
                "number": number,
                "label": attachment.label,
                "title": attachment.title,
                "found": attachment.found,
            }
        )
    for warning in doc.warnings:
        out["warnings"].append(
            {"document": output, "code": warning.code, "message": warning.message}
        )
    return out


def failure_records(entries: list[dict]) -> list[dict]:
    records = []
    for entry in entries:
        if entry.get("status") in ("failed", "unsupported"):
            error = entry.get("error") or {}
            records.append(
                {
                    "path": entry.get("path"),
                    "output": entry.get("output"),
                    "status": entry["status"],
                    "type": error.get("type"),
                    "message": error.get("message"),
                }
            )
    return records


# ---------------------------------------------------------------- the database


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _insert(conn: sqlite3.Connection, table: str, records: list[dict]) -> None:
    if not records:
        return
    columns = list(_SCHEMA[table][0])
    sql = (
        f"INSERT INTO {_quote(table)} ({', '.join(map(_quote, columns))}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    conn.executemany(sql, ([r[c] for c in columns] for r in records))


def _create_schema(db) -> None:
    """Tables, foreign keys, indexes and full-text search in an empty database."""
    for name, (columns, pk) in _SCHEMA.items():
        keys = [pk] if isinstance(pk, str) else list(pk or [])
        db[name].create(
            columns,
            pk=pk,
            not_null=set(keys),
            foreign_keys=[("document", "documents", "output")] if "document" in columns else [],
        )
    for table, columns in _INDEXES:
        db[table].create_index(columns)
    trigram = sqlite3.sqlite_version_info >= (3, 34, 0)
    db["documents"].enable_fts(
        ["title", "body"], create_triggers=True, tokenize="trigram" if trigram else None
    )
    # Keep the index in step with title and body only: a document's position changes
    # when files are added before it, which must not re-index its text.
    conn = db.conn
    conn.execute("DROP TRIGGER IF EXISTS documents_au")
    conn.execute(
        "CREATE TRIGGER documents_au AFTER UPDATE OF title, body ON documents BEGIN "
        "INSERT INTO documents_fts (documents_fts, rowid, title, body) "
        "VALUES('delete', old.rowid, old.title, old.body); "
        "INSERT INTO documents_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body); "
        "END"
    )
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.commit()


def _fill(conn, outdir: str, entries: list[dict], wanted: set[str] | None) -> None:
    """Insert the documents named in ``wanted`` (all when None) and set every position."""
    positions = []
    for position, entry in enumerate(documents_of(entries), start=1):
        positions.append((position, entry["output"]))
        if wanted is not None and entry["output"] not in wanted:
            continue
        doc = load(outdir, entry)
        for table, records in records_of(entry, doc, position).items():
            _insert(conn, table, records)
    if wanted is not None:  # the others may have moved
        conn.executemany(
            "UPDATE documents SET position = ? WHERE output = ? AND position IS NOT ?",
            [(p, o, p) for p, o in positions],
        )
    conn.execute("DELETE FROM failures")
    _insert(conn, "failures", failure_records(entries))


def _update(path: str, outdir: str, entries: list[dict], changed: set[str]) -> bool:
    """Replace the changed documents of an existing database; False if it cannot be."""
    import sqlite_utils

    try:
        db = sqlite_utils.Database(path)
    except sqlite3.DatabaseError:
        return False
    conn = db.conn
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION or not db["documents"].exists():
            return False
        existing = {o for (o,) in conn.execute("SELECT output FROM documents")}
        outputs = {e["output"] for e in documents_of(entries)}
        remove = (existing - outputs) | (existing & set(changed))
        insert = (outputs & set(changed)) | (outputs - existing)
        conn.execute("BEGIN")
        try:
            for output in sorted(remove):
                for table in DOCUMENT_TABLES:
                    conn.execute(f"DELETE FROM {_quote(table)} WHERE document = ?", (output,))
                conn.execute("DELETE FROM documents WHERE output = ?", (output,))
            _fill(conn, outdir, entries, insert)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.DatabaseError:
        return False
    finally:
        db.close()
    return True


def _create(path: str, outdir: str, entries: list[dict]) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(path)
    try:
        _create_schema(db)
        conn = db.conn
        conn.execute("BEGIN")
        _fill(conn, outdir, entries, None)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    finally:
        db.close()


def _alone(folder: str) -> bool:
    """Whether the folder holds no file of the dataset's other formats."""
    from .dataset import DATASET_FILES

    return not any(
        os.path.lexists(os.path.join(folder, name))
        for fmt, names in DATASET_FILES.items()
        if fmt != "sqlite"
        for name in names
    )


def build_sqlite(outdir: str, entries: list[dict], changed: set[str] | None = None) -> str:
    """Write ``OUTDIR/dataset/notices.db``; return its location.

    With ``changed`` and a ``notices.db`` of this schema alone in ``dataset/``: updated
    in place, in one transaction. Otherwise built in ``OUTDIR/.dataset.<hex>.part/``,
    which then replaces ``OUTDIR/dataset`` (see :func:`pipeline.dataset.staging`). For a
    URL the database is made in a local temporary folder, then uploaded the same way."""
    from .dataset import staging, write_file

    location = storage.join(outdir, FOLDER, DB_NAME)
    exists = changed is not None and storage.exists(location)
    if not storage.is_url(location):
        folder = os.path.dirname(location)
        if exists and _alone(folder) and _update(location, outdir, entries, changed):
            return location
        with staging(outdir) as part:
            _create(os.path.join(part, DB_NAME), outdir, entries)
        return location
    # A URL: work on a local copy, then upload it in one piece.
    work = tempfile.mkdtemp(prefix="notices-db-")
    try:
        path = os.path.join(work, DB_NAME)
        updated = False
        if exists:
            with open(path, "wb") as f:
                f.write(storage.read_bytes(location))
            updated = _update(path, outdir, entries, changed)
        if not updated:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            _create(path, outdir, entries)
        with staging(outdir) as part, open(path, "rb") as f:
            write_file(storage.join(part, DB_NAME), f.read())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return location


# ---------------------------------------------------------------- reading


@contextlib.contextmanager
def _local_copy(folder: str):
    """A local path of the database in ``folder`` (downloaded to a temporary file for a
    URL)."""
    location = storage.join(folder, DB_NAME)
    if not storage.is_url(location):
        yield location
        return
    work = tempfile.mkdtemp(prefix="notices-db-")
    try:
        path = os.path.join(work, DB_NAME)
        with open(path, "wb") as f:
            f.write(storage.read_bytes(location))
        yield path
    finally:
        shutil.rmtree(work, ignore_errors=True)


def read_records(outdir: str, folder: str | None = None) -> tuple[list[dict], list[dict]]:
    """The document and row records of notices.db, as ``dataset.collect`` gives them
    (``folder``: where it is, ``OUTDIR/dataset`` unless given)."""
    from .dataset import ROW_COLUMNS, wide

    with _local_copy(folder or storage.join(outdir, FOLDER)) as path:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            attachments: dict[str, list[str]] = {}
            for document, title in conn.execute(
                "SELECT document, title FROM attachments ORDER BY document, number"
            ):
                attachments.setdefault(document, []).append(title)
            documents = []
            for row in conn.execute(
                "SELECT source, output, notice_id, format, title, issuer, doc_type, doc_number, "
                "date, recipients, tables, rows, warnings FROM documents ORDER BY position"
            ):
                (source, output, nid, fmt, title, issuer, doc_type, number, date, recipients,
                 tables, rows, warnings) = row  # fmt: skip
                documents.append(
                    {
                        "source": source,
                        "output": output,
                        "notice_id": nid,
                        "format": fmt,
                        "title": title,
                        "issuer": issuer,
                        "doc_type": doc_type,
                        "doc_number": number,
                        "date": date,
                        "recipients": json.loads(recipients),
                        "attachments": attachments.get(output, []),
                        "tables": tables,
                        "rows": rows,
                        "warnings": warnings,
                    }
                )
            records = []
            for row in conn.execute(
                'SELECT d.source, r.document, r."table", r.row, t.title, t.unit, t.attachment, '
                "r.group_title, r.notice_id, r.units, r.districts, r.adcodes, r.start, r.end, "
                "r.data, r.normalised, r.filled FROM rows r "
                "JOIN documents d ON d.output = r.document "
                'JOIN tables t ON t.document = r.document AND t."index" = r."table" '
                'ORDER BY d.position, r."table", r.row'
            ):
                base = dict(zip(ROW_COLUMNS, row[:14], strict=True))
                for column in ("units", "districts", "adcodes"):
                    base[column] = json.loads(base[column])
                data, normalised, filled = (json.loads(v) for v in row[14:])
                records.append(wide(base, data, normalised, filled))
        finally:
            conn.close()
    return documents, records
