"""The README's examples run as written.

Convention (README authors, keep to it):

- In a code block marked ```sh, ```bash or ```console, a line is a command to check
  when, after an optional leading ``$ ``, it starts with ``notice-pipeline `` or
  ``python ``. Every other line is not run: installation and make lines (``pip install``,
  ``make demo``), comments, and the output shown after a ``$ `` command.
- The lines after a ``$ `` command, up to the next command or the end of the block, are
  that command's output: each must appear in what the command prints (stdout or stderr).
- Synopses with placeholders (``PATH...``, ``OUTDIR``) go in a block without a language
  (```), which is not run.
- Every ```python block runs as a script.

Each command and block runs on its own, with a copy of samples/ in a fresh temporary
folder as its working directory (so ``samples/…`` paths need no rewriting and ``out/``
is written there), ``notice-pipeline`` and ``python`` taken from the interpreter running
the tests, and must exit with status 0. A command that needs something not installed
(an extra, LibreOffice) is skipped, and the skip says what is missing.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SHELL_LANGUAGES = {"sh", "bash", "console", "shell"}
COMMAND = re.compile(r"^(?:\$ )?((?:notice-pipeline|python) .*)$")
FENCE = re.compile(r"^```(\S*)\s*$")


@dataclass
class Example:
    line: int  # where it starts in README.md
    kind: str  # "command" or "python"
    text: str
    expected: list[str] = field(default_factory=list)


def readme_examples(text: str) -> list[Example]:
    examples: list[Example] = []
    language = None  # None: outside a block
    block_start = 0
    block: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        fence = FENCE.match(line)
        if fence and language is None:
            language, block_start, block = fence.group(1), number + 1, []
            continue
        if fence and line.strip() == "```":
            if language == "python":
                examples.append(Example(block_start, "python", "\n".join(block) + "\n"))
            language = None
            continue
        if language is None:
            continue
        block.append(line)
        if language in SHELL_LANGUAGES:
            command = COMMAND.match(line)
            if command:
                examples.append(Example(number, "command", command.group(1)))
            elif line.startswith("$ "):
                examples.append(Example(number, "other", line))  # a prompt not ours: not run
            elif examples and examples[-1].kind == "command" and line.strip():
                last = examples[-1]
                if text.splitlines()[last.line - 1].startswith("$ "):
                    last.expected.append(line.strip())
    return [e for e in examples if e.kind != "other"]


EXAMPLES = readme_examples(README.read_text(encoding="utf-8"))


def missing_requirement(example: Example) -> str | None:
    """What the example needs and is not installed here, or None."""
    text = example.text
    needs = [
        (r"--dataset-format[ =]parquet|\.parquet", "pyarrow", "the parquet extra (pyarrow)"),
        (r"--executor[ =]dask", "distributed", "the dask extra (dask.distributed)"),
        (r"--ocr[ =](auto|force)|scans/|\.(png|jpe?g|tiff?)\b", "rapidocr_onnxruntime",
         "the ocr extra (rapidocr-onnxruntime)"),
    ]  # fmt: skip
    for pattern, module, what in needs:
        if re.search(pattern, text) and importlib.util.find_spec(module) is None:
            return f"needs {what}, not installed"
    if re.search(r"\.(doc|wps)\b", text) and shutil.which("soffice") is None:
        return "needs LibreOffice (soffice) for .doc/.wps, not installed"
    return None


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    return tmp_path


def environment() -> dict[str, str]:
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run(args, cwd: Path, *, shell: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(
        args,
        cwd=cwd,
        shell=shell,
        env=environment(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def example_id(example: Example) -> str:
    first = example.text.strip().splitlines()[0]
    return f"L{example.line}:{first[:50]}"


COMMANDS = [e for e in EXAMPLES if e.kind == "command"]
PYTHON_BLOCKS = [e for e in EXAMPLES if e.kind == "python"]


def test_the_readme_has_examples_to_run():
    # the convention found the README's examples: the one conversion shown with its
    # output, and the library's block
    assert len(COMMANDS) >= 3
    assert any(e.expected for e in COMMANDS)
    assert PYTHON_BLOCKS
    assert all(shlex.split(e.text)[0] in {"notice-pipeline", "python"} for e in COMMANDS), COMMANDS


@pytest.mark.parametrize("example", COMMANDS, ids=example_id)
def test_readme_command(example: Example, workdir: Path):
    reason = missing_requirement(example)
    if reason:
        pytest.skip(reason)
    command = example.text
    if command.startswith("python "):
        command = shlex.quote(sys.executable) + command[len("python") :]
    result = run(command, workdir, shell=True)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"README line {example.line}: {example.text}\n{output}"
    for line in example.expected:
        assert line in output, f"README line {example.line}: {line!r} not in\n{output}"
    if " -o " in command:  # a conversion: its outputs are where the README says
        outdir = workdir / shlex.split(command)[shlex.split(command).index("-o") + 1]
        assert (outdir / "manifest.jsonl").is_file()
        assert list(outdir.glob("*.json"))


@pytest.mark.parametrize("example", PYTHON_BLOCKS, ids=example_id)
def test_readme_python(example: Example, workdir: Path):
    reason = missing_requirement(example)
    if reason:
        pytest.skip(reason)
    script = workdir / "example.py"
    script.write_text(example.text, encoding="utf-8")
    result = run([sys.executable, str(script)], workdir)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"README line {example.line}:\n{output}"
    # what the comments of the block say it prints, where they say it exactly
    for line in example.text.splitlines():
        shown = re.search(r"print\(.*\)\s+#\s+(.+?)(?::|$)", line)
        if shown and "…" not in shown.group(1):
            assert shown.group(1).strip() in output, (line, output)


# ------------------------------------------------------------------ the options it lists

CLI_DOC = ROOT / "docs" / "cli.md"
# what the README's table of extract's options must list (issue 16)
README_MUST_LIST = {"-o", "--stdout", "--name", "--xlsx", "--csv-encoding", "-v", "--verbose",
                    "--log-file", "--fill", "--jobs", "--quiet"}  # fmt: skip


def command_options(name: str) -> set[str]:
    """The options of a command as --help lists them, without -h/--help."""
    from pipeline.cli import cli

    params = cli.commands[name].params
    found = {o for p in params for o in (*p.opts, *p.secondary_opts) if o.startswith("-")}
    return found - {"-h", "--help"}


def table_options(text: str, column: int = 0) -> set[str]:
    """The options named in the given column of the markdown tables of ``text``."""
    found: set[str] = set()
    for line in text.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) > column and cells[column].startswith("`"):
            found |= set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", cells[column]))
    return found


def test_the_readmes_options_exist_and_include_the_essential_ones():
    listed = table_options(README.read_text(encoding="utf-8"))
    assert listed, "no options table found in the README"
    assert listed <= command_options("extract"), listed - command_options("extract")
    assert listed >= README_MUST_LIST, README_MUST_LIST - listed


def test_the_readme_and_docs_cli_name_every_command():
    from pipeline.cli import cli

    for text in (README.read_text(encoding="utf-8"), CLI_DOC.read_text(encoding="utf-8")):
        named = set(re.findall(r"^notice-pipeline (\w+) ", text, flags=re.MULTILINE))
        assert set(cli.commands) <= named, set(cli.commands) - named


def test_docs_cli_lists_every_option_of_every_command():
    text = CLI_DOC.read_text(encoding="utf-8")
    extract = table_options(text.split("## The options of the other commands")[0])
    assert extract == command_options("extract"), extract ^ command_options("extract")
    others = text.split("## The options of the other commands")[1].split("\n## ")[0]
    rows = [line for line in others.splitlines() if line.startswith("| `")]
    for name in ("prune", "inspect"):
        mine = "\n".join(row for row in rows if row.startswith(f"| `{name} "))
        listed = table_options(mine, column=1)
        assert listed == command_options(name), (name, listed ^ command_options(name))
    for name in ("report", "schema", "validate"):
        assert command_options(name) == set(), name  # the docs say they have none
