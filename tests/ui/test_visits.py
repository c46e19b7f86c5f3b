"""Whole visits against a real demo database: schedule, reschedule, wait, inquiry, not handled."""

from __future__ import annotations


from kiosk.store.models import Booking
from tests.ui.helpers import forward, give_contact, look_up, press, start_and_sign_up, to_calendar
from ui.pages.ids import PageId


def test_schedule_visit_books_the_chosen_time_and_shows_the_reference(qtbot, kiosk, demo_db) -> None:
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "guz 2019 000001", "1988-07-30")
    elig = kiosk.wizard.page_of(PageId.ELIGIBILITY)
    assert "may book" in elig.decision_label.text()
    cal = to_calendar(qtbot, kiosk)
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


def _book_now(db, case_number: str, slot_id: str, now) -> str:  # type: ignore[no-untyped-def]
    from kiosk.services.booking import book

    return book(db, case_number, slot_id, now=now).reference


def test_reschedule_visit_replaces_the_booking_made_through_the_system(qtbot, kiosk, demo_db, clock) -> None:
    old = _book_now(demo_db, "GUZ2019000001", "2026-11-20T08:30", clock.now)
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "19880730")
    elig = kiosk.wizard.page_of(PageId.ELIGIBILITY)
    assert "new time" in elig.decision_label.text()
    assert old in elig.booking_card.heading.text() and elig.booking_card.cancel_button.isEnabled()
    cal = to_calendar(qtbot, kiosk)
    press(qtbot, cal.time_buttons()[-1])
    forward(qtbot, kiosk, PageId.REVIEW)
    assert any(old in text for text in _texts(kiosk.wizard.page_of(PageId.REVIEW)))
    forward(qtbot, kiosk, PageId.DONE)
    new = kiosk.wizard.page_of(PageId.DONE).reference.text()
    with demo_db.session() as s:
        assert s.get(Booking, old).status == "superseded"
        assert s.get(Booking, new).replaces_reference == old


def _texts(widget) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in widget.findChildren(QLabel)]


def test_wait_visit_explains_from_when_and_only_offers_finish(qtbot, kiosk) -> None:
    from PySide6.QtWidgets import QWizard

    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000003", "1955-11-20")
    elig = kiosk.wizard.page_of(PageId.ELIGIBILITY)
    assert "cannot book yet" in elig.decision_label.text() and "17 November 2026" in elig.decision_label.text()
    assert any("has not passed yet" in t for t in _texts(elig))
    assert kiosk.wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert not kiosk.wizard.button(QWizard.WizardButton.NextButton).isVisible()


def test_not_handled_visit_points_to_the_counter_and_offers_no_inquiry(qtbot, kiosk) -> None:
    from PySide6.QtWidgets import QPushButton, QWizard

    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000010", "1996-10-10")
    elig = kiosk.wizard.page_of(PageId.ELIGIBILITY)
    assert "cannot book interviews for your visa class" in elig.decision_label.text()
    assert not [b for b in elig.findChildren(QPushButton) if b.objectName().startswith("inquiry_")]
    press(qtbot, kiosk.wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: kiosk.wizard.currentId() == PageId.WELCOME)
    assert kiosk.wizard.visit.case_number == ""


def test_inquiry_visit_records_the_inquiry_and_shows_its_reference(qtbot, kiosk, demo_db) -> None:
    from kiosk.store.inquiries import Inquiry

    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000006", "1981-12-01")
    elig = kiosk.wizard.page_of(PageId.ELIGIBILITY)
    assert "Submit an inquiry" in elig.decision_label.text()
    forward(qtbot, kiosk, PageId.INQUIRY)
    page = kiosk.wizard.page_of(PageId.INQUIRY)
    assert any("No contact with the consulate for more than a year" in t for t in _texts(page))  # the receipt's name
    qtbot.keyClicks(page.text, "We moved to Foshan; new phone 138 0000 0000.")
    forward(qtbot, kiosk)  # no address for the answer: asked for at the field
    assert kiosk.wizard.currentId() == PageId.INQUIRY and page.contact.property("invalid")
    page.contact.setText("佛山市禅城区季华路1号")
    forward(qtbot, kiosk)  # no consent: nothing kept, nothing sent
    assert kiosk.wizard.currentId() == PageId.INQUIRY and "Tick the box" in page.error_label.text()
    page.consent.setChecked(True)
    forward(qtbot, kiosk, PageId.DONE)
    done = kiosk.wizard.page_of(PageId.DONE)
    reference = done.reference.text()
    assert reference.startswith("INQ-GUZ-")
    shown = "\n".join(_texts(done))
    assert "佛山市禅城区季华路1号" in shown and "Expect the answer by Tuesday 17 November 2026." in shown
    with demo_db.session() as s:
        row = s.get(Inquiry, reference)
        assert (row.kind, row.case_number) == ("no_contact", "GUZ2019000006")
        assert "Foshan" in row.text and row.contact == "佛山市禅城区季华路1号"


def test_without_the_letter_a_copy_is_requested_after_the_date_of_birth_matches(qtbot, kiosk, demo_db) -> None:
    from kiosk.store.inquiries import Inquiry
    from tests.ui.helpers import type_into

    start_and_sign_up(qtbot, kiosk)
    press(qtbot, kiosk.wizard.page_of(PageId.LETTER).no_letter)
    qtbot.waitUntil(lambda: kiosk.wizard.currentId() == PageId.INQUIRY)
    page = kiosk.wizard.page_of(PageId.INQUIRY)
    type_into(qtbot, page.case_number, "GUZ2019000001")
    type_into(qtbot, page.date_of_birth, "1999-01-01")
    give_contact(page)
    forward(qtbot, kiosk)
    assert kiosk.wizard.currentId() == PageId.INQUIRY and "found no case" in page.error_label.text()
    type_into(qtbot, page.date_of_birth, "1988-07-30")
    give_contact(page, "43 Huaxia Road, Guangzhou")  # where the copy of the letter is sent
    forward(qtbot, kiosk, PageId.DONE)
    reference = kiosk.wizard.page_of(PageId.DONE).reference.text()
    with demo_db.session() as s:
        assert s.get(Inquiry, reference).kind == "letter_copy"


def test_joining_the_group_booking_goes_from_review_to_done(qtbot, kiosk, demo_db, clock) -> None:
    """A case of the same petitioner joins the group's booking: Review shows and books the group's slot
    (it used to hold the group's CurrentBooking, which has no slot id, so Review could not go on)."""
    from kiosk.store.models import CaseRow
    from tests.factories import add_case
    from ui.i18n import fmt_datetime

    with demo_db.session() as s:
        petitioner = s.get(CaseRow, "GUZ2019000001").petitioner_id
    group = _book_now(demo_db, "GUZ2019000001", "2026-11-20T08:30", clock.now)
    add_case(demo_db, "GUZ2019000777", petitioner=petitioner)
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000777", "19880730")
    assert kiosk.wizard.visit.lookup.join is not None
    forward(qtbot, kiosk, PageId.REVIEW)
    review = kiosk.wizard.page_of(PageId.REVIEW)
    assert kiosk.wizard.visit.slot.id == "2026-11-20T08:30"
    assert fmt_datetime(kiosk.wizard.visit.slot.start) in _texts(review)  # the card shows the group's time
    forward(qtbot, kiosk, PageId.DONE)
    reference = kiosk.wizard.page_of(PageId.DONE).reference.text()
    assert reference
    with demo_db.session() as s:
        assert s.get(Booking, reference).slot_id == "2026-11-20T08:30"
        assert s.get(Booking, group) is not None


def test_a_double_touch_on_confirm_does_not_also_press_finish(qtbot, kiosk) -> None:
    """Seen live: Confirm touched twice (a shaky finger, ~0.1 s apart) booked, and the second touch landed on
    Finish, which sits where Confirm was: Welcome, and the applicant never saw Done. The wizard's buttons
    take a double touch as one touch."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QWizard

    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
    cal = to_calendar(qtbot, kiosk)
    press(qtbot, cal.time_buttons()[0])
    forward(qtbot, kiosk, PageId.REVIEW)
    wiz, window, left = kiosk.wizard, kiosk.shell.windowHandle(), Qt.MouseButton.LeftButton
    confirm = wiz.button(QWizard.WizardButton.CommitButton)
    where: QPoint = confirm.mapTo(kiosk.shell, confirm.rect().center())
    QTest.mousePress(window, left, pos=where)  # the first touch: a plain press and release
    QTest.mouseRelease(window, left, pos=where)
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.DONE, timeout=10_000)
    done = wiz.page_of(PageId.DONE)
    qtbot.waitUntil(lambda: not done.busy, timeout=20_000)  # printed (Finish waits for it)
    finish = wiz.button(QWizard.WizardButton.FinishButton)
    assert finish.isEnabled() and finish.geometry().contains(finish.parentWidget().mapFrom(kiosk.shell, where))
    hints = QGuiApplication.styleHints()
    interval = hints.mouseDoubleClickInterval()
    hints.setMouseDoubleClickInterval(60_000)  # the second touch "at once" (QTest's clock moved one interval on)
    try:
        QTest.mousePress(window, left, pos=where)  # Qt makes it a double click, as a shaky finger's
        QTest.mouseRelease(window, left, pos=where)
        qtbot.wait(50)
        assert wiz.currentId() == PageId.DONE
    finally:
        hints.setMouseDoubleClickInterval(interval)
    qtbot.waitUntil(finish.isEnabled, timeout=20_000)
    QTest.mouseClick(window, left, pos=where)  # a touch of its own
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.WELCOME, timeout=10_000)
