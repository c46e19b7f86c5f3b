"""Printouts go to the printer on a thread of their own: never the GUI thread, never the database worker.

Rendering a page at 300 dpi and sending it takes ~200 ms or more (and a real printer's spooler longer);
on the GUI thread it froze the Done page, and on the database worker it would hold up the next visit's
sign-in. The wipe cancels the job under way: nothing reaches a printer that has not started on it (a
job the printer has started ends whole: Qt cannot take it back from CUPS), a file being written is
removed, the answer is dropped, and the job lets go of the visit's PDF as soon as it stops.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui.worker import Runner

if TYPE_CHECKING:
    from ui.printing import PrintOutcome

log = logging.getLogger(__name__)


class PrintQueue(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Its own single thread: one printout at a time, in order. Not below the GUI thread's priority: its
        # jobs hold Python's lock in short Qt calls, and a low-priority holder preempted on a busy machine
        # keeps the GUI thread waiting (load ~12: longest GUI stall per job 40-120 ms at nice 10, 30-80 at
        # nice 0; the page printed in 4-5 s instead of ~1 s). Qt's render thread, started by it, renders.
        self._runner = Runner(self, below_gui=False)
        self._cancel = threading.Event()

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def send(self, pdf: bytes, printer_name: str | None, to_file: Callable[[], Path | None], doc_name: str,
             done: Callable[[PrintOutcome], None]) -> None:
        """Print `pdf` (to the file `to_file()` names, when it names one); `done(outcome)` on the GUI thread."""
        cancel = self._cancel

        def job() -> PrintOutcome:
            # Imported here, not at the top: QtPdf and QtPrintSupport load when someone first prints, not at
            # start-up (Welcome is painted before them).
            from ui.printing import PRINT_FAILED, PrintOutcome, print_pdf

            try:
                return print_pdf(pdf, printer_name, to_file=to_file(), doc_name=doc_name, cancelled=cancel.is_set)
            except Exception as exc:  # a bug (or the print folder gone) is a failed print, told
                log.error("printing failed unexpectedly", exc_info=exc)  # and recorded; Done never waits forever
                return PrintOutcome(False, PRINT_FAILED, printer_name or "(print folder)", 0, f"unexpected: {exc!r}")

        self._runner.op(job).success(done).run()

    def cancel(self) -> None:
        """The visit is over (the wipe): the job under way stops, and no answer of it arrives."""
        self._cancel.set()
        self._cancel = threading.Event()  # the next visit's printouts start afresh
        self._runner.forget()

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        return self._runner.wait_for_done(msecs)
