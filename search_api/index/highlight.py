"""Snippets with <mark> around the words a query matched; everything else HTML-escaped.

Pure and engine-independent: both engines hand back the stored text and this module picks the
window, so highlights look the same whichever engine answered.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape

from search_api.index.query import ParsedQuery, Phrase, Synonyms, Word
from search_api.index.text import Token, tokens

SNIPPET_CHARS = 240


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


def _word_matches(word: Word, token: Token) -> bool:
    if token.stem == word.stem or token.surface == word.surface:
        return True
    if word.is_prefix and token.surface.startswith(word.surface):
        return True
    if word.typos:
        candidate = token.surface[: len(word.surface)] if word.is_prefix else token.surface
        return edit_distance(word.surface, candidate, word.typos) <= word.typos
    return False


def matched_spans(text: str, query: ParsedQuery) -> list[tuple[int, int]]:
    """Character spans of `text` that the query matched, sorted and merged."""
    toks = list(tokens(text))
    marked = [False] * len(toks)
    stems = query.stems()
    words = [u for u in query.units if isinstance(u, Word)]
    sequences: list[tuple[str, ...]] = [u.words for u in query.units if isinstance(u, Phrase)]
    for unit in query.units:
        if isinstance(unit, Synonyms):
            sequences.extend(tuple(s for _, s in alt) for alt in unit.alternatives if len(alt) > 1)
    for i, token in enumerate(toks):
        if token.is_stop_word:
            continue
        if token.stem in stems or any(_word_matches(w, token) for w in words):
            marked[i] = True
    for seq in sequences:
        _mark_sequences(toks, marked, seq)
    spans: list[tuple[int, int]] = []
    for token, is_marked in zip(toks, marked, strict=True):
        if not is_marked:
            continue
        if spans and token.start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], token.end))
        else:
            spans.append((token.start, token.end))
    return spans


def _mark_sequences(toks: list[Token], marked: list[bool], seq: tuple[str, ...]) -> None:
    """Mark runs of tokens equal to `seq` by surface (phrases) or stem (synonym phrases)."""
    content = [i for i, t in enumerate(toks) if not t.is_stop_word] if len(seq) > 1 else []
    n = len(seq)
    for k in range(len(content) - n + 1):
        run = [toks[content[k + m]] for m in range(n)]
        if all(t.surface == w or t.stem == w for t, w in zip(run, seq, strict=True)):
            for m in range(n):
                marked[content[k + m]] = True
    if n == 1:
        for i, t in enumerate(toks):
            if t.surface == seq[0]:
                marked[i] = True


def snippet(text: str, query: ParsedQuery, *, max_chars: int = SNIPPET_CHARS) -> str:
    """An HTML fragment of `text` around its densest cluster of matches.

    Returns the escaped start of the text when nothing in it matched (the hit matched on the
    heading or the agreement's title).
    """
    spans = matched_spans(text, query) if not query.is_empty else []
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
