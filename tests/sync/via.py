"""A kiosk's link to central in the sync, escrow and race tests: through the session's real service.

The same shapes as the kiosk-side calls the tests were written against (`sync_once(central, cache,
kiosk_id=…, now=…)` …), so a test reads as before; underneath, every call is an HTTPS request
with the kiosk's own certificate to `kiosk-central serve` (tests.central.hub), and the `now` a
call is made at is central's clock too (the test's clock drives both, as NTP does in a hall).

`central` is a `ServiceCentral`: the owner's database for arranging and reading central's rows
(never a kiosk's link), plus the hub; `central.down()` is the same central as a kiosk sees it
while the link is down (nothing listens there).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select

from kiosk.central import link
from kiosk.central.client import RemoteCentral
from kiosk.central.remote_port import RemoteKioskCentral
from kiosk.escrow.lending import Loan
from kiosk.services.booking import BookingResult, CancelResult
from kiosk.store.db import Database
from kiosk.sync.link import SyncReport
from kiosk.sync.loans import KioskBooking, LoanRefresh
from kiosk.sync.outbox import Answer, PushResult
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync.pull import PullResult, last_revision
from tests.central.hub import DOWN_URL, Hub
from tests.escrow.helpers import looked_up
from tests.escrow.proxy import CuttableProxy


class ServiceCentral(Database):
    """Central's database as its owner (for the test's own reads and writes) and the service in front of it."""

    def __init__(self, hub: Hub, *, url: str | None = None, db: Database | None = None) -> None:
        self.__dict__.update((db or hub.central).__dict__)  # the session's engine, shared (or `db`'s)
        self.hub, self.service_url = hub, url or hub.url

    def down(self) -> ServiceCentral:
        """Central as a kiosk sees it with its link down: nothing listens, connecting fails at once."""
        return ServiceCentral(self.hub, url=DOWN_URL, db=self)

    def through(self, proxy: CuttableProxy) -> ServiceCentral:
        """Central reached through a proxy in front of the service, which the test cuts and restores."""
        return ServiceCentral(self.hub, url=f"https://127.0.0.1:{proxy.port}", db=self)

    def proxy(self) -> CuttableProxy:
        return CuttableProxy("127.0.0.1", self.hub.port)

    def remote(self, kiosk_id: str, now: datetime | None = None) -> RemoteCentral:
        """Kiosk `kiosk_id`'s client; `now`, if given, becomes central's clock first."""
        if now is not None:
            self.hub.set_clock(now)
        return self.hub.client(kiosk_id, url=self.service_url)

    def dispose(self) -> None:
        """The engine is the session's; nothing of the hub's is closed by a test."""


def sync_once(central: ServiceCentral, cache: Database, *, kiosk_id: str, now: datetime,
              batch: int = 1000) -> SyncReport:
    return link.sync_once(central.remote(kiosk_id, now), cache, kiosk_id=kiosk_id, now=now, batch=batch)


def pull(central: ServiceCentral, cache: Database, *, batch: int = 1000, kiosk_id: str = "hall-1") -> PullResult:
    return link.pull(central.remote(kiosk_id), cache, batch=batch)


def push(central: ServiceCentral, cache: Database, *, kiosk_id: str, now: datetime) -> PushResult:
    return link.push(central.remote(kiosk_id, now), cache, now=now)


def push_one(central: ServiceCentral, cache: Database, command_id: str, *, kiosk_id: str, now: datetime) -> Answer:
    return link.push_one(central.remote(kiosk_id, now), cache, command_id, now=now)


def report_progress(central: ServiceCentral, cache: Database, *, kiosk_id: str, now: datetime) -> None:
    """How far the kiosk has pulled and its oldest unanswered command, told to central (for compaction)."""
    with cache.session() as s:
        revision = last_revision(s)
        oldest = s.scalar(select(func.min(OutboxCommand.created_at))
                          .where(OutboxCommand.status == OutboxStatus.PENDING.value))
    central.remote(kiosk_id, now).progress(revision, oldest)


def lend(central: ServiceCentral, *, kiosk_id: str, now: datetime, reported_at: datetime | None) -> list[Loan]:
    """Central's side of a kiosk's loan refresh, asked through the service (the certificate says which kiosk)."""
    reply = central.remote(kiosk_id, now).loans(reported_at)
    return [Loan(d["slot_id"], datetime.fromisoformat(d["start"]), int(d["seats"]),
                 datetime.fromisoformat(d["expires_at"])) for d in reply["loans"]]


def refresh_loans(central: ServiceCentral, cache: Database, *, kiosk_id: str, now: datetime) -> LoanRefresh:
    return link.refresh_loans(central.remote(kiosk_id, now), cache, kiosk_id=kiosk_id, now=now)


def book_at_kiosk(central: ServiceCentral, cache: Database, *, kiosk_id: str, case_number: str, slot_id: str,
                  now: datetime, with_cases: Sequence[str] = (), key: str | None = None) -> KioskBooking:
    """Central's answer; while it cannot be reached, a seat of the kiosk's loan (as the kiosk app books).

    As in the kiosk app, the visit's letter look-up came first: it opened the case's sealed record in
    the cache (tests.escrow.helpers.looked_up, with tests.factories.add_case's date of birth).
    """
    port = RemoteKioskCentral(central.remote(kiosk_id, now), cache, kiosk_id=kiosk_id)
    return port.book(cache, looked_up(cache, case_number), slot_id, now=now, key=key, with_cases=with_cases)


def book_via_central(central: ServiceCentral, cache: Database, *, kiosk_id: str, case_number: str, slot_id: str,
                     now: datetime, with_cases: Sequence[str] = (), key: str | None = None) -> BookingResult:
    return book_at_kiosk(central, cache, kiosk_id=kiosk_id, case_number=case_number, slot_id=slot_id, now=now,
                         with_cases=with_cases, key=key).result


def cancel_via_central(central: ServiceCentral, cache: Database, *, kiosk_id: str, case_number: str,
                       now: datetime) -> CancelResult:
    port = RemoteKioskCentral(central.remote(kiosk_id, now), cache, kiosk_id=kiosk_id)
    return port.cancel(cache, case_number, now=now)

