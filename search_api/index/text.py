"""Indonesian text analysis shared by both index engines, the query parser and the highlighter.

Pure functions. Engines never tokenize on their own: every engine indexes the tokens made here,
so the embedded index and Meilisearch see the same words (DOMAIN.md 5.1, 5.2, 5.4).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

# DOMAIN.md 5.4: function words only. Negations and limits (tidak, bukan, kecuali, paling lama, ...)
# change legal meaning and stay; words in every agreement (pihak, pasal) are left to BM25.
STOP_WORDS: frozenset[str] = frozenset(
    [
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "dengan",
        "pada",
        "dalam",
        "ini",
        "itu",
        "atau",
        "adalah",
        "sebagai",
        "oleh",
        "tersebut",
        "akan",
        "dapat",
        "juga",
        "serta",
        "bahwa",
        "para",
        "secara",
        "kepada",
        "antara",
        "telah",
        "bagi",
        "setiap",
    ]
)

# Compounds written joined although the spelling rule writes them apart (DOMAIN.md 5.1).
# The pattern also matches the nasal forms whose first consonant dropped (mengerjasamakan).
_COMPOUNDS: dict[str, tuple[str, str]] = {
    "kerjasama": ("kerja", "sama"),
    "tandatangan": ("tanda", "tangan"),
    "tanggungjawab": ("tanggung", "jawab"),
}
_COMPOUND_RE = re.compile(
    r"^(?P<pre>.*?)(?P<root>k?erjasama|t?andatangan|tanggungjawab)(?P<suf>.*)$"
)
WORD_RE = re.compile(r"\w+", re.UNICODE)
# The same words, kept by `split` between the gaps around them.
WORD_SPLIT_RE = re.compile(r"(\w+)", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Token:
    """One indexed word: its surface form (lowercased, folded), its stem, and its source span."""

    surface: str
    stem: str
    start: int
    end: int

    @property
    def is_stop_word(self) -> bool:
        return self.surface in STOP_WORDS


def fold(text: str) -> str:
    """Lowercase and strip diacritics, so 'Kerjasama' and 'kerjasamá' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _stemmer() -> object:
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=262_144)
def stem(word: str) -> str:
    """The Sastrawi root of one folded word. Cached: Sastrawi costs ~0.1 ms a word."""
    if not word.isalpha() or len(word) < 4:
        return word
    root: str = _stemmer().stem(word)  # type: ignore[attr-defined]
    return root or word


def split_word(word: str) -> list[tuple[str, str]]:
    """(surface, stem) pairs for one folded word, splitting joined compounds.

    'kerjasama' and 'bekerjasama' become two words like 'kerja sama' and 'bekerja sama';
    a form with both prefix and suffix ('dikerjasamakan') is correctly joined and keeps its
    surface, but still stems to the two roots so every form meets.
    """
    match = _COMPOUND_RE.match(word)
    if match is None:
        return [(word, stem(word))]
    root = match["root"]
    canonical = next(key for key in _COMPOUNDS if key.endswith(root) or root.endswith(key))
    first, second = _COMPOUNDS[canonical]
    pre, suf = match["pre"], match["suf"]
    if pre and suf:
        return [(word, first), (word, second)]
    return [(pre + first, first), (second + suf, second)]


@lru_cache(maxsize=262_144)
def analyse_word(raw: str) -> tuple[tuple[str, str], ...]:
    """(surface, stem) pairs of one word as written (a joined compound gives two)."""
    return tuple(split_word(fold(raw)))


def tokens(text: str) -> Iterator[Token]:
    """Every word of `text` in order, compounds split, with spans into `text`."""
    for match in WORD_RE.finditer(text):
        for surface, root in analyse_word(match.group()):
            yield Token(surface, root, match.start(), match.end())


# (surface, stem, start, end): a Token as a plain tuple, for the highlighter's hot loop.
TokenSpan = tuple[str, str, int, int]


def token_spans(text: str) -> list[TokenSpan]:
    """What `tokens` yields, as tuples: about four times cheaper to build."""
    return [
        (surface, root, match.start(), match.end())
        for match in WORD_RE.finditer(text)
        for surface, root in analyse_word(match.group())
    ]


def surface_terms(text: str) -> list[str]:
    """Folded words in order (stop words kept): what phrases and exact matches look at."""
    return [surface for raw in WORD_RE.findall(text) for surface, _ in analyse_word(raw)]


def stem_terms(text: str) -> list[str]:
    """Stems in order without stop words: the shadow copy that makes affix forms meet."""
    return [
        root
        for raw in WORD_RE.findall(text)
        for surface, root in analyse_word(raw)
        if surface not in STOP_WORDS
    ]


# Per raw word as it appears in a text: its surface words and its stems (no stop words), each
# already joined by spaces, so `analyse` joins whole texts with C-level `map`, not a Python loop
# per word. Bounded: cleared when it grows past _JOINED_MAX words.
_JOINED_MAX = 262_144
_SURFACES: dict[str, str] = {}
_STEMS: dict[str, str] = {}


def _learn(raws: list[str]) -> None:
    if len(_SURFACES) > _JOINED_MAX:
        _SURFACES.clear()
        _STEMS.clear()
    for raw in raws:
        if raw not in _SURFACES:
            pairs = analyse_word(raw)
            _STEMS[raw] = " ".join(root for surface, root in pairs if surface not in STOP_WORDS)
            _SURFACES[raw] = " ".join(surface for surface, _ in pairs)


def analyse(text: str) -> tuple[str, str]:
    """(surface words, stems) of `text`, each joined by spaces: what an engine indexes."""
    raws = WORD_RE.findall(text)
    try:
        surfaces = " ".join(map(_SURFACES.__getitem__, raws))
        stems = " ".join(filter(None, map(_STEMS.__getitem__, raws)))
    except KeyError:
        _learn(raws)
        surfaces = " ".join(map(_SURFACES.__getitem__, raws))
        stems = " ".join(filter(None, map(_STEMS.__getitem__, raws)))
    return surfaces, stems


def normalise_number(number: str) -> str:
    """An agreement number as a keyword: folded, without spaces ('445/ 23/UHK' -> '445/23/uhk')."""
    return re.sub(r"\s+", "", fold(number))
