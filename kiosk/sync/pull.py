"""Pull: copy central's changed rows into the kiosk's cache in batches, each batch one cache transaction.

The change log says which rows changed; the pull copies each such row's *current* state
from central (or deletes it from the cache when central no longer has it), so applying an
entry twice is harmless and tombstones need no payload. Each batch and the new
`last_revision` commit together: a kiosk killed mid-pull loses nothing and doubles nothing.

Every batch first checks, in the same snapshot, that central is still the one the cache was
copied from and still holds the history the cache continues (kiosk.sync.central_marks). When
it is not (a compacted log the cache is behind, a restored or replaced central), the cache
is copied from central whole (kiosk.sync.resync), keeping the kiosk's unsent writes, and
the pull goes on incrementally from there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import Connection, Table, delete, select
from sqlalchemy.orm import Session

from kiosk.services.case_keys import ensure_petitioner_key, store_keys
from kiosk.store.db import Database
from kiosk.store.sync_tables import SYNCED_TABLES, ChangeLog, SyncState
from kiosk.sync.central_marks import RESYNC_NEEDED, Mismatch, Seen, entry_fingerprint, fingerprint, mismatch, \
    read_mark, remember, remembered
from kiosk.sync.errors import talking_to_central
from kiosk.sync.resync import ResyncResult, full_resync
from kiosk.sync.rows import CHUNK, Key, existing, fetch, for_cache, parse_key, tables, upsert, where_keys
from kiosk.sync.sealed_rows import Sealer, add_group_cases

log = logging.getLogger(__name__)
MAX_RESYNCS = 2  # per pull: a central that keeps changing identity under us is an error, not a loop


class CentralMismatch(Exception):
    """Central still does not match the cache right after copying it whole."""


@dataclass(frozen=True)
class PullResult:
    revision: int  # the cache's last_revision afterwards
    entries: int  # change-log entries read
    upserted: int  # rows written into the cache
    deleted: int  # rows removed from the cache
    batches: int
    resynced: str | None = None  # why the cache was copied from central whole, if it was


def get_state(session: Session, name: str) -> str | None:
    row = session.get(SyncState, name)
    return row.value if row else None


def set_state(session: Session, name: str, value: str) -> None:
    session.merge(SyncState(name=name, value=value))


def last_revision(session: Session) -> int:
    return int(get_state(session, "last_revision") or 0)


class BatchSource(Protocol):
    """Where a pull reads central: its database (`DatabaseBatches`) or the central service (kiosk.central.link)."""

    def batch(self, seen: Seen, size: int) -> Batch | Mismatch:
        """The next batch after `seen`, or why central no longer matches the cache."""
        ...

    def copy_into(self, cache: Database, why: Mismatch) -> ResyncResult:
        """The cache rebuilt from one snapshot of central (kiosk.sync.resync), its unsent rows kept."""
        ...


@dataclass(frozen=True)
class DatabaseBatches:
    """Batches read straight from central's database (central's own tools, the demo, tests)."""

    central: Database
    cache: Database  # which parents the cache lacks is read from it (the service cannot see a kiosk's cache)

    def batch(self, seen: Seen, size: int) -> Batch | Mismatch:
        with talking_to_central():
            return read_batch(self.central, self.cache, seen, size)

    def copy_into(self, cache: Database, why: Mismatch) -> ResyncResult:
        return full_resync(self.central, cache, why)


def pull(central: Database, cache: Database, *, batch: int = 1000,
         after_batch: Callable[[int], None] | None = None) -> PullResult:
    """Bring the cache up to the newest revision of central's database."""
    return pull_batches(DatabaseBatches(central, cache), cache, batch=batch, after_batch=after_batch)


def pull_batches(source: BatchSource, cache: Database, *, batch: int = 1000,
                 after_batch: Callable[[int], None] | None = None) -> PullResult:
    """Bring the cache up to central's newest revision; the same code for a first and a later sync.

    Each batch and its revision: one cache transaction. A cache that no longer matches central (a
    restored, replaced or compacted central, or a full copy left due) is copied whole, then follows
    the log again; the copy is noted as due first, so one cut short is made at the next pull.
    """
    entries = upserted = deleted = batches = resyncs = 0
    resynced: str | None = None
    with cache.session() as s:
        seen, due = remembered(s), get_state(s, RESYNC_NEEDED)
    wrong: Mismatch | None = Mismatch.parse(due) if due else None
    while True:
        if wrong is not None:
            if resyncs == MAX_RESYNCS:
                raise CentralMismatch(f"central does not match the cache after a full copy: {wrong}")
            r = source.copy_into(cache, wrong)
            seen, resynced, resyncs = r.seen, str(wrong), resyncs + 1
            upserted, deleted = upserted + r.copied, deleted + r.removed
        b = source.batch(seen, batch)
        if isinstance(b, Mismatch):
            with cache.transaction() as s:
                set_state(s, RESYNC_NEEDED, str(b))
            wrong = b
            continue
        wrong = None
        if not b.entries:
            if b.seen != seen:
                _adopt(cache, b.seen)
            return PullResult(seen.revision, entries, upserted, deleted, batches, resynced)
        n_up, n_del = apply_batch(cache, b)
        seen = b.seen
        entries, upserted, deleted, batches = entries + b.entries, upserted + n_up, deleted + n_del, batches + 1
        if after_batch is not None:
            after_batch(seen.revision)


@dataclass
class Batch:
    seen: Seen  # what the cache holds of central once the batch is applied
    entries: int
    wanted: dict[str, dict[Key, None]]  # table → keys named by the log, in order of first change
    current: dict[str, dict[Key, dict]]  # table → key → the row as central has it now


def read_batch(central: Database, cache: Database | None, seen: Seen, size: int) -> Batch | Mismatch:
    """The next log entries, the current rows they name and parents the cache lacks, from one snapshot,
    as a kiosk's cache keeps them (kiosk.sync.rows.for_cache: cases sealed, names blanked).

    `cache` None (central's service, which cannot see the kiosk's cache): every parent comes along.

    No entries: an empty batch, which still carries central's identity and the fingerprint of
    the cache's revision for a cache that has not noted them yet (one made before they existed).
    """
    ts = tables()
    with talking_to_central():
        ensure_petitioner_key(central, now=datetime.now())
    with central.engine.connect() as conn:
        if not central.is_sqlite:  # log and rows from one snapshot, so they agree with each other
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            mark = read_mark(conn)
            wrong = mismatch(conn, mark, seen)
            if wrong is not None:
                return wrong
            log_rows = conn.execute(
                select(ChangeLog.revision, ChangeLog.table_name, ChangeLog.row_key, ChangeLog.deleted,
                       ChangeLog.changed_at)
                .where(ChangeLog.revision > seen.revision).order_by(ChangeLog.revision).limit(size)
            ).all()
            if not log_rows:
                fp = seen.fingerprint or (entry_fingerprint(conn, seen.revision) if seen.revision else None)
                return Batch(seen.after(mark.database_id, seen.revision, fp), 0, {}, {})
            wanted: dict[str, dict[Key, None]] = {}
            for _rev, name, raw, _deleted, _at in log_rows:
                if name in ts:
                    wanted.setdefault(name, {})[parse_key(ts[name], raw)] = None
            current = {name: fetch(conn, ts[name], list(keys)) for name, keys in wanted.items()}
            if cache is None:
                _add_missing_parents(conn, None, ts, current)
            else:
                with cache.engine.connect() as cache_conn:
                    _add_missing_parents(conn, cache_conn, ts, current)
            add_group_cases(conn, current)
            sealer = Sealer(conn)
            for name, rows in current.items():  # as a kiosk keeps them: sealed, no inquiry's words
                for_cache(ts[name], list(rows.values()), sealer)
    if sealer.derived:
        store_keys(central, sealer.derived)
    last = log_rows[-1]
    return Batch(seen.after(mark.database_id, last[0], fingerprint(*last[1:])), len(log_rows), wanted, current)


def _add_missing_parents(central: Connection, cache: Connection | None, ts: dict[str, Table],
                         current: dict[str, dict[Key, dict]]) -> None:
    """A row whose parent is neither in the cache nor in the batch brings its parent along.

    Rare (the parent's own change sits in a later batch), but without it the cache's
    foreign keys would refuse the batch.
    """
    for name in reversed(SYNCED_TABLES):  # children first: a fetched parent's own parent is checked after
        for fk in ts[name].foreign_keys:
            parent = fk.column.table
            rows = current.get(name)
            if not rows or parent.name not in ts:
                continue
            needed = {(r[fk.parent.name],) for r in rows.values() if r[fk.parent.name] is not None}
            needed -= set(current.get(parent.name, {}))
            if cache is not None:
                needed -= existing(cache, parent, needed)
            if needed:
                current.setdefault(parent.name, {}).update(fetch(central, parent, sorted(needed)))


def _adopt(cache: Database, seen: Seen) -> None:
    """Note central's identity and fingerprint, unless another pull has moved the cache on meanwhile."""
    with cache.transaction() as s:
        if last_revision(s) == seen.revision:
            remember(s, seen)


def apply_batch(cache: Database, b: Batch) -> tuple[int, int]:
    """Deletes (children first), then upserts (parents first), then the new revision: one transaction."""
    ts = tables()
    upserted = deleted = 0
    with cache.transaction() as s:
        conn = s.connection()
        if cache.is_sqlite:  # the batch may hold a child before its parent: check keys at commit
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for name in reversed(SYNCED_TABLES):
            gone = [k for k in b.wanted.get(name, ()) if k not in b.current.get(name, {})]
            for i in range(0, len(gone), CHUNK):
                deleted += conn.execute(delete(ts[name]).where(where_keys(ts[name], gone[i:i + CHUNK]))).rowcount
        for name in SYNCED_TABLES:
            rows = b.current.get(name)
            if rows:
                # In the order of each row's first change, so a unique value moves the way it did on central.
                first = b.wanted.get(name, {})
                order = [k for k in first if k in rows] + [k for k in rows if k not in first]
                upserted += upsert(conn, ts[name], [rows[k] for k in order], cache.is_sqlite)
        remember(s, b.seen)
    return upserted, deleted
