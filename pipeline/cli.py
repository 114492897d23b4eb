"""The ``notice-pipeline`` command: a thin shell over the library.

Only click is imported at start-up; the pipeline modules load when a command runs.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from pathlib import Path

import click

from . import __version__

CSV_ENCODINGS = ["utf-8", "utf-8-sig", "gb18030"]


def find_inputs(paths: tuple[str, ...]) -> list[tuple[Path, str]]:
    """Expand files and folders into (file, output name) pairs.

    A file given by name is written as NAME; a file found in a folder keeps its
    sub-folders: OUTDIR/sub/dir/NAME. Folders are searched recursively for
    supported extensions; hidden files and folders are skipped.
    """
    from .readers import SUPPORTED

    found: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                rel = file.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if file.is_file() and file.suffix.lower() in SUPPORTED:
                    found.append((file, rel.as_posix()))
        else:
            found.append((path, path.name))
    return found


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="notice-pipeline")
def cli() -> None:
    """Turn Chinese government notices (通知 and other 公文) into structured data.

    \b
    Examples:
      notice-pipeline extract notice.docx -o out/
      notice-pipeline extract archive/ -o out/ --fill 活动名称
      notice-pipeline extract notice.txt --stdout | jq .title
      notice-pipeline validate out/*.json
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(file_okay=False),
    help="Folder for NAME.json, NAME.table1.csv… and manifest.jsonl.",
)
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the JSON of one input instead.")
@click.option(
    "--fill",
    "fill_columns",
    multiple=True,
    metavar="COLUMN",
    help="Also fill blank cells of this column from the row above (repeatable). "
    "Responsible-unit columns (负责单位, 责任单位, 牵头单位…) are always filled.",
)
@click.option("--no-fill", is_flag=True, help="Fill no blank cell (recorded merges still count).")
@click.option(
    "--csv-encoding",
    type=click.Choice(CSV_ENCODINGS),
    default="utf-8",
    show_default=True,
    help="Encoding of the CSV files; utf-8-sig opens cleanly in Excel.",
)
@click.option(
    "--password",
    metavar="TEXT",
    help="Password for encrypted PDFs (the same one is tried on every encrypted input).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("--debug", is_flag=True, help="Show the traceback of a failure.")
def extract(paths, outdir, to_stdout, fill_columns, no_fill, csv_encoding, password, quiet, debug):
    """Extract notices (.docx, .pdf, .doc, .wps, .txt) into JSON and CSV.

    PATHS are files or folders (searched recursively). For each input NAME it
    writes OUTDIR/NAME.json, one OUTDIR/NAME.tableN.csv per table, and one line
    per input in OUTDIR/manifest.jsonl. .doc and .wps files need LibreOffice
    (soffice on PATH). A file that cannot be read is reported
    and skipped; the others are still written. Exit status: 0 when every input
    was converted, 1 when any failed, 2 for a usage error.

    \b
    Examples:
      notice-pipeline extract samples/ -o out/
      notice-pipeline extract notice.txt -o out/ --csv-encoding utf-8-sig
      notice-pipeline extract notice.txt --stdout
    """
    from .core import extract as extract_one
    from .errors import PipelineError

    options = {"fill_columns": fill_columns, "fill": not no_fill, "password": password}
    if to_stdout:
        if len(paths) != 1 or Path(paths[0]).is_dir():
            raise click.UsageError("--stdout takes exactly one input file")
        try:
            notice = extract_one(paths[0], **options)
        except PipelineError as exc:
            _fail(exc, debug)
            sys.exit(1)
        click.echo(notice.to_json())
        return
    if not outdir:
        raise click.UsageError("give an output folder with -o OUTDIR (or --stdout for one file)")

    from .writers import atomic_write, write_notice

    out = Path(outdir)
    inputs = find_inputs(paths)
    if not inputs:
        from .readers import SUPPORTED

        kinds = ", ".join(sorted(SUPPORTED))
        raise click.UsageError(f"no notices ({kinds}) found in {', '.join(paths)}")
    manifest: list[dict] = []
    seen: dict[str, Path] = {}
    for path, name in inputs:
        started = time.perf_counter()
        entry: dict = {"path": str(path), "output": name, "status": "ok"}
        try:
            if name in seen:
                raise PipelineError(
                    str(path),
                    f"has the same name as {seen[name]}",
                    "convert them in separate runs or pass their parent folder",
                )
            seen[name] = path
            notice = extract_one(path, **options)
            write_notice(notice, out, name, csv_encoding)
            entry.update(
                sha256=notice.source.sha256,
                format=notice.source.format,
                warnings=len(notice.warnings),
                tables=len(notice.tables),
                rows=sum(len(t.rows) for t in notice.tables),
            )
            if not quiet:
                counts = ", ".join(
                    _plural(entry[k], k[:-1]) for k in ("tables", "rows", "warnings")
                )
                click.echo(f"ok      {path} → {out / name}.json ({counts})", err=True)
        except Exception as exc:  # one bad file never stops the batch
            if not isinstance(exc, PipelineError) and debug:
                raise
            entry.update(status="failed", error=_fail(exc, debug))
        entry["seconds"] = round(time.perf_counter() - started, 4)
        manifest.append(entry)
    lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in manifest)
    atomic_write(out / "manifest.jsonl", lines.encode("utf-8"))
    failed = sum(e["status"] == "failed" for e in manifest)
    if not quiet:
        ok = len(manifest) - failed
        click.echo(
            f"{_plural(len(manifest), 'input')}: {ok} ok, {failed} failed → {out}/", err=True
        )
    sys.exit(1 if failed else 0)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _fail(exc: Exception, debug: bool) -> dict:
    """Report a failure on one line (a traceback with --debug); return it for the manifest."""
    from .errors import PipelineError

    if isinstance(exc, PipelineError):
        kind, message = exc.kind, exc.message
    else:
        kind, message = "internal", f"{type(exc).__name__}: {exc} (a bug: please report it)"
    if debug:
        traceback.print_exception(exc)
    click.echo(f"error: {message}", err=True)
    return {"type": kind, "message": message}


@cli.command()
def schema() -> None:
    """Print the JSON Schema that every output JSON follows."""
    from .schema import schema_path

    click.echo(schema_path().read_text(encoding="utf-8"), nl=False)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def validate(files) -> None:
    """Check output JSON files against the schema; exit 1 if any is invalid."""
    from .schema import validation_errors

    bad = 0
    for file in files:
        try:
            document = json.loads(Path(file).read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            click.echo(f"invalid {file}: not JSON ({exc})", err=True)
            bad += 1
            continue
        errors = validation_errors(document)
        if errors:
            bad += 1
            for err in errors:
                click.echo(f"invalid {file}: {err}", err=True)
        else:
            click.echo(f"valid   {file}")
    sys.exit(1 if bad else 0)


def main() -> None:
    cli(prog_name="notice-pipeline")
