"""All configuration, from NASKAH_* environment variables (and .env), with laptop defaults.

The only module that reads the environment; everything else gets values passed in.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
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
