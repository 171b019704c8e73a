"""Jobs claimed by worker processes with a lease (issue #17 item 2).

- jobs.claimed_by: the worker (host:pid:random) that claimed the job; every effect of the job
  (progress, finish, fail, requeue) is written only while this is still that worker.
- jobs.lease_until: the claim holds until then; the worker's heartbeat renews it while the job
  runs. A running job whose lease has passed is claimed again by another worker (its attempt
  counted), so a worker killed mid-job leaves its job to the next one.
- jobs.cancel_requested: an editor asked to cancel a running job; the worker running it (maybe
  in another process) sees it at its next heartbeat and stops.
- jobs.result: what a draft's check job read (the Agreement as JSON), for the web process that
  holds the draft in memory to take (a worker in another process cannot fill it itself).

Rows running when this migration runs (a server that died mid-job) have no lease: they are
claimable at once, as the server's restart would have queued them again before.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN, never batch mode (SQLite's would copy the table)
    op.add_column("jobs", sa.Column("claimed_by", sa.String(96), nullable=True))
    op.add_column("jobs", sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True))
    op.add_column(
        "jobs",
        sa.Column("cancel_requested", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("jobs", sa.Column("result", sa.JSON(), nullable=True))
    op.create_index("ix_jobs_state_created", "jobs", ["state", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_jobs_state_created", table_name="jobs")
    op.drop_column("jobs", "result")
    op.drop_column("jobs", "cancel_requested")
    op.drop_column("jobs", "lease_until")
    op.drop_column("jobs", "claimed_by")
