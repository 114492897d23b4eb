"""pdfminer's complaints stay with the document whose reading raised them.

``read_pdf`` turns what pdfminer logs about a damaged file into one ``pdf_content_errors``
warning. Documents read at the same time in threads (the threaded Dask executor, the
memory:// threads) must each keep their own: no call changes the logging module's state.
The two faulty PDFs are built here, small.
"""

from __future__ import annotations

import logging
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor

from pipeline.readers.pdf import read_pdf

PAGES = 6  # each page repeats the fault, so that the two readings interleave


def pdf(contents: list[bytes], flate: bool = False) -> bytes:
    """A PDF of one page per content stream, Helvetica as F1; ``flate``: the streams are
    compressed and their checksums spoiled (pdfminer reads them, losing nothing, but logs
    "Data-loss while decompressing corrupted data")."""
    n = len(contents)
    kids = " ".join(f"{4 + 2 * k} 0 R" for k in range(n))
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        f"<</Type/Pages/Kids[{kids}]/Count {n}>>".encode(),
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
    ]
    for k, content in enumerate(contents):
        page = f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents {5 + 2 * k} 0 R"
        objects.append(page.encode() + b"/Resources<</Font<</F1 3 0 R>>>>>>")
        filters = b""
        if flate:
            packed = bytearray(zlib.compress(content))
            packed[-1] ^= 0xFF  # the last byte of the Adler-32 checksum
            content, filters = bytes(packed), b"/Filter/FlateDecode"
        head = b"<</Length %d%s>>" % (len(content), filters)
        objects.append(head + b"\nstream\n" + content + b"\nendstream")
    out, offsets = b"%PDF-1.4\n", []
    for k, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def text(line: str) -> bytes:
    return b"BT /F1 14 Tf 72 720 Td (%s) Tj ET\n" % line.encode()


# A: an operator with a bad operand (pdfinterp: "Cannot set line width because ...").
BAD_OPERAND = pdf([b"(wide) w\n" + text(f"Page {k} of the first notice") for k in range(PAGES)])
# B: compressed streams with a spoiled checksum (pdftypes: "Data-loss while ...").
BAD_CHECKSUM = pdf([text(f"Page {k} of the second notice") for k in range(PAGES)], flate=True)
CLEAN = pdf([text("A notice without faults")])


def content_errors(document) -> list[str]:
    return [w.message for w in document.warnings if w.code == "pdf_content_errors"]


def pdfminer_state() -> list[tuple]:
    """The logging state of pdfminer's loggers: what no call may change."""
    names = ["pdfminer"] + [
        name for name in logging.root.manager.loggerDict if name.startswith("pdfminer.")
    ]
    state = []
    for name in sorted(names):
        logger = logging.getLogger(name)
        state.append((name, logger.level, list(logger.handlers), logger.propagate, logger.disabled))
    return state


def test_each_fault_gives_its_own_warning():
    (a,) = content_errors(read_pdf("a.pdf", BAD_OPERAND))
    (b,) = content_errors(read_pdf("b.pdf", BAD_CHECKSUM))
    assert a.startswith(f"{PAGES} problems") and "Cannot set line width" in a
    assert b.startswith(f"{PAGES} problems") and "Data-loss while decompressing" in b
    assert content_errors(read_pdf("clean.pdf", CLEAN)) == []


def test_two_pdfs_read_in_threads_keep_their_own_warnings():
    expected = {
        "a.pdf": content_errors(read_pdf("a.pdf", BAD_OPERAND)),
        "b.pdf": content_errors(read_pdf("b.pdf", BAD_CHECKSUM)),
        "clean.pdf": [],
    }
    files = {"a.pdf": BAD_OPERAND, "b.pdf": BAD_CHECKSUM, "clean.pdf": CLEAN}
    barrier = threading.Barrier(len(files))

    def read(name: str) -> list[str]:
        barrier.wait()  # the readings start together and overlap
        return content_errors(read_pdf(name, files[name]))

    with ThreadPoolExecutor(len(files)) as pool:
        for _ in range(20):
            got = dict(zip(files, pool.map(read, files), strict=True))
            assert got == expected


def test_a_call_leaves_the_logging_state_as_it_found_it():
    read_pdf("clean.pdf", CLEAN)  # whatever is set up once, it is set up now
    before = pdfminer_state()
    seen = []

    def spy(*args, **kwargs):
        seen.append(pdfminer_state())  # during the call too: nothing set for its time
        return original(*args, **kwargs)

    import pipeline.readers.pdf as module

    original = module._read_pages
    try:
        module._read_pages = spy
        document = read_pdf("a.pdf", BAD_OPERAND)
    finally:
        module._read_pages = original
    assert content_errors(document)
    assert seen == [before] and pdfminer_state() == before
    pdfminer = logging.getLogger("pdfminer")
    assert pdfminer.isEnabledFor(logging.WARNING)
    assert not logging.getLogger("pdfminer.psparser").isEnabledFor(logging.DEBUG)


def only_the_reader(monkeypatch) -> None:
    """No handler on "pdfminer" but the reader's: pytest puts its own on loggers that do
    not propagate (as the test begins), where they would see every record twice."""
    pdfminer = logging.getLogger("pdfminer")
    ours = [h for h in pdfminer.handlers if type(h).__module__ == "pipeline.readers.pdf"]
    assert len(ours) == 1
    monkeypatch.setattr(pdfminer, "handlers", ours)


def test_a_warning_from_outside_any_call_is_not_captured(caplog, monkeypatch):
    only_the_reader(monkeypatch)
    outside = logging.getLogger("pdfminer.pdfinterp")
    reading = threading.Event()
    done = threading.Event()
    expected = content_errors(read_pdf("a.pdf", BAD_OPERAND))

    def complain() -> int:
        reading.wait(5)
        n = 0
        while not done.is_set() or n < 50:
            outside.warning("a complaint from another thread %d", n)
            n += 1
        return n

    def read() -> list[str]:
        reading.set()
        try:
            return content_errors(read_pdf("a.pdf", BAD_OPERAND))
        finally:
            done.set()

    with caplog.at_level(logging.WARNING), ThreadPoolExecutor(2) as pool:
        complaints = pool.submit(complain)
        got = pool.submit(read).result()
        sent = complaints.result()
        outside.warning("a complaint from this thread")
    assert got == expected  # none of the other thread's complaints
    messages = [r.getMessage() for r in caplog.records if r.name.startswith("pdfminer")]
    assert messages[-1] == "a complaint from this thread"
    assert messages[:-1] == [f"a complaint from another thread {n}" for n in range(sent)]


def test_a_warning_outside_a_call_reaches_the_terminal_as_without_the_reader(capsys, monkeypatch):
    only_the_reader(monkeypatch)
    read_pdf("clean.pdf", CLEAN)
    monkeypatch.setattr(logging.root, "handlers", [])  # as in a program that sets up none
    logging.getLogger("pdfminer.pdftypes").warning("a complaint outside any reading")
    assert capsys.readouterr().err == "a complaint outside any reading\n"
