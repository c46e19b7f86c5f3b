"""Eligibility: the decision in plain words, every finding with its remedy, who attends, the group."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton, QScrollArea, QVBoxLayout, QWidget, QWizard

from kiosk.app.visit import VisitServices
from kiosk.domain.model import Decision, InquiryKind
from ui.i18n import fmt_date, fmt_datetime, finding_texts
from ui.pages.base import KioskPage, name_of
from ui.pages.booking_card import BookingCard
from ui.pages.ids import PageId
from ui.pages.scan import scan_step_wanted
from ui.visit import JoinedSlot
from ui.widgets.common import Card, clear_layout, named, role_label


def inquiry_of(finding: Any) -> InquiryKind | None:
    """The inquiry a finding offers: its own, or a CSPA inquiry for a child about to turn 21."""
    if finding is None:
        return None
    if finding.inquiry is None and finding.code == "CHILD_TURNS_21_SOON":
        return InquiryKind.CSPA
    return finding.inquiry


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
        self.content.setSpacing(8)
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
            lookup = self.visit.lookup
            return PageId.REVIEW if lookup is not None and lookup.join is not None else PageId.CALENDAR
        if decision is Decision.INQUIRY:
            return self._inquiry_page()
        return -1  # wait, not handled: Finish ends the visit

    def go(self, page: PageId) -> None:
        self._goto = page
        self.approve()

    def start_validation(self) -> bool:
        ev = self.visit.evaluation
        if ev is not None and ev.decision is Decision.INQUIRY and not self.visit.inquiry_kind:
            first = next((f for f in ev.findings if f.inquiry), None)
            self._choose_inquiry(first)
            return True
        if self.visit.lookup is not None and self.visit.lookup.join is not None:
            self.visit.slot = JoinedSlot.of(self.visit.lookup.join)  # joining: the group's slot, no calendar
        return True

    def _choose_inquiry(self, finding: Any) -> None:
        kind = inquiry_of(finding)
        self.visit.inquiry_kind = kind.value if kind is not None else ""
        self.visit.notes["inquiry_finding"] = finding

    def _inquire(self, finding: Any) -> None:
        self._choose_inquiry(finding)
        self.go(self._inquiry_page())

    def _inquiry_page(self) -> PageId:
        """The scan step first when the inquiry needs documents and the kiosk has a scanner (ui.pages.scan)."""
        return PageId.SCAN if scan_step_wanted(self.services, self.visit.notes.get("inquiry_finding")) else PageId.INQUIRY

    def _cancelled(self, result: Any) -> None:
        self.visit.result = result
        self.go(PageId.DONE)

    # -- content --------------------------------------------------------------------------------
    def initializePage(self) -> None:
        self._goto = None
        self.visit.inquiry_kind = ""
        self.render_page()

    def cleanupPage(self) -> None:  # Back: drop what this page showed
        self._goto = None
        self._drop_content()

    def _drop_content(self) -> None:
        self.booking_card.setParent(None)  # reused, not deleted with the rest
        clear_layout(self.content)

    def render_page(self) -> None:
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
        """One decision, naming who it is for when not everyone on the letter may attend."""
        d = ev.decision
        lookup = self.visit.lookup
        some = lookup is not None and 0 < len(ev.attending) < len(lookup.case.applicants)
        names = ", ".join(name_of(lookup, a) for a in ev.attending) if some else ""
        if d is Decision.SCHEDULE:
            if some:
                return self.tr("You may book a new interview appointment for %1.").replace("%1", names)
            return self.tr("Good news: you may book a new interview appointment.")
        if d is Decision.RESCHEDULE:
            if some:
                return self.tr("You may choose a new interview time for %1.").replace("%1", names)
            return self.tr("You may choose a new time for your interview.")
        if d is Decision.WAIT:
            return self.tr("You cannot book yet. You may book from %1.").replace(
                "%1", fmt_date(ev.earliest_date) if ev.earliest_date else "")
        if d is Decision.INQUIRY:
            return self.tr("Please do not book an interview. Submit an inquiry to the Consulate instead.")
        return self.tr("This kiosk cannot book interviews for your visa class. Please ask at the counter.")

    def _finding_card(self, f: Any, lookup: Any) -> Card:
        decision = lookup.evaluation.decision
        books = decision in (Decision.SCHEDULE, Decision.RESCHEDULE)
        # Under a booking decision an applicant-level finding does not stop the booking: not a red block.
        blocking = f.code not in ("CHILD_TURNS_21_SOON", "SAME_PETITIONER_GROUP") and not books
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
        # The page's one primary action is the wizard's Next; a finding offers its own next step as a
        # secondary button, and none at all when Next already does the same (the first inquiry).
        kind = inquiry_of(f)
        first = next((x for x in lookup.evaluation.findings if x.inquiry), None)
        if kind is not None and decision is not Decision.NOT_HANDLED and not (
                decision is Decision.INQUIRY and f is first):
            b = named(QPushButton(self.inquiry_button_text(f)), f"inquiry_{f.code}")
            b.setAccessibleDescription(self.tr("Ask the Consulate about this: %1").replace("%1", message))
            b.clicked.connect(lambda _=False, finding=f: self._inquire(finding))
            card.add_widget(b)
        return card

    def inquiry_button_text(self, f: Any) -> str:
        name = name_of(self.visit.lookup, f.applicant) if f.applicant else ""
        if f.code == "DERIVATIVE_NOT_ON_LETTER":
            return self.tr("Ask to add %1 to the case").replace("%1", name)
        if f.code in ("CHILD_TURNS_21_SOON", "CSPA_CHECK_REQUIRED"):
            return self.tr("Submit a CSPA inquiry for %1 instead").replace("%1", name)
        return self.tr("Submit this inquiry")

    def _people_card(self, lookup: Any) -> Card:
        ev = lookup.evaluation
        card = Card()
        card.add_line(self.tr("Case %1").replace("%1", ev.case_number), "subtitle")
        if ev.decision not in (Decision.SCHEDULE, Decision.RESCHEDULE):
            # Nobody "may attend" anything while the case may not be booked: just who is on the letter.
            card.add_line(self.tr("Applicants:"))
            for a in lookup.case.applicants:
                card.add_line("  • " + name_of(lookup, a.id))
            return card
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
            self.render_page()

    def clear(self) -> None:
        super().clear()
        self._goto = None
        self.decision_label.clear()
        self.booking_card.clear()
        self._drop_content()
