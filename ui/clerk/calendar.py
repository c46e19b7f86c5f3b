"""The calendar: seats booked per day, slots from a weekly pattern, closures, shrinking or blocking a slot,
and the people booked in a slot or on a day (moving them needs their consent, so the clerk contacts them)."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from kiosk.app.desk import Desk
from kiosk.domain.errors import InputError
from ui.clerk.base import ClerkPage, day_of, fill_table, make_table, set_day
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
    def __init__(self, services: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, parent)
        self.days: list[Any] = []
        today = services.now().date()
        self.start, self.end = _date_edit(self, "start"), _date_edit(self, "end")
        set_day(self.start, today)
        set_day(self.end, today + timedelta(days=13))
        show = QPushButton(self.tr("S&how"), self)
        show.clicked.connect(self.reload)
        self.day_table = make_table([self.tr("Day"), self.tr("Closed"), self.tr("Slots"), self.tr("Seats"),
                                     self.tr("Booked"), self.tr("Free")])
        self.day_table.setObjectName("days")
        self.day_table.itemSelectionChanged.connect(self._day_chosen)
        # Free: seats neither booked nor lent to kiosks for offline booking.
        self.slot_table = make_table([self.tr("Slot"), self.tr("Seats"), self.tr("Booked"), self.tr("Lent"),
                                      self.tr("Free")])
        self.slot_table.setObjectName("slots")
        self.slot_table.itemSelectionChanged.connect(self._slot_chosen)
        self.contacts_label = QLabel(self)
        self.contacts_label.setObjectName("contacts_label")
        self.contact_table = make_table([self.tr("Slot"), self.tr("Reference"), self.tr("Case"), self.tr("Seats"),
                                         self.tr("Names")])
        self.contact_table.setObjectName("contacts")
        self._contacts_for: object = None  # the slot id or day whose people the table shows (or will show)
        whole_day = QPushButton(self.tr("People booked that &day"), self)
        whole_day.setObjectName("day_contacts")
        whole_day.clicked.connect(self.show_day_contacts)
        block = QPushButton(self.tr("&Block slot (keep only what is booked)"), self)
        block.setObjectName("block")
        block.clicked.connect(self.block)
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
        row.addWidget(block)
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
        people = QHBoxLayout()
        people.addWidget(self.contacts_label, 1)
        people.addWidget(whole_day)
        box.addLayout(people)
        box.addWidget(self.contact_table, 1)
        box.addWidget(change)
        box.addWidget(self.message)

    def reload(self) -> None:
        start, end = day_of(self.start), day_of(self.end)
        self.run(lambda: self.services.days(start, end), self._show)

    def _show(self, days: list[Any]) -> None:
        chosen = self.chosen_day()
        self.days = days
        fill_table(self.day_table, [(f"{d.day:%a %Y-%m-%d}", d.closed, len(d.slots), d.seats, d.booked, d.free)
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
        fill_table(self.slot_table, [(f"{s.start:%H:%M}", s.seats, s.taken, s.lent, s.free)
                                     for s in (day.slots if day else ())])
        if day and day.slots:
            self.slot_table.selectRow(0)
        else:
            self.show_day_contacts()

    def _slot_chosen(self) -> None:
        slot = self.chosen_slot() if self.slot_table.selectedItems() else None
        if slot is None:
            self.show_day_contacts()
            return
        self._load_contacts(slot, lambda: self.services.slot_contacts(slot),
                            self.tr("People booked at %1 to contact before moving them:").replace("%1", slot))

    def show_day_contacts(self) -> None:
        day = self.chosen_day()
        if day is None:
            self._contacts_for = None
            self.contacts_label.clear()
            fill_table(self.contact_table, [])
            return
        self._load_contacts(day.day, lambda: self.services.day_contacts(day.day),
                            self.tr("People booked on %1 to contact before moving them:").replace(
                                "%1", day.day.isoformat()))

    def _load_contacts(self, key: object, fn: Any, title: str) -> None:
        self._contacts_for = key
        self.run(fn, lambda people: self._show_contacts(key, title, people))

    def _show_contacts(self, key: object, title: str, people: list[Any]) -> None:
        if key != self._contacts_for:  # the clerk chose another slot or day meanwhile
            return
        self.contacts_label.setText(title if people else self.tr("Nobody is booked there."))
        fill_table(self.contact_table, [(f"{p.start:%Y-%m-%d %H:%M}", p.reference, p.case_number, p.seats,
                                         "; ".join(p.names)) for p in people])

    def chosen_slot(self) -> str | None:
        day, row = self.chosen_day(), self.slot_table.currentRow()
        return day.slots[row].id if day and 0 <= row < len(day.slots) else None

    def shrink(self) -> None:
        slot, seats, why = self.chosen_slot(), self.seats.value(), self.reason.text()
        if slot is None:
            self.say(self.tr("Choose a day and a slot first."), error=True)
            return
        self.run(lambda: self.services.shrink(slot, seats, why), lambda _r: self._written(self.tr("Slot changed.")))

    def block(self) -> None:
        slot, why = self.chosen_slot(), self.reason.text()
        if slot is None:
            self.say(self.tr("Choose a day and a slot first."), error=True)
            return
        self.run(lambda: self.services.block(slot, why),
                 lambda n: self._written(self.count(
                     n, self.tr("Slot blocked: %n seat left, booked or lent to a kiosk."),
                     self.tr("Slot blocked: %n seats left, all booked or lent to kiosks."))))

    def _failed(self, exc: BaseException) -> None:
        super()._failed(exc)
        code = getattr(exc, "code", None)
        if code == "DAY_HAS_BOOKINGS":
            self.show_day_contacts()
        elif code == "BELOW_BOOKED":
            self._slot_chosen()
        else:
            return
        self.say(self.message.text() + "\n" + self.tr("The people to contact are listed below."), error=True)

    def close_day(self) -> None:
        day, why = self.chosen_day(), self.reason.text()
        if day is None:
            self.say(self.tr("Choose a day first."), error=True)
            return
        self.run(lambda: self.services.close_day(day.day, why), lambda _r: self._written(self.tr("Day closed.")))

    def generate(self) -> None:
        start, end = day_of(self.start), day_of(self.end)
        seats, why, text = self.pattern_seats.value(), self.reason.text(), self.times.text()
        self.run(lambda: self.services.generate(start, end, parse_times(text), seats, why),
                 lambda n: self._written(self.count(n, self.tr("%n slot created."), self.tr("%n slots created."))))

    def _written(self, text: str) -> None:
        self.reason.clear()
        self.say(text)
        self.changed.emit()
        self.reload()
