"""Applicants' locks: a locked account, a case number refused for letter look-ups; a clerk lifts one with a reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.app.desk import Desk
from ui.clerk.base import ClerkPage, fill_table, make_table
from ui.worker import Runner


class LocksPage(ClerkPage):
    def __init__(self, services: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, parent)
        self.lines: list[Any] = []
        self.table = make_table([self.tr("Lock"), self.tr("Account or case"), self.tr("Failed tries"),
                                 self.tr("Locked until")], self)
        self.table.setObjectName("locks")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Why? (required; e.g. identity checked at the counter)"))
        self.clear_button = QPushButton(self.tr("&Lift the chosen lock"), self)
        self.clear_button.setObjectName("clearLock")
        self.clear_button.clicked.connect(self.lift)
        refresh = QPushButton(self.tr("Re&fresh"), self)
        refresh.clicked.connect(self.reload)
        act = QHBoxLayout()
        label = QLabel(self.tr("&Reason"), self)
        label.setBuddy(self.reason)
        act.addWidget(label)
        act.addWidget(self.reason, 1)
        act.addWidget(self.clear_button)
        box = QVBoxLayout(self)
        box.addWidget(refresh)
        box.addWidget(self.table, 1)
        box.addLayout(act)
        box.addWidget(self.message)

    def reload(self) -> None:
        self.run(self.services.applicant_locks, self._show)

    def _show(self, lines: list[Any]) -> None:
        self.lines = lines
        kinds = {"account": self.tr("Applicant's account"), "letter": self.tr("Letter look-up")}
        fill_table(self.table, [(kinds.get(x.kind, x.kind), x.key, x.failures, f"{x.locked_until:%Y-%m-%d %H:%M}")
                                for x in lines])

    def lift(self) -> None:
        row = self.table.currentRow()
        line = self.lines[row] if 0 <= row < len(self.lines) and self.table.selectedItems() else None
        if line is None:
            self.say(self.tr("Choose a lock first."), error=True)
            return
        why = self.reason.text()
        self.run(lambda: self.services.clear_lock(line.kind, line.key, why), lambda _: self._lifted(line.key))

    def _lifted(self, key: str) -> None:
        self.reason.clear()
        self.say(self.tr("The lock on %1 is lifted.").replace("%1", key))
        self.reload()

    def clear(self) -> None:
        self.reason.clear()
        self.table.setRowCount(0)
        self.lines = []
