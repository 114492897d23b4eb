"""A ``pipeline.executors.CONVERT`` for the tests of time limits under Dask.

Monkeypatching does not reach other processes, so the tests point ``CONVERT`` here: the
function is sent to Dask workers and converter processes by name, and they import this
module (tests/ is on their sys.path, which they take from the process that starts them).

- an input whose name contains "stuck-N" sleeps N seconds before its conversion, where
  process_one's own limit (SIGALRM) does not reach it: only a kill stops it;
- one whose name contains "slow-N" sleeps N seconds inside the conversion (in
  ``pipeline.core.extract_bytes``), where process_one's own limit stops it;
- one whose name contains "crash" ends its process at once (exit code 3);
- any other is converted as usual.
"""

from __future__ import annotations

import re
import time

from pipeline.batch import process_one


def _seconds(kind: str, name: str) -> float | None:
    found = re.search(rf"{kind}-(\d+)", name)
    return float(found.group(1)) if found else None


def convert(task, outdir, options):
    if "crash" in task.name:
        import os

        os._exit(3)
    stuck = _seconds("stuck", task.name)
    if stuck:
        time.sleep(stuck)
    if _seconds("slow", task.name):
        _slow_extraction()
    return process_one(task, outdir, options)


def _slow_extraction() -> None:
    import pipeline.core

    real = pipeline.core.extract_bytes
    if getattr(real, "slowed", False):
        return

    def extract_bytes(location, data, *args, **kwargs):
        seconds = _seconds("slow", str(location))
        if seconds:
            time.sleep(seconds)
        return real(location, data, *args, **kwargs)

    extract_bytes.slowed = True
    pipeline.core.extract_bytes = extract_bytes
