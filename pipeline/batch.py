"""Converting a whole archive: inputs, workers, the manifest, incremental re-runs.

``run(inputs, outdir, ...)`` converts each input with ``process_one`` — in this
process (``jobs=1``), in a process pool, or on a Dask cluster — and owns
``OUTDIR/manifest.jsonl``: one line per input, every input exactly once per run.

Incremental: an input whose sha256 and pipeline version match its line in the
previous manifest, and whose JSON output is still there, is not converted again
(status "skipped", outputs kept). Each finished document is also appended to a
journal (``OUTDIR/.manifest.journal.jsonl``, local folders only) so that a run that
is interrupted leaves a record the next run picks up from; the journal goes when
the manifest is written. A run of one input keeps none: the manifest follows its only
document at once, and an interruption in between costs that document again.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import __version__, storage
from .limits import DEFAULT, Limits, time_limit

MANIFEST = "manifest.jsonl"
JOURNAL = ".manifest.journal.jsonl"


@dataclass(frozen=True)
class Options:
    """What every document of a run is converted with."""

    fill_columns: tuple[str, ...] = ()
    fill: bool = True
    fill_rules: str | None = None  # a file of fill rules extending the built-in ones
    password: str | None = None
    csv_encoding: str = "utf-8"
    force: bool = False
    debug: bool = False
    limits: Limits = DEFAULT
    topics: bool = False
    aliases: str | None = None  # a CSV extending the unit alias table
    categories: str | None = None  # a CSV replacing the topic rules


@dataclass
class Task:
    source: str  # location of the input
    name: str  # output name: NAME.json, NAME.table1.csv… (may contain sub-folders)
    previous: dict | None = field(default=None, repr=False)  # its line in the last manifest


def find_inputs(paths: Iterable[str]) -> list[tuple[str, str]]:
    """Files and folders (searched recursively) -> (location, output name) pairs.

    A file given by name is written as its name; a file found in a folder keeps
    its sub-folders (OUTDIR/sub/dir/NAME).
    """
    from .readers import SUPPORTED

    found: list[tuple[str, str]] = []
    for raw in paths:
        location = str(raw)
        if storage.is_dir(location):
            found.extend(
                (src, safe_name(rel)) for src, rel in storage.find_files(location, SUPPORTED)
            )
        else:
            found.append((location, safe_name(storage.name_of(location))))
    return found


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


def load_manifest(outdir: str) -> dict[str, dict]:
    """The last run's lines by output name (journal lines of an interrupted run win)."""
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
            if isinstance(entry, dict) and "output" in entry:
                entries[entry["output"]] = entry
    return entries


def _unchanged(previous: dict | None, sha256: str, outdir: str, name: str) -> bool:
    from .writers import json_location

    return bool(
        previous
        and previous.get("sha256") == sha256
        and previous.get("pipeline_version") == __version__
        and previous.get("status") in ("ok", "skipped")
        and storage.exists(json_location(outdir, name))
    )


def _convert(task: Task, outdir: str, options: Options, entry: dict) -> None:
    """Read, skip if unchanged, else extract and write; fills ``entry``."""
    from .core import extract_bytes, read_input, sha256_hex
    from .writers import write_notice

    data = read_input(task.source, options.limits)
    entry["sha256"] = sha256_hex(data)
    if not options.force and _unchanged(task.previous, entry["sha256"], outdir, task.name):
        previous = task.previous or {}
        entry.update(status="skipped")
        keys = ("format", "warnings", "warning_codes", "tables", "rows")
        entry.update({k: previous.get(k) for k in keys})
    else:
        notice = extract_bytes(
            task.source,
            data,
            fill_columns=options.fill_columns,
            fill=options.fill,
            fill_rules=options.fill_rules,
            password=options.password,
            limits=options.limits,
            topics=options.topics,
            aliases=options.aliases,
            categories=options.categories,
        )
        write_notice(notice, outdir, task.name, options.csv_encoding)
        entry.update(
            status="ok",
            format=notice.source.format,
            warnings=len(notice.warnings),
            warning_codes=warning_codes(notice.warnings),
            tables=len(notice.tables),
            rows=sum(len(t.rows) for t in notice.tables),
        )


def warning_codes(warnings) -> dict[str, int]:
    """How many warnings of each code a document has, the most frequent first."""
    counts: dict[str, int] = {}
    for w in warnings:
        counts[w.code] = counts.get(w.code, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def process_one(task: Task, outdir: str, options: Options) -> dict:
    """Convert one input and write its outputs; never raises: returns its manifest line."""
    from .errors import describe
    from .writers import remove_outputs

    started = time.perf_counter()
    entry: dict = {"path": task.source, "output": task.name, "pipeline_version": __version__}
    try:
        with time_limit(options.limits.timeout, task.source):
            _convert(task, outdir, options, entry)
    except Exception as exc:  # one bad file never stops the batch
        error = describe(exc, task.source)
        if options.debug:
            import traceback

            error["traceback"] = traceback.format_exc()
        entry = _failed(task, error, entry)
        with contextlib.suppress(OSError):  # outputs agree with the manifest: none for a failure
            remove_outputs(outdir, task.name)
    entry["seconds"] = round(time.perf_counter() - started, 4)
    return entry


Progress = Callable[[dict], None]


def run(
    inputs: list[tuple[str, str]],
    outdir: str,
    options: Options,
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[dict]:
    """Convert every input; write the manifest; return its lines in input order."""
    outdir = str(outdir)
    previous = load_manifest(outdir)
    tasks = [Task(source, name, previous.get(name)) for source, name in inputs]
    journal = _Journal(outdir, enabled=len(tasks) > 1)
    done: dict[int, dict] = {}

    def finished(index: int, entry: dict) -> None:
        done[index] = entry
        journal.add(entry)
        if progress:
            progress(entry)

    try:
        if executor == "dask":
            _run_dask(tasks, outdir, options, jobs, scheduler, finished)
        elif jobs <= 1:
            for k, task in enumerate(tasks):
                finished(k, process_one(task, outdir, options))
        else:
            _run_pool(tasks, outdir, options, jobs, finished)
    finally:
        journal.close()
    entries = [done[k] for k in range(len(tasks))]
    lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
    storage.write_atomic(storage.join(outdir, MANIFEST), lines.encode("utf-8"))
    journal.remove()
    return entries


def _run_pool(tasks: list[Task], outdir: str, options: Options, jobs: int, finished) -> None:
    """A process pool (pebble) that stops a worker past the time limit and goes on."""
    from concurrent.futures import TimeoutError as FutureTimeout
    from concurrent.futures import as_completed

    from pebble import ProcessPool
    from pebble.common import ProcessExpired

    timeout = options.limits.timeout
    # The worker stops itself at the limit (SIGALRM); the pool kills it a little later
    # if it is stuck where a signal cannot reach (inside a C extension).
    hard_limit = timeout + 10 if timeout > 0 else None
    pool = ProcessPool(max_workers=jobs)
    try:
        futures = {
            pool.schedule(process_one, args=(t, outdir, options), timeout=hard_limit): k
            for k, t in enumerate(tasks)
        }
        for future in as_completed(futures):
            k = futures[future]
            try:
                entry = future.result()
            except FutureTimeout:
                entry = _crashed(
                    tasks[k], "timeout", f"took more than {timeout:g} s and was stopped"
                )
            except (ProcessExpired, OSError) as exc:
                entry = _crashed(
                    tasks[k],
                    "worker_crashed",
                    f"the worker converting it stopped ({exc}); try it alone with --jobs 1",
                )
            finished(k, entry)
    except BaseException:
        pool.stop()
        pool.join()
        raise
    pool.close()
    pool.join()


def _failed(task: Task, error: dict, entry: dict | None = None) -> dict:
    """A failed manifest line: what is known of the input, nulls for the rest."""
    entry = dict(entry or {})
    entry.update(path=task.source, output=task.name, pipeline_version=__version__)
    for key in ("sha256", "format", "warnings", "warning_codes", "tables", "rows", "seconds"):
        entry.setdefault(key, None)
    entry.update(status="failed", error=error)
    return entry


def _crashed(task: Task, kind: str, problem: str) -> dict:
    """The manifest line of a document whose worker did not come back."""
    return _failed(task, {"type": kind, "message": f"{task.source}: {problem}"})


def _run_dask(tasks, outdir, options, jobs, scheduler, finished) -> None:
    from distributed import Client, LocalCluster, as_completed

    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        # In-memory filesystems live in one process: share it with threads.
        in_memory = outdir.startswith("memory://") or any(
            t.source.startswith("memory://") for t in tasks
        )
        cluster = LocalCluster(
            n_workers=1 if in_memory else jobs,
            threads_per_worker=jobs if in_memory else 1,
            processes=not in_memory,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        futures = [
            client.submit(process_one, task, outdir, options, key=f"notice-{k}-{task.name}")
            for k, task in enumerate(tasks)
        ]
        index = {f.key: k for k, f in enumerate(futures)}
        for future in as_completed(futures):
            finished(index[future.key], future.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


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
