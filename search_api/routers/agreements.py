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
    JobPublic,
    JobsDep,
    LibraryDep,
    LinkedAgreement,
    RelatedAgreements,
    SettingsDep,
    UserDep,
    download_headers,
    safe_filename,
    summary_of,
)
from search_api.jobs import Job
from search_api.routers.background_jobs import job_response

router = APIRouter(prefix="/api/agreements", tags=["agreements"])

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
    outcome = jobs.add(b"".join(chunks), name)
    if isinstance(outcome, Job):
        return job_response(JobPublic.of(outcome))
    stored, created = outcome
    if not created:
        response.status_code = 200
    response.headers["Location"] = f"/api/agreements/{stored.id}"
    return AgreementPublic.of(stored)


@router.get("", response_model=AgreementPage)
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


@router.get("/{agreement_id}", response_model=AgreementPublic)
def read_agreement(agreement_id: str, library: LibraryDep) -> AgreementPublic:
    return AgreementPublic.of(library.get(agreement_id))


@router.get("/{agreement_id}/related", response_model=RelatedAgreements)
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


@router.patch("/{agreement_id}", response_model=AgreementPublic)
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


@router.delete("/{agreement_id}", status_code=204)
def delete_agreement(agreement_id: str, library: LibraryDep) -> Response:
    library.delete(agreement_id)
    return Response(status_code=204)


@router.get("/{agreement_id}/file")
def read_agreement_file(agreement_id: str, library: LibraryDep) -> Response:
    """The original file, byte for byte, as an attachment that cannot run as a page."""
    stored = library.file(agreement_id)
    return Response(
        stored.data, media_type=stored.media_type, headers=download_headers(stored.filename)
    )
