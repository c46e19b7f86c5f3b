"""The kiosk's one scanner, shared by the status line's probe and the scan step: one use at a time, its last state.

A probe never runs while a page is being scanned (the scan says the state then). A failure a scan
found (jammed, no paper, cover open) stays the state until a scan succeeds or a probe finds no device:
`scanimage -A` answers for a jammed feeder too, so a probe cannot clear it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from kiosk.scan.scanner import Scanner, ScanError, ScannerState

_FOUND_BY_SCANNING = {ScannerState.JAMMED, ScannerState.NO_PAPER, ScannerState.COVER_OPEN}

StateListener = Callable[[ScannerState, str], None]  # (state, reason): called on the thread that saw the change


class KioskScanner:
    def __init__(self, scanner: Scanner, on_change: StateListener | None = None) -> None:
        self.scanner = scanner
        self.state: ScannerState | None = None  # None until the first probe or scan
        self.reason = ""  # scanimage's words for the last failure
        self.on_change = on_change
        self._lock = threading.Lock()

    @property
    def resolution(self) -> int:
        return self.scanner.resolution

    @property
    def present(self) -> bool:
        """Whether the scan step is offered (the state last seen; no I/O)."""
        return self.state not in (None, ScannerState.ABSENT)

    def probe(self) -> ScannerState:
        """Ask SANE whether the device answers (seconds, at worst PROBE_TIMEOUT): worker threads only."""
        if not self._lock.acquire(blocking=False):
            return self.state or ScannerState.BUSY  # a page is being scanned: the scan will tell
        try:
            found = self.scanner.state()
        finally:
            self._lock.release()
        if found is ScannerState.READY and self.state in _FOUND_BY_SCANNING:
            return self.state
        self._set(found, "" if found is ScannerState.READY else self.reason)
        return found

    def scan_page(self) -> bytes:
        """One page (PNM bytes) or ScanError; the state follows what the scan found."""
        with self._lock:
            try:
                page = self.scanner.scan_page()
            except ScanError as exc:
                self._set(exc.state, exc.message)
                raise
        self._set(ScannerState.READY, "")
        return page

    def _set(self, state: ScannerState, reason: str) -> None:
        changed = state is not self.state
        self.state, self.reason = state, reason
        if changed and self.on_change is not None:
            self.on_change(state, reason)
