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
    facts = client.get(f"/naskah/{pks}").text
    facts = facts[facts.index('id="register-fields"') :]
    assert "Dengan pihak ketiga (KSDPK)" in facts
    assert "Pemerintah Kabupaten Gowa: Pemerintah daerah" in facts
    assert "Dinas Kesehatan Kabupaten Gowa" in facts
    assert "Pendidikan; Kesehatan" in facts
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


# The PKS that tests/ingest/documents/adendum-pks-gowa-pdam.txt amends (to end 31 Dec 2023).
PDAM_PKS_TEXT = """PERJANJIAN KERJA SAMA
ANTARA
PEMERINTAH KABUPATEN GOWA
DENGAN
PERUSAHAAN UMUM DAERAH AIR MINUM TIRTA JENEBERANG
TENTANG
PENGELOLAAN SISTEM PENYEDIAAN AIR MINUM
NOMOR : 690/88/BAG.KS/III/2018
NOMOR : 05/PDAM-TJ/III/2018

Pada hari ini Kamis tanggal lima belas bulan Maret tahun dua ribu delapan belas, bertempat di Kantor Bupati Gowa, kami yang bertanda tangan di bawah ini:
1. Drs. H. Muchlis Contoh, M.Si., selaku Sekretaris Daerah Kabupaten Gowa, dalam hal ini bertindak untuk dan atas nama Pemerintah Kabupaten Gowa, selanjutnya disebut PIHAK PERTAMA.
2. Ir. Andi Contoh, selaku Direktur Utama, dalam hal ini bertindak untuk dan atas nama Perusahaan Umum Daerah Air Minum Tirta Jeneberang, selanjutnya disebut PIHAK KEDUA.
PIHAK PERTAMA dan PIHAK KEDUA secara bersama-sama disebut PARA PIHAK.

Pasal 1
RUANG LINGKUP
Ruang lingkup Perjanjian ini meliputi pengelolaan sistem penyediaan air minum.

Pasal 6
JANGKA WAKTU
Perjanjian Kerja Sama ini berlaku untuk jangka waktu 3 (tiga) tahun sejak ditandatangani.
"""

# A KB that replaces the one in KB_TEXT when it ends.
KB_RENEWAL_TEXT = (
    KB_TEXT.replace("119/1234/HUMKER/IX/2018", "119/777/HUMKER/IX/2023")
    .replace("01/MoU/UNISMUH/IX/2018", "09/MoU/UNISMUH/IX/2023")
    .replace("tahun dua ribu delapan belas", "tahun dua ribu dua puluh tiga")
    .replace(
        "PIHAK PERTAMA dan PIHAK KEDUA secara bersama-sama disebut PARA PIHAK.",
        "PIHAK PERTAMA dan PIHAK KEDUA secara bersama-sama disebut PARA PIHAK.\n"
        "PARA PIHAK terlebih dahulu menerangkan bahwa PARA PIHAK telah menandatangani "
        "Kesepakatan Bersama Nomor 119/1234/HUMKER/IX/2018 yang berakhir pada tahun 2023.",
    )
)


def test_an_addendum_extends_and_a_new_kb_renews_in_the_register(tmp_path: Path) -> None:
    texts = {
        "pks-pdam-2018.pdf": PDAM_PKS_TEXT,
        "adendum-pks-gowa-pdam.pdf": (DOCUMENTS / "adendum-pks-gowa-pdam.txt").read_text(),
        "kb-2018.pdf": KB_TEXT,
        "kb-2023.pdf": KB_RENEWAL_TEXT,
    }
    with signed_in_client(Settings(data_dir=tmp_path / "data", meili_url=None)) as client:
        for name, text in texts.items():
            render_pdf(text, tmp_path / name, header=name)
            response = client.post(
                "/api/agreements", files={"file": (name, (tmp_path / name).read_bytes())}
            )
            assert response.status_code == 201, response.text
        rows = {r["filename"]: r for r in client.get("/api/register").json()["rows"]}
        pks = rows["pks-pdam-2018.pdf"]
        assert pks["expiry_date"] == "2021-03-14"
        assert pks["extended_until"] == "2023-12-31"  # the addendum's new end
        assert pks["renewed"] is False
        old_kb, new_kb = rows["kb-2018.pdf"], rows["kb-2023.pdf"]
        assert [u["id"] for u in old_kb["followed_by"]] == [new_kb["id"]]
        assert old_kb["renewed"] is True and new_kb["renewed"] is False
        assert old_kb["extended_until"] is None  # a new KB does not extend the old one

        from icalendar import Calendar

        ics = client.get("/api/register/export", params={"format": "ics"}).content
        events = {str(e["uid"]): e for e in Calendar.from_ical(ics).walk("VEVENT")}
        # the calendar leaves out what has ended (the PKS, even extended, ended in 2023)
        assert pks["status"] == "expired"
        assert f"naskah-{pks['id']}-expiry" not in events
        assert f"naskah-{old_kb['id']}-expiry" not in events  # renewed: its successor reminds
        for row in rows.values():
            ends = row["extended_until"] or row["expiry_date"]
            if row["status"] != "expired" and ends and not row["renewed"]:
                assert f"naskah-{row['id']}-expiry" in events
        assert all(rows_by_id := {r["id"]: r for r in rows.values()})
        for uid in events:
            assert (
                rows_by_id[uid.removeprefix("naskah-").removesuffix("-expiry")]["status"]
                != "expired"
            )
        # the agreement's own page says the same as the register: one definition
        pks_page = client.get(f"/naskah/{pks['id']}").text
        assert "diperpanjang s.d. 31 Desember 2023" in pks_page
        renewed = 'class="badge follow-up renewed">sudah diperbarui<'
        assert renewed in client.get(f"/naskah/{old_kb['id']}").text
        assert renewed not in client.get(f"/naskah/{new_kb['id']}").text
        page = client.get("/daftar").text
        assert "diperpanjang s.d. 31 Desember 2023" in page
        assert "sudah diperbarui" in page
