"""The clerk console's main window: sign-in, then cases, inquiries, calendar and the QR check in tabs."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QTabWidget, QWidget

from kiosk.services.clerk import StaffView
from ui.clerk.calendar import CalendarPage
from ui.clerk.cases import CasesPage
from ui.clerk.check import CheckPage
from ui.clerk.inquiries import InquiriesPage
from ui.clerk.services import ClerkServices
from ui.clerk.signin import SignInPage
from ui.worker import Runner


class ClerkWindow(QMainWindow):
    def __init__(self, services: ClerkServices, runner: Runner, parent: QWidget | None = None) -> None:
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
        self.tabs = QTabWidget()
        self.tabs.addTab(self.cases, self.tr("&1 Cases"))
        self.tabs.addTab(self.inquiries, self.tr("&2 Inquiries"))
        self.tabs.addTab(self.calendar, self.tr("&3 Calendar"))
        self.tabs.addTab(self.check, self.tr("&4 Check a confirmation"))
        # A write on one screen may change what another shows: each refreshes when next opened.
        for page in (self.cases, self.inquiries, self.calendar):
            page.changed.connect(self._stale)
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
        self.signin.reset()

    def enter(self, staff: StaffView) -> None:
        self.services.staff = staff
        self.who.setText(self.tr("Signed in: %1 (%2)").replace("%1", staff.display_name).replace("%2", staff.role))
        self.sign_out_action.setEnabled(True)
        self.cases.actions.show_case(None, [])  # the override box follows the role
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.setCurrentWidget(self.cases)
        self.cases.query.setFocus()
        self.inquiries.reload()
        self.calendar.reload()

    def sign_out(self) -> None:
        """Back to sign-in; nothing of the last case stays on screen."""
        self.runner.forget()
        self.services.staff = None
        self.who.clear()
        self.sign_out_action.setEnabled(False)
        self.cases.query.clear()
        self.cases.view = None
        self.cases.actions.show_case(None, [])
        self.cases.results.setRowCount(0)
        self.stack.setCurrentWidget(self.signin)
        self.signin.reset()

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
