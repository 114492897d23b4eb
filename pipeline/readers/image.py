"""Image reader: a scanned notice as .png, .jpg/.jpeg or .tif/.tiff, read by OCR.

A multi-page TIFF is one notice, one page per frame. Each frame is read as the PDF
reader reads a scanned page (``ocr.read_page_image``: seals painted out, skew undone,
characters with positions) and the pages go through the PDF reader's line, paragraph
and table code. The page's size in points comes from the image's resolution (its dpi
tag; 150 dpi when it has none, or one below 100 such as the 72 of a screenshot).
"""

from __future__ import annotations

import io
import logging

from ..errors import ConverterMissing, CorruptFile, FileTooLarge, NoTextLayer
from ..limits import DEFAULT, Limits
from ..model import Document
from .ocr import EXTRA, MAX_SIDE, available, check_mode, read_pages

log = logging.getLogger("notice_pipeline.ocr")

DEFAULT_DPI = 150.0


def read_image(path: str, data: bytes, limits: Limits = DEFAULT, ocr: str = "auto") -> Document:
    """The blocks of a scanned notice in an image file (every frame a page)."""
    from .pdf import _read_pages, note_ocr

    mode = check_mode(ocr)
    if mode == "never":
        raise NoTextLayer(
            path, "is an image: it has no text layer", "read it by OCR with --ocr auto"
        )
    if not available():
        if mode == "force":
            raise ConverterMissing(
                path, "cannot be read by OCR (--ocr force): RapidOCR is not installed", EXTRA
            )
        raise NoTextLayer(
            path, "is an image: it has no text layer", f"install OCR ({EXTRA}) and extract it again"
        )
    frames = _frames(path, data, limits)

    def scaled():
        for number, (image, dpi) in enumerate(frames, start=1):
            scale = dpi / 72
            longest = max(image.size)
            if longest > MAX_SIDE:  # a 600 dpi scan: scaled down as ocr.py scales a page
                factor = MAX_SIDE / longest
                size = (round(image.width * factor), round(image.height * factor))
                image, scale = image.resize(size), scale * factor
            yield image, scale, number

    def started(k: int) -> None:
        log.info("%s: OCR of page %d (%d of %d)", path, k, k, len(frames))

    pages = read_pages(scaled(), started, len(frames))
    hint = None
    if not any(c["text"].strip() for page in pages for c in page.chars):
        hint = "OCR read no text on them: check that the image is a page of text"
    document = _read_pages(path, pages, [], hint)
    document.format = "image"
    note_ocr(document, pages)
    return document


def _frames(path: str, data: bytes, limits: Limits) -> list:
    """The frames as RGB images, each with its resolution in dpi."""
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        count = getattr(image, "n_frames", 1)
        if count > limits.max_pages:
            raise FileTooLarge(
                path,
                f"has {count} pages, over the limit of {limits.max_pages}",
                "raise the limit with --max-pages if the file is genuine",
            )
        frames = []
        for frame in ImageSequence.Iterator(image):
            dpi = _dpi(frame.info.get("dpi"))
            frame = ImageOps.exif_transpose(frame)  # a phone's photo stands as it was taken
            frames.append((_rgb(frame), dpi))
    except Image.DecompressionBombError as exc:
        raise FileTooLarge(path, f"is too large an image ({exc})") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise CorruptFile(
            path, f"is not a readable image ({type(exc).__name__}: {exc})".rstrip(": ")
        ) from None
    if not frames:
        raise CorruptFile(path, "is an image without pages")
    return frames


def _dpi(value) -> float:
    try:
        dpi = float(value[0])
    except (TypeError, ValueError, IndexError):
        return DEFAULT_DPI
    return dpi if 100 <= dpi <= 1200 else DEFAULT_DPI


def _rgb(frame):
    if frame.mode in ("I;16", "I;16B", "I;16L"):
        frame = frame.point(lambda v: v / 256).convert("L")
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        frame = frame.convert("RGBA")
        background = _white(frame.size)
        background.paste(frame, mask=frame.getchannel("A"))
        return background
    return frame.convert("RGB")


def _white(size):
    from PIL import Image

    return Image.new("RGB", size, "white")
