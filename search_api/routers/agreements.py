from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, UploadFile
from fastapi.responses import JSONResponse

from search_api.agreements import ListFilter
from search_api.errors import FileTooLarge
from search_api.http import (
    AgreementCorrection,
    AgreementPage,
    AgreementPublic,
    Citation,
    GuardedRoute,
    JobPublic,
    JobsDep,
    LibraryDep,
    LinkedAgreement,
    RelatedAgreements,
    SettingsDep,
    UserDep,
    VersionList,
    VersionPublic,
    VersionStored,
    allow,
    download_headers,
    safe_filename,
    summary_of,
)
from search_api.jobs import Job
from search_api.routers.background_jobs import job_response
from search_api.settings import Settings

router = APIRouter(route_class=GuardedRoute, prefix="/api/agreements", tags=["agreements"])

_CHUNK = 1024 * 1024


@router.post(
    "",
    response_model=AgreementPublic,
    status_code=201,
    responses={
        202: {
            "model": JobPublic,
            "description": "the file needs OCR: a background job reads it; follow it at the "
            "Location header (GET /api/jobs/{id}) until its state is done or failed",
        }
    },
    dependencies=[allow("editor", audit="upload")],
)
def create_agreement(
    file: UploadFile, jobs: JobsDep, settings: SettingsDep, response: Response
) -> AgreementPublic | JSONResponse:
    """Upload a PDF, DOCX or image (multipart field `file`). 201 with the stored agreement;
    the same file again answers 200 with the agreement already stored. A file with more than
    NASKAH_OCR_INLINE_PAGES pages to OCR (a scan) answers 202 with a job at once, and the
    agreement is stored when the job is done (the same file again while it runs: the same
    job). 415/422 when it cannot be read (nothing is stored), 413 when larger than
    NASKAH_MAX_UPLOAD_MB (search_api/http/transfer.py stops the body while it streams) or past
    NASKAH_MAX_PAGES / NASKAH_MAX_CHARS."""
    data, name = read_upload(file, settings)
    outcome = jobs.add(data, name)
    if isinstance(outcome, Job):
        return job_response(JobPublic.of(outcome))
    stored, created = outcome
    if not created:
        response.status_code = 200
    response.headers["Location"] = f"/api/agreements/{stored.id}"
    return AgreementPublic.of(stored)


def read_upload(file: UploadFile, settings: Settings) -> tuple[bytes, str]:
    """The uploaded bytes and a safe name; FileTooLarge past NASKAH_MAX_UPLOAD_MB."""
    name = safe_filename(file.filename)
    limit = settings.max_upload_bytes
    if file.size is not None and file.size > limit:
        raise FileTooLarge(name, settings.max_upload_mb)
    chunks: list[bytes] = []
    read = 0
    while chunk := file.file.read(_CHUNK):
        read += len(chunk)
        if read > limit:
            raise FileTooLarge(name, settings.max_upload_mb)
        chunks.append(chunk)
    return b"".join(chunks), name


@router.get("", response_model=AgreementPage, dependencies=[allow("viewer")])
def list_agreements(
    library: LibraryDep,
    doc_type: str | None = None,
    language: str | None = None,
    party: Annotated[str | None, Query(description="part of a party's name")] = None,
    year_from: int | None = None,
    year_to: int | None = None,
    status: Literal["active", "expired", "unknown"] | None = None,
    sort: Literal[
        "created_at", "-created_at", "signed_date", "-signed_date", "title", "-title"
    ] = "-created_at",
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> AgreementPage:
    total, items = library.listing(
        ListFilter(
            doc_type=doc_type,
            language=language,
            party=party,
            year_from=year_from,
            year_to=year_to,
            status=status,
            sort=sort,
            offset=offset,
            limit=limit,
        ),
        brief=True,  # a summary shows no clauses or text
    )
    return AgreementPage(
        total=total, offset=offset, limit=limit, items=[summary_of(s) for s in items]
    )


@router.get("/{agreement_id}", response_model=AgreementPublic, dependencies=[allow("viewer")])
def read_agreement(agreement_id: str, library: LibraryDep) -> AgreementPublic:
    return AgreementPublic.of(library.get(agreement_id))


@router.get(
    "/{agreement_id}/related", response_model=RelatedAgreements, dependencies=[allow("viewer")]
)
def read_related(agreement_id: str, library: LibraryDep) -> RelatedAgreements:
    """Agreements linked by number: the ones this agreement cites (its KB, the agreement
    an addendum changes), each cited number with the stored agreements bearing it, and the
    stored agreements that cite one of its numbers."""
    cites, cited_by = library.related(agreement_id)
    return RelatedAgreements(
        cites=[
            Citation(number=number, agreements=[LinkedAgreement.of(s) for s in found])
            for number, found in cites
        ],
        cited_by=[LinkedAgreement.of(s) for s in cited_by],
    )


@router.patch(
    "/{agreement_id}",
    response_model=AgreementPublic,
    dependencies=[allow("editor", audit="correct")],
)
def correct_agreement(
    agreement_id: str,
    correction: AgreementCorrection,
    library: LibraryDep,
    user: UserDep,
) -> AgreementPublic:
    """Record corrections of the fields sent, by the signed-in user; they survive
    re-extraction. A field sent with the machine's own value is a confirmation."""
    values = correction.model_dump(mode="json", exclude_unset=True)
    return AgreementPublic.of(library.correct(agreement_id, values, author=user.name))


@router.delete("/{agreement_id}", status_code=204, dependencies=[allow("editor", audit="delete")])
def delete_agreement(agreement_id: str, library: LibraryDep, user: UserDep) -> Response:
    """Move the agreement into the trash (GET /api/trash): out of search and lists at once,
    restorable for NASKAH_TRASH_DAYS days (POST /api/trash/{id}/restore), then removed for
    good with its original. 404 for an unknown agreement or one already in the trash."""
    library.delete(agreement_id, by=user.name)
    return Response(status_code=204)


@router.post(
    "/{agreement_id}/versions",
    response_model=VersionStored,
    status_code=201,
    responses={
        202: {
            "model": JobPublic,
            "description": "the file needs OCR: a job reads it (kind version); follow it at "
            "the Location header until done",
        },
        404: {"description": "unknown agreement (agreement_not_found)"},
        409: {
            "description": "the current file again (same_version), or another agreement's "
            "file (file_of_other_agreement)"
        },
    },
    dependencies=[allow("editor", audit="version.add")],
)
def add_agreement_version(
    agreement_id: str, file: UploadFile, jobs: JobsDep, settings: SettingsDep, response: Response
) -> VersionStored | JSONResponse:
    """A new file of the agreement (multipart field `file`): the signed scan of an uploaded
    draft. The current file is kept as an earlier version (listed, downloadable); the new one
    is read (OCR included: 202 with a job for a scan) and becomes current. Every correction of
    a field the new file reads as the old one did is kept; those of fields it reads
    differently are set aside (`set_aside`), and clause corrections are replayed over the new
    clauses. A file that cannot be read (415/422) leaves the agreement as it was."""
    data, name = read_upload(file, settings)
    outcome = jobs.add_version(agreement_id, data, name)
    if isinstance(outcome, Job):
        return job_response(JobPublic.of(outcome))
    response.headers["Location"] = f"/api/agreements/{agreement_id}"
    return VersionStored.of(outcome)


@router.get("/{agreement_id}/versions", response_model=VersionList, dependencies=[allow("viewer")])
def list_agreement_versions(agreement_id: str, library: LibraryDep) -> VersionList:
    """Every file the agreement has had, the first first, the current one last, each with
    the fields the next file read differently. 404 for an unknown agreement."""
    return VersionList(
        items=[VersionPublic.of(agreement_id, v) for v in library.versions_of(agreement_id)]
    )


@router.get("/{agreement_id}/versions/{number}/file", dependencies=[allow("viewer")])
def read_agreement_version_file(agreement_id: str, number: int, library: LibraryDep) -> Response:
    """The original of one version, byte for byte, as an attachment. 404 for an unknown
    agreement or version."""
    stored = library.version_file(agreement_id, number)
    return Response(
        stored.data, media_type=stored.media_type, headers=download_headers(stored.filename)
    )


@router.get("/{agreement_id}/file", dependencies=[allow("viewer")])
def read_agreement_file(agreement_id: str, library: LibraryDep) -> Response:
    """The original file, byte for byte, as an attachment that cannot run as a page."""
    stored = library.file(agreement_id)
    return Response(
        stored.data, media_type=stored.media_type, headers=download_headers(stored.filename)
    )
