"""Read an image upload (JPEG, PNG, multi-page TIFF of agreement pages) as one document.

Images have no text layer: every frame becomes a Page with `has_text_layer=False`, which
the OCR step (ingest/ocr) fills. `page_images` hands the frames to it.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator

from PIL import Image, ImageOps, UnidentifiedImageError

from ingest.errors import DamagedDocument, DocumentTooLarge, EmptyDocument
from ingest.model import Page

log = logging.getLogger(__name__)


def read_pages(data: bytes, filename: str) -> tuple[Page, ...]:
    """One empty Page per image frame (a TIFF may hold many).

    Raises DamagedDocument, DocumentTooLarge or EmptyDocument.
    """
    with _open(data, filename) as image:
        frames = getattr(image, "n_frames", 1)
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
                # phone photos are stored sideways with an EXIF note saying how to turn them
                frame = ImageOps.exif_transpose(image)
                frame.load()
            except (OSError, EOFError, ValueError) as exc:
                raise DamagedDocument(filename, f"page {number} of the image: {exc}") from exc
            yield number, frame


def _open(data: bytes, filename: str) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except Image.DecompressionBombError as exc:
        raise DocumentTooLarge(filename, f"the image is too large to read ({exc})") from exc
    except (UnidentifiedImageError, OSError, EOFError, SyntaxError, ValueError) as exc:
        raise DamagedDocument(filename, f"unreadable image: {exc}") from exc
    return image
