"""The clerk console's main window: sign-in, then the screens in tabs; locks itself after idle minutes."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QStackedWidget, QTabWidget, QWidget

from kiosk.app.desk import Desk
from kiosk.services.clerk import StaffView
from ui.clerk.base import ClerkPage
from ui.clerk.calendar import CalendarPage
from ui.clerk.cases import CasesPage
from ui.clerk.check import CheckPage
from ui.clerk.inquiries import InquiriesPage
from ui.clerk.kiosks import KiosksPage
from ui.clerk.locks import LocksPage
from ui.clerk.reports import ReportsPage
from ui.clerk.signin import SignInPage
from ui.clerk.staff import StaffPage
from ui.worker import Runner

log = logging.getLogger(__name__)

_INPUT = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
                    QEvent.Type.MouseMove, QEvent.Type.TouchBegin})


class _InputWatch(QObject):
    """Any key, click, wheel or move anywhere in the application restarts the running idle timer."""

    def __init__(self, timer: QTimer, parent: QObject) -> None:
        super().__init__(parent)
        self.timer = timer

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and self.timer.isActive():
            self.timer.start()
        return False


class ClerkWindow(QMainWindow):
    def __init__(self, services: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.setWindowTitle(self.tr("Clerk console — U.S. immigrant visa appointments")
                            + (self.tr(" — DEMO") if services.demo else ""))
        self.signin = SignInPage(services, runner)
        self.signin.signed_in.connect(self.enter)
        self.cases = CasesPage(services, runner)
        self.inquiries = InquiriesPage(services, runner)
        self.calendar = CalendarPage(services, runner)
        self.check = CheckPage(services, runner)
        self.reports = ReportsPage(services, runner)
        self.staff = StaffPage(services, runner)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.cases, self.tr("&1 Cases"))
        self.tabs.addTab(self.inquiries, self.tr("&2 Inquiries"))
        self.tabs.addTab(self.calendar, self.tr("&3 Calendar"))
        self.tabs.addTab(self.check, self.tr("&4 Check a confirmation"))
        self.tabs.addTab(self.reports, self.tr("&5 Reports"))
        self.tabs.addTab(self.staff, self.tr("&6 Staff"))  # supervisors only: shown in enter()
        self.kiosks = KiosksPage(services, runner)
        self.tabs.addTab(self.kiosks, self.tr("&7 Kiosks"))
        self.locks = LocksPage(services, runner)
        self.tabs.addTab(self.locks, self.tr("&8 Locks"))
        # A write on one screen may change what another shows: each refreshes when next opened.
        for page in (self.cases, self.inquiries, self.calendar):
            page.changed.connect(self._stale)
        for screen in self.tabs.findChildren(ClerkPage):  # every screen and panel in it (the case actions …)
            screen.session_ended.connect(self.session_ended)
        self.tabs.currentChanged.connect(self._tab_opened)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.signin)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self.who = QLabel()
        self.statusBar().addPermanentWidget(self.who)
        self.sign_out_action = QAction(self.tr("Sign &out"), self)
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.sign_out_action.triggered.connect(self.sign_out)
        find = QAction(self.tr("&Find a case"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._find)
        menu = self.menuBar().addMenu(self.tr("&Session"))
        menu.addAction(find)
        menu.addAction(self.sign_out_action)
        self.sign_out_action.setEnabled(False)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        self._watch = _InputWatch(self.idle, self)
        app = QApplication.instance()
        assert app is not None, "the console window needs its QApplication"
        app.installEventFilter(self._watch)
        self.signin.reset()

    def enter(self, staff: StaffView) -> None:
        self.services.staff = staff
        self.who.setText(self.tr("Signed in: %1 (%2)").replace("%1", staff.display_name).replace("%2", staff.role))
        self.sign_out_action.setEnabled(True)
        self.cases.case_actions.show_case(None, [])  # the override box follows the role
        self.tabs.setTabVisible(self.tabs.indexOf(self.staff), staff.is_supervisor)
        self.idle.start(max(1, int(self.services.idle_lock_minutes * 60_000)))
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentWidget(self.cases)
        self.cases.query.setFocus()
        self.inquiries.reload()
        self.calendar.reload()
        self.locks.reload()
        if staff.is_supervisor:
            self.staff.reload()

    def sign_out(self) -> None:
        """Back to sign-in; nothing of the last case, queue, report or dialog stays on screen."""
        self.idle.stop()
        self.runner.forget()
        end_on_central = self.services.sign_out()  # forgotten here at once, whatever central says
        if end_on_central is not None:
            # On the worker, after what is already running there. Central unreachable (or refusing): the console
            # is signed out all the same and nothing is said; a copied token then holds until central's idle
            # expiry (30 minutes) at most, as before sign-out ended sessions on central.
            self.runner.submit(end_on_central, lambda _answer: None,
                               lambda exc: log.info("central did not end the session at sign-out: %s", exc))
        self.who.clear()
        self.sign_out_action.setEnabled(False)
        for dialog in self.findChildren(QDialog):  # the CSPA calculator, the file chooser
            dialog.reject()
        for page in (self.cases, self.inquiries, self.reports, self.staff, self.locks):
            page.clear()
        self.staff.table.setRowCount(0)
        self.check.payload.clear()
        self.check.verdict.clear()
        self.stack.setCurrentWidget(self.signin)
        self.signin.reset()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the console signs out first, so the session ends on central too (kiosk-clerk waits for the
        worker before it exits)."""
        if self.services.staff is not None:
            self.sign_out()
        super().closeEvent(event)

    def lock(self) -> None:
        """The idle timeout: sign out, and say why on the sign-in screen."""
        if self.services.staff is None:
            return
        minutes = self.services.idle_lock_minutes
        self.sign_out()
        self.signin.say(self.tr("Locked after %1 minute(s) without input. Sign in again.").replace(
            "%1", f"{minutes:g}"))

    def session_ended(self) -> None:
        """Central no longer holds this clerk's session (idle or signed in too long): sign out, say why."""
        if self.services.staff is None:
            return
        self.sign_out()
        self.signin.say(self.tr("Your session on central has ended (unused for too long, or signed in for "
                                "12 hours). Sign in again."), error=True)

    def _find(self) -> None:
        if self.services.staff is not None:
            self.tabs.setCurrentWidget(self.cases)
            self.cases.query.setFocus()
            self.cases.query.selectAll()

    def _stale(self) -> None:
        self._dirty = True

    def _tab_opened(self, _index: int) -> None:
        if getattr(self, "_dirty", False) and self.services.staff is not None:
            self._dirty = False
            self.inquiries.reload()
            self.calendar.reload()
            self.cases.refresh()
