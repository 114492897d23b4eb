"""The combined dataset of a run: ``OUTDIR/dataset/documents.*`` and ``rows.*``.

Built after every run from the JSON of all documents that are "ok" or "skipped" in
the manifest, as CSV (UTF-8) or Parquet (pyarrow). List values (recipients, the
cells a row had filled) are JSON arrays in CSV and lists in Parquet;
``read_dataset(OUTDIR)`` gives them back as pandas DataFrames with lists as lists
and dates as datetime64.

rows.csv has one line per table row of every notice: ``source`` (the input),
``output`` (its output name), ``table`` and ``row`` (both from 1), ``table_title``,
``table_unit`` (what the table counts in, "万元"), ``attachment``, ``group``, then
every table's own columns (the union over all tables, named as printed; a header
that repeats a name gets "#2"), and ``filled``: the columns of that row whose value
the pipeline supplied.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from . import storage

FOLDER = "dataset"
DOCUMENT_COLUMNS = ["source", "output", "title", "issuer", "doc_type", "doc_number", "date",
                    "recipients", "attachments", "tables", "rows", "warnings"]  # fmt: skip
ROW_COLUMNS = [
    "source", "output", "table", "row", "table_title", "table_unit", "attachment", "group"
]  # fmt: skip
LIST_COLUMNS = {"documents": ["recipients", "attachments"], "rows": ["filled"]}


def _unique(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for name in header:
        name = name or "列"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return names


def collect(outdir: str, entries: list[dict]) -> tuple[list[dict], list[dict]]:
    """Document and row records from the outputs of the ok and skipped documents."""
    from .writers import json_location

    documents, rows = [], []
    for entry in entries:
        if entry.get("status") not in ("ok", "skipped"):
            continue
        doc = json.loads(storage.read_text(json_location(outdir, entry["output"])))
        documents.append(
            {
                "source": doc["source"]["path"],
                "output": entry["output"],
                "title": doc["title"],
                "issuer": doc["issuer"],
                "doc_type": doc["doc_type"],
                "doc_number": doc["doc_number"],
                "date": doc["date"],
                "recipients": doc["recipients"],
                "attachments": [a["title"] for a in doc["attachments"]],
                "tables": len(doc["tables"]),
                "rows": sum(len(t["rows"]) for t in doc["tables"]),
                "warnings": len(doc["warnings"]),
            }
        )
        for table in doc["tables"]:
            names = _unique(table["header"])
            filled: dict[int, list[str]] = {}
            for f in table["filled"]:
                filled.setdefault(f["row"], []).append(names[f["col"] - 1])
            times: dict[int, list[dict]] = {}
            for t in table.get("times", []):
                times.setdefault(t["row"], []).append(t)
            units: dict[int, list[dict]] = {}
            for u in table.get("units", []):
                units.setdefault(u["row"], []).append(u)
            topics = {t["row"]: t for t in table.get("topics", [])}
            for k, values in enumerate(table["rows"], start=1):
                record = {
                    "source": doc["source"]["path"],
                    "output": entry["output"],
                    "table": table["index"],
                    "row": k,
                    "table_title": table["title"],
                    "table_unit": table.get("unit"),
                    "attachment": table["attachment"],
                    "group": next(
                        (g["title"] for g in reversed(table.get("groups", [])) if g["row"] <= k),
                        None,
                    ),
                }
                for name, value in zip(names, values, strict=False):
                    record[name if name not in ROW_COLUMNS else f"{name}（列）"] = value
                for t in times.get(k, []):
                    column = names[t["col"] - 1]
                    record[f"{column}.start"] = t["start"]
                    record[f"{column}.end"] = t["end"]
                    record[f"{column}.kind"] = t["kind"]
                for u in units.get(k, []):
                    column = names[u["col"] - 1]
                    record[f"{column}.units"] = [x["full_name"] for x in u["units"]]
                    record[f"{column}.districts"] = sorted(
                        {x["district"] for x in u["units"] if x["district"]}
                    )
                if k in topics:
                    record["keywords"] = topics[k]["keywords"]
                    record["category"] = topics[k]["category"]
                record["filled"] = filled.get(k, [])
                rows.append(record)
    return documents, rows


def build(outdir: str, entries: list[dict], fmt: str = "csv") -> list[str]:
    """Write the dataset of a run; return the locations written.

    CSV is written with the standard library, so that a run does not pay for
    importing pandas; Parquet goes through pandas and pyarrow.
    """
    documents, rows = collect(outdir, entries)
    tables = {
        "documents": (DOCUMENT_COLUMNS, documents),
        "rows": (_row_columns(rows), rows),
    }
    written = []
    for name, (columns, records) in tables.items():
        suffix = "parquet" if fmt == "parquet" else "csv"
        location = storage.join(outdir, FOLDER, f"{name}.{suffix}")
        if fmt == "parquet":
            import pandas as pd

            data = pd.DataFrame(records, columns=columns).to_parquet(index=False)
        else:
            data = _csv(columns, records, LIST_COLUMNS[name])
        storage.write_atomic(location, data)
        written.append(location)
        other = "csv" if suffix == "parquet" else "parquet"  # never leave a stale other format
        storage.remove(storage.join(outdir, FOLDER, f"{name}.{other}"))
    return written


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


def _csv(columns: list[str], records: list[dict], list_columns: list[str]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        row = []
        for column in columns:
            value = record.get(column)
            if _is_list_column(column, list_columns):
                value = json.dumps(list(value or []), ensure_ascii=False)
            row.append("" if value is None else value)
        writer.writerow(row)
    return buf.getvalue().encode("utf-8")


@dataclass
class Dataset:
    documents: object  # pandas.DataFrame
    rows: object  # pandas.DataFrame


def read_dataset(outdir) -> Dataset:
    """The dataset of a run as pandas DataFrames (Parquet if present, else CSV)."""
    import pandas as pd

    outdir = str(outdir)
    frames = {}
    for name in ("documents", "rows"):
        parquet = storage.join(outdir, FOLDER, f"{name}.parquet")
        if storage.exists(parquet):
            frame = pd.read_parquet(io.BytesIO(storage.read_bytes(parquet)))
            for column in frame.columns:
                if _is_list_column(column, LIST_COLUMNS[name]):
                    frame[column] = frame[column].map(lambda v: [] if v is None else list(v))
        else:
            csv_location = storage.join(outdir, FOLDER, f"{name}.csv")
            if not storage.exists(csv_location):
                raise FileNotFoundError(f"{csv_location}: no dataset here; run extract first")
            frame = pd.read_csv(
                io.BytesIO(storage.read_bytes(csv_location)), dtype=str, keep_default_na=False
            )
            for column in frame.columns:
                if _is_list_column(column, LIST_COLUMNS[name]):
                    frame[column] = frame[column].map(lambda v: json.loads(v) if v else [])
            counts = ("tables", "rows", "warnings") if name == "documents" else ("table", "row")
            for column in counts:
                frame[column] = frame[column].astype("int64")
        dates = (
            ["date"]
            if name == "documents"
            else [c for c in frame.columns if c.endswith((".start", ".end"))]
        )
        for column in dates:
            frame[column] = pd.to_datetime(frame[column].replace("", None), errors="coerce")
        frames[name] = frame
    return Dataset(documents=frames["documents"], rows=frames["rows"])
