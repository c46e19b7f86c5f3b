"""Each page on its own: welcome language switch, sign-in refusals, letter input, calendar, eligibility."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QWizard

from kiosk.services.accounts import create_account
from tests.ui.conftest import NOW, PASSPHRASE
from tests.ui.helpers import forward, look_up, press, start_and_sign_up, type_into
from ui.pages.ids import PageId


def test_choosing_chinese_installs_a_translator_and_retranslates(qtbot, kiosk) -> None:
    welcome = kiosk.wizard.page_of(PageId.WELCOME)
    english_title = welcome.title_label.text()
    press(qtbot, welcome.language_buttons["zh_CN"])
    assert kiosk.languages.current == "zh_CN" and kiosk.wizard.visit.language == "zh_CN"
    assert welcome.title_label.text() != english_title
    assert "演示" in kiosk.shell.demo_banner.text()
    press(qtbot, welcome.language_buttons["en"])
    assert welcome.title_label.text() == english_title


class _Hides(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.Hide
        return False


def test_next_follows_what_is_typed_without_the_page_being_hidden(qtbot, kiosk) -> None:
    """Next is enabled once the page is complete and not busy, and the page on screen is never hidden and
    shown again for it (QWizard's own handler did, on every keystroke: a whole-page layout and repaint)."""
    forward(qtbot, kiosk, PageId.SIGN_IN)
    page = kiosk.wizard.page_of(PageId.SIGN_IN)
    next_button = kiosk.wizard.button(QWizard.WizardButton.NextButton)
    hides = _Hides()
    page.installEventFilter(hides)
    assert not next_button.isEnabled()
    type_into(qtbot, page.username, "lin.mei@qq.com")
    assert not next_button.isEnabled()
    type_into(qtbot, page.password, PASSPHRASE)
    assert next_button.isEnabled()
    page.set_busy(True)
    assert not next_button.isEnabled()
    page.set_busy(False)
    assert next_button.isEnabled()
    page.password.clear()
    assert not next_button.isEnabled()
    assert hides.count == 0 and page.isVisible()


def test_short_password_is_refused_with_the_rule(qtbot, kiosk) -> None:
    forward(qtbot, kiosk, PageId.SIGN_IN)
    page = kiosk.wizard.page_of(PageId.SIGN_IN)
    press(qtbot, page.create_mode)
    type_into(qtbot, page.username, "short@example.cn")
    assert page.show_password.isChecked() and not page.repeat.isVisible()  # shown once, not typed twice
    type_into(qtbot, page.password, "tooshort")
    forward(qtbot, kiosk)
    assert kiosk.wizard.currentId() == PageId.SIGN_IN
    assert "at least 15 characters" in page.error_label.text()
    assert page.password.text() == "tooshort" and page.password.property("invalid")  # kept, to be made longer
    type_into(qtbot, page.password, "tooshort and now long enough")
    forward(qtbot, kiosk, PageId.LETTER)


def test_creating_an_account_takes_few_taps(qtbot, kiosk) -> None:
    """Counted as a visitor touches: one tap per key on the on-screen keyboard, one per button."""
    taps = 0

    def tap(button) -> None:  # type: ignore[no-untyped-def]
        nonlocal taps
        taps += 1
        press(qtbot, button)

    def keys(widget, text: str) -> None:  # type: ignore[no-untyped-def]
        nonlocal taps
        taps += len(text)
        type_into(qtbot, widget, text)

    wiz = kiosk.wizard
    tap(wiz.button(wiz.WizardButton.NextButton))  # Start
    page = wiz.page_of(PageId.SIGN_IN)
    tap(page.create_mode)
    keys(page.username, "lin.mei@qq.com")
    keys(page.password, "pearl river walk")  # a 16-character passphrase, shown as it is typed
    tap(wiz.button(wiz.WizardButton.NextButton))
    qtbot.waitUntil(lambda: wiz.currentId() == PageId.LETTER, timeout=10_000)
    assert taps == 3 + len("lin.mei@qq.com") + len("pearl river walk") == 33  # was ~80 with a repeat field


def test_wrong_password_slows_down_the_next_try(qtbot, kiosk, demo_db, clock) -> None:
    create_account(demo_db, "meilin", PASSPHRASE, now=NOW)
    forward(qtbot, kiosk, PageId.SIGN_IN)
    page = kiosk.wizard.page_of(PageId.SIGN_IN)
    type_into(qtbot, page.username, "MeiLin")
    type_into(qtbot, page.password, "a loud run along the pearl river")
    forward(qtbot, kiosk)
    assert "not right" in page.error_label.text()
    next_button = kiosk.wizard.button(QWizard.WizardButton.NextButton)
    type_into(qtbot, page.password, PASSPHRASE)
    assert not next_button.isEnabled()  # the service asked for a 1 s pause; a timer, not a sleep
    qtbot.waitUntil(next_button.isEnabled, timeout=3000)
    clock.now += timedelta(seconds=1)  # the kiosk's clock moved on while the timer ran
    forward(qtbot, kiosk, PageId.LETTER)
    assert kiosk.wizard.visit.account.username == "meilin"


def test_scanner_enter_after_the_case_number_moves_to_the_date_of_birth(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk)
    page = kiosk.wizard.page_of(PageId.LETTER)
    page.case_number.setFocus()
    qtbot.keyClicks(page.case_number, "guz 2019 000001")
    qtbot.keyClick(page.case_number, Qt.Key.Key_Return)
    assert kiosk.wizard.currentId() == PageId.LETTER
    assert page.date_of_birth.hasFocus()
    qtbot.keyClicks(page.date_of_birth, "1988/7/30")
    qtbot.keyClick(page.date_of_birth, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.wizard.currentId() == PageId.ELIGIBILITY, timeout=10_000)
    assert kiosk.wizard.visit.case_number == "GUZ2019000001"


def test_wrong_date_of_birth_and_unknown_case_get_the_same_answer(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk)
    page = kiosk.wizard.page_of(PageId.LETTER)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-31", expected=PageId.LETTER)
    wrong_date = page.error_label.text()
    look_up(qtbot, kiosk, "GUZ2019999999", "1988-07-30", expected=PageId.LETTER)
    same = page.error_label.text()  # the same words; only the visit's tries left go down (kiosk.services.budgets)
    assert same.split(" After")[0] == wrong_date.split(" After")[0] and "found no case" in wrong_date
    assert "After 2 more" in wrong_date and "After 1 more" in same
    look_up(qtbot, kiosk, "GUZ20190001", "1988-07-30", expected=PageId.LETTER)
    assert "three letters and ten digits" in page.error_label.text()


def test_every_line_edit_has_no_context_menu(kiosk) -> None:
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    edits = kiosk.shell.findChildren(QLineEdit) + kiosk.shell.findChildren(QPlainTextEdit)
    assert len(edits) >= 8
    assert all(e.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu for e in edits)


def test_calendar_offers_only_bookable_days_and_explains_the_limits(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
    forward(qtbot, kiosk, PageId.CALENDAR)
    page = kiosk.wizard.page_of(PageId.CALENDAR)
    qtbot.waitUntil(lambda: bool(page.time_buttons()), timeout=10_000)
    month = page.month
    enabled = {d for d in (date(2026, 11, n) for n in range(1, 31)) if month.button_for(d).isEnabled()}
    assert min(enabled) == date(2026, 11, 4)  # 48 hours after Monday 09:00
    assert date(2026, 11, 7) not in enabled and date(2026, 11, 11) not in enabled  # Saturday, Veterans Day
    assert "48 hours" in page.rules.text() and "120 days" in page.rules.text() and "3 applicant" in page.rules.text()
    assert all("seat" in b.text() for b in page.time_buttons())
    # Wednesday 4 November is inside the change window (deadline Friday 30 October): marked, not pre-selected.
    assert month.selected == date(2026, 11, 5)
    assert "▲" in month.button_for(date(2026, 11, 4)).text() and "▲" not in month.button_for(date(2026, 11, 5)).text()
    assert "cannot be changed" in page.legend.text()
    forward(qtbot, kiosk)  # Next before a time is chosen: it says what to do, it is not a dead button
    assert kiosk.wizard.currentId() == PageId.CALENDAR and "Choose one of the free times" in page.error_label.text()
    assert "right" not in page.error_label.text()  # in portrait the times are below the month (seen live)
    month.choose(date(2026, 11, 4))
    first = page.time_buttons()[0].text()
    assert not first.startswith("08:30")  # 08:30 on Wednesday starts less than 48 hours from now
    assert "cannot be changed" in page.times_title.text()


def test_eligibility_lists_who_may_attend_and_who_may_not(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000016", "1970-05-05")  # a married child
    page = kiosk.wizard.page_of(PageId.ELIGIBILITY)
    from PySide6.QtWidgets import QLabel

    texts = [label.text() for label in page.findChildren(QLabel)]
    assert any("married" in t for t in texts)
    assert "Cannot attend (see above):" in texts and "  • LIANG FANG  梁芳" in texts  # both scripts


def test_next_with_an_empty_field_says_which_at_the_top_and_at_the_field(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk)
    page = kiosk.wizard.page_of(PageId.LETTER)
    type_into(qtbot, page.case_number, "GUZ2019000001")
    forward(qtbot, kiosk)  # Next is never a dead button
    assert kiosk.wizard.currentId() == PageId.LETTER
    assert "Enter the principal applicant's date of birth." in page.error_label.text()
    assert page.date_of_birth.property("invalid") and not page.case_number.property("invalid")
    assert page.field_errors_shown() == 1
    type_into(qtbot, page.date_of_birth, "1988-07-30")
    forward(qtbot, kiosk, PageId.ELIGIBILITY)


def test_the_consent_words_wrap_beside_their_box_and_touching_them_ticks_it(qtbot, kiosk) -> None:
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000012", "1975-08-08")
    forward(qtbot, kiosk, PageId.INQUIRY)
    page = kiosk.wizard.page_of(PageId.INQUIRY)
    words = page.consent_label
    assert words.wordWrap() and words.buddy() is page.consent
    assert page.consent.text() == "" and page.consent.accessibleName() == words.text() != ""
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert page.consent.isChecked() and page.consent.hasFocus()
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert not page.consent.isChecked()
    kiosk.languages.set_language("zh_CN")  # the box is called by its words in the visit's language
    assert page.consent.accessibleName() == words.text() != "" and words.text().isascii() is False


def test_the_case_number_hint_sits_under_the_case_number_not_under_the_date(qtbot, kiosk) -> None:
    """Seen live: "Three letters and ten digits…" stood under the date-of-birth field, as if it were the date's."""
    start_and_sign_up(qtbot, kiosk)
    page = kiosk.wizard.page_of(PageId.LETTER)

    def top(w):  # type: ignore[no-untyped-def]
        return w.mapTo(page, w.rect().topLeft()).y()

    assert top(page.case_number) < top(page.case_hint) < top(page.date_of_birth)
