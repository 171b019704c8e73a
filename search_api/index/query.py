"""Parse what a user typed into units that every engine must match (all of them, AND).

Pure. Both engines and the highlighter read the same ParsedQuery, so they agree on what matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from search_api.index.base import SynonymGroup
from search_api.index.text import (
    EN_STOP_WORDS,
    QUERY_STOP_WORDS,
    STOP_WORDS,
    WORD_RE,
    en_stem,
    fold,
    language_of,
    looks_english,
    normalise_number,
    stem,
    tokens,
)

_PHRASE_RE = re.compile(r'"([^"]*)"?')
_NUMBER_RE = re.compile(r"^\S*\d\S*/\S+$|^\S+/\S*\d\S*$")
_PASAL_RE = re.compile(r"\b(?:pasal|article)\s+(\d+[a-z]?)\b", re.IGNORECASE)
_SLASH_SPACES_RE = re.compile(r"\s*/\s*")


def typo_budget(word: str) -> int:
    """Typos allowed in a query word, as Meilisearch does: 1 from 5 letters, 2 from 9."""
    if len(word) >= 9:
        return 2
    return 1 if len(word) >= 5 else 0


@dataclass(frozen=True, slots=True)
class Word:
    """A typed word with both readings of it: `stem` (Sastrawi, for Indonesian text) and
    `en_stem` (Snowball, for English text); each matches the clauses of its language."""

    surface: str
    stem: str
    typos: int
    is_prefix: bool = False
    en_stem: str = ""

    @property
    def readings(self) -> tuple[str, ...]:
        """The distinct stems this word may stand for (Indonesian reading first)."""
        if not self.en_stem or self.en_stem == self.stem:
            return (self.stem,)
        return (self.stem, self.en_stem)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A quoted phrase: matched word for word on the surface text, never stemmed."""

    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Synonyms:
    """One of several alternatives, each a sequence of (surface, stem) words; `typed` is the
    alternative the user wrote."""

    alternatives: tuple[tuple[tuple[str, str], ...], ...]
    typed: tuple[tuple[str, str], ...] = ()
    # the group that matched (its name), for the expansion an admin previews on /sinonim
    group: str = ""


@dataclass(frozen=True, slots=True)
class Compound:
    """A word typed joined that the index also holds as two words ('tatacara': 'tata cara'), or
    two typed words that the index also holds joined ('sumber daya': 'sumberdaya'): either form
    matches, as Meilisearch's split and concatenated queries do. `is_split` when typed joined:
    the two words then must stand next to each other; typed apart, they may stand anywhere."""

    joined: Word
    parts: tuple[Word, Word]
    is_split: bool

    @property
    def words(self) -> tuple[Word, ...]:
        return (self.joined, *self.parts)


Unit = Word | Phrase | Synonyms | Compound


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    units: tuple[Unit, ...] = ()
    numbers: tuple[str, ...] = ()
    clause_numbers: tuple[str, ...] = ()
    raw: str = ""
    # 'en' or 'id' when the query's own function words tell; None for a few content words
    language: str | None = None
    # units a relaxed query (see `relaxed`) no longer requires but still ranks by
    optional: tuple[Unit, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.units or self.optional or self.numbers or self.clause_numbers)

    def stems(self) -> set[str]:
        """Stems that count as a match wherever they occur (for highlighting)."""
        found: set[str] = set()
        for unit in self.units:
            if isinstance(unit, Word):
                found.update(unit.readings)
            elif isinstance(unit, Compound):
                found.update(r for word in unit.words for r in word.readings)
            elif isinstance(unit, Synonyms):
                # Multi-word alternatives match as sequences only ('keadaan' alone stems to 'ada').
                found.update(alt[0][1] for alt in unit.alternatives if len(alt) == 1)
        return found


@dataclass(slots=True)
class _SynonymTable:
    # stopword-free surface sequence -> the group's alternatives
    entries: dict[tuple[str, ...], tuple[tuple[tuple[str, str], ...], ...]] = field(
        default_factory=dict
    )
    # the same alternatives by the English stems of each entry's words
    english: dict[tuple[str, ...], tuple[tuple[tuple[str, str], ...], ...]] = field(
        default_factory=dict
    )
    # the group's name by the same keys as `entries` and `english`
    names: dict[tuple[str, ...], str] = field(default_factory=dict)
    english_names: dict[tuple[str, ...], str] = field(default_factory=dict)
    longest: int = 0

    def lookup(
        self, words: Sequence[tuple[str, str]]
    ) -> tuple[tuple[tuple[str, str], ...], ...] | None:
        found = self.find(words)
        return found[0] if found else None

    def find(
        self, words: Sequence[tuple[str, str]]
    ) -> tuple[tuple[tuple[tuple[str, str], ...], ...], str] | None:
        """(alternatives, group name) of the group one of whose terms these words are."""
        key = tuple(surface for surface, _ in words)
        found = self.entries.get(key)
        if found is not None:
            return found, self.names[key]
        if self.english:
            english = tuple(en_stem(w) for w in key)
            found = self.english.get(english)
            if found is not None:
                return found, self.english_names[english]
        return None


def _words(text: str) -> list[tuple[str, str]]:
    return [(t.surface, t.stem) for t in tokens(text) if t.surface not in QUERY_STOP_WORDS]


def _term_words(text: str) -> list[tuple[str, str]]:
    return [(t.surface, t.stem) for t in tokens(text) if t.surface not in STOP_WORDS]


def _readings(alt: tuple[tuple[str, str], ...]) -> list[tuple[tuple[str, str], ...]]:
    """An alternative as Indonesian stems and, when they differ, as English stems too (without
    English function words, as an English sentence's stems are indexed)."""
    english = tuple(
        (surface, en_stem(surface)) for surface, _ in alt if surface not in EN_STOP_WORDS
    ) or tuple((surface, en_stem(surface)) for surface, _ in alt)
    return [alt] if english == alt else [alt, english]


def _key(alt: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """What a query must hold to name this term: its words as the parser keeps them (function
    words of both languages dropped, so 'Memorandum of Understanding' is named by 'memorandum of
    understanding', whose 'of' the parser drops)."""
    return tuple(s for s, _ in alt if s not in QUERY_STOP_WORDS) or tuple(s for s, _ in alt)


def _alternatives(terms: Sequence[str]) -> tuple[tuple[tuple[str, str], ...], ...]:
    # a term's words as the index holds them: only Indonesian function words go (an English
    # phrase in an Indonesian clause, 'link and match', keeps its 'and')
    return tuple(dict.fromkeys(tuple(_term_words(term)) for term in terms if _term_words(term)))


def is_typed(unit: Synonyms, alternative: tuple[tuple[str, str], ...]) -> bool:
    """Whether `alternative` is the term the user typed, or an English inflection of it
    ('terminate' typed, 'termination' the term): it then ranks above the group's other terms."""
    typed = [surface for surface, _ in unit.typed]
    written = [surface for surface, _ in alternative if surface not in QUERY_STOP_WORDS]
    return written == typed or [en_stem(w) for w in written] == [en_stem(w) for w in typed]


def build_synonym_table(groups: Sequence[SynonymGroup]) -> _SynonymTable:
    """Each term of a group finds every term of it and its one-way terms (`also`); a one-way
    term is no key, so it finds only itself (or the group it is a term of)."""
    table = _SynonymTable()
    for group in groups:
        alternatives = _alternatives(group.terms)
        one_way = _alternatives(group.also)
        matched = tuple(
            dict.fromkeys(r for alt in (*alternatives, *one_way) for r in _readings(alt))
        )
        for alt in alternatives:
            key = _key(alt)
            table.entries[key] = matched
            table.names[key] = group.name
            # An English inflection of an entry is the entry ('terminate' for 'termination').
            # Indonesian stems are not keys: roots are too broad ('keputusan', a decision,
            # stems to 'putus' as 'pemutusan', a termination, does).
            english = tuple(en_stem(w) for w in key)
            if english not in table.english:
                table.english[english] = matched
                table.english_names[english] = group.name
            table.longest = max(table.longest, len(key))
    return table


def parse(raw: str, synonyms: _SynonymTable | None = None) -> ParsedQuery:
    """Split a query into phrases, agreement numbers, 'Pasal N' and words with their typo budget.

    The last word is a prefix (search as you type) unless the query ends with a space.
    """
    phrases = [
        Phrase(tuple(t.surface for t in tokens(m.group(1))))
        for m in _PHRASE_RE.finditer(raw)
        if any(True for _ in tokens(m.group(1)))
    ]
    rest = _PHRASE_RE.sub(" ", raw)
    clause_numbers = tuple(m.group(1).upper() for m in _PASAL_RE.finditer(rest))
    rest = _PASAL_RE.sub(" ", rest)
    rest = _SLASH_SPACES_RE.sub("/", rest)
    numbers: list[str] = []
    plain: list[str] = []
    for chunk in rest.split():
        if _NUMBER_RE.match(chunk):
            numbers.append(normalise_number(chunk))
        else:
            plain.append(chunk)
    words = [(t.surface, t.stem) for t in tokens(" ".join(plain))]
    meaningful = [w for w in words if w[0] not in QUERY_STOP_WORDS] or words
    units: list[Unit] = []
    i = 0
    table = synonyms or _SynonymTable()
    while i < len(meaningful):
        for size in range(min(table.longest, len(meaningful) - i), 0, -1):
            found = table.find(meaningful[i : i + size])
            if found is not None:
                units.append(Synonyms(found[0], tuple(meaningful[i : i + size]), found[1]))
                i += size
                break
        else:
            surface, root = meaningful[i]
            units.append(Word(surface, root, typo_budget(surface), en_stem=en_stem(surface)))
            i += 1
    if units and isinstance(units[-1], Word) and _ends_with_word(raw, units[-1].surface):
        last = units[-1]
        units[-1] = Word(last.surface, last.stem, last.typos, is_prefix=True, en_stem=last.en_stem)
    return ParsedQuery(
        units=_once(units) + tuple(phrases),
        numbers=tuple(numbers),
        clause_numbers=clause_numbers,
        raw=raw,
        language=query_language(raw),
    )


# A compound's part is a word of at least this many letters and no function word: shorter parts
# would split nearly any unknown word into two known ones.
_PART_LETTERS = 3


def with_compounds(
    parsed: ParsedQuery,
    knows: Callable[[str], bool],
    together: Callable[[str, str], int],
) -> ParsedQuery:
    """`parsed` with compounds found from the index's own words (no list): a typed word that is
    two words the index holds side by side (`together`: how many records hold that pair; the
    split held most wins), and two typed words whose join the index holds (`knows`: a word of
    the clause texts or headings). Either form then matches (a `Compound`); what was typed keeps
    matching as before, so this only ever adds. Quoted phrases, synonyms and numbers are left as
    they are, and function words are no part.

    A known word splits too, as Meilisearch splits every word: the joined and the apart
    spellings both stand in stored agreements ('softcopy' and 'soft copy'), and an extraction
    that broke a word ('per tama') is found by the word. Spelling-rule compounds with affixes
    ('bekerjasama', 'ditandatangani') are split at analysis already (text.py `split_word`)."""
    units: list[Unit] = []
    i = 0
    typed = parsed.units
    while i < len(typed):
        unit = typed[i]
        following = typed[i + 1] if i + 1 < len(typed) else None
        if (
            isinstance(unit, Word)
            and isinstance(following, Word)
            and _is_part(unit.surface)
            and _is_part(following.surface)
            and knows(unit.surface + following.surface)
        ):
            units.append(
                Compound(_word(unit.surface + following.surface), (unit, following), False)
            )
            i += 2
            continue
        if isinstance(unit, Word):
            split = _split(unit.surface, knows, together)
            if split is not None:
                units.append(Compound(unit, (_word(split[0]), _word(split[1])), True))
                i += 1
                continue
        units.append(unit)
        i += 1
    if not any(isinstance(u, Compound) for u in units):
        return parsed
    return replace(parsed, units=tuple(units))


def _is_part(word: str) -> bool:
    return len(word) >= _PART_LETTERS and word.isalpha() and word not in QUERY_STOP_WORDS


def _word(surface: str) -> Word:
    """A compound's other form: matched as it stands (no typo, no prefix)."""
    return Word(surface, stem(surface), 0, en_stem=en_stem(surface))


def _split(
    word: str, knows: Callable[[str], bool], together: Callable[[str, str], int]
) -> tuple[str, str] | None:
    """The two known words `word` joins that the most records hold side by side; None when no
    split of it is."""
    best: tuple[int, tuple[str, str]] | None = None
    for at in range(_PART_LETTERS, len(word) - _PART_LETTERS + 1):
        first, second = word[:at], word[at:]
        if not (_is_part(first) and _is_part(second) and knows(first) and knows(second)):
            continue
        held = together(first, second)
        if held and (best is None or held > best[0]):
            best = (held, (first, second))
    return best[1] if best else None


def query_language(raw: str) -> str | None:
    """'en' or 'id' from the query's function words; else 'en' when every word of it ends as
    English words do; else None (read both ways alike)."""
    words = [fold(w) for w in WORD_RE.findall(raw)]
    told = language_of(words, None)
    if told is not None:
        return told
    content = [w for w in words if w.isalpha()]
    if content and all(looks_english(w) for w in content):
        return "en"
    return None


def droppable(unit: Unit) -> bool:
    """Whether a graceful long query may let this unit go: words and synonyms may, a quoted
    phrase never (it was asked for as it stands)."""
    return not isinstance(unit, Phrase)


def unit_text(unit: Unit) -> str:
    """The unit as the user typed it."""
    if isinstance(unit, Word):
        return unit.surface
    if isinstance(unit, Synonyms):
        return " ".join(surface for surface, _ in unit.typed)
    if isinstance(unit, Compound):
        return unit.joined.surface if unit.is_split else " ".join(p.surface for p in unit.parts)
    return '"' + " ".join(unit.words) + '"'


def relaxed(parsed: ParsedQuery) -> ParsedQuery | None:
    """The query for when no record matches it whole (graceful long queries): its words and
    synonyms no longer required but each held one ranking a record higher (Meilisearch's
    `words` rule, as its `last` and `frequency` matching strategies do), at least one held;
    quoted phrases and numbers still required. None when there is nothing to let go."""
    optional = tuple(u for u in parsed.units if droppable(u))
    if len(optional) < 2:
        return None
    return replace(
        parsed, units=tuple(u for u in parsed.units if not droppable(u)), optional=optional
    )


def _once(units: list[Unit]) -> tuple[Unit, ...]:
    """Each word once: a word typed twice ('pihak pihak') must match once and weighs no more
    (as in Meilisearch, whose query words are a set). A repeat that is still being typed makes
    the first one a prefix."""
    kept: list[Unit] = []
    where: dict[str, int] = {}
    for unit in units:
        if not isinstance(unit, Word):
            kept.append(unit)
        elif unit.surface not in where:
            where[unit.surface] = len(kept)
            kept.append(unit)
        elif unit.is_prefix:
            first = kept[where[unit.surface]]
            assert isinstance(first, Word)
            kept[where[unit.surface]] = Word(
                first.surface, first.stem, first.typos, is_prefix=True, en_stem=first.en_stem
            )
    return tuple(kept)


def _ends_with_word(raw: str, surface: str) -> bool:
    """True while the user is still typing `surface`: no space, quote or number after it."""
    if not raw or raw[-1].isspace() or raw[-1] == '"':
        return False
    last = list(tokens(raw.split()[-1]))
    return bool(last) and last[-1].surface == surface
