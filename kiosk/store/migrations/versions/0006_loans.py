"""Seat loans: slots.lent with CHECK (taken + lent <= seats), central's loans, kiosks' held loans, reviews.

Revision ID: 0006
Revises: 0005

`slots.lent` counts seats escrowed to kiosks; a booking on central may only use
`seats - taken - lent`. PostgreSQL gets the CHECK as a table constraint (it is central's
last line of defence). On SQLite the column is added with the same CHECK as a column
constraint (ALTER TABLE ADD COLUMN cannot add a table constraint, and rebuilding `slots`
would fight the foreign keys that point at it); the cache only copies central's rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.add_column("slots", sa.Column("lent", sa.Integer(), server_default="0", nullable=False))
        op.create_check_constraint(op.f("ck_slots_taken_lent_le_seats"), "slots", "taken + lent <= seats")
        op.create_check_constraint(op.f("ck_slots_lent_ge_0"), "slots", "lent >= 0")
    else:
        op.execute("ALTER TABLE slots ADD COLUMN lent INTEGER NOT NULL DEFAULT 0 "
                   "CONSTRAINT ck_slots_lent CHECK (lent >= 0 AND taken + lent <= seats)")
    op.create_table(
        "seat_loans",
        sa.Column("slot_id", sa.String(length=40), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("granted_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("seats >= 0", name=op.f("ck_seat_loans_seats_ge_0")),
        sa.ForeignKeyConstraint(["slot_id"], ["slots.id"], name=op.f("fk_seat_loans_slot_id_slots")),
        sa.PrimaryKeyConstraint("slot_id", "kiosk_id", name=op.f("pk_seat_loans")),
    )
    op.create_index(op.f("ix_seat_loans_kiosk_id"), "seat_loans", ["kiosk_id"])
    op.create_table(
        "held_loans",
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("slot_id", sa.String(length=40), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("refreshed_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("seats >= 0", name=op.f("ck_held_loans_seats_ge_0")),
        sa.PrimaryKeyConstraint("kiosk_id", "slot_id", name=op.f("pk_held_loans")),
    )
    op.create_table(
        "kiosk_links",
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=True),
        sa.Column("offline_bookings", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("kiosk_id", name=op.f("pk_kiosk_links")),
    )
    op.create_table(
        "offline_reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("booking_reference", sa.String(length=16), nullable=False),
        sa.Column("case_number", sa.String(length=13), nullable=False),
        sa.Column("slot_id", sa.String(length=40), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("placed", sa.Boolean(), nullable=False),
        sa.Column("codes", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.CheckConstraint("status IN ('open', 'resolved')", name=op.f("ck_offline_reviews_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offline_reviews")),
    )
    op.create_index(op.f("ix_offline_reviews_booking_reference"), "offline_reviews", ["booking_reference"])
    op.create_index(op.f("ix_offline_reviews_case_number"), "offline_reviews", ["case_number"])
    op.create_index(op.f("ix_offline_reviews_status"), "offline_reviews", ["status"])


def downgrade() -> None:
    op.drop_table("offline_reviews")
    op.drop_table("kiosk_links")
    op.drop_table("held_loans")
    op.drop_index(op.f("ix_seat_loans_kiosk_id"), table_name="seat_loans")
    op.drop_table("seat_loans")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("ck_slots_lent_ge_0"), "slots", type_="check")
        op.drop_constraint(op.f("ck_slots_taken_lent_le_seats"), "slots", type_="check")
        op.drop_column("slots", "lent")
    else:
        op.execute("ALTER TABLE slots DROP COLUMN lent")
