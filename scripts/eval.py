"""How well does the pipeline read real notices? (`make eval`)

Extracts (as `notice-pipeline extract --force`, in this process through pipeline.batch,
into a temporary folder) every file listed in ../shared/corpus/real/truth.json and
../shared/corpus/dev/truth.json, and the layout variants of samples/variants/, then
prints per corpus:

- one line per document: its score in [0, 1] and the checks that failed, as
  ../shared/tools/score_corpus.py scores it (its score_doc is imported from there, not
  copied);
- the mean per format, scans ("ocr": true in the truth) apart;
- per part (title, doc_number, date, doc_type, recipients, tables, attachments, table
  found, table rows, table cells): the share of documents where that check passed. Each
  part is scored by score_doc on the truth reduced to that part, so a part passes
  exactly when score_corpus would not list it as failed; a document without output
  fails every part;
- for the variants (scored with score_notice of scripts/score_variants.py): per part,
  per format, and "variants: N/M correct".

Without ../shared (or without the variants' scorer and truth) it says so and goes on.
Every output is also validated against schemas/notice.schema.json ("schema: N/N outputs
valid"). It is a report: the exit status is 0, unless --min X is given and a mean is below
X (each corpus's mean score; for the variants, the share of parts right) or an output
breaks the schema. Progress goes
to stderr; .doc files go through LibreOffice, so a run takes a minute or two.

    python scripts/eval.py [--min 0.8] [--jobs N] [--out DIR] [--shared DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import batch  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPORA = ("real", "dev")
VARIANTS = ROOT / "samples" / "variants"
VARIANT_SCORER = ROOT / "scripts" / "score_variants.py"

# Parts of a corpus truth, in the order they are shown, and the truth keys each reads.
FIELDS = ("title", "doc_number", "date", "doc_type", "recipients")
PARTS = (*FIELDS, "tables", "attachments", "table found", "table rows", "table cells")


def load_module(name: str, path: Path):
    """A module from a file that is not in a package (score_corpus.py, score_variants.py)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ extraction


def extract_all(jobs: list[tuple[str, str]], outdir: Path, workers: int) -> dict[str, dict]:
    """Convert every (source, output name) with --force; progress on stderr.

    Returns the manifest lines by output name.
    """
    total = len(jobs)
    started = time.perf_counter()
    done = 0

    def progress(entry: dict) -> None:
        nonlocal done
        done += 1
        status = entry["status"]
        if status == "failed":
            status += f" ({entry['error']['type']})"
        say(
            f"[{done:{len(str(total))}}/{total}] {time.perf_counter() - started:6.1f} s  "
            f"{entry['output']}: {status}, {entry.get('seconds') or 0:.1f} s"
        )

    options = batch.Options(force=True)
    say(f"extracting {total} files with {workers} worker(s) into {outdir}")
    entries = batch.run(jobs, str(outdir), options, jobs=min(workers, total), progress=progress)
    say(f"extracted in {time.perf_counter() - started:.1f} s")
    return {e["output"]: e for e in entries}


def read_output(outdir: Path, name: str) -> dict | None:
    path = outdir / f"{name}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


# ------------------------------------------------------------------ real and dev corpora


def part_truths(truth: dict) -> dict[str, list[dict]]:
    """Each part of a truth as the truths (one or more) that check it alone."""
    parts: dict[str, list[dict]] = {}
    for key in FIELDS:
        if key in truth:
            parts[key] = [{key: truth[key]}]
    bounds = {k: truth[k] for k in ("min_tables", "max_tables") if k in truth}
    if bounds:
        parts["tables"] = [bounds]
    if "min_attachments" in truth:
        parts["attachments"] = [{"min_attachments": truth["min_attachments"]}]
    specs = truth.get("tables") or []
    if specs:
        where = [{k: s[k] for k in ("header", "nth") if k in s} for s in specs]
        parts["table found"] = [{"tables": [w]} for w in where]
        rows = [{"tables": [{**w, "rows": s["rows"]}]} for w, s in zip(where, specs, strict=True)
                if "rows" in s]  # fmt: skip
        cells = [{"tables": [{**w, "cells": s["cells"]}]} for w, s in zip(where, specs, strict=True)
                 if s.get("cells")]  # fmt: skip
        if rows:
            parts["table rows"] = rows
        if cells:
            parts["table cells"] = cells
    return parts


def score_corpus(name: str, folder: Path, truth: dict, outdir: Path, entries, scorer) -> float:
    """Print the corpus's report; return its mean score."""
    print(f"\n== {name}: {len(truth)} documents ({folder})")
    width = min(max((scorer.dwidth(n) for n in truth), default=20), 60)
    scores: list[float] = []
    by_format: dict[str, list[float]] = defaultdict(list)
    by_part: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for file, t in truth.items():
        fmt = Path(file).suffix.lstrip(".").lower() + ("(ocr)" if t.get("ocr") else "")
        output = read_output(outdir, f"{name}/{file}")
        if output is None:
            entry = entries.get(f"{name}/{file}") or {}
            error = (entry.get("error") or {}).get("type") or entry.get("status", "not run")
            score, fails = 0.0, [f"no output ({error})"]
        else:
            score, fails = scorer.score_doc(t, output)
        scores.append(score)
        by_format[fmt].append(score)
        for part, checks in part_truths(t).items():
            passed = output is not None and all(
                scorer.score_doc(c, output)[0] == 1.0 for c in checks
            )
            by_part[part][0] += passed
            by_part[part][1] += 1
        print(f"{scorer.clip(file, width)} {score:.2f}  " + ("; ".join(fails) if fails else "ok"))
    mean = sum(scores) / len(scores) if scores else 0.0
    print(f"{name} per format (mean score):")
    for fmt in sorted(by_format):
        values = by_format[fmt]
        print(f"    {fmt:<10} {sum(values) / len(values):.2f} over {len(values)}")
    print(f"{name} per part (documents where the check passed / documents that have it):")
    for part in PARTS:
        if part in by_part:
            ok, total = by_part[part]
            print(f"    {part:<12} {ok:3}/{total:<3} {ok / total:.2f}")
    print(f"{name}: mean {mean:.2f} over {len(scores)}")
    return mean


# ------------------------------------------------------------------ layout variants


def check_schema(outdir: Path) -> tuple[list[str], int]:
    """Validate every output JSON against schemas/notice.schema.json (generated from the
    model); print the invalid ones with their first error. Returns (invalid, count)."""
    from pipeline.schema import validation_errors

    paths = sorted(p for p in outdir.rglob("*.json") if "dataset" not in p.parts)
    invalid = []
    for path in paths:
        errors = validation_errors(json.loads(path.read_text(encoding="utf-8")))
        if errors:
            invalid.append(str(path.relative_to(outdir)))
            print(f"schema: {path.relative_to(outdir)}: {errors[0]}")
    return invalid, len(paths)


def score_variants(truth: dict, outdir: Path, entries, scorer) -> tuple[int, int, float]:
    """Print the variants' report; return (files all right, files, share of parts right)."""
    print(f"\n== variants: {len(truth)} files ({VARIANTS})")
    results = {}
    for file, t in truth.items():
        output = read_output(outdir, f"variants/{file}")
        if output is None:
            entry = entries.get(f"variants/{file}") or {}
            message = (entry.get("error") or {}).get("message") or "no output"
            results[file] = [(key, False, message) for key in t]
        else:
            results[file] = scorer.score_notice(output, t)
    return scorer.report(results)


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min", type=float, default=None, help="exit 1 when a mean is below this")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="documents at once")
    ap.add_argument("--out", type=Path, help="write the outputs here (default: a temporary folder)")
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (../shared)")
    args = ap.parse_args(argv)

    # What there is to score.
    corpora: dict[str, tuple[Path, dict]] = {}
    scorer = None
    tool = args.shared / "tools" / "score_corpus.py"
    if not tool.exists():
        print(f"{args.shared}: no shared corpora here ({tool.name} not found); real and dev "
              "are not scored")  # fmt: skip
    else:
        scorer = load_module("score_corpus", tool)
        for name in CORPORA:
            folder = args.shared / "corpus" / name
            truth_file = folder / "truth.json"
            if truth_file.exists():
                corpora[name] = (folder, json.loads(truth_file.read_text(encoding="utf-8")))
            else:
                print(f"{truth_file}: not found; {name} is not scored")
    variant_truth = None
    variant_scorer = None
    if VARIANT_SCORER.exists() and (VARIANTS / "truth.json").exists():
        variant_scorer = load_module("score_variants", VARIANT_SCORER)
        variant_truth = json.loads((VARIANTS / "truth.json").read_text(encoding="utf-8"))
    else:
        missing = [
            os.path.relpath(p, ROOT)
            for p in (VARIANT_SCORER, VARIANTS / "truth.json")
            if not p.exists()
        ]
        print(f"variants: {' and '.join(missing)} not there yet; the variants are not scored")

    jobs = [
        (str(folder / file), f"{name}/{file}")
        for name, (folder, truth) in corpora.items()
        for file in truth
    ]
    if variant_truth:
        jobs += [(str(VARIANTS / file), f"variants/{file}") for file in variant_truth]
    if not jobs:
        print("nothing to score")
        return 0

    outdir = args.out or Path(tempfile.mkdtemp(prefix="notice-eval-"))
    try:
        entries = extract_all(jobs, outdir, max(1, args.jobs))
        means: dict[str, float] = {}
        notes: dict[str, str] = {}
        for name, (folder, truth) in corpora.items():
            means[name] = score_corpus(name, folder, truth, outdir, entries, scorer)
        if variant_truth:
            correct, total, share = score_variants(variant_truth, outdir, entries, variant_scorer)
            means["variants (parts right)"] = share
            notes["variants (parts right)"] = f"({correct}/{total} files all right)"
        invalid = check_schema(outdir)
    finally:
        if args.out is None:
            shutil.rmtree(outdir, ignore_errors=True)

    print("\n== summary")
    for name, mean in means.items():
        print(f"    {name:<24} {mean:.2f} {notes.get(name, '')}".rstrip())
    print(f"    {'schema':<24} {invalid[1] - len(invalid[0])}/{invalid[1]} outputs valid")
    if args.min is not None:
        below = [name for name, mean in means.items() if mean < args.min]
        if below:
            print(f"below --min {args.min:.2f}: {', '.join(below)}")
            return 1
        if invalid[0]:
            print(f"{len(invalid[0])} outputs break the schema")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
