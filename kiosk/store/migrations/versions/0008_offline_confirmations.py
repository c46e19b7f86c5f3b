"""Offline confirmations: bookings.issued_offline, and kiosk_keys (each kiosk's signing key).

Revision ID: 0008
Revises: 0007

An offline booking's confirmation is printed at the kiosk, so it is signed there with a key
central made for that kiosk alone (docs/offline-booking.md, "Signing an offline confirmation").
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("bookings", sa.Column("issued_offline", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        "kiosk_keys",
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("hmac_key", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", name=op.f("pk_kiosk_keys")),
    )


def downgrade() -> None:
    op.drop_table("kiosk_keys")
    with op.batch_alter_table("bookings") as batch:
        batch.drop_column("issued_offline")
