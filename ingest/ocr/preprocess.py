"""Page image -> what Tesseract reads best. Kept to the steps that measurably help."""

from __future__ import annotations

from PIL import Image


def prepare(image: Image.Image) -> Image.Image:
    """`image` as 8-bit grayscale (Tesseract binarises it itself, with Otsu)."""
    if image.mode == "L":
        return image
    return image.convert("L")
