"""Whole visits against a real demo database: schedule, reschedule, wait, inquiry, not handled."""

from __future__ import annotations

from sqlalchemy import func, select

from kiosk.store.models import Booking
from tests.ui.helpers import forward, look_up, press, start_and_sign_up
from ui.pages.ids import PageId


def test_schedule_visit_books_the_chosen_time_and_shows_the_reference(qtbot, kiosk, demo_db) -> None:
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "guz 2019 000001", "1988-07-30")
    elig = kiosk.wizard.page_of(PageId.ELIGIBILITY)
    assert "may book" in elig.decision_label.text()
    forward(qtbot, kiosk, PageId.CALENDAR)
    cal = kiosk.wizard.page_of(PageId.CALENDAR)
    qtbot.waitUntil(lambda: bool(cal.time_buttons()), timeout=10_000)
    press(qtbot, cal.time_buttons()[0])
    chosen = kiosk.wizard.visit.slot
    forward(qtbot, kiosk, PageId.REVIEW)
    forward(qtbot, kiosk, PageId.DONE)
    done = kiosk.wizard.page_of(PageId.DONE)
    reference = done.reference.text()
    assert reference.startswith("GUZ-")
    with demo_db.session() as s:
        booking = s.get(Booking, reference)
        assert booking.slot_id == chosen.id and booking.seats == 3
