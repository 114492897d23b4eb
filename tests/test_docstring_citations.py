"""What the docstrings, comments and docs cite exists: every `make TARGET` is a target of
the Makefile, every file of the repository they name (tests/…, scripts/…, pipeline/…,
docs/…, samples/…, schemas/…; readers/…, notice/… and data/… of the package) is there.
A figure a docstring cites comes from a command (docs/development.md); a command or a file
that is gone cannot print it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# `make bench`, ``make compare-times``: a target in backquotes (plain "make it readable"
# is English).
MAKE = re.compile(r"`{1,2}make ([a-z][a-z0-9-]*)")
# A file of the repository, by its path from the root, with an extension.
PATH = re.compile(
    r"(?<![\w./-])((?:tests|scripts|pipeline|docs|samples|schemas)/[\w./-]*\w\.(?:py|md|tsv|csv|json|dict|png))"
)


# A module or data file named from the package: readers/ocr.py, notice/layout.py, data/….
PACKAGE_PATH = re.compile(r"(?<![\w./-])((?:readers|notice|data)/\w+\.(?:py|csv|tsv|dict))")


def cited_in() -> list[Path]:
    files = [*ROOT.glob("pipeline/**/*.py"), *ROOT.glob("scripts/*.py")]
    files += [*ROOT.glob("docs/*.md"), ROOT / "README.md", ROOT / "pyproject.toml"]
    return sorted(f for f in files if f.is_file())


def text_of(path: Path) -> str:
    """The file's text; of a TOML file, its comments only (its keys name paths inside
    the wheel, not files of the repository)."""
    text = path.read_text("utf-8")
    if path.suffix == ".toml":
        return "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    return text


def targets() -> set[str]:
    text = (ROOT / "Makefile").read_text("utf-8")
    return {m.group(1) for m in re.finditer(r"^([a-z][a-z0-9-]*):", text, re.MULTILINE)}


def test_every_make_target_cited_is_in_the_makefile():
    known = targets()
    missing = [
        f"{f.relative_to(ROOT)}: make {m.group(1)}"
        for f in cited_in()
        for m in MAKE.finditer(text_of(f))
        if m.group(1) not in known
    ]
    assert not missing, missing


def test_every_file_cited_exists():
    missing = [
        f"{f.relative_to(ROOT)}: {m.group(1)}"
        for f in cited_in()
        for m in PATH.finditer(text_of(f))
        if not (ROOT / m.group(1)).exists()
    ]
    assert not missing, missing


def test_every_package_file_cited_exists():
    """In the package and the docs (a script may name another package's data/…)."""
    missing = [
        f"{f.relative_to(ROOT)}: {m.group(1)}"
        for f in cited_in()
        if f.parent.name != "scripts"
        for m in PACKAGE_PATH.finditer(text_of(f))
        if not (ROOT / "pipeline" / m.group(1)).exists()
    ]
    assert not missing, missing
