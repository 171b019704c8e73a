"""The embedded index: Tantivy in a folder under NASKAH_DATA_DIR, no server needed.

Text is analysed in Python (index/text.py) and indexed as whitespace-joined words, twice: the
surface words (phrases, typos, prefixes, exact boosts) and the Sastrawi stems without stop words
(affix forms meet). One record per clause plus one per agreement.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import tantivy

from search_api.errors import ClauseNotFound, InvalidQuery
from search_api.index.base import (
    ClauseHit,
    Hit,
    IndexedAgreement,
    SearchPage,
    SearchQuery,
    SynonymGroup,
    date_ordinal,
    filter_fields,
)
from search_api.index.facets import (
    PARTY_MORE,
    PARTY_SLOTS,
    FacetShape,
    facet_request,
    facet_shape,
    party_slots,
    read_facets,
)
from search_api.index.highlight import Highlighter
from search_api.index.query import (
    Compound,
    ParsedQuery,
    Phrase,
    Synonyms,
    Word,
    build_synonym_table,
    is_typed,
    parse,
    relaxed,
    with_compounds,
)
from search_api.index.similarity import (
    CANDIDATES,
    idf_weights,
    significant_terms,
    similarity,
)
from search_api.index.suggest import corrected, reach
from search_api.index.text import QUERY_STOP_WORDS, analyse, fold, stem_terms, text_language
from search_api.index.vocabulary import Vocabulary

log = logging.getLogger(__name__)

# Bump when the schema changes: an index of another version is rebuilt from the store.
SCHEMA_VERSION = "6"
_VERSION_FILE = "naskah-schema-version"
_TEXT_FIELDS = ("head", "body", "ctx")
# Typos and prefixes on the clause's own words only: the agreement's context is the same on every
# clause, and expanding it there costs more than it finds.
_EXPANDED_FIELDS = ("head", "body")
# Every stem of a set of text fields in one posting list of document ids (no frequencies, no
# positions): whether a record holds a word at all is then one term, not a union of one per
# field (see `_chain`). `any_x` for the strict query's fields, `own_x` for a relaxed query's
# 'held' (the clause's own heading and text).
_COMBINED = {_TEXT_FIELDS: "any_x", _EXPANDED_FIELDS: "own_x"}
# Heading words say what a clause is about; the agreement's title and parties only give context.
_BOOST = {"head": 2.0, "body": 1.0, "ctx": 0.5}
# The exact word typed scores on top of its stem where wording is what a reader compares: the
# clause text. A heading or the agreement's title and parties match by stem alone; the bonus there
# cost a tenth of every search and moved 25 of 500 bench top-10s.
_EXACT_FIELDS = ("body",)
# The reading of a query word in the language the query is not in: found, but below the same
# match in the query's language.
_OTHER_READING = 0.9
# A synonym of the typed term, against the term itself (Meilisearch's `exactness` rule also puts
# what was typed first).
_SYNONYM = 0.5
# What the group's other terms a record holds add to the best one (a disjunction max's tie).
_OTHER_TERMS = 0.5
# What holding one more of a relaxed query's typed words adds to a record's score: more than
# BM25 gives any record for the words it had to hold.
_WORD_HELD = 1000.0
# Agreements a clause search names by number, shown as cards above the clauses (at most).
_NAMED = 5
# A word with more typo or prefix expansions than this counts as common (see `_rarest`).
# A scoring part matching more than this many times the records a query can find is asked
# about each of them instead of scanned (`_scored`): a posting list skipped to a record costs
# about as much as a record read in a scan (bench index, 100k and 1M clauses).
_SEEK_RATIO = 1.0
_FREQUENCY_EXPANSIONS = 32
_WRITER_HEAP = 128_000_000
# Parsed queries and their Tantivy queries, by query text: search-as-you-type repeats them.
_QUERY_CACHE_SIZE = 1024
Occur = tantivy.Occur


def _schema() -> tantivy.Schema:
    b = tantivy.SchemaBuilder()
    # Keywords are only ever looked up whole: no positions needed.
    for name in (
        "rid",
        "kind",
        "agreement_id",
        "numbers",
        "clause_number",
        "party",
        "partner_type",
    ):
        b.add_text_field(name, stored=name == "rid", tokenizer_name="raw", index_option="basic")
    # Facet fields (search_api/index/facets.py): dense single-valued columns count fastest.
    for name in ("doc_type", "language", "category", "category_one", *PARTY_SLOTS, PARTY_MORE):
        b.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    for field in _TEXT_FIELDS:
        b.add_text_field(f"{field}_s", tokenizer_name="whitespace")
        b.add_text_field(f"{field}_x", tokenizer_name="whitespace")
    for combined in _COMBINED.values():
        b.add_text_field(combined, tokenizer_name="whitespace", index_option="basic")
    for name in ("year", "signed", "expiry"):
        b.add_integer_field(name, indexed=True, fast=True)
    b.add_bytes_field("payload", stored=True)
    return b.build()


class EmbeddedIndex:
    """SearchIndex on Tantivy. Thread-safe: one writer behind its lock, one searcher per commit."""

    def __init__(
        self, path: Path | None, synonyms: Sequence[SynonymGroup] = (), *, is_writer: bool = True
    ) -> None:
        """`is_writer=False`: a reader beside the one process that writes this folder (a web
        process other than the first of NASKAH_WEB_PROCESSES). It writes nothing and follows
        the writer's commits with `refresh`. Tantivy allows one writer and any number of
        readers in other processes (its meta lock keeps a reload from losing a merged
        segment); the folder must exist with our schema (the writer prepares it)."""
        self._schema = _schema()
        self._path = path
        if path is None:
            self._index = tantivy.Index(self._schema)
        elif is_writer:
            _prepare_folder(path)
            self._index = tantivy.Index(self._schema, path=str(path), reuse=True)
        else:
            _check_folder(path)
            self._index = tantivy.Index(self._schema, path=str(path), reuse=True)
        # `_reload` after each commit is the only reload: the default policy's commit watcher
        # can hold a reload up for ~100 ms; a reader process reloads in `refresh`.
        self._index.config_reader(reload_policy="manual")
        self._writer = (
            self._index.writer(heap_size=_WRITER_HEAP, num_threads=1) if is_writer else None
        )
        self._commit = _commit_stamp(path)
        # Two locks: a commit (segments written and fsynced: long on a busy disk) holds only
        # the writer's, so that searches, which take the other for the query cache, do not
        # queue behind it (under load they did, for seconds).
        self._write_lock = threading.Lock()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="facets")
        self._synonyms = build_synonym_table(synonyms)
        self._queries: OrderedDict[str, _Compiled] = OrderedDict()
        self._generation = 0
        self._current = self._view()
        self._vocabulary = Vocabulary([f"{f}_s" for f in _EXPANDED_FIELDS])
        for field in _EXPANDED_FIELDS:
            terms = self._current[0].terms_with_prefix(f"{field}_s", "")
            self._vocabulary.add(f"{field}_s", (term for term, _ in terms))
        self._vocabulary.commit()
        log.info("index step=open engine=tantivy path=%s docs=%d", path, self.count())

    # -- writing --------------------------------------------------------------------------------

    def upsert(self, agreement: IndexedAgreement) -> None:
        self.upsert_many([agreement])

    def upsert_many(self, agreements: Sequence[IndexedAgreement]) -> None:
        """Replace these agreements' records; one commit for the whole batch."""
        docs: list[tantivy.Document] = []
        words: dict[str, set[str]] = {f"{f}_s": set() for f in _EXPANDED_FIELDS}
        for agreement in agreements:
            docs.extend(_documents(agreement, words))
        has_new_words = False
        for field, found in words.items():
            has_new_words = self._vocabulary.add(field, found) or has_new_words
        with self._write_lock:
            writer = self._writing()
            for agreement in agreements:
                writer.delete_documents_by_term("agreement_id", agreement.agreement_id)
            for doc in docs:
                writer.add_document(doc)
            writer.commit()
        if has_new_words:
            self._vocabulary.commit()
        self._reload()

    def delete(self, agreement_id: str) -> None:
        with self._write_lock:
            writer = self._writing()
            writer.delete_documents_by_term("agreement_id", agreement_id)
            writer.commit()
        self._reload()

    def clear(self) -> None:
        with self._write_lock:
            writer = self._writing()
            writer.delete_all_documents()
            writer.commit()
        self._vocabulary.clear()
        self._reload()

    def _forget_queries(self) -> None:
        with self._lock:
            self._queries.clear()
            self._generation += 1

    def _writing(self) -> Any:
        if self._writer is None:
            raise RuntimeError(
                f"{self._path}: this process only reads the index; its writer writes"
            )
        return self._writer

    def _reload(self) -> None:
        """After a commit: one new searcher, shared by every query until the next commit, and
        the queries compiled again (they leave out what no record holds, and weigh their parts
        by how many records hold them)."""
        self._index.reload()
        self._current = self._view()
        self._forget_queries()

    @property
    def is_writer(self) -> bool:
        return self._writer is not None

    def refresh(self) -> bool:
        """A reader's step, run from a background thread: when the writer (another process)
        committed since the last look, search that commit from now on, its new words in the
        vocabulary (and the cached queries forgotten, their expansions may change). Whether
        there was a new commit. One stat of meta.json when there was none."""
        stamp = _commit_stamp(self._path)
        if stamp == self._commit:
            return False
        self._index.reload()
        view = self._view()
        has_new_words = False
        for field in _EXPANDED_FIELDS:
            terms = view[0].terms_with_prefix(f"{field}_s", "")
            has_new_words = (
                self._vocabulary.add(f"{field}_s", (term for term, _ in terms)) or has_new_words
            )
        if has_new_words:
            self._vocabulary.commit()
            self._forget_queries()
        self._current = view
        self._commit = stamp
        log.debug("index step=refresh docs=%d new_words=%s", self.count(), has_new_words)
        return True

    def _view(self) -> tuple[Any, FacetShape]:
        """A searcher and what counting on it needs to know: replaced together, so a search
        that started on one searcher counts with its own shape."""
        searcher = self._index.searcher()

        def terms(field: str) -> list[str]:
            # Two are enough to tell 'none but ""' and 'only one' apart from the rest.
            return [str(t) for t, _ in searcher.terms_with_prefix(field, "", limit=2)]

        return searcher, facet_shape(terms)

    def set_synonyms(self, groups: Sequence[SynonymGroup]) -> None:
        with self._lock:
            self._synonyms = build_synonym_table(groups)
        self._forget_queries()

    def count(self) -> int:
        return int(self._current[0].num_docs)

    def close(self) -> None:
        self._pool.shutdown()
        self._vocabulary.close()
        with self._write_lock:
            if self._writer is not None:
                self._writer.wait_merging_threads()

    # -- searching ------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchPage:
        compiled = self._compiled(query.q)
        page = self._searched(compiled, query)
        if query.scope == "clauses" and compiled.parsed.numbers and not query.offset:
            return replace(page, agreements=self._named(compiled.parsed, query))
        return page

    def _named(self, parsed: ParsedQuery, query: SearchQuery) -> list[Hit]:
        """The agreements a clause search names by number (their cards above their clauses),
        within the query's filters; the words typed need not be in them."""
        numbers = tantivy.Query.boolean_query(
            [
                (Occur.Must, tantivy.Query.term_query(self._schema, "numbers", n))
                for n in parsed.numbers
            ]
        )
        scoped = replace(query, scope="agreements", clause_number=None, offset=0, limit=_NAMED)
        filtered = self._with_filters(numbers, scoped)
        searcher = self._current[0]
        result = searcher.search(filtered, _NAMED, count=False)
        payloads = [_payload(searcher.doc(address)) for _, address in result.hits]
        return [
            Hit(
                agreement_id=p["agreement_id"],
                clause_id=None,
                clause_number=None,
                heading=None,
                category=None,
                title=p["title"],
                snippet=Highlighter(parsed).snippets([p["text"]])[0],
                score=float(score),
                signed_date=_date(p.get("signed_date")),
            )
            for (score, _), p in zip(result.hits, payloads, strict=True)
        ]

    def _searched(self, compiled: _Compiled, query: SearchQuery) -> SearchPage:
        page = self._search(compiled, compiled.parsed, query)
        if page.total or compiled.parsed.is_empty:
            return page
        # No record holds every typed word: records holding the most of them, first.
        shorter = relaxed(compiled.parsed)
        if shorter is None or 2 * _most_held(shorter) <= len(shorter.optional):
            return page
        found = self._search(
            _Compiled(
                shorter,
                scored=self._text_query(shorter, scored=True),
                matching=self._text_query(shorter, scored=False),
            ),
            compiled.parsed,
            query,
        )
        # Only while the best record holds most of the words: a short query with a word that
        # matches nothing stays empty (and is offered a correction, `suggest`).
        held = int(found.hits[0].score // _WORD_HELD) if found.hits else 0
        if query.sort != "relevance" or query.offset:
            held = self._best_held(shorter, query)
        if 2 * held <= len(shorter.optional):
            return page
        return replace(found, partial=True)

    def _best_held(self, shorter: ParsedQuery, query: SearchQuery) -> int:
        """How many of a relaxed query's words the best record holds (for a page sorted by
        date, or past the first, whose own hits do not tell)."""
        first = replace(query, sort="relevance", offset=0, limit=1)
        filtered = self._with_filters(self._text_query(shorter, scored=True), first)
        result = self._current[0].search(filtered, 1, count=False)
        return int(result.hits[0][0] // _WORD_HELD) if result.hits else 0

    def _search(self, compiled: _Compiled, shown: ParsedQuery, query: SearchQuery) -> SearchPage:
        parsed = compiled.parsed
        filtered = self._with_filters(compiled.scored, query)
        searcher, shape = self._current
        by_date = query.sort == "date" or parsed.is_empty
        # Tantivy releases the GIL: count (total and facets) on another core while the top hits
        # are found, so the top hits need no count of their own. Counting needs no scores: it
        # runs the lighter query that matches the same records.
        counting = self._with_filters(compiled.matching, query)
        counted = self._pool.submit(self._facets, searcher, shape, counting, query)
        try:
            # count=False: the counting pass has the total; Tantivy's default would count again.
            if by_date:
                result = searcher.search(
                    filtered,
                    query.limit,
                    count=False,
                    offset=query.offset,
                    order_by_field="signed",
                )
            else:
                result = searcher.search(filtered, query.limit, count=False, offset=query.offset)
        except ValueError as exc:
            raise InvalidQuery(str(exc)) from exc
        payloads = [_payload(searcher.doc(address)) for _, address in result.hits]
        snippets = Highlighter(shown).snippets([payload["text"] for payload in payloads])
        hits = [
            Hit(
                agreement_id=payload["agreement_id"],
                clause_id=payload.get("clause_id"),
                clause_number=payload.get("number"),
                heading=payload.get("heading"),
                category=payload.get("category"),
                title=payload["title"],
                snippet=snippet,
                score=0.0 if by_date else float(score),
                signed_date=_date(payload.get("signed_date")),
            )
            for (score, _), payload, snippet in zip(result.hits, payloads, snippets, strict=True)
        ]
        if counted.cancel():
            # No pool thread has taken the count up yet (a busy machine is slow to wake one):
            # count here rather than wait for it.
            total, facets = self._facets(searcher, shape, counting, query)
        else:
            total, facets = counted.result()
        return SearchPage(total=total, hits=hits, facets=facets)

    def suggest(self, q: str) -> str | None:
        """`q` with each word the search could not match at all (no field holds its exact form
        or its stem, and no word is within its typo budget or, typed last, begins with it)
        replaced by the known word within `reach` that the most records hold."""
        searcher, _ = self._current
        replacements: dict[str, str] = {}
        for unit in self._compiled(q).parsed.units:
            if not isinstance(unit, Word) or not reach(unit.surface):
                continue
            if any(
                searcher.doc_freq(f"{field}_s", unit.surface)
                or searcher.doc_freq(f"{field}_x", unit.stem)
                for field in _TEXT_FIELDS
            ) or any(
                (unit.typos and self._vocabulary.expand(f"{f}_s", unit.surface, typos=unit.typos))
                or (
                    unit.is_prefix
                    and self._vocabulary.expand(f"{f}_s", unit.surface, is_prefix=True)
                )
                for f in _EXPANDED_FIELDS
            ):
                continue
            near = {
                word
                for field in _EXPANDED_FIELDS
                for word in self._vocabulary.expand(
                    f"{field}_s", unit.surface, typos=reach(unit.surface)
                )
            }
            if near:
                replacements[unit.surface] = max(
                    sorted(near),
                    key=lambda w: sum(
                        int(searcher.doc_freq(f"{f}_s", w)) for f in _EXPANDED_FIELDS
                    ),
                )
        return corrected(q, replacements) if replacements else None

    def _compiled(self, q: str) -> _Compiled:
        """The parsed query and its Tantivy text queries, cached by query text (LRU)."""
        with self._lock:
            cached = self._queries.get(q)
            if cached is not None:
                self._queries.move_to_end(q)
                return cached
            synonyms, generation = self._synonyms, self._generation
        parsed = with_compounds(parse(q, synonyms), self._vocabulary.knows, self._together)
        entry = _Compiled(
            parsed,
            scored=self._text_query(parsed, scored=True),
            matching=self._text_query(parsed, scored=False),
        )
        with self._lock:
            if generation == self._generation:
                self._queries[q] = entry
                if len(self._queries) > _QUERY_CACHE_SIZE:
                    self._queries.popitem(last=False)
        return entry

    def _together(self, first: str, second: str) -> int:
        """Records holding `first` right before `second` in a clause's text or heading."""
        phrase = _should(
            [
                tantivy.Query.phrase_query(self._schema, f"{field}_s", [first, second])
                for field in _EXPANDED_FIELDS
            ]
        )
        return int(self._current[0].search(phrase, 1, count=True).count or 0)

    def _compound_query(
        self, unit: Compound, *, scored: bool, language: str | None, fields: tuple[str, ...]
    ) -> tantivy.Query:
        """Either form of a compound: the joined word, or its two words (side by side when the
        user typed them joined, by their stems in each reading; anywhere when typed apart)."""
        s = self._schema
        joined = self._word_query(unit.joined, scored=scored, language=language, fields=fields)
        first, second = unit.parts
        if unit.is_split:
            readings = dict.fromkeys(
                [
                    (first.stem, second.stem),
                    (first.en_stem or first.stem, second.en_stem or second.stem),
                ]
            )
            apart = _should(
                [
                    self._any_field(lambda f, r=r: _sequence(s, f"{f}_x", list(r)), fields)
                    for r in readings
                ]
            )
        else:
            apart = tantivy.Query.boolean_query(
                [
                    (
                        Occur.Must,
                        self._word_query(part, scored=scored, language=language, fields=fields),
                    )
                    for part in unit.parts
                ]
            )
        return _should([joined, apart])

    def _unit_query(
        self, unit: Any, *, scored: bool, language: str | None, fields: tuple[str, ...]
    ) -> tantivy.Query:
        s = self._schema
        if isinstance(unit, Word):
            return self._word_query(unit, scored=scored, language=language, fields=fields)
        if isinstance(unit, Compound):
            return self._compound_query(unit, scored=scored, language=language, fields=fields)
        if isinstance(unit, Phrase):
            return self._any_field(lambda f, u=unit: _sequence(s, f"{f}_s", u.words), fields)
        if not scored:
            return self._synonyms_found(unit, fields)
        alternatives = [
            tantivy.Query.boost_query(
                self._any_field(
                    lambda f, alt=alt: _sequence(s, f"{f}_x", [st for _, st in alt]),
                    fields,
                ),
                1.0 if is_typed(unit, alt) else _SYNONYM,
            )
            for alt in unit.alternatives
        ]
        return _best_of(alternatives)

    def _synonyms_found(self, unit: Synonyms, fields: tuple[str, ...]) -> tantivy.Query:
        """The records holding any term of a synonym group (unscored): a term of several words
        that holds a one-word term's stem finds no record that term does not ('perubahan
        perjanjian' and 'perubahan'), and one-word terms are looked up in the fields' combined
        list."""
        s = self._schema
        searcher = self._current[0]
        single = {alt[0][1] for alt in unit.alternatives if len(alt) == 1}
        combined = _COMBINED.get(fields)
        found: list[tantivy.Query] = []
        for alt in unit.alternatives:
            stems = [stem for _, stem in alt]
            if len(alt) > 1 and single.intersection(stems):
                continue
            if len(alt) == 1 and combined is not None:
                if searcher.doc_freq(combined, stems[0]):
                    found.append(
                        tantivy.Query.term_query(s, combined, stems[0], index_option="basic")
                    )
                continue
            found.append(self._any_field(lambda f, st=stems: _sequence(s, f"{f}_x", st), fields))
        return _should(found)

    def _text_query(
        self, parsed: ParsedQuery, *, scored: bool, fields: tuple[str, ...] = _TEXT_FIELDS
    ) -> tantivy.Query:
        """The records holding every unit, the numbers and Pasal numbers (relaxed: also one of
        the optional units, see below); `scored`: each scored by the sum of what the queries of
        its units score, plus (relaxed) what the queries of the optional units it holds score
        and `_WORD_HELD` for each of them.

        Scored, the records are found by the unscored query, and what scores them is asked
        about those records (`_scored`)."""
        s = self._schema
        musts: list[tantivy.Query] = []
        # what adds to a record's score, with how many records it matches at most: a word's
        # alternatives one by one (their sum is its query's score), any other unit whole
        leaves: list[tuple[tantivy.Query, int]] = []
        at_most = max(1, self.count())  # records the query can find
        if parsed.units:
            found = [
                self._unit_query(u, scored=False, language=parsed.language, fields=fields)
                for u in parsed.units
            ]
            if not scored:
                musts.extend(found)
            else:
                musts.append(tantivy.Query.const_score_query(_all(found), 0.0))
                for unit in parsed.units:
                    at_most = min(at_most, self._at_most(unit, fields))
                    leaves.extend(self._leaves(unit, parsed.language, fields))
        for number in parsed.numbers:
            musts.append(tantivy.Query.term_query(s, "numbers", number))
        # A relaxed query's words: each one a record holds puts it above every record holding
        # one fewer (Meilisearch's `words` rule); BM25 orders records holding as many.
        # Held means in the clause's own heading or text: the agreement's title and parties
        # are on every clause of it.
        held_by_unit: list[tantivy.Query] = []
        for unit in parsed.optional:
            alone = replace(parsed, units=(unit,), optional=())
            held = self._text_query(alone, scored=False, fields=_EXPANDED_FIELDS)
            held_by_unit.append(held)
            if scored:
                holding = self._at_most(unit, _EXPANDED_FIELDS)
                if parsed.numbers or parsed.clause_numbers:
                    scoring = self._text_query(alone, scored=True, fields=_EXPANDED_FIELDS)
                    leaves.append((scoring, holding))
                else:
                    leaves.extend(self._leaves(unit, parsed.language, _EXPANDED_FIELDS))
                leaves.append((tantivy.Query.const_score_query(held, _WORD_HELD), holding))
        if parsed.optional:
            # Only a record holding most (more than half) of the words is shown, and such a
            # record holds at least one of any ceil(n/2) of them: requiring one of the rarest
            # ceil(n/2) keeps the same best records and leaves out most of those holding only
            # common words, which the union would score and count (bench: a fifth of the cost).
            rarest = self._rarest(parsed.optional, len(parsed.optional))
            need = _should([held_by_unit[i] for i in rarest])
            musts.append(tantivy.Query.const_score_query(need, 0.0) if scored else need)
            at_most = min(
                at_most,
                sum(self._at_most(parsed.optional[i], _EXPANDED_FIELDS) for i in rarest),
            )
        for clause_number in parsed.clause_numbers:
            musts.append(tantivy.Query.term_query(s, "clause_number", clause_number))
        if not musts:
            return tantivy.Query.all_query()
        return _scored(musts, leaves, at_most)

    def _leaves(
        self, unit: Any, language: str | None, fields: tuple[str, ...]
    ) -> list[tuple[tantivy.Query, int]]:
        """What a unit's scored query adds up, each part with how many records it matches (at
        most): a word's alternatives, any other unit's query whole."""
        if isinstance(unit, Word):
            return self._word_options(unit, scored=True, language=language, fields=fields)
        query = self._unit_query(unit, scored=True, language=language, fields=fields)
        return [(query, self._at_most(unit, fields))]

    def _at_most(self, unit: Any, fields: tuple[str, ...]) -> int:
        """How many records hold `unit` in `fields`, at most."""
        total = max(1, self.count())
        if not isinstance(unit, Word):
            return total
        options = self._word_options(unit, scored=False, fields=fields)
        return min(total, sum(n for _, n in options))

    def _rarest(self, units: Sequence[Any], n: int) -> list[int]:
        """Positions of the ceil(n/2) units that the fewest records hold, by the document
        frequency of their stems (typo and prefix expansions too, up to a point): any choice is
        correct, the rarest make the smallest candidate set."""
        searcher = self._current[0]
        total = int(searcher.num_docs)

        def frequency(unit: Any) -> int:
            if isinstance(unit, Word):
                found = sum(
                    int(searcher.doc_freq(f"{field}_x", reading))
                    for field in _EXPANDED_FIELDS
                    for reading in unit.readings
                )
                others: tuple[str, ...] = ()
                if unit.typos:
                    others += self._vocabulary.expand("body_s", unit.surface, typos=unit.typos)
                if unit.is_prefix:
                    others += self._vocabulary.expand("body_s", unit.surface, is_prefix=True)
                if len(others) > _FREQUENCY_EXPANSIONS:
                    return total
                return found + sum(int(searcher.doc_freq("body_s", w)) for w in others)
            if isinstance(unit, Synonyms):
                return sum(
                    min(int(searcher.doc_freq("body_x", st)) for _, st in alt)
                    for alt in unit.alternatives
                )
            if isinstance(unit, Compound):
                return frequency(unit.joined) + min(frequency(part) for part in unit.parts)
            return total

        order = sorted(range(len(units)), key=lambda i: (frequency(units[i]), i))
        return sorted(order[: n - n // 2])

    def _word_query(
        self,
        word: Word,
        *,
        scored: bool,
        language: str | None = None,
        fields: tuple[str, ...] = _TEXT_FIELDS,
    ) -> tantivy.Query:
        options = self._word_options(word, scored=scored, language=language, fields=fields)
        return _should([query for query, _ in options])

    def _word_options(
        self,
        word: Word,
        *,
        scored: bool,
        language: str | None = None,
        fields: tuple[str, ...] = _TEXT_FIELDS,
    ) -> list[tuple[tantivy.Query, int]]:
        """Any text field holding one of the word's stems (its Indonesian or its English
        reading: each finds the clauses of its language; when the query's language is known, the
        other reading weighs a little less, which breaks ties), plus, in the clause text, a bonus for the exact
        form typed), or (head and body) a word within its typo budget or, for the last word typed,
        a word it begins.

        The typo and prefix alternatives leave out the exact form: its posting list is the
        longest and its own query already finds it. The exact form is only asked for where it
        scores, or where the stem cannot find it: a stop word has no stem.

        Unscored, the stems are looked up in the fields' combined list (`_COMBINED`): the same
        records, one posting list instead of one per field.

        Each alternative comes with the number of records it matches (at most).
        """
        s = self._schema
        searcher = self._current[0]
        total = max(1, int(searcher.num_docs))

        def holding(field: str, words: Sequence[str]) -> int:
            if len(words) > _FREQUENCY_EXPANSIONS:
                return total
            return min(total, sum(int(searcher.doc_freq(field, w)) for w in words))

        options: list[tuple[tantivy.Query, int]] = []

        def add(query: tantivy.Query, matching: int) -> None:
            # A term no record holds adds nothing but a posting list to walk, and makes the
            # word's alternatives a union where one term would do ('perjanjian', the English
            # reading of 'perjanjian', when no English clause holds it). The queries are
            # compiled again after every commit (`_forget_queries`).
            if matching:
                options.append((query, matching))

        readings = list(zip(word.readings, ("id", "en"), strict=False))
        combined = None if scored else _COMBINED.get(fields)
        if combined is not None:
            for reading in word.readings:
                add(
                    tantivy.Query.term_query(s, combined, reading, index_option="basic"),
                    holding(combined, [reading]),
                )
        for field in fields:
            boost = _BOOST[field]
            for reading, reading_language in readings if combined is None else ():
                weight = _OTHER_READING if language not in (None, reading_language) else 1.0
                add(
                    tantivy.Query.boost_query(
                        tantivy.Query.term_query(s, f"{field}_x", reading), boost * weight
                    ),
                    holding(f"{field}_x", [reading]),
                )
            if (scored and field in _EXACT_FIELDS) or word.surface in QUERY_STOP_WORDS:
                add(
                    tantivy.Query.boost_query(
                        tantivy.Query.term_query(s, f"{field}_s", word.surface), boost * 0.5
                    ),
                    holding(f"{field}_s", [word.surface]),
                )
            if field not in _EXPANDED_FIELDS:
                continue
            expansions: list[tuple[str, ...]] = []
            if word.typos:
                expansions.append(
                    self._vocabulary.expand(f"{field}_s", word.surface, typos=word.typos)
                )
            if word.is_prefix:
                expansions.append(
                    self._vocabulary.expand(f"{field}_s", word.surface, is_prefix=True)
                )
            for words in expansions:
                if len(words) <= _FREQUENCY_EXPANSIONS:
                    words = tuple(w for w in words if searcher.doc_freq(f"{field}_s", w))
                if words:
                    others = _any_word(s, f"{field}_s", words)
                    add(
                        tantivy.Query.const_score_query(others, 0.2 * boost),
                        holding(f"{field}_s", words),
                    )
        return options

    def _any_field(self, make: Any, fields: tuple[str, ...] = _TEXT_FIELDS) -> tantivy.Query:
        return _should([tantivy.Query.boost_query(make(field), _BOOST[field]) for field in fields])

    def _with_filters(self, text_query: tantivy.Query, query: SearchQuery) -> tantivy.Query:
        """`text_query` within the query's scope and filters. Clauses are every record but the
        agreements': excluding the few agreement records is cheaper than intersecting with every
        clause record, and matches the same records (a required `kind` term only added the same
        amount to every hit's score)."""
        s = self._schema
        musts: list[tuple[Any, tantivy.Query]] = [(Occur.Must, text_query)]
        if query.scope == "clauses":
            musts.append((Occur.MustNot, tantivy.Query.term_query(s, "kind", "agreement")))
        else:
            musts.append((Occur.Must, tantivy.Query.term_query(s, "kind", "agreement")))
        for name, value in (
            ("doc_type", query.doc_type),
            ("category", query.category),
            ("party", query.party),
            ("partner_type", query.partner_type),
            ("language", query.language),
        ):
            if value:
                musts.append((Occur.Must, tantivy.Query.term_query(s, name, value)))
        if query.clause_number:
            musts.append(
                (
                    Occur.Must,
                    tantivy.Query.term_query(s, "clause_number", query.clause_number.upper()),
                )
            )
        if query.year_from or query.year_to:
            musts.append(
                (
                    Occur.Must,
                    tantivy.Query.range_query(
                        s,
                        "year",
                        tantivy.FieldType.Integer,
                        query.year_from or 1,
                        query.year_to or 9999,
                    ),
                )
            )
        if query.status:
            low, high = _status_range(query.status, date_ordinal(query.today))
            musts.append(
                (
                    Occur.Must,
                    tantivy.Query.range_query(s, "expiry", tantivy.FieldType.Integer, low, high),
                )
            )
        return tantivy.Query.boolean_query(musts)

    def _facets(
        self, searcher: Any, shape: FacetShape, filtered: tantivy.Query, query: SearchQuery
    ) -> tuple[int, dict[str, dict[str, int]]]:
        """(records matched, facet counts) in one aggregation pass."""
        request = facet_request(query.scope, date_ordinal(query.today), shape)
        return read_facets(searcher.aggregate(filtered, request), shape)

    # -- similar clauses ------------------------------------------------------------------------

    def similar_clauses(self, clause_id: str, limit: int) -> list[ClauseHit]:
        searcher = self._current[0]
        found = searcher.search(tantivy.Query.term_query(self._schema, "rid", clause_id), 1)
        if not found.hits:
            raise ClauseNotFound(clause_id)
        payload = _payload(searcher.doc(found.hits[0][1]))
        return self._similar(
            searcher, payload["text"], limit, exclude_agreement=payload["agreement_id"]
        )

    def similar_to_text(self, text: str, limit: int) -> list[ClauseHit]:
        return self._similar(self._current[0], text, limit, exclude_agreement=None)

    def _similar(
        self, searcher: Any, text: str, limit: int, *, exclude_agreement: str | None
    ) -> list[ClauseHit]:
        s = self._schema
        stems = stem_terms(text)
        total = max(1, int(searcher.num_docs))
        weight = idf_weights(lambda t: int(searcher.doc_freq("body_x", t)), total)
        terms = significant_terms(stems, lambda t: int(searcher.doc_freq("body_x", t)), total)
        if not terms:
            return []
        recall = _should([tantivy.Query.term_query(s, "body_x", t) for t in terms])
        clauses: list[tuple[Any, tantivy.Query]] = [
            (Occur.Must, recall),
            (Occur.Must, tantivy.Query.term_query(s, "kind", "clause")),
        ]
        if exclude_agreement:
            clauses.append(
                (Occur.MustNot, tantivy.Query.term_query(s, "agreement_id", exclude_agreement))
            )
        result = searcher.search(tantivy.Query.boolean_query(clauses), CANDIDATES)
        ranked: list[ClauseHit] = []
        for _, address in result.hits:
            p = _payload(searcher.doc(address))
            ranked.append(
                ClauseHit(
                    agreement_id=p["agreement_id"],
                    clause_id=p["clause_id"],
                    clause_number=p["number"],
                    heading=p.get("heading"),
                    category=p.get("category"),
                    title=p["title"],
                    text=p["text"],
                    score=similarity(stems, stem_terms(p["text"]), weight),
                )
            )
        ranked.sort(key=lambda h: (-h.score, h.clause_id))
        return ranked[:limit]


@dataclass(frozen=True, slots=True)
class _Compiled:
    parsed: ParsedQuery
    scored: tantivy.Query  # for the top hits
    matching: tantivy.Query  # the same records, cheaper: for the total and the facets


def _most_held(shorter: ParsedQuery) -> int:
    """The most of a relaxed query's words any record can hold once the strict query found
    nothing: one fewer than all. A record holding every word in its heading or text (what
    `held` asks, a narrower match than the strict query's) would have been found whole. So a
    two-word query never shows a relaxed page (one word of two is not most of them), and its
    relaxed search need not run."""
    return len(shorter.optional) - 1


def _all(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(Occur.Must, q) for q in queries])


def _scored(
    required: list[tantivy.Query], leaves: Sequence[tuple[tantivy.Query, int]], at_most: int
) -> tantivy.Query:
    """The records `required` finds (`at_most` of them), scored by what they score plus what
    each leaf scores on them. A leaf matching many more records than can be found is asked about
    each found record (`_chain`); the others are scanned together, window by window, which costs
    less per record they hold."""
    scan = [query for query, n in leaves if n <= _SEEK_RATIO * at_most]
    seek = [query for query, n in leaves if n > _SEEK_RATIO * at_most]
    return _chain(required, ([_should(scan)] if scan else []) + seek)


def _chain(required: list[tantivy.Query], scoring: Sequence[tantivy.Query]) -> tantivy.Query:
    """The records `required` finds, scored by what they score plus what each of `scoring`
    scores on them: (((required + a) + b) + c), each step a required and one optional clause.

    Tantivy scores a union of clauses (and a clause holding one) window by window: every
    record in 4,096 of any of its posting lists, wherever a record it is asked about stands.
    A query needing all of a few words, one of them common, scored every record holding the
    common one: nearly the whole index at 1M clauses of the bench, for the few (or none) that
    hold them all. An optional clause on its own is asked only about the records found: a
    term skips to each of them in its posting list. Same records, same sum (in another order:
    a score may move in its last bit)."""
    query = _all(required)
    for clause in scoring:
        query = tantivy.Query.boolean_query([(Occur.Must, query), (Occur.Should, clause)])
    return query


def _should(queries: list[tantivy.Query]) -> tantivy.Query:
    if not queries:
        return tantivy.Query.empty_query()
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(Occur.Should, q) for q in queries])


def _best_of(queries: list[tantivy.Query]) -> tantivy.Query:
    """Any of `queries`, scored by the best one and half of the others: a clause holding two of
    a synonym group's terms ('breach' and 'default' in one English boilerplate sentence) scores
    less than twice one of them (the sum ranked such a clause above one saying 'wanprestasi';
    the best alone, tie 0, cost 'adendum' and 'perubahan perjanjian' a tenth of P@10 each)."""
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.disjunction_max_query(queries, _OTHER_TERMS)


def _any_word(schema: tantivy.Schema, field: str, words: Sequence[str]) -> tantivy.Query:
    """Records holding any of `words` in `field`, for a constant score (which of the words,
    and how often, does not count).

    One word (of the bench queries' non-empty typo and prefix expansions, 486 of 496) is a
    term query. A term set query builds an automaton, walks the term dictionary and
    fills a bitset for every segment before the search starts: a word query with a one-word
    expansion costs a fifth more that way, and its count a third more (bench index). Several
    words stay a term set, not an OR of term queries: the OR is faster too, but Tantivy
    estimates its cost differently, may then add the query words' scores in another order, and
    a score may move by its last bit (seen once in 1,500 bench queries). One word's term query
    has the term set's cost estimate (its document frequency), so scores stay bit for bit."""
    if len(words) == 1:
        return tantivy.Query.term_query(schema, field, words[0], index_option="basic")
    return tantivy.Query.term_set_query(schema, field, list(words))


def _sequence(schema: tantivy.Schema, field: str, words: Sequence[str]) -> tantivy.Query:
    if len(words) == 1:
        return tantivy.Query.term_query(schema, field, words[0])
    return tantivy.Query.phrase_query(schema, field, list(words))


def _status_range(status: str, today: int) -> tuple[int, int]:
    if status == "active":
        return today, 99_991_231
    if status == "expired":
        return 1, today - 1
    return 0, 0


def _payload(doc: Any) -> dict[str, Any]:
    raw = doc.get_first("payload")
    result: dict[str, Any] = json.loads(bytes(raw))
    return result


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _documents(a: IndexedAgreement, words: dict[str, set[str]]) -> list[tantivy.Document]:
    """The agreement's own record, then one record per clause, each with the agreement's fields.

    Each text is analysed once; the agreement's record reuses its clauses' analyses. Adds the
    surface words of the typo-matched fields to `words` (by field name).
    """
    ctx = analyse(" \n".join([a.title, a.subject or "", *a.parties, *a.numbers]), a.language)
    common = filter_fields(a)
    shown = {
        "agreement_id": a.agreement_id,
        "title": a.title,
        "signed_date": a.signed_date.isoformat() if a.signed_date else None,
    }
    # Each clause is stemmed in its own language (a bilingual agreement has both), its heading
    # in the language of its text (a heading alone is too short to tell).
    languages = [text_language(c.text, a.language) for c in a.clauses]
    heads = [analyse(c.heading or "", lang) for c, lang in zip(a.clauses, languages, strict=True)]
    bodies = [analyse(c.text, lang) for c, lang in zip(a.clauses, languages, strict=True)]
    title = analyse(a.title, a.language)
    words["head_s"].update(title[0].split(), *(h[0].split() for h in heads))
    words["body_s"].update(*(b[0].split() for b in bodies))
    whole = (
        " ".join(f"{h[0]} {b[0]}" for h, b in zip(heads, bodies, strict=True)),
        " ".join(f"{h[1]} {b[1]}" for h, b in zip(heads, bodies, strict=True)),
    )
    text = "\n".join(" ".join(p for p in (c.heading or "", c.text) if p) for c in a.clauses)
    docs = [
        _document(
            rid=f"agreement-{a.agreement_id}",
            kind="agreement",
            common=common,
            categories=sorted({c.category for c in a.clauses if c.category}),
            analysed={"head": title, "body": whole, "ctx": ctx},
            payload={**shown, "text": a.subject or text},
            # 'Pasal 5' in agreement scope: the agreements that have a Pasal 5
            clause_numbers=[c.number for c in a.clauses],
        )
    ]
    for c, head, body in zip(a.clauses, heads, bodies, strict=True):
        docs.append(
            _document(
                rid=c.clause_id,
                kind="clause",
                common=common,
                categories=[c.category] if c.category else [],
                analysed={"head": head, "body": body, "ctx": ctx},
                payload={
                    **shown,
                    "clause_id": c.clause_id,
                    "number": c.number,
                    "heading": c.heading,
                    "category": c.category,
                    "text": c.text,
                },
                clause_numbers=[c.number],
            )
        )
    return docs


def _document(
    *,
    rid: str,
    kind: str,
    common: dict[str, Any],
    categories: list[str],
    analysed: dict[str, tuple[str, str]],
    payload: dict[str, Any],
    clause_numbers: Sequence[str] = (),
) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_text("rid", rid)
    doc.add_text("kind", kind)
    doc.add_text("agreement_id", common["agreement_id"])
    doc.add_text("doc_type", common["doc_type"])
    doc.add_text("language", common["language"])
    for party in common["party"]:
        doc.add_text("party", party)
    for kind_of_party in common["partner_type"]:
        doc.add_text("partner_type", kind_of_party)
    slots, more = party_slots(common["party"])
    for slot, party in zip(PARTY_SLOTS, slots, strict=True):
        doc.add_text(slot, party)
    for party in more:
        doc.add_text(PARTY_MORE, party)
    for number in common["numbers"]:
        doc.add_text("numbers", number)
    for category in categories:
        doc.add_text("category", category)
    # A clause has one category at most; the agreement's record counts in `category`.
    doc.add_text("category_one", categories[0] if kind == "clause" and categories else "")
    for clause_number in dict.fromkeys(fold(n).upper() for n in clause_numbers if n):
        doc.add_text("clause_number", clause_number)
    for name, (surface, stems) in analysed.items():
        doc.add_text(f"{name}_s", surface)
        doc.add_text(f"{name}_x", stems)
    for fields, combined in _COMBINED.items():
        doc.add_text(combined, " ".join(analysed[name][1] for name in fields))
    for name in ("year", "signed", "expiry"):
        doc.add_integer(name, common[name])
    doc.add_bytes("payload", json.dumps(payload, ensure_ascii=False).encode())
    return doc


def _commit_stamp(path: Path | None) -> tuple[int, int, int] | None:
    """What changes with every commit: Tantivy replaces meta.json (a new file renamed over
    the old one) on each."""
    if path is None:
        return None
    try:
        stat = (path / "meta.json").stat()
    except FileNotFoundError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _check_folder(path: Path) -> None:
    """A reader's check: the writer has prepared this folder, with this schema version."""
    marker = path / _VERSION_FILE
    version = marker.read_text().strip() if marker.exists() else None
    if version != SCHEMA_VERSION or not (path / "meta.json").exists():
        raise RuntimeError(
            f"{path}: the index is not ready (schema {version}, wanted {SCHEMA_VERSION}); "
            "the first web process prepares it before the others start"
        )


def _prepare_folder(path: Path) -> None:
    """Create the index folder; empty it when it holds an index of another schema version.

    The store is the source of truth: `Library.start` rebuilds an empty index from it.
    """
    path.mkdir(parents=True, exist_ok=True)
    marker = path / _VERSION_FILE
    version = marker.read_text().strip() if marker.exists() else None
    if version != SCHEMA_VERSION:
        if any(path.iterdir()):
            log.warning(
                "index step=open path=%s schema=%s wanted=%s: emptying it to rebuild",
                path,
                version,
                SCHEMA_VERSION,
            )
            shutil.rmtree(path)
            path.mkdir(parents=True)
        marker.write_text(SCHEMA_VERSION + "\n")
