from __future__ import annotations

import random

from search_api.index.highlight import edit_distance, snippet
from search_api.index.query import parse


def test_edit_distance_counts_a_transposition_as_one() -> None:
    assert edit_distance("perselisihan", "perselisiahn", 2) == 1
    assert edit_distance("biaya", "bixxx", 1) == 2


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance, the textbook table."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def test_edit_distance_is_the_optimal_string_alignment_distance_up_to_the_limit() -> None:
    rng = random.Random(5)
    for _ in range(5_000):
        a = "".join(rng.choice("aeiknrst") for _ in range(rng.randrange(1, 10)))
        b = list(a)
        for _ in range(rng.randrange(4)):
            i = rng.randrange(len(b) + 1)
            edit = rng.choice(["insert", "delete", "change", "swap"])
            if edit == "insert":
                b.insert(i, rng.choice("aeiknrst"))
            elif edit == "delete" and b:
                b.pop(min(i, len(b) - 1))
            elif edit == "change" and b:
                b[min(i, len(b) - 1)] = rng.choice("aeiknrst")
            elif edit == "swap" and len(b) > 1:
                j = min(i, len(b) - 2)
                b[j], b[j + 1] = b[j + 1], b[j]
        for limit in (1, 2):
            assert edit_distance(a, "".join(b), limit) == min(_osa(a, "".join(b)), limit + 1)


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


def test_marks_found_word_by_word_equal_marks_found_from_tokens() -> None:
    """Without phrases the highlighter decides per distinct word and skips building tokens; the
    token walk (which phrases need) is the reference. Real clause texts, queries with stems,
    compounds, typos, prefixes and stop words."""
    import json
    from pathlib import Path

    from search_api.index.highlight import Highlighter

    cases = Path(__file__).parents[1] / "cases" / "clause_texts"
    texts = [
        clause["text"]
        for path in sorted(cases.glob("*.json"))
        for clause in json.loads(path.read_text())["clauses"]
    ]
    assert len(texts) > 30
    queries = [
        "kerjasama",
        "bekerja sama pihak",
        "penyelesaian perselisihan",
        "pelaksanan kegiatan",  # a typo
        "tanggung jaw",  # a prefix
        "yang dan",  # only stop words
        "Pihak Kedua menyediakan sarana",
        "biaya pendidikan siswa praktik",
    ]
    marked = 0
    for q in queries:
        highlighter = Highlighter(parse(q))
        for text in texts:
            expected = highlighter._matched_spans_of_tokens(text)
            assert highlighter.matched_spans(text) == expected, (q, text[:80])
            marked += len(expected)
    assert marked > 500
