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
        tmp = posixpath.join(folder, f".{posixpath.basename(path)}.{os.urandom(6).hex()}.part")
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


def write_all_atomic(files: list[tuple[str, bytes]]) -> None:
    """Write several files all or nothing: every one to its temporary name first, then
    each renamed into place. A failure while writing (a full disk) leaves the old files
    as they were and no temporary file; only the renames, which do not need room, come
    after the first replaced file."""
    if any(is_url(location) for location, _ in files):
        for location, data in files:  # fsspec: each file atomic on its own
            write_atomic(location, data)
        return
    written: list[tuple[str, str]] = []
    try:
        for location, data in files:
            location = os.fspath(location)
            folder, name = os.path.split(location)
            if folder:
                os.makedirs(folder, exist_ok=True)
            fd, tmp = _temporary(folder, name)
            written.append((tmp, location))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
    except BaseException:
        for tmp, _ in written:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    for tmp, location in written:
        os.replace(tmp, location)


PART_SUFFIX = ".part"  # every temporary file of ours: ".NAME.<12 hex>.part"


def remove_parts(folder: str) -> list[str]:
    """Remove the temporary files (``.NAME.<hex>.part``) and folders (``.NAME.<hex>.part``,
    ``.NAME.<hex>.old``) that runs killed before their rename left below ``folder``;
    return what was removed. Call it only while holding the folder's lock."""
    import re
    import shutil

    pattern = re.compile(r"^\..+\.[0-9a-f]{6,}\.(part|old)$")
    removed: list[str] = []
    if is_url(folder) or not os.path.isdir(folder):
        return removed
    for root, dirs, files in os.walk(folder):
        for d in list(dirs):
            if pattern.match(d):
                shutil.rmtree(os.path.join(root, d), ignore_errors=True)
                removed.append(os.path.join(root, d))
                dirs.remove(d)
        for f in files:
            if pattern.match(f):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(root, f))
                removed.append(os.path.join(root, f))
    return removed


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


def find_entries(location: str) -> list[tuple[str, str, str]]:
    """Every path below a folder, as (location, path relative to it, kind), sorted.

    kind: "file" (a regular file, or a link to one); "hidden" (a name starting with
    ".": a hidden folder counts once); "broken_link" (a link to nothing, or a loop of
    links); "folder_link" (a link to a folder: not followed); "special" (a FIFO, a
    socket, a device). Nothing below a folder is left without a line.
    """
    import stat

    if is_url(location):
        return [(url, rel, "hidden" if any(p.startswith(".") for p in rel.split("/")) else "file")
                for url, rel in _find_urls(location)]  # fmt: skip
    base = _plain(os.fspath(location))
    found = []

    def rel(path: str) -> str:
        return os.path.relpath(path, base).replace(os.sep, "/")

    for folder, dirs, files in os.walk(base):
        for d in list(dirs):
            path = os.path.join(folder, d)
            if d.startswith("."):
                found.append((path, rel(path), "hidden"))
                dirs.remove(d)
            elif os.path.islink(path):
                found.append((path, rel(path), "folder_link"))
        for file in files:
            path = os.path.join(folder, file)
            if file.startswith("."):
                kind = "hidden"
            else:
                try:
                    mode = os.stat(path).st_mode  # follows links
                except OSError:  # a dangling link, a loop of links
                    kind = "broken_link"
                else:
                    kind = "file" if stat.S_ISREG(mode) else "special"
            found.append((path, rel(path), kind))
    found.sort(key=lambda item: item[1].split("/"))
    return found


def _find_urls(location: str) -> list[tuple[str, str]]:
    fs, root = _fs(location)
    protocol = location.split("://", 1)[0]
    found = []
    for path in sorted(fs.find(root)):
        rel = posixpath.relpath(path, root)
        url = path if protocol == "file" else f"{protocol}://{path.lstrip('/')}"
        found.append((url, rel))
    return found
