"""/pengingat in Chromium, in Indonesian: reached from the navigation, it lists an agreement
whose end is near as planned, and says that no mail server is set."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import CORPUS
from tests.web.conftest import Server, screenshot
from tests.web.test_check import store

pytestmark = pytest.mark.browser

PKS = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"


def test_the_reminders_page_lists_what_is_planned(page: Page, server: Server) -> None:
    base = server.url
    agreement_id = store(page, base, PKS)
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    assert token
    ends = (date.today() + timedelta(days=20)).isoformat()
    patched = page.request.patch(
        f"{base}/api/agreements/{agreement_id}",
        data={"expiry_date": ends},
        headers={"X-CSRF-Token": token},
    )
    assert patched.status == 200, patched.text()
    page.goto(f"{base}/cari?lang=id")
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Pengingat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pengingat berakhirnya naskah")
    planned = page.locator(
        "main table tbody tr", has=page.locator(f'a[href="/naskah/{agreement_id}"]')
    )
    expect(planned.first).to_contain_text("30 hari sebelumnya")
    expect(page.locator("main")).to_contain_text("Server surel belum diatur")
    screenshot(page, "50-pengingat")
