"""The numbers each agreement cites, one row each, indexed; an index for the register's
counts (issue #16, bench/register.py).

`agreements.reference_keys` keeps them as one '\\n<key>\\n' text; finding the agreements
citing a page of the register's rows read every agreement's references (40-60 ms a read at
10,000 agreements). `cited_keys` (agreement_id, key) with an index on `key` answers it by
the index. Back-filled from `reference_keys`.

`ix_agreements_register` holds the columns the register's counts and its Kelengkapan's
freshness read of every live agreement (store/models.py REGISTER_COLUMNS, the same list), so
SQLite reads them from the index and not from the rows with their text (a count over 10,000
agreements: 12 ms -> 1 ms).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_BATCH = 1000
# as in store/models.py (a migration keeps its own copy: the model may change later)
REGISTER_COLUMNS = (
    "signed_date",
    "doc_type",
    "cooperation_kind",
    "language",
    "end_date",
    "open_doubts",
    "effective_date",
    "updated_at",
    # not first: a list's page reads ix_agreements_created_at_id in its order instead
    "trashed_at",
    "created_at",
    "id",
)


def upgrade() -> None:
    op.create_table(
        "cited_keys",
        sa.Column(
            "agreement_id",
            sa.String(32),
            sa.ForeignKey("agreements.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("key", sa.Text, primary_key=True),
    )
    op.create_index("ix_cited_keys_key", "cited_keys", ["key"])
    op.create_index("ix_agreements_register", "agreements", list(REGISTER_COLUMNS))
    connection = op.get_bind()
    agreements = sa.table("agreements", sa.column("id"), sa.column("reference_keys"))
    cited = sa.table("cited_keys", sa.column("agreement_id"), sa.column("key"))
    found = connection.execute(
        sa.select(agreements.c.id, agreements.c.reference_keys).where(
            agreements.c.reference_keys.is_not(None), agreements.c.reference_keys != ""
        )
    ).all()
    rows = [
        {"agreement_id": agreement_id, "key": key}
        for agreement_id, keys in found
        for key in sorted({k for k in (keys or "").split("\n") if k})
    ]
    for start in range(0, len(rows), _BATCH):
        connection.execute(sa.insert(cited), rows[start : start + _BATCH])


def downgrade() -> None:
    op.drop_index("ix_agreements_register", table_name="agreements")
    op.drop_index("ix_cited_keys_key", table_name="cited_keys")
    op.drop_table("cited_keys")
