"""The clerk's desk without Qt, on each engine: sign in, find a case, book and cancel for it, read the calendar."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.app.desk import ClerkServices
from kiosk.domain.errors import RuleError
from kiosk.store.db import Database
from kiosk.store.models import SlotRow
from tests.app.conftest import CASE, SLOT
from tests.clerk.conftest import PASSWORD
from tests.clock import Clock


@pytest.fixture
def desk(staffed: Database, clock: Clock, tmp_path) -> ClerkServices:
    return ClerkServices(db=staffed, out_dir=tmp_path / "reprints", clock=clock)


def test_a_clerk_finds_a_case_books_it_and_cancels_with_reasons(desk: ClerkServices) -> None:
    with pytest.raises(PermissionError):
        desk.act("book", CASE, "at the counter", slot_id=SLOT)
    desk.staff = desk.sign_in("wang", PASSWORD)
    assert CASE in [h.case_number for h in desk.search("GUZ2019000001")]
    assert desk.case_view(CASE).evaluation.may_book
    booked = desk.act("book", CASE, "at the counter", slot_id=SLOT)
    assert desk.case_view(CASE).bookings[0].reference == booked.reference
    assert [c.reference for c in desk.slot_contacts(SLOT)] == [booked.reference]
    assert desk.act("cancel", CASE, "the applicant asked").reference == booked.reference
    with pytest.raises(ValueError):
        desk.act("shred", CASE, "no such action")


def test_the_desk_never_offers_a_slot_whose_seats_are_all_lent_to_kiosks(desk: ClerkServices,
                                                                       staffed: Database) -> None:
    with staffed.transaction() as s:
        slot = s.get(SlotRow, SLOT)
        slot.lent = slot.seats - slot.taken  # every free seat is held by kiosks for offline booking
    offered = {s.id: s.seats_left for s in desk.slots()}
    assert SLOT not in offered and offered and all(left > 0 for left in offered.values())
    desk.staff = desk.sign_in("wang", PASSWORD)
    with pytest.raises(RuleError) as full:
        desk.act("book", CASE, "at the counter", slot_id=SLOT)
    assert full.value.code == "SLOT_FULL"


def test_the_desk_reads_the_calendar_kiosks_and_reports(desk: ClerkServices) -> None:
    desk.staff = desk.sign_in("chen", PASSWORD)
    days = desk.days(date(2026, 11, 2), date(2026, 11, 13))
    assert any(d.slots for d in days)
    overview = desk.kiosks()
    assert overview.health == [] and overview.reviews == []
    assert [line.username for line in desk.staff_list()] == ["chen", "wang"]
