"""The visit wizard: one page class per step (Picard's tuple of pages), one live `Visit` draft."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SIGNAL, SLOT, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QWidget, QWizard

from kiosk.app.visit import VisitServices
from ui.pages.base import KioskPage
from ui.pages.calendar import CalendarPage
from ui.pages.done import DonePage
from ui.pages.eligibility import EligibilityPage
from ui.pages.ids import PageId
from ui.pages.inquiry import InquiryPage
from ui.pages.letter import LetterPage
from ui.pages.review import ReviewPage
from ui.pages.scan import ScanPage
from ui.pages.signin import SignInPage
from ui.pages.welcome import WelcomePage
from ui.print_queue import PrintQueue
from ui.speech import Reader
from ui.visit import Visit
from ui.worker import Runner


BOOKING_STEPS = [PageId.SIGN_IN, PageId.LETTER, PageId.ELIGIBILITY, PageId.CALENDAR, PageId.REVIEW, PageId.DONE]
INQUIRY_STEPS = [PageId.SIGN_IN, PageId.LETTER, PageId.ELIGIBILITY, PageId.INQUIRY, PageId.DONE]


class VisitWizard(QWizard):
    """Lives inside the kiosk shell as a plain widget; Escape and Finish never close it."""

    visit_finished = Signal()  # Finish pressed: the shell wipes and starts over

    def __init__(self, services: VisitServices, runner: Runner, set_language: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.printing = PrintQueue(self)  # printouts on a thread of their own (ui/print_queue.py)
        self.visit = Visit()
        self.set_language = set_language  # pages switch language from their header (ui/pages/base.py)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, True)  # Enter must not press Next by itself
        self.allow_back(True)
        # Only Welcome is made now: the other pages are made after it is painted, one per turn of the
        # event loop (make_pages_later), so start-up pays for one page (issue 19: start-up <= 2x a bare QWizard).
        self._makers: dict[PageId, Callable[[], KioskPage]] = {
            PageId.WELCOME: lambda: WelcomePage(services, set_language),
            PageId.SIGN_IN: lambda: SignInPage(services),
            PageId.LETTER: lambda: LetterPage(services),
            PageId.ELIGIBILITY: lambda: EligibilityPage(services),
            PageId.CALENDAR: lambda: CalendarPage(services),
            PageId.REVIEW: lambda: ReviewPage(services),
            PageId.DONE: lambda: DonePage(services),
            PageId.INQUIRY: lambda: InquiryPage(services),
            PageId.SCAN: lambda: ScanPage(services),
        }
        self._made: dict[PageId, KioskPage] = {}
        self._to_clear: list[KioskPage] = []  # wiped, not cleared yet (start_over, clear_next_page)
        self._reader: Reader | None = None
        self._make(PageId.WELCOME)
        self.setStartId(PageId.WELCOME)
        for button in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                       QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton):
            self.button(button).setMinimumWidth(160)  # the height follows the screen (ui/style.py)
        self.button(QWizard.WizardButton.NextButton).setProperty("role", "primary")
        self.button(QWizard.WizardButton.CommitButton).setProperty("role", "primary")
        self.button(QWizard.WizardButton.FinishButton).setProperty("role", "primary")
        for button in (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                       QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton):
            self.button(button).installEventFilter(self)  # eventFilter: a double touch is one touch
        self.currentIdChanged.connect(lambda _id: self.show_step())
        self.retranslate()

    def _make(self, page_id: PageId) -> KioskPage:
        page = self._makers[page_id]()
        self.setPage(page_id, page)
        # QWizard answers completeChanged by hiding and showing everything in the wizard (its anti-flicker
        # widget) to set the buttons: Hide/Show, layout and a whole repaint of the page, on every keystroke
        # and busy change (issue 19: most of a touch's GUI-thread time). Completeness moves only the
        # enabled state of the way on: set it directly.
        QObject.disconnect(page, SIGNAL("completeChanged()"), self, SLOT("_q_updateButtonStates()"))
        page.completeChanged.connect(self._complete_changed)
        if self._reader is not None:
            page.set_reader(self._reader)
        self._made[page_id] = page
        return page

    def _complete_changed(self) -> None:
        """As QWizard's handler, for the page on screen: Next, Commit or Finish, whichever is shown, is enabled
        when the page is complete. (A button Qt hides has its state set by Qt when it shows it: page
        changes and the button layout go through QWizard's own update, which also sets Back.)"""
        page = self.currentPage()
        if page is None:
            return
        complete = page.isComplete()
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                      QWizard.WizardButton.FinishButton):
            button = self.button(which)
            if button.isVisibleTo(self):  # hidden while QWizard changes pages: it sets them itself after
                button.setEnabled(complete)

    def make_next_page(self) -> bool:
        """Make the first page not made yet; False once every page is made."""
        todo = [page_id for page_id in self._makers if page_id not in self._made]
        if todo:
            self._make(todo[0])
        return len(todo) > 1

    def make_pages_later(self) -> None:
        """Make the remaining pages one per event-loop turn, so a touch between two never waits long."""
        if self.make_next_page():
            QTimer.singleShot(0, self, self.make_pages_later)

    @property
    def pages(self) -> dict[PageId, KioskPage]:
        """Every page of the visit (any not made yet are made now, any the wipe left are cleared now)."""
        while self.make_next_page():
            pass
        while self.clear_next_page():
            pass
        return self._made

    def page_of(self, page_id: PageId) -> KioskPage:
        return self.pages[page_id]

    def set_reader(self, reader: Reader) -> None:
        """The shell's reading voice, for every page (those made later too)."""
        self._reader = reader
        for page in self._made.values():
            page.set_reader(reader)

    def validateCurrentPage(self) -> bool:
        # Start touched before the pages made after start-up are all there: make them now (the visit's
        # path, and QWizard's choice between Next and Finish, need every page).
        # (The same for pages a wipe has not cleared yet: the next visit never meets the last one's data.)
        _ = self.pages
        return super().validateCurrentPage()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Back/Next/Confirm/Finish ignore the second touch of a double touch: Confirm touched twice by a
        shaky finger booked, then pressed Finish (in Confirm's place) and ended the visit before Done was read."""
        kind = event.type()
        if kind == QEvent.Type.MouseButtonDblClick or (
                kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent)
                and event.flags() & Qt.MouseEventFlag.MouseEventCreatedDoubleClick):
            return True  # the second touch (its press, and the double click Qt makes of it)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter and Escape never press a dialog button (a scanner ends every number with Enter)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Escape: a kiosk visitor cannot close the wizard."""

    def done(self, result: int) -> None:  # Finish means "start over", never "close"
        self.visit_finished.emit()

    def allow_back(self, allowed: bool) -> None:
        """Back shown, or not at all (Review while a booking's outcome is unknown: choosing again could replace it)."""
        back = [QWizard.WizardButton.BackButton] if allowed else []
        self.setButtonLayout([QWizard.WizardButton.Stretch, *back, QWizard.WizardButton.NextButton,
                              QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton])

    def start_over(self) -> None:
        """Drop the visit and every answer still on its way; back to Welcome, itself cleared now.

        The other pages (hidden from now on) are cleared by clear_next_page, one per event-loop turn once
        Welcome is painted (ui/shell.py), so Finish → Welcome stays within a frame (issue 19); leaving
        Welcome, or asking for the pages, first clears any still waiting.
        """
        self.runner.forget()
        self.printing.cancel()  # a printout still under way stops: no page of this visit after the wipe
        self.allow_back(True)
        self.visit = Visit()
        self._to_clear = [page for page_id, page in self._made.items() if page_id is not PageId.WELCOME]
        self._made[PageId.WELCOME].clear()
        self.restart()

    def clear_next_page(self) -> bool:
        """Clear one page the wipe left for later; True while more are left."""
        if self._to_clear:
            self._to_clear.pop(0).clear()
        return bool(self._to_clear)

    def data_changed(self) -> None:
        """A sync brought central's changes into the cache: the page on screen decides whether to refresh."""
        page = self.currentPage()
        if isinstance(page, KioskPage) and not page.busy:
            page.data_changed()

    def show_step(self) -> None:
        """The step indicator of the page on screen: "Step 3 of 6 · Choose a date" (5 steps on the inquiry path)."""
        if self.currentId() not in self._made:
            return
        page_id = PageId(self.currentId())
        page = self._made[page_id]
        inquiry = page_id in (PageId.INQUIRY, PageId.SCAN) or (page_id is PageId.DONE and bool(self.visit.inquiry_kind))
        steps = BOOKING_STEPS
        if inquiry:
            steps = INQUIRY_STEPS if self.visit.has_letter else [s for s in INQUIRY_STEPS if s is not PageId.ELIGIBILITY]
            if self.visit.scans is not None:  # the documents scanned before the inquiry (ui.pages.scan)
                steps = [*steps[:-2], PageId.SCAN, *steps[-2:]]
        if page_id not in steps:
            page.step_label.hide()
            return
        names = {PageId.SIGN_IN: self.tr("Sign in"), PageId.LETTER: self.tr("Your letter"),
                 PageId.ELIGIBILITY: self.tr("Your case"), PageId.CALENDAR: self.tr("Choose a date"),
                 PageId.REVIEW: self.tr("Check and confirm"), PageId.INQUIRY: self.tr("Your inquiry"),
                 PageId.SCAN: self.tr("Your documents"),
                 PageId.DONE: self.tr("Done")}
        page.step_label.setText(self.tr("Step %1 of %2 · %3").replace("%1", str(steps.index(page_id) + 1))
                                .replace("%2", str(len(steps))).replace("%3", names[page_id]))
        page.step_label.show()

    def retranslate(self) -> None:
        self.show_step()
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        # Screen readers: what each button does (its name is its text, which pages change).
        wb = QWizard.WizardButton
        self.button(wb.BackButton).setAccessibleDescription(self.tr("Go back to the previous step"))
        self.button(wb.NextButton).setAccessibleDescription(self.tr("Go on to the next step"))
        self.button(wb.CommitButton).setAccessibleDescription(
            self.tr("Confirm and send; after this there is no going back"))
        self.button(wb.FinishButton).setAccessibleDescription(
            self.tr("End the visit; everything on screen is cleared"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
