"""Sync triggers: one generated function per table instead of one generic function.

Revision ID: 0010
Revises: 0009

The generic `sync_log_change()` of 0004 turned the whole row into JSON (`to_jsonb(NEW)`) and
aggregated the key columns named in its arguments, on every written row. Each table's own
function builds the same key text (`jsonb_build_array(NEW."id")::text`, as 0004 did for the
rows that existed before its triggers) from the key columns directly: the same change-log
rows, less work on central for every booking. The ordering guarantee is unchanged: the
functions run at commit (deferred) under the same advisory lock.
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# As in 0004 (a migration keeps its own copy: later code may change, this step may not).
SYNCED = {
    "posts": ("code",), "policy_values": ("name",), "cutoffs": ("id",), "slots": ("id",), "closures": ("date",),
    "cases": ("case_number",), "applicants": ("id",), "bookings": ("reference",),
    "booking_applicants": ("booking_reference", "applicant_id"), "inquiries": ("reference",),
    "inquiry_documents": ("id",),
}
LOCK_KEY = 7_418_301


def _function(table: str, key: tuple[str, ...]) -> str:
    def key_of(row: str) -> str:
        return "jsonb_build_array(" + ", ".join(f'{row}."{c}"' for c in key) + ")::text"

    return f"""
CREATE FUNCTION sync_log_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    new_key text;
    old_key text;
BEGIN
    PERFORM pg_advisory_xact_lock({LOCK_KEY});
    IF TG_OP <> 'DELETE' THEN
        new_key := {key_of("NEW")};
    END IF;
    IF TG_OP <> 'INSERT' THEN
        old_key := {key_of("OLD")};
    END IF;
    -- A changed primary key is the old row deleted and a new row inserted.
    IF old_key IS NOT NULL AND old_key IS DISTINCT FROM new_key THEN
        INSERT INTO change_log (table_name, row_key, deleted) VALUES ('{table}', old_key, true);
    END IF;
    IF new_key IS NOT NULL THEN
        INSERT INTO change_log (table_name, row_key, deleted) VALUES ('{table}', new_key, false);
    END IF;
    RETURN NULL;
END $$
"""


def _trigger(table: str, function_call: str) -> str:
    return (f"CREATE CONSTRAINT TRIGGER sync_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {function_call}")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, key in SYNCED.items():
        op.execute(_function(table, key))
        op.execute(f"DROP TRIGGER sync_change ON {table}")
        op.execute(_trigger(table, f"sync_log_{table}()"))
    op.execute("DROP FUNCTION sync_log_change()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_GENERIC_0004)
    for table, key in SYNCED.items():
        op.execute(f"DROP TRIGGER sync_change ON {table}")
        args = ", ".join(f"'{c}'" for c in key)
        op.execute(_trigger(table, f"sync_log_change({args})"))
        op.execute(f"DROP FUNCTION sync_log_{table}()")


# 0004's generic function, restored by a downgrade.
_GENERIC_0004 = f"""
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
    IF old_key IS NOT NULL AND old_key IS DISTINCT FROM new_key THEN
        INSERT INTO change_log (table_name, row_key, deleted) VALUES (TG_TABLE_NAME, old_key, true);
    END IF;
    IF new_key IS NOT NULL THEN
        INSERT INTO change_log (table_name, row_key, deleted) VALUES (TG_TABLE_NAME, new_key, false);
    END IF;
    RETURN NULL;
END $$
"""
