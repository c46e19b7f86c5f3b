"""Migration 0001 on SQLite and PostgreSQL: the tables, idempotent upgrades, and what the database refuses."""

from __future__ import annotations

from datetime import datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from kiosk.store import schema  # noqa: F401  (every table on Base.metadata)
from kiosk.store.base import Base
from kiosk.store.models import AuditEvent, Booking, SlotRow
from tests.factories import NOW, add_slot

CORE_TABLES = {
    "posts", "policy_values", "cutoffs", "slots", "closures", "cases", "applicants", "bookings",
    "booking_applicants", "idempotency_keys", "audit_log",
}


def test_init_schema_on_an_empty_database_creates_every_core_table(empty_db):
    empty_db.init_schema()
    assert CORE_TABLES <= set(inspect(empty_db.engine).get_table_names())


def test_init_schema_twice_is_a_no_op(db):
    add_slot(db, datetime(2026, 12, 7, 8, 30), 3)
    with db.engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    db.init_schema()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == version
        assert conn.execute(text("SELECT count(*) FROM slots")).scalar_one() == 1


def test_migrated_core_tables_match_the_models(db):
    def core(_obj, name, type_, _reflected, _compare_to) -> bool:  # other areas' tables are theirs to check
        return type_ != "table" or name in CORE_TABLES

    only_core = {"include_object": core}
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts=only_core), Base.metadata) == []


def _audit_row(db) -> None:
    with db.transaction() as s:
        s.add(AuditEvent(at=NOW, actor="test", action="booking.created", case_number="GUZ2019000001", detail="{}"))


def test_the_audit_log_refuses_update(db):
    _audit_row(db)
    with pytest.raises(DBAPIError, match="append-only"):
        with db.transaction() as s:
            s.execute(text("UPDATE audit_log SET actor = 'someone else'"))
    with db.session() as s:
        assert s.scalars(text("SELECT actor FROM audit_log")).all() == ["test"]


def test_the_audit_log_refuses_delete(db):
    _audit_row(db)
    with pytest.raises(DBAPIError, match="append-only"):
        with db.transaction() as s:
            s.execute(text("DELETE FROM audit_log"))
    with db.session() as s:
        assert s.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == 1


def test_a_slot_never_holds_more_than_its_seats_even_by_direct_sql(db):
    add_slot(db, datetime(2026, 12, 7, 8, 30), 3, slot_id="S1")
    with pytest.raises(IntegrityError):
        with db.transaction() as s:
            s.execute(text("UPDATE slots SET taken = 4 WHERE id = 'S1'"))
    with pytest.raises(IntegrityError):
        with db.transaction() as s:
            s.execute(text("UPDATE slots SET taken = -1 WHERE id = 'S1'"))
    with db.session() as s:
        assert s.get(SlotRow, "S1").taken == 0


def test_a_case_leads_at_most_one_active_booking(db):
    add_slot(db, datetime(2026, 12, 7, 8, 30), 3, slot_id="S1")

    def booking(ref: str, status: str = "active") -> Booking:
        return Booking(reference=ref, case_number="GUZ2019000001", slot_id="S1", status=status, seats=1,
                       created_at=NOW)

    with db.transaction() as s:
        s.add_all([booking("GUZ-A", "superseded"), booking("GUZ-B", "cancelled"), booking("GUZ-C")])
    with pytest.raises(IntegrityError):
        with db.transaction() as s:
            s.add(booking("GUZ-D"))
