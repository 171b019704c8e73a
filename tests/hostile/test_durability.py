"""Nothing half-stored under faults: kill -9 in the middle of `naskah import`, then rerun;
`naskah check` reports and repairs drift between store, originals and index."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from search_api.agreements import check, open_library, open_store
from search_api.agreements.library import open_index
from search_api.cli import main
from search_api.jobs import JobStore
from search_api.settings import Settings
from search_api.store.files import FileStore
from tests.hostile import files

FILES = 40


def _env(data_dir: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("NASKAH_DATABASE_URL", "NASKAH_MEILI_URL")
    }
    env.update(NASKAH_DATA_DIR=str(data_dir), NASKAH_LOG_LEVEL="WARNING")
    return env


def _import(folder: Path, data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "search_api.cli", "import", str(folder), "--workers", "2"],
        env=_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _rows(database: Path) -> int:
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM agreements").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet, or busy
        return 0


@pytest.mark.slow
def test_import_killed_mid_way_then_rerun_stores_each_file_exactly_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(FILES):
        maker = files.agreement_docx if number % 2 else files.agreement_pdf
        suffix = ".docx" if number % 2 else ".pdf"
        (folder / f"naskah-{number:02d}{suffix}").write_bytes(maker(f"ARSIP-{number:04d}"))
    data_dir = tmp_path / "data"
    database = data_dir / "naskah.db"

    first = _import(folder, data_dir)
    deadline = time.monotonic() + 120
    while _rows(database) < 5 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(30)
    assert first.returncode == -signal.SIGKILL
    at_kill = _rows(database)
    assert 0 < at_kill < FILES, f"the kill did not land mid-import ({at_kill} of {FILES})"

    second = _import(folder, data_dir)
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert f"{FILES} files:" in out and "0 failed" in out
    added = int(out.split(" added")[0].rsplit(" ", 1)[-1])
    assert added == FILES - at_kill

    with sqlite3.connect(database) as db:
        rows, distinct = db.execute(
            "SELECT count(*), count(DISTINCT sha256) FROM agreements"
        ).fetchone()
        pending = db.execute("SELECT count(*) FROM pending_index").fetchone()[0]
    assert (rows, distinct, pending) == (FILES, FILES, 0)
    settings = Settings(data_dir=data_dir, meili_url=None)
    store = open_store(settings)
    library = open_library(settings, store=store)
    try:
        report = check(library, JobStore(store), repair=False, verify_files=True, grace_s=0)
    finally:
        library.close()
    assert report.is_consistent, report.lines()
    assert (report.agreements, report.files) == (FILES, FILES)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NASKAH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("NASKAH_DATABASE_URL", raising=False)
    monkeypatch.delenv("NASKAH_MEILI_URL", raising=False)
    return tmp_path / "data"


def test_check_reports_drift_and_repair_fixes_what_it_can(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = open_library(Settings())
    try:
        ids = [
            library.add(files.agreement_docx(f"CEK-{n}"), f"cek-{n}.docx")[0].id for n in range(3)
        ]
        lost_from_index, lost_on_disk = ids[0], library.get(ids[1])
    finally:
        library.close()
    # the damage, done behind the library's back through handles of our own
    index = open_index(Settings())
    index.delete(lost_from_index)
    index.close()
    originals = FileStore(Settings().files_dir)
    originals.path_of(lost_on_disk.sha256).unlink()
    orphan = originals.root / "ab" / "cd" / ("ab" + "cd" + "0" * 60)
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"no row points here")
    leftover = orphan.parent / ".tmp-unfinished"
    leftover.write_bytes(b"half a file")

    assert main(["check", "--grace-minutes", "0"]) == 1
    out = capsys.readouterr().out
    assert f"not in the index: agreement {lost_from_index}" in out
    assert f"original missing for agreement {lost_on_disk.id}" in out
    assert f"original without a row {orphan}" in out
    assert f"unfinished write {leftover}" in out
    assert "run `naskah check --repair`" in out

    assert main(["check", "--repair", "--grace-minutes", "0"]) == 1  # the lost original stays
    out = capsys.readouterr().out
    assert "indexed 1, removed 0 from the index" in out
    assert not orphan.exists() and not leftover.exists()

    assert main(["check", "--grace-minutes", "0"]) == 1
    out = capsys.readouterr().out
    assert "not in the index" not in out and "without a row" not in out
    assert f"original missing for agreement {lost_on_disk.id}" in out


def test_check_leaves_a_young_file_alone_as_an_upload_in_flight(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = open_library(Settings())
    try:
        library.keep_original(b"written, row not committed yet")
    finally:
        library.close()
    assert main(["check", "--repair"]) == 0
    assert "naskah: consistent" in capsys.readouterr().out
