"""What follows from an agreement's own text, derived once when it is assembled: the
register's partner types, cooperation kind, regional office (OPD) and fields of government
affairs (ingest.model.Profile).

They depend only on the document (its parties, language, title, subject and purpose and
scope clauses), so the service keeps them with the agreement and filters on them; it derives
them again only when the document changes (a new extraction, a person's correction of one
of those values) or a migration asks, never when it reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from ingest.extract.partners import (
    COOPERATION_KINDS,
    PARTNER_TYPES,
    CooperationKind,
    PartnerType,
    cooperation_kind,
    partner_type,
    regional_office,
)
from ingest.extract.sectors import SECTORS, Sector, agreement_sectors
from ingest.model import Agreement, Party, Profile

__all__ = [
    "COOPERATION_KINDS",
    "PARTNER_TYPES",
    "PROFILE_FIELDS",
    "SCOPE_CATEGORIES",
    "SECTORS",
    "CooperationKind",
    "PartnerType",
    "Profile",
    "Sector",
    "derive_profile",
    "profile_of",
]

# The clause categories whose text can name the field of affairs (after subject and title).
SCOPE_CATEGORIES: tuple[str, ...] = ("purpose", "scope")
# The purpose and scope clauses name the field early; the rest of a long clause adds time.
SCOPE_CHARS = 1_500
# The schema fields a profile is derived from: a change of one of them derives it again.
PROFILE_FIELDS: frozenset[str] = frozenset({"parties", "language", "title", "subject", "clauses"})


def derive_profile(
    parties: Sequence[Party],
    language: str,
    title: str,
    subject: str | None,
    scope_texts: Sequence[str] = (),
) -> Profile:
    """The profile of an agreement with these parties, language, title and subject, whose
    purpose and scope clauses read `scope_texts` (each cut at SCOPE_CHARS)."""
    names = [p.name for p in parties]
    return Profile(
        partner_types=tuple(partner_type(name) for name in names),
        cooperation_kind=cooperation_kind(names, language),
        regional_office=regional_office([(p.name, p.position) for p in parties]),
        sectors=tuple(
            agreement_sectors(title, subject, [text[:SCOPE_CHARS] for text in scope_texts])
        ),
    )


def profile_of(agreement: Agreement) -> Profile:
    """The profile of an assembled (or corrected) agreement."""
    return derive_profile(
        agreement.parties,
        agreement.language,
        agreement.title,
        agreement.subject,
        [c.text for c in agreement.clauses if c.category in SCOPE_CATEGORIES],
    )
