from __future__ import annotations

from search_api.index.highlight import edit_distance, snippet
from search_api.index.query import parse


def test_edit_distance_counts_a_transposition_as_one() -> None:
    assert edit_distance("perselisihan", "perselisiahn", 2) == 1
    assert edit_distance("biaya", "bixxx", 1) == 2


def test_snippet_escapes_html_around_marks() -> None:
    html = snippet("a <b>kerugian</b> & biaya", parse("kerugian "))
    assert html == "a &lt;b&gt;<mark>kerugian</mark>&lt;/b&gt; &amp; biaya"


def test_snippet_of_a_long_text_is_cut_around_the_match_at_word_boundaries() -> None:
    text = "awal " * 100 + "perselisihan diselesaikan " + "akhir " * 100
    html = snippet(text, parse("perselisihan "), max_chars=80)
    assert "<mark>perselisihan</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 140


def test_snippet_without_a_match_in_the_text_shows_its_start() -> None:
    assert snippet("Pasal ini berlaku", parse("kedokteran ")) == "Pasal ini berlaku"
