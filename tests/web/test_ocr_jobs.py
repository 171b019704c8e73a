"""A scan through the UI: its upload shows OCR progress page by page, then the result; the
agreement page runs OCR again in English and shows that job's progress too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import CORPUS
from tests.web.conftest import Server, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.ocr]

SCAN = CORPUS / "id-pks-dsaw-smkn6-batam-2021.pdf"  # 3 pages, no text layer


def test_a_scan_upload_shows_ocr_progress_then_the_result_and_can_be_ocrd_again(
    page: Page, server: Server
) -> None:
    page.goto(f"{server.url}/unggah")
    page.locator("#file-input").set_input_files([str(SCAN)])
    item = page.locator(".file-item", has_text=SCAN.name)
    expect(item.locator(".file-state")).to_contain_text(
        re.compile(r"OCR halaman [1-3] dari 3"), timeout=60_000
    )
    screenshot(page, "20-unggah-pindaian-ocr-halaman")
    expect(item.locator(".file-state")).to_contain_text("Selesai", timeout=120_000)
    expect(item.locator(".summary-title")).to_contain_text("DWI SUMBER ARCA WAJA")
    expect(page.locator("#queue-status")).to_have_text("Semua berkas selesai diproses.")
    screenshot(page, "21-unggah-pindaian-selesai")

    item.get_by_role("link", name="Buka naskah").click()
    section = page.locator("#ocr-again")
    expect(section.get_by_role("heading", name="Ulangi OCR")).to_be_visible()
    expect(section.get_by_label("Bahasa Indonesia")).to_be_visible()
    expect(section.get_by_label("Keduanya")).to_be_checked()
    section.get_by_label("English").check()
    section.get_by_role("button", name="Ulangi OCR").click()
    expect(section.locator(".job-status")).to_contain_text(
        re.compile(r"OCR halaman [1-3] dari 3"), timeout=60_000
    )
    section.scroll_into_view_if_needed()
    screenshot(page, "22-naskah-ulangi-ocr-berjalan", full_page=False)
    expect(section.locator(".job-status")).to_contain_text("OCR selesai.", timeout=120_000)
    screenshot(page, "23-naskah-ulangi-ocr-selesai", full_page=False)
    section.get_by_role("link", name="Muat ulang halaman").click()
    expect(page.locator("h1")).to_contain_text("DWI SUMBER ARCA WAJA")


def test_a_scan_upload_can_be_cancelled_while_it_waits_or_runs(
    page: Page, server: Server, tmp_path: Path
) -> None:
    scan = tmp_path / "pindaian-batal.pdf"  # the same scan as another file: not a duplicate
    scan.write_bytes(SCAN.read_bytes() + b"\n% batal\n")
    page.goto(f"{server.url}/unggah")
    page.locator("#file-input").set_input_files([str(scan)])
    item = page.locator(".file-item", has_text=scan.name)
    cancel = item.get_by_role("button", name="Batalkan")
    expect(cancel).to_be_visible(timeout=60_000)
    screenshot(page, "24-unggah-pindaian-batalkan")
    cancel.click()
    expect(item.locator(".file-state")).to_have_text("Dibatalkan", timeout=15_000)
    expect(cancel).to_have_count(0)
    screenshot(page, "25-unggah-pindaian-dibatalkan")
    [job] = [
        j
        for j in page.request.get(f"{server.url}/api/jobs").json()["items"]
        if j["filename"] == scan.name
    ]
    assert job["state"] == "cancelled", job
