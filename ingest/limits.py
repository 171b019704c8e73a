"""How much of a file naskah reads: pages and characters. The service passes its settings in.

Defaults suit a laptop and real agreements: the longest in the corpus, annexes included,
has under 100 pages and 300,000 characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

MAX_PAGES: Final = 500
MAX_CHARS: Final = 3_000_000
# A PDF page is rendered for OCR within this many pixels (8-bit gray: as many bytes); an A3
# page at 300 dpi is 17.4 million, an oversized poster page gets a lower resolution.
MAX_OCR_PIXELS: Final = 36_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    """`max_pages`: PDF pages or image frames; `max_chars`: characters of text read."""

    max_pages: int = MAX_PAGES
    max_chars: int = MAX_CHARS


DEFAULT_LIMITS: Final = Limits()
