"""Inquiries with their expected documents, and the posts' confirmation-signing keys.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KINDS = ("letter_copy", "add_derivative", "cspa", "interviewed", "no_contact", "not_current", "class_changed")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    op.create_table(
        "inquiries",
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("case_number", sa.String(length=13), nullable=False),
        sa.Column("applicant_id", sa.String(length=40), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("kiosk_id", sa.String(length=64), nullable=True),
        sa.CheckConstraint(_one_of("kind", KINDS), name=op.f("ck_inquiries_kind")),
        sa.CheckConstraint(_one_of("status", ("open", "resolved")), name=op.f("ck_inquiries_status")),
        sa.PrimaryKeyConstraint("reference", name=op.f("pk_inquiries")),
    )
    op.create_index(op.f("ix_inquiries_case_number"), "inquiries", ["case_number"])
    op.create_index(op.f("ix_inquiries_status"), "inquiries", ["status"])
    op.create_table(
        "inquiry_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inquiry_reference", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            _one_of("status", ("expected", "received", "accepted", "rejected")), name=op.f("ck_inquiry_documents_status")
        ),
        sa.ForeignKeyConstraint(
            ["inquiry_reference"], ["inquiries.reference"], ondelete="CASCADE",
            name=op.f("fk_inquiry_documents_inquiry_reference_inquiries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inquiry_documents")),
        sa.UniqueConstraint("inquiry_reference", "name", name=op.f("uq_inquiry_documents_inquiry_reference")),
    )  # fmt: skip
    op.create_index(op.f("ix_inquiry_documents_inquiry_reference"), "inquiry_documents", ["inquiry_reference"])
    op.create_table(
        "post_keys",
        sa.Column("post_code", sa.String(length=3), nullable=False),
        sa.Column("hmac_key", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("post_code", name=op.f("pk_post_keys")),
    )


def downgrade() -> None:
    op.drop_table("post_keys")
    op.drop_index(op.f("ix_inquiry_documents_inquiry_reference"), table_name="inquiry_documents")
    op.drop_table("inquiry_documents")
    op.drop_index(op.f("ix_inquiries_status"), table_name="inquiries")
    op.drop_index(op.f("ix_inquiries_case_number"), table_name="inquiries")
    op.drop_table("inquiries")
