"""What a page needs of the wizard that shows it; the wizard provides it, and no page imports the wizard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance

    from ui.print_queue import PrintQueue
    from ui.visit import Visit
    from ui.worker import Runner


@runtime_checkable
class PageHost(Protocol):
    visit: Visit  # this visit's state (the wizard makes a new one per visit)
    runner: Runner  # runs service calls off the GUI thread
    printing: PrintQueue  # sends printouts to the printer off the GUI thread
    visit_finished: SignalInstance  # the applicant is done: the shell wipes the visit

    def next(self) -> None: ...

    def back(self) -> None: ...

    def visitedIds(self) -> list[int]: ...  # the pages of this visit so far (QWizard's history)

    def set_language(self, code: str) -> None: ...  # the whole kiosk in `code` ("en", "zh_CN"); typed text stays

    def allow_back(self, allowed: bool) -> None: ...  # the Back button shown (a booking's outcome unknown: hidden)
