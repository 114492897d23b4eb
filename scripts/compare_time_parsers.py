"""How well do time parsers read the seed's time values? (`make compare-times`)

The seed notice's 活动时间 column holds 23 distinct non-blank values (EXPECTED, with
the dates each means, written by hand). Each parser is asked for the start and end
date of each; an answer is right when both match. dateparser gives one date, so it
can only be right on single days. Ours always runs; dateparser runs when it is
installed (it is not a dependency: `pip install dateparser` to compare).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline  # noqa: E402
from pipeline.times import parse_time  # noqa: E402

REFERENCE = dt.date(2024, 4, 29)


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


def expected_values() -> dict[str, tuple[str | None, str | None]]:
    """EXPECTED, after checking that it is exactly the seed's set of values."""
    notice = pipeline.extract(ROOT / "samples" / "000_789e38767d8a56d8.txt")
    column = notice.tables[0].header.index("活动时间")
    seen = {row[column] for row in notice.tables[0].rows if row[column]}
    assert seen == set(EXPECTED), seen ^ set(EXPECTED)
    return EXPECTED


def ours(text: str):
    value = parse_time(text, REFERENCE)
    return value.start, value.end


def with_dateparser(text: str):
    import dateparser

    settings = {"RELATIVE_BASE": dt.datetime(2024, 4, 29)}
    value = dateparser.parse(text.replace("\n", ""), settings=settings)
    if value is None:
        return None, None
    day = value.date().isoformat()
    return day, day


def main() -> None:
    values = expected_values()
    parsers = {"notice-pipeline rules": ours}
    try:
        import dateparser  # noqa: F401

        parsers["dateparser"] = with_dateparser
    except ImportError:
        print("dateparser not installed: skipped (pip install dateparser)")
    print(f"{len(values)} distinct time values in the seed's 活动时间 column")
    for name, parse in parsers.items():
        right = [v for v, want in values.items() if parse(v) == want]
        wrong = sorted(set(values) - set(right))
        print(f"{name:<24} {len(right):3d} of {len(values)} right")
        if wrong:
            print("    wrong: " + " | ".join(w.replace("\n", "⏎") for w in wrong[:12]))


if __name__ == "__main__":
    main()
