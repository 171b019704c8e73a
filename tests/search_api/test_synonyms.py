"""Synonym groups through real HTTP: read, replace (admins), search with them at once, the
/sinonim page, the audit log, and a restart over the same store."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from search_api.accounts import Accounts, Role
from search_api.agreements import Draft, checked, from_text, to_text
from search_api.errors import InvalidSynonyms
from search_api.index.synonyms import DEFAULT_SYNONYMS
from search_api.settings import Settings
from tests.auth import PASSWORD, sign_in, signed_in_client
from tests.search_api.conftest import CORPUS

PDF = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, meili_url=None)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with signed_in_client(settings) as client:
        yield client


def groups_of(client: TestClient) -> dict[str, list[str]]:
    response = client.get("/api/synonyms")
    assert response.status_code == 200, response.text
    return {g["name"]: g["terms"] for g in response.json()["groups"]}


def with_group(client: TestClient, *terms: str) -> list[dict[str, Any]]:
    current: list[dict[str, Any]] = client.get("/api/synonyms").json()["groups"]
    return [*current, {"terms": list(terms)}]


def total(client: TestClient, q: str) -> int:
    found: int = client.get("/api/search", params={"q": q}).json()["total"]
    return found


def session_client(client: TestClient, role: Role) -> TestClient:
    """A browser-like caller of the same app, signed in at /masuk with a session cookie."""
    accounts: Accounts = client.app.state.accounts  # type: ignore[attr-defined]
    name = f"sesi-{role}"
    accounts.add_user(name, role, PASSWORD)
    browser = TestClient(client.app)
    form = browser.get("/masuk")
    token = re.search(r'name="login_token" value="([^"]+)"', form.text)
    assert token, form.text
    signed = browser.post(
        "/masuk",
        data={"name": name, "password": PASSWORD, "login_token": token[1]},
        follow_redirects=False,
    )
    assert signed.status_code == 303, signed.text
    return browser


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, page
    return found[1]


def textarea_of(page: str) -> str:
    found = re.search(r'<textarea id="sinonim"[^>]*>\n(.*?)</textarea>', page, re.DOTALL)
    assert found, page
    return found[1]


# -- the rules -------------------------------------------------------------------------------------


def test_the_default_groups_pass_the_check_and_the_page_text_unchanged() -> None:
    drafts = [Draft(g.terms, g.name, i, g.also) for i, g in enumerate(DEFAULT_SYNONYMS, 1)]
    assert checked(drafts) == list(DEFAULT_SYNONYMS)
    assert from_text(to_text(DEFAULT_SYNONYMS), DEFAULT_SYNONYMS) == list(DEFAULT_SYNONYMS)


def test_a_line_with_an_arrow_is_a_group_with_one_way_terms() -> None:
    (group,) = from_text("adendum, addendum  =>  perubahan, revisi", [])
    assert group.terms == ("adendum", "addendum") and group.also == ("perubahan", "revisi")
    assert to_text([group]) == "adendum, addendum => perubahan, revisi"
    # one term finding one other, one way, is a group too
    assert from_text("paten => hak paten", [])[0].also == ("hak paten",)
    # a one-way term may be a term of another group
    two = from_text("sengketa, perselisihan => arbitrase\narbitrase, arbitration", [])
    assert [g.terms for g in two] == [("sengketa", "perselisihan"), ("arbitrase", "arbitration")]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("adendum, perubahan => Perubahan", "term_both_ways"),
        ("adendum =>", "one_way_empty"),
        ("=> perubahan, revisi", "one_way_without_terms"),
        ("adendum => perubahan => revisi", "term_has_arrow"),
    ],
)
def test_a_one_way_line_that_cannot_work_is_refused_naming_its_line(
    text: str, problem: str
) -> None:
    with pytest.raises(InvalidSynonyms) as refused:
        from_text(f"kahar, keadaan memaksa\n{text}", [])
    assert (refused.value.problem, refused.value.position) == (problem, 2)


# -- the API ---------------------------------------------------------------------------------------


def test_a_viewer_reads_the_synonym_groups(client: TestClient) -> None:
    sign_in(client, "viewer")
    groups = groups_of(client)
    assert "keadaan memaksa" in groups["force_majeure"]
    assert "Nota Kesepahaman" in groups["framework"]
    assert "perselisihan" in groups["dispute"]


def test_an_admin_adds_a_group_and_search_finds_the_other_term_at_once(
    client: TestClient,
) -> None:
    client.post("/api/agreements", files={"file": (PDF.name, PDF.read_bytes())})
    assert total(client, "hibah ") == 0
    assert total(client, "kemitraan ") == 0
    body = {
        "groups": [
            *with_group(client, "hibah", "pemberian"),
            {"terms": ["kemitraan", "link and match"]},
        ]
    }
    response = client.put("/api/synonyms", json=body)
    assert response.status_code == 200, response.text
    answered = {g["name"]: g["terms"] for g in response.json()["groups"]}
    assert answered["hibah"] == ["hibah", "pemberian"]
    assert answered == groups_of(client)
    # 'pemberian' and 'memberikan' share the stem 'beri'
    hits = client.get("/api/search", params={"q": "hibah "}).json()["hits"]
    assert hits and "<mark>memberikan</mark>" in hits[0]["snippet"]
    # a term of several words matches those words in a row
    hits = client.get("/api/search", params={"q": "kemitraan "}).json()["hits"]
    assert hits and "<mark>link</mark> <mark>and</mark> <mark>match</mark>" in hits[0]["snippet"]


def test_an_admin_saves_one_way_terms_and_search_finds_them(
    client: TestClient,
) -> None:
    client.post("/api/agreements", files={"file": (PDF.name, PDF.read_bytes())})
    # 'hibah' (a grant) is in no clause; the BIAYA clause says 'biaya'
    body = {"groups": [{"name": "grant", "terms": ["hibah", "bantuan"], "also": ["biaya"]}]}
    response = client.put("/api/synonyms", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["groups"] == [
        {"name": "grant", "terms": ["hibah", "bantuan"], "also": ["biaya"]}
    ]
    assert total(client, "hibah ") >= 1
    client.put("/api/synonyms", json={"groups": []})
    assert total(client, "hibah ") == 0


def test_editors_and_viewers_may_not_change_synonyms(client: TestClient) -> None:
    before = groups_of(client)
    roles: tuple[Role, ...] = ("editor", "viewer")
    for role in roles:
        sign_in(client, role)
        response = client.put("/api/synonyms", json={"groups": []})
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
    assert groups_of(client) == before


TOO_LONG = "k" * 61


@pytest.mark.parametrize(
    "groups,says",
    [
        pytest.param([{"terms": ["hibah"]}], "group 1: a group needs at least 2", id="one_term"),
        pytest.param(
            [{"terms": ["Hibah", " hibah  "]}], "group 1: a group needs at least 2", id="repeats"
        ),
        pytest.param([{"terms": ["hibah", " "]}], "group 1: a term is empty", id="empty_term"),
        pytest.param(
            [{"terms": ["hibah", TOO_LONG]}],
            f"the term '{TOO_LONG}' is longer than 60 characters",
            id="long_term",
        ),
        pytest.param(
            [{"terms": [f"kata{i}" for i in range(21)]}],
            "group 1: the group has 21 terms, at most 20",
            id="many_terms",
        ),
        pytest.param(
            [{"terms": [f"a{i}", f"b{i}"]} for i in range(201)],
            "there are 201 groups, at most 200",
            id="many_groups",
        ),
        pytest.param(
            [{"terms": ["hibah", "dan yang"]}],
            "the term 'dan yang' has no searchable word",
            id="stop_words_only",
        ),
        pytest.param(
            [{"terms": ["hibah", "a, b"]}], "the term 'a, b' contains a comma", id="comma"
        ),
        pytest.param(
            [{"terms": ["hibah", "pemberian"]}, {"terms": ["sumbangan", "HIBAH"]}],
            "group 2: the term 'HIBAH' is also in group 1; a term can be in one group only",
            id="term_in_two_groups",
        ),
        pytest.param(
            [
                {"name": "uang", "terms": ["hibah", "pemberian"]},
                {"name": "Uang", "terms": ["dana", "biaya"]},
            ],
            "group 2: the name 'Uang' is used by another group",
            id="same_name",
        ),
    ],
)
def test_invalid_groups_are_refused_with_422_saying_what_to_fix(
    client: TestClient, groups: list[dict[str, Any]], says: str
) -> None:
    before = groups_of(client)
    response = client.put("/api/synonyms", json={"groups": groups})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_synonyms"
    assert error["message"].startswith("synonyms not saved, ")
    assert says in error["message"]
    assert groups_of(client) == before


def test_a_body_of_the_wrong_shape_is_refused_in_the_one_error_shape(client: TestClient) -> None:
    response = client.put("/api/synonyms", json={"groups": [{"terms": "hibah"}]})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_a_missing_name_is_made_from_the_first_term(client: TestClient) -> None:
    body = {
        "groups": [
            {"terms": ["Nota Kesepahaman", "MoU"]},
            {"name": "nota_kesepahaman", "terms": ["kahar", "force majeure"]},
        ]
    }
    response = client.put("/api/synonyms", json=body)
    assert response.status_code == 200, response.text
    assert groups_of(client) == {
        "nota_kesepahaman": ["kahar", "force majeure"],
        "nota_kesepahaman_2": ["Nota Kesepahaman", "MoU"],
    }


def test_the_change_survives_a_restart_and_is_in_the_audit_log(settings: Settings) -> None:
    with signed_in_client(settings) as client:
        client.post("/api/agreements", files={"file": (PDF.name, PDF.read_bytes())})
        groups = [g for g in with_group(client, "hibah", "pemberian") if g.get("name") != "dispute"]
        assert client.put("/api/synonyms", json={"groups": groups}).status_code == 200
    with signed_in_client(settings) as client:
        after = groups_of(client)
        assert after["hibah"] == ["hibah", "pemberian"]
        assert "dispute" not in after
        assert total(client, "hibah ") >= 1
        entries = client.get("/api/audit", params={"action": "synonyms.change"}).json()["items"]
        assert [(e["actor"], e["action"]) for e in entries] == [("uji-admin", "synonyms.change")]
        assert "added: hibah" in entries[0]["detail"]
        assert "removed: dispute" in entries[0]["detail"]
        assert "synonyms.change" in client.get("/audit").text


# -- the page --------------------------------------------------------------------------------------


def test_an_admin_sees_the_form_with_the_current_groups(client: TestClient) -> None:
    browser = session_client(client, "admin")
    page = browser.get("/sinonim")
    assert page.status_code == 200
    assert '<html lang="id">' in page.text and "Sinonim pencarian" in page.text
    text = textarea_of(page.text)
    assert "kahar, keadaan kahar, keadaan memaksa, force majeure, overmacht" in text.splitlines()
    assert len(text.splitlines()) == len(DEFAULT_SYNONYMS)
    assert csrf_of(page.text)
    assert 'href="/sinonim"' in browser.get("/cari").text


def test_saving_valid_text_replaces_the_groups(client: TestClient) -> None:
    browser = session_client(client, "admin")
    csrf = csrf_of(browser.get("/sinonim").text)
    text = "kahar, keadaan memaksa, force majeure\n\nhibah, pemberian,\n"
    saved = browser.post("/sinonim", data={"sinonim": text, "csrf_token": csrf})
    assert saved.status_code == 200
    assert str(saved.url).endswith("/sinonim?disimpan=1")
    assert "Sinonim tersimpan: 2 kelompok." in saved.text
    assert textarea_of(saved.text) == "kahar, keadaan memaksa, force majeure\nhibah, pemberian"
    # the edited line keeps its group's name
    assert groups_of(client) == {
        "force_majeure": ["kahar", "keadaan memaksa", "force majeure"],
        "hibah": ["hibah", "pemberian"],
    }


def rows_of(page: str) -> dict[str, str]:
    """The preview table: typed -> the rest of its row as text."""
    found = re.findall(
        r'<tr class="expansion">\s*<th scope="row" class="typed">(.*?)</th>(.*?)</tr>',
        page,
        re.DOTALL,
    )
    return {
        typed: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", rest)).strip() for typed, rest in found
    }


def test_the_page_previews_what_the_saved_groups_do_to_a_query(client: TestClient) -> None:
    browser = session_client(client, "admin")
    page = browser.get("/sinonim", params={"coba": "adendum perubahan alamat"})
    assert page.status_code == 200
    rows = rows_of(page.text)
    assert list(rows) == ["adendum", "perubahan", "alamat"]
    assert rows["adendum"].startswith("change Addendum, Amandemen, Amendment")
    assert "satu arah: Perubahan" in rows["adendum"]
    assert "ditemukan satu arah oleh kelompok change" in rows["perubahan"]
    assert rows["alamat"] == "tidak ada hanya kata ini (dan bentuk berimbuhannya)"
    english = browser.get("/sinonim", params={"coba": "adendum", "lang": "en"})
    assert "one way: Perubahan" in rows_of(english.text)["adendum"]
    browser.get("/sinonim", params={"lang": "id"})


def test_a_preview_of_edited_text_saves_nothing_and_says_so(client: TestClient) -> None:
    browser = session_client(client, "admin")
    before = groups_of(client)
    csrf = csrf_of(browser.get("/sinonim").text)
    text = "hibah, bantuan => pemberian\nkahar, keadaan memaksa"
    shown = browser.post(
        "/sinonim",
        data={
            "sinonim": text,
            "coba": "bantuan keadaan memaksa",
            "aksi": "pratinjau",
            "csrf_token": csrf,
        },
    )
    assert shown.status_code == 200
    assert html.unescape(textarea_of(shown.text)) == text
    assert 'id="preview-draft"' in shown.text
    rows = rows_of(shown.text)
    assert rows["bantuan"] == "hibah hibah satu arah: pemberian"
    assert rows["keadaan memaksa"] == "force_majeure kahar"  # the stored group's name, kept
    assert groups_of(client) == before  # nothing saved
    # an invalid line is named as on saving, and nothing is previewed
    refused = browser.post(
        "/sinonim",
        data={"sinonim": "hibah", "coba": "hibah", "aksi": "pratinjau", "csrf_token": csrf},
    )
    assert refused.status_code == 422 and 'id="preview"' not in refused.text


def test_a_script_in_a_previewed_query_shows_as_text(client: TestClient) -> None:
    browser = session_client(client, "admin")
    page = browser.get("/sinonim", params={"coba": f'"{SCRIPT}" kahar'})
    assert SCRIPT not in page.text
    assert "&lt;script&gt;" in page.text or "script alert 1" in page.text


def test_invalid_text_names_the_line_and_keeps_the_text(client: TestClient) -> None:
    browser = session_client(client, "admin")
    csrf = csrf_of(browser.get("/sinonim").text)
    before = groups_of(client)
    text = "mou, nota kesepahaman\n\nhibah\nsengketa, perselisihan"
    response = browser.post("/sinonim", data={"sinonim": text, "csrf_token": csrf})
    assert response.status_code == 422
    assert (
        "Belum disimpan. Baris 3: kelompok perlu paling sedikit 2 istilah berbeda" in response.text
    )
    assert textarea_of(response.text) == text
    assert groups_of(client) == before

    twice = "mou, nota kesepahaman\nMoU, kesepakatan bersama"
    response = browser.post("/sinonim?lang=en", data={"sinonim": twice, "csrf_token": csrf})
    assert response.status_code == 422
    assert "Not saved. Line 2: the term &#39;MoU&#39; is also on line 1" in response.text
    assert groups_of(client) == before


def test_the_form_needs_its_csrf_token(client: TestClient) -> None:
    browser = session_client(client, "admin")
    response = browser.post("/sinonim", data={"sinonim": "hibah, pemberian"})
    assert response.status_code == 403
    assert "Formulir tidak diterima" in response.text
    english = browser.post("/sinonim?lang=en", data={"sinonim": "hibah, pemberian"})
    assert english.status_code == 403
    assert "Form not accepted" in english.text
    assert "hibah" not in groups_of(client)


def test_the_page_is_for_admins_only(client: TestClient) -> None:
    browser = session_client(client, "editor")
    assert browser.get("/sinonim").status_code == 403
    assert 'href="/sinonim"' not in browser.get("/cari").text
    csrf = csrf_of(browser.get("/cari").text)
    refused = browser.post("/sinonim", data={"sinonim": "hibah, pemberian", "csrf_token": csrf})
    assert refused.status_code == 403
    assert "hibah" not in groups_of(client)


def test_a_script_in_a_term_shows_as_text(client: TestClient) -> None:
    browser = session_client(client, "admin")
    csrf = csrf_of(browser.get("/sinonim").text)
    saved = browser.post("/sinonim", data={"sinonim": f"{SCRIPT}, skrip", "csrf_token": csrf})
    assert saved.status_code == 200
    assert SCRIPT not in saved.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;, skrip" in saved.text
    long_term = SCRIPT * 3 + "</textarea>"
    refused = browser.post("/sinonim", data={"sinonim": f"hibah, {long_term}", "csrf_token": csrf})
    assert refused.status_code == 422
    assert SCRIPT not in refused.text
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;" * 3 + "&lt;/textarea&gt;"
    assert f"istilah &#39;{escaped}&#39; lebih dari 60 karakter" in refused.text
    assert textarea_of(refused.text) == f"hibah, {escaped}"
