"""Converting into an archive: inputs, workers, the manifest, incremental re-runs.

OUTDIR is an archive that grows run by run. ``OUTDIR/manifest.jsonl`` lists every
input ever converted into it, one line each, keyed by the input's location (an
absolute path, or the URL), with the status of its latest conversion. A run adds
and updates lines; it never drops one because the input was not named this time.
``run(inputs, outdir, options)`` converts each input with ``process_one`` — in this
process (``jobs=1``), in a process pool, or on a Dask cluster — and writes the
merged manifest; ``convert(paths, outdir, options)`` is the whole job (folders
scanned, the dataset built), as the command does it.

- Unchanged: an input whose sha256 and pipeline version match its line, and whose
  JSON output is still there, is not converted again (status "skipped").
- Changed: converted again; its outputs are replaced atomically.
- Moved or renamed (a new location whose sha256 is that of an input that is gone):
  recognised as a move, its line and outputs taken over, not converted twice.
- Gone (the input no longer exists): its line and outputs stay, and the run says
  how many there are; ``prune(outdir)`` removes them.
- Folder scans skip Office lock files, Thumbs.db, .DS_Store and hidden files; files
  of formats that cannot be read get a line with status "unsupported".

Each finished document is also appended to a journal (``OUTDIR/.manifest.journal.jsonl``,
local folders only) so that a run that is interrupted leaves a record the next run
picks up from; the journal goes when the manifest is written. A run of one input
keeps none: the manifest follows its only document at once.
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
    name: str  # output name: NAME.json, NAME.table1.csv… (may contain sub-folders)
    previous: dict | None = field(default=None, repr=False)  # its line in the archive
    moved_from: str | None = None  # the archive's input this one is a move of


@dataclass
class Scan:
    """What a scan of the inputs found: notices to convert, and files it cannot read."""

    inputs: list[tuple[str, str]] = field(default_factory=list)  # (location, output name)
    unsupported: list[tuple[str, str]] = field(default_factory=list)


def _passed_over(name: str) -> bool:
    """An Office lock file (~$x.docx, .~lock.x.docx#), a system file, a hidden file."""
    lower = name.lower()
    return name.startswith(("~$", ".")) or lower in _SYSTEM_FILES


def scan(paths: Iterable[str]) -> Scan:
    """Files and folders (searched recursively) -> notices and unsupported files.

    A file given by name is written as its name (and read whatever its extension: a
    format it cannot be read as fails with a message); a file found in a folder
    keeps its sub-folders (OUTDIR/sub/dir/NAME), and one whose extension is not a
    supported format is listed as unsupported.
    """
    from .readers import SUPPORTED

    found = Scan()
    for raw in paths:
        location = str(raw)
        if storage.is_dir(location):
            for src, rel in storage.find_files(location):
                if _passed_over(rel.rsplit("/", 1)[-1]):
                    continue
                if os.path.splitext(rel)[1].lower() in SUPPORTED:
                    found.inputs.append((src, safe_name(rel)))
                else:
                    found.unsupported.append((src, safe_name(rel)))
        else:
            found.inputs.append((location, safe_name(storage.name_of(location))))
    return found


def find_inputs(paths: Iterable[str]) -> list[tuple[str, str]]:
    """The notices among ``paths`` (see :func:`scan`) as (location, output name) pairs."""
    return scan(paths).inputs


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


def load_manifest(outdir: str) -> dict[str, dict]:
    """The archive's lines by input key, in the manifest's order (journal lines of an
    interrupted run win)."""
    entries: dict[str, dict] = {}
    for name in (MANIFEST, JOURNAL):
        location = storage.join(outdir, name)
        if not storage.exists(location):
            continue
        for line in storage.read_text(location).splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by an interruption
            if isinstance(entry, dict) and entry.get("path"):
                entries[input_key(entry["path"])] = entry
    return entries


def read_manifest(outdir) -> list[dict]:
    """Every line of the archive's manifest, in order (an empty list for a new folder)."""
    return list(load_manifest(str(outdir)).values())


def _unchanged(previous: dict | None, sha256: str, outdir: str, name: str) -> bool:
    from .writers import json_location

    return bool(
        previous
        and previous.get("sha256") == sha256
        and previous.get("pipeline_version") == __version__
        and previous.get("status") in ("ok", "skipped")
        and storage.exists(json_location(outdir, name))
    )


# What a skipped input carries over from its line.
_CARRIED = ("format", "warnings", "warning_codes", "tables", "rows", "notice_id", "title",
            "converted_at")  # fmt: skip


def _convert(task: Task, outdir: str, options: ExtractOptions, entry: dict) -> None:
    """Read, skip if unchanged, else extract and write; fills ``entry``."""
    from .core import extract_bytes, read_input, sha256_hex
    from .writers import write_notice

    data = read_input(task.source, options.limits)
    entry["sha256"] = sha256_hex(data)
    if not options.force and _unchanged(task.previous, entry["sha256"], outdir, task.name):
        previous = task.previous or {}
        entry.update(status="skipped")
        entry.update({k: previous.get(k) for k in _CARRIED})
    else:
        from datetime import datetime

        from .identity import notice_id

        notice = extract_bytes(task.source, data, options)
        write_notice(notice, outdir, task.name, options.csv_encoding)
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
        if error["type"] != "not_found":  # a missing input's outputs stay, as its line does
            with contextlib.suppress(OSError):  # outputs agree with the manifest: none here
                remove_outputs(outdir, task.name)
    entry["seconds"] = round(time.perf_counter() - started, 4)
    return entry


Progress = Callable[[dict], None]


@dataclass
class RunResult:
    """What a run did (``entries``, in input order) and the archive it left (``archive``)."""

    entries: list[dict]  # this run's lines, in input order
    archive: list[dict]  # every line of the manifest after the run
    gone: list[dict] = field(default_factory=list)  # lines whose input no longer exists
    pruned: list[dict] = field(default_factory=list)  # lines removed by prune
    dataset: list[str] = field(default_factory=list)  # dataset files written

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


def _other_name(name: str, taken) -> str:
    """``name`` if free, else "sub/通知~2.docx", "sub/通知~3.docx"…"""
    if name not in taken:
        return name
    folder, _, base = name.rpartition("/")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    k = 2
    while True:
        candidate = f"{stem}~{k}.{suffix}" if suffix else f"{stem}~{k}"
        candidate = f"{folder}/{candidate}" if folder else candidate
        if candidate not in taken:
            return candidate
        k += 1


def _tasks(inputs, outdir: str, archive: dict[str, dict], options) -> list[Task]:
    """A task per input: its line in the archive, its output name, moves recognised.

    An input already in the archive keeps its output name. A new input whose name
    another input of the archive holds gets "NAME~2". A new input whose bytes are
    those of an archive input that is gone takes over that input's line and outputs
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
        name = _other_name(name, taken)
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
    unsupported: list[tuple[str, str]] = (),
) -> list[dict]:
    """Convert every input; merge their lines into the archive's manifest; return this
    run's lines in input order (``run_archive`` returns the whole :class:`RunResult`)."""
    return run_archive(
        inputs, outdir, options, jobs, executor, scheduler, progress, unsupported
    ).entries


def run_archive(
    inputs: list[tuple[str, str]],
    outdir: str,
    options: ExtractOptions,
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
    unsupported: list[tuple[str, str]] = (),
) -> RunResult:
    """Convert every input and write the archive's manifest (see the module's docstring)."""
    outdir = str(outdir)
    archive = load_manifest(outdir)
    tasks = _tasks(inputs, outdir, archive, options)
    journal = _Journal(outdir, enabled=len(tasks) > 1)
    done: dict[int, dict] = {}

    def finished(index: int, entry: dict) -> None:
        done[index] = entry
        journal.add(entry)
        if progress:
            progress(entry)

    try:
        with _legacy_converted(tasks, outdir, options, executor, scheduler) as run_options:
            if executor == "dask":
                from .executors import run_dask

                run_dask(tasks, outdir, run_options, jobs, scheduler, finished)
            elif jobs <= 1:
                for k, task in enumerate(tasks):
                    finished(k, process_one(task, outdir, run_options))
            else:
                from .executors import run_pool

                run_pool(tasks, outdir, run_options, jobs, finished)
    finally:
        journal.close()
    entries = [done[k] for k in range(len(tasks))]
    entries += [_unsupported(source, name) for source, name in unsupported]
    for entry in entries:
        # A path that does not exist (mistyped, or moved away) is reported, and leaves the
        # archive as it was: no line for it, its old line (if any) kept.
        if (entry.get("error") or {}).get("type") != "not_found":
            archive[input_key(entry["path"])] = entry
    write_manifest(outdir, list(archive.values()))
    journal.remove()
    named = {input_key(e["path"]) for e in entries}
    gone = list(gone_entries(archive, named).values())
    return RunResult(entries=entries, archive=list(archive.values()), gone=gone)


def write_manifest(outdir: str, entries: list[dict]) -> None:
    lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
    storage.write_atomic(storage.join(outdir, MANIFEST), lines.encode("utf-8"))


def _unsupported(source: str, name: str) -> dict:
    """The line of a file found in a folder whose format cannot be read."""
    from .readers import SUPPORTED

    suffix = os.path.splitext(name)[1].lower()
    kinds = ", ".join(sorted(SUPPORTED))
    what = f"{suffix} is not a supported format" if suffix else "a file without an extension"
    return {
        "path": input_key(source),
        "output": None,
        "pipeline_version": __version__,
        "status": "unsupported",
        "format": suffix or None,
        "error": {
            "type": "unsupported_format",
            "message": f"{source}: {what}; save it as one of {kinds} to convert it",
        },
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

    if not hasattr(legacy_reader, "convert_many") or legacy_reader.find_soffice() is None:
        yield options
        return
    items = []
    for task in legacy:
        try:
            data = read_input(task.source, options.limits)
        except Exception:
            continue  # its own conversion reports the problem
        if not options.force and _unchanged(task.previous, sha256_hex(data), outdir, task.name):
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


def prune(outdir: str, archive: dict[str, dict] | None = None) -> list[dict]:
    """Remove the lines and outputs of inputs that no longer exist; return those lines."""
    from .writers import remove_outputs

    outdir = str(outdir)
    archive = load_manifest(outdir) if archive is None else archive
    gone = gone_entries(archive)
    for key, entry in gone.items():
        if entry.get("output"):
            remove_outputs(outdir, entry["output"])
        del archive[key]
    if gone:
        write_manifest(outdir, list(archive.values()))
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
) -> RunResult:
    """The whole job, as ``notice-pipeline extract PATHS -o OUTDIR`` does it.

    Scans ``paths`` (files and folders), converts into the archive ``outdir``, removes
    the inputs that are gone when ``prune_gone``, and builds the dataset of the whole
    archive (``dataset_format``: csv, parquet, sqlite or none). ``found``: the scan of
    ``paths`` when the caller has made it already.
    """
    options = options or ExtractOptions()
    found = found if found is not None else scan(paths)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(found.inputs) or 1))
    result = run_archive(
        found.inputs, outdir, options, jobs, executor, scheduler, progress, found.unsupported
    )
    if prune_gone and result.gone:
        result.pruned = prune(outdir)
        result.archive = read_manifest(outdir)
        result.gone = []
    if dataset_format != "none":
        result.dataset = build_dataset(outdir, result, dataset_format, options.csv_encoding)
    return result


def build_dataset(outdir: str, result: RunResult, fmt: str, csv_encoding: str) -> list[str]:
    """The dataset of the whole archive (the documents converted in this run changed)."""
    from .dataset import build

    changed = {e["output"] for e in result.entries if e["status"] == "ok"}
    return build(outdir, result.archive, fmt, csv_encoding=csv_encoding, changed=changed)


def _failed(task: Task, error: dict, entry: dict | None = None) -> dict:
    """A failed manifest line: what is known of the input, nulls for the rest."""
    entry = dict(entry or {})
    entry.update(path=input_key(task.source), output=task.name, pipeline_version=__version__)
    for key in ("sha256", "format", "warnings", "warning_codes", "tables", "rows", "seconds"):
        entry.setdefault(key, None)
    entry.update(status="failed", error=error)
    return entry


def crashed(task: Task, kind: str, problem: str) -> dict:
    """The manifest line of a document whose worker did not come back."""
    return _failed(task, {"type": kind, "message": f"{task.source}: {problem}"})


class _Journal:
    """Finished documents, one JSON line each, flushed at once (local folders only).

    The file is opened with the first line, so a run that finishes nothing writes none.
    """

    def __init__(self, outdir: str, enabled: bool = True):
        self.location = storage.join(outdir, JOURNAL)
        self.enabled = enabled and not storage.is_url(outdir)
        self.file = None

    def add(self, entry: dict) -> None:
        if not self.enabled:
            return
        if self.file is None:
            os.makedirs(os.path.dirname(self.location) or ".", exist_ok=True)
            self.file = open(self.location, "a", encoding="utf-8")  # noqa: SIM115
        self.file.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self.file.flush()

    def close(self) -> None:
        if self.file:
            self.file.close()
            self.file = None

    def remove(self) -> None:
        if not storage.is_url(self.location):
            storage.remove(self.location)
