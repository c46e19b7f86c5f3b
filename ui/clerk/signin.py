"""Staff sign-in: user name and password; lockout after repeated failures (kiosk.services.clerk)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.app.desk import Desk
from kiosk.services.clerk import StaffView
from ui.clerk.base import ClerkPage
from ui.worker import Runner


class SignInPage(ClerkPage):
    signed_in = Signal(object)  # StaffView

    def __init__(self, services: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, parent)
        title = QLabel(self.tr("Clerk console — sign in"), self)
        title.setProperty("role", "title")
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton(self.tr("&Sign in"), self)
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        hint = QLabel(self)
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setText(self.tr(
            "No account yet? An operator creates one on this computer's command line:\n"
            "    uv run kiosk-clerk --add-staff USERNAME --role clerk   (or --role supervisor)\n"
            "It asks for the password twice (at least 15 characters; a short sentence works well).")
            if services.demo else self.tr("Forgot your password or locked out? Ask a supervisor."))
        form = QFormLayout()
        form.addRow(self.tr("&User name"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        box = QVBoxLayout(self)
        box.addStretch(1)
        box.addWidget(title)
        box.addLayout(form)
        box.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.message)
        box.addWidget(hint)
        box.addStretch(2)
        box.setContentsMargins(200, 20, 200, 20)

    def submit(self) -> None:
        name, pw = self.username.text(), self.password.text()
        if not name.strip() or not pw:
            self.say(self.tr("Type your user name and your password."), error=True)
            return
        self.button.setEnabled(False)
        self.say(self.tr("Checking …"))
        self.runner.op(lambda: self.services.sign_in(name, pw)).success(self._ok).failure(self._no).run()

    def _ok(self, staff: StaffView) -> None:
        self.button.setEnabled(True)
        self.password.clear()
        self.say("")
        self.signed_in.emit(staff)

    def _no(self, exc: BaseException) -> None:
        self.button.setEnabled(True)
        self.password.clear()
        self._failed(exc)

    def reset(self) -> None:
        self.username.clear()
        self.password.clear()
        self.say("")
        self.username.setFocus()
