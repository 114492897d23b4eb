"""Where inputs are read and outputs written: local paths, or fsspec URLs.

A location is a string: a local path ("out/", "/data/notices") or a URL that fsspec
understands ("memory://out", "file:///data", "s3://bucket/notices" with s3fs
installed). Local paths use the standard library; URLs load fsspec on first use.
Every write is atomic: a temporary name in the same folder, then a rename.

Local paths go through ``os`` and ``os.path`` only (no pathlib, no tempfile): this
module is on the path of every run, and those imports cost a one-file run more
than its writes do.
"""

from __future__ import annotations

import contextlib
import os
import posixpath


def is_url(location: str) -> bool:
    return "://" in str(location)


def _fs(location: str):
    import fsspec

    return fsspec.core.url_to_fs(location)


def join(base: str, *parts: str) -> str:
    if is_url(base):
        return posixpath.join(str(base).rstrip("/"), *parts)
    return _plain(os.path.join(os.fspath(base), *parts))


def _plain(path: str) -> str:
    """A local path written as pathlib writes it: no empty or "." parts, no trailing slash."""
    if os.sep != "/":
        return os.path.normpath(path)
    parts = [p for p in path.split("/") if p not in ("", ".")]
    return ("/" if path.startswith("/") else "") + "/".join(parts) or "."


def name_of(location: str) -> str:
    if is_url(location):
        return posixpath.basename(str(location).rstrip("/"))
    parts = [p for p in os.fspath(location).split(os.sep) if p not in ("", ".")]
    return parts[-1] if parts else ""


def read_bytes(location: str) -> bytes:
    if is_url(location):
        fs, path = _fs(location)
        return fs.cat_file(path)
    with open(location, "rb") as f:
        return f.read()


def size(location: str) -> int:
    if is_url(location):
        fs, path = _fs(location)
        return fs.size(path)
    return os.stat(location).st_size


def read_text(location: str) -> str:
    return read_bytes(location).decode("utf-8")


def exists(location: str) -> bool:
    if is_url(location):
        fs, path = _fs(location)
        return fs.exists(path)
    return os.path.exists(location)


def is_dir(location: str) -> bool:
    if is_url(location):
        fs, path = _fs(location)
        return fs.isdir(path)
    return os.path.isdir(location)


def remove(location: str) -> None:
    if is_url(location):
        fs, path = _fs(location)
        if fs.exists(path):
            fs.rm_file(path)
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(location)


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
    location = os.fspath(location)
    folder, name = os.path.split(location)
    if folder:
        os.makedirs(folder, exist_ok=True)
    fd, tmp = _temporary(folder, name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, location)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _temporary(folder: str, name: str) -> tuple[int, str]:
    """A new file ``.NAME.RANDOM.part`` in ``folder``, opened for writing (as mkstemp, but
    with the permissions the user's umask gives a new file: 0644 under umask 022)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}.part")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name for {name} in {folder or '.'}")


def find_files(location: str, suffixes=None) -> list[tuple[str, str]]:
    """Files below a folder (with one of the suffixes, if given), as (location, path
    relative to it).

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
            if suffixes is None or posixpath.splitext(path)[1].lower() in suffixes:
                url = path if protocol == "file" else f"{protocol}://{path.lstrip('/')}"
                found.append((url, rel))
        return found
    base = _plain(os.fspath(location))
    for folder, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file in files:
            path = os.path.join(folder, file)
            if (
                not file.startswith(".")
                and (suffixes is None or os.path.splitext(file)[1].lower() in suffixes)
                and os.path.isfile(path)
            ):
                rel = os.path.relpath(path, base).replace(os.sep, "/")
                found.append((path, rel))
    found.sort(key=lambda item: item[1].split("/"))
    return found
