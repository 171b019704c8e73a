"""Snippets with <mark> around the words a query matched; everything else HTML-escaped.

Pure and engine-independent: both engines hand back the stored text and this module picks the
window, so highlights look the same whichever engine answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from html import escape
from itertools import compress

from search_api.index.query import ParsedQuery, Phrase, Synonyms, Word
from search_api.index.text import STOP_WORDS, WORD_RE, TokenSpan, analyse_word, token_spans

SNIPPET_CHARS = 240
# Clauses come back again and again (the next keystroke, the next page, a common word):
# tokenising one costs more than matching its words.
_SPANS_CACHE_SIZE = 2048


@lru_cache(maxsize=65_536)
def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau (optimal string alignment) distance, giving up early once above `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _few_letters_apart(a: str, b: str, limit: int) -> bool:
    """False when `a` and `b` are surely more than `limit` edits apart: every letter of one
    that the other lacks needs an edit of its own (a swap moves letters, it adds none)."""
    return len(set(a).difference(b)) <= limit and len(set(b).difference(a)) <= limit


@lru_cache(maxsize=_SPANS_CACHE_SIZE)
def _spans(text: str) -> tuple[TokenSpan, ...]:
    return tuple(token_spans(text))


def _loosely_matches(word: Word, surface: str) -> bool:
    """A word within a typo or prefix word's reach (its stem and exact form are checked first)."""
    if word.is_prefix and surface.startswith(word.surface):
        return True
    if not word.typos:
        return False
    candidate = surface[: len(word.surface)] if word.is_prefix else surface
    return (
        abs(len(candidate) - len(word.surface)) <= word.typos
        and _few_letters_apart(word.surface, candidate, word.typos)
        and edit_distance(word.surface, candidate, word.typos) <= word.typos
    )


class Highlighter:
    """Snippets for one query. Remembers which words matched, so the hits of one page (which
    share most of their words) test each word once."""

    def __init__(self, query: ParsedQuery) -> None:
        self.query = query
        self._stems = query.stems()
        self._words = [u for u in query.units if isinstance(u, Word)]
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
        self._loose_seen: dict[str, bool] = {}  # a surface word -> within a loose word's reach

    def _loosely(self, surface: str) -> bool:
        found = self._loose_seen.get(surface)
        if found is None:
            found = any(_loosely_matches(w, surface) for w in self._loose)
            self._loose_seen[surface] = found
        return found

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
        seen = self._raw_seen
        raws = WORD_RE.findall(text)
        flags = list(map(seen.get, raws))
        if None in flags:
            stems, surfaces, loose = self._stems, self._surfaces, self._loose
            for raw in set(raws).difference(seen):
                is_marked = False
                for surface, stem in analyse_word(raw):
                    if surface in STOP_WORDS:
                        continue
                    if stem in stems or surface in surfaces or (loose and self._loosely(surface)):
                        is_marked = True
                        break
                seen[raw] = is_marked
            flags = list(map(seen.__getitem__, raws))
        spans: list[tuple[int, int]] = []
        if not any(flags):
            return spans
        for match in compress(WORD_RE.finditer(text), flags):
            start, end = match.span()
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            else:
                spans.append((start, end))
        return spans

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
