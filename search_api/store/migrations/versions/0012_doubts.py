"""The machine's doubts about its values, kept with the agreement (issue #12 item 4).

- agreements.doubts: the extractor's reasons to doubt its values (ingest.model.Doubt as
  dicts: field, code, detail, item). Agreements stored before this revision get the doubts
  their stored values show: no party, no clause or no signing date found.
- agreements.open_doubts: how many doubted fields no person has confirmed or corrected
  (the register's filter "ada keraguan belum ditinjau"); indexed for that filter.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agreements") as batch:
        batch.add_column(sa.Column("doubts", sa.JSON, nullable=True))
        batch.add_column(sa.Column("open_doubts", sa.Integer, nullable=False, server_default="0"))
    op.create_index("ix_agreements_open_doubts", "agreements", ["open_doubts"])
    _backfill()


def _backfill() -> None:
    bind = op.get_bind()
    agreements = sa.table(
        "agreements",
        sa.column("id", sa.String),
        sa.column("machine", sa.JSON),
        sa.column("doubts", sa.JSON),
        sa.column("open_doubts", sa.Integer),
    )
    clauses = sa.table("clauses", sa.column("agreement_id", sa.String))
    corrections = sa.table(
        "corrections",
        sa.column("agreement_id", sa.String),
        sa.column("field", sa.String),
        sa.column("retired_in", sa.Integer),
    )
    with_clauses = set(bind.execute(sa.select(clauses.c.agreement_id).distinct()).scalars())
    reviewed: dict[str, set[str]] = {}
    for agreement_id, name in bind.execute(
        sa.select(corrections.c.agreement_id, corrections.c.field).where(
            corrections.c.retired_in.is_(None)
        )
    ):
        reviewed.setdefault(agreement_id, set()).add(name)
    for agreement_id, machine in bind.execute(sa.select(agreements.c.id, agreements.c.machine)):
        machine = machine or {}
        doubts = []
        if not machine.get("parties"):
            doubts.append(_missing("parties", "no party found"))
        if agreement_id not in with_clauses:
            doubts.append(_missing("clauses", "no Pasal or Article found"))
        if not machine.get("signed_date"):
            doubts.append(_missing("signed_date", "no signing date found"))
        if not doubts:
            continue
        open_fields = {d["field"] for d in doubts} - reviewed.get(agreement_id, set())
        bind.execute(
            agreements.update()
            .where(agreements.c.id == agreement_id)
            .values(doubts=doubts, open_doubts=len(open_fields))
        )


def _missing(name: str, detail: str) -> dict[str, object]:
    return {"field": name, "code": "not_found", "detail": detail, "item": None}


def downgrade() -> None:
    op.drop_index("ix_agreements_open_doubts", "agreements")
    with op.batch_alter_table("agreements") as batch:
        batch.drop_column("open_doubts")
        batch.drop_column("doubts")
