"""Our errors, and the one place that maps them to HTTP status and one JSON shape.

Body: {"error": {"code": ..., "message": ..., "values": {...}}}. `code` is stable and `values`
are what the error carries (the file's name, a limit, a page), so the UI says it in its own
language from its catalogue (`error.<code>` in web/static/i18n/*.json); `message` is the
English sentence for scripts, logs and the CLI.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ingest.errors import DocumentTooLarge, IngestError, LegacyWordFormat, UnsupportedFormat

if TYPE_CHECKING:  # the CLI raises these errors without loading the web framework
    from fastapi import FastAPI, Request

log = logging.getLogger(__name__)


class NaskahError(Exception):
    """Base of every error search_api raises on purpose."""

    code = "naskah_error"


class AgreementNotFound(NaskahError):
    code = "agreement_not_found"

    def __init__(self, agreement_id: str) -> None:
        super().__init__(
            f"agreement {agreement_id} not found. It may have been deleted; search again."
        )
        self.agreement_id = agreement_id


class ClauseNotFound(NaskahError):
    code = "clause_not_found"

    def __init__(self, clause_id: str) -> None:
        super().__init__(
            f"clause {clause_id} not found. Its agreement may have been deleted or re-extracted."
        )
        self.clause_id = clause_id


class JobNotFound(NaskahError):
    code = "job_not_found"

    def __init__(self, job_id: str) -> None:
        super().__init__(f"job {job_id} not found. See the recent jobs at /api/jobs.")
        self.job_id = job_id


class JobNotCancellable(NaskahError):
    """A cancel of a job that has already ended (done, failed or cancelled), or is storing
    its result right now."""

    code = "job_not_cancellable"

    def __init__(self, job_id: str, state: str) -> None:
        why = {
            "done": "it is already done; delete its agreement if it is not wanted",
            "failed": "it has already failed",
            "cancelled": "it is already cancelled",
        }.get(state, "it is storing its result now; delete the agreement once it is done")
        super().__init__(f"job {job_id} cannot be cancelled, {why}.")
        self.job_id = job_id
        self.state = state


class FileTooLarge(NaskahError):
    code = "file_too_large"

    def __init__(self, file_name: str | None, limit_mb: int) -> None:
        # None: refused while the request streamed in, before any file name was read
        super().__init__(
            f"{file_name + ': ' if file_name else ''}upload refused, the file is larger than "
            f"{limit_mb} MB. Compress the PDF or split the scan, or raise NASKAH_MAX_UPLOAD_MB."
        )
        self.file_name = file_name
        self.limit_mb = limit_mb


class ExtractionStopped(NaskahError):
    """The worker process reading a file ended before answering (limits, a crash)."""

    code = "extraction_stopped"


class ExtractionTimedOut(ExtractionStopped):
    """The worker reading the file passed its wall-clock limit and was stopped."""

    code = "extraction_timeout"

    def __init__(self, file_name: str, seconds: float) -> None:
        super().__init__(
            f"{file_name}: reading stopped after {seconds:.0f} s, the file takes too long to read. "
            "If it is a long scan, split it and upload the parts; otherwise export or scan it "
            "again and upload the new file."
        )
        self.file_name = file_name
        self.seconds = seconds


class ExtractionOutOfMemory(ExtractionStopped):
    """The worker reading the file reached its memory cap."""

    code = "extraction_out_of_memory"

    def __init__(self, file_name: str, limit_mb: int) -> None:
        super().__init__(
            f"{file_name}: reading stopped, the file needs more than {limit_mb} MB of memory. "
            "Split it, or save it again with smaller images, and upload that."
        )
        self.file_name = file_name
        self.limit_mb = limit_mb


class ExtractionCrashed(ExtractionStopped):
    """The worker reading the file was killed by a signal (a reader crashed on it)."""

    code = "extraction_crashed"

    def __init__(self, file_name: str, detail: str) -> None:
        super().__init__(
            f"{file_name}: reading failed, the reader stopped on this file ({detail}). The file "
            "is damaged or built to attack readers: export or scan it again and upload the new file."
        )
        self.file_name = file_name
        self.detail = detail


class InvalidQuery(NaskahError):
    code = "invalid_query"

    def __init__(self, detail: str) -> None:
        super().__init__(f"search failed, {detail}.")


class InvalidCorrection(NaskahError):
    code = "invalid_correction"

    def __init__(self, detail: str) -> None:
        super().__init__(f"correction refused, {detail}.")


class IndexUnavailable(NaskahError):
    code = "index_unavailable"

    def __init__(self, detail: str) -> None:
        super().__init__(
            f"the search index is unavailable ({detail}). Check NASKAH_MEILI_URL or run `naskah reindex`."
        )


class NotAuthenticated(NaskahError):
    code = "not_authenticated"

    def __init__(self) -> None:
        super().__init__(
            "sign in first: open /masuk in the browser, or send an API token as "
            "'Authorization: Bearer <token>' (naskah token create USER)."
        )


class Forbidden(NaskahError):
    code = "forbidden"

    def __init__(self, user: str, role: str, needed: str) -> None:
        super().__init__(
            f"{user} ({role}) may not do this; it needs the {needed} role. Ask an admin."
        )
        self.needed = needed


class CsrfRejected(NaskahError):
    """A state-changing browser request without this session's CSRF token, or from elsewhere."""

    code = "csrf_rejected"

    def __init__(self, detail: str) -> None:
        super().__init__(f"request refused, {detail}. Reload the page and try again.")


class InvalidAccount(NaskahError):
    """`key` and `values` name the problem in the UI's catalogue (`account.<key>`), so a page
    says it in its own language; the message is the English one for the CLI and the API."""

    code = "invalid_account"

    def __init__(self, detail: str, *, key: str = "invalid", **values: object) -> None:
        super().__init__(f"account change refused, {detail}.")
        self.key = f"account.{key}"
        self.values = values


class AccountNotFound(NaskahError):
    code = "account_not_found"

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not found. List them with `naskah user list` or on /pengguna.")


class UnknownCheckKind(NaskahError):
    """A caller asked for a pack that does not exist (the `kind` argument)."""

    code = "unknown_check_kind"

    def __init__(self, kind: str, known: Sequence[str]) -> None:
        super().__init__(
            f"check kind {kind!r} is not known. Use one of {', '.join(known)}, "
            "or leave it out to let naskah choose from the document."
        )
        self.kind = kind
        self.known = list(known)


class UnknownCheckRule(NaskahError):
    """An admin switched a rule id no rule pack has."""

    code = "unknown_check_rule"

    def __init__(self, rule: str) -> None:
        super().__init__(
            f"check rule {rule!r} is not known. GET /api/check/rules lists the rules and their ids."
        )
        self.rule = rule


class CheckNotFound(NaskahError):
    """A draft check this server no longer holds (or never held for this user)."""

    code = "check_not_found"

    def __init__(self, check_id: str) -> None:
        super().__init__(
            f"check {check_id} not found. A draft's check is kept for a while only and only "
            "for the user who made it; check the draft again."
        )
        self.check_id = check_id


class CheckInputMissing(NaskahError):
    """A check request that carries neither a file nor text to check."""

    code = "check_input_missing"

    def __init__(self, why: str) -> None:
        super().__init__(
            f"nothing to check, {why}. Send a PDF or DOCX as the multipart field 'file', or "
            'JSON {"text": "..."} with the text of the draft.'
        )


class CheckBodyUnsupported(NaskahError):
    """A check request whose body is neither multipart nor JSON."""

    code = "check_body_unsupported"

    def __init__(self, content_type: str) -> None:
        super().__init__(
            f"a check request cannot be {content_type or 'without a content type'}. Send "
            'multipart/form-data with the field \'file\', or application/json {"text": "..."}.'
        )
        self.content_type = content_type


class DraftNotSavable(NaskahError):
    """'Simpan sebagai naskah' of a draft that was pasted as text: there is no original."""

    code = "draft_not_savable"

    def __init__(self, check_id: str) -> None:
        super().__init__(
            f"check {check_id} was of pasted text, which has no original file to keep. Upload "
            "the DOCX or PDF to save it as an agreement."
        )
        self.check_id = check_id


class PasswordNotChanged(NaskahError):
    """A refused change of one's own password; `problem` lets a page say why in its language.
    The message never contains a password."""

    code = "password_not_changed"
    PROBLEMS: dict[str, str] = {
        "wrong_current": "the current password is wrong. Type your current password again",
        "mismatch": "the two new passwords differ. Type the new password twice, the same",
        "too_short": "the new password is too short. Use at least {min} characters",
        "too_long": "the new password is too long. Use at most {max} characters",
        "unchanged": "the new password is the current one. Choose a different password",
        "blocked": "there were too many wrong passwords for this name. Wait {minutes} minutes "
        "and try again",
    }

    def __init__(self, problem: str, **values: int) -> None:
        super().__init__(f"password not changed, {self.PROBLEMS[problem].format(**values)}.")
        self.problem = problem
        self.values = values


class PasswordChangeBlocked(PasswordNotChanged):
    """Too many wrong passwords for this name lately (the sign-in lockout): nothing is checked."""

    code = "password_change_blocked"

    def __init__(self, minutes: int) -> None:
        super().__init__("blocked", minutes=minutes)


class InvalidSynonyms(NaskahError):
    """A synonym list that search could not use; `problem` and `values` let a page say why
    in its own language, `position` is the group (API) or line (page) number."""

    code = "invalid_synonyms"
    PROBLEMS: dict[str, str] = {
        "too_many_groups": "there are {count} groups, at most {limit} are allowed. Merge or "
        "remove some",
        "too_few_terms": "a group needs at least 2 different terms. Add a term that means the "
        "same, or remove the group",
        "too_many_terms": "the group has {count} terms, at most {limit} are allowed. Split it "
        "or drop the rarest spellings",
        "empty_term": "a term is empty. Remove the empty term",
        "term_unprintable": "the term '{term}' contains a control character. Type it again",
        "term_has_comma": "the term '{term}' contains a comma, which separates terms. Split it "
        "into two terms or remove the comma",
        "term_too_long": "the term '{term}' is longer than {limit} characters. Shorten it",
        "term_has_no_word": "the term '{term}' has no searchable word (only stop words such as "
        "'dan' or punctuation). Remove it or write the words it stands for",
        "term_in_two_groups": "the term '{term}' is also in {unit} {other}; a term can be in one "
        "group only. Merge the two groups or remove the term from one",
        "term_both_ways": "the term '{term}' is both a term of the group and one it finds one "
        "way ('=>'). Keep it on one side of '=>'",
        "term_has_arrow": "the term '{term}' contains '=>', which is written once, between the "
        "terms and those they find one way. Remove the second '=>'",
        "one_way_empty": "nothing follows '=>'. Write the terms the group finds one way after "
        "it, or remove the '=>'",
        "one_way_without_terms": "nothing comes before '=>'. Write the terms that find the "
        "others before it",
        "name_too_long": "the name '{name}' is longer than {limit} characters. Shorten it",
        "duplicate_name": "the name '{name}' is used by another group. Give each group its own "
        "name, or leave the name out to have one made from the first term",
    }

    def __init__(self, problem: str, position: int | None, unit: str, **values: str | int) -> None:
        detail = self.PROBLEMS[problem].format(unit=unit, **values)
        where = f"{unit} {position}: " if position is not None else ""
        super().__init__(f"synonyms not saved, {where}{detail}.")
        self.problem = problem
        self.position = position
        self.values = values


class AgreementInTrash(NaskahError):
    """An upload of a file whose agreement is in the trash: restore it instead."""

    code = "agreement_in_trash"

    def __init__(self, agreement_id: str, file_name: str) -> None:
        super().__init__(
            f"{file_name}: upload refused, this file's agreement {agreement_id} is in the "
            "trash. Restore it from /sampah (POST /api/trash/{id}/restore)."
        )
        self.agreement_id = agreement_id
        self.file_name = file_name


class NotInTrash(NaskahError):
    code = "not_in_trash"

    def __init__(self, agreement_id: str) -> None:
        super().__init__(
            f"agreement {agreement_id} is not in the trash. It may have been restored or "
            "removed for good; see GET /api/trash."
        )
        self.agreement_id = agreement_id


class SameVersion(NaskahError):
    """A new version that is byte for byte the agreement's current file."""

    code = "same_version"

    def __init__(self, agreement_id: str, file_name: str) -> None:
        super().__init__(
            f"{file_name}: new version refused, it is the same file as the current version "
            f"of agreement {agreement_id}. Choose the newer file (the signed scan, the "
            "final draft)."
        )
        self.agreement_id = agreement_id
        self.file_name = file_name


class FileOfOtherAgreement(NaskahError):
    """A new version whose file is already stored as another agreement (or its version)."""

    code = "file_of_other_agreement"

    def __init__(self, file_name: str, agreement_id: str) -> None:
        super().__init__(
            f"{file_name}: new version refused, this file is already stored as agreement "
            f"{agreement_id}. Delete that agreement first if it is the same one, or choose "
            "another file."
        )
        self.file_name = file_name
        self.agreement_id = agreement_id


class VersionNotFound(NaskahError):
    code = "version_not_found"

    def __init__(self, agreement_id: str, number: int) -> None:
        super().__init__(
            f"agreement {agreement_id} has no version {number}. "
            f"See GET /api/agreements/{agreement_id}/versions."
        )
        self.agreement_id = agreement_id
        self.number = number


class InvalidClauseCorrection(NaskahError):
    """A clause correction that cannot be made; `problem` and `values` let a page say why in
    its own language."""

    code = "invalid_clause_correction"
    PROBLEMS: dict[str, str] = {
        "split_point": "the split point must fall inside the clause's text, with text on "
        "both sides. Put the cursor where the new clause begins",
        "no_next": "the clause is the last one, there is no next clause to merge it with",
        "empty_text": "the clause text is empty. Type or paste the clause's text",
        "unknown_category": "the category '{category}' is not known. Choose one of the list",
        "nothing_to_change": "nothing changes. Change the number, the heading or the category",
        "already_present": "clause {number} with this text is already there",
        "not_applied": "the change could not be made on the clauses as they are now. Reload "
        "the page and try again",
    }

    def __init__(self, problem: str, **values: str | int) -> None:
        super().__init__(f"clause correction refused, {self.PROBLEMS[problem].format(**values)}.")
        self.problem = problem
        self.values = values


class ReminderNotSent(NaskahError):
    """An expiry reminder the SMTP server did not take: the agreement, the step that failed
    (`problem`: config, connect, tls, login, send) and the server's or socket's words (`detail`)."""

    code = "reminder_not_sent"
    PROBLEMS: dict[str, str] = {
        "config": "no SMTP server is set. Set NASKAH_SMTP_HOST (and NASKAH_SMTP_PORT, "
        "NASKAH_SMTP_TLS) and restart naskah",
        "connect": "the SMTP server could not be reached. Check NASKAH_SMTP_HOST and "
        "NASKAH_SMTP_PORT, and that the server is running",
        "tls": "the secure connection to the SMTP server failed. Check NASKAH_SMTP_TLS "
        "(none, starttls or ssl) and the server's certificate (NASKAH_SMTP_CA_FILE)",
        "login": "the SMTP server refused the sign-in. Check NASKAH_SMTP_USER and "
        "NASKAH_SMTP_PASSWORD",
        "send": "the SMTP server refused the message. Check NASKAH_SMTP_FROM and the "
        "recipients' addresses",
    }

    def __init__(self, agreement_id: str, title: str, problem: str, detail: str = "") -> None:
        why = f" ({detail})" if detail else ""
        super().__init__(
            f"reminder for agreement {agreement_id} ({title}) not sent at step {problem}: "
            f"{self.PROBLEMS[problem]}{why}. It is tried again at the next check."
        )
        self.agreement_id = agreement_id
        self.title = title
        self.problem = problem
        self.detail = detail


class InvalidReminderRecipients(NaskahError):
    """An e-mail address of an agreement's reminder recipients that is not one."""

    code = "invalid_reminder_recipients"

    def __init__(self, address: str) -> None:
        super().__init__(
            f"reminder recipients not saved, '{address}' is not an e-mail address. Write "
            "addresses like opd@example.go.id, separated by commas or new lines."
        )
        self.address = address


class BackupFailed(NaskahError):
    """A backup that was not written: the archive's name, the step that failed (`problem`:
    database, original, archive) and what went wrong there (`detail`). Nothing is left
    under the archive's name."""

    code = "backup_failed"
    PROBLEMS: dict[str, str] = {
        "database": "the copy of the database could not be taken",
        "original": "an original on disk is missing or differs from its sha256; run "
        "`naskah check --verify-files` to see which",
        "archive": "the archive could not be written; check the free space and that the "
        "folder is writable",
    }

    def __init__(self, file_name: str, problem: str, detail: str = "") -> None:
        why = f" ({detail})" if detail else ""
        super().__init__(
            f"{file_name}: backup failed at step {problem}, {self.PROBLEMS[problem]}{why}."
        )
        self.file_name = file_name
        self.problem = problem
        self.detail = detail


class RestoreRefused(NaskahError):
    """A restore that did not start: the archive cannot be read (`problem` unreadable,
    damaged, dialect) or the target already holds data (occupied)."""

    code = "restore_refused"
    PROBLEMS: dict[str, str] = {
        "unreadable": "it is not a naskah backup archive; choose a file written by `naskah backup`",
        "damaged": "the archive is damaged (a member differs from its checksum in the "
        "manifest); restore an earlier archive",
        "newer": "the archive comes from a newer naskah; update naskah here first",
        "dialect": "an archive of a PostgreSQL store restores only into PostgreSQL; set "
        "NASKAH_DATABASE_URL to an empty PostgreSQL database",
        "occupied": "the target already holds data; restore into an empty data folder "
        "(NASKAH_DATA_DIR) or an empty database (NASKAH_DATABASE_URL), or move the data "
        "there away first",
    }

    def __init__(self, file_name: str, problem: str, detail: str = "") -> None:
        why = f" ({detail})" if detail else ""
        super().__init__(
            f"{file_name}: restore refused, {self.PROBLEMS[problem]}{why}. Nothing was changed."
        )
        self.file_name = file_name
        self.problem = problem
        self.detail = detail


STATUS: dict[type[Exception], int] = {
    UnsupportedFormat: 415,
    LegacyWordFormat: 415,
    DocumentTooLarge: 413,
    IngestError: 422,
    FileTooLarge: 413,
    ExtractionTimedOut: 422,
    ExtractionOutOfMemory: 413,
    ExtractionCrashed: 422,
    AgreementNotFound: 404,
    ClauseNotFound: 404,
    JobNotFound: 404,
    JobNotCancellable: 409,
    InvalidQuery: 400,
    BackupFailed: 500,
    RestoreRefused: 409,
    InvalidCorrection: 422,
    IndexUnavailable: 503,
    NotAuthenticated: 401,
    Forbidden: 403,
    CsrfRejected: 403,
    InvalidAccount: 422,
    AccountNotFound: 404,
    InvalidSynonyms: 422,
    PasswordChangeBlocked: 429,
    PasswordNotChanged: 422,
    UnknownCheckKind: 422,
    UnknownCheckRule: 404,
    CheckNotFound: 404,
    CheckInputMissing: 422,
    CheckBodyUnsupported: 415,
    DraftNotSavable: 409,
    AgreementInTrash: 409,
    NotInTrash: 404,
    SameVersion: 409,
    FileOfOtherAgreement: 409,
    VersionNotFound: 404,
    InvalidClauseCorrection: 422,
    ReminderNotSent: 502,
    InvalidReminderRecipients: 422,
}

# Attributes that hold English free text (a reader's own error, a parser's complaint): the
# message has them, the UI's values do not.
_NOT_VALUES = frozenset({"detail", "args"})


def error_values(error: Exception) -> dict[str, str | int | float | bool]:
    """What an error carries, for the UI's message: its public attributes that are numbers,
    names or codes (a file's name, a limit, a page, a problem's code), and its `values`.
    English free text (`detail`) is left out: the UI never shows it."""
    found: dict[str, str | int | float | bool] = {}
    attributes: dict[str, Any] = dict(vars(error))
    extra = attributes.pop("values", None)
    if isinstance(extra, dict):
        attributes.update(extra)
    for name, value in attributes.items():
        if name.startswith("_") or name in _NOT_VALUES or value is None:
            continue
        if isinstance(value, str | int | float | bool):
            found[name] = value
        elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            found[name] = ", ".join(value)
    return found


def status_for(error: Exception) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def error_body(
    code: str, message: str, values: dict[str, str | int | float | bool] | None = None
) -> dict[str, dict[str, Any]]:
    return {"error": {"code": code, "message": message, "values": values or {}}}


def install_handlers(app: FastAPI) -> None:
    """Answer our errors, validation errors and HTTP errors in the one JSON shape."""
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from starlette.exceptions import HTTPException as StarletteHTTPException

    async def handle_ours(request: Request, exc: Exception) -> JSONResponse:
        status = status_for(exc)
        code = getattr(exc, "code", "error")
        log.info("request path=%s error=%s status=%d", request.url.path, code, status)
        return JSONResponse(error_body(code, str(exc), error_values(exc)), status_code=status)

    async def handle_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        parts = [
            f"{'.'.join(str(p) for p in err['loc'] if p != 'body')}: {err['msg']}"
            for err in exc.errors()
        ]
        return JSONResponse(
            error_body("invalid_request", "request refused, " + "; ".join(parts)), status_code=422
        )

    async def handle_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)

    app.add_exception_handler(NaskahError, handle_ours)
    app.add_exception_handler(IngestError, handle_ours)
    app.add_exception_handler(RequestValidationError, handle_validation)
    app.add_exception_handler(StarletteHTTPException, handle_http)
