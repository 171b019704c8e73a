"""Pemeriksaan naskah in Chromium, as a legal reviewer uses it: check a draft PKS without
its force-majeure Pasal at /periksa (Indonesian), see the findings, download the checklist,
print it, open a precedent; paste a draft citing PP 50/2007 (English); the check on an
agreement's page; an admin switches a rule off. A screenshot of every page."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page, expect

from tests.conftest import CORPUS
from tests.search_api.compliance_drafts import corpus_agreement, docx_without_pasal
from tests.web.conftest import Server, screenshot

pytestmark = pytest.mark.browser

TRISAKTI = CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx"
UNP = CORPUS / "id-pks-unp-ptm-smkn6-batam-2022.pdf"
STORED = (UNP, CORPUS / "id-pks-template-polibatam-magang-bilingual.docx")


def store(page: Page, base: str, path: Path) -> str:
    """Upload a corpus agreement through the API with the browser's session."""
    page.goto(f"{base}/cari")
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    assert token
    response = page.request.post(
        f"{base}/api/agreements",
        multipart={
            "file": {
                "name": path.name,
                "mimeType": "application/octet-stream",
                "buffer": path.read_bytes(),
            }
        },
        headers={"X-CSRF-Token": token},
    )
    assert response.status in (200, 201), response.text()
    agreement_id: str = response.json()["id"]
    return agreement_id


def test_a_reviewer_checks_a_draft_and_follows_a_gap_to_its_precedents(
    page: Page, server: Server, tmp_path: Path
) -> None:
    base = server.url
    stored = [store(page, base, path) for path in STORED]
    (number,) = [
        int(c.number)
        for c in corpus_agreement(TRISAKTI.stem).clauses
        if c.category == "force_majeure"
    ]
    draft = tmp_path / "draf-pks-trisakti.docx"
    docx_without_pasal(TRISAKTI, draft, number)

    # The form, in Indonesian; the upload slowed so that its progress shows.
    page.goto(f"{base}/periksa?lang=id")
    expect(page.get_by_role("heading", name="Periksa naskah", level=1)).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Periksa")
    ).to_have_attribute("aria-current", "page")
    screenshot(page, "periksa-01-formulir")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 8_000},
    )
    page.locator("#draft-file").set_input_files(str(draft))
    page.get_by_role("button", name="Periksa", exact=True).click()
    expect(page.locator("#check-state")).to_contain_text(re.compile(r"Mengunggah… \d+%|Membaca"))
    screenshot(page, "periksa-02-proses", full_page=False)
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )

    # The result: every rule with its status, the Pasal found, the basis and precedents.
    page.wait_for_url(re.compile(r"/periksa/\w+$"), timeout=60_000)
    expect(page.locator(".check-head .kicker")).to_have_text("Hasil pemeriksaan naskah")
    findings = page.locator("li.finding")
    expect(findings).not_to_have_count(0)
    force_majeure = page.locator('li.finding[data-rule="contents.force_majeure"]')
    expect(force_majeure.locator(".badge.check-missing")).to_have_text("Tidak ada")
    expect(force_majeure.locator(".finding-basis")).to_contain_text("Permendagri 22/2020")
    precedents = force_majeure.locator("a.precedent-link")
    expect(precedents.first).to_be_visible()
    object_ = page.locator('li.finding[data-rule="contents.object"]')
    expect(object_.locator(".badge.check-ok")).to_have_text("Ada")
    expect(object_.locator(".finding-clauses a").first).to_have_text("Pasal 1")
    expect(page.locator(".badge.check-doubt").first).to_have_text(re.compile("Perlu diperiksa"))
    expect(page.locator("#check-met")).to_contain_text("persyaratan terpenuhi")
    expect(page.locator("#save-draft")).to_have_text("Simpan sebagai naskah")
    screenshot(page, "periksa-03-hasil")
    force_majeure.scroll_into_view_if_needed()
    screenshot(page, "periksa-04-keadaan-memaksa-preseden", full_page=False)

    # A Pasal found opens the draft's own Pasal on the page.
    object_.locator(".finding-clauses a").first.click()
    expect(page.locator("#draf-pasal-1")).to_be_in_viewport()

    # The checklist as DOCX for the review memo.
    with page.expect_download() as download_info:
        page.locator("#check-docx").click()
    checklist = tmp_path / "daftar-periksa.docx"
    download_info.value.save_as(checklist)
    table = docx.Document(io.BytesIO(checklist.read_bytes())).tables[0]
    assert len(table.rows) == findings.count() + 1
    (row,) = [r for r in table.rows if "contents.force_majeure" in r.cells[1].text]
    assert row.cells[2].text == "Tidak ada"
    assert precedents.first.inner_text() in row.cells[5].text

    # Printed: the findings only, without navigation or buttons.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("#print-check")).to_be_hidden()
    expect(page.locator("#save-draft")).to_be_hidden()
    expect(force_majeure).to_be_visible()
    screenshot(page, "periksa-05-cetak")
    page.emulate_media(media="screen")

    # A precedent opens in the precedents view, beside similar clauses.
    href = precedents.first.get_attribute("href")
    assert href and re.fullmatch(r"/preseden\?pasal=\w+-\d+", href)
    precedents.first.click()
    expect(page.get_by_role("heading", name="Preseden pasal")).to_be_visible()
    expect(page.locator(".source-clause")).to_be_visible()
    assert page.url.split("pasal=")[1].split("-")[0] in stored
    screenshot(page, "periksa-06-preseden")

    # Nothing was stored by the check: the register still has only the two agreements.
    page.goto(f"{base}/daftar")
    expect(page.locator("table.register tbody tr")).to_have_count(2)


def test_a_pasted_english_check_and_an_agreements_own_check(page: Page, server: Server) -> None:
    base = server.url
    text = corpus_agreement(UNP.stem).text
    first_pasal = re.search(r"(?mi)^\s*pasal\s*1\s*$", text)
    assert first_pasal
    draft = (
        text[: first_pasal.start()]
        + "Mengingat Peraturan Pemerintah Nomor 50 Tahun 2007 tentang Tata Cara Pelaksanaan "
        "Kerja Sama Daerah;\n" + text[first_pasal.start() :]
    )
    page.goto(f"{base}/periksa?lang=en")
    expect(page.get_by_role("heading", name="Check an agreement", level=1)).to_be_visible()
    page.locator("#draft-text").fill(draft)
    screenshot(page, "periksa-07-en-tempel")
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_url(re.compile(r"/periksa/\w+$"), timeout=60_000)
    basis = page.locator('li.finding[data-rule="basis.replaced"]')
    expect(basis.locator(".badge.check-doubt")).to_have_text("To check")
    expect(basis.locator(".finding-message")).to_contain_text("PP 28/2018")
    expect(page.locator(".hint", has_text="Pasted text cannot be saved")).to_be_visible()
    screenshot(page, "periksa-08-en-hasil")

    # An agreement's page has its check; the full check links its Pasal into the agreement.
    page.goto(f"{base}/daftar?lang=id")
    page.locator("table.register tbody tr", has_text="UNIVERSITAS NEGERI PADANG").get_by_role(
        "link"
    ).first.click()
    section = page.locator("section.agreement-check")
    expect(section.get_by_role("heading", name="Pemeriksaan naskah")).to_be_visible()
    expect(section).to_contain_text("persyaratan terpenuhi")
    section.scroll_into_view_if_needed()
    screenshot(page, "periksa-09-naskah-bagian", full_page=False)
    section.get_by_role("link", name="Lihat hasil pemeriksaan lengkap").click()
    expect(page.locator(".check-head .kicker")).to_have_text("Hasil pemeriksaan naskah")
    term = page.locator('li.finding[data-rule="contents.term"] .finding-clauses a').first
    expect(term).to_have_attribute("href", re.compile(r"/naskah/\w+#pasal-\w+-5$"))
    screenshot(page, "periksa-10-naskah-periksa")
    term.click()
    expect(page.locator("article.clause:target")).to_contain_text("Jangka waktu")


def test_an_admin_switches_a_rule_off_and_the_check_leaves_it_out(
    page: Page, server: Server
) -> None:
    base = server.url
    stored = store(page, base, UNP)  # stored already if an earlier test of the module ran here
    page.goto(f"{base}/cari?lang=id")
    page.locator(".account-menu summary").click()
    page.get_by_role("link", name="Aturan pemeriksaan").click()
    expect(page.get_by_role("heading", name="Aturan pemeriksaan", level=1)).to_be_visible()
    row = page.locator('tr[id="aturan-consistency.weekday"]')
    row.get_by_role("button", name="Nonaktifkan").click()
    expect(page.locator(".notice.success")).to_contain_text("consistency.weekday")
    expect(row).to_have_class("rule-off")
    expect(row).to_contain_text("diubah oleh")
    screenshot(page, "periksa-11-aturan")
    try:
        page.goto(f"{base}/daftar")
        page.locator(f'table.register a[href="/naskah/{stored}"]').click()
        page.locator("section.agreement-check").get_by_role(
            "link", name="Lihat hasil pemeriksaan lengkap"
        ).click()
        expect(page.locator('li.finding[data-rule="consistency.weekday"]')).to_have_count(0)
        expect(page.locator("#check-disabled")).to_contain_text("consistency.weekday")
    finally:
        page.goto(f"{base}/pengaturan/pemeriksaan")
        page.locator('tr[id="aturan-consistency.weekday"]').get_by_role(
            "button", name="Aktifkan"
        ).click()
        expect(page.locator('tr[id="aturan-consistency.weekday"]')).to_have_class("rule-on")
    page.goto(f"{base}/audit")
    expect(page.locator("body")).to_contain_text("consistency.weekday")


def test_the_register_shows_kelengkapan_and_filters_the_incomplete_ones(
    page: Page, server: Server, tmp_path: Path
) -> None:
    base = server.url
    (number,) = [
        int(c.number)
        for c in corpus_agreement(TRISAKTI.stem).clauses
        if c.category == "force_majeure"
    ]
    draft = tmp_path / "pks-tanpa-keadaan-kahar.docx"
    docx_without_pasal(TRISAKTI, draft, number)
    draft_id = store(page, base, draft)
    store(page, base, UNP)

    page.goto(f"{base}/daftar?lang=id")
    table = page.locator("table.register")
    expect(table.get_by_role("columnheader", name="Kelengkapan")).to_be_visible()
    row = table.locator("tr", has=page.locator(f'a[href="/naskah/{draft_id}"]'))
    cell = row.locator("td.completeness a")
    expect(cell).to_have_text(re.compile(r"^\d+/\d+$"))
    met, total = (int(x) for x in cell.inner_text().split("/"))
    assert met < total
    screenshot(page, "daftar-kelengkapan")

    page.get_by_label("Hanya yang belum lengkap").check()
    page.get_by_role("button", name="Terapkan").click()
    expect(page).to_have_url(re.compile(r"incomplete=1"))
    cells = page.locator("table.register td.completeness a")
    expect(cells).not_to_have_count(0)
    for text in cells.all_inner_texts():
        got_met, got_total = (int(x) for x in text.split("/"))
        assert got_met < got_total
    expect(page.locator(f'table.register a[href="/naskah/{draft_id}"]')).to_be_visible()
    screenshot(page, "daftar-belum-lengkap")

    # the export link keeps the filter
    expect(page.locator("#export-xlsx")).to_have_attribute("href", re.compile(r"incomplete=1"))
    page.locator(f'table.register a[href="/naskah/{draft_id}/periksa"]').click()
    expect(page).to_have_url(re.compile(rf"/naskah/{draft_id}/periksa$"))
    expect(page.locator('li.finding[data-rule="contents.force_majeure"]')).to_be_visible()
