"""account_cases: the cases an applicant's account has looked up (a returning applicant sees them).

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account_cases",
        sa.Column("username", sa.String(length=254), nullable=False),
        sa.Column("case_number", sa.String(length=13), nullable=False),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username", "case_number", name=op.f("pk_account_cases")),
    )


def downgrade() -> None:
    op.drop_table("account_cases")
