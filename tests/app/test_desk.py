"""The clerk's desk without Qt, on each engine: sign in, find a case, book and cancel for it, read the calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kiosk.app.desk import ClerkServices
from kiosk.domain.errors import RuleError
from kiosk.services.accounts import SIGN_IN_FAILED, SIGN_IN_TOO_SOON, AccountError
from kiosk.services.budgets import LOOKUP_KIOSK_ALERT, raise_alert
from kiosk.store.alerts import FailedCommand, FailureState
from kiosk.store.db import Database
from kiosk.store.models import SlotRow
from tests.app.conftest import CASE, SLOT
from tests.clerk.conftest import PASSWORD
from tests.clock import Clock
from tests.pdf.pdfcheck import pdf_text


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
    printed = pdf_text(desk.act("reprint", CASE, "for the applicant").read_bytes())
    assert "GUZ2019000001" in printed and "DEMO" not in printed  # a real post's desk: no demo marking
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


def test_staff_sign_in_enforces_the_delay_it_announces(desk: ClerkServices, clock: Clock) -> None:
    with pytest.raises(AccountError) as first:
        desk.sign_in("wang", "not the password at all")
    assert first.value.code == SIGN_IN_FAILED and first.value.delay_seconds == 1
    with pytest.raises(AccountError) as early:  # even the right password waits out the announced second
        desk.sign_in("wang", PASSWORD)
    assert early.value.code == SIGN_IN_TOO_SOON
    with pytest.raises(AccountError) as stranger:  # a name no one has is answered the same way
        desk.sign_in("nobody", "not the password at all")
    assert stranger.value.code == SIGN_IN_FAILED
    with pytest.raises(AccountError) as again:
        desk.sign_in("nobody", "not the password at all")
    assert again.value.code == SIGN_IN_TOO_SOON
    clock.now += timedelta(seconds=1)
    assert desk.sign_in("wang", PASSWORD).username == "wang"


def test_the_desk_lists_acknowledges_and_decides_the_kiosks_tab_s_alerts(desk: ClerkServices,
                                                                         staffed: Database) -> None:
    now = desk.now()
    with staffed.transaction() as s:
        raise_alert(s, LOOKUP_KIOSK_ALERT, "hall-1", 10, now)
        s.add(FailedCommand(command_id="c0ffee00-0000-4000-8000-000000000002", kiosk_id="hall-1", kind="inquiry",
                            error="permission denied", created_at=now, failed_at=now, attempts=1, state="open"))
    alerts, failed = desk.alerts()
    assert [a.kiosk_id for a in alerts] == ["hall-1"] and [f.kiosk_id for f in failed] == ["hall-1"]
    with pytest.raises(PermissionError):  # nobody signed in: nothing written
        desk.acknowledge_alert(alerts[0].id)
    desk.staff = desk.sign_in("wang", PASSWORD)
    desk.acknowledge_alert(alerts[0].id)
    desk.decide_command(failed[0].command_id, FailureState.RESOLVED, "copy posted by hand")
    with staffed.session() as s:
        assert s.get(FailedCommand, failed[0].command_id).state == FailureState.RESOLVED.value
    assert desk.alerts()[0] == []
