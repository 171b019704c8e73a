"""Every kind of check a rule can name (its `check` field), by name."""

from __future__ import annotations

from search_api.compliance.checks.bases import REPLACED_BASIS
from search_api.compliance.checks.citations import AMENDS, CITES_KB
from search_api.compliance.checks.consistency import (
    DATE_WORDS,
    INDONESIAN_VERSION,
    NUMBER_WORDS,
    PARTY_NUMBERS,
    PLACEHOLDERS,
    WEEKDAY,
)
from search_api.compliance.checks.contents import CONTENTS, MENTION, PARTIES
from search_api.compliance.checks.outcomes import Check
from search_api.compliance.checks.signers import SIGNER_AUTHORITY, SIGNER_NAMES
from search_api.compliance.checks.term import TERM_CAP, TERM_END

CHECKS: dict[str, Check] = {
    "contents": CONTENTS,
    "parties": PARTIES,
    "mention": MENTION,
    "term_cap": TERM_CAP,
    "term_end": TERM_END,
    "cites_kb": CITES_KB,
    "amends": AMENDS,
    "signer_authority": SIGNER_AUTHORITY,
    "signer_names": SIGNER_NAMES,
    "replaced_basis": REPLACED_BASIS,
    "weekday": WEEKDAY,
    "date_words": DATE_WORDS,
    "number_words": NUMBER_WORDS,
    "placeholders": PLACEHOLDERS,
    "party_numbers": PARTY_NUMBERS,
    "indonesian_version": INDONESIAN_VERSION,
}
