"""Throttles: failed letter lookups per case number and failed sign-ins of unknown user names.

Revision ID: 0009
Revises: 0008

Not a synced table: each database counts the attempts made against it (central's count is
shared by every kiosk online; a kiosk's cache counts what it answers itself).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "throttles",
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=True),
        sa.Column("last_failed_at", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_throttles")),
    )


def downgrade() -> None:
    op.drop_table("throttles")
