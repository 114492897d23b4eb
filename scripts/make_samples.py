"""Build the sample inputs in samples/ from their readable sources in samples/src/.

The sources are UTF-8 with LF line ends; each sample is written in the encoding and
line ends it exists to test (see SAMPLES). The seed notice is kept as given.
Run with `make samples`.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "samples" / "src"

# name: (encoding, line end)
SAMPLES = {
    "hz_gbk_crlf.txt": ("gbk", "\r\n"),
    "zj_utf16_letter.txt": ("utf-16", "\r"),  # utf-16 writes a byte-order mark
}


def main() -> None:
    for name, (encoding, newline) in SAMPLES.items():
        text = (SRC / name).read_text(encoding="utf-8")
        data = text.replace("\n", newline).encode(encoding)
        (ROOT / "samples" / name).write_bytes(data)
        print(f"samples/{name}: {encoding}, {newline!r} line ends, {len(data)} bytes")


if __name__ == "__main__":
    main()
