"""Rewrite the golden outputs in samples/expected/ from the current code.

Golden files are reviewed by hand: run `make golden`, read `git diff samples/expected`,
and commit only what you have checked cell by cell. Paths are written relative to
the repository (samples/NAME) so the files do not depend on where the checkout is.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import extract  # noqa: E402
from pipeline.writers import write_notice  # noqa: E402

SAMPLE_SUFFIXES = {".txt", ".docx", ".pdf"}


def main() -> None:
    os.chdir(ROOT)
    expected = Path("samples/expected")
    for old in expected.glob("*"):
        old.unlink()
    for sample in sorted(Path("samples").iterdir()):
        if sample.is_file() and sample.suffix in SAMPLE_SUFFIXES:
            notice = extract(sample)
            for path in write_notice(notice, expected):
                print(path)


if __name__ == "__main__":
    main()
