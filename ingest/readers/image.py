"""Read an image upload (JPEG, PNG, multi-page TIFF of agreement pages) as one document.

Images have no text layer: every frame becomes a Page with `has_text_layer=False`, which
the OCR step (ingest/ocr) fills. `page_images` hands the frames to it.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator
from typing import Final

from PIL import Image, ImageOps, UnidentifiedImageError

from ingest.errors import DamagedDocument, DocumentTooLarge, EmptyDocument
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.model import Page

log = logging.getLogger(__name__)

# An A3 page scanned at 600 dpi is 70 million pixels. Pillow itself refuses only past
# 179 million (its decompression-bomb limit), which decodes to half a gigabyte.
MAX_PAGE_PIXELS: Final = 80_000_000


def read_pages(data: bytes, filename: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Page, ...]:
    """One empty Page per image frame (a TIFF may hold many).

    Raises DamagedDocument, EmptyDocument, or DocumentTooLarge for more frames than
    `limits.max_pages` or a page of more than MAX_PAGE_PIXELS.
    """
    with _open(data, filename) as image:
        frames = _frame_count(image, filename, limits.max_pages)
    if frames < 1:
        raise EmptyDocument(filename, "the image has no pages")
    log.info("read file=%s step=image format=%s pages=%d", filename, image.format, frames)
    return tuple(Page(number=n, lines=(), has_text_layer=False) for n in range(1, frames + 1))


def page_images(
    data: bytes, filename: str, numbers: Iterable[int]
) -> Iterator[tuple[int, Image.Image]]:
    """Yield (page number, upright image) for each 1-based frame number in `numbers`.

    Raises DamagedDocument or DocumentTooLarge.
    """
    with _open(data, filename) as image:
        for number in numbers:
            try:
                image.seek(number - 1)
                _check_size(image, filename, number)
                # phone photos are stored sideways with an EXIF note saying how to turn them
                frame = ImageOps.exif_transpose(image)
                frame.load()
            except (OSError, EOFError, ValueError) as exc:
                raise DamagedDocument(filename, f"page {number} of the image: {exc}") from exc
            yield number, frame


def _frame_count(image: Image.Image, filename: str, max_pages: int) -> int:
    """Frames, counted up to `max_pages` only (`n_frames` would walk every frame)."""
    if not getattr(image, "is_animated", False):
        return 1
    frames = 1
    try:
        while True:
            image.seek(frames)
            frames += 1
            if frames > max_pages:
                raise DocumentTooLarge(
                    filename, f"the image has more than the {max_pages:,} pages naskah reads"
                )
    except EOFError:
        pass
    except (OSError, ValueError, SyntaxError) as exc:
        raise DamagedDocument(filename, f"unreadable image: {exc}") from exc
    image.seek(0)
    return frames


def _check_size(image: Image.Image, filename: str, number: int) -> None:
    width, height = image.size
    if width * height > MAX_PAGE_PIXELS:
        raise DocumentTooLarge(
            filename,
            f"page {number} of the image is {width}x{height} pixels, more than the "
            f"{MAX_PAGE_PIXELS:,} naskah reads (scan at 300 dpi)",
        )


def _open(data: bytes, filename: str) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        _check_size(image, filename, 1)
        image.load()
    except Image.DecompressionBombError as exc:
        raise DocumentTooLarge(filename, f"the image is too large to read ({exc})") from exc
    except (UnidentifiedImageError, OSError, EOFError, SyntaxError, ValueError) as exc:
        raise DamagedDocument(filename, f"unreadable image: {exc}") from exc
    return image
