"""One sync round (push, then pull) and the link's state as `kiosk-admin status` shows it."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import text

from kiosk.store.db import Database
from kiosk.sync.central_marks import CENTRAL_ID, RESYNC_NEEDED, Mismatch, Why
from kiosk.sync.errors import CentralUnreachable, talking_to_central
from kiosk.sync.heal import needs_rebuild
from kiosk.sync.loans import refresh_loans
from kiosk.sync import documents
from kiosk.sync.outbox import forget_accounts_sent, pending_count, push
from kiosk.sync.progress import report_progress
from kiosk.sync.pull import get_state, pull, set_state
from kiosk.sync.replay import REQUEUED, requeue_lost, warn_refused
from kiosk.sync.resync import LAST_RESYNC, RESYNCS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncReport:
    central_reachable: bool
    pulled: int  # cache rows written or removed
    pushed: int  # commands central answered
    outbox_depth: int  # commands still pending
    last_sync: datetime | None  # the last round that reached central
    error: str | None = None  # why central was unreachable
    loan_seats: int = 0  # seats this kiosk may book from its loans while central is unreachable
    resynced: str | None = None  # why the cache was copied from central whole this round, if it was
    requeued: int = 0  # done commands sent again because a restored central had lost them
    out_of_order: bool = False  # the cache was made again after damage and not yet copied from central


@dataclass
class RoundCounts:
    """What a sync round did before it ended or lost the link (kiosk.central.link counts the same)."""

    pushed: int = 0
    pulled: int = 0
    loan_seats: int = 0
    resynced: str | None = None
    requeued: list[str] = field(default_factory=list)


def close_round(cache: Database, counts: RoundCounts, *, kiosk_id: str, now: datetime,
                error: str | None) -> SyncReport:
    """The end of every round, with central's database or through the service: the link's state, then the report.

    `error`: why central could not be reached (or refused); the last sync stays the last that reached it.
    """
    with cache.transaction() as s:
        set_state(s, "kiosk", kiosk_id)
        set_state(s, "central_reachable", "false" if error else "true")
        if error is None:
            set_state(s, "last_sync", now.isoformat(timespec="seconds"))
        last = get_state(s, "last_sync")
        depth = pending_count(s)
        broken = needs_rebuild(s)
    return SyncReport(error is None, counts.pulled, counts.pushed, depth,
                      datetime.fromisoformat(last) if last else None, error, counts.loan_seats, counts.resynced,
                      len(counts.requeued), broken)


def sync_once(central: Database, cache: Database, *, kiosk_id: str, now: datetime,
              batch: int = 1000, loans: bool = True) -> SyncReport:
    """Push the outbox, refresh seat loans, then pull (so the pull brings back what the others did).

    Never raises for a lost link. `loans=False` leaves seat loans alone (kiosk.escrow). First,
    commands a restored central has lost are queued again (kiosk.sync.replay); a pull that
    finds central restored looks for them too, and sends them before pulling once more.
    Last, central learns how far this kiosk has come (kiosk.sync.progress, for compaction).
    """
    done, error = RoundCounts(), None
    try:
        done.requeued = requeue_lost(central, cache)
        done.pushed = push(central, cache, kiosk_id=kiosk_id, now=now).pushed
        forget_accounts_sent(cache)
        documents.forget_sent(cache)  # no copy of a scan central has left in the cache's files
        if loans:
            done.loan_seats = refresh_loans(central, cache, kiosk_id=kiosk_id, now=now).seats
        result = pull(central, cache, batch=batch)
        done.pulled, done.resynced = result.upserted + result.deleted, result.resynced
        if done.resynced and Mismatch.parse(done.resynced).why in (Why.RESTORED, Why.LOST_COMMANDS):
            again = requeue_lost(central, cache, thorough=True)
            if again:
                done.requeued += again
                done.pushed += push(central, cache, kiosk_id=kiosk_id, now=now).pushed
                result = pull(central, cache, batch=batch)
                done.pulled += result.upserted + result.deleted
        warn_refused(cache, done.requeued)
        report_progress(central, cache, kiosk_id=kiosk_id, now=now)
    except CentralUnreachable as exc:
        error = str(exc)
        log.warning("central unreachable: %s", exc)
    return close_round(cache, done, kiosk_id=kiosk_id, now=now, error=error)


def probe(central: Database) -> bool:
    """Whether central answers now."""
    try:
        with talking_to_central(), central.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except CentralUnreachable:
        return False


def status(cache: Database, *, kiosk_id: str | None = None) -> dict:
    """The link as last seen: {"kiosk", "central_reachable", "last_sync", "outbox"} (DATA.md)."""
    with cache.session() as s:
        return {
            "kiosk": kiosk_id or get_state(s, "kiosk"),
            "central_reachable": get_state(s, "central_reachable") == "true",
            "last_sync": get_state(s, "last_sync"),
            "outbox": pending_count(s),
        }


def resync_status(cache: Database) -> dict:
    """Added to `status`: the central the cache copies, how far, and its full copies (kiosk.sync.resync)."""
    with cache.session() as s:
        last = get_state(s, LAST_RESYNC)
        return {
            "central_id": get_state(s, CENTRAL_ID),
            "last_revision": int(get_state(s, "last_revision") or 0),
            "resyncs": int(get_state(s, RESYNCS) or 0),
            "last_resync": json.loads(last) if last else None,
            "resync_needed": get_state(s, RESYNC_NEEDED),
            "requeued": int(get_state(s, REQUEUED) or 0),
        }
