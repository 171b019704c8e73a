from __future__ import annotations

from search_api.index.similarity import significant_terms, similarity


def test_identical_wording_scores_one_and_unrelated_scores_zero() -> None:
    assert similarity(["jangka", "waktu", "lima"], ["jangka", "waktu", "lima"]) == 1.0
    assert similarity(["jangka", "waktu"], ["biaya", "tanggung"]) == 0.0


def test_same_words_in_another_order_score_below_same_order() -> None:
    same = similarity(["a1", "b2", "c3", "d4"], ["a1", "b2", "c3", "d4", "e5"])
    shuffled = similarity(["a1", "b2", "c3", "d4"], ["d4", "c3", "b2", "a1", "e5"])
    assert same > shuffled > 0


def test_significant_terms_prefer_rare_words() -> None:
    freq = {"perjanjian": 1000, "kahar": 3, "pihak": 900}
    terms = significant_terms(["perjanjian", "kahar", "pihak"], lambda t: freq[t], 1000, limit=1)
    assert terms == ["kahar"]
