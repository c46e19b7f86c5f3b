"""Scan: each document the inquiry needs, asked for by name, a large preview, scan again or add a page, what is missing.

Offered only when the kiosk has a scanner (its last probe found one) and the inquiry needs documents.
A page is scanned on the visit's runner (seconds on a real scanner) and its preview made there too;
a scanner that fails says what it found and the visit goes on without that document: the receipt
then says to bring or send it, as without a scanner. The pages stay in memory (`visit.scans`) until
the inquiry is sent with them, or the visit ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget, QWizard

from kiosk.app.visit import VisitServices
from kiosk.scan.scanner import ScannerState
from ui.i18n import current_language, translate_document
from ui.pages.base import KioskPage
from ui.pages.ids import PageId
from ui.widgets.common import describe, named, role_label

if TYPE_CHECKING:  # loaded with the first scan step (Pillow, SQLAlchemy): not before Welcome paints
    from kiosk.scan.visit import VisitScans

PREVIEW = QSize(1000, 1400)  # the preview made on the worker: sharp on the tallest screen, cheap to draw


def scan_step_wanted(services: VisitServices, finding: Any) -> bool:
    """The scan step comes before the inquiry when there is a scanner and the inquiry needs documents."""
    scanner = services.scanner
    return scanner is not None and scanner.present and finding is not None and bool(finding.documents)


def preview_image(page: bytes) -> QImage:
    """A scanned page (PNM bytes) as a preview image; runs on the worker (a QImage, never a QPixmap, there)."""
    image = QImage.fromData(page)
    if image.isNull():
        return image
    return image.scaled(PREVIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


class ScanPreview(QFrame):
    """The last page scanned, as large as the page allows (its aspect kept); a framed place for it before."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("scanPreview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)
        self._image = QImage()
        self._pixmap: QPixmap | None = None  # the image at the size last drawn
        self.placeholder = ""

    def set_image(self, image: QImage | None) -> None:
        self._image = image if image is not None else QImage()
        self._pixmap = None
        self.update()

    def has_image(self) -> bool:
        return not self._image.isNull()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        room = self.contentsRect().adjusted(4, 4, -4, -4)
        if self._image.isNull():
            painter.setPen(QPen(QColor("#8a94a6"), 2, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(QRectF(room), 8, 8)
            painter.setPen(QColor("#4a5568"))
            painter.drawText(room.adjusted(16, 16, -16, -16), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.placeholder)
            return
        if self._pixmap is None or not (self._pixmap.width() == room.width() or self._pixmap.height() == room.height()):
            scaled = self._image.scaled(room.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.SmoothTransformation)
            self._pixmap = QPixmap.fromImage(scaled)
        x = room.x() + (room.width() - self._pixmap.width()) // 2
        y = room.y() + (room.height() - self._pixmap.height()) // 2
        painter.drawPixmap(x, y, self._pixmap)
        painter.setPen(QPen(QColor("#4a5568"), 1))
        painter.drawRect(x, y, self._pixmap.width() - 1, self._pixmap.height() - 1)


class ScanPage(KioskPage):
    scrolls = False  # the preview takes the room there is; nothing else is tall

    def __init__(self, services: VisitServices) -> None:
        super().__init__(services)
        self._index = 0  # the document asked for now
        self._failure: tuple[ScannerState, bool] | None = None  # the last scan's failure (state, was it "again")
        self.prompt = named(role_label("subtitle"), "scanDocument")
        self.instruction = named(role_label(), "scanInstruction")
        self.box.addWidget(self.prompt)
        # The preview as large as the screen allows: beside the words and buttons on a wide screen, above them
        # on a tall one (resizeEvent turns it).
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.box.addLayout(self.body, 1)
        self.preview = ScanPreview()
        self.body.addWidget(self.preview, 3)
        self.side = QWidget()
        self.side.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(10)
        self.body.addWidget(self.side, 2, Qt.AlignmentFlag.AlignTop)
        side.addWidget(self.instruction)
        row = QHBoxLayout()
        self.scan_button = named(QPushButton(), "scanPage")
        self.scan_button.setProperty("role", "primary")
        self.scan_button.clicked.connect(lambda: self._scan(again=False))
        self.rescan_button = named(QPushButton(), "scanAgain")
        self.rescan_button.clicked.connect(lambda: self._scan(again=True))
        row.addWidget(self.scan_button)
        row.addWidget(self.rescan_button)
        row.addStretch(1)
        side.addLayout(row)
        self.missing = named(role_label("hint"), "scanMissing")
        side.addWidget(self.missing)
        self.add_status_labels()
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() > event.size().height() * 1.3
        self.body.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        self.body.setSpacing(24 if wide else 10)
        self.body.setStretch(0, 3 if wide else 1)  # tall: the preview takes every pixel the words leave
        self.body.setStretch(1, 2 if wide else 0)
        super().resizeEvent(event)

    # -- the visit's documents ------------------------------------------------------------------------
    @property
    def scans(self) -> VisitScans | None:
        return self.visit.scans if self.wizard() is not None else None

    def _names(self) -> tuple[str, ...]:
        finding = self.visit.notes.get("inquiry_finding")
        return tuple(finding.documents) if finding is not None else ()

    def current(self) -> str:
        scans = self.scans
        return scans.names[self._index] if scans is not None and scans.names else ""

    def document_title(self, name: str) -> str:
        """"LIN HAO's birth certificate": the document with whose it is (the applicant the inquiry adds)."""
        finding = self.visit.notes.get("inquiry_finding")
        lookup = self.visit.lookup
        applicant = finding.applicant if finding is not None else None
        if applicant is None or lookup is None:
            return translate_document(name)
        whose = lookup.names.get(applicant, applicant)
        native = next((a.native_name for a in lookup.case.applicants if a.id == applicant and a.native_name), None)
        if native and current_language() != "en":
            whose = native
        if name.casefold() in ("birth certificate", "spouse's birth certificate"):
            return self.tr("%1's birth certificate").replace("%1", whose)
        if name.casefold() == "marriage certificate":
            return self.tr("%1's marriage certificate").replace("%1", whose)
        return self.tr("%1 (for %2)").replace("%1", translate_document(name)).replace("%2", whose)

    # -- navigation -----------------------------------------------------------------------------------
    def nextId(self) -> int:
        return PageId.INQUIRY

    def initializePage(self) -> None:
        names = self._names()
        if self.visit.scans is None or self.visit.scans.names != names:
            from kiosk.scan.visit import VisitScans  # loads SQLAlchemy: on first use, not at start-up

            scanner = self.services.scanner
            self.visit.scans = VisitScans(scanner, names, state=scanner.state if scanner is not None else None)
            self._index = 0
        self._show_pages()
        self.render_page()
        QTimer.singleShot(0, self.scan_button.setFocus)  # the page's action has the keyboard, not Skip

    def start_validation(self) -> bool:
        """Next: the next document on this page; after the last, the inquiry (scanned or not, the visit goes on)."""
        scans = self.scans
        if scans is not None and self._index < len(scans.names) - 1:
            self._index += 1
            self._failure = None
            self.show_error("")
            self._show_pages()
            self.render_page()
            return False
        self._next_is_primary(True)
        return True

    def cleanupPage(self) -> None:  # Back to Your case: the first document again when the applicant returns
        self._index = 0
        self._failure = None
        self._next_is_primary(True)

    def _next_is_primary(self, primary: bool) -> None:
        """Before a page is scanned, Scan page is the one primary action: Next (skipping) is plain meanwhile.

        Next is the wizard's, shared by every page: it is made primary again whenever this page is left."""
        host = self.wizard()
        if host is None or (host.currentPage() is not self and not primary):
            return
        button = host.button(QWizard.WizardButton.NextButton)
        if (button.property("role") == "primary") != primary:
            button.setProperty("role", "primary" if primary else "")
            button.style().unpolish(button)
            button.style().polish(button)

    # -- scanning -------------------------------------------------------------------------------------
    def _scan(self, *, again: bool) -> None:
        scans, name = self.scans, self.current()
        if scans is None or not name or self.busy:
            return

        def work() -> QImage | None:  # the worker: the scan, then its preview
            done = scans.rescan_last(name) if again else scans.add_page(name)
            return preview_image(scans.pages(name)[-1]) if done else None

        self.run(work, lambda image: self._scanned(image, again),
                 busy_text=self.tr("Scanning… please keep the lid closed."))

    def _scanned(self, image: QImage | None, again: bool) -> None:
        scans = self.scans
        if scans is None:
            return
        self.show_error("")
        self._failure = (scans.state, again) if image is None else None
        if image is not None:
            self.preview.set_image(image)
        self.render_page()
        self.scan_button.setFocus()  # back where the applicant was (disabled while scanning, it lost the focus)

    def _show_pages(self) -> None:
        """The current document's last page, if it has one (made on the worker; shown on its answer)."""
        scans, name = self.scans, self.current()
        pages = scans.pages(name) if scans is not None and name else ()
        self.preview.set_image(None)
        if pages:
            last = pages[-1]
            self.run(lambda: preview_image(last), self.preview.set_image)

    def failure_text(self, state: ScannerState, button: str, pages: int) -> str:
        """What the scanner found, and what the applicant can do: try `button` again, or go on (with `pages`)."""
        go_on = self.buttonText(QWizard.WizardButton.NextButton)
        if pages:
            without = self.tr("Or touch %1 to go on with the pages scanned so far.").replace("%1", go_on)
        else:
            without = self.tr("Or touch %1: your receipt will then say to bring or send it.").replace("%1", go_on)
        if state is ScannerState.JAMMED:
            told = self.tr("The paper is jammed in the scanner. Please ask staff at the counter for help.")
        elif state is ScannerState.NO_PAPER:
            told = self.tr("The scanner found no paper. Lay the page face down on the glass and touch %1 again.")
        elif state is ScannerState.COVER_OPEN:
            told = self.tr("The scanner's lid is open. Close it and touch %1 again.")
        else:
            told = self.tr("The scanner did not finish. Touch %1 to try once more.")
        # Two sentences: a space between them in English, none after a Chinese full stop.
        return self.tr("%1 %2").replace("%1", told.replace("%1", button)).replace("%2", without)

    # -- content --------------------------------------------------------------------------------------
    def render_page(self) -> None:
        scans, name = self.scans, self.current()
        if scans is None or not name:
            return
        pages = len(scans.pages(name))
        total = len(scans.names)
        title = self.document_title(name)
        self.prompt.setText(self.tr("%1 (document %2 of %3)").replace("%1", title).replace("%2", str(self._index + 1))
                            .replace("%3", str(total)) if total > 1 else title)
        if pages == 0:
            self.instruction.setText(self.tr("Lay its first page face down on the scanner glass, close the lid, "
                                             "then touch Scan page."))
        else:
            self.instruction.setText(self.tr("Page %1 is scanned: check that it is whole and easy to read (if not, "
                                             "touch Scan again). Another page? Lay it on the glass and touch Add a "
                                             "page.").replace("%1", str(pages)))
        self.scan_button.setText(self.tr("Add a page") if pages else self.tr("Scan page"))
        describe(self.scan_button, self.scan_button.text(), self.tr("Scans the page lying on the scanner glass"))
        self.rescan_button.setVisible(pages > 0)
        self._label_next(pages)
        if self._failure is not None:  # said again in the language on screen
            state, again = self._failure
            self.show_error(self.failure_text(state, (self.rescan_button if again else self.scan_button).text(), pages))
        missing = [self.document_title(n) for n in scans.missing()]
        if missing:
            self.missing.setText(self.tr("Not scanned yet: %1").replace("%1", self.tr(", ").join(missing)))
        else:
            self.missing.setText(self.tr("✓ Every document is scanned. They are sent with your inquiry."))

    def _skip_text(self) -> str:
        return self.tr("Skip this document")

    def _label_next(self, pages: int) -> None:
        scans = self.scans
        last = scans is None or self._index >= len(scans.names) - 1
        if not pages:
            text = self._skip_text()
        else:
            text = self.tr("Continue") if last else self.tr("Next document")
        self.setButtonText(QWizard.WizardButton.NextButton, text)
        self._next_is_primary(pages > 0)

    def inputs(self) -> list[Any]:
        return [self.scan_button, self.rescan_button]

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Scan your documents"))
        self.rescan_button.setText(self.tr("Scan again"))
        describe(self.rescan_button, self.tr("Scan again"),
                 self.tr("Scans the page shown again; the new scan replaces it"))
        self.preview.placeholder = self.tr("The scanned page appears here")
        self.preview.setAccessibleName(self.tr("Preview of the scanned page"))
        self.scan_button.setText(self.tr("Scan page"))
        if self.wizard() is not None:
            self.render_page()
        else:
            self._label_next(0)

    def clear(self) -> None:
        super().clear()
        self._index = 0
        self._failure = None
        self._next_is_primary(True)
        self.preview.set_image(None)
        for label in (self.prompt, self.instruction, self.missing):
            label.clear()
        if self.wizard() is not None and self.visit.scans is not None:
            self.visit.scans.discard()
