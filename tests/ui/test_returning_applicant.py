"""A returning applicant: sign in → their case and appointment → reschedule without the letter (the date of
birth still asked) → Done says the old appointment is cancelled; sign-out ends the visit."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel

from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import forward, look_up, press, start_and_sign_up, to_calendar, type_into
from ui.pages.ids import PageId

CASE, DOB, USER = "GUZ2019000020", "1985-06-15", "cao.ying@example.cn"


def _book(qtbot, kiosk, day: date) -> str:  # type: ignore[no-untyped-def]
    cal = to_calendar(qtbot, kiosk)
    cal.month.choose(day)
    qtbot.waitUntil(lambda: bool(cal.time_buttons()), timeout=10_000)
    press(qtbot, cal.time_buttons()[0])
    forward(qtbot, kiosk, PageId.REVIEW)
    forward(qtbot, kiosk, PageId.DONE)
    return kiosk.wizard.page_of(PageId.DONE).reference.text()


def test_sign_in_shows_the_appointment_and_reschedules_it_without_the_letter(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk, USER)
    name = kiosk.wizard.visit.account.username  # the name the kiosk gave the new account (it may add a tag)
    look_up(qtbot, kiosk, CASE, DOB)
    first = _book(qtbot, kiosk, date(2026, 11, 19))
    kiosk.shell.wipe()

    forward(qtbot, kiosk, PageId.SIGN_IN)  # the next visit: sign in, no letter in hand
    page = kiosk.wizard.page_of(PageId.SIGN_IN)
    type_into(qtbot, page.username, name)
    type_into(qtbot, page.password, PASSPHRASE)
    forward(qtbot, kiosk, PageId.LETTER)
    letter = kiosk.wizard.page_of(PageId.LETTER)
    shown = "\n".join(w.text() for w in letter.yours.findChildren(QLabel))
    assert f"Your case {CASE}" in shown and "Thursday 19 November 2026, 08:30 (Beijing time)" in shown
    assert "until the end of Friday 13 November 2026" in shown
    press(qtbot, letter.yours.findChild(type(letter.sign_out), "yourCase_0"))
    assert letter.case_number.text() == CASE and letter.date_of_birth.text() == ""
    type_into(qtbot, letter.date_of_birth, "1985-06-16")  # the date of birth is still checked
    forward(qtbot, kiosk)
    assert kiosk.wizard.currentId() == PageId.LETTER and "found no case" in letter.error_label.text()
    type_into(qtbot, letter.date_of_birth, DOB)
    forward(qtbot, kiosk, PageId.ELIGIBILITY)
    assert kiosk.wizard.visit.lookup.booking.reference == first
    second = _book(qtbot, kiosk, date(2026, 11, 20))
    done = "\n".join(w.text() for w in kiosk.wizard.page_of(PageId.DONE).findChildren(QLabel) if w.isVisible())
    assert second != first
    assert "Your previous appointment on Thursday 19 November 2026, 08:30 (Beijing time) is cancelled." in done


def test_sign_out_ends_the_visit(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk, USER)
    letter = kiosk.wizard.page_of(PageId.LETTER)
    assert letter.sign_out.isVisible()
    press(qtbot, letter.sign_out)
    qtbot.waitUntil(lambda: kiosk.wizard.currentId() == PageId.WELCOME, timeout=5000)
    assert kiosk.wizard.visit.account is None
