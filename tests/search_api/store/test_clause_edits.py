"""Clause corrections replayed over another reading of the file: the case tables
cases/clause_corrections.json (the change, the new reading, what comes out) over the readings
of cases/clause_readings.json (OCR noise, a renumbered Pasal, a clause the machine now reads,
Indonesian and English)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ingest.model import Clause
from search_api.errors import InvalidClauseCorrection
from search_api.store.clause_edits import (
    ClauseEdit,
    add_of,
    delete_of,
    edit_of,
    merge_of,
    number_key,
    replay,
    split_of,
)

CASES = Path(__file__).resolve().parents[1] / "cases"
READINGS: dict[str, list[list[Any]]] = json.loads(
    (CASES / "clause_readings.json").read_text(encoding="utf-8")
)


def reading(name: str) -> list[Clause]:
    return [Clause(number, heading, None, text) for number, heading, text in READINGS[name]]


def cases() -> list[Any]:
    rows = json.loads((CASES / "clause_corrections.json").read_text(encoding="utf-8"))
    return [pytest.param(row, id=row["case"]) for row in rows]


def made(before: list[Clause], edit: dict[str, Any]) -> ClauseEdit:
    """The change as the review page makes it, on the clauses it shows."""
    op, values = edit["op"], edit.get("values", {})
    if op == "split":
        text = before[edit["position"] - 1].text
        return split_of(before, edit["position"], text.index(edit["at"]), values)
    if op == "edit":
        return edit_of(before, edit["position"], values)
    if op == "delete":
        return delete_of(before, edit["position"])
    if op == "merge":
        return merge_of(before, edit["position"])
    return add_of(before, edit.get("after"), values)


@pytest.mark.parametrize("row", cases())
def test_a_clause_correction_replays_over_another_reading(row: dict[str, Any]) -> None:
    before = reading(row["before"])
    edit = made(before, row["edit"])
    # as made, on the clauses the person saw, it always applies
    assert replay(before, [edit]).outcomes == ["applied"]
    replayed = replay(reading(row["after"]), [edit])
    assert replayed.outcomes == [row["outcome"]]
    got = [
        (c.number, c.heading, c.text[: len(prefix)])
        for c, (_, _, prefix) in zip(replayed.clauses, row["expected"], strict=False)
    ]
    assert got == [tuple(e) for e in row["expected"]]
    assert len(replayed.clauses) == len(row["expected"])
    if "categories" in row:
        assert [c.category for c in replayed.clauses] == row["categories"]


def test_corrections_replay_in_order_each_on_the_result_of_the_last() -> None:
    before = reading("pks")
    split = split_of(
        before, 2, before[1].text.index("Pihak Kedua"), {"number": "3", "heading": "HAK"}
    )
    after_split = replay(before, [split]).clauses
    # the clause the split made is changed next, and the old Pasal 3 renumbered
    edit_new = edit_of(after_split, 3, {"category": "monitoring_evaluation"})
    renumber = edit_of(after_split, 4, {"number": "4"})
    out = replay(reading("pks_ocr"), [split, edit_new, renumber])
    assert out.outcomes == ["applied", "applied", "applied"]
    assert [c.number for c in out.clauses] == ["1", "2", "3", "4", "4"]
    assert out.clauses[2].category == "monitoring_evaluation"


@pytest.mark.parametrize(
    ("written", "key"),
    [("5", "5"), ("Pasal 5", "5"), ("V", "5"), ("LIMA", "5"), ("5A", "5A"), ("Article 12", "12")],
)
def test_clause_numbers_compare_as_written_in_any_form(written: str, key: str) -> None:
    assert number_key(written) == key


def test_a_split_outside_the_text_or_a_merge_of_the_last_clause_is_refused() -> None:
    before = reading("pks")
    with pytest.raises(InvalidClauseCorrection) as split:
        split_of(before, 1, 0, {"number": "1A"})
    assert split.value.problem == "split_point"
    with pytest.raises(InvalidClauseCorrection) as merge:
        merge_of(before, len(before))
    assert merge.value.problem == "no_next"
    with pytest.raises(InvalidClauseCorrection) as category:
        edit_of(before, 1, {"category": "bukan_kategori"})
    assert category.value.values == {"category": "bukan_kategori"}
    with pytest.raises(InvalidClauseCorrection) as same:
        edit_of(before, 1, {"heading": "MAKSUD DAN TUJUAN"})
    assert same.value.problem == "nothing_to_change"
