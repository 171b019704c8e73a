from __future__ import annotations

from search_api.index.base import SynonymGroup
from search_api.index.query import (
    Compound,
    ParsedQuery,
    Phrase,
    Synonyms,
    Word,
    build_synonym_table,
    parse,
    typo_budget,
    with_compounds,
)
from search_api.index.synonyms import DEFAULT_SYNONYMS

TABLE = build_synonym_table(DEFAULT_SYNONYMS)


def test_typo_budget_follows_meilisearch_word_lengths() -> None:
    assert [typo_budget("a" * n) for n in (4, 5, 8, 9)] == [0, 1, 1, 2]


def test_the_last_word_is_a_prefix_only_while_typing() -> None:
    typing = parse("jangka wak")
    assert typing.units[-1] == Word("wak", "wak", 0, is_prefix=True, en_stem="wak")
    assert not any(isinstance(u, Word) and u.is_prefix for u in parse("jangka wak ").units)


def test_quoted_words_become_a_phrase_of_surface_words() -> None:
    parsed = parse('"Keadaan Memaksa" biaya ')
    assert Phrase(("keadaan", "memaksa")) in parsed.units


def test_agreement_numbers_and_pasal_become_exact_keywords() -> None:
    parsed = parse("445/ 23/UHK/BRSUD/2021 Pasal 5A")
    assert parsed.numbers == ("445/23/uhk/brsud/2021",)
    assert parsed.clause_numbers == ("5A",)
    assert parsed.units == ()


def test_a_multi_word_synonym_is_one_unit_with_every_alternative() -> None:
    (unit,) = parse("nota kesepahaman ", TABLE).units
    assert isinstance(unit, Synonyms)
    assert (("mou", "mou"),) in unit.alternatives
    assert unit.typed == (("nota", "nota"), ("kesepahaman", "paham"))


def test_stop_words_are_dropped_unless_nothing_else_is_left() -> None:
    assert [u.surface for u in parse("dan yang biaya ").units if isinstance(u, Word)] == ["biaya"]
    assert [u.surface for u in parse("dan yang ").units if isinstance(u, Word)] == ["dan", "yang"]


def test_a_word_typed_twice_counts_once() -> None:
    words = [u for u in parse("pihak pihak kerja ").units if isinstance(u, Word)]
    assert [w.surface for w in words] == ["pihak", "kerja"]


def test_a_repeat_still_being_typed_makes_the_first_one_a_prefix() -> None:
    words = [u for u in parse("pihak kerja pihak").units if isinstance(u, Word)]
    assert [(w.surface, w.is_prefix) for w in words] == [("pihak", True), ("kerja", False)]


def test_a_word_carries_both_readings_and_the_query_its_language() -> None:
    word = parse("terminating ").units[0]
    assert isinstance(word, Word) and word.readings == ("terminating", "termin")
    assert parse("either party may terminate ").language == "en"
    assert parse("para pihak sepakat ").language == "id"
    assert parse("termination ").language == "en"  # an English ending, nothing else told
    assert parse("kerahasiaan ").language is None


def test_an_english_inflection_of_a_synonym_entry_expands_like_the_entry() -> None:
    table = build_synonym_table([SynonymGroup("t", ("pengakhiran", "termination"))])
    for typed in ("termination ", "terminate ", "terminating "):
        unit = parse(typed, table).units[0]
        assert isinstance(unit, Synonyms)
        assert (("pengakhiran", "akhir"),) in unit.alternatives
        assert (("termination", "termin"),) in unit.alternatives
    # An Indonesian word that only shares a root with an entry is not the entry.
    assert isinstance(parse("akhir ", table).units[0], Word)


# -- compounds from the index's words (with_compounds) ---------------------------------------
# `knows` and `together` stand for the index's vocabulary: plain data here.


def compounds(q: str, words: set[str], pairs: dict[tuple[str, str], int]) -> ParsedQuery:
    return with_compounds(parse(q), words.__contains__, lambda a, b: pairs.get((a, b), 0))


def test_two_typed_words_whose_join_the_index_holds_match_either_form() -> None:
    parsed = compounds("sumber daya manusia ", {"sumber", "daya", "sumberdaya", "manusia"}, {})
    compound, rest = parsed.units
    assert isinstance(compound, Compound) and not compound.is_split
    assert compound.joined.surface == "sumberdaya"
    assert [p.surface for p in compound.parts] == ["sumber", "daya"]
    assert rest == Word("manusia", "manusia", 1, en_stem="manusia")


def test_a_joined_word_splits_where_the_index_holds_its_two_words_side_by_side_most() -> None:
    words = {"tat", "acara", "tata", "cara"}
    parsed = compounds("tatacara ", words, {("tata", "cara"): 3, ("tat", "acara"): 1})
    (compound,) = parsed.units
    assert isinstance(compound, Compound) and compound.is_split
    assert compound.joined.surface == "tatacara" and compound.joined.typos == 1  # as typed
    assert [p.surface for p in compound.parts] == ["tata", "cara"]


def test_no_compound_without_the_pair_side_by_side_or_with_a_function_word() -> None:
    words = {"tata", "cara", "sebagai", "berikut", "tatacara"}
    # both words known, never side by side: no split
    assert compounds("tatacara ", words, {}).units == parse("tatacara ").units
    # 'sebagai' is a function word: neither split nor joined
    pairs = {("sebagai", "berikut"): 30}
    assert compounds("sebagaiberikut ", words, pairs).units == parse("sebagaiberikut ").units
    assert compounds("berikut tatacara", words, {}).units == parse("berikut tatacara").units


def test_quoted_phrases_and_synonyms_are_not_compounded() -> None:
    words = {"keadaanmemaksa", "jangkawaktu", "keadaan", "memaksa"}
    parsed = with_compounds(
        parse('"keadaan memaksa" jangka waktu ', TABLE), words.__contains__, lambda a, b: 1
    )
    assert not any(isinstance(u, Compound) for u in parsed.units)


# -- one-way synonyms ----------------------------------------------------------------------------


def test_a_one_way_term_is_found_by_the_group_but_finds_only_itself() -> None:
    table = build_synonym_table([SynonymGroup("change", ("adendum", "addendum"), ("perubahan",))])
    unit = parse("adendum ", table).units[0]
    assert isinstance(unit, Synonyms) and unit.group == "change"
    assert (("perubahan", "ubah"),) in unit.alternatives
    assert parse("perubahan ", table).units == (Word("perubahan", "ubah", 2, en_stem="perubahan"),)


def test_an_english_term_with_function_words_is_named_by_the_query_that_drops_them() -> None:
    # the parser drops 'of' from the query; the term's key must not need it
    table = build_synonym_table(
        [SynonymGroup("framework", ("MoU", "Memorandum of Understanding", "Nota Kesepahaman"))]
    )
    unit = parse("memorandum of understanding ", table).units[0]
    assert isinstance(unit, Synonyms) and unit.group == "framework"
    # matched in an English clause by its English stems, whose 'of' is not indexed
    assert (("memorandum", "memorandum"), ("understanding", "understand")) in unit.alternatives
    assert isinstance(parse("the mou ", table).units[0], Synonyms)
