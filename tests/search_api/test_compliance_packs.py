"""The rule packs (search_api/compliance/packs/*.toml): they load, cover every document,
choose by doc type and parties, and a broken pack fails at load naming file and rule."""

from __future__ import annotations

import csv
import shutil
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from ingest.model import Agreement, Term, agreement_from_dict
from search_api.compliance import InvalidPack, UnknownCheckKind, check_agreement, load_packs
from search_api.compliance.packs import load
from tests.search_api.compliance_drafts import with_profile
from tests.search_api.conftest import CASES

PACKS = Path(str(resources.files("search_api.compliance").joinpath("packs")))
KINDS = {"kb", "pks_daerah", "pks_pihak_ketiga", "adendum", "luar_negeri"}


def _agreement(doc_type: str, language: str, parties: list[str]) -> Agreement:
    agreement = agreement_from_dict(
        {
            "source": {
                "filename": "x.docx",
                "sha256": "0" * 64,
                "media_type": "docx",
                "pages": None,
            },
            "language": language,
            "doc_type": doc_type,
            "title": "",
            "parties": [
                {"role": None, "name": n, "representative": None, "position": None} for n in parties
            ],
        }
    )
    return with_profile(agreement)  # as ingest assembles it


def _rows() -> list[Any]:
    with (CASES / "compliance_kinds.csv").open(encoding="utf-8", newline="") as file:
        return [pytest.param(row, id=row["case"]) for row in csv.DictReader(file)]


def test_every_kind_of_document_has_a_pack_with_rules_in_both_languages() -> None:
    packs = load_packs()
    assert set(packs.kinds) == KINDS
    for pack in packs.packs:
        assert pack.rules, pack.kind
        for rule in pack.rules:
            assert rule.title["id"] and rule.title["en"], rule.id
            assert rule.basis and rule.source, rule.id
            for templates in rule.messages.values():
                assert templates["id"] != templates["en"], rule.id


def test_each_pack_checks_what_the_rules_list_for_its_kind() -> None:
    packs = load_packs()
    pks = {r.id for r in packs.get("pks_daerah").rules}
    third = {r.id for r in packs.get("pks_pihak_ketiga").rules}
    kb = {r.id for r in packs.get("kb").rules}
    assert {
        "contents.parties", "contents.object", "contents.scope", "contents.rights_obligations",
        "contents.term", "contents.termination", "contents.force_majeure",
        "contents.dispute_resolution", "kb.cited", "signer.authority",
    } <= pks  # fmt: skip
    assert third - pks == {"contents.financing", "contents.assets", "contents.sanctions"}
    assert {
        "contents.purpose", "contents.scope", "contents.form", "contents.funding",
        "contents.budget_year", "contents.term", "term.cap",
    } <= kb  # fmt: skip
    caps = {
        p.kind: next(r for r in p.rules if r.id == "term.cap")
        for p in packs.packs
        if any(r.id == "term.cap" for r in p.rules)
    }
    # never one cap for everything (DOMAIN 1.7): only the KB pack sets one
    assert {k: r.param("max_years") for k, r in caps.items()} == {
        "kb": 5,
        "pks_daerah": None,
        "pks_pihak_ketiga": None,
    }


@pytest.mark.parametrize("row", _rows())
def test_the_pack_is_chosen_by_doc_type_and_parties(row: dict[str, str]) -> None:
    agreement = _agreement(row["doc_type"], row["language"], row["parties"].split("|"))
    assert load_packs().choose(agreement).pack.kind == row["expected"]


def test_an_unknown_kind_is_refused_with_the_known_ones() -> None:
    agreement = _agreement("agreement", "id", ["Pemerintah Kabupaten Gowa", "PT Vale"])
    with pytest.raises(UnknownCheckKind) as caught:
        check_agreement(agreement, kind="perjanjian")
    assert caught.value.code == "unknown_check_kind"
    assert set(caught.value.known) == KINDS


BROKEN = [
    pytest.param("pks_core.toml", 'check = "contents"', 'check = "isi"', "unknown check 'isi'", id="unknown_check"),
    pytest.param("pks_core.toml", 'categories = ["force_majeure"]', 'categories = ["kahar"]', "unknown clause categories", id="unknown_category"),
    pytest.param("kb.toml", "max_years = 5", 'max_years = "lima"', "must be an integer", id="wrong_parameter_kind"),
    pytest.param("signer_pks.toml", "'surat\\s+kuasa',", "'surat(kuasa',", "regular expressions", id="broken_regex"),
    pytest.param("messages.toml", 'en = "Missing: no article on {title} was found."', 'en = "Missing: {category}."', "uses unknown ['category']", id="unknown_message_value"),
    pytest.param("messages.toml", "[weekday.mismatch]", "[weekday.mismatched]", "no message for reason 'mismatch'", id="message_missing"),
    pytest.param("pks_pihak_ketiga.toml", 'doc_types = ["agreement", "other"]', 'doc_types = ["agreement"]', "no pack matches doc_type=other", id="document_without_pack"),
    pytest.param("kb.toml", 'level = "requirement"', 'level = "wajib"', "level must be one of", id="unknown_level"),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "problem"), BROKEN)
def test_a_broken_pack_fails_at_load_naming_the_file_and_what_is_wrong(
    tmp_path: Path, file: str, old: str, new: str, problem: str
) -> None:
    folder = tmp_path / "packs"
    shutil.copytree(PACKS, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InvalidPack) as caught:
        load(folder)
    assert problem in str(caught.value)
    # the file of the rule (or the pack set, for coverage) is named
    assert caught.value.file.endswith(".toml") or caught.value.file == "packs"
    assert str(caught.value).startswith(f"compliance pack {caught.value.file}")


def test_the_shipped_packs_load_from_a_copy_unchanged(tmp_path: Path) -> None:
    shutil.copytree(PACKS, tmp_path / "packs")
    assert load(tmp_path / "packs").kinds == load_packs().kinds


def test_a_term_without_a_source_span_is_stated_not_a_crash() -> None:
    """A term a person typed in where the machine found none has no span in the text: the
    term rule says it is stated (pointing at no Pasal)."""
    agreement = replace(
        _agreement("mou", "id", ["Pemerintah Kabupaten Gowa", "Universitas Hasanuddin"]),
        term=Term(years=5),
    )
    assert "term" not in agreement.spans and "expiry_date" not in agreement.spans
    found = {f.rule: f for f in check_agreement(agreement, kind="kb").findings}
    assert found["contents.term"].status == "ok"
    assert found["contents.term"].clauses == ()
