"""The applicant's current booking, with the change rule and a two-step Cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout

from kiosk.domain.appointment import facts_at
from ui.i18n import fmt_change_rule, fmt_datetime
from ui.widgets.common import describe, named, role_label

if TYPE_CHECKING:
    from ui.pages.base import KioskPage


class BookingCard(QFrame):
    """Shows the booking; Cancel asks once more, then runs the cancel service through the page."""

    cancelled = Signal(object)  # CancelResult

    def __init__(self, page: KioskPage) -> None:
        super().__init__()
        self._page = page
        self._booking: Any = None
        self.setProperty("role", "card")
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 10, 16, 10)
        self.heading = role_label("subtitle")
        self.when = role_label()
        self.rule = role_label("hint")
        self.confirm_text = role_label("error")
        for w in (self.heading, self.when, self.rule, self.confirm_text):
            box.addWidget(w)
        row = QHBoxLayout()
        self.cancel_button = named(QPushButton(), "cancelBooking")
        self.confirm_button = named(QPushButton(), "confirmCancel")
        self.keep_button = named(QPushButton(), "keepBooking")
        self.confirm_button.setProperty("role", "primary")
        for b in (self.cancel_button, self.confirm_button, self.keep_button):
            row.addWidget(b)
        row.addStretch(1)
        box.addLayout(row)
        self.cancel_button.clicked.connect(lambda: self._asking(True))
        self.keep_button.clicked.connect(lambda: self._asking(False))
        self.confirm_button.clicked.connect(self._cancel)
        self._asking(False)

    def show_booking(self, booking: Any) -> None:
        self._booking = booking
        self._asking(False)
        self.retranslate()

    def _asking(self, asking: bool) -> None:
        self.confirm_text.setVisible(asking)
        self.confirm_button.setVisible(asking)
        self.keep_button.setVisible(asking)
        self.cancel_button.setVisible(not asking)

    def _cancel(self) -> None:
        number = self._page.visit.case_number
        self._asking(False)
        self._page.run(lambda: self._page.services.cancel(number), self.cancelled.emit,
                       busy_text=self.tr("Cancelling your appointment…"))

    def retranslate(self) -> None:
        b = self._booking
        if b is None:
            return
        self.heading.setText(self.tr("Your current appointment (reference %1)").replace("%1", b.reference))
        self.when.setText(fmt_datetime(b.start))
        self.rule.setText(fmt_change_rule(facts_at(b.start, b.change_deadline, self._page.services.now())))
        self.cancel_button.setEnabled(b.can_change)
        self.cancel_button.setText(self.tr("Cancel this appointment"))
        self.confirm_text.setText(self.tr("Cancel the appointment on %1? Your seats will be given to "
                                           "other applicants.").replace("%1", fmt_datetime(b.start)))
        self.confirm_button.setText(self.tr("Yes, cancel it"))
        self.keep_button.setText(self.tr("No, keep it"))
        describe(self.cancel_button, self.tr("Cancel this appointment"),
                 self.tr("Asks once more before anything is cancelled"))
        describe(self.confirm_button, self.tr("Yes, cancel it"), self.tr("Cancels the appointment now"))
        describe(self.keep_button, self.tr("No, keep it"), self.tr("Keeps the appointment as it is"))

    def clear(self) -> None:
        self._booking = None
        for w in (self.heading, self.when, self.rule, self.confirm_text):
            w.clear()
        self._asking(False)
