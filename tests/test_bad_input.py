"""Bad input never crashes a run, never exhausts the machine, never loses data.

Every bad file is built here, small; nothing large is kept in the repository.
"""

import io
import json
import time
import tracemalloc
import zipfile

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED
from docx_builder import docx, p
from test_pdf import blank_pdf

import pipeline
from pipeline import batch, storage
from pipeline.cli import cli
from pipeline.errors import CorruptFile, FileTooLarge, PipelineError
from pipeline.limits import MB, Limits

SEED_PDF = ROOT / "samples" / "000_789e38767d8a56d8.pdf"
ENCRYPTED = ROOT / "samples" / "bad" / "encrypted_secret.pdf"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def manifest(outdir):
    return [
        json.loads(line) for line in (outdir / "manifest.jsonl").read_text("utf-8").splitlines()
    ]


def truncated_docx() -> bytes:
    return docx(p("正文" * 200))[:-300]


def unrecoverable_xref_pdf() -> bytes:
    return SEED_PDF.read_bytes().replace(b"xref\n", b"xrXf\n")


CASES = [
    # (file name, bytes, error type, words of the message)
    ("empty.txt", b"", "empty", "the file is empty"),
    ("truncated.docx", truncated_docx(), "corrupt", "is not a valid .docx"),
    ("mystery.dat", b"\x00\x01\x02 not a notice", "unsupported_format", ".dat is not a supported"),
    ("junk.txt", bytes(range(256)) * 16, "undecodable", "is not readable text"),
    ("locked.pdf", ENCRYPTED.read_bytes(), "encrypted", "is encrypted. give its password"),
    ("scan.pdf", blank_pdf(2), "no_text_layer", "has no text layer"),
    ("broken-xref.pdf", unrecoverable_xref_pdf(), "corrupt", "is not a readable PDF"),
]


@pytest.mark.parametrize(("name", "data", "kind", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_bad_file_fails_alone_with_one_line(tmp_path, validate_tree, name, data, kind, words):
    bad = tmp_path / "in" / name
    bad.parent.mkdir()
    bad.write_bytes(data)
    out = tmp_path / "out"
    result = run("extract", bad, SEED, "-o", out, "--jobs", "1")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {bad}: ") and words in errors[0]
    assert "Traceback" not in result.output
    bad_entry, good_entry = manifest(out)
    assert (bad_entry["status"], bad_entry["error"]["type"]) == ("failed", kind)
    assert good_entry["status"] == "ok"
    assert sorted(p.name for p in out.iterdir()) == [
        f"{SEED.name}.json", f"{SEED.name}.table01.csv", "dataset", "manifest.jsonl"
    ]  # fmt: skip
    assert validate_tree(out) == 1


def test_debug_shows_the_traceback_of_a_failure(tmp_path):
    bad = tmp_path / "junk.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    result = run("extract", bad, "-o", tmp_path / "out", "--jobs", "1", "--debug")
    assert "Traceback" in result.output and "UndecodableText" in result.output


def test_a_recoverable_xref_is_recovered():
    data = SEED_PDF.read_bytes()
    cut = data.rfind(b"startxref")
    damaged = data[:cut] + b"startxref\n999999\n%%EOF\n"  # points nowhere: pdfminer rebuilds
    path = ROOT / "out-test-xref.pdf"
    try:
        path.write_bytes(damaged)
        n = pipeline.extract(path)
    finally:
        path.unlink()
    assert len(n.tables[0].rows) == 52


def test_a_notice_with_no_recognisable_parts_is_ok_with_a_warning(tmp_path):
    text = tmp_path / "memo.txt"
    text.write_text("这是一张便条。\n明天上午开会，请准时参加。\n", "utf-8")
    out = tmp_path / "out"
    assert run("extract", text, "-o", out, "--jobs", "1").exit_code == 0
    (entry,) = manifest(out)
    assert entry["status"] == "ok" and entry["warnings"] >= 1
    doc = json.loads((out / "memo.txt.json").read_text("utf-8"))
    assert "no_parts" in {w["code"] for w in doc["warnings"]}
    assert doc["preamble"].startswith("这是一张便条")  # whatever could be read is kept


# ---------------------------------------------------------------- limits


def test_file_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(SEED.read_bytes() * 80)  # about 1.1 MB
    with pytest.raises(FileTooLarge, match=r"is 1 MB, over the limit of 1 MB\. raise the limit"):
        pipeline.extract(big, limits=Limits(max_size=MB))
    result = run("extract", big, "-o", tmp_path / "out", "--max-size", "1", "--jobs", "1")
    assert result.exit_code == 1 and "--max-size" in result.output


def zip_bomb(inflated: int = 1024 * MB) -> bytes:
    """A .docx whose document part inflates to ``inflated`` bytes of zeros (about 1 MB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = bytes(16 * MB)
            for _ in range(inflated // len(chunk)):
                part.write(chunk)
    return buf.getvalue()


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(zip_bomb())
    assert bomb.stat().st_size < 2 * MB
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(FileTooLarge, match=r"inflates 1\d{3} times .* refused as a zip bomb"):
        pipeline.extract(bomb)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * MB  # the gigabyte was never allocated
    print(f"zip bomb refused in {seconds:.3f} s, peak {peak / MB:.1f} MB")  # measured, not asserted


def test_inflated_size_limit_and_a_lying_zip_directory(tmp_path):
    from pipeline.core import extract_bytes
    from pipeline.readers.docx import read_docx

    data = docx(p("正文" * 1000))
    with pytest.raises(FileTooLarge, match="inflate to 0 MB, over the limit of 0 MB"):
        extract_bytes("x.docx", data, limits=Limits(max_unzipped=1000))
    # A part whose directory entry claims fewer bytes than it holds is not read past that.
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
    lying = bytearray(buf.getvalue())
    name = b"word/document.xml"
    central = lying.rfind(name)  # the central directory entry: uncompressed size at -22
    size_at = central - 46 + 24
    lying[size_at : size_at + 4] = (10).to_bytes(4, "little")
    with pytest.raises(CorruptFile, match=r"part word/document\.xml (is damaged|is larger than)"):
        read_docx("lying.docx", bytes(lying))


def test_page_limit():
    with pytest.raises(
        FileTooLarge, match=r"has 11 pages, over the limit of 5\. raise the limit with --max-pages"
    ):
        pipeline.extract(SEED_PDF, limits=Limits(max_pages=5))


def test_a_slow_document_is_stopped_and_the_run_goes_on(tmp_path, monkeypatch):
    import pipeline.core

    real = pipeline.core.extract_bytes

    def slow(location, data, *args, **kwargs):
        if "slow" in location:
            time.sleep(30)
        return real(location, data, *args, **kwargs)

    monkeypatch.setattr(pipeline.core, "extract_bytes", slow)  # forked workers inherit it
    slow_file = tmp_path / "slow.txt"
    slow_file.write_bytes(SEED.read_bytes())
    inputs = [(str(slow_file), "slow.txt"), (str(SEED), SEED.name)]
    options = batch.Options(limits=Limits(timeout=1))
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        entries = batch.run(inputs, str(out), options, jobs=jobs)
        assert [e["status"] for e in entries] == ["failed", "ok"]
        assert entries[0]["error"]["type"] == "timeout"
        assert entries[0]["error"]["message"].endswith(
            "took more than 1 s and was stopped. raise the limit with --timeout, "
            "or convert it alone to see why it is slow"
        )
        assert not (out / "slow.txt.json").exists()


# ---------------------------------------------------------------- output safety


@pytest.mark.parametrize(
    ("name", "safe"),
    [("../../etc/passwd.txt", "etc/passwd.txt"), ("/abs/path.txt", "abs/path.txt"),
     ("a/./b/../c.txt", "a/b/c.txt"), ("odd:name?*.txt", "odd_name__.txt"),
     ("line\nbreak.txt", "line_break.txt"), ("..", "_"), ("x\\..\\y.txt", "x/y.txt"),
     ("通知" * 100 + ".txt", ("通知" * 100)[:65] + ".txt")],
)  # fmt: skip
def test_output_names_never_escape(name, safe):
    assert batch.safe_name(name) == safe


def test_odd_file_names_are_written_inside_outdir(tmp_path):
    folder = tmp_path / "in" / "sub"
    folder.mkdir(parents=True)
    (folder / "odd:name?.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    assert run("extract", tmp_path / "in", "-o", out, "--jobs", "1").exit_code == 0
    assert (out / "sub" / "odd_name_.txt.json").exists()
    written = [q for q in tmp_path.rglob("*.json") if "out" not in q.parts]
    assert written == []


def test_a_good_output_is_never_replaced_by_a_partial_one(tmp_path, monkeypatch):
    target = tmp_path / "notice.json"
    target.write_text("good", "utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        storage.write_atomic(str(target), b"new and longer content")
    assert target.read_text("utf-8") == "good"
    assert [q.name for q in tmp_path.iterdir()] == ["notice.json"]  # no .part left


# ---------------------------------------------------------------- properties

# CI runs a fixed set of examples (derandomize) so that a run is repeatable; explore
# more locally with a larger max_examples and derandomize off.
hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PROPERTY = settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


def extract_or_typed_error(name: str, data: bytes, **options):
    from pipeline.core import extract_bytes

    try:
        notice = extract_bytes(name, data, **options)
    except PipelineError:
        return None
    assert notice.source.sha256
    return notice


@PROPERTY
@given(st.text(max_size=2000))
def test_any_text_is_a_notice_or_a_typed_error(text):
    for encoding in ("utf-8", "utf-16"):
        extract_or_typed_error("t.txt", text.encode(encoding, errors="surrogatepass"))


def mutations(sample: bytes):
    return st.lists(
        st.tuples(st.integers(0, len(sample) - 1), st.binary(min_size=1, max_size=8)),
        min_size=1,
        max_size=6,
    ).map(lambda edits: _apply(sample, edits)) | st.integers(0, len(sample)).map(
        lambda n: sample[:n]
    )


def _apply(sample: bytes, edits) -> bytes:
    data = bytearray(sample)
    for at, patch in edits:
        data[at : at + len(patch)] = patch
    return bytes(data)


SEED_BYTES = SEED.read_bytes()
DOCX_BYTES = (ROOT / "samples" / "table_header.docx").read_bytes()
PDF_BYTES = ENCRYPTED.read_bytes()


@PROPERTY
@given(mutations(SEED_BYTES))
def test_mutated_text_sample(data):
    extract_or_typed_error("seed.txt", data)


@PROPERTY
@given(mutations(DOCX_BYTES))
def test_mutated_docx_sample(data):
    extract_or_typed_error("sample.docx", data)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(mutations(PDF_BYTES))
def test_mutated_pdf_sample(data):
    extract_or_typed_error("sample.pdf", data, password="secret")
