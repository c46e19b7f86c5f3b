"""Review states the change rule with its real date, and warns when a slot is already past it."""

from __future__ import annotations

from datetime import date

from tests.ui.helpers import forward, look_up, press, start_and_sign_up, to_calendar
from ui.pages.ids import PageId


def _review_day(qtbot, kiosk, day: date | None) -> str:  # type: ignore[no-untyped-def]
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000020", "1985-06-15")
    cal = to_calendar(qtbot, kiosk)
    if day is not None:
        cal.month.choose(day)
        qtbot.waitUntil(lambda: bool(cal.time_buttons()), timeout=10_000)
    press(qtbot, cal.time_buttons()[0])
    forward(qtbot, kiosk, PageId.REVIEW)
    return kiosk.wizard.page_of(PageId.REVIEW).rule.text()


def test_a_slot_inside_the_change_window_is_booked_with_a_warning(qtbot, kiosk) -> None:
    # Now is Monday 2 November; the first free day is Wednesday 4th, whose deadline was 29 October.
    text = _review_day(qtbot, kiosk, date(2026, 11, 4))
    assert "Warning" in text and "cannot be changed or cancelled" in text and "October" not in text
    page = kiosk.wizard.page_of(PageId.REVIEW)
    assert page.understand.isVisible() and not page.understand.isChecked()
    press(qtbot, kiosk.wizard.button(kiosk.wizard.WizardButton.CommitButton))  # explains, books nothing
    assert "I understand" in page.error_label.text() and kiosk.wizard.currentId() == PageId.REVIEW


def test_a_later_slot_names_its_last_day_for_changes(qtbot, kiosk) -> None:
    # Thursday 19 November → Mon 16, Tue 17 and the deadline Fri 13 (Wed 18 is a demo closure).
    text = _review_day(qtbot, kiosk, date(2026, 11, 19))
    assert "until the end of Friday 13 November 2026." in text
    assert not kiosk.wizard.page_of(PageId.REVIEW).understand.isVisible()
