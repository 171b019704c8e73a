"""Sending a reminder's mail through the SMTP server of NASKAH_SMTP_*: plain, STARTTLS or SSL
(implicit TLS), with a timeout on every step; a failure is ReminderNotSent naming the step."""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Literal

from search_api.errors import ReminderNotSent
from search_api.settings import Settings

log = logging.getLogger(__name__)

Tls = Literal["none", "starttls", "ssl"]


@dataclass(frozen=True, slots=True)
class SmtpServer:
    host: str | None
    port: int
    tls: Tls
    user: str | None
    password: str | None
    timeout_s: float
    ca_file: Path | None

    @classmethod
    def of(cls, settings: Settings) -> SmtpServer:
        return cls(
            host=settings.smtp_host or None,
            port=settings.effective_smtp_port,
            tls=settings.smtp_tls,
            user=settings.smtp_user or None,
            password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
            timeout_s=settings.smtp_timeout_s,
            ca_file=settings.smtp_ca_file,
        )

    @property
    def is_set(self) -> bool:
        return bool(self.host)

    def context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca_file) if self.ca_file else None)


def _detail(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        said = (
            exc.smtp_error.decode("utf-8", "replace")
            if isinstance(exc.smtp_error, bytes)
            else str(exc.smtp_error)
        )
        return f"{exc.smtp_code} {said}".strip()
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{who}: {code}" for who, (code, _) in exc.recipients.items())
    return f"{type(exc).__name__}: {exc}".rstrip(": ")


def send(message: EmailMessage, server: SmtpServer, *, agreement_id: str, title: str) -> None:
    """Hand `message` to the server. Raises ReminderNotSent (problem config, connect, tls,
    login or send) with the server's words; never leaves a connection open."""

    def failed(problem: str, exc: BaseException | None = None) -> ReminderNotSent:
        return ReminderNotSent(agreement_id, title, problem, _detail(exc) if exc else "")

    if not server.host:
        raise failed("config")
    client: smtplib.SMTP
    try:
        if server.tls == "ssl":
            client = smtplib.SMTP_SSL(
                server.host, server.port, timeout=server.timeout_s, context=server.context()
            )
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=server.timeout_s)
    except ssl.SSLError as exc:
        raise failed("tls", exc) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise failed("connect", exc) from exc
    try:
        step = "tls"
        try:
            client.ehlo()
            if server.tls == "starttls":
                client.starttls(context=server.context())
                client.ehlo()
            if server.user:
                step = "login"
                client.login(server.user, server.password or "")
            step = "send"
            refused = client.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            if isinstance(exc, smtplib.SMTPServerDisconnected | TimeoutError) and step == "tls":
                raise failed("connect", exc) from exc
            raise failed(step, exc) from exc
        if refused:
            # some recipients taken, some not: the mail went out, say who it missed
            log.warning(
                "reminders step=send agreement=%s refused=%s", agreement_id, ",".join(refused)
            )
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()
