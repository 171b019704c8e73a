"""Expiry reminders through a real SMTP server (aiosmtpd, tests/smtp.py): an agreement whose
effective end is 30 days away gets exactly one e-mail at the 30-day mark, also after a
restart of the service on the same data folder; every TLS mode delivers; a server that is
down is recorded as failed and retried on the next check."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

import pytest

from search_api.settings import Settings
from tests.auth import naskah, signed_in_client
from tests.search_api.conftest import CORPUS
from tests.smtp import free_port, smtp_server

PKS = CORPUS / "id-pks-louis-alain-smkn6-batam-2022.pdf"
OFFICE = "humas@pemda.example.go.id"


def settings_for(data_dir: Path, **smtp: Any) -> Settings:
    return Settings(
        data_dir=data_dir,
        meili_url=None,
        reminder_to=OFFICE,
        reminder_first_check_s=3600.0,  # the test sends; the server's own check waits
        public_url="http://naskah.example",
        **smtp,
    )


def store_ending_in(client: Any, days: int) -> tuple[str, str]:
    response = client.post("/api/agreements", files={"file": (PKS.name, PKS.read_bytes())})
    assert response.status_code in (200, 201), response.text
    agreement_id = response.json()["id"]
    ends = (date.today() + timedelta(days=days)).isoformat()
    patched = client.patch(f"/api/agreements/{agreement_id}", json={"expiry_date": ends})
    assert patched.status_code == 200, patched.text
    return agreement_id, ends


def test_thirty_days_before_the_end_one_mail_also_after_a_restart(tmp_path: Path) -> None:
    with smtp_server(tmp_path) as server:
        settings = settings_for(tmp_path / "data", **server.settings())
        with signed_in_client(settings) as client:
            agreement_id, _ = store_ending_in(client, 30)
            results = client.app.state.reminders.send_due()  # type: ignore[attr-defined]
            assert [r.outcome for r in results] == ["sent"]
            assert client.app.state.reminders.send_due() == []  # type: ignore[attr-defined]
        assert len(server.messages) == 1
        mail = server.messages[0]
        assert mail.rcpt_tos == [OFFICE]
        body = mail.message.get_body(preferencelist=("plain",))
        assert body is not None
        text = body.get_content()
        assert f"http://naskah.example/naskah/{agreement_id}" in text
        assert "30" in text
        # a restart on the same data folder: the reminder is recorded, nothing goes twice
        with signed_in_client(settings) as client:
            assert client.app.state.reminders.send_due() == []  # type: ignore[attr-defined]
            page = client.get("/pengingat")
            assert page.status_code == 200
        assert len(server.messages) == 1


@pytest.mark.parametrize("tls", ["none", "starttls", "ssl"])
def test_every_tls_mode_delivers(tmp_path: Path, tls: Literal["none", "starttls", "ssl"]) -> None:
    with smtp_server(tmp_path, tls) as server:
        with signed_in_client(settings_for(tmp_path / "data", **server.settings())) as client:
            store_ending_in(client, 7)
            results = client.app.state.reminders.send_due()  # type: ignore[attr-defined]
            assert [r.outcome for r in results] == ["sent"], [r.error for r in results]
        assert len(server.messages) == 1


def test_a_server_that_is_down_is_recorded_and_retried(tmp_path: Path) -> None:
    port = free_port()
    smtp = {"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_tls": "none", "smtp_timeout_s": 2.0}
    settings = settings_for(tmp_path / "data", **smtp)
    with signed_in_client(settings) as client:
        store_ending_in(client, 30)
        results = client.app.state.reminders.send_due()  # type: ignore[attr-defined]
        assert [r.outcome for r in results] == ["failed"]
        assert results[0].error is not None
    with smtp_server(tmp_path, port=port) as server, signed_in_client(settings) as client:
        results = client.app.state.reminders.send_due()  # type: ignore[attr-defined]
        assert [r.outcome for r in results] == ["sent"]
        assert len(server.messages) == 1


def test_naskah_reminders_send_prints_what_it_sent_once(tmp_path: Path) -> None:
    with smtp_server(tmp_path) as server:
        data_dir = tmp_path / "data"
        with signed_in_client(settings_for(data_dir, **server.settings())) as client:
            agreement_id, _ = store_ending_in(client, 30)
        env = {
            **os.environ,
            "NASKAH_DATA_DIR": str(data_dir),
            "NASKAH_REMINDER_TO": OFFICE,
            "NASKAH_SMTP_HOST": "127.0.0.1",
            "NASKAH_SMTP_PORT": str(server.port),
            "NASKAH_SMTP_TLS": "none",
            "NASKAH_SMTP_FROM": "naskah@pemda.example.go.id",
        }
        env.pop("NASKAH_MEILI_URL", None)
        listed = naskah(env, "reminders", "send", "--dry-run")
        assert agreement_id in listed and "1 reminders due" in listed
        assert server.messages == []
        sent = naskah(env, "reminders", "send")
        assert f"sent   {agreement_id}" in sent and OFFICE in sent
        assert "1 sent, 0 failed" in sent
        again = naskah(env, "reminders", "send")
        assert "0 sent, 0 failed" in again
        assert len(server.messages) == 1
