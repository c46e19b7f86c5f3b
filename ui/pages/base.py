"""What every wizard page shares: injected services, a busy state, async validation, retranslation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from ui.widgets.common import role_label
from ui.worker import plain_message

if TYPE_CHECKING:
    from ui.services import VisitServices
    from ui.visit import Visit
    from ui.wizard import VisitWizard


class KioskPage(QWizardPage):
    """A page gets its services by injection, runs work through the runner, never holds the visit.

    Async validation (Picard's `validatePage`, made non-blocking): Next starts the work and
    refuses; when the answer comes back the page marks itself approved and presses Next again.
    """

    answered = Signal()  # a background answer for this page was handled (tests wait on it)
    scrolls = True  # content scrolls rather than being squeezed on a small screen

    def __init__(self, services: VisitServices) -> None:
        super().__init__()
        self.services = services
        self._busy = False
        self._approved = False
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.title_label = role_label("title")
        self.outer.addWidget(self.title_label)
        if self.scrolls:
            area = QScrollArea(widgetResizable=True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            body = QWidget()
            self.box = QVBoxLayout(body)
            self.box.setContentsMargins(0, 0, 8, 0)
            area.setWidget(body)
            self.outer.addWidget(area, 1)
        else:
            self.box = QVBoxLayout()
            self.outer.addLayout(self.box, 1)
        self.box.setSpacing(14)
        self.error_label = role_label("error")
        self.busy_label = role_label("busy")
        self.error_label.hide()
        self.busy_label.hide()

    # -- wiring -------------------------------------------------------------------------------
    def add_status_labels(self) -> None:
        """Place the error and busy lines where the page wants them (usually at the bottom)."""
        self.outer.addWidget(self.error_label)
        self.outer.addWidget(self.busy_label)

    def kiosk(self) -> VisitWizard:
        return self.wizard()  # type: ignore[return-value]

    @property
    def visit(self) -> Visit:
        return self.kiosk().visit

    # -- busy state and background work -------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.busy_label.setText(text or self.tr("Please wait…"))
        self.busy_label.setVisible(busy)
        for w in self.inputs():
            w.setEnabled(not busy)
        self.completeChanged.emit()

    def inputs(self) -> list[Any]:
        """Widgets to disable while waiting; pages override."""
        return []

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        return not self._busy and self.ready()

    def ready(self) -> bool:
        return True

    def run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None] | None = None, *, busy_text: str = "") -> None:
        self.show_error("")
        self.set_busy(True, busy_text)

        def ok(result: Any) -> None:
            self.set_busy(False)
            on_success(result)
            self.answered.emit()

        def failed(exc: BaseException) -> None:
            self.set_busy(False)
            (on_failure or self.show_failure)(exc)
            self.answered.emit()

        self.kiosk().runner.op(fn).success(ok).failure(failed).run()

    def show_failure(self, exc: BaseException) -> None:
        text = plain_message(exc)
        self.show_error(text if text is not None else self.tr(
            "Something went wrong on our side. Please try again, or ask a member of staff."))

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    # -- async Next -----------------------------------------------------------------------------
    def validatePage(self) -> bool:  # noqa: N802 (Qt name)
        if self._approved:
            self._approved = False
            return True
        if self._busy:
            return False
        return self.start_validation()

    def start_validation(self) -> bool:
        """Return True to move on now, or start work, call `approve()` from its answer, return False."""
        return True

    def approve(self) -> None:
        self._approved = True
        self.kiosk().next()

    # -- language and wipe ----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every user-facing text through self.tr (called at start and on LanguageChange)."""

    def clear(self) -> None:
        """Wipe: empty every field and drop every widget showing applicant data."""
        self._approved = False
        self._busy = False
        self.show_error("")
        self.busy_label.hide()
        for w in self.inputs():
            w.setEnabled(True)


def set_texts(pairs: list[tuple[QLabel, str]]) -> None:
    for label, text in pairs:
        label.setText(text)
