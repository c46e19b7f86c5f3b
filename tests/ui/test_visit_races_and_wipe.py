"""A slot lost to another kiosk, the idle wipe in the middle of a visit, cancel inside and outside the window."""

from __future__ import annotations

import gc
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QPlainTextEdit
from sqlalchemy import select

from kiosk.services.booking import book
from kiosk.services.letter import LetterLookup
from kiosk.store.db import Database
from kiosk.store.models import Booking, SlotRow
from tests.ui.helpers import forward, look_up, press, start_and_sign_up
from ui.pages.ids import PageId
from ui.visit import Visit

SLOT = "2026-11-04T09:30"


def _choose(qtbot, kiosk, slot_id: str) -> None:  # type: ignore[no-untyped-def]
    cal = kiosk.wizard.page_of(PageId.CALENDAR)
    qtbot.waitUntil(lambda: bool(cal.time_buttons()), timeout=10_000)
    start = datetime.fromisoformat(slot_id)
    cal.month.choose(start.date())
    button = next(b for b in cal.time_buttons() if b.objectName() == f"time_{start:%H%M}")
    press(qtbot, button)


def test_slot_taken_by_another_kiosk_before_confirming_offers_the_nearest_free_times(qtbot, kiosk, demo_db, clock) -> None:
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")  # three applicants
    forward(qtbot, kiosk, PageId.CALENDAR)
    _choose(qtbot, kiosk, SLOT)
    forward(qtbot, kiosk, PageId.REVIEW)
    # Another kiosk, its own connection to the same database, books 4 of the 6 seats.
    other = Database(demo_db.url)
    try:
        for case in ("GUZ2019000020", "GUZ2019000022", "GUZ2019000023", "GUZ2019000024"):
            book(other, case, SLOT, now=clock.now, kiosk_id="hall-2")
    finally:
        other.dispose()
    review = kiosk.wizard.page_of(PageId.REVIEW)
    review.understand.setChecked(True)  # Wednesday 4th is inside the change window
    forward(qtbot, kiosk)
    # Back on the calendar, where the time was chosen: what happened, and the nearest free times without it.
    cal = kiosk.wizard.page_of(PageId.CALENDAR)
    # (Buttons a layout takes are shown on the next turn of the event loop: wait for that too.)
    qtbot.waitUntil(lambda: kiosk.wizard.currentId() == PageId.CALENDAR and bool(cal.alternative_buttons())
                    and all(b.isVisible() for b in cal.alternative_buttons()) and not kiosk.runner.busy,
                    timeout=10_000)
    assert "just taken by someone else" in cal.error_label.text()
    assert cal.times_title.text() == "Choose one of the nearest free times:"
    alternatives = cal.alternative_buttons()
    assert alternatives and all(b.objectName() != f"alt_{SLOT}" for b in alternatives)
    assert all(b.isVisible() for b in alternatives)
    with demo_db.session() as s:
        slot = s.get(SlotRow, SLOT)
        assert slot.taken == 4 <= slot.seats
        assert s.scalar(select(Booking).where(Booking.case_number == "GUZ2019000001")) is None
    press(qtbot, alternatives[0])
    chosen = kiosk.wizard.visit.slot.id
    assert chosen != SLOT
    forward(qtbot, kiosk, PageId.REVIEW)
    assert not review.understand.isChecked()  # another time: "I understand" is asked again
    review.understand.setChecked(True)
    forward(qtbot, kiosk, PageId.DONE)
    with demo_db.session() as s:
        assert s.get(Booking, kiosk.wizard.page_of(PageId.DONE).reference.text()).slot_id == chosen


SECRETS = ("GUZ2019000001", "LIN MEI", "WANG JUN", "LIN HAO", "1988-07-30")


def _visible_texts(root) -> list[str]:  # type: ignore[no-untyped-def]
    texts = [w.text() for w in root.findChildren(QLabel)]
    texts += [w.text() for w in root.findChildren(QLineEdit)]
    texts += [w.toPlainText() for w in root.findChildren(QPlainTextEdit)]
    texts += [w.text() for w in root.findChildren(QAbstractButton)]
    return texts


def test_idle_wipe_mid_visit_leaves_no_trace_of_the_applicant(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
    forward(qtbot, kiosk, PageId.CALENDAR)
    _choose(qtbot, kiosk, SLOT)
    QGuiApplication.clipboard().setText("GUZ2019000001")
    assert any("LIN MEI" in t for t in _visible_texts(kiosk.wizard.page_of(PageId.ELIGIBILITY)))
    kiosk.shell.set_idle(50, 1000)
    with qtbot.waitSignal(kiosk.shell.warning_shown, timeout=5000):
        pass
    assert "cleared in 1 second" in kiosk.shell.warning_text.text()
    with qtbot.waitSignal(kiosk.shell.wiped, timeout=5000):
        pass
    assert kiosk.wizard.currentId() == PageId.WELCOME
    assert QGuiApplication.clipboard().text() == ""
    leftovers = [t for t in _visible_texts(kiosk.shell) for secret in SECRETS if secret in t]
    assert leftovers == []
    # Ctrl+Z in the case number field must not bring the number back (QLineEdit keeps an undo history).
    letter = kiosk.wizard.page_of(PageId.LETTER)
    letter.case_number.undo()
    assert letter.case_number.text() == ""
    gc.collect()
    live = [o for o in gc.get_objects() if isinstance(o, (Visit, LetterLookup))]
    assert all(isinstance(o, Visit) and o.case_number == "" and o.lookup is None for o in live), live
    assert not kiosk.runner.busy


def test_a_warning_touched_in_time_keeps_the_visit(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk)
    kiosk.shell.set_idle(50, 60_000)
    with qtbot.waitSignal(kiosk.shell.warning_shown, timeout=5000):
        pass
    qtbot.mouseClick(kiosk.shell.warning, Qt.MouseButton.LeftButton)
    assert not kiosk.shell.warning.isVisible()
    assert kiosk.wizard.currentId() == PageId.LETTER


def test_cancel_inside_the_change_window_releases_the_seats(qtbot, kiosk, demo_db, clock) -> None:
    reference = book(demo_db, "GUZ2019000001", "2026-11-20T08:30", now=clock.now).reference
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
    card = kiosk.wizard.page_of(PageId.ELIGIBILITY).booking_card
    assert "until the end of Monday 16 November 2026" in card.rule.text()  # 18 Nov is a demo closure
    press(qtbot, card.cancel_button)
    press(qtbot, card.confirm_button)
    qtbot.waitUntil(lambda: kiosk.wizard.currentId() == PageId.DONE, timeout=10_000)
    done = kiosk.wizard.page_of(PageId.DONE)
    assert "cancelled" in done.headline.text() and done.reference.text() == reference
    with demo_db.session() as s:
        assert s.get(Booking, reference).status == "cancelled"
        assert s.get(SlotRow, "2026-11-20T08:30").taken == 0


def test_outside_the_change_window_cancel_is_refused_and_explained(qtbot, kiosk, demo_db, clock) -> None:
    # Thursday 5 Nov: the deadline is Monday 2 Nov; on Tuesday the window is closed.
    reference = book(demo_db, "GUZ2019000001", "2026-11-05T08:30", now=clock.now).reference
    clock.now = datetime(2026, 11, 3, 9, 0)
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
    page = kiosk.wizard.page_of(PageId.ELIGIBILITY)
    assert "cannot book yet" in page.decision_label.text()
    assert not page.booking_card.cancel_button.isEnabled()
    assert "can no longer be changed or cancelled" in page.booking_card.rule.text()
    with demo_db.session() as s:
        assert s.get(Booking, reference).status == "active"


def test_window_closing_between_lookup_and_cancel_is_refused_by_the_service(qtbot, kiosk, demo_db, clock) -> None:
    reference = book(demo_db, "GUZ2019000001", "2026-11-05T08:30", now=clock.now).reference
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
    page = kiosk.wizard.page_of(PageId.ELIGIBILITY)
    press(qtbot, page.booking_card.cancel_button)
    clock.now = datetime(2026, 11, 3, 0, 1)  # midnight passed while the applicant read the screen
    with qtbot.waitSignal(page.answered, timeout=10_000):
        press(qtbot, page.booking_card.confirm_button)
    assert kiosk.wizard.currentId() == PageId.ELIGIBILITY
    assert "can no longer be changed or cancelled" in page.error_label.text()
    with demo_db.session() as s:
        assert s.get(Booking, reference).status == "active"
