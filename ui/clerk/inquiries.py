"""The inquiry queue: open inquiries by kind; open one, see its scans, record or judge a document, resolve it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from kiosk.app.desk import Desk
from kiosk.domain.model import InquiryKind
from ui.clerk.base import ClerkPage, fill_table, make_table
from ui.clerk.scans import ScansPanel
from ui.worker import Runner


class InquiriesPage(ClerkPage):
    def __init__(self, services: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, parent)
        self.records: list[Any] = []
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        self.kind.addItem(self.tr("All kinds"), None)
        for k in InquiryKind:
            self.kind.addItem(k.value, k.value)
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.table = make_table([self.tr("Reference"), self.tr("Kind"), self.tr("Case"), self.tr("Created"),
                                 self.tr("Documents"), self.tr("Message"), self.tr("Answer to")])
        self.table.setObjectName("queue")
        self.table.itemSelectionChanged.connect(self._selected)
        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setObjectName("detail")
        self.document = QComboBox(self)
        self.document.setObjectName("document")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Why / what was seen (required)"))
        self.receive = QPushButton(self.tr("Document &received"), self)
        self.receive.clicked.connect(self.record_document)
        self.accept = QPushButton(self.tr("&Accept"), self)
        self.accept.setObjectName("accept")
        self.accept.clicked.connect(lambda: self.judge("accepted"))
        self.ask_again = QPushButton(self.tr("Ask a&gain"), self)
        self.ask_again.setObjectName("ask_again")
        self.ask_again.clicked.connect(lambda: self.judge("rejected"))
        self.scans = ScansPanel(self)
        self.scans.chosen.connect(lambda name: self.document.setCurrentIndex(self.document.findData(name)))
        self.outcome = QLineEdit(self)
        self.outcome.setObjectName("outcome")
        self.outcome.setPlaceholderText(self.tr("What the consulate decided (required)"))
        self.resolve_button = QPushButton(self.tr("Re&solve"), self)
        self.resolve_button.setObjectName("resolve")
        self.resolve_button.clicked.connect(self.resolve)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Kind"), self))
        top.addWidget(self.kind)
        refresh = QPushButton(self.tr("Re&fresh"), self)
        refresh.clicked.connect(self.reload)
        top.addWidget(refresh)
        top.addStretch(1)
        form = QFormLayout()
        doc_row = QHBoxLayout()
        doc_row.addWidget(self.document, 1)
        doc_row.addWidget(self.reason, 2)
        doc_row.addWidget(self.receive)
        doc_row.addWidget(self.accept)
        doc_row.addWidget(self.ask_again)
        out_row = QHBoxLayout()
        out_row.addWidget(self.outcome, 1)
        out_row.addWidget(self.resolve_button)
        form.addRow(self.tr("Document"), doc_row)
        form.addRow(self.tr("Outcome"), out_row)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        box.addWidget(self.detail)
        box.addWidget(self.scans, 2)
        box.addLayout(form)
        box.addWidget(self.message)
        self._selected()

    def clear(self) -> None:
        self.records = []
        self.table.setRowCount(0)
        self.reason.clear()
        self.outcome.clear()
        self.message.clear()
        self._selected()

    def reload(self) -> None:
        kind = self.kind.currentData()
        self.run(lambda: self.services.open_inquiries(kind), self._show)

    def _show(self, records: list[Any]) -> None:
        self.records = records
        fill_table(self.table, [(r.reference, r.kind.value, r.case_number, f"{r.created_at:%Y-%m-%d %H:%M}",
                                 ", ".join(f"{d.name}: {d.status}" for d in r.documents), r.text,
                                 r.contact or "")
                                for r in records])
        self._selected()

    def current(self) -> Any | None:
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) and self.table.selectedItems() else None

    def select(self, reference: str) -> None:
        for i, r in enumerate(self.records):
            if r.reference == reference:
                self.table.selectRow(i)

    def _selected(self) -> None:
        rec = self.current()
        self.document.clear()
        for d in (rec.documents if rec else ()):
            self.document.addItem(f"{d.name} ({d.status})", d.name)
        for b in (self.receive, self.accept, self.ask_again):
            b.setEnabled(rec is not None and self.document.count() > 0)
        self._load_scans(rec.reference if rec else None)
        self.resolve_button.setEnabled(rec is not None)
        self.detail.setText(self.tr("%1 — case %2, applicant %3:\n%4").replace("%1", rec.reference).replace(
            "%2", rec.case_number).replace("%3", rec.applicant_id or "-").replace("%4", rec.text or "-")
            if rec else self.tr("Choose an inquiry."))

    def record_document(self) -> None:
        rec, name, why = self.current(), self.document.currentData(), self.reason.text()
        if rec is None or name is None:
            return
        self.run(lambda: self.services.receive_document(rec.reference, name, why), self._written)

    def _load_scans(self, reference: str | None) -> None:
        if reference is None:
            self.scans.show_scans([])
            return

        def fetch() -> list[tuple[Any, bytes]]:
            return [(r, self.services.scan_pdf(r.id)) for r in self.services.scans(reference)]

        def shown(scans: list[tuple[Any, bytes]]) -> None:
            current = self.current()
            if current is not None and current.reference == reference:  # still the one chosen
                self.scans.show_scans(scans)

        self.run(fetch, shown)

    def judge(self, verdict: str) -> None:
        rec, name, why = self.current(), self.document.currentData(), self.reason.text()
        if rec is None or name is None:
            return
        self.run(lambda: self.services.judge_document(rec.reference, name, verdict, why), self._written)

    def resolve(self) -> None:
        rec, outcome = self.current(), self.outcome.text()
        if rec is None:
            return
        self.run(lambda: self.services.resolve(rec.reference, outcome), self._written)

    def _written(self, rec: Any) -> None:
        self.reason.clear()
        self.outcome.clear()
        self.say(self.tr("%1 is now %2.").replace("%1", rec.reference).replace("%2", rec.status.value))
        self.changed.emit()
        kind = self.kind.currentData()
        def show_and_select(recs: list[Any]) -> None:
            self._show(recs)
            self.select(rec.reference)

        self.run(lambda: self.services.open_inquiries(kind), show_and_select)
