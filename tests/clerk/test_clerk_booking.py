"""A clerk's booking and its reason are one unit: both commit, or neither does (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from kiosk.services import clerk
from kiosk.store.models import AuditEvent, Booking, SlotRow
from tests.clerk.conftest import CLERK, NOW

SLOT = "2026-11-09T08:30"


def refuse_audit_action(db, action: str) -> None:  # type: ignore[no-untyped-def]
    """A real trigger that makes inserting one audit action fail (not as a constraint, so nothing retries it)."""
    with db.transaction() as s:
        if db.is_sqlite:
            s.execute(text(f"CREATE TRIGGER refuse_note BEFORE INSERT ON audit_log WHEN NEW.action = '{action}' "
                           "BEGIN SELECT json('refused by the test'); END"))
        else:
            s.execute(text("CREATE FUNCTION refuse_note() RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$"))
            s.execute(text(f"CREATE TRIGGER refuse_note BEFORE INSERT ON audit_log FOR EACH ROW "
                           f"WHEN (NEW.action = '{action}') EXECUTE FUNCTION refuse_note()"))


def actions(db, number: str) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.case_number == number).order_by(AuditEvent.id))
        return [(r.action, json.loads(r.detail)) for r in rows]


def test_the_reason_names_the_booking_it_explains(sdb) -> None:
    first = clerk.book_for(sdb, CLERK, "GUZ2019000001", SLOT, "applicant at the counter", now=NOW)
    second = clerk.book_for(sdb, CLERK, "GUZ2019000001", "2026-11-10T08:30", "moved a day", now=NOW)
    clerk.cancel_for(sdb, CLERK, "GUZ2019000001", "applicant phoned", now=NOW)
    trail = actions(sdb, "GUZ2019000001")
    assert [a for a, _ in trail] == ["booking.created", "clerk.booked", "booking.rebooked", "clerk.booked",
                                     "booking.cancelled", "clerk.cancelled"]
    assert [(d["reference"], d.get("replaced"), d["reason"]) for a, d in trail if a.startswith("clerk.")] == [
        (first.reference, None, "applicant at the counter"), (second.reference, first.reference, "moved a day"),
        (second.reference, None, "applicant phoned")]


def test_a_booking_whose_reason_cannot_be_written_is_not_made(sdb) -> None:
    refuse_audit_action(sdb, "clerk.booked")
    with pytest.raises(DBAPIError, match="refused by the test|malformed JSON"):
        clerk.book_for(sdb, CLERK, "GUZ2019000001", SLOT, "applicant at the counter", now=NOW)
    with sdb.session() as s:
        assert s.get(SlotRow, SLOT).taken == 0
        assert s.scalars(select(Booking).where(Booking.case_number == "GUZ2019000001")).all() == []
    assert actions(sdb, "GUZ2019000001") == []


def test_a_cancellation_whose_reason_cannot_be_written_is_not_made(sdb) -> None:
    made = clerk.book_for(sdb, CLERK, "GUZ2019000001", SLOT, "applicant at the counter", now=NOW)
    refuse_audit_action(sdb, "clerk.cancelled")
    with pytest.raises(DBAPIError, match="refused by the test|malformed JSON"):
        clerk.cancel_for(sdb, CLERK, "GUZ2019000001", "applicant phoned", now=NOW)
    with sdb.session() as s:
        assert s.get(Booking, made.reference).status == "active"
        assert s.get(SlotRow, SLOT).taken == len(made.applicants)
    assert [a for a, _ in actions(sdb, "GUZ2019000001")] == ["booking.created", "clerk.booked"]


@pytest.mark.postgres
def test_on_postgresql_the_booking_and_its_reason_share_one_transaction_id(pg_sdb) -> None:
    sdb = pg_sdb
    made = clerk.book_for(sdb, CLERK, "GUZ2019000001", SLOT, "applicant at the counter", now=NOW)
    with sdb.session() as s:
        booking_xid = s.execute(text("SELECT xmin::text FROM bookings WHERE reference = :r"),
                                {"r": made.reference}).scalar_one()
        audit_xids = set(s.execute(text("SELECT xmin::text FROM audit_log WHERE case_number = 'GUZ2019000001'"))
                         .scalars())
    assert audit_xids == {booking_xid}
