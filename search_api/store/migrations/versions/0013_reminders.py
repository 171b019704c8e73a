"""Expiry reminders by e-mail (issue #13 item 6).

`sent_reminders`: one row per reminder (agreement, days before the end, end date), UNIQUE on
that key so that a restart or a second server process never sends one twice (a process claims
the row before it sends); its recipients, status (sending, sent, failed), attempts and last
error. `reminder_contacts`: the responsible unit and e-mail addresses an editor set for an
agreement.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sent_reminders",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "agreement_id",
            sa.String(32),
            sa.ForeignKey("agreements.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("mark_days", sa.Integer, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("recipients", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("error_step", sa.String(16), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("agreement_id", "mark_days", "end_date", name="uq_sent_reminders_key"),
    )
    op.create_index("ix_sent_reminders_agreement_id", "sent_reminders", ["agreement_id"])
    op.create_table(
        "reminder_contacts",
        sa.Column(
            "agreement_id",
            sa.String(32),
            sa.ForeignKey("agreements.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("unit", sa.Text, nullable=True),
        sa.Column("emails", sa.JSON, nullable=False),
        sa.Column("changed_by", sa.String(64), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reminder_contacts")
    op.drop_index("ix_sent_reminders_agreement_id", table_name="sent_reminders")
    op.drop_table("sent_reminders")
