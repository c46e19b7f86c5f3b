"""The visit's ground: the kiosk's database (or cache and central), the post's clock, the link, a cache that heals.

No Qt, and no SQLAlchemy at import time: the kiosk paints Welcome before the database layer
loads, so the core is imported inside the methods, which run on the worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kiosk.app.clock import PostClock, post_timezone
from kiosk.config import DEFAULT_SYNC_SECONDS

if TYPE_CHECKING:
    from kiosk.app.central import Central
    from kiosk.scan.device import KioskScanner
    from kiosk.store.db import Database
    from kiosk.sync.link import SyncReport

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class VisitState:
    """What every use case of the visit stands on (kiosk.app.visit.VisitServices is the whole of it).

    Without `central`, `db` is the post's own database (the demo, or `--db`). With it, `db` is
    the kiosk's SQLite cache: eligibility, slots and letters are read from it; bookings and
    cancellations need central's answer; inquiries and accounts made while central is away
    are written to the cache with an outbox command in the same transaction, and reach
    central with a later sync.
    """

    db: Database | None  # None until the worker has opened it (start-up shows Welcome first)
    demo: bool = False
    kiosk_id: str | None = None
    clock: Callable[[], datetime] = field(default_factory=PostClock)
    printer_name: str | None = None  # None: the confirmation goes to a PDF file in `print_dir`
    print_dir: Path | None = None  # default: "confirmations" in the runtime folder (kiosk.printed)
    central: Central | None = None  # set: `db` is a cache, central is asked through this port
    linked: bool = False  # a kiosk with a cache and central (kiosk.toml); `central` comes with the open cache
    sync_seconds: int = DEFAULT_SYNC_SECONDS  # a linked kiosk syncs this often (and soon after a write)
    # Called from the worker after a write that central should see soon (the link syncs then).
    on_write: Callable[[], None] | None = None
    post_timezone: str | None = None  # the post's IANA zone, once the database has named it
    cache_path: Path | None = None  # a linked kiosk's cache file: made again when found damaged
    cache_suspect: bool = False  # a cache read failed as corrupt: the next sync checks (and heals) it
    scanner: KioskScanner | None = None  # kiosk.toml's [scanner]: None, the scan step is skipped

    def __post_init__(self) -> None:
        self.linked = self.linked or self.central is not None

    @property
    def store(self) -> Database:
        if self.db is None:
            raise RuntimeError("the kiosk's database is not open yet")
        return self.db

    @property
    def actor(self) -> str:
        return self.kiosk_id or "kiosk"

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    def learn_clock(self, db: Database) -> None:
        """Read the post's time zone from `db` (worker thread: once it is open, and after the first sync)."""
        self.post_timezone = post_timezone(db) or self.post_timezone
        if isinstance(self.clock, PostClock) and self.post_timezone is not None:
            self.clock.timezone = self.post_timezone

    @property
    def link_state(self) -> str:
        return "central" if self.configured else "demo" if self.demo else "local"

    @property
    def configured(self) -> bool:
        return self.linked

    # -- the link to central ------------------------------------------------------------------------
    def sync(self) -> SyncReport:
        """One round: push the outbox, pull central's changes (the link's background work).

        A cache that reported a corruption error is checked first and, when damaged, made
        again (kiosk.sync.heal); so is one whose damage this round runs into.
        """
        from kiosk.sync.heal import is_corruption, reason

        if self.cache_suspect:
            self.heal_cache()
        try:
            return self._sync()
        except Exception as exc:
            if not is_corruption(exc):
                raise
            self.heal_cache(reason(exc))
            return self._sync()

    def _sync(self) -> SyncReport:
        from kiosk.sync.offline import offline_bookable_slots

        if self.central is None:
            raise RuntimeError("this kiosk has no central to sync with")
        report = self.central.sync(self.store, now=self.now())
        if report.central_reachable:
            if self.post_timezone is None:
                self.learn_clock(self.store)  # the first sync has brought the post
            return report
        # Offline: the seats this kiosk can still book from its loans (the status line says so).
        seats = sum(o.seats_left for o in offline_bookable_slots(self.store, self.actor, self.now()))
        return replace(report, loan_seats=seats)

    def _wrote(self) -> None:
        if self.on_write is not None:
            self.on_write()

    # -- a cache that heals (kiosk.sync.heal) ----------------------------------------------------
    def heal_cache(self, problem: str | None = None) -> bool:
        """Check the cache (or take `problem` as found) and make it again when damaged; True when it was."""
        from kiosk.store.db import Database, sqlite_url
        from kiosk.sync.heal import check, heal

        self.cache_suspect = False
        path = self.cache_path
        problem = check(path) if problem is None and path is not None else problem
        if path is None or problem is None:
            return False
        self.store.dispose()  # the visit worker's next call opens the new file
        heal(path, problem, kiosk_id=self.kiosk_id, now=self.now())
        fresh = Database(sqlite_url(path))
        fresh.init_schema()
        self.db = fresh
        return True

    def cache_failed(self, exc: BaseException) -> bool:
        """Any call that failed: when the cache is damaged, have the link check and heal it soon (True then)."""
        from kiosk.sync.heal import is_corruption

        if not (self.configured and is_corruption(exc)):
            return False
        self.cache_suspect = True
        self._wrote()
        return True

    def cache_damaged(self, exc: BaseException) -> None:
        """A cache read failed as corrupt: central answers meanwhile, and a sync soon checks and heals the cache."""
        from kiosk.sync.heal import reason

        log.error("cache read failed (%s): reading central instead", reason(exc))
        self.cache_failed(exc)

    def _from_cache(self, read: Callable[[], T], ask: Callable[[Central], T]) -> T:
        """`read` on the cache; on a corruption error, `ask` central instead."""
        from kiosk.sync.heal import is_corruption

        assert self.db is not None  # pages call services only once the database is open
        try:
            return read()
        except Exception as exc:
            if self.central is None or not is_corruption(exc):
                raise
            self.cache_damaged(exc)
        return ask(self.central)
