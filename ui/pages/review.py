"""Review: who, when, where and the change rule; Confirm books (and survives losing the slot)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QWizard

from kiosk.app.visit import VisitServices, new_key
from kiosk.domain.appointment import facts_at
from kiosk.domain.errors import RuleError
from kiosk.i18n.refusals import OUTCOME_UNKNOWN
from ui.i18n import fmt_change_rule, fmt_datetime, fmt_post, fmt_will_be_final
from ui.pages.base import KioskPage, name_of
from ui.pages.ids import PageId
from ui.visit import LostTime
from ui.widgets.common import Card, clear_layout, named, role_label

if TYPE_CHECKING:  # SQLAlchemy loads after Welcome is painted
    from kiosk.sync.loans import KioskBooking

# A booking whose answer was lost is asked about again (same key: central's answer to the same command),
# sooner at first, then every half minute, until central answers or the visit is wiped for being idle.
ASK_AGAIN_MS = (1_000, 2_000, 4_000, 8_000, 15_000, 30_000)


class ReviewPage(KioskPage):
    def __init__(self, services: VisitServices) -> None:
        super().__init__(services)
        self.setCommitPage(True)  # after Confirm there is no way Back: the booking exists
        self.card = Card()
        self.box.addWidget(self.card)
        self.rule = role_label("hint")
        self.rule.setObjectName("changeRule")
        self.box.addWidget(self.rule)
        # GOV.UK "warning text" + an explicit "I understand" before booking a time that will be final.
        self.understand = named(QCheckBox(), "understandFinal")
        self.understand.toggled.connect(self.clear_error_when)
        self.box.addWidget(self.understand)
        self.understand.hide()
        self.box.addStretch(1)
        self.add_status_labels()
        self._key = ""
        self._unknown = 0  # how often central's answer to this booking was lost in a row (0: none lost)
        self._unknown_error: BaseException | None = None  # what the error line says meanwhile (in each language)
        self._ask_again = QTimer(self, singleShot=True)
        self._ask_again.timeout.connect(self._send)
        self.retranslate()

    def ready(self) -> bool:
        return self.wizard() is not None and self.visit.slot is not None

    def initializePage(self) -> None:
        self._key = new_key()  # one key per confirmation: a retry after a timeout books once
        self._settle()
        self.understand.setChecked(False)
        self.render_page()

    def render_page(self) -> None:
        clear_layout(self.card.layout())
        lookup, slot = self.visit.lookup, self.visit.slot
        if lookup is None or slot is None:
            return
        ev = lookup.evaluation
        self.card.add_line(self.tr("Date and time"), "hint")
        self.card.add_line(fmt_datetime(slot.start), "subtitle")
        self.card.add_line(self.tr("Place"), "hint")
        self.card.add_line(fmt_post(lookup))
        self.card.add_line(self.tr("Applicants"), "hint")
        people = [*ev.attending, *(a for att in lookup.group_attending.values() for a in att)]
        for a in people:
            self.card.add_line("  • " + name_of(lookup, a))
        self.card.add_line(self.tr("Case %1").replace("%1", ", ".join(sorted({ev.case_number, *lookup.group_attending}))),
                           "hint")
        self._say_change_rule(slot)
        if slot.offline:  # one of the seats this kiosk holds
            self.card.add_line(self.tr("This kiosk is offline: it books this time from the seats it holds, and "
                                       "the confirmation it prints is final."), "hint")
        if lookup.booking is not None:
            self.card.add_line(self.tr("This replaces your appointment on %1 (reference %2).")
                               .replace("%1", fmt_datetime(lookup.booking.start))
                               .replace("%2", lookup.booking.reference), "error")

    @property
    def final(self) -> bool:
        """The chosen time lies inside the change window: once booked it cannot be changed."""
        slot = self.visit.slot if self.wizard() is not None else None
        if slot is None or slot.change_deadline is None:
            return False
        return facts_at(slot.start, slot.change_deadline, self.services.now()).final

    def _say_change_rule(self, slot: Any) -> None:
        """The change rule in the words of Done and the paper; a final time asks for "I understand"."""
        deadline = slot.change_deadline if slot is not None else None
        final = self.final
        self.rule.setProperty("role", "error" if final else "hint")
        self.rule.style().unpolish(self.rule)
        self.rule.style().polish(self.rule)
        if final:
            self.rule.setText("▲ " + self.tr("Warning") + "  " + fmt_will_be_final())
        elif deadline is not None:
            self.rule.setText(fmt_change_rule(facts_at(slot.start, deadline, self.services.now())))
        else:
            self.rule.setText(self.tr("You can change or cancel this appointment until three working days "
                                      "before it."))
        self.understand.setText(self.tr("I understand that I cannot change or cancel this appointment"))
        self.understand.setVisible(final)

    @property
    def outcome_unknown(self) -> bool:
        """The booking was sent and its answer lost: the page asks central again until it answers."""
        return self._unknown > 0

    def start_validation(self) -> bool:
        if self.outcome_unknown:  # Confirm pressed again: the same booking (its key, its command) asked about
            self._send()
            return False
        if self.final and not self.understand.isChecked():
            self.show_error(self.tr("To book this time, tick \u201cI understand\u201d. Or go Back and choose a "
                                    "day that can still be changed."))
            self.understand.setFocus()
            return False
        self._send()
        return False

    def _send(self) -> None:
        """Book; after a lost answer, the same booking again: the same key finds the same command, which central
        answers by its id (applied once, however often asked)."""
        self._ask_again.stop()
        lookup, slot, key = self.visit.lookup, self.visit.slot, self._key
        if lookup is None or slot is None or self.busy or self.wizard() is None:
            return
        number, others = lookup.case.case_number, tuple(sorted(lookup.group_attending))
        asking = self.outcome_unknown
        self.run(lambda: self.services.book(number, slot.id, key, others), self._booked, self._refused,
                 busy_text=self._asking_text() if asking else self.tr("Booking your appointment…"), keep_error=asking)

    def _settle(self) -> None:
        if self._unknown and self.wizard() is not None:
            self.kiosk().allow_back(True)
        self._unknown, self._unknown_error = 0, None
        self._ask_again.stop()

    def _asking_text(self) -> str:
        return self.tr("Checking with the consulate whether your booking was made…")

    def _booked(self, booked: KioskBooking) -> None:
        self._settle()  # central answered: the booking it made is shown and printed as any other
        # The booking, and whether this kiosk issued it offline from its seat loan.
        self.visit.notes["offline_kiosk"] = booked.kiosk_id if booked.offline else None
        self.visit.result = booked.result
        self.approve()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, RuleError) and exc.code == OUTCOME_UNKNOWN:
            # Maybe booked, maybe not: never "nothing was booked". Say so, and ask again until central answers;
            # no Back meanwhile (another time chosen now could replace the booking central may have made).
            self._unknown_error = exc
            self.show_failure(exc)
            self.kiosk().allow_back(False)
            self._ask_again.start(ASK_AGAIN_MS[min(self._unknown, len(ASK_AGAIN_MS) - 1)])
            self._unknown += 1
            return
        self._settle()  # central's own answer (or no booking sent at all): what it says is what happened
        lookup, slot = self.visit.lookup, self.visit.slot
        alone = lookup is not None and not lookup.group_attending and lookup.join is None  # groups need central
        chosen_on_calendar = PageId.CALENDAR in self.kiosk().visitedIds()  # (a joining case has no calendar)
        if lookup is not None and slot is not None and isinstance(exc, RuleError) and chosen_on_calendar and (
                exc.code in ("SLOT_FULL", "SLOT_CLOSED") or (exc.code == "OFFLINE" and alone)):
            # Another kiosk took the last seats (or the 48 h closing passed, or the link dropped and this kiosk
            # holds no seat of that time): back to the calendar, where the time was chosen; it says what
            # happened and offers the nearest times it can book, the lost one left out.
            self.visit.lost = LostTime(slot, exc.code)
            self.visit.slot = None
            self.kiosk().back()
            return
        self.show_failure(exc)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Check and confirm"))
        if self._unknown_error is not None:  # the words stay, in the language just chosen
            self.show_failure(self._unknown_error)
            if self.busy:
                self.busy_label.setText(self._asking_text())
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Confirm booking"))
        if self.wizard() is not None:
            self.render_page()

    def clear(self) -> None:
        super().clear()
        self._settle()  # the visit is over (wiped): nobody left to tell; a sync still records central's answer
        self._key = ""
        self.understand.setChecked(False)
        self.understand.hide()
        clear_layout(self.card.layout())
