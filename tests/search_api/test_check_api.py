"""Pemeriksaan naskah over real HTTP: POST /api/check and GET /api/agreements/{id}/check on a
real store and index holding real corpus agreements, with drafts made from corpus documents
as real DOCX files (tests/search_api/compliance_drafts.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from search_api.app import create_app
from search_api.compliance import load_packs
from search_api.settings import Settings
from tests.auth import sign_in
from tests.search_api.compliance_drafts import (
    changed,
    corpus_agreement,
    docx_without_pasal,
    text_draft,
)
from tests.search_api.conftest import CORPUS

TRISAKTI = CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx"
UNP = CORPUS / "id-pks-unp-ptm-smkn6-batam-2022.pdf"
# Stored agreements the checks consult: two PKS with a force-majeure Pasal, and a KB.
STORED = (
    UNP,
    CORPUS / "id-pks-template-polibatam-magang-bilingual.docx",
    CORPUS / "id-nk-template-polibatam-industri.docx",
)
ROLES = ("viewer", "editor", "admin")


@dataclass
class Library:
    client: TestClient
    settings: Settings
    tokens: dict[str, str]
    ids: dict[str, str]  # corpus file name -> stored agreement id

    def as_(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def check_file(self, path: Path, role: str = "viewer", **params: str) -> Any:
        response = self.client.post(
            "/api/check",
            files={"file": (path.name, path.read_bytes())},
            params=params,
            headers=self.as_(role),
        )
        assert response.status_code == 200, response.text
        return response.json()

    def stored_state(self) -> dict[str, Any]:
        """Everything a check must leave as it was: rows, index, originals, refusals, jobs."""
        health = self.client.get("/api/health").json()
        library = self.client.app.state.library  # type: ignore[attr-defined]
        return {
            "agreements": health["agreements"],
            "indexed": health["indexed_records"],
            "files": sorted(p.name for p in self.settings.files_dir.rglob("*") if p.is_file()),
            "rejections": len(library.rejections()),
            "jobs": len(self.client.get("/api/jobs", headers=self.as_("admin")).json()["items"]),
        }


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("checks"), meili_url=None)
    with TestClient(create_app(settings)) as client:
        tokens = {role: sign_in(client, role) for role in ROLES}  # type: ignore[arg-type]
        client.headers.pop("Authorization")
        ids = {}
        for path in STORED:
            response = client.post(
                "/api/agreements",
                files={"file": (path.name, path.read_bytes())},
                headers={"Authorization": f"Bearer {tokens['editor']}"},
            )
            assert response.status_code == 201, response.text
            ids[path.name] = response.json()["id"]
        yield Library(client, settings, tokens, ids)


def finding(result: dict[str, Any], rule: str) -> dict[str, Any]:
    (found,) = [f for f in result["findings"] if f["rule"] == rule]
    return dict(found)


def clause_category(library: Library, agreement_id: str, clause_id: str) -> str | None:
    stored = library.client.get(f"/api/agreements/{agreement_id}", headers=library.as_("viewer"))
    (clause,) = [c for c in stored.json()["clauses"] if c["id"] == clause_id]
    category: str | None = clause["category"]
    return category


# --- the cases ----------------------------------------------------------------------


def test_a_pks_without_its_force_majeure_pasal_is_missing_with_precedents_of_other_agreements(
    library: Library, tmp_path: Path
) -> None:
    (number,) = [
        int(c.number)
        for c in corpus_agreement(TRISAKTI.stem).clauses
        if c.category == "force_majeure"
    ]
    docx_without_pasal(TRISAKTI, tmp_path / "draf-tanpa-keadaan-memaksa.docx", number)

    gone = finding(
        library.check_file(tmp_path / "draf-tanpa-keadaan-memaksa.docx"), "contents.force_majeure"
    )
    kept = finding(library.check_file(TRISAKTI), "contents.force_majeure")

    assert (kept["status"], kept["clauses"], kept["precedents"]) == ("ok", [str(number)], [])
    assert gone["status"] == "missing"
    assert gone["clauses"] == []
    assert gone["precedents"], "a missing force majeure needs wordings signed before"
    for precedent in gone["precedents"]:
        assert precedent["agreement_id"] in library.ids.values()
        assert clause_category(library, precedent["agreement_id"], precedent["clause_id"]) == (
            "force_majeure"
        )
        assert precedent["title"] and precedent["snippet"]
    # the stored PKS are of the draft's kind and partner type: both come before the KB
    assert {p["agreement_id"] for p in gone["precedents"]} == {
        library.ids[UNP.name],
        library.ids["id-pks-template-polibatam-magang-bilingual.docx"],
    }


def test_the_untouched_pks_has_no_missing_finding_its_gold_labels_contradict(
    library: Library,
) -> None:
    gold = json.loads(TRISAKTI.with_suffix(".json").read_text(encoding="utf-8"))
    result = library.check_file(TRISAKTI)
    rules = {r.id: r for r in load_packs().get(result["kind"]).rules}
    gold_categories = {c["category"] for c in gold["clauses"]}
    missing = [f for f in result["findings"] if f["status"] == "missing"]
    for found in missing:
        rule = rules[found["rule"]]
        if rule.check == "contents":
            assert not set(rule.params["categories"]) & gold_categories, found["rule"]
            assert not (rule.param("field") == "term" and gold["term"]), found["rule"]
        if rule.check == "parties":
            assert not gold["parties"], found["rule"]
    for found in result["findings"]:  # a finding's Pasal are the draft's own
        assert set(found["clauses"]) <= {c["number"] for c in gold["clauses"]}, found["rule"]


def before_first_pasal(text: str, inserted: str) -> str:
    """`text` with a line `inserted` before its first Pasal header (the end of the preamble)."""
    first = re.search(r"^\s*pasal\s*1\s*$", text, re.MULTILINE | re.IGNORECASE)
    assert first, "the text has a Pasal 1"
    return text[: first.start()] + inserted + "\n" + text[first.start() :]


def _with_outdated_basis() -> str:
    return before_first_pasal(
        corpus_agreement(UNP.stem).text,
        "Mengingat Peraturan Pemerintah Nomor 50 Tahun 2007 tentang Tata Cara Pelaksanaan "
        "Kerja Sama Daerah;",
    )


@pytest.mark.parametrize(
    ("lang", "says"),
    [("en", "PP 28/2018"), ("id", "PP 28/2018")],
)
def test_a_draft_citing_pp_50_2007_signed_after_2018_is_a_doubt_naming_its_successor(
    library: Library, lang: str, says: str
) -> None:
    signed = json.loads(UNP.with_suffix(".json").read_text(encoding="utf-8"))["signed_date"]
    assert signed > "2018-12-31"
    response = library.client.post(
        "/api/check",
        json={"text": _with_outdated_basis()},
        params={"lang": lang},
        headers=library.as_("viewer"),
    )
    assert response.status_code == 200, response.text
    basis = finding(response.json(), "basis.replaced")
    assert basis["status"] == "doubt"
    assert says in basis["message"] and "PP 50/2007" in basis["message"]
    assert response.json()["language"] == lang


def test_the_same_pks_without_the_old_basis_cites_no_replaced_one(library: Library) -> None:
    response = library.client.post(
        "/api/check", json={"text": corpus_agreement(UNP.stem).text}, headers=library.as_("viewer")
    )
    assert finding(response.json(), "basis.replaced")["status"] == "ok"


def test_checks_store_nothing(library: Library, tmp_path: Path) -> None:
    before = library.stored_state()
    library.check_file(TRISAKTI)
    library.check_file(TRISAKTI, role="admin")
    text = library.client.post(
        "/api/check", json={"text": _with_outdated_basis()}, headers=library.as_("viewer")
    )
    assert text.status_code == 200
    refused = library.client.post(
        "/api/check",
        files={"file": ("catatan.pdf", b"just some text, not a PDF")},
        headers=library.as_("viewer"),
    )
    assert refused.status_code == 415
    assert refused.json()["error"]["code"] == "unsupported_format"
    assert library.stored_state() == before


# --- a stored agreement's own check ---------------------------------------------------------


def test_a_stored_agreement_is_checked_as_it_was_read_and_is_never_its_own_precedent(
    library: Library,
) -> None:
    stored_now = library.client.post(
        "/api/agreements",
        files={"file": (TRISAKTI.name, TRISAKTI.read_bytes())},
        headers=library.as_("editor"),
    )
    assert stored_now.status_code == 201
    agreement_id = stored_now.json()["id"]
    try:
        stored = library.client.get(
            f"/api/agreements/{agreement_id}/check", headers=library.as_("viewer")
        )
        assert stored.status_code == 200
        fresh = library.check_file(TRISAKTI)
    finally:
        library.client.delete(f"/api/agreements/{agreement_id}", headers=library.as_("editor"))
    result = stored.json()
    assert (result["agreement_id"], result["id"]) == (agreement_id, None)
    assert [(f["rule"], f["status"], f["clauses"]) for f in result["findings"]] == [
        (f["rule"], f["status"], f["clauses"]) for f in fresh["findings"]
    ]
    # a blank found by its place in the text: the store keeps clauses without their spans
    assert finding(result, "consistency.placeholders")["clauses"] == ["11"]
    for found in result["findings"] + fresh["findings"]:
        # the draft checked is the same file as the stored one: never its own precedent
        assert all(p["agreement_id"] != agreement_id for p in found["precedents"]), found["rule"]


def test_a_pks_citing_a_stored_kb_finds_it_by_its_number(library: Library, tmp_path: Path) -> None:
    kb_text = corpus_agreement("id-nk-template-polibatam-industri").text
    kb_text = changed(
        kb_text, "NOMOR:\nNOMOR:", "NOMOR: 045/KB/PL/IX/2021\nNOMOR: 119/123/KB/IX/2021"
    )
    kb_text = changed(
        kb_text,
        "Pada hari ini, [tanggal], bertempat di [lokasi],",
        "Pada hari ini tanggal dua puluh bulan September tahun dua ribu dua puluh satu, "
        "bertempat di Batam,",
    )
    text_draft(kb_text, tmp_path / "kb.docx")
    pks_text = before_first_pasal(
        corpus_agreement(UNP.stem).text,
        "Perjanjian Kerja Sama ini merupakan tindak lanjut Kesepakatan Bersama Nomor "
        "119/123/KB/IX/2021 tanggal 20 September 2021.",
    )
    before = finding(
        library.client.post(
            "/api/check", json={"text": pks_text}, headers=library.as_("viewer")
        ).json(),
        "kb.cited",
    )
    assert before["status"] == "doubt"
    assert "119/123/KB/IX/2021" in before["message"]

    kb = library.client.post(
        "/api/agreements",
        files={"file": ("kb.docx", (tmp_path / "kb.docx").read_bytes())},
        headers=library.as_("editor"),
    )
    assert kb.status_code == 201, kb.text
    try:
        after = finding(
            library.client.post(
                "/api/check", json={"text": pks_text}, headers=library.as_("viewer")
            ).json(),
            "kb.cited",
        )
        assert after["status"] == "ok", after["message"]
        assert "119/123/KB/IX/2021" in after["message"]
    finally:
        library.client.delete(f"/api/agreements/{kb.json()['id']}", headers=library.as_("editor"))


# --- rules switched off ---------------------------------------------------------------------


def test_a_rule_switched_off_is_gone_from_every_check_and_the_switch_is_audited(
    library: Library,
) -> None:
    rule = "contents.force_majeure"
    stored_id = library.ids[UNP.name]
    assert (
        library.client.put(
            f"/api/check/rules/{rule}", json={"enabled": False}, headers=library.as_("editor")
        ).status_code
        == 403
    )
    switched = library.client.put(
        f"/api/check/rules/{rule}", json={"enabled": False}, headers=library.as_("admin")
    )
    assert switched.status_code == 200
    assert (switched.json()["enabled"], switched.json()["changed_by"]) == (False, "uji-admin")
    try:
        draft = library.check_file(TRISAKTI)
        stored = library.client.get(
            f"/api/agreements/{stored_id}/check", headers=library.as_("viewer")
        )
        for result in (draft, stored.json()):
            assert rule not in {f["rule"] for f in result["findings"]}
            assert rule in result["disabled"]
        rules = library.client.get("/api/check/rules", headers=library.as_("viewer")).json()[
            "rules"
        ]
        assert [r["enabled"] for r in rules if r["id"] == rule] == [False]
    finally:
        on = library.client.put(
            f"/api/check/rules/{rule}", json={"enabled": True}, headers=library.as_("admin")
        )
        assert on.status_code == 200
    assert rule in {f["rule"] for f in library.check_file(TRISAKTI)["findings"]}
    audit = library.client.get("/api/audit", headers=library.as_("admin")).json()["items"]
    switches = [(e["actor"], e["action"], e["target"]) for e in audit if e["target"] == rule]
    assert switches[:2] == [
        ("uji-admin", "check_rule.on", rule),
        ("uji-admin", "check_rule.off", rule),
    ]


def test_an_unknown_rule_cannot_be_switched(library: Library) -> None:
    response = library.client.put(
        "/api/check/rules/contents.nonexistent",
        json={"enabled": False},
        headers=library.as_("admin"),
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown_check_rule"


def test_every_rule_is_listed_once_with_each_packs_wording_of_it(library: Library) -> None:
    rules = library.client.get(
        "/api/check/rules", params={"lang": "en"}, headers=library.as_("viewer")
    )
    listed = rules.json()["rules"]
    ids = [r["id"] for r in listed]
    assert len(ids) == len(set(ids))
    assert set(ids) == {r.id for pack in load_packs().packs for r in pack.rules}
    for rule in listed:
        kinds = [k for v in rule["variants"] for k in v["kinds"]]
        assert sorted(kinds) == sorted(
            p.kind for p in load_packs().packs if rule["id"] in {r.id for r in p.rules}
        ), rule["id"]
        for variant in rule["variants"]:
            (wording,) = {
                (r.title["en"], r.basis)
                for p in load_packs().packs
                if p.kind in variant["kinds"]
                for r in p.rules
                if r.id == rule["id"]
            }
            assert wording == (variant["title"], variant["basis"])
    (parties,) = [r for r in listed if r["id"] == "contents.parties"]
    assert len(parties["variants"]) > 1  # an addendum's parties are worded apart from a KB's
    (fm,) = [r for r in listed if r["id"] == "contents.force_majeure"]
    assert fm["title"] == "Force majeure"


# --- a draft's check again, and what goes wrong ---------------------------------------------


def test_a_drafts_check_is_answered_again_to_its_user_only(library: Library) -> None:
    first = library.check_file(TRISAKTI, role="viewer")
    again = library.client.get(f"/api/check/{first['id']}", headers=library.as_("viewer"))
    assert again.status_code == 200
    assert again.json()["findings"] == first["findings"]
    other = library.client.get(f"/api/check/{first['id']}", headers=library.as_("editor"))
    assert other.status_code == 404
    assert other.json()["error"]["code"] == "check_not_found"
    unknown = library.client.get("/api/check/0123456789abcdef", headers=library.as_("viewer"))
    assert unknown.status_code == 404


def test_the_kind_argument_chooses_the_pack(library: Library) -> None:
    assert library.check_file(TRISAKTI)["kind"] == "pks_pihak_ketiga"
    chosen = library.client.post(
        "/api/check",
        files={"file": (TRISAKTI.name, TRISAKTI.read_bytes())},
        data={"kind": "kb"},
        headers=library.as_("viewer"),
    )
    assert (chosen.status_code, chosen.json()["kind"]) == (200, "kb")
    assert chosen.json()["kind_reason"] == "chosen by the caller"


@pytest.mark.parametrize(
    ("request_args", "status", "code"),
    [
        pytest.param({"json": {"text": "   \n "}}, 422, "check_input_missing", id="empty_text"),
        pytest.param({"json": {"words": "x"}}, 422, "check_input_missing", id="json_without_text"),
        pytest.param(
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            422,
            "check_input_missing",
            id="broken_json",
        ),
        pytest.param(
            {"content": b"Pasal 1", "headers": {"content-type": "text/plain"}},
            415,
            "check_body_unsupported",
            id="plain_text_body",
        ),
        pytest.param(
            {"files": {"berkas": ("a.docx", b"x")}},
            422,
            "check_input_missing",
            id="multipart_without_file",
        ),
        pytest.param(
            {"json": {"text": "Pasal 1", "kind": "perda"}},
            422,
            "unknown_check_kind",
            id="unknown_kind",
        ),
        pytest.param(
            {"files": {"file": ("lama.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)}},
            415,
            "legacy_word_format",
            id="old_doc",
        ),
    ],
)
def test_a_check_request_naskah_cannot_use_is_refused_with_a_stable_code(
    library: Library, request_args: dict[str, Any], status: int, code: str
) -> None:
    headers = {**request_args.pop("headers", {}), **library.as_("viewer")}
    response = library.client.post("/api/check", headers=headers, **request_args)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code


def test_an_unknown_agreement_has_no_check(library: Library) -> None:
    response = library.client.get("/api/agreements/nope/check", headers=library.as_("viewer"))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "agreement_not_found"
