"""Accounts: users and roles, argon2 passwords, API tokens, browser sessions, the one-time setup
link and the audit log. Secrets are made and checked here; the store keeps only their hashes.

Roles rank viewer < editor < admin; search_api/http/access.py says which role each route needs.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from search_api.accounts.roles import ROLES, Role
from search_api.errors import (
    AccountNotFound,
    InvalidAccount,
    PasswordChangeBlocked,
    PasswordNotChanged,
)
from search_api.store.accounts import AccountStore, AuditEntry, NameTaken, TokenRecord, UserRecord
from search_api.store.db import Store

log = logging.getLogger(__name__)

TOKEN_TAG = "nsk"
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
# last_used_at of a token is written at most this often: a script's every request is no write
TOUCH_EVERY = timedelta(minutes=5)
# Failed sign-ins for one name (from the audit log) that block it for the rest of the window.
LOCKOUT_FAILURES = 5
LOCKOUT_WINDOW = timedelta(minutes=15)
# A credential the store has just accepted is accepted again for this long without asking it
# (on every request that is a thread hop and a query). Any change made through `Accounts`
# (revoking a token, a user's role, state or password, signing out) forgets them all at once, in
# this process and, through the stamp file in the data folder, in every other one that shares the
# folder (`naskah token revoke` while `naskah serve` runs). A process that changes accounts
# without that folder (another machine on the same PostgreSQL) is obeyed within this time.
REMEMBER_SECONDS = 2.0
STAMP_FILE = "accounts.changed"

_hasher = PasswordHasher()
# Checked when the name is unknown, so a wrong name costs as long as a wrong password


@cache
def _dummy_hash() -> str:
    """A hash to verify against for unknown names, so they take as long as wrong passwords.
    Made on first use: hashing at import cost every `naskah` command 150 ms."""
    return _hasher.hash(secrets.token_urlsafe(16))


def role_of(value: str) -> Role:
    for role in ROLES:
        if role == value:
            return role
    raise InvalidAccount(
        f"the role {value!r} is not one of {', '.join(ROLES)}", key="role", role=value
    )


def has_role(role: Role, needed: Role) -> bool:
    return ROLES.index(role) >= ROLES.index(needed)


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: Role

    def can(self, needed: Role) -> bool:
        return has_role(self.role, needed)


@dataclass(frozen=True, slots=True)
class Identity:
    """Who sent a request, and how: a browser session (which needs CSRF) or an API token."""

    user: User
    via: Literal["session", "token"]
    csrf_token: str | None = None


@dataclass(frozen=True, slots=True)
class NewSession:
    secret: str  # goes into the cookie, never stored
    csrf_token: str
    expires_at: datetime


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _user(record: UserRecord) -> User:
    return User(record.id, record.name, role_of(record.role))


def check_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name.strip())
    if not 1 <= len(name) <= 64:
        raise InvalidAccount("a user name has 1 to 64 characters", key="name_length")
    if any(unicodedata.category(c).startswith(("C", "Z")) and c != " " for c in name):
        raise InvalidAccount(
            "a user name has no control characters, tabs or line breaks", key="name_characters"
        )
    return name


def password_problem(password: str) -> Literal["too_short", "too_long"] | None:
    """What makes `password` unacceptable as a new password, or None."""
    if len(password) < MIN_PASSWORD:
        return "too_short"
    if len(password) > MAX_PASSWORD:
        return "too_long"
    return None


def check_password(password: str) -> None:
    problem = password_problem(password)
    if problem == "too_short":
        raise InvalidAccount(
            f"a password has at least {MIN_PASSWORD} characters", key="too_short", n=MIN_PASSWORD
        )
    if problem == "too_long":
        raise InvalidAccount(
            f"a password has at most {MAX_PASSWORD} characters", key="too_long", n=MAX_PASSWORD
        )


class Accounts:
    def __init__(
        self, store: Store, *, session_hours: float = 12.0, data_dir: Path | None = None
    ) -> None:
        self.rows = AccountStore(store)
        self.session_lifetime = timedelta(hours=session_hours)
        self._stamp = data_dir / STAMP_FILE if data_dir is not None else None
        self._stamp_seen = self._read_stamp()
        # (via, sha256 of the secret) -> (monotonic deadline, identity)
        self._remembered: dict[tuple[str, str], tuple[float, Identity]] = {}
        self._remembered_lock = threading.Lock()
        # Bumped after every change: a lookup that read the store before a change finished
        # is not remembered after it.
        self._generation = 0

    # -- credentials accepted a moment ago ----------------------------------------------------

    def remembered(self, via: Literal["session", "token"], secret: str) -> Identity | None:
        """The identity of a credential accepted less than REMEMBER_SECONDS ago, else None
        (then ask `token_identity` or `session_identity`). Cheap: no store, no thread."""
        key = (via, digest(secret))
        stamp = self._read_stamp()
        with self._remembered_lock:
            if stamp != self._stamp_seen:  # another process changed accounts
                self._stamp_seen = stamp
                self._generation += 1
                self._remembered.clear()
            entry = self._remembered.get(key)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def _read_stamp(self) -> int:
        if self._stamp is None:
            return 0
        try:
            return self._stamp.stat().st_mtime_ns
        except OSError:
            return 0

    def _remember(self, secret: str, identity: Identity, generation: int) -> None:
        key = (identity.via, digest(secret))
        with self._remembered_lock:
            if generation != self._generation:
                return
            if len(self._remembered) > 10_000:
                self._remembered.clear()
            self._remembered[key] = (time.monotonic() + REMEMBER_SECONDS, identity)

    def _forget_credentials(self) -> None:
        with self._remembered_lock:
            self._generation += 1
            self._remembered.clear()
            if self._stamp is not None:
                # A new modification time tells the other processes; strictly later than the
                # last one, whatever the clock's resolution.
                moment = max(time.time_ns(), self._read_stamp() + 1)
                try:
                    self._stamp.touch()
                    os.utime(self._stamp, ns=(moment, moment))
                except OSError as exc:
                    log.warning("accounts step=stamp file=%s error=%s", self._stamp, exc)
                self._stamp_seen = self._read_stamp()

    # -- users ------------------------------------------------------------------------------

    def has_users(self) -> bool:
        return self.rows.user_count() > 0

    def add_user(self, name: str, role: str, password: str) -> User:
        """Raises InvalidAccount (bad name, role or password, or the name is taken)."""
        name = check_name(name)
        check_password(password)
        try:
            record = self.rows.add_user(name, role_of(role), _hasher.hash(password), now=_now())
        except NameTaken as exc:
            raise InvalidAccount(
                f"the name {name!r} is taken", key="name_taken", name=name
            ) from exc
        log.info("accounts step=add_user user=%s role=%s", record.id, record.role)
        return _user(record)

    def users(self) -> list[tuple[User, bool]]:
        """Every user and whether it is active."""
        return [(_user(r), r.is_active) for r in self.rows.users()]

    def user(self, name: str) -> User:
        record = self.rows.user_by_name(name)
        if record is None:
            raise AccountNotFound(f"user {name!r}")
        return _user(record)

    def change_user(
        self,
        name: str,
        *,
        role: str | None = None,
        is_active: bool | None = None,
        password: str | None = None,
    ) -> User:
        """Raises AccountNotFound, and InvalidAccount when the change would leave no admin."""
        current = self.rows.user_by_name(name)
        if current is None:
            raise AccountNotFound(f"user {name!r}")
        new_role = role_of(role) if role is not None else None
        loses_admin = current.role == "admin" and (
            (new_role is not None and new_role != "admin") or is_active is False
        )
        if loses_admin and current.is_active and self.rows.active_admins() <= 1:
            raise InvalidAccount("naskah needs at least one active admin", key="last_admin")
        if password is not None:
            check_password(password)
        record = self.rows.update_user(
            name,
            role=new_role,
            is_active=is_active,
            password_hash=_hasher.hash(password) if password is not None else None,
        )
        self._forget_credentials()
        if record is None:
            raise AccountNotFound(f"user {name!r}")
        return _user(record)

    def sign_in_blocked(self, name: str) -> bool:
        """True after LOCKOUT_FAILURES failed sign-ins for `name` within LOCKOUT_WINDOW: the
        password is then not even checked, so guessing costs a wait, not just argon2 time."""
        since = _now() - LOCKOUT_WINDOW
        target = name.strip()[:64]
        return self.rows.count_audit("login.failed", target, since=since) >= LOCKOUT_FAILURES

    def authenticate(self, name: str, password: str) -> User | None:
        """The user when the name and password match an active account, else None."""
        record = self.rows.user_by_name(name.strip())
        try:
            _hasher.verify(record.password_hash if record else _dummy_hash(), password)
        except (VerificationError, InvalidHashError):
            return None
        if record is None or not record.is_active:
            return None
        if _hasher.check_needs_rehash(record.password_hash):
            self.rows.update_user(record.name, password_hash=_hasher.hash(password))
        return _user(record)

    def change_own_password(self, user: User, current: str, new: str) -> None:
        """Replace `user`'s password after checking the current one; every browser session of
        the user ends (API tokens stay). Raises PasswordChangeBlocked while the name is locked
        out (nothing is checked then), and PasswordNotChanged: too_short, too_long, unchanged,
        wrong_current. The caller audits a wrong_current as login.failed, so that guesses
        here count toward the same lockout as guesses at sign-in."""
        if self.sign_in_blocked(user.name):
            raise PasswordChangeBlocked(int(LOCKOUT_WINDOW.total_seconds() // 60))
        problem = password_problem(new)
        if problem is not None:
            raise PasswordNotChanged(problem, min=MIN_PASSWORD, max=MAX_PASSWORD)
        if new == current:
            raise PasswordNotChanged("unchanged")
        if self.authenticate(user.name, current) is None:
            raise PasswordNotChanged("wrong_current")
        changed = self.rows.update_user(user.name, password_hash=_hasher.hash(new))
        self._forget_credentials()
        if changed is None:
            raise AccountNotFound(f"user {user.name!r}")
        log.info("accounts step=change_own_password user=%s", user.id)

    # -- first admin through a one-time link ---------------------------------------------------

    def make_setup_link(self, minutes: float) -> str:
        """A fresh secret for /siapkan?token=...; the previous one stops working."""
        secret = secrets.token_urlsafe(32)
        self.rows.set_setup_link(digest(secret), _now() + timedelta(minutes=minutes))
        return secret

    def use_setup_link(self, secret: str, name: str, password: str) -> User | None:
        """The first admin, or None when the link is spent, expired or wrong, or an admin exists.
        Raises InvalidAccount for a bad name or password (the link stays valid then)."""
        name = check_name(name)
        check_password(password)
        record = self.rows.add_first_user(
            name, "admin", _hasher.hash(password), setup_hash=digest(secret), now=_now()
        )
        return _user(record) if record else None

    # -- API tokens ---------------------------------------------------------------------------

    def create_token(self, user_name: str, name: str = "") -> tuple[str, str]:
        """(token, prefix). The token is shown once: only its sha256 is kept."""
        user = self.user(user_name)
        name = name.strip()[:64] or "token"
        prefix = secrets.token_hex(5)
        token = f"{TOKEN_TAG}_{prefix}_{secrets.token_urlsafe(32)}"
        self.rows.add_token(user.id, name, prefix, digest(token), now=_now())
        log.info("accounts step=create_token user=%s prefix=%s", user.id, prefix)
        return token, prefix

    def tokens(self, user: User | None = None) -> list[TokenRecord]:
        return self.rows.tokens(user.id if user else None)

    def revoke_token(self, prefix: str, *, by: User | None) -> TokenRecord:
        """Raises AccountNotFound for an unknown token or one of another user (unless `by` is
        an admin, or None: the operator at the command line)."""
        found = self.rows.token_by_prefix(prefix)
        is_theirs = (
            by is None or by.can("admin") or (found is not None and found[0].user_id == by.id)
        )
        if found is None or not is_theirs:
            raise AccountNotFound(f"token {prefix!r}")
        record = self.rows.revoke_token(prefix, now=_now())
        self._forget_credentials()
        if record is None:
            raise AccountNotFound(f"token {prefix!r}")
        return record

    def token_identity(self, token: str) -> Identity | None:
        generation = self._generation
        tag, _, rest = token.partition("_")
        prefix, _, _ = rest.partition("_")
        if tag != TOKEN_TAG or not prefix:
            return None
        found = self.rows.token_by_prefix(prefix)
        if found is None:
            return None
        record, user = found
        if not hmac.compare_digest(record.token_hash, digest(token)):
            return None
        if record.revoked_at is not None or not user.is_active:
            return None
        now = _now()
        if record.last_used_at is None or now - record.last_used_at > TOUCH_EVERY:
            self.rows.touch_token(record.id, now)
        identity = Identity(_user(user), "token")
        self._remember(token, identity, generation)
        return identity

    # -- browser sessions -----------------------------------------------------------------------

    def open_session(self, user: User) -> NewSession:
        secret = secrets.token_urlsafe(32)
        csrf = secrets.token_urlsafe(32)
        now = _now()
        expires = now + self.session_lifetime
        self.rows.add_session(digest(secret), user.id, csrf, now=now, expires=expires)
        return NewSession(secret, csrf, expires)

    def session_identity(self, secret: str) -> Identity | None:
        generation = self._generation
        record = self.rows.session(digest(secret))
        now = _now()
        if record is None or record.expires_at < now or not record.user.is_active:
            return None
        identity = Identity(_user(record.user), "session", record.csrf_token)
        if record.expires_at - now > timedelta(seconds=REMEMBER_SECONDS):
            self._remember(secret, identity, generation)
        return identity

    def close_session(self, secret: str) -> None:
        self.rows.delete_session(digest(secret))
        self._forget_credentials()

    # -- audit log ----------------------------------------------------------------------------

    def audit(
        self, actor: str | None, action: str, target: str = "", detail: str = "", client: str = ""
    ) -> None:
        self.rows.add_audit(
            at=_now(), actor=actor, action=action, target=target, detail=detail, client=client
        )
        log.info("audit action=%s target=%s", action, target)

    def audit_log(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        actions: tuple[str, ...] = (),
        actor: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> tuple[int, list[AuditEntry]]:
        """The newest entries first and how many match, filtered as the arguments say."""
        return self.rows.audit(
            limit=limit, offset=offset, actions=actions, actor=actor, since=since, until=until
        )

    def audit_facets(self) -> tuple[list[str], list[str]]:
        """The actors and the actions the audit log names (for its filters)."""
        return self.rows.audit_facets()
