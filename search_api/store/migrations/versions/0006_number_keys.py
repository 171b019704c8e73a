"""Agreement numbers and cited numbers as keys, to link a PKS to the KB it cites and an
addendum to its agreement ('follow-ups' of the LPPD register).

Both columns hold normalised numbers, one per line with a newline before and after each, so
that an exact key is a LIKE of '%\\n<key>\\n%'. Stores migrated here fill them when they open
(search_api/store/db.py `Store.open`), from the effective values, as every write does.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agreements") as batch:
        batch.add_column(sa.Column("number_keys", sa.Text, nullable=True))
        batch.add_column(sa.Column("reference_keys", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agreements") as batch:
        batch.drop_column("reference_keys")
        batch.drop_column("number_keys")
