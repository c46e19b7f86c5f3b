"""Pull: copy central's changed rows into the kiosk's cache in batches, each batch one cache transaction.

The change log says which rows changed; the pull copies each such row's *current* state
from central (or deletes it from the cache when central no longer has it), so applying an
entry twice is harmless and tombstones need no payload. Each batch and the new
`last_revision` commit together: a kiosk killed mid-pull loses nothing and doubles nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, Table, delete, select, tuple_
from sqlalchemy.orm import Session

from kiosk.store import schema  # noqa: F401  (every table on Base.metadata)
from kiosk.store.base import Base
from kiosk.store.db import Database
from kiosk.store.sync_tables import SYNCED_TABLES, ChangeLog, SyncState
from kiosk.sync.errors import talking_to_central

Key = tuple
_CHUNK = 500  # keys per IN (...) list


@dataclass(frozen=True)
class PullResult:
    revision: int  # the cache's last_revision afterwards
    entries: int  # change-log entries read
    upserted: int  # rows written into the cache
    deleted: int  # rows removed from the cache
    batches: int


def tables() -> dict[str, Table]:
    return {name: Base.metadata.tables[name] for name in SYNCED_TABLES}


def get_state(session: Session, name: str) -> str | None:
    row = session.get(SyncState, name)
    return row.value if row else None


def set_state(session: Session, name: str, value: str) -> None:
    session.merge(SyncState(name=name, value=value))


def last_revision(session: Session) -> int:
    return int(get_state(session, "last_revision") or 0)


def pull(central: Database, cache: Database, *, batch: int = 1000,
         after_batch: Callable[[int], None] | None = None) -> PullResult:
    """Bring the cache up to central's newest revision; the same code for a first and a later sync."""
    entries = upserted = deleted = batches = 0
    with cache.session() as s:
        revision = last_revision(s)
    while True:
        with talking_to_central():
            b = _read_batch(central, cache, revision, batch)
        if b is None:
            return PullResult(revision, entries, upserted, deleted, batches)
        n_up, n_del = _apply(cache, b)
        revision = b.revision
        entries, upserted, deleted, batches = entries + b.entries, upserted + n_up, deleted + n_del, batches + 1
        if after_batch is not None:
            after_batch(revision)


@dataclass
class _Batch:
    revision: int  # the newest revision in the batch
    entries: int
    wanted: dict[str, dict[Key, None]]  # table → keys named by the log, in order of first change
    current: dict[str, dict[Key, dict]]  # table → key → the row as central has it now


def _read_batch(central: Database, cache: Database, after: int, size: int) -> _Batch | None:
    """The next log entries, the current rows they name and parents the cache lacks, from one snapshot."""
    ts = tables()
    with central.engine.connect() as conn:
        if not central.is_sqlite:  # log and rows from one snapshot, so they agree with each other
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            log = conn.execute(
                select(ChangeLog.revision, ChangeLog.table_name, ChangeLog.row_key)
                .where(ChangeLog.revision > after).order_by(ChangeLog.revision).limit(size)
            ).all()
            if not log:
                return None
            wanted: dict[str, dict[Key, None]] = {}
            for _rev, name, raw in log:
                if name in ts:
                    wanted.setdefault(name, {})[_key(ts[name], raw)] = None
            current = {name: _fetch(conn, ts[name], list(keys)) for name, keys in wanted.items()}
            with cache.engine.connect() as cache_conn:
                _add_missing_parents(conn, cache_conn, ts, current)
    return _Batch(log[-1][0], len(log), wanted, current)


def _add_missing_parents(central: Connection, cache: Connection, ts: dict[str, Table],
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
            needed -= _existing(cache, parent, needed)
            if needed:
                current.setdefault(parent.name, {}).update(_fetch(central, parent, sorted(needed)))


def _key(table: Table, raw: str) -> Key:
    return tuple(_typed(col.type.python_type, v) for col, v in zip(table.primary_key.columns, json.loads(raw)))


def _typed(kind: type, value: object) -> object:
    if isinstance(value, str) and kind is datetime:
        return datetime.fromisoformat(value)
    if isinstance(value, str) and kind is date:
        return date.fromisoformat(value)
    return value


def _pk(table: Table, row: dict) -> Key:
    return tuple(row[c.name] for c in table.primary_key.columns)


def _where_keys(table: Table, keys: list[Key]):  # type: ignore[no-untyped-def]
    cols = list(table.primary_key.columns)
    return cols[0].in_([k[0] for k in keys]) if len(cols) == 1 else tuple_(*cols).in_(keys)


def _fetch(conn: Connection, table: Table, keys: list[Key]) -> dict[Key, dict]:
    found: dict[Key, dict] = {}
    for i in range(0, len(keys), _CHUNK):
        for row in conn.execute(select(table).where(_where_keys(table, keys[i:i + _CHUNK]))).mappings():
            found[_pk(table, row)] = dict(row)
    return found


def _existing(conn: Connection, table: Table, keys: Iterable[Key]) -> set[Key]:
    keys, cols = list(keys), list(table.primary_key.columns)
    have: set[Key] = set()
    for i in range(0, len(keys), _CHUNK):
        have.update(tuple(r) for r in conn.execute(select(*cols).where(_where_keys(table, keys[i:i + _CHUNK]))))
    return have


def _apply(cache: Database, b: _Batch) -> tuple[int, int]:
    """Deletes (children first), then upserts (parents first), then the new revision: one transaction."""
    ts = tables()
    upserted = deleted = 0
    with cache.transaction() as s:
        conn = s.connection()
        if cache.is_sqlite:  # the batch may hold a child before its parent: check keys at commit
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for name in reversed(SYNCED_TABLES):
            gone = [k for k in b.wanted.get(name, ()) if k not in b.current.get(name, {})]
            for i in range(0, len(gone), _CHUNK):
                deleted += conn.execute(delete(ts[name]).where(_where_keys(ts[name], gone[i:i + _CHUNK]))).rowcount
        for name in SYNCED_TABLES:
            rows = b.current.get(name)
            if rows:
                # In the order of each row's first change, so a unique value moves the way it did on central.
                first = b.wanted.get(name, {})
                order = [k for k in first if k in rows] + [k for k in rows if k not in first]
                upserted += _upsert(conn, ts[name], [rows[k] for k in order], cache.is_sqlite)
        set_state(s, "last_revision", str(b.revision))
    return upserted, deleted


def _upsert(conn: Connection, table: Table, rows: list[dict], sqlite: bool) -> int:
    if sqlite:
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    stmt = insert(table)
    pk = [c.name for c in table.primary_key.columns]
    others = {c.name: stmt.excluded[c.name] for c in table.columns if c.name not in pk}
    # An upsert, never REPLACE: REPLACE deletes first, and the delete would cascade to the children.
    stmt = stmt.on_conflict_do_update(index_elements=pk, set_=others) if others else stmt.on_conflict_do_nothing()
    conn.execute(stmt, rows)
    return len(rows)
