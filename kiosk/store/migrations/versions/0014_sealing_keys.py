"""Central's key pair that kiosks seal personal parts of their outbox commands to (kiosk.sync.sealed).

Revision ID: 0014
Revises: 0013

Made on caches too (every migration makes the same tables), where it stays empty: a kiosk keeps
only the public key, in sync_state.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sealing_keys",
        sa.Column("name", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("private_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sealing_keys")),
    )


def downgrade() -> None:
    op.drop_table("sealing_keys")
