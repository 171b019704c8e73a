"""Text analysis shared by both index engines, the query parser and the highlighter.

Pure functions. Engines never tokenize on their own: every engine indexes the tokens made here,
so the embedded index and Meilisearch see the same words (DOMAIN.md 5.1, 5.2, 5.4).

Stems follow the language of the text they come from, sentence by sentence: Indonesian with
Sastrawi, English with the Snowball English stemmer (PyStemmer; the algorithm of Tantivy's own
`en_stem`), so "terminate", "termination" and "terminating" meet in an English clause and
"diselesaikan" and "penyelesaian" in an Indonesian one. A bilingual clause gets each sentence's
stems by that sentence's language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
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

# English function words: left out of the English stems and of what a query must match. Negations,
# modals and limits (not, no, shall, may, only, within) change legal meaning and stay.
EN_STOP_WORDS: frozenset[str] = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "an",
        "by",
        "for",
        "with",
        "on",
        "at",
        "as",
        "is",
        "are",
        "be",
        "been",
        "being",
        "this",
        "that",
        "these",
        "those",
        "which",
        "or",
        "any",
        "such",
        "its",
        "it",
        "from",
        "into",
        "upon",
        "hereby",
        "herein",
        "thereof",
        "there",
        "their",
        "they",
        "he",
        "she",
        "his",
        "her",
        "was",
        "were",
        "has",
        "have",
        "had",
        "do",
        "does",
    ]
)
# Words that say a sentence is English or Indonesian: the function words above and below.
_EN_MARKERS: frozenset[str] = EN_STOP_WORDS | {"shall", "will", "may", "not", "party", "parties"}
_ID_MARKERS: frozenset[str] = STOP_WORDS | {"tidak", "ayat", "pasal", "pihak", "sesuai", "masing"}
QUERY_STOP_WORDS: frozenset[str] = STOP_WORDS | EN_STOP_WORDS
# A sentence ends at . ; : ! ? before a space, or at a line break.
_SENTENCE_RE = re.compile(r"(?<=[.;:!?])\s+|\n+")
# Endings of English words that Indonesian words (nearly) never have: how a lone query word
# that no function word around it places in a language is read first.
_EN_ENDINGS = (
    "tion",
    "sion",
    "ing",
    "ed",
    "ment",
    "ness",
    "ity",
    "ies",
    "ate",
    "ize",
    "ise",
    "ly",
    "ence",
    "ance",
    "ship",
    "ive",
    "ous",
    "ful",
    "able",
    "ible",
    "ty",
    "ure",
    "ts",
    "es",
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


@lru_cache(maxsize=1)
def _en_stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@lru_cache(maxsize=262_144)
def en_stem(word: str) -> str:
    """The Snowball English stem of one folded word ('termination' -> 'termin')."""
    if not word.isalpha() or len(word) < 3:
        return word
    return str(_en_stemmer().stemWord(word))


def language_of(words: list[str], default: str | None = "id") -> str | None:
    """'en' or 'id' by which language's function words the folded `words` hold more of;
    `default` when neither (or both alike)."""
    english = sum(map(_EN_MARKERS.__contains__, words))
    indonesian = sum(map(_ID_MARKERS.__contains__, words))
    if english > indonesian:
        return "en"
    if indonesian > english:
        return "id"
    return default


def text_language(text: str, default: str = "id") -> str:
    """The language of a whole text by its function words; `default` when they do not tell."""
    return language_of([w.lower() for w in WORD_RE.findall(text)], default) or default


def looks_english(word: str) -> bool:
    """True when a lone folded word ends as English words do and Indonesian words do not."""
    return len(word) > 4 and word.endswith(_EN_ENDINGS)


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


def sentences(text: str, default: str = "id") -> list[tuple[str, list[str]]]:
    """(language, raw words) of each sentence of `text`; a sentence with no telling function
    word takes the language of the text as a whole, and that one `default`."""
    parts = [WORD_RE.findall(part) for part in _SENTENCE_RE.split(text)]
    parts = [p for p in parts if p]
    if not parts:
        return []
    # The markers are plain ASCII: lowercasing is all the folding they need.
    lowered = [[w.lower() for w in p] for p in parts]
    whole = language_of([w for p in lowered for w in p], default) or default
    if len(parts) == 1:
        return [(whole, parts[0])]
    return [(language_of(low, whole) or whole, p) for low, p in zip(lowered, parts, strict=True)]


def stem_terms(text: str, default: str = "id") -> list[str]:
    """Stems in order without stop words, each sentence stemmed in its language: the shadow copy
    that makes affix and inflected forms meet."""
    found: list[str] = []
    for language, raws in sentences(text, default):
        if language == "en":
            found.extend(
                en_stem(surface)
                for raw in raws
                for surface, _ in analyse_word(raw)
                if surface not in EN_STOP_WORDS
            )
        else:
            found.extend(
                root
                for raw in raws
                for surface, root in analyse_word(raw)
                if surface not in STOP_WORDS
            )
    return found


# Per raw word as it appears in a text: its surface words and its stems (no stop words), each
# already joined by spaces, so `analyse` joins whole texts with C-level `map`, not a Python loop
# per word. Bounded: cleared when it grows past _JOINED_MAX words.
_JOINED_MAX = 262_144
_SURFACES: dict[str, str] = {}
_STEMS: dict[str, str] = {}
_EN_STEMS: dict[str, str] = {}


def _learn(raws: list[str]) -> None:
    if len(_SURFACES) > _JOINED_MAX:
        _SURFACES.clear()
        _STEMS.clear()
        _EN_STEMS.clear()
    for raw in raws:
        if raw not in _SURFACES:
            pairs = analyse_word(raw)
            _STEMS[raw] = " ".join(root for surface, root in pairs if surface not in STOP_WORDS)
            _EN_STEMS[raw] = " ".join(
                en_stem(surface) for surface, _ in pairs if surface not in EN_STOP_WORDS
            )
            _SURFACES[raw] = " ".join(surface for surface, _ in pairs)


def _joined(table: dict[str, str], raws: list[str]) -> str:
    try:
        return " ".join(filter(None, map(table.__getitem__, raws)))
    except KeyError:
        _learn(raws)
        return " ".join(filter(None, map(table.__getitem__, raws)))


def analyse(text: str, default: str = "id") -> tuple[str, str]:
    """(surface words, stems) of `text`, each joined by spaces: what an engine indexes. Each
    sentence is stemmed in its own language; `default` is the language of a text whose words
    do not tell (the agreement's)."""
    parts = sentences(text, default)
    surfaces = " ".join(_joined(_SURFACES, raws) for _, raws in parts)
    stems = " ".join(
        filter(None, (_joined(_EN_STEMS if lang == "en" else _STEMS, raws) for lang, raws in parts))
    )
    return surfaces, stems


def normalise_number(number: str) -> str:
    """An agreement number as a keyword: folded, without spaces ('445/ 23/UHK' -> '445/23/uhk')."""
    return re.sub(r"\s+", "", fold(number))
