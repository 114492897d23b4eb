"""Chaos: a batch run killed (SIGKILL, the whole process group) at random moments, five
times, some of them with --force, then run to completion, must leave OUTDIR exactly as
one uninterrupted run leaves it.

What is compared with the reference run (same inputs, same command, never killed): the
exit status, the output files (same names, same bytes), the manifest (each input once,
the same fields but the timings), the dataset (``read_dataset``: the same documents and
rows), and that nothing of the killed runs is left (no ``.part``/``.old`` file or folder,
no journal, no lock). After each kill it checks what a kill may leave: no worker of the
killed run still running, no half-written output, and a dataset that can be read if one
was built.

The kill moments come from a seeded random generator, as shares of the reference run's
duration (so that a seed kills in the same phases of a run on a slower machine):
``CHAOS_SEED=123 pytest tests/test_chaos.py`` tries another seed. The seed, the kill
moments and what each kill left are printed, and shown by pytest when the test fails.
(What a killed run had done at its moment still depends on the machine.) The manifest's
"skipped" counts as "ok": an input converted by a killed run is skipped by the next one.

The tests after it kill a run at a point chosen by what it has done (its journal's
length, the lock being written), each for a problem the random kills found or missed.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES

pytestmark = pytest.mark.chaos

SEED = int(os.environ.get("CHAOS_SEED", "20261204"))
KILLS = [False, True, True, False, True]  # --force in the killed command?
EARLIEST_KILL = 0.3  # seconds after the start
TXT_COPIES = 280
DOCX_COPIES = 12
PDF_COPIES = 2  # PDFs are slow to read: a couple
FOLDERS = ["2023", "2024/q1", "2024/q2"]

# What a run leaves only while it runs (or when it was killed)
JOURNAL = ".manifest.journal.jsonl"
LOCK = ".notice-pipeline.lock"
# Fields of a manifest line that differ between two runs of the same inputs
TIMINGS = ("seconds", "converted_at")


# ---------------------------------------------------------------- inputs


def _with_line(data: bytes, line: str) -> bytes:
    """A text file with one more line, in the file's own encoding and line ends."""
    bom = b""
    if data.startswith(b"\xff\xfe"):
        bom, encoding = b"\xff\xfe", "utf-16-le"
        text = data[2:].decode(encoding)
    else:
        try:
            encoding, text = "utf-8", data.decode("utf-8")
        except UnicodeDecodeError:
            encoding, text = "gb18030", data.decode("gb18030")
    if "\r\n" in text:
        newline = "\r\n"
    elif "\r" in text and "\n" not in text:
        newline = "\r"
    else:
        newline = "\n"
    if not text.endswith(newline):
        text += newline
    return bom + (text + line + newline).encode(encoding)


def make_inputs(folder: Path) -> int:
    """A few hundred distinct inputs in sub-folders, and a few odd files; return how many
    inputs the scan finds (notices, failed and unsupported ones)."""
    texts = sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES / "variants").glob("*.txt"))
    count = 0
    for k in range(TXT_COPIES):
        source = texts[k % len(texts)]
        target = folder / FOLDERS[k % len(FOLDERS)] / f"{source.stem}_{k:04d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_with_line(source.read_bytes(), f"copy {k:04d}"))  # another sha256
        count += 1
    documents = sorted(SAMPLES.glob("*.docx"))
    for k in range(DOCX_COPIES):
        source = documents[k % len(documents)]
        target = folder / FOLDERS[k % len(FOLDERS)] / f"{source.stem}_{k:04d}.docx"
        shutil.copyfile(source, target)
        with zipfile.ZipFile(target, "a") as package:  # the zip's comment: another sha256
            package.comment = f"copy {k}".encode()
        count += 1
    for k in range(PDF_COPIES):
        source = SAMPLES / ("table_header.pdf" if k % 2 == 0 else "000_789e38767d8a56d8.pdf")
        shutil.copyfile(source, folder / FOLDERS[k % len(FOLDERS)] / f"{source.stem}_{k}.pdf")
        count += 1
    (folder / "2023" / "empty.txt").write_bytes(b"")  # fails: "the file is empty"
    (folder / "2024" / "budget.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (folder / "2024" / "q1" / "~$notice.docx").write_bytes(b"\x00owner")  # passed over
    (folder / "2023" / ".hidden.txt").write_text("passed over\n", encoding="utf-8")
    return count + 2


# ---------------------------------------------------------------- runs


def command(inputs: Path, outdir: Path, force: bool = False) -> list[str]:
    cmd = [sys.executable, "-m", "pipeline", "extract", str(inputs), "-o", str(outdir)]
    return [*cmd, "--jobs", "2", "-q", *(["--force"] if force else [])]


def start(cmd: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group: the kill takes its workers too
    )


def _group_members(pgid: int) -> list[str]:
    """The processes of a process group still running (zombies aside), from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # state, ppid, pgrp, …
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(f"{entry.name} ({stat[stat.index('(') + 1 : stat.rindex(')')]})")
    return members


def kill_group(process: subprocess.Popen) -> list[str]:
    """SIGKILL the process group of ``process``; return the members still running after
    a while (none expected)."""
    pgid = process.pid  # start_new_session: the group's id is the leader's pid
    with contextlib.suppress(ProcessLookupError):  # it had finished
        os.killpg(pgid, signal.SIGKILL)
    process.communicate()
    if not Path("/proc").is_dir():
        return []
    deadline = time.monotonic() + 5
    while (left := _group_members(pgid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


# ---------------------------------------------------------------- OUTDIR


def leftovers(outdir: Path) -> list[str]:
    """What only a running or killed run leaves: temporary files and folders, the journal,
    the lock."""
    found = []
    for folder, dirs, files in os.walk(outdir):
        for name in dirs + files:
            if name.endswith((".part", ".old")) or name in (JOURNAL, LOCK):
                found.append(os.path.relpath(os.path.join(folder, name), outdir))
    return sorted(found)


def output_files(outdir: Path) -> dict[str, Path]:
    """The documents' outputs (JSON and table CSVs) by path relative to OUTDIR."""
    found = {}
    for path in outdir.rglob("*"):
        rel = path.relative_to(outdir).as_posix()
        if path.is_file() and not rel.startswith("dataset/") and rel != "manifest.jsonl":
            found[rel] = path
    return found


def manifest_lines(outdir: Path) -> list[dict]:
    text = (outdir / "manifest.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def comparable(line: dict) -> dict:
    """A manifest line without what may differ between two runs: the timings, and
    "ok" against "skipped" (an input converted by a killed run is skipped by the next:
    both mean converted, with the same outputs)."""
    line = {k: v for k, v in line.items() if k not in TIMINGS}
    if line.get("status") == "skipped":
        line["status"] = "ok"
    return line


def sorted_frame(frame, keys):
    return frame.sort_values(keys).reset_index(drop=True)


def half_written(outdir: Path) -> list[str]:
    """Output JSONs that do not parse (a kill must never leave one)."""
    bad = []
    for path in outdir.rglob("*.json"):
        try:
            json.loads(path.read_bytes())
        except ValueError:
            bad.append(path.relative_to(outdir).as_posix())
    return bad


def dataset_problem(outdir: Path) -> str | None:
    """Why the dataset of OUTDIR cannot be read, or its documents and rows disagree."""
    import pipeline

    try:
        dataset = pipeline.read_dataset(outdir)
    except Exception as exc:
        return f"read_dataset: {type(exc).__name__}: {exc}"
    outputs = set(dataset.documents["output"])
    strays = set(dataset.rows["output"]) - outputs
    if strays:
        return f"rows of outputs without a documents line: {sorted(strays)[:5]}"
    return None


# ---------------------------------------------------------------- the test


def test_killed_runs_leave_what_one_uninterrupted_run_leaves(tmp_path, validate_tree):
    import pandas as pd

    import pipeline

    inputs = tmp_path / "in"
    expected_lines = make_inputs(inputs)
    reference, outdir = tmp_path / "ref", tmp_path / "out"
    rng = random.Random(SEED)
    story: list[str] = []

    def say(line: str) -> None:
        story.append(line)
        print(line)

    def context() -> str:
        return "\n".join(story)

    say(f"seed {SEED} (CHAOS_SEED={SEED} to run it again), inputs in {inputs}")
    began = time.monotonic()
    ref = start(command(inputs, reference))
    _, ref_err = ref.communicate(timeout=300)
    duration = time.monotonic() - began
    say(f"reference: exit {ref.returncode} after {duration:.2f} s")
    assert ref.returncode == 1, ref_err.decode()  # the empty input fails, nothing else
    ref_lines = manifest_lines(reference)
    failed = [e["path"] for e in ref_lines if e["status"] == "failed"]
    assert failed == [str(inputs / "2023" / "empty.txt")], failed
    assert len(ref_lines) == expected_lines

    # The seed fixes where in a run each kill lands (a share of the reference's duration
    # past EARLIEST_KILL), so that a seed kills in the same phases on a slower machine.
    shares = [round(rng.random(), 4) for _ in KILLS]
    span = max(duration, 1.0) - EARLIEST_KILL
    moments = [round(EARLIEST_KILL + share * span, 3) for share in shares]
    plan = zip(shares, moments, KILLS, strict=True)
    say("kills at " + ", ".join(f"{t:.3f} s (share {a}){' --force' * f}" for a, t, f in plan))
    dataset_built = False
    for k, (moment, force) in enumerate(zip(moments, KILLS, strict=True), start=1):
        process = start(command(inputs, outdir, force))
        time.sleep(moment)
        finished = process.poll()
        running = kill_group(process)
        journal = outdir / JOURNAL
        journalled = len(journal.read_bytes().splitlines()) if journal.exists() else 0
        say(
            f"kill {k} at {moment:.3f} s{' --force' * force}: "
            + (f"had finished (exit {finished})" if finished is not None else "killed")
            + f"; journal lines {journalled}; left {leftovers(outdir)}"
            + (f"; dataset: {sorted(os.listdir(outdir / 'dataset'))}" if dataset_built else "")
        )
        assert finished in (None, 1), f"run {k} exited {finished}\n{context()}"
        assert not running, f"still running after the kill: {running}\n{context()}"
        assert not half_written(outdir), f"half-written JSON {half_written(outdir)}\n{context()}"
        if dataset_built:  # an earlier run built one: a kill never takes it away
            problem = dataset_problem(outdir)
            assert problem is None, f"after kill {k}: {problem}\n{context()}"
        dataset_built = dataset_built or (outdir / "dataset").is_dir()

    final = start(command(inputs, outdir))
    _, final_err = final.communicate(timeout=300)
    say(f"final run: exit {final.returncode}; {final_err.decode().strip()}")

    # The run went through, and only the empty input failed, as in the reference
    assert final.returncode == ref.returncode, f"{final_err.decode()}\n{context()}"
    # Nothing of the killed runs is left
    assert leftovers(outdir) == [], context()
    # Every output JSON follows the schema
    assert validate_tree(outdir) == validate_tree(reference)
    # The manifest: each input once, the same lines (timings aside)
    lines = manifest_lines(outdir)
    paths = [e["path"] for e in lines]
    assert len(paths) == len(set(paths)), f"inputs listed twice\n{context()}"
    ours = {e["path"]: comparable(e) for e in lines}
    theirs = {e["path"]: comparable(e) for e in ref_lines}
    assert sorted(ours) == sorted(theirs), context()
    differ = [p for p in theirs if ours[p] != theirs[p]]
    assert not differ, (
        f"{len(differ)} manifest lines differ, e.g. {differ[0]}:\n"
        f"  reference: {theirs[differ[0]]}\n  after kills: {ours[differ[0]]}\n{context()}"
    )
    # The same output files, byte for byte (the pipeline is deterministic)
    files, ref_files = output_files(outdir), output_files(reference)
    assert sorted(files) == sorted(ref_files), context()
    changed = [rel for rel in ref_files if files[rel].read_bytes() != ref_files[rel].read_bytes()]
    assert not changed, f"outputs that differ from the reference: {changed[:10]}\n{context()}"
    # The same dataset (its line order follows the manifest's, which follows the order in
    # which the killed runs finished documents: compared sorted)
    assert sorted(os.listdir(outdir / "dataset")) == sorted(os.listdir(reference / "dataset"))
    ours_ds, ref_ds = pipeline.read_dataset(outdir), pipeline.read_dataset(reference)
    assert len(ours_ds.documents) == len(ref_ds.documents) == expected_lines - 2
    pd.testing.assert_frame_equal(
        sorted_frame(ours_ds.documents, ["output"]),
        sorted_frame(ref_ds.documents, ["output"]),
        check_like=True,
    )
    keys = ["output", "table", "row"]
    pd.testing.assert_frame_equal(
        sorted_frame(ours_ds.rows, keys), sorted_frame(ref_ds.rows, keys), check_like=True
    )


# ---------------------------------------------------------------- kills at a chosen point
#
# The random kills above rarely land in a window of a few microseconds; these kill a run
# at a point chosen by what it has done (lines in its journal, its lock file there), so
# that what they check happens every time.


def journal_lines(outdir: Path) -> list[dict]:
    journal = outdir / JOURNAL
    if not journal.exists():
        return []
    lines = []
    for raw in journal.read_bytes().splitlines():
        with contextlib.suppress(ValueError):
            lines.append(json.loads(raw))
    return lines


def kill_when(process: subprocess.Popen, ready, timeout: float = 60, may_end=False) -> bool:
    """SIGKILL the process group as soon as ``ready()`` is true and return True; fail if
    ``timeout`` passes first, or the run ends (unless ``may_end``: then return False)."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None:
            _, err = process.communicate()
            if may_end:
                return False
            pytest.fail(f"the run ended (exit {process.returncode}) before the kill: {err}")
        if time.monotonic() > deadline:
            kill_group(process)
            pytest.fail("the moment of the kill never came")
        time.sleep(0.002)
    assert kill_group(process) == []
    return True


def run(cmd: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def small_inputs(folder: Path, count: int) -> list[Path]:
    texts = sorted(SAMPLES.glob("*.txt")) + sorted((SAMPLES / "variants").glob("*.txt"))
    made = []
    for k in range(count):
        source = texts[k % len(texts)]
        target = folder / f"{source.stem}_{k:04d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_with_line(source.read_bytes(), f"copy {k:04d}"))
        made.append(target)
    return made


def test_a_run_killed_while_taking_its_lock_does_not_lock_the_archive(tmp_path):
    """A kill while the lock is being taken: its content is written under a temporary name
    and hard-linked into place, so the kill leaves a temporary file, never an empty lock
    file that would make every later run exit 4. The window is made wide by an os.link
    that says it started and sleeps."""
    inputs, outdir = tmp_path / "in", tmp_path / "out"
    small_inputs(inputs, 3)
    writing = tmp_path / "taking-the-lock"
    slow_lock = (
        "import os, runpy, sys, time\n"
        "def link(src, dst):\n"
        f"    open({str(writing)!r}, 'w').close()\n"
        "    time.sleep(60)\n"
        "os.link = link\n"
        "sys.argv = ['notice-pipeline', *sys.argv[1:]]\n"
        "runpy.run_module('pipeline', run_name='__main__')\n"
    )
    process = start([sys.executable, "-c", slow_lock, *command(inputs, outdir)[3:]])
    assert kill_when(process, writing.exists, may_end=True)
    assert not (outdir / LOCK).exists()
    print("the kill left", sorted(p.name for p in outdir.iterdir()))

    after = run(command(inputs, outdir))
    assert after.returncode == 0, after.stderr
    assert leftovers(outdir) == []


def test_prune_after_a_killed_run_removes_the_input_for_good(tmp_path):
    """A killed run leaves its journal; an input it journalled is then deleted and pruned.
    The pruned line must not come back from the journal: prune must succeed, and the next
    run must neither list the input again nor fail building the dataset."""
    inputs, outdir = tmp_path / "in", tmp_path / "out"
    small_inputs(inputs, 40)
    assert run(command(inputs, outdir)).returncode == 0
    process = start(command(inputs, outdir, force=True))
    kill_when(process, lambda: len(journal_lines(outdir)) >= 5)
    gone = Path(journal_lines(outdir)[0]["path"])
    gone.unlink()

    pruned = run([sys.executable, "-m", "pipeline", "prune", str(outdir)])
    assert pruned.returncode == 0, pruned.stderr
    assert str(gone) not in {e["path"] for e in manifest_lines(outdir)}

    after = run(command(inputs, outdir))
    assert after.returncode == 0, after.stderr
    assert str(gone) not in {e["path"] for e in manifest_lines(outdir)}
    assert leftovers(outdir) == []


def test_a_forced_run_killed_twice_goes_on_from_both(tmp_path):
    """The same forced command killed twice, then run to completion: what the first
    killed run converted (and the second skipped as done) is not converted a third time."""
    inputs, outdir = tmp_path / "in", tmp_path / "out"
    small_inputs(inputs, 60)
    assert run(command(inputs, outdir)).returncode == 0
    first = start(command(inputs, outdir, force=True))
    kill_when(first, lambda: len(journal_lines(outdir)) >= 10)
    converted_first = {e["path"] for e in journal_lines(outdir) if e["status"] == "ok"}
    second = start(command(inputs, outdir, force=True))
    kill_when(second, lambda: len(journal_lines(outdir)) >= len(converted_first) + 25)
    lines = journal_lines(outdir)
    assert len({e["run"] for e in lines}) == 1  # one command
    done = {e["path"] for e in lines if e["status"] in ("ok", "skipped")}
    assert converted_first <= done

    last = run(command(inputs, outdir, force=True))
    assert last.returncode == 0, last.stderr
    converted_again = sorted(
        e["path"] for e in manifest_lines(outdir) if e["path"] in done and e["status"] == "ok"
    )
    assert converted_again == [], f"{len(converted_again)} of {len(done)} done converted again"
