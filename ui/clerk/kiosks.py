"""Kiosks: each kiosk's health, the seats lent to it per slot, offline bookings to review; resolve, write off.

Below them (ui.clerk.kiosk_alerts): alerts from the visitor budgets and failed outbox commands."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.app.desk import Desk, KiosksOverview
from ui.clerk.base import ClerkPage, fill_table, make_table
from ui.clerk.kiosk_alerts import KioskAlertsPanel
from ui.scanner_status import scanner_words
from ui.widgets.common import named
from ui.worker import Runner


class KiosksPage(ClerkPage):
    def __init__(self, services: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, parent)
        self.kiosks = make_table([self.tr("Kiosk"), self.tr("State"), self.tr("Last contact"),
                                  self.tr("Last full report"), self.tr("Seats held"), self.tr("Slots"),
                                  self.tr("Offline bookings"), self.tr("To review"), self.tr("Cache rebuilt"),
                                  self.tr("Scanner")])
        self.kiosks.setObjectName("kiosks")
        self.loans = make_table([self.tr("Kiosk"), self.tr("Slot"), self.tr("Seats"), self.tr("Expires")])
        self.loans.setObjectName("loans")
        self.reviews = make_table([self.tr("Booking"), self.tr("Case"), self.tr("Slot"), self.tr("Kiosk"),
                                   self.tr("Issued offline"), self.tr("Placed"), self.tr("Why")])
        self.reviews.setObjectName("reviews")
        self._kiosk_ids: list[str] = []
        self._review_ids: list[int] = []
        self._note = ""  # what the last action did, said before the counts once the tables are fresh
        refresh = QPushButton(self.tr("Re&fresh"), self)
        refresh.clicked.connect(self.reload)
        self.reason = named(QLineEdit(self), "reason")
        self.reason.setPlaceholderText(self.tr("Reason (required): what was done, or why"))
        self.resolve_button = named(QPushButton(self.tr("Mark review &resolved"), self), "resolveReview")
        self.resolve_button.clicked.connect(self.resolve)
        self.write_off_button = named(QPushButton(self.tr("&Write off expired loans of this kiosk"), self),
                                      "writeOffLoans")
        self.write_off_button.setToolTip(self.tr("Supervisors: a kiosk that is gone for good gives back its seats "
                                                 "once its loans have expired"))
        self.write_off_button.clicked.connect(self.write_off)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Seats lent to kiosks for booking while the link is down"), self))
        top.addStretch(1)
        top.addWidget(self.write_off_button)
        top.addWidget(refresh)
        actions = QHBoxLayout()
        actions.addWidget(self.reason, 1)
        actions.addWidget(self.resolve_button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.kiosks, 1)
        box.addWidget(QLabel(self.tr("Loans per kiosk"), self))
        box.addWidget(self.loans, 2)
        box.addWidget(QLabel(self.tr("Offline bookings to review"), self))
        box.addWidget(self.reviews, 1)
        box.addLayout(actions)
        box.addWidget(self.message)
        self.alerts = KioskAlertsPanel(services, runner, self.reason, self)  # budgets' alerts, failed commands
        self.alerts.changed.connect(self.changed)
        box.addWidget(self.alerts, 2)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        staff = self.services.staff
        if staff is not None:
            self.write_off_button.setVisible(staff.is_supervisor)
            self.reload()  # always what central holds now

    def reload(self) -> None:
        self.run(self.services.kiosks, self._show)

    def _show(self, data: KiosksOverview) -> None:
        health, loans, reviews = data.health, data.loans, data.reviews
        self.alerts.show_data(data.alerts)
        self._kiosk_ids = [k.kiosk_id for k in health]
        self._review_ids = [r.id for r in reviews]
        fill_table(self.kiosks, [
            (k.kiosk_id, self.tr("silent") if k.silent else self.tr("in touch"), f"{k.seen_at:%Y-%m-%d %H:%M}",
             f"{k.reported_at:%Y-%m-%d %H:%M}" if k.reported_at else "-", k.seats, k.slots, k.offline_bookings,
             k.open_reviews, f"{k.cache_rebuilt:%Y-%m-%d %H:%M}" if k.cache_rebuilt else "-",
             scanner_words(k.scanner)) for k in health])
        fill_table(self.loans, [(kiosk, f"{x.slot_start:%a %Y-%m-%d %H:%M}", x.seats, f"{x.expires_at:%H:%M}")
                                for kiosk, x in loans])
        fill_table(self.reviews, [(r.booking_reference, r.case_number, r.slot_id, r.kiosk_id,
                                   f"{r.issued_at:%Y-%m-%d %H:%M}", self.tr("yes") if r.placed else self.tr("NO"),
                                   f"{', '.join(r.codes)}: {r.message}") for r in reviews])
        counts = " ".join((self.count(len(health), self.tr("%n kiosk,"), self.tr("%n kiosks,")),
                           self.count(sum(k.seats for k in health), self.tr("%n seat lent,"), self.tr("%n seats lent,")),
                           self.count(len(reviews), self.tr("%n offline booking to review."),
                                      self.tr("%n offline bookings to review."))))
        self.say(f"{self._note} {counts}".strip())
        self._note = ""

    def resolve(self) -> None:
        row = self.reviews.currentRow()
        if not 0 <= row < len(self._review_ids):
            self.say(self.tr("Choose an offline booking to review first."), error=True)
            return
        review, why = self._review_ids[row], self.reason.text()
        self.run(lambda: self.services.resolve_review(review, why),
                 lambda _r: self._written(self.tr("Review resolved.")))

    def write_off(self) -> None:
        row = self.kiosks.currentRow()
        if not 0 <= row < len(self._kiosk_ids):
            self.say(self.tr("Choose a kiosk first."), error=True)
            return
        kiosk, why = self._kiosk_ids[row], self.reason.text()
        self.run(lambda: self.services.write_off_loans(kiosk, why),
                 lambda n: self._written(self.count(n, self.tr("%n seat of kiosk %2 written off."),
                                                    self.tr("%n seats of kiosk %2 written off.")).replace("%2", kiosk)))

    def _written(self, text: str) -> None:
        self.reason.clear()
        self._note = text
        self.changed.emit()
        self.reload()
