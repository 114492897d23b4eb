"""The archive survives faults: changed options, kills, concurrent runs, full disks,
odd files (issue: the archive survives faults)."""

import errno
import json
import os
import shutil
import socket
import threading
import time

import pytest
from conftest import ROOT, SEED, manifest_lines, run_cli

from pipeline import batch, storage
from pipeline.lock import LOCK

GBK = ROOT / "samples" / "hz_gbk_crlf.txt"
LETTER = ROOT / "samples" / "zj_utf16_letter.txt"


run, manifest = run_cli, manifest_lines


@pytest.fixture
def three(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for source in (SEED, GBK, LETTER):
        shutil.copy(source, folder / source.name)
    return folder


def statuses(outdir):
    return [e["status"] for e in manifest(outdir)]


# ---------------------------------------------------------------- changed options


@pytest.mark.parametrize(
    "first, second",
    [
        ((), ("--no-fill",)),
        (("--no-fill",), ()),
        ((), ("--fill", "活动时间")),
        ((), ("--csv-encoding", "gb18030")),
    ],
)
def test_changed_options_convert_again_unchanged_ones_skip(three, tmp_path, first, second):
    out = tmp_path / "out"
    assert run("extract", three, "-o", out, "--jobs", "1", *first).exit_code == 0
    assert run("extract", three, "-o", out, "--jobs", "1", *first).exit_code == 0
    assert statuses(out) == ["skipped"] * 3
    assert run("extract", three, "-o", out, "--jobs", "1", *second).exit_code == 0
    assert statuses(out) == ["ok"] * 3
    assert len({e["options"] for e in manifest(out)}) == 1


def test_an_edited_rules_file_counts_as_changed_options(three, tmp_path):
    rules = tmp_path / "rules.tsv"
    rules.write_text("role\t督办\n", encoding="utf-8")
    out = tmp_path / "out"
    run("extract", three, "-o", out, "--jobs", "1", "--fill-rules", rules)
    run("extract", three, "-o", out, "--jobs", "1", "--fill-rules", rules)
    assert statuses(out) == ["skipped"] * 3
    rules.write_text("role\t督办\nrole\t督导\n", encoding="utf-8")
    run("extract", three, "-o", out, "--jobs", "1", "--fill-rules", rules)
    assert statuses(out) == ["ok"] * 3


# ---------------------------------------------------------------- resuming


def test_a_killed_forced_run_goes_on_where_it_stopped(three, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run("extract", three, "-o", out, "--jobs", "1")
    real = batch.process_one
    calls = []

    def killed_after_two(task, outdir, options):
        if len(calls) == 2:
            raise KeyboardInterrupt
        calls.append(task.source)
        return real(task, outdir, options)

    monkeypatch.setattr(batch, "process_one", killed_after_two)
    result = run("extract", three, "-o", out, "--jobs", "1", "--force")
    assert result.exit_code == 130
    assert (out / batch.JOURNAL).exists()
    monkeypatch.setattr(batch, "process_one", real)
    result = run("extract", three, "-o", out, "--jobs", "1", "--force")
    assert result.exit_code == 0
    # The two the killed run finished are not redone; the third is forced.
    assert statuses(out) == ["skipped", "skipped", "ok"]
    assert not (out / batch.JOURNAL).exists()
    # A new forced run (the journal is gone) redoes everything.
    run("extract", three, "-o", out, "--jobs", "1", "--force")
    assert statuses(out) == ["ok"] * 3


def test_a_deleted_table_csv_is_written_again(three, tmp_path):
    out = tmp_path / "out"
    run("extract", three, "-o", out, "--jobs", "1")
    table = out / f"{GBK.name}.table02.csv"
    table.unlink()
    run("extract", three, "-o", out, "--jobs", "1")
    assert table.exists()
    assert [e["status"] for e in manifest(out)] == ["skipped", "ok", "skipped"]
    assert manifest(out)[1]["files"] == [f"{GBK.name}.json", f"{GBK.name}.table01.csv",
                                         f"{GBK.name}.table02.csv"]  # fmt: skip


# ---------------------------------------------------------------- the lock


def test_a_second_run_exits_with_whom_it_waits_for(three, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = {"pid": os.getpid(), "host": socket.gethostname(), "started": "2026-12-04 09:00:00"}
    (out / LOCK).write_text(json.dumps(holder), encoding="utf-8")
    result = run("extract", three, "-o", out)
    assert result.exit_code == 4
    assert "another run is converting into this folder (pid " in result.output
    assert "--wait" in result.output
    assert not (out / "manifest.jsonl").exists()
    assert run("prune", out).exit_code != 0


def test_a_dead_runs_lock_is_taken_over_with_a_note(three, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dead = {"pid": 2**22 + 12345, "host": socket.gethostname(), "started": "2026-12-01 09:00:00"}
    (out / LOCK).write_text(json.dumps(dead), encoding="utf-8")
    result = run("extract", three, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert f"note: took over the lock of run {dead['pid']} started 2026-12-01 09:00:00" in (
        result.output
    )
    assert not (out / LOCK).exists()  # given back at the end


def test_wait_queues_behind_the_run_that_holds_the_lock(three, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = {"pid": os.getpid(), "host": socket.gethostname(), "started": "now"}
    (out / LOCK).write_text(json.dumps(holder), encoding="utf-8")
    threading.Timer(1.0, (out / LOCK).unlink).start()
    started = time.monotonic()
    result = run("extract", three, "-o", out, "--jobs", "1", "--wait")
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started >= 1.0
    assert "waiting for the run converting into" in result.output
    assert statuses(out) == ["ok"] * 3


# ---------------------------------------------------------------- full disks, unwritable


def _full_after(n, monkeypatch):
    """storage.write_all_atomic fails with ENOSPC from its (n+1)th call on."""
    real = storage.write_all_atomic
    calls = []

    def write(files):
        calls.append(files)
        if len(calls) > n:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(files)

    monkeypatch.setattr(storage, "write_all_atomic", write)


def test_a_full_disk_stops_the_run_cleanly_and_keeps_good_outputs(three, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run("extract", three, "-o", out, "--jobs", "1")
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    _full_after(1, monkeypatch)
    result = run("extract", three, "-o", out, "--jobs", "1", "--force")
    assert result.exit_code == 3
    assert "cannot be written: the disk is full" in result.output
    assert "free space on that disk" in result.output
    assert "stopped after 1 of 3 inputs" in result.output
    assert "a bug" not in result.output and "Traceback" not in result.output
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    outputs = {k for k in before if k.endswith((".json", ".csv")) and k != "manifest.jsonl"}
    assert {k for k in after if k in outputs} == outputs  # no good output deleted
    assert [e["status"] for e in manifest(out)] == ["ok", "ok", "ok"]  # consistent
    assert not [p for p in out.rglob("*.part")]
    monkeypatch.undo()
    result = run("extract", three, "-o", out, "--jobs", "1")
    assert result.exit_code == 0


def test_a_file_where_an_output_folder_should_be_stops_with_one_line(tmp_path):
    folder = tmp_path / "in" / "sub"
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / "a.txt")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("a file, not a folder")
    result = run("extract", tmp_path / "in", "-o", out, "--jobs", "1")
    assert result.exit_code == 3
    assert "a file stands where a folder of it should be" in result.output
    assert "a bug" not in result.output
    # An OUTDIR that is a file: the same kind of error, before anything is read.
    result = run("extract", SEED, "-o", out / "sub")
    assert result.exit_code == 3 and "cannot be written" in result.output


def test_temporary_files_of_dead_runs_are_removed_at_the_start(three, tmp_path):
    out = tmp_path / "out"
    run("extract", three, "-o", out, "--jobs", "1")
    stale = [out / f".{SEED.name}.json.0123456789ab.part", out / "sub" / ".x.csv.abcdef012345.part"]
    stale[1].parent.mkdir()
    for path in stale:
        path.write_bytes(b"half a file")
    (out / ".dataset.0123456789ab.part").mkdir()
    (out / ".dataset.0123456789ab.part" / "rows.csv").write_bytes(b"x" * 1000)
    result = run("extract", three, "-o", out, "--jobs", "1")
    assert result.exit_code == 0
    assert not any(p.name.endswith(".part") for p in out.rglob("*"))
    assert "removed 3 temporary files of runs that were stopped" in result.output


# ---------------------------------------------------------------- odd files


def test_every_path_of_a_folder_is_accounted_for(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "notice.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "loop.docx").symlink_to(folder / "loop.docx")
    (tmp_path / "elsewhere").mkdir()
    (folder / "linked").symlink_to(tmp_path / "elsewhere")
    os.mkfifo(folder / "pipe.txt")
    (folder / ".hidden.txt").write_text("x")
    (folder / "~$notice.docx").write_bytes(b"lock")
    out = tmp_path / "out"
    started = time.monotonic()
    result = run("extract", folder, "-o", out, "--jobs", "1")
    assert time.monotonic() - started < 30  # the FIFO is never opened
    assert result.exit_code == 0, result.output
    lines = {os.path.basename(e["path"]): e for e in manifest(out)}
    assert {k: (e["status"], (e.get("error") or {}).get("type")) for k, e in lines.items()} == {
        "notice.txt": ("ok", None),
        "dangling.txt": ("unsupported", "broken_link"),
        "loop.docx": ("unsupported", "broken_link"),
        "linked": ("unsupported", "folder_link"),
        "pipe.txt": ("unsupported", "not_regular_file"),
    }
    assert "4 unsupported (broken link 2, link to a folder 1, special file 1)" in result.output
    assert "passed over 2 (hidden 1, lock file 1)" in result.output


def test_a_fifo_named_on_the_command_line_is_refused_at_once(tmp_path):
    fifo = tmp_path / "notice.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = run("extract", fifo, SEED, "-o", tmp_path / "out", "--timeout", "60")
    assert time.monotonic() - started < 30
    assert result.exit_code == 0, result.output
    (line,) = [e for e in manifest(tmp_path / "out") if e["path"] == str(fifo)]
    assert line["error"]["type"] == "not_regular_file"


def test_an_unreadable_lock_file_blocks_only_while_it_is_fresh(three, tmp_path):
    """An empty lock file (an older version killed while writing it) is taken over once
    nobody has touched it for a minute; a fresh one may be a run writing it: it blocks."""
    out = tmp_path / "out"
    out.mkdir()
    lock = out / LOCK
    lock.write_bytes(b"")
    assert run("extract", three, "-o", out).exit_code == 4
    old = time.time() - 120
    os.utime(lock, (old, old))
    result = run("extract", three, "-o", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "note: took over a lock file that could not be read" in result.output
