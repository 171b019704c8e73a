"""The agreements use-cases: the one way the routers, the pages, the jobs and the CLI reach the
store and the index.

library.py        Library: add, get, correct, delete, related, search, similar, synonyms, reindex
check.py          `naskah check`: the store against the originals on disk and the index; repair
field_review.py   what an editor reviews: each value beside the machine's, its source, its doubts
compare.py        word-level differences between two clauses (the precedent view)
synonym_edits.py  synonym groups as admins edit them, checked before the index sees them
"""

from search_api.agreements.check import CheckReport, check
from search_api.agreements.compare import word_diff
from search_api.agreements.field_review import REVIEW_FIELDS, AgreementReview, review_of, segments
from search_api.agreements.library import (
    Library,
    StoredFile,
    open_library,
    open_store,
    open_workers,
)
from search_api.agreements.synonym_edits import (
    MAX_GROUPS,
    MAX_TERM_CHARS,
    MAX_TERMS,
    Draft,
    change_of,
    checked,
    from_text,
    to_text,
)
from search_api.index.base import ClauseHit, Hit, SearchPage, SearchQuery, SynonymGroup, status_of
from search_api.store.db import ListFilter, StoredAgreement
from search_api.store.files import sha256_of

__all__ = [
    "MAX_GROUPS",
    "MAX_TERMS",
    "MAX_TERM_CHARS",
    "REVIEW_FIELDS",
    "AgreementReview",
    "CheckReport",
    "ClauseHit",
    "Hit",
    "ListFilter",
    "SearchPage",
    "SearchQuery",
    "StoredAgreement",
    "SynonymGroup",
    "Draft",
    "Library",
    "StoredFile",
    "change_of",
    "check",
    "checked",
    "from_text",
    "open_library",
    "open_store",
    "open_workers",
    "review_of",
    "segments",
    "sha256_of",
    "status_of",
    "to_text",
    "word_diff",
]
