"""Background jobs: OCR of uploaded scans, of drafts to check, an editor's "OCR again", and
(with NASKAH_WORKERS=0) every upload: asked for in queue.py, claimed with a lease and run by
the workers of runner.py (`naskah serve` and `naskah worker`); the rows are in store/jobs.py."""

from search_api.jobs.queue import JobQueue
from search_api.jobs.runner import JobRunner, worker_name
from search_api.store.jobs import Job, JobStore

__all__ = ["Job", "JobQueue", "JobRunner", "JobStore", "worker_name"]
