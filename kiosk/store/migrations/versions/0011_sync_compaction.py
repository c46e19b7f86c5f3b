"""Sync compaction and central identity: `sync_identity` (one row) and `kiosk_progress`.

Revision ID: 0011
Revises: 0010

The identity row is made here, once per database, with a random id: a backup restored with
pg_dump (or a copy made with CREATE DATABASE … TEMPLATE) keeps it, a freshly made central
gets another. Kiosks remember it, with a fingerprint of the change-log entry they pulled
last, to notice a central that no longer matches their cache (kiosk.sync.central_marks).
Same tables on the cache (SQLite) as on central, as every migration does.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_REVISION = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    identity = op.create_table(
        "sync_identity",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("database_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("log_horizon", _REVISION, server_default="0", nullable=False),
        sa.Column("commands_kept_since", sa.DateTime(), nullable=True),
        sa.Column("compacted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_sync_identity_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_identity")),
    )
    op.bulk_insert(identity, [{"id": 1, "database_id": str(uuid.uuid4()), "log_horizon": 0,
                               "created_at": datetime.now(UTC).replace(tzinfo=None, microsecond=0)}])
    op.create_table(
        "kiosk_progress",
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("last_revision", _REVISION, nullable=False),
        sa.Column("acked_before", sa.DateTime(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", name=op.f("pk_kiosk_progress")),
    )


def downgrade() -> None:
    op.drop_table("kiosk_progress")
    op.drop_table("sync_identity")
