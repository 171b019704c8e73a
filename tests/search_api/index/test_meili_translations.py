"""The pure translations of the Meilisearch adapter; the engine itself is in the conformance suite."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from search_api.index.base import SearchQuery, SynonymGroup
from search_api.index.meili import (
    holds_most,
    meili_reading,
    meili_synonyms,
    records,
    relaxed_params,
    settings_payload,
    to_meili_document,
    to_meili_filter,
    to_meili_query,
)
from search_api.index.query import Word, build_synonym_table, parse, with_compounds
from search_api.index.synonyms import DEFAULT_SYNONYMS
from tests.search_api.conftest import real_indexed


def test_filters_translate_every_search_filter() -> None:
    query = SearchQuery(
        scope="agreements",
        doc_type="mou",
        party='PT "Maju"',
        partner_type="university",
        year_from=2020,
        year_to=2022,
        status="active",
        today=date(2024, 6, 1),
    )
    assert to_meili_filter(query) == [
        'kind = "agreement"',
        'doc_type = "mou"',
        'party = "PT \\"Maju\\""',
        'partner_type = "university"',
        "year >= 2020",
        "year <= 2022",
        "expiry >= 20240601",
    ]


def test_agreement_numbers_and_pasal_become_exact_filters() -> None:
    parsed = parse("B/415.4/475/SMKN6/2021 pasal 4")
    assert to_meili_filter(SearchQuery(), parsed)[-2:] == [
        'numbers = "b/415.4/475/smkn6/2021"',
        'clause_number = "4"',
    ]


def test_query_text_sends_stems_prefixes_as_typed_phrases_and_typed_synonyms() -> None:
    table = build_synonym_table(DEFAULT_SYNONYMS)
    assert to_meili_query(parse('penyelesaian "jangka waktu" kahar penyeles', table)) == (
        'selesai kahar penyeles "jangka waktu"'
    )


def test_settings_set_typo_rules_and_stemmed_synonyms() -> None:
    payload = settings_payload([SynonymGroup("fm", ("kahar", "keadaan memaksa"))])
    assert payload["typoTolerance"]["minWordSizeForTypos"] == {"oneTypo": 5, "twoTypos": 9}
    # Each alternative read both ways: Sastrawi stems ('ada paksa') for Indonesian clauses and
    # English stems (here the words unchanged) for English ones.
    assert payload["synonyms"] == {
        "kahar": ["ada paksa", "keadaan memaksa"],
        "ada paksa": ["kahar", "keadaan memaksa"],
        "keadaan memaksa": ["kahar", "ada paksa"],
    }
    assert payload["localizedAttributes"] == [
        {"attributePatterns": ["*_s", "*_x"], "locales": ["ind", "eng"]}
    ]
    assert "signed" in payload["sortableAttributes"]
    assert {"numbers", "clause_number", "party", "partner_type"} <= set(
        payload["filterableAttributes"]
    )
    assert "dan" in payload["stopWords"]


def test_every_default_synonym_maps_to_the_rest_of_its_group() -> None:
    synonyms = meili_synonyms(DEFAULT_SYNONYMS)
    assert "force majeure" in synonyms["kahar"]
    assert "selisih" in synonyms["sengketa"]


def test_documents_carry_analysed_fields_and_exact_keywords() -> None:
    louis = real_indexed()[0]
    docs = [to_meili_document(r) for r in records(louis)]
    assert len(docs) == len(louis.clauses) + 1
    agreement, first = docs[0], docs[1]
    assert agreement["kind"] == "agreement" and agreement["id"] == f"agreement-{louis.agreement_id}"
    assert "b/422/401/smkn6/2022" in first["numbers"]
    assert first["clause_number"] == "1"
    assert "kerja sama" in first["body_x"]
    assert first["year"] == 2022


def _readings(q: str) -> list[str]:
    parsed = parse(q)
    words = [u for u in parsed.units if isinstance(u, Word)]
    assert len(words) == len(parsed.units), parsed.units
    return [meili_reading(w, parsed.language) for w in words]


def test_an_english_query_sends_english_stems_and_an_indonesian_one_sastrawi_roots() -> None:
    assert _readings("the parties shall terminate ") == ["parti", "shall", "termin"]
    assert _readings("pihak yang mengakhiri ") == ["pihak", "akhir"]
    # A lone word is read by its ending: an English ending gets the English stem.
    assert _readings("termination ") == ["termin"]
    assert _readings("penyelesaian ") == ["selesai"]


def test_a_relaxed_search_asks_for_the_frequency_strategy_and_ranking_details() -> None:
    params = {"filter": ['kind = "clause"'], "matchingStrategy": "all", "limit": 10}
    again = relaxed_params(params, parse("kewajiban pihak kedua menyerahkan laporan "))
    assert again == {
        **params,
        "matchingStrategy": "frequency",
        "showRankingScoreDetails": True,
    }
    assert params["matchingStrategy"] == "all"  # the first search's params are left as they are
    # One word, or only a quoted phrase: nothing to let go.
    assert relaxed_params(params, parse("kewajiban ")) is None
    assert relaxed_params(params, parse('"pihak kedua"')) is None


def test_a_relaxed_hit_counts_only_when_it_holds_more_than_half_the_words() -> None:
    def hit(held: int, most: int) -> dict[str, object]:
        return {
            "_rankingScoreDetails": {"words": {"matchingWords": held, "maxMatchingWords": most}}
        }

    assert holds_most(hit(3, 4))
    assert holds_most(hit(3, 5))
    assert not holds_most(hit(2, 4))
    assert not holds_most(hit(1, 3))
    assert not holds_most({})  # no ranking details: cannot tell, so not shown as found


def test_the_status_filter_reads_the_end_an_addendum_gives() -> None:
    """store/standing.py's effective end: an addendum citing the agreement that ends later
    moves it; Meilisearch's `expiry` is that end on every record, so `status` agrees with
    the register."""
    louis = replace(real_indexed()[0], expiry_date=date(2023, 12, 31))
    extended = replace(louis, extended_until=date(2026, 6, 30))
    assert {to_meili_document(r)["expiry"] for r in records(louis)} == {20231231}
    assert {to_meili_document(r)["expiry"] for r in records(extended)} == {20260630}
    active = to_meili_filter(SearchQuery(status="active", today=date(2024, 6, 1)))
    assert active[-1] == "expiry >= 20240601"  # so the extended one is active, the other not
    expired = to_meili_filter(SearchQuery(status="expired", today=date(2024, 6, 1)))
    assert expired[-1] == "expiry >= 1 AND expiry < 20240601"


def test_a_compound_is_sent_as_typed_for_meilisearch_to_split_or_concatenate() -> None:
    words = {"tata", "cara", "sumber", "daya", "sumberdaya"}
    parsed = with_compounds(
        parse("tatacara sumber daya "),
        words.__contains__,
        lambda a, b: int((a, b) == ("tata", "cara")),
    )
    # the embedded index matches either form itself; Meilisearch gets what was typed (its split
    # keeps 'tata cara' side by side, its concatenation finds 'sumberdaya')
    assert to_meili_query(parsed) == "tatacara sumber daya"


def test_a_one_way_term_is_among_the_synonyms_of_the_group_but_no_key() -> None:
    synonyms = meili_synonyms([SynonymGroup("change", ("adendum", "addendum"), ("perubahan",))])
    # 'perubahan' stems to 'ubah' (Indonesian) and stays itself (English)
    assert {"ubah", "perubahan"} <= set(synonyms["adendum"])
    assert {"ubah", "perubahan"} <= set(synonyms["addendum"])
    assert "ubah" not in synonyms and "perubahan" not in synonyms
