"""Sealed case records (kiosk.sealed_cases): `cases.sealed` on a kiosk's cache, `case_keys` on central.

Revision ID: 0019
Revises: 0018

Central's `cases.sealed` stays empty (central holds the clear rows); a pull fills it in the copy a
kiosk keeps, whose names and dates of birth are blanked. `case_keys` is central's only: each case's
record key (Argon2id of case number and principal's date of birth), derived once; never pulled.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("sealed", sa.Text(), nullable=True))
    op.create_table(
        "case_keys",
        sa.Column("case_number", sa.String(length=13), nullable=False),
        sa.Column("principal_dob", sa.Date(), nullable=False),
        sa.Column("salt", sa.String(length=64), nullable=False),
        sa.Column("params", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("case_number", name=op.f("pk_case_keys")),
    )


def downgrade() -> None:
    op.drop_table("case_keys")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("sealed")
