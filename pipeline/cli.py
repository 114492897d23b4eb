"""The ``notice-pipeline`` command: a thin shell over the library.

Only click is imported at start-up; the pipeline modules load when a command runs,
and so do json, traceback and pathlib (a one-file run does not need them here).
"""

from __future__ import annotations

import os
import sys

import click

from . import __version__

CSV_ENCODINGS = ["utf-8", "utf-8-sig", "gb18030"]

# Exit statuses of extract (and prune): 0 every input converted or skipped, 1 some
# input failed, 2 a usage error, 3 OUTDIR could not be written (a full disk…: the run
# stopped there), 4 another run holds OUTDIR, 130 interrupted.
EXIT_USAGE = 2
EXIT_OUTPUT = 3
EXIT_LOCKED = 4
EXIT_INTERRUPTED = 130


class _Cli(click.Group):
    """click's group, with click's own errors (an unknown option, a missing argument, a
    bad value) printed in the one spelling of a failure line instead of click's
    "Usage: … Error: …" block, "error: Missing argument 'PATHS...'. see 'notice-pipeline
    extract --help'" (exit 2), and an interrupt as "error: interrupted. run the same
    command again" (exit 130)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as exc:
            _click_error(exc)
            sys.exit(exc.exit_code)
        except click.Abort:
            _error(None, "interrupted", "run the same command again")
            sys.exit(EXIT_INTERRUPTED)
        sys.exit(code if isinstance(code, int) else 0)


def _click_error(exc: click.ClickException) -> None:
    """A click exception's line: its message, and for a usage error where to look."""
    if isinstance(exc, getattr(click.exceptions, "NoArgsIsHelpError", ())):
        exc.show()  # the group without a command: its help
        return
    ctx = getattr(exc, "ctx", None)
    fix = None
    if isinstance(exc, click.UsageError) and ctx is not None:
        fix = f"see '{ctx.command_path} --help'"
    _error(None, exc.format_message(), fix)


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="notice-pipeline")
def cli() -> None:
    """Turn Chinese government notices (通知 and other 公文) into structured data.

    \b
    Examples:
      notice-pipeline extract samples/000_789e38767d8a56d8.docx -o out/
      notice-pipeline extract samples/variants/ -o out/ --fill 活动名称
      notice-pipeline extract samples/hz_gbk_crlf.txt --stdout | jq .title
      notice-pipeline inspect samples/table_header.pdf --role title --role date
      notice-pipeline validate out/
      notice-pipeline prune out/
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "outdir",
    help="Folder (or fsspec URL) for NAME.json, NAME.table01.csv…, manifest.jsonl, dataset/.",
)
@click.option(
    "--stdout",
    "to_stdout",
    is_flag=True,
    help="Print the JSON of one input instead (as -o -).",
)
@click.option(
    "--name",
    metavar="NAME",
    help="With - (a notice on standard input): its name in messages and in the JSON's "
    "source.name (default: stdin); an extension (notice.txt) tells the format where the "
    "bytes do not.",
)
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
    "--fill-rules",
    metavar="FILE",
    help="Rules (one a line: kind, tab, word; kinds role, unit, supporting, name, exclude) "
    "extending which columns are responsible-unit columns, e.g. a line 'role<TAB>督办' "
    "fills 督办单位. The built-in rules: pipeline/data/fill_rules.tsv.",
)
@click.option(
    "--csv-encoding",
    type=click.Choice(CSV_ENCODINGS),
    default="utf-8",
    show_default=True,
    help="Encoding of every CSV file (tables and dataset); utf-8-sig opens cleanly in Excel.",
)
@click.option(
    "--xlsx",
    is_flag=True,
    help="Also write NAME.xlsx beside each NAME.json (the notice's parts and a sheet per "
    "table; cells filled from the row above shaded, with a note saying where from) and "
    "OUTDIR/dataset/dataset.xlsx.",
)
@click.option(
    "--password",
    metavar="TEXT",
    help="Password for encrypted PDFs (the same one is tried on every encrypted input).",
)
@click.option(
    "--ocr",
    type=click.Choice(["auto", "never", "force"]),
    default="auto",
    show_default=True,
    help="OCR of scans and images (needs: pip install 'notice-pipeline[ocr]'): auto reads "
    "the pages without a text layer (a scanner app's watermark is not one), never fails "
    "them, force reads every page by OCR.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Documents converted at once (default: the number of cores, at most one per "
    "input). Documents converted one at a time have a scan's pages read by OCR on every "
    "core.",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: a process pool on this machine; dask: a dask.distributed cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --executor dask: the scheduler, e.g. tcp://host:8786 (default: a LocalCluster).",
)
@click.option("--force", is_flag=True, help="Convert every input again, changed or not.")
@click.option(
    "--wait",
    is_flag=True,
    help="If another run is converting into OUTDIR, wait for it to finish (default: exit 4).",
)
@click.option(
    "--prune",
    "prune_gone",
    is_flag=True,
    help="Also remove from OUTDIR the entries, outputs and dataset rows of inputs that no "
    "longer exist (as `notice-pipeline prune OUTDIR`).",
)
@click.option(
    "--dataset-format",
    type=click.Choice(["csv", "parquet", "sqlite", "none"]),
    default="csv",
    show_default=True,
    help="Format of the archive's dataset: OUTDIR/dataset/documents.* and rows.* (csv, "
    "parquet) or OUTDIR/dataset/notices.db (sqlite); none: do not build it.",
)
@click.option(
    "--max-size",
    type=click.FloatRange(min=0, min_open=True),
    default=200,
    show_default=True,
    metavar="MB",
    help="Refuse an input file larger than this, whatever its format.",
)
@click.option(
    "--max-text-size",
    type=click.FloatRange(min=0, min_open=True),
    default=4,
    show_default=True,
    metavar="MB",
    help="Refuse a .txt input larger than this (a text notice is a few hundred KB; a .txt "
    "takes 15-150 MiB of memory per MB).",
)
@click.option(
    "--max-legacy-size",
    type=click.FloatRange(min=0, min_open=True),
    default=16,
    show_default=True,
    metavar="MB",
    help="Refuse a .doc or .wps input larger than this (LibreOffice converts it; about "
    "70 MiB of memory per MB of text).",
)
@click.option(
    "--max-unzipped",
    type=click.FloatRange(min=0, min_open=True),
    default=256,
    show_default=True,
    metavar="MB",
    help="Refuse a .docx whose parts inflate to more than this (zip bombs).",
)
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Refuse a PDF with more pages than this.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0),
    default=300,
    show_default=True,
    metavar="SECONDS",
    help="Stop a document that takes longer (0: no limit); the run goes on.",
)
@click.option(
    "--topics", is_flag=True, help="Tag table rows with keywords and a category (loads jieba)."
)
@click.option(
    "--aliases",
    type=click.Path(exists=True, dir_okay=False),
    help="CSV (alias, full_name, region) extending the table of unit abbreviations.",
)
@click.option(
    "--categories",
    type=click.Path(exists=True, dir_okay=False),
    help="CSV (category, keywords separated by |) replacing the topic rules.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Log each document's reader, pages, seconds and OCR progress (-v), more (-vv).",
)
@click.option(
    "--log-file",
    metavar="PATH",
    help="Write the log, with timestamps, to PATH at the most detailed level (whatever -v).",
)
@click.option("--debug", is_flag=True, help="Show the traceback of a failure.")
def extract(
    paths,
    outdir,
    to_stdout,
    name,
    fill_columns,
    no_fill,
    fill_rules,
    csv_encoding,
    xlsx,
    password,
    ocr,
    jobs,
    executor,
    scheduler,
    force,
    wait,
    prune_gone,
    dataset_format,
    max_size,
    max_text_size,
    max_legacy_size,
    max_unzipped,
    max_pages,
    timeout,
    topics,
    aliases,
    categories,
    quiet,
    verbose,
    log_file,
    debug,
):
    """Extract notices (.docx, .pdf, .doc, .wps, .txt; scans as .pdf, .png, .jpg, .tif)
    into JSON and CSV.

    PATHS are files or folders (searched recursively), local or fsspec URLs, or - for
    one notice on standard input, with --stdout (its format found from its bytes, named
    stdin or --name NAME). For
    each input NAME it writes OUTDIR/NAME.json and one CSV per table,
    OUTDIR/NAME.table01.csv, NAME.table02.csv… (two digits), and with --xlsx NAME.xlsx
    (files found in a folder keep their sub-folders).

    OUTDIR is an archive that grows from run to run: OUTDIR/manifest.jsonl lists
    every input ever converted into it (this run's are added or updated, none is
    dropped for not being named), and OUTDIR/dataset/ covers them all. Inputs
    unchanged since their last conversion are skipped (--force converts them again);
    a file moved or renamed is recognised by its content and not converted twice;
    inputs that no longer exist are counted at the end and removed by --prune. In
    folders, Office lock files and hidden files are passed over, and files of other
    formats (.xls, .ofd…) are listed as unsupported. .doc and .wps need LibreOffice
    (soffice on PATH). A file that cannot be read is reported and the others are
    still written. One run at a time converts into an OUTDIR (--wait queues behind
    another). Exit status: 0 when every input was converted or skipped, 1 when any
    failed, 2 for a usage error, 3 when OUTDIR could not be written (a full disk: the
    run stops there, keeping what it wrote), 4 when another run holds OUTDIR, 130 when
    interrupted.

    \b
    Examples:
      notice-pipeline extract samples/variants/ -o out/
      notice-pipeline extract samples/variants/ -o archive/ && \\
          notice-pipeline extract samples/src/ -o archive/   # one archive, two folders
      notice-pipeline extract samples/variants/ -o out-db/ --jobs 4 --dataset-format sqlite
      notice-pipeline extract samples/variants/ -o out/ --fill-rules pipeline/data/fill_rules.tsv
      notice-pipeline extract samples/hz_gbk_crlf.txt -o out/ --csv-encoding utf-8-sig
      notice-pipeline extract samples/bad/encrypted_secret.pdf --stdout --password secret
      notice-pipeline extract - --stdout < samples/table_header.docx
      notice-pipeline extract s3://bucket/notices -o s3://bucket/out --executor dask \\
          --scheduler tcp://scheduler:8786
    """
    from .errors import ArchiveLocked, OutputError, PipelineError
    from .limits import MB, Limits, time_limit
    from .log import configure

    configure(verbose, log_file)
    from .options import ExtractOptions

    if fill_rules:  # a bad rules file stops the run before any input is read
        from .tables import FillRulesError, load_fill_rules

        try:
            load_fill_rules(fill_rules)
        except FillRulesError as exc:
            click.echo(f"error: --fill-rules {exc.message}", err=True)
            sys.exit(2)
    limits = Limits(
        max_size=int(max_size * MB),
        max_text_size=int(max_text_size * MB),
        max_legacy_size=int(max_legacy_size * MB),
        max_unzipped=int(max_unzipped * MB),
        max_pages=max_pages,
        timeout=timeout,
    )
    options = ExtractOptions(
        fill_columns=tuple(fill_columns),
        fill=not no_fill,
        fill_rules=fill_rules,
        password=password,
        ocr=ocr,
        csv_encoding=csv_encoding,
        xlsx=xlsx,
        force=force,
        debug=debug,
        limits=limits,
        topics=topics,
        aliases=aliases,
        categories=categories,
    )
    to_stdout = to_stdout or outdir == "-"
    if "-" in paths and not (to_stdout and len(paths) == 1):
        _usage(
            "-",
            "a notice on standard input goes alone with --stdout (or -o -)",
            "to keep it in an archive, save it to a file and extract that",
        )
    if name and paths != ("-",):
        _usage(
            "--name",
            "goes with - (a notice on standard input)",
            "give - as the one PATH, or leave --name out",
        )
    if to_stdout:
        from .core import extract as extract_one
        from .core import extract_stdin

        _debug("options: %s", lambda: describe_options(options))
        if len(paths) != 1 or os.path.isdir(paths[0]):
            _usage(
                "--stdout",
                "takes exactly one input file",
                "give one file, or write several into a folder with -o OUTDIR",
            )
        try:
            with time_limit(timeout, name or paths[0]):
                if paths[0] == "-":
                    notice = extract_stdin(name or "stdin", options)
                else:
                    notice = extract_one(paths[0], options)
        except PipelineError as exc:
            _fail(exc, debug)
            sys.exit(1)
        text = notice.to_json()
        _debug(
            "%s: JSON of %d characters on stdout (%d tables, %d warnings)",
            name or paths[0],
            len(text),
            len(notice.tables),
            len(notice.warnings),
        )
        click.echo(text)
        return
    if not outdir:
        _usage(None, "no output folder", "give one with -o OUTDIR (or --stdout for one file)")
    if scheduler and executor != "dask":
        _usage("--scheduler", "goes with --executor dask", "add --executor dask")

    from . import batch

    found = batch.scan(paths)
    inputs = found.inputs
    if not inputs:
        from .readers import SUPPORTED

        kinds = ", ".join(sorted(SUPPORTED))
        others = ""
        if found.unsupported:
            others = f" ({_unsupported_counts([(loc, why) for loc, _, why in found.unsupported])})"
        _usage(
            ", ".join(paths),
            f"no notices ({kinds}) found{others}",
            "give files of these formats, or folders that hold some",
        )
    _debug(
        "%s found in %s%s; options: %s; jobs %s, executor %s, dataset %s",
        _plural(len(inputs), "input"),
        ", ".join(paths),
        f" ({len(found.unsupported)} unsupported)" if found.unsupported else "",
        lambda: describe_options(options),
        jobs or "default",
        executor if not scheduler else f"{executor} at {scheduler}",
        dataset_format,
    )
    reporter = _Reporter(len(inputs), quiet, outdir)
    try:
        result = batch.convert(
            paths,
            outdir,
            options,
            jobs=jobs,
            executor=executor,
            scheduler=scheduler,
            dataset_format=dataset_format,
            prune_gone=prune_gone,
            progress=reporter,
            found=found,
            wait=wait,
            waiting=lambda who: click.echo(
                f"waiting for the run converting into {outdir} ({who}) to finish…", err=True
            ),
        )
    except (ArchiveLocked, OutputError) as exc:
        reporter.close()
        _fail(exc, debug)
        sys.exit(EXIT_LOCKED if isinstance(exc, ArchiveLocked) else EXIT_OUTPUT)
    except KeyboardInterrupt:
        reporter.close()
        _error(
            outdir,
            f"interrupted after {reporter.done} of {len(inputs)} inputs",
            "run the same command again to go on where it stopped",
        )
        sys.exit(EXIT_INTERRUPTED)
    reporter.close()
    _debug(
        "run of %s done in %.2f s; dataset: %s",
        _plural(len(inputs), "input"),
        reporter.elapsed(),
        ", ".join(result.dataset) or "not written",
    )
    for note in result.notes:
        if not quiet:
            click.echo(f"note: {note}", err=True)
    if result.stopped:
        click.echo(f"error: {result.stopped['message']}", err=True)
        click.echo(
            f"stopped after {sum(e['status'] != 'unsupported' for e in result.entries)} of "
            f"{result.total} inputs: the outputs "
            "written so far and the manifest are kept; run the same command again to go on",
            err=True,
        )
        sys.exit(EXIT_OUTPUT)
    if not quiet:
        click.echo(summary(result, outdir), err=True)
    sys.exit(1 if result.failed else 0)


def summary(result, outdir: str) -> str:
    """The end of a run: counts, the warnings of the documents converted in it, and the
    archive.

    "14 inputs: 11 ok (3 with warnings: no_date 2, attachment_not_found 1), 2 skipped,
    1 failed; 2 unsupported (.xls 1, .ofd 1) → out/ (archive: 120 inputs)": each warning
    code with the number of documents converted in this run (status ok) that have it,
    the most frequent first. Then a line for inputs of the archive that are gone, or
    were pruned.
    """
    entries = [e for e in result.entries if e["status"] != "unsupported"]
    unsupported = [e for e in result.entries if e["status"] == "unsupported"]
    counts = {s: sum(e["status"] == s for e in entries) for s in ("ok", "skipped", "failed")}
    converted = [e for e in entries if e["status"] == "ok"]
    documents: dict[str, int] = {}
    warned = 0
    for entry in converted:
        codes = entry.get("warning_codes") or {}
        warned += bool(codes or entry.get("warnings"))
        for code in codes:
            documents[code] = documents.get(code, 0) + 1
    ok = f"{counts['ok']} ok"
    if warned:
        shown = ", ".join(
            f"{code} {n}" for code, n in sorted(documents.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        ok += f" ({warned} with warnings: {shown})" if shown else f" ({warned} with warnings)"
    line = (
        f"{_plural(len(entries), 'input')}: {ok}, {counts['skipped']} skipped, "
        f"{counts['failed']} failed"
    )
    if unsupported:
        found = [(e["path"], e["error"]["type"]) for e in unsupported]
        line += f"; {len(unsupported)} unsupported ({_unsupported_counts(found)})"
    if result.passed_over:
        n = sum(result.passed_over.values())
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(result.passed_over.items()))
        line += f"; passed over {n} ({kinds})"
    line += f" → {outdir.rstrip('/')}/"
    archived = [e for e in result.archive if e["status"] != "unsupported"]
    if len(result.archive) > len(result.entries):
        line += f" (archive: {_plural(len(archived), 'input')})"
    if result.gone:
        n = len(result.gone)
        are = "is" if n == 1 else "are"
        line += (
            f"\nwarning: {_plural(n, 'input')} of the archive {are} gone; prune to remove "
            f"{'it' if n == 1 else 'them'}: notice-pipeline prune {outdir}"
        )
    if result.pruned:
        line += f"\npruned {_plural(len(result.pruned), 'input')} that no longer exist"
    return line


_WHY = {"broken_link": "broken link", "folder_link": "link to a folder",
        "not_regular_file": "special file", "special": "special file"}  # fmt: skip


def _unsupported_counts(found: list[tuple[str, str]]) -> str:
    """ ".xls 2, .ofd 1, broken link 1": paths not converted, by extension or by why,
    the most frequent first. ``found``: (location, why) pairs."""
    counts: dict[str, int] = {}
    for location, why in found:
        label = _WHY.get(why) or os.path.splitext(location)[1].lower() or "no extension"
        counts[label] = counts.get(label, 0) + 1
    return ", ".join(f"{k} {n}" for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _show_ocr_pages() -> None:
    """On a terminal, a line per page a long scan's OCR reads ("x.pdf: OCR of page 3 (3
    of 12)"): a scan takes seconds a page. Workers forked from here write it too."""
    import logging

    logger = logging.getLogger("notice_pipeline.ocr")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.addFilter(lambda record: " OCR of page " in record.getMessage())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


class _Reporter:
    """Errors as one line each; a progress bar on a terminal unless --quiet; with -vv a
    DEBUG record per document (what became of it, its seconds, the files written)."""

    def __init__(self, total: int, quiet: bool, outdir: str | None = None):
        import time

        self.done = self.failed = 0
        self.outdir = outdir
        self.started = time.perf_counter()
        self.bar = None
        if not quiet and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", dynamic_ncols=True, file=sys.stderr)
            _show_ocr_pages()

    def elapsed(self) -> float:
        import time

        return time.perf_counter() - self.started

    def __call__(self, entry: dict) -> None:
        self.done += 1
        _debug("%s", lambda: describe_entry(entry, self.outdir))
        if entry["status"] == "failed":
            self.failed += 1
            message = f"error: {entry['error']['message']}"
            if self.bar is not None:
                self.bar.write(message, file=sys.stderr)
            else:
                click.echo(message, err=True)
            if "traceback" in entry["error"]:
                click.echo(entry["error"]["traceback"], err=True)
        if self.bar is not None:
            self.bar.set_postfix(failed=self.failed, refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _debug(message: str, *args) -> None:
    """A DEBUG record of the "notice_pipeline.cli" logger (-vv, --log-file); an argument
    that is a function is called only when the record is emitted."""
    import logging

    log = logging.getLogger("notice_pipeline.cli")
    if log.isEnabledFor(logging.DEBUG):
        log.debug(message, *(a() if callable(a) else a for a in args))


def describe_options(options) -> str:
    """The options of a run that are not the defaults, "fill_columns=('活动名称',),
    xlsx=True, limits.timeout=60.0" ("the defaults" when none), and the digest the
    manifest keeps (inputs converted with another digest are converted again). A
    password is not shown."""
    from dataclasses import fields

    from .options import ExtractOptions

    default = ExtractOptions()
    changed = []
    for f in fields(options):
        value, was = getattr(options, f.name), getattr(default, f.name)
        if value == was:
            continue
        if f.name == "limits":
            changed += [
                f"limits.{g.name}={getattr(value, g.name)!r}"
                for g in fields(value)
                if getattr(value, g.name) != getattr(was, g.name)
            ]
        elif f.name == "password":
            changed.append("password=(given)")
        else:
            changed.append(f"{f.name}={value!r}")
    return f"{', '.join(changed) or 'the defaults'} (digest {options.digest()})"


def describe_entry(entry: dict, outdir: str | None = None) -> str:
    """What became of one input, for a DEBUG record: "a.txt: ok in 0.41 s (txt, 1 table,
    52 rows, warnings no_date 1); wrote out/a.txt.json, out/a.txt.table01.csv"."""
    from . import storage

    path = entry.get("path", "?")
    status = entry.get("status", "?")
    seconds = entry.get("seconds")
    took = f" in {seconds:.2f} s" if isinstance(seconds, (int, float)) else ""
    if status == "failed":
        error = entry.get("error") or {}
        return f"{path}: failed{took} ({error.get('type', '?')})"
    details = [entry.get("format") or "?"]
    if entry.get("tables") is not None:
        details.append(_plural(entry["tables"], "table"))
    if entry.get("rows") is not None:
        details.append(_plural(entry["rows"], "row"))
    codes = entry.get("warning_codes") or {}
    if codes:
        details.append("warnings " + ", ".join(f"{c} {n}" for c, n in codes.items()))
    text = f"{path}: {status}{took} ({', '.join(details)})"
    files = entry.get("files") or []
    if outdir is not None:
        files = [storage.join(outdir, f) for f in files]
    if status == "ok" and files:
        text += f"; wrote {', '.join(files)}"
    elif status == "skipped":
        sha = (entry.get("sha256") or "")[:12]
        text += f"; unchanged since {entry.get('converted_at') or 'its last conversion'}"
        text += f" (sha256 {sha}…, options {entry.get('options') or '?'})" if sha else ""
    if entry.get("moved_from"):
        text += f"; moved from {entry['moved_from']}"
    return text


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _error(location, problem: str, fix: str | None) -> None:
    """The one spelling of a failure line: "error: FILE: problem. what to do" (no FILE:
    "error: problem. what to do"), as PipelineError.message spells a file's failure."""
    from .errors import spell

    click.echo(f"error: {spell(location, problem, fix)}", err=True)


def _usage(location, problem: str, fix: str) -> None:
    """A usage error (the arguments, not an input, are wrong): its line, exit 2."""
    _error(location, problem, fix)
    sys.exit(EXIT_USAGE)


def _fail(exc, debug: bool) -> None:
    """Report a PipelineError on one line (and its traceback with --debug)."""
    if debug:
        import traceback

        traceback.print_exception(exc)
    click.echo(f"error: {exc.message}", err=True)


@cli.command()
@click.argument("outdir")
@click.option(
    "--dataset-format",
    type=click.Choice(["csv", "parquet", "sqlite", "none"]),
    default=None,
    help="Rebuild the dataset in this format (default: the format OUTDIR/dataset has).",
)
@click.option("--wait", is_flag=True, help="Wait for a run converting into OUTDIR to finish.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def prune(outdir, dataset_format, wait, quiet) -> None:
    """Remove from the archive OUTDIR the inputs that no longer exist.

    Their lines in OUTDIR/manifest.jsonl, their outputs (NAME.json, NAME.table01.csv…, NAME.xlsx)
    and their rows of the dataset go; each one removed is listed. Inputs that exist
    are not touched. A run of `extract` only counts the inputs that are gone.

    \b
    Example:
      notice-pipeline prune archive/   # after inputs converted into it were deleted
    """
    from . import batch, storage
    from .errors import ArchiveLocked, OutputError

    if not storage.exists(storage.join(outdir, batch.MANIFEST)):
        _error(outdir, "no manifest.jsonl here", "give the OUTDIR of an extract run (-o OUTDIR)")
        sys.exit(1)
    try:
        removed = batch.prune(outdir, wait=wait, dataset_format=dataset_format)
    except (ArchiveLocked, OutputError) as exc:
        _fail(exc, False)
        sys.exit(EXIT_LOCKED if isinstance(exc, ArchiveLocked) else EXIT_OUTPUT)
    for entry in removed:
        if not quiet:
            click.echo(f"removed {entry['path']} ({entry.get('output') or 'no output'})")
    if not quiet:
        left = len(batch.read_manifest(outdir))
        click.echo(
            f"pruned {_plural(len(removed), 'input')} that no longer exist; "
            f"the archive has {_plural(left, 'input')}",
            err=True,
        )


@cli.command()
@click.argument("outdir")
def report(outdir) -> None:
    """Write OUTDIR/report.html: the archive's notices, activities, failures and warnings.

    Made from OUTDIR/dataset and OUTDIR/manifest.jsonl: notices (not files) by issuer,
    文种 and month, activities per district (with its city) and per week, the failures
    and warnings with links to the outputs.

    \b
    Example:
      notice-pipeline extract samples/variants/ -o out/ && notice-pipeline report out/
    """
    from . import storage
    from .errors import output_error
    from .report import build_report

    try:
        location = build_report(outdir)
    except FileNotFoundError as exc:
        if exc.filename is None:  # read_dataset's: OUTDIR has no dataset/
            _error(
                storage.join(outdir, "dataset"),
                "no dataset here",
                f"run extract first (notice-pipeline extract PATH... -o {outdir})",
            )
        else:
            _error(exc.filename, "no such file or folder", "give the OUTDIR of an extract run")
        sys.exit(1)
    except OSError as exc:
        if exc.errno is None:
            raise
        # report.html cannot be written
        _fail(output_error(exc, storage.join(outdir, "report.html")), False)
        sys.exit(EXIT_OUTPUT)
    click.echo(location)


@cli.command()
@click.argument("file")
@click.option("--password", help="Open an encrypted PDF with this password.")
@click.option(
    "--role",
    "roles",
    multiple=True,
    help="Show only lines with this role (repeatable), e.g. --role title --role date.",
)
@click.option("--debug", is_flag=True, help="Show the traceback of a failure.")
def inspect(file, password, roles, debug) -> None:
    """Print the role of every line of FILE, one line each: index, role, text, why.

    Roles are the parts of GB/T 9704-2012 (title, doc_number, recipients, body,
    attachment_note, signature, date, note, cc, printed, attachment…); an attachment's
    lines carry its number, e.g. attachment_title[2]. Use it to see why a part was
    found or missed.

    \b
    Examples:
      notice-pipeline inspect samples/table_header.pdf
      notice-pipeline inspect samples/000_789e38767d8a56d8.docx --role title --role date
    """
    from .core import inspect as read_layout
    from .errors import PipelineError
    from .notice.layout import ROLES

    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        _usage(
            "--role",
            f"{', '.join(unknown)}: not a role",
            f"give one of {', '.join(ROLES)}",
        )
    try:
        layout = read_layout(file, password=password)
    except PipelineError as exc:
        _fail(exc, debug)
        sys.exit(1)
    for entry, line in zip(layout.entries, layout.describe(), strict=True):
        if not roles or entry.role in roles:
            click.echo(line)
    missing = [r for r in ("title", "date") if layout.first(r) is None]
    if missing and not roles:
        click.echo(f"not found: {', '.join(missing)}", err=True)


@cli.command()
def schema() -> None:
    """Print the JSON Schema that every output JSON follows."""
    from .schema import schema_path

    click.echo(schema_path().read_text(encoding="utf-8"), nl=False)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
def validate(paths) -> None:
    """Check output JSON files against the schema; exit 1 if any is invalid.

    PATHS are NAME.json files or folders: a folder (an extract OUTDIR) is searched
    recursively for *.json, passing over its dataset/ folder, manifest files and hidden
    files. One line per file (valid, or invalid with each error), then a summary.

    \b
    Examples:
      notice-pipeline extract samples/variants/ -o out/ && notice-pipeline validate out/
      notice-pipeline validate out/000_789e38767d8a56d8.docx.json
    """
    import json
    from pathlib import Path

    from .schema import validation_errors

    files: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            files.append(path)
            continue
        found = sorted(p for p in path.rglob("*.json") if _is_output(p.relative_to(path)))
        if not found:
            _error(path, "no output JSON (NAME.json) in this folder", "give an extract OUTDIR")
            sys.exit(1)
        files += found
    files = list(dict.fromkeys(files))  # a file named and found in its folder: once
    bad = 0
    for file in files:
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
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
    click.echo(f"{_plural(len(files), 'file')}: {len(files) - bad} valid, {bad} invalid", err=True)
    sys.exit(1 if bad else 0)


def _is_output(relative) -> bool:
    """Whether a *.json found in a folder is a notice's output: not in dataset/, not a
    manifest, not hidden."""
    parts = relative.parts
    hidden = any(p.startswith(".") for p in parts)
    return not hidden and "dataset" not in parts[:-1] and not parts[-1].startswith("manifest")


def main() -> None:
    cli(prog_name="notice-pipeline")
