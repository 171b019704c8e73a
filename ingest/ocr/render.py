"""Render one PDF page to a grayscale image with poppler's pdftoppm (for OCR).

Used where a page is not one embedded scan pypdf can decode: JBIG2 images, pages built
from several images or vector drawings, text layers that are garbage.
"""

from __future__ import annotations

import io
import logging
import subprocess
import time
from typing import Final

from PIL import Image, UnidentifiedImageError

from ingest.errors import OcrFailed, OcrUnavailable

log = logging.getLogger(__name__)

# 300 dpi is Tesseract's sweet spot for body text; at 200 dpi small print loses letters.
RENDER_DPI: Final = 300
RENDER_TIMEOUT_S: Final = 120


def render_page(data: bytes, file_name: str, number: int, *, dpi: int = RENDER_DPI) -> Image.Image:
    """Page `number` (1-based) of the PDF `data` as an 8-bit grayscale image.

    Raises OcrUnavailable when pdftoppm is not installed, OcrFailed when it fails.
    """
    started = time.perf_counter()
    command = ["pdftoppm", "-r", str(dpi), "-gray", "-f", str(number), "-l", str(number)]
    try:
        done = subprocess.run(
            [*command, "-png", "-"],
            input=data,
            capture_output=True,
            timeout=RENDER_TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError as exc:
        raise OcrUnavailable(
            file_name, "the page renderer pdftoppm (Debian package poppler-utils) is not installed"
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise OcrFailed(
            file_name, number, "render", f"pdftoppm took over {RENDER_TIMEOUT_S} s"
        ) from exc
    if done.returncode != 0 or not done.stdout:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrFailed(
            file_name,
            number,
            "render",
            f"pdftoppm exit {done.returncode}: {detail[-1] if detail else 'no output'}",
        )
    try:
        image = Image.open(io.BytesIO(done.stdout))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise OcrFailed(file_name, number, "render", f"unreadable pdftoppm output: {exc}") from exc
    log.debug(
        "ocr file=%s page=%d step=render dpi=%d in %.2fs",
        file_name,
        number,
        dpi,
        time.perf_counter() - started,
    )
    return image
