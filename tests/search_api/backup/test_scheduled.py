"""Scheduled backups: the server writes a dated archive into NASKAH_BACKUP_DIR when one is
due, keeps the newest NASKAH_BACKUP_KEEP, and /cadangan (admins) lists them with their age
and shows the last failure until an archive is written again."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.backup import Backups, archive_name, read_manifest
from search_api.settings import Settings
from tests.auth import sign_in
from tests.search_api.conftest import CORPUS

FILE = "en-mou-greenlogger-loan-2014.pdf"


def settings_for(tmp_path: Path, **extra: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": tmp_path / "data",
        "meili_url": None,
        "backup_dir": tmp_path / "cadangan",
        "backup_first_check_s": 3600.0,
        **extra,
    }
    return Settings(**values)  # type: ignore[arg-type]


def shown_failure(page: str) -> str:
    found = re.search(
        r'<div class="notice error" role="alert" id="backup-failure">(.*?)</div>', page, re.S
    )
    assert found, "no failure shown"
    return found[1]


def wait_until_written(client: TestClient) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while True:
        listing: dict[str, object] = client.get("/api/backups").json()
        if not listing["running"] or time.monotonic() > deadline:
            return listing
        time.sleep(0.1)


def test_the_server_writes_a_backup_when_one_is_due(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, backup_first_check_s=0.2)
    with TestClient(create_app(settings)) as client:
        sign_in(client, "admin")
        deadline = time.monotonic() + 60
        while not list(settings.backup_dir.glob("naskah-*.tar")):  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "no scheduled archive within 60 s"
            time.sleep(0.1)
        listing = wait_until_written(client)
    (archive,) = settings.backup_dir.glob("naskah-*.tar")  # type: ignore[union-attr]
    assert read_manifest(archive).counts["synonyms"] > 0  # the store's own settings
    assert [a["name"] for a in listing["archives"]] == [archive.name]  # type: ignore[index]
    assert listing["last_failure"] is None


def test_only_the_newest_archives_are_kept_and_due_follows_the_newest(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, backup_keep=2, backup_every_hours=24.0)
    with TestClient(create_app(settings)) as client:
        backups: Backups = client.app.state.backups  # type: ignore[attr-defined]
        now = datetime.now(UTC)
        assert backups.is_due(now)
        for days in (3, 2, 1):
            backups.take(now - timedelta(days=days))
        names = [a.name for a in backups.archives()]
        assert names == [archive_name(now - timedelta(days=d)) for d in (1, 2)]
        assert backups.is_due(now)  # the newest is a day old
        backups.take(now - timedelta(hours=1))
        assert not backups.is_due(now)
        assert len(backups.archives()) == 2


def test_a_failed_backup_is_shown_on_the_page_until_one_is_written(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    with TestClient(create_app(settings)) as client:
        sign_in(client, "admin")
        assert (
            client.post(
                "/api/agreements", files={"file": (FILE, (CORPUS / FILE).read_bytes())}
            ).status_code
            == 201
        )
        original = next(settings.files_dir.glob("??/??/*"))
        good = original.read_bytes()
        original.write_bytes(good[:-10])  # the disk lost its end

        assert client.post("/api/backups").status_code == 202
        listing = wait_until_written(client)
        failure = listing["last_failure"]
        assert failure["problem"] == "original"  # type: ignore[index]
        assert listing["archives"] == []
        page = client.get("/cadangan", params={"lang": "id"}).text
        shown = shown_failure(page)
        assert "Cadangan terakhir gagal" in shown
        assert "ada berkas asli yang hilang atau berubah di disk" in shown
        left = [p.name for p in settings.backup_dir.iterdir()]  # type: ignore[union-attr]
        assert [name for name in left if not name.startswith(".naskah-backup.lock")] == []

        original.write_bytes(good)
        assert client.post("/api/backups").status_code == 202
        listing = wait_until_written(client)
        assert listing["last_failure"] is None
        assert len(listing["archives"]) == 1  # type: ignore[arg-type]
        page = client.get("/cadangan", params={"lang": "en"}).text
        assert 'id="backup-failure"' not in page
        row = re.search(r'<tr data-archive="([^"]+)">(.*?)</tr>', page, re.S)
        assert row and row[1] == listing["archives"][0]["name"]  # type: ignore[index]
        assert "just now" in row[2]


def test_the_page_says_how_to_switch_backups_on_when_no_folder_is_set(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path, meili_url=None))) as client:
        sign_in(client, "admin")
        page = client.get("/cadangan", params={"lang": "id"}).text
        assert "NASKAH_BACKUP_DIR" in page and 'id="backup-now"' not in page
        assert client.post("/api/backups").status_code == 409
        nav = client.get("/cari").text
        assert 'href="/cadangan"' in nav
        sign_in(client, "editor")
        assert 'href="/cadangan"' not in client.get("/cari").text
