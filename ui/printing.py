"""Print a PDF (the confirmation, a receipt) with Qt, never showing a dialog; or print it to a PDF file.

It runs on the kiosk's print thread (ui/print_queue.py), never on the GUI thread: Qt lets a QPainter paint
onto a QPrinter off the GUI thread ("Painting in Threads"), and each job makes, renders and drops its own
QPdfDocument there. PySide holds Python's lock through each Qt call it makes, so no single call may be long:
pdfium renders each page on Qt's own render thread (QPdfPageRenderer, which runs no Python) while this
thread waits in an event loop, and the page goes to the printer in bands, one short call each.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shiboken6 import delete
from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfPageRenderer
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

log = logging.getLogger(__name__)

# What the applicant reads when printing fails: what happened, that nothing is lost, what to do.
PRINT_FAILED = (
    "Your confirmation could not be printed. Your booking is saved and safe. "
    "Please ask a clerk at the counter to print it for you."
)
PRINTED = "Your confirmation has been printed. Please take it with you."
CANCELLED = "cancelled: the visit ended before the page went to the printer"
BAND_ROWS = 32  # rows of a page per call to the printer: ~3 ms CPU (a 300 dpi A4 page in one call: ~200 ms)
RENDER_TIMEOUT_MS = 30_000


@dataclass(frozen=True)
class PrintOutcome:
    ok: bool
    message: str  # plain words for the applicant
    destination: str  # printer name or file path
    pages: int = 0
    detail: str = ""  # the technical reason, for the log and the audit trail


def _never() -> bool:
    return False


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


class _Pages:
    """A document's pages rendered on Qt's render thread, one at a time; this thread waits in an event loop."""

    def __init__(self, doc: QPdfDocument) -> None:
        self._renderer = QPdfPageRenderer()
        self._renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self._renderer.setDocument(doc)
        self._renderer.pageRendered.connect(self._rendered)
        self._loop = QEventLoop()
        self._timeout = QTimer(singleShot=True, interval=RENDER_TIMEOUT_MS)
        self._timeout.timeout.connect(self._loop.quit)
        self._image: QImage | None = None

    def _rendered(self, _page: int, _size: QSize, image: QImage, *_rest: object) -> None:
        self._image = image
        self._loop.quit()

    def render(self, index: int, size: QSize) -> QImage | None:
        self._image = None
        self._renderer.requestPage(index, size)
        self._timeout.start()
        if self._image is None:
            self._loop.exec()
        self._timeout.stop()
        image, self._image = self._image, None
        return image

    def close(self) -> None:
        """Stop Qt's render thread (its destructor waits for it) before the document goes."""
        delete(self._renderer)


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


def _draw(painter: QPainter, image: QImage, cancelled: Callable[[], bool]) -> bool:
    """The page edge to edge, in bands of BAND_ROWS rows (at the printer's resolution, one image pixel is one
    device pixel: no seams); False when the visit ended meanwhile."""
    target = QRectF(painter.viewport())
    painter.fillRect(target, Qt.GlobalColor.white)  # pdfium leaves the page transparent
    scale_x, scale_y = target.width() / image.width(), target.height() / image.height()
    for y in range(0, image.height(), BAND_ROWS):
        if cancelled():
            return False
        rows = min(BAND_ROWS, image.height() - y)
        painter.drawImage(QRectF(target.x(), target.y() + y * scale_y, image.width() * scale_x, rows * scale_y),
                          image, QRectF(0, y, image.width(), rows))
        time.sleep(0)  # Python's lock to the GUI thread now, if it waits, not after the 5 ms switch interval
    return True


def print_pdf(pdf_bytes: bytes, printer_name: str | None, *, to_file: Path | None = None, dpi: int = 300,
              doc_name: str = "Confirmation", cancelled: Callable[[], bool] = _never) -> PrintOutcome:
    """Render each PDF page with QtPdf onto a QPrinter; a failure comes back as an outcome, never raised.

    `to_file` prints to that PDF file instead (tests, kiosks without a printer). Needs a QGuiApplication;
    runs on any thread (one job per thread at a time). `cancelled()` true (the visit was wiped): nothing
    reaches a printer that has not started on the job; a file being written stops and is removed.
    """
    destination = str(to_file) if to_file is not None else (printer_name or "(default printer)")
    if QGuiApplication.instance() is None:
        return _fail(destination, "no QGuiApplication")
    doc, buffer = _load(pdf_bytes)
    try:
        if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() < 1:
            return _fail(destination, f"the document cannot be read ({doc.error().name})")
        pages = _Pages(doc)
        try:
            return _print_pages(doc, pages, printer_name, to_file, destination, dpi, doc_name, cancelled)
        finally:
            pages.close()
    finally:
        doc.close()
        buffer.close()


def _print_pages(doc: QPdfDocument, pages: _Pages, printer_name: str | None, to_file: Path | None,
                 destination: str, dpi: int, doc_name: str, cancelled: Callable[[], bool]) -> PrintOutcome:
    count = doc.pageCount()
    sizes = [doc.pagePointSize(index) for index in range(count)]

    def render(index: int) -> QImage | None:  # at the printer's resolution: one image pixel, one device pixel
        return pages.render(index, QSize(round(sizes[index].width() * dpi / 72),
                                         round(sizes[index].height() * dpi / 72)))

    image = render(0)  # before the printer starts: a wipe meanwhile sends nothing
    if cancelled():  # before anything reaches the printer
        log.info("printing to %s %s", destination, CANCELLED)
        return PrintOutcome(False, PRINT_FAILED, destination, 0, CANCELLED)
    printer, why = _printer(printer_name, to_file)
    if printer is None:
        return _fail(destination, why)
    # The PDF carries its own margins: print the page edge to edge, at its own paper size.
    printer.setPageLayout(QPageLayout(QPageSize(QSizeF(sizes[0].width(), sizes[0].height()), QPageSize.Unit.Point),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))  # fmt: skip
    printer.setFullPage(True)
    printer.setResolution(dpi)
    printer.setDocName(doc_name)  # what the print queue shows
    # Once a printer has the first band, Qt cannot take the job back (QPrinter.abort does nothing for CUPS,
    # and ending the painter sends its spool file): a wipe from then on lets the job end whole rather than
    # tear a page. A file being written (no printer) stops at the next band and is removed.
    stoppable = cancelled if to_file is not None else _never
    painter = QPainter()
    if not painter.begin(printer):
        return _fail(destination, "the printer could not start the job (offline, out of paper, or not writable)")
    drawn = True
    try:
        for index in range(count):
            if index:
                image = render(index)
                if not printer.newPage():
                    return _fail(destination, f"the printer refused page {index + 1}")
            if image is None or image.isNull():
                return _fail(destination, f"page {index + 1} could not be rendered")
            drawn = _draw(painter, image, stoppable)
            if not drawn:
                break
    finally:
        painter.end()
    if to_file is not None and (not drawn or cancelled()):
        to_file.unlink(missing_ok=True)
        log.info("printing to %s %s", destination, CANCELLED)
        return PrintOutcome(False, PRINT_FAILED, destination, 0, CANCELLED)
    if printer.printerState() == QPrinter.PrinterState.Error:
        return _fail(destination, "the printer reported an error after the job was sent")
    if to_file is not None and (not to_file.is_file() or to_file.stat().st_size == 0):
        return _fail(destination, "the PDF file was not written")
    log.info("printed %d page(s) to %s", count, destination)
    return PrintOutcome(True, PRINTED, destination, count)
