"""Check rules an admin switched off or on again (Pemeriksaan naskah, issue #15).

One row per rule id of the compliance packs (search_api/compliance/packs) that an admin has
switched: `disabled`, who switched it (`changed_by`, a name: the row outlives users) and
when. A rule without a row is on. The audit log keeps every switch; this keeps the last.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "check_rules",
        sa.Column("rule", sa.String(64), primary_key=True),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("changed_by", sa.String(64), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("check_rules")
