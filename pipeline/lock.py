"""One run at a time per OUTDIR: ``OUTDIR/.notice-pipeline.lock``.

Two runs into one archive would both convert everything, and the one finishing last
would own the manifest. A run takes the lock before it reads the manifest and gives
it back when it has written it. The lock file holds who took it (pid, host, start
time, command), so the message of a second run can say whom it waits for.

- A second run exits at once with that message, or waits with ``wait=True``
  (``notice-pipeline extract --wait``).
- A lock left by a run that died (same host, its pid no longer running) is taken over,
  and ``Lock.note`` says so.
- Local folders only: an fsspec URL (s3://…) has no lock; one run at a time there is
  up to the user.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import sys
import time
from collections.abc import Callable

from . import storage
from .errors import ArchiveLocked, output_error

LOCK = ".notice-pipeline.lock"


def _host() -> str:
    """This machine's name, as socket.gethostname() gives it (platform is loaded by click
    already; socket would cost a one-file run about 2.5 ms of imports, ``-X importtime``)."""
    return platform.node()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: running
        return True
    return True


class Lock:
    """``with Lock(outdir): ...`` holds OUTDIR's lock for the block."""

    def __init__(
        self,
        outdir: str,
        wait: bool = False,
        waiting: Callable[[str], None] | None = None,
        poll: float = 0.5,
    ):
        self.outdir = str(outdir)
        self.path = storage.join(self.outdir, LOCK)
        self.wait = wait
        self.waiting = waiting  # told once, with the holder's description, when we wait
        self.poll = poll
        self.note: str | None = None  # set when a dead run's lock was taken over
        self.held = False

    def __enter__(self) -> Lock:
        if storage.is_url(self.outdir):
            return self
        try:
            os.makedirs(self.outdir, exist_ok=True)
        except OSError as exc:
            raise output_error(exc, self.outdir) from None
        told = False
        while True:
            try:
                taken = self._take()
            except OSError as exc:
                raise output_error(exc, self.path) from None
            if taken:
                self.held = True
                return self
            holder = self._holder()
            if holder is not None and self._stale(holder):
                self.note = (
                    "took over a lock file that could not be read and had not been touched "
                    "for a minute"
                    if holder.get("unreadable")
                    else f"took over the lock of run {holder.get('pid')} started "
                    f"{holder.get('started', '?')}, which is no longer running"
                )
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.path)
                continue
            who = _describe(holder)
            if not self.wait:
                raise ArchiveLocked(
                    self.outdir,
                    f"another run is converting into this folder ({who})",
                    "wait for it to finish, run again with --wait to queue behind it, "
                    f"or if that run is gone, remove {self.path}",
                ) from None
            if not told and self.waiting:
                self.waiting(who)
                told = True
            time.sleep(self.poll)

    def _take(self) -> bool:
        """Create the lock file with its content in one step: written under a temporary
        name, then hard-linked to the lock's name (which fails if it exists), so a lock
        file is never seen empty, even after a kill or a full disk."""
        info = json.dumps(
            {
                "pid": os.getpid(),
                "host": _host(),
                "started": time.strftime("%Y-%m-%d %H:%M:%S"),
                "command": " ".join(sys.argv[:1] + sys.argv[1:4]),
            }
        )
        tmp = f"{self.path}.{os.urandom(6).hex()}.part"
        try:
            with open(tmp, "x", encoding="utf-8") as f:
                f.write(info)
            try:
                os.link(tmp, self.path)
            except FileExistsError:
                return False
            return True
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)

    def __exit__(self, *exc) -> None:
        if self.held:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            self.held = False

    def _holder(self) -> dict | None:
        try:
            with open(self.path, encoding="utf-8") as f:
                holder = json.load(f)
        except FileNotFoundError:
            return {}  # given back meanwhile: try again
        except (OSError, ValueError):
            holder = None
        if isinstance(holder, dict):
            return holder
        # Not a lock of ours (an empty or garbled file: an older version killed while it
        # wrote its lock). Stale once nobody has touched it for a minute.
        try:
            age = time.time() - os.stat(self.path).st_mtime
        except FileNotFoundError:
            return {}
        return {"pid": None, "started": "?", "unreadable": True} if age > 60 else None

    @staticmethod
    def _stale(holder: dict) -> bool:
        if not holder or holder.get("unreadable"):
            return True  # the file went away between our two looks, or is garbage
        pid = holder.get("pid")
        same_host = holder.get("host") == _host()
        return same_host and isinstance(pid, int) and not _alive(pid)


def _describe(holder: dict | None) -> str:
    if not holder:
        return "its lock file cannot be read"
    return f"pid {holder.get('pid')} on {holder.get('host')}, started {holder.get('started')}"
