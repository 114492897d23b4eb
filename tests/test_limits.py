"""Size limits by format: a .txt is refused far below a .docx or a .pdf.

A .txt takes 15 to 150 MiB of memory per MB (every line becomes objects), so it has a
limit of its own (Limits.max_text_size, 4 MB), checked before the file is read; .doc
and .wps have max_legacy_size; .docx and .pdf only max_size. Large inputs here are
sparse files (truncate), so nothing large is written or read.
"""

import pytest
from conftest import ROOT, SEED

import pipeline
from pipeline import storage
from pipeline.core import read_input
from pipeline.errors import FileTooLarge
from pipeline.limits import DEFAULT, MB, SIZE_FLAGS, Limits

SEED_DOCX = ROOT / "samples" / "000_789e38767d8a56d8.docx"
SEED_PDF = ROOT / "samples" / "000_789e38767d8a56d8.pdf"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the head of a legacy .doc/.wps


def sparse(path, size: int):
    """A file of ``size`` bytes of zeros that takes no disk space."""
    with open(path, "wb") as f:
        f.truncate(size)
    return path


@pytest.fixture
def no_read(monkeypatch):
    """Reading any input fails the test: a refusal must come before it."""

    def read_bytes(location):
        raise AssertionError(f"{location} was read")

    monkeypatch.setattr(storage, "read_bytes", read_bytes)


def test_size_limit_per_format():
    limits = Limits()
    assert limits.size_limit("txt") == 4 * MB
    assert limits.size_limit("doc") == limits.size_limit("wps") == 16 * MB
    assert limits.size_limit("docx") == limits.size_limit("pdf") == 200 * MB
    assert limits.size_limit(None) == 200 * MB  # a name of no format: max_size
    assert limits == DEFAULT
    assert limits.size_limit_field("txt") == "max_text_size"
    assert limits.size_limit_field("wps") == "max_legacy_size"
    assert limits.size_limit_field("pdf") == "max_size"
    assert set(SIZE_FLAGS) == {"max_size", "max_text_size", "max_legacy_size"}


def test_max_size_caps_every_format():
    """max_size stays the limit of every file: a format's own limit only lowers it."""
    low = Limits(max_size=MB)
    assert low.size_limit("txt") == low.size_limit("doc") == low.size_limit("pdf") == MB
    assert low.size_limit_field("txt") == "max_size"  # the one to raise
    high = Limits(max_text_size=500 * MB)
    assert high.size_limit("txt") == 200 * MB and high.size_limit_field("txt") == "max_size"
    assert Limits(max_text_size=10 * MB).size_limit("txt") == 10 * MB


def test_txt_over_the_text_limit_is_refused_before_it_is_read(tmp_path, no_read):
    big = sparse(tmp_path / "big.txt", 5 * MB)
    with pytest.raises(FileTooLarge) as caught:
        read_input(str(big))
    error = caught.value
    assert error.kind == "too_large"
    assert error.message == (
        f"{big}: is 5 MB, over the limit of 4 MB for a .txt file. raise the limit with "
        "--max-text-size MB (in the library, Limits(max_text_size=...) in bytes) "
        "if the file is genuine"
    )
    with pytest.raises(FileTooLarge, match=r"over the limit of 4 MB for a \.txt file"):
        pipeline.extract(big)
    with pytest.raises(FileTooLarge, match=r"is 4\.30 MB, over the limit of 4 MB"):
        read_input(str(sparse(tmp_path / "a bit over.txt", int(4.3 * MB))))


def test_txt_refused_at_a_url_before_it_is_read(no_read):
    fs = pytest.importorskip("fsspec").filesystem("memory")
    fs.pipe("/limits/big.txt", b"x" * (4 * MB + 1))
    try:
        with pytest.raises(FileTooLarge, match=r"for a \.txt file"):
            read_input("memory://limits/big.txt")
    finally:
        fs.rm("/limits", recursive=True)


def test_docx_and_pdf_of_that_size_are_not_refused_by_it(tmp_path, monkeypatch):
    """The text limit is for .txt: a .docx or .pdf over it is read (max_size applies)."""
    payload = SEED_DOCX.read_bytes() + bytes(5 * MB)  # the head says a Word package
    monkeypatch.setattr(storage, "read_bytes", lambda location: payload)
    assert read_input(str(sparse(tmp_path / "big.docx", len(payload)))) is payload
    payload = b"%PDF-1.7\n" + bytes(5 * MB)
    assert read_input(str(sparse(tmp_path / "big.pdf", len(payload)))) is payload


def test_docx_and_pdf_extract_with_a_text_limit_below_their_size():
    limits = Limits(max_text_size=16 * 1024)  # the seed's .docx is 43 KB, its .pdf 244 KB
    assert pipeline.extract(SEED_DOCX, limits=limits).title
    assert pipeline.extract(SEED_PDF, limits=limits).title


def test_a_pdf_named_file_of_text_is_held_to_the_text_limit(tmp_path):
    text = SEED.read_bytes()
    fake = tmp_path / "notice.pdf"
    fake.write_bytes(text * (5 * MB // len(text) + 1))  # 5 MB of text, named .pdf
    with pytest.raises(FileTooLarge) as caught:
        pipeline.extract(fake)
    assert caught.value.message == (
        f"{fake}: is 5 MB, over the limit of 4 MB for text: it is named .pdf, but its bytes "
        "are not a .pdf file's. raise the limit with --max-text-size MB "
        "(in the library, Limits(max_text_size=...) in bytes) if the file is genuine"
    )
    fake = tmp_path / "notice.docx"
    fake.write_bytes(text * 5)  # 72 KB
    with pytest.raises(FileTooLarge, match=r"named \.docx, but its bytes are not a \.docx"):
        read_input(str(fake), Limits(max_text_size=64 * 1024))
    assert read_input(str(fake), Limits(max_text_size=128 * 1024))  # under it: read


def test_legacy_formats_have_their_own_limit(tmp_path, no_read):
    with pytest.raises(FileTooLarge, match=r"over the limit of 16 MB for a \.doc file") as caught:
        read_input(str(sparse(tmp_path / "old.doc", 17 * MB)))
    assert "--max-legacy-size MB" in caught.value.message
    assert "Limits(max_legacy_size=...)" in caught.value.message
    with pytest.raises(FileTooLarge, match=r"over the limit of 1 MB for a \.wps file"):
        read_input(str(sparse(tmp_path / "old.wps", 2 * MB)), Limits(max_legacy_size=MB))


def test_legacy_bytes_under_a_name_of_no_format(tmp_path):
    old = tmp_path / "notice"
    old.write_bytes(OLE + bytes(2 * MB))
    with pytest.raises(FileTooLarge, match=r"its name gives no format, but its bytes are a \.doc"):
        read_input(str(old), Limits(max_legacy_size=MB))


def test_max_size_still_names_its_flag(tmp_path, no_read):
    with pytest.raises(FileTooLarge, match=r"is 5 MB, over the limit of 1 MB\. .* --max-size"):
        read_input(str(sparse(tmp_path / "big.txt", 5 * MB)), Limits(max_size=MB))
    with pytest.raises(FileTooLarge, match=r"over the limit of 200 MB\. .* --max-size"):
        read_input(str(sparse(tmp_path / "huge.pdf", 201 * MB)))


def test_extract_with_a_raised_or_lowered_text_limit(tmp_path):
    text = SEED.read_bytes()
    notice = tmp_path / "notice.txt"
    notice.write_bytes(text * 5)  # 72 KB: the seed's text, five times
    with pytest.raises(FileTooLarge, match=r"over the limit of 0\.062 MB for a \.txt file"):
        pipeline.extract(notice, limits=Limits(max_text_size=64 * 1024))
    assert pipeline.extract(notice, limits=Limits(max_text_size=128 * 1024)).title
    assert pipeline.extract(SEED, limits=Limits(max_text_size=len(text))).title  # at it: read
