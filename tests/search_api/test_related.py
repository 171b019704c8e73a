"""Follow-ups by number, over HTTP: a PKS cites the KB it carries out, and both pages link."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from search_api.settings import Settings
from tests.auth import signed_in_client
from tests.ingest.test_documents import DOCUMENTS, render_pdf

# The KB that tests/ingest/documents/pks-gowa-unismuh.txt cites by its two numbers.
KB_TEXT = """KESEPAKATAN BERSAMA
ANTARA
PEMERINTAH KABUPATEN GOWA
DENGAN
UNIVERSITAS MUHAMMADIYAH MAKASSAR
TENTANG
KERJA SAMA DI BIDANG PENDIDIKAN, PENELITIAN DAN PENGABDIAN KEPADA MASYARAKAT
NOMOR : 119/1234/HUMKER/IX/2018
NOMOR : 01/MoU/UNISMUH/IX/2018

Pada hari ini Kamis tanggal dua puluh bulan September tahun dua ribu delapan belas, bertempat di Sungguminasa, kami yang bertanda tangan di bawah ini:
1. Adnan Purichta Contoh, selaku Bupati Gowa, dalam hal ini bertindak untuk dan atas nama Pemerintah Kabupaten Gowa, selanjutnya disebut PIHAK PERTAMA.
2. Prof. Dr. Rahman Contoh, M.Pd., selaku Rektor, dalam hal ini bertindak untuk dan atas nama Universitas Muhammadiyah Makassar, selanjutnya disebut PIHAK KEDUA.
PIHAK PERTAMA dan PIHAK KEDUA secara bersama-sama disebut PARA PIHAK.

Pasal 1
MAKSUD DAN TUJUAN
Kesepakatan Bersama ini dimaksudkan sebagai landasan kerja sama PARA PIHAK di bidang pendidikan dan kesehatan.

Pasal 2
JANGKA WAKTU
Kesepakatan Bersama ini berlaku untuk jangka waktu 5 (lima) tahun sejak ditandatangani.
"""


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str, str]]:
    folder = tmp_path_factory.mktemp("related")
    kb_pdf, pks_pdf = folder / "kb-gowa-unismuh.pdf", folder / "pks-gowa-unismuh.pdf"
    render_pdf(KB_TEXT, kb_pdf, header="KB")
    render_pdf((DOCUMENTS / "pks-gowa-unismuh.txt").read_text(), pks_pdf, header="PKS")
    settings = Settings(data_dir=folder / "data", meili_url=None)
    with signed_in_client(settings) as client:
        ids = []
        for path in (kb_pdf, pks_pdf):
            response = client.post(
                "/api/agreements", files={"file": (path.name, path.read_bytes())}
            )
            assert response.status_code == 201, response.text
            ids.append(response.json()["id"])
        yield client, ids[0], ids[1]


def test_a_pks_lists_the_kb_it_cites_and_the_kb_the_pks_citing_it(
    linked: tuple[TestClient, str, str],
) -> None:
    client, kb, pks = linked
    assert client.get(f"/api/agreements/{kb}").json()["numbers"] == [
        "119/1234/HUMKER/IX/2018",
        "01/MoU/UNISMUH/IX/2018",
    ]
    cites = client.get(f"/api/agreements/{pks}/related").json()
    assert [(c["number"], [a["id"] for a in c["agreements"]]) for c in cites["cites"]] == [
        ("119/1234/HUMKER/IX/2018", [kb]),
        ("01/MoU/UNISMUH/IX/2018", [kb]),
    ]
    assert cites["cited_by"] == []
    cited = client.get(f"/api/agreements/{kb}/related").json()
    assert cited["cites"] == []
    assert [(a["id"], a["doc_type"]) for a in cited["cited_by"]] == [(pks, "agreement")]
    assert client.get("/api/agreements/nope/related").status_code == 404


def test_the_agreement_pages_link_both_ways(linked: tuple[TestClient, str, str]) -> None:
    client, kb, pks = linked
    kb_page = client.get(f"/naskah/{kb}").text
    assert 'id="cited-by"' in kb_page and f'href="/naskah/{pks}"' in kb_page
    pks_page = client.get(f"/naskah/{pks}").text
    assert f'href="/naskah/{kb}"' in pks_page
    assert 'id="cited-by"' not in pks_page


def test_an_unknown_cited_number_is_marked_not_stored(tmp_path: Path) -> None:
    pks_pdf = tmp_path / "pks.pdf"
    render_pdf((DOCUMENTS / "pks-gowa-unismuh.txt").read_text(), pks_pdf, header="PKS")
    with signed_in_client(Settings(data_dir=tmp_path / "data", meili_url=None)) as client:
        response = client.post("/api/agreements", files={"file": ("pks.pdf", pks_pdf.read_bytes())})
        pks = response.json()["id"]
        related = client.get(f"/api/agreements/{pks}/related").json()
        assert [c["agreements"] for c in related["cites"]] == [[], []]
        assert "belum tersimpan di naskah" in client.get(f"/naskah/{pks}").text


def test_the_register_shows_who_followed_an_agreement_up(
    linked: tuple[TestClient, str, str],
) -> None:
    client, kb, pks = linked
    # filtered to MoUs only: the PKS is not listed, but still counts as the KB's follow-up
    rows = client.get("/api/register", params={"doc_type": "mou"}).json()["rows"]
    assert [(r["id"], [u["id"] for u in r["followed_by"]]) for r in rows] == [(kb, [pks])]
    response = client.get("/api/register/export", params={"format": "csv", "doc_type": "mou"})
    lines = response.content.decode("utf-8-sig").splitlines()
    header = lines[0].split(",")
    assert "Ditindaklanjuti oleh" in header
    assert "Perjanjian Kerja Sama 445/112/DINKES/III/2019, 021/FK-UNISMUH/III/2019" in lines[1]
    page = client.get("/daftar").text
    assert "1 tindak lanjut" in page
