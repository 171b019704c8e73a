"""Kelengkapan in the register (issue #15): each row's requirements met of all, equal to the
agreement's own check, the "belum lengkap" filter, the XLSX column, and results kept with
the fingerprint of the checks, forgotten by the store when an agreement or one linked to it
changes, so that a read does not re-run the checks but a change is never missed.
Real corpus files through real HTTP on a real SQLite store."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from search_api.agreements import Library
from search_api.register.completeness import fill_completeness
from search_api.register.rows import RegisterFilter, all_rows, register_rows
from search_api.settings import Settings
from tests.auth import signed_in_client
from tests.search_api.compliance_drafts import corpus_agreement, docx_without_pasal
from tests.search_api.conftest import CORPUS

TRISAKTI = CORPUS / "id-pks-draft-trisakti-warmadewa-fk-2022.docx"
COMPLETE = (
    CORPUS / "id-pks-unp-ptm-smkn6-batam-2022.pdf",
    CORPUS / "id-nk-template-polibatam-industri.docx",
)


@dataclass
class Site:
    client: TestClient
    ids: dict[str, str]  # file name -> agreement id

    @property
    def library(self) -> Library:
        library: Library = self.client.app.state.library  # type: ignore[attr-defined]
        return library

    def rows(self, **params: Any) -> dict[str, dict[str, Any]]:
        response = self.client.get("/api/register", params=params)
        assert response.status_code == 200, response.text
        return {row["filename"]: row for row in response.json()["rows"]}


def upload(client: TestClient, path: Path) -> str:
    response = client.post("/api/agreements", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 201, response.text
    agreement_id: str = response.json()["id"]
    return agreement_id


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("completeness")
    (number,) = [
        int(c.number)
        for c in corpus_agreement(TRISAKTI.stem).clauses
        if c.category == "force_majeure"
    ]
    draft = folder / "pks-tanpa-keadaan-kahar.docx"
    docx_without_pasal(TRISAKTI, draft, number)
    settings = Settings(data_dir=folder / "data", meili_url=None)
    with signed_in_client(settings) as client:
        ids = {path.name: upload(client, path) for path in (*COMPLETE, draft)}
        yield Site(client, ids)


def own_check(site: Site, agreement_id: str) -> tuple[int, int]:
    response = site.client.get(f"/api/agreements/{agreement_id}/check")
    assert response.status_code == 200, response.text
    body = response.json()
    return body["requirements_met"], body["requirements"]


def test_each_row_shows_the_requirements_its_own_check_finds_met(site: Site) -> None:
    rows = site.rows()
    assert set(rows) == set(site.ids)
    for name, agreement_id in site.ids.items():
        met, total = own_check(site, agreement_id)
        assert total > 0
        assert (rows[name]["requirements_met"], rows[name]["requirements_total"]) == (met, total)
    draft = rows["pks-tanpa-keadaan-kahar.docx"]
    assert draft["requirements_met"] < draft["requirements_total"]


def test_the_incomplete_filter_keeps_exactly_the_rows_missing_a_requirement(site: Site) -> None:
    everything = site.rows()
    expected = {
        name
        for name, row in everything.items()
        if row["requirements_met"] < row["requirements_total"]
    }
    assert "pks-tanpa-keadaan-kahar.docx" in expected
    page = site.client.get("/api/register", params={"incomplete": "true"}).json()
    assert {row["filename"] for row in page["rows"]} == expected
    assert page["stats"]["incomplete"] == len(expected)
    assert page["stats"]["completeness_pending"] == 0


def test_the_xlsx_export_carries_the_kelengkapan_column(site: Site) -> None:
    rows = site.rows()
    response = site.client.get("/api/register/export", params={"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    table = list(sheet.iter_rows(values_only=True))
    header = list(table[0])
    column, file_column = header.index("Kelengkapan"), header.index("Berkas")
    got = {line[file_column]: line[column] for line in table[1:]}
    assert got == {
        name: f"{row['requirements_met']}/{row['requirements_total']}" for name, row in rows.items()
    }
    english = site.client.get("/api/register/export", params={"format": "xlsx", "lang": "en"})
    header_en = next(
        load_workbook(io.BytesIO(english.content)).worksheets[0].iter_rows(values_only=True)
    )
    assert "Completeness" in header_en


def test_the_register_page_has_the_column_and_the_filter(site: Site) -> None:
    page = site.client.get("/daftar", params={"lang": "id"})
    assert page.status_code == 200
    html = page.text
    assert '<th scope="col">Kelengkapan</th>' in html
    assert 'name="incomplete"' in html
    draft = site.rows()["pks-tanpa-keadaan-kahar.docx"]
    value = f"{draft['requirements_met']}/{draft['requirements_total']}"
    assert f'href="/naskah/{site.ids["pks-tanpa-keadaan-kahar.docx"]}/periksa"' in html
    assert value in html
    only = site.client.get("/daftar", params={"lang": "id", "incomplete": "1"}).text
    assert site.ids["pks-tanpa-keadaan-kahar.docx"] in only
    complete = [
        n for n, r in site.rows().items() if r["requirements_met"] == r["requirements_total"]
    ]
    for name in complete:
        assert f'/naskah/{site.ids[name]}"' not in only


def test_a_kept_result_is_used_until_what_it_depends_on_changes(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = site.library
    site.rows()  # every result kept
    calls: list[str] = []
    real = library.requirements_met

    def counted(agreement_id: str, *, today: date | None = None) -> tuple[int, int]:
        calls.append(agreement_id)
        return real(agreement_id, today=today)

    monkeypatch.setattr(library, "requirements_met", counted)
    before = site.rows()
    assert calls == []  # nothing re-run on a read

    # an admin switches a requirement off: every agreement is judged again, one fewer rule
    rule = "contents.force_majeure"
    switched = site.client.put(f"/api/check/rules/{rule}", json={"enabled": False})
    assert switched.status_code == 200, switched.text
    try:
        after = site.rows()
        # every agreement judged again (the server's own refresh may judge one at the same
        # time as this read: a second judging of the same agreement is waste, not an error)
        assert set(calls) == set(site.ids.values())
        draft = "pks-tanpa-keadaan-kahar.docx"
        assert after[draft]["requirements_total"] == before[draft]["requirements_total"] - 1
        assert after[draft]["requirements_met"] == before[draft]["requirements_met"]
    finally:
        site.client.put(f"/api/check/rules/{rule}", json={"enabled": True})
    calls.clear()
    again = site.rows()
    assert set(calls) == set(site.ids.values())  # switched back on: judged again
    assert again == before


def test_a_correction_makes_only_that_agreement_and_its_citations_be_judged_again(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = site.library
    site.rows()
    calls: list[str] = []
    real = library.requirements_met

    def counted(agreement_id: str, *, today: date | None = None) -> tuple[int, int]:
        calls.append(agreement_id)
        return real(agreement_id, today=today)

    monkeypatch.setattr(library, "requirements_met", counted)
    target = site.ids[COMPLETE[1].name]
    stored = library.get(target)
    response = site.client.patch(
        f"/api/agreements/{target}",
        json={"subject": (stored.agreement.subject or "") + " (dikoreksi)"},
    )
    assert response.status_code == 200, response.text
    site.rows()
    assert target in calls
    rows = library.get_many(list(site.ids.values()), brief=True)
    cites = {
        r.id
        for r in rows
        if set(r.agreement.references) & set(stored.agreement.numbers) and r.id != target
    }
    assert set(calls) == {target} | cites


def test_a_read_computes_within_its_budget_and_leaves_the_rest_marked(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path, meili_url=None)
    with signed_in_client(settings) as client:
        for path in COMPLETE:
            upload(client, path)
        library: Library = client.app.state.library  # type: ignore[attr-defined]
        rows, left = all_rows(library, date.today(), completeness_budget_s=0.0)
        # at least one is computed; the server's own refresh may have kept others already
        assert left <= len(COMPLETE) - 1
        assert len([r for r in rows if r.requirements_total is None]) == left
        assert all(r.requirements_total is not None for r in rows if r.requirements_met is not None)

    # on a store whose results were never kept, with a clock 10 s later at every look:
    # one agreement per read, the others marked as being computed
    fresh = Settings(data_dir=tmp_path / "fresh", meili_url=None)
    with signed_in_client(fresh) as client:
        for path in COMPLETE:
            upload(client, path)
        library = client.app.state.library  # type: ignore[attr-defined]
        rows, _ = all_rows(library, date.today(), completeness_budget_s=60.0)
        assert all(r.requirements_total is not None for r in rows)
        ticks = iter(range(0, 10_000, 10))
        monkey_checks = f"{library.checks_fingerprint()}-other"  # as if the packs had changed
        library.checks_fingerprint = lambda: monkey_checks  # type: ignore[method-assign]
        judging = library.judging(date.today())
        assert library.unjudged_count(judging) == len(COMPLETE)  # every kept result is stale
        reads = 0
        while (
            fill_completeness(
                library, judging, date.today(), budget_s=5.0, clock=lambda: float(next(ticks))
            )
            and reads < 10
        ):
            reads += 1
        assert reads == len(COMPLETE) - 1
        rows, left = all_rows(library, date.today(), completeness_budget_s=0.0)
        assert left == 0 and all(r.requirements_total is not None for r in rows)
        incomplete = register_rows(library, RegisterFilter(incomplete=True), date.today())
        assert all(r.requirements_met < r.requirements_total for r in incomplete)  # type: ignore[operator]
