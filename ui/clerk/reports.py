"""Reports: bookings per day, no-shows, inquiries by kind per ISO week; shown in a table, exported as CSV."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from kiosk.app.desk import Desk
from ui.clerk.base import ClerkPage, day_of, fill_table, make_table, set_day
from ui.worker import Runner


class ReportsPage(ClerkPage):
    def __init__(self, services: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, parent)
        self.report: Any = None
        self.dialog: QFileDialog | None = None
        self.kind = QComboBox(self)
        self.kind.setObjectName("report")
        for name, title in (("bookings_per_day", self.tr("Bookings per day")),
                            ("no_shows", self.tr("No-shows (appointment passed, not interviewed)")),
                            ("inquiries_per_week", self.tr("Inquiries by kind per ISO week"))):
            self.kind.addItem(title, name)
        today = services.now().date()
        self.start, self.end = QDateEdit(self), QDateEdit(self)
        for edit, name, day in ((self.start, "start", today - timedelta(days=27)), (self.end, "end", today)):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            set_day(edit, day)
        show = QPushButton(self.tr("S&how"), self)
        show.setObjectName("show")
        show.clicked.connect(self.reload)
        self.table = make_table([], self)
        self.table.setObjectName("table")
        self.path = QLineEdit(self)
        self.path.setObjectName("path")
        self.path.setPlaceholderText(self.tr("Full path of the CSV file to write"))
        choose = QPushButton(self.tr("C&hoose …"), self)
        choose.setObjectName("choose")
        choose.clicked.connect(self.choose)
        self.export_button = QPushButton(self.tr("&Export CSV"), self)
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self.export)
        self.kind.currentIndexChanged.connect(lambda _i: self._suggest_path())
        top = QHBoxLayout()
        top.addWidget(self.kind, 2)
        top.addWidget(QLabel(self.tr("from"), self))
        top.addWidget(self.start)
        top.addWidget(QLabel(self.tr("to"), self))
        top.addWidget(self.end)
        top.addWidget(show)
        top.addStretch(1)
        out = QHBoxLayout()
        out.addWidget(QLabel(self.tr("CSV file"), self))
        out.addWidget(self.path, 1)
        out.addWidget(choose)
        out.addWidget(self.export_button)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        box.addLayout(out)
        box.addWidget(self.message)
        self._suggest_path()

    def _suggest_path(self) -> None:
        folder = self.services.reports_dir
        start, end = day_of(self.start), day_of(self.end)
        self.path.setText(str(folder / f"{self.kind.currentData()}-{start}-{end}.csv"))

    def reload(self) -> None:
        name, start, end = self.kind.currentData(), day_of(self.start), day_of(self.end)
        self._suggest_path()
        self.run(lambda: self.services.report(name, start, end), self._show)

    def _titles(self) -> dict[str, str]:
        """Column titles on screen; the CSV keeps the stable column names."""
        return {"day": self.tr("Day"), "bookings_made": self.tr("Bookings made"), "rebookings": self.tr("Rebookings"),
                "cancellations": self.tr("Cancellations"), "appointments": self.tr("Appointments that day"),
                "applicants": self.tr("Applicants that day"), "appointment": self.tr("Appointment"),
                "booking": self.tr("Booking"), "case_number": self.tr("Case"), "petitioner": self.tr("Petitioner"),
                "last_contact": self.tr("Last contact"), "iso_week": self.tr("ISO week"),
                "week_starts": self.tr("Week starts"), "total": self.tr("Total")}

    def _show(self, report: Any) -> None:
        self.report = report
        titles = self._titles()
        self.table.setColumnCount(len(report.header))
        self.table.setHorizontalHeaderLabels([titles.get(h, h) for h in report.header])
        fill_table(self.table, [[f"{v:%Y-%m-%d %H:%M}" if hasattr(v, "hour") else v for v in row]
                                for row in report.rows])
        self.say(self.count(len(report.rows), self.tr("%n row."), self.tr("%n rows.")))

    def choose(self) -> None:
        """A file dialog is fine here: this is the clerk's desk, not the applicant's kiosk."""
        self.dialog = QFileDialog(self, self.tr("Export the report as CSV"), str(Path(self.path.text()).parent),
                                  self.tr("CSV files (*.csv)"))
        self.dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.dialog.setDefaultSuffix("csv")
        self.dialog.selectFile(Path(self.path.text()).name)
        self.dialog.fileSelected.connect(self.path.setText)
        self.dialog.open()  # not exec(): the idle lock can still close it

    def export(self) -> None:
        name, start, end = self.kind.currentData(), day_of(self.start), day_of(self.end)
        path = self.path.text().strip()
        if not path:
            self.say(self.tr("Type or choose where the CSV file goes."), error=True)
            return
        def written(answer: tuple[Path, int]) -> None:
            self.say(self.count(answer[1], self.tr("%n row written to %2"), self.tr("%n rows written to %2"))
                     .replace("%2", str(answer[0])))

        self.run(lambda: self.services.export(name, start, end, path), written)

    def clear(self) -> None:
        """Nothing of the last report stays on screen after a lock or a sign-out."""
        self.report = None
        self.table.setRowCount(0)
        if self.dialog is not None:
            self.dialog.reject()
        self.say("")
