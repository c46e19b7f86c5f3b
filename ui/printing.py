"""Print a PDF (the confirmation, a receipt) with Qt, never showing a dialog; or print it to a PDF file."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

log = logging.getLogger(__name__)

# What the applicant reads when printing fails: what happened, that nothing is lost, what to do.
PRINT_FAILED = (
    "Your confirmation could not be printed. Your booking is saved and safe. "
    "Please ask a clerk at the counter to print it for you."
)
PRINTED = "Your confirmation has been printed. Please take it with you."


@dataclass(frozen=True)
class PrintOutcome:
    ok: bool
    message: str  # plain words for the applicant
    destination: str  # printer name or file path
    pages: int = 0
    detail: str = ""  # the technical reason, for the log and the audit trail


def _load(pdf_bytes: bytes) -> tuple[QPdfDocument, QBuffer]:
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf_bytes))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    if doc.status() == QPdfDocument.Status.Loading:  # loading from a device may finish later
        loop = QEventLoop()
        doc.statusChanged.connect(lambda _s: loop.quit() if doc.status() != QPdfDocument.Status.Loading else None)
        QTimer.singleShot(5000, loop.quit)
        loop.exec()
    return doc, buffer  # the buffer must outlive the document


def _printer(printer_name: str | None, to_file: Path | None) -> tuple[QPrinter | None, str]:
    if to_file is not None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(to_file))
        return printer, ""
    info = QPrinterInfo.printerInfo(printer_name) if printer_name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        return None, f"printer {printer_name!r} not found" if printer_name else "no default printer is configured"
    return QPrinter(info, QPrinter.PrinterMode.HighResolution), ""


def _fail(destination: str, detail: str) -> PrintOutcome:
    log.error("printing to %s failed: %s", destination, detail)
    return PrintOutcome(False, PRINT_FAILED, destination, 0, detail)


def print_pdf(pdf_bytes: bytes, printer_name: str | None, *, to_file: Path | None = None, dpi: int = 300,
              doc_name: str = "Confirmation") -> PrintOutcome:
    """Render each PDF page with QtPdf onto a QPrinter; a failure comes back as an outcome, never raised.

    `to_file` prints to that PDF file instead (tests, kiosks without a printer). Needs a
    QGuiApplication; call it on the GUI thread (QPrinter and QPainter are not thread-safe).
    """
    destination = str(to_file) if to_file is not None else (printer_name or "(default printer)")
    if QGuiApplication.instance() is None:
        return _fail(destination, "no QGuiApplication")
    doc, _buffer = _load(pdf_bytes)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
        return _fail(destination, f"the document cannot be read ({doc.error().name})")
    printer, why = _printer(printer_name, to_file)
    if printer is None:
        return _fail(destination, why)
    first = doc.pagePointSize(0)
    # The PDF carries its own margins: print the page edge to edge, at its own paper size.
    printer.setPageLayout(QPageLayout(QPageSize(QSizeF(first.width(), first.height()), QPageSize.Unit.Point),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))  # fmt: skip
    printer.setFullPage(True)
    printer.setResolution(dpi)
    printer.setDocName(doc_name)  # what the print queue shows
    painter = QPainter()
    if not painter.begin(printer):
        return _fail(destination, "the printer could not start the job (offline, out of paper, or not writable)")
    try:
        for index in range(doc.pageCount()):
            if index and not printer.newPage():
                return _fail(destination, f"the printer refused page {index + 1}")
            points = doc.pagePointSize(index)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = doc.render(index, size)
            target = QRectF(painter.viewport())
            painter.fillRect(target, Qt.GlobalColor.white)  # pdfium leaves the page transparent
            painter.drawImage(target, image)
    finally:
        painter.end()
    if printer.printerState() == QPrinter.PrinterState.Error:
        return _fail(destination, "the printer reported an error after the job was sent")
    if to_file is not None and (not to_file.is_file() or to_file.stat().st_size == 0):
        return _fail(destination, "the PDF file was not written")
    log.info("printed %d page(s) to %s", doc.pageCount(), destination)
    return PrintOutcome(True, PRINTED, destination, doc.pageCount())
