"""The kiosk's link to central: a background sync every N seconds, its state in words, "changed" after a pull."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from kiosk.app.visit import VisitServices
from kiosk.i18n import LANGUAGES, translate
from ui.worker import Runner

log = logging.getLogger(__name__)
SYNC_MS = 30_000  # without a configuration value (kiosk.toml's [kiosk] sync_seconds)


class LinkMode(StrEnum):
    DEMO = "demo"  # the embedded demo database
    LOCAL = "local"  # one database given with --db
    CENTRAL = "central"  # a cache and central (kiosk.toml)


@dataclass(frozen=True)
class LinkState:
    mode: LinkMode
    reachable: bool | None = None  # None: no sync has finished yet
    last_sync: datetime | None = None  # the last round that reached central
    offline_since: datetime | None = None
    outbox: int = 0  # commands waiting for central
    error: str | None = None  # why central was unreachable (logged; for the operator)
    offline_seats: int = 0  # offline: seats this kiosk can still book from the loans central lent it
    out_of_order: bool = False  # no usable cache (damaged, not yet rebuilt from central): no visit can work

    @property
    def can_book_offline(self) -> bool:
        return self.offline and self.offline_seats > 0

    @property
    def offline(self) -> bool:
        return self.mode is LinkMode.CENTRAL and self.reachable is False


class LinkMonitor(QObject):
    """Runs `services.sync()` at start, every `interval_ms` and soon after a write; never on the GUI thread.

    It has a runner (and thread) of its own: a sync waiting out a connect timeout must not
    delay the visitor's next step, and a wipe's `forget()` must not drop a sync's answer.
    """

    state_changed = Signal()  # the link's state (or the outbox depth) changed
    data_changed = Signal()  # a sync pulled rows, or the link went up or down: pages may refresh
    synced = Signal()  # a round finished, whatever its outcome (tests wait on it)
    _write_seen = Signal()  # emitted from the worker thread; queued onto ours

    def __init__(self, services: VisitServices, *, interval_ms: int = SYNC_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        mode = LinkMode(services.link_state)
        self.state = LinkState(mode)
        self._runner = Runner(self)
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.sync_now)
        self._running = False
        self._again = False
        self._write_seen.connect(self.sync_now)
        if mode is LinkMode.CENTRAL:
            services.on_write = self._write_seen.emit  # a signal's emit is safe from any thread

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def set_interval(self, ms: int) -> None:
        self._timer.setInterval(ms)

    def start(self) -> None:
        """First sync now, then every interval (a configured kiosk only; the database must be open)."""
        if self.state.mode is not LinkMode.CENTRAL:
            return
        self._timer.start()
        self.sync_now()

    def stop(self) -> None:
        """Stop syncing and let a running round finish (shutdown): no thread outlives the window."""
        self._timer.stop()
        self._runner.forget()
        self._runner.wait_for_done()
        self._running = self._again = False

    def sync_now(self) -> None:
        if self.state.mode is not LinkMode.CENTRAL or self._services.db is None:
            return
        if self._running:
            self._again = True  # one more round right after this one (a write arrived meanwhile)
            return
        self._running = True
        self._runner.op(self._services.sync).success(self._done).failure(self._failed).run()

    def _done(self, report: Any) -> None:
        now = self._services.now()
        old = self.state
        if report.central_reachable:
            new = LinkState(LinkMode.CENTRAL, True, report.last_sync, None, report.outbox_depth,
                            out_of_order=report.out_of_order)
        else:
            since = old.offline_since if old.reachable is False else now
            new = LinkState(LinkMode.CENTRAL, False, report.last_sync, since, report.outbox_depth, report.error,
                            report.loan_seats, report.out_of_order)
            if old.reachable is not False:
                log.warning("central unreachable: %s", report.error)
        self._finish(new, pulled=report.pulled)

    def _failed(self, exc: BaseException) -> None:
        # Not a lost link (sync_once reports that): the cache itself failed. Show it as offline, log it.
        log.error("sync failed", exc_info=exc)
        now = self._services.now()
        since = self.state.offline_since if self.state.reachable is False else now
        self._finish(replace(self.state, reachable=False, offline_since=since, error=str(exc)), pulled=0)

    def _finish(self, new: LinkState, *, pulled: int) -> None:
        self._running = False
        old = self.state
        changed = new != self.state
        self.state = new
        if changed:
            self.state_changed.emit()
        # Up or down changes what may be booked (central's free seats, or only this kiosk's loans).
        flipped = None not in (old.reachable, new.reachable) and old.reachable != new.reachable
        if pulled or flipped:
            self.data_changed.emit()
        self.synced.emit()
        if self._again:
            self._again = False
            self.sync_now()


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("LinkStatus", text, None, n)


def status_text(state: LinkState) -> str:
    """The status line's words for the link (the icon beside it says the same: never colour alone)."""
    if state.mode is LinkMode.DEMO:
        return _tr("Demo database")
    if state.mode is LinkMode.LOCAL:
        return _tr("Local database")
    if state.reachable is None:
        return _tr("Connecting to the consulate's booking system…")
    if state.reachable:
        if state.last_sync is None:
            return _tr("Connected")
        return _tr("Connected — last sync %1").replace("%1", f"{state.last_sync:%H:%M}")
    since = f"{state.offline_since:%H:%M}" if state.offline_since else "?"
    if state.can_book_offline:
        return _tr("Offline since %1 — you can still book the times shown, check eligibility and send inquiries"
                   ).replace("%1", since)
    return _tr("Offline since %1 — bookings paused, you can still check eligibility and send inquiries"
               ).replace("%1", since)


def out_of_order_text() -> str:
    """The whole screen when the kiosk cannot serve a visit (no usable cache): where to go instead.

    In every language at once, the screen's own first: nobody can choose a language on it.
    """
    source = ("This kiosk is out of order.\n\nPlease go to the counter: a clerk will help you with your "
              "appointment.\n\nWe are sorry for the inconvenience.")
    shown = _tr("This kiosk is out of order.\n\nPlease go to the counter: a clerk will help you with your "
                "appointment.\n\nWe are sorry for the inconvenience.")
    # `source` again as a literal above, so lupdate extracts it; the other languages come from the .ts.
    others = [t for t in (translate("LinkStatus", source, lang) for lang in LANGUAGES) if t != shown]
    return "\n\n\n".join([shown, *others])


def outbox_text(state: LinkState) -> str:
    """For the operator: commands the kiosk still has to send to central."""
    if state.mode is not LinkMode.CENTRAL or state.outbox == 0:
        return ""
    return _tr("%n item(s) waiting to be sent", state.outbox)


def booking_paused_text(state: LinkState | None = None) -> str:
    """Shown on the booking steps while central cannot be reached (what can still be booked, if anything)."""
    if state is not None and state.can_book_offline:
        return _tr("This kiosk cannot reach the consulate's booking system right now. You can still book one "
                   "of the times shown: this kiosk holds a few seats for them, and the confirmation it prints "
                   "is final. Other times, and booking several cases together, need the connection: please "
                   "try again in a few minutes, or ask at the counter.")
    return _tr("This kiosk cannot reach the consulate's booking system right now, so appointments cannot be "
               "booked or changed at the moment. You can still check your case and send an inquiry. Please "
               "try again in a few minutes, or ask at the counter.")
