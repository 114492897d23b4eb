"""How well do time parsers read notices' time values? (`make compare-times`)

Two sets of values, each with the dates it means written down by hand:

- tests/data/time_expressions.tsv: expressions in the style of real task tables' time
  columns (quarters, halves, 年底, lists, dotted dates, deadlines with a verb, 即日起…),
  each with the reference it is read against (the notice's date, a year alone, or none);
- the 23 distinct non-blank values of the seed notice's 活动时间 column (EXPECTED below),
  read against its date, 2024-04-29.

Each parser is asked for the start and end date of each value; an answer is right when
both match (a deadline has no start; an unreadable value has neither). Our rules always
run. dateparser and jionlp are not dependencies: each runs when it can be imported here,
or in the interpreter that TIME_PARSERS_PYTHON (or --python) names, e.g. a throwaway venv:

    python -m venv /tmp/jio-venv && /tmp/jio-venv/bin/pip install jionlp dateparser
    TIME_PARSERS_PYTHON=/tmp/jio-venv/bin/python make compare-times

dateparser gives one date, so it can be right only on single days. jionlp is given the
reference as its time base (1 January of a year alone; today's date when there is none).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TABLE = ROOT / "tests" / "data" / "time_expressions.tsv"
SEED_REFERENCE = dt.date(2024, 4, 29)

# The 23 distinct non-blank values of the seed's 活动时间 column and what they mean
# (start, end inclusive), checked by hand against the notice dated 2024-04-29.
EXPECTED = {
    "5月17日": ("2024-05-17", "2024-05-17"),
    "5·20期间": ("2024-05-20", "2024-05-20"),
    "5月10日": ("2024-05-10", "2024-05-10"),
    "5月9日、5月16日、5月20日": ("2024-05-09", "2024-05-20"),
    "5月20日": ("2024-05-20", "2024-05-20"),
    "5月上旬": ("2024-05-01", "2024-05-10"),
    "5月下旬": ("2024-05-21", "2024-05-31"),
    "5月16日": ("2024-05-16", "2024-05-16"),
    "5月20日前后": ("2024-05-20", "2024-05-20"),
    "5月": ("2024-05-01", "2024-05-31"),
    "5月10日至\n5月20日": ("2024-05-10", "2024-05-20"),
    "5月中旬": ("2024-05-11", "2024-05-20"),
    "5月至\n6月上旬": ("2024-05-01", "2024-06-10"),
    "5月15日至\n5月19日": ("2024-05-15", "2024-05-19"),
    "5月13日": ("2024-05-13", "2024-05-13"),
    "5月至6月": ("2024-05-01", "2024-06-30"),
    "5月15日至\n5月19": ("2024-05-15", "2024-05-19"),
    "5月22日": ("2024-05-22", "2024-05-22"),
    "4月25日至\n5月20日": ("2024-04-25", "2024-05-20"),
    "4月25日至\n5月31日": ("2024-04-25", "2024-05-31"),
    "4月20日至\n5月15日": ("2024-04-20", "2024-05-15"),
    "5月15日至\n5月20日": ("2024-05-15", "2024-05-20"),
    "5月21日": ("2024-05-21", "2024-05-21"),
}


def read_table(path: Path = TABLE) -> list[dict]:
    """The lines of time_expressions.tsv: expression, reference (a date, a year alone or
    None), kind, start, end (None for "-") and dates (a list; for kinds days and months)."""
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    header, *lines = [line for line in lines if line and not line.startswith("#")]
    assert header.split("\t") == ["expression", "reference", "kind", "start", "end", "dates"]
    for line in lines:
        expression, reference, kind, start, end, *dates = line.split("\t")
        if reference == "-":
            reference = None
        elif len(reference) == 4:
            reference = int(reference)
        else:
            reference = dt.date.fromisoformat(reference)
        rows.append(
            {
                "expression": expression.replace("\\n", "\n"),
                "reference": reference,
                "kind": kind,
                "start": None if start == "-" else start,
                "end": None if end == "-" else end,
                "dates": dates[0].split(",") if dates and dates[0] else [],
            }
        )
    return rows


def seed_values() -> dict[str, tuple[str | None, str | None]]:
    """EXPECTED, after checking that it is exactly the seed's set of values."""
    import pipeline

    notice = pipeline.extract(ROOT / "samples" / "000_789e38767d8a56d8.txt")
    column = notice.tables[0].header.index("活动时间")
    seen = {row[column] for row in notice.tables[0].rows if row[column]}
    assert seen == set(EXPECTED), seen ^ set(EXPECTED)
    return EXPECTED


def ours(cases: list[tuple[str, dt.date | int | None]]) -> list[tuple]:
    from pipeline.times import parse_time

    return [(v.start, v.end) for v in (parse_time(text, ref) for text, ref in cases)]


# Run where the library is (this interpreter or another): reads [[text, reference]…] as
# JSON on stdin, writes {"version": …, "answers": [[start, end]…]}. A reference is an
# ISO date, a year or null.
ADAPTER = r"""
import datetime as dt, json, sys, time

def base(ref):
    if ref is None:
        return dt.datetime.now()
    if isinstance(ref, int):
        return dt.datetime(ref, 1, 1)
    return dt.datetime.fromisoformat(ref)

def day(text):
    try:
        return dt.datetime.strptime(str(text)[:10], "%Y-%m-%d").date().isoformat()
    except ValueError:  # "inf", a time delta…
        return None

def run_dateparser(cases):
    import dateparser
    answers = []
    for text, ref in cases:
        settings = {"RELATIVE_BASE": base(ref)}
        value = dateparser.parse(text.replace("\n", ""), settings=settings)
        d = value.date().isoformat() if value else None
        answers.append([d, d])
    return dateparser.__version__, answers

def run_jionlp(cases):
    import contextlib, io
    with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
        import jionlp
    answers = []
    for text, ref in cases:
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                value = jionlp.parse_time(text, time_base=time.mktime(base(ref).timetuple()))
        except Exception:
            answers.append([None, None])
            continue
        if value.get("type") not in ("time_point", "time_span"):
            answers.append([None, None])
            continue
        start, end = value["time"][:2]
        answers.append([day(start), day(end)])
    return jionlp.__version__, answers

name = sys.argv[1]
cases = json.load(sys.stdin)
version, answers = {"dateparser": run_dateparser, "jionlp": run_jionlp}[name](cases)
json.dump({"version": version, "answers": answers}, sys.stdout)
"""


def library(name: str, cases: list, python: str | None) -> tuple[str, list[tuple]] | str:
    """(version, answers) of library ``name`` on ``cases``, or why it did not run."""
    payload = json.dumps(
        [[t, r.isoformat() if isinstance(r, dt.date) else r] for t, r in cases],
        ensure_ascii=False,
    )
    candidates = [sys.executable] + ([python] if python else [])
    reasons = []
    for interpreter in candidates:
        probe = subprocess.run(
            [interpreter, "-c", f"import {name}"], capture_output=True, text=True, check=False
        )
        if probe.returncode != 0:
            reasons.append(f"not installed in {interpreter}")
            continue
        run = subprocess.run(
            [interpreter, "-c", ADAPTER, name],
            input=payload,
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            return f"failed in {interpreter}: {run.stderr.strip().splitlines()[-1:]}"
        result = json.loads(run.stdout)
        where = "" if interpreter == sys.executable else f", in {interpreter}"
        return f"{name} {result['version']}{where}", [tuple(a) for a in result["answers"]]
    return "; ".join(reasons)


def report(title: str, cases: list, expected: list[tuple], python: str | None) -> None:
    print(f"{title}: {len(cases)} values (right: start and end both match)")
    results = {"notice-pipeline rules": ours(cases)}
    for name in ("dateparser", "jionlp"):
        outcome = library(name, cases, python)
        if isinstance(outcome, str):
            print(f"  {name}: {outcome} (not run; see the docstring)")
        else:
            results[outcome[0]] = outcome[1]
    n = len(cases)
    for name, answers in results.items():
        wrong = [c[0] for c, got, want in zip(cases, answers, expected, strict=True) if got != want]
        ends = sum(got[1] == want[1] for got, want in zip(answers, expected, strict=True))
        right = n - len(wrong)
        print(
            f"  {name:<44} {right:4d} of {n} right ({100 * right / n:.0f} %);"
            f" the end alone {ends} ({100 * ends / n:.0f} %)"
        )
        if wrong and name == "notice-pipeline rules":
            print("    wrong: " + " | ".join(w.replace("\n", "⏎") for w in wrong[:12]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--python",
        default=os.environ.get("TIME_PARSERS_PYTHON"),
        help="an interpreter with dateparser and/or jionlp (default: $TIME_PARSERS_PYTHON)",
    )
    args = parser.parse_args(argv)
    table = read_table()
    report(
        f"{TABLE.relative_to(ROOT)}",
        [(c["expression"], c["reference"]) for c in table],
        [(c["start"], c["end"]) for c in table],
        args.python,
    )
    seed = seed_values()
    report(
        "The seed's 活动时间 column (distinct values)",
        [(text, SEED_REFERENCE) for text in seed],
        list(seed.values()),
        args.python,
    )


if __name__ == "__main__":
    main()
