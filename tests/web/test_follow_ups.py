"""In the browser: a PKS links the KB it carries out, the KB lists the PKS, and the register
filters by cooperation kind and field and exports those columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.ingest.test_documents import DOCUMENTS, render_pdf
from tests.search_api.test_related import KB_TEXT
from tests.web.conftest import Server, screenshot

pytestmark = pytest.mark.browser


def test_follow_ups_and_the_lppd_register_columns(
    page: Page, server: Server, tmp_path: Path
) -> None:
    kb, pks = tmp_path / "kb-gowa-unismuh.pdf", tmp_path / "pks-gowa-unismuh.pdf"
    render_pdf(KB_TEXT, kb, header="KB")
    render_pdf((DOCUMENTS / "pks-gowa-unismuh.txt").read_text(), pks, header="PKS")
    page.goto(f"{server.url}/unggah")
    page.locator("#file-input").set_input_files([str(kb), str(pks)])
    expect(page.locator("#queue-status")).to_have_text(
        "Semua berkas selesai diproses.", timeout=60_000
    )
    page.locator(".file-item", has_text=pks.name).get_by_role("link", name="Buka naskah").click()

    # the PKS cites the KB by both its numbers: each links to the KB's page
    references = page.locator(".meta-row", has_text="Rujukan")
    expect(references.get_by_role("link", name="119/1234/HUMKER/IX/2018")).to_be_visible()
    references.get_by_role("link", name="01/MoU/UNISMUH/IX/2018").click()
    expect(page.locator("h1")).to_contain_text("KESEPAKATAN BERSAMA")
    cited_by = page.locator("#cited-by")
    expect(cited_by).to_contain_text("Dirujuk oleh")
    expect(cited_by).to_contain_text("445/112/DINKES/III/2019")
    screenshot(page, "30-naskah-dirujuk-oleh")
    cited_by.get_by_role("link").first.click()
    expect(page.locator("h1")).to_contain_text("DINAS KESEHATAN")

    page.goto(f"{server.url}/daftar")
    page.get_by_label("Jenis kerja sama").select_option(label="Dengan pihak ketiga (KSDPK)")
    page.get_by_label("Bidang urusan").select_option(label="Kesehatan")
    page.get_by_role("button", name="Terapkan").click()
    rows = page.locator("table.register tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("KSDPK")
    screenshot(page, "31-daftar-jenis-kerja-sama")
    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    xlsx = tmp_path / "daftar.xlsx"
    download.value.save_as(xlsx)
    table = list(load_workbook(xlsx).worksheets[0].iter_rows(values_only=True))
    header = list(table[0])
    assert len(table) == 2
    row = table[1]
    assert row[header.index("Jenis kerja sama")] == "Kerja Sama Daerah dengan Pihak Ketiga (KSDPK)"
    assert row[header.index("Perangkat daerah")] == "Dinas Kesehatan Kabupaten Gowa"
    assert row[header.index("Bidang urusan")] == "Pendidikan; Kesehatan"
    assert row[header.index("Merujuk naskah")] == "119/1234/HUMKER/IX/2018; 01/MoU/UNISMUH/IX/2018"

    # search clauses made with a kind of partner: the Gowa agreements are with a university
    page.goto(f"{server.url}/cari?q=kerja+sama")
    hits = page.locator("#results > li")
    expect(hits.first).to_be_visible()
    page.get_by_label("Jenis mitra", exact=True).select_option(label="Sekolah")
    expect(page.locator("#results-none")).to_be_visible()
    chip = page.locator("#none-filter-list").get_by_role("button", name="Jenis mitra: Sekolah")
    expect(chip).to_be_visible()
    chip.click()
    expect(page.get_by_label("Jenis mitra", exact=True)).to_have_value("")
    page.get_by_label("Jenis mitra", exact=True).select_option(label="Perguruan tinggi")
    expect(page.locator("#active-filters")).to_contain_text("Jenis mitra: Perguruan tinggi")
    expect(hits.first).to_be_visible()
    assert "partner_type=university" in page.url
    screenshot(page, "32-cari-jenis-mitra")
