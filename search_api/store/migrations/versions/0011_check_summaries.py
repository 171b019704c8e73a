"""Kelengkapan of stored agreements: how many of the requirements of their rule pack each one
meets (issue #15), kept so the register does not run the checks on every read.

One row per agreement: `met` of `total` requirements, and the `fingerprint` of what the
result depends on (the agreement's last change, the rules switched off, the agreements it
cites and that cite it; search_api/register/completeness.py). A row whose fingerprint no
longer matches is computed again; a missing row is computed by the register or the server's
background refresh.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "check_summaries",
        sa.Column(
            "agreement_id",
            sa.String(32),
            sa.ForeignKey("agreements.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("met", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("check_summaries")
