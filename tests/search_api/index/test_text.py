from __future__ import annotations

import pytest

from search_api.index.text import (
    analyse,
    normalise_number,
    stem,
    stem_terms,
    surface_terms,
    text_language,
)


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


def test_english_sentences_are_stemmed_in_english_and_indonesian_ones_with_sastrawi() -> None:
    # The three inflections meet in English text; an Indonesian sentence keeps Sastrawi roots.
    for form in ("terminate", "termination", "terminating", "terminated"):
        _, stems = analyse(f"Either party may {form} this agreement.")
        assert stems.split()[3] == "termin"
    _, stems = analyse("PARA PIHAK sepakat menyelesaikan perselisihan.")
    assert stems.split() == ["pihak", "sepakat", "selesai", "selisih"]


def test_a_bilingual_text_is_stemmed_sentence_by_sentence() -> None:
    _, stems = analyse(
        "PARA PIHAK wajib menyelesaikan perselisihan.\nThe Parties shall settle the disputes.",
        "id",
    )
    assert "selesai" in stems.split() and "disput" in stems.split()
    # The English sentence loses its English function words, the Indonesian one its own.
    assert "the" not in stems.split() and "para" not in stems.split()


def test_a_text_that_does_not_tell_its_language_takes_the_default() -> None:
    assert text_language("Kerahasiaan", "id") == "id"
    assert text_language("Termination", "en") == "en"
    assert text_language("The Parties shall keep it", "id") == "en"
    assert text_language("PARA PIHAK sepakat bahwa", "en") == "id"
