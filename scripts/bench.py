"""Benchmark: start-up, whole-process extraction and in-process throughput on the samples.

Run with `make bench`. Prints a table; nothing here asserts a speed.
"""

from __future__ import annotations

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
CLI = [sys.executable, "-m", "pipeline"]
SEED = ROOT / "samples" / "000_789e38767d8a56d8.txt"
REPEAT = 7


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def median_time(cmd: list[str]) -> float:
    timed(cmd)  # warm the file cache
    return statistics.median(timed(cmd) for _ in range(REPEAT))


def main() -> None:
    import pipeline

    out = Path(tempfile.mkdtemp(prefix="notice-bench-"))
    try:
        rows = [
            ("python -c pass (interpreter alone)", median_time([sys.executable, "-c", "pass"])),
            ("notice-pipeline --help", median_time([*CLI, "--help"])),
            (
                "notice-pipeline extract seed.txt -o DIR",
                median_time([*CLI, "extract", str(SEED), "-o", str(out)]),
            ),
        ]
        print(f"{'whole process (median of ' + str(REPEAT) + ')':<48} seconds")
        for name, seconds in rows:
            print(f"{name:<48} {seconds:.3f}")
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(f"{'peak memory of a child process':<48} {peak_kib / 1024:.1f} MiB")

        print()
        print(f"{'in process, per sample':<48} docs/s   ms/doc")
        samples = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix == ".txt")
        for sample in samples:
            pipeline.extract(sample)
            n = 200
            start = time.perf_counter()
            for _ in range(n):
                pipeline.extract(sample)
            per_doc = (time.perf_counter() - start) / n
            print(f"{sample.name:<48} {1 / per_doc:7.0f}  {per_doc * 1000:7.2f}")
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
