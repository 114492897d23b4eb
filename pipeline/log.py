"""Logging of the command line: -v (INFO), -vv (DEBUG) on stderr, --log-file PATH (DEBUG,
with timestamps, whatever -v says). Records go to the "notice_pipeline" logger and its
children (notice_pipeline.core: reader, pages and seconds of each document;
notice_pipeline.ocr: OCR progress). Without -v and --log-file nothing is configured and
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
