from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search_api.cli import main
from tests.search_api.conftest import CORPUS


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NASKAH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("NASKAH_DATABASE_URL", raising=False)
    monkeypatch.delenv("NASKAH_MEILI_URL", raising=False)
    return tmp_path / "data"


def test_import_adds_a_folder_reports_failures_and_is_safe_to_rerun(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (
        "id-pks-louis-alain-smkn6-batam-2022.pdf",
        "id-pks-draft-trisakti-warmadewa-fk-2022.docx",
    ):
        shutil.copy(CORPUS / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"not a pdf at all")

    assert main(["import", str(folder), "--workers", "2"]) == 1
    out = capsys.readouterr().out
    assert "3 files: 2 added, 0 already stored, 1 failed" in out
    assert "broken.pdf" in out

    (folder / "broken.pdf").unlink()
    assert main(["import", str(folder)]) == 0
    assert "2 files: 0 added, 2 already stored, 0 failed" in capsys.readouterr().out


def test_reindex_rebuilds_every_agreement(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf", folder / "a.pdf")
    assert main(["import", str(folder)]) == 0
    assert main(["reindex"]) == 0
    assert "reindexed 1 agreements" in capsys.readouterr().out


def test_import_of_a_missing_folder_fails_with_one_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err.strip().endswith("import failed, not a folder.")


def test_import_reports_a_file_it_cannot_read_and_adds_the_rest(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf", folder / "a.pdf")
    shutil.copy(CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf", folder / "locked.pdf")
    (folder / "locked.pdf").write_bytes(b"%PDF-1.4 other bytes")
    # Root reads every file whatever its mode, so a file without read permission (common on
    # shared office folders) is simulated at the one call that reads it.
    read_bytes = Path.read_bytes

    def refuse_locked(self: Path) -> bytes:
        if self.name == "locked.pdf":
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse_locked)
    assert main(["import", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "2 files: 1 added, 0 already stored, 1 failed" in out
    assert "locked.pdf: step=read cannot read the file (Permission denied)" in out
