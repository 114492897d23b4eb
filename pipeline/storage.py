"""Where inputs are read and outputs written: local paths, or fsspec URLs.

A location is a string: a local path ("out/", "/data/notices") or a URL that fsspec
understands ("memory://out", "file:///data", "s3://bucket/notices" with s3fs
installed). Local paths use the standard library; URLs load fsspec on first use.
Every write is atomic: a temporary name in the same folder, then a rename.
"""

from __future__ import annotations

import os
import posixpath
import tempfile
from pathlib import Path


def is_url(location: str) -> bool:
    return "://" in str(location)


def _fs(location: str):
    import fsspec

    return fsspec.core.url_to_fs(location)


def join(base: str, *parts: str) -> str:
    if is_url(base):
        return posixpath.join(str(base).rstrip("/"), *parts)
    return str(Path(base, *parts))


def name_of(location: str) -> str:
    if is_url(location):
        return posixpath.basename(str(location).rstrip("/"))
    return Path(location).name


def read_bytes(location: str) -> bytes:
    if is_url(location):
        fs, path = _fs(location)
        return fs.cat_file(path)
    return Path(location).read_bytes()


def size(location: str) -> int:
    if is_url(location):
        fs, path = _fs(location)
        return fs.size(path)
    return Path(location).stat().st_size


def read_text(location: str) -> str:
    return read_bytes(location).decode("utf-8")


def exists(location: str) -> bool:
    if is_url(location):
        fs, path = _fs(location)
        return fs.exists(path)
    return Path(location).exists()


def is_dir(location: str) -> bool:
    if is_url(location):
        fs, path = _fs(location)
        return fs.isdir(path)
    return Path(location).is_dir()


def remove(location: str) -> None:
    if is_url(location):
        fs, path = _fs(location)
        if fs.exists(path):
            fs.rm_file(path)
    else:
        Path(location).unlink(missing_ok=True)


def write_atomic(location: str, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it into place."""
    if is_url(location):
        fs, path = _fs(location)
        folder = posixpath.dirname(path)
        if folder:
            fs.makedirs(folder, exist_ok=True)
        tmp = posixpath.join(folder, f".{posixpath.basename(path)}.{os.getpid()}.part")
        fs.pipe_file(tmp, data)
        fs.mv(tmp, path)
        return
    path = Path(location)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def find_files(location: str, suffixes) -> list[tuple[str, str]]:
    """Files below a folder with one of the suffixes, as (location, path relative to it).

    Hidden files and folders (a name starting with ".") are skipped. Sorted.
    """
    found = []
    if is_url(location):
        fs, root = _fs(location)
        protocol = location.split("://", 1)[0]
        for path in sorted(fs.find(root)):
            rel = posixpath.relpath(path, root)
            if any(part.startswith(".") for part in rel.split("/")):
                continue
            if posixpath.splitext(path)[1].lower() in suffixes:
                url = path if protocol == "file" else f"{protocol}://{path.lstrip('/')}"
                found.append((url, rel))
        return found
    base = Path(location)
    for file in sorted(base.rglob("*")):
        rel = file.relative_to(base)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if file.is_file() and file.suffix.lower() in suffixes:
            found.append((str(file), rel.as_posix()))
    return found
