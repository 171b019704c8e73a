from __future__ import annotations

from search_api.index.vocabulary import Vocabulary


def vocabulary(*words: str) -> Vocabulary:
    v = Vocabulary(["body_s"])
    v.add("body_s", words)
    v.commit()
    return v


def test_typo_expansion_lists_the_other_words_within_the_budget() -> None:
    v = vocabulary("perselisihan", "perselisihn", "perselisian", "penyelesaian")
    assert v.expand("body_s", "perselisihan", typos=1) == ("perselisian", "perselisihn")
    assert v.expand("body_s", "perselisihan", typos=0) == ()
    v.close()


def test_a_swap_of_two_letters_is_one_typo() -> None:
    v = vocabulary("pemantauan")
    assert v.expand("body_s", "pemantuaan", typos=1) == ("pemantauan",)
    v.close()


def test_prefix_expansion_lists_the_words_it_begins() -> None:
    v = vocabulary("korespondensi", "korespondensinya", "koran")
    assert v.expand("body_s", "korespond", is_prefix=True) == (
        "korespondensi",
        "korespondensinya",
    )
    v.close()


def test_words_added_later_are_found_after_a_commit() -> None:
    v = vocabulary("biaya")
    assert v.expand("body_s", "biaxa", typos=1) == ("biaya",)
    assert v.add("body_s", ["biara"])
    assert not v.add("body_s", ["biaya"])
    v.commit()
    assert v.expand("body_s", "biaxa", typos=1) == ("biara", "biaya")
    v.close()
