"""The actions panel of a case: each needs a reason and lands in the audit log with who and when."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from kiosk.app.desk import Desk
from kiosk.domain.appointment import facts_at
from kiosk.i18n import facts
from kiosk.services.clerk import CaseView
from ui.clerk.base import ClerkPage
from ui.clerk.cspa import CspaDialog
from ui.worker import Runner


class ActionsPanel(ClerkPage):
    """Buttons for one case; `done` carries a line to show after a write succeeded."""

    done = Signal(str)

    def __init__(self, services: Desk, runner: Runner, parent: QWidget | None = None) -> None:
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
        reason_label = QLabel(self.tr("&Reason"), group)
        reason_label.setBuddy(self.reason)
        grid.addWidget(reason_label, 0, 0)
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
        grid.addWidget(self._button("reprint", self.tr("&Print confirmation"), group), 4, 3)
        self.language = QComboBox(group)
        self.language.setObjectName("printLanguage")
        self.language.addItem("中文 (Chinese)", "zh_CN")  # the applicant's language: ask them
        self.language.addItem("English", "en")
        grid.addWidget(self.language, 4, 4)
        # Booking on behalf: the move and whether the new time can still be changed, confirmed before it happens.
        self.confirm_text = QLabel(group)
        self.confirm_text.setObjectName("confirmText")
        self.confirm_text.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("Yes, book it"), group)
        self.confirm_button.setObjectName("confirmBook")
        self.confirm_button.clicked.connect(lambda: self._confirmed())
        self.keep_button = QPushButton(self.tr("No, go back"), group)
        self.keep_button.setObjectName("keepBooking")
        self.keep_button.clicked.connect(lambda: self._asking(False))
        grid.addWidget(self.confirm_text, 5, 0, 1, 3)
        grid.addWidget(self.confirm_button, 5, 3)
        grid.addWidget(self.keep_button, 5, 4)
        self._slots: dict[str, Any] = {}
        self.slot.currentIndexChanged.connect(lambda _: self._asking(False))
        self._asking(False)
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
        now = self.services.now()
        zone = view.timezone if view else "Asia/Shanghai"
        for s in slots:
            final = s.change_deadline is not None and facts_at(s.start, s.change_deadline, now).final
            self.slot.addItem(f"{facts.when(s.start, zone, 'en')}  ({s.seats_left}/{s.seats})"
                              + (self.tr("  ▲ final once booked") if final else ""), s.id)
        self._slots = {s.id: s for s in slots}
        self.slot.setCurrentIndex(-1)  # no default: the clerk chooses the time with the applicant
        self.slot.setPlaceholderText(self.tr("Choose a time"))
        self._asking(False)
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
            if not self._confirming:
                self._ask_to_book()
                return
            self._asking(False)
            kw = {"slot_id": self.slot.currentData()}
        elif name == "reprint":
            kw = {"language": self.language.currentData()}
        if name in ("book", "cancel") and self.override.isChecked():
            action = "override_" + name
        self.say(self.tr("Working …"))
        self.run(lambda: self.services.act(action, number, reason, **kw), lambda result: self._ok(name, result))

    def _asking(self, asking: bool) -> None:
        self._confirming = asking
        for w in (self.confirm_text, self.confirm_button, self.keep_button):
            w.setVisible(asking)

    def _ask_to_book(self) -> None:
        """Say the move in full before it happens: from which appointment, to which, and can it change."""
        slot, view = self._slots.get(self.slot.currentData()), self.case
        if slot is None or view is None:
            self.say(self.tr("Choose a time first."))
            return
        new = facts_at(slot.start, slot.change_deadline, self.services.now()) if slot.change_deadline else None
        when = facts.when(slot.start, view.timezone, "en")
        current = next((b for b in view.bookings if b.status == "active"), None)
        if current is not None:
            text = self.tr("Move case %1 from %2 to %3?").replace("%1", view.case_number).replace(
                "%2", facts.when(current.start, view.timezone, "en")).replace("%3", when)
        else:
            text = self.tr("Book case %1 for %2?").replace("%1", view.case_number).replace("%2", when)
        if new is not None:
            text += " " + (self.tr("▲ The new appointment can NOT be changed or cancelled once booked.") if new.final
                           else self.tr("The new appointment: %1").replace("%1", facts.change_rule(new, "en")))
        self.confirm_text.setText(text)
        self._asking(True)

    def _confirmed(self) -> None:
        self.trigger("book")

    def _ok(self, name: str, result: Any) -> None:
        self.reason.clear()
        if name == "reprint":
            text = self.tr("Confirmation written to %1").replace("%1", str(result))
        elif name == "book":
            zone = self.case.timezone if self.case else "Asia/Shanghai"
            text = self.tr("Booked: %1 at %2").replace("%1", result.reference).replace(
                "%2", facts.when(result.slot_start, zone, "en"))
        elif name == "cancel":
            text = self.tr("Cancelled booking %1").replace("%1", result.reference)
        else:
            text = self.tr("Recorded.")
        self.say(text)
        self.done.emit(text)
        self.changed.emit()
