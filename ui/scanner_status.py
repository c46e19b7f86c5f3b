"""The kiosk's scanner on the status line: probed in the background, its state in words, told to the clerks.

The probe (`scanimage -L`, seconds at worst) runs on a runner of its own, never the GUI thread and
never the visit's: a slow probe must not delay a page. The scan step's own scans change the state
too (kiosk.scan.device); every change reaches the status line and, once, central's Kiosks tab.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk.app.visit import VisitServices
from kiosk.scan.scanner import ScannerState
from ui.worker import Runner

log = logging.getLogger(__name__)
PROBE_MS = 60_000  # a scanner unplugged (or back) shows within a minute


def _tr(text: str) -> str:
    return QCoreApplication.translate("ScannerStatus", text)


def scanner_words(state: ScannerState | str | None) -> str:
    """The scanner's state in words, for the status line and the clerks' Kiosks tab ("-": no scanner)."""
    if state is None:
        return "-"
    words = {
        ScannerState.READY: _tr("Scanner ready"),
        ScannerState.ABSENT: _tr("Scanner not found"),
        ScannerState.NO_PAPER: _tr("Scanner: no paper"),
        ScannerState.JAMMED: _tr("Scanner: paper jammed"),
        ScannerState.COVER_OPEN: _tr("Scanner: cover open"),
        ScannerState.BUSY: _tr("Scanner busy"),
        ScannerState.ERROR: _tr("Scanner error"),
    }
    try:
        return words[ScannerState(state)]
    except ValueError:
        return str(state)


class ScannerMonitor(QObject):
    """Probes `services.scanner` at start and every `interval_ms`; `state_changed` after any change."""

    state_changed = Signal()
    probed = Signal()  # a probe finished (tests wait on it)
    _changed = Signal()  # emitted from a worker thread (a probe's or a scan's); queued onto ours

    def __init__(self, services: VisitServices, *, interval_ms: int = PROBE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._runner = Runner(self)
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.probe_now)
        self._running = False
        self._reported: ScannerState | None = None
        self._changed.connect(self._report)
        if services.scanner is not None:
            services.scanner.on_change = lambda _state, _reason: self._changed.emit()  # safe from any thread

    @property
    def state(self) -> ScannerState | None:
        """None: no scanner configured, or not probed yet."""
        scanner = self._services.scanner
        return scanner.state if scanner is not None else None

    def start(self) -> None:
        if self._services.scanner is None:
            return
        self._timer.start()
        self.probe_now()

    def stop(self) -> None:
        self._timer.stop()
        self._runner.forget()
        self._runner.wait_for_done()
        self._running = False

    def probe_now(self) -> None:
        scanner = self._services.scanner
        if scanner is None or self._running:
            return
        self._running = True
        self._runner.op(scanner.probe).success(self._probed).failure(self._probe_failed).run()

    def _probed(self, _state: object) -> None:
        self._running = False
        self.probed.emit()

    def _probe_failed(self, exc: BaseException) -> None:
        self._running = False
        log.error("scanner probe failed", exc_info=exc)
        self.probed.emit()

    def _report(self) -> None:
        self.state_changed.emit()
        state, scanner = self.state, self._services.scanner
        if state is None or scanner is None or state is self._reported or self._services.db is None:
            return
        self._reported = state
        reason = scanner.reason
        self._runner.op(lambda: self._services.report_scanner(state.value, reason)).failure(
            lambda exc: log.warning("scanner state not recorded: %s", exc)).run()
