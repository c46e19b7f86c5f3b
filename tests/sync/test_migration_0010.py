"""Migration 0010: each synced table's own trigger function logs exactly the keys 0004's generic one did."""

from __future__ import annotations

import importlib
from datetime import datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from kiosk.store.db import MIGRATIONS, Database
from kiosk.store.sync_tables import SYNCED_TABLES
from tests.factories import add_case, add_slot, seed_post, seed_post_sql

MIGRATION = importlib.import_module("kiosk.store.migrations.versions.0010_sync_triggers_per_table")
pytestmark = pytest.mark.postgres


def _migrate(db: Database, target: str, *, down: bool = False) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, target)


def _write_rows(db: Database) -> None:
    """Rows with a text, a date, a whole-number and a two-column key; a changed key; a deleted row."""
    seed_post(db)
    add_slot(db, datetime(2026, 12, 1, 9, 30), 3)
    number = add_case(db, "GUZ2019000001")[0].rsplit("-", 1)[0]
    with db.engine.begin() as conn:
        conn.execute(text("INSERT INTO closures (date, reason) VALUES ('2026-12-21', 'staff day')"))
        conn.execute(text("INSERT INTO cutoffs (month, category, chargeability, final_action) "
                          "VALUES ('2026-12', 'F1', 'ALL', 'C')"))
        conn.execute(text("UPDATE closures SET date = '2026-12-22' WHERE date = '2026-12-21'"))
        conn.execute(text("INSERT INTO bookings (reference, case_number, slot_id, status, seats, created_at) "
                          "SELECT 'GUZ-TEST1', :n, id, 'active', 1, now() FROM slots"), {"n": number})
        conn.execute(text("INSERT INTO booking_applicants (booking_reference, applicant_id, case_number) "
                          "SELECT 'GUZ-TEST1', id, case_number FROM applicants WHERE case_number = :n"),
                     {"n": number})
        conn.execute(text("DELETE FROM booking_applicants WHERE booking_reference = 'GUZ-TEST1'"))


def test_the_per_table_functions_log_the_keys_the_generic_one_made(central: Database) -> None:
    _write_rows(central)
    with central.engine.connect() as conn:
        logged = conn.execute(text("SELECT table_name, row_key, deleted FROM change_log ORDER BY revision")).all()
        gone = {(t, k) for t, k, d in logged if d}
        for table, row_key, deleted in logged:
            if deleted or (table, row_key) in gone:
                continue
            # 0004's expression, applied to the row as it is now, gives the same text
            key = ", ".join(f"'{c}'" for c in MIGRATION.SYNCED[table])
            generic = conn.execute(text(
                f"SELECT (SELECT jsonb_agg(to_jsonb(t) -> k ORDER BY i)::text "
                f"        FROM unnest(ARRAY[{key}]) WITH ORDINALITY AS a(k, i)) FROM {table} t")).scalars().all()
            assert row_key in generic, (table, row_key, generic)
        functions = set(conn.execute(text("SELECT proname FROM pg_proc WHERE proname LIKE 'sync_log_%'")).scalars())
    assert {t for t, _, _ in logged} >= {"posts", "slots", "cases", "applicants", "closures", "cutoffs",
                                         "bookings", "booking_applicants"}
    assert [(t, k) for t, k, d in logged if d] == [
        ("closures", '["2026-12-21"]'), ("booking_applicants", '["GUZ-TEST1", "GUZ2019000001-1"]')]
    assert functions == {f"sync_log_{t}" for t in SYNCED_TABLES}


def test_it_downgrades_to_the_generic_function_and_back(central_url: str) -> None:
    db = Database(central_url)
    try:
        _migrate(db, "head")
        _migrate(db, "0009", down=True)
        seed_post_sql(db)  # SQL, not the ORM: the model has columns 0009 does not
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT row_key FROM change_log")).scalars().all() == ['["GUZ"]']
            assert conn.execute(text("SELECT count(*) FROM pg_proc WHERE proname LIKE 'sync_log_%'")).scalar() == 1
        _migrate(db, "head")
        assert list(MIGRATION.SYNCED) == list(SYNCED_TABLES)
    finally:
        db.dispose()
