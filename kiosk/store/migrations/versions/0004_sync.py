"""Sync: change log with triggers on central (PostgreSQL), applied commands, outbox, sync state.

Revision ID: 0004
Revises: 0003

Revisions are handed out in commit order. Each synced table has a DEFERRABLE INITIALLY
DEFERRED constraint trigger, so the change-log rows of a transaction are written at its
commit, under a transaction-level advisory lock held only from then until the commit is
visible. A plain sequence would hand out numbers at write time: a transaction that took
revision 10 and commits after one that took 11 would be skipped by a reader that has
already moved past 11. The lock is held for the commit phase only (no row locks are taken
under it), so it cannot deadlock and does not serialise the work of the transactions.
SQLite is the kiosk's cache: it gets the tables, no triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# table → its primary-key columns, parents first (kiosk.store.sync_tables.SYNCED_TABLES).
SYNCED = {
    "posts": ("code",), "policy_values": ("name",), "cutoffs": ("id",), "slots": ("id",), "closures": ("date",),
    "cases": ("case_number",), "applicants": ("id",), "bookings": ("reference",),
    "booking_applicants": ("booking_reference", "applicant_id"), "inquiries": ("reference",),
    "inquiry_documents": ("id",),
}
LOCK_KEY = 7_418_301  # pg_advisory_xact_lock key of the change-log writers

_FUNCTION = f"""
CREATE FUNCTION sync_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_key text;
    old_key text;
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    IF TG_OP <> 'DELETE' THEN
        SELECT jsonb_agg(to_jsonb(NEW) -> k ORDER BY i)::text INTO new_key
          FROM unnest(TG_ARGV) WITH ORDINALITY AS a(k, i);
    END IF;
    IF TG_OP <> 'INSERT' THEN
        SELECT jsonb_agg(to_jsonb(OLD) -> k ORDER BY i)::text INTO old_key
          FROM unnest(TG_ARGV) WITH ORDINALITY AS a(k, i);
    END IF;
    -- A changed primary key is the old row deleted and a new row inserted.
    IF old_key IS NOT NULL AND old_key IS DISTINCT FROM new_key THEN
        INSERT INTO change_log (table_name, row_key, deleted) VALUES (TG_TABLE_NAME, old_key, true);
    END IF;
    IF new_key IS NOT NULL THEN
        INSERT INTO change_log (table_name, row_key, deleted) VALUES (TG_TABLE_NAME, new_key, false);
    END IF;
    RETURN NULL;
END $$
"""


def _key_sql(columns: tuple[str, ...]) -> str:
    return "jsonb_build_array(" + ", ".join(f'"{c}"' for c in columns) + ")::text"


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("revision", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.PrimaryKeyConstraint("revision", name=op.f("pk_change_log")),
    )
    op.create_table(
        "applied_commands",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kiosk_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applied_commands")),
    )
    op.create_index(op.f("ix_applied_commands_kiosk_id"), "applied_commands", ["kiosk_id"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("pushed_at", sa.DateTime(), nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.CheckConstraint("status IN ('pending', 'done', 'refused')", name=op.f("ck_outbox_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index(op.f("ix_outbox_created_at"), "outbox", ["created_at"])
    op.create_index(op.f("ix_outbox_status"), "outbox", ["status"])
    op.create_table(
        "sync_state",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_sync_state")),
    )
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_FUNCTION)
    for table, key in SYNCED.items():
        # Rows that exist before the triggers do: logged once, so a first pull copies them too.
        op.execute(f"INSERT INTO change_log (table_name, row_key, deleted) "
                   f"SELECT '{table}', {_key_sql(key)}, false FROM {table}")
        args = ", ".join(f"'{c}'" for c in key)
        op.execute(f"CREATE CONSTRAINT TRIGGER sync_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
                   f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION sync_log_change({args})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in SYNCED:
            op.execute(f"DROP TRIGGER IF EXISTS sync_change ON {table}")
        op.execute("DROP FUNCTION IF EXISTS sync_log_change()")
    op.drop_table("sync_state")
    op.drop_index(op.f("ix_outbox_status"), table_name="outbox")
    op.drop_index(op.f("ix_outbox_created_at"), table_name="outbox")
    op.drop_table("outbox")
    op.drop_index(op.f("ix_applied_commands_kiosk_id"), table_name="applied_commands")
    op.drop_table("applied_commands")
    op.drop_table("change_log")
