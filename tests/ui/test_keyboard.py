"""Keyboard only: a whole visit with Tab, Enter, Space and typing; numeric hints; the on-screen keyboard's parts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWizard

from kiosk.store.models import Booking
from tests.ui.conftest import PASSPHRASE
from tests.ui.helpers import forward
from ui import keyboard
from ui.pages.ids import PageId

WAIT_MS = 10_000


class Keys:
    """What a visitor with a hardware keyboard (or a switch device mapped to keys) can do, and nothing else."""

    def __init__(self, qtbot, kiosk) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.kiosk = qtbot, kiosk

    def focus(self):  # type: ignore[no-untyped-def]
        return QApplication.focusWidget()

    def press(self, key: Qt.Key) -> None:
        target = self.focus()
        assert target is not None, "nothing has the keyboard focus"
        QTest.keyClick(target, key)

    def type(self, text: str) -> None:
        QTest.keyClicks(self.focus(), text)

    def tab_to(self, wanted, limit: int = 150):  # type: ignore[no-untyped-def]
        """Press Tab until `wanted` (a widget, or a test on the focused widget) has the focus."""
        test = wanted if callable(wanted) and not hasattr(wanted, "metaObject") else (lambda w: w is wanted)
        for _ in range(limit):
            w = self.focus()
            if w is not None and w.isVisible() and test(w):
                return w
            self.press(Qt.Key.Key_Tab)
        seen = []
        for _ in range(12):
            self.press(Qt.Key.Key_Tab)
            w = self.focus()
            seen.append(f"{type(w).__name__}:{w.objectName()}:{w.isVisible()}")
        raise AssertionError(f"Tab never reached the control (focus cycles through {seen})")

    def wizard_button(self, which: QWizard.WizardButton):  # type: ignore[no-untyped-def]
        return self.kiosk.wizard.button(which)

    def go_on(self, expected: PageId, which=QWizard.WizardButton.NextButton) -> None:  # type: ignore[no-untyped-def]
        button = self.wizard_button(which)
        self.qtbot.waitUntil(button.isEnabled, timeout=WAIT_MS)
        self.tab_to(button)
        self.press(Qt.Key.Key_Return)
        self.wait_for(expected)

    def wait_for(self, expected: PageId) -> None:
        wiz = self.kiosk.wizard
        self.qtbot.waitUntil(lambda: wiz.currentId() == expected, timeout=WAIT_MS)


@pytest.fixture
def keys(qtbot, kiosk) -> Keys:  # type: ignore[no-untyped-def]
    kiosk.shell.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None or kiosk.shell.isActiveWindow(), timeout=2000)
    kiosk.wizard.page_of(PageId.WELCOME).language_buttons["en"].setFocus()
    return Keys(qtbot, kiosk)


def test_a_whole_visit_can_be_done_with_the_keyboard_alone(qtbot, kiosk, keys, demo_db) -> None:
    wiz = kiosk.wizard
    # Welcome: a group of choices is one Tab stop; the arrow keys move inside it, Space chooses.
    welcome = wiz.page_of(PageId.WELCOME)
    keys.tab_to(welcome.language_buttons["en"])
    keys.press(Qt.Key.Key_Right)
    assert keys.focus() is welcome.language_buttons["zh_CN"]
    keys.press(Qt.Key.Key_Space)
    assert wiz.visit.language == "zh_CN"
    keys.press(Qt.Key.Key_Left)
    keys.press(Qt.Key.Key_Space)
    assert wiz.visit.language == "en"
    keys.tab_to(welcome.high_contrast)  # the display modes are reachable too
    keys.go_on(PageId.SIGN_IN)

    # Sign in: create an account; Enter moves from field to field and finally presses Next.
    sign_in = wiz.page_of(PageId.SIGN_IN)
    keys.tab_to(sign_in.sign_in_mode)
    keys.press(Qt.Key.Key_Right)
    keys.press(Qt.Key.Key_Space)
    assert sign_in.creating
    keys.tab_to(sign_in.username)
    keys.type("keyboard.only@example.cn")
    keys.press(Qt.Key.Key_Return)
    assert keys.focus() is sign_in.password
    keys.type(PASSPHRASE)
    keys.press(Qt.Key.Key_Return)  # shown as typed: no second copy to type
    keys.wait_for(PageId.LETTER)

    # Letter: the case number has the focus on arrival; Enter goes to the date, Enter on the date looks it up.
    letter = wiz.page_of(PageId.LETTER)
    qtbot.waitUntil(lambda: keys.focus() is letter.case_number, timeout=2000)
    keys.type("GUZ2019000001")
    keys.press(Qt.Key.Key_Return)
    assert keys.focus() is letter.date_of_birth
    keys.type("1988-07-30")
    keys.press(Qt.Key.Key_Return)
    keys.wait_for(PageId.ELIGIBILITY)

    keys.go_on(PageId.CALENDAR)
    calendar = wiz.page_of(PageId.CALENDAR)
    # (new buttons become visible one event-loop turn after they are added; a person is slower than that)
    qtbot.waitUntil(lambda: bool(calendar.time_buttons()) and calendar.time_buttons()[0].isVisible(), timeout=WAIT_MS)
    chosen = keys.tab_to(lambda w: w in calendar.time_buttons())
    keys.press(Qt.Key.Key_Space)
    assert chosen.isChecked() and wiz.visit.slot is not None
    keys.go_on(PageId.REVIEW)

    keys.go_on(PageId.DONE, QWizard.WizardButton.CommitButton)
    done = wiz.page_of(PageId.DONE)
    qtbot.waitUntil(lambda: bool(done.print_result.text()) and not done.busy, timeout=20_000)  # printed at once
    reference = done.reference.text()
    with demo_db.session() as s:
        assert s.get(Booking, reference) is not None

    keys.tab_to(keys.wizard_button(QWizard.WizardButton.FinishButton))
    keys.press(Qt.Key.Key_Return)
    keys.wait_for(PageId.WELCOME)


def test_times_follow_the_days_in_the_tab_order(qtbot, kiosk, keys) -> None:
    from tests.ui.helpers import forward, look_up, start_and_sign_up

    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
    forward(qtbot, kiosk, PageId.CALENDAR)
    calendar = kiosk.wizard.page_of(PageId.CALENDAR)
    qtbot.waitUntil(lambda: bool(calendar.time_buttons()) and calendar.time_buttons()[0].isVisible(), timeout=WAIT_MS)
    calendar.month.next_button.setFocus()
    back = keys.wizard_button(QWizard.WizardButton.BackButton)
    order = []
    for _ in range(80):
        keys.press(Qt.Key.Key_Tab)
        order.append(keys.focus())
        if keys.focus() is back:
            break
    assert order[-1] is back
    # The month is one Tab stop (arrows move between days), then the free times, then Back.
    assert any(w in calendar.time_buttons() for w in order), order
    first_time = next(i for i, w in enumerate(order) if w in calendar.time_buttons())
    assert any(w.property("role") == "day" for w in order[:first_time])


def test_fields_ask_the_on_screen_keyboard_for_the_right_layout(kiosk) -> None:
    hint = Qt.InputMethodHint
    letter = kiosk.wizard.page_of(PageId.LETTER)
    inquiry = kiosk.wizard.page_of(PageId.INQUIRY)
    sign_in = kiosk.wizard.page_of(PageId.SIGN_IN)
    # Case numbers: Latin letters with the digits row, never pinyin nor the symbols/number page.
    for field in (letter.case_number, inquiry.case_number):
        assert field.inputMethodHints() & hint.ImhLatinOnly
        assert not field.inputMethodHints() & (hint.ImhPreferNumbers | hint.ImhFormattedNumbersOnly)
    # Dates: the digits pad (19880730 is read as a date), not the calculator-like numbers layout.
    for field in (letter.date_of_birth, inquiry.date_of_birth):
        assert field.inputMethodHints() & hint.ImhDigitsOnly
        assert not field.inputMethodHints() & hint.ImhFormattedNumbersOnly
    # User names and e-mail: Latin letters on a Chinese visit too (no 陈 for "chen").
    assert sign_in.username.inputMethodHints() & hint.ImhLatinOnly
    assert sign_in.username.inputMethodHints() & hint.ImhNoPredictiveText
    assert sign_in.password.inputMethodHints() & hint.ImhSensitiveData


def test_the_date_of_birth_example_can_be_typed_on_the_digits_pad(qtbot, kiosk) -> None:
    """Seen live: the date field's hint said "year-month-day, e.g. 1988-07-30" over a digits pad that has
    no "-" key. The example shown (and the refusal's) is one the pad can type, and it is read as a date."""
    from kiosk.i18n.refusals import refusal_text
    from kiosk.services.letter import parse_date_of_birth

    pad = set("0123456789 .")
    for language in ("en", "zh_CN"):
        kiosk.languages.set_language(language)
        kiosk.wizard.visit.language = language
        for page_id in (PageId.LETTER, PageId.INQUIRY):
            field = kiosk.wizard.page_of(page_id).date_of_birth
            assert field.inputMethodHints() & Qt.InputMethodHint.ImhDigitsOnly
            example = field.placeholderText().split()[-1]
            assert set(example) <= pad and parse_date_of_birth(example), (language, field.placeholderText())
        try:
            parse_date_of_birth("1988-13-45")  # no such month
        except Exception as exc:  # noqa: BLE001 (the refusal the visitor reads)
            words = refusal_text(exc, language)
        assert "1988-07-30" not in words and "19880730" in words, words
    kiosk.languages.set_language("en")


def test_a_password_shown_on_screen_is_still_typed_as_is(qtbot, kiosk) -> None:
    """Seen live: "Show the password" (on by default when creating) made the keyboard capitalise the first
    letter ("My garden …"), while the hidden field at the next sign-in types "my garden …": refused."""
    hint = Qt.InputMethodHint
    sign_in = kiosk.wizard.page_of(PageId.SIGN_IN)
    for shown in (True, False, True):
        sign_in.show_password.setChecked(shown)
        for field in (sign_in.password, sign_in.repeat):
            hints = field.inputMethodHints()
            assert hints & hint.ImhNoAutoUppercase and hints & hint.ImhNoPredictiveText, (shown, hints)
            assert hints & hint.ImhLatinOnly and hints & hint.ImhSensitiveData, (shown, hints)


def test_a_touch_that_puts_the_keyboard_away_still_presses_its_button(qtbot, kiosk, keys) -> None:
    """Seen live: with the keyboard up, touching Next (or "Create an account") took the focus off the field,
    the keyboard went away on the press, the page moved down under the finger, and the release missed the
    button: nothing happened until a second touch. The room stays until the touch ends."""
    from tests.ui.screens import keyboard_px

    forward(qtbot, kiosk, PageId.SIGN_IN)
    page = kiosk.wizard.page_of(PageId.SIGN_IN)
    page.username.setFocus()
    kiosk.shell.keyboard_room(keyboard_px(1280))
    QApplication.processEvents()
    create = page.create_mode
    where = create.mapTo(kiosk.shell, create.rect().center())
    QTest.mousePress(kiosk.shell.windowHandle(), Qt.MouseButton.LeftButton, pos=where)
    keyboard.KEYBOARD._make_room()  # the keyboard went away on that press (offscreen: none is up)
    QApplication.processEvents()
    QTest.mouseRelease(kiosk.shell.windowHandle(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(kiosk.shell.status_row.isVisible, timeout=2000)  # the page has its room back once the touch ended
    assert page.creating  # the touch counted


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (1080, 1920)])
def test_the_page_stays_put_when_the_keyboard_comes_up(qtbot, kiosk, size) -> None:
    """Seen live: the touched field jumped up ~45 px under the finger as the keyboard came up (the DEMO
    banner and the header's buttons went away). A field the keys leave uncovered now stays where it was."""
    from tests.ui.screens import keyboard_px

    kiosk.shell.resize(*size)
    forward(qtbot, kiosk, PageId.SIGN_IN)
    page = kiosk.wizard.page_of(PageId.SIGN_IN)
    page.username.setFocus()
    QApplication.processEvents()
    before = page.username.mapTo(kiosk.shell, page.username.rect().topLeft())
    kiosk.shell.keyboard_room(keyboard_px(size[0]))
    QApplication.processEvents()
    after = page.username.mapTo(kiosk.shell, page.username.rect().topLeft())
    assert after == before
    assert kiosk.shell.demo_banner.isVisible() and not page.language_button.isVisible()
    kiosk.shell.keyboard_room(0)
    QApplication.processEvents()
    assert page.username.mapTo(kiosk.shell, page.username.rect().topLeft()) == before


def test_the_installed_pyside6_carries_the_virtual_keyboard_with_english_and_pinyin() -> None:
    parts = keyboard.installed_parts()
    missing = [k for k, ok in parts.items() if not ok and k != "libpulse"]
    assert not missing, missing


@pytest.mark.skipif(not shutil.which("xvfb-run") or not keyboard.available(),
                    reason="needs xvfb-run and libpulse0 for a real on-screen keyboard")
def test_the_virtual_keyboard_shows_for_a_text_field_and_switches_to_pinyin(tmp_path: Path) -> None:
    script = tmp_path / "vk.py"
    script.write_text(VK_SCRIPT, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", sys.executable, str(script)],
                          capture_output=True, text=True, timeout=120, env=env,
                          cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    assert "visible True" in done.stdout, done.stdout + done.stderr[-2000:]
    assert "locale zh_CN" in done.stdout, done.stdout + done.stderr[-2000:]
    # Seen live: a Latin-only field (user name, case number) on a Chinese visit got the pinyin layout in its
    # Latin mode, whose Shift key is blank; it gets the English layout, and the free-text field pinyin again.
    assert "latin-only en_US" in done.stdout and "free-text zh_CN" in done.stdout, done.stdout + done.stderr[-2000:]


VK_SCRIPT = """
import sys
sys.path.insert(0, ".")
from ui import keyboard
assert keyboard.enable_virtual_keyboard()
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit
from ui.i18n import Languages
app = QApplication([])
languages = Languages(app)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget
window = QWidget()
box = QVBoxLayout(window)
field = QLineEdit()
latin = QLineEdit()
latin.setInputMethodHints(Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText)
box.addWidget(field)
box.addWidget(latin)
window.resize(600, 140)
window.show()
window.activateWindow()
im = QGuiApplication.inputMethod()
def show():
    field.setFocus()
    im.show()
def english():
    print("visible", im.isVisible(), "locale", im.locale().name(), flush=True)
    languages.set_language("zh_CN")
def chinese():
    print("locale", im.locale().name(), flush=True)
    latin.setFocus()
def latin_only():
    print("latin-only", keyboard.KEYBOARD.layout_locale, flush=True)
    field.setFocus()
def free_text():
    print("free-text", keyboard.KEYBOARD.layout_locale, flush=True)
    app.quit()
QTimer.singleShot(300, show)
QTimer.singleShot(2500, english)
QTimer.singleShot(4000, chinese)
QTimer.singleShot(5000, latin_only)
QTimer.singleShot(6000, free_text)
QTimer.singleShot(20000, app.quit)
app.exec()
"""


def test_a_wrong_date_of_birth_leaves_the_focus_on_the_letter_not_on_sign_out(qtbot, kiosk, keys) -> None:
    """Seen live: after a miss the focus ring sat on "Sign out" (the fields were disabled while looking up,
    Qt moved the focus on, and it never came back): the letter's barcode scanned next ends with Enter,
    which presses the focused button and would sign the visitor out."""
    from tests.ui.helpers import start_and_sign_up

    start_and_sign_up(qtbot, kiosk)
    letter = kiosk.wizard.page_of(PageId.LETTER)
    qtbot.waitUntil(lambda: keys.focus() is letter.case_number, timeout=2000)
    keys.type("GUZ2019000001")
    keys.press(Qt.Key.Key_Return)
    keys.type("1988-07-31")  # one day off
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: letter.error_label.isVisible() and not letter.busy, timeout=WAIT_MS)
    assert keys.focus() is not letter.sign_out
    assert keys.focus() in (letter.case_number, letter.date_of_birth), keys.focus()


def test_the_calendar_opens_with_the_focus_on_the_day_not_the_language_switch(qtbot, kiosk, keys) -> None:
    """Seen live at every size: the calendar opened with the focus ring on the language switch (the month is
    disabled while the times load, and Qt moved the focus to the header): the orange ring drew the eye there."""
    from tests.ui.helpers import look_up, start_and_sign_up, to_calendar

    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
    calendar = to_calendar(qtbot, kiosk)
    qtbot.waitUntil(lambda: not calendar.busy and calendar.month.selected is not None, timeout=WAIT_MS)
    assert keys.focus() is not calendar.language_button
    assert keys.focus() is calendar.month.button_for(calendar.month.selected), keys.focus()
