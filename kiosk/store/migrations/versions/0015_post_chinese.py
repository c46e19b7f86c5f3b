"""The post's name and address in Chinese (case file: optional post.name_zh, post.address_zh).

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("posts") as batch:
        batch.add_column(sa.Column("name_zh", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("address_zh", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("address_zh")
        batch.drop_column("name_zh")
