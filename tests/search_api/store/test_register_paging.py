"""The register's pages come from SQL (LIMIT/OFFSET over its filter and order): every page is
the slice of the whole filtered list, and that list is the register's definition, computed
here in Python from what the store gives of each agreement: the filters as the register's
form states them, the status from the effective end (store/standing.py), the order by one
column with those without a value last either way and ties oldest stored first. On a real
SQLite store and on PostgreSQL, over agreements with tied titles, dates and parties, titles
differing only in case, addenda that extend what they cite, corrections, doubts, kept
Kelengkapan and the trash."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import event, inspect

from ingest.model import Doubt, Party
from search_api.store.check_summaries import CheckSummaries, CheckSummary, Judging
from search_api.store.db import Store, StoredAgreement
from search_api.store.register_reads import RegisterFilter, RegisterReads, RegisterSort
from search_api.store.standing import STATUSES, register_status
from tests.search_api.conftest import LOUIS_NAME, real_agreement

TODAY = date(2024, 6, 1)
JUDGING = Judging(dated="d" * 8, undated="u" * 8)
SORTS: tuple[RegisterSort, ...] = (
    "title",
    "doc_type",
    "signed_date",
    "expiry_date",
    "status",
    "parties",
)
# ties on purpose: a few titles (two alike but for case), parties, signing days and ends
TITLES = (
    "PERJANJIAN KERJA SAMA TENTANG PENDIDIKAN VOKASI",
    "Perjanjian Kerja Sama tentang Pendidikan Vokasi",
    "KESEPAKATAN BERSAMA TENTANG AIR MINUM",
    "Adendum Perjanjian Kerja Sama tentang Kesehatan",
    "Memorandum of Understanding on Tourism",
)
PARTNERS = ("PT Louis Alain", "Universitas Hasanuddin", "SMK Negeri 6 Batam", "Kota Makassar")
SIGNED = (date(2019, 3, 4), date(2021, 1, 4), date(2021, 1, 4), date(2023, 12, 31), None)
ENDS = (
    TODAY - timedelta(days=400),
    TODAY - timedelta(days=1),
    TODAY,  # ends today: expiring, not expired
    TODAY + timedelta(days=90),  # the last day still expiring
    TODAY + timedelta(days=91),
    TODAY + timedelta(days=2000),
    None,
)
N = 48


def _fill(store: Store) -> dict[str, bool]:
    """N agreements, some trashed; id -> whether its kept Kelengkapan misses a requirement
    (only those with a fresh kept result)."""
    rng = random.Random(16)
    base = real_agreement(LOUIS_NAME)
    numbers: list[str] = []
    ids: list[str] = []
    for i in range(N):
        doc_type = ("mou", "agreement", "amendment", "other", "agreement")[i % 5]
        number = f"{i + 1:03d}/{rng.randrange(1, 99)}/HUMKER/{2018 + i % 7}"
        references = [rng.choice(numbers)] if numbers and doc_type == "amendment" else []
        agreement = replace(
            base,
            source=replace(base.source, sha256=f"{i:064x}", filename=f"naskah-{i:02d}.pdf"),
            title=rng.choice(TITLES),
            doc_type=doc_type,  # type: ignore[arg-type]
            language="en" if i % 4 == 0 else "id",
            numbers=[number],
            references=references,
            parties=[
                Party("PIHAK PERTAMA", "Pemerintah Kota Batam", "H. Contoh", "Wali Kota"),
                Party("PIHAK KEDUA", rng.choice(PARTNERS), None, "Direktur"),
            ],
            signed_date=rng.choice(SIGNED),
            effective_date=None,
            expiry_date=rng.choice(ENDS),
            doubts=(Doubt("signed_date", "fallback", "x"),) if i % 6 == 0 else (),
        )
        stored, _ = store.add(agreement, size=1, extractor_version="t")
        numbers.append(number)
        ids.append(stored.id)
    # a person's title for some (it is what the register shows and sorts by), and a
    # confirmation of a doubted value (it is reviewed: no longer an open doubt)
    store.correct(ids[3], {"title": "agreement renamed by a person"})
    store.correct(ids[7], {"title": "Zebra Agreement"})
    signed = store.get(ids[12]).agreement.signed_date
    store.correct(ids[12], {"signed_date": signed.isoformat() if signed else None})
    for gone in (ids[5], ids[20]):
        store.trash(gone)
    judged: dict[str, bool] = {}
    summaries = []
    for k, agreement_id in enumerate(ids):
        if k % 3 == 2 or agreement_id in (ids[5], ids[20]):
            continue  # no kept result: being computed
        dated = store.get(agreement_id).agreement.signed_date is not None
        met = 3 if k % 4 == 0 else 4
        summaries.append(CheckSummary(agreement_id, JUDGING.of(is_dated=dated), met, 4))
        judged[agreement_id] = met < 4
    CheckSummaries(store).put(summaries)
    return judged


def _end(s: StoredAgreement) -> date | None:
    return s.extended_until or s.agreement.expiry_date


def _matches(s: StoredAgreement, f: RegisterFilter, judged: dict[str, bool]) -> bool:
    a = s.agreement
    names = [p.name for p in a.parties]
    words = "\n".join([a.title, a.subject or "", *a.numbers, *names, s.filename]).casefold()
    return (
        (f.doc_type is None or a.doc_type == f.doc_type)
        and (f.language is None or a.language == f.language)
        and (f.status is None or register_status(_end(s), TODAY) == f.status)
        and (f.year is None or (a.signed_date is not None and a.signed_date.year == f.year))
        and (f.party is None or f.party.casefold() in "\n".join(names).casefold())
        and (f.q is None or all(w in words for w in f.q.casefold().split()))
        and (not f.doubts or s.open_doubts > 0)
        and (not f.incomplete or judged.get(s.id, False))
    )


def _key(s: StoredAgreement, sort: RegisterSort) -> Any:
    a = s.agreement
    return {
        "title": a.title.casefold(),
        "doc_type": a.doc_type,
        "signed_date": a.signed_date,
        "expiry_date": a.expiry_date,
        "status": STATUSES.index(register_status(_end(s), TODAY)),
        "parties": "\n".join(p.name for p in a.parties).casefold(),
    }[sort]


def _defined(every: list[StoredAgreement], f: RegisterFilter, judged: dict[str, bool]) -> list[str]:
    """The register's list by its definition: filtered, by one column (ascending or not),
    those without a value last, ties oldest stored first."""
    found = sorted((s for s in every if _matches(s, f, judged)), key=lambda s: (s.created_at, s.id))
    valued = [s for s in found if _key(s, f.sort) is not None]
    missing = [s for s in found if _key(s, f.sort) is None]
    # a stable sort keeps ties in stored order, descending too
    valued.sort(key=lambda s: _key(s, f.sort), reverse=f.descending)
    return [s.id for s in valued + missing]


FILTERS = (
    RegisterFilter(),
    *(RegisterFilter(status=status) for status in STATUSES),
    RegisterFilter(doc_type="amendment"),
    RegisterFilter(language="en", status="expired"),
    RegisterFilter(year=2021),
    RegisterFilter(party="universitas"),
    RegisterFilter(q="pendidikan vokasi"),
    RegisterFilter(q="humker/2019"),
    RegisterFilter(doubts=True),
    RegisterFilter(incomplete=True),
)


def test_every_page_is_the_slice_of_the_whole_list_and_the_list_is_the_definition(
    store: Store,
) -> None:
    judged = _fill(store)
    reads = RegisterReads(store)
    every = [store.get(agreement_id) for agreement_id, _ in store.versions()]
    assert len(every) == N - 2  # the trash is not in the register
    assert any(s.extended_until for s in every)  # an addendum extends what it cites
    assert {register_status(_end(s), TODAY) for s in every} == set(
        STATUSES
    )  # every status has rows
    # every order over the whole register and each status; two orders in turn for the rest
    orders = [(sort, descending) for sort in SORTS for descending in (False, True)]
    cases = [
        replace(base, sort=sort, descending=descending)
        for n, base in enumerate(FILTERS)
        for sort, descending in (orders if n < 5 else orders[n % 6 :: 6])
    ]
    checked = 0
    for f in cases:
        whole = [e.id for e in reads.rows(f, today=TODAY, judging=JUDGING)]
        assert whole == _defined(every, f, judged), f
        # pages of 1, 4 or 9 rows in turn: the first, the second, one from the
        # middle, one cut by the end, the last row alone, one past the end
        limit = (1, 4, 9)[checked % 3]
        ends = (len(whole) - limit // 2, len(whole) - 1, len(whole))
        for offset in sorted(o for o in {0, limit, len(whole) // 2, *ends} if o >= 0):
            page = reads.rows(f, today=TODAY, judging=JUDGING, offset=offset, limit=limit)
            assert [e.id for e in page] == whole[offset : offset + limit], (f, offset)
        checked += 1
    assert checked == len(cases) == 5 * 12 + (len(FILTERS) - 5) * 2


def test_a_page_shows_the_same_values_as_the_whole_list(store: Store) -> None:
    """What a page's rows carry (values, corrections, Kelengkapan, doubts) is the same as
    those rows in the whole list."""
    _fill(store)
    reads = RegisterReads(store)
    f = RegisterFilter(sort="title", descending=False)
    whole = reads.rows(f, today=TODAY, judging=JUDGING)
    page = reads.rows(f, today=TODAY, judging=JUDGING, offset=10, limit=7)
    assert page == whole[10:17]
    corrected = {e.id: e for e in whole if e.corrected}
    assert {e.values["title"] for e in corrected.values()} >= {
        "agreement renamed by a person",
        "Zebra Agreement",
    }
    assert any(e.requirements == (3, 4) for e in whole)
    assert any(e.requirements == (None, None) for e in whole)


def test_a_follow_ups_numbers_are_its_effective_ones(store: Store) -> None:
    """What a follow-up shows of the agreement citing a row is read by id, its JSON path
    on both databases: a person's numbers win, the trash is left out."""
    _fill(store)
    ids = [agreement_id for agreement_id, _ in store.versions()]
    store.correct(ids[1], {"numbers": ["999/KOREKSI/2024"]})
    store.trash(ids[2])
    found = RegisterReads(store).numbers([ids[0], ids[1], ids[2], "no-such-id"])
    assert found == {
        ids[0]: list(store.get(ids[0]).agreement.numbers),
        ids[1]: ["999/KOREKSI/2024"],
    }
    assert found[ids[0]] and found[ids[0]][0].endswith("/HUMKER/2018")


def _plans(store: Store, read: Any) -> list[str]:
    """EXPLAIN QUERY PLAN of each statement `read` runs on the store (SQLite)."""
    statements: list[tuple[str, Any]] = []

    def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        read()
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    plans = []
    with store.engine.connect() as connection:
        for statement, parameters in statements:
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            plans.append("\n".join(str(r[-1]) for r in rows))
    return plans


def test_the_register_filters_read_the_register_index_not_the_rows(store: Store) -> None:
    """Migration 0018: on SQLite the columns a filter or order reads past `text` come from
    ix_agreements_register_text (a row's later columns sit behind its text's overflow
    pages); PostgreSQL keeps long text out of line and has no such index."""
    _fill(store)
    indexes = {i["name"] for i in inspect(store.engine).get_indexes("agreements")}
    if store.engine.dialect.name != "sqlite":
        assert "ix_agreements_register_text" not in indexes
        return
    assert "ix_agreements_register_text" in indexes
    reads = RegisterReads(store)
    for f in (
        RegisterFilter(q="pendidikan vokasi", sort="title"),
        RegisterFilter(party="universitas", sort="parties", descending=False),
        RegisterFilter(sector="education", sort="expiry_date"),
        RegisterFilter(status="active", sort="title"),
    ):
        page = _plans(store, lambda f=f: reads.rows(f, today=TODAY, judging=JUDGING, limit=5))
        chosen = [p for p in page if "MATERIALIZE page" in p]
        assert len(chosen) == 1 and "COVERING INDEX ix_agreements_register_text" in chosen[0], page
        counted = _plans(store, lambda f=f: reads.counts(f, today=TODAY, judging=JUDGING))
        assert "COVERING INDEX ix_agreements_register" in counted[0], counted
