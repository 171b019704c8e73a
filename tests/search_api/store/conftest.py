"""The store under test: real SQLite always, real PostgreSQL when the test command started one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from search_api.store.db import Store


def _postgres_url() -> str:
    url = os.environ.get("NASKAH_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("PostgreSQL store tests need NASKAH_TEST_POSTGRES_URL (scripts/test sets it)")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = f"sqlite:///{tmp_path / 'naskah.db'}" if request.param == "sqlite" else _postgres_url()
    opened = Store.open(url)
    yield opened
    opened.close()
