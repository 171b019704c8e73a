"""An index holding every column the register's filters and orders read, on SQLite (issue
#16, bench/register.py).

SQLite keeps a row's columns in the order they were added, and `agreements.text` (the whole
cleaned text, tens of kB for a real agreement) comes before the register's columns added
later (`search_text`, `parties_folded`, `title_folded`, `sector_keys`: migration 0014). A
row's columns past the text are read by walking the text's overflow pages: the words or
party filter, or the order by title, read every live agreement's text. Over the 10,000
agreements of bench/register.py with 40 kB texts: a words count 130-170 ms, a page by party
ordered by title 133 ms, a page of those in force by title 15 ms; from this index 17 ms, 1 ms
and 5 ms (the effective end first: a status is a range of it).

PostgreSQL keeps long text out of line (TOAST), so its rows stay narrow; and a B-tree entry
there is limited to about 2.7 kB, which `search_text` of a long title and subject may pass:
there, no index.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

# as store/models.py REGISTER_TEXT_COLUMNS (a migration keeps its own copy)
COLUMNS = (
    # first: a status filter is a range of the effective end, read from this index too
    "end_date",
    "title_folded",
    "parties_folded",
    "search_text",
    "sector_keys",
    "expiry_date",
    "signed_date",
    "doc_type",
    "cooperation_kind",
    "language",
    "open_doubts",
    "effective_date",
    "updated_at",
    "trashed_at",
    "created_at",
    "id",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.create_index("ix_agreements_register_text", "agreements", list(COLUMNS))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("ix_agreements_register_text", table_name="agreements")
