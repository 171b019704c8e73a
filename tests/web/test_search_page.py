"""The search page in Chromium (issue #14): an agreement number typed in clause scope shows that
agreement as a card above its clauses; a long query that no clause holds whole says so above the
clauses holding most of its words. A screenshot of each."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import CORPUS
from tests.web.conftest import Server, screenshot
from tests.web.test_check import store

pytestmark = pytest.mark.browser

LOUIS = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"
TRISAKTI = CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx"
PARTIAL = "Tidak semua kata ditemukan: menampilkan hasil yang memuat sebagian besar kata"


def test_a_typed_agreement_number_shows_its_card_above_its_clauses(
    page: Page, server: Server
) -> None:
    louis = store(page, server.url, LOUIS)
    store(page, server.url, TRISAKTI)
    page.goto(f"{server.url}/cari")
    page.locator("#q").fill("B/422/401/SMKN6/2022")
    named = page.locator("#named")
    expect(named).to_be_visible()
    expect(named.get_by_role("heading", name="Naskah dengan nomor yang Anda ketik")).to_be_visible()
    cards = page.locator("#named-list .hit")
    expect(cards).to_have_count(1)
    expect(cards.first.locator("h3 a")).to_have_attribute("href", f"/naskah/{louis}")
    expect(cards.first.locator("h3")).to_contain_text("LOUIS ALAIN")
    # the clauses below are that agreement's, and the card is above them
    hits = page.locator("#results .hit")
    expect(hits.first).to_be_visible()
    for href in hits.locator("h3 a").evaluate_all("links => links.map(a => a.pathname)"):
        assert href == f"/naskah/{louis}"
    card_box, first_box = cards.first.bounding_box(), hits.first.bounding_box()
    assert card_box and first_box and card_box["y"] < first_box["y"]
    expect(page.locator("#results-partial")).to_be_hidden()
    screenshot(page, "cari-nomor-naskah")

    # Words only: no card.
    page.locator("#q").fill("biaya dibebankan ")
    expect(page.locator("#results-status")).not_to_have_text("Mencari…")
    expect(named).to_be_hidden()


def test_a_query_no_clause_holds_whole_says_so_above_the_best_clauses(
    page: Page, server: Server
) -> None:
    store(page, server.url, LOUIS)
    page.goto(f"{server.url}/cari")
    # 'zxqvw' is in no agreement; the BIAYA clause holds the three other words
    page.locator("#q").fill("biaya diperlukan dibebankan zxqvw ")
    notice = page.locator("#results-partial")
    expect(notice).to_be_visible()
    expect(notice).to_have_text(PARTIAL)
    first = page.locator("#results .hit").first
    expect(first.locator("h3")).to_contain_text("BIAYA")
    expect(first.locator(".snippet mark").first).to_be_visible()
    screenshot(page, "cari-sebagian-kata")

    # Every word held: no notice.
    page.locator("#q").fill("biaya diperlukan dibebankan ")
    expect(notice).to_be_hidden()
    expect(page.locator("#results .hit").first).to_be_visible()

    # In English the same notice in English.
    page.goto(f"{server.url}/cari?q=biaya+diperlukan+dibebankan+zxqvw+&lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(notice).to_have_text(
        "Not every word was found: showing results that hold most of the words"
    )
    screenshot(page, "cari-sebagian-kata-en")
    page.goto(f"{server.url}/cari?lang=id")  # the choice is remembered: back to Indonesian


def test_an_admin_previews_a_one_way_group_and_then_saves_it(page: Page, server: Server) -> None:
    store(page, server.url, LOUIS)
    page.goto(f"{server.url}/sinonim")
    box = page.locator("#sinonim")
    text = box.input_value()
    assert "Addendum, Adendum, Amandemen, Amendment" in text and "=> Perubahan" in text
    # the saved groups: 'adendum' also finds 'perubahan' one way; 'perubahan' finds itself
    page.locator("#coba").fill("adendum perubahan alamat")
    page.locator("#coba").press("Enter")  # previews, never saves
    rows = page.locator("#preview .expansion")
    expect(rows).to_have_count(3)
    expect(rows.nth(0).locator(".group")).to_have_text("change")
    expect(rows.nth(0).locator(".one-way")).to_have_text("satu arah: Perubahan")
    expect(rows.nth(1).locator(".found-by")).to_contain_text(
        "ditemukan satu arah oleh kelompok change"
    )
    expect(rows.nth(2).locator(".group")).to_have_text("tidak ada")
    expect(page.locator("#preview-draft")).to_have_count(0)
    screenshot(page, "sinonim-pratinjau")

    # an edit, previewed before it is saved: a grant also finds costs, one way
    box.fill(text + "\nhibah, bantuan => biaya")
    page.locator("#coba").fill("hibah ")
    page.locator("#preview-synonyms").click()
    expect(page.locator("#preview-draft")).to_be_visible()
    first = page.locator("#preview .expansion").first
    expect(first.locator(".group")).to_have_text("hibah")
    expect(first.locator(".both")).to_have_text("bantuan")
    expect(first.locator(".one-way")).to_have_text("satu arah: biaya")
    screenshot(page, "sinonim-pratinjau-draf")
    page.goto(f"{server.url}/cari?q=hibah+")
    expect(page.locator("#results-none")).to_be_visible()  # not saved: nothing found

    page.goto(f"{server.url}/sinonim")
    page.locator("#sinonim").fill(text + "\nhibah, bantuan => biaya")
    page.locator("#save-synonyms").click()
    expect(page.locator("#synonyms-saved")).to_be_visible()
    page.goto(f"{server.url}/cari?q=hibah+")
    expect(page.locator("#results .hit").first.locator("h3")).to_contain_text("BIAYA")
