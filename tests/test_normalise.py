"""Normalised values: the seed's times, deadlines, topics (time expressions one by one:
test_times.py; units and districts: test_units.py, test_gazetteer.py)."""

import subprocess
import sys

from conftest import SEED

import pipeline


def test_the_seed_table_fully_normalised(validate):
    n = pipeline.extract(SEED, topics=True)
    validate(n.to_dict())
    (table,) = n.tables
    times = {t.row: t for t in table.times}
    assert sorted(set(range(1, 53)) - set(times)) == [17, 18]  # blank in the text version
    assert {t.kind for t in times.values()} == {"day", "days", "range", "dekad", "month",
                                                  "approximate"}  # fmt: skip
    assert [t for t in times.values() if t.kind == "unparsed"] == []
    assert all(t.start >= "2024-04-20" and t.end <= "2024-06-30" for t in times.values())
    assert (times[23].start, times[23].end) == ("2024-05-10", "2024-05-20")
    assert (times[28].start, times[28].end) == ("2024-05-01", "2024-06-10")
    assert times[4].dates == ["2024-05-09", "2024-05-16", "2024-05-20"]
    assert n.deadlines[0].end == "2024-06-14"
    units = {u.row: u.units for u in table.units}
    assert sorted(units) == list(range(1, 53))  # every row, filled cells included
    assert not any(w.code == "unparsed_times" for w in n.warnings)


def test_topics_are_opt_in_and_jieba_stays_unloaded_otherwise():
    probe = "import sys, pipeline; pipeline.extract(sys.argv[1]);print('jieba' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe, str(SEED)], capture_output=True, text=True
    )
    assert result.stdout.strip() == "False" and result.stderr == ""
    n = pipeline.extract(SEED, topics=True)
    topics = {t.row: t for t in n.tables[0].topics}
    assert len(topics) == 52
    assert {"世界计量日", "血压计", "校准"} <= set(topics[14].keywords)
    assert topics[1].category == "主场活动"
    assert topics[12].category == "便民服务"
    assert topics[3].category == "培训"
    assert topics[31].category == "执法检查"


def test_jieba_prints_nothing_on_load():
    probe = "import sys, pipeline; pipeline.extract(sys.argv[1], topics=True)"
    result = subprocess.run(
        [sys.executable, "-c", probe, str(SEED)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
