"""Converting into an archive: inputs, workers, the manifest, incremental re-runs.

OUTDIR is an archive that grows run by run. ``OUTDIR/manifest.jsonl`` lists every
input ever converted into it, one line each, keyed by the input's location (an
absolute path, or the URL), with the status of its latest conversion. A run adds
and updates lines; it never drops one because the input was not named this time.
``run(inputs, outdir, options)`` converts each input with ``process_one`` — in this
process (``jobs=1``), in a process pool, or on a Dask cluster — and writes the
merged manifest; ``convert(paths, outdir, options)`` is the whole job (folders
scanned, the dataset built), as the command does it.

- Unchanged: an input whose sha256, pipeline version and options (a digest of those
  that change outputs) match its line, and whose every output file is still there, is
  not converted again (status "skipped").
- Changed: converted again; its outputs are replaced atomically.
- Moved or renamed (a new location whose sha256 is that of an input that is gone):
  recognised as a move, its line and outputs taken over, not converted twice.
- Gone (the input no longer exists): its line and outputs stay, and the run says
  how many there are; ``prune(outdir)`` removes them.
- Folder scans skip Office lock files, Thumbs.db, .DS_Store and hidden files; files
  of formats that cannot be read get a line with status "unsupported".

Each finished document is also appended to a journal (``OUTDIR/.manifest.journal.jsonl``,
local folders only) so that a run that is interrupted leaves a record the next run
picks up from; the journal goes when the manifest is written. Its lines carry the
run's id (from its inputs and options), so the same command run again after a kill
goes on where it stopped, with ``--force`` too. A run of one input keeps none: the
manifest follows its only document at once.

Faults: a run holds OUTDIR's lock (lock.py) from reading the manifest to writing it;
at its start it removes the temporary files of runs that died. A full disk or an
OUTDIR it cannot write stops the run cleanly at the first document that meets it
(``RunResult.stopped``): every output written is kept, the manifest and journal
agree with what is on disk, and the next run goes on from there.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC

from . import __version__, storage
from .limits import time_limit
from .options import ExtractOptions

MANIFEST = "manifest.jsonl"
JOURNAL = ".manifest.journal.jsonl"

# The options of a run were called Options before ExtractOptions carried them all.
Options = ExtractOptions

# Files a folder scan passes over without a word: editors' lock files and the
# operating systems' own (hidden files, whose names start with ".", too).
_SYSTEM_FILES = frozenset(("thumbs.db", "desktop.ini", ".ds_store"))


@dataclass
class Task:
    source: str  # location of the input
    name: str  # output name: NAME.json, NAME.table01.csv… (may contain sub-folders)
    previous: dict | None = field(default=None, repr=False)  # its line in the archive
    moved_from: str | None = None  # the archive's input this one is a move of
    resumed: bool = False  # finished by an interrupted run of the same command


@dataclass
class Scan:
    """What a scan of the inputs found: notices to convert, paths it cannot read (each
    gets a manifest line), and paths passed over (counted in the summary)."""

    inputs: list[tuple[str, str]] = field(default_factory=list)  # (location, output name)
    # (location, output name, why): format, broken_link, folder_link, special
    unsupported: list[tuple[str, str, str]] = field(default_factory=list)
    passed_over: dict[str, int] = field(default_factory=dict)  # "hidden": 3, "lock file": 1…


def _passed_over(name: str) -> str | None:
    """What a name is that a scan passes over: a lock file, a system file, or None."""
    if name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#")):
        return "lock file"
    if name.lower() in _SYSTEM_FILES:
        return "system file"
    return None


def scan(paths: Iterable[str]) -> Scan:
    """Files and folders (searched recursively) -> notices, unreadable paths, passed over.

    A file given by name is written as its name (and read whatever its extension: a
    format it cannot be read as fails with a message); a file found in a folder
    keeps its sub-folders (OUTDIR/sub/dir/NAME). In a folder every path is accounted
    for: a notice; an `unsupported` line for another format, a broken link, a link to
    a folder (not followed) or a special file (a FIFO, a device); or passed over and
    counted (Office lock files, Thumbs.db, hidden files and folders). A special file
    named on the command line is refused at once, never opened.
    """
    from .readers import SUPPORTED

    found = Scan()

    def pass_over(kind: str) -> None:
        found.passed_over[kind] = found.passed_over.get(kind, 0) + 1

    for raw in paths:
        location = str(raw)
        if storage.is_dir(location):
            for src, rel, kind in storage.find_entries(location):
                if kind == "hidden":
                    pass_over("hidden")
                    continue
                passed = _passed_over(rel.rsplit("/", 1)[-1])
                if passed:
                    pass_over(passed)
                elif kind != "file":
                    found.unsupported.append((src, safe_name(rel), kind))
                elif os.path.splitext(rel)[1].lower() in SUPPORTED:
                    found.inputs.append((src, safe_name(rel)))
                else:
                    found.unsupported.append((src, safe_name(rel), "format"))
        elif _special(location):
            found.unsupported.append((location, safe_name(storage.name_of(location)), "special"))
        else:
            found.inputs.append((location, safe_name(storage.name_of(location))))
    return found


def _special(location: str) -> bool:
    """A FIFO, socket or device (reading it could block for ever)."""
    if storage.is_url(location):
        return False
    import stat

    try:
        mode = os.stat(location).st_mode
    except OSError:
        return False  # missing: the conversion says so
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


_UNSAFE = str.maketrans({c: "_" for c in '<>:"|?*\\' + "".join(map(chr, range(32)))})


def safe_name(name: str) -> str:
    """An output name that stays inside OUTDIR whatever the input was called.

    Sub-folders are kept; "..", ".", empty parts and a leading "/" are dropped;
    characters that are unsafe in file names become "_"; each part is cut to 200
    bytes (UTF-8), keeping its extension.
    """
    parts = []
    for part in str(name).replace("\\", "/").split("/"):
        part = part.translate(_UNSAFE).strip()
        if part in ("", ".", ".."):
            continue
        stem, dot, suffix = part.rpartition(".")
        if not dot or len(suffix) > 16:
            stem, suffix = part, ""
        while len(part.encode("utf-8")) > 200:  # cut the stem, keep the extension
            stem = stem[:-1]
            part = f"{stem}.{suffix}" if suffix else stem
        parts.append(part)
    return "/".join(parts) or "_"


def input_key(location: str) -> str:
    """The archive's key of an input: its URL, or its absolute local path."""
    location = str(location)
    if storage.is_url(location):
        return location
    return os.path.abspath(location)


def _lines(location: str) -> list[dict]:
    if not storage.exists(location):
        return []
    entries = []
    for line in storage.read_text(location).splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut short by an interruption
        if isinstance(entry, dict) and entry.get("path"):
            entries.append(entry)
    return entries


def load_journal(outdir: str) -> dict[str, dict]:
    """The lines an interrupted run journalled, by input key."""
    return {input_key(e["path"]): e for e in _lines(storage.join(outdir, JOURNAL))}


def load_manifest(outdir: str) -> dict[str, dict]:
    """The archive's lines by input key, in the manifest's order (journal lines of an
    interrupted run win)."""
    entries = {input_key(e["path"]): e for e in _lines(storage.join(outdir, MANIFEST))}
    for key, entry in load_journal(outdir).items():
        entries[key] = {k: v for k, v in entry.items() if k != "run"}
    return entries


def read_manifest(outdir) -> list[dict]:
    """Every line of the archive's manifest, in order (an empty list for a new folder)."""
    return list(load_manifest(str(outdir)).values())


def _unchanged(
    previous: dict | None, sha256: str, outdir: str, digest: str, xlsx: bool = False
) -> bool:
    """Whether an input's outputs are still what converting it now would give: same
    bytes, pipeline version and options, and every output file it had still there, under
    the names this version gives them (a ``NAME.table1.csv`` of an earlier version is
    converted again, as ``NAME.table01.csv``; with ``xlsx``, ``NAME.xlsx`` too)."""
    from .writers import output_files

    if not (
        previous
        and previous.get("sha256") == sha256
        and previous.get("pipeline_version") == __version__
        and previous.get("options") == digest
        and previous.get("status") in ("ok", "skipped")
        and previous.get("output")
    ):
        return False
    expected = output_files(previous["output"], previous.get("tables") or 0, xlsx)
    files = dict.fromkeys([*expected, *(previous.get("files") or [])])
    return all(storage.exists(storage.join(outdir, f)) for f in files)


# What a skipped input carries over from its line.
_CARRIED = ("format", "warnings", "warning_codes", "tables", "rows", "notice_id", "title",
            "files", "converted_at")  # fmt: skip


def _convert(task: Task, outdir: str, options: ExtractOptions, entry: dict) -> None:
    """Read, skip if unchanged, else extract and write; fills ``entry``."""
    from .core import extract_bytes, read_input, sha256_hex
    from .writers import output_files, write_notice

    data = read_input(task.source, options.limits)
    entry["sha256"] = sha256_hex(data)
    entry["options"] = digest = options.digest()
    redo = options.force and not task.resumed
    if not redo and _unchanged(task.previous, entry["sha256"], outdir, digest, options.xlsx):
        previous = task.previous or {}
        entry.update(status="skipped")
        entry.update({k: previous.get(k) for k in _CARRIED})
    else:
        from datetime import datetime

        from .identity import notice_id

        notice = extract_bytes(task.source, data, options)
        write_notice(notice, outdir, task.name, options.csv_encoding, options.xlsx)
        entry.update(
            status="ok",
            format=notice.source.format,
            warnings=len(notice.warnings),
            warning_codes=warning_codes(notice.warnings),
            tables=len(notice.tables),
            rows=sum(len(t.rows) for t in notice.tables),
            notice_id=notice_id(
                notice.issuer, notice.doc_number, notice.title, notice.date, entry["sha256"]
            ),
            title=notice.title,
            files=output_files(task.name, len(notice.tables), options.xlsx),
            converted_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
    if task.moved_from:
        entry["moved_from"] = task.moved_from


def warning_codes(warnings) -> dict[str, int]:
    """How many warnings of each code a document has, the most frequent first."""
    counts: dict[str, int] = {}
    for w in warnings:
        counts[w.code] = counts.get(w.code, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def process_one(task: Task, outdir: str, options: ExtractOptions) -> dict:
    """Convert one input and write its outputs; never raises: returns its manifest line."""
    from .errors import describe
    from .writers import remove_outputs

    started = time.perf_counter()
    entry: dict = {
        "path": input_key(task.source),
        "output": task.name,
        "pipeline_version": __version__,
    }
    try:
        with time_limit(options.limits.timeout, task.source):
            _convert(task, outdir, options, entry)
    except Exception as exc:  # one bad file never stops the batch
        error = describe(exc, task.source)
        if options.debug:
            import traceback

            error["traceback"] = traceback.format_exc()
        entry = _failed(task, error, entry)
        # Outputs agree with the manifest: none for a failed input. A missing input's
        # outputs stay, as its line does; so do all outputs when writing failed (the
        # run stops there, and the old outputs are still good).
        if error["type"] != "not_found" and error["type"] not in OUTPUT_ERRORS:
            with contextlib.suppress(OSError):
                remove_outputs(outdir, task.name)
    entry["seconds"] = round(time.perf_counter() - started, 4)
    return entry


Progress = Callable[[dict], None]

# Failures of the output, not of the input: the run stops at the first.
OUTPUT_ERRORS = frozenset(("disk_full", "output_unwritable", "output_error"))


class StopRun(Exception):
    """Raised from a finished document whose outputs could not be written."""

    def __init__(self, entry: dict):
        super().__init__(entry["error"]["message"])
        self.entry = entry


@dataclass
class RunResult:
    """What a run did (``entries``, in input order) and the archive it left (``archive``)."""

    entries: list[dict]  # this run's lines, in input order
    archive: list[dict]  # every line of the manifest after the run
    gone: list[dict] = field(default_factory=list)  # lines whose input no longer exists
    pruned: list[dict] = field(default_factory=list)  # lines removed by prune
    dataset: list[str] = field(default_factory=list)  # dataset files written
    # the error ({type, message}) that stopped the run: a full disk, an OUTDIR that
    # cannot be written; the inputs after it were not converted
    stopped: dict | None = None
    total: int = 0  # inputs the run was given
    passed_over: dict[str, int] = field(default_factory=dict)  # lock and hidden files…
    notes: list[str] = field(default_factory=list)  # a dead run's lock taken over…

    @property
    def failed(self) -> bool:
        return any(e["status"] == "failed" for e in self.entries)


def _exists(location: str) -> bool:
    try:
        return storage.exists(location)
    except Exception:  # an unreachable URL: not known to be gone
        return True


def gone_entries(archive: dict[str, dict], named: set[str] = frozenset()) -> dict[str, dict]:
    """The archive's lines whose input no longer exists (those named in this run aside)."""
    return {
        key: entry
        for key, entry in archive.items()
        if key not in named and not _exists(entry["path"])
    }


def _other_name(name: str, taken, key: str) -> str:
    """``name`` if free, else "sub/通知~3f9a1c.docx": a suffix from the input's key, so the
    name does not depend on the order inputs come in."""
    if name not in taken:
        return name
    from .identity import short_hash

    folder, _, base = name.rpartition("/")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    for length in range(6, 41):
        mark = short_hash(key, length)
        candidate = f"{stem}~{mark}.{suffix}" if suffix else f"{stem}~{mark}"
        candidate = f"{folder}/{candidate}" if folder else candidate
        if candidate not in taken:
            return candidate
    raise RuntimeError(f"no free output name for {key}")


def _tasks(inputs, outdir: str, archive: dict[str, dict], options) -> list[Task]:
    """A task per input: its line in the archive, its output name, moves recognised.

    An input already in the archive keeps its output name. A new input whose name
    another input of the archive (or of this run) holds gets "NAME~<hash>". A new input
    whose bytes are those of an archive input that is gone takes over its line and outputs
    (a move or a rename), and so is skipped rather than converted again.
    """
    keys = [input_key(source) for source, _ in inputs]
    gone = gone_entries(archive, set(keys))
    by_sha = {
        e.get("sha256"): key
        for key, e in gone.items()
        if e.get("status") in ("ok", "skipped") and e.get("sha256")
    }
    taken = {e.get("output") for e in archive.values()}
    tasks = []
    for (source, name), key in zip(inputs, keys, strict=True):
        previous = archive.get(key)
        if previous is not None and previous.get("output"):
            tasks.append(Task(source, previous["output"], previous))
            continue
        if by_sha and not options.force:
            from .core import read_input, sha256_hex

            try:
                sha = sha256_hex(read_input(source, options.limits))
            except Exception:
                sha = None  # the conversion will say what is wrong with it
            old = by_sha.pop(sha, None)
            if old is not None:
                moved = archive.pop(old)
                tasks.append(Task(source, moved["output"], moved, moved_from=moved["path"]))
                continue
        name = _other_name(name, taken, key)
        taken.add(name)
        tasks.append(Task(source, name, previous))
    return tasks


def run(
    inputs: list[tuple[str, str]],
    outdir: str,
    options: ExtractOptions,
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
    unsupported: list[tuple[str, str, str]] = (),
) -> list[dict]:
    """Convert every input; merge their lines into the archive's manifest; return this
    run's lines in input order (``run_archive`` returns the whole :class:`RunResult`)."""
    return run_archive(
        inputs, outdir, options, jobs, executor, scheduler, progress, unsupported
    ).entries


def run_id(keys: Iterable[str], options: ExtractOptions) -> str:
    """The id of a run: the same command (inputs, options, --force) gives the same id,
    so that running it again after a kill goes on from its journal."""
    from .identity import short_hash

    return short_hash(json.dumps([sorted(keys), options.digest(), options.force]), 12)


def run_archive(
    inputs: list[tuple[str, str]],
    outdir: str,
    options: ExtractOptions,
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
    unsupported: list[tuple[str, str, str]] = (),
    wait: bool = False,
    waiting: Callable[[str], None] | None = None,
    prune_gone: bool = False,
    dataset_format: str = "none",
) -> RunResult:
    """Convert every input and write the archive's manifest (see the module's docstring);
    then, unless a full disk stopped the run, remove the inputs that are gone
    (``prune_gone``) and build the archive's dataset (``dataset_format``: csv, parquet,
    sqlite or none).

    Holds OUTDIR's lock throughout: another run's lock raises ArchiveLocked, or is
    waited for with ``wait`` (``waiting`` is told whom for). An OUTDIR that cannot be
    written raises an OutputError before any input is read.
    """
    from .lock import Lock

    outdir = str(outdir)
    with Lock(outdir, wait=wait, waiting=waiting) as lock:
        result = _run_locked(inputs, outdir, options, jobs, executor, scheduler, progress,
                             unsupported)  # fmt: skip
        if lock.note:
            result.notes.insert(0, lock.note)
        if result.stopped is None:
            if prune_gone and result.gone:
                result.pruned = _prune(outdir)
                result.archive = read_manifest(outdir)
                result.gone = []
            if dataset_format != "none":
                try:
                    result.dataset = build_dataset(
                        outdir, result, dataset_format, options.csv_encoding, options.xlsx
                    )
                except OSError as exc:
                    from .dataset import FOLDER
                    from .errors import describe, output_error

                    where = storage.join(outdir, FOLDER)
                    result.stopped = describe(output_error(exc, where), outdir)
    return result


def _page_pool(tasks, options: ExtractOptions):
    """Documents converted one at a time in this process leave the other cores idle: the
    pages of a scan are then read by OCR in a pool of processes, one per core
    (pagepool.py)."""
    cores = os.cpu_count() or 1
    if cores < 2 or options.ocr == "never" or not tasks:
        return contextlib.nullcontext()
    from .pagepool import pages_in_pool

    return pages_in_pool(cores)


def _run_locked(inputs, outdir, options, jobs, executor, scheduler, progress, unsupported):
    from .dataset import cleanup_partial

    # Temporary files of runs that died before their rename. The dataset's first: a
    # dataset swapped away by a run killed mid-swap is put back, not deleted.
    removed = cleanup_partial(outdir) if not storage.is_url(outdir) else []
    removed += storage.remove_parts(outdir)
    archive = load_manifest(outdir)
    tasks = _tasks(inputs, outdir, archive, options)
    this_run = run_id((input_key(source) for source, _ in inputs), options)
    if options.force:  # what a killed run of this same forced command finished stays done
        journalled = load_journal(outdir)
        for task in tasks:
            line = journalled.get(input_key(task.source))
            task.resumed = bool(
                line and line.get("run") == this_run and line["status"] in ("ok", "skipped")
            )
    journal = _Journal(outdir, this_run, enabled=len(tasks) > 1)
    done: dict[int, dict] = {}

    def finished(index: int, entry: dict) -> None:
        if (entry.get("error") or {}).get("type") in OUTPUT_ERRORS:
            raise StopRun(entry)
        journal.add(entry)  # a full disk here stops the run too
        done[index] = entry
        if progress:
            progress(entry)

    stopped = None
    try:
        with _legacy_converted(tasks, outdir, options, executor, scheduler) as run_options:
            if executor == "dask":
                from .executors import run_dask

                run_dask(tasks, outdir, run_options, jobs, scheduler, finished)
            elif jobs <= 1:
                with _page_pool(tasks, run_options):
                    for k, task in enumerate(tasks):
                        finished(k, process_one(task, outdir, run_options))
            else:
                from .executors import run_pool

                run_pool(tasks, outdir, run_options, jobs, finished)
    except StopRun as stop:
        stopped = stop.entry["error"]
    finally:
        journal.close()
    entries = [done[k] for k in sorted(done)]
    if stopped is None:
        entries += [_unsupported(*item) for item in unsupported]
    for entry in entries:
        # A path that does not exist (mistyped, or moved away) is reported, and leaves the
        # archive as it was: no line for it, its old line (if any) kept.
        if (entry.get("error") or {}).get("type") != "not_found":
            archive[input_key(entry["path"])] = entry
    try:
        write_manifest(outdir, list(archive.values()))
    except OSError as exc:
        from .errors import describe, output_error

        # the journal keeps this run's lines: the next run picks them up
        stopped = stopped or describe(output_error(exc, storage.join(outdir, MANIFEST)), outdir)
    else:
        journal.remove()
    named = {input_key(e["path"]) for e in entries}
    gone = list(gone_entries(archive, named).values())
    notes = [f"removed {len(removed)} temporary files of runs that were stopped"] if removed else []
    return RunResult(entries=entries, archive=list(archive.values()), gone=gone,
                     stopped=stopped, total=len(tasks), notes=notes)  # fmt: skip


def write_manifest(outdir: str, entries: list[dict]) -> None:
    lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
    storage.write_atomic(storage.join(outdir, MANIFEST), lines.encode("utf-8"))


_NOT_READ = {  # why: (error type, what it is, what to do)
    "broken_link": (
        "broken_link",
        "a link to nothing (or a loop of links)",
        "repair or remove the link",
    ),
    "folder_link": ("folder_link", "a link to a folder, not followed", "pass the folder itself"),
    "special": (
        "not_regular_file",
        "not a regular file (a FIFO, a socket or a device)",
        "copy the notice into a regular file",
    ),
}


def _unsupported(source: str, name: str, why: str = "format") -> dict:
    """The line of a path that is not converted: another format, a broken link, a link
    to a folder, a special file."""
    from .errors import spell
    from .readers import SUPPORTED

    suffix = os.path.splitext(name)[1].lower()
    if why in _NOT_READ:
        kind, what, fix = _NOT_READ[why]
        fmt = None
    else:
        kinds = ", ".join(sorted(SUPPORTED))
        kind, fmt = "unsupported_format", suffix or None
        what = f"{suffix} is not a supported format" if suffix else "a file without an extension"
        fix = f"save it as one of {kinds} to convert it"
    return {
        "path": input_key(source),
        "output": None,
        "pipeline_version": __version__,
        "status": "unsupported",
        "format": fmt,
        "error": {"type": kind, "message": spell(source, what, fix)},
    }


@contextlib.contextmanager
def _legacy_converted(tasks: list[Task], outdir: str, options, executor: str, scheduler):
    """Options for the run: with the .doc/.wps files that will be converted made into
    .docx by one LibreOffice run first (readers/legacy.py), on this machine's pool."""
    legacy = [t for t in tasks if os.path.splitext(t.name)[1].lower() in (".doc", ".wps")]
    if len(legacy) < 2 or scheduler or options.legacy_converted:
        yield options
        return
    from dataclasses import replace

    from .core import read_input, sha256_hex
    from .readers import legacy as legacy_reader

    if legacy_reader.find_soffice() is None:
        yield options
        return
    items = []
    for task in legacy:
        try:
            data = read_input(task.source, options.limits)
        except Exception:
            continue  # its own conversion reports the problem
        unchanged = _unchanged(
            task.previous, sha256_hex(data), outdir, options.digest(), options.xlsx
        )
        if unchanged and not (options.force and not task.resumed):
            continue
        items.append((task.source, data, os.path.splitext(task.name)[1].lower()[1:]))
    if len(items) < 2:
        yield options
        return
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="notice-legacy-")
    try:
        legacy_reader.convert_many(items, folder, options.limits)
        yield replace(options, legacy_converted=folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def prune(
    outdir: str,
    wait: bool = False,
    dataset_format: str | None = None,
    csv_encoding: str | None = None,
    xlsx: bool | None = None,
) -> list[dict]:
    """Remove the lines and outputs of inputs that no longer exist, and their dataset
    rows (the dataset rebuilt in ``dataset_format``, ``csv_encoding`` and with
    ``dataset.xlsx`` or not as ``xlsx`` says; by default as the dataset there is);
    return the lines removed. Holds OUTDIR's lock while it does."""
    from .dataset import build, present_encoding, present_format, present_xlsx
    from .lock import Lock

    outdir = str(outdir)
    with Lock(outdir, wait=wait):
        removed = _prune(outdir)
        fmt = dataset_format or present_format(outdir) or "none"
        if removed and fmt != "none":
            encoding = csv_encoding or present_encoding(outdir) or "utf-8"
            workbook = present_xlsx(outdir) if xlsx is None else xlsx
            build(outdir, read_manifest(outdir), fmt, csv_encoding=encoding, xlsx=workbook)
    return removed


def _prune(outdir: str) -> list[dict]:
    from .writers import remove_outputs

    archive = load_manifest(outdir)
    gone = gone_entries(archive)
    for key, entry in gone.items():
        if entry.get("output"):
            remove_outputs(outdir, entry["output"])
        del archive[key]
    if gone:
        write_manifest(outdir, list(archive.values()))
        # the manifest now holds what an interrupted run journalled: the journal goes, or
        # its lines would bring the pruned inputs back
        storage.remove(storage.join(outdir, JOURNAL))
    return list(gone.values())


def convert(
    paths: Iterable[str],
    outdir: str,
    options: ExtractOptions | None = None,
    *,
    jobs: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    dataset_format: str = "csv",
    prune_gone: bool = False,
    progress: Progress | None = None,
    found: Scan | None = None,
    wait: bool = False,
    waiting: Callable[[str], None] | None = None,
) -> RunResult:
    """The whole job, as ``notice-pipeline extract PATHS -o OUTDIR`` does it.

    Scans ``paths`` (files and folders), converts into the archive ``outdir``, removes
    the inputs that are gone when ``prune_gone``, and builds the dataset of the whole
    archive (``dataset_format``: csv, parquet, sqlite or none), all under OUTDIR's lock
    (``wait``: queue behind another run instead of raising ArchiveLocked). ``found``:
    the scan of ``paths`` when the caller has made it already. A run stopped by a full
    disk (``result.stopped``) builds no dataset.
    """
    options = options or ExtractOptions()
    found = found if found is not None else scan(paths)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(found.inputs) or 1))
    result = run_archive(found.inputs, outdir, options, jobs, executor, scheduler, progress,
                         found.unsupported, wait, waiting, prune_gone, dataset_format)  # fmt: skip
    result.passed_over = dict(found.passed_over)
    return result


def build_dataset(
    outdir: str, result: RunResult, fmt: str, csv_encoding: str, xlsx: bool = False
) -> list[str]:
    """The dataset of the whole archive (the documents converted in this run changed),
    with ``dataset/dataset.xlsx`` when ``xlsx``."""
    from .dataset import build

    changed = {e["output"] for e in result.entries if e["status"] == "ok"}
    return build(outdir, result.archive, fmt, csv_encoding=csv_encoding, changed=changed, xlsx=xlsx)


def _failed(task: Task, error: dict, entry: dict | None = None) -> dict:
    """A failed manifest line: what is known of the input, nulls for the rest."""
    entry = dict(entry or {})
    entry.update(path=input_key(task.source), output=task.name, pipeline_version=__version__)
    for key in ("sha256", "format", "warnings", "warning_codes", "tables", "rows", "seconds"):
        entry.setdefault(key, None)
    entry.update(status="failed", error=error)
    return entry


def crashed(task: Task, kind: str, problem: str, fix: str | None = None) -> dict:
    """The manifest line of a document whose worker did not come back."""
    from .errors import spell

    return _failed(task, {"type": kind, "message": spell(task.source, problem, fix)})


class _Journal:
    """Finished documents, one JSON line each with the run's id, flushed at once (local
    folders only).

    The file is opened with the first line, so a run that finishes nothing writes none.
    A line that cannot be written (a full disk) stops the run like an output that
    cannot be.
    """

    def __init__(self, outdir: str, run: str, enabled: bool = True):
        self.location = storage.join(outdir, JOURNAL)
        self.run = run
        self.enabled = enabled and not storage.is_url(outdir)
        self.file = None

    def add(self, entry: dict) -> None:
        if not self.enabled:
            return
        try:
            if self.file is None:
                os.makedirs(os.path.dirname(self.location) or ".", exist_ok=True)
                self.file = open(self.location, "a", encoding="utf-8")  # noqa: SIM115
            self.file.write(json.dumps({**entry, "run": self.run}, ensure_ascii=False) + "\n")
            self.file.flush()
        except OSError as exc:
            from .errors import describe, output_error

            error = describe(output_error(exc, self.location), self.location)
            raise StopRun({**entry, "error": error}) from None

    def close(self) -> None:
        if self.file:
            with contextlib.suppress(OSError):
                self.file.close()
            self.file = None

    def remove(self) -> None:
        if not storage.is_url(self.location):
            storage.remove(self.location)
