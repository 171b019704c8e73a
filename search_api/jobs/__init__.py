"""Background jobs: OCR of uploaded scans and an editor's "OCR again", with progress
(runner.py; the rows are in store/jobs.py)."""

from search_api.jobs.runner import JobQueue
from search_api.store.jobs import Job, JobStore

__all__ = ["Job", "JobQueue", "JobStore"]
