"""A backup taken by `naskah backup` while `naskah serve` runs and uploads keep coming over
HTTP restores to a consistent store: every agreement with its original byte for byte and all
its clauses, nothing half, and `naskah check` clean."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from search_api.backup import read_manifest
from tests.auth import served_token
from tests.search_api.conftest import CORPUS
from tests.served import env_for, run, serving

pytestmark = pytest.mark.slow

FILES = (
    "id-template-perjanjian-bagi-hasil-2024.pdf",
    "en-mou-greenlogger-loan-2014.pdf",
    "en-mou-cipher-craft-murree-brewery-2024.docx",
    "en-agr-lucid-distributor-2011.pdf",
    "id-pks-draft-trisakti-warmadewa-fk-2022.docx",
    "id-nk-template-polibatam-industri.docx",
    "en-amend-federated-services-agreement-2009.pdf",
    "en-agr-union-dental-business-affiliate-2005.pdf",
    "id-pks-template-polibatam-magang-bilingual.docx",
    "en-agr-spok-white-hat-cooperation-2020.pdf",
)


def agreements_of(url: str, token: str) -> dict[str, dict[str, object]]:
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as c:
        items = c.get("/api/agreements", params={"limit": 200}).json()["items"]
        return {a["id"]: c.get(f"/api/agreements/{a['id']}").json() for a in items}


def test_a_backup_taken_during_uploads_restores_to_a_consistent_store(tmp_path: Path) -> None:
    there = env_for(tmp_path / "kantor")
    token = served_token(there, "editor")
    uploaded: list[str] = []
    errors: list[str] = []
    archives: list[Path] = []
    with serving(there, tmp_path / "serve.log") as url:

        def upload(names: tuple[str, ...]) -> None:
            with httpx.Client(
                base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=120
            ) as c:
                for name in names:
                    answer = c.post(
                        "/api/agreements", files={"file": (name, (CORPUS / name).read_bytes())}
                    )
                    (uploaded if answer.status_code == 201 else errors).append(
                        f"{name} {answer.status_code}"
                    )

        threads = [threading.Thread(target=upload, args=(FILES[i::2],)) for i in range(2)]
        for thread in threads:
            thread.start()
        while len(uploaded) < 2 and not errors:
            time.sleep(0.1)
        # two archives while the uploads go on: each a moment of the store
        for n in range(2):
            archive = tmp_path / f"naskah-{n}.tar"
            done = run(there, "backup", str(archive))
            assert done.returncode == 0, done.stderr
            archives.append(archive)
        for thread in threads:
            thread.join()
        assert errors == []
        final = agreements_of(url, token)
    assert len(final) == len(FILES)
    assert read_manifest(archives[0]).agreements > 0

    for n, archive in enumerate(archives):
        here = env_for(tmp_path / f"server-{n}")
        done = run(here, "restore", str(archive))
        assert done.returncode == 0, done.stdout + done.stderr
        assert "naskah: consistent" in done.stdout
        assert run(here, "check", "--verify-files").returncode == 0
        manifest = read_manifest(archive)
        with serving(here, tmp_path / f"serve-{n}.log") as url:
            restored = agreements_of(url, token)
            with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}) as c:
                for agreement_id, agreement in restored.items():
                    name = agreement["source"]["filename"]  # type: ignore[index]
                    original = c.get(f"/api/agreements/{agreement_id}/file").content
                    assert original == (CORPUS / name).read_bytes(), name
        assert len(restored) == manifest.agreements
        # nothing half: each restored agreement is as the server has it, clauses and all
        for agreement_id, agreement in restored.items():
            assert agreement == final[agreement_id]
