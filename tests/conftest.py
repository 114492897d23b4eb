from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXPECTED = SAMPLES / "expected"
SHARED = ROOT.parent / "shared"
SEED = SAMPLES / "000_789e38767d8a56d8.txt"


def script_module(name: str):
    """A module of scripts/ (not a package), loaded once."""
    import importlib.util
    import sys

    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def run_cli(*args):
    """``notice-pipeline ARGS…`` in this process (click's runner): the Result."""
    from click.testing import CliRunner

    from pipeline.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


def manifest_lines(outdir) -> list[dict]:
    """The lines of OUTDIR/manifest.jsonl."""
    text = (Path(outdir) / "manifest.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines()]


def sample_files() -> list[Path]:
    return sorted(
        p for p in SAMPLES.iterdir() if p.is_file() and p.suffix in (".txt", ".docx", ".pdf")
    )


@pytest.fixture
def validate():
    """Assert that an output document (dict or path to JSON) follows the schema."""
    from pipeline.schema import validation_errors

    def check(document):
        if isinstance(document, (str, Path)):
            document = json.loads(Path(document).read_text(encoding="utf-8"))
        errors = validation_errors(document)
        assert errors == [], errors
        return document

    return check


@pytest.fixture
def validate_tree(validate):
    """Assert that every NAME.json below a folder follows the schema; return how many."""

    def check(folder: Path) -> int:
        files = [p for p in Path(folder).rglob("*.json")]
        for path in files:
            validate(path)
        return len(files)

    return check


@pytest.fixture
def write(tmp_path):
    """Write bytes or text to a file in a temporary folder and return its path."""

    def make(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode(encoding) if isinstance(content, str) else content
        path.write_bytes(data)
        return path

    return make


def cjk_font_file() -> str | None:
    """The Noto Sans CJK font's file (fonts-noto-cjk), for drawing test pages, or None."""
    import subprocess

    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{file}", "Noto Sans CJK SC"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out if "CJK" in out else None
