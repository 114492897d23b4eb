"""Every option of a conversion, in one place: :class:`ExtractOptions`.

The command (``notice-pipeline extract``), the library (``pipeline.extract``,
``pipeline.convert``) and the batch's workers all take one ExtractOptions, so an
option is added here once rather than threaded through eight keyword arguments in
each layer.

    >>> from pipeline import ExtractOptions, convert
    >>> options = ExtractOptions(fill_columns=("活动名称",), csv_encoding="utf-8-sig")
    >>> result = convert(["notices/2024"], "archive", options)
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from .limits import DEFAULT, Limits

CSV_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
OCR_MODES = ("auto", "never", "force")


@dataclass(frozen=True)
class ExtractOptions:
    """What a document is converted with (and, in a batch, how outputs are written)."""

    # blank cells of these columns are filled from the row above, besides the
    # responsible-unit columns the fill rules name
    fill_columns: tuple[str, ...] = ()
    fill: bool = True  # False: fill no blank cell (recorded merges still count)
    fill_rules: str | None = None  # a file of fill rules extending the built-in ones
    password: str | None = None  # for encrypted PDFs
    # OCR of scans (needs the ocr extra): "auto" pages without a text layer, "never",
    # "force" every page whatever its text layer
    ocr: str = "auto"
    limits: Limits = field(default=DEFAULT)  # size, inflated size, pages, time
    topics: bool = False  # keywords and a category per table row (loads jieba)
    aliases: str | None = None  # a CSV extending the unit alias table
    categories: str | None = None  # a CSV replacing the topic rules
    # outputs of a batch
    csv_encoding: str = "utf-8"  # of the table CSVs and the dataset's CSVs
    # NAME.xlsx beside each NAME.json (the notice's parts, a sheet per table, filled cells
    # shaded with a note saying where from), and dataset/dataset.xlsx (pipeline/xlsx.py)
    xlsx: bool = False
    force: bool = False  # convert inputs again even when unchanged
    debug: bool = False  # keep the traceback of a failure in the manifest
    # a folder of .docx made from this batch's .doc/.wps files by one LibreOffice run
    # (set by the batch itself; see readers/legacy.py)
    legacy_converted: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.fill_columns, str):
            object.__setattr__(self, "fill_columns", (self.fill_columns,))
        else:
            object.__setattr__(self, "fill_columns", tuple(self.fill_columns))
        if self.ocr not in OCR_MODES:
            raise ValueError(f"ocr {self.ocr!r}: choose one of {', '.join(OCR_MODES)}")
        if self.csv_encoding not in CSV_ENCODINGS:
            raise ValueError(
                f"csv_encoding {self.csv_encoding!r}: choose one of {', '.join(CSV_ENCODINGS)}"
            )

    def digest(self) -> str:
        """A digest of the options that change a document's outputs (and of the files
        they name: a rules file edited since counts as changed), for the manifest: an
        input converted with other options is converted again. The limits, --force,
        --debug and the password (it opens a file, it does not change what is read) are
        not in it. Computed once per ExtractOptions (the files are read once a run)."""
        cached = self.__dict__.get("_digest")
        if cached is None:
            cached = self._digest()
            object.__setattr__(self, "_digest", cached)
        return cached

    def _digest(self) -> str:
        import json

        def content(path: str | None) -> str | None:
            if not path:
                return None
            try:
                with open(path, "rb") as f:
                    data = f.read()
            except OSError:
                return f"unreadable:{path}"
            from .core import sha256_hex

            return sha256_hex(data)

        key = {
            "fill_columns": list(self.fill_columns),
            "fill": self.fill,
            "fill_rules": content(self.fill_rules),
            "topics": self.topics,
            "aliases": content(self.aliases),
            "categories": content(self.categories),
            "csv_encoding": self.csv_encoding,
            "xlsx": self.xlsx,
            "ocr": self.ocr,
        }
        from .core import sha256_hex

        return sha256_hex(json.dumps(key, sort_keys=True, ensure_ascii=False).encode())[:16]

    @classmethod
    def of(cls, options: ExtractOptions | None = None, **kwargs) -> ExtractOptions:
        """``options`` with ``kwargs`` replacing its fields (unknown names raise TypeError)."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(kwargs) - known)
        if unknown:
            raise TypeError(f"unknown option(s): {', '.join(unknown)}")
        base = options if options is not None else cls()
        return replace(base, **kwargs) if kwargs else base
