"""Playwright on Debian's Chromium against a real `naskah serve` over a temporary data folder.

Never `playwright install`: the browser is /usr/bin/chromium (scripts/test installs it). The tests
skip, saying why, only when that browser is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests import served
from tests.auth import PASSWORD
from tests.auth import naskah as run_naskah

CHROMIUM = Path("/usr/bin/chromium")
ADMIN = "Admin Uji"
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=id-ID",  # date inputs as an Indonesian office's browser shows them (dd/mm/yyyy)
]

if not CHROMIUM.exists():
    pytest.skip(
        f"the UI tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium; "
        "scripts/test installs it)",
        allow_module_level=True,
    )

from playwright.sync_api import (  # noqa: E402
    BrowserContext,
    Dialog,
    Page,
    Playwright,
    sync_playwright,
)


@dataclass
class Server:
    url: str
    data_dir: Path
    log: Path


@contextmanager
def serving(data_dir: Path) -> Iterator[Server]:
    """`naskah serve` on a free port over `data_dir`, as an office starts it; stopped after."""
    log = data_dir / "serve.log"
    with served.serving(served.env_for(data_dir), log) as url:
        yield Server(url, data_dir, log)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`naskah serve` on a free port over an empty data folder, for the module's tests."""
    data_dir = tmp_path_factory.mktemp("naskah-data")
    # the operator's first step: an admin the browser signs in as (browser_context)
    run_naskah(
        served.env_for(data_dir),
        "user",
        "add",
        ADMIN,
        "--role",
        "admin",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    with serving(data_dir) as started:
        yield started


def launch(playwright: Playwright, profile: Path) -> BrowserContext:
    """Debian's Chromium as an Indonesian office runs it, with a fresh profile."""
    context = playwright.chromium.launch_persistent_context(
        str(profile),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        accept_downloads=True,
        viewport={"width": 1366, "height": 900},
        locale="id-ID",
        timezone_id="Asia/Jakarta",
    )
    context.set_default_timeout(20_000)
    return context


@dataclass
class Dialogs:
    """Every alert/confirm/prompt a page opened: an escaped value never opens one."""

    seen: list[str] = field(default_factory=list)

    def __call__(self, dialog: Dialog) -> None:
        self.seen.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@pytest.fixture(scope="module")
def browser_context(
    tmp_path_factory: pytest.TempPathFactory, server: Server
) -> Iterator[BrowserContext]:
    """Chromium signed in to `server` as the admin, through the sign-in page."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = launch(playwright, profile)
        sign_in_page = context.new_page()
        sign_in_page.goto(f"{server.url}/masuk")
        sign_in_page.locator("#name").fill(ADMIN)
        sign_in_page.locator("#password").fill(PASSWORD)
        sign_in_page.locator("#login").click()
        sign_in_page.wait_for_url(f"{server.url}/cari")
        sign_in_page.close()
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def dialogs() -> Dialogs:
    return Dialogs()


@pytest.fixture
def page(browser_context: BrowserContext, dialogs: Dialogs) -> Iterator[Page]:
    page = browser_context.new_page()
    page.on("dialog", dialogs)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    page.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save the page as tests/artifacts/screenshots/<name>.png (git-ignored) to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
