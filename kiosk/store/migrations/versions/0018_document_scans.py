"""document_chunks and document_scans: documents scanned at a kiosk, on central.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_chunks",
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("document_id", "position", name=op.f("pk_document_chunks")),
    )
    op.create_table(
        "document_scans",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("inquiry_reference", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_scans")),
    )
    op.create_index(op.f("ix_document_scans_inquiry_reference"), "document_scans", ["inquiry_reference"])


def downgrade() -> None:
    op.drop_index(op.f("ix_document_scans_inquiry_reference"), table_name="document_scans")
    op.drop_table("document_scans")
    op.drop_table("document_chunks")
