"""Desk sessions a clerk signed out of (kiosk.central.desk_routes): central's only, never pulled.

Revision ID: 0020
Revises: 0019

A console's session is a token central signs; central keeps no other state for it, so signing out
writes the session's id here and every desk route refuses a token whose id is listed. A row is
needed only while its session could still be used (12 hours from its sign-in): later sign-outs
delete older rows. The service's role reaches it as any table (kiosk.central.role: SELECT, INSERT,
UPDATE, DELETE on every table but those it withholds).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ended_desk_sessions",
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("console_id", sa.String(length=64), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("session_id", name=op.f("pk_ended_desk_sessions")),
    )
    op.create_index(op.f("ix_ended_desk_sessions_started_at"), "ended_desk_sessions", ["started_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_ended_desk_sessions_started_at"), table_name="ended_desk_sessions")
    op.drop_table("ended_desk_sessions")
