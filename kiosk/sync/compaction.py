"""Compaction on central: the change log, applied commands and idempotency keys stop growing forever.

One transaction, serialised with any other compaction:

- change log: of the entries older than `keep_days` (database clock), those a later entry of
  the same row supersedes are deleted, and so are old tombstones. A kiosk that has pulled
  past them lost nothing (a pull copies a row's current state, whichever entry names it).
  A kiosk that has not may have missed a deletion, so the highest revision that may be
  incomplete becomes central's `log_horizon`, in the same transaction: a kiosk below it
  copies central whole at its next pull (kiosk.sync.resync).
- applied_commands: a row is deleted when it is older than `keep_days` *and* its kiosk has
  since reported that it holds no unanswered command created before that row was applied
  (kiosk_progress.acked_before): such a command can never be pushed again, so its answer is
  never asked for. Rows of kiosks that never reported stay. `commands_kept_since` records
  how far back rows may be gone, for kiosks that replay commands after a restore.
- idempotency_keys older than `keep_days` are deleted: a booking retried with the same key
  after that is booked again (the outbox's own retries are covered by applied_commands).
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, Table, and_, delete, exists, func, select, text
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError
from kiosk.store.db import Database, rowcount
from kiosk.store.models import IdempotencyKey
from kiosk.store.sync_marks import KioskProgress, SyncIdentity
from kiosk.store.sync_tables import AppliedCommand, ChangeLog

LOCK_KEY = 7_418_302  # pg_advisory_xact_lock: one compaction at a time (0004's change-log lock is 7_418_301)
DEFAULT_KEEP_DAYS = 90


@dataclass(frozen=True)
class CompactionResult:
    keep_days: int
    horizon: int  # central's log_horizon afterwards
    log_before: int
    log_after: int
    superseded: int  # change-log entries deleted because a later entry names the same row
    tombstones: int  # old deletions forgotten
    commands_deleted: int
    commands_held: int  # older than keep_days, kept: their kiosk may still push them (or never reported)
    keys_deleted: int
    kiosks_behind: list[str]  # kiosks that will copy central whole at their next sync
    seconds: float

    def to_dict(self) -> dict:
        return asdict(self)


def compact(central: Database, *, keep_days: int = DEFAULT_KEEP_DAYS, now: datetime) -> CompactionResult:
    """Compact central; `now` is the post's wall clock (the clock kiosks stamp commands and keys with)."""
    if keep_days < 0:
        raise InputError(f"keep {keep_days} days? give 0 or more", field="--keep-days")
    started = time.perf_counter()
    cutoff = now - timedelta(days=keep_days)
    log_t = ChangeLog.__table__
    with central.transaction() as s:
        if not central.is_sqlite:
            s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
        identity = s.get(SyncIdentity, 1)
        if identity is None:
            raise RuntimeError("central has no sync_identity row: run `kiosk-admin --db … init` on it first")
        log_before = _count(s, log_t)
        limit = _log_limit(s, keep_days)
        superseded = tombstones = 0
        if limit > 0:
            superseded = rowcount(s.execute(delete(log_t).where(log_t.c.revision.in_(_superseded(limit)))))
            tombstones = rowcount(s.execute(delete(log_t).where(log_t.c.deleted, log_t.c.revision <= limit)))
        if superseded or tombstones:
            identity.log_horizon = max(identity.log_horizon or 0, limit)
        commands, held = _compact_commands(s, cutoff)
        keys = IdempotencyKey.__table__
        keys_deleted = rowcount(s.execute(delete(keys).where(keys.c.created_at < cutoff)))
        if identity.commands_kept_since is None or identity.commands_kept_since < cutoff:
            identity.commands_kept_since = cutoff
        identity.compacted_at = now
        horizon = identity.log_horizon or 0
        behind = list(s.scalars(select(KioskProgress.kiosk_id).where(KioskProgress.last_revision < horizon)
                                .order_by(KioskProgress.kiosk_id)))
        log_after = _count(s, log_t)
    return CompactionResult(keep_days, horizon, log_before, log_after, superseded, tombstones, commands, held,
                            keys_deleted, behind, round(time.perf_counter() - started, 3))


def _count(s: Session, table: Table) -> int:
    return s.execute(select(func.count()).select_from(table)).scalar_one()


def _log_limit(s: Session, keep_days: int) -> int:
    """The highest revision below which every entry is older than `keep_days` (database clock)."""
    clock = func.current_timestamp() if s.get_bind().dialect.name == "sqlite" else func.localtimestamp()
    since = s.execute(select(clock)).scalar_one() - timedelta(days=keep_days)
    young = s.scalar(select(func.min(ChangeLog.revision)).where(ChangeLog.changed_at >= since))
    return int(young - 1) if young is not None else int(s.scalar(select(func.max(ChangeLog.revision))) or 0)


def _superseded(limit: int) -> Select[tuple[int]]:
    """Revisions up to `limit` with a later entry for the same row (anywhere in the log)."""
    c = ChangeLog.__table__.c
    newest_first = func.row_number().over(partition_by=(c.table_name, c.row_key), order_by=c.revision.desc())
    ranked = select(c.revision, newest_first.label("rank")).subquery()
    return select(ranked.c.revision).where(ranked.c.rank > 1, ranked.c.revision <= limit)


def _compact_commands(s: Session, cutoff: datetime) -> tuple[int, int]:
    a, p = AppliedCommand.__table__.c, KioskProgress.__table__.c
    acknowledged = exists().where(and_(p.kiosk_id == a.kiosk_id, a.applied_at < p.acked_before))
    deleted = rowcount(s.execute(delete(AppliedCommand.__table__).where(a.applied_at < cutoff, acknowledged)))
    held = s.execute(select(func.count()).select_from(AppliedCommand.__table__).where(a.applied_at < cutoff)).scalar_one()
    return deleted, held
