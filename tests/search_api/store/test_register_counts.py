"""The register's cards are counted in one pass over the matching rows (status, year x kind,
year x cooperation kind, Kelengkapan missing or being judged, unreviewed doubts), the same on
SQLite and PostgreSQL, with and without a filter."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ingest.model import Doubt
from search_api.store.check_summaries import CheckSummaries, CheckSummary, Judging
from search_api.store.db import Store
from search_api.store.register_reads import RegisterFilter, RegisterReads
from tests.search_api.store.test_profiles import _variant

TODAY = date(2024, 6, 1)
JUDGING = Judging(dated="d" * 8, undated="u" * 8)


def test_counts_of_the_register_cards(store: Store) -> None:
    def add(sha: str, **kw: object) -> str:
        doubts = kw.pop("doubts", ())
        agreement = replace(_variant(sha, numbers=[f"{sha}/1/2021"], **kw), doubts=doubts)  # type: ignore[arg-type]
        stored, _ = store.add(agreement, size=1, extractor_version="t")
        return stored.id

    active = add("a", expiry=date(2026, 1, 1))
    expired = add("b", expiry=date(2023, 1, 1), doc_type="mou")
    add("c", expiry=None, signed=None)
    doubted = add(
        "e",
        expiry=date(2024, 7, 1),
        doubts=(Doubt(field="signed_date", code="fallback", detail="x"),),
    )
    summaries = CheckSummaries(store)
    summaries.put(
        [
            CheckSummary(active, JUDGING.dated, met=3, total=4),  # misses one
            CheckSummary(expired, JUDGING.dated, met=4, total=4),
            CheckSummary(doubted, "stale", met=1, total=4),  # stale: being judged again
        ]
    )
    reads = RegisterReads(store)
    every = reads.counts(RegisterFilter(), today=TODAY, judging=JUDGING)
    assert every.total == 4
    assert every.by_status == {"active": 1, "expiring": 1, "expired": 1, "unknown": 1}
    assert every.by_year_and_type == {
        (2021, "agreement"): 2,
        (2021, "mou"): 1,
        (None, "agreement"): 1,
    }
    assert sum(every.by_year_and_kind.values()) == 4
    assert every.incomplete == 1
    assert every.pending == 2  # no kept result, or a stale one
    assert every.doubts == 1
    mous = reads.counts(RegisterFilter(doc_type="mou"), today=TODAY, judging=JUDGING)
    assert (mous.total, mous.incomplete, mous.pending, mous.doubts) == (1, 0, 0, 0)
    assert mous.by_status == {"active": 0, "expiring": 0, "expired": 1, "unknown": 0}
    open_doubts = reads.counts(RegisterFilter(doubts=True), today=TODAY, judging=JUDGING)
    assert (open_doubts.total, open_doubts.pending, open_doubts.doubts) == (1, 1, 1)
