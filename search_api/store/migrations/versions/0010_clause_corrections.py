"""Clause corrections: a person's additions, deletions, splits, merges and edits of clauses,
kept beside the machine's clauses and replayed over them (search_api/store/clause_edits.py),
so that OCR again and a new version of the file never lose them.

- clause_corrections: one row per change, in the order it was made.
- agreements.machine_clauses: the machine's clauses once a clause was corrected; the rows of
  `clauses` then hold the corrected ones (what search, similar clauses and the register
  read). Null: the rows of `clauses` are the machine's own.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clause_corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "agreement_id",
            sa.String(32),
            sa.ForeignKey("agreements.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("op", sa.String(16), nullable=False),
        sa.Column("target", sa.JSON, nullable=True),
        sa.Column("values", sa.JSON, nullable=False),
        sa.Column("author", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_clause_corrections_agreement_id", "clause_corrections", ["agreement_id"])
    with op.batch_alter_table("agreements") as batch:
        batch.add_column(sa.Column("machine_clauses", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agreements") as batch:
        batch.drop_column("machine_clauses")
    op.drop_index("ix_clause_corrections_agreement_id", "clause_corrections")
    op.drop_table("clause_corrections")
