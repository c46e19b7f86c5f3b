"""Case search and the case view: the applicant's own evaluation, people, bookings, inquiries, history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QScrollArea, QSplitter, QTabWidget, QVBoxLayout,
    QWidget,
)

from kiosk.app.desk import Desk
from kiosk.i18n import facts
from kiosk.services.clerk import CaseView
from ui.clerk.actions import ActionsPanel
from ui.clerk.base import ClerkPage, fill_table, make_table
from ui.worker import Runner


class CasesPage(ClerkPage):
    def __init__(self, services: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, parent)
        self.view: CaseView | None = None
        self.query = QLineEdit(self)
        self.query.setObjectName("query")
        self.query.setPlaceholderText(self.tr("Case number, applicant name (Latin or Chinese) or petitioner id"))
        self.query.returnPressed.connect(self.search)
        go = QPushButton(self.tr("&Search"), self)
        go.clicked.connect(self.search)
        self.results = make_table([self.tr("Case"), self.tr("Class"), self.tr("Petitioner"), self.tr("Applicants")])
        self.results.setObjectName("results")
        self.results.cellActivated.connect(lambda row, _c: self._open_row(row))
        self.results.cellClicked.connect(lambda row, _c: self._open_row(row))

        detail = QWidget(self)
        self.header = QLabel(detail)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setProperty("role", "subtitle")
        self.header.setObjectName("caseHeader")
        self.decision = QLabel(detail)
        self.decision.setTextFormat(Qt.TextFormat.PlainText)
        self.decision.setObjectName("decision")
        self.findings = make_table([self.tr("Code"), self.tr("Applicant"), self.tr("Message"), self.tr("Remedy")])
        for column in (2, 3):  # long message and remedy: wrap inside the width instead of scrolling sideways
            self.findings.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.applicants = make_table([self.tr("Id"), self.tr("Role"), self.tr("Name"), self.tr("Native name"),
                                      self.tr("Born"), self.tr("Marital"), self.tr("On letter"), self.tr("CSPA")])
        self.bookings = make_table([self.tr("Reference"), self.tr("Status"), self.tr("Appointment"),
                                    self.tr("Change or cancel"), self.tr("Seats"), self.tr("Replaces")])
        self.inquiries = make_table([self.tr("Reference"), self.tr("Kind"), self.tr("Status"), self.tr("Created"),
                                     self.tr("Outcome")])
        self.history = make_table([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Details")])
        self.history.setObjectName("history")
        self.case_actions = ActionsPanel(services, runner, detail)
        self.case_actions.done.connect(lambda _text: self.refresh())
        self.case_actions.changed.connect(self.changed)
        for label in (self.header, self.decision):  # long case lines wrap instead of widening the view
            label.setWordWrap(True)
        # The case's tables share one tabbed area, so at 1366x768 everything of a case (its bookings and
        # inquiries included) is one touch away and the actions stay on screen below, without scrolling.
        self.case_tabs = QTabWidget(detail)
        self.case_tabs.setObjectName("caseTabs")
        self._tab_titles = ((self.applicants, self.tr("Applicants (%1)")), (self.bookings, self.tr("Bookings (%1)")),
                            (self.inquiries, self.tr("Inquiries (%1)")), (self.findings, self.tr("Findings (%1)")),
                            (self.history, self.tr("History (%1)")))
        for table, title in self._tab_titles:
            table.setMinimumHeight(110)
            self.case_tabs.addTab(table, title.replace("%1", "0"))
        col = QVBoxLayout(detail)
        col.addWidget(self.header)
        col.addWidget(self.decision)
        col.addWidget(self.case_tabs, 1)
        col.addWidget(self.case_actions)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail)

        split = QSplitter(self)
        split.addWidget(self.results)
        split.addWidget(scroll)
        split.setSizes([300, 1066])
        bar = QHBoxLayout()
        bar.addWidget(self.query, 1)
        bar.addWidget(go)
        box = QVBoxLayout(self)
        box.addLayout(bar)
        box.addWidget(self.message)
        box.addWidget(split, 1)

    def clear(self) -> None:
        """Nothing of the last case stays on screen (sign-out, idle lock)."""
        self.view = None
        self.query.clear()
        for label in (self.header, self.decision, self.message):
            label.clear()
        for table in (self.results, self.findings, self.applicants, self.bookings, self.inquiries, self.history):
            table.setRowCount(0)
        self.case_actions.reason.clear()
        self.case_actions.message.clear()
        self.case_actions.show_case(None, [])

    def search(self) -> None:
        text = self.query.text()
        self.run(lambda: self.services.search(text), self._found)

    def _found(self, hits: list[Any]) -> None:
        fill_table(self.results, [(h.case_number, h.visa_class, h.petitioner_id, h.names) for h in hits])
        self.say(self.count(len(hits), self.tr("%n case found."), self.tr("%n cases found.")))
        if len(hits) == 1:
            self.open_case(hits[0].case_number)

    def _open_row(self, row: int) -> None:
        item = self.results.item(row, 0)
        if item is not None:
            self.open_case(item.text())

    def open_case(self, number: str) -> None:
        self.run(lambda: (self.services.case_view(number), self.services.slots()), self._show)

    def refresh(self) -> None:
        if self.view is not None:
            self.open_case(self.view.case_number)

    def _show(self, answer: tuple[CaseView, list[Any]]) -> None:
        view, slots = answer
        self.view = view
        ev = view.evaluation
        self.header.setText(self.tr("Case %1 — %2 — petitioner %3 — last contact %4%5").replace(
            "%1", view.case_number).replace("%2", view.visa_class).replace("%3", view.petitioner_id).replace(
            "%4", str(view.last_contact or "-")).replace(
            "%5", (self.tr(" — interviewed") if view.interviewed else "")
            + (self.tr(" — visa class changed") if view.visa_class_changed else "")
            + (self.tr(" — account: %1").replace("%1", ", ".join(view.accounts)) if view.accounts else "")))
        self.decision.setText(self.tr("Decision: %1   earliest date: %2   attending: %3   group: %4").replace(
            "%1", ev.decision.value).replace("%2", str(ev.earliest_date or "-")).replace(
            "%3", ", ".join(ev.attending) or "-").replace("%4", ", ".join(ev.group)))
        self.decision.setProperty("decision", ev.decision.value)
        self.decision.style().polish(self.decision)
        fill_table(self.findings, [(f.code, f.applicant, f.message, f.remedy) for f in ev.findings])
        fill_table(self.applicants, [(a.id, a.role, f"{a.surname} {a.given_names}", a.native_name,
                                      a.date_of_birth, a.marital_status, self.tr("yes") if a.on_letter
                                      else self.tr("no"), a.cspa) for a in view.applicants])
        # The applicant's own words for the time and the change rule (kiosk.i18n.facts), in English here.
        fill_table(self.bookings, [(b.reference, b.status, facts.when(b.start, view.timezone, "en"),
                                    facts.change_rule(b.facts, "en") if b.status == "active" else "", b.seats,
                                    b.replaces) for b in view.bookings])
        fill_table(self.inquiries, [(i.reference, i.kind.value, i.status.value, f"{i.created_at:%Y-%m-%d %H:%M}",
                                     i.outcome) for i in view.inquiries])
        fill_table(self.history, [(f"{e.at:%Y-%m-%d %H:%M}", e.actor, e.action,
                                   "; ".join(f"{k}={v}" for k, v in sorted(e.detail.items())))
                                  for e in reversed(view.history)])
        for index, (table, title) in enumerate(self._tab_titles):
            self.case_tabs.setTabText(index, title.replace("%1", str(table.rowCount())))
        self.case_actions.show_case(view, slots)
