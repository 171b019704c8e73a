"""Similar clauses: pick a clause's significant stems for recall, re-rank by wording overlap.

Pure. An engine finds candidates with the significant terms (BM25); `similarity` then ranks
near-identical wording first, the same way on both engines.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

CANDIDATES = 100
MAX_TERMS = 24


def significant_terms(
    stems: Sequence[str], doc_freq: Callable[[str], int], total_docs: int, *, limit: int = MAX_TERMS
) -> list[str]:
    """The `limit` stems with the highest tf-idf: rare words that say what the clause is about."""
    counts = Counter(s for s in stems if len(s) > 2 and not s.isdigit())

    def weight(term: str) -> float:
        df = doc_freq(term)
        return counts[term] * math.log(1 + (total_docs + 1) / (df + 1))

    return sorted(counts, key=lambda term: (-weight(term), term))[:limit]


def _shingles(stems: Sequence[str]) -> set[tuple[str, str]]:
    return set(zip(stems, stems[1:], strict=False))


def idf_weights(doc_freq: Callable[[str], int], total_docs: int) -> Callable[[str], float]:
    """A cached idf weight per stem, so words found in every clause count for little."""
    cache: dict[str, float] = {}

    def weight(term: str) -> float:
        if term not in cache:
            cache[term] = math.log(1 + (total_docs + 1) / (doc_freq(term) + 1))
        return cache[term]

    return weight


def _uniform(_term: str) -> float:
    return 1.0


def similarity(
    a: Sequence[str], b: Sequence[str], weight: Callable[[str], float] = _uniform
) -> float:
    """0..1: mean of word-set cosine and word-pair (shingle) Jaccard; identical wording is 1.0.

    The (idf-weighted) cosine keeps a long clause on the same matter close; the shingles reward the same
    wording in the same order, so near-identical clauses rank first.
    """
    set_a, set_b = set(a), set(b)
    if not set_a or not set_b:
        return 0.0
    shared = sum(weight(t) for t in set_a & set_b)
    norm = math.sqrt(sum(weight(t) for t in set_a) * sum(weight(t) for t in set_b))
    words = shared / norm if norm else 0.0
    sh_a, sh_b = _shingles(a), _shingles(b)
    pairs = len(sh_a & sh_b) / len(sh_a | sh_b) if sh_a and sh_b else words
    return round((words + pairs) / 2, 4)
