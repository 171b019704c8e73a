"""An office's working day in Chromium: delete and restore from the trash, a signed PDF as a new
version of the draft, clause corrections that survive OCR again and a new version, a review
that confirms only what was touched, Indonesian errors, printing, the audit log, and what a
viewer does not see. A screenshot of each page (tests/artifacts/screenshots/3x-*)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.auth import PASSWORD
from tests.auth import naskah as run_naskah
from tests.conftest import CORPUS
from tests.search_api.agreement_files import draft_docx, signed_pdf, signed_scan
from tests.served import env_for
from tests.web.conftest import ADMIN, Server, screenshot

pytestmark = pytest.mark.browser

PDF = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"
DOCX = CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx"
MISSED = (
    "PARA PIHAK wajib menjaga kerahasiaan data peserta didik dan data perusahaan yang "
    "diperoleh selama pelaksanaan praktik kerja lapangan."
)
ENGLISH = re.compile(r"reading failed|damaged|truncated|PdfStreamError|upload refused", re.I)


def upload(page: Page, server: Server, *paths: Path) -> list[str]:
    """Upload through /unggah as an editor does; the ids of the stored agreements."""
    page.goto(f"{server.url}/unggah")
    page.locator("#file-input").set_input_files([str(p) for p in paths])
    ids = []
    for path in paths:
        item = page.locator(".file-item", has_text=path.name)
        # stored: done, or flagged for what it lacks (a draft leaves its date blank)
        expect(item.locator(".file-state")).to_contain_text(
            re.compile(r"Selesai|Perlu ditinjau"), timeout=120_000
        )
        href = item.get_by_role("link", name="Buka naskah").get_attribute("href")
        assert href
        ids.append(href.rsplit("/", 1)[-1])
    return ids


def search(page: Page, server: Server, words: str) -> None:
    page.goto(f"{server.url}/cari")
    page.locator("#q").fill(words)


def test_a_deleted_agreement_is_restored_from_the_trash_and_found_again(
    page: Page, server: Server
) -> None:
    [agreement] = upload(page, server, PDF)
    page.goto(f"{server.url}/naskah/{agreement}")
    page.locator("#delete-ask").click()
    confirm = page.locator("#delete-confirm")
    expect(confirm).to_be_visible()
    expect(confirm).to_contain_text("dapat dipulihkan dari Sampah selama 30 hari")
    screenshot(page, "30-hapus-konfirmasi", full_page=False)
    page.locator("#delete-yes").click()

    expect(page).to_have_url(f"{server.url}/sampah?dihapus={agreement}")
    row = page.locator(f"tr[data-agreement='{agreement}']")
    expect(row).to_contain_text("PT. LOUIS ALAIN")
    expect(row).to_contain_text(f"oleh {ADMIN}")
    expect(page.locator(".notice.success")).to_contain_text("dipindahkan ke Sampah")
    screenshot(page, "31-sampah")

    search(page, server, "Louis Alain")
    expect(page.locator("#results-none")).to_be_visible()

    page.goto(f"{server.url}/sampah")
    page.locator(f"tr[data-agreement='{agreement}'] button.restore").click()
    expect(page).to_have_url(f"{server.url}/naskah/{agreement}?dipulihkan=1")
    expect(page.locator(".notice.success")).to_contain_text("dipulihkan dari Sampah")
    screenshot(page, "32-dipulihkan", full_page=False)

    search(page, server, "Louis Alain")
    expect(page.locator("#results .hit").first).to_contain_text("LOUIS ALAIN")
    page.goto(f"{server.url}/sampah")
    expect(page.locator(".empty-trash")).to_have_text("Sampah kosong.")


def test_a_signed_pdf_uploaded_as_a_new_version_keeps_a_correction_and_lists_the_draft(
    page: Page, server: Server, tmp_path: Path
) -> None:
    draft = draft_docx(tmp_path / "pks-gowa-polipangkep-draf.docx", serial=201)
    signed = signed_pdf(tmp_path / "pks-gowa-polipangkep-ttd.pdf", serial=201)
    [agreement] = upload(page, server, draft)
    page.goto(f"{server.url}/naskah/{agreement}/tinjau")
    page.locator("#f-subject").fill("Pengembangan SDM pertanian")
    page.locator("#f-signed_date").fill("2024-08-01")  # a guess, before the signed copy
    page.locator("#save").click()
    expect(page.locator(".notice.success")).to_be_visible()

    form = page.locator("#new-version")
    form.locator("#version-file").set_input_files(str(signed))
    form.get_by_role("button", name="Unggah versi baru").click()
    status = form.locator(".version-status")
    expect(status).to_contain_text("Versi 2 tersimpan.", timeout=120_000)
    expect(status).to_contain_text("Tanggal ditandatangani")
    expect(status).to_contain_text("Koreksi pada Tanggal ditandatangani disisihkan")
    screenshot(page, "33-versi-baru-tersimpan", full_page=False)
    status.get_by_role("link", name="Muat ulang halaman").click()

    expect(page.locator("#data-subject dd")).to_contain_text("Pengembangan SDM pertanian")
    expect(page.locator("#data-signed_date dd")).to_contain_text("5 Agustus 2024")
    rows = page.locator(".versions-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(signed.name)
    expect(rows.nth(0)).to_contain_text("sekarang")
    expect(rows.nth(1)).to_contain_text(draft.name)
    expect(page.locator(".set-aside-note")).to_contain_text("disisihkan versi 2")
    page.locator("#versions").scroll_into_view_if_needed()
    screenshot(page, "34-versi-berkas")
    with page.expect_download() as download:
        rows.nth(1).get_by_role("link", name=draft.name).click()
    assert download.value.suggested_filename == draft.name


@pytest.mark.ocr
def test_clause_corrections_survive_ocr_again_and_a_new_version_and_search_finds_them(
    page: Page, server: Server, tmp_path: Path
) -> None:
    signed = signed_pdf(tmp_path / "pks-gowa-polipangkep-2024.pdf", serial=301)
    scan = signed_scan(tmp_path / "pks-gowa-polipangkep-2024-pindai.pdf", serial=301)
    [agreement] = upload(page, server, signed)
    page.goto(f"{server.url}/naskah/{agreement}/tinjau#clause-review")
    clauses = page.locator(".clause-item")
    expect(clauses).to_have_count(4)

    # add the Pasal the machine missed, after the last one
    clauses.nth(3).locator(".clause-add").click()
    form = page.locator(".add-form")
    form.locator("input[name=add_number]").fill("5")
    form.locator("input[name=add_heading]").fill("KERAHASIAAN")
    form.locator("textarea[name=add_text]").fill(MISSED)
    form.locator(".add-yes").click()
    expect(page.locator(".notice.success")).to_contain_text("Perubahan pasal tersimpan")
    expect(clauses).to_have_count(5)

    # split Pasal 2 where the obligations begin
    scope = clauses.nth(1)
    text = scope.locator("textarea.clause-text")
    text.evaluate(
        "(node) => { const at = node.value.indexOf('PIHAK KEDUA berkewajiban');"
        " node.focus(); node.setSelectionRange(at, at); }"
    )
    scope.locator(".clause-split").click()
    scope.locator("input[name=split_number]").fill("2A")
    scope.locator("input[name=split_heading]").fill("KEWAJIBAN PIHAK KEDUA")
    scope.locator(".split-yes").click()
    expect(clauses).to_have_count(6)
    split_off = clauses.nth(2)
    expect(split_off.locator("input[name=number]")).to_have_value("2A")
    expect(split_off.locator("textarea")).to_have_value(re.compile(r"^PIHAK KEDUA berkewajiban"))

    # and re-categorise it
    split_off.locator("select[name=category]").select_option("implementation")
    with page.expect_navigation():  # the page comes back with the clauses as stored
        split_off.locator(".clause-save").click()
    expect(clauses.nth(2).locator("select[name=category]")).to_have_value("implementation")
    clauses.nth(2).scroll_into_view_if_needed()
    screenshot(page, "35-tinjau-pasal", full_page=False)

    def corrected() -> None:
        """The agreement's page shows the clauses as corrected."""
        page.goto(f"{server.url}/naskah/{agreement}")
        titles = page.locator("article.clause h3")
        expect(titles).to_have_count(6)
        expect(titles.nth(2)).to_have_text("Pasal 2A · KEWAJIBAN PIHAK KEDUA", timeout=5_000)
        expect(page.locator("article.clause").nth(2).locator(".badge.category")).to_have_text(
            "Pelaksanaan"
        )
        expect(titles.nth(5)).to_have_text("Pasal 5 · KERAHASIAAN")

    corrected()
    # OCR again, every page: a new machine reading of the same file
    ocr = page.locator("#ocr-again")
    ocr.get_by_label("Semua halaman, juga yang sudah punya lapisan teks").check()
    ocr.get_by_role("button", name="Ulangi OCR").click()
    expect(ocr.locator(".job-status")).to_contain_text("OCR selesai.", timeout=120_000)
    corrected()

    # the scan as a new version, read by OCR (a job once it has more than one page)
    form = page.locator("#new-version")
    form.locator("#version-file").set_input_files(str(scan))
    form.get_by_role("button", name="Unggah versi baru").click()
    expect(form.locator(".version-status")).to_contain_text(
        re.compile(r"Versi 2 tersimpan\.|Versi baru tersimpan setelah OCR\."), timeout=120_000
    )
    corrected()
    expect(page.locator(".versions-table tbody tr")).to_have_count(2)
    screenshot(page, "36-pasal-setelah-ocr-dan-versi-baru")

    search(page, server, "kerahasiaan data peserta didik")
    hit = page.locator("#results .hit").first
    expect(hit).to_contain_text("KERAHASIAAN")
    expect(hit).to_contain_text("Pasal 5")
    screenshot(page, "37-cari-pasal-koreksi", full_page=False)


def test_saving_the_review_confirms_only_the_fields_touched_or_ticked(
    page: Page, server: Server
) -> None:
    [agreement] = upload(page, server, DOCX)
    page.goto(f"{server.url}/naskah/{agreement}/tinjau")
    page.locator("#save").click()
    expect(page.locator("#save-status")).to_have_text(
        "Tidak ada nilai yang diubah atau dicentang; tidak ada yang disimpan."
    )
    page.locator("#f-signed_place").fill("Denpasar")
    page.locator("#notes-title input[name=confirm]").check()
    screenshot(page, "38-tinjau-konfirmasi", full_page=False)
    page.locator("#save").click()
    expect(page.locator(".notice.success")).to_be_visible()
    expect(page.locator("#data-signed_place .state-corrected")).to_contain_text("Dikoreksi oleh")
    expect(page.locator("#data-title .state-confirmed")).to_contain_text("Dikonfirmasi oleh")
    for untouched in ("subject", "numbers", "parties", "doc_type", "expiry_date"):
        expect(page.locator(f"#data-{untouched} .state-machine")).to_have_text(
            "Hasil mesin, belum ditinjau"
        )


def test_a_damaged_pdf_upload_says_what_is_wrong_in_indonesian(
    page: Page, server: Server, tmp_path: Path
) -> None:
    cut = tmp_path / "pks-terpotong.pdf"
    cut.write_bytes(PDF.read_bytes()[:2000])
    page.goto(f"{server.url}/unggah")
    page.locator("#file-input").set_input_files(str(cut))
    state = page.locator(".file-item", has_text=cut.name).locator(".file-state")
    expect(state).to_contain_text(
        f"Gagal: {cut.name}: berkas rusak atau terpotong sehingga tidak dapat dibaca."
    )
    assert not ENGLISH.search(page.locator("main").inner_text())
    screenshot(page, "39-unggah-berkas-rusak", full_page=False)


def test_the_agreement_and_a_precedents_comparison_print_without_navigation_or_buttons(
    page: Page, server: Server
) -> None:
    ids = upload(page, server, PDF)
    page.goto(f"{server.url}/naskah/{ids[0]}")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".actions", "#ocr-again", "#new-version", ".outline"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("article.clause").first).to_be_visible()
    expect(page.locator("#data-parties")).to_be_visible()
    screenshot(page, "40-cetak-naskah")
    clause = page.locator("article.clause").nth(9).get_attribute("id")
    assert clause
    page.goto(f"{server.url}/preseden?pasal={clause.removeprefix('pasal-')}")
    expect(page.locator(".draft-form")).to_be_hidden()
    expect(page.locator(".source-clause")).to_be_visible()
    screenshot(page, "41-cetak-preseden")
    page.emulate_media(media="screen")


def test_the_audit_log_names_agreements_and_filters_by_action(page: Page, server: Server) -> None:
    upload(page, server, PDF)  # stored already by an earlier test, or now: audited either way
    page.goto(f"{server.url}/audit")
    page.locator("select[name=action]").select_option("upload")
    page.locator("select[name=actor]").select_option(ADMIN)
    page.get_by_role("button", name="Saring").click()
    expect(page).to_have_url(re.compile(r"actor=.*action=upload"))
    rows = page.locator("table.audit tbody tr")
    expect(rows.first).to_contain_text("Unggah naskah")
    louis = page.locator("table.audit tbody tr", has_text="PT. LOUIS ALAIN").first
    expect(louis.get_by_role("link")).to_have_attribute("href", re.compile(r"^/naskah/\w+$"))
    screenshot(page, "42-audit-saring")
    page.goto(f"{server.url}/audit")
    assert "/api/agreements/" not in page.locator("table.audit").inner_text()
    assert not re.search(r"\bHTTP \d{3}\b", page.locator("table.audit").inner_text())
    screenshot(page, "43-audit")


def test_a_viewer_sees_no_editor_links(page: Page, server: Server) -> None:
    """Last in the module: the browser signs in as a viewer, then as the admin again."""
    run_naskah(
        env_for(server.data_dir),
        "user",
        "add",
        "Pembaca Uji",
        "--role",
        "viewer",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )

    def sign_in_as(name: str) -> None:
        page.goto(f"{server.url}/cari")
        page.locator("#logout").click()
        page.locator("#name").fill(name)
        page.locator("#password").fill(PASSWORD)
        page.locator("#login").click()
        page.wait_for_url(f"{server.url}/cari")

    [agreement] = upload(page, server, PDF)
    sign_in_as("Pembaca Uji")
    try:
        page.goto(f"{server.url}/naskah/{agreement}")
        expect(page.locator("h1")).to_contain_text("LOUIS ALAIN")
        for absent in ("#delete-ask", "#ocr-again", "#new-version", "a[href$='/tinjau']"):
            expect(page.locator(absent)).to_have_count(0)
        expect(page.locator(".nav")).not_to_contain_text("Unggah")
        page.locator(".account-menu summary").click()
        expect(page.locator(".account-menu")).not_to_contain_text("Sampah")
        expect(page.locator("#versions")).to_be_visible()
        screenshot(page, "44-pembaca-naskah")
        refused = page.goto(f"{server.url}/unggah")
        assert refused is not None and refused.status == 403
    finally:
        sign_in_as(ADMIN)
