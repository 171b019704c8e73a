"""Agreements, clauses, corrections, pending index changes, synonyms, meta.

Revision ID: 0001
Revises:
Create Date: 2025-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreements",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("filename", sa.String(512), nullable=False),
        sa.Column("media_type", sa.String(128), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("machine", sa.JSON, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("doc_type", sa.String(16), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("party_names", sa.Text, nullable=False),
        sa.Column("signed_date", sa.Date, nullable=True),
        sa.Column("expiry_date", sa.Date, nullable=True),
    )
    op.create_index("ix_agreements_doc_type", "agreements", ["doc_type"])
    op.create_index("ix_agreements_language", "agreements", ["language"])
    op.create_index("ix_agreements_signed_date", "agreements", ["signed_date"])
    op.create_index("ix_agreements_expiry_date", "agreements", ["expiry_date"])
    op.create_table(
        "clauses",
        sa.Column("id", sa.String(48), primary_key=True),
        sa.Column(
            "agreement_id",
            sa.String(32),
            sa.ForeignKey("agreements.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("heading", sa.Text, nullable=True),
        sa.Column("category", sa.String(64), nullable=True),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_clauses_agreement_id", "clauses", ["agreement_id"])
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "agreement_id",
            sa.String(32),
            sa.ForeignKey("agreements.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("value", sa.JSON, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_corrections_agreement_id", "corrections", ["agreement_id"])
    op.create_table(
        "pending_index",
        sa.Column("agreement_id", sa.String(32), primary_key=True),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "synonyms",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("terms", sa.JSON, nullable=False),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("meta", "synonyms", "pending_index", "corrections", "clauses", "agreements"):
        op.drop_table(table)
