"""A kiosk's sync round through the central service: push the outbox, refresh loans, pull, report progress.

The cache's side is the same code as a sync with central's database (kiosk.sync, kiosk.escrow);
only central's side goes over HTTPS (kiosk.central.client). A command whose outcome is
unknown stays pending and stops the push: the next round asks central by its id first.

A cache that no longer matches central (a restored or compacted central) is copied whole
through the service too (`RemoteCentral.copy`, kiosk.sync.resync.copy_into).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select

from kiosk.central.client import CentralRefused, RemoteCentral
from kiosk.sync.loans import LoanRefresh, fence_loans, keep_loans
from kiosk.escrow.lending import Loan
from kiosk.store.db import Database
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync import failures
from kiosk.sync.central_marks import Mismatch, Seen, Why
from kiosk.sync.errors import CentralUnreachable
from kiosk.sync.link import RoundCounts, SyncReport, close_round
from kiosk.sync import documents
from kiosk.sync.replay import requeue_lost_asking, warn_refused
from kiosk.sync.outbox import Answer, PushResult, forget_accounts_sent, pending_count, record_answer
from kiosk.sync.pull import Batch, CentralMismatch, PullResult, last_revision, pull_batches
from kiosk.sync.resync import ResyncResult, copy_into

log = logging.getLogger(__name__)


def push_one(remote: RemoteCentral, cache: Database, command_id: str, *, now: datetime) -> Answer:
    """Send one pending command (or read the answer already recorded) and record central's answer."""
    with cache.session() as s:
        command = s.get(OutboxCommand, command_id)
    if command is None or command.status != OutboxStatus.PENDING.value:
        return Answer(OutboxStatus(command.status), json.loads(command.result or "{}")) if command else \
            Answer(OutboxStatus.REFUSED, {"error": "BAD_INPUT", "message": f"no command {command_id}"})
    answer = remote.push(command.id, command.kind, json.loads(command.payload))  # OutcomeUnknown: stays pending
    record_answer(cache, command_id, answer, now)
    return answer


def push(remote: RemoteCentral, cache: Database, *, now: datetime) -> PushResult:
    """Every pending command, oldest first; stops at the first that central could not be asked about.

    As kiosk.sync.outbox.push: one that failed on central holds back later ones about the same case or account,
    until a clerk retries or resolves it (taken up first).
    """
    held_failed = failures.failed_ids(cache)
    if held_failed:
        failures.apply_decisions(cache, remote.decisions(held_failed), now)
    with cache.session() as s:
        queue = s.scalars(select(OutboxCommand).where(OutboxCommand.status == OutboxStatus.PENDING.value)
                          .order_by(OutboxCommand.created_at, OutboxCommand.id)).all()
        blocked = failures.blocked_keys(s)
    counts = dict.fromkeys(OutboxStatus, 0)
    held = 0
    for command in queue:
        subject = failures.depends_on(command.kind, json.loads(command.payload))
        if subject is not None and subject in blocked:
            held += 1
            continue
        status = push_one(remote, cache, command.id, now=now).status
        counts[status] += 1
        if status is OutboxStatus.FAILED and subject is not None:
            blocked.add(subject)
    done, refused, failed = counts[OutboxStatus.DONE], counts[OutboxStatus.REFUSED], counts[OutboxStatus.FAILED]
    with cache.session() as s:
        return PushResult(done + refused + failed, done, refused, pending_count(s), failed, held)


def refresh_loans(remote: RemoteCentral, cache: Database, *, kiosk_id: str, now: datetime) -> LoanRefresh:
    """kiosk.sync.loans.refresh_loans with central's step over HTTPS (the kiosk id is the certificate's)."""
    reported = fence_loans(cache, now=now)
    reply = remote.loans(reported)
    loans = [Loan(d["slot_id"], datetime.fromisoformat(d["start"]), int(d["seats"]),
                  datetime.fromisoformat(d["expires_at"])) for d in reply["loans"]]
    seal = reply.get("seal_key")  # central's public key: the outbox seals personal fields to it
    return keep_loans(cache, kiosk_id=kiosk_id, key=bytes.fromhex(reply["key"]), loans=loans, now=now,
                      reported=reported, seal_key=bytes.fromhex(seal) if seal else None)


class ServiceBatches:
    """Batches and whole copies of central through the service (kiosk.sync.pull.pull_batches reads them)."""

    def __init__(self, remote: RemoteCentral) -> None:
        self.remote = remote

    def batch(self, seen: Seen, size: int) -> Batch | Mismatch:
        return self.remote.pull(seen, size)

    def copy_into(self, cache: Database, why: Mismatch) -> ResyncResult:
        return copy_into(cache, self.remote.copy(), why)


def pull(remote: RemoteCentral, cache: Database, *, batch: int = 1000,
         after_batch: Callable[[int], None] | None = None) -> PullResult:
    """Apply central's changes batch by batch, through the service (kiosk.sync.pull.pull_batches)."""
    return pull_batches(ServiceBatches(remote), cache, batch=batch, after_batch=after_batch)


def sync_once(remote: RemoteCentral, cache: Database, *, kiosk_id: str, now: datetime,
              batch: int = 1000) -> SyncReport:
    """One round; never raises for a lost link or a refusal of the kiosk (the report's `error` says why)."""
    done, error = RoundCounts(), None
    try:
        done.requeued = requeue_lost_asking(cache, remote.known)  # what a restored central lost, sent again
        done.pushed = push(remote, cache, now=now).pushed
        forget_accounts_sent(cache)  # what central now holds leaves the kiosk (kiosk.sync.outbox)
        documents.forget_sent(cache)  # no copy of a scan central has left in the cache's files
        done.loan_seats = refresh_loans(remote, cache, kiosk_id=kiosk_id, now=now).seats
        result = pull(remote, cache, batch=batch)
        done.pulled, done.resynced = result.upserted + result.deleted, result.resynced
        if done.resynced and Mismatch.parse(done.resynced).why in (Why.RESTORED, Why.LOST_COMMANDS):
            again = requeue_lost_asking(cache, remote.known, thorough=True)
            if again:
                done.requeued += again
                done.pushed += push(remote, cache, now=now).pushed
                result = pull(remote, cache, batch=batch)
                done.pulled += result.upserted + result.deleted
        warn_refused(cache, done.requeued)
        with cache.session() as s:
            revision = last_revision(s)
            oldest = s.scalar(select(func.min(OutboxCommand.created_at))
                              .where(OutboxCommand.status == OutboxStatus.PENDING.value))
        remote.progress(revision, oldest)
    except (CentralUnreachable, CentralRefused, CentralMismatch) as exc:
        error = str(exc)
        log.warning("sync through the central service stopped: %s", exc)
    return close_round(cache, done, kiosk_id=kiosk_id, now=now, error=error)
