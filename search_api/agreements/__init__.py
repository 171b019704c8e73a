"""The agreements use-cases: the one way the routers, the pages, the jobs and the CLI reach the
store and the index.

library.py        Library: add, get, correct, delete (to the trash), restore, purge, new versions,
                  clause corrections, related, search, similar, synonyms, reindex, check
                  (against the rule packs), the rules admins switched off
compliance_context.py  the compliance engine's context: stored agreements by number, precedents
checked_drafts.py the drafts checked lately, held in memory (never stored) for their result page
check.py          `naskah check`: the store against the originals on disk and the index; repair
field_review.py   what an editor reviews: each value beside the machine's, its source, its doubts
importer.py       the bulk import of a folder (`naskah import`), extracted in parallel
compare.py        word-level differences between two clauses (the precedent view)
synonym_edits.py  synonym groups as admins edit them, checked before the index sees them
"""

from search_api.agreements.check import CheckReport, check
from search_api.agreements.checked_drafts import CheckedDraft, CheckedDrafts, pasted_docx
from search_api.agreements.compare import word_diff
from search_api.agreements.compliance_context import ComplianceReport
from search_api.agreements.field_review import (
    GAPS,
    REVIEW_FIELDS,
    AgreementReview,
    Gap,
    gaps_of,
    review_of,
    segments,
)
from search_api.agreements.importer import ImportSummary, import_files
from search_api.agreements.library import (
    REINDEX_MARK,
    Library,
    LibraryHealth,
    StoredFile,
    VersionAdded,
    extractor_version,
    open_library,
    open_store,
    open_workers,
)
from search_api.agreements.synonym_edits import (
    MAX_GROUPS,
    MAX_TERM_CHARS,
    MAX_TERMS,
    Draft,
    Expansion,
    change_of,
    checked,
    from_text,
    preview,
    to_text,
)
from search_api.index.base import ClauseHit, Hit, SearchPage, SearchQuery, SynonymGroup, status_of
from search_api.store.db import (
    ClauseCorrection,
    ListFilter,
    StoredAgreement,
    StoredVersion,
    TrashItem,
    VersionChange,
)
from search_api.store.rule_switches import RuleSwitch

__all__ = [
    "MAX_GROUPS",
    "MAX_TERMS",
    "MAX_TERM_CHARS",
    "REINDEX_MARK",
    "REVIEW_FIELDS",
    "AgreementReview",
    "CheckReport",
    "CheckedDraft",
    "CheckedDrafts",
    "ComplianceReport",
    "ClauseCorrection",
    "ClauseHit",
    "Hit",
    "ImportSummary",
    "ListFilter",
    "RuleSwitch",
    "SearchPage",
    "SearchQuery",
    "StoredAgreement",
    "StoredVersion",
    "TrashItem",
    "VersionAdded",
    "VersionChange",
    "SynonymGroup",
    "Draft",
    "Expansion",
    "Library",
    "LibraryHealth",
    "StoredFile",
    "change_of",
    "check",
    "checked",
    "extractor_version",
    "from_text",
    "preview",
    "import_files",
    "open_library",
    "pasted_docx",
    "open_store",
    "open_workers",
    "review_of",
    "gaps_of",
    "GAPS",
    "Gap",
    "segments",
    "status_of",
    "to_text",
    "word_diff",
]
