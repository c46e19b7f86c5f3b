"""Calendar: a month of bookable days, then the times with seats left for the whole group (offline: this kiosk's)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QBoxLayout, QButtonGroup, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.app.visit import VisitServices
from ui.pages.base import KioskPage
from ui.i18n import fmt_date, fmt_datetime, fmt_time, sentences
from ui.widgets.common import ToggleButton, clear_layout, role_label
from ui.visit import LostTime
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
        # Review could not book the time chosen here: the nearest others, in place of a day's times.
        self._lost: LostTime | None = None
        self._lost_ids: set[str] = set()  # never offered again in this visit
        self._alternatives: list[Any] = []
        self.retranslate()

    def inputs(self) -> list[Any]:
        return [self.month]

    def ready(self) -> bool:
        return self.wizard() is not None and bool(self._slots)  # Next explains when no time is chosen yet

    def start_validation(self) -> bool:
        if self.visit.slot is not None:
            return True
        self.show_error(self.tr("Choose a time first: touch a day, then one of its times.")
                        if self._day is None else self.tr("Choose one of the free times of this day."))
        return False

    @property
    def need(self) -> int:
        if self.wizard() is None or self.visit.lookup is None:
            return 1
        return max(1, self.visit.lookup.need)

    def initializePage(self) -> None:
        self.visit.slot = None
        self._day = None
        self._lost, self._lost_ids, self._alternatives = None, set(), []
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
        slots = [s for s in offer.slots if s.id not in self._lost_ids]
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
        if self._alternatives:  # fresh days (a sync): the nearest times offered stay in place of a day's
            self._show_alternatives()
            self.completeChanged.emit()
            return
        # Never pre-select a day whose booking would be final: the applicant chooses that knowingly.
        changeable = [d for d in by_day if d not in final]
        if self._day in by_day:
            self.month.choose(self._day)
        elif changeable:
            self.month.choose(min(changeable))
        chosen = self.month.button_for(self.month.selected) if self.month.selected is not None else None
        if chosen is not None and QApplication.focusWidget() in (None, self.language_button):
            chosen.setFocus()  # this page's decision, not the language switch Qt moved it to while loading
        self.completeChanged.emit()

    def _say_legend(self) -> None:
        parts = []
        if self._final_days:
            # A legend, never "this day": seen live beside a chosen day without ▲, it read as that day's rule.
            parts.append(self.tr("▲ marks the days on which an appointment cannot be changed or cancelled once "
                                 "booked."))
        booking = self.visit.lookup.booking if self.visit.lookup is not None else None
        if self._current_day is not None and booking is not None:
            parts.append(self.tr("● Your current appointment: %1.").replace("%1", fmt_datetime(booking.start)))
        self.legend.setText("\n".join(parts))
        self.legend.setVisible(bool(parts))

    def _day_chosen(self, day: date) -> None:
        self._day = day
        if self._alternatives:  # the times of a day instead of the nearest ones: the page as it was
            self._alternatives = []
            self.show_error("")
            self.rules.show()
            self._say_legend()
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

    # -- the time chosen here was lost on Review ------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.wizard() is not None and self.visit.lost is not None:
            self._lost, self.visit.lost = self.visit.lost, None
            self._lost_ids.add(self._lost.slot.id)
            QTimer.singleShot(0, self, self._find_alternatives)  # once the page is on screen

    def _find_alternatives(self) -> None:
        lost = self._lost
        if lost is None or self.wizard() is None:
            return
        near, need = lost.slot.start, self.need
        self.run(lambda: self.services.nearest_slots(near, need), self._alternatives_found,
                 busy_text=self.tr("Finding other free times…"))

    def _alternatives_found(self, slots: list[Any]) -> None:
        self._alternatives = [s for s in slots if s.id not in self._lost_ids]
        self._slots = {d: [s for s in day if s.id not in self._lost_ids] for d, day in self._slots.items()}
        self._day = None
        self._show_alternatives()
        self.completeChanged.emit()

    def _show_alternatives(self) -> None:
        """In place of a day's times: each day of the nearest free times, then its times."""
        self._clear_times()
        # Said instead of the rules and the legend (the month stays whole on a short screen); they come
        # back with the next day touched.
        self.rules.hide()
        self.legend.hide()
        previous: QWidget = self.month.last_focus_widget()
        row = 0
        for day in sorted({s.start.date() for s in self._alternatives}):
            date_label = role_label("hint")
            date_label.setProperty("day", day.isoformat())
            self.times.addWidget(date_label, row, 0, 1, TIME_COLUMNS)
            times = sorted((s for s in self._alternatives if s.start.date() == day), key=lambda s: s.start)
            for i, slot in enumerate(times):
                b = ToggleButton(objectName=f"alt_{slot.id}")
                b.setProperty("slot_id", slot.id)
                b.clicked.connect(lambda _=False, s=slot: self._time_chosen(s))
                self._time_group.addButton(b)
                self.times.addWidget(b, row + 1 + i // TIME_COLUMNS, i % TIME_COLUMNS)
                QWidget.setTabOrder(previous, b)
                previous = b
            row += 1 + (len(times) + TIME_COLUMNS - 1) // TIME_COLUMNS
        self._say_alternatives()

    def _say_alternatives(self) -> None:
        """What happened to the time chosen, and the words of the nearest free times (also on a language switch)."""
        lost = self._lost
        if lost is None:
            return
        if lost.code == "OFFLINE":
            error = self.tr("The consulate's booking system cannot be reached right now, and this kiosk holds no "
                            "seat at the time you chose. Nothing was booked.")
        elif lost.code == "SLOT_FULL":
            error = self.tr("Sorry, the time you chose was just taken by someone else. Nothing was booked.")
        else:
            error = self.tr("Sorry, the time you chose has closed for booking. Nothing was booked.")
        if self.visit.slot is None:  # (once one of them is chosen, the error has been answered)
            self.show_error(error)
        if self._alternatives and lost.code == "OFFLINE":
            self.times_title.setText(self.tr("This kiosk can still book these times while offline:"))
        elif self._alternatives:
            self.times_title.setText(self.tr("Choose one of the nearest free times:"))
        else:
            self.times_title.setText(self.tr("No other free times are left. Please ask at the counter."))
        by_id = {s.id: s for s in self._alternatives}
        for i in range(self.times.count()):
            item = self.times.itemAt(i)
            w = item.widget() if item is not None else None
            if isinstance(w, ToggleButton) and w.property("slot_id") in by_id:
                slot = by_id[w.property("slot_id")]
                self._label_time(w, slot, slot.start.date())
            elif isinstance(w, QLabel) and w.property("day"):
                w.setText(fmt_date(date.fromisoformat(w.property("day"))))

    def alternative_buttons(self) -> list[QPushButton]:
        return [b for b in self.time_buttons() if b.objectName().startswith("alt_")]

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
        self.rules.setText(sentences(
            self.tr("Only days with free seats for all %n applicant(s) can be touched.", "", self.need),
            self.tr("Appointments close %1 hours before they start, and can be booked up to "
                    "%2 days ahead.").replace("%1", str(hours)).replace("%2", str(days))))

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
        showing_others = self._lost is not None and self._day is None  # (the legend steps aside for them)
        if self.wizard() is not None and self.visit.lookup is not None and not showing_others:
            self._say_legend()
        if self._lost is not None and self._day is None:
            self._say_alternatives()
        elif not self._time_group.buttons():
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
        self._lost, self._lost_ids, self._alternatives = None, set(), []
        self.legend.clear()
        self._clear_times()
        self.month.clear()
        self.nothing.hide()
        self.offline_note.hide()
