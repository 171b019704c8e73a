"""Clause corrections, replayed over the machine's clauses: add, delete, split, merge, edit.

A person's change names its clause by a `ClauseRef`: the clause's number and the start of its
text as the person saw it. Replayed over another reading of the file (OCR again, a new version)
the change finds its clause again by number and wording, so OCR noise or a renumbered clause
does not lose it; a change whose clause is gone (the new file has other clauses) is not
applied and says why (`Outcome`), and a clause a person added that the machine now reads
itself is not added twice. Pure: clauses and changes in, clauses and outcomes out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Any, Final, Literal

from ingest.extract import categories
from ingest.extract.clausenum import parse_clause_number
from ingest.model import Clause
from search_api.errors import InvalidClauseCorrection

Op = Literal["add", "delete", "split", "merge", "edit"]
OPS: Final[tuple[Op, ...]] = ("add", "delete", "split", "merge", "edit")
Outcome = Literal[
    "applied",
    "clause_missing",  # no clause of this number and wording any more
    "split_point_missing",  # the clause no longer contains the words the split began at
    "next_missing",  # the clause to merge with is no longer the next one
    "already_present",  # an added clause the machine now reads itself
]
EDITABLE: Final = ("number", "heading", "category")

# How much of a clause's text identifies it, and how alike two starts must be to be the same
# clause: under the same number OCR noise and small rewordings pass; under another number
# (a misread or renumbered Pasal) only near-identical wording does.
HEAD_CHARS: Final = 200
SAME_NUMBER_LIKENESS: Final = 0.5
OTHER_NUMBER_LIKENESS: Final = 0.85
ALREADY_PRESENT_LIKENESS: Final = 0.9
# The words a split remembers: where the new clause begins; found again exactly, or as the
# most alike run of text when OCR misread a letter of them.
ANCHOR_CHARS: Final = 80
ANCHOR_LIKENESS: Final = 0.8
# Between two candidates the more alike wording wins; the same number only breaks near-ties.
SAME_NUMBER_BONUS: Final = 0.1
NUMBER_MAX_CHARS: Final = 16  # the clauses table's number column

_PREFIX = re.compile(r"^(pasal|article|artikel|bab)\s+", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case, one space between words: how clause texts are compared."""
    return " ".join(text.split()).casefold()


def number_key(number: str) -> str:
    """'Pasal 5', '5', 'V', 'LIMA' -> '5'; '5A' -> '5A'; else the folded text."""
    token = _PREFIX.sub("", number.strip())
    parsed = parse_clause_number(token)
    return f"{parsed[0]}{parsed[1]}" if parsed else fold(token)


@dataclass(frozen=True, slots=True)
class ClauseRef:
    """Which clause a change is about: its number and the start of its text, folded."""

    number: str
    head: str

    @classmethod
    def of(cls, clause: Clause) -> ClauseRef:
        return cls(clause.number, fold(clause.text)[:HEAD_CHARS])

    def to_dict(self) -> dict[str, str]:
        return {"number": self.number, "head": self.head}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ClauseRef:
        return cls(str(data.get("number", "")), str(data.get("head", "")))


@dataclass(frozen=True, slots=True)
class ClauseEdit:
    """One change: `target` is the clause changed (for `add`, the clause it follows; None at
    the start); `values` what the change sets (see the builders below)."""

    op: Op
    target: ClauseRef | None
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Replayed:
    clauses: list[Clause]
    outcomes: list[Outcome]


def replay(machine: Sequence[Clause], edits: Sequence[ClauseEdit]) -> Replayed:
    """The clauses after every change in order, and how each change went."""
    clauses = list(machine)
    outcomes: list[Outcome] = []
    for edit in edits:
        clauses, outcome = apply(clauses, edit)
        outcomes.append(outcome)
    return Replayed(clauses, outcomes)


def apply(clauses: list[Clause], edit: ClauseEdit) -> tuple[list[Clause], Outcome]:
    """The clauses after one change (unchanged when it cannot be applied) and its outcome."""
    if edit.op == "add":
        return _add(clauses, edit)
    at = find(clauses, edit.target) if edit.target else None
    if at is None:
        return clauses, "clause_missing"
    out = list(clauses)
    clause = out[at]
    if edit.op == "delete":
        del out[at]
    elif edit.op == "edit":
        changes = {k: v for k, v in edit.values.items() if k in EDITABLE}
        out[at] = replace(clause, **changes)
    elif edit.op == "split":
        cut = split_point(clause.text, str(edit.values.get("at", "")), edit.values.get("offset"))
        if cut is None:
            return clauses, "split_point_missing"
        second_text = clause.text[cut:].strip()
        heading = edit.values.get("heading")
        second = Clause(
            number=str(edit.values.get("number") or clause.number),
            heading=heading,
            category=edit.values.get("category") or categories.classify(heading, second_text),
            text=second_text,
        )
        out[at : at + 1] = [replace(clause, text=clause.text[:cut].rstrip(), span=(0, 0)), second]
    elif edit.op == "merge":
        following = ClauseRef.from_dict(edit.values.get("next") or {})
        if at + 1 >= len(out) or find(out[at + 1 : at + 2], following) is None:
            return clauses, "next_missing"
        nxt = out[at + 1]
        merged = replace(clause, text=f"{clause.text.rstrip()}\n{nxt.text.strip()}", span=(0, 0))
        out[at : at + 2] = [merged]
    return out, "applied"


def find(clauses: Sequence[Clause], ref: ClauseRef | None) -> int | None:
    """The index of the clause `ref` names: the most alike start of text among the clauses
    of the same number (alike enough) and of another number (near-identical); None when no
    clause is. Wording decides: a Pasal renumbered by a clause before it is still found."""
    if ref is None:
        return None
    key = number_key(ref.number)
    best: int | None = None
    best_rank = 0.0
    for i, clause in enumerate(clauses):
        same_number = number_key(clause.number) == key
        floor = SAME_NUMBER_LIKENESS if same_number else OTHER_NUMBER_LIKENESS
        head = fold(clause.text)[:HEAD_CHARS]
        if not ref.head or not head:
            score = 1.0 if same_number and ref.head == head else 0.0
        else:
            score = likeness(ref.head, head, floor)
        rank = score + (SAME_NUMBER_BONUS if same_number else 0.0)
        if score >= floor and rank > best_rank:
            best, best_rank = i, rank
    return best


def likeness(a: str, b: str, floor: float = 0.0) -> float:
    """0..1, how alike two folded texts are (difflib's ratio); 0 when surely below `floor`."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


def split_point(text: str, anchor: str, offset: Any = None) -> int | None:
    """Where in `text` the words `anchor` begin (at `offset` when they are still there, else
    their first place), with text on both sides; None when they are gone."""
    words = anchor.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    candidates: list[int] = []
    if isinstance(offset, int) and 0 < offset < len(text):
        found = pattern.match(text, offset)
        if found:
            candidates.append(offset)
    candidates.extend(m.start() for m in pattern.finditer(text))
    for cut in candidates:
        if text[:cut].strip() and text[cut:].strip():
            return cut
    return _alike_point(text, fold(anchor))


def _alike_point(text: str, anchor: str) -> int | None:
    """The word start in `text` (not the first) where the run of text most alike `anchor`
    begins, when it is alike enough (a letter or two misread by OCR)."""
    best: int | None = None
    best_score = ANCHOR_LIKENESS
    for found in re.finditer(r"\S+", text):
        start = found.start()
        if start == 0:
            continue
        window = fold(text[start : start + len(anchor) + 10])[: len(anchor)]
        score = likeness(anchor, window, ANCHOR_LIKENESS)
        if score >= best_score and text[start:].strip():
            best, best_score = start, score
    return best


def _add(clauses: list[Clause], edit: ClauseEdit) -> tuple[list[Clause], Outcome]:
    text = str(edit.values.get("text", ""))
    number = str(edit.values.get("number", ""))
    head = fold(text)[:HEAD_CHARS]
    key = number_key(number)
    for clause in clauses:
        if number_key(clause.number) == key and (
            likeness(head, fold(clause.text)[:HEAD_CHARS], ALREADY_PRESENT_LIKENESS)
            >= ALREADY_PRESENT_LIKENESS
        ):
            return clauses, "already_present"
    heading = edit.values.get("heading")
    added = Clause(
        number=number,
        heading=heading,
        category=edit.values.get("category") or categories.classify(heading, text),
        text=text,
    )
    if edit.target is None:
        position = 0
    else:
        after = find(clauses, edit.target)
        position = after + 1 if after is not None else _by_number(clauses, number)
    return [*clauses[:position], added, *clauses[position:]], "applied"


def _by_number(clauses: Sequence[Clause], number: str) -> int:
    """Where a clause of this number goes when the clause it followed is gone: before the
    first clause with a higher number, else at the end."""
    wanted = parse_clause_number(_PREFIX.sub("", number.strip()))
    if wanted is None:
        return len(clauses)
    for i, clause in enumerate(clauses):
        own = parse_clause_number(_PREFIX.sub("", clause.number.strip()))
        if own is not None and own > wanted:
            return i
    return len(clauses)


# -- the changes a person makes, from the clauses as shown (positions are 1-based) -------------


def _at(clauses: Sequence[Clause], position: int) -> Clause:
    if not 1 <= position <= len(clauses):
        raise IndexError(position)
    return clauses[position - 1]


def _checked(values: Mapping[str, Any]) -> dict[str, Any]:
    """Number, heading and category as stored: trimmed, empty heading None, category known."""
    out: dict[str, Any] = {}
    if "number" in values:
        number = " ".join(str(values["number"] or "").split())[:NUMBER_MAX_CHARS]
        if number:
            out["number"] = number
    if "heading" in values:
        out["heading"] = " ".join(str(values["heading"] or "").split()) or None
    if "category" in values:
        category = values["category"] or None
        if category is not None and category not in categories.category_keys():
            raise InvalidClauseCorrection("unknown_category", category=str(category))
        out["category"] = category
    return out


def edit_of(clauses: Sequence[Clause], position: int, changes: Mapping[str, Any]) -> ClauseEdit:
    """Set the number, heading or category of the clause at `position`."""
    clause = _at(clauses, position)
    values = _checked(changes)
    if all(getattr(clause, k) == v for k, v in values.items()):
        raise InvalidClauseCorrection("nothing_to_change")
    return ClauseEdit("edit", ClauseRef.of(clause), values)


def delete_of(clauses: Sequence[Clause], position: int) -> ClauseEdit:
    return ClauseEdit("delete", ClauseRef.of(_at(clauses, position)))


def split_of(
    clauses: Sequence[Clause], position: int, offset: int, values: Mapping[str, Any]
) -> ClauseEdit:
    """Split the clause at `position` where its text's character `offset` is: the second
    part becomes a clause with the number, heading and category of `values`."""
    clause = _at(clauses, position)
    if not (0 < offset < len(clause.text)) or not (
        clause.text[:offset].strip() and clause.text[offset:].strip()
    ):
        raise InvalidClauseCorrection("split_point")
    start = len(clause.text[offset:]) - len(clause.text[offset:].lstrip())
    rest = clause.text[offset + start :]
    anchor = " ".join(rest[:ANCHOR_CHARS].split())
    if len(rest) > ANCHOR_CHARS and " " in anchor:  # whole words only
        anchor = anchor.rsplit(" ", 1)[0]
    return ClauseEdit(
        "split",
        ClauseRef.of(clause),
        {"at": anchor, "offset": offset + start, **_checked(values)},
    )


def merge_of(clauses: Sequence[Clause], position: int) -> ClauseEdit:
    """Merge the clause at `position` with the one after it (two clauses read as one)."""
    clause = _at(clauses, position)
    if position >= len(clauses):
        raise InvalidClauseCorrection("no_next")
    following = clauses[position]
    return ClauseEdit("merge", ClauseRef.of(clause), {"next": ClauseRef.of(following).to_dict()})


def add_of(clauses: Sequence[Clause], after: int | None, values: Mapping[str, Any]) -> ClauseEdit:
    """Add a clause (a Pasal the machine missed) after the clause at `after` (None: first)."""
    text = str(values.get("text") or "").strip()
    if not text:
        raise InvalidClauseCorrection("empty_text")
    checked = _checked(values)
    if "number" not in checked:
        checked["number"] = str(len(clauses) + 1)
    target = ClauseRef.of(_at(clauses, after)) if after is not None else None
    return ClauseEdit("add", target, {**checked, "text": text})


def clause_dicts(clauses: Sequence[Clause]) -> list[dict[str, Any]]:
    return [c.to_dict() for c in clauses]


def clauses_from(data: Sequence[Mapping[str, Any]]) -> list[Clause]:
    return [
        Clause(
            number=str(c.get("number", "")),
            heading=c.get("heading"),
            category=c.get("category"),
            text=str(c.get("text", "")),
        )
        for c in data
    ]
