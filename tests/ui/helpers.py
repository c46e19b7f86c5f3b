"""Driving the kiosk as a visitor would: type, touch buttons, wait for the page to change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWizard

from ui.pages.ids import PageId
from tests.ui.conftest import PASSPHRASE

WAIT_MS = 10_000


def press(qtbot, button: QPushButton) -> None:  # type: ignore[no-untyped-def]
    # A widget added to a shown layout becomes visible one event-loop turn later (Qt queues the show).
    qtbot.waitUntil(button.isVisible, timeout=2000)
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def forward(qtbot, kiosk, expected: PageId | None = None) -> None:  # type: ignore[no-untyped-def]
    """Touch the visible Next / Confirm / Send button and wait until the wizard moves on."""
    wiz = kiosk.wizard
    start = wiz.currentId()
    for which in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.NextButton):
        b = wiz.button(which)
        if b.isVisible():
            break
    qtbot.waitUntil(lambda: b.isEnabled(), timeout=WAIT_MS)
    press(qtbot, b)
    page = wiz.currentPage()
    qtbot.waitUntil(lambda: wiz.currentId() != start or page.error_label.isVisible(), timeout=WAIT_MS)
    if expected is not None:
        assert wiz.currentId() == expected, page.error_label.text()


def to_calendar(qtbot, kiosk):  # type: ignore[no-untyped-def]
    """From Your case on to the calendar; returns its page once the first day's times are shown."""
    forward(qtbot, kiosk, PageId.CALENDAR)
    cal = kiosk.wizard.page_of(PageId.CALENDAR)
    qtbot.waitUntil(lambda: bool(cal.time_buttons()), timeout=WAIT_MS)
    return cal


def type_into(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    widget.clear()
    qtbot.keyClicks(widget, text)


def start_and_sign_up(qtbot, kiosk, user: str = "visitor@example.cn") -> None:  # type: ignore[no-untyped-def]
    forward(qtbot, kiosk, PageId.SIGN_IN)
    page = kiosk.wizard.page_of(PageId.SIGN_IN)
    press(qtbot, page.create_mode)
    type_into(qtbot, page.username, user)
    type_into(qtbot, page.password, PASSPHRASE)
    if page.repeat.isVisible():  # only when the password is hidden
        type_into(qtbot, page.repeat, PASSPHRASE)
    forward(qtbot, kiosk, PageId.LETTER)


def give_contact(page, contact: str = "lin.mei@example.cn") -> None:  # type: ignore[no-untyped-def]
    """On the inquiry page: where the answer goes, and the consent to keep it."""
    page.contact.setText(contact)
    page.consent.setChecked(True)


def look_up(qtbot, kiosk, case_number: str, dob: str, expected: PageId = PageId.ELIGIBILITY) -> None:  # type: ignore[no-untyped-def]
    page = kiosk.wizard.page_of(PageId.LETTER)
    type_into(qtbot, page.case_number, case_number)
    type_into(qtbot, page.date_of_birth, dob)
    forward(qtbot, kiosk, expected)
