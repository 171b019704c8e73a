"""Users, API tokens, browser sessions, the one-time setup link and the audit log in SQL.

Only hashes of secrets arrive here (search_api/accounts.py makes and checks the secrets).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from search_api.store.db import Store
from search_api.store.models import ApiTokenRow, AuditRow, MetaRow, SessionRow, UserRow

SETUP_KEY = "setup_link"
_T = ApiTokenRow.__table__
_U = UserRow.__table__
# Built once: SQLAlchemy then finds its compiled form without rebuilding the cache key.
_TOKEN_BY_PREFIX = (
    select(
        _T.c.id,
        _T.c.user_id,
        _T.c.name,
        _T.c.prefix,
        _T.c.token_hash,
        _T.c.created_at,
        _T.c.last_used_at,
        _T.c.revoked_at,
        _U.c.name,
        _U.c.role,
        _U.c.password_hash,
        _U.c.is_active,
        _U.c.created_at,
    )
    .join(_U, _U.c.id == _T.c.user_id)
    .where(_T.c.prefix == bindparam("prefix"))
)


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: int
    name: str
    role: str
    password_hash: str
    is_active: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TokenRecord:
    id: int
    user_id: int
    user_name: str
    name: str
    prefix: str
    token_hash: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True, slots=True)
class SessionRecord:
    user: UserRecord
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str | None
    action: str
    target: str
    detail: str
    client: str


class NameTaken(Exception):
    """A user with this name exists already."""


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes even for timezone=True columns; they were stored in UTC
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _user(row: UserRow) -> UserRecord:
    return UserRecord(
        row.id, row.name, row.role, row.password_hash, row.is_active, _aware(row.created_at)
    )


def _token(row: ApiTokenRow, user_name: str) -> TokenRecord:
    return TokenRecord(
        row.id,
        row.user_id,
        user_name,
        row.name,
        row.prefix,
        row.token_hash,
        _aware(row.created_at),
        _aware(row.last_used_at) if row.last_used_at else None,
        _aware(row.revoked_at) if row.revoked_at else None,
    )


class AccountStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- users ------------------------------------------------------------------------------

    def user_count(self) -> int:
        with self.store.session() as s:
            return s.scalar(select(func.count()).select_from(UserRow)) or 0

    def add_user(self, name: str, role: str, password_hash: str, *, now: datetime) -> UserRecord:
        """Raises NameTaken."""
        row = UserRow(
            name=name, role=role, password_hash=password_hash, is_active=True, created_at=now
        )
        try:
            with self.store.session() as s:
                s.add(row)
                s.flush()
                return _user(row)
        except IntegrityError as exc:
            raise NameTaken(name) from exc

    def add_first_user(
        self, name: str, role: str, password_hash: str, *, setup_hash: str, now: datetime
    ) -> UserRecord | None:
        """Create the first user when the setup link is still valid, and spend the link, in
        one transaction: None when there is a user already or the link is wrong or expired."""
        with self.store.session() as s:
            link = s.get(MetaRow, SETUP_KEY, with_for_update=True)
            if link is None:
                return None
            stored_hash, _, expires = link.value.partition(" ")
            if stored_hash != setup_hash or datetime.fromisoformat(expires) < now:
                return None
            if s.scalar(select(func.count()).select_from(UserRow)):
                s.delete(link)
                return None
            s.delete(link)
            row = UserRow(
                name=name, role=role, password_hash=password_hash, is_active=True, created_at=now
            )
            s.add(row)
            s.flush()
            return _user(row)

    def set_setup_link(self, setup_hash: str, expires_at: datetime) -> None:
        with self.store.session() as s:
            row = s.get(MetaRow, SETUP_KEY)
            value = f"{setup_hash} {expires_at.isoformat()}"
            if row is None:
                s.add(MetaRow(key=SETUP_KEY, value=value))
            else:
                row.value = value

    def user_by_name(self, name: str) -> UserRecord | None:
        with self.store.session() as s:
            row = s.scalar(select(UserRow).where(UserRow.name == name))
            return _user(row) if row else None

    def users(self) -> list[UserRecord]:
        with self.store.session() as s:
            return [_user(r) for r in s.scalars(select(UserRow).order_by(UserRow.name))]

    def update_user(
        self,
        name: str,
        *,
        role: str | None = None,
        is_active: bool | None = None,
        password_hash: str | None = None,
    ) -> UserRecord | None:
        """Change a user; a disabled user or a new password ends its sessions."""
        with self.store.session() as s:
            row = s.scalar(select(UserRow).where(UserRow.name == name))
            if row is None:
                return None
            if role is not None:
                row.role = role
            if is_active is not None:
                row.is_active = is_active
            if password_hash is not None:
                row.password_hash = password_hash
            if is_active is False or password_hash is not None:
                s.execute(delete(SessionRow).where(SessionRow.user_id == row.id))
            s.flush()
            return _user(row)

    def active_admins(self) -> int:
        with self.store.session() as s:
            return (
                s.scalar(
                    select(func.count())
                    .select_from(UserRow)
                    .where(UserRow.role == "admin", UserRow.is_active.is_(True))
                )
                or 0
            )

    # -- API tokens ---------------------------------------------------------------------------

    def add_token(
        self, user_id: int, name: str, prefix: str, token_hash: str, *, now: datetime
    ) -> None:
        with self.store.session() as s:
            s.add(
                ApiTokenRow(
                    user_id=user_id, name=name, prefix=prefix, token_hash=token_hash, created_at=now
                )
            )

    def token_by_prefix(self, prefix: str) -> tuple[TokenRecord, UserRecord] | None:
        """Every API request asks this: a Core query, without the ORM's session and objects
        (a quarter of a millisecond less, in the request's thread)."""
        with self.store.engine.connect() as conn:
            row = conn.execute(_TOKEN_BY_PREFIX, {"prefix": prefix}).first()
        if row is None:
            return None
        token = TokenRecord(
            row[0],
            row[1],
            row[8],
            row[2],
            row[3],
            row[4],
            _aware(row[5]),
            _aware(row[6]) if row[6] else None,
            _aware(row[7]) if row[7] else None,
        )
        user = UserRecord(row[1], row[8], row[9], row[10], row[11], _aware(row[12]))
        return token, user

    def touch_token(self, token_id: int, now: datetime) -> None:
        with self.store.session() as s:
            s.execute(
                update(ApiTokenRow).where(ApiTokenRow.id == token_id).values(last_used_at=now)
            )

    def tokens(self, user_id: int | None = None) -> list[TokenRecord]:
        """Every token (of one user when given), newest first."""
        query = (
            select(ApiTokenRow, UserRow.name)
            .join(UserRow, UserRow.id == ApiTokenRow.user_id)
            .order_by(ApiTokenRow.id.desc())
        )
        if user_id is not None:
            query = query.where(ApiTokenRow.user_id == user_id)
        with self.store.session() as s:
            return [_token(token, name) for token, name in s.execute(query)]

    def revoke_token(self, prefix: str, *, now: datetime) -> TokenRecord | None:
        with self.store.session() as s:
            found = s.execute(
                select(ApiTokenRow, UserRow.name)
                .join(UserRow, UserRow.id == ApiTokenRow.user_id)
                .where(ApiTokenRow.prefix == prefix)
            ).first()
            if found is None:
                return None
            token, name = found
            if token.revoked_at is None:
                token.revoked_at = now
            s.flush()
            return _token(token, name)

    # -- sessions -----------------------------------------------------------------------------

    def add_session(
        self, session_hash: str, user_id: int, csrf_token: str, *, now: datetime, expires: datetime
    ) -> None:
        with self.store.session() as s:
            # expired sessions go when someone signs in: no sweeper thread needed
            s.execute(delete(SessionRow).where(SessionRow.expires_at < now))
            s.add(
                SessionRow(
                    id=session_hash,
                    user_id=user_id,
                    csrf_token=csrf_token,
                    created_at=now,
                    expires_at=expires,
                )
            )

    def session(self, session_hash: str) -> SessionRecord | None:
        with self.store.session() as s:
            found = s.execute(
                select(SessionRow, UserRow)
                .join(UserRow, UserRow.id == SessionRow.user_id)
                .where(SessionRow.id == session_hash)
            ).first()
            if found is None:
                return None
            session, user = found
            return SessionRecord(_user(user), session.csrf_token, _aware(session.expires_at))

    def delete_session(self, session_hash: str) -> None:
        with self.store.session() as s:
            s.execute(delete(SessionRow).where(SessionRow.id == session_hash))

    # -- audit log ----------------------------------------------------------------------------

    def add_audit(
        self, *, at: datetime, actor: str | None, action: str, target: str, detail: str, client: str
    ) -> None:
        with self.store.session() as s:
            s.add(
                AuditRow(
                    at=at,
                    actor=actor[:64] if actor else None,
                    action=action[:32],
                    target=target[:512],
                    detail=detail,
                    client=client[:64],
                )
            )

    def audit_facets(self) -> tuple[list[str], list[str]]:
        """Every actor and every action the log names, sorted: the audit page's filters."""
        with self.store.session() as s:
            actors = s.scalars(
                select(AuditRow.actor).where(AuditRow.actor.is_not(None)).distinct()
            ).all()
            actions = s.scalars(select(AuditRow.action).distinct()).all()
        return sorted(a for a in actors if a), sorted(actions)

    def count_audit(self, action: str, target: str, *, since: datetime) -> int:
        """How many `action` entries about `target` were logged since `since`."""
        with self.store.session() as s:
            return (
                s.scalar(
                    select(func.count())
                    .select_from(AuditRow)
                    .where(
                        AuditRow.action == action, AuditRow.target == target, AuditRow.at >= since
                    )
                )
                or 0
            )

    def audit(
        self,
        *,
        limit: int,
        offset: int = 0,
        actions: Sequence[str] = (),
        actor: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> tuple[int, list[AuditEntry]]:
        """The newest entries first, and how many there are in all; only those of `actions`,
        by `actor`, at or after `since` and before `until` when given."""
        conditions: list[Any] = [AuditRow.action.in_(actions)] if actions else []
        if actor is not None:
            conditions.append(AuditRow.actor == actor)
        if since is not None:
            conditions.append(AuditRow.at >= since)
        if until is not None:
            conditions.append(AuditRow.at < until)
        with self.store.session() as s:
            total = s.scalar(select(func.count()).select_from(AuditRow).where(*conditions)) or 0
            rows = s.scalars(
                select(AuditRow)
                .where(*conditions)
                .order_by(AuditRow.id.desc())
                .offset(offset)
                .limit(limit)
            )
            entries = [
                AuditEntry(r.id, _aware(r.at), r.actor, r.action, r.target, r.detail, r.client)
                for r in rows
            ]
            return total, entries
