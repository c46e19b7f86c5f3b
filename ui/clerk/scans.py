"""An inquiry's scanned documents for a clerk: the list with page thumbnails, the full page, zoom.

The PDFs come from central off the GUI thread (the page's runner); rendering a page is Qt's own
PDF engine (QtPdf) on the document already in memory.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from ui.clerk.base import count_words

THUMB = QSize(96, 128)
PAGE_WIDTH = 640  # pixels at zoom 1: an A4 page at ~77 dpi on screen


class ScansPanel(QWidget):
    chosen = Signal(str)  # the name of the document whose scan is shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scans: list[Any] = []
        self.pdf = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.page, self.zoom = 0, 1.0
        self.list = QListWidget(self)
        self.list.setObjectName("scans")
        self.list.setIconSize(THUMB)
        self.list.currentRowChanged.connect(self._chosen)
        self.view = QLabel(self)
        self.view.setObjectName("scan_page")
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea(self)
        scroll.setWidget(self.view)
        scroll.setWidgetResizable(True)
        self.where = QLabel(self)
        self.where.setObjectName("scan_where")
        buttons = QHBoxLayout()
        for name, text, step in (("previous", self.tr("&Previous page"), self._previous),
                                 ("next", self.tr("&Next page"), self._next),
                                 ("zoom_out", self.tr("Zoom &out"), lambda: self._zoom(1 / 1.25)),
                                 ("zoom_in", self.tr("Zoom &in"), lambda: self._zoom(1.25))):
            b = QPushButton(text, self)
            b.setObjectName(name)
            b.clicked.connect(step)
            buttons.addWidget(b)
        buttons.addWidget(self.where, 1)
        right = QVBoxLayout()
        right.addWidget(scroll, 1)
        right.addLayout(buttons)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.list, 1)
        box.addLayout(right, 3)
        self.show_scans([])

    def show_scans(self, scans: list[tuple[Any, bytes]]) -> None:
        """Each scan (its record and PDF), listed with its first page as a thumbnail."""
        self.scans = scans
        self.list.clear()
        for record, pdf in scans:
            doc = self._open(pdf, keep=False)
            icon = QIcon(QPixmap.fromImage(doc.render(0, THUMB))) if doc.pageCount() else QIcon()
            text = record.name + "\n" + count_words(record.pages, self.tr("%n page"), self.tr("%n pages"))
            self.list.addItem(QListWidgetItem(icon, text))
        if scans:
            self.list.setCurrentRow(0)
        else:
            self.view.setText(self.tr("No scanned documents."))
            self.where.clear()

    def _chosen(self, row: int) -> None:
        if not 0 <= row < len(self.scans):
            return
        record, pdf = self.scans[row]
        self._open(pdf, keep=True)
        self.page, self.zoom = 0, 1.0
        self._render()
        self.chosen.emit(record.name)

    def _open(self, pdf: bytes, *, keep: bool) -> QPdfDocument:
        doc = self.pdf if keep else QPdfDocument()  # a thumbnail's: rendered at once, then let go
        buffer = QBuffer(doc)
        buffer.setData(QByteArray(pdf))
        buffer.open(QBuffer.OpenModeFlag.ReadOnly)
        doc.load(buffer)
        if keep:
            self._buffer = buffer
        return doc

    def _render(self) -> None:
        count = self.pdf.pageCount()
        if not count:
            self.view.setText(self.tr("This scan cannot be shown."))
            return
        size = self.pdf.pagePointSize(self.page)
        width = int(PAGE_WIDTH * self.zoom)
        height = int(width * size.height() / size.width()) if size.width() else width
        self.view.setPixmap(QPixmap.fromImage(self.pdf.render(self.page, QSize(width, height))))
        self.where.setText(self.tr("Page %1 of %2, %3%").replace("%1", str(self.page + 1))
                           .replace("%2", str(count)).replace("%3", str(round(self.zoom * 100))))

    def _previous(self) -> None:
        if self.page > 0:
            self.page -= 1
            self._render()

    def _next(self) -> None:
        if self.page + 1 < self.pdf.pageCount():
            self.page += 1
            self._render()

    def _zoom(self, factor: float) -> None:
        self.zoom = min(4.0, max(0.25, self.zoom * factor))
        self._render()
