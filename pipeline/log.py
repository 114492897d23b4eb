"""Logging of the command line: -v (INFO), -vv (DEBUG) on stderr, --log-file PATH (DEBUG,
with timestamps, whatever -v says). Records go to the "notice_pipeline" logger and its
children (notice_pipeline.core: reader, pages and seconds of each document;
notice_pipeline.ocr: OCR progress; notice_pipeline.cli at DEBUG: the run's options, what
became of each input and the files written, the dataset). At DEBUG this module logs the
versions and where the log goes. Without -v and --log-file nothing is configured and
the terminal shows what it always did. Only the stdlib logging module is loaded.
"""

from __future__ import annotations

import logging
import sys

LOGGER = "notice_pipeline"


def configure(verbose: int = 0, log_file: str | None = None) -> None:
    """Handlers on the "notice_pipeline" logger for ``-v`` counted ``verbose`` times and
    for ``--log-file``; nothing when both are off."""
    if not verbose and not log_file:
        return
    logger = logging.getLogger(LOGGER)
    logger.setLevel(logging.DEBUG)
    if verbose:
        terminal = logging.StreamHandler(sys.stderr)
        terminal.setLevel(logging.INFO if verbose == 1 else logging.DEBUG)
        terminal.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        logger.addHandler(terminal)
    if log_file:
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setLevel(logging.DEBUG)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    import platform

    from . import __version__

    logging.getLogger(f"{LOGGER}.log").debug(
        "notice-pipeline %s, Python %s on %s; log: %s",
        __version__,
        platform.python_version(),
        platform.platform(terse=True),
        "; ".join(where(verbose, log_file)),
    )


def where(verbose: int, log_file: str | None) -> list[str]:
    """Where the records go, for the first DEBUG record: "stderr at INFO", "PATH at DEBUG"."""
    places = []
    if verbose:
        places.append(f"stderr at {'INFO' if verbose == 1 else 'DEBUG'}")
    if log_file:
        places.append(f"{log_file} at DEBUG")
    return places
