"""Jobs claimed with a lease, on real SQLite and PostgreSQL: one claim per job, a passed lease
taken over with the attempt counted, and the old holder's effects fenced off."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from search_api.store.db import MIGRATIONS, Store
from search_api.store.jobs import JobStore


def queued(jobs: JobStore, count: int) -> list[str]:
    return [
        jobs.create(
            kind="add", sha256=f"{n:064x}", filename=f"naskah-{n}.docx", size=10, languages="ind"
        ).id
        for n in range(count)
    ]


def test_jobs_are_claimed_oldest_first_and_each_once(store: Store) -> None:
    jobs = JobStore(store)
    first, second = queued(jobs, 2)
    a = jobs.claim_next("worker-a", lease_s=60)
    b = jobs.claim_next("worker-b", lease_s=60)
    assert a is not None and b is not None
    assert (a.id, a.claimed_by, a.attempts, a.state) == (first, "worker-a", 1, "running")
    assert (b.id, b.claimed_by) == (second, "worker-b")
    assert a.lease_until is not None
    assert jobs.claim_next("worker-c", lease_s=60) is None  # both leases hold
    assert jobs.claim(first, worker="worker-c", lease_s=60) is None


def test_a_passed_lease_is_taken_over_and_fences_the_old_holder(store: Store) -> None:
    jobs = JobStore(store)
    (job_id,) = queued(jobs, 1)
    assert jobs.claim_next("dead", lease_s=0.2) is not None
    time.sleep(0.3)
    taken = jobs.claim_next("alive", lease_s=60)
    assert taken is not None
    assert (taken.id, taken.claimed_by, taken.attempts) == (job_id, "alive", 2)
    # the worker that lost its lease writes nothing any more
    assert jobs.renew(job_id, "dead", lease_s=60) == "lost"
    jobs.progress(job_id, 3, 9, worker="dead")
    assert jobs.finish(job_id, "a" * 32, worker="dead") is False
    assert jobs.fail(job_id, "x", "x", worker="dead") is False
    assert jobs.requeue(job_id, count_attempt=False, worker="dead") is False
    assert jobs.cancel(job_id, state="running", worker="dead") is False
    assert not jobs.holds(job_id, "dead")
    row = jobs.get(job_id)
    assert (row.state, row.claimed_by, row.page, row.attempts) == ("running", "alive", 0, 2)
    # its new holder renews, writes progress and finishes
    assert jobs.renew(job_id, "alive", lease_s=60) == "held"
    jobs.progress(job_id, 1, 3, worker="alive")
    assert jobs.get(job_id).page == 1
    assert jobs.finish(job_id, "b" * 32, worker="alive") is True
    done = jobs.get(job_id)
    assert (done.state, done.agreement_id, done.lease_until) == ("done", "b" * 32, None)
    assert jobs.claim_next("dead", lease_s=60) is None


def test_a_renewed_lease_is_not_taken_over(store: Store) -> None:
    jobs = JobStore(store)
    (job_id,) = queued(jobs, 1)
    jobs.claim_next("a", lease_s=0.5)
    for _ in range(4):
        time.sleep(0.2)
        assert jobs.renew(job_id, "a", lease_s=0.5) == "held"
        assert jobs.claim_next("b", lease_s=60) is None


def test_a_released_job_gives_its_attempt_back_and_a_cancel_reaches_the_heartbeat(
    store: Store,
) -> None:
    jobs = JobStore(store)
    (job_id,) = queued(jobs, 1)
    jobs.claim_next("a", lease_s=60)
    assert jobs.requeue(job_id, count_attempt=False, worker="a") is True
    back = jobs.get(job_id)
    assert (back.state, back.attempts, back.claimed_by, back.lease_until) == (
        "queued",
        0,
        None,
        None,
    )
    again = jobs.claim_next("b", lease_s=60)
    assert again is not None and again.attempts == 1
    assert jobs.request_cancel(job_id) is True
    assert jobs.renew(job_id, "b", lease_s=60) == "cancel"
    assert jobs.cancel(job_id, state="running", worker="b") is True
    assert jobs.request_cancel(job_id) is False  # not running any more


def test_workers_claiming_at_once_take_each_job_exactly_once(store: Store) -> None:
    jobs = JobStore(store)
    ids = queued(jobs, 60)
    taken: Counter[str] = Counter()
    lock = threading.Lock()

    def work(name: str) -> None:
        while (job := jobs.claim_next(name, lease_s=60)) is not None:
            with lock:
                taken[job.id] += 1
            assert jobs.finish(job.id, None, worker=name)

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert taken == Counter(dict.fromkeys(ids, 1))
    assert {jobs.get(i).state for i in ids} == {"done"}


def test_migration_0015_leaves_a_job_a_dead_server_left_running_claimable(
    store: Store, tmp_path: Path
) -> None:
    if store.engine.dialect.name == "postgresql":  # the same database, emptied
        url = store.engine.url.render_as_string(hide_password=False)
        with store.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    else:
        url = f"sqlite:///{tmp_path / 'at-0014.db'}"
    store.engine.dispose()
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0014")
        now = datetime.now(UTC)
        for job_id, state in (("a" * 32, "running"), ("b" * 32, "queued")):
            conn.execute(
                text(
                    "INSERT INTO jobs (id, kind, state, sha256, filename, size, languages, "
                    "force_all, page, pages, attempts, created_at, updated_at) VALUES "
                    "(:id, 'add', :state, :sha, 'scan.pdf', 10, 'ind+eng', false, 1, 3, "
                    ":attempts, :now, :now)"
                ),
                {
                    "id": job_id,
                    "state": state,
                    "sha": job_id * 2,
                    "attempts": 1 if state == "running" else 0,
                    "now": now,
                },
            )
    engine.dispose()
    reopened = Store.open(url)
    try:
        jobs = JobStore(reopened)
        left = jobs.get("a" * 32)
        assert (left.state, left.claimed_by, left.lease_until, left.cancel_requested) == (
            "running",
            None,
            None,
            False,
        )
        # the one left running is the oldest claimable: taken over, its attempt counted
        first = jobs.claim_next("after-upgrade", lease_s=60)
        second = jobs.claim_next("after-upgrade", lease_s=60)
        assert first is not None and second is not None
        assert {(first.id, first.attempts), (second.id, second.attempts)} == {
            ("a" * 32, 2),
            ("b" * 32, 1),
        }
    finally:
        reopened.close()
