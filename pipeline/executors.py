"""Where a batch's documents are converted: a local process pool, or a Dask cluster.

Each executor calls ``finished(index, manifest_line)`` as documents finish, in any
order; a document whose worker does not come back gets a failed line of its own.
``batch.run_archive`` chooses the executor; this module knows nothing of the manifest.

The time limit (``options.limits.timeout``, ``--timeout``) holds under both. The pool's
workers stop themselves (SIGALRM) and the pool kills one that does not. A Dask task
runs in a worker thread, where SIGALRM cannot reach, so each task hands its document
to a converter process of its own (a plain ``subprocess`` running :func:`_child_main`,
kept for the next document; daemonic Dask workers may start those, and a remote
cluster's workers too) and kills it when it goes past the limit: the document gets a
failed line of type "timeout" and the worker's slot is free again. memory:// inputs
and outputs live in this process only: there the document runs in a thread that is
abandoned, not stopped, at the limit (see :func:`_convert_in_thread`).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import subprocess
import sys
import threading
import time

from .batch import Task, crashed, process_one
from .errors import DocumentTimeout
from .options import ExtractOptions

# What to do when a worker dies with a document: see whether it fails alone.
ALONE = "try it alone with --jobs 1"

# What a Dask task calls to convert a document. A test may point it to another function
# (importable by the workers: it is sent to them by reference) before run_dask.
CONVERT = process_one


def run_pool(tasks: list[Task], outdir: str, options: ExtractOptions, jobs: int, finished) -> None:
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
                entry = crashed(
                    tasks[k],
                    "timeout",
                    f"took more than {timeout:g} s and was stopped",
                    DocumentTimeout.hint,
                )
            except (ProcessExpired, OSError) as exc:
                entry = crashed(
                    tasks[k],
                    "worker_crashed",
                    f"the worker converting it stopped ({exc})",
                    ALONE,
                )
            finished(k, entry)
    except BaseException:
        pool.stop()
        pool.join()
        raise
    pool.close()
    pool.join()


def run_dask(tasks, outdir, options, jobs, scheduler, finished) -> None:
    """A Dask cluster (``scheduler``'s, or a LocalCluster of ``jobs`` workers); results are
    taken as they come, so a slow document holds up nothing but its own worker slot."""
    from distributed import Client, LocalCluster, as_completed

    # In-memory filesystems live in one process: share it with threads.
    in_memory = outdir.startswith("memory://") or any(
        t.source.startswith("memory://") for t in tasks
    )
    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(
            n_workers=1 if in_memory else jobs,
            threads_per_worker=jobs if in_memory else 1,
            processes=not in_memory,
            dashboard_address=None,
        )
        client = Client(cluster)
    timeout = options.limits.timeout
    if timeout <= 0:
        how, limit = "direct", None
    elif in_memory:
        how, limit = "thread", timeout
    else:
        how, limit = "process", timeout + _grace(timeout)
    try:
        futures = [
            client.submit(
                _dask_task,
                CONVERT,
                task,
                outdir,
                options,
                how,
                limit,
                key=f"notice-{k}-{task.name}",
            )
            for k, task in enumerate(tasks)
        ]
        index = {f.key: k for k, f in enumerate(futures)}
        for future in as_completed(futures):
            k = index[future.key]
            try:
                entry = future.result()
            except Exception as exc:  # its workers died (KilledWorker), or it could not run
                entry = crashed(
                    tasks[k],
                    "worker_crashed",
                    f"the Dask cluster did not convert it ({type(exc).__name__}: {exc})",
                    ALONE,
                )
            finished(k, entry)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _grace(timeout: float) -> float:
    """Seconds past the limit before a converter process is killed: the process stops
    itself at the limit (SIGALRM, in its main thread) unless stuck in a C extension."""
    return min(10.0, max(1.0, timeout / 2))


def _dask_task(convert, task: Task, outdir: str, options: ExtractOptions, how: str, limit):
    """One document on a Dask worker: ``how`` is "direct" (no time limit), "process" (in a
    converter process killed after ``limit`` seconds) or "thread" (memory://)."""
    if how == "direct":
        return convert(task, outdir, options)
    if how == "thread":
        return _convert_in_thread(convert, task, outdir, options, limit)
    return _convert_in_child(convert, task, outdir, options, limit)


def _remove_outputs(outdir: str, name: str) -> None:
    """A stopped document's outputs go, as a failed one's do (the manifest says failed)."""
    from .writers import remove_outputs

    with contextlib.suppress(OSError):
        remove_outputs(outdir, name)


# ---------------------------------------------------------------- converter processes


def _convert_in_child(convert, task: Task, outdir: str, options: ExtractOptions, limit: float):
    """``convert(task, outdir, options)`` in a converter process of this worker, which is
    killed (with whatever it started, LibreOffice included) after ``limit`` seconds."""
    timeout = options.limits.timeout
    try:
        child = _take_child()
    except Exception as exc:
        return crashed(
            task,
            "worker_crashed",
            "could not start a process on the Dask worker to convert it within --timeout "
            f"({type(exc).__name__}: {exc})",
            "give --timeout 0 to convert it in the worker itself, without a time limit",
        )
    try:
        kind, value = child.run(convert, (task, outdir, options), limit)
    except TimeoutError:
        child.kill()
        _remove_outputs(outdir, task.name)
        return crashed(
            task, "timeout", f"took more than {timeout:g} s and was stopped", DocumentTimeout.hint
        )
    except (EOFError, OSError) as exc:
        code = child.kill()
        _remove_outputs(outdir, task.name)
        return crashed(
            task,
            "worker_crashed",
            f"the process converting it stopped (exit code {code}: {exc or 'no reply'})",
            ALONE,
        )
    except BaseException:
        child.kill()
        raise
    _give_back(child)
    if kind != "ok":  # process_one never raises: a CONVERT of a test, or a reply lost
        return crashed(task, "worker_crashed", f"its conversion raised {value}")
    return value


_FRAME = struct.Struct("!Q")  # the length of each pickled message on the pipes
_START_LIMIT = 120.0  # seconds a converter process may take to start (Python, the imports)
# A converter process: the worker's sys.path, then the loop of _child_main.
_BOOT = (
    "import json, sys; sys.path[:] = json.loads(sys.argv[1]); "
    "from pipeline.executors import _child_main; _child_main()"
)


def _send(stream, message) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_FRAME.pack(len(data)) + data)
    stream.flush()


def _read(stream, size: int) -> bytes:
    chunks = []
    while size:
        chunk = stream.read(size)
        if not chunk:
            raise EOFError("no reply")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _receive(stream):
    (size,) = _FRAME.unpack(_read(stream, _FRAME.size))
    return pickle.loads(_read(stream, size))


class _Child:
    """A converter process: takes ``(function, args)`` messages on its stdin, answers each
    with ``("ok", result)`` or ``("error", what)`` on its stdout."""

    def __init__(self) -> None:
        import json

        self.posix = os.name == "posix"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _BOOT, json.dumps(sys.path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=self.posix,  # its own process group: killed with its children
        )
        try:
            kind, _ = self._reply(_START_LIMIT)
        except BaseException:
            self.kill()
            raise
        if kind != "ready":
            self.kill()
            raise OSError(f"the converter process said {kind!r} instead of 'ready'")

    def run(self, function, args, seconds: float):
        """The reply to ``function(*args)``; TimeoutError after ``seconds``."""
        _send(self.proc.stdin, (function, args))
        return self._reply(seconds)

    def _reply(self, seconds: float):
        box: list = []

        def read() -> None:
            try:
                box.append((True, _receive(self.proc.stdout)))
            except BaseException as exc:  # EOF: the process is gone
                box.append((False, exc))

        reader = threading.Thread(target=read, name="notice-converter-reply", daemon=True)
        reader.start()
        reader.join(seconds)
        if reader.is_alive():  # it ends when the process is killed
            raise TimeoutError(f"no reply in {seconds:g} s")
        ok, value = box[0]
        if not ok:
            raise value
        return value

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> int | None:
        """Kill the process and what it started; its exit code."""
        import signal

        with contextlib.suppress(OSError):
            if self.posix:
                os.killpg(self.proc.pid, signal.SIGKILL)  # its group: LibreOffice too
            else:
                self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(10)
        for stream in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                stream.close()
        return self.proc.returncode


# The converter processes of this worker process that are free, one per worker thread
# at most: each is kept for the next document, and replaced when killed.
_idle: list[_Child] = []
_idle_lock = threading.Lock()


def _take_child() -> _Child:
    with _idle_lock:
        while _idle:
            child = _idle.pop()
            if child.alive():
                return child
            child.kill()
    return _Child()


def _give_back(child: _Child) -> None:
    with _idle_lock:
        _idle.append(child)


def _child_main() -> None:
    """The loop of a converter process (started by :class:`_Child`)."""
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # what a conversion prints (or a program it runs) goes to stderr
    requests = sys.stdin.buffer
    _leave_with_parent()
    from . import core, writers  # noqa: F401  # imported before the first document's clock

    _send(replies, ("ready", os.getpid()))
    while True:
        try:
            (size,) = _FRAME.unpack(_read(requests, _FRAME.size))
            data = _read(requests, size)
        except EOFError:  # the worker is done with it
            return
        try:
            function, args = pickle.loads(data)
            reply = ("ok", function(*args))
        except BaseException as exc:
            reply = ("error", f"{type(exc).__name__}: {exc}")
        try:
            _send(replies, reply)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            _send(replies, ("error", f"its result could not be sent back ({exc})"))


def _leave_with_parent() -> None:
    """Exit when the worker that started this process is gone (even mid-document)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="notice-converter-parent", daemon=True).start()


# ---------------------------------------------------------------- memory:// (threads)


def _convert_in_thread(convert, task: Task, outdir: str, options: ExtractOptions, limit: float):
    """``convert`` in a thread of its own, abandoned after ``limit`` seconds.

    memory:// files exist in this process only, so no other process can convert them,
    and a thread cannot be stopped: past the limit the document gets a failed line of
    type "timeout" at once and the Dask slot is free, but its thread goes on to its end,
    and its outputs are removed then (they are removed at the limit too).
    """
    timeout = options.limits.timeout
    lock = threading.Lock()
    box: dict = {}

    def work() -> None:
        try:
            entry = convert(task, outdir, options)
        except BaseException as exc:  # process_one never raises
            entry = crashed(task, "worker_crashed", f"its conversion raised {exc!r}")
        with lock:
            box["entry"] = entry
            abandoned = box.get("abandoned", False)
        if abandoned:
            _remove_outputs(outdir, task.name)

    thread = threading.Thread(target=work, name=f"notice {task.name}", daemon=True)
    thread.start()
    thread.join(limit)
    with lock:
        if "entry" in box:
            return box["entry"]
        box["abandoned"] = True
    _remove_outputs(outdir, task.name)
    return crashed(
        task,
        "timeout",
        f"took more than {timeout:g} s and was abandoned (memory:// is converted in threads, "
        "which cannot be stopped: it goes on in the background, its outputs removed)",
    )
