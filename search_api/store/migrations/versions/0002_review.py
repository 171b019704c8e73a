"""Keep the source spans of extracted values, and who recorded each correction.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agreements") as batch:
        batch.add_column(sa.Column("spans", sa.JSON, nullable=True))
    with op.batch_alter_table("corrections") as batch:
        batch.add_column(sa.Column("author", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("corrections") as batch:
        batch.drop_column("author")
    with op.batch_alter_table("agreements") as batch:
        batch.drop_column("spans")
