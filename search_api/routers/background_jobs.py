"""Background jobs: their state and progress, and an editor's OCR again (search_api/jobs/runner.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from search_api.http import GuardedRoute, JobList, JobPublic, JobsDep, OcrRequest, allow

router = APIRouter(route_class=GuardedRoute, tags=["jobs"])


def job_response(job: JobPublic) -> JSONResponse:
    """202 with the job and where to follow it."""
    return JSONResponse(
        job.model_dump(mode="json"),
        status_code=202,
        headers={"Location": f"/api/jobs/{job.id}"},
    )


@router.get("/api/jobs/{job_id}", response_model=JobPublic, dependencies=[allow("editor")])
def read_job(job_id: str, jobs: JobsDep) -> JobPublic:
    """A job's state (queued, running, done, failed, cancelled), OCR progress (`page` of `pages`), the
    agreement when done and the error's code and message when failed. 404 for an unknown id."""
    return JobPublic.of(jobs.get(job_id))


@router.post(
    "/api/jobs/{job_id}/cancel",
    response_model=JobPublic,
    responses={
        202: {"model": JobPublic, "description": "cancel requested; the job is still stopping"},
        404: {"description": "unknown job (code job_not_found)"},
        409: {"description": "the job has ended already (code job_not_cancellable)"},
    },
    dependencies=[allow("editor", audit="job.cancel")],
)
def cancel_job(job_id: str, jobs: JobsDep) -> JSONResponse:
    """Cancel a queued or running job; nothing of it is stored (an upload's original is
    deleted, an agreement being OCR'd again stays as it was). 200 with the job once it is
    cancelled: at once when queued, once its worker has stopped when running (about a
    second). A running job still stopping after 5 s answers 202 and ends cancelled shortly
    after; follow it at the Location header. 409 for a job that is done, failed or already
    cancelled, 404 for an unknown id."""
    job = jobs.cancel(job_id)
    return JSONResponse(
        JobPublic.of(job).model_dump(mode="json"),
        status_code=200 if job.state == "cancelled" else 202,
        headers={"Location": f"/api/jobs/{job.id}"},
    )


@router.get("/api/jobs", response_model=JobList, dependencies=[allow("editor")])
def list_jobs(jobs: JobsDep, limit: Annotated[int, Query(ge=1, le=200)] = 50) -> JobList:
    """The latest jobs, newest first."""
    return JobList(items=[JobPublic.of(job) for job in jobs.recent(limit)])


@router.post(
    "/api/agreements/{agreement_id}/ocr",
    response_model=JobPublic,
    status_code=202,
    responses={202: {"description": "the job; follow it at the Location header"}},
    dependencies=[allow("editor", audit="reocr")],
)
def ocr_agreement_again(agreement_id: str, request: OcrRequest, jobs: JobsDep) -> JSONResponse:
    """OCR a stored agreement again in `languages` (ind, eng or ind+eng): the pages without a
    usable text layer, or every page with `all_pages`. The new machine values replace the old
    ones when the job is done; people's corrections are kept. 404 for an unknown agreement."""
    job = jobs.ocr_again(agreement_id, request.languages, all_pages=request.all_pages)
    return job_response(JobPublic.of(job))
