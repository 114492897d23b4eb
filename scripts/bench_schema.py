"""Benchmark: the model as plain dataclasses with our schema generator, against pydantic.

Run with `python scripts/bench_schema.py [--runs N] [--count 4000]`. Prints a table; nothing
here asserts a speed. It measures what issue 17 asked the choice to rest on: import time,
validation speed on a 4,000-notice run, and schema generation. The pydantic side is not a
second copy of the model: it is pydantic applied to pipeline.model's own dataclasses,
``pydantic.TypeAdapter(Notice)`` (pydantic accepts stdlib dataclasses and builds the same
Notice objects), so both sides describe exactly the same shape.

pydantic is not a dependency of the project and its venv must not get it. Under the
project's venv the script prints the dataclass figures only; for the pydantic ones run it
from another venv that has pydantic (and jsonschema):

    python -m venv /tmp/pyd && /tmp/pyd/bin/pip install pydantic jsonschema fastjsonschema orjson
    /tmp/pyd/bin/python scripts/bench_schema.py

That venv cannot read .docx or .pdf, nor run the command: the notices are then extracted
and the start-up timed with the project's interpreter (.venv/bin/python, or
--pipeline-python), with pydantic's folder appended to its sys.path for the start-up run
that pays for pydantic.

1. Import, in fresh interpreters: the wall time of ``python -c "import X"`` less that of
   ``python -c pass``, the commands run in turn, round after round, and the median of the
   rounds' differences. The pydantic model's cost is ``import pydantic`` plus building
   ``TypeAdapter(Notice)`` (a pydantic model pays both when its module is imported: the
   validator is built at class creation). Start-up: ``python -c "import pipeline;
   pipeline.extract('samples/hz_gbk_crlf.txt')"``, with and without that pydantic cost,
   against the budget of docs/performance.md (a .txt conversion, the whole process, takes
   at most 3 times ``python -c "import click"``; scripts/bench.py times the command
   ``notice-pipeline extract seed.txt -o DIR``, here the library call is timed). Every child
   runs with its modules' bytecode compiled, in a private cache filled by a warm-up round.
2. Validation, in this process: the .txt, .docx and .pdf notices of samples/ (their
   ``to_dict()``), repeated in turn to COUNT notices (references to the same few dicts,
   not copies). Each way validates or reads all of them, RUNS times in turn; the total is
   the median run, per notice is total / COUNT. Peak memory: tracemalloc's peak while one
   notice is validated (result dropped), the largest over the distinct samples, above
   what was allocated before (pydantic-core's own Rust buffers are not traced, the Python
   objects it makes are).
3. Schema generation: ``pipeline.schema.generate()`` against
   ``TypeAdapter(Notice).json_schema()``, median of RUNS×10 calls, and what each schema
   says: descriptions, the constraints spec() adds (format, pattern, minimum), closed
   objects, required keys.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import schema as schema_mod  # noqa: E402
from pipeline.model import Notice  # noqa: E402

STARTUP_LIMIT = 3.0  # docs/performance.md: .txt conversion / python -c "import click"
TXT = "samples/hz_gbk_crlf.txt"
SAMPLE_GLOBS = ("*.txt", "*.docx", "*.pdf")
VERSION_KEYS = ("schema_version", "pipeline_version")  # written by to_dict, not fields
CONSTRAINTS = ("format", "pattern", "minimum", "maximum", "minItems", "maxItems", "const")
HAS_PYDANTIC = importlib.util.find_spec("pydantic") is not None


def has(python: str, *modules: str) -> bool:
    probe = (
        "import importlib.util as u, sys; sys.exit(not all(u.find_spec(m) for m in sys.argv[1:]))"
    )
    return subprocess.run([python, "-c", probe, *modules], capture_output=True).returncode == 0


# ---------------------------------------------------------------- 1. import and start-up


class Children:
    """Fresh interpreters run with a private bytecode cache, filled by a warm-up run."""

    def __init__(self, cache: Path) -> None:
        self.env = dict(os.environ, PYTHONPYCACHEPREFIX=str(cache))
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)

    def run(self, cmd: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=self.env)
        return time.perf_counter() - start

    def rounds(self, cmds: dict[str, list[str]], n: int) -> dict[str, list[float]]:
        """Each command once per round, in turn, ``n`` rounds after a warm-up round."""
        for cmd in cmds.values():
            self.run(cmd)
        times: dict[str, list[float]] = {name: [] for name in cmds}
        for _ in range(n):
            for name, cmd in cmds.items():
                times[name].append(self.run(cmd))
        return times


def med_diff(a: list[float], b: list[float]) -> float:
    return statistics.median(x - y for x, y in zip(a, b, strict=True))


def med_ratio(a: list[float], b: list[float]) -> float:
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


def imports(children: Children, pipeline_python: str, n: int) -> None:
    py = sys.executable
    adapter = "import pydantic, pipeline.model; pydantic.TypeAdapter(pipeline.model.Notice)"
    cmds = {"pass": [py, "-c", "pass"], "model": [py, "-c", "import pipeline.model"]}
    if HAS_PYDANTIC:
        cmds["pydantic"] = [py, "-c", "import pydantic"]
        cmds["adapter"] = [py, "-c", adapter]
    t = children.rounds(cmds, n)
    base = statistics.median(t["pass"])
    print(f"1. Import, fresh interpreters ({sys.executable}), median of {n} rounds")
    print(f"   python -c pass (the interpreter alone)                  {base * 1e3:7.1f} ms")
    model = med_diff(t["model"], t["pass"])
    print(f"   import pipeline.model (dataclasses), above that         {model * 1e3:7.1f} ms")
    if HAS_PYDANTIC:
        pyd = med_diff(t["pydantic"], t["pass"])
        both = med_diff(t["adapter"], t["pass"])
        print(f"   import pydantic, above that                             {pyd * 1e3:7.1f} ms")
        print(f"   import pydantic + pipeline.model + TypeAdapter(Notice)  {both * 1e3:7.1f} ms")
        print(
            f"   -> a pydantic model costs {(both - model) * 1e3:.0f} ms more at every start "
            f"({both / max(model, 1e-4):.0f}x the dataclasses)"
        )

    # Start-up of a .txt extraction, with the project's interpreter.
    txt = f"import pipeline; pipeline.extract({TXT!r})"
    sp = [pipeline_python, "-c"]
    cmds = {"pass": [*sp, "pass"], "click": [*sp, "import click"], "txt": [*sp, txt]}
    pyd_dir = None
    if HAS_PYDANTIC:
        import pydantic

        pyd_dir = str(Path(pydantic.__file__).resolve().parent.parent)
        prelude = "import sys; sys.path.append(sys.argv[1]); " if pipeline_python != py else ""
        with_pyd = f"{prelude}{adapter}; {txt}"
        cmds["txt+pydantic"] = [*sp, with_pyd, pyd_dir]
    t = children.rounds(cmds, n)
    print(f"\n   start-up ({pipeline_python}), median of {n} rounds")
    print(f"   python -c 'import click'                                 {_s(t['click'])}")
    ratio = med_ratio(t["txt"], t["click"])
    print(f"   python -c \"import pipeline; pipeline.extract('{TXT}')\"")
    print(f"     dataclasses (as committed)                             {_s(t['txt'])}")
    print(f"       / import click: {ratio:.2f} (budget: at most {STARTUP_LIMIT:.2f})")
    if pyd_dir:
        extra = med_diff(t["txt+pydantic"], t["txt"])
        ratio_p = med_ratio(t["txt+pydantic"], t["click"])
        print(
            f"     + import pydantic + TypeAdapter(Notice)                {_s(t['txt+pydantic'])}"
        )
        if prelude:
            print(f"       (pydantic from {pyd_dir}, appended to sys.path)")
        print(f"       / import click: {ratio_p:.2f} (budget: at most {STARTUP_LIMIT:.2f})")
        print(f"       pydantic adds {extra * 1e3:.0f} ms to the run")
    print(
        "   (budget: docs/performance.md, `make bench`: `notice-pipeline extract seed.txt -o DIR`"
        f"\n    at most {STARTUP_LIMIT:g} x `python -c 'import click'`, last published 2.77)"
    )


def _s(times: list[float]) -> str:
    return f"{statistics.median(times) * 1e3:7.1f} ms"


# ---------------------------------------------------------------- 2. validation


def sample_paths() -> list[Path]:
    return sorted(p for g in SAMPLE_GLOBS for p in (ROOT / "samples").glob(g))


def sample_dicts(pipeline_python: str) -> list[dict]:
    """``pipeline.extract(path).to_dict()`` of each sample, through JSON (as files hold it)."""
    code = (
        "import json, sys, pipeline\n"
        "out = [pipeline.extract(p).to_dict() for p in sys.argv[1:]]\n"
        "sys.stdout.write(json.dumps(out, ensure_ascii=False))\n"
    )
    paths = [str(p) for p in sample_paths()]
    done = subprocess.run(
        [pipeline_python, "-c", code, *paths], check=True, capture_output=True, cwd=ROOT
    )
    return json.loads(done.stdout)


def timed_run(fn: Callable[[object], object], inputs: list) -> float:
    start = time.perf_counter()
    for item in inputs:
        fn(item)
    return time.perf_counter() - start


def peak_kib(fn: Callable[[object], object], distinct: list) -> float:
    """The largest tracemalloc peak of one call over ``distinct`` inputs, in KiB."""
    peaks = []
    tracemalloc.start()
    try:
        for item in distinct:
            gc.collect()
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            fn(item)
            peaks.append(tracemalloc.get_traced_memory()[1] - base)
    finally:
        tracemalloc.stop()
    return max(peaks) / 1024


def validation(samples: list[dict], count: int, runs: int) -> None:
    distinct = samples
    dicts = [samples[i % len(samples)] for i in range(count)]
    bodies_distinct = [{k: v for k, v in d.items() if k not in VERSION_KEYS} for d in samples]
    bodies = [bodies_distinct[i % len(samples)] for i in range(count)]
    raw_distinct = [json.dumps(d, ensure_ascii=False).encode("utf-8") for d in samples]
    raws = [raw_distinct[i % len(samples)] for i in range(count)]
    kb = sum(len(raws[i]) for i in range(count)) / count / 1024
    names = ", ".join(p.name for p in sample_paths())
    print(f"\n2. Validation of {count:,} notices: the {len(samples)} samples of samples/")
    print(textwrap.fill(f"({names}),", 96, initial_indent="   ", subsequent_indent="    "))
    print(
        f"   repeated in turn to {count:,} (references, not copies; {kb:.1f} KiB of JSON a "
        f"notice on average); median of {runs} runs"
    )

    validator = schema_mod._validator()  # jsonschema, date format checked
    ways: list[tuple[str, Callable, list, list]] = [
        (
            "pipeline.schema.validation_errors (fastjsonschema; jsonschema if invalid)",
            schema_mod.validation_errors,
            dicts,
            distinct,
        ),
        ("fastjsonschema, the compiled schema alone", schema_mod._compiled(), dicts, distinct),
        (
            "jsonschema, one Draft202012Validator reused (iter_errors)",
            lambda d: list(validator.iter_errors(d)),
            dicts,
            distinct,
        ),
        ("Notice.from_dict(d) (typed objects, no validation)", Notice.from_dict, dicts, distinct),
        (
            "Notice.from_dict(json.loads(bytes))",
            lambda b: Notice.from_dict(json.loads(b)),
            raws,
            raw_distinct,
        ),
    ]
    if HAS_PYDANTIC:
        import pydantic

        adapter = pydantic.TypeAdapter(Notice)
        ways += [
            ("pydantic TypeAdapter(Notice).validate_python(d)", adapter.validate_python, bodies,
             bodies_distinct),
            ("pydantic TypeAdapter(Notice).validate_json(bytes)", adapter.validate_json, raws,
             raw_distinct),
        ]  # fmt: skip
        same = all(adapter.validate_python(b) == Notice.from_dict(d) for b, d in
                   zip(bodies_distinct, samples, strict=True))  # fmt: skip
    invalid = sum(not validator.is_valid(d) for d in samples)

    totals: dict[str, list[float]] = {name: [] for name, *_ in ways}
    for _ in range(runs):  # the ways in turn, run after run: a drift of the machine hits all
        for name, fn, inputs, _distinct in ways:
            gc.collect()
            totals[name].append(timed_run(fn, inputs))
    width = max(len(name) for name in totals)
    print(f"   {'':{width}}  {'per notice':>12}  {'total':>9}  {'peak (one notice)':>17}")
    for name, fn, _inputs, few in ways:
        total = statistics.median(totals[name])
        peak = peak_kib(fn, few)
        print(f"   {name:{width}}  {total / count * 1e6:9.0f} µs  {total:7.2f} s  {peak:13.0f} KiB")
    print(f"   samples invalid under the schema: {invalid} of {len(samples)}")
    if HAS_PYDANTIC:
        print(
            "   pydantic's Notice objects equal from_dict's: "
            f"{'yes' if same else 'NO'}, for every sample. pydantic checks types (lax mode),"
            "\n   not the schema's constraints (format, pattern, minimum), and ignores unknown"
            " keys\n   (the schema forbids them; from_dict refuses them)"
        )


# ---------------------------------------------------------------- 3. schema generation


def per_call(fn: Callable[[], object], runs: int, loops: int = 10) -> float:
    fn()
    times = []
    for _ in range(runs * loops):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def properties(schema: dict) -> dict[tuple[str, str], dict]:
    """{(object, key): its schema} for every property of the root and of every $defs object."""
    objects = {"(root)": schema, **schema.get("$defs", {})}
    return {
        (obj, key): prop
        for obj, node in objects.items()
        for key, prop in node.get("properties", {}).items()
    }


def constraints(prop: dict) -> set[str]:
    """The constraint keywords of a property, wherever its type puts them."""
    found = {k for k in CONSTRAINTS if k in prop}
    for option in prop.get("anyOf", []):
        found |= constraints(option)
    if isinstance(prop.get("items"), dict):
        found |= {f"items.{k}" for k in constraints(prop["items"])}
    return found


def generation(runs: int) -> None:
    print(f"\n3. Schema generation, in this process, median of {runs * 10} calls")
    ours = schema_mod.generate()
    t_ours = per_call(schema_mod.generate, runs)
    print(f"   pipeline.schema.generate()                   {t_ours * 1e3:8.2f} ms")
    if not HAS_PYDANTIC:
        return
    import pydantic

    adapter = pydantic.TypeAdapter(Notice)
    theirs = adapter.json_schema()
    t_theirs = per_call(adapter.json_schema, runs)
    t_build = per_call(lambda: pydantic.TypeAdapter(Notice).json_schema(), runs)
    print(f"   TypeAdapter(Notice).json_schema()            {t_theirs * 1e3:8.2f} ms")
    print(f"   the same with the adapter built each time    {t_build * 1e3:8.2f} ms")

    a, b = properties(ours), properties(theirs)
    common = a.keys() & b.keys()
    objs_a = {"(root)": ours, **ours["$defs"]}
    objs_b = {"(root)": theirs, **theirs.get("$defs", {})}
    described = (
        sum("description" in a[k] for k in common),
        sum("description" in b[k] for k in common),
    )
    con_a = {k: constraints(a[k]) - {"const"} for k in common}
    con_b = {k: constraints(b[k]) - {"const"} for k in common}
    n_con = sum(bool(v) for v in con_a.values())
    kept = sum(bool(con_a[k]) and con_a[k] <= con_b[k] for k in common)
    lost: dict[str, list[str]] = {}  # constraint keyword: the properties that lost it
    for obj, key in sorted(common):
        for word in sorted(con_a[(obj, key)] - con_b[(obj, key)]):
            lost.setdefault(word, []).append(f"{obj}.{key}")
    undescribed = sorted(
        f"{o}.{p}"
        for o, p in common
        if "description" in a[(o, p)] and "description" not in b[(o, p)]
    )
    closed = (
        sum(o.get("additionalProperties") is False for o in objs_a.values()),
        sum(o.get("additionalProperties") is False for o in objs_b.values()),
    )
    required = (
        sum(len(o.get("required", [])) for o in objs_a.values()),
        sum(len(o.get("required", [])) for o in objs_b.values()),
    )
    obj_desc = (
        sum("description" in o for o in objs_a.values()),
        sum("description" in o for o in objs_b.values()),
    )
    only_ours = sorted(f"{o}.{p}" for o, p in a.keys() - b.keys())
    print(f"   {'':44} {'ours':>6} {'pydantic':>9}")
    print(f"   {'objects ($defs and the root)':44} {len(objs_a):6} {len(objs_b):9}")
    print(f"   {'properties':44} {len(a):6} {len(b):9}")
    print(f"   {'objects with a description (docstrings)':44} {obj_desc[0]:6} {obj_desc[1]:9}")
    print(f"   {'properties with a description (spec())':44} {described[0]:6} {described[1]:9}")
    print(f"   {'properties with constraints (spec(): format…)':44} {n_con:6} {kept:9}")
    print(f"   {'objects closed (additionalProperties: false)':44} {closed[0]:6} {closed[1]:9}")
    print(f"   {'required keys (ours: every key)':44} {required[0]:6} {required[1]:9}")
    print(f"   size of the schema (JSON)                    {_kib(ours):>6} {_kib(theirs):>9}")
    print(
        "   pydantic reads spec()'s descriptions (a dataclass field's metadata['description'] is"
        "\n   a Field argument to it), all but beside a $ref: " + (", ".join(undescribed) or "none")
    )
    print(
        f"   and keeps the constraints (metadata['schema']) of {kept} of the {n_con} properties"
        " that have some;\n   lost, by keyword:"
    )
    for word, where in lost.items():
        text = f"{word} ({len(where)}): {', '.join(where)}"
        print(textwrap.fill(text, 96, initial_indent="     ", subsequent_indent="       "))
    if only_ours:
        print(f"   only in ours (not fields of Notice): {', '.join(only_ours)}")


def _kib(schema: dict) -> str:
    return f"{len(json.dumps(schema, ensure_ascii=False).encode()) / 1024:.0f}K"


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each validation (3)")
    parser.add_argument("--rounds", type=int, default=15, help="rounds of fresh interpreters")
    parser.add_argument("--count", type=int, default=4000, help="notices validated (4000)")
    parser.add_argument(
        "--pipeline-python",
        help="interpreter with the project's dependencies, to extract the samples and time "
        "the start-up (default: this one if it can, else .venv/bin/python)",
    )
    args = parser.parse_args()
    pipeline_python = args.pipeline_python
    if not pipeline_python:
        needed = ("click", "docx", "pdfplumber")
        if has(sys.executable, *needed):
            pipeline_python = sys.executable
        else:
            pipeline_python = str(ROOT / ".venv" / "bin" / "python")
    if not has(pipeline_python, "click", "docx", "pdfplumber"):
        sys.exit(f"error: {pipeline_python} cannot read the samples. fix: --pipeline-python PY")

    import platform

    import jsonschema  # noqa: F401  (the schema's validator: a dependency of the project)

    versions = [f"Python {platform.python_version()}", f"jsonschema {_version('jsonschema')}"]
    if HAS_PYDANTIC:
        versions.append(f"pydantic {_version('pydantic')} (core {_version('pydantic-core')})")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"bench_schema: {', '.join(versions)}; {os.cpu_count()} cores, load {load}")
    with tempfile.TemporaryDirectory() as cache:
        imports(Children(Path(cache)), pipeline_python, args.rounds)
    validation(sample_dicts(pipeline_python), args.count, args.runs)
    generation(args.runs)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload at the end: {load}")
    if not HAS_PYDANTIC:
        print(
            "pydantic figures: not measured, pydantic is not importable here (and the project's"
            "\nvenv must not get it): `python -m venv /tmp/pyd && /tmp/pyd/bin/pip install "
            "pydantic\njsonschema orjson`, then `/tmp/pyd/bin/python scripts/bench_schema.py`"
        )


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


if __name__ == "__main__":
    main()
