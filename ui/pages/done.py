"""Done: the booking (or cancellation, or inquiry) reference, what to bring, and printing."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton, QWizard

from ui.pages.base import KioskPage
from ui.services import VisitServices
from ui.widgets.common import Card, clear_layout, role_label


class DonePage(KioskPage):
    def __init__(self, services: VisitServices, printer: Any = None) -> None:
        super().__init__(services)
        self._printer = printer  # ui.printing's confirmation printer, when one is configured
        self.headline = role_label("subtitle")
        self.reference = role_label("reference")
        self.reference.setObjectName("reference")
        self.box.addWidget(self.headline)
        self.box.addWidget(self.reference)
        self.details = Card()
        self.box.addWidget(self.details)
        self.print_button = QPushButton(objectName="printConfirmation")
        self.print_button.setProperty("role", "primary")
        self.print_button.clicked.connect(self._print)
        self.box.addWidget(self.print_button)
        self.box.addStretch(1)
        self.add_status_labels()
        self.setFinalPage(True)
        self.retranslate()

    def nextId(self) -> int:  # noqa: N802 (Qt name)
        return -1

    def kind(self) -> str:
        result = self.visit.result if self.wizard() is not None else None
        if result is None:
            return ""
        if hasattr(result, "slot_start"):
            return "booked"
        if hasattr(result, "released"):
            return "cancelled"
        return "inquiry"

    def initializePage(self) -> None:  # noqa: N802 (Qt name)
        self.render()

    def render(self) -> None:
        clear_layout(self.details.layout())
        kind, r = self.kind(), self.visit.result if self.wizard() is not None else None
        self.print_button.setVisible(kind == "booked" and self._printer is not None)
        if r is None:
            self.headline.clear()
            self.reference.clear()
            return
        self.reference.setText(r.reference)
        lookup = self.visit.lookup
        if kind == "booked":
            self.headline.setText(self.tr("Your appointment is booked. Your booking reference:"))
            self.details.add_line(r.slot_start.strftime("%Y-%m-%d  %H:%M"), "subtitle")
            if lookup is not None:
                self.details.add_line(f"{lookup.post_name}\n{lookup.post_address}".strip())
                for a in r.applicants:
                    self.details.add_line("  • " + lookup.names.get(a, a))
            self.details.add_line(self.tr("Bring your passport, your Appointment Letter and this reference. "
                                          "You can change or cancel until three working days before the "
                                          "appointment."), "hint")
        elif kind == "cancelled":
            self.headline.setText(self.tr("Your appointment is cancelled. Cancellation reference:"))
            self.details.add_line(self.tr("You may book a new appointment at any time on this kiosk."), "hint")
        else:
            self.headline.setText(self.tr("Your inquiry was sent. Your inquiry reference:"))
            self.details.add_line(self.tr("Case %1").replace("%1", r.case_number), "hint")
            self.details.add_line(self.tr("The Consulate will answer by e-mail or letter. Keep this "
                                          "reference; staff at the counter can look it up."), "hint")

    def _print(self) -> None:
        number = self.visit.case_number
        printer = self._printer
        self.run(lambda: printer(self.services, number), lambda _: self.show_error(""),
                 busy_text=self.tr("Printing your confirmation…"))

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Thank you"))
        self.print_button.setText(self.tr("Print the confirmation"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        if self.wizard() is not None:
            self.render()

    def clear(self) -> None:
        super().clear()
        self.headline.clear()
        self.reference.clear()
        clear_layout(self.details.layout())
