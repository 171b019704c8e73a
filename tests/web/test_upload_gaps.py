"""An upload whose extraction found no Pasal, no party or no date is shown amber with what is
missing, never a green "Selesai" (issue #12.4), and the review page lists the doubted values
first. Real Chromium, a real server, a real DOCX and a real corpus PDF; screenshots looked at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import CORPUS
from tests.search_api.agreement_files import cover_letter
from tests.web.conftest import Server, screenshot

pytestmark = pytest.mark.browser

AGREEMENT = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"


def test_an_upload_that_lacks_clauses_and_parties_is_shown_as_needing_review(
    page: Page, server: Server, tmp_path: Path
) -> None:
    letter = tmp_path / "surat-pengantar.docx"
    letter.write_bytes(cover_letter())
    page.goto(f"{server.url}/unggah")
    page.locator("#file-input").set_input_files([str(letter), str(AGREEMENT)])
    expect(page.locator("#queue-status")).to_have_text(
        "Semua berkas selesai diproses.", timeout=120_000
    )
    flagged = page.locator(".file-item", has_text=letter.name)
    expect(flagged).to_have_class(re.compile(r"\bneeds-review\b"))
    expect(flagged.locator(".file-state")).to_have_text(
        "Perlu ditinjau: tidak ada pasal yang ditemukan, para pihak tidak ditemukan, "
        "tanggal tanda tangan dan mulai berlaku tidak ditemukan"
    )
    expect(flagged.locator(".file-state")).not_to_contain_text("Selesai")
    done = page.locator(".file-item", has_text=AGREEMENT.name)
    expect(done.locator(".file-state")).to_have_text("Selesai: 11 pasal ditemukan")
    screenshot(page, "unggah-perlu-ditinjau")

    flagged.get_by_role("link", name="Buka naskah").click()
    expect(page.locator(".gap-banner")).to_contain_text("Ekstraksi belum lengkap")
    screenshot(page, "naskah-belum-lengkap", full_page=False)

    page.get_by_role("link", name="Tinjau hasil ekstraksi").first.click()
    doubted = page.locator(".doubted-list li")
    expect(doubted.first).to_be_visible()
    expect(page.locator(".doubted")).to_contain_text("Para pihak")
    doubted.filter(has_text="Para pihak").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"#notes-parties$"))
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "tinjau-periksa-dulu", full_page=False)
