"""What the checks read besides the Agreement's fields: its parts, partners and dates.

The partners' types and the cooperation kind are the profile ingest derived when it
extracted the agreement (`kept_profile`), never derived here. The rest is derived once per
check run. The parts come from ingest's outline of the cleaned text
(`Agreement.text`): the title block with its NOMOR lines, the komparisi and recitals, the
clauses and the signature block. An agreement rebuilt from a dict (no text) has empty
parts, and the checks that need text say they could not read it. A stored agreement has
its text but keeps its clauses without their places in it: they are found again in the
outline (`clauses`), so a finding can still name the Pasal a passage is in.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property

from ingest.model import Agreement, Clause
from ingest.structure import ClauseBlock, Outline, outline
from search_api.compliance.messages import Place
from search_api.compliance.model import CheckContext, kept_profile

REGIONAL: frozenset[str] = frozenset({"region", "regional_agency"})


@dataclass(frozen=True)
class Facts:
    agreement: Agreement
    kind: str
    context: CheckContext

    @cached_property
    def outline(self) -> Outline:
        a = self.agreement
        return outline(a.text, a.language, ocr_title=a.source.ocr)

    @property
    def text(self) -> str:
        return self.agreement.text

    @property
    def has_text(self) -> bool:
        return bool(self.agreement.text.strip())

    @property
    def title_block(self) -> str:
        return self.text[: self.outline.opening_start]

    @property
    def number_lines(self) -> tuple[str, ...]:
        return tuple(line.text for line in self.outline.number_lines)

    @property
    def preamble(self) -> str:
        """Opening, komparisi and recitals: from the opening formula to the first clause."""
        o = self.outline
        return self.text[o.opening_start : o.preamble_end]

    @property
    def preamble_span(self) -> tuple[int, int]:
        return self.outline.opening_start, self.outline.preamble_end

    @property
    def signatures_start(self) -> int:
        return self.outline.signatures_start

    @property
    def signatures(self) -> str:
        return self.text[self.outline.signatures_start :]

    @property
    def party_types(self) -> tuple[str, ...]:
        """What kind of body each party is, in the order of the parties: as kept."""
        return kept_profile(self.agreement).partner_types

    @property
    def cooperation(self) -> str:
        return kept_profile(self.agreement).cooperation_kind

    @property
    def partner_type(self) -> str | None:
        """The partner's type for precedents: the first party that is not the region."""
        for kind in self.party_types:
            if kind not in REGIONAL:
                return kind
        return self.party_types[0] if self.party_types else None

    @property
    def is_dated(self) -> bool:
        """A signing date is filled in: the document is presented as signed."""
        return self.agreement.signed_date is not None

    @property
    def judged_on(self) -> date:
        """The date rules in force are judged at: signing, else effective, else today (a
        draft will be signed after today)."""
        a = self.agreement
        return a.signed_date or a.effective_date or self.context.today

    @cached_property
    def clauses(self) -> tuple[Clause, ...]:
        """The agreement's clauses with their spans in the text, also for a stored one."""
        return placed(self.agreement.clauses, self.outline.clauses)

    @cached_property
    def _placed(self) -> tuple[Clause, ...]:
        return tuple(c for c in self.clauses if c.span[0] < c.span[1])

    @cached_property
    def _clause_starts(self) -> list[int]:
        return [c.span[0] for c in self._placed]

    def clause_at(self, pos: int) -> Clause | None:
        """The clause whose text holds offset `pos`, or None (title, komparisi, signatures)."""
        index = bisect.bisect_right(self._clause_starts, pos) - 1
        if index < 0:
            return None
        clause = self._placed[index]
        return clause if clause.span[0] <= pos < clause.span[1] else None

    def place_at(self, pos: int) -> Place:
        """Where offset `pos` is, for a reviewer: a Pasal, or a part outside the clauses."""
        clause = self.clause_at(pos)
        if clause is not None:
            return Place(clause=clause.number)
        if pos < self.outline.opening_start:
            return Place(part="title")
        if pos < self.outline.preamble_end:
            return Place(part="opening")
        if pos >= self.outline.signatures_start:
            return Place(part="signatures")
        return Place(part="closing")


def placed(clauses: Sequence[Clause], blocks: Sequence[ClauseBlock]) -> tuple[Clause, ...]:
    """`clauses` with their spans: as they are when extracted; for clauses stored without
    them (every span empty), the outline's block of the same number, in reading order (a
    clause the outline no longer finds keeps an empty span and is in no place)."""
    if any(c.span != (0, 0) for c in clauses):
        return tuple(clauses)
    out: list[Clause] = []
    start = 0
    for clause in clauses:
        for index in range(start, len(blocks)):
            block = blocks[index]
            if block.number == clause.number:
                out.append(replace(clause, span=(block.header_start, block.body_end)))
                start = index + 1
                break
        else:
            out.append(clause)
    return tuple(out)
