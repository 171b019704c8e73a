"""/cadangan in Chromium, in Indonesian: an admin reaches it from the account menu, takes a
backup with the button and sees the archive listed with its age."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.auth import PASSWORD
from tests.auth import naskah as run_naskah
from tests.served import env_for, serving
from tests.web.conftest import ADMIN, launch, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_page(tmp_path: Path) -> Iterator[tuple[Page, str, Path]]:
    backups = tmp_path / "cadangan"
    env = env_for(
        tmp_path / "data", NASKAH_BACKUP_DIR=str(backups), NASKAH_BACKUP_FIRST_CHECK_S="3600"
    )
    run_naskah(
        env, "user", "add", ADMIN, "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n"
    )
    with serving(env, tmp_path / "serve.log") as url, sync_playwright() as playwright:
        context = launch(playwright, tmp_path / "profile")
        page = context.new_page()
        page.goto(f"{url}/masuk?lang=id")
        page.locator("#name").fill(ADMIN)
        page.locator("#password").fill(PASSWORD)
        page.locator("#login").click()
        page.wait_for_url(f"{url}/cari")
        try:
            yield page, url, backups
        finally:
            context.close()


def test_an_admin_takes_a_backup_from_the_page_and_sees_it_listed(
    admin_page: tuple[Page, str, Path],
) -> None:
    page, url, backups = admin_page
    page.locator(".account-menu summary").click()
    page.get_by_role("link", name="Cadangan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cadangan")
    expect(page.locator("#archives-none")).to_be_visible()
    expect(page.locator("main")).to_contain_text(str(backups))

    page.get_by_role("button", name="Cadangkan sekarang").click()
    expect(page.locator("#backup-started")).to_be_visible()
    deadline = time.monotonic() + 60
    while not page.locator("#archives tbody tr").count():
        assert time.monotonic() < deadline, "the archive did not appear within 60 s"
        time.sleep(0.5)
        page.goto(f"{url}/cadangan")
    row = page.locator("#archives tbody tr").first
    expect(row).to_contain_text("naskah-")
    expect(row).to_contain_text("baru saja")
    expect(row).to_contain_text("MB")
    (archive,) = backups.glob("naskah-*.tar")
    expect(row).to_contain_text(archive.name)
    screenshot(page, "60-cadangan")
