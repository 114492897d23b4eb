"""Benchmark: start-up, whole-process extraction against baselines, in-process throughput.

Run with `make bench`. Prints a table; nothing here asserts a speed.

- Whole-process times are medians of REPEAT runs of a fresh interpreter, so they
  include start-up and imports, as a user running the command meets them; the
  extract commands run with --force, so that each run converts (not skips). They run
  the installed `notice-pipeline` command (`python -m pipeline` where there is none).
- Every timed process runs with its modules' bytecode compiled, as an installed
  package runs (pip compiles it at install; a checkout compiles on its first run):
  the children get a private PYTHONPYCACHEPREFIX, filled by a warm-up run, whatever
  PYTHONDONTWRITEBYTECODE says here. The start-up ratio is also shown without any
  bytecode cache (every module of both commands compiled at each start).
- Start-up: a .txt conversion against `python -c "import click"` (the one library the
  command cannot start without), timed in pairs, A B A B…, and the ratio taken pair by
  pair, so that a drift of the machine's speed moves both sides alike; the figure is
  the median of the pairs' wall-time ratios.
- The .docx baseline is python-docx opening the seed's .docx and reading the text of
  every paragraph and of every table cell (the reader is built on python-docx, so the
  ratio is what the rest costs: styles, numbering, the grid, segmentation, output);
  the .pdf baseline is pdfplumber opening the seed's PDF and running
  extract_text and extract_tables on every page. The ratios say what our reading of
  everything (numbering, merges, paragraphs, stitching, segmentation, JSON and CSV
  output) costs on top of that.
- Costs the modules' comments cite for their choices: importing hashlib (OpenSSL)
  against CPython's own SHA-256 and SHA-1, importing python-docx, the seed .docx's JSON
  through the standard library's encoder (indent=2) against orjson, next to the whole
  in-process extraction, the .docx reader against python-docx's own objects, a regex
  class listing the CJK blocks against HAN's negated class, defining a small class as a
  NamedTuple, a dataclass or a plain class, and the first time value of a run.
- Legacy .doc files (when soffice and ../shared/corpus are there): up to LEGACY_FILES of
  the corpus's .doc files converted to .docx one LibreOffice process per file, then all
  in one process with convert_many; seconds per file before and after.
- Memory: one extraction per child process, on inputs of known size per format (the
  seeds; a .txt of the seed's body repeated to the text limit, and two denser shapes;
  a .docx of the seed's body repeated by python-docx; a .pdf of the seed's pages
  repeated by pypdfium2; with soffice and ../shared/corpus, the corpus's smallest and
  largest .doc and a .doc LibreOffice makes of the seed's body repeated). The child
  reports its own peak RSS (VmHWM) and its descendants' (LibreOffice, beside it); less
  a baseline child that only imports the pipeline, it is printed as MiB of peak per MB
  of input, and as the marginal MiB per MB from the format's seed to the larger input.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_SCRIPT = Path(sys.executable).with_name("notice-pipeline")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "pipeline"]
IMPORT_CLICK = [sys.executable, "-c", "import click"]
STARTUP_LIMIT = 3.0  # txt conversion / import click, whole process
STARTUP_PAIRS = 21
# Children's environment: bytecode compiled once into a private cache (see above).
ENV = dict(os.environ)
SEED = ROOT / "samples" / "000_789e38767d8a56d8.txt"
SEED_DOCX = ROOT / "samples" / "000_789e38767d8a56d8.docx"
SEED_PDF = ROOT / "samples" / "000_789e38767d8a56d8.pdf"
# The PDF baseline: pdfplumber opening the file, extract_text and extract_tables on every page.
PDFPLUMBER_READ = (
    "import sys, pdfplumber\n"
    "with pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    for page in pdf.pages:\n"
    "        page.extract_text(); page.extract_tables()\n"
)
# The .docx baseline: python-docx opening the file, the text of every paragraph and cell.
PYTHON_DOCX_READ = (
    "import sys, docx\n"
    "d = docx.Document(sys.argv[1])\n"
    "paragraphs = [p.text for p in d.paragraphs]\n"
    "cells = [c.text for t in d.tables for r in t.rows for c in r.cells]\n"
)
REPEAT = 7


def use_bytecode_cache(folder: Path, write: bool = True) -> None:
    """Children read (and, with ``write``, fill) bytecode in ``folder`` only."""
    ENV["PYTHONPYCACHEPREFIX"] = str(folder)
    if write:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        ENV["PYTHONDONTWRITEBYTECODE"] = "1"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=ENV)
    return time.perf_counter() - start


def median_time(cmd: list[str]) -> float:
    timed(cmd)  # warm the file cache
    return statistics.median(timed(cmd) for _ in range(REPEAT))


def paired_ratio(a: list[str], b: list[str], pairs: int = STARTUP_PAIRS) -> tuple[float, ...]:
    """(median ratio a/b over pairs run in turn, median a seconds, median b seconds)."""
    timed(a), timed(b)  # warm-up: file cache, bytecode cache
    ratios, a_times, b_times = [], [], []
    for _ in range(pairs):
        ta, tb = timed(a), timed(b)
        ratios.append(ta / tb)
        a_times.append(ta)
        b_times.append(tb)
    return (
        statistics.median(ratios),
        statistics.median(a_times),
        statistics.median(b_times),
        min(ratios),
        max(ratios),
    )


def startup(out: Path, work: Path) -> None:
    """The start-up figure: a one-file .txt conversion against importing click."""
    txt = [*CLI, "extract", str(SEED), "-o", str(out), "--force"]
    print(f"start-up, {STARTUP_PAIRS} pairs run in turn (A B A B…), median of the pair ratios")
    ratio, a, b, low, high = paired_ratio(txt, IMPORT_CLICK)
    print(f"  extract seed.txt -o DIR: {a:.3f} s; python -c 'import click': {b:.3f} s")
    print(f"  pair ratios from {low:.2f} to {high:.2f}")
    print(f"txt / import click: {ratio:.2f} (limit {STARTUP_LIMIT:.2f})")
    # As a checkout runs under PYTHONDONTWRITEBYTECODE=1: click and the standard library
    # from their bytecode, this package compiled from source at every start.
    cached = ENV["PYTHONPYCACHEPREFIX"]
    prefix = work / "bytecode-but-ours"
    use_bytecode_cache(prefix)
    timed(txt), timed(IMPORT_CLICK)  # fill the cache, then drop this package's part
    shutil.rmtree(prefix / ROOT.relative_to(ROOT.anchor) / "pipeline", ignore_errors=True)
    use_bytecode_cache(prefix, write=False)
    try:
        ratio, a, b, _, _ = paired_ratio(txt, IMPORT_CLICK, pairs=max(5, STARTUP_PAIRS // 3))
        print(
            f"  with this package's modules compiled at every start "
            f"(a checkout under PYTHONDONTWRITEBYTECODE=1): {ratio:.2f} ({a:.3f} s / {b:.3f} s)\n"
        )
    finally:
        use_bytecode_cache(Path(cached))


def whole_process(out: Path) -> None:
    rows = {
        "python -c pass (interpreter alone)": [sys.executable, "-c", "pass"],
        "notice-pipeline --help": [*CLI, "--help"],
        "extract seed.txt -o DIR": [*CLI, "extract", str(SEED), "-o", str(out), "--force"],
        "extract seed.docx -o DIR": [*CLI, "extract", str(SEED_DOCX), "-o", str(out), "--force"],
        "python-docx: open seed.docx, every paragraph, cell": [
            sys.executable,
            "-c",
            PYTHON_DOCX_READ,
            str(SEED_DOCX),
        ],
        "extract seed.pdf -o DIR": [*CLI, "extract", str(SEED_PDF), "-o", str(out), "--force"],
        "pdfplumber: open seed.pdf, text and tables per page": [
            sys.executable,
            "-c",
            PDFPLUMBER_READ,
            str(SEED_PDF),
        ],
    }
    seconds = {name: median_time(cmd) for name, cmd in rows.items()}
    print(f"{'whole process, median of ' + str(REPEAT):<52} seconds")
    for name, value in seconds.items():
        print(f"{name:<52} {value:7.3f}")
    ratio = (
        seconds["extract seed.docx -o DIR"]
        / seconds["python-docx: open seed.docx, every paragraph, cell"]
    )
    print(f"{'ratio: extract seed.docx / python-docx reading':<52} {ratio:7.2f}")
    pdf_seconds = seconds["extract seed.pdf -o DIR"]
    ratio = pdf_seconds / seconds["pdfplumber: open seed.pdf, text and tables per page"]
    print(f"{'ratio: extract seed.pdf / pdfplumber reading':<52} {ratio:7.2f}")
    import pdfplumber

    with pdfplumber.open(SEED_PDF) as pdf:
        pages = len(pdf.pages)
    print(f"{'seed.pdf: pages per second, whole process':<52} {pages / pdf_seconds:7.1f}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'peak memory of any of these processes (MiB)':<52} {peak:7.1f}")


def in_process() -> None:
    import pipeline

    print(f"\n{'pipeline.extract in process, per sample':<52} ms/doc  docs/s")
    kinds = (".txt", ".docx", ".pdf")
    samples = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in kinds)
    for sample in samples:
        start = time.perf_counter()
        pipeline.extract(sample)
        n = max(3, min(100, int(2 / (time.perf_counter() - start))))  # about two seconds each
        start = time.perf_counter()
        for _ in range(n):
            pipeline.extract(sample)
        per_doc = (time.perf_counter() - start) / n
        print(f"{sample.name:<52} {per_doc * 1000:6.2f}  {1 / per_doc:6.0f}")


# A fresh interpreter importing one module: prints the seconds of the import alone.
IMPORT_CHILD = (
    "import sys, time\n"
    "started = time.perf_counter()\n"
    "for name in sys.argv[1:]:\n"
    "    try:\n"
    "        __import__(name)\n"
    "        break\n"
    "    except ImportError:\n"
    "        continue\n"
    "print(time.perf_counter() - started)\n"
)


def import_ms(*names: str) -> float:
    """Milliseconds to import the first of ``names`` that imports, in a fresh interpreter
    (median of REPEAT, after a warm-up)."""
    cmd = [sys.executable, "-c", IMPORT_CHILD, *names]

    def once() -> float:
        done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=ENV)
        return float(done.stdout.split()[-1]) * 1000

    once()
    return statistics.median(once() for _ in range(REPEAT))


def child_ms(code: str) -> float:
    """Median milliseconds ``code`` prints (as seconds) in a fresh interpreter, REPEAT
    runs after a warm-up; ``code`` runs with the checkout on sys.path."""
    cmd = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r})\n{code}"]

    def once() -> float:
        done = subprocess.run(cmd, check=True, capture_output=True, text=True, env=ENV)
        return float(done.stdout.split()[-1]) * 1000

    once()
    return statistics.median(once() for _ in range(REPEAT))


# A regex compiled in a fresh interpreter, past re's cache (argv[1]: the pattern, or the
# name of the module attribute that holds it).
COMPILE_CHILD = """
import importlib, time
try:
    from re import _compiler as compiler
except ImportError:  # Python < 3.11
    import sre_compile as compiler
pattern = sys.argv[1]
if ":" in pattern:
    pattern = next(
        getattr(importlib.import_module(module), name)
        for module, name in (p.split(":") for p in pattern.split())
        if hasattr(importlib.import_module(module), name)
    )
started = time.perf_counter()
compiler.compile(pattern, 0)
print(time.perf_counter() - started)
"""
# Chinese characters as a class listing the CJK blocks (the alternative to HAN's
# negated class of small ranges).
CJK_BLOCKS = (
    "[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\U00020000-\U0002ffff]"
)
# Defining a class of seven fields: a NamedTuple, a dataclass, a plain class with slots.
# (typing and dataclasses imported before the clock: the model imports them anyway).
CLASS_CHILD = """
import time
from dataclasses import dataclass
from typing import NamedTuple
kind = sys.argv[1]
started = time.perf_counter()
if kind == "namedtuple":
    class Span(NamedTuple):
        day: bool; end: object; inferred: bool; kind: str; start: object; until: bool; year: int
elif kind == "dataclass":
    @dataclass(slots=True)
    class Span:
        day: bool; end: object; inferred: bool; kind: str; start: object; until: bool; year: int
else:
    class Span:
        __slots__ = ("day", "end", "inferred", "kind", "start", "until", "year")
print(time.perf_counter() - started)
"""
# The first time value of a run: pipeline.times imported, then the clock.
FIRST_TIME_CHILD = """
import datetime, time
from pipeline.times import parse_time
started = time.perf_counter()
parse_time("5月10日至20日", datetime.date(2024, 4, 29))
print(time.perf_counter() - started)
"""


def with_argv(code: str, *argv: str) -> str:
    return f"sys.argv[1:] = {list(argv)!r}\n{code}"


def in_process_ms(function, at_least: int = 20) -> float:
    """Median milliseconds of ``function()`` over ``at_least`` warm calls."""
    function()
    times = []
    for _ in range(at_least):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def costs() -> None:
    """The figures the modules' comments cite for their choices: hashing with CPython's
    own SHA-256/SHA-1 rather than hashlib's OpenSSL (core.py, identity.py), the JSON
    written by orjson (pyproject.toml), the .docx reader against python-docx's objects,
    HAN's negated class (text.py, vocab.py), times.py's plain class and one pattern."""
    import json

    import docx

    import pipeline
    from pipeline.readers.docx import read_docx

    title = f"costs the modules cite (imports: fresh interpreter, median of {REPEAT})"
    print(f"\n{title:<52} ms")
    ssl = import_ms("hashlib")
    own = import_ms("_sha256", "_sha2")
    print(f"{'import hashlib (loads OpenSSL libcrypto)':<52} {ssl:7.2f}")
    print(f"{'import _sha256 (_sha2 on 3.12+): CPython SHA-256':<52} {own:7.2f}")
    print(f"{'import _sha1: CPython SHA-1':<52} {import_ms('_sha1'):7.2f}")
    print(f"{'import docx (python-docx)':<52} {import_ms('docx'):7.2f}")
    notice = pipeline.extract(SEED_DOCX)
    extract = in_process_ms(lambda: pipeline.extract(SEED_DOCX))
    stdlib = in_process_ms(lambda: json.dumps(notice.to_dict(), ensure_ascii=False, indent=2))
    fast = in_process_ms(notice.to_json)
    print(f"{'seed.docx: pipeline.extract in process (warm)':<52} {extract:7.2f}")
    print(f"{'seed.docx JSON: json.dumps(to_dict(), indent=2)':<52} {stdlib:7.2f}")
    print(f"{'seed.docx JSON: to_json() (orjson)':<52} {fast:7.2f}")
    data = SEED_DOCX.read_bytes()
    ours = in_process_ms(lambda: read_docx(str(SEED_DOCX), data))

    def python_docx() -> None:
        d = docx.Document(str(SEED_DOCX))
        [p.text for p in d.paragraphs]
        [c.text for t in d.tables for r in t.rows for c in r.cells]

    print(f"{'seed.docx: read_docx (blocks, in process, warm)':<52} {ours:7.2f}")
    theirs = in_process_ms(python_docx)
    print(f"{'seed.docx: python-docx paragraphs and cells (warm)':<52} {theirs:7.2f}")
    # text.py/vocab.py's HAN and the time rules: what a regex or a class costs a run.
    han = "pipeline.vocab:HAN pipeline.text:HAN"
    blocks = child_ms(with_argv(COMPILE_CHILD, CJK_BLOCKS))
    print(f"{'compile a class listing the CJK blocks':<52} {blocks:7.2f}")
    print(f"{'compile HAN (a negated class of small ranges)':<52} "
          f"{child_ms(with_argv(COMPILE_CHILD, han)):7.2f}")  # fmt: skip
    for kind in ("namedtuple", "dataclass", "plain"):
        label = f"define a class of 7 fields: {kind}"
        print(f"{label:<52} {child_ms(with_argv(CLASS_CHILD, kind)):7.2f}")
    first = child_ms(FIRST_TIME_CHILD)
    print(f"{'parse_time: the first value of a run (compiles)':<52} {first:7.2f}")


# Generated corpus for the batch figures: copies of the samples (a .txt copy gets a
# line of its own so that no two inputs are the same file).
CORPUS = {".txt": 300, ".docx": 300, ".pdf": 40}


def make_corpus(folder: Path) -> dict[str, Path]:
    samples = sorted((ROOT / "samples").iterdir())
    folders = {}
    for suffix, count in CORPUS.items():
        kind = folder / suffix.lstrip(".")
        kind.mkdir(parents=True)
        sources = [p for p in samples if p.suffix == suffix]
        for k in range(count):
            source = sources[k % len(sources)]
            data = source.read_bytes()
            if suffix == ".txt" and data[:2] not in (b"\xff\xfe", b"\xfe\xff"):
                data += f"\n（第{k}份）\n".encode("gb18030" if b"\r\n" in data else "utf-8")
            (kind / f"{k:04d}_{source.name}").write_bytes(data)
        folders[suffix] = kind
    return folders


def batch(work: Path) -> None:
    folders = make_corpus(work / "corpus")
    print(f"\n{'batch over a generated corpus (one run each)':<52} docs/s  seconds")
    for suffix, folder in folders.items():
        for jobs in (1, 2):
            out = work / f"out-{suffix.lstrip('.')}-{jobs}"
            seconds = timed(
                [*CLI, "extract", str(folder), "-o", str(out), "--jobs", str(jobs), "-q"]
            )
            label = f"{CORPUS[suffix]} {suffix} files, --jobs {jobs}"
            print(f"{label:<52} {CORPUS[suffix] / seconds:6.1f}  {seconds:7.2f}")
    out = work / "out-all"
    first = timed([*CLI, "extract", str(work / "corpus"), "-o", str(out), "-q"])
    again = timed([*CLI, "extract", str(work / "corpus"), "-o", str(out), "-q"])
    total = sum(CORPUS.values())
    print(
        f"{f'all {total} files, first run (--jobs default)':<52} {total / first:6.1f}  {first:7.2f}"
    )
    print(f"{'the same again (every input skipped)':<52} {total / again:6.1f}  {again:7.2f}")
    print(f"{'re-run / first run':<52} {again / first:7.2f}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'peak memory of any process so far (MiB)':<52} {peak:7.1f}")


# The shared corpus beside the checkout (../shared), with real .doc notices.
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
LEGACY_FILES = 10


def legacy_batch() -> None:
    """.doc to .docx: one LibreOffice process per file against one for all (convert_many)."""
    from pipeline.errors import PipelineError
    from pipeline.readers.legacy import convert_many, convert_to_docx, find_soffice

    docs = sorted(SHARED_CORPUS.glob("*/*.doc"))[:LEGACY_FILES] if SHARED_CORPUS.is_dir() else []
    if find_soffice() is None or not docs:
        print("\nlegacy .doc files: skipped (needs soffice and .doc files in ../shared/corpus)")
        return
    items = [(str(path), path.read_bytes(), "doc") for path in docs]
    with contextlib.suppress(PipelineError):  # warm-up: LibreOffice's files into the disk cache
        convert_to_docx(*items[0])
    failed = 0
    start = time.perf_counter()
    for item in items:
        try:
            convert_to_docx(*item)
        except PipelineError:
            failed += 1
    before = (time.perf_counter() - start) / len(items)
    with tempfile.TemporaryDirectory(prefix="notice-bench-legacy-") as folder:
        start = time.perf_counter()
        converted = convert_many(items, folder)
        after = (time.perf_counter() - start) / len(items)
    print(f"\n{f'legacy: {len(items)} .doc files of ../shared/corpus to .docx':<52} s/file")
    print(f"{f'one LibreOffice per file ({len(items) - failed} converted)':<52} {before:7.2f}")
    print(f"{f'convert_many, one for all ({len(converted)} converted)':<52} {after:7.2f}")
    print(f"{'ratio: one per file / convert_many':<52} {before / after:7.2f}")


# The memory child: extracts argv[1] (nothing without it: the baseline), no limit in the
# way; prints its own peak RSS (VmHWM: this process's alone, not the parent's RSS that
# ru_maxrss inherits through fork and exec), its descendants' (LibreOffice) and seconds.
MEMORY_CHILD = (
    "import resource, sys, time\n"
    "import pipeline\n"
    "from pipeline.limits import Limits\n"
    "seconds = 0.0\n"
    "if len(sys.argv) > 1:\n"
    "    big = 1 << 40\n"
    "    limits = Limits(max_size=big, max_text_size=big, max_legacy_size=big, timeout=0)\n"
    "    start = time.perf_counter()\n"
    "    pipeline.extract(sys.argv[1], limits=limits)\n"
    "    seconds = time.perf_counter() - start\n"
    "try:\n"
    "    with open('/proc/self/status') as f:\n"
    "        own = next(int(line.split()[1]) for line in f if line.startswith('VmHWM:'))\n"
    "except OSError:\n"
    "    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "print(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, seconds)\n"
)
MEMORY_TXT_MB = 4  # the seed's body repeated to this size (the default text limit)
MEMORY_DOCX_COPIES = 150  # copies of the seed's body in the larger .docx (about 1 MB)
MEMORY_DOC_COPIES = 30  # in the .docx LibreOffice turns into a .doc (about 2 MB)
MEMORY_PDF_COPIES = 8  # copies of the seed's 11 pages in the larger .pdf
SEED_PAGES = 11


def peak_mib(path: Path | None = None) -> tuple[float, float, float]:
    """(peak RSS in MiB of a child extracting ``path``, or only importing the pipeline;
    the largest peak of its descendants (LibreOffice for a .doc), 0 without; seconds of
    the extraction). ru_maxrss is KiB on Linux."""
    cmd = [sys.executable, "-c", MEMORY_CHILD, *([str(path)] if path else [])]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=ENV)
    if done.returncode:
        raise RuntimeError(f"{path}: {done.stderr[-800:]}")
    own, descendants, seconds = done.stdout.split()[-3:]
    return int(own) / 1024, int(descendants) / 1024, float(seconds)


def seed_body_docx(copies: int, path: Path) -> Path:
    """The seed's .docx with its body (paragraphs and tables) repeated ``copies`` times."""
    import copy

    import docx

    document = docx.Document(str(SEED_DOCX))
    end = document.element.body[-1]  # sectPr: the copies go before it
    items = [e for e in document.element.body if e is not end]
    for _ in range(copies):
        for item in items:
            end.addprevious(copy.deepcopy(item))
    document.save(str(path))
    return path


def memory_inputs(folder: Path) -> list[tuple[str, str, Path]]:
    """(format, label, path) of each input, the format's seed first."""
    import pypdfium2

    lines = SEED.read_text("utf-8").split("\n")
    head, body = "\n".join(lines[:4]) + "\n", "\n".join(lines[4:]) + "\n"
    big_txt = folder / "seed-body.txt"
    copies = MEMORY_TXT_MB * 1024 * 1024 // len(body.encode())
    big_txt.write_text(head + body * copies, "utf-8")
    short = folder / "short-lines.txt"  # the densest shape: one character a line
    short.write_text("通知\n" + "一\n" * (512 * 1024 // 4), "utf-8")
    rows = folder / "tab-rows.txt"  # a table, one row a line, three short cells
    rows.write_text("通知\n\n序号\t名称\t单位\n" + "1\t甲\t乙\n" * (1024 * 1024 // 12), "utf-8")
    big_docx = seed_body_docx(MEMORY_DOCX_COPIES, folder / "seed-body.docx")
    source = pypdfium2.PdfDocument(str(SEED_PDF))
    pdf = pypdfium2.PdfDocument.new()
    for _ in range(MEMORY_PDF_COPIES):
        pdf.import_pages(source)
    big_pdf = folder / "seed-pages.pdf"
    pdf.save(str(big_pdf))
    pdf.close()
    source.close()
    inputs = [
        ("txt", "seed .txt", SEED),
        ("txt", f"seed's body x{copies} .txt", big_txt),
        ("txt", "one character a line .txt", short),
        ("txt", "tab table, a row a line .txt", rows),
        ("docx", "seed .docx", SEED_DOCX),
        ("docx", f"seed's body x{MEMORY_DOCX_COPIES} .docx", big_docx),
        ("pdf", f"seed .pdf ({SEED_PAGES} pages)", SEED_PDF),
        ("pdf", f"seed's pages x{MEMORY_PDF_COPIES} .pdf", big_pdf),
    ]
    return inputs + legacy_memory_inputs(folder)


def legacy_memory_inputs(folder: Path) -> list[tuple[str, str, Path]]:
    """The smallest and largest .doc of ../shared/corpus, and a .doc LibreOffice makes of
    the seed's body repeated; none without soffice or the corpus."""
    from pipeline.readers.legacy import find_soffice

    soffice = find_soffice()
    docs = sorted(SHARED_CORPUS.glob("*/*.doc")) if SHARED_CORPUS.is_dir() else []
    if soffice is None or not docs:
        return []
    docs.sort(key=lambda path: path.stat().st_size)
    inputs = [("doc", "smallest corpus .doc", docs[0]), ("doc", "largest corpus .doc", docs[-1])]
    made = seed_body_docx(MEMORY_DOC_COPIES, folder / "legacy" / "seed-body.docx")
    profile = (folder / "lo-profile").as_uri()
    with contextlib.suppress(subprocess.TimeoutExpired):
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
             "--convert-to", "doc", "--outdir", str(made.parent), str(made)],
            capture_output=True, timeout=300,
        )  # fmt: skip
    if made.with_suffix(".doc").exists():
        label = f"seed's body x{MEMORY_DOC_COPIES} .doc"
        inputs.append(("doc", label, made.with_suffix(".doc")))
    return inputs


def _inflated_mib(path: Path) -> float:
    import zipfile

    with zipfile.ZipFile(path) as package:
        return sum(i.file_size for i in package.infolist()) / (1024 * 1024)


def memory(folder: Path) -> None:
    """Peak memory of one extraction per format, per MB of input."""
    (folder / "legacy").mkdir(parents=True)
    inputs = memory_inputs(folder)
    baseline, _, _ = peak_mib()
    print("\nmemory: peak RSS of one extraction in a child process (MiB), per MB of input")
    print(f"{'baseline: a child that only imports the pipeline':<52} {baseline:7.1f}")
    print(f"{'input':<34} {'MB':>6} {'peak':>7} {'MiB/MB':>7} {'marginal':>8} {'s':>6}")
    seeds: dict[str, tuple[float, float]] = {}
    for fmt, label, path in inputs:
        size = path.stat().st_size / (1024 * 1024)
        peak, soffice, seconds = peak_mib(path)
        per_mb = f"{(peak - baseline) / size:7.1f}" if size >= 0.5 else ""  # else: all baseline
        seed = seeds.setdefault(fmt, (size, peak))
        marginal = "" if seed == (size, peak) else f"{(peak - seed[1]) / (size - seed[0]):8.1f}"
        print(f"{label:<34} {size:6.2f} {peak:7.1f} {per_mb:>7} {marginal:>8} {seconds:6.2f}")
        if soffice:
            print(f"{'  LibreOffice beside it, its peak':<41} {soffice:7.1f}")
        if fmt == "docx" and path != SEED_DOCX:
            inflated = _inflated_mib(path)
            per = (peak - seed[1]) / (inflated - _inflated_mib(SEED_DOCX))
            print(f"{f'  parts inflate to {inflated:.1f} MB: marginal MiB per inflated MB':<58}"
                  f" {per:8.1f}")  # fmt: skip
        if fmt == "pdf" and path != SEED_PDF:
            pages = SEED_PAGES * MEMORY_PDF_COPIES
            per = (peak - seed[1]) / (pages - SEED_PAGES)
            print(f"{f'  {pages} pages: marginal MiB per page':<58} {per:8.2f}")
    if "doc" not in seeds:
        print("(.doc: skipped, needs soffice and .doc files in ../shared/corpus)")
    print("MiB/MB: (peak - baseline) / MB, for inputs of 0.5 MB or more;")
    print("marginal: (peak - the format's first row's) / (MB - its MB): what one more MB costs")


SCAN = ROOT / "samples" / "scans" / "000_789e38767d8a56d8_scan.pdf"
SCAN_PAGES = 10


def ocr_scan(folder: Path) -> None:
    """OCR: pages per second and peak memory of a 10-page scan (the first 10 pages of
    samples/scans/), in a child process, with the models' loading included."""
    import importlib.util

    print(f"\nOCR of a {SCAN_PAGES}-page scan (samples/scans/, 150 dpi), one child process")
    if importlib.util.find_spec("rapidocr_onnxruntime") is None:
        print("  skipped: the ocr extra is not installed (pip install 'notice-pipeline[ocr]')")
        return
    import pypdfium2

    folder.mkdir(parents=True, exist_ok=True)
    source = pypdfium2.PdfDocument(str(SCAN))
    ten = pypdfium2.PdfDocument.new()
    ten.import_pages(source, list(range(SCAN_PAGES)))
    path = folder / "scan10.pdf"
    ten.save(str(path))
    base, _, _ = peak_mib()
    peak, _, seconds = peak_mib(path)
    print(f"  {'seconds':<40} {seconds:8.1f}")
    print(f"  {'pages per second':<40} {SCAN_PAGES / seconds:8.2f}")
    print(f"  {'peak memory (MiB)':<40} {peak:8.1f}")
    print(f"  {'peak above importing the pipeline (MiB)':<40} {peak - base:8.1f}")
    # The command on one scan reads its pages in a pool of processes, one per core
    # (pipeline/pagepool.py); each worker loads the models and runs them on its core.
    cores = os.cpu_count() or 1
    out = folder / "out"
    child = (
        "import resource, subprocess, sys, time\n"
        "started = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
        " time.perf_counter() - started)\n"
    )
    command = [*CLI, "extract", str(path), "-o", str(out), "-q"]
    done = subprocess.run(
        [sys.executable, "-c", child, *command], capture_output=True, text=True, env=ENV
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-800:])
    largest, pooled = done.stdout.split()[-2:]
    print(f"the command on it (pages in a pool of {cores} processes, models loaded in each)")
    print(f"  {'seconds':<40} {float(pooled):8.1f}")
    print(f"  {'pages per second':<40} {SCAN_PAGES / float(pooled):8.2f}")
    print(f"  {'peak memory of its largest process (MiB)':<40} {int(largest) / 1024:8.1f}")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="notice-bench-"))
    use_bytecode_cache(work / "bytecode")
    try:
        startup(work / "startup", work)
        whole_process(work / "single")
        in_process()
        costs()
        batch(work)
        legacy_batch()
        memory(work / "memory")
        ocr_scan(work / "ocr")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
