"""convert_many: a batch's .doc/.wps files converted by one LibreOffice process.

The first tests stand in for LibreOffice (``_run_soffice`` replaced by a function that
"converts" a file whose bytes say FAKE:<text> to a .docx of that text, fails on BAD and
stops at HANG), so they run anywhere. The last ones convert real notices of
../shared/corpus in one LibreOffice call, and are skipped without it or without soffice.
"""

from __future__ import annotations

import hashlib
import random
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import SHARED
from docx_builder import docx, p

from pipeline.errors import ConverterMissing, CorruptFile
from pipeline.limits import Limits
from pipeline.readers import legacy


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------------ without LibreOffice


class FakeSoffice:
    """Stands in for _run_soffice: records the files of each process."""

    def __init__(self):
        self.calls: list[list[str]] = []

    def __call__(self, cmd, timeout, stall=None, watch=None):
        assert any(arg.startswith("-env:UserInstallation=file://") for arg in cmd)
        outdir = Path(cmd[cmd.index("--outdir") + 1])
        sources = [Path(s) for s in cmd[cmd.index("--outdir") + 2 :]]
        self.calls.append([s.name for s in sources])
        outdir.mkdir(parents=True, exist_ok=True)
        for source in sources:
            data = source.read_bytes()
            if data.startswith(b"HANG"):
                return False  # stopped here; the files after it never tried
            if data.startswith(b"FAKE:"):
                text = data[5:].decode()
                (outdir / f"{source.stem}.docx").write_bytes(docx(p(text)))
        return True


@pytest.fixture
def fake(monkeypatch):
    run = FakeSoffice()
    monkeypatch.setattr(legacy, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(legacy, "_run_soffice", run)

    def no_single_conversion(*args, **kwargs):
        raise AssertionError("read_legacy started LibreOffice for a file already converted")

    monkeypatch.setattr(legacy, "convert_to_docx", no_single_conversion)
    return run


def item(text: str, name: str = "notice.doc", fmt: str = "doc") -> tuple[str, bytes, str]:
    return (name, f"FAKE:{text}".encode(), fmt)


def texts(document) -> list[str]:
    return [block.text for block in document.blocks]


def test_without_soffice_nothing_is_converted(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    folder = tmp_path / "converted"
    assert legacy.convert_many([item("一")], folder) == {}
    # and each file then meets today's error
    name, data, fmt = item("一")
    with pytest.raises(ConverterMissing, match="needs LibreOffice"):
        legacy.read_legacy(name, data, fmt, converted=str(folder))


def test_a_soffice_that_will_not_start_converts_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy, "find_soffice", lambda: str(tmp_path / "no-such-soffice"))
    assert legacy.convert_many([item("一"), item("二")], tmp_path / "converted") == {}


def test_one_process_per_chunk_and_results_keyed_by_sha256(tmp_path, monkeypatch, fake):
    monkeypatch.setattr(legacy, "CHUNK_FILES", 3)
    items = [item(f"第{k}段", f"folder{k}/notice.doc") for k in range(6)]
    items.append(item("WPS 文件", "x/notice.wps", "wps"))
    items.append(item("第0段", "copy/of/notice.doc"))  # the same bytes as the first
    folder = tmp_path / "converted"
    result = legacy.convert_many(items, folder)
    assert fake.calls == [
        ["0001.doc", "0002.doc", "0003.doc"],
        ["0004.doc", "0005.doc", "0006.doc"],
        ["0007.wps"],
    ]
    assert set(result) == {sha(data) for _, data, _ in items}
    for digest, path in result.items():
        assert Path(path) == folder / f"{digest}.docx"
    for name, data, fmt in items:
        document = legacy.read_legacy(name, data, fmt, converted=str(folder))
        assert document.format == fmt
        assert texts(document) == [data[5:].decode()]


def test_files_already_in_the_folder_are_not_converted_again(tmp_path, fake):
    folder = tmp_path / "converted"
    items = [item("一"), item("二")]
    first = legacy.convert_many(items, folder)
    assert legacy.convert_many(items, folder) == first
    assert len(fake.calls) == 1


def test_a_file_without_output_is_tried_alone_then_fails_alone(tmp_path, fake):
    folder = tmp_path / "converted"
    bad = ("bad.doc", b"BAD" + bytes(100), "doc")
    items = [item("一"), bad, item("二")]
    result = legacy.convert_many(items, folder)
    assert fake.calls == [["0001.doc", "0002.doc", "0003.doc"], ["0002.doc"]]
    assert set(result) == {sha(items[0][1]), sha(items[2][1])}
    # read_legacy gives today's error, without starting LibreOffice a third time
    with pytest.raises(CorruptFile) as caught:
        legacy.read_legacy(*bad, converted=str(folder))
    assert caught.value.message == (
        "bad.doc: LibreOffice could not convert this .doc file. "
        "open it in its application and save it again"
    )


def test_a_file_that_hangs_costs_only_itself(tmp_path, fake):
    folder = tmp_path / "converted"
    hang = ("hang.wps", b"HANG" + bytes(100), "wps")
    items = [item("一"), item("二"), hang, item("三"), item("四")]
    result = legacy.convert_many(items, folder, Limits(timeout=30))
    assert fake.calls == [
        ["0001.doc", "0002.doc", "0003.wps", "0004.doc", "0005.doc"],
        ["0003.wps"],  # where LibreOffice stopped, alone
        ["0004.doc", "0005.doc"],  # the ones it never tried, together again
    ]
    assert set(result) == {sha(data) for _, data, _ in items} - {sha(hang[1])}
    with pytest.raises(CorruptFile) as caught:
        legacy.read_legacy(*hang, converted=str(folder))
    assert caught.value.message == (
        "hang.wps: LibreOffice took more than 30 s to convert it. try it alone"
    )


def test_a_stopped_process_leaves_nothing_running(tmp_path):
    """soffice starts oosplash, which starts soffice.bin: the whole group is stopped."""
    pid_file = tmp_path / "pid"
    script = f"sleep 60 & echo $! > {pid_file}; wait"
    start = time.monotonic()
    assert legacy._run_soffice(["sh", "-c", script], timeout=1) is False
    assert time.monotonic() - start < 10
    stat = Path(f"/proc/{int(pid_file.read_text())}/stat")
    deadline = time.monotonic() + 5  # a killed process takes a moment to be gone

    def running() -> bool:
        try:  # a zombie waiting for init to reap it is not running
            return stat.read_text().split(") ")[1][0] not in "ZX"
        except (OSError, IndexError):
            return False

    while running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running()


def test_a_process_is_stopped_when_no_file_comes_out_for_the_per_file_time(tmp_path):
    watch = tmp_path / "out"
    writes = (
        "import pathlib, sys, time\n"
        "out = pathlib.Path(sys.argv[1]); out.mkdir()\n"
        "for k in range(3):\n"
        "    time.sleep(0.3); (out / f'{k}.docx').write_bytes(b'x')\n"
        "time.sleep(60)\n"
    )
    start = time.monotonic()
    cmd = [sys.executable, "-c", writes, str(watch)]
    assert legacy._run_soffice(cmd, timeout=60, stall=1, watch=watch) is False
    elapsed = time.monotonic() - start
    assert len(list(watch.iterdir())) == 3  # files coming out kept it going
    assert 1.5 < elapsed < 10  # not 1 s from the start: from the last file
    assert legacy._run_soffice([sys.executable, "-c", "pass"], timeout=60) is True


# ------------------------------------------------------------------ with LibreOffice

CORPUS = [SHARED / "corpus" / "real", SHARED / "corpus" / "dev"]
needs_corpus_and_soffice = pytest.mark.skipif(
    not all(c.is_dir() for c in CORPUS) or legacy.find_soffice() is None,
    reason="no ../shared/corpus or LibreOffice is not installed",
)


def corpus_doc(folder: str, prefix: str) -> Path:
    (path,) = (SHARED / "corpus" / folder).glob(f"{prefix}_*.doc")
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One convert_many call over five real notices and a corrupt .doc."""
    work = tmp_path_factory.mktemp("legacy")
    sources = [corpus_doc("real", "06"), corpus_doc("real", "07"), corpus_doc("dev", "d02")]
    # Two inputs called notice.doc, in two folders, with different contents.
    same_name = []
    for folder, source in (("a", corpus_doc("dev", "d04")), ("b", corpus_doc("real", "08"))):
        (work / folder).mkdir()
        same_name.append(work / folder / "notice.doc")
        same_name[-1].write_bytes(source.read_bytes())
    # A corrupt .doc. LibreOffice reads random bytes after the 8-byte OLE2 signature as
    # text (see test_junk_named_doc_never_crashes); after a real .doc's 512-byte OLE2
    # header block, which points into them, it gives up on the file.
    header = sources[0].read_bytes()[:512]
    assert header.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    corrupt = work / "corrupt.doc"
    corrupt.write_bytes(header + random.Random(0).randbytes(30_000))
    paths = [*sources, *same_name, corrupt]
    items = [(str(path), path.read_bytes(), "doc") for path in paths]
    folder = work / "converted"
    result = legacy.convert_many(items, folder)
    return {"items": items, "folder": folder, "result": result, "corrupt": str(corrupt)}


@needs_corpus_and_soffice
def test_every_good_file_gives_a_docx_keyed_by_sha256(batch):
    good = [(loc, data) for loc, data, _ in batch["items"] if loc != batch["corrupt"]]
    assert set(batch["result"]) == {sha(data) for _, data in good}
    for _, data in good:
        path = Path(batch["result"][sha(data)])
        assert path == batch["folder"] / f"{sha(data)}.docx"
        assert "word/document.xml" in zipfile.ZipFile(path).namelist()
    assert sorted(p.suffix for p in batch["folder"].iterdir()) == [".docx"] * 5 + [".failed"]


@needs_corpus_and_soffice
def test_the_corrupt_file_fails_alone_with_todays_message(batch):
    (location, data, fmt) = next(i for i in batch["items"] if i[0] == batch["corrupt"])
    assert sha(data) not in batch["result"]
    with pytest.raises(CorruptFile) as caught:
        legacy.read_legacy(location, data, fmt, converted=str(batch["folder"]))
    assert caught.value.message == (
        f"{location}: LibreOffice could not convert this .doc file. "
        "open it in its application and save it again"
    )


@needs_corpus_and_soffice
def test_files_of_the_same_name_do_not_collide(batch):
    a, b = (i for i in batch["items"] if i[0].endswith("notice.doc"))
    read_a, read_b = (legacy.read_legacy(*i, converted=str(batch["folder"])).blocks for i in (a, b))
    assert read_a != read_b
    assert read_a == legacy.read_legacy(str(corpus_doc("dev", "d04")), a[1], "doc").blocks


@needs_corpus_and_soffice
def test_reading_the_converted_file_gives_the_document_of_a_conversion_alone(batch):
    location, data, fmt = batch["items"][0]
    batched = legacy.read_legacy(location, data, fmt, converted=str(batch["folder"]))
    alone = legacy.read_legacy(location, data, fmt)
    assert batched.blocks and batched.blocks == alone.blocks
    assert (batched.format, batched.warnings) == (alone.format, alone.warnings)
