"""Legacy Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice.

Needs ``soffice`` on PATH (Debian: ``apt-get install libreoffice-writer-nogui``).
Each conversion runs headless with a private profile folder, so several can run
at once, and is stopped after ``timeout`` seconds.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import ConverterMissing, CorruptFile
from ..limits import DEFAULT, Limits
from ..model import Document

SOFFICE_NAMES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_docx(path: str, data: bytes, fmt: str, timeout: float = 120) -> bytes:
    soffice = find_soffice()
    if soffice is None:
        raise ConverterMissing(
            path, f"reading .{fmt} files needs LibreOffice, which is not installed"
        )
    with tempfile.TemporaryDirectory(prefix="notice-soffice-") as tmp:
        work = Path(tmp)
        source = work / f"input.{fmt}"
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"),
               str(source)]  # fmt: skip
        try:
            subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise CorruptFile(
                path, f"LibreOffice took more than {timeout:.0f} s to convert it", "try it alone"
            ) from None
        result = work / "out" / "input.docx"
        if not result.exists():
            raise CorruptFile(path, f"LibreOffice could not convert this .{fmt} file")
        return result.read_bytes()


def read_legacy(path: str, data: bytes, fmt: str, limits: Limits = DEFAULT) -> Document:
    from .docx import read_docx

    timeout = limits.timeout if limits.timeout > 0 else 600
    document = read_docx(path, convert_to_docx(path, data, fmt, timeout), limits)
    document.format = fmt
    return document
