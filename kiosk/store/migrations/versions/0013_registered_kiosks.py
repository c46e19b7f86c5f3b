"""The registry of kiosks central's service accepts (kiosk.store.kiosk_registry).

Revision ID: 0013
Revises: 0012

Made on caches too (every migration makes the same tables), where it stays empty.
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
        "registered_kiosks",
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("cert_serial", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("loan_cap", sa.Integer(), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("status IN ('active', 'revoked')", name=op.f("ck_registered_kiosks_status")),
        sa.CheckConstraint("loan_cap >= 0", name=op.f("ck_registered_kiosks_loan_cap")),
        sa.PrimaryKeyConstraint("kiosk_id", name=op.f("pk_registered_kiosks")),
    )


def downgrade() -> None:
    op.drop_table("registered_kiosks")
