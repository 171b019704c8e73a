"""Image-only PDFs made from generated text PDFs, the way office scanners make them.

Each page is rendered with pdftoppm, then turned into one kind of scan: colour JPEG, grayscale,
or 1-bit (bilevel); 150, 200 or 300 dpi; skewed up to 3 degrees; some rotated 90/180/270; some
with a stamp over the text. The pages are written back as a PDF of images (Pillow), with
fixed dates so one seed gives the same bytes.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFilter

FIXED = time.strptime("2024-01-01", "%Y-%m-%d")
KINDS = ("colour", "gray", "bilevel")


def scan_plan(rng: random.Random) -> dict[str, Any]:
    return {
        "kind": rng.choice(KINDS),
        "dpi": rng.choice((150, 200, 300)),
        "skew": round(rng.uniform(-3.0, 3.0), 2) if rng.random() < 0.6 else 0.0,
        "rotate": rng.choice((0, 0, 0, 0, 90, 180, 270)),
        "stamp": rng.random() < 0.5,
        "noise": rng.random() < 0.4,
    }


def make_scan(src: Path, dst: Path, plan: dict[str, Any], seed: int) -> int:
    """Write dst, an image-only PDF of src's pages; returns the page count."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(plan["dpi"]), "-png", str(src), f"{tmp}/p"],
            check=True,
            capture_output=True,
            timeout=300,
        )
        pages = sorted(Path(tmp).glob("p*.png"))
        images = [
            _scan_page(Image.open(p).convert("RGB"), plan, rng, i) for i, p in enumerate(pages)
        ]
    first, rest = images[0], images[1:]
    options: dict[str, Any] = {
        "resolution": float(plan["dpi"]),
        "creationDate": FIXED,
        "modDate": FIXED,
        "producer": "naskah variation",
        "creator": "naskah variation",
        "title": "",
    }
    if plan["kind"] == "colour":
        options["quality"] = 80
    first.save(dst, "PDF", save_all=True, append_images=rest, **options)
    return len(images)


def _scan_page(
    img: Image.Image, plan: dict[str, Any], rng: random.Random, index: int
) -> Image.Image:
    dpi = plan["dpi"]
    if plan["stamp"] and index == 0 or (plan["stamp"] and rng.random() < 0.3):
        img = _stamp(img, rng, dpi)
    if plan["noise"]:
        img = img.filter(ImageFilter.GaussianBlur(radius=0.4 * dpi / 200))
    if plan["skew"]:
        img = img.rotate(
            plan["skew"], resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(255, 255, 255)
        )
    if plan["rotate"] and (index == 0 or rng.random() < 0.5):
        img = img.rotate(plan["rotate"], expand=True)
    if plan["kind"] == "colour":
        # paper is never white: a faint warm tint
        tint = Image.new("RGB", img.size, (248, 244, 232))
        return Image.blend(img, tint, 0.25)
    gray = img.convert("L")
    if plan["kind"] == "gray":
        return gray
    return gray.point(lambda v: 255 if v > 150 else 0).convert("1", dither=Image.Dither.NONE)


def _stamp(img: Image.Image, rng: random.Random, dpi: int) -> Image.Image:
    """A round office stamp in violet ink over the lower half of the page, partly over text."""
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    r = int(dpi * 0.7)
    cx = rng.randint(r, img.width - r)
    cy = rng.randint(img.height // 2, img.height - r)
    ink = (110, 60, 170, 140)
    for k in range(3):
        draw.ellipse(
            (cx - r + k * 6, cy - r + k * 6, cx + r - k * 6, cy + r - k * 6),
            outline=ink,
            width=max(2, dpi // 60),
        )
    draw.line((cx - r // 2, cy, cx + r // 2, cy), fill=ink, width=max(2, dpi // 60))
    out = img.convert("RGBA")
    out.alpha_composite(overlay)
    return out.convert("RGB")
