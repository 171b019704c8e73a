"""Snippets with <mark> around the words a query matched; everything else HTML-escaped.

Pure and engine-independent: both engines hand back the stored text and this module picks the
window, so highlights look the same whichever engine answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from html import escape
from itertools import accumulate, compress, repeat
from operator import gt, itemgetter, not_, or_

from rapidfuzz import process
from rapidfuzz.distance import OSA

from search_api.index.query import Compound, ParsedQuery, Phrase, Synonyms, Word
from search_api.index.text import (
    STOP_WORDS,
    WORD_SPLIT_RE,
    TokenSpan,
    analyse_word,
    token_spans,
)

SNIPPET_CHARS = 240
# Clauses come back again and again (the next keystroke, the next page, a common word):
# tokenising one costs more than matching its words.
_SPANS_CACHE_SIZE = 2048


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau distance in its optimal string alignment form (as Tantivy's fuzzy terms count
    it), `limit + 1` once above `limit`."""
    return min(int(OSA.distance(a, b, score_cutoff=limit)), limit + 1)


@lru_cache(maxsize=_SPANS_CACHE_SIZE)
def _spans(text: str) -> tuple[TokenSpan, ...]:
    return tuple(token_spans(text))


@lru_cache(maxsize=_SPANS_CACHE_SIZE)
def _words_of(text: str) -> tuple[list[str], list[int], list[int]]:
    """The words of `text` as written, with their start and end offsets: one regex pass
    (split keeps the words between the gaps), offsets summed up in C."""
    parts = WORD_SPLIT_RE.split(text)  # gap, word, gap, word, ..., gap
    offsets = list(accumulate(map(len, parts)))
    return parts[1::2], offsets[0::2][: len(parts) // 2], offsets[1::2]


def _loosely_matches(word: Word, surface: str) -> bool:
    """A word within a typo or prefix word's reach (its stem and exact form are checked first)."""
    if word.is_prefix and surface.startswith(word.surface):
        return True
    if not word.typos:
        return False
    candidate = surface[: len(word.surface)] if word.is_prefix else surface
    return edit_distance(word.surface, candidate, word.typos) <= word.typos


def _within_reach(word: Word, surfaces: list[str]) -> set[str]:
    """The `surfaces` that `_loosely_matches(word, ...)` accepts, all at once: the prefix test by
    C-level maps, the typo budget by one rapidfuzz pass."""
    found: set[str] = set()
    if word.is_prefix:
        found.update(compress(surfaces, map(str.startswith, surfaces, repeat(word.surface))))
    if not word.typos:
        return found
    limit = word.typos
    size = len(word.surface)
    candidates = map(itemgetter(slice(0, size)), surfaces) if word.is_prefix else surfaces
    # One C++ pass over all of them, yielding (candidate, distance, key) within the budget.
    for _, _, i in process.extract_iter(
        word.surface,
        dict(enumerate(candidates)),
        scorer=OSA.distance,
        score_cutoff=limit,
    ):
        found.add(surfaces[i])
    return found


class Highlighter:
    """Snippets for one query. Remembers which words matched, so the hits of one page (which
    share most of their words) test each word once."""

    def __init__(self, query: ParsedQuery) -> None:
        self.query = query
        self._stems = query.stems()
        self._words = [u for u in query.units if isinstance(u, Word)] + [
            word for u in query.units if isinstance(u, Compound) for word in u.words
        ]
        self._sequences: list[tuple[str, ...]] = [
            u.words for u in query.units if isinstance(u, Phrase)
        ]
        for unit in query.units:
            if isinstance(unit, Synonyms):
                self._sequences.extend(
                    tuple(s for _, s in alt) for alt in unit.alternatives if len(alt) > 1
                )
        # A word matches by stem or exact form (sets), or is within a typo or prefix word's reach.
        self._surfaces = {w.surface for w in self._words}
        self._loose = [w for w in self._words if w.typos or w.is_prefix]
        self._seen: dict[tuple[str, str], bool] = {}
        self._raw_seen: dict[str, bool] = {}  # a word as written -> marked

    def _decide(self, fresh: list[str]) -> None:
        """Whether each word (as written) not seen yet is marked, into `_raw_seen`. Stem and
        exact form by set lookups, typo and prefix words by `_within_reach`, all through C-level
        maps: a page of ten clauses brings some three hundred new words."""
        pairs = list(map(analyse_word, fresh))
        firsts = list(map(itemgetter(0), pairs))
        surfaces = list(map(itemgetter(0), firsts))
        is_stop = list(map(STOP_WORDS.__contains__, surfaces))
        flags = list(
            map(
                or_,
                map(self._stems.__contains__, map(itemgetter(1), firsts)),
                map(self._surfaces.__contains__, surfaces),
            )
        )
        if self._loose:
            open_ = list(set(compress(surfaces, map(not_, map(or_, flags, is_stop)))))
            reached: set[str] = set()
            for word in self._loose:
                reached |= _within_reach(word, open_)
            flags = list(map(or_, flags, map(reached.__contains__, surfaces)))
        # A stop word is never marked (True > False only for a marked word that is not one).
        flags = list(map(gt, flags, is_stop))
        seen = self._raw_seen
        seen.update(zip(fresh, flags, strict=True))
        for raw, word_pairs in zip(fresh, pairs, strict=True):
            if len(word_pairs) > 1:  # a joined compound: marked when either part is
                seen[raw] = any(
                    surface not in STOP_WORDS and self._matches(surface, stem)
                    for surface, stem in word_pairs
                )

    def _matches(self, surface: str, stem: str) -> bool:
        key = (surface, stem)
        found = self._seen.get(key)
        if found is None:
            found = (
                stem in self._stems
                or surface in self._surfaces
                or any(_loosely_matches(w, surface) for w in self._loose)
            )
            self._seen[key] = found
        return found

    def matched_spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of `text` that the query matched, sorted and merged."""
        if self._sequences:
            return self._matched_spans_of_tokens(text)
        # Without phrases, whether a word is marked depends on the word alone: decide it once per
        # distinct word of the page, then look up every word of the text and walk only the marked
        # ones (C-level map and compress, no tokens built: on clauses seen for the first time,
        # the usual case, several times cheaper than tokenising them).
        raws, starts, ends = _words_of(text)
        seen = self._raw_seen
        flags = list(map(seen.get, raws))
        if None in flags:
            self._decide(list(set(raws).difference(seen)))
            flags = list(map(seen.__getitem__, raws))
        spans: list[tuple[int, int]] = []
        for start, end in compress(zip(starts, ends, strict=True), flags):
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            else:
                spans.append((start, end))
        return spans

    def snippets(self, texts: Sequence[str], *, max_chars: int = SNIPPET_CHARS) -> list[str]:
        """`snippet` of each text; the new words of all of them are decided in one batch."""
        if not self._sequences and not self.query.is_empty:
            seen = self._raw_seen
            fresh = set()
            for text in texts:
                fresh.update(_words_of(text)[0])
            fresh.difference_update(seen)
            if fresh:
                self._decide(list(fresh))
        return [self.snippet(text, max_chars=max_chars) for text in texts]

    def _matched_spans_of_tokens(self, text: str) -> list[tuple[int, int]]:
        toks = _spans(text)
        marked = [
            surface not in STOP_WORDS and self._matches(surface, stem)
            for surface, stem, _, _ in toks
        ]
        for seq in self._sequences:
            _mark_sequences(toks, marked, seq)
        spans: list[tuple[int, int]] = []
        for (_, _, start, end), is_marked in zip(toks, marked, strict=True):
            if not is_marked:
                continue
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            else:
                spans.append((start, end))
        return spans

    def snippet(self, text: str, *, max_chars: int = SNIPPET_CHARS) -> str:
        """An HTML fragment of `text` around its densest cluster of matches.

        Returns the escaped start of the text when nothing in it matched (the hit matched on
        the heading or the agreement's title).
        """
        spans = self.matched_spans(text) if not self.query.is_empty else []
        if not spans:
            start, end = 0, min(len(text), max_chars)
        else:
            start, end = _best_window(text, spans, max_chars)
        out: list[str] = ["…" if start > 0 else ""]
        cursor = start
        for s, e in spans:
            if e <= start or s >= end:
                continue
            s, e = max(s, start), min(e, end)
            out.append(escape(text[cursor:s]))
            out.append(f"<mark>{escape(text[s:e])}</mark>")
            cursor = e
        out.append(escape(text[cursor:end]))
        if end < len(text):
            out.append("…")
        return "".join(out).strip()


def matched_spans(text: str, query: ParsedQuery) -> list[tuple[int, int]]:
    """Character spans of `text` that the query matched, sorted and merged."""
    return Highlighter(query).matched_spans(text)


def _mark_sequences(toks: Sequence[TokenSpan], marked: list[bool], seq: tuple[str, ...]) -> None:
    """Mark runs of tokens equal to `seq` by surface (phrases) or stem (synonym phrases)."""
    n = len(seq)
    if n > 1:
        content = [i for i, t in enumerate(toks) if t[0] not in STOP_WORDS]
        for k in range(len(content) - n + 1):
            run = [toks[content[k + m]] for m in range(n)]
            if all(t[0] == w or t[1] == w for t, w in zip(run, seq, strict=True)):
                for m in range(n):
                    marked[content[k + m]] = True
    if n == 1:
        for i, t in enumerate(toks):
            if t[0] == seq[0]:
                marked[i] = True


def snippet(text: str, query: ParsedQuery, *, max_chars: int = SNIPPET_CHARS) -> str:
    """An HTML fragment of `text` around its densest cluster of matches (see Highlighter)."""
    return Highlighter(query).snippet(text, max_chars=max_chars)


def _best_window(text: str, spans: list[tuple[int, int]], max_chars: int) -> tuple[int, int]:
    best_first, best_count = 0, 0
    j = 0
    for i, (s, _) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] - s <= max_chars:
            j += 1
        if j - i + 1 > best_count:
            best_first, best_count = i, j - i + 1
    first_start = spans[best_first][0]
    last_end = spans[best_first + best_count - 1][1]
    slack = max(0, max_chars - (last_end - first_start))
    start = max(0, first_start - slack // 3)
    end = min(len(text), start + max_chars)
    start = max(0, min(start, end - max_chars))
    # Cut at word boundaries so no word is shown half.
    if start > 0:
        space = text.find(" ", start, first_start)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", last_end, end)
        end = space if space != -1 else end
    return start, end
