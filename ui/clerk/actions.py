"""The actions panel of a case: each needs a reason and lands in the audit log with who and when."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from kiosk.services.clerk import CaseView
from ui.clerk.base import ClerkPage
from ui.clerk.cspa import CspaDialog
from ui.clerk.services import ClerkServices
from ui.worker import Runner


class ActionsPanel(ClerkPage):
    """Buttons for one case; `done` carries a line to show after a write succeeded."""

    done = Signal(str)

    def __init__(self, services: ClerkServices, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, parent)
        self.case: CaseView | None = None
        group = QGroupBox(self.tr("Actions (each is recorded with your name, the time and the reason)"), self)
        self.reason = QLineEdit(group)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Why? (required)"))
        self.child = QComboBox(group)
        self.child.setObjectName("child")
        self.slot = QComboBox(group)
        self.slot.setObjectName("slot")
        self.override = QCheckBox(self.tr("Supervisor &override (change window / closing time)"), group)
        self.override.setObjectName("override")
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout(group)
        grid.addWidget(QLabel(self.tr("&Reason"), group), 0, 0)
        grid.itemAtPosition(0, 0).widget().setBuddy(self.reason)
        grid.addWidget(self.reason, 0, 1, 1, 4)
        grid.addWidget(QLabel(self.tr("CSPA for"), group), 1, 0)
        grid.addWidget(self.child, 1, 1)
        grid.addWidget(self._button("cspa_protected", self.tr("Protected"), group), 1, 2)
        grid.addWidget(self._button("cspa_not_protected", self.tr("Not protected"), group), 1, 3)
        self.calculator = QPushButton(self.tr("CSPA &age …"), group)
        self.calculator.setObjectName("cspa_calculator")
        self.calculator.clicked.connect(self.open_calculator)
        grid.addWidget(self.calculator, 1, 4)
        grid.addWidget(QLabel(self.tr("Slot"), group), 2, 0)
        grid.addWidget(self.slot, 2, 1)
        grid.addWidget(self._button("book", self.tr("&Book / rebook"), group), 2, 2)
        grid.addWidget(self._button("cancel", self.tr("&Cancel booking"), group), 2, 3)
        grid.addWidget(self.override, 3, 1, 1, 3)
        grid.addWidget(self._button("contact", self.tr("Record con&tact"), group), 4, 0)
        grid.addWidget(self._button("interviewed", self.tr("Mark &interviewed"), group), 4, 1)
        grid.addWidget(self._button("class_changed", self.tr("Mark visa c&lass changed"), group), 4, 2)
        grid.addWidget(self._button("reprint", self.tr("Re&print (COPY)"), group), 4, 3)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(group)
        box.addWidget(self.message)
        self.setEnabled(False)

    def _button(self, name: str, text: str, parent: QWidget) -> QPushButton:
        b = QPushButton(text, parent)
        b.setObjectName(name)
        b.clicked.connect(lambda: self.trigger(name))
        self.buttons[name] = b
        return b

    def show_case(self, view: CaseView | None, slots: list[Any]) -> None:
        self.case = view
        self.setEnabled(view is not None)
        self.child.clear()
        for a in (view.applicants if view else ()):
            if a.role == "child":
                self.child.addItem(f"{a.surname} {a.given_names} ({a.id}) — CSPA: {a.cspa or '-'}", a.id)
        self.slot.clear()
        for s in slots:
            self.slot.addItem(f"{s.start:%a %Y-%m-%d %H:%M}  ({s.seats_left}/{s.seats})", s.id)
        is_supervisor = bool(self.services.staff and self.services.staff.is_supervisor)
        self.override.setVisible(is_supervisor)
        self.override.setChecked(False)
        for name in ("cspa_protected", "cspa_not_protected"):
            self.buttons[name].setEnabled(self.child.count() > 0)
        self.calculator.setEnabled(self.child.count() > 0)

    def open_calculator(self) -> CspaDialog | None:
        """The CSPA age of the chosen child; a decision recorded there refreshes the case like any action."""
        if self.case is None or self.child.currentData() is None:
            return None
        dialog = CspaDialog(self.services, self.runner, self.case.case_number, self.child.currentData(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(self._recorded)
        dialog.open()
        return dialog

    def _recorded(self, text: str) -> None:
        self.say(text)
        self.done.emit(text)
        self.changed.emit()

    def trigger(self, name: str) -> None:
        if self.case is None:
            return
        number, reason, kw = self.case.case_number, self.reason.text(), {}
        action = name
        if name.startswith("cspa_"):
            action, kw = "cspa", {"applicant_id": self.child.currentData(), "decision": name[5:]}
        elif name == "book":
            kw = {"slot_id": self.slot.currentData()}
        if name in ("book", "cancel") and self.override.isChecked():
            action = "override_" + name
        self.say(self.tr("Working …"))
        self.run(lambda: self.services.act(action, number, reason, **kw), lambda result: self._ok(name, result))

    def _ok(self, name: str, result: Any) -> None:
        self.reason.clear()
        if name == "reprint":
            text = self.tr("Copy written to %1").replace("%1", str(result))
        elif name == "book":
            text = self.tr("Booked: %1 at %2").replace("%1", result.reference).replace(
                "%2", f"{result.slot_start:%Y-%m-%d %H:%M}")
        elif name == "cancel":
            text = self.tr("Cancelled booking %1").replace("%1", result.reference)
        else:
            text = self.tr("Recorded.")
        self.say(text)
        self.done.emit(text)
        self.changed.emit()
