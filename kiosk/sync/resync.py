"""Full re-sync: the cache's copies of central's tables rebuilt from one snapshot of central.

The snapshot is read from central's database, or (a kiosk of the central service) from the
service's `Copy` of one (`read_copy` on central, kiosk.central.wire on the way).

For a cache that can no longer follow central's change log (kiosk.sync.central_marks). In
one cache transaction: the kiosk's own unsent rows are set aside (kiosk.sync.local_rows),
every other row of the synced tables is dropped, central's rows are streamed in, and the
snapshot's newest revision becomes `last_revision`. Readers of the cache see the old copy
until the commit; a kiosk killed half-way keeps the old copy and its flag to start again.
Tables central does not own (outbox, accounts made offline, held loans, the kiosk's key,
sync state) are not touched.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import Connection, Table, delete, func, not_, select
from sqlalchemy.orm import Session

from kiosk.domain.appointment import to_post_time
from kiosk.services.case_keys import ensure_petitioner_key, store_keys
from kiosk.store.post_zone import post_zone
from kiosk.store.db import Database
from kiosk.store.sync_tables import SYNCED_TABLES, SyncState
from kiosk.sync.central_marks import RESYNC_NEEDED, Mismatch, Seen, Why, newest, read_mark, remember
from kiosk.sync.errors import talking_to_central
from kiosk.sync.local_rows import OwnRows, count, own_rows
from kiosk.sync.rows import Key, existing, for_cache, insert_new, pk, tables, where_keys
from kiosk.sync.sealed_rows import Sealer

log = logging.getLogger(__name__)
LAST_RESYNC = "last_resync"  # sync_state: JSON {"at", "reason", "revision", "rows", "kept_local", "left_out"}
RESYNCS = "resyncs"  # sync_state: how many full copies this cache has made
_STREAM = 2000  # central rows per round trip


@dataclass(frozen=True)
class ResyncResult:
    seen: Seen  # what the cache now holds of central
    copied: int  # central rows written into the cache
    removed: int  # fewer rows than before (0 when the cache grew)
    kept_local: int  # the kiosk's unsent rows kept as they are
    left_out: int  # central rows not copied: kept rows' keys, or refused beside them (copied next time)


class Source(Protocol):
    """Where a whole copy is read from: central's database in one snapshot, or the service's copy of one."""

    def seen(self) -> Seen:
        """Central's identity, newest revision and its fingerprint, as of the copy's snapshot."""
        ...

    def stream(self, table: Table) -> Iterator[list[dict]]:
        """The table's rows, in parts, as a cache keeps them (kiosk.sync.rows.for_cache)."""
        ...

    def existing(self, table: Table, keys: set[Key]) -> set[Key]:
        """Which of `keys` the table holds."""
        ...


class _Snapshot:
    """Central's database, read in one REPEATABLE READ snapshot (`_snapshot`), its rows as a cache keeps them."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.sealer = Sealer(conn)  # the cases sealed, names blanked (kiosk.sync.rows.for_cache)

    def seen(self) -> Seen:
        with talking_to_central():
            mark = read_mark(self.conn)
            revision, fp = newest(self.conn, mark)
        return Seen(mark.database_id, revision, fp)

    def stream(self, table: Table) -> Iterator[list[dict]]:
        with talking_to_central():
            result = self.conn.execution_options(yield_per=_STREAM).execute(select(table)).mappings()
        parts = result.partitions()
        while True:
            with talking_to_central():
                part = next(parts, None)
            if part is None:
                return
            with talking_to_central():
                yield for_cache(table, [dict(r) for r in part], self.sealer)

    def existing(self, table: Table, keys: set[Key]) -> set[Key]:
        with talking_to_central():
            return existing(self.conn, table, keys)


@dataclass(frozen=True)
class Copy:
    """A whole copy of central's synced tables as the service sends it (kiosk.central.wire): a Source."""

    mark: Seen
    rows: dict[str, list[dict]]  # table name → its rows, as the cache keeps them

    def seen(self) -> Seen:
        return self.mark

    def stream(self, table: Table) -> Iterator[list[dict]]:
        rows = self.rows.get(table.name, [])
        for i in range(0, len(rows), _STREAM):
            yield rows[i:i + _STREAM]

    def existing(self, table: Table, keys: set[Key]) -> set[Key]:
        return keys & {pk(table, r) for r in self.rows.get(table.name, [])}


def read_copy(central: Database) -> Copy:
    """Central's synced tables from one snapshot, as a cache keeps them (the service's side of a whole copy)."""
    with _sealing_snapshot(central) as source:
        seen = source.seen()
        rows = {name: [r for part in source.stream(t) for r in part] for name, t in tables().items()}
    return Copy(seen, rows)


def full_resync(central: Database, cache: Database, why: Mismatch) -> ResyncResult:
    """Rebuild the cache's synced tables from central's database; the kiosk's unsent rows stay."""
    with _sealing_snapshot(central) as source:
        return copy_into(cache, source, why)


@contextmanager
def _sealing_snapshot(central: Database) -> Iterator[_Snapshot]:
    """A snapshot of central whose rows come sealed; keys it had to derive are kept once it is closed."""
    with talking_to_central():
        ensure_petitioner_key(central, now=datetime.now())
    with _snapshot(central) as cconn:
        source = _Snapshot(cconn)
        yield source
    if source.sealer.derived:
        with talking_to_central():
            store_keys(central, source.sealer.derived)


def copy_into(cache: Database, source: Source, why: Mismatch) -> ResyncResult:
    """Rebuild the cache's synced tables from `source`, in one cache transaction; the kiosk's unsent rows stay."""
    ts = tables()
    started = datetime.now(UTC)  # an instant: recorded on the post's wall clock, whatever the machine's zone
    seen = source.seen()
    with cache.transaction() as s:
        conn = s.connection()
        if cache.is_sqlite:  # parents and children go out and in within the transaction
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        own = own_rows(s)
        _keep_parents_central_lacks(source, conn, ts, own)
        before = _total(conn, ts)
        for name in reversed(SYNCED_TABLES):
            _drop_all_but(conn, ts[name], own.get(name, set()))
        copied = overlap = attempted = 0
        for name in SYNCED_TABLES:
            for part in source.stream(ts[name]):
                rows = [r for r in part if pk(ts[name], r) not in own.get(name, ())]
                overlap, attempted = overlap + len(part) - len(rows), attempted + len(rows)
                copied += insert_new(conn, ts[name], rows, cache.is_sqlite)  # the source's rows come as kept
        # Central rows a unique index refused beside the kiosk's own (two active bookings of a case).
        left_out = attempted - copied
        removed = max(0, before - _total(conn, ts))
        remember(s, seen)
        # Central's version of a kept row, or a refused one, arrives with the next full copy.
        _record(s, why, seen.revision, copied, count(own), left_out + overlap, started)
    result = ResyncResult(seen, copied, removed, count(own), left_out + overlap)
    log.warning("central no longer matches the cache (%s): copied it whole, %d row(s) at revision %d, "
                "%d unsent row(s) of this kiosk kept", why, copied, seen.revision, count(own),
                extra={"event": "sync.resync", "count": copied,
                       "seconds": round((datetime.now(UTC) - started).total_seconds(), 3)})
    return result


@contextmanager
def _snapshot(central: Database) -> Iterator[Connection]:
    """One read-only snapshot of central for the whole copy (PostgreSQL: REPEATABLE READ)."""
    with talking_to_central():
        conn = central.engine.connect()
    try:
        if not central.is_sqlite:
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with talking_to_central():
            conn.begin()
        yield conn
        with talking_to_central():
            conn.rollback()
    finally:
        conn.close()


def _keep_parents_central_lacks(source: Source, conn: Connection, ts: dict[str, Table], own: OwnRows) -> None:
    """A kept row whose parent central does not have (yet) keeps the cache's parent, so its key still holds."""
    for name in reversed(SYNCED_TABLES):  # children first, so a kept parent's own parent is looked at after
        keys = own.get(name)
        if not keys:
            continue
        rows = conn.execute(select(ts[name]).where(where_keys(ts[name], sorted(keys)))).mappings().all()
        for fk in ts[name].foreign_keys:
            parent = fk.column.table
            if parent.name not in ts:
                continue
            needed = {(r[fk.parent.name],) for r in rows if r[fk.parent.name] is not None}
            on_central = source.existing(parent, needed)
            if needed - on_central:
                own.setdefault(parent.name, set()).update(needed - on_central)


def _drop_all_but(conn: Connection, table: Table, keep: set) -> None:
    stmt = delete(table)
    if keep:
        stmt = stmt.where(not_(where_keys(table, sorted(keep))))
    conn.execute(stmt)


def _total(conn: Connection, ts: dict[str, Table]) -> int:
    return sum(conn.scalar(select(func.count()).select_from(t)) for t in ts.values())


def _record(s: Session, why: Mismatch, revision: int, copied: int, kept: int, left_out: int,
            at: datetime) -> None:
    """What `kiosk-admin status` shows; a copy that had to leave central rows out is made again next time."""
    zone = post_zone(s)  # the copy just brought it
    at = to_post_time(at, zone) if zone else at.astimezone().replace(tzinfo=None)
    s.merge(SyncState(name=LAST_RESYNC, value=json.dumps({
        "at": at.isoformat(timespec="seconds"), "reason": str(why), "revision": revision, "rows": copied,
        "kept_local": kept, "left_out": left_out})))
    done = s.get(SyncState, RESYNCS)
    s.merge(SyncState(name=RESYNCS, value=str(int(done.value if done else 0) + 1)))
    pending = s.get(SyncState, RESYNC_NEEDED)
    if left_out:
        s.merge(SyncState(name=RESYNC_NEEDED, value=str(Mismatch(
            Why.LOCAL, f"{left_out} central row(s) waited for this kiosk's unsent writes"))))
    elif pending is not None:
        s.delete(pending)
