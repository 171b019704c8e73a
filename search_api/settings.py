"""All configuration, from NASKAH_* environment variables (and .env), with laptop defaults.

The only module that reads the environment; everything else gets values passed in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NASKAH_", env_file=".env", extra="ignore")

    data_dir: Path = Path("data")
    database_url: str | None = None
    meili_url: str | None = None
    meili_key: SecretStr | None = None
    meili_index: str = "naskah"
    host: str = "127.0.0.1"
    port: int = 8000
    max_upload_mb: int = 50
    log_level: str = "INFO"
    # -- reading files in worker processes (search_api/extraction/workers.py) --------------------------
    extract_workers: int = 2
    extract_timeout_s: float = 60.0
    ocr_page_timeout_s: float = 30.0
    ocr_timeout_s: float = 1800.0
    extract_memory_mb: int = 2048
    # -- background jobs (search_api/jobs/runner.py) ------------------------------------------------
    # an upload with more pages to OCR than this answers 202 and a job reads it
    ocr_inline_pages: int = 1
    job_threads: int = 1
    # attempts of a job whose worker crashed or ran out of time, before it fails
    job_attempts: int = 3
    # web processes `naskah serve` starts on one port (the kernel spreads connections): the
    # first writes the embedded index and runs the job workers and timed duties, the others
    # answer requests beside it. More than one uses more cores for searches (one process
    # runs Python on one core at a time)
    web_processes: int = 1
    # job workers `naskah serve` runs in its own process: 1 (the office PC), N, or 0 (a web
    # process only: every upload becomes a job that `naskah worker` processes read)
    workers: int = 1
    # how much lower the CPU priority of workers (and of the processes reading files) is
    worker_nice: int = 19
    # `naskah worker` reads files in processes of Linux's SCHED_IDLE class (where allowed):
    # they get a core only when the web processes and everything else leave it free. The
    # worker's own threads (its heartbeat, storing) stay at NASKAH_WORKER_NICE, so that its
    # leases hold however busy the machine is. Not for `naskah serve`'s own worker: its
    # processes also read the uploads a person waits for.
    worker_idle: bool = True
    # threads Tesseract may use for one page (OMP_THREAD_LIMIT of the processes reading files)
    ocr_threads: int = 1
    # a worker's claim on its job holds this long unless its heartbeat renews it; past it,
    # another worker takes the job over (the worker is taken for dead)
    job_lease_s: float = 30.0
    # how often an idle worker looks in the store for a job
    job_poll_s: float = 1.0
    # `naskah worker` touches this file every few seconds while its threads run (a container
    # health check looks at its age); None: no file
    worker_alive_file: Path | None = None
    max_pages: int = 500
    max_chars: int = 3_000_000
    # -- keeping the index in step with the store -------------------------------------------
    index_retry_s: float = 30.0
    # -- the trash (search_api/agreements/library.py): days a deleted agreement can be restored
    trash_days: float = 30.0
    # -- accounts (search_api/accounts/, http/access.py) ------------------------------------------
    session_hours: float = 12.0
    setup_link_minutes: float = 60.0
    # None: Secure cookies when the request came over HTTPS (behind a proxy: run uvicorn with
    # --proxy-headers so it knows); True/False forces it
    cookie_secure: bool | None = None
    # -- expiry reminders by e-mail (search_api/reminders/) ----------------------------------
    # days before an agreement's effective end at which its reminder is sent, comma-separated
    reminder_days: str = "90,30,7"
    # the language of the mails: id or en
    reminder_lang: Literal["id", "en"] = "id"
    # the office's own addresses (the cooperation section), comma-separated: they receive
    # every reminder, beside each agreement's own addresses
    reminder_to: str = ""
    # the address people open naskah at, for the link in a mail (no trailing slash needed)
    public_url: str = "http://127.0.0.1:8000"
    # how often the server looks for reminders due; the first look is reminder_first_check_s
    # after start
    reminder_check_hours: float = 24.0
    reminder_first_check_s: float = 60.0
    # sends of one reminder before it stays failed (a failed one is tried at each check)
    reminder_attempts: int = 3
    # unset: no mail is sent (the reminders page says so)
    smtp_host: str | None = None
    # None: 465 with ssl, 587 with starttls, 25 without TLS
    smtp_port: int | None = None
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str = "naskah@localhost"
    smtp_tls: Literal["none", "starttls", "ssl"] = "starttls"
    smtp_timeout_s: float = 30.0
    # certificates (PEM) the SMTP server's is checked against; None: the system's
    smtp_ca_file: Path | None = None

    # -- backups (search_api/backup/) -------------------------------------------------------
    # unset: no scheduled backups (`naskah backup FILE` still works); set: the server writes
    # an archive there every backup_every_hours and keeps the newest backup_keep
    backup_dir: Path | None = None
    backup_keep: int = 7
    backup_every_hours: float = 24.0
    # the first look at whether one is due, this long after start
    backup_first_check_s: float = 300.0

    @field_validator("reminder_days")
    @classmethod
    def _days_are_numbers(cls, value: str) -> str:
        days = [part.strip() for part in value.split(",") if part.strip()]
        if not days or not all(d.isdigit() for d in days):
            raise ValueError(
                f"NASKAH_REMINDER_DAYS must be whole days, like 90,30,7 (not {value!r})"
            )
        return value

    @property
    def reminder_marks(self) -> tuple[int, ...]:
        """The days of NASKAH_REMINDER_DAYS, the most first (90, 30, 7)."""
        return tuple(
            sorted({int(d) for d in self.reminder_days.split(",") if d.strip()}, reverse=True)
        )

    @property
    def reminder_recipients(self) -> tuple[str, ...]:
        """The addresses of NASKAH_REMINDER_TO."""
        return tuple(a.strip() for a in self.reminder_to.replace(";", ",").split(",") if a.strip())

    @property
    def effective_smtp_port(self) -> int:
        if self.smtp_port:
            return self.smtp_port
        return {"ssl": 465, "starttls": 587}.get(self.smtp_tls, 25)

    @property
    def files_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def effective_database_url(self) -> str:
        """NASKAH_DATABASE_URL, else a SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'naskah.db').resolve()}"

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024
