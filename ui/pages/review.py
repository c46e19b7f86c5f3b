"""Review: who, when, where and the change rule; Confirm books (and survives losing the slot)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QPushButton, QWizard

from kiosk.app.visit import VisitServices, new_key
from kiosk.domain.appointment import facts_at
from kiosk.domain.errors import RuleError
from ui.i18n import fmt_change_rule, fmt_date, fmt_datetime, fmt_post, fmt_time, fmt_will_be_final
from ui.pages.base import KioskPage, name_of
from ui.widgets.common import Card, clear_layout, named, role_label

if TYPE_CHECKING:  # SQLAlchemy loads after Welcome is painted
    from kiosk.sync.loans import KioskBooking


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
        self.alternatives_title = role_label("subtitle")
        self.box.addWidget(self.alternatives_title)
        self.alternatives = QGridLayout()  # two columns of "day / time" buttons: never cut short
        self.box.addLayout(self.alternatives)
        self.alternatives_title.hide()
        self._key = ""
        self._alternatives: list[Any] = []
        self.retranslate()

    def ready(self) -> bool:
        return self.wizard() is not None and self.visit.slot is not None

    def initializePage(self) -> None:
        self._key = new_key()  # one key per confirmation: a retry after a timeout books once
        self.understand.setChecked(False)
        self._hide_alternatives()
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

    def start_validation(self) -> bool:
        if self.final and not self.understand.isChecked():
            self.show_error(self.tr("To book this time, tick \u201cI understand\u201d. Or go Back and choose a "
                                    "day that can still be changed."))
            self.understand.setFocus()
            return False
        lookup, slot, key = self.visit.lookup, self.visit.slot, self._key
        if lookup is None or slot is None:  # ready() holds Next back until both are known
            return False
        number, others = lookup.case.case_number, tuple(sorted(lookup.group_attending))
        self.run(lambda: self.services.book(number, slot.id, key, others), self._booked, self._refused,
                 busy_text=self.tr("Booking your appointment…"))
        return False

    def _booked(self, booked: KioskBooking) -> None:
        # The booking, and whether this kiosk issued it offline from its seat loan.
        self.visit.notes["offline_kiosk"] = booked.kiosk_id if booked.offline else None
        self.visit.result = booked.result
        self.approve()

    def _refused(self, exc: BaseException) -> None:
        lookup, slot = self.visit.lookup, self.visit.slot
        alone = lookup is not None and not lookup.group_attending and lookup.join is None  # groups need central
        if lookup is not None and slot is not None and isinstance(exc, RuleError) and (
                exc.code in ("SLOT_FULL", "SLOT_CLOSED") or (exc.code == "OFFLINE" and alone)):
            # Another kiosk took the last seats (or the 48 h closing passed, or the link dropped and
            # this kiosk holds no seat of that time): offer the nearest times it can book.
            near, need, code = slot.start, lookup.need, exc.code
            self.run(lambda: self.services.nearest_slots(near, need), lambda slots: self._offer(slots, code),
                     busy_text=self.tr("Finding other free times…"))
            return
        self.show_failure(exc)

    def _offer(self, slots: list[Any], code: str) -> None:
        self.visit.slot = None
        self.completeChanged.emit()
        self._hide_alternatives()
        self.alternatives_title.setVisible(True)
        self._alternatives = list(slots)
        for slot in slots:
            b = named(QPushButton(self), f"alt_{slot.id}")
            b.clicked.connect(lambda _=False, s=slot: self._take(s))
        self._label_alternatives()
        if code == "OFFLINE":
            text = self.tr("The consulate's booking system cannot be reached right now, and this kiosk holds no "
                           "seat at the time you chose. Nothing was booked.")
        elif code == "SLOT_FULL":
            text = self.tr("Sorry, the time you chose was just taken by someone else. Nothing was booked.")
        else:
            text = self.tr("Sorry, the time you chose has closed for booking. Nothing was booked.")
        if slots and code == "OFFLINE":
            self.alternatives_title.setText(self.tr("This kiosk can still book these times while offline:"))
        elif slots:
            self.alternatives_title.setText(self.tr("Choose one of the nearest free times:"))
        else:
            self.alternatives_title.setText(self.tr("No other free times are left. Please ask at the counter."))
        self.show_error(text)

    def _label_alternatives(self) -> None:
        """Day over time on each button; two columns in landscape, one in portrait (long dates)."""
        columns = 1 if self.window().height() > self.window().width() else 2
        for i, slot in enumerate(self._alternatives):
            b = self.findChild(QPushButton, f"alt_{slot.id}")
            if b is not None:
                self.alternatives.addWidget(b, i // columns, i % columns)
                b.setText(fmt_date(slot.start.date()) + "\n" + fmt_time(slot.start))
                b.setAccessibleDescription(self.tr("Choose this time instead"))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._label_alternatives()
        super().resizeEvent(event)

    def _take(self, slot: Any) -> None:
        self.visit.slot = slot
        self._key = new_key()  # a different booking: a new key
        self.understand.setChecked(False)
        self._hide_alternatives()
        self.show_error("")
        self.render_page()
        self.completeChanged.emit()

    def _hide_alternatives(self) -> None:
        self._alternatives = []
        clear_layout(self.alternatives)
        self.alternatives_title.hide()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Check and confirm"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Confirm booking"))
        if self.wizard() is not None:
            self.render_page()
        self._label_alternatives()

    def clear(self) -> None:
        super().clear()
        self._key = ""
        self.understand.setChecked(False)
        self.understand.hide()
        self._hide_alternatives()
        clear_layout(self.card.layout())
