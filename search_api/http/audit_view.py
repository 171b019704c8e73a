"""The audit log as a person reads it: the agreement an entry is about, and its detail in the
UI's language. Details are written in English for the API and the CLI (`accounts.audit`); the
known forms are said again here from the catalogue (audit.detail.*), anything else as written."""

from __future__ import annotations

import re
from typing import Final

from search_api.http.i18n import Translator

AGREEMENT_ID = re.compile(r"\b[0-9a-f]{32}\b")
_HTTP = re.compile(r"^HTTP (\d{3})$")
_GROUPS = re.compile(r"^(\d+) groups; (.*)$")
_PAIR = re.compile(r"^([a-z_]+)=(\S*)$")
# English sentences the routes write, by their catalogue key
PHRASES: Final[dict[str, str]] = {
    "wrong name or password": "audit.detail.wrong_password",
    "wrong current password (password)": "audit.detail.wrong_current",
    "too many failed sign-ins": "audit.detail.blocked",
    "too many failed sign-ins (password)": "audit.detail.blocked_password",
    "first admin (setup link)": "audit.detail.first_admin",
    "unchanged": "audit.detail.unchanged",
}


def agreement_of(target: str) -> str | None:
    """The agreement id an entry's target names (an upload's location, a route's id)."""
    found = AGREEMENT_ID.search(target)
    return found.group(0) if found else None


def title_in(detail: str) -> str | None:
    """The title an entry carries (a purge: the agreement is gone, its title stays here)."""
    _, found, title = detail.partition("title=")
    return title if found else None


def describe_detail(t: Translator, detail: str) -> str:
    """`detail` in the UI's language; "" when it says nothing a reader needs (HTTP 2xx)."""
    detail = detail.strip()
    if not detail:
        return ""
    if detail in PHRASES:
        return t(PHRASES[detail])
    http = _HTTP.match(detail)
    if http:
        return t("audit.detail.queued") if http.group(1) == "202" else ""
    before, found, title = detail.partition("title=")
    if found:
        head = describe_detail(t, before.strip().rstrip(";").strip())
        said = t("audit.detail.title", title=title)
        return f"{head}; {said}" if head else said
    groups = _GROUPS.match(detail)
    if groups:
        parts = [t("audit.detail.groups", n=groups.group(1))]
        for part in groups.group(2).split("; "):
            label, colon, names = part.partition(": ")
            key = f"audit.detail.{label}"
            parts.append(
                f"{t(key)}: {names}" if colon and key in t.strings else describe_detail(t, part)
            )
        return "; ".join(p for p in parts if p)
    tokens = [token for piece in detail.split("; ") for token in piece.split(" ")]
    pairs = [_PAIR.match(token) for token in tokens]
    if all(pairs):
        return "; ".join(_pair(t, m.group(1), m.group(2)) for m in pairs if m)
    return detail


def _pair(t: Translator, key: str, value: str) -> str:
    if key == "role":
        return t("audit.detail.role", role=t(f"role.{value}"))
    if key == "active":
        return t("audit.detail.enabled" if value == "True" else "audit.detail.disabled")
    if key == "password":
        return t("audit.detail.password_set")
    if key == "via":
        return t(f"audit.detail.via.{value}") if f"audit.detail.via.{value}" in t.strings else value
    if key == "user":
        return t("audit.detail.user", name=value)
    if key == "days":
        return t("audit.detail.days", n=value)
    return f"{key}={value}"
