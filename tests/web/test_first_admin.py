"""A new office's first day: `naskah serve` on an empty data folder prints a one-time link; in
Chromium that link creates the first admin (mistakes answered in Indonesian on the page), who
signs out, signs in again and uploads an agreement."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.auth import PASSWORD
from tests.conftest import CORPUS
from tests.web.conftest import Server, launch, screenshot, serving

pytestmark = pytest.mark.browser

DOCX = CORPUS / "id-nk-template-polibatam-industri.docx"
LINK = re.compile(r"Create the first admin at (http://\S+/siapkan\?token=\S+)")


def printed_link(server: Server) -> str:
    """The link as the operator reads it in the terminal `naskah serve` runs in."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = LINK.search(server.log.read_text())
        if found:
            return found[1]
        time.sleep(0.1)
    pytest.fail(f"naskah serve printed no setup link:\n{server.log.read_text()}")


def test_the_printed_link_creates_the_first_admin_who_signs_in_and_uploads(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "kantor-baru"
    data_dir.mkdir()
    with serving(data_dir) as server, sync_playwright() as playwright:
        link = printed_link(server)
        context = launch(playwright, tmp_path / "profile")
        page: Page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        page.goto(link)
        expect(page.locator("html")).to_have_attribute("lang", "id")
        expect(page.get_by_role("heading", name="Siapkan admin pertama")).to_be_visible()
        screenshot(page, "00-siapkan-admin")

        # A typo in the second password: an Indonesian message on the same form, nothing made.
        page.locator("#name").fill("Kasubbag Kerja Sama")
        page.locator("#password").fill(PASSWORD)
        page.locator("#password_again").fill(PASSWORD + "x")
        page.locator("#create-admin").click()
        expect(page.get_by_role("alert")).to_have_text(
            "Kedua kata sandi tidak sama. Ketik kata sandi yang sama dua kali."
        )
        screenshot(page, "00b-siapkan-admin-sandi-beda")

        page.locator("#password").fill(PASSWORD)
        page.locator("#password_again").fill(PASSWORD)
        page.locator("#create-admin").click()
        page.wait_for_url(f"{server.url}/cari")
        expect(page.get_by_role("heading", name="Belum ada naskah tersimpan.")).to_be_visible()

        # The link was for once only.
        page.goto(link)
        expect(page.get_by_role("heading", name="Tautan tidak berlaku")).to_be_visible()

        # Sign out, sign in again with the new account.
        page.goto(f"{server.url}/cari")
        page.locator("#logout").click()
        page.wait_for_url(re.compile(r"/masuk"))
        page.locator("#name").fill("Kasubbag Kerja Sama")
        page.locator("#password").fill(PASSWORD)
        page.locator("#login").click()
        page.wait_for_url(f"{server.url}/cari")

        # The admin's first upload.
        page.goto(f"{server.url}/unggah")
        page.locator("#file-input").set_input_files([str(DOCX)])
        item = page.locator(".file-item", has_text=DOCX.name)
        # a signing template: stored, and flagged for the date it leaves blank
        expect(item.locator(".file-state")).to_have_text(
            "Perlu ditinjau: tanggal tanda tangan dan mulai berlaku tidak ditemukan",
            timeout=120_000,
        )
        expect(item.get_by_role("link", name="Tinjau hasil ekstraksi")).to_be_visible()
        screenshot(page, "00c-admin-pertama-unggah")
        context.close()
        assert not errors, f"JavaScript errors on the page: {errors}"
