"""Every path that places a booking writes it the same way (kiosk.services.placement).

A rebooking from a far slot to today's SLOT made online, by a supervisor's override, and by a kiosk offline
then converted by central on reconnect: each supersedes the old booking, gives its seat back,
and leaves audit rows with the same detail.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from kiosk.services import audit
from kiosk.services.booking import book
from kiosk.services.clerk import StaffView, override_book
from kiosk.store.models import AuditEvent, Booking, BookingStatus, SlotRow
from kiosk.store.staff import StaffRole
from kiosk.sync.offline import book_offline
from tests.escrow.helpers import SLOT, at, looked_up, seed
from tests.factories import add_slot
from tests.sync.via import sync_once

pytestmark = pytest.mark.postgres
FAR = "2026-11-20T10:00"  # a Friday well before its change deadline
SUPERVISOR = StaffView("chen", "Chen Yu", StaffRole.SUPERVISOR)


def _taken(central) -> tuple[int, int]:
    with central.session() as s:
        return s.get(SlotRow, SLOT).taken, s.get(SlotRow, FAR).taken


def _trail(central, number: str) -> list[tuple[str, dict]]:
    with central.session() as s:
        return [(e.action, e.detail) for e in audit.history(s, number) if e.action.startswith("booking.")]


def test_online_override_and_offline_rebookings_supersede_and_audit_alike(central, cache):
    online, override, offline = seed(central)[:3]
    add_slot(central, datetime.fromisoformat(FAR), 4)
    firsts = {n: book(central, n, FAR, now=at("09:00")).reference for n in (online, override, offline)}
    assert sync_once(central, cache, kiosk_id="hall-1", now=at("09:01")).central_reachable
    assert _taken(central) == (0, 3)

    moved = {online: book(central, online, SLOT, now=at("09:10")),
             override: override_book(central, SUPERVISOR, override, SLOT, "travels tonight", now=at("09:10")),
             offline: book_offline(cache, kiosk_id="hall-1", case_number=looked_up(cache, offline), slot_id=SLOT,
                                   now=at("09:10"))}
    sync_once(central, cache, kiosk_id="hall-1", now=at("09:20"))  # central converts the offline booking

    assert _taken(central) == (3, 0)  # every old seat went back, every new one was taken
    with central.session() as s:
        for number, result in moved.items():
            old, new = s.get(Booking, firsts[number]), s.get(Booking, result.reference)
            assert (old.status, new.status, new.replaces_reference) == \
                (BookingStatus.SUPERSEDED, BookingStatus.ACTIVE, firsts[number]), number
            assert result.replaced == firsts[number]
    details = {}
    for number, result in moved.items():
        (created, first), (rebooked, detail) = _trail(central, number)
        assert (created, rebooked) == ("booking.created", "booking.rebooked")
        assert first["reference"] == firsts[number]
        details[number] = detail
        assert detail == {"reference": result.reference, "slot_id": SLOT, "slot_start": "2026-11-03 15:00",
                          "applicants": result.applicants, "replaced": firsts[number],
                          "kiosk_id": "hall-1" if number == offline else None, "offline": number == offline}
    assert len({frozenset(d) for d in details.values()}) == 1  # the same fields, whichever path
    with central.session() as s:  # the override keeps its own note beside the placement's row
        notes = s.scalars(select(AuditEvent.action).where(AuditEvent.case_number == override)).all()
    assert notes.count("clerk.override") == 1
