"""The CSPA calculator dialog: a child's CSPA age from the case and the bulletin history, then the decision."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.app.desk import Desk
from kiosk.domain.cspa import CspaStatus
from ui.clerk.base import ClerkPage, session_expired
from ui.refusals import plain_message
from ui.worker import Runner


def _label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class CspaDialog(QDialog):
    """Opened from a case's actions; `recorded` carries the line to show after the decision was written."""

    recorded = Signal(str)

    def __init__(self, services: Desk, runner: Runner, case_number: str, applicant_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.case_number, self.applicant_id = case_number, applicant_id
        self.result: Any = None
        self.setWindowTitle(self.tr("CSPA age calculator — %1").replace("%1", applicant_id))
        self.setMinimumWidth(720)
        self.facts = _label(self, "facts")
        self.working = _label(self, "working")
        self.verdict = _label(self, "verdict")
        self.verdict.setProperty("role", "subtitle")
        self.deadline = _label(self, "deadline")
        self.message = _label(self, "message")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Why? (required) — the calculation is filled in; add the memo"))
        self.protected = QPushButton(self.tr("Record: &protected"), self)
        self.protected.setObjectName("protected")
        self.not_protected = QPushButton(self.tr("Record: &not protected"), self)
        self.not_protected.setObjectName("not_protected")
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.reject)
        self.protected.clicked.connect(lambda: self.record("protected"))
        self.not_protected.clicked.connect(lambda: self.record("not_protected"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.protected)
        buttons.addWidget(self.not_protected)
        buttons.addStretch(1)
        buttons.addWidget(close)
        box = QVBoxLayout(self)
        for w in (self.facts, self.working, self.verdict, self.deadline):
            box.addWidget(w)
        reason_label = QLabel(self.tr("&Reason for the decision"), self)
        reason_label.setBuddy(self.reason)
        box.addWidget(reason_label)
        box.addWidget(self.reason)
        box.addLayout(buttons)
        box.addWidget(self.message)
        self._enable(False)
        self.facts.setText(self.tr("Calculating …"))
        runner.op(lambda: services.cspa(case_number, applicant_id)).success(self.show_result) \
            .failure(self._failed).run()

    def _enable(self, on: bool) -> None:
        self.protected.setEnabled(on)
        self.not_protected.setEnabled(on)
        self.reason.setEnabled(on)

    def _failed(self, exc: BaseException) -> None:
        if self._ended(exc):
            return
        text = plain_message(exc) or self.tr("Something went wrong; the error was logged.")
        self.facts.setText(self.tr("The CSPA age cannot be calculated: %1").replace("%1", text))
        self.message.setProperty("role", "error")

    def show_result(self, r: Any) -> None:
        self.result, age = r, r.age
        self.facts.setText(self.tr(
            "%1 (%2), born %3 — decision on file: %4\nVisa class %5 (%6), priority date %7, "
            "petition filed %8, approved %9").replace("%1", r.name).replace("%2", r.applicant_id).replace(
            "%3", str(r.date_of_birth)).replace("%4", r.recorded or self.tr("none")).replace(
            "%5", r.visa_class).replace("%6", age.category).replace("%7", str(r.priority_date or "-")).replace(
            "%8", str(r.petition_filed or "-")).replace("%9", str(r.petition_approved or "-")))
        if age.status is CspaStatus.NOT_YET_AVAILABLE:
            self.working.setText(self.tr(
                "The priority date was not current in any recorded bulletin month for %1 (this chargeability, "
                "or All areas). A visa is not yet available, so there is no CSPA age yet.").replace(
                "%1", age.category))
            self.verdict.setText(self.tr("Not yet available"))
            self.deadline.clear()
            return
        years_days = self.tr("%1 years %2 days").replace("%1", str(age.years)).replace("%2", str(age.days))
        if age.status is CspaStatus.IMMEDIATE_RELATIVE:
            self.working.setText(self.tr("Immediate relative: the age is frozen on the petition's filing "
                                         "date, %1.").replace("%1", str(age.age_date)))
            self.deadline.setText(self.tr("No \"sought to acquire\" deadline applies."))
            basis = self.tr("Immediate relative, age at filing")
        else:
            self.working.setText(self.tr(
                "Visa available %1: the later of the approval (%2) and the first day of %3, the first recorded "
                "month the priority date was current. Petition pending %4 days, subtracted: the age is "
                "measured on %5.").replace("%1", str(age.visa_available)).replace(
                "%2", str(r.petition_approved)).replace("%3", age.current_month).replace(
                "%4", str(age.pending_days)).replace("%5", str(age.age_date)))
            passed = self.services.now().date() > age.deadline
            self.deadline.setText(self.tr("Must have sought to acquire the visa by %1 (one year after it became "
                                          "available)%2").replace("%1", str(age.deadline)).replace(
                "%2", self.tr(" — that date has passed") if passed else "."))
            basis = self.tr("visa available %1, pending %2 days").replace("%1", str(age.visa_available)).replace(
                "%2", str(age.pending_days))
        under = bool(age.under_21)
        self.verdict.setText(self.tr("CSPA age %1 — %2").replace("%1", years_days).replace(
            "%2", self.tr("under 21") if under else self.tr("21 or over")))
        self.verdict.setProperty("state", "current" if under else "not_genuine")
        self.verdict.style().polish(self.verdict)
        self.reason.setText(self.tr("CSPA age %1 (%2)").replace("%1", years_days).replace("%2", basis))
        self._enable(True)
        (self.protected if under else self.not_protected).setDefault(True)

    def record(self, decision: str) -> None:
        why, number, child = self.reason.text(), self.case_number, self.applicant_id
        self._enable(False)
        self.runner.op(lambda: self.services.act("cspa", number, why, applicant_id=child, decision=decision)) \
            .success(lambda _r: self._done(decision)).failure(self._refused).run()

    def _ended(self, exc: BaseException) -> bool:
        """Central ended the clerk's session: the dialog closes and the page it belongs to says so."""
        page = self.parent()
        if not session_expired(exc) or not isinstance(page, ClerkPage):
            return False
        self.reject()
        page.session_ended.emit()
        return True

    def _refused(self, exc: BaseException) -> None:
        if self._ended(exc):
            return
        self._enable(True)
        self.message.setProperty("role", "error")
        self.message.style().polish(self.message)
        self.message.setText(plain_message(exc) or self.tr("Something went wrong; the error was logged."))

    def _done(self, decision: str) -> None:
        self.recorded.emit(self.tr("CSPA decision recorded: %1").replace("%1", decision))
        self.accept()

