"""The compliance checks on real agreements of the shared corpus, and on drafts made from
them as real DOCX files (compliance_drafts.py): a Pasal removed, a signer changed, an
outdated legal basis put in, a KB cited, a weekday or date changed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ingest.model import Agreement
from search_api.compliance import (
    CheckContext,
    CheckResult,
    Finding,
    StoredAgreement,
    check_agreement,
    load_packs,
)
from tests.conftest import CORPUS
from tests.search_api.compliance_drafts import (
    CorpusLookup,
    CorpusPrecedents,
    changed,
    corpus_agreement,
    docx_without_pasal,
    text_draft,
    text_without_pasal,
)

TODAY = date(2026, 12, 6)
LOUIS = "id-pks-louis-alain-smkn6-batam-2022"
FIBER = "id-pks-fiber-networks-smkn6-batam-2022"
TRISAKTI = "id-pks-draft-trisakti-warmadewa-fk-2022"
UNP = "id-pks-unp-ptm-smkn6-batam-2022"
KB_TEMPLATE = "id-nk-template-polibatam-industri"
# Stored agreements the precedents come from: every PKS of the corpus with a text layer.
STORED = (
    LOUIS,
    FIBER,
    TRISAKTI,
    UNP,
    "id-pks-bahtera-bahari-smkn6-batam-2022",
    "id-pks-template-polibatam-magang-bilingual",
)
TEXT_LAYER = [
    gold.stem
    for gold in sorted(CORPUS.glob("*.json"))
    if not json.loads(gold.read_text(encoding="utf-8"))["source"]["ocr"]
]


def _stored(*names: str) -> list[StoredAgreement]:
    return [StoredAgreement(name, corpus_agreement(name)) for name in names]


def _check(agreement: Agreement, **context: object) -> CheckResult:
    return check_agreement(agreement, CheckContext(today=TODAY, **context))  # type: ignore[arg-type]


def _finding(result: CheckResult, rule: str) -> Finding:
    (finding,) = [f for f in result.findings if f.rule == rule]
    return finding


def _statuses(result: CheckResult) -> dict[str, str]:
    return {f.rule: f.status for f in result.findings}


# --- complete documents against their gold labels ------------------------------------


@pytest.mark.parametrize("name", TEXT_LAYER)
def test_a_complete_document_has_no_missing_finding_its_gold_contradicts(name: str) -> None:
    gold = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    result = _check(corpus_agreement(name))
    rules = {r.id: r for r in load_packs().get(result.kind).rules}
    gold_categories = {c["category"] for c in gold["clauses"]}
    for finding in result.findings:
        if finding.status != "missing":
            continue
        rule = rules[finding.rule]
        if rule.check == "contents":
            wanted = set(rule.params["categories"])
            assert not wanted & gold_categories, (
                f"{finding.rule}: gold has {wanted & gold_categories}"
            )
            assert not (rule.param("field") == "term" and gold["term"]), finding.rule
        if rule.check == "parties":
            assert not gold["parties"], finding.rule


@pytest.mark.parametrize("name", [LOUIS, FIBER, TRISAKTI])
def test_every_present_subject_of_a_pks_points_at_its_pasal(name: str) -> None:
    gold = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    result = _check(corpus_agreement(name))
    rules = {r.id: r for r in load_packs().get(result.kind).rules}
    for finding in result.findings:
        rule = rules[finding.rule]
        if rule.check != "contents" or finding.status != "ok" or rule.param("field"):
            continue
        numbers = {
            c["number"] for c in gold["clauses"] if c["category"] in rule.params["categories"]
        }
        assert set(finding.clauses) == numbers, finding.rule


# --- a PKS without its force-majeure Pasal --------------------------------------------


def _without_force_majeure(name: str, tmp_path: Path) -> tuple[Agreement, Agreement]:
    original = corpus_agreement(name)
    (number,) = [int(c.number) for c in original.clauses if c.category == "force_majeure"]
    source = next(p for p in CORPUS.glob(f"{name}.*") if p.suffix in (".pdf", ".docx"))
    if source.suffix == ".docx":
        return original, docx_without_pasal(source, tmp_path / "draft.docx", number)
    return original, text_draft(text_without_pasal(original.text, number), tmp_path / "draft.docx")


@pytest.mark.parametrize("name", [TRISAKTI, UNP])
def test_a_pks_without_its_force_majeure_pasal_is_missing_exactly_there(
    name: str, tmp_path: Path
) -> None:
    original, draft = _without_force_majeure(name, tmp_path)
    precedents = CorpusPrecedents(s for s in _stored(*STORED) if s.agreement_id != name)
    before = _check(original, precedents=precedents)
    after = _check(draft, precedents=precedents)

    kept = _finding(before, "contents.force_majeure")
    assert kept.status == "ok" and kept.clauses and not kept.precedents
    gone = _finding(after, "contents.force_majeure")
    assert gone.status == "missing"
    assert gone.clauses == ()
    assert "force majeure" in gone.message["en"].lower()
    # only that rule changed: every other finding has the status it had
    changed_rules = {
        rule for rule, status in _statuses(after).items() if _statuses(before)[rule] != status
    }
    assert changed_rules == {"contents.force_majeure"}
    # precedents: force-majeure clauses of other stored agreements
    assert gone.precedents
    assert all(p.agreement_id != name for p in gone.precedents)
    stored = {s.agreement_id: s.agreement for s in _stored(*STORED)}
    for p in gone.precedents:
        position = int(p.clause_id.rsplit("-", 1)[1])
        assert stored[p.agreement_id].clauses[position - 1].category == "force_majeure"
    # asked for the category, of this kind of document, with this partner type
    assert ("force_majeure", after.kind, "university") in precedents.asked


# --- the signer's authority -----------------------------------------------------------

_SECOND_PARTY = (
    "2. DEDEN SURYANA, M.PD : selaku Kepala Sekolah Menengah\nKejuruan 6 Batam, berkedudukan di\n"
    "Kampung Panau, Kelurahan Kabil,\nKecamatan Nongsa, Kota Batam, dalam\nhal ini bertindak "
    "untuk dan atas nama\nSekolah Menengah Kejuruan 6 Batam,\nselanjutnya disebut PIHAK KEDUA."
)

SIGNERS = [
    pytest.param(
        "2. DEDEN SURYANA, M.PD : selaku Kepala Dinas Pendidikan\nKota Batam, berkedudukan di\n"
        "Jalan Engku Putri, Kota Batam, dalam\nhal ini bertindak untuk dan atas nama\n"
        "Pemerintah Kota Batam,\nselanjutnya disebut PIHAK KEDUA.",
        "doubt",
        "no power of attorney",
        id="head_of_a_dinas_without_power_of_attorney",
    ),
    pytest.param(
        "2. DEDEN SURYANA, M.PD : selaku Kepala Dinas Pendidikan\nKota Batam, berdasarkan Surat "
        "Kuasa Wali Kota\nBatam Nomor 800/12/SK/2022 tanggal 20 Juli 2022,\ndalam hal ini bertindak "
        "untuk dan atas nama\nPemerintah Kota Batam,\nselanjutnya disebut PIHAK KEDUA.",
        "ok",
        "power of attorney or delegation the document states",
        id="head_of_a_dinas_under_a_surat_kuasa",
    ),
    pytest.param(
        "2. MUHAMMAD RUDI : selaku Wali Kota Batam,\nberkedudukan di Jalan Engku Putri, Kota Batam,"
        "\ndalam hal ini bertindak untuk dan atas nama\nPemerintah Kota Batam,\nselanjutnya disebut "
        "PIHAK KEDUA.",
        "ok",
        "the head of the region",
        id="the_wali_kota_himself",
    ),
    pytest.param(
        "2. AMSAKAR ACHMAD : selaku Pj. Wali Kota Batam,\nberkedudukan di Jalan Engku Putri, Kota "
        "Batam,\ndalam hal ini bertindak untuk dan atas nama\nPemerintah Kota Batam,\nselanjutnya "
        "disebut PIHAK KEDUA.",
        "ok",
        "the head of the region",
        id="an_interim_head",
    ),
    pytest.param(
        "2. DEDEN SURYANA, M.PD : selaku Kepala Dinas Pendidikan\nKota Batam selaku Kuasa Pengguna "
        "Anggaran,\ndalam hal ini bertindak untuk dan atas nama\nPemerintah Kota Batam,\nselanjutnya "
        "disebut PIHAK KEDUA.",
        "doubt",
        "no power of attorney",
        id="a_budget_role_is_no_power_of_attorney",
    ),
]


@pytest.mark.parametrize(("komparisi", "status", "says"), SIGNERS)
def test_a_regional_party_signed_without_stated_authority_is_a_doubt(
    komparisi: str, status: str, says: str, tmp_path: Path
) -> None:
    text = changed(corpus_agreement(LOUIS).text, _SECOND_PARTY, komparisi)
    draft = text_draft(text, tmp_path / "signer.docx")
    assert draft.parties[1].name == "Pemerintah Kota Batam"
    result = _check(draft)
    assert result.kind == "pks_pihak_ketiga"
    finding = _finding(result, "signer.authority")
    assert finding.status == status
    assert says in finding.message["en"]
    assert "Pemerintah Kota Batam" in finding.message["id"]


def test_the_untouched_pks_has_no_regional_party_to_check() -> None:
    result = _check(corpus_agreement(LOUIS))
    assert "signer.authority" in {s.rule for s in result.skipped}
    assert "signer.authority" not in _statuses(result)


# --- legal bases replaced before signing ----------------------------------------------

_RECITAL = "1. bahwa PIHAK KESATU merupakan sebuah badan usaha"
_OPENING_YEAR = "tahun dua ribu dua puluh\ndua,"

BASES = [
    pytest.param(
        "Peraturan Pemerintah Nomor 50 Tahun 2007 tentang Tata Cara\nPelaksanaan Kerja Sama Daerah",
        None,
        "doubt",
        "PP 28/2018",
        id="pp_50_2007_in_a_2022_pks",
    ),
    pytest.param(
        "PP No. 50/2007 tentang Tata Cara Pelaksanaan Kerja Sama Daerah",
        None,
        "doubt",
        "PP 28/2018",
        id="pp_50_2007_abbreviated",
    ),
    pytest.param(
        "Peraturan Menteri Dalam Negeri Nomor 22 Tahun 2009 tentang\nPetunjuk Teknis Tata Cara Kerja "
        "Sama Daerah",
        None,
        "doubt",
        "Permendagri 22/2020",
        id="permendagri_22_2009_in_a_2022_pks",
    ),
    pytest.param(
        "Peraturan Pemerintah Nomor 50 Tahun 2007 tentang Tata Cara\nPelaksanaan Kerja Sama Daerah",
        "tahun dua ribu enam\nbelas,",
        "ok",
        "which replaced it, dates from 2018, after 1 August 2016",
        id="pp_50_2007_in_a_2016_pks",
    ),
    pytest.param(
        "Peraturan Pemerintah Nomor 50 Tahun 2007 tentang Tata Cara\nPelaksanaan Kerja Sama Daerah",
        "tahun dua ribu delapan\nbelas,",
        "doubt",
        "check whether the replacement was already in force",
        id="pp_50_2007_in_the_year_pp_28_2018_came",
    ),
    pytest.param(
        "Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah",
        None,
        "ok",
        "Cites no legal basis that had been replaced",
        id="the_current_pp_28_2018",
    ),
]


@pytest.mark.parametrize(("law", "year", "status", "says"), BASES)
def test_a_legal_basis_replaced_before_signing_is_a_doubt_naming_its_successor(
    law: str, year: str | None, status: str, says: str, tmp_path: Path
) -> None:
    text = corpus_agreement(LOUIS).text
    text = changed(text, _RECITAL, f"1. bahwa {law} mengatur kerja sama daerah;\n\n{_RECITAL}")
    if year is not None:
        text = changed(text, _OPENING_YEAR, year)
    draft = text_draft(text, tmp_path / "basis.docx")
    finding = _finding(_check(draft), "basis.replaced")
    assert finding.status == status
    assert says in finding.message["en"]
    if status == "doubt":
        assert "Legal basis not verified." in finding.message["en"]
        assert "Dasar hukum belum diverifikasi." in finding.message["id"]


def test_an_outdated_basis_in_a_draft_without_a_date_is_judged_today(tmp_path: Path) -> None:
    text = corpus_agreement(LOUIS).text
    text = changed(
        text,
        "Pada hari ini Senin, tanggal satu bulan Agustus tahun dua ribu dua puluh\ndua,",
        "Pada hari ini ........, tanggal ........,",
    )
    text = changed(text, _RECITAL, f"1. bahwa PP Nomor 50 Tahun 2007 berlaku;\n\n{_RECITAL}")
    draft = text_draft(text, tmp_path / "undated.docx")
    assert draft.signed_date is None
    finding = _finding(_check(draft), "basis.replaced")
    assert finding.status == "doubt"
    assert "6 December 2026" in finding.message["en"]


# --- the KB a PKS carries out ---------------------------------------------------------


def _kb(tmp_path: Path, year_words: str = "dua ribu dua puluh satu") -> Agreement:
    """The corpus KB template, filled in as a signed KB with PT. Louis Alain (5 years)."""
    text = corpus_agreement(KB_TEMPLATE).text
    text = text.replace("PT. ..................", "PT. LOUIS ALAIN", 1)
    text = changed(text, "NOMOR:\nNOMOR:", "NOMOR: 045/KB/PL/IX/2021\nNOMOR: 119/123/KB/IX/2021")
    text = changed(
        text,
        "Pada hari ini, [tanggal], bertempat di [lokasi],",
        f"Pada hari ini tanggal dua puluh bulan September tahun {year_words}, bertempat di Batam,",
    )
    return text_draft(text, tmp_path / "kb.docx")


def _pks_citing_kb(name: str, tmp_path: Path) -> Agreement:
    recital = "1. bahwa PIHAK KESATU merupakan"
    text = changed(
        corpus_agreement(name).text,
        recital,
        "1. bahwa Perjanjian Kerja Sama ini merupakan tindak lanjut Kesepakatan\nBersama "
        f"Nomor 119/123/KB/IX/2021 tanggal 20 September 2021;\n\n{recital}",
    )
    return text_draft(text, tmp_path / "pks.docx")


def test_a_pks_citing_a_stored_kb_in_force_is_ok(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    assert kb.expiry_date == date(2026, 9, 19)
    pks = _pks_citing_kb(FIBER, tmp_path)  # one year, inside the KB's five
    lookup = CorpusLookup([StoredAgreement("kb-louis", kb)])
    finding = _finding(_check(pks, lookup=lookup), "kb.cited")
    assert finding.status == "ok"
    assert "119/123/KB/IX/2021" in finding.message["id"]


def test_a_pks_running_past_its_kb_is_a_doubt(tmp_path: Path) -> None:
    lookup = CorpusLookup([StoredAgreement("kb-louis", _kb(tmp_path))])
    pks = _pks_citing_kb(LOUIS, tmp_path)  # five years from 2022: past the KB's 2026
    finding = _finding(_check(pks, lookup=lookup), "kb.cited")
    assert finding.status == "doubt"
    assert "past the end of framework agreement" in finding.message["en"]


def test_a_pks_signed_after_its_kb_ended_is_a_doubt(tmp_path: Path) -> None:
    lookup = CorpusLookup([StoredAgreement("kb-old", _kb(tmp_path, "dua ribu enam belas"))])
    finding = _finding(_check(_pks_citing_kb(FIBER, tmp_path), lookup=lookup), "kb.cited")
    assert finding.status == "doubt"
    assert "ended on 19 September 2021" in finding.message["en"]


@pytest.mark.parametrize(
    ("stored", "status", "says"),
    [
        pytest.param(False, "doubt", "which is not stored", id="kb_not_stored"),
        pytest.param(None, "doubt", "was not checked", id="no_lookup_given"),
    ],
)
def test_a_cited_kb_that_cannot_be_checked_is_a_doubt(
    stored: bool | None, status: str, says: str, tmp_path: Path
) -> None:
    lookup = None if stored is None else CorpusLookup(_stored(LOUIS))
    finding = _finding(_check(_pks_citing_kb(FIBER, tmp_path), lookup=lookup), "kb.cited")
    assert (finding.status, says in finding.message["en"]) == (status, True)


def test_a_pks_citing_no_kb_is_missing_it_and_a_blank_number_is_a_doubt() -> None:
    assert _finding(_check(corpus_agreement(LOUIS)), "kb.cited").status == "missing"
    # the Trisakti draft says 'tindak lanjut dari Nota Kesepahaman ... Nomor ......'
    assert _finding(_check(corpus_agreement(TRISAKTI)), "kb.cited").status == "doubt"


# --- an addendum and the agreement it changes -----------------------------------------


def test_an_addendum_of_a_stored_pks_is_checked_against_it(tmp_path: Path) -> None:
    text = corpus_agreement(LOUIS).text
    text = changed(
        text, "PERJANJIAN KERJA SAMA\nANTARA", "ADENDUM PERTAMA\nPERJANJIAN KERJA SAMA\nANTARA"
    )
    text = changed(
        text,
        _RECITAL,
        # (ingest's reference finder wants the number on the line of 'Nomor')
        "1. bahwa PARA PIHAK telah menandatangani Perjanjian Kerja Sama\n"
        f"Nomor 003/MOU/LA/VII/2022 yang perlu diubah;\n\n{_RECITAL}",
    )
    # an addendum has numbers of its own
    text = changed(
        text,
        "003/MOU/LA/VII/2022\nNOMOR : B/422/401/SMKN6/2022",
        "011/ADD/LA/I/2023\nNOMOR : B/422/77/SMKN6/2023",
    )
    text = changed(
        text,
        "Pasal 1\nTUJUAN\n",
        "Pasal 1\nPERUBAHAN\nKetentuan Pasal 6 diubah sehingga berbunyi sebagai berikut.\n",
    )
    addendum = text_draft(text, tmp_path / "adendum.docx")
    assert addendum.doc_type == "amendment"
    result = _check(addendum, lookup=CorpusLookup(_stored(LOUIS)))
    assert result.kind == "adendum"
    assert _finding(result, "amends.cited").status == "ok"
    assert _finding(result, "amends.articles").status == "ok"


# --- internal consistency ---------------------------------------------------------------


def test_a_wrong_weekday_is_a_doubt_and_the_right_one_is_ok(tmp_path: Path) -> None:
    original = corpus_agreement(LOUIS)
    assert _finding(_check(original), "consistency.weekday").status == "ok"
    text = changed(original.text, "Pada hari ini Senin,", "Pada hari ini Selasa,")
    finding = _finding(_check(text_draft(text, tmp_path / "weekday.docx")), "consistency.weekday")
    assert finding.status == "doubt"
    assert "Selasa 1 Agustus 2022 (Senin)" in finding.message["id"]
    assert "Selasa 1 August 2022 (Monday)" in finding.message["en"]


def test_a_date_restated_differently_in_figures_is_a_doubt(tmp_path: Path) -> None:
    old = "tahun dua ribu dua puluh\ndua,"
    text = changed(corpus_agreement(LOUIS).text, old, "tahun dua ribu dua puluh\ndua (01-08-2021),")
    finding = _finding(_check(text_draft(text, tmp_path / "dates.docx")), "consistency.date_words")
    assert finding.status == "doubt"
    assert "restated in brackets as 1 August 2021" in finding.message["en"]


def test_blanks_in_a_dated_document_are_a_doubt_and_in_an_undated_draft_expected() -> None:
    dated = _finding(_check(corpus_agreement(TRISAKTI)), "consistency.placeholders")
    assert dated.status == "doubt"
    assert "blok tanda tangan" in dated.message["id"]
    undated = _check(corpus_agreement(KB_TEMPLATE))
    assert "consistency.placeholders" in {s.rule for s in undated.skipped}
    assert _finding(undated, "consistency.party_numbers").status == "doubt"


# --- the engine's switches --------------------------------------------------------------


def test_rules_an_admin_switched_off_are_not_run_and_are_listed() -> None:
    off = frozenset({"contents.force_majeure", "consistency.placeholders"})
    result = _check(corpus_agreement(TRISAKTI), disabled=off)
    assert not off & set(_statuses(result))
    assert set(result.disabled) == off
    assert set(result.to_dict()["disabled"]) == off


def test_the_kind_argument_overrides_the_choice() -> None:
    pks = corpus_agreement(LOUIS)
    assert _check(pks).kind == "pks_pihak_ketiga"
    as_kb = check_agreement(pks, CheckContext(today=TODAY), kind="kb")
    assert as_kb.kind == "kb" and as_kb.kind_reason == "chosen by the caller"
    assert "contents.budget_year" in _statuses(as_kb)


def test_the_result_has_the_api_shape_in_each_language() -> None:
    result = _check(corpus_agreement(TRISAKTI))
    for language in ("id", "en"):
        body = result.to_dict(language)
        assert body["kind"] == "pks_pihak_ketiga"
        assert body["requirements_met"] <= body["requirements"]
        for finding in body["findings"]:
            assert {"rule", "status", "message", "basis", "clauses", "precedents"} <= set(finding)
            assert finding["status"] in ("ok", "missing", "doubt")
            assert isinstance(finding["message"], str) and finding["message"]
    met, total = result.requirements_met
    assert total == sum(1 for f in result.findings if f.level == "requirement")
    assert met == sum(1 for f in result.findings if f.level == "requirement" and f.status == "ok")


# --- cooperation abroad -----------------------------------------------------------------


def test_a_regions_english_mou_with_a_foreign_partner_gets_the_abroad_pack(tmp_path: Path) -> None:
    mou = corpus_agreement("en-mou-insulate-ukraine-dssd-2023")
    party = mou.parties[1].name
    assert party == "Data Science for Sustainable Development"
    text = mou.text.replace(party, "the Government of Gowa Regency")
    draft = text_draft(text, tmp_path / "abroad.docx")
    result = _check(draft)
    assert result.kind == "luar_negeri"
    language = _finding(result, "language.indonesian")
    assert language.status == "doubt"
    assert "No Indonesian version" in language.message["en"]
    signer = _finding(result, "signer.authority")
    assert signer.status == "doubt"
    assert "Government of Gowa Regency" in signer.message["en"]


# --- the term -----------------------------------------------------------------------------

_TERM = "jangka waktu 5 (lima) tahun\nterhitung sejak tanggal ditandatangani."


def test_a_stated_end_that_does_not_follow_from_the_term_is_a_doubt(tmp_path: Path) -> None:
    original = corpus_agreement(LOUIS)
    assert _finding(_check(original), "term.end").status == "ok"
    text = changed(
        original.text,
        _TERM,
        "jangka waktu 5 (lima) tahun\nterhitung sejak tanggal ditandatangani sampai dengan tanggal "
        "31 Desember 2030.",
    )
    finding = _finding(_check(text_draft(text, tmp_path / "end.docx")), "term.end")
    assert finding.status == "doubt"
    assert finding.clauses == ("6",)
    assert "31 December 2030" in finding.message["en"] and "31 July 2027" in finding.message["en"]


def test_a_kb_longer_than_its_cap_is_a_doubt_and_a_pks_has_no_cap(tmp_path: Path) -> None:
    kb = _kb(tmp_path)
    assert _finding(_check(kb), "term.cap").status == "ok"
    long_text = changed(kb.text, "berlaku 5 (lima) tahun", "berlaku 10 (sepuluh) tahun")
    long_kb = text_draft(long_text, tmp_path / "long-kb.docx")
    finding = _finding(_check(long_kb), "term.cap")
    assert finding.status == "doubt"
    assert "exceeds the cap of 5 years" in finding.message["en"]
    ten_year_pks = changed(
        corpus_agreement(LOUIS).text,
        _TERM,
        "jangka waktu 10 (sepuluh) tahun\nterhitung sejak tanggal ditandatangani.",
    )
    pks = _finding(_check(text_draft(ten_year_pks, tmp_path / "long-pks.docx")), "term.cap")
    assert pks.status == "ok" and "no cap" in pks.message["en"]


def test_a_term_whose_figures_and_words_disagree_is_a_doubt_in_its_pasal(tmp_path: Path) -> None:
    text = changed(
        corpus_agreement(LOUIS).text,
        _TERM,
        "jangka waktu 5 (empat) tahun\nterhitung sejak tanggal ditandatangani.",
    )
    finding = _finding(
        _check(text_draft(text, tmp_path / "words.docx")), "consistency.number_words"
    )
    assert finding.status == "doubt"
    assert finding.clauses == ("6",)
    assert "5 (empat)" in finding.message["id"]


def test_a_pks_that_runs_as_long_as_its_kb_has_an_end_that_follows_from_the_kb(
    tmp_path: Path,
) -> None:
    text = changed(
        corpus_agreement(LOUIS).text,
        "berlaku untuk jangka waktu 5 (lima) tahun\nterhitung sejak tanggal ditandatangani.",
        "berlaku selama Kesepakatan Bersama PARA PIHAK\nmasih berlaku.",
    )
    draft = text_draft(text, tmp_path / "follows.docx")
    assert draft.term is None and draft.expiry_date is None
    result = _check(draft)
    end = _finding(result, "term.end")
    assert end.status == "ok" and end.clauses == ("6",)
    assert "follows the agreement it rests on" in end.message["en"]
    assert _finding(result, "contents.term").status == "ok"
