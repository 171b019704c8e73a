"""The register: status with the 90-day window, counts per year and kind, CSV and XLSX export."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from ingest.extract.partners import COOPERATION_KINDS, PARTNER_TYPES
from ingest.extract.sectors import SECTORS
from ingest.model import Agreement, Clause, Party, Source
from search_api.agreements import word_diff
from search_api.register import register_status
from search_api.register.labels import kind_label, partner_label, sector_label
from search_api.settings import Settings
from tests.auth import signed_in_client
from tests.ingest.test_documents import DOCUMENTS, render_pdf
from tests.search_api.conftest import CORPUS

FILES = (
    CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf",
    CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx",
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("register"), meili_url=None)
    with signed_in_client(settings) as client:
        for path in FILES:
            response = client.post(
                "/api/agreements", files={"file": (path.name, path.read_bytes())}
            )
            assert response.status_code == 201, response.text
        yield client


@pytest.mark.parametrize(
    ("expiry", "expected"),
    [
        (None, "unknown"),
        (date(2024, 5, 31), "expired"),
        (date(2024, 6, 1), "expiring"),
        (date(2024, 8, 30), "expiring"),
        (date(2024, 8, 31), "active"),
    ],
)
def test_status_counts_90_days_ahead(expiry: date | None, expected: str) -> None:
    assert register_status(expiry, date(2024, 6, 1)) == expected


def test_register_counts_per_year_and_kind(client: TestClient) -> None:
    page = client.get("/api/register").json()
    assert page["stats"]["total"] == 2
    assert page["stats"]["by_year"] == [{"year": 2022, "counts": {"agreement": 2}, "total": 2}]
    assert [r["signed_date"] for r in page["rows"]] == ["2022-08-01", "2022-01-24"]


def test_register_filters_by_words_and_sorts_by_title(client: TestClient) -> None:
    page = client.get("/api/register", params={"q": "warmadewa"}).json()
    assert [r["filename"] for r in page["rows"]] == [FILES[1].name]
    titles = [r["title"] for r in client.get("/api/register?sort=title&order=asc").json()["rows"]]
    assert titles == sorted(titles)


def test_xlsx_export_has_the_lppd_columns_and_one_row_per_agreement(client: TestClient) -> None:
    response = client.get("/api/register/export", params={"format": "xlsx"})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header = list(rows[0])
    for column in ("Tahun", "Jenis naskah", "Nomor", "Para pihak", "Berakhir", "Status"):
        assert column in header
    assert len(rows) == 3
    louis = next(r for r in rows[1:] if "LOUIS" in str(r[header.index("Judul")]))
    assert louis[header.index("Nomor")] == "003/MOU/LA/VII/2022; B/422/401/SMKN6/2022"
    assert louis[header.index("Tanggal ditandatangani")].date() == date(2022, 8, 1)
    assert list(book.worksheets[1].iter_rows(values_only=True))[1][0] == 2022


def test_xlsx_export_keeps_text_that_looks_like_a_formula_as_text_and_dates_as_dates(
    client: TestClient,
) -> None:
    rows = client.get("/api/register").json()["rows"]
    louis = next(r for r in rows if r["filename"] == FILES[0].name)
    title = '=HYPERLINK("http://contoh.invalid","klik")'
    assert client.patch(f"/api/agreements/{louis['id']}", json={"title": title}).status_code == 200
    try:
        response = client.get("/api/register/export", params={"format": "xlsx"})
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        header = [c.value for c in sheet[1]]
        cells = {str(c.value): c for row in sheet.iter_rows(min_row=2) for c in row}
        assert cells[title].data_type == "s"  # a string, not a formula
        signed = next(
            row[header.index("Tanggal ditandatangani")]
            for row in sheet.iter_rows(min_row=2)
            if row[header.index("Judul")].value == title
        )
        assert signed.number_format == "yyyy-mm-dd"
        assert signed.value.date() == date(2022, 8, 1)
        # the header stays in view, bold, and the title column is wide
        assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
        # 60 characters wide (XlsxWriter stores Excel's own width for it, 60 plus padding)
        assert int(max(d.width for d in sheet.column_dimensions.values())) == 60
    finally:
        client.patch(
            f"/api/agreements/{louis['id']}",
            json={"title": louis["title"], "expiry_date": louis["expiry_date"]},
        )


def test_csv_export_in_english_keeps_accents_and_filters(client: TestClient) -> None:
    response = client.get(
        "/api/register/export", params={"format": "csv", "lang": "en", "q": "louis"}
    )
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Year,Document kind,Cooperation kind,Title")
    assert len(lines) == 2 and "Cooperation agreement" in lines[1]


def test_register_gives_cooperation_kind_and_partner_types_for_the_lppd(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Agreements of a region (written for the tests, rendered to PDF): with a university and
    with its water company (third parties), and in English with a city abroad."""
    folder = tmp_path_factory.mktemp("gowa")
    settings = Settings(data_dir=folder / "data", meili_url=None)
    with signed_in_client(settings) as client:
        for name in ("pks-gowa-unismuh", "adendum-pks-gowa-pdam", "kb-gowa-makassar-en"):
            path = folder / f"{name}.pdf"
            render_pdf((DOCUMENTS / f"{name}.txt").read_text(), path, header=name)
            response = client.post(
                "/api/agreements", files={"file": (path.name, path.read_bytes())}
            )
            assert response.status_code == 201, response.text
        rows = {r["filename"]: r for r in client.get("/api/register").json()["rows"]}
        got = {name: (r["cooperation_kind"], r["partner_types"]) for name, r in rows.items()}
        assert got == {
            "pks-gowa-unismuh.pdf": ("ksdpk", ["region", "university"]),
            "adendum-pks-gowa-pdam.pdf": ("ksdpk", ["region", "state_company"]),
            "kb-gowa-makassar-en.pdf": ("ksdpl", ["region", "other"]),
        }
        sectors = {name: r["sectors"] for name, r in rows.items()}
        assert sectors == {
            "pks-gowa-unismuh.pdf": ["education", "health"],
            "adendum-pks-gowa-pdam.pdf": ["public_works"],
            "kb-gowa-makassar-en.pdf": ["environment"],
        }
        health = client.get("/api/register", params={"sector": "health"}).json()["rows"]
        assert [r["filename"] for r in health] == ["pks-gowa-unismuh.pdf"]
        page = client.get("/api/register", params={"cooperation_kind": "ksdpl"}).json()
        assert [r["filename"] for r in page["rows"]] == ["kb-gowa-makassar-en.pdf"]
        assert page["stats"]["by_cooperation_kind"]["ksdpl"] == 1
        assert client.get("/api/register", params={"cooperation_kind": "ksdx"}).status_code == 422

        response = client.get("/api/register/export", params={"format": "xlsx"})
        book = load_workbook(io.BytesIO(response.content))
        table = list(book.worksheets[0].iter_rows(values_only=True))
        header = list(table[0])
        unismuh = next(r for r in table[1:] if r[header.index("Berkas")] == "pks-gowa-unismuh.pdf")
        assert unismuh[header.index("Jenis kerja sama")] == (
            "Kerja Sama Daerah dengan Pihak Ketiga (KSDPK)"
        )
        assert unismuh[header.index("Jenis mitra")] == "Pemerintah daerah; Perguruan tinggi"
        assert unismuh[header.index("Bidang urusan")] == "Pendidikan; Kesehatan"
        assert unismuh[header.index("Perangkat daerah")] == "Dinas Kesehatan Kabupaten Gowa"
        assert unismuh[header.index("Merujuk naskah")] == (
            "119/1234/HUMKER/IX/2018; 01/MoU/UNISMUH/IX/2018"
        )
        recap = [r for r in book.worksheets[1].iter_rows(values_only=True) if r]
        kinds_header = next(
            r for r in recap if "Kerja Sama Daerah dengan Pihak Ketiga (KSDPK)" in r
        )
        years = [r for r in recap[recap.index(kinds_header) + 1 :] if isinstance(r[0], int)]
        totals = {kind: sum(r[i] for r in years) for i, kind in enumerate(kinds_header) if i}
        assert totals["Kerja Sama Daerah dengan Pihak Ketiga (KSDPK)"] == 2
        assert totals["Kerja Sama Daerah dengan Pemerintah Daerah di Luar Negeri (KSDPL)"] == 1
        assert sum(totals.values()) == 3

        html = client.get("/daftar", params={"cooperation_kind": "ksdpk"}).text
        assert f'/naskah/{rows["pks-gowa-unismuh.pdf"]["id"]}"' in html
        assert f'/naskah/{rows["kb-gowa-makassar-en.pdf"]["id"]}"' not in html
        assert 'value="ksdpk" selected' in html
        html = client.get("/daftar", params={"sector": "public_works"}).text
        assert f'/naskah/{rows["adendum-pks-gowa-pdam.pdf"]["id"]}"' in html
        assert f'/naskah/{rows["pks-gowa-unismuh.pdf"]["id"]}"' not in html
        assert 'value="public_works" selected' in html
        english = client.get("/daftar", params={"lang": "en"}).text
        assert "Public works and spatial planning" in english
        assert "With a third party (KSDPK)" in english

        # a person corrects the partner: the register follows at once (nothing stale kept)
        unismuh_id = rows["pks-gowa-unismuh.pdf"]["id"]
        parties = client.get(f"/api/agreements/{unismuh_id}").json()["parties"]
        parties[1]["name"] = "Pemerintah Kota Makassar"
        response = client.patch(f"/api/agreements/{unismuh_id}", json={"parties": parties})
        assert response.status_code == 200, response.text
        after = {r["filename"]: r for r in client.get("/api/register").json()["rows"]}
        assert after["pks-gowa-unismuh.pdf"]["partner_types"] == ["region", "region"]
        assert after["pks-gowa-unismuh.pdf"]["cooperation_kind"] == "ksdd"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_cooperation_kind_and_partner_type_has_export_words(lang: str) -> None:
    labels = [kind_label(k, lang) for k in COOPERATION_KINDS]
    labels += [partner_label(t, lang) for t in PARTNER_TYPES]
    labels += [sector_label(s, lang) for s in SECTORS]
    assert all(labels) and len(set(labels)) == len(labels)


def test_expiry_calendar_has_an_event_with_reminders_per_expiring_agreement(
    client: TestClient,
) -> None:
    from icalendar import Calendar

    rows = client.get("/api/register").json()["rows"]
    louis = next(r for r in rows if r["filename"] == FILES[0].name)
    title = 'PKS, "Louis"; baris\nkedua <script>alert(1)</script>'
    ends = (date.today().replace(day=1) + timedelta(days=400)).isoformat()  # still in force
    changed = client.patch(
        f"/api/agreements/{louis['id']}", json={"title": title, "expiry_date": ends}
    )
    assert changed.status_code == 200
    rows = client.get("/api/register").json()["rows"]
    response = client.get("/api/register/export", params={"format": "ics"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["content-disposition"].endswith('.ics"')
    calendar = Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    # one event per agreement with an end still ahead; those that have ended are left out
    live = {r["id"] for r in rows if r["expiry_date"] and r["status"] != "expired"}
    assert any(r["status"] == "expired" for r in rows)
    assert set(events) == {f"naskah-{i}-expiry" for i in live}
    event = events[f"naskah-{louis['id']}-expiry"]
    assert event.decoded("dtstart").isoformat() == ends
    assert str(event["summary"]) == f"Berakhir: {title}"  # escaped in the file, whole again here
    assert str(event["url"]).endswith(f"/naskah/{louis['id']}")
    triggers = sorted(a.decoded("trigger").days for a in event.walk("VALARM"))
    assert triggers == [-90, -30]
    # the module's other tests see the title as extracted
    client.patch(
        f"/api/agreements/{louis['id']}",
        json={"title": louis["title"], "expiry_date": louis["expiry_date"]},
    )


def test_word_diff_marks_only_the_words_that_differ() -> None:
    left, right = word_diff("para pihak wajib membayar biaya", "Para Pihak wajib menanggung biaya")
    assert [(p.kind, p.text.strip()) for p in left] == [
        ("same", "para pihak wajib"),
        ("removed", "membayar"),
        ("same", "biaya"),
    ]
    assert [(p.kind, p.text.strip()) for p in right if p.kind != "same"] == [
        ("added", "menanggung")
    ]


def test_the_kept_profile_is_what_the_whole_agreement_derives(tmp_path: Path) -> None:
    """The store keeps the profile derived when an agreement is written, from the whole
    agreement; the register reads it. Also where the field is only named in a purpose
    clause; an agreement naming none has none."""
    from ingest.profile import profile_of
    from search_api.register import derived_fields
    from search_api.store.db import ListFilter, Store

    store = Store.open(f"sqlite:///{tmp_path / 'naskah.db'}")
    try:
        store.add(
            _agreement("sehat", "Meningkatkan pelayanan kesehatan di puskesmas."),
            size=1,
            extractor_version="t",
        )
        store.add(
            _agreement("nihil", "Kerja sama sebagaimana disepakati."), size=1, extractor_version="t"
        )
        _, page = store.listing(ListFilter(), brief=True)
        sectors = {}
        for brief in page:
            whole = store.get(brief.id)
            assert brief.agreement.profile == profile_of(replace(whole.agreement, profile=None))
            sectors[brief.agreement.parties[1].name] = derived_fields(brief).sectors
        assert sectors == {"PT Sehat": ["health"], "PT Nihil": []}
    finally:
        store.close()


def _agreement(name: str, purpose: str) -> Agreement:
    return Agreement(
        source=Source(
            f"{name}.pdf", name.encode().hex().ljust(64, "0"), "application/pdf", 1, False
        ),
        language="id",
        doc_type="agreement",
        title=f"PERJANJIAN KERJA SAMA ANTARA PEMERINTAH KABUPATEN GOWA DENGAN PT {name.upper()}",
        subject=None,
        numbers=[],
        parties=[
            Party("PIHAK PERTAMA", "Pemerintah Kabupaten Gowa", None, None),
            Party("PIHAK KEDUA", f"PT {name.title()}", None, None),
        ],
        signed_date=date(2024, 1, 2),
        signed_place=None,
        effective_date=None,
        term=None,
        expiry_date=None,
        references=[],
        clauses=[
            Clause("1", "MAKSUD DAN TUJUAN", "purpose", purpose),
            Clause("2", "PENUTUP", "closing", "Perjanjian ini dibuat rangkap dua."),
        ],
    )


def test_the_register_reads_again_only_what_changed_and_forgets_what_was_deleted(
    tmp_path: Path,
) -> None:
    from search_api.agreements import open_library
    from search_api.register import RegisterFilter, register_rows

    library = open_library(Settings(data_dir=tmp_path, meili_url=None))
    today = date(2024, 6, 1)
    try:
        sehat, _ = library.add_extracted(b"sehat", _agreement("sehat", "Pelayanan kesehatan."))
        nihil, _ = library.add_extracted(b"nihil", _agreement("nihil", "Sesuai kesepakatan."))
        first = register_rows(library, RegisterFilter(), today)
        assert [r.id for r in first] == [sehat.id, nihil.id]
        library.correct(nihil.id, {"title": "KESEPAKATAN BERSAMA TENTANG PARIWISATA"})
        library.delete(sehat.id)
        (row,) = register_rows(library, RegisterFilter(), today)
        assert (row.id, row.title, row.sectors) == (
            nihil.id,
            "KESEPAKATAN BERSAMA TENTANG PARIWISATA",
            ["culture_tourism"],
        )
    finally:
        library.close()
