"""What every clerk screen shares: running a service call off the GUI thread, a message line, tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDateEdit, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget,
)

from kiosk.app.desk import Desk
from kiosk.desk import SESSION_EXPIRED
from ui.refusals import plain_message
from ui.worker import Runner


def count_words(n: int, one: str, many: str) -> str:
    """'1 case found.' / '3 cases found.': the console's English by number, never "case(s)" (%n: the number)."""
    return (one if n == 1 else many).replace("%n", str(n))


def session_expired(exc: BaseException) -> bool:
    """Central no longer holds the clerk's session (a console on the central service): back to sign-in."""
    return getattr(exc, "code", None) == SESSION_EXPIRED


class ClerkPage(QWidget):
    """A screen with a message line; `changed` tells the others that data was written; `session_ended` that
    central ended the clerk's session (the window signs out and says so)."""

    changed = Signal()
    session_ended = Signal()

    def __init__(self, services: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setObjectName("message")

    count = staticmethod(count_words)

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("role", "error" if error else "ok")
        self.message.style().polish(self.message)
        self.message.setText(text)

    def run(self, fn: Callable[[], Any], on_ok: Callable[[Any], None]) -> None:
        """Run `fn` in the worker; an expected refusal is shown in the message line."""
        self.runner.op(fn).success(on_ok).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        if session_expired(exc):
            self.session_ended.emit()
            return
        text = plain_message(exc)
        code = getattr(exc, "code", None)
        if text is None:
            text = self.tr("Something went wrong; the error was logged.")
        self.say(f"{code}: {text}" if code else text, error=True)


def set_day(edit: QDateEdit, day: date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


def day_of(edit: QDateEdit) -> date:
    """The edit's day (QDate.toPython is typed as `object` in PySide6's stubs)."""
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def make_table(headers: Sequence[str], parent: QWidget | None = None) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[object]]) -> None:
    """Plain-text cells (QTableWidgetItem never parses markup); None shows as an empty cell."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    table.resizeRowsToContents()
