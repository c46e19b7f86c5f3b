"""Calendar: a month of bookable days, then the times with seats left for the whole group (offline: this kiosk's)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.app.visit import VisitServices
from ui.pages.base import KioskPage
from ui.i18n import fmt_date, fmt_datetime, fmt_time
from ui.widgets.common import ToggleButton, clear_layout, role_label
from ui.widgets.month import MonthView

TIME_COLUMNS = 2  # a day has up to six times: three rows of two short buttons


class CalendarPage(KioskPage):
    def __init__(self, services: VisitServices) -> None:
        super().__init__(services)
        self.box.setSpacing(8)
        self.rules = role_label("hint")
        self.box.addWidget(self.rules)
        # Offline: only the times this kiosk holds seats for, and why (the shell's notice says the link is down).
        self.offline_note = role_label("finding")
        self.offline_note.setObjectName("offlineNote")
        self.box.addWidget(self.offline_note)
        self.offline_note.hide()
        # Landscape: the times beside the month; portrait: below it (see resizeEvent). Neither stretches:
        # what is left over goes below, so the days stay under their weekday names.
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.month = MonthView(services.today)
        self.month.day_chosen.connect(self._day_chosen)
        self.row.addWidget(self.month, 1, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        self.times_title = role_label("subtitle")
        right.addWidget(self.times_title)
        self.times = QGridLayout()
        self.times.setSpacing(8)
        right.addLayout(self.times)
        # What ▲ on a day means, beside the month (under the times), where a short screen still has room.
        self.legend = role_label("hint")
        self.legend.setObjectName("calendarLegend")
        right.addWidget(self.legend)
        right.addStretch(1)
        holder = QWidget()
        holder.setLayout(right)
        self.row.addWidget(holder, 1)
        self.box.addLayout(self.row)
        self.box.addStretch(1)
        self.nothing = role_label("error")
        self.box.addWidget(self.nothing)
        self.nothing.hide()
        self.add_status_labels()
        self._slots: dict[date, list[Any]] = {}
        self._final_days: set[date] = set()
        self._current_day: date | None = None
        self._day: date | None = None  # the day on screen, kept when the times are reloaded
        self._offer: Any = None  # the last SlotOffer: offline or not, group or not
        self._time_group = QButtonGroup(self)
        self.retranslate()

    def inputs(self) -> list[Any]:
        return [self.month]

    def ready(self) -> bool:
        return self.wizard() is not None and bool(self._slots)  # Next explains when no time is chosen yet

    def start_validation(self) -> bool:
        if self.visit.slot is not None:
            return True
        self.show_error(self.tr("Choose a time first: touch a day, then one of its times.")
                        if self._day is None else self.tr("Choose one of the times on the right."))
        return False

    @property
    def need(self) -> int:
        if self.wizard() is None or self.visit.lookup is None:
            return 1
        return max(1, self.visit.lookup.need)

    def initializePage(self) -> None:
        self.visit.slot = None
        self._day = None
        self._show_rules()
        self.load()

    def data_changed(self) -> None:
        """A sync brought other kiosks' bookings: fresh seat counts on the same day, unless a time is chosen."""
        if self.visit.slot is None:
            self.load()

    @property
    def group(self) -> bool:
        """Several cases booked together, or joining a group's booking: that needs central."""
        lookup = self.visit.lookup if self.wizard() is not None else None
        return lookup is not None and (bool(lookup.group_attending) or lookup.join is not None)

    def load(self) -> None:
        need, group = self.need, self.group
        self.run(lambda: self.services.calendar_slots(need, group), self._loaded,
                 busy_text=self.tr("Finding free appointments…"))

    def _loaded(self, offer: Any) -> None:
        self._offer = offer
        slots = offer.slots
        earliest = self.visit.evaluation.earliest_date if self.visit.evaluation is not None else None
        by_day: dict[date, list[Any]] = defaultdict(list)
        for s in slots:
            if earliest is None or s.start.date() >= earliest:
                by_day[s.start.date()].append(s)
        self._slots = dict(by_day)
        today = self.services.today()
        final = {d for d, day_slots in by_day.items()
                 if any(s.change_deadline is not None and s.change_deadline < today
                        for s in day_slots)}
        booking = self.visit.lookup.booking if self.visit.lookup is not None else None
        current = booking.start.date() if booking is not None else None
        self._final_days, self._current_day = final, current
        self.month.set_days(set(by_day), final, current)
        self._say_legend()
        self._clear_times()
        self._say_offline(bool(by_day))
        self.nothing.setVisible(not by_day and not offer.offline)
        self.nothing.setText(self.tr("There are no free appointments for %n applicant(s) at the moment. "
                                     "Please try again another day, or ask at the counter.", "", self.need))
        # Never pre-select a day whose booking would be final: the applicant chooses that knowingly.
        changeable = [d for d in by_day if d not in final]
        if self._day in by_day:
            self.month.choose(self._day)
        elif changeable:
            self.month.choose(min(changeable))
        self.completeChanged.emit()

    def _say_legend(self) -> None:
        parts = []
        if self._final_days:
            parts.append(self.tr("▲ An appointment on this day cannot be changed or cancelled once booked."))
        booking = self.visit.lookup.booking if self.visit.lookup is not None else None
        if self._current_day is not None and booking is not None:
            parts.append(self.tr("● Your current appointment: %1.").replace("%1", fmt_datetime(booking.start)))
        self.legend.setText("\n".join(parts))
        self.legend.setVisible(bool(parts))

    def _day_chosen(self, day: date) -> None:
        self._day = day
        self.visit.slot = None
        self._clear_times()
        self.times_title.setText(self.tr("Free times on %1").replace("%1", fmt_date(day)))
        if day in self._final_days:
            self.times_title.setText(self.times_title.text() + "\n" + self.tr(
                "▲ A time on this day cannot be changed or cancelled once booked."))
        previous: QWidget = self.month.last_focus_widget()
        for i, slot in enumerate(self._slots.get(day, [])):
            b = ToggleButton(objectName=f"time_{slot.start:%H%M}")
            b.setProperty("slot_index", i)
            self._label_time(b, slot, day)
            b.clicked.connect(lambda _=False, s=slot: self._time_chosen(s))
            self._time_group.addButton(b)
            self.times.addWidget(b, i // TIME_COLUMNS, i % TIME_COLUMNS)
            # Keyboard order: the days, then these times (new widgets would otherwise come last).
            QWidget.setTabOrder(previous, b)
            previous = b
        self.completeChanged.emit()

    def _label_time(self, b: QPushButton, slot: Any, day: date) -> None:
        # The time on a line of its own, so it is never the part cut off; what it offers below it.
        if self.offline:
            b.setText(fmt_time(slot.start) + "\n" + self.tr("bookable here"))
        else:
            b.setText(fmt_time(slot.start) + "\n" + self.tr("%n seat(s) left", "", slot.seats_left))
        b.setAccessibleDescription(self.tr("Choose this time on %1").replace("%1", fmt_date(day)))

    def _time_chosen(self, slot: Any) -> None:
        self.visit.slot = slot
        self.show_error("")
        self.completeChanged.emit()

    @property
    def offline(self) -> bool:
        return self._offer is not None and self._offer.offline

    def _say_offline(self, any_times: bool) -> None:
        offer = self._offer
        self.offline_note.setVisible(offer is not None and offer.offline)
        if offer is None or not offer.offline:
            return
        if offer.group_needs_central:
            text = self.tr("Offline: booking several cases together needs the connection to the consulate's "
                           "booking system, so no times can be offered right now. Please try again in a few "
                           "minutes, or ask at the counter.")
        elif any_times:
            text = self.tr("Offline: only the times this kiosk holds seats for are shown. Other times need the "
                           "connection to the consulate's booking system. A booking made here now is final.")
        else:
            text = self.tr("Offline: this kiosk has no seats left for %n applicant(s), so no times can be "
                           "offered until the connection returns. Please try again in a few minutes, or ask "
                           "at the counter.", "", self.need)
        self.offline_note.setText(text)

    def time_buttons(self) -> list[QPushButton]:
        return [b for b in self._time_group.buttons() if isinstance(b, QPushButton)]  # all ToggleButtons

    def _clear_times(self) -> None:
        for b in self._time_group.buttons():
            self._time_group.removeButton(b)
        clear_layout(self.times)
        self.times_title.setText(self.tr("Choose a day"))

    def _show_rules(self) -> None:
        lookup = self.visit.lookup if self.wizard() is not None else None
        hours = lookup.policy.closing_hours if lookup else 48
        days = lookup.policy.horizon_days if lookup else 120
        text = self.tr("Only days with free seats for all %n applicant(s) can be touched.", "", self.need)
        text += " " + self.tr("Appointments close %1 hours before they start, and can be booked up to "
                              "%2 days ahead.").replace("%1", str(hours)).replace("%2", str(days))
        self.rules.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        window = self.window()
        portrait = window.height() > window.width()
        self.row.setDirection(QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight)
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.month.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Choose a date and time"))
        self._show_rules()
        self._say_offline(bool(self._slots))
        if self.wizard() is not None and self.visit.lookup is not None:
            self._say_legend()
        if not self._time_group.buttons():
            self.times_title.setText(self.tr("Choose a day"))
        elif self._day is not None:  # the times on screen, in the new language (the choice is kept)
            self.times_title.setText(self.tr("Free times on %1").replace("%1", fmt_date(self._day)))
            if self._day in self._final_days:
                self.times_title.setText(self.times_title.text() + "\n" + self.tr(
                    "▲ A time on this day cannot be changed or cancelled once booked."))
            day_slots = self._slots.get(self._day, [])
            for b in self.time_buttons():
                self._label_time(b, day_slots[b.property("slot_index")], self._day)

    def cleanupPage(self) -> None:
        self.visit.slot = None

    def clear(self) -> None:
        super().clear()
        self._slots = {}
        self._day = None
        self._offer = None
        self._final_days, self._current_day = set(), None
        self.legend.clear()
        self._clear_times()
        self.month.clear()
        self.nothing.hide()
        self.offline_note.hide()
