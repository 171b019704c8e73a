"""A real SMTP server for the tests (aiosmtpd on a free local port): plain, STARTTLS (with a
sign-in) or SSL, with a self-signed certificate made here by `cryptography`. It keeps every
message delivered to it, parsed, for the test to read.

    with smtp_server(tmp_path, tls="starttls") as server:
        settings = Settings(..., **server.settings())
        ...
        [mail] = server.messages
"""

from __future__ import annotations

import datetime
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

HOST = "127.0.0.1"
USER = "naskah-uji"
PASSWORD = "sandi-smtp-uji"


@dataclass
class Delivered:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Collector:
    """aiosmtpd's handler: keeps each delivered message."""

    delivered: list[Delivered] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        with self.lock:
            self.delivered.append(Delivered(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK"


@dataclass
class SmtpServer:
    port: int
    tls: Literal["none", "starttls", "ssl"]
    ca_file: Path | None
    collector: Collector
    user: str | None

    @property
    def messages(self) -> list[Delivered]:
        with self.collector.lock:
            return list(self.collector.delivered)

    def settings(self) -> dict[str, Any]:
        """The Settings fields that point naskah at this server."""
        values: dict[str, Any] = {
            "smtp_host": HOST,
            "smtp_port": self.port,
            "smtp_tls": self.tls,
            "smtp_ca_file": self.ca_file,
            "smtp_from": "naskah@pemda.example.go.id",
            "smtp_timeout_s": 10.0,
        }
        if self.user:
            values |= {"smtp_user": self.user, "smtp_password": PASSWORD}
        return values


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost and its key, as PEM files in `folder`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "naskah test SMTP")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> Any:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USER.encode()
        and auth_data.password == PASSWORD.encode()
    )
    return AuthResult(success=ok)


@contextmanager
def smtp_server(
    folder: Path, tls: Literal["none", "starttls", "ssl"] = "none", *, port: int | None = None
) -> Iterator[SmtpServer]:
    """A running SMTP server on `port` (a free one by default) until the block ends. With
    "starttls" it asks for STARTTLS and a sign-in (USER, PASSWORD)."""
    collector = Collector()
    port = port or free_port()
    ca_file: Path | None = None
    kwargs: dict[str, Any] = {}
    if tls != "none":
        ca_file, key_file = self_signed(folder)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(ca_file, key_file)
        if tls == "ssl":
            kwargs["ssl_context"] = context
        else:
            kwargs |= {
                "tls_context": context,
                "require_starttls": True,
                "authenticator": _authenticate,
                "auth_required": True,
            }
    controller = Controller(collector, hostname=HOST, port=port, **kwargs)
    controller.start()
    try:
        yield SmtpServer(port, tls, ca_file, collector, USER if tls == "starttls" else None)
    finally:
        controller.stop()
