"""Core tables: post, policy, cut-offs, slots, closures, cases, bookings, idempotency keys, audit log.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_APPEND_ONLY = "audit_log is append-only"

# The audit log refuses UPDATE and DELETE in the database itself, not only in code.
_SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END""",
    f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END""",
]
_POSTGRES_TRIGGERS = [
    f"""CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{_APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege'; END $$""",
    """CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
]


def upgrade() -> None:
    op.create_table(
        "posts",
        sa.Column("code", sa.String(3), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("address", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_posts")),
    )
    op.create_table(
        "policy_values",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_policy_values")),
    )
    op.create_table(
        "cutoffs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("category", sa.String(8), nullable=False),
        sa.Column("chargeability", sa.String(64), nullable=False),
        sa.Column("final_action", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cutoffs")),
        sa.UniqueConstraint("month", "category", "chargeability", name=op.f("uq_cutoffs_month")),
    )
    op.create_table(
        "slots",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), server_default="0", nullable=False),
        sa.CheckConstraint("taken <= seats", name=op.f("ck_slots_taken_le_seats")),
        sa.CheckConstraint("taken >= 0", name=op.f("ck_slots_taken_ge_0")),
        sa.CheckConstraint("seats >= 0", name=op.f("ck_slots_seats_ge_0")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_slots")),
    )
    op.create_index(op.f("ix_slots_start"), "slots", ["start"])
    op.create_table(
        "closures",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(200), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("date", name=op.f("pk_closures")),
    )
    op.create_table(
        "cases",
        sa.Column("case_number", sa.String(13), nullable=False),
        sa.Column("post_code", sa.String(3), nullable=False),
        sa.Column("petitioner_id", sa.String(64), nullable=False),
        sa.Column("visa_class", sa.String(8), nullable=False),
        sa.Column("priority_date", sa.Date(), nullable=True),
        sa.Column("chargeability", sa.String(64), nullable=False),
        sa.Column("petition_filed", sa.Date(), nullable=True),
        sa.Column("petition_approved", sa.Date(), nullable=True),
        sa.Column("interviewed", sa.Boolean(), nullable=False),
        sa.Column("visa_class_changed", sa.Boolean(), nullable=False),
        sa.Column("last_contact", sa.Date(), nullable=True),
        sa.Column("appointment_start", sa.DateTime(), nullable=True),
        sa.Column("appointment_booked_via", sa.String(16), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("case_number", name=op.f("pk_cases")),
    )
    op.create_index(op.f("ix_cases_petitioner_id"), "cases", ["petitioner_id"])
    op.create_table(
        "applicants",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("case_number", sa.String(13), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("surname", sa.String(200), nullable=False),
        sa.Column("given_names", sa.String(200), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("marital_status", sa.String(16), nullable=False),
        sa.Column("on_letter", sa.Boolean(), nullable=False),
        sa.Column("cspa", sa.String(16), nullable=True),
        sa.Column("native_name", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_number"], ["cases.case_number"], ondelete="CASCADE",
            name=op.f("fk_applicants_case_number_cases"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applicants")),
    )
    op.create_index(op.f("ix_applicants_case_number"), "applicants", ["case_number"])
    op.create_table(
        "bookings",
        sa.Column("reference", sa.String(16), nullable=False),
        sa.Column("case_number", sa.String(13), nullable=False),
        sa.Column("slot_id", sa.String(40), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("seats", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("replaces_reference", sa.String(16), nullable=True),
        sa.Column("kiosk_id", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(["slot_id"], ["slots.id"], name=op.f("fk_bookings_slot_id_slots")),
        sa.PrimaryKeyConstraint("reference", name=op.f("pk_bookings")),
    )
    op.create_index(op.f("ix_bookings_case_number"), "bookings", ["case_number"])
    op.create_index(op.f("ix_bookings_slot_id"), "bookings", ["slot_id"])
    op.create_index(
        "uq_bookings_active_case", "bookings", ["case_number"], unique=True,
        sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"),
    )
    op.create_table(
        "booking_applicants",
        sa.Column("booking_reference", sa.String(16), nullable=False),
        sa.Column("applicant_id", sa.String(40), nullable=False),
        sa.Column("case_number", sa.String(13), nullable=False),
        sa.ForeignKeyConstraint(
            ["booking_reference"], ["bookings.reference"],
            name=op.f("fk_booking_applicants_booking_reference_bookings"),
        ),
        sa.PrimaryKeyConstraint("booking_reference", "applicant_id", name=op.f("pk_booking_applicants")),
    )
    op.create_index(op.f("ix_booking_applicants_case_number"), "booking_applicants", ["case_number"])
    op.create_table(
        "idempotency_keys",
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_idempotency_keys")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("case_number", sa.String(13), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_case_number"), "audit_log", ["case_number"])
    for statement in _POSTGRES_TRIGGERS if op.get_bind().dialect.name == "postgresql" else _SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    for table in (
        "audit_log", "idempotency_keys", "booking_applicants", "bookings", "applicants",
        "cases", "closures", "slots", "cutoffs", "policy_values", "posts",
    ):
        op.drop_table(table)
