"""The kiosk on the screens it ships with: every page state, and what is wrong with its geometry.

Shared by the layout test (tests/ui/test_layout.py) and the screenshot script
(scripts/screenshots_sizes.py). Geometry, not pixels: a widget's rectangle in the window,
clipped by every ancestor (a scroll area's viewport clips what is scrolled away), against
the window, the keyboard and the other widgets.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QEventLoop, QRect
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QStyle, QStyleOptionButton, QWidget)

from ui.pages.ids import PageId

SIZES = [(1080, 1920), (1920, 1080), (1366, 768), (1280, 800), (1024, 768)]
MIN_TOUCH_PX = 44
PASSPHRASE = "a quiet walk along the pearl river"


def keyboard_px(width: int) -> int:
    """Qt Virtual Keyboard's height in desktop mode: the screen's width / 3.2 (measured under Xvfb:
    1080 → 338, 1920 → 600, 1366 → 427, 1280 → 400, 1024 → 320), plus the pinyin candidate bar."""
    return round(width / 3.2) + 0  # the candidate list is drawn inside that height


@dataclass(frozen=True)
class State:
    name: str
    page: PageId
    keyboard_field: str = ""  # objectName of the field typed into with the keyboard up


def settle(kiosk, until: Callable[[], bool] = lambda: True, timeout_ms: int = 15_000) -> None:  # type: ignore[no-untyped-def]
    """Run the event loop until `until()` holds, the worker is idle and no printout is on its way."""
    import time

    app = QApplication.instance()
    deadline = time.monotonic() + timeout_ms / 1000
    while time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if until() and not kiosk.runner.busy and not kiosk.wizard.printing.busy:
            break
    app.processEvents()


@contextmanager
def printer_held() -> Iterator[None]:
    """A slow printer: a printout started in the block waits until the block ends (Done while printing)."""
    import ui.printing

    gate, real = threading.Event(), ui.printing.print_pdf

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(30)
        return real(*args, **kwargs)

    ui.printing.print_pdf = held
    try:
        yield
    finally:
        gate.set()
        ui.printing.print_pdf = real


def print_again_held(kiosk) -> None:  # type: ignore[no-untyped-def]
    """On Done, inside printer_held(): touch Print again and wait until the page is on its way."""
    import time

    done, app = kiosk.wizard.page_of(PageId.DONE), QApplication.instance()
    done.print_button.click()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and (kiosk.runner.busy or not kiosk.wizard.printing.busy):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    app.processEvents()


def _is_shown(w: QWidget, top: QWidget) -> bool:
    return w.isVisibleTo(top) and w.isVisible()


def _rect_in(w: QWidget, top: QWidget) -> QRect:
    return QRect(w.mapTo(top, w.rect().topLeft()), w.size())


def _visible_part(w: QWidget, top: QWidget) -> QRect:
    """What of `w` can be seen: its rectangle clipped by each ancestor's up to the window."""
    r = _rect_in(w, top)
    p = w.parentWidget()
    while p is not None and p is not top:
        r = r.intersected(_rect_in(p, top))
        p = p.parentWidget()
    return r.intersected(top.rect())


def _checked_widgets(top: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QLabel)
    out = []
    for w in top.findChildren(QWidget):
        if not isinstance(w, kinds) or not _is_shown(w, top):
            continue
        if isinstance(w, QLabel) and not w.text() and w.pixmap().isNull():
            continue
        if isinstance(w, QAbstractButton) and not w.text() and not w.isEnabled():
            continue  # the blank cells of a month grid
        if w.window() is not top:
            continue
        out.append(w)
    return out


def _name(w: QWidget) -> str:
    text = w.text() if hasattr(w, "text") else ""
    text = text.replace("\n", " ")
    return f"{type(w).__name__}#{w.objectName() or '-'} {text[:40]!r}"


def _clipped(w: QWidget) -> bool:
    """Its text needs more room than its rectangle gives."""
    if isinstance(w, QLabel):
        if not w.text():
            return False
        inner = w.contentsRect()
        if w.wordWrap():
            return w.heightForWidth(w.width()) > w.height() + 1
        width = max(w.fontMetrics().horizontalAdvance(line) for line in w.text().split("\n"))
        lines = w.text().count("\n") + 1
        return width > inner.width() + 1 or lines * w.fontMetrics().lineSpacing() > inner.height() + 2
    if isinstance(w, QPushButton):
        # The text against the room inside the button's border and padding (as the style draws it).
        opt = QStyleOptionButton()
        w.initStyleOption(opt)
        inner = w.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, opt, w)
        lines = w.text().split("\n")
        width = max(w.fontMetrics().horizontalAdvance(line) for line in lines)
        return width > inner.width() + 1 or len(lines) * w.fontMetrics().height() > inner.height() + 2
    if isinstance(w, QCheckBox):
        return w.sizeHint().width() > w.width() + 1
    return False


def problems(shell: QWidget, keyboard: int = 0) -> list[str]:
    """Every widget a visitor reads or touches: inside the window (above the keyboard), whole, apart, ≥ 44 px."""
    out: list[str] = []
    window = QRect(0, 0, shell.width(), shell.height() - keyboard)
    widgets = _checked_widgets(shell)
    focus = QApplication.focusWidget()
    if keyboard:
        # Keyboard up: the field typed into must be whole and above the keys; the rest may scroll away.
        if focus is None or not isinstance(focus, (QLineEdit, QPlainTextEdit)):
            return [f"keyboard up but the focus is on {focus!r}"]
        seen = _visible_part(focus, shell)
        if seen != _rect_in(focus, shell) or not window.contains(seen):
            out.append(f"{_name(focus)} typed into, {seen} visible of {_rect_in(focus, shell)}, "
                       f"keyboard from y={window.bottom() + 1}")
        return out
    interactive = [w for w in widgets if not isinstance(w, QLabel)]
    for w in widgets:
        full, seen = _rect_in(w, shell), _visible_part(w, shell)
        if seen != full or not window.contains(full):
            out.append(f"{_name(w)} outside the visible window: {full} shows {seen}")
        elif _clipped(w):
            out.append(f"{_name(w)} clipped: needs {w.sizeHint().width()}x{w.heightForWidth(w.width()) if isinstance(w, QLabel) else w.sizeHint().height()}, has {w.width()}x{w.height()}")
    for w in interactive:
        if w.height() < MIN_TOUCH_PX or w.width() < MIN_TOUCH_PX:
            out.append(f"{_name(w)} under {MIN_TOUCH_PX} px: {w.width()}x{w.height()}")
    rects = [(w, _visible_part(w, shell).adjusted(1, 1, -1, -1)) for w in widgets]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            if ra.intersects(rb) and not a.isAncestorOf(b) and not b.isAncestorOf(a):
                out.append(f"{_name(a)} overlaps {_name(b)}")
    return out


# -- the states of a visit ------------------------------------------------------------------------------
def _forward(kiosk) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWizard

    wiz = kiosk.wizard
    start = wiz.currentId()
    for which in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.NextButton):
        if wiz.button(which).isVisible():
            settle(kiosk, wiz.button(which).isEnabled)
            wiz.button(which).click()
            break
    settle(kiosk, lambda: wiz.currentId() != start or wiz.currentPage().error_label.isVisible())


def _visitor(kiosk, user: str, case_number: str, dob: str) -> None:  # type: ignore[no-untyped-def]
    """Wiped, then: Welcome → sign up → letter → Your case."""
    kiosk.shell.wipe()
    settle(kiosk)
    _forward(kiosk)
    page = kiosk.wizard.page_of(PageId.SIGN_IN)
    page.create_mode.click()
    page.username.setText(user)
    page.password.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE)
    _forward(kiosk)
    letter = kiosk.wizard.page_of(PageId.LETTER)
    letter.case_number.setText(case_number)
    letter.date_of_birth.setText(dob)
    _forward(kiosk)


def visit_states(kiosk, db, now) -> Iterator[State]:  # type: ignore[no-untyped-def]
    """Drive the kiosk through every page state worth looking at; yields each once it is on screen."""
    from kiosk.services.booking import book

    wiz = kiosk.wizard
    kiosk.shell.wipe()
    settle(kiosk)
    yield State("01-welcome", PageId.WELCOME)
    _forward(kiosk)
    sign_in = wiz.page_of(PageId.SIGN_IN)
    yield State("02-sign-in", PageId.SIGN_IN)
    sign_in.create_mode.click()
    sign_in.password.setText("short")
    yield State("03-create-account", PageId.SIGN_IN)
    for field in ("username", "password", "repeat"):
        yield State(f"03-create-account-keyboard-{field}", PageId.SIGN_IN, field)
    sign_in.username.setText("lin.mei@example.cn")
    sign_in.password.setText(PASSPHRASE)
    sign_in.repeat.setText(PASSPHRASE)
    _forward(kiosk)
    yield State("04-letter", PageId.LETTER)
    for field in ("caseNumber", "dateOfBirth"):
        yield State(f"04-letter-keyboard-{field}", PageId.LETTER, field)
    letter = wiz.page_of(PageId.LETTER)
    letter.case_number.setText("guz 2019 000001")
    letter.date_of_birth.setText("1988-07-30")
    _forward(kiosk)
    yield State("05-eligibility-schedule", PageId.ELIGIBILITY)
    _forward(kiosk)
    cal = wiz.page_of(PageId.CALENDAR)
    settle(kiosk, lambda: bool(cal.time_buttons()))
    five = next((d for d, slots in sorted(cal._slots.items()) if len(slots) >= 5), None)
    if five is not None:
        cal.month.choose(five)
        settle(kiosk)
    yield State("06-calendar-five-times", PageId.CALENDAR)
    cal.time_buttons()[-1].click()
    yield State("07-calendar-time-chosen", PageId.CALENDAR)
    _forward(kiosk)
    yield State("08-review", PageId.REVIEW)
    # The time is taken by someone else before Confirm: back on the calendar, the nearest others are offered.
    slot = wiz.visit.slot
    with db.transaction() as s:  # another kiosk takes the last seats meanwhile
        from kiosk.store.models import SlotRow

        row = s.get(SlotRow, slot.id)
        row.taken = row.seats - row.lent
    _forward(kiosk)
    settle(kiosk, lambda: wiz.currentId() == PageId.CALENDAR and bool(cal.alternative_buttons()))
    alt = cal.alternative_buttons()
    assert alt, "the calendar offers the nearest free times, the lost one left out"
    yield State("09-calendar-time-lost", PageId.CALENDAR)
    alt = cal.alternative_buttons()  # (the same buttons, relabelled in each language)
    if alt:
        alt[0].click()
        _forward(kiosk)
        review = wiz.page_of(PageId.REVIEW)
        if review.understand.isVisible():
            review.understand.setChecked(True)
        _forward(kiosk)
    yield State("10-done-booked", PageId.DONE)
    with printer_held():
        print_again_held(kiosk)
        yield State("10-done-printing", PageId.DONE)
    settle(kiosk)

    _visitor(kiosk, "he.ping@example.cn", "GUZ2019000012", "1975-08-08")
    yield State("11-eligibility-inquiry", PageId.ELIGIBILITY)
    _forward(kiosk)
    yield State("12-inquiry", PageId.INQUIRY)
    inquiry = wiz.page_of(PageId.INQUIRY)
    texts = [w for w in inquiry.findChildren(QWidget)
             if isinstance(w, (QLineEdit, QPlainTextEdit)) and w.isVisible() and w.objectName()]
    for w in texts:
        yield State(f"12-inquiry-keyboard-{w.objectName()}", PageId.INQUIRY, w.objectName())
    # Sent: Done with where the answer goes, by when and what happens next (the receipt's words).
    inquiry.contact.setText("广州市天河区华夏路 1 号 <he.ping@example.cn>")
    inquiry.consent.setChecked(True)
    _forward(kiosk)
    settle(kiosk, lambda: wiz.currentId() == PageId.DONE)
    yield State("12d-done-inquiry", PageId.DONE)
    settle(kiosk)

    if kiosk.services.scanner is not None:
        yield from _scan_states(kiosk)

    _visitor(kiosk, "zhao@example.cn", "GUZ2019000003", "1955-11-20")
    yield State("13-eligibility-wait", PageId.ELIGIBILITY)
    _visitor(kiosk, "ma.ling@example.cn", "GUZ2019000010", "1996-10-10")
    yield State("14-eligibility-not-handled", PageId.ELIGIBILITY)
    book(db, "GUZ2019000022", "2026-11-20T09:30", now=now)
    _visitor(kiosk, "priya@example.cn", "GUZ2019000022", "1992-02-29")
    yield State("15-eligibility-reschedule", PageId.ELIGIBILITY)
    _visitor(kiosk, "luo.bin@example.cn", "GUZ2019000014", "1984-11-11")
    yield State("16-eligibility-group", PageId.ELIGIBILITY)


def scanner_for_screens(dpi: int = 30):  # type: ignore[no-untyped-def]
    """The kiosk's scanner as SANE's test backend (no hardware), an A4-like page (the backend's max is 200 mm)."""
    from kiosk.scan.device import KioskScanner
    from kiosk.scan.scanner import Scanner

    return KioskScanner(Scanner("test", resolution=dpi, mode="Gray",
                                extra=("-x", "150", "-y", "200", "--test-picture", "Grid")))


def _scan_states(kiosk) -> Iterator[State]:  # type: ignore[no-untyped-def]
    """A spouse not on the letter: the scan step asks for the marriage certificate; scanned; then a jam."""
    from dataclasses import replace

    wiz, scanner = kiosk.wizard, kiosk.services.scanner
    scanner.probe()
    _visitor(kiosk, "deng.na@example.cn", "GUZ2019000019", "1989-03-21")
    wiz.page_of(PageId.ELIGIBILITY).findChild(QPushButton, "inquiry_DERIVATIVE_NOT_ON_LETTER").click()
    settle(kiosk, lambda: wiz.currentId() == PageId.SCAN)
    yield State("12s-scan-ask", PageId.SCAN)
    page = wiz.page_of(PageId.SCAN)
    page.scan_button.click()
    settle(kiosk, page.preview.has_image)
    yield State("12s-scan-preview", PageId.SCAN)
    real = scanner.scanner
    # At a low resolution: the test backend, jammed over many buffers, now and then exits 0 with no image instead.
    scanner.scanner = replace(real, resolution=30, extra=(*real.extra, "--read-return-value", "SANE_STATUS_JAMMED"))
    page.scan_button.click()
    settle(kiosk, page.error_label.isVisible)
    scanner.scanner = real
    yield State("12s-scan-jammed", PageId.SCAN)
