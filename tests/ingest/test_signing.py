from pathlib import Path
from typing import Any

import docx
import pytest

from ingest import extract_bytes
from ingest.extract.dates import find_signing
from tests.ingest.casetable import load


@pytest.mark.parametrize("row", load("signing.csv"))
def test_find_signing_reads_date_place_and_weekday(row: dict[str, Any]) -> None:
    signing = find_signing(row["text"], row["language"])
    assert (signing.date.value.isoformat() if signing.date else "") == row["date"]
    assert (signing.place.value if signing.place else "") == row["place"]
    assert signing.weekday_mismatch is (row["weekday_mismatch"] == "true")
    assert sorted(d.code for d in signing.doubts()) == sorted(row["doubts"].split())


def test_find_signing_spans_point_at_the_source() -> None:
    text = "Pada hari ini Kamis tanggal 20 September 2018, bertempat di Sungguminasa, kami"
    signing = find_signing(text, "id")
    assert signing.date and text[slice(*signing.date.span)].endswith("20 September 2018")
    assert signing.place and text[slice(*signing.place.span)] == "Sungguminasa"


def test_a_blank_signing_date_is_null_with_a_placeholder_doubt(tmp_path: Path) -> None:
    document = docx.Document()
    for line in (
        "PERJANJIAN KERJA SAMA",
        "ANTARA PEMERINTAH KOTA CONTOH DENGAN PT CONTOH ABADI",
        "TENTANG PENGELOLAAN PARKIR",
        "Pada hari ini ........ tanggal ........ bulan Juni tahun dua ribu dua puluh tiga, kami",
        "yang bertanda tangan di bawah ini:",
        "1. Andi Contoh, Wali Kota Contoh, dalam hal ini bertindak untuk dan atas nama Pemerintah"
        " Kota Contoh, selanjutnya disebut PIHAK PERTAMA.",
        "2. Budi Contoh, Direktur PT Contoh Abadi, dalam hal ini bertindak untuk dan atas nama"
        " PT Contoh Abadi, selanjutnya disebut PIHAK KEDUA.",
        "Pasal 1",
        "RUANG LINGKUP",
        "Ruang lingkup meliputi pengelolaan parkir.",
        "Pasal 2",
        "PENUTUP",
        "Demikian Perjanjian ini dibuat dalam rangkap 2 (dua).",
        "Contoh, ……… Juni 2023",
    ):
        document.add_paragraph(line)
    path = tmp_path / "pks-draft.docx"
    document.save(str(path))
    agreement = extract_bytes(path.read_bytes(), path.name, ocr=False)
    assert agreement.signed_date is None
    assert [d.code for d in agreement.doubts_of("signed_date")] == ["placeholder", "not_found"]
    assert len(agreement.parties) == 2
