"""Staff management for supervisors: who has an account, unlock a locked one, add a clerk."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from kiosk.app.desk import Desk
from ui.clerk.base import ClerkPage, fill_table, make_table
from ui.worker import Runner


class StaffPage(ClerkPage):
    def __init__(self, services: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, parent)
        self.lines: list[Any] = []
        self.table = make_table([self.tr("User name"), self.tr("Name"), self.tr("Role"), self.tr("Failed sign-ins"),
                                 self.tr("Locked until")], self)
        self.table.setObjectName("staff")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Why? (required to unlock an account or add a clerk)"))
        self.unlock_button = QPushButton(self.tr("&Unlock the chosen account"), self)
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.clicked.connect(self.unlock)
        self.username, self.display_name = QLineEdit(self), QLineEdit(self)
        self.username.setObjectName("new_username")
        self.display_name.setObjectName("new_name")
        self.password, self.again = QLineEdit(self), QLineEdit(self)
        for edit, name in ((self.password, "new_password"), (self.again, "new_again")):
            edit.setObjectName(name)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("at least 15 characters; a short sentence works well"))
        self.add_button = QPushButton(self.tr("&Add clerk"), self)
        self.add_button.setObjectName("add")
        self.add_button.clicked.connect(self.add)
        refresh = QPushButton(self.tr("Re&fresh"), self)
        refresh.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(refresh)
        top.addStretch(1)
        act = QHBoxLayout()
        reason_label = QLabel(self.tr("&Reason"), self)
        reason_label.setBuddy(self.reason)
        act.addWidget(reason_label)
        act.addWidget(self.reason, 1)
        act.addWidget(self.unlock_button)
        new = QGroupBox(self.tr("New clerk (supervisors are created on the command line)"), self)
        form = QFormLayout(new)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Display name"), self.display_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.again)
        form.addRow("", self.add_button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        box.addLayout(act)
        box.addWidget(new)
        box.addWidget(self.message)

    def reload(self) -> None:
        self.run(self.services.staff_list, self._show)

    def _show(self, lines: list[Any]) -> None:
        self.lines = lines
        now = self.services.now()
        fill_table(self.table, [(x.username, x.display_name, x.role.value, x.failed_count,
                                 f"{x.locked_until:%Y-%m-%d %H:%M}" if x.locked(now) else "") for x in lines])

    def chosen(self) -> Any | None:
        row = self.table.currentRow()
        return self.lines[row] if 0 <= row < len(self.lines) and self.table.selectedItems() else None

    def choose(self, username: str) -> None:
        for i, x in enumerate(self.lines):
            if x.username == username:
                self.table.selectRow(i)

    def unlock(self) -> None:
        line, why = self.chosen(), self.reason.text()
        if line is None:
            self.say(self.tr("Choose an account first."), error=True)
            return
        self.run(lambda: self.services.unlock(line.username, why),
                 lambda x: self._written(self.tr("%1 is unlocked.").replace("%1", x.username)))

    def add(self) -> None:
        name, shown, pw, why = self.username.text(), self.display_name.text(), self.password.text(), self.reason.text()
        if pw != self.again.text():
            self.say(self.tr("The two passwords differ."), error=True)
            return
        self.run(lambda: self.services.add_clerk(name, pw, shown, why),
                 lambda x: self._written(self.tr("Clerk %1 added.").replace("%1", x.username)))

    def _failed(self, exc: BaseException) -> None:
        self.password.clear()
        self.again.clear()
        super()._failed(exc)

    def _written(self, text: str) -> None:
        self.clear()
        self.say(text)
        self.reload()

    def clear(self) -> None:
        """Typed passwords and reasons never outlive the action or the session."""
        for edit in (self.reason, self.username, self.display_name, self.password, self.again):
            edit.clear()
        self.say("")
