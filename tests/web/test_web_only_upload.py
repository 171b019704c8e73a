"""The upload page against a web-only `naskah serve` (NASKAH_WORKERS=0, as docker compose runs
it): a Word file waits to be read until a `naskah worker` starts, then shows its result."""

from __future__ import annotations

import re
import signal
import subprocess
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests import served
from tests.auth import PASSWORD
from tests.auth import naskah as run_naskah
from tests.conftest import CORPUS
from tests.web.conftest import ADMIN, Server, screenshot

pytestmark = pytest.mark.browser

DOCX = CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx"
# read and stored: "Selesai", or "Perlu ditinjau: ..." when a value is doubtful
READ = re.compile(r"Selesai|Perlu ditinjau")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A web-only `naskah serve`: it reads no file, every upload is a job for a worker."""
    data_dir = tmp_path_factory.mktemp("naskah-web-only")
    env = served.env_for(data_dir, NASKAH_WORKERS="0", NASKAH_JOB_POLL_S="0.2")
    run_naskah(
        env, "user", "add", ADMIN, "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n"
    )
    log = data_dir / "serve.log"
    with served.serving(env, log) as url:
        yield Server(url, data_dir, log)


def test_an_upload_waits_for_a_worker_then_shows_what_it_read(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/unggah")
    page.locator("#file-input").set_input_files([str(DOCX)])
    item = page.locator(".file-item", has_text=DOCX.name)
    expect(item.locator(".file-state")).to_contain_text("Menunggu giliran dibaca")
    screenshot(page, "60-unggah-menunggu-worker")

    env = served.env_for(server.data_dir, NASKAH_JOB_POLL_S="0.2")
    with (server.data_dir / "worker.log").open("w") as out:
        worker = subprocess.Popen(
            [*served.naskah_command(), "worker"], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        expect(item.locator(".file-state")).to_contain_text(READ, timeout=60_000)
        expect(item.locator(".summary-title")).to_contain_text("FAKULTAS KEDOKTERAN")
        screenshot(page, "61-unggah-dibaca-worker")
        item.get_by_role("link", name="Buka naskah").click()
        expect(page.locator("h1")).to_contain_text("FAKULTAS KEDOKTERAN")
    finally:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(30) == 0, (server.data_dir / "worker.log").read_text()
