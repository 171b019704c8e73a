"""The words of the typo- and prefix-matched fields, for expanding a query word into the indexed
words it may mean.

Tantivy's own fuzzy and prefix queries rebuild their automaton and walk the term dictionary on
every search, and their matches include the word itself, whose posting list is usually the
longest of all. Expanding once per word (cached) into the *other* words within the typo budget
lets a search run a small term-set query instead, next to the exact-word query it has anyway.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

import tantivy

_CACHE_SIZE = 8192
_HEAP = 15_000_000


class Vocabulary:
    """Distinct words per field in a small in-memory Tantivy index (one record per word).

    Words are only added: a word whose records were all deleted expands to a term that matches
    nothing, which costs nothing. Thread-safe.
    """

    def __init__(self, fields: Sequence[str]) -> None:
        builder = tantivy.SchemaBuilder()
        for field in fields:
            builder.add_text_field(field, stored=True, tokenizer_name="raw", index_option="basic")
        self._schema = builder.build()
        self._fields = tuple(fields)
        self._index = tantivy.Index(self._schema)
        # We reload after each commit ourselves. Tantivy's default policy also watches for
        # commits, and then a reload after a commit waits ~100 ms for the watcher's lock.
        self._index.config_reader(reload_policy="manual")
        self._writer = self._index.writer(heap_size=_HEAP, num_threads=1)
        self._known: dict[str, set[str]] = {field: set() for field in fields}
        self._cache: OrderedDict[tuple[str, str, int, bool], tuple[str, ...]] = OrderedDict()
        # Adding and committing words hold the writer's lock only: a search expanding a word
        # takes the other, for the cache, and does not wait for a commit.
        self._write_lock = threading.Lock()
        self._lock = threading.Lock()
        self._searcher = self._index.searcher()

    def add(self, field: str, words: Iterable[str]) -> bool:
        """Remember these words of `field`; True when any was new (expansions may change)."""
        with self._write_lock:
            known = self._known[field]
            new = {w for w in words if w and w not in known}
            for word in new:
                doc = tantivy.Document()
                doc.add_text(field, word)
                self._writer.add_document(doc)
            known.update(new)
            return bool(new)

    def knows(self, word: str) -> bool:
        """Whether any field holds `word` as it stands (added, committed or not)."""
        return any(word in known for known in self._known.values())

    def commit(self) -> None:
        """Make added words searchable and forget every cached expansion."""
        with self._write_lock:
            self._writer.commit()
            self._index.reload()
            searcher = self._index.searcher()
            with self._lock:
                self._searcher = searcher
                self._cache.clear()

    def clear(self) -> None:
        with self._write_lock:
            self._writer.delete_all_documents()
            for known in self._known.values():
                known.clear()
        self.commit()

    def close(self) -> None:
        # Ends the writer's threads now: a writer left to the garbage collector would try to join
        # them in whichever process frees it, also a forked worker that never had them.
        with self._write_lock:
            self._writer.wait_merging_threads()

    def expand(
        self, field: str, word: str, *, typos: int = 0, is_prefix: bool = False
    ) -> tuple[str, ...]:
        """The other known words of `field` within `typos` edits of `word` (optimal string
        alignment, as Tantivy counts), or starting with `word` when `is_prefix`; sorted."""
        key = (field, word, typos, is_prefix)
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
            searcher = self._searcher
        if is_prefix:
            # Straight from the term dictionary: a short prefix may match thousands of words.
            words = [str(t) for t, _ in searcher.terms_with_prefix(field, word)]
        else:
            query = tantivy.Query.fuzzy_term_query(self._schema, field, word, distance=typos)
            words = _matching_words(searcher, query, field)
        found = tuple(sorted(w for w in words if w != word))
        with self._lock:
            if searcher is self._searcher:
                self._cache[key] = found
                if len(self._cache) > _CACHE_SIZE:
                    self._cache.popitem(last=False)
        return found


def _matching_words(searcher: Any, query: tantivy.Query, field: str) -> list[str]:
    limit = 256
    while True:
        result = searcher.search(query, limit, count=True)
        if result.count is None or result.count <= limit:
            return [str(searcher.doc(address).get_first(field)) for _, address in result.hits]
        limit = int(result.count)
