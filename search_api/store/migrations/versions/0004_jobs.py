"""Jobs: background extractions with OCR (an upload of a scan, an editor's "OCR again").

A job holds the original's sha256 (the bytes wait in the file store), what to do (`kind`,
`languages`, `force_all`), where it is (`state`, `page` of `pages`, `attempts`) and how it
ended (`agreement_id`, or `code` and `message`). No agreement row exists until it succeeds.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(512), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("languages", sa.String(16), nullable=False),
        sa.Column("force_all", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("agreement_id", sa.String(32), nullable=True),
        sa.Column("page", sa.Integer, nullable=False, server_default="0"),
        sa.Column("pages", sa.Integer, nullable=False, server_default="0"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("code", sa.String(64), nullable=True),
        sa.Column("message", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_jobs_state", "jobs", ["state"])
    op.create_index("ix_jobs_sha256", "jobs", ["sha256"])
    op.create_index("ix_jobs_created_at", "jobs", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_jobs_created_at", "jobs")
    op.drop_index("ix_jobs_sha256", "jobs")
    op.drop_index("ix_jobs_state", "jobs")
    op.drop_table("jobs")
