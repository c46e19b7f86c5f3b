"""Done: the booking (or cancellation, or inquiry) reference, what to bring, and printing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shiboken6 import isValid
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWizard

from kiosk.app.visit import VisitServices
from kiosk.domain.appointment import facts_at
from kiosk.i18n import PRINTOUT
from kiosk.domain.model import InquiryKind
from kiosk.pdf.labels import INQUIRY_NEXT_STEPS, LABELS
from ui.i18n import fmt_cancelled_old, fmt_change_rule, fmt_date, fmt_datetime, fmt_post
from ui.pages.base import KioskPage, name_of, unbroken
from ui.widgets.common import Card, clear_layout, named, role_label

if TYPE_CHECKING:
    from ui.printing import PrintOutcome

translate = QCoreApplication.translate


class DonePage(KioskPage):
    def __init__(self, services: VisitServices) -> None:
        super().__init__(services)
        self._printed = False  # "Print again" once the page has gone to the printer
        self._outcome: bool | None = None  # the last printout: printed, failed, or none yet
        self.headline = role_label("subtitle")
        self.reference = role_label("reference")
        self.reference.setObjectName("reference")
        self.box.addWidget(self.headline)
        self.box.addWidget(self.reference)
        self.details = Card()
        self.box.addWidget(self.details)
        self.print_button = named(QPushButton(), "printConfirmation")
        self.print_button.setProperty("role", "primary")
        self.print_button.clicked.connect(self._print)
        self.print_result = role_label("hint")
        self.print_result.setObjectName("printResult")
        printing = QHBoxLayout()  # the printer's answer beside the button: no line below it to scroll to
        printing.addWidget(self.print_button)
        printing.addWidget(self.print_result, 1)
        self.box.addLayout(printing)
        self.box.addStretch(1)
        self.add_status_labels()
        # "Printing your confirmation…" where the printer's answer will be, not at the page's foot.
        self.outer.removeWidget(self.busy_label)
        printing.insertWidget(1, self.busy_label, 1)
        self.setFinalPage(True)
        self.retranslate()

    def nextId(self) -> int:
        return -1

    def _focus_next_action(self) -> None:
        wizard = self.wizard()
        if wizard is None or wizard.currentPage() is not self:
            return
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        target = self.print_button if self.print_button.isVisible() else finish
        if target.isVisible() and target.isEnabled():
            target.setFocus()

    def kind(self) -> str:
        result = self.visit.result if self.wizard() is not None else None
        return result.result_kind if result is not None else ""

    def initializePage(self) -> None:
        self._printed = False
        self._outcome = None
        self.kiosk().allow_back(False)  # no way back from Done: no Back at all, not a disabled one (the wipe shows it again)
        self.render_page()
        # Qt moves the focus off Confirm (hidden now) to the first in the chain, the language switch: its ring
        # drew the eye there at every size. The page's next action has it once the page is shown.
        QTimer.singleShot(0, self, self._focus_next_action)
        if self.kind() in ("booked", "inquiry"):
            # Printed at once: the paper is in the tray before the visitor thinks of it ("Print again" stays).
            # Asked for now, while QWizard shows the page: "Printing…" is in its first paint, and the PDF is
            # made once that paint is done (KioskPage.run), never competing with it for Python's lock.
            self._print()

    def render_page(self) -> None:
        clear_layout(self.details.layout())
        r = self.visit.result if self.wizard() is not None else None
        kind = r.result_kind if r is not None else ""
        self.print_button.setVisible(kind in ("booked", "inquiry"))
        self._label_print_button(kind)
        self._say_outcome(kind == "inquiry")
        if r is None:
            self.headline.clear()
            self.reference.clear()
            return
        self.reference.setText(r.reference)
        lookup = self.visit.lookup
        if r.result_kind == "booked":  # the result's tag narrows its type (kiosk.services.booking)
            self.headline.setText(self.tr("Your appointment is booked. Your booking reference:"))
            self.details.add_line(fmt_datetime(r.slot_start), "subtitle")
            if lookup is not None:
                self.details.add_line(fmt_post(lookup))
                self.details.add_line(", ".join(unbroken(name_of(lookup, a)) for a in r.applicants))
            if self.visit.notes.get("offline_kiosk"):
                self.details.add_line(self.tr("Booked offline at this kiosk. This booking is final: the consulate's "
                                              "system records it as soon as the kiosk reconnects. Your "
                                              "confirmation is printed here and says so."))
            self._say_change_rule(r)
            if r.replaced and lookup is not None and lookup.booking is not None:
                self.details.add_line(fmt_cancelled_old(lookup.booking.start))
            # The paper's list, by its heading's own words: a shorter list here ("passport, letter and this
            # reference") told less than the paper (civil documents, medical results), and the whole list does
            # not fit above the fold on a landscape screen.
            heading = translate(PRINTOUT, LABELS.what_to_bring)
            self.details.add_line(self.tr('Bring everything your printed confirmation lists under "%1".')
                                  .replace("%1", heading), "hint")
        elif r.result_kind == "cancelled":
            self.headline.setText(self.tr("Your appointment is cancelled. Cancellation reference:"))
            self.details.add_line(self.tr("You may book a new appointment at any time on this kiosk."), "hint")
        else:
            self.headline.setText(self.tr("Your inquiry was sent. Your inquiry reference:"))
            self.details.add_line(self.tr("Case %1").replace("%1", r.case_number), "hint")
            if r.contact:
                self.details.add_line(self.tr("The Consulate will send its answer to: %1").replace("%1", r.contact))
            if r.answer_by:
                self.details.add_line(self.tr("Expect the answer by %1.").replace("%1", fmt_date(r.answer_by)))
            # What happens next, in the receipt's own words (the paper said it, the screen did not).
            self.details.add_line(translate(PRINTOUT, INQUIRY_NEXT_STEPS[InquiryKind(r.kind)]))
            self.details.add_line(self.tr("Keep this reference; staff at the counter can look it up."), "hint")

    def _say_change_rule(self, r: Any) -> None:
        """The paper's words: until when it can be changed, or that it is final (never a past day)."""
        deadline = self.visit.slot.change_deadline if self.visit.slot is not None else None
        if deadline is None:
            return
        facts = facts_at(r.slot_start, deadline, self.services.now())
        label = self.details.add_line(("▲ " if facts.final else "") + fmt_change_rule(facts),
                                      "error" if facts.final else "")
        label.setObjectName("changeRule")

    def inputs(self) -> list[Any]:
        return []  # Print stays enabled (and keeps the keyboard focus) while printing; a touch then does nothing

    def _print(self) -> None:
        if self.wizard() is None or self.visit.result is None or self.kind() not in ("booked", "inquiry"):
            return  # the visit ended (or was wiped) before the printing started
        if self.busy:
            return  # already printing: one page per touch
        number, reference = self.visit.case_number, self.visit.result.reference
        self._outcome = None
        self.print_result.clear()
        language = self.visit.language
        if self.kind() == "inquiry":  # the receipt says what to bring or send
            said = self.visit.result  # where the answer goes and by when, as this page says them
            contact, by = getattr(said, "contact", None), getattr(said, "answer_by", None)
            self.run(lambda: self.services.inquiry_receipt_pdf(reference, language, contact, by),
                     lambda pdf: self._send(pdf, number, reference), busy_text=self._printing_text())
            return
        account = self.visit.account.username if self.visit.account is not None else None  # as the screen said it
        self.run(lambda: self.services.confirmation_pdf(number, language, reference, account),
                 lambda pdf: self._send(pdf, number, reference), busy_text=self._printing_text())

    def _send(self, pdf: bytes, number: str, reference: str) -> None:
        """The PDF made: to the printer, on the print thread (ui/print_queue.py); the page stays busy till then."""
        self._printed = True
        self._label_print_button(self.kind())
        self.set_busy(True, self._printing_text())  # Finish waits, and another touch does nothing, meanwhile
        services, inquiry = self.services, self.kind() == "inquiry"
        self.kiosk().printing.send(pdf, services.printer_name, lambda: services.confirmation_file(reference),
                                   "Inquiry receipt" if inquiry else "Confirmation",
                                   lambda outcome: self._printed_out(outcome, number, inquiry))

    def _printed_out(self, outcome: PrintOutcome, number: str, inquiry: bool) -> None:
        if not isValid(self.busy_label):
            return  # the page was closed while the printer was busy: nobody to tell
        self.set_busy(False)
        self._outcome = outcome.ok
        self._say_outcome(inquiry)
        if not outcome.ok and not inquiry:
            services = self.services
            self.run(lambda: services.record_print_failure(number, outcome.destination, outcome.detail),
                     lambda _: None)
        self.answered.emit()

    def _printing_text(self) -> str:
        if self.kind() == "inquiry":
            return self.tr("Printing your receipt…")
        return self.tr("Printing your confirmation…")

    def _say_outcome(self, inquiry: bool) -> None:
        """What the printer did, in the visit's language (said again after a language switch)."""
        if self._outcome is None:
            self.print_result.clear()
        elif self._outcome and inquiry:
            self.print_result.setText(self.tr("Your receipt has been printed. Please take it with you."))
        elif self._outcome:
            self.print_result.setText(self.tr("Your confirmation has been printed. Please take it with you."))
        elif inquiry:
            self.print_result.setText(self.tr("Your receipt could not be printed. Your inquiry is saved. "
                                              "Please ask a clerk at the counter for a copy."))
        else:
            self.print_result.setText(self.tr("Your confirmation could not be printed. Your booking is saved "
                                              "and safe. Please ask a clerk at the counter to print it for you."))

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Thank you"))
        if self.busy and self.wizard() is not None:
            self.busy_label.setText(self._printing_text())
        self._label_print_button(self.kind())
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        if self.wizard() is not None:
            self.render_page()

    def _label_print_button(self, kind: str) -> None:
        # One next action per page: once the paper has gone to the printer, Finish is it; "Print again" stays
        # as a plain button beside the printer's answer (seen live: two blue buttons on Done).
        role = "secondary" if self._printed else "primary"
        if self.print_button.property("role") != role:
            self.print_button.setProperty("role", role)
            self.print_button.style().unpolish(self.print_button)
            self.print_button.style().polish(self.print_button)
        if self._printed:
            self.print_button.setText(self.tr("Print again"))
            self.print_button.setAccessibleDescription(self.tr("Prints the same page once more"))
        elif kind == "inquiry":
            self.print_button.setText(self.tr("Print the receipt"))
            self.print_button.setAccessibleDescription(self.tr("Prints your inquiry receipt, which says what to "
                                                               "bring or send, in the language shown on screen"))
        else:
            self.print_button.setText(self.tr("Print the confirmation"))
            self.print_button.setAccessibleDescription(self.tr("Prints your appointment confirmation, in the "
                                                               "language shown on screen, to take with you"))

    def clear(self) -> None:
        super().clear()
        self._printed = False
        self._outcome = None
        self.headline.clear()
        self.reference.clear()
        self.print_result.clear()
        clear_layout(self.details.layout())
