"""A month of day buttons where only bookable days can be touched (bigger than QCalendarWidget's cells)."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.i18n import fmt_date, fmt_month
from ui.widgets.common import describe, named, role_label

FINAL_MARK = " ▲"  # the legend under the calendar explains both marks
CURRENT_MARK = " ●"


class MonthView(QWidget):
    day_chosen = Signal(object)  # datetime.date

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today  # the post's date (the visit's clock), never the machine's
        self._days: set[date] = set()
        self._final: set[date] = set()  # days whose bookings could no longer be changed
        self._current: date | None = None  # the day of the applicant's current appointment
        self._month = today().replace(day=1)
        self.selected: date | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        head = QHBoxLayout()
        # Labelled with the month they open ("◀ Oct"), in the visit's language.
        self.prev_button = named(QPushButton(), "prevMonth")
        self.next_button = named(QPushButton(), "nextMonth")
        self.month_label = role_label("subtitle", wrap=False)  # never "2026年12" over "月"
        head.addWidget(self.prev_button)
        head.addStretch(1)
        head.addWidget(self.month_label)
        head.addStretch(1)
        head.addWidget(self.next_button)
        box.addLayout(head)
        self.grid = QGridLayout()
        self.grid.setSpacing(2)
        box.addLayout(self.grid)
        box.addStretch(1)  # a tall screen's extra room goes below the month, never between its rows
        self._headers = [role_label("hint", wrap=False) for _ in range(7)]
        for col, h in enumerate(self._headers):
            self.grid.addWidget(h, 0, col)
        self._buttons: list[QPushButton] = []
        # The day of each button, kept in Python: Qt properties holding None leak refcounts in PySide6.
        self._dates: list[date | None] = [None] * 42
        self._group = QButtonGroup(self)
        for i in range(42):
            b = QPushButton()
            b.setCheckable(True)
            b.setProperty("role", "day")
            b.clicked.connect(lambda _=False, i=i: self._clicked(i))
            self._group.addButton(b)
            self._buttons.append(b)
            self.grid.addWidget(b, 1 + i // 7, i % 7)
        self.prev_button.clicked.connect(lambda: self.show_month(self._shift(-1)))
        self.next_button.clicked.connect(lambda: self.show_month(self._shift(1)))
        self.retranslate()

    def set_days(self, days: set[date], final: set[date] | None = None, current: date | None = None) -> None:
        """The bookable days (`final`: inside the change window), and the current appointment's day; opens the month of the first one."""
        self._days = set(days)
        self._final = set(final or ())
        self._current = current
        self.selected = None
        self.show_month(min(days).replace(day=1) if days else self._today().replace(day=1))

    @property
    def month(self) -> date:
        return self._month

    def _shift(self, n: int) -> date:
        m0 = self._month.month - 1 + n
        return date(self._month.year + m0 // 12, m0 % 12 + 1, 1)

    def _has_days(self, month: date) -> bool:
        return any(d.year == month.year and d.month == month.month for d in self._days)

    def show_month(self, month: date) -> None:
        self._month = month
        self.month_label.setText(fmt_month(month))
        loc = QLocale()
        short = QLocale.FormatType.ShortFormat
        self.prev_button.setText("◀ " + loc.standaloneMonthName(self._shift(-1).month, short))
        self.next_button.setText(loc.standaloneMonthName(self._shift(1).month, short) + " ▶")
        first = calendar.monthrange(month.year, month.month)
        offset, length = first[0], first[1]  # Monday = 0
        self._group.setExclusive(False)
        for i, b in enumerate(self._buttons):
            n = i - offset + 1
            if 1 <= n <= length:
                d = month.replace(day=n)
                b.setText(str(n) + (FINAL_MARK if d in self._final and d in self._days else "")
                          + (CURRENT_MARK if d == self._current else ""))
                b.setEnabled(d in self._days)
                b.setProperty("final", d in self._final and d in self._days)
                says = [self.tr("Free appointments on this day") if d in self._days
                        else self.tr("No free appointments on this day")]
                if d in self._final and d in self._days:
                    says.append(self.tr("An appointment on this day cannot be changed or cancelled once booked"))
                if d == self._current:
                    says.append(self.tr("Your current appointment is on this day"))
                describe(b, fmt_date(d), ". ".join(says))
                b.setChecked(d == self.selected)
                b.setVisible(True)
                self._dates[i] = d
            else:
                b.setText("")
                describe(b, self.tr("No day"), self.tr("No day"))
                b.setChecked(False)
                b.setEnabled(False)
                b.setVisible(i < 35 or offset + length > 35)  # keep a 6th row only when needed
                self._dates[i] = None
        self._group.setExclusive(True)
        self.prev_button.setEnabled(self._has_days(self._shift(-1)) or any(d < month for d in self._days))
        self.next_button.setEnabled(any(d >= self._shift(1) for d in self._days))

    def last_focus_widget(self) -> QPushButton:
        """The last day button: widgets that follow the month in the keyboard order go after it."""
        return self._buttons[-1]

    def button_for(self, d: date) -> QPushButton | None:
        return next((b for b, day in zip(self._buttons, self._dates, strict=True) if day == d), None)

    def choose(self, d: date) -> None:
        if d not in self._days:
            return
        if (d.year, d.month) != (self._month.year, self._month.month):
            self.show_month(d.replace(day=1))
        self.selected = d
        b = self.button_for(d)
        if b is not None:
            b.setChecked(True)
        self.day_chosen.emit(d)

    def _clicked(self, i: int) -> None:
        d = self._dates[i]
        if d is not None:
            self.choose(d)

    def retranslate(self) -> None:
        loc = QLocale()
        for col, h in enumerate(self._headers):
            h.setText(loc.dayName(col + 1, QLocale.FormatType.ShortFormat))
        describe(self.prev_button, self.tr("Previous month"), self.tr("Show the month before"))
        describe(self.next_button, self.tr("Next month"), self.tr("Show the month after"))
        self.show_month(self._month)

    def clear(self) -> None:
        self._days = set()
        self._final = set()
        self._current = None
        self.selected = None
        self.show_month(self._today().replace(day=1))
