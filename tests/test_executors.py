"""Time limits under the Dask executor: a document past --timeout is stopped, reported as
failed (type "timeout"), and holds up nothing else.

A slow document is made by pointing ``executors.CONVERT`` to tests/slow_convert.py,
which workers and converter processes import by name (see that module).
"""

import json
import threading
import time

import pytest
import slow_convert
from conftest import ROOT, SEED

from pipeline import batch, executors
from pipeline.limits import Limits

GBK = ROOT / "samples" / "hz_gbk_crlf.txt"
HINT = "raise the limit with --timeout, or convert it alone to see why it is slow"


@pytest.fixture
def converters():
    """Converter processes started in this process are killed after the test."""
    yield executors._idle
    with executors._idle_lock:
        for child in executors._idle:
            child.kill()
        executors._idle.clear()


def copy(folder, name, source=SEED):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(source.read_bytes())
    return str(path)


def wait_for_thread(name):
    """Wait for the abandoned thread of a document to end."""
    for thread in threading.enumerate():
        if thread.name == f"notice {name}":
            thread.join(30)


def task(folder, name):
    return batch.Task(copy(folder / "in", name), name)


# ---------------------------------------------------------------- converter processes


def test_a_converter_process_converts_and_is_kept(tmp_path, converters):
    options = batch.Options(limits=Limits(timeout=5))
    out = str(tmp_path / "out")
    first = executors._convert_in_child(slow_convert.convert, task(tmp_path, "a.txt"), out,
                                        options, 6)  # fmt: skip
    (child,) = converters
    second = executors._convert_in_child(slow_convert.convert, task(tmp_path, "b.txt"), out,
                                         options, 6)  # fmt: skip
    assert converters == [child] and child.alive()  # the same process, for the next one
    assert (first["status"], second["status"]) == ("ok", "ok")
    assert first == json.loads(json.dumps(first))  # a manifest line
    assert (tmp_path / "out" / "a.txt.json").exists()


def test_a_stuck_conversion_is_killed_at_the_limit(tmp_path, converters):
    options = batch.Options(limits=Limits(timeout=1))
    out = tmp_path / "out"
    started = time.perf_counter()
    entry = executors._convert_in_child(
        slow_convert.convert, task(tmp_path, "stuck-60.txt"), str(out), options, 1.5
    )
    assert time.perf_counter() - started < 10
    assert (entry["status"], entry["error"]["type"]) == ("failed", "timeout")
    assert entry["error"]["message"].endswith(
        f"stuck-60.txt: took more than 1 s and was stopped. {HINT}"
    )
    assert converters == []  # killed, not kept
    assert not (out / "stuck-60.txt.json").exists()
    # The next document gets a new converter process.
    entry = executors._convert_in_child(
        slow_convert.convert, task(tmp_path, "next.txt"), str(out), options, 1.5
    )
    assert entry["status"] == "ok" and len(converters) == 1


def test_a_slow_conversion_stops_itself_in_its_process(tmp_path, converters):
    """The converter process's main thread has SIGALRM: process_one's own limit stops it
    (with the hint), and the process is kept."""
    options = batch.Options(limits=Limits(timeout=1))
    entry = executors._convert_in_child(
        slow_convert.convert, task(tmp_path, "slow-60.txt"), str(tmp_path / "out"), options, 30
    )
    assert (entry["status"], entry["error"]["type"]) == ("failed", "timeout")
    assert entry["error"]["message"].endswith(f"took more than 1 s and was stopped. {HINT}")
    assert len(converters) == 1


def test_a_converter_process_that_dies_gives_a_failed_line(tmp_path, converters):
    options = batch.Options(limits=Limits(timeout=5))
    out = str(tmp_path / "out")
    entry = executors._convert_in_child(
        slow_convert.convert, task(tmp_path, "crash.txt"), out, options, 6
    )
    assert (entry["status"], entry["error"]["type"]) == ("failed", "worker_crashed")
    assert "exit code 3" in entry["error"]["message"]
    assert converters == []
    entry = executors._convert_in_child(
        slow_convert.convert, task(tmp_path, "a.txt"), out, options, 6
    )
    assert entry["status"] == "ok"


def test_a_thread_past_the_limit_is_abandoned_and_its_outputs_removed(tmp_path):
    """memory:// runs in threads: the document is reported at the limit, its thread goes
    on, and what it writes when it ends is removed."""
    options = batch.Options(limits=Limits(timeout=0.5))
    out = tmp_path / "out"
    started = time.perf_counter()
    entry = executors._convert_in_thread(
        slow_convert.convert, task(tmp_path, "stuck-2.txt"), str(out), options, 0.5
    )
    assert time.perf_counter() - started < 1.5
    assert (entry["status"], entry["error"]["type"]) == ("failed", "timeout")
    assert "took more than 0.5 s and was abandoned" in entry["error"]["message"]
    wait_for_thread("stuck-2.txt")  # the thread ends, writes, and its outputs go
    assert not (out / "stuck-2.txt.json").exists()
    entry = executors._convert_in_thread(
        slow_convert.convert, task(tmp_path, "quick.txt"), str(out), options, 30
    )
    assert entry["status"] == "ok" and (out / "quick.txt.json").exists()


# ---------------------------------------------------------------- Dask clusters

distributed = pytest.importorskip("distributed")


def test_dask_stops_a_stuck_document_and_goes_on(tmp_path, monkeypatch):
    """A LocalCluster of worker processes (daemonic): the stuck and the slow document
    fail with type "timeout" in seconds; the others are converted meanwhile."""
    monkeypatch.setattr(executors, "CONVERT", slow_convert.convert)
    folder = tmp_path / "in"
    inputs = [(copy(folder, name), name) for name in ("stuck-60.txt", "slow-60.txt")]
    inputs += [(copy(folder, "seed.txt"), "seed.txt"), (copy(folder, "gbk.txt", GBK), "gbk.txt")]
    out = tmp_path / "out"
    order = []
    started = time.perf_counter()
    entries = batch.run(
        inputs, str(out), batch.Options(limits=Limits(timeout=2)), jobs=2, executor="dask",
        progress=lambda e: order.append(e["output"]),
    )  # fmt: skip
    seconds = time.perf_counter() - started
    assert seconds < 40, seconds  # the stuck ones sleep 60 s
    assert [e["status"] for e in entries] == ["failed", "failed", "ok", "ok"]
    stuck, slow = entries[0]["error"], entries[1]["error"]
    assert (stuck["type"], slow["type"]) == ("timeout", "timeout")
    assert stuck["message"].endswith(f"took more than 2 s and was stopped. {HINT}")  # killed
    assert slow["message"].endswith(f"took more than 2 s and was stopped. {HINT}")  # stopped itself
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".json") == [
        "gbk.txt.json", "seed.txt.json"
    ]  # fmt: skip
    print(f"dask run with two stuck documents: {seconds:.1f} s; finished in order {order}")


def test_dask_memory_filesystem_abandons_a_stuck_document(monkeypatch):
    """memory:// on Dask: threads of this process; the limit holds by abandoning."""
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    monkeypatch.setattr(executors, "CONVERT", slow_convert.convert)
    fs.pipe("/timeouts/stuck-3.txt", SEED.read_bytes())
    fs.pipe("/timeouts/seed.txt", SEED.read_bytes())
    inputs = [
        ("memory://timeouts/stuck-3.txt", "stuck-3.txt"),
        ("memory://timeouts/seed.txt", "seed.txt"),
    ]
    try:
        started = time.perf_counter()
        entries = batch.run(
            inputs, "memory://timeouts-out", batch.Options(limits=Limits(timeout=1)),
            jobs=2, executor="dask",
        )  # fmt: skip
        assert time.perf_counter() - started < 3 + 10  # the cluster's start, then 1 s
        assert [e["status"] for e in entries] == ["failed", "ok"]
        assert entries[0]["error"]["type"] == "timeout"
        assert "abandoned" in entries[0]["error"]["message"]
        wait_for_thread("stuck-3.txt")  # its thread ends; what it wrote is removed
        assert not fs.exists("/timeouts-out/stuck-3.txt.json")
        assert fs.exists("/timeouts-out/seed.txt.json")
    finally:
        for folder in ("/timeouts", "/timeouts-out"):
            if fs.exists(folder):
                fs.rm(folder, recursive=True)
