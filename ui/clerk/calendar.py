"""The calendar: seats booked per day, slots generated from a weekly pattern, closures, shrinking a slot."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from kiosk.domain.errors import InputError
from ui.clerk.base import ClerkPage, fill_table, make_table
from ui.clerk.services import ClerkServices
from ui.worker import Runner


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def parse_times(text: str) -> list[time]:
    try:
        return [time.fromisoformat(t.strip()) for t in text.replace(";", ",").split(",") if t.strip()]
    except ValueError:
        raise InputError(f"{text!r}: give times as HH:MM, separated by commas", field="times") from None


class CalendarPage(ClerkPage):
    def __init__(self, services: ClerkServices, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, parent)
        self.days: list[Any] = []
        today = services.now().date()
        self.start, self.end = _date_edit(self, "start"), _date_edit(self, "end")
        self.start.setDate(QDate(today))
        self.end.setDate(QDate(today + timedelta(days=13)))
        show = QPushButton(self.tr("S&how"), self)
        show.clicked.connect(self.reload)
        self.day_table = make_table([self.tr("Day"), self.tr("Closed"), self.tr("Slots"), self.tr("Seats"),
                                     self.tr("Booked")])
        self.day_table.setObjectName("days")
        self.day_table.itemSelectionChanged.connect(self._day_chosen)
        self.slot_table = make_table([self.tr("Slot"), self.tr("Seats"), self.tr("Booked")])
        self.slot_table.setObjectName("slots")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Why? (required for every change)"))
        self.seats = QSpinBox(self)
        self.seats.setObjectName("seats")
        self.seats.setRange(0, 500)
        shrink = QPushButton(self.tr("Shrin&k slot to"), self)
        shrink.setObjectName("shrink")
        shrink.clicked.connect(self.shrink)
        close = QPushButton(self.tr("&Close the chosen day"), self)
        close.setObjectName("close")
        close.clicked.connect(self.close_day)
        self.times = QLineEdit("08:30, 10:00, 13:30", self)
        self.times.setObjectName("times")
        self.pattern_seats = QSpinBox(self)
        self.pattern_seats.setRange(1, 500)
        self.pattern_seats.setValue(6)
        generate = QPushButton(self.tr("&Generate slots on working days"), self)
        generate.setObjectName("generate")
        generate.clicked.connect(self.generate)

        top = QHBoxLayout()
        for w in (self.start, self.end, show):
            top.addWidget(w)
        top.addStretch(1)
        tables = QHBoxLayout()
        tables.addWidget(self.day_table, 3)
        tables.addWidget(self.slot_table, 2)
        change = QGroupBox(self.tr("Change (for the dates above, or the chosen day and slot)"), self)
        form = QFormLayout(change)
        form.addRow(self.tr("Reason"), self.reason)
        row = QHBoxLayout()
        row.addWidget(shrink)
        row.addWidget(self.seats)
        row.addWidget(close)
        row.addStretch(1)
        form.addRow(self.tr("Chosen day"), row)
        pattern = QHBoxLayout()
        pattern.addWidget(self.times, 2)
        pattern.addWidget(self.pattern_seats)
        pattern.addWidget(generate)
        form.addRow(self.tr("Weekly pattern (times, seats)"), pattern)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addLayout(tables, 1)
        box.addWidget(change)
        box.addWidget(self.message)

    def reload(self) -> None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        self.run(lambda: self.services.days(start, end), self._show)

    def _show(self, days: list[Any]) -> None:
        chosen = self.chosen_day()
        self.days = days
        fill_table(self.day_table, [(f"{d.day:%a %Y-%m-%d}", d.closed, len(d.slots), d.seats, d.booked)
                                    for d in days])
        for i, d in enumerate(days):
            if chosen is not None and d.day == chosen.day:
                self.day_table.selectRow(i)
        self._day_chosen()

    def chosen_day(self) -> Any | None:
        row = self.day_table.currentRow()
        return self.days[row] if 0 <= row < len(self.days) and self.day_table.selectedItems() else None

    def choose(self, day: Any) -> None:
        for i, d in enumerate(self.days):
            if d.day == day:
                self.day_table.selectRow(i)

    def _day_chosen(self) -> None:
        day = self.chosen_day()
        fill_table(self.slot_table, [(f"{s[1]:%H:%M}", s[2], s[3]) for s in (day.slots if day else ())])
        if day and day.slots:
            self.slot_table.selectRow(0)

    def chosen_slot(self) -> str | None:
        day, row = self.chosen_day(), self.slot_table.currentRow()
        return day.slots[row][0] if day and 0 <= row < len(day.slots) else None

    def shrink(self) -> None:
        slot, seats, why = self.chosen_slot(), self.seats.value(), self.reason.text()
        if slot is None:
            self.say(self.tr("Choose a day and a slot first."), error=True)
            return
        self.run(lambda: self.services.shrink(slot, seats, why), lambda _r: self._written(self.tr("Slot changed.")))

    def close_day(self) -> None:
        day, why = self.chosen_day(), self.reason.text()
        if day is None:
            self.say(self.tr("Choose a day first."), error=True)
            return
        self.run(lambda: self.services.close_day(day.day, why), lambda _r: self._written(self.tr("Day closed.")))

    def generate(self) -> None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        seats, why, text = self.pattern_seats.value(), self.reason.text(), self.times.text()
        self.run(lambda: self.services.generate(start, end, parse_times(text), seats, why),
                 lambda n: self._written(self.tr("%n slot(s) created.", "", n)))

    def _written(self, text: str) -> None:
        self.reason.clear()
        self.say(text)
        self.changed.emit()
        self.reload()
