"""The HTTP edge: what the routers share.

access.py     who may call which route (RULES, AUDITED) and the Guard middleware
deps.py       the dependencies routes declare (library, settings, jobs, accounts, user)
schemas.py    what the API answers and accepts
rendering.py  server-rendered pages: templates, the request's language, navigation, headers
i18n.py       the UI's words (web/static/i18n/*.json) and dates as each language writes them
transfer.py   files crossing HTTP: the body cap, safe upload names, download headers
The status and body of each of our errors are in search_api/errors.py (store and index raise them).
"""

from search_api.http.access import (
    AUDITED,
    PUBLIC,
    RULES,
    SESSION_COOKIE,
    Guard,
    client_of,
    identity_of,
    rule_for,
)
from search_api.http.deps import AccountsDep, JobsDep, LibraryDep, SettingsDep, UserDep
from search_api.http.i18n import LANGS, WEB_DIR, Lang, Translator, category_labels, lang_from
from search_api.http.rendering import (
    STATIC_DIR,
    forbidden,
    lang_of,
    not_found,
    refused_form,
    render,
)
from search_api.http.schemas import (
    AgreementCorrection,
    AgreementPage,
    AgreementPublic,
    AuditItem,
    AuditPage,
    CheckPublic,
    CheckRuleChange,
    CheckRuleList,
    CheckRulePublic,
    CheckText,
    Citation,
    Health,
    JobList,
    JobPublic,
    LinkedAgreement,
    Me,
    OcrRequest,
    PasswordChange,
    PrecedentRequest,
    RelatedAgreements,
    SearchPage,
    SimilarClause,
    SimilarPage,
    SynonymEdit,
    SynonymGroupPublic,
    SynonymList,
    summary_of,
)
from search_api.http.transfer import BodyLimit, download_headers, safe_filename

__all__ = [
    "AUDITED",
    "AccountsDep",
    "AgreementCorrection",
    "AgreementPage",
    "AgreementPublic",
    "AuditItem",
    "AuditPage",
    "BodyLimit",
    "CheckPublic",
    "CheckRuleChange",
    "CheckRuleList",
    "CheckRulePublic",
    "CheckText",
    "Citation",
    "Guard",
    "Health",
    "JobList",
    "JobPublic",
    "JobsDep",
    "LANGS",
    "Lang",
    "LibraryDep",
    "LinkedAgreement",
    "Me",
    "OcrRequest",
    "PUBLIC",
    "PasswordChange",
    "PrecedentRequest",
    "RULES",
    "RelatedAgreements",
    "SESSION_COOKIE",
    "STATIC_DIR",
    "SearchPage",
    "SettingsDep",
    "SimilarClause",
    "SimilarPage",
    "SynonymEdit",
    "SynonymGroupPublic",
    "SynonymList",
    "Translator",
    "UserDep",
    "WEB_DIR",
    "category_labels",
    "client_of",
    "download_headers",
    "forbidden",
    "identity_of",
    "lang_from",
    "lang_of",
    "not_found",
    "refused_form",
    "render",
    "rule_for",
    "safe_filename",
    "summary_of",
]
