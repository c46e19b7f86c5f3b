"""Check a confirmation: paste (or scan) its QR payload → genuine and current, superseded, cancelled, forged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.app.desk import Desk
from kiosk.services.confirmation import ConfirmationCheck, ConfirmationState
from ui.clerk.base import ClerkPage
from ui.worker import Runner


class CheckPage(ClerkPage):
    def __init__(self, services: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, parent)
        intro = QLabel(self.tr("Scan the QR code of a confirmation (the scanner types it here), or paste its text."),
                       self)
        intro.setWordWrap(True)
        self.payload = QLineEdit(self)
        self.payload.setObjectName("payload")
        self.payload.setPlaceholderText("KIOSK1|GUZ-…|GUZ…|YYYY-MM-DDTHH:MM|…")
        self.payload.returnPressed.connect(self.check)
        go = QPushButton(self.tr("Chec&k"), self)
        go.clicked.connect(self.check)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict.setProperty("role", "subtitle")
        self.verdict.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.payload, 1)
        row.addWidget(go)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(row)
        box.addWidget(self.verdict)
        box.addWidget(self.message)
        box.addStretch(1)

    def check(self) -> None:
        text = self.payload.text()
        self.run(lambda: self.services.check_qr(text), self._show)

    def _show(self, result: ConfirmationCheck) -> None:
        texts = {
            ConfirmationState.CURRENT: self.tr("GENUINE and CURRENT: admit."),
            ConfirmationState.SUPERSEDED: self.tr("Genuine but SUPERSEDED: rebooked since as %1."),
            ConfirmationState.CANCELLED: self.tr("Genuine but CANCELLED."),
            ConfirmationState.STALE: self.tr("Genuine, but the printed time is no longer the booking's time."),
            ConfirmationState.UNKNOWN: self.tr("Genuine signature, but no such booking in this database."),
            ConfirmationState.NOT_GENUINE: self.tr("NOT GENUINE: forged, altered or not a kiosk confirmation."),
        }
        text = texts[result.state].replace("%1", result.current_reference or "-")
        if result.claims is not None:
            c = result.claims
            text += "\n" + self.tr("Booking %1, case %2, %3").replace("%1", c.reference).replace(
                "%2", c.case_number).replace("%3", f"{c.start:%Y-%m-%d %H:%M}")
        self.verdict.setProperty("state", result.state.value)
        self.verdict.style().polish(self.verdict)  # a dynamic property restyles only when polished
        self.verdict.setText(text)
        self.say("")
