"""The Pemeriksaan naskah pages over real HTTP: a draft's result page, its DOCX checklist,
"Simpan sebagai naskah", an agreement's own check and the admins' rules page, in both
languages, with hostile values escaped."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.settings import Settings
from tests.auth import sign_in
from tests.search_api.compliance_drafts import corpus_agreement, docx_without_pasal
from tests.search_api.conftest import CORPUS

TRISAKTI = CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx"
UNP = CORPUS / "id-pks-unp-ptm-smkn6-batam-2022.pdf"
MAGANG = CORPUS / "id-pks-template-polibatam-magang-bilingual.docx"
HOSTILE = '<script>alert("x")</script>'


@dataclass
class Site:
    client: TestClient
    tokens: dict[str, str]
    ids: dict[str, str]

    def as_(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def check(self, path: Path, role: str = "viewer") -> dict[str, Any]:
        response = self.client.post(
            "/api/check", files={"file": (path.name, path.read_bytes())}, headers=self.as_(role)
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def page(self, url: str, role: str = "viewer", **params: str) -> str:
        response = self.client.get(url, params=params, headers=self.as_(role))
        assert response.status_code == 200, (url, response.status_code)
        return response.text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("check-pages"), meili_url=None)
    with TestClient(create_app(settings)) as client:
        tokens = {r: sign_in(client, r) for r in ("viewer", "editor", "admin")}  # type: ignore[arg-type]
        client.headers.pop("Authorization")
        ids = {}
        for path in (UNP, MAGANG):
            response = client.post(
                "/api/agreements",
                files={"file": (path.name, path.read_bytes())},
                headers={"Authorization": f"Bearer {tokens['editor']}"},
            )
            ids[path.name] = response.json()["id"]
        yield Site(client, tokens, ids)


@pytest.fixture(autouse=True)
def in_indonesian(site: Site) -> None:
    """Each test starts in the default language (a ?lang=en page sets a cookie)."""
    site.client.cookies.clear()


@pytest.fixture(scope="module")
def without_force_majeure(tmp_path_factory: pytest.TempPathFactory) -> Path:
    (number,) = [
        int(c.number)
        for c in corpus_agreement(TRISAKTI.stem).clauses
        if c.category == "force_majeure"
    ]
    target = tmp_path_factory.mktemp("drafts") / "draf-pks.docx"
    docx_without_pasal(TRISAKTI, target, number)
    return target


def findings_of(html: str) -> dict[str, str]:
    """Rule id -> status, as the result page lists them."""
    return dict(re.findall(r'data-rule="([^"]+)" data-status="([^"]+)"', html))


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "id",
            (
                "Periksa naskah",
                "Berkas draf",
                "Dipilih otomatis dari naskahnya",
                "Draf tidak disimpan",
            ),
        ),
        (
            "en",
            (
                "Check an agreement",
                "Draft file",
                "Chosen from the document",
                "The draft is not stored",
            ),
        ),
    ],
)
def test_the_check_form_is_in_the_users_language(
    site: Site, lang: str, words: tuple[str, ...]
) -> None:
    html = site.page("/periksa", lang=lang)
    for word in words:
        assert word in html
    assert 'id="draft-file"' in html and 'id="draft-text"' in html
    assert 'value="pks_pihak_ketiga"' in html


@pytest.mark.parametrize(
    ("lang", "labels"),
    [("id", ("Tidak ada", "Ada", "Perlu diperiksa")), ("en", ("Missing", "Present", "To check"))],
)
def test_a_drafts_result_lists_every_rule_with_status_clause_basis_and_precedents(
    site: Site, without_force_majeure: Path, lang: str, labels: tuple[str, ...]
) -> None:
    result = site.check(without_force_majeure)
    html = site.page(f"/periksa/{result['id']}", lang=lang)
    assert findings_of(html) == {f["rule"]: f["status"] for f in result["findings"]}
    for label in labels:
        assert f">{label}</span>" in html
    (fm,) = [f for f in result["findings"] if f["rule"] == "contents.force_majeure"]
    assert fm["status"] == "missing"
    for precedent in fm["precedents"]:
        assert f'href="/preseden?pasal={precedent["clause_id"]}"' in html
        assert f'href="/naskah/{precedent["agreement_id"]}#pasal-{precedent["clause_id"]}"' in html
    # a Pasal found links to the draft's own Pasal, shown on the page
    (obj,) = [f for f in result["findings"] if f["rule"] == "contents.object"]
    assert obj["clauses"] and 'href="#draf-pasal-1"' in html and 'id="draf-pasal-1"' in html
    for f in result["findings"]:
        assert f["basis"].replace('"', "&#34;") in html.replace("&quot;", "&#34;")
    assert 'rel="stylesheet" href="/static/css/check.css"' in html


def test_the_checklist_docx_has_every_rule_its_status_and_precedents(
    site: Site, without_force_majeure: Path
) -> None:
    result = site.check(without_force_majeure)
    response = site.client.get(f"/periksa/{result['id']}/docx", headers=site.as_("viewer"))
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    assert response.headers["content-disposition"].endswith(".docx")
    document = docx.Document(io.BytesIO(response.content))
    rows = document.tables[0].rows[1:]
    assert len(rows) == len(result["findings"])
    (fm_row,) = [r for r in rows if "contents.force_majeure" in r.cells[1].text]
    assert fm_row.cells[2].text == "Tidak ada"
    (fm,) = [f for f in result["findings"] if f["rule"] == "contents.force_majeure"]
    assert fm["precedents"] and fm["precedents"][0]["title"] in fm_row.cells[5].text
    english = site.client.get(
        f"/periksa/{result['id']}/docx", params={"lang": "en"}, headers=site.as_("viewer")
    )
    rows_en = docx.Document(io.BytesIO(english.content)).tables[0].rows[1:]
    assert [r for r in rows_en if "contents.force_majeure" in r.cells[1].text][0].cells[
        2
    ].text == "Missing"


def test_hostile_values_in_a_draft_are_escaped_on_its_result_page(site: Site) -> None:
    text = corpus_agreement(UNP.stem).text.replace(
        "PERJANJIAN KERJA SAMA", f"PERJANJIAN KERJA SAMA {HOSTILE}", 1
    )
    text = re.sub(r"(?mi)^(\s*pasal\s*1\s*)$", rf"\1\n{HOSTILE}", text, count=1)
    response = site.client.post("/api/check", json={"text": text}, headers=site.as_("viewer"))
    assert response.status_code == 200
    html = site.page(f"/periksa/{response.json()['id']}")
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(" in html


def test_an_editor_saves_a_checked_draft_as_an_agreement_and_it_is_audited(
    site: Site, tmp_path: Path
) -> None:
    bilingual = CORPUS / "id-template-perjanjian-bagi-hasil-2024.pdf"
    viewer_check = site.check(bilingual, role="viewer")
    refused = site.client.post(
        f"/periksa/{viewer_check['id']}/simpan", headers=site.as_("viewer"), follow_redirects=False
    )
    assert refused.status_code == 403
    before = site.client.get("/api/agreements", headers=site.as_("viewer")).json()["total"]
    result = site.check(bilingual, role="editor")
    assert 'id="save-draft"' in site.page(f"/periksa/{result['id']}", role="editor")
    assert 'id="save-draft"' not in site.page(f"/periksa/{viewer_check['id']}", role="viewer")

    saved = site.client.post(
        f"/periksa/{result['id']}/simpan", headers=site.as_("editor"), follow_redirects=False
    )
    assert saved.status_code == 303
    match = re.fullmatch(r"/naskah/(\w+)\?dari_periksa=1", saved.headers["location"])
    assert match, saved.headers["location"]
    agreement_id = match[1]
    try:
        stored = site.client.get(f"/api/agreements/{agreement_id}", headers=site.as_("viewer"))
        assert stored.json()["source"]["filename"] == bilingual.name
        assert (
            site.client.get("/api/agreements", headers=site.as_("viewer")).json()["total"]
            == before + 1
        )
        audit = site.client.get("/api/audit", headers=site.as_("admin")).json()["items"]
        assert (audit[0]["actor"], audit[0]["action"], audit[0]["target"]) == (
            "uji-editor",
            "upload",
            f"/api/agreements/{agreement_id}",
        )
        assert "dari_periksa" in saved.headers["location"]
        page = site.page(saved.headers["location"].split("?")[0], dari_periksa="1")
        assert "Draf yang diperiksa disimpan sebagai naskah." in page
        # the draft is stored now: its check is the agreement's own
        gone = site.client.get(f"/periksa/{result['id']}", headers=site.as_("editor"))
        assert gone.status_code == 404
    finally:
        site.client.delete(f"/api/agreements/{agreement_id}", headers=site.as_("editor"))


def test_pasted_text_cannot_be_saved_as_an_agreement(site: Site) -> None:
    response = site.client.post(
        "/api/check", json={"text": corpus_agreement(UNP.stem).text}, headers=site.as_("editor")
    )
    check_id = response.json()["id"]
    page = site.page(f"/periksa/{check_id}", role="editor")
    assert 'id="save-draft"' not in page
    assert "Teks tempelan tidak dapat disimpan sebagai naskah" in page
    assert "teks yang ditempel" in page and "teks-draf.docx" not in page
    refused = site.client.post(f"/periksa/{check_id}/simpan", headers=site.as_("editor"))
    assert refused.status_code == 409


def test_every_agreement_page_shows_its_own_check(site: Site) -> None:
    agreement_id = site.ids[UNP.name]
    api = site.client.get(
        f"/api/agreements/{agreement_id}/check", headers=site.as_("viewer")
    ).json()
    html = site.page(f"/naskah/{agreement_id}")
    assert f"{api['requirements_met']} dari {api['requirements']} persyaratan terpenuhi" in html
    assert f'href="/naskah/{agreement_id}/periksa"' in html
    for f in api["findings"]:
        if f["status"] != "ok":
            assert f'href="/naskah/{agreement_id}/periksa#aturan-{f["rule"]}"' in html
    full = site.page(f"/naskah/{agreement_id}/periksa", lang="en")
    assert findings_of(full) == {f["rule"]: f["status"] for f in api["findings"]}
    assert f"{api['requirements_met']} of {api['requirements']} requirements met" in full
    # a Pasal found links to the clause on the agreement's page
    stored = site.client.get(f"/api/agreements/{agreement_id}", headers=site.as_("viewer")).json()
    ids = {c["number"]: c["id"] for c in stored["clauses"]}
    for f in api["findings"]:
        for number in f["clauses"]:
            assert f'href="/naskah/{agreement_id}#pasal-{ids[number]}"' in full
    docx_response = site.client.get(
        f"/naskah/{agreement_id}/periksa/docx", headers=site.as_("viewer")
    )
    assert docx_response.status_code == 200
    assert (
        len(docx.Document(io.BytesIO(docx_response.content)).tables[0].rows)
        == len(api["findings"]) + 1
    )


def test_a_check_that_is_gone_or_another_users_is_a_not_found_page(site: Site) -> None:
    result = site.check(TRISAKTI, role="viewer")
    other = site.client.get(f"/periksa/{result['id']}", headers=site.as_("editor"))
    assert other.status_code == 404
    assert "Periksa draf itu lagi" in other.text
    assert site.client.get("/periksa/0000/docx", headers=site.as_("viewer")).status_code == 404
    unknown_kind = site.client.get(
        f"/naskah/{site.ids[UNP.name]}/periksa",
        params={"jenis": "perda"},
        headers=site.as_("viewer"),
    )
    assert unknown_kind.status_code == 404


def test_an_admin_switches_a_rule_off_on_the_rules_page_and_the_pages_respect_it(
    site: Site,
) -> None:
    rule = "consistency.weekday"
    page = site.page("/pengaturan/pemeriksaan", role="admin")
    assert f'id="aturan-{rule}"' in page and "Nonaktifkan" in page
    assert site.client.get("/pengaturan/pemeriksaan", headers=site.as_("editor")).status_code == 403
    switched = site.client.post(
        "/pengaturan/pemeriksaan",
        data={"aturan": rule, "aktif": "0"},
        headers=site.as_("admin"),
        follow_redirects=False,
    )
    assert switched.status_code == 303
    try:
        page = site.page("/pengaturan/pemeriksaan", role="admin", diubah=rule)
        assert re.search(rf'<tr id="aturan-{re.escape(rule)}" class="rule-off">', page)
        assert "diubah oleh uji-admin" in page
        agreement_id = site.ids[UNP.name]
        full = site.page(f"/naskah/{agreement_id}/periksa")
        assert rule not in findings_of(full)
        assert f"({rule})" in full  # listed as switched off
        audit = site.client.get("/api/audit", headers=site.as_("admin")).json()["items"]
        assert (audit[0]["action"], audit[0]["target"]) == ("check_rule.off", rule)
    finally:
        site.client.post(
            "/pengaturan/pemeriksaan",
            data={"aturan": rule, "aktif": "1"},
            headers=site.as_("admin"),
        )
    assert rule in findings_of(site.page(f"/naskah/{site.ids[UNP.name]}/periksa"))
    unknown = site.client.post(
        "/pengaturan/pemeriksaan",
        data={"aturan": "tidak.ada", "aktif": "0"},
        headers=site.as_("admin"),
    )
    assert unknown.status_code == 404
