"""The errors a user can meet, each with a message a non-programmer can act on.

Every error names the file and says what to do, spelled one way everywhere:
``FILE: problem. what to do`` (:func:`spell`), the text a manifest stores; the command
line prints it as ``error: FILE: problem. what to do`` on one line, ``--debug`` adds the
traceback.
"""

from __future__ import annotations

SEPARATOR = ". "  # between the problem and what to do


def spell(location, problem: str, fix: str | None = None) -> str:
    """The one spelling of a failure: "FILE: problem. what to do" ("FILE: problem" without
    a fix; no location: "problem. what to do"). A problem that already ends a sentence
    (".", "?", "!") is not given a second full stop."""
    text = f"{location}: {problem}" if location not in (None, "") else problem
    if not fix:
        return text
    text = text.rstrip()
    if text.rstrip(")").endswith((".", "?", "!")):  # click's "… (Did you mean --force?)"
        return f"{text} {fix}"
    return f"{text}{SEPARATOR}{fix}"


class PipelineError(Exception):
    """Base class: something about an input file that stops its extraction."""

    kind = "error"
    hint = ""

    def __init__(self, path: str, problem: str, hint: str | None = None):
        self.path = str(path)
        self.problem = problem
        if hint is not None:
            self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return spell(self.path, self.problem, self.hint)


class NotFound(PipelineError):
    """The input does not exist (a mistyped path, a file moved away)."""

    kind = "not_found"
    hint = "check the path"


class UnsupportedFormat(PipelineError):
    kind = "unsupported_format"


class EmptyFile(PipelineError):
    kind = "empty"
    hint = "check that the file was copied completely"


class UndecodableText(PipelineError):
    kind = "undecodable"
    hint = "save it as UTF-8 (or GB18030) text and try again"


class CorruptFile(PipelineError):
    kind = "corrupt"
    hint = "open it in its application and save it again"


class FileTooLarge(PipelineError):
    """Over one of the limits (size, inflated size, pages); the hint names the flag."""

    kind = "too_large"
    hint = "raise the limit with --max-size if the file is genuine"


class DocumentTimeout(PipelineError):
    kind = "timeout"
    hint = "raise the limit with --timeout, or convert it alone to see why it is slow"


class EncryptedPdf(PipelineError):
    kind = "encrypted"
    hint = "give its password with --password (or pipeline.extract(path, password=...))"


class NoTextLayer(PipelineError):
    kind = "no_text_layer"
    hint = "it is a scan: run OCR on it first (for example with ocrmypdf), then extract the result"


class ConverterMissing(PipelineError):
    kind = "converter_missing"
    hint = (
        "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) "
        "so that soffice is on PATH, or save the file as .docx"
    )


class OutputError(PipelineError):
    """Writing into OUTDIR failed. Not the input's fault: the run stops cleanly at the
    first one (exit status 3), keeping every output that was good."""

    kind = "output_error"


class DiskFull(OutputError):
    kind = "disk_full"
    hint = "free space on that disk (or give another -o), then run the same command again"


class OutputUnwritable(OutputError):
    kind = "output_unwritable"
    hint = "make it writable (or give another -o), then run the same command again"


# errno values that say the disk (or the user's quota) is full
_FULL = ("ENOSPC", "EDQUOT", "EFBIG")


def output_error(exc: OSError, location: str) -> OutputError:
    """The OutputError an OSError raised while writing ``location`` stands for."""
    import errno

    names = {getattr(errno, n, None) for n in _FULL} - {None}
    if exc.errno in names:
        return DiskFull(location, f"cannot be written: the disk is full ({exc.strerror})")
    if isinstance(exc, (NotADirectoryError, FileExistsError)):
        problem = "cannot be written: a file stands where a folder of it should be"
    elif isinstance(exc, IsADirectoryError):
        problem = "cannot be written: a folder stands where the file should be"
    elif isinstance(exc, PermissionError):
        problem = "cannot be written: permission denied"
    else:
        problem = f"cannot be written ({exc.strerror or exc})"
    return OutputUnwritable(location, problem)


class ArchiveLocked(PipelineError):
    """Another run is converting into the same OUTDIR (exit status 4)."""

    kind = "locked"


def describe(exc: Exception, location: str) -> dict:
    """A failure as the manifest records it: {type, message}.

    A PipelineError says what to do; anything else is a bug of ours and says so.
    """
    if isinstance(exc, PipelineError):
        return {"type": exc.kind, "message": exc.message}
    return {
        "type": "internal",
        "message": spell(
            location, f"{type(exc).__name__}: {exc}", "a bug of ours: please report it"
        ),
    }
