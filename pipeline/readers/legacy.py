"""Legacy Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice.

Needs ``soffice`` on PATH (Debian: ``apt-get install libreoffice-writer-nogui``).
Each conversion runs headless with a private profile folder, so several can run
at once, and is stopped after ``timeout`` seconds.

Starting LibreOffice takes most of the time of a conversion (about 2 s a file, against
about 0.25 s a file in one process: the legacy section of ``make bench``), so a batch
converts all its legacy files first with :func:`convert_many` (one LibreOffice
process for up to :data:`CHUNK_FILES` files) into a folder of ``<sha256>.docx``,
and :func:`read_legacy` reads from that folder (``converted=``) when the file is
there, starting LibreOffice itself only when it is not.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from ..errors import ConverterMissing, CorruptFile
from ..limits import DEFAULT, Limits
from ..model import Document

SOFFICE_NAMES = ("soffice", "libreoffice")
FILTER = "docx:MS Word 2007 XML"
CHUNK_FILES = 50  # files per LibreOffice process in convert_many
NO_TIMEOUT = 600.0  # seconds per file when limits.timeout is 0 ("none")
FAILED = ".failed"  # convert_many's note that a file could not be converted, beside the .docx


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _per_file_seconds(limits: Limits) -> float:
    return limits.timeout if limits.timeout > 0 else NO_TIMEOUT


def _timeout_problem(timeout: float) -> str:
    return f"LibreOffice took more than {timeout:.0f} s to convert it"


def _unconvertible_problem(fmt: str) -> str:
    return f"LibreOffice could not convert this .{fmt} file"


def _soffice_command(soffice: str, profile: Path, outdir: Path, sources: list[Path]) -> list[str]:
    return [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--convert-to", FILTER, "--outdir", str(outdir),
            *(str(s) for s in sources)]  # fmt: skip


def _run_soffice(cmd: list[str], timeout: float, stall: float | None = None, watch=None) -> bool:
    """Run LibreOffice; False when it was stopped for taking too long.

    ``soffice`` is a script that starts ``oosplash``, which starts ``soffice.bin``:
    the command runs in a session of its own, and the whole group is killed, so that
    nothing is left running. With ``watch`` (an output folder), the run is also stopped
    when ``stall`` seconds pass without a new file appearing there: one file that hangs
    is then stopped after as long as it would have been alone.
    """
    process = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    start = last = time.monotonic()
    seen = 0
    try:
        while True:
            try:
                process.wait(timeout=0.2 if watch is not None else timeout)
                return True
            except subprocess.TimeoutExpired:
                pass
            now = time.monotonic()
            if watch is not None:
                count = sum(1 for _ in Path(watch).glob("*.docx"))
                if count > seen:
                    seen, last = count, now
            if now - start >= timeout or (stall is not None and now - last >= stall):
                return False
    finally:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        else:  # oosplash is gone; a soffice.bin it left behind must not outlive it
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)


def convert_to_docx(path: str, data: bytes, fmt: str, timeout: float = 120) -> bytes:
    soffice = find_soffice()
    if soffice is None:
        raise ConverterMissing(
            path, f"reading .{fmt} files needs LibreOffice, which is not installed"
        )
    with tempfile.TemporaryDirectory(prefix="notice-soffice-") as tmp:
        work = Path(tmp)
        source = work / f"input.{fmt}"
        source.write_bytes(data)
        cmd = _soffice_command(soffice, work / "profile", work / "out", [source])
        if not _run_soffice(cmd, timeout):
            raise CorruptFile(path, _timeout_problem(timeout), "try it alone")
        result = work / "out" / "input.docx"
        if not result.exists():
            raise CorruptFile(path, _unconvertible_problem(fmt))
        return result.read_bytes()


def convert_many(items, folder, limits: Limits = DEFAULT) -> dict[str, str]:
    """Convert a batch's legacy files to .docx with as few LibreOffice processes as can be.

    ``items``: (location, data, fmt) for each .doc/.wps input. Each result is written
    as ``folder/<sha256 of data>.docx``; returns {sha256: path of the .docx} for every
    file converted (or already in ``folder``). A file that fails is absent; a note
    ``<sha256>.failed`` beside them tells :func:`read_legacy` why, so that it reports
    the failure without starting LibreOffice again. Without LibreOffice, returns {}.

    Files go to LibreOffice :data:`CHUNK_FILES` at a time, staged under names by index
    (no two inputs collide, whatever they are called). A process is stopped when no
    file has come out of it for ``limits.timeout`` seconds (the time one file may take
    alone), and in any case after that times the files it was given. Files without
    output after a chunk are converted again alone (those after the one LibreOffice
    stopped at go back as a chunk), so that only a bad file fails.
    """
    soffice = find_soffice()
    if soffice is None:
        return {}
    out = Path(folder)
    per_file = _per_file_seconds(limits)
    done: dict[str, str] = {}
    todo: dict[str, str] = {}  # sha256 -> fmt, in the order given
    data_of: dict[str, bytes] = {}
    for _location, data, fmt in items:
        digest = hashlib.sha256(data).hexdigest()
        ready = out / f"{digest}.docx"
        if ready.is_file():
            done[digest] = str(ready)
        elif digest not in todo:
            todo[digest], data_of[digest] = fmt, data
    if todo:
        # Anything the machine refuses (a full disk, soffice that will not start) leaves
        # the files not converted yet to be converted one by one, as without this.
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out.mkdir(parents=True, exist_ok=True)
            _convert_chunks(soffice, todo, data_of, out, per_file, done)
    return done


def _convert_chunks(soffice, todo, data_of, out: Path, per_file: float, done: dict) -> None:
    with tempfile.TemporaryDirectory(prefix="notice-soffice-batch-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        staged: dict[str, Path] = {}
        for index, (digest, fmt) in enumerate(todo.items(), 1):
            suffix = fmt if fmt in ("doc", "wps") else "doc"  # a name of ours, whatever comes
            staged[digest] = work / "in" / f"{index:04d}.{suffix}"
            staged[digest].write_bytes(data_of.pop(digest))
        runs = 0

        def run(digests: list[str]) -> tuple[bool, list[str]]:
            """Convert these files in one process: (finished in time, digests converted)."""
            nonlocal runs
            runs += 1
            outdir = work / f"out{runs}"
            cmd = _soffice_command(
                soffice, work / f"profile{runs}", outdir, [staged[d] for d in digests]
            )
            seconds = per_file * len(digests)
            finished = _run_soffice(cmd, seconds, stall=per_file, watch=outdir)
            converted = []
            for digest in digests:
                result = outdir / f"{staged[digest].stem}.docx"
                if result.is_file() and result.stat().st_size > 0:
                    target = out / f"{digest}.docx"
                    partial = out / f".{digest}.docx.part"
                    shutil.copyfile(result, partial)
                    os.replace(partial, target)
                    done[digest] = str(target)
                    converted.append(digest)
            return finished, converted

        def alone(digest: str) -> None:
            finished, converted = run([digest])
            if not converted:
                note = "unconvertible\n" if finished else f"timeout\n{per_file}"
                (out / f"{digest}{FAILED}").write_text(note, encoding="utf-8")

        queue = list(todo)
        while queue:
            chunk, queue = queue[:CHUNK_FILES], queue[CHUNK_FILES:]
            if len(chunk) == 1:
                alone(chunk[0])
                continue
            finished, converted = run(chunk)
            missing = [d for d in chunk if d not in converted]
            if finished or not missing:
                for digest in missing:
                    alone(digest)
                continue
            # Stopped: LibreOffice works through its files in order, so the first file
            # without output after the last that came out is where it stopped, and the
            # ones after it were never tried.
            last = max((chunk.index(d) for d in converted), default=-1)
            for digest in missing:
                if chunk.index(digest) < last:
                    alone(digest)
            rest = chunk[last + 1 :]
            if rest:
                alone(rest[0])
                queue = rest[1:] + queue


def _already_converted(path: str, data: bytes, fmt: str, folder) -> bytes | None:
    """The .docx convert_many made of ``data``; raises its failure; None when it has neither."""
    stem = Path(folder) / hashlib.sha256(data).hexdigest()
    try:
        return stem.with_suffix(".docx").read_bytes()
    except OSError:
        pass
    try:
        why, _, seconds = stem.with_suffix(FAILED).read_text(encoding="utf-8").partition("\n")
    except OSError:
        return None
    if why == "timeout" and seconds.replace(".", "", 1).isdigit():
        raise CorruptFile(path, _timeout_problem(float(seconds)), "try it alone")
    raise CorruptFile(path, _unconvertible_problem(fmt))


def read_legacy(
    path: str, data: bytes, fmt: str, limits: Limits = DEFAULT, converted: str | None = None
) -> Document:
    """Read a .doc/.wps file: from ``converted`` (convert_many's folder) when the file is
    there, by starting LibreOffice for it otherwise."""
    from .docx import read_docx

    docx = _already_converted(path, data, fmt, converted) if converted else None
    if docx is None:
        docx = convert_to_docx(path, data, fmt, _per_file_seconds(limits))
    document = read_docx(path, docx, limits)
    document.format = fmt
    return document
