"""`naskah backup` and `naskah restore` on real agreements from the shared corpus: the restored
store has the same agreements, the same originals byte for byte and the same answers to the
same searches; `naskah check` is clean; a target with data and a damaged archive are refused."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from search_api.app import create_app
from search_api.backup import read_manifest
from search_api.cli import main
from search_api.settings import Settings
from search_api.store.db import HEAD_REVISION, MIGRATIONS
from tests.auth import sign_in
from tests.search_api.conftest import CORPUS

FILES = (
    "id-template-perjanjian-bagi-hasil-2024.pdf",
    "en-mou-greenlogger-loan-2014.pdf",
    "id-nk-template-polibatam-industri.docx",
)
QUERIES = ("kerja sama", "jangka waktu", "agreement", "bagi hasil")


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    for name in ("NASKAH_DATABASE_URL", "NASKAH_MEILI_URL", "NASKAH_BACKUP_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NASKAH_LOG_LEVEL", "WARNING")
    yield monkeypatch


def uploaded(data_dir: Path, database_url: str | None = None) -> str:
    """A store over `data_dir` with FILES uploaded through the API; an admin token."""
    settings = Settings(data_dir=data_dir, database_url=database_url)
    with TestClient(create_app(settings)) as client:
        token = sign_in(client, "admin")
        for name in FILES:
            answer = client.post(
                "/api/agreements", files={"file": (name, (CORPUS / name).read_bytes())}
            )
            assert answer.status_code == 201, answer.text
    return token


def snapshot_of(data_dir: Path, token: str, database_url: str | None = None) -> dict[str, object]:
    """What a person sees: the agreements (as the API gives them), each original's bytes,
    and the ids each search answers, in order."""
    settings = Settings(data_dir=data_dir, database_url=database_url)
    with TestClient(create_app(settings)) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        listing = client.get("/api/agreements", params={"limit": 100}).json()
        items = sorted(listing["items"], key=lambda a: a["id"])
        agreements = {a["id"]: client.get(f"/api/agreements/{a['id']}").json() for a in items}
        originals = {
            agreement_id: client.get(f"/api/agreements/{agreement_id}/file").content
            for agreement_id in agreements
        }
        searches = {
            q: [
                (h.get("agreement_id"), h.get("clause_id"))
                for h in client.get("/api/search", params={"q": q}).json()["hits"]
            ]
            for q in QUERIES
        }
    return {"agreements": agreements, "originals": originals, "searches": searches}


def test_a_restored_store_has_the_same_agreements_originals_and_answers(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    there, here, archive = tmp_path / "kantor", tmp_path / "server", tmp_path / "naskah.tar"
    token = uploaded(there)
    before = snapshot_of(there, token)
    assert len(before["agreements"]) == len(FILES)  # type: ignore[arg-type]
    assert all(before["searches"].values())  # type: ignore[attr-defined]

    env.setenv("NASKAH_DATA_DIR", str(there))
    assert main(["backup", str(archive)]) == 0
    manifest = read_manifest(archive)
    assert (manifest.agreements, len(manifest.originals)) == (len(FILES), len(FILES))
    assert manifest.schema_revision == HEAD_REVISION
    assert manifest.counts["users"] == 1 and manifest.counts["synonyms"] > 0

    env.setenv("NASKAH_DATA_DIR", str(here))
    assert main(["restore", str(archive)]) == 0
    assert "naskah: consistent" in capsys.readouterr().out
    assert main(["check", "--verify-files"]) == 0
    # the admin's token was restored with the users: the same person reads the same store
    assert snapshot_of(here, token) == before
    for agreement_id, data in before["originals"].items():  # type: ignore[attr-defined]
        assert (
            data == (CORPUS / before["agreements"][agreement_id]["source"]["filename"]).read_bytes()
        )  # type: ignore[index]


def test_restore_into_a_folder_with_data_is_refused_and_changes_nothing(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    there, archive = tmp_path / "kantor", tmp_path / "naskah.tar"
    uploaded(there)
    env.setenv("NASKAH_DATA_DIR", str(there))
    assert main(["backup", str(archive)]) == 0
    database = (there / "naskah.db").read_bytes()

    assert main(["restore", str(archive)]) == 2
    said = capsys.readouterr().err
    assert "restore refused, the target already holds data" in said
    assert "agreements" in said and "Nothing was changed" in said
    assert (there / "naskah.db").read_bytes() == database


def test_restore_into_a_new_unused_store_goes_ahead(
    env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A server started once (schema made, synonyms seeded) and never used is empty."""
    there, here, archive = tmp_path / "kantor", tmp_path / "server", tmp_path / "naskah.tar"
    uploaded(there)
    env.setenv("NASKAH_DATA_DIR", str(there))
    assert main(["backup", str(archive)]) == 0
    with TestClient(create_app(Settings(data_dir=here))):
        pass
    env.setenv("NASKAH_DATA_DIR", str(here))
    assert main(["restore", str(archive)]) == 0


def test_a_damaged_archive_is_refused_before_anything_is_written(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    there, here = tmp_path / "kantor", tmp_path / "server"
    archive, damaged = tmp_path / "naskah.tar", tmp_path / "rusak.tar"
    uploaded(there)
    env.setenv("NASKAH_DATA_DIR", str(there))
    assert main(["backup", str(archive)]) == 0
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as out:
        for member in source:
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.startswith("files/") and not out.getmembers()[1:]:
                data = data[:-1] + bytes([data[-1] ^ 1])  # one bit of the first original
            out.addfile(member, io.BytesIO(data))

    env.setenv("NASKAH_DATA_DIR", str(here))
    assert main(["restore", str(damaged)]) == 2
    assert "the archive is damaged" in capsys.readouterr().err
    assert not here.exists() or list(here.rglob("*")) == []

    (tmp_path / "not.tar").write_bytes(b"PK\x03\x04 a zip, not an archive")
    assert main(["restore", str(tmp_path / "not.tar")]) == 2
    assert "not a naskah backup archive" in capsys.readouterr().err


def test_an_archive_of_an_older_schema_is_migrated_on_restore(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    there, here = tmp_path / "kantor", tmp_path / "server"
    archive, older = tmp_path / "naskah.tar", tmp_path / "lama.tar"
    token = uploaded(there)
    before = snapshot_of(there, token)
    env.setenv("NASKAH_DATA_DIR", str(there))
    assert main(["backup", str(archive)]) == 0

    # the same archive as the version before reminders (0012) wrote it
    work = tmp_path / "work"
    with tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")
    database = work / "database" / "naskah.sqlite3"
    engine = create_engine(f"sqlite:///{database}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0012")
    engine.dispose()
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0012",)
    manifest = json.loads((work / "manifest.json").read_text())
    manifest["schema_revision"] = "0012"
    manifest["database"]["sha256"] = _sha256(database)
    manifest["database"]["size"] = database.stat().st_size
    (work / "manifest.json").write_text(json.dumps(manifest))
    with tarfile.open(older, "w") as tar:
        for path in sorted(work.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=str(path.relative_to(work)))

    env.setenv("NASKAH_DATA_DIR", str(here))
    assert main(["restore", str(older)]) == 0
    assert f"schema 0012 -> {HEAD_REVISION}" in capsys.readouterr().out
    with sqlite3.connect(here / "naskah.db") as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
    assert snapshot_of(here, token) == before


def test_backup_refuses_to_overwrite_a_file(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env.setenv("NASKAH_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "ada.tar").write_bytes(b"keep me")
    assert main(["backup", str(tmp_path / "ada.tar")]) == 2
    assert "the file exists" in capsys.readouterr().err
    assert (tmp_path / "ada.tar").read_bytes() == b"keep me"


def test_an_altered_original_fails_the_backup_and_leaves_no_archive(
    env: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    there, archive = tmp_path / "kantor", tmp_path / "naskah.tar"
    uploaded(there)
    original = next(p for p in (there / "files").glob("??/??/*"))
    original.write_bytes(original.read_bytes() + b"x")
    env.setenv("NASKAH_DATA_DIR", str(there))
    assert main(["backup", str(archive)]) == 2
    assert "differs from its sha256" in capsys.readouterr().err
    assert not archive.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".naskah")] == []


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_archive_holds_only_what_it_needs(env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    there, archive = tmp_path / "kantor", tmp_path / "naskah.tar"
    uploaded(there)
    env.setenv("NASKAH_DATA_DIR", str(there))
    assert main(["backup", str(archive)]) == 0
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "database/naskah.sqlite3" in names
    assert not [n for n in names if n.startswith("index")]
    assert len([n for n in names if n.startswith("files/")]) == len(FILES)
    shutil.rmtree(there / "index")  # the index is not needed: restore rebuilds it
