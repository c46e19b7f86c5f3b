"""Indexes for the clerk's case search: Latin full-name prefixes (both orders), native name, petitioner id.

Revision ID: 0007
Revises: 0006

Expression indexes on exactly the expressions kiosk.services.clerk.search compares, so a
name prefix is a range scan instead of a scan of every applicant (bench/bench_case_search.py).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_applicants_surname_given": ("applicants", "lower(surname || ' ' || given_names)"),
    "ix_applicants_given_surname": ("applicants", "lower(given_names || ' ' || surname)"),
    "ix_applicants_native_name": ("applicants", "native_name"),
    "ix_cases_petitioner_lower": ("cases", "lower(petitioner_id)"),
}


def upgrade() -> None:
    for name, (table, expression) in INDEXES.items():
        op.create_index(name, table, [sa.text(expression)])


def downgrade() -> None:
    for name, (table, _expression) in INDEXES.items():
        op.drop_index(name, table_name=table)
