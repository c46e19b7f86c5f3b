"""Prepared statements give what Session.execute gives, on both engines, errors and lost connections included."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import bindparam, create_engine, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from kiosk.store.models import Booking, SlotRow
from kiosk.store.prepared import Prepared
from tests.conftest import pg_url
from tests.factories import add_slot, seed_post

SLOTS = SlotRow.__table__
START = datetime(2026, 12, 1, 8, 30)
_BY_ID = select(SLOTS.c.id, SLOTS.c.start, SLOTS.c.seats.label("places")).where(SLOTS.c.id == bindparam("id"))
_ADD = insert(SLOTS)
_TAKE = update(SLOTS).where(SLOTS.c.id == bindparam("slot_id")).values(taken=SLOTS.c.taken + bindparam("n"))


def _seeded(db):  # type: ignore[no-untyped-def]
    seed_post(db)
    add_slot(db, START, 3, slot_id="s1")
    return db


@pytest.fixture
def slots(db):
    return _seeded(db)


@pytest.fixture
def pg_slots(pg_db):
    return _seeded(pg_db)


def test_rows_mappings_and_rowcounts_match_the_session(slots) -> None:
    with slots.transaction() as s:
        assert Prepared(_BY_ID).rows(s, {"id": "s1"}) == [tuple(r) for r in s.execute(_BY_ID, {"id": "s1"})]
        assert Prepared(_BY_ID).mappings(s, {"id": "s1"}) == [{"id": "s1", "start": START, "places": 3}]
        assert Prepared(_BY_ID).rows(s, {"id": "nope"}) == []
        added = Prepared(_ADD).rowcount(s, [{"id": f"m{i}", "start": START, "seats": 2, "taken": 0, "lent": 0}
                                            for i in range(3)])
        assert added == 3
        assert Prepared(_TAKE).rowcount(s, {"slot_id": "m1", "n": 2}) == 1
        assert Prepared(_TAKE).rowcount(s, {"slot_id": "nope", "n": 1}) == 0
    with slots.session() as s:
        assert s.get(SlotRow, "m1").taken == 2 and s.get(SlotRow, "m2").taken == 0


def test_a_statement_sees_the_sessions_pending_orm_changes(slots) -> None:
    with slots.transaction() as s:
        s.get(SlotRow, "s1").seats = 9  # not flushed yet
        assert Prepared(_BY_ID).mappings(s, {"id": "s1"})[0]["places"] == 9


def test_driver_errors_arrive_as_sqlalchemy_errors_and_the_transaction_rolls_back(slots) -> None:
    with pytest.raises(IntegrityError) as err, slots.transaction() as s:
        Prepared(_TAKE).rowcount(s, {"slot_id": "s1", "n": 1})
        Prepared(_ADD).rowcount(s, {"id": "s1", "start": START, "seats": 2, "taken": 0, "lent": 0})
    assert err.value.orig is not None
    with slots.session() as s:
        assert s.get(SlotRow, "s1").taken == 0


@pytest.mark.postgres
def test_what_needs_sqlalchemys_conversions_is_refused_on_postgresql(pg_db) -> None:
    with pg_db.transaction() as s:
        with pytest.raises(TypeError, match="Python-side defaults"):  # bookings.issued_offline has one
            Prepared(insert(Booking.__table__)).rowcount(s, {"reference": "R", "case_number": "C", "slot_id": "s",
                                                            "status": "active", "seats": 1, "created_at": START})
        with pytest.raises(TypeError, match="post-compile"):
            Prepared(select(SLOTS.c.id).where(SLOTS.c.id.in_(bindparam("ids", expanding=True)))).rows(s, {"ids": ["a"]})


@pytest.mark.postgres
def test_a_connection_lost_mid_transaction_is_invalidated_and_the_next_one_works(pg_slots) -> None:
    slots = pg_slots
    admin = create_engine(pg_url(), isolation_level="AUTOCOMMIT")
    try:
        with pytest.raises(OperationalError) as err, slots.transaction() as s:
            pid = s.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with admin.connect() as conn:
                conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            Prepared(_BY_ID).rows(s, {"id": "s1"})
        assert err.value.connection_invalidated
        with slots.transaction() as s:
            assert Prepared(_BY_ID).rows(s, {"id": "s1"})[0][0] == "s1"
    finally:
        admin.dispose()
