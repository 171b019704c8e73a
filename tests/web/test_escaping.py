"""A clause containing <script>alert(1)</script> shows as text on every page, and no dialog opens."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from tests.conftest import CORPUS
from tests.web.conftest import Dialogs, Server, screenshot

pytestmark = pytest.mark.browser

SCRIPT = "<script>alert(1)</script>"
PDF = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"

LINES = [
    "PERJANJIAN KERJA SAMA",
    "ANTARA",
    "PEMERINTAH KABUPATEN GOWA",
    "DENGAN",
    f"CV SKRIP {SCRIPT}",
    "TENTANG",
    "UJI TAMPILAN NASKAH",
    "NOMOR : 1/UJI/HUMKER/III/2024",
    "Pada hari ini Senin tanggal empat bulan Maret tahun dua ribu dua puluh empat, bertempat di "
    "Sungguminasa, kami yang bertanda tangan di bawah ini:",
    "1. ADNAN PURICHTA, Bupati Gowa, dalam hal ini bertindak untuk dan atas nama Pemerintah "
    "Kabupaten Gowa, selanjutnya disebut PIHAK PERTAMA.",
    f"2. BUDI SANTOSO {SCRIPT}, Direktur CV Skrip, dalam hal ini bertindak untuk dan atas nama "
    "CV Skrip, selanjutnya disebut PIHAK KEDUA.",
    "Pasal 1",
    "MAKSUD DAN TUJUAN",
    "Maksud Perjanjian Kerja Sama ini adalah menguji tampilan naskah.",
    "Pasal 2",
    "PENYELESAIAN PERSELISIHAN",
    "Dalam hal timbul perselisihan dalam pelaksanaan Perjanjian Kerja Sama ini, PARA PIHAK akan "
    f"menyelesaikannya dengan cara musyawarah untuk mufakat. Catatan: {SCRIPT} & kerugian "
    "ditanggung bersama.",
    "Pasal 3",
    "JANGKA WAKTU",
    "Perjanjian Kerja Sama ini berlaku selama 2 (dua) tahun sejak tanggal ditandatangani.",
]


@pytest.fixture
def script_docx(tmp_path: Path) -> Path:
    document = Document()
    for line in LINES:
        document.add_paragraph(line)
    path = tmp_path / "pks-uji-skrip.docx"
    document.save(str(path))
    return path


def test_a_script_in_a_clause_shows_as_text_everywhere(
    page: Page, server: Server, dialogs: Dialogs, script_docx: Path
) -> None:
    base = server.url
    page.goto(f"{base}/unggah")
    page.locator("#file-input").set_input_files([str(script_docx), str(PDF)])
    items = page.locator(".file-item")
    for i in range(2):
        expect(items.nth(i).locator(".file-state")).to_contain_text("Selesai", timeout=120_000)
    expect(items.first.locator(".summary")).to_contain_text(SCRIPT)
    screenshot(page, "xss-1-unggah")

    # Search: the snippet keeps its <mark>s and shows the script as text.
    page.goto(f"{base}/cari")
    page.locator("#q").fill("kerugian ditanggung")
    hit = page.locator("#results .hit").first
    expect(hit.locator(".snippet")).to_contain_text(SCRIPT)
    expect(hit.locator(".snippet mark").first).to_be_visible()
    assert page.locator("#results script").count() == 0
    screenshot(page, "xss-2-cari")

    # The agreement page: title, parties and clause text.
    hit.get_by_role("link").first.click()
    clause = page.locator("article.clause:target")
    expect(clause.locator(".clause-text")).to_contain_text(f"Catatan: {SCRIPT} & kerugian")
    expect(page.locator("h1")).to_contain_text(SCRIPT)
    assert page.locator("main script").count() == 0
    screenshot(page, "xss-3-naskah")

    # The review form's source text.
    page.get_by_role("link", name="Tinjau hasil ekstraksi").click()
    expect(page.locator("#review-text")).to_contain_text(SCRIPT)
    expect(page.locator("#f-title")).to_have_value(
        "PERJANJIAN KERJA SAMA ANTARA PEMERINTAH KABUPATEN GOWA DENGAN CV SKRIP "
        f"{SCRIPT} TENTANG UJI TAMPILAN NASKAH"
    )
    screenshot(page, "xss-4-tinjau", full_page=False)

    # Precedents: the clause beside the real agreement's dispute clause, and a pasted draft.
    page.go_back()
    page.locator("article.clause", has_text="PENYELESAIAN PERSELISIHAN").get_by_role(
        "link", name="Cari preseden pasal ini"
    ).click()
    first = page.locator("article.comparison").first
    expect(first).to_contain_text("musyawarah untuk mufakat")
    expect(first.locator(".side").first).to_contain_text(SCRIPT)
    page.locator("#teks").fill(f"Perselisihan diselesaikan secara musyawarah. {SCRIPT}")
    page.get_by_role("button", name="Cari preseden").click()
    expect(page.locator("article.comparison").first.locator(".side").first).to_contain_text(SCRIPT)
    expect(page.locator("#teks")).to_have_value(
        f"Perselisihan diselesaikan secara musyawarah. {SCRIPT}"
    )
    assert page.locator("main script").count() == 0
    screenshot(page, "xss-5-preseden")

    # The register.
    page.goto(f"{base}/daftar")
    expect(page.locator("table.register")).to_contain_text(SCRIPT)
    screenshot(page, "xss-6-daftar")

    # Search synonyms: a term with a script stays text in the admin's form, saved or refused.
    page.goto(f"{base}/sinonim")
    groups = page.locator("#sinonim")
    groups.fill(f"skrip, {SCRIPT}")
    page.get_by_role("button", name="Simpan sinonim").click()
    expect(page.locator("#synonyms-saved")).to_be_visible()
    expect(groups).to_have_value(f"skrip, {SCRIPT}")
    groups.fill(f"skrip, {SCRIPT * 3}")
    page.get_by_role("button", name="Simpan sinonim").click()
    expect(page.locator("#synonyms-error")).to_contain_text(f"'{SCRIPT * 3}'")
    expect(groups).to_have_value(f"skrip, {SCRIPT * 3}")
    assert page.locator("main script").count() == 0
    screenshot(page, "xss-7-sinonim")

    assert dialogs.seen == []
