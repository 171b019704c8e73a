"""The register read in SQL over what the store keeps, over real HTTP: the filter on unreviewed
doubts (list, page, exports, card), pages of rows, the standing an addendum gives (also to the
search's status filter), and no extraction on a read path."""

from __future__ import annotations

import ast
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from search_api.settings import Settings
from tests.auth import signed_in_client

DOCUMENTS = Path(__file__).parents[2] / "ingest" / "documents"
REGISTER = Path(__file__).parents[3] / "search_api" / "register"
COMPLIANCE = REGISTER.parent / "compliance"


def _docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _addendum_of_the_pks() -> str:
    """The addendum, citing the PKS's number instead of its own agreement's, and ending in
    2099: it extends the PKS, which itself ended in 2022."""
    text = (DOCUMENTS / "adendum-pks-gowa-pdam.txt").read_text()
    text = text.replace("690/88/BAG.KS/III/2018", "445/112/DINKES/III/2019")
    return text.replace("31 Desember 2023", "31 Desember 2099")


@dataclass
class Site:
    client: TestClient
    ids: dict[str, str]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("register-reads")
    files = {
        "pks.docx": _docx((DOCUMENTS / "pks-gowa-unismuh.txt").read_text()),
        # English komparisi read by a fallback rule: the machine doubts its parties
        "kb-en.docx": _docx((DOCUMENTS / "kb-gowa-makassar-en.txt").read_text()),
        "adendum.docx": _docx(_addendum_of_the_pks()),
    }
    with signed_in_client(Settings(data_dir=folder / "data", meili_url=None)) as client:
        ids = {}
        for name, data in files.items():
            response = client.post("/api/agreements", files={"file": (name, data)})
            assert response.status_code == 201, response.text
            ids[name] = response.json()["id"]
        yield Site(client, ids)


def _rows(site: Site, **params: object) -> dict[str, dict[str, object]]:
    response = site.client.get("/api/register", params=params)
    assert response.status_code == 200, response.text
    return {row["filename"]: row for row in response.json()["rows"]}


def test_the_doubts_filter_keeps_exactly_the_rows_with_unreviewed_doubts(site: Site) -> None:
    every = _rows(site)
    doubted = {name for name, row in every.items() if row["open_doubts"]}
    assert doubted == {"kb-en.docx"}
    only = site.client.get("/api/register", params={"doubts": 1}).json()
    assert {r["filename"] for r in only["rows"]} == doubted
    assert only["stats"]["doubts"] == only["stats"]["total"] == 1
    assert site.client.get("/api/register").json()["stats"]["doubts"] == 1
    # filters combine: doubted and in Indonesian is none
    assert _rows(site, doubts=1, language="id") == {}


def test_a_person_reviewing_the_doubted_value_takes_it_out_of_the_filter(
    tmp_path: Path,
) -> None:
    data = _docx((DOCUMENTS / "kb-gowa-makassar-en.txt").read_text())
    with signed_in_client(Settings(data_dir=tmp_path, meili_url=None)) as client:
        created = client.post("/api/agreements", files={"file": ("kb.docx", data)}).json()
        listed = client.get("/api/register", params={"doubts": "1"}).json()["rows"]
        assert [r["id"] for r in listed] == [created["id"]]
        parties = client.get(f"/api/agreements/{created['id']}").json()["parties"]
        confirmed = client.patch(f"/api/agreements/{created['id']}", json={"parties": parties})
        assert confirmed.status_code == 200, confirmed.text
        assert client.get("/api/register", params={"doubts": "1"}).json()["rows"] == []


def test_the_exports_filter_on_doubts_and_carry_the_count(site: Site) -> None:
    csv_answer = site.client.get("/api/register/export", params={"format": "csv", "doubts": 1})
    assert csv_answer.status_code == 200
    table = list(csv.reader(io.StringIO(csv_answer.content.decode("utf-8-sig"))))
    header, rows = table[0], table[1:]
    column = header.index("Keraguan belum ditinjau")
    assert [r[header.index("Berkas")] for r in rows] == ["kb-en.docx"]
    assert int(rows[0][column]) == _rows(site)["kb-en.docx"]["open_doubts"] > 0
    xlsx = site.client.get("/api/register/export", params={"format": "xlsx", "lang": "en"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    at = values[0].index("Unreviewed doubts")
    by_file = {r[values[0].index("File")]: r[at] for r in values[1:]}
    assert by_file["pks.docx"] == 0 and by_file["kb-en.docx"] > 0


def _table(page: str) -> str:
    """The register's table of rows (the dashboard above it lists the next expiries)."""
    return page.split('<table class="register">', 1)[1].split("</table>", 1)[0]


def test_the_register_page_has_the_doubts_filter_card_and_badge(site: Site) -> None:
    page = site.client.get("/daftar", params={"lang": "id"}).text
    assert 'name="doubts"' in page and "Ada keraguan belum ditinjau" in page
    assert "stat-doubts" in page
    only = _table(site.client.get("/daftar", params={"doubts": "1", "lang": "id"}).text)
    assert f'/naskah/{site.ids["kb-en.docx"]}"' in only
    assert f'/naskah/{site.ids["pks.docx"]}"' not in only
    assert "belum ditinjau</a>" in only  # the badge with its count
    # the form's empty fields are no filter
    empty = site.client.get(
        "/daftar", params={"doubts": "", "year": "", "status": "", "sector": "", "q": ""}
    )
    assert empty.status_code == 200
    assert f'/naskah/{site.ids["pks.docx"]}"' in _table(empty.text)


def test_an_addendum_that_ends_later_extends_the_agreement_it_cites(site: Site) -> None:
    rows = _rows(site)
    pks = rows["pks.docx"]
    assert pks["expiry_date"] == "2022-03-20"
    assert pks["extended_until"] == "2099-12-31" and pks["status"] == "active"
    assert [u["id"] for u in pks["followed_by"]] == [site.ids["adendum.docx"]]
    assert _rows(site, status="active").keys() >= {"pks.docx", "adendum.docx"}
    assert "pks.docx" not in _rows(site, status="expired")
    # the agreement's own answer says the same
    assert site.client.get(f"/api/agreements/{site.ids['pks.docx']}").json()["status"] == "active"
    # and so does the search's status filter (the index reads the same effective end)
    assert site.ids["pks.docx"] in _found(site, status="active")
    assert site.ids["pks.docx"] not in _found(site, status="expired")


def _found(site: Site, **params: object) -> set[str]:
    """The ids of the agreements an agreement search with these filters finds."""
    response = site.client.get(
        "/api/search", params={"q": "", "scope": "agreements", "limit": 100, **params}
    )
    assert response.status_code == 200, response.text
    return {hit["agreement_id"] for hit in response.json()["hits"]}


def test_the_search_follows_an_addendum_as_it_arrives_and_is_deleted(tmp_path: Path) -> None:
    """The cited agreement's index document is updated when its addendum is stored, deleted
    and restored: its status in the search is the register's, each time."""
    pks = _docx((DOCUMENTS / "pks-gowa-unismuh.txt").read_text())
    addendum = _docx(_addendum_of_the_pks())
    with signed_in_client(Settings(data_dir=tmp_path, meili_url=None)) as client:
        site = Site(client, {})
        pks_id = client.post("/api/agreements", files={"file": ("pks.docx", pks)}).json()["id"]

        def search_status() -> str:
            for status in ("active", "expired", "unknown"):
                if pks_id in _found(site, status=status):
                    return status
            raise AssertionError("the PKS is not in the index")

        def register_status() -> object:
            return _rows(site)["pks.docx"]["status"]

        assert search_status() == "expired" == register_status()
        added = client.post("/api/agreements", files={"file": ("adendum.docx", addendum)})
        assert added.status_code == 201, added.text
        addendum_id = added.json()["id"]
        assert search_status() == "active" == register_status()
        assert client.delete(f"/api/agreements/{addendum_id}").status_code == 204
        assert search_status() == "expired" == register_status()
        restored = client.post(f"/api/trash/{addendum_id}/restore")
        assert restored.status_code == 200, restored.text
        assert search_status() == "active" == register_status()


def test_a_page_of_the_register_and_its_total(site: Site) -> None:
    everything = site.client.get("/api/register", params={"sort": "title", "order": "asc"}).json()
    assert everything["total"] == 3 and len(everything["rows"]) == 3
    titles = [r["title"] for r in everything["rows"]]
    second = site.client.get(
        "/api/register", params={"sort": "title", "order": "asc", "offset": 1, "limit": 1}
    ).json()
    assert [r["title"] for r in second["rows"]] == titles[1:2]
    assert second["total"] == 3 and second["offset"] == 1
    assert second["stats"] == everything["stats"]  # counts are of all matching rows
    assert site.client.get("/api/register", params={"limit": 0}).status_code == 422


def _imports(path: Path) -> Iterator[tuple[str, str]]:
    """(module, name) of every import in a Python file ('' for a whole module)."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                yield node.module, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ""


# what ingest derives once (ingest/profile.py) from the parties, subject and clauses
DERIVATIONS = ("ingest.extract.partners", "ingest.extract.sectors")
DERIVING_NAMES = {"profile_of", "derive_profile"}


def test_the_register_never_imports_an_extractor() -> None:
    """What ingest derives is read from the store; the register derives nothing."""
    for path in REGISTER.glob("*.py"):
        for module, name in _imports(path):
            assert not module.startswith("ingest.extract"), f"{path.name} imports {module}"
            assert name not in DERIVING_NAMES, f"{path.name} imports {module}.{name}"


def test_the_checks_read_the_kept_profile_and_derive_none() -> None:
    """Pemeriksaan naskah reads the partner types and cooperation kind ingest derived (the
    kept profile); it reads the text for what it checks, but never derives the profile."""
    paths = [*COMPLIANCE.rglob("*.py"), COMPLIANCE.parent / "agreements" / "compliance_context.py"]
    for path in paths:
        for module, name in _imports(path):
            assert not module.startswith(DERIVATIONS), f"{path.name} imports {module}"
            assert name not in DERIVING_NAMES, f"{path.name} imports {module}.{name}"


def test_no_extraction_function_runs_while_the_register_is_read(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ingest.extract.partners as partners
    import ingest.extract.sectors as sectors
    import ingest.profile as profile

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("an extraction function ran on a read path")

    for module, name in (
        (partners, "partner_type"),
        (partners, "cooperation_kind"),
        (partners, "regional_office"),
        (sectors, "agreement_sectors"),
        (profile, "profile_of"),
        (profile, "derive_profile"),
        (profile, "partner_type"),
        (profile, "cooperation_kind"),
        (profile, "regional_office"),
        (profile, "agreement_sectors"),
    ):
        monkeypatch.setattr(module, name, refuse)
    assert site.client.get("/api/register", params={"cooperation_kind": "ksdpk"}).status_code == 200
    assert site.client.get("/daftar", params={"sector": "health"}).status_code == 200
    export = site.client.get("/api/register/export", params={"format": "xlsx"})
    assert export.status_code == 200
    search = site.client.get("/api/search", params={"q": "", "partner_type": "university"})
    assert search.status_code == 200
    # a stored agreement's check chooses its pack and precedents by the kept profile
    check = site.client.get(f"/api/agreements/{site.ids['pks.docx']}/check")
    assert check.status_code == 200, check.text
