"""What every wizard page shares: injected services, a busy state, async validation, retranslation."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from shiboken6 import isValid
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget, QWizardPage

from kiosk.domain.errors import InputError, RuleError
from kiosk.i18n.refusals import refusal_text
from ui.i18n import LANGUAGES, SWITCH_TO
from ui.speech import page_texts
from ui.widgets.common import describe, named, role_label
from ui.pages.host import PageHost

if TYPE_CHECKING:
    from kiosk.app.visit import VisitServices
    from ui.speech import Reader
    from ui.visit import Visit

log = logging.getLogger(__name__)


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
        head = self._head = QHBoxLayout()
        head.addWidget(self.title_label, 1)
        # Read aloud: shown only when a speech engine has a voice for the visit's language (never a dead button).
        self.read_button = named(QPushButton(), "readAloud")
        self.read_button.clicked.connect(self.read_aloud)
        self.read_button.hide()
        self._reader: Reader | None = None
        head.addWidget(self.read_button)
        # "Step 3 of 6 · Choose a date", beside the title (set by the wizard, which knows the path); not on Welcome.
        self.step_label = role_label("step")
        self.step_label.setObjectName("stepIndicator")
        self.step_label.hide()
        head.addWidget(self.step_label)
        # On every page: the other language at one touch; what was typed stays (widgets only retranslate).
        self.language_button = named(QPushButton(), "switchLanguage")
        self.language_button.setProperty("role", "small")
        # Never the dialog's default when it has the focus (QWizard is a QDialog): it would take the primary
        # action's fill, and at the foot of a portrait page look like the way on.
        self.language_button.setAutoDefault(False)
        self.language_button.clicked.connect(self.switch_language)
        head.addWidget(self.language_button)
        self._language_low = False  # portrait: the switch at the page's foot (resizeEvent)
        self.outer.addLayout(head)
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
        self.box.setSpacing(10)
        self.error_label = role_label("error")
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}  # field_error(): name → (field, its message)
        self.error_label.setObjectName("errorLine")
        self.busy_label = role_label("busy")
        self.error_label.hide()
        self.busy_label.hide()
        self._typing = False
        self._language_shown = True
        self._focus_before: QWidget | None = None
        self._focus_parked: QWidget | None = None  # where the focus went while the page was busy
        self._language_text()
        self._read_text()

    def set_typing(self, typing: bool) -> None:
        """The on-screen keyboard is up: the header's extras step aside for the field being typed into."""
        if typing and not self._typing:
            # The header keeps its height without its buttons: the page must not jump up under the finger
            # that touched the field (seen live: ~45 px with the DEMO banner that went too).
            self.title_label.setMinimumHeight(self.title_label.height())
        elif not typing:
            self.title_label.setMinimumHeight(0)
        self._typing = typing
        self.step_label.setVisible(not typing and bool(self.step_label.text()))
        self.language_button.setVisible(not typing and self._language_shown)
        self._read_text()

    # -- wiring -------------------------------------------------------------------------------
    def add_status_labels(self) -> None:
        """The error summary at the top, under the title (GOV.UK); the busy line at the bottom."""
        self.outer.insertWidget(1, self.error_label)
        self.outer.addWidget(self.busy_label)

    # -- errors at their field (GOV.UK: a summary at the top, the message at the field, the field marked) --
    def field_error(self, name: str, field: QWidget) -> QLabel:
        """A message line for `field` (named as InputError.field names it); the page places it under the field."""
        label = role_label("error")
        label.setObjectName(f"error_{name}")
        label.hide()
        self._fields[name] = (field, label)
        return label

    def mark_field(self, name: str, text: str) -> None:
        field, label = self._fields[name]
        label.setText(f"▲ {text}")
        label.show()
        field.setProperty("invalid", True)
        field.style().unpolish(field)
        field.style().polish(field)

    def field_errors_shown(self) -> int:
        return sum(1 for _, label in self._fields.values() if label.isVisible())

    def clear_field_errors(self) -> None:
        for field, label in self._fields.values():
            label.clear()
            label.hide()
            if field.property("invalid"):
                field.setProperty("invalid", False)
                field.style().unpolish(field)
                field.style().polish(field)

    def kiosk(self) -> PageHost:
        host = self.wizard()
        # Not isinstance(host, PageHost): a runtime Protocol check walks the protocol's members (tens of
        # microseconds), and a page asks for its host a dozen times in one touch on the GUI thread.
        assert host is not None, "a kiosk page is shown by the visit's wizard"
        return cast(PageHost, host)

    @property
    def visit(self) -> Visit:
        return self.kiosk().visit

    def data_changed(self) -> None:
        """A sync brought central's changes into the cache; a page that shows such data reloads it (calendar)."""

    # -- busy state and background work -------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.busy_label.setText(text or self.tr("Please wait…"))
        self.busy_label.setVisible(busy)
        if busy and self._focus_before is None:
            self._focus_before = QApplication.focusWidget()
        for w in self.inputs():
            w.setEnabled(not busy)
        self.completeChanged.emit()  # (Next and Finish are disabled while busy: they lose the focus too)
        if busy:
            if self._focus_parked is None:
                self._focus_parked = QApplication.focusWidget()  # where Qt moved it (e.g. "Sign out"), if anywhere
            return
        before, parked = self._focus_before, self._focus_parked
        self._focus_before = self._focus_parked = None
        if (before is not None and QApplication.focusWidget() in (None, parked) and before.isVisible()
                and before.isEnabled()):
            before.setFocus()  # what was disabled while waiting gets the keyboard focus back (not "Sign out")

    def inputs(self) -> list[Any]:
        """Widgets to disable while waiting; pages override."""
        return []

    def isComplete(self) -> bool:
        return not self._busy and self.ready()

    def ready(self) -> bool:
        return True

    def run(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None] | None = None, *, busy_text: str = "",
            keep_error: bool = False) -> None:
        """`fn` on the worker, its answer back here; `keep_error`: the error line stays meanwhile (asking again)."""
        if not keep_error:
            self.show_error("")
        self.set_busy(True, busy_text)

        def ok(result: Any) -> None:
            if not isValid(self.busy_label):
                return  # the page was closed while the answer was on its way: nobody to tell
            self.set_busy(False)
            on_success(result)
            self.answered.emit()

        def failed(exc: BaseException) -> None:
            if not isValid(self.busy_label):
                return  # the page was closed while the answer was on its way: nobody to tell
            self.set_busy(False)
            self.services.cache_failed(exc)  # a damaged cache: the link checks and heals it soon
            (on_failure or self.show_failure)(exc)
            self.answered.emit()

        shown = self.isVisible()
        if shown:
            # The busy state is painted now, before the worker starts: the worker's Python work competes
            # with this thread for the interpreter's lock, and a paint left for later could come after the
            # answer (issue 19). The layouts settle first, so the busy line is painted at its place.
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            self.repaint()
        # Not shown yet (QWizard is showing this page: initializePage): the work starts once the page is painted.
        self.kiosk().runner.op(fn).success(ok).failure(failed).run(after_paint=not shown)

    def show_failure(self, exc: BaseException) -> None:
        """A refusal in the visit's language, chosen by its code (kiosk.i18n.refusals); a bug is logged, never shown."""
        if not isinstance(exc, (RuleError, InputError)):
            log.error("unexpected error in a background job", exc_info=exc)
        self.show_error(refusal_text(exc, self._language()))

    def show_error(self, text: str) -> None:
        # Not by colour alone: an error line always starts with a warning sign (▲: the embedded font has no ⚠).
        self.error_label.setText(f"▲ {text}" if text else "")
        self.error_label.setVisible(bool(text))
        if not text:
            self.clear_field_errors()

    def clear_error_when(self, ticked: bool) -> None:
        """A check box the error line asked for: ticking it answers the error, which goes."""
        if ticked:
            self.show_error("")

    # -- async Next -----------------------------------------------------------------------------
    def validatePage(self) -> bool:
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
    def _language(self) -> str:
        return self.visit.language if self.wizard() is not None else "en"

    def switch_language(self) -> None:
        """The other language (English ⇄ 简体中文), now; every page retranslates, no field is cleared."""
        code = "en" if self._language() != "en" else "zh_CN"
        self.visit.language = code
        self.kiosk().set_language(code)

    def _language_text(self) -> None:
        here = self._language()
        other = "en" if here != "en" else "zh_CN"
        # Each language named in itself: never translated. At the foot (portrait) there is room to say what
        # the switch does, in the language it switches to ("Switch to English"); beside the title, the name
        # alone keeps the title on one line on a short screen.
        self.language_button.setText(SWITCH_TO[other] if self._language_low else LANGUAGES[other])
        describe(self.language_button, self.tr("Switch to %1").replace("%1", LANGUAGES[other]),
                 self.tr("Show the kiosk in %1. What you have typed is kept.").replace("%1", LANGUAGES[other]))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            if self._reader is not None:
                self._reader.stop()  # never go on in the language just left
            self._language_text()
            self._read_text()
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        window = self.window()
        self._place_language(window.height() > window.width())
        super().resizeEvent(event)

    def _place_language(self, portrait: bool) -> None:
        """Portrait (a floor kiosk): the switch at the page's foot, in the lower half within reach, not in the
        header ~1.8 m up; landscape: beside the title."""
        if portrait == self._language_low:
            return
        self._language_low = portrait
        self._language_text()
        if portrait:
            self._head.removeWidget(self.language_button)
            self.outer.addWidget(self.language_button, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            self.outer.removeWidget(self.language_button)
            self._head.addWidget(self.language_button)

    # -- reading aloud --------------------------------------------------------------------------
    def set_reader(self, reader: Reader) -> None:
        """The shell's reading voice; the button follows what it can do and whether it speaks."""
        self._reader = reader
        reader.availability_changed.connect(self._read_text)
        reader.speaking_changed.connect(lambda _on: self._read_text())
        self._read_text()

    def read_aloud(self) -> None:
        """Read the page (title, texts, findings, times, cards) in reading order; touched again, stop."""
        if self._reader is None:
            return
        if self._reader.speaking:
            self._reader.stop()
        else:
            self._reader.say(self.spoken_texts(), self._language())

    def spoken_texts(self) -> list[str]:
        return page_texts(self, self.tr("%1, chosen"))

    def _read_text(self) -> None:
        reader = self._reader
        shown = reader is not None and reader.available(self._language()) and not self._typing
        self.read_button.setVisible(shown)
        # Hidden, it must not be the focus QWizard gives a new page (the first in the chain): focus would vanish.
        self.read_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if shown else Qt.FocusPolicy.NoFocus)
        speaking = reader is not None and reader.speaking
        # ▶ and ■ say "play" and "stop" without colour; both are in the embedded font.
        name = self.tr("Stop reading") if speaking else self.tr("Read aloud")
        self.read_button.setText(("■ " if speaking else "▶ ") + name)
        describe(self.read_button, name, self.tr("Stop reading this page aloud") if speaking
                 else self.tr("Read this page aloud. Touch again to stop."))

    def retranslate(self) -> None:
        """Set every user-facing text through self.tr (called at start and on LanguageChange)."""

    def clear(self) -> None:
        """Wipe: empty every field and drop every widget showing applicant data."""
        self._approved = False
        self._busy = False
        self._focus_before = self._focus_parked = None
        self.show_error("")
        self.busy_label.hide()
        for w in self.inputs():
            w.setEnabled(True)


def name_of(lookup: Any, applicant_id: str) -> str:
    """An applicant as the case has them: the Latin name, and the name in their own script where recorded."""
    latin = lookup.names.get(applicant_id, applicant_id)
    native = next((a.native_name for a in lookup.case.applicants if a.id == applicant_id and a.native_name), None)
    return f"{latin}  {native}" if native else latin


def unbroken(text: str) -> str:
    """`text` never broken inside a word of Chinese script: a word joiner (U+2060, invisible) between each two
    characters where either is not ASCII. Seen live on Done: "李<小" over ">红" in a list of names."""
    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        if i and not ch.isspace() and not prev.isspace() and not (ch.isascii() and prev.isascii()):
            out.append("\u2060")
        out.append(ch)
    return "".join(out)


def set_texts(pairs: list[tuple[QLabel, str]]) -> None:
    for label, text in pairs:
        label.setText(text)
