"""One journey through the UI, as the cooperation office and a legal reviewer use it: upload two
real agreements, review and correct the extraction, search with a typo and a filter, open a hit,
compare precedents, add a search synonym, export the register to XLSX, switch to English. A
screenshot of every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.conftest import CORPUS
from tests.web.conftest import ADMIN, Server, screenshot

pytestmark = pytest.mark.browser

PDF = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"
DOCX = CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx"
CORRECTED_PARTY = "PT Louis Alain Indonesia"


def test_journey_from_upload_to_register_export(page: Page, server: Server, tmp_path: Path) -> None:
    base = server.url

    # An empty library: the search page says what to do first.
    page.goto(f"{base}/cari")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", name="Belum ada naskah tersimpan.")).to_be_visible()
    screenshot(page, "01-cari-kosong")

    # Upload both files at once, with the upload slowed so its progress can be seen.
    page.goto(f"{base}/unggah")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 120_000},
    )
    page.locator("#file-input").set_input_files([str(PDF), str(DOCX)])
    expect(page.locator(".file-item").first.locator(".file-state")).to_contain_text(
        re.compile(r"Mengunggah… \d+%|Mengekstrak")
    )
    screenshot(page, "02-unggah-proses")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    items = page.locator(".file-item")
    expect(items).to_have_count(2)
    for i in range(2):
        expect(items.nth(i).locator(".file-state")).to_contain_text("Selesai", timeout=120_000)
    expect(page.locator("#queue-status")).to_have_text("Semua berkas selesai diproses.")
    pdf_item = page.locator(".file-item", has_text=PDF.name)
    expect(pdf_item.locator(".summary-title")).to_contain_text("PT. LOUIS ALAIN")
    expect(pdf_item).to_contain_text("1 Agustus 2022")
    screenshot(page, "03-unggah-selesai")

    # The review form: each value beside its highlighted source passage; correct a party name.
    pdf_item.get_by_role("link", name="Tinjau hasil ekstraksi").click()
    expect(page.get_by_role("heading", name="Tinjau hasil ekstraksi", level=1)).to_be_visible()
    expect(page.locator("#f-title")).to_have_value(re.compile("PT. LOUIS ALAIN"))
    expect(page.locator("mark.src").first).to_be_visible()
    page.locator(".source-btn[data-field=parties]").click()
    expect(page.locator("mark.src.active").first).to_contain_text("Louis Alain")
    party_name = page.locator("#parties [data-party]").first.locator("input[name=name]")
    expect(party_name).to_have_value("PT. Louis Alain")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "04-tinjau", full_page=False)
    party_name.evaluate("node => node.scrollIntoView({block: 'center'})")
    screenshot(page, "04b-tinjau-sumber-pihak", full_page=False)
    party_name.fill(CORRECTED_PARTY)
    page.locator("#notes-title input[name=confirm]").check()  # the title is right as read
    page.locator("#save").click()

    # The agreement page shows who corrected and who confirmed what, and when.
    expect(page.locator(".notice.success")).to_be_visible()
    expect(page.locator("#data-parties .party-name").first).to_have_text(CORRECTED_PARTY)
    expect(page.locator("#data-parties .state-corrected")).to_contain_text(
        f"Dikoreksi oleh {ADMIN}"
    )
    expect(page.locator("#data-title .state-confirmed")).to_contain_text(
        f"Dikonfirmasi oleh {ADMIN}"
    )
    expect(page.locator("#data-signed_date dd")).to_contain_text("Senin, 1 Agustus 2022")
    expect(page.locator(".history tbody tr")).not_to_have_count(0)
    expect(page.get_by_role("link", name="Unduh naskah asli").first).to_have_attribute(
        "href", re.compile(r"/api/agreements/\w+/file")
    )
    screenshot(page, "05-naskah-setelah-koreksi")

    # Search with a typo, then narrow by a facet; snippets mark the matched words.
    page.goto(f"{base}/cari")
    page.locator("#q").press_sequentially("perselisihn", delay=40)
    hits = page.locator("#results .hit")
    expect(hits.first).to_be_visible()
    expect(page.locator("#results .snippet mark").first).to_be_visible()
    year_2022 = page.locator(".facet-value[data-facet=year][data-value='2022']")
    expect(year_2022).to_be_visible()
    party_facet = page.locator(".facet-value[data-facet=party]", has_text=CORRECTED_PARTY)
    expect(party_facet).to_be_visible()
    party_facet.click()
    expect(party_facet).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#active-filters .chip")).to_contain_text(CORRECTED_PARTY)
    expect(page).to_have_url(re.compile(r"q=perselisihn.*party="))
    expect(hits).to_have_count(1)
    expect(hits.first).to_contain_text("KETENTUAN LAIN-LAIN")
    screenshot(page, "06-cari-salah-ketik-dan-filter")

    # Nothing found: the page offers to remove the filter that narrows it.
    page.locator("#q").fill("kahar")
    expect(page.locator("#results-none")).to_be_visible()
    expect(page.locator("#none-filter-list .chip")).to_contain_text(CORRECTED_PARTY)
    screenshot(page, "07-cari-tanpa-hasil")
    page.locator("#none-filter-list .chip").click()
    expect(hits.first).to_be_visible()
    expect(hits.first).to_contain_text("KEADAAN KAHAR")

    # A word too short for typo tolerance finds nothing: the page offers the corrected query.
    page.locator("#q").fill("biya peserta")
    expect(page.locator("#results-none")).to_be_visible()
    suggest = page.locator("#none-suggest")
    expect(suggest).to_be_visible()
    expect(suggest).to_contain_text("Mungkin maksud Anda:")
    screenshot(page, "07b-cari-saran")
    suggest.get_by_role("button", name="biaya peserta").click()
    expect(page.locator("#q")).to_have_value("biaya peserta")
    expect(hits.first).to_be_visible()
    expect(page.locator("#results .snippet mark", has_text="biaya").first).to_be_visible()

    # Open a hit: its clause, inside its agreement.
    page.locator("#q").fill("perselisihn")
    expect(hits.first).to_contain_text("KETENTUAN LAIN-LAIN")
    hits.first.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/naskah/\w+#pasal-\w+-10$"))
    clause = page.locator("article.clause:target")
    expect(clause).to_be_visible()
    expect(clause).to_contain_text("musyawarah untuk mufakat")
    screenshot(page, "08-naskah-pasal-dari-hasil", full_page=False)

    # Precedents of that clause, side by side with word differences.
    clause.get_by_role("link", name="Cari preseden pasal ini").click()
    expect(page.get_by_role("heading", name="Preseden pasal")).to_be_visible()
    comparisons = page.locator("article.comparison")
    expect(comparisons.first).to_be_visible()
    expect(comparisons.first.locator(".side")).to_have_count(2)
    expect(page.locator(".diff ins").first).to_be_visible()
    screenshot(page, "09-preseden-pasal")

    # A reviewer pastes a draft clause and finds its precedents.
    page.locator("#teks").fill(
        "Apabila terjadi perselisihan dalam pelaksanaan Perjanjian ini, PARA PIHAK "
        "menyelesaikannya secara musyawarah untuk mencapai mufakat."
    )
    page.get_by_role("button", name="Cari preseden").click()
    expect(page.locator("article.comparison").first).to_contain_text("musyawarah")
    expect(page.locator(".side-title").first).to_have_text("Draf Anda")
    screenshot(page, "10-preseden-draf")

    # An admin teaches search a synonym; the next search uses it.
    page.locator(".account-menu summary").click()  # the account menu holds the admin pages
    screenshot(page, "10a-menu-akun")
    page.get_by_role("link", name="Sinonim", exact=True).click()
    groups = page.locator("#sinonim")
    expect(groups).to_have_value(re.compile(r"kahar, keadaan kahar, keadaan memaksa"))
    groups.fill(groups.input_value() + "\nhibah, pemberian")
    page.get_by_role("button", name="Simpan sinonim").click()
    expect(page.locator("#synonyms-saved")).to_contain_text("Sinonim tersimpan")
    screenshot(page, "10b-sinonim")
    page.goto(f"{base}/cari")
    page.locator("#q").fill("hibah")
    # 'pemberian' and 'memberikan' share the stem 'beri'
    expect(page.locator("#results .snippet mark").first).to_have_text(
        re.compile(r"memberi|pemberian", re.IGNORECASE)
    )
    screenshot(page, "10c-cari-sinonim")

    # The register: statuses, chart, next expiries, a sortable table and the XLSX export.
    page.goto(f"{base}/daftar")
    expect(page.locator("table.register tbody tr")).to_have_count(2)
    expect(page.locator("svg.bar-chart rect")).not_to_have_count(0)
    expect(page.locator(".next-list li")).to_have_count(1)
    page.get_by_role("link", name="Urutkan menurut Judul").click()
    expect(page.locator("th[aria-sort]")).to_contain_text("Judul")
    screenshot(page, "11-daftar")
    with page.expect_download() as download_info:
        page.locator("#export-xlsx").click()
    xlsx = tmp_path / "daftar.xlsx"
    download_info.value.save_as(xlsx)
    sheet = load_workbook(xlsx).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:4] == ["Tahun", "Jenis naskah", "Jenis kerja sama", "Judul"]
    assert len(rows) == 3
    parties = [r[header.index("Para pihak")] for r in rows[1:]]
    assert any(CORRECTED_PARTY in str(p) for p in parties), parties
    assert {r[0] for r in rows[1:]} == {2022}

    # The filtered list exports only what is shown.
    page.get_by_label("Kata dalam judul, nomor atau pihak").fill("Warmadewa")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator("table.register tbody tr")).to_have_count(1)
    with page.expect_download() as download_info:
        page.locator("#export-xlsx").click()
    download_info.value.save_as(xlsx)
    rows = list(load_workbook(xlsx).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 2 and "WARMADEWA" in str(rows[1][rows[0].index("Judul")])

    # English, remembered across pages.
    page.get_by_role("link", name="Switch to English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Register", level=1)).to_be_visible()
    screenshot(page, "12-register-en")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Search").click()
    expect(page.get_by_role("heading", name="Search clauses and agreements")).to_be_visible()
    page.locator("#q").fill("force majeure")
    expect(page.locator("#results .hit").first).to_be_visible()
    screenshot(page, "13-search-en")

    # A phone screen.
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("link", name="Bahasa Indonesia").click()
    page.goto(f"{base}/daftar")
    screenshot(page, "14-daftar-ponsel")
    page.locator("table.register tbody a").first.click()
    screenshot(page, "15-naskah-ponsel", full_page=False)
