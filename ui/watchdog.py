"""Hang detection under systemd: READY=1 once Welcome is painted, then WATCHDOG=1 from a GUI-thread timer."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from kiosk.sdnotify import notify, watchdog_interval_ms


class Watchdog(QObject):
    """Pings from the GUI thread's event loop: if that loop freezes, the pings stop and systemd restarts us."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.ping)
        self.interval_ms = watchdog_interval_ms()

    def ready(self) -> None:
        """Welcome is on screen: tell systemd the start is done, and start pinging if it watches."""
        notify("READY=1\nSTATUS=Welcome on screen")
        if self.interval_ms is not None:
            self.ping()
            self._timer.start(self.interval_ms)

    def ping(self) -> None:
        notify("WATCHDOG=1")

    def stopping(self) -> None:
        self._timer.stop()
        notify("STOPPING=1")
