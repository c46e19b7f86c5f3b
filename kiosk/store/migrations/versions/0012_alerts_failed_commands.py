"""Clerks' alerts from the visitor budgets, failed outbox commands, and the outbox's `failed` status.

Revision ID: 0012
Revises: 0011

Same tables on the cache (SQLite) as on central, as every migration does; only central's
rows reach the clerks. The outbox's status check is rebuilt (a batch copy on SQLite).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=True),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("acknowledged_by", sa.String(length=64), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    op.create_index(op.f("ix_alerts_raised_at"), "alerts", ["raised_at"])
    op.create_table(
        "failed_commands",
        sa.Column("command_id", sa.String(length=36), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("failed_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("command_id", name=op.f("pk_failed_commands")),
    )
    op.create_index(op.f("ix_failed_commands_kiosk_id"), "failed_commands", ["kiosk_id"])
    op.create_index(op.f("ix_failed_commands_state"), "failed_commands", ["state"])
    with op.batch_alter_table("outbox") as batch:
        batch.drop_constraint(op.f("ck_outbox_status"), type_="check")
        batch.create_check_constraint("status", "status IN ('pending', 'done', 'refused', 'failed')")


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_constraint(op.f("ck_outbox_status"), type_="check")
        batch.create_check_constraint("status", "status IN ('pending', 'done', 'refused')")
    op.drop_table("failed_commands")
    op.drop_table("alerts")
