"""What ingest derives, kept with each agreement, and its standing (issue #16 item 3).

- agreements.profile (JSON: ingest.model.Profile), cooperation_kind, partner_type_keys,
  sector_keys ('\\n<code>\\n' sets), regional_office: what follows from the effective text.
  The register filters on them in SQL instead of deriving them on every read.
- agreements.search_text, parties_folded, title_folded: casefolded values the register's
  words and party filters and its title and party orders read.
- agreements.effective_date: the effective start (corrections applied).
- agreements.extended_until, end_date, renewed: the standing whatever the day
  (search_api/store/standing.py): the later end an addendum citing it gives, the effective
  end, and whether a later agreement of its kind renews it.

Existing rows are back-filled by running the derivation once on their effective values (the
machine's overlaid by the latest correction of each field; the clause rows are the effective
clauses) and the standing from the agreements citing them.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

_BATCH = 500


def upgrade() -> None:
    # plain ADD COLUMN, never batch mode: SQLite's batch mode would copy the table and drop
    # the old one, and with foreign keys on that drop deletes every clause and correction
    add = op.add_column
    add("agreements", sa.Column("profile", sa.JSON, nullable=True))
    add(
        "agreements",
        sa.Column("cooperation_kind", sa.String(16), nullable=False, server_default="other"),
    )
    for name in (
        "partner_type_keys",
        "sector_keys",
        "search_text",
        "parties_folded",
        "title_folded",
    ):
        add("agreements", sa.Column(name, sa.Text, nullable=False, server_default=""))
    add("agreements", sa.Column("regional_office", sa.Text, nullable=True))
    add("agreements", sa.Column("extended_until", sa.Date, nullable=True))
    add("agreements", sa.Column("end_date", sa.Date, nullable=True))
    add("agreements", sa.Column("effective_date", sa.Date, nullable=True))
    add("agreements", sa.Column("renewed", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_index("ix_agreements_cooperation_kind", "agreements", ["cooperation_kind"])
    op.create_index("ix_agreements_end_date", "agreements", ["end_date"])
    _backfill()


def _backfill() -> None:
    from ingest.model import Party
    from ingest.profile import SCOPE_CATEGORIES, derive_profile
    from search_api.store.db import codes
    from search_api.store.standing import extension

    bind = op.get_bind()
    agreements = sa.table(
        "agreements",
        sa.column("id", sa.String),
        sa.column("filename", sa.String),
        sa.column("machine", sa.JSON),
        sa.column("trashed_at", sa.DateTime),
        sa.column("doc_type", sa.String),
        sa.column("signed_date", sa.Date),
        sa.column("expiry_date", sa.Date),
        sa.column("number_keys", sa.Text),
        sa.column("reference_keys", sa.Text),
        sa.column("profile", sa.JSON),
        sa.column("cooperation_kind", sa.String),
        sa.column("partner_type_keys", sa.Text),
        sa.column("sector_keys", sa.Text),
        sa.column("regional_office", sa.Text),
        sa.column("search_text", sa.Text),
        sa.column("parties_folded", sa.Text),
        sa.column("title_folded", sa.Text),
        sa.column("extended_until", sa.Date),
        sa.column("end_date", sa.Date),
        sa.column("effective_date", sa.Date),
        sa.column("renewed", sa.Boolean),
    )
    clauses = sa.table(
        "clauses",
        sa.column("agreement_id", sa.String),
        sa.column("position", sa.Integer),
        sa.column("category", sa.String),
        sa.column("text", sa.Text),
    )
    corrections = sa.table(
        "corrections",
        sa.column("id", sa.Integer),
        sa.column("agreement_id", sa.String),
        sa.column("field", sa.String),
        sa.column("value", sa.JSON),
        sa.column("retired_in", sa.Integer),
    )
    corrected: dict[str, dict[str, Any]] = defaultdict(dict)
    for agreement_id, name, value in bind.execute(
        sa.select(corrections.c.agreement_id, corrections.c.field, corrections.c.value)
        .where(corrections.c.retired_in.is_(None))
        .order_by(corrections.c.id)
    ):
        corrected[agreement_id][name] = value  # the latest wins
    scopes: dict[str, list[str]] = defaultdict(list)
    for agreement_id, clause_text in bind.execute(
        sa.select(clauses.c.agreement_id, clauses.c.text)
        .where(clauses.c.category.in_(SCOPE_CATEGORIES))
        .order_by(clauses.c.agreement_id, clauses.c.position)
    ):
        scopes[agreement_id].append(clause_text or "")

    rows = bind.execute(
        sa.select(
            agreements.c.id,
            agreements.c.filename,
            agreements.c.machine,
            agreements.c.trashed_at,
            agreements.c.doc_type,
            agreements.c.signed_date,
            agreements.c.expiry_date,
            agreements.c.number_keys,
            agreements.c.reference_keys,
        )
    ).all()
    # the profile of each, from its effective values
    for start in range(0, len(rows), _BATCH):
        for row in rows[start : start + _BATCH]:
            values = {**(row.machine or {}), **corrected.get(row.id, {})}
            parties = [
                Party(
                    p.get("role"),
                    str(p.get("name") or ""),
                    p.get("representative"),
                    p.get("position"),
                )
                for p in values.get("parties") or []
                if isinstance(p, dict)
            ]
            title = str(values.get("title") or "")
            subject = values.get("subject")
            profile = derive_profile(
                parties, str(values.get("language") or "id"), title, subject, scopes[row.id]
            )
            names = [p.name for p in parties]
            numbers = [str(n) for n in values.get("numbers") or []]
            bind.execute(
                agreements.update()
                .where(agreements.c.id == row.id)
                .values(
                    profile=profile.to_dict(),
                    cooperation_kind=profile.cooperation_kind,
                    partner_type_keys=codes(profile.partner_types),
                    sector_keys=codes(profile.sectors),
                    regional_office=profile.regional_office,
                    search_text="\n".join(
                        [title, subject or "", *numbers, *names, row.filename or ""]
                    ).casefold(),
                    parties_folded="\n".join(names).casefold(),
                    title_folded=title.casefold(),
                    effective_date=_date(values.get("effective_date")),
                )
            )
    # the standing of each live one, from the live ones citing it
    live = [r for r in rows if r.trashed_at is None]  # only live ones cite; all are stood
    citing: dict[str, list[tuple[str, str, date | None, date | None]]] = defaultdict(list)
    for r in live:
        for key in _keys(r.reference_keys):
            citing[key].append((r.id, r.doc_type, r.signed_date, r.expiry_date))
    for r in rows:
        follow: dict[str, tuple[str, date | None, date | None]] = {}
        for key in _keys(r.number_keys):
            for other, kind, signed, expiry in citing.get(key, []):
                if other != r.id:
                    follow[other] = (kind, signed, expiry)
        found = extension(r.doc_type, r.signed_date, r.expiry_date, list(follow.values()))
        bind.execute(
            agreements.update()
            .where(agreements.c.id == r.id)
            .values(
                extended_until=found.extended_until,
                end_date=found.end(r.expiry_date),
                renewed=found.renewed,
            )
        )


def _date(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _keys(joined: str | None) -> list[str]:
    return [k for k in (joined or "").split("\n") if k]


def downgrade() -> None:
    op.drop_index("ix_agreements_end_date", "agreements")
    op.drop_index("ix_agreements_cooperation_kind", "agreements")
    with op.batch_alter_table("agreements") as batch:
        for name in (
            "effective_date",
            "renewed",
            "end_date",
            "extended_until",
            "regional_office",
            "title_folded",
            "parties_folded",
            "search_text",
            "sector_keys",
            "partner_type_keys",
            "cooperation_kind",
            "profile",
        ):
            batch.drop_column(name)
