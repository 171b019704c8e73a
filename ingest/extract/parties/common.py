"""What the party readers of both languages share: the rules a language gives, the
reading of one party (with the reasons to doubt it), and role names."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from re import Pattern

from ingest.model import DoubtCode


@dataclass(frozen=True, slots=True)
class Marker:
    """Where a role is given: after a party's passage, or heading it (`leading`)."""

    start: int
    end: int
    role: str
    leading: bool = False
    recovered: bool = False  # read by elimination from an OCR-garbled marker
    defined: bool = False  # a defined term in brackets ('(the "Company")'): mid-sentence
    together: bool = False  # one role for several ('(collectively, the "White Hat Parties")')


@dataclass(frozen=True, slots=True)
class PartyLanguage:
    """How one language introduces the parties of an agreement (DOMAIN 2.5, 3.2)."""

    # a role given after a party's passage ('selanjutnya disebut PIHAK PERTAMA',
    # 'hereinafter referred to as the "FIRST PARTY"', '(the "Company")'); group 'role'
    role_marker: Pattern[str]
    # a role alone on its line before the party's label rows ('PIHAK PERTAMA :'); group 'role'
    role_header: Pattern[str]
    # the sentence that names the parties together ('secara bersama-sama disebut PARA PIHAK')
    collective: Pattern[str]
    # the end of the opening sentence, where the first party's passage starts
    komparisi_start: Pattern[str]
    # where a person's name and office end inside a passage ('dalam hal ini', 'acting')
    head_stop: Pattern[str]
    # what opens an office after a name ('selaku', 'in his capacity as', ' : ')
    office_opener: Pattern[str]
    # where an office ends inside a head ('berdasarkan', ', yang')
    office_stop: Pattern[str]
    # 'untuk dan atas nama ', 'acting for and on behalf of ': the institution follows
    on_behalf: Pattern[str]
    # 'atas nama diri sendiri', 'on his own behalf': the person is the party
    on_own_behalf: Pattern[str]
    # 'dalam hal ini diwakili oleh', 'represented by': an institution first, then its signer
    represented: Pattern[str]
    # where an institution's name ends when it opens the passage ('X, suatu perseroan')
    institution_stop: Pattern[str]
    # roles that are not parties: the agreement itself, the parties together
    not_a_role: Pattern[str]
    # where the recitals start ('WHEREAS'): roles defined after it are not parties' roles
    recitals: Pattern[str] | None = None
    # 'X, a Delaware corporation': an institution described, not a person with an office
    apposition: Pattern[str] | None = None
    # where a further institution starts inside one passage ('A, a ... partnership, B, a ...
    # company, and C, a ...' before one '(collectively, the "Y")')
    entities: Pattern[str] | None = None
    # the other language's role marker: in a bilingual komparisi each entry's translation
    # ends with it, and the next entry starts after it (set by the LANGUAGES table)
    foreign_marker: Pattern[str] | None = None
    # the other language's end of the opening ('the undersigned:'), for the same reason
    foreign_start: Pattern[str] | None = None
    # markers the patterns missed but the passage still shows (OCR-garbled role words), given
    # the region, the markers found and where the parties are named together (or -1)
    recover: Callable[[str, list[Marker], int], list[Marker]] | None = None
    # a role OCR garbled ('DIHAK KENIIA'): left to `recover`, never a named role of its own
    garbled: Callable[[str], bool] | None = None
    # one label for every party when none has its own ('(each a "Partner" ...)'); group 'role'
    joint_role: Pattern[str] | None = None


# Ordinals of roles in both languages, for matching a komparisi role with a signature block's
_ORDINALS = {
    "pertama": 1, "kesatu": 1, "i": 1, "1": 1, "first": 1,
    "kedua": 2, "ii": 2, "2": 2, "second": 2,
    "ketiga": 3, "iii": 3, "3": 3, "third": 3,
    "keempat": 4, "iv": 4, "4": 4, "fourth": 4,
}  # fmt: skip


def role_ordinal(role: str | None) -> int | None:
    """1 for 'PIHAK PERTAMA', 'PIHAK KESATU', 'PIHAK I', 'FIRST PARTY'; None for named roles."""
    if not role:
        return None
    words = re.findall(r"\w+", role.casefold())
    if "pihak" in words or "party" in words:
        for word in words:
            if word in _ORDINALS:
                return _ORDINALS[word]
    return None


@dataclass(slots=True)
class Reading:
    """One party as a passage gives it, and why any of its values may be wrong."""

    role: str | None
    name: str | None
    representative: str | None
    position: str | None
    span: tuple[int, int]
    doubts: list[tuple[DoubtCode, str]] = field(default_factory=list)

    def doubt(self, code: DoubtCode, detail: str) -> None:
        self.doubts.append((code, detail))
