"""The trash and earlier versions of an agreement's file.

- agreements.trashed_at / trashed_by: a deleted agreement waits in the trash (NASKAH_TRASH_DAYS)
  with its original, its corrections and its clauses, out of every read but the trash's.
- agreement_versions: the files an agreement had before its current one (a draft replaced by
  the signed scan) and what the machine read from each; the originals stay in the file store.
- corrections.retired_in: the version whose file changed a corrected field; the correction
  is then history only.
- jobs.values: what a failed job's error carries (file name, limits), so the UI can say it in
  its own language.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agreements") as batch:
        batch.add_column(sa.Column("trashed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("trashed_by", sa.String(64), nullable=True))
    op.create_table(
        "agreement_versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "agreement_id",
            sa.String(32),
            sa.ForeignKey("agreements.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(512), nullable=False),
        sa.Column("media_type", sa.String(128), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("machine", sa.JSON, nullable=False),
        sa.Column("extractor_version", sa.String(32), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_agreement_versions_agreement_id", "agreement_versions", ["agreement_id"])
    op.create_index("ix_agreement_versions_sha256", "agreement_versions", ["sha256"])
    with op.batch_alter_table("corrections") as batch:
        batch.add_column(sa.Column("retired_in", sa.Integer, nullable=True))
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("values", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("values")
    with op.batch_alter_table("corrections") as batch:
        batch.drop_column("retired_in")
    op.drop_index("ix_agreement_versions_sha256", "agreement_versions")
    op.drop_index("ix_agreement_versions_agreement_id", "agreement_versions")
    op.drop_table("agreement_versions")
    with op.batch_alter_table("agreements") as batch:
        batch.drop_column("trashed_by")
        batch.drop_column("trashed_at")
