from __future__ import annotations

import pytest

from search_api.index.text import normalise_number, stem, stem_terms, surface_terms


@pytest.mark.parametrize(
    ("text", "stems"),
    [
        ("kerjasama", ["kerja", "sama"]),
        ("Kerja-sama", ["kerja", "sama"]),
        ("bekerjasama", ["kerja", "sama"]),
        ("bekerja sama", ["kerja", "sama"]),
        ("dikerjasamakan", ["kerja", "sama"]),
        ("mengerjasamakan", ["kerja", "sama"]),
        ("ditandatangani", ["tanda", "tangan"]),
        ("penyelesaian", ["selesai"]),
        ("menyelesaikan", ["selesai"]),
    ],
)
def test_affix_forms_and_joined_compounds_share_stems(text: str, stems: list[str]) -> None:
    assert stem_terms(text) == stems


def test_joined_compound_with_one_affix_splits_like_the_spelling_rule() -> None:
    assert surface_terms("bekerjasama") == ["bekerja", "sama"]
    assert surface_terms("kerjasamanya") == ["kerja", "samanya"]
    assert surface_terms("dikerjasamakan") == ["dikerjasamakan", "dikerjasamakan"]


def test_stop_words_leave_the_stems_but_negations_stay() -> None:
    assert stem_terms("yang dan tidak kecuali") == ["tidak", "kecuali"]
    assert surface_terms("yang dan tidak") == ["yang", "dan", "tidak"]


def test_numbers_and_short_words_are_not_stemmed() -> None:
    assert stem("2018") == "2018"
    assert stem("di") == "di"


def test_agreement_numbers_lose_spaces_and_case() -> None:
    assert normalise_number("445/ 23/UHK/BRSUD/2021") == "445/23/uhk/brsud/2021"


def test_analysis_is_the_same_after_its_word_table_is_cleared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from search_api.index import text

    sentence = "Para Pihak bekerjasama dan menandatangani Kesepakatan ini"
    first = text.analyse(sentence)
    monkeypatch.setattr(text, "_JOINED_MAX", 1)  # every new word now clears the table
    assert text.analyse("kerja sama yang baik") == ("kerja sama yang baik", "kerja sama baik")
    assert text.analyse(sentence) == first
    # a joined compound with prefix and suffix keeps its surface once per root
    assert first == (
        "para pihak bekerja sama dan menandatangani menandatangani kesepakatan ini",
        "pihak kerja sama tanda tangan sepakat",
    )
