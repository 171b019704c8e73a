"""`naskah worker` processes beside a web-only `naskah serve` (NASKAH_WORKERS=0), real
processes over a real database: a worker stopped by SIGTERM gives its job back, one killed
with SIGKILL mid-OCR leaves it to the next once its lease passes (stored once, never lost),
and two workers share a queue of uploads, each claimed exactly once (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from search_api.store.db import Store
from search_api.store.jobs import Job, JobStore
from tests.auth import served_token
from tests.search_api.agreement_files import draft_docx
from tests.search_api.conftest import CORPUS
from tests.served import ROOT, env_for, naskah_command, serving

SCAN = CORPUS / "id-pks-dsaw-smkn6-batam-2021.pdf"  # 3 pages, no text layer
LEASE_S = 3.0


def worker_env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    extra = {
        "NASKAH_WORKERS": "0",
        "NASKAH_JOB_LEASE_S": str(LEASE_S),
        "NASKAH_JOB_POLL_S": "0.2",
        "NASKAH_EXTRACT_WORKERS": "1",
        "NASKAH_LOG_LEVEL": "INFO",
    }
    if database_url:
        extra["NASKAH_DATABASE_URL"] = database_url
    return env_for(data_dir, **extra)


@contextmanager
def worker(env: Mapping[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A `naskah worker` process; SIGKILLed with what it started if still running after."""
    with log.open("w") as out:
        process = subprocess.Popen(
            [*naskah_command(), "worker"],
            cwd=ROOT,
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: the test can kill it with its children
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def descendants(pid: int) -> list[int]:
    """The processes `pid` started, and theirs (from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill_hard(process: subprocess.Popen[bytes]) -> None:
    """kill -9 of the worker, then of what it started (its extraction processes, which
    would otherwise read on until their own alarm, writing nowhere)."""
    started = descendants(process.pid)
    process.kill()
    process.wait()
    for pid in started:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def upload(client: httpx.Client, path: Path) -> dict[str, Any]:
    response = client.post("/api/agreements", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 202, response.text  # a web process only reads nothing
    job: dict[str, Any] = response.json()
    return job


def wait_for(jobs: JobStore, job_id: str, ready: Any, timeout_s: float, what: str) -> Job:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        job = jobs.get(job_id)
        if ready(job):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} not {what} in {timeout_s} s: {jobs.get(job_id)}")


@pytest.mark.ocr
@pytest.mark.slow
def test_a_worker_killed_mid_ocr_leaves_its_job_to_the_next_which_stores_it_once(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    env = worker_env(data)
    token = served_token(env, role="editor")
    store = Store.open(f"sqlite:///{data / 'naskah.db'}")
    jobs = JobStore(store)
    try:
        with (
            serving(env, tmp_path / "serve.log") as url,
            httpx.Client(
                base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60
            ) as client,
        ):
            job_id = upload(client, SCAN)["id"]
            assert jobs.get(job_id).state == "queued"  # nobody reads in the web process

            # SIGTERM mid-OCR: the job goes back to the queue, its attempt given back
            with worker(env, tmp_path / "worker-a.log") as a:
                wait_for(jobs, job_id, lambda j: j.state == "running" and j.page >= 1, 180, "read")
                assert str(a.pid) in (jobs.get(job_id).claimed_by or "")
                a.send_signal(signal.SIGTERM)
                assert a.wait(30) == 0, (tmp_path / "worker-a.log").read_text()
            back = jobs.get(job_id)
            assert (back.state, back.attempts, back.claimed_by) == ("queued", 0, None)

            # kill -9 mid-OCR: the job stays running under a lease nobody renews
            with worker(env, tmp_path / "worker-b.log") as b:
                wait_for(jobs, job_id, lambda j: j.state == "running" and j.page >= 1, 180, "read")
                assert str(b.pid) in (jobs.get(job_id).claimed_by or "")
                kill_hard(b)
            orphan = jobs.get(job_id)
            assert (orphan.state, orphan.attempts) == ("running", 1)

            with worker(env, tmp_path / "worker-c.log") as c:
                done = wait_for(jobs, job_id, lambda j: j.state in ("done", "failed"), 300, "done")
                assert done.state == "done", done
                assert done.attempts == 2  # b's attempt counted, a's given back
                assert str(c.pid) in (done.claimed_by or "")
                c.send_signal(signal.SIGTERM)
                assert c.wait(30) == 0

            listed = client.get("/api/agreements").json()
            assert listed["total"] == 1
            assert listed["items"][0]["id"] == done.agreement_id
            # the web process applied the worker's index change: the scan is found
            deadline = time.monotonic() + 30
            while client.get("/api/health").json()["pending_index"]:
                assert time.monotonic() < deadline
                time.sleep(0.2)
            hits = client.get("/api/search", params={"q": "SMK", "scope": "agreements"}).json()
            assert done.agreement_id in {h["agreement_id"] for h in hits["hits"]}
    finally:
        store.close()


def postgres_url() -> str:
    url = os.environ.get("NASKAH_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("PostgreSQL tests need NASKAH_TEST_POSTGRES_URL (scripts/test sets it)")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.mark.slow
@pytest.mark.parametrize(
    ("engine", "count"),
    [("sqlite", 30), pytest.param("postgresql", 100, marks=pytest.mark.postgres)],
)
def test_two_workers_process_queued_uploads_each_exactly_once(
    tmp_path: Path, engine: str, count: int
) -> None:
    data = tmp_path / "data"
    url = postgres_url() if engine == "postgresql" else f"sqlite:///{data / 'naskah.db'}"
    env = worker_env(data, url)
    token = served_token(env, role="editor")
    files = [draft_docx(tmp_path / f"pks-{n}.docx", serial=1000 + n) for n in range(count)]
    store = Store.open(url)
    jobs = JobStore(store)
    try:
        with (
            serving(env, tmp_path / "serve.log") as base,
            httpx.Client(
                base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60
            ) as client,
        ):
            ids = [upload(client, path)["id"] for path in files]
            assert len(set(ids)) == count
            with (
                worker(env, tmp_path / "worker-1.log") as one,
                worker(env, tmp_path / "worker-2.log") as two,
            ):
                for job_id in ids:
                    wait_for(jobs, job_id, lambda j: j.state in ("done", "failed"), 300, "done")
                for process in (one, two):
                    process.send_signal(signal.SIGTERM)
                    assert process.wait(30) == 0
            ended = [jobs.get(job_id) for job_id in ids]
            assert Counter(j.state for j in ended) == {"done": count}, [
                (j.filename, j.code, j.message) for j in ended if j.state != "done"
            ]
            # a claim counts an attempt: one attempt each is one claim each
            assert {j.attempts for j in ended} == {1}
            by_worker = Counter(j.claimed_by for j in ended)
            assert len(by_worker) == 2, by_worker  # both took their share
            assert {str(one.pid), str(two.pid)} == {
                name.split(":")[1] for name in by_worker if name
            }
            logs = (tmp_path / "worker-1.log").read_text() + (tmp_path / "worker-2.log").read_text()
            claims = Counter(job_id for job_id in ids if f"step=claim job={job_id} " in logs)
            assert claims == Counter(dict.fromkeys(ids, 1))
            assert sum(logs.count(f"step=claim job={job_id} ") for job_id in ids) == count
            # every upload is one agreement, each once
            listed = client.get("/api/agreements", params={"limit": 200}).json()
            assert listed["total"] == count
            assert {item["id"] for item in listed["items"]} == {j.agreement_id for j in ended}
    finally:
        store.close()


def authorized(url: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60)


@pytest.mark.ocr
@pytest.mark.slow
def test_a_worker_paused_past_its_lease_stores_nothing_when_it_wakes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = worker_env(data)
    token = served_token(env, role="editor")
    store = Store.open(f"sqlite:///{data / 'naskah.db'}")
    jobs = JobStore(store)
    try:
        with serving(env, tmp_path / "serve.log") as url, authorized(url, token) as client:
            job_id = upload(client, SCAN)["id"]
            with (
                worker(env, tmp_path / "worker-a.log") as a,
                worker(env, tmp_path / "worker-b.log") as b,
            ):
                wait_for(jobs, job_id, lambda j: j.state == "running" and j.page >= 1, 180, "read")
                holder, other = (
                    (a, b) if str(a.pid) in (jobs.get(job_id).claimed_by or "") else (b, a)
                )
                # the holder and what it started stop (a machine asleep, a frozen VM)
                paused = [holder.pid, *descendants(holder.pid)]
                for pid in paused:
                    os.kill(pid, signal.SIGSTOP)
                taken = wait_for(
                    jobs, job_id, lambda j: str(other.pid) in (j.claimed_by or ""), 60, "taken"
                )
                assert taken.attempts == 2
                for pid in paused:
                    os.kill(pid, signal.SIGCONT)
                done = wait_for(jobs, job_id, lambda j: j.state in ("done", "failed"), 300, "done")
                assert done.state == "done", done
                assert str(other.pid) in (done.claimed_by or "")
                # the woken holder found its lease lost and wrote nothing
                deadline = time.monotonic() + 30
                log_a = tmp_path / ("worker-a.log" if holder is a else "worker-b.log")
                while "lease lost" not in log_a.read_text():
                    assert time.monotonic() < deadline, log_a.read_text()
                    time.sleep(0.2)
                assert jobs.get(job_id).attempts == 2
            assert client.get("/api/agreements").json()["total"] == 1
    finally:
        store.close()


@pytest.mark.ocr
@pytest.mark.slow
def test_a_job_read_in_a_worker_is_cancelled_from_the_web_process(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = worker_env(data)
    token = served_token(env, role="editor")
    with (
        serving(env, tmp_path / "serve.log") as url,
        authorized(url, token) as client,
        worker(env, tmp_path / "worker.log"),
    ):
        job_id = upload(client, SCAN)["id"]
        deadline = time.monotonic() + 180
        while (job := client.get(f"/api/jobs/{job_id}").json())["page"] < 1:
            assert job["state"] in ("queued", "running") and time.monotonic() < deadline, job
            time.sleep(0.1)
        cancelled = client.post(f"/api/jobs/{job_id}/cancel")
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["state"] == "cancelled"
        time.sleep(LEASE_S)  # nothing comes back to life once the lease would have passed
        assert client.get(f"/api/jobs/{job_id}").json()["state"] == "cancelled"
        assert client.get("/api/agreements").json()["total"] == 0
        assert [p for p in (data / "files").rglob("*") if p.is_file()] == []


@pytest.mark.slow
def test_drafts_and_refused_files_read_by_a_worker_answer_through_the_web_process(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    env = worker_env(data)
    token = served_token(env, role="editor")
    draft = draft_docx(tmp_path / "draf-pks.docx")
    broken = tmp_path / "rusak.pdf"
    broken.write_bytes(SCAN.read_bytes()[:2000])
    with (
        serving(env, tmp_path / "serve.log") as url,
        authorized(url, token) as client,
        worker(env, tmp_path / "worker.log"),
    ):
        asked = client.post("/api/check", files={"file": (draft.name, draft.read_bytes())})
        assert asked.status_code == 202, asked.text
        check_id = asked.json()["id"]
        refused = upload(client, broken)["id"]
        deadline = time.monotonic() + 120
        while (answer := client.get(f"/api/check/{check_id}")).status_code == 202:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert answer.status_code == 200, answer.text
        report = answer.json()
        assert (report["id"], report["filename"]) == (check_id, draft.name)
        assert report["kind"]  # a pack was chosen from what the worker read
        while (job := client.get(f"/api/jobs/{refused}").json())["state"] in ("queued", "running"):
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert job["state"] == "failed"
        assert broken.name in job["message"], job
        assert client.get("/api/agreements").json()["total"] == 0  # a draft is never stored
