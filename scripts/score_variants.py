"""Score the pipeline on the layout variants of samples/variants/ against their truth.

    python scripts/score_variants.py            # every variant, every format
    python scripts/score_variants.py v06 pdf    # only files whose name contains all the words

``score_notice(output, truth)`` compares one output (``Notice.to_dict()``) with one entry of
samples/variants/truth.json and returns one ``(part, correct, message)`` per truth key; the
message says "got X, want Y" when the part is wrong. A key the truth leaves out is not checked.

Truth keys and how they are compared (strings always without whitespace):

- title, doc_type, doc_number, masthead, copy_number, secrecy, urgency, printed_by: strings
  (null: the output must have none);
- date, printed_date: ISO dates;
- recipients, signatories, signer, cc, notes: lists of strings, in order;
- attachments: [{label, title, tables (how many), found, sections?}], in order; the attachments'
  own section trees, when the truth gives them, are the separate part "attachments.sections";
- sections: the section tree of the main document, [{kind, number, heading, children}];
- toc: how many entries the 目录 has; tables: how many tables the notice has;
- warnings: codes that must be among the output's warnings (others may be there too).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ROOT / "samples" / "variants"

STRING_KEYS = (
    "title", "doc_type", "doc_number", "masthead", "copy_number", "secrecy", "urgency",
    "printed_by",
)  # fmt: skip
DATE_KEYS = ("date", "printed_date")
LIST_KEYS = ("recipients", "signatories", "signer", "cc", "notes")
COUNT_KEYS = ("toc", "tables")  # the output's list, counted

_PREFIX = {"一、": "{}、", "（一）": "（{}）", "1.": "{}.", "（1）": "（{}）"}
_REGULATION = {"章": "第{}章", "节": "第{}节", "条": "第{}条"}


def _s(value) -> str:
    """A string without whitespace (full-width spaces included)."""
    return re.sub(r"\s+", "", str(value or ""))


def _show(value, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _got_want(got, want) -> str:
    return f"got {_show(got)}, want {_show(want)}"


def outline(sections: list[dict], depth: int = 0) -> list[str]:
    """A section tree as lines, e.g. ">>（一）加强组织领导", for comparing and showing."""
    lines = []
    for s in sections or []:
        kind, number = s.get("kind", ""), s.get("number", "")
        if kind in _REGULATION:
            label = _REGULATION[kind].format(number) + " "
        else:
            label = _PREFIX.get(kind, kind + "{}").format(number)
        lines.append(">" * depth + label + _s(s.get("heading")))
        lines.extend(outline(s.get("children", []), depth + 1))
    return lines


def compare_trees(got: list[dict], want: list[dict]) -> str | None:
    """None when the trees are equal, else where they first differ."""
    g, w = outline(got), outline(want)
    if g == w:
        return None
    for k, (a, b) in enumerate(zip(g, w, strict=False)):
        if a != b:
            return f"item {k + 1} of {len(w)}: got {_show(a, 40)}, want {_show(b, 40)}"
    if len(g) < len(w):
        return f"got {len(g)} items, want {len(w)}: missing {_show(w[len(g)], 40)}"
    return f"got {len(g)} items, want {len(w)}: extra {_show(g[len(w)], 40)}"


def _attachment_problems(got: list[dict], want: list[dict]) -> str | None:
    problems = []
    if len(got) != len(want):
        labels = [f"{a.get('label')}:{_s(a.get('title'))}" for a in got]
        problems.append(f"got {len(got)} ({_show(labels, 80)}), want {len(want)}")
    for k, (g, w) in enumerate(zip(got, want, strict=False)):
        label = w.get("label", f"#{k + 1}")
        if "label" in w and _s(g.get("label")) != _s(w["label"]):
            problems.append(f"#{k + 1} label {_got_want(g.get('label'), w['label'])}")
        if "title" in w and _s(g.get("title")) != _s(w["title"]):
            problems.append(f"{label} title {_got_want(g.get('title'), w['title'])}")
        if "tables" in w and len(g.get("tables") or []) != w["tables"]:
            problems.append(f"{label} tables {_got_want(len(g.get('tables') or []), w['tables'])}")
        if "found" in w and bool(g.get("found")) != w["found"]:
            problems.append(f"{label} found {_got_want(g.get('found'), w['found'])}")
    return "; ".join(problems) or None


def score_notice(output: dict, truth: dict) -> list[tuple[str, bool, str]]:
    """One (part, correct, message) per truth key; the message is "" when correct."""
    results: list[tuple[str, bool, str]] = []

    def add(part: str, problem: str | None) -> None:
        results.append((part, problem is None, problem or ""))

    for key, want in truth.items():
        got = output.get(key)
        if key in STRING_KEYS:
            ok = (not got) if want is None else _s(got) == _s(want)
            add(key, None if ok else _got_want(got, want))
        elif key in DATE_KEYS:
            add(key, None if got == want else _got_want(got, want))
        elif key in LIST_KEYS:
            g, w = [_s(x) for x in got or []], [_s(x) for x in want]
            add(key, None if g == w else _got_want(g, w))
        elif key in COUNT_KEYS:
            n = len(got or [])
            add(key, None if n == want else _got_want(n, want))
        elif key == "sections":
            add(key, compare_trees(got or [], want))
        elif key == "attachments":
            got = got or []
            add(key, _attachment_problems(got, want))
            if any("sections" in w for w in want):
                problems = []
                for k, w in enumerate(want):
                    if "sections" not in w:
                        continue
                    g = got[k].get("sections", []) if k < len(got) else []
                    problem = compare_trees(g, w["sections"])
                    if problem:
                        problems.append(f"{w.get('label', k + 1)}: {problem}")
                add("attachments.sections", "; ".join(problems) or None)
        elif key == "warnings":
            codes = {w.get("code") for w in output.get("warnings") or []}
            missing = [c for c in want if c not in codes]
            add(key, f"missing {missing}, got {sorted(codes)}" if missing else None)
        else:
            add(key, f"unknown truth key {key!r}")
    return results


def load_truth(folder: Path = VARIANTS) -> dict[str, dict]:
    return json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def score_file(path: Path, truth: dict) -> list[tuple[str, bool, str]]:
    """Extract one file and score it; a failure to extract makes every part wrong."""
    import pipeline

    try:
        output = pipeline.extract(path).to_dict()
    except Exception as exc:  # a crash is a result here, not the end of the run
        message = f"extract failed: {type(exc).__name__}: {exc}"
        return [(key, False, message) for key in truth]
    return score_notice(output, truth)


def report(results: dict[str, list[tuple[str, bool, str]]]) -> tuple[int, int, float]:
    """Print each wrong file's wrong parts, then per part and per format; return
    (files all right, files, share of parts right)."""
    by_part: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_format: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # files ok/all, parts
    correct = 0
    for name, found in results.items():
        wrong = [(part, msg) for part, ok, msg in found if not ok]
        for part, ok, _ in found:
            by_part[part][0] += ok
            by_part[part][1] += 1
        stats = by_format[Path(name).suffix.lstrip(".")]
        stats[0] += not wrong
        stats[1] += 1
        stats[2] += len(found) - len(wrong)
        stats[3] += len(found)
        correct += not wrong
        if wrong:
            print(f"{name}: {len(found) - len(wrong)}/{len(found)} parts")
            for part, msg in wrong:
                print(f"    {part}: {msg}")
    print("variants per part (files where the part is right / files that check it):")
    for part, (ok, total) in sorted(by_part.items(), key=lambda kv: (kv[1][0] / kv[1][1], kv[0])):
        print(f"    {part:<22} {ok:3}/{total:<3} {ok / total:.2f}")
    print("variants per format (files all right, parts right):")
    for fmt, (ok, total, parts_ok, parts) in sorted(by_format.items()):
        print(f"    {fmt:<5} {ok:3}/{total} files   {parts_ok}/{parts} parts")
    parts_ok = sum(s[2] for s in by_format.values())
    parts = sum(s[3] for s in by_format.values())
    print(f"variants: {correct}/{len(results)} correct")
    return correct, len(results), parts_ok / parts if parts else 0.0


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    sys.path.insert(0, str(ROOT))
    all_truth = load_truth()
    start = time.perf_counter()
    results = {}
    for name in (n for n in all_truth if all(w in n for w in words)):
        path = VARIANTS / name
        if not path.exists():
            print(f"{name}: missing (run make variants)")
            continue
        results[name] = score_file(path, all_truth[name])
    report(results)
    print(f"({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
