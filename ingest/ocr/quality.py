"""Is a page's text layer worth reading, or garbage that OCR should replace?

Broken font encodings give letters shifted to other letters ('Shuhqmldqlq'), replacement
characters or private-use glyphs; a scanner's bad OCR layer gives symbol soup. Real
agreement text, Indonesian or English, is mostly letters and is full of a few very common
words. The check is cheap (no dictionary beyond those words) and errs towards keeping the
layer: OCR of a good text layer would only lose accuracy.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

# The most frequent words of Indonesian and English agreements: any real page has many.
COMMON_WORDS: Final = frozenset(
    {
        "dan", "yang", "di", "ke", "dari", "dengan", "untuk", "dalam", "ini", "itu", "pada",
        "oleh", "atau", "akan", "tidak", "sebagai", "adalah", "serta", "bahwa", "tersebut",
        "pihak", "para", "kerja", "sama", "perjanjian", "pasal", "kedua", "pertama", "kesatu",
        "ayat", "nomor", "tahun", "tanggal", "bulan", "hari", "secara", "setiap", "atas", "bagi",
        "sesuai", "hal", "dapat", "wajib", "hak", "kewajiban", "jangka", "waktu", "berlaku",
        "antara", "tentang", "the", "of", "and", "to", "in", "a", "an", "or", "by", "for", "this",
        "be", "shall", "with", "any", "as", "is", "are", "that", "on", "at", "from", "not", "no",
        "such", "its", "it", "all", "other", "party", "parties", "agreement", "article", "section",
        "which", "will",
    }
)  # fmt: skip
_TOKEN: Final = re.compile(r"[^\W\d_]+")
# In ASCII text str.translate does faster what a split or a regex scan does: it drops the
# white space to count the rest, and turns all but letters into spaces to split tokens.
_ASCII_NO_SPACE: Final = str.maketrans("", "", "".join(filter(str.isspace, map(chr, range(128)))))
_ASCII_NON_LETTERS: Final = str.maketrans(
    {chr(code): " " for code in range(128) if not chr(code).isalpha()}
)
# Two scans, each with a fast start (a set of characters, a literal), count what one
# alternation of both would: a '(cid:N)' holds no bad character.
_BAD_CHAR: Final = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
_CID: Final = re.compile(r"\(cid:\d+\)")
_VOWELS: Final = frozenset("aeiouyAEIOUY")

# Below this many non-space characters a page is not judged (a page number, a stamp).
MIN_JUDGED_CHARS: Final = 40
MAX_BAD_RATIO: Final = 0.02
MIN_LETTER_RATIO: Final = 0.5
MIN_COMMON_RATIO: Final = 0.08
MIN_WORDLIKE_RATIO: Final = 0.7


@dataclass(frozen=True, slots=True)
class TextQuality:
    """Measures of one page's text layer; `is_garbage` is the verdict."""

    chars: int
    bad_ratio: float
    letter_ratio: float
    common_ratio: float
    wordlike_ratio: float

    @property
    def is_garbage(self) -> bool:
        if self.chars < MIN_JUDGED_CHARS:
            return False
        return (
            self.bad_ratio > MAX_BAD_RATIO
            or self.letter_ratio < MIN_LETTER_RATIO
            or self.common_ratio < MIN_COMMON_RATIO
            or self.wordlike_ratio < MIN_WORDLIKE_RATIO
        )


def measure(lines: Sequence[str]) -> TextQuality:
    """The measures of a page's text layer, given as its lines."""
    text = "\n".join(lines)
    chars = _visible_chars(text)
    if chars == 0:
        return TextQuality(0, 0.0, 0.0, 0.0, 0.0)
    bad = len(_BAD_CHAR.findall(text)) + sum(len(m.group()) for m in _CID.finditer(text))
    # Every letter is inside a token, so counting per distinct token (a page repeats its
    # words) gives the sums that counting per character and per token would.
    counts = Counter(_tokens(text))
    tokens = sum(counts.values())
    letters = common = wordlike = 0
    for token, n in counts.items():
        letters += n * (len(token) if token.isalpha() else sum(map(str.isalpha, token)))
        if token.casefold() in COMMON_WORDS:
            common += n
        if _is_wordlike(token):
            wordlike += n * len(token)
    return TextQuality(
        chars=chars,
        bad_ratio=bad / chars,
        letter_ratio=letters / chars,
        common_ratio=common / tokens if tokens else 0.0,
        wordlike_ratio=wordlike / letters if letters else 0.0,
    )


def is_garbage(lines: Sequence[str]) -> bool:
    """True when a page's text layer should be replaced by OCR of the page image."""
    return measure(lines).is_garbage


def _visible_chars(text: str) -> int:
    """The number of characters that are not white space."""
    if text.isascii():
        return len(text.translate(_ASCII_NO_SPACE))
    return sum(map(len, text.split()))


def _tokens(text: str) -> list[str]:
    if text.isascii():
        return text.translate(_ASCII_NON_LETTERS).split()
    return _TOKEN.findall(text)


@functools.lru_cache(maxsize=4096)
def _is_wordlike(token: str) -> bool:
    # Latin words have vowels and no long consonant runs; mixed case inside a word
    # ('sHuQm') is an encoding accident, not writing.
    if len(token) == 1:
        return token.casefold() in {"a", "i", "di"}
    if not token.isascii() or not any(c in _VOWELS for c in token):
        return False
    if not (token.islower() or token.isupper() or token.istitle()):
        return False
    run = 0
    for c in token:
        run = 0 if c in _VOWELS else run + 1
        if run > 4:
            return False
    return True
