"""Eligibility: the decision in plain words, every finding with its remedy, who attends, the group."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton, QScrollArea, QVBoxLayout, QWidget, QWizard

from kiosk.domain.model import Decision
from ui.i18n import fmt_date, fmt_datetime, finding_texts
from ui.pages.base import KioskPage, name_of
from ui.pages.booking_card import BookingCard
from ui.pages.ids import PageId
from ui.services import VisitServices
from ui.widgets.common import Card, clear_layout, role_label


class EligibilityPage(KioskPage):
    scrolls = False  # its findings have a scroll area of their own
    def __init__(self, services: VisitServices) -> None:
        super().__init__(services)
        self.decision_label = role_label("subtitle")
        self.box.addWidget(self.decision_label)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.content = QVBoxLayout(body)
        self.content.setSpacing(12)
        scroll.setWidget(body)
        self.box.addWidget(scroll, 1)
        self.booking_card = BookingCard(self)
        self.booking_card.cancelled.connect(self._cancelled)
        self.add_status_labels()
        self._goto: PageId | None = None
        self.retranslate()

    # -- navigation -----------------------------------------------------------------------------
    def _decision(self) -> Decision | None:
        ev = self.visit.evaluation
        return ev.decision if ev is not None else None

    def nextId(self) -> int:
        if self._goto is not None:
            return self._goto
        decision = self._decision()
        if decision in (Decision.SCHEDULE, Decision.RESCHEDULE):
            return PageId.REVIEW if self.visit.lookup.join is not None else PageId.CALENDAR
        if decision is Decision.INQUIRY:
            return PageId.INQUIRY
        return -1  # wait, not handled: Finish ends the visit

    def go(self, page: PageId) -> None:
        self._goto = page
        self.approve()

    def start_validation(self) -> bool:
        if self._decision() is Decision.INQUIRY and not self.visit.inquiry_kind:
            first = next((f for f in self.visit.evaluation.findings if f.inquiry), None)
            self._choose_inquiry(first)
            return True
        if self.visit.lookup is not None and self.visit.lookup.join is not None:
            self.visit.slot = self.visit.lookup.join  # joining: the group's slot, no calendar
        return True

    def _choose_inquiry(self, finding: Any) -> None:
        self.visit.inquiry_kind = finding.inquiry.value if finding is not None else ""
        self.visit.notes["inquiry_finding"] = finding

    def _inquire(self, finding: Any) -> None:
        self._choose_inquiry(finding)
        self.go(PageId.INQUIRY)

    def _cancelled(self, result: Any) -> None:
        self.visit.result = result
        self.go(PageId.DONE)

    # -- content --------------------------------------------------------------------------------
    def initializePage(self) -> None:
        self._goto = None
        self.visit.inquiry_kind = ""
        self.render()

    def cleanupPage(self) -> None:  # Back: drop what this page showed
        self._goto = None
        self._drop_content()

    def _drop_content(self) -> None:
        self.booking_card.setParent(None)  # reused, not deleted with the rest
        clear_layout(self.content)

    def render(self) -> None:
        self._drop_content()
        lookup = self.visit.lookup
        if lookup is None:
            return
        ev = lookup.evaluation
        self.decision_label.setText(self.decision_text(ev))
        if lookup.booking is not None:
            self.booking_card.show_booking(lookup.booking)
            self.content.addWidget(self.booking_card)
        for f in ev.findings:
            self.content.addWidget(self._finding_card(f, lookup))
        self.content.addWidget(self._people_card(lookup))
        self.content.addStretch(1)
        self._buttons(ev.decision)

    def decision_text(self, ev: Any) -> str:
        d = ev.decision
        if d is Decision.SCHEDULE:
            return self.tr("Good news: you may book a new interview appointment.")
        if d is Decision.RESCHEDULE:
            return self.tr("You may choose a new time for your interview.")
        if d is Decision.WAIT:
            return self.tr("You cannot book yet. You may book from %1.").replace(
                "%1", fmt_date(ev.earliest_date) if ev.earliest_date else "")
        if d is Decision.INQUIRY:
            return self.tr("Please do not book an interview. Submit an inquiry to the Consulate instead.")
        return self.tr("This kiosk cannot book interviews for your visa class. Please ask at the counter.")

    def _finding_card(self, f: Any, lookup: Any) -> Card:
        blocking = f.code not in ("CHILD_TURNS_21_SOON", "SAME_PETITIONER_GROUP")
        card = Card("finding-block" if blocking and f.inquiry else "finding")
        # Not by colour alone: the card says in words whether it stops the booking.
        if f.code in ("CHILD_MARRIED", "CHILD_AGED_OUT", "DERIVATIVE_NOT_ON_LETTER"):
            heading = "✘ " + self.tr("Cannot attend this interview")
        else:
            heading = ("✘ " + self.tr("Stops the booking")) if blocking else ("※ " + self.tr("Please note"))
        card.add_line(heading, "hint")
        if f.applicant:
            card.add_line(name_of(lookup, f.applicant), "subtitle")
        message, remedy = finding_texts(f)
        card.add_line(message)
        card.add_line(self.tr("What to do: %1").replace("%1", remedy), "hint")
        if f.inquiry is not None and lookup.evaluation.decision is not Decision.NOT_HANDLED:
            b = QPushButton(self.tr("Submit this inquiry"), objectName=f"inquiry_{f.code}")
            b.setAccessibleDescription(self.tr("Ask the Consulate about this: %1").replace("%1", message))
            b.setProperty("role", "primary")
            b.clicked.connect(lambda _=False, finding=f: self._inquire(finding))
            card.layout().addWidget(b)
        return card

    def _people_card(self, lookup: Any) -> Card:
        ev = lookup.evaluation
        card = Card()
        card.add_line(self.tr("Case %1").replace("%1", ev.case_number), "subtitle")
        if ev.attending:
            card.add_line(self.tr("May attend the interview:"))
            for a in ev.attending:
                card.add_line("  • " + name_of(lookup, a))
        others = [a.id for a in lookup.case.applicants if a.id not in ev.attending]
        if others:
            card.add_line(self.tr("Cannot attend (see above):"))
            for a in others:
                card.add_line("  • " + name_of(lookup, a))
        if len(ev.group) > 1:
            card.add_line(self.tr("Cases of the same petitioner, booked together: %1").replace(
                "%1", ", ".join(sorted(ev.group))), "hint")
            for number, attending in sorted(lookup.group_attending.items()):
                names = ", ".join(name_of(lookup, a) for a in attending)
                card.add_line(self.tr("Case %1 joins this appointment: %2").replace("%1", number).replace("%2", names))
            for number in sorted(lookup.group_blocked):
                card.add_line(self.tr("Case %1 cannot be booked together now; it must be handled "
                                      "separately.").replace("%1", number), "hint")
        if lookup.join is not None:
            card.add_line(self.tr("Your applicants will be added to the group's appointment on %1.").replace(
                "%1", fmt_datetime(lookup.join.start)), "hint")
        return card

    def _buttons(self, decision: Decision) -> None:
        wiz = QWizard.WizardButton
        if decision is Decision.SCHEDULE:
            self.setButtonText(wiz.NextButton, self.tr("Choose a date"))
        elif decision is Decision.RESCHEDULE:
            self.setButtonText(wiz.NextButton, self.tr("Choose a new date"))
        elif decision is Decision.INQUIRY:
            self.setButtonText(wiz.NextButton, self.tr("Submit an inquiry"))
        self.setButtonText(wiz.FinishButton, self.tr("Finish"))
        if self.visit.lookup is not None and self.visit.lookup.join is not None:
            self.setButtonText(wiz.NextButton, self.tr("Join the group's appointment"))

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Your case"))
        if self.wizard() is not None and self.visit.lookup is not None:
            self.render()

    def clear(self) -> None:
        super().clear()
        self._goto = None
        self.decision_label.clear()
        self.booking_card.clear()
        self._drop_content()
