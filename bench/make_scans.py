"""Make scan-like, image-only PDFs from text PDFs, to measure OCR + extraction end to end.

Each page is rendered by pdftoppm at 150-200 dpi in grayscale, turned by a small random
angle, given sensor noise and dust, saved as JPEG and wrapped back into a PDF with no text
layer, the way an office scanner makes them. The gold JSON beside each text PDF is copied
with the new file name and `source.ocr` true, so `naskah eval OUT_DIR` scores the result.

    .venv/bin/python bench/make_scans.py OUT_DIR [--from /work/shared/corpus/real]

Output is generated, never committed (bench/out/ is ignored by git).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

CORPUS = Path("/work/shared/corpus/real")


def render_pages(pdf: Path, dpi: int) -> list[Image.Image]:
    """Every page of `pdf` as a grayscale image at `dpi`."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/page"],
            check=True,
            capture_output=True,
        )
        pages = []
        for path in sorted(Path(tmp).glob("page-*.png")):
            with Image.open(path) as image:
                pages.append(image.convert("L"))
        return pages


def degrade(page: Image.Image, rng: random.Random, *, angle: float, noise: float) -> Image.Image:
    """`page` turned by `angle` degrees, with gaussian noise of `noise` sigma and dust."""
    turned = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    grain = Image.effect_noise(turned.size, noise).point(lambda v: max(0, min(255, v - 128)))
    noisy = ImageChops.subtract(turned, grain)
    # a little blur, as from a scanner's optics, and a few dark specks of dust
    noisy = noisy.filter(ImageFilter.GaussianBlur(0.6))
    pixels = noisy.load()
    assert pixels is not None
    for _ in range(turned.width * turned.height // 4000):
        x, y = rng.randrange(turned.width), rng.randrange(turned.height)
        pixels[x, y] = rng.randrange(0, 90)
    return noisy


def scan_pdf(pdf: Path, *, seed: int = 0) -> bytes:
    """The bytes of an image-only PDF that looks like a scan of `pdf` (deterministic)."""
    rng = random.Random(f"{pdf.name}:{seed}")
    dpi = rng.choice((150, 200))
    pages = []
    for page in render_pages(pdf, dpi):
        angle = rng.uniform(-1.5, 1.5)
        degraded = degrade(page, rng, angle=angle, noise=rng.uniform(15, 30))
        buffer = io.BytesIO()
        degraded.save(buffer, format="JPEG", quality=rng.randint(55, 75))
        pages.append(Image.open(io.BytesIO(buffer.getvalue())))
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--from", dest="source", type=Path, default=CORPUS)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for gold_path in sorted(args.source.glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        pdf = args.source / gold["source"]["filename"]
        if gold["source"]["ocr"] or pdf.suffix != ".pdf":
            continue
        data = scan_pdf(pdf)
        name = f"scan-{pdf.stem}.pdf"
        (args.out / name).write_bytes(data)
        gold["source"].update(filename=name, sha256=hashlib.sha256(data).hexdigest(), ocr=True)
        (args.out / name).with_suffix(".json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=2), "utf-8"
        )
        print(f"{name}: {len(data) // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
