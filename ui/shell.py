"""The kiosk shell: DEMO banner, status line, idle countdown and wipe, no way out without the operator."""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QPaintEvent, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QStyle, QVBoxLayout, QWidget,
)

from kiosk.sdnotify import notify
from kiosk.app.clock import PostClock
from ui.i18n import fmt_datetime
from ui.operator import OperatorPanel
from ui.pages.base import KioskPage
from ui.pages.ids import PageId
from ui.speech import Reader
from ui.style import screen_class, set_display_mode
from ui.scanner_status import ScannerMonitor, scanner_words
from ui.sync_status import (
    LinkMode,
    LinkMonitor,
    LinkState,
    booking_paused_text,
    out_of_order_text,
    outbox_text,
    status_text,
)
from ui.widgets.common import ShortFirstLabel, named, role_label
from ui.wizard import VisitWizard

IDLE_MS = 120_000  # no touch for two minutes: warn ...
WARN_MS = 30_000  # ... then count down 30 seconds and wipe
OPERATOR_KEYS = "Ctrl+Alt+Shift+O"
BOOKING_STEPS = (PageId.CALENDAR, PageId.REVIEW)  # where "bookings are paused" is said while offline
ICON_PX = 28
_INPUT_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.TouchBegin,
                 QEvent.Type.TouchUpdate, QEvent.Type.Wheel, QEvent.Type.InputMethod}


def collect_visit() -> None:
    """Free what a finished visit left in reference cycles. Only what was made since the last freeze is
    searched (start-up's and the preloaded modules' objects are frozen: ui/app.py), so this takes a
    millisecond or two, not a whole-heap pass; what survives is frozen in turn."""
    gc.collect()
    gc.freeze()


def _app() -> QCoreApplication:
    app = QApplication.instance()
    assert app is not None  # the shell lives inside the application
    return app


class KioskShell(QWidget):
    wiped = Signal()
    warning_shown = Signal()

    def __init__(self, wizard: VisitWizard, *, demo: bool, idle_ms: int = IDLE_MS, warn_ms: int = WARN_MS,
                 operator_pin: str | None = None, set_language: Callable[[str], None] | None = None,
                 link: LinkMonitor | None = None, scanner: ScannerMonitor | None = None) -> None:
        super().__init__()
        self.setObjectName("shell")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.wizard = wizard
        self._set_language = set_language
        self._allow_close = False
        self._room = 0  # px the on-screen keyboard covers at the bottom (keyboard_room)
        self._painted = False  # the first paint makes the wizard's other pages (after Welcome is on screen)
        self._finish_after_paint = False  # a wipe's clean-up waits for Welcome's paint
        box = self._box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        self.demo_banner = named(QLabel(alignment=Qt.AlignmentFlag.AlignCenter), "demoBanner")
        self.demo_banner.setVisible(demo)
        box.addWidget(self.demo_banner)
        inner = QVBoxLayout()
        inner.setContentsMargins(24, 12, 24, 12)
        # While central is away, the booking steps say so above the page (the pages need not know).
        self.link_notice = named(QFrame(), "linkNotice")
        self.link_notice.setProperty("role", "finding-block")
        notice_row = QHBoxLayout(self.link_notice)
        self.link_notice_icon = QLabel()
        self.link_notice_text = role_label()
        notice_row.addWidget(self.link_notice_icon, 0, Qt.AlignmentFlag.AlignTop)
        notice_row.addWidget(self.link_notice_text, 1)
        self.link_notice.hide()
        # As tall as its words, never more: the page below keeps the room (and the stretch).
        self.link_notice.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        inner.addWidget(self.link_notice)
        inner.addWidget(wizard, 1)
        box.addLayout(inner, 1)
        status = QHBoxLayout()
        status.setContentsMargins(12, 0, 0, 0)
        self.link_icon = named(QLabel(), "linkIcon")
        # Shares of the row: the link's state at most 1/3 (more wraps), the clock 2/5, the rest for the outbox.
        self.link_label = named(ShortFirstLabel(1 / 3), "statusLine")
        self.link_label.setWordWrap(True)  # a long state wraps; it never widens the window past the screen
        self.outbox_label = named(QLabel(), "statusLine")
        self.clock_label = named(ShortFirstLabel(2 / 5), "statusLine")
        self.clock_label.setWordWrap(True)  # in portrait with larger text: the clock wraps, not "Demo database"
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        status.addWidget(self.link_icon)
        status.addWidget(self.link_label, 1)
        status.addWidget(self.outbox_label)
        status.addWidget(self.clock_label)
        self.status_row = QWidget()
        self.status_row.setLayout(status)
        box.addWidget(self.status_row)
        self.link = link
        if link is not None:
            link.state_changed.connect(self.show_link)
        self.scanner = scanner
        if scanner is not None:
            scanner.state_changed.connect(self.show_link)
        self._demo = demo
        # Idle: a warning with a visible countdown, then the wipe.
        self.warning = named(QFrame(self), "idleWarning")
        wbox = QVBoxLayout(self.warning)
        self.warning_text = role_label()
        self.warning_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        wbox.addWidget(self.warning_text)
        # Any touch continues, but a person looks for a button to press: one says so.
        self.continue_button = named(QPushButton(self.warning), "continueVisit")
        self.continue_button.setProperty("role", "primary")
        self.continue_button.clicked.connect(self.touch)
        wbox.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignCenter)
        self.warning.hide()
        # No usable cache: one page over everything, saying where to go (the operator can still open).
        self.out_of_order = named(QFrame(self), "outOfOrder")
        self.out_of_order.setProperty("role", "finding-block")
        obox = QVBoxLayout(self.out_of_order)
        self.out_of_order_text = role_label()
        self.out_of_order_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.out_of_order_text.setWordWrap(True)
        obox.addWidget(self.out_of_order_text)
        self.out_of_order.hide()
        self._broken = False  # set from outside (start-up could not open any cache)
        self._idle = QTimer(self, singleShot=True, interval=idle_ms)
        self._idle.timeout.connect(self._warn)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._count_down)
        self._warn_seconds = max(1, warn_ms // 1000)
        self._warn_ms = warn_ms
        self._left = 0
        self._deadline = QTimer(self, singleShot=True)
        self._deadline.timeout.connect(self.wipe)
        self._clock = QTimer(self, interval=30_000)
        self._clock.timeout.connect(self._show_clock)
        self._clock.start()
        self.operator = OperatorPanel(self, operator_pin)
        self.operator.exit_requested.connect(self.exit_kiosk)
        QShortcut(QKeySequence(OPERATOR_KEYS), self, self.operator.open,
                  context=Qt.ShortcutContext.ApplicationShortcut)
        # One reading voice for every page: it stops whenever the page changes.
        self.reader = Reader(self)
        wizard.set_reader(self.reader)
        wizard.currentIdChanged.connect(lambda _id: self.reader.stop())
        wizard.visit_finished.connect(self.wipe)
        wizard.currentIdChanged.connect(lambda _id: self.touch())
        wizard.currentIdChanged.connect(lambda _id: self._show_notice())
        _app().installEventFilter(self)
        self.retranslate()
        self._show_clock()
        self._idle.start()

    # -- input, idle and wipe -------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu and not self.operator.isVisible():
            return True  # no context menu anywhere (Paste, Select All …) for visitors
        if kind in _INPUT_EVENTS:
            self.touch()
        elif self._room and kind in (QEvent.Type.Resize, QEvent.Type.Move) and obj is QApplication.focusWidget():
            QTimer.singleShot(0, self._show_focus)  # the field moved under the keyboard (a re-layout): follow it
        return False

    def touch(self) -> None:
        """Any input: hide the warning and start the idle time again."""
        if self.warning.isVisible():
            self.warning.hide()
            self._tick.stop()
            self._deadline.stop()
        self._idle.start()

    def set_idle(self, idle_ms: int, warn_ms: int) -> None:
        """Change the idle times (policy or tests) and start counting again."""
        self._idle.setInterval(idle_ms)
        self._warn_ms = warn_ms
        self._warn_seconds = max(1, warn_ms // 1000)
        self._idle.start()

    def _visit_started(self) -> bool:
        return self.wizard.currentId() != PageId.WELCOME or self.wizard.visit.language != "en"

    def _warn(self) -> None:
        if not self._visit_started():
            self._idle.start()  # nothing to wipe on an untouched Welcome page
            return
        self._left = self._warn_seconds
        self.warning.setGeometry(self.rect())
        self.warning.raise_()
        self.warning.show()
        self._update_warning()
        self._tick.start()
        self._deadline.start(self._warn_ms)
        self.warning_shown.emit()

    def _count_down(self) -> None:
        self._left = max(0, self._left - 1)
        self._update_warning()

    def _update_warning(self) -> None:
        self.warning_text.setText(self.tr(
            "Are you still there?\n\nFor your privacy this visit will be cleared in %n second(s).\n\n"
            "Touch the screen to continue.", "", self._left))
        self.continue_button.setText(self.tr("Continue"))

    def wipe(self) -> None:
        """Clear every field, drop the visit and every answer in flight, clear the clipboard, back to Welcome."""
        self._tick.stop()
        self._deadline.stop()
        self.warning.hide()
        self.reader.stop()
        self.operator.close_panel()
        self.wizard.start_over()
        self.wizard.services.forget_opened()  # what the look-up opened of a sealed case (memory only, no I/O)
        QGuiApplication.clipboard().clear()
        if self._set_language is not None:
            self._set_language("en")
        # Widgets removed from pages were scheduled for deletion: delete them now.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        # Once Welcome is painted: the hidden pages cleared one per event-loop turn, then the visit's garbage
        # collected, so neither delays Welcome (issue 19: no touch blocks the GUI thread longer than a frame).
        # `wiped` says when all of it is done.
        self._idle.start()
        if self.isVisible():
            self._finish_after_paint = True
            self.update()
        else:
            while self.wizard.clear_next_page():
                pass
            self._finish_wipe()

    def _finish_wipe(self) -> None:
        if self.wizard.clear_next_page():
            QTimer.singleShot(0, self, self._finish_wipe)
            return
        collect_visit()  # nothing on screen or in a page holds the visit any more: free what cycles still hold
        self.wiped.emit()

    def keyboard_room(self, height: int) -> None:
        """The on-screen keyboard covers `height` px at the bottom: the content ends above it, and the
        focused field scrolls into view there (Qt Virtual Keyboard resizes nothing by itself)."""
        self._room = max(0, height)
        m = self._box.contentsMargins()
        self._box.setContentsMargins(m.left(), m.top(), m.right(), self._room)
        # While typing, the status line (under the keys anyway) and the header's extras step aside; the DEMO
        # banner and the header's height stay, so the page does not jump up under the finger that touched the
        # field (seen live: ~45 px). Only a field the keys would cover scrolls up.
        self.status_row.setVisible(height == 0)
        page = self.wizard.currentPage()
        if isinstance(page, KioskPage):
            page.set_typing(height > 0)
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # settle the layouts, then scroll
        if self.operator.isVisible():
            self.operator.place()  # the PIN panel, its buttons too, above the keys
        self._show_focus()
        QTimer.singleShot(0, self._show_focus)  # again once the layouts have settled at the new height

    @property
    def keyboard_height(self) -> int:
        """The px the on-screen keyboard covers at the bottom now (0 without it)."""
        return self._room

    def _show_focus(self) -> None:
        """The focused field whole in view: its scroll area scrolls it there."""
        focus = QApplication.focusWidget()
        parent = focus.parentWidget() if focus is not None else None
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        form = parent.widget() if isinstance(parent, QScrollArea) else None
        if isinstance(parent, QScrollArea) and form is not None and focus is not None and self.isAncestorOf(focus):
            # By hand: ensureWidgetVisible measures in the parent's coordinates, off by the form's own offset.
            top = focus.mapTo(form, focus.rect().topLeft()).y() - 8
            bottom = top + focus.height() + 16
            bar, seen = parent.verticalScrollBar(), parent.viewport().height()
            if bottom - bar.value() > seen:
                bar.setValue(bottom - seen)
            if top < bar.value():
                bar.setValue(top)

    # -- leaving the app --------------------------------------------------------------------------
    def exit_kiosk(self) -> None:
        self.shutdown()
        _app().quit()

    def shutdown(self) -> None:
        """Stop every timer, let running work finish, release the application; then close."""
        self._allow_close = True
        for timer in (self._idle, self._tick, self._deadline, self._clock):
            timer.stop()
        if self.link is not None:
            self.link.stop()
        if self.scanner is not None:
            self.scanner.stop()
        self.reader.shutdown()
        self.wizard.runner.forget()
        self.wizard.printing.cancel()
        self.wizard.runner.wait_for_done()
        self.wizard.printing.wait_for_done()
        _app().removeEventFilter(self)
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._allow_close:
            event.ignore()  # Alt+F4, a window manager's close: only the operator may leave
            return
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.wizard.make_pages_later)
        if self._finish_after_paint:
            self._finish_after_paint = False
            QTimer.singleShot(0, self, self._finish_wipe)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Type and touch targets follow the screen's size class (the whole app restyles once per class).
        set_display_mode(screen=screen_class(event.size().width(), event.size().height()))
        self.warning.setGeometry(self.rect())
        self.out_of_order.setGeometry(self.rect())
        self.operator.place()
        super().resizeEvent(event)

    # -- text -------------------------------------------------------------------------------------
    def _show_clock(self) -> None:
        clock = getattr(self.wizard.services, "clock", None)
        if isinstance(clock, PostClock) and clock.timezone is None:
            # The post's zone is not known yet (the database is still opening): no time rather than the
            # machine's labelled as the post's ("Friday 21:05 (Beijing time)" on a Saturday morning there).
            self.clock_label.clear()
            return
        self.clock_label.setText(fmt_datetime(self.wizard.services.now()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.demo_banner.setText(self.tr("DEMO — practice data only. Nothing booked here is real."))
        self.out_of_order_text.setText(out_of_order_text())
        self.show_link()
        if self.warning.isVisible():
            self._update_warning()

    # -- the link to central ----------------------------------------------------------------------
    def show_link(self) -> None:
        """The status line: the link in words and an icon, the outbox depth for the operator."""
        state = self.link.state if self.link is not None else LinkState(LinkMode.DEMO if self._demo else LinkMode.LOCAL)
        text = status_text(state)
        scanner = self.scanner.state if self.scanner is not None else None
        if scanner is not None:  # the scanner's state in the same wrapping line: it never widens the window
            text = f"{text} · {scanner_words(scanner)}"
        self._show_clock()  # the time beside "last sync" / "offline since" is never older than they are
        self.link_label.setText(text)
        self.link_label.setAccessibleName(text)
        self.link_label.setProperty("link", "offline" if state.offline else "online")
        self.outbox_label.setText(outbox_text(state))
        self.outbox_label.setVisible(bool(self.outbox_label.text()))
        icon = None
        if state.mode.value == "central" and state.reachable is not None:
            icon = QStyle.StandardPixmap.SP_MessageBoxWarning if state.offline else QStyle.StandardPixmap.SP_DialogApplyButton
        self.link_icon.setVisible(icon is not None)
        if icon is not None:
            self.link_icon.setPixmap(self.style().standardIcon(icon).pixmap(ICON_PX, ICON_PX))
        self.link_notice_text.setText(booking_paused_text(state))
        self._show_notice()
        self._show_out_of_order()

    def set_out_of_order(self, broken: bool) -> None:
        """Start-up could not open a usable cache (or can again): cover everything with the out-of-order page."""
        self._broken = broken
        self._show_out_of_order()

    def is_out_of_order(self) -> bool:
        return self.out_of_order.isVisible()

    def _show_out_of_order(self) -> None:
        broken = self._broken or (self.link is not None and self.link.state.out_of_order)
        if broken == self.out_of_order.isVisible():
            return
        if broken:
            self.wipe()  # whatever visit was under way cannot go on
            self.out_of_order.setGeometry(self.rect())
            self.out_of_order.raise_()
            self.out_of_order.show()
        else:
            self.out_of_order.hide()
        notify("STATUS=OUT OF ORDER: no usable cache (see the journal)" if broken else "STATUS=Welcome on screen")

    def _show_notice(self) -> None:
        offline = self.link is not None and self.link.state.offline
        shown = offline and self.wizard.currentId() in BOOKING_STEPS
        if shown and self.link_notice_icon.pixmap().isNull():  # made when first needed: ~15 ms of start-up
            self.link_notice_icon.setPixmap(self.style().standardIcon(
                QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(ICON_PX * 3 // 2, ICON_PX * 3 // 2))
        self.link_notice.setVisible(shown)
