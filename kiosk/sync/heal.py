"""A cache that heals: found damaged, it is set aside and rebuilt from central; its unsent commands go on.

The cache is a copy of central plus the kiosk's outbox. `PRAGMA quick_check` runs when the
cache is opened and again after any corruption error. A damaged cache is healed in four steps:
1. every outbox command that can still be read is kept (row by row, so one bad page costs
   only the rows on it), with the loan fence (kiosk.sync.offline);
2. the file and its -wal/-shm are moved aside (`<name>.damaged`, mode 0600; one is kept, for
   the operator to look at, and replaced by the next);
3. a fresh cache is made with the kept commands and a note that it must be copied from
   central whole (`resync_needed` = "damaged: …"), which the next sync does with the
   existing whole-copy resync (kiosk.sync.resync), after pushing the kept commands;
4. an audit command tells the clerks (the Kiosks tab shows the kiosk's last rebuild).
Until that copy is made the kiosk cannot serve a visit: it shows "out of order" (ui.shell).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from kiosk.store.db import Database, sqlite_url
from kiosk.store.sync_tables import REBUILT, OutboxCommand, OutboxStatus, SyncState
from kiosk.sync.central_marks import RESYNC_NEEDED, Mismatch, Why

log = logging.getLogger(__name__)
_KEPT_STATE = ("loan_fence", "kiosk")  # sync_state rows worth carrying over (the rest comes from central)
_OUTBOX_COLUMNS = ("id", "kind", "payload", "created_at", "pushed_at", "result", "status")
# SQLite's primary result codes for a damaged file: SQLITE_CORRUPT, SQLITE_NOTADB.
_CORRUPT_CODES = {11, 26}
_CORRUPT_WORDS = ("malformed", "not a database", "corrupt")


class CacheUnusable(Exception):
    """No usable cache can be opened at all (the file cannot be set aside or made again)."""


@dataclass(frozen=True)
class HealReport:
    reason: str  # what quick_check (or the error) said
    kept: int  # outbox commands carried into the new cache
    lost: int  # outbox rows that could not be read
    aside: Path  # where the damaged file now is


def is_corruption(exc: BaseException | None) -> bool:
    """True when `exc` (or what it wraps) says the SQLite file is damaged, not merely busy or missing."""
    seen = 0
    while exc is not None and seen < 8:
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in _CORRUPT_CODES:
            return True
        if isinstance(exc, sqlite3.DatabaseError) and any(w in str(exc).lower() for w in _CORRUPT_WORDS):
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__ or exc.__context__
        seen += 1
    return False


def reason(exc: BaseException) -> str:
    """SQLite's own words for a failure: never the statement or its parameters (a case number, a name)."""
    inner: BaseException | None = exc
    while inner is not None and not isinstance(inner, sqlite3.Error):
        inner = getattr(inner, "orig", None) or inner.__cause__
    return str(inner if inner is not None else type(exc).__name__)


def check(path: Path) -> str | None:
    """None when the cache passes `PRAGMA quick_check` (or does not exist yet); else what is wrong.

    Raises CacheUnusable when the file cannot be read at all (not a file, no permission):
    that is not damage a new file would cure.
    """
    if not path.exists():
        return None
    if not path.is_file():
        raise CacheUnusable(f"the cache {path} is not a file")
    try:
        conn = sqlite3.connect(path, timeout=30)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check(20)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            return str(exc)
        raise CacheUnusable(f"the cache {path} cannot be read: {exc}") from exc
    if rows == ["ok"]:
        return None
    return "; ".join(str(r) for r in rows)[:500]


def heal(path: Path, reason: str, *, kiosk_id: str | None, now: datetime) -> HealReport:
    """Keep the readable outbox, move the damaged file aside, and make a new cache that says to copy central."""
    commands, lost = _salvage_outbox(path)
    state = _salvage_state(path)
    # Made complete under another name first, then renamed: a reader never opens a half-made cache.
    fresh = path.with_name(path.name + ".new")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{fresh}{suffix}").unlink(missing_ok=True)
    cache = Database(sqlite_url(fresh))
    try:
        cache.init_schema()
        with cache.transaction() as s:
            for row in commands:
                s.add(OutboxCommand(**row))
            for name, value in state.items():
                s.merge(SyncState(name=name, value=value))
            s.merge(SyncState(name=RESYNC_NEEDED, value=str(Mismatch(Why.DAMAGED, reason))))
            note = {"at": now.isoformat(timespec="seconds"), "reason": reason, "kept": len(commands), "lost": lost}
            s.merge(SyncState(name=REBUILT, value=json.dumps(note)))
            _tell_clerks(s, kiosk_id, note, now)
    finally:
        cache.dispose()  # the last connection closed: SQLite folds the WAL in and removes it
    os.chmod(fresh, 0o600)
    aside = _move_aside(path)
    os.replace(fresh, path)
    log.error("the cache was damaged (%s): set aside as %s, %d unsent command(s) kept, %d unreadable; "
              "it is copied from central whole at the next sync", reason, aside.name, len(commands), lost,
              extra={"event": "cache.rebuilt", "count": len(commands)})
    return HealReport(reason, len(commands), lost, aside)


def needs_rebuild(session: Session) -> bool:
    """The cache was made again after damage and has not been copied from central yet: it cannot serve a visit."""
    return session.get(SyncState, REBUILT) is not None and session.get(SyncState, "last_revision") is None


def rebuild_status(session: Session) -> dict:
    """Added to `kiosk-admin status`: the cache's last rebuild after damage, and whether it still waits for central."""
    note = session.get(SyncState, REBUILT)
    return {"cache_rebuilt": json.loads(note.value) if note else None, "out_of_order": needs_rebuild(session)}


def _tell_clerks(s: Session, kiosk_id: str | None, note: dict, now: datetime) -> None:
    """An audit command: central's audit trail and the clerks' Kiosks tab learn of the rebuild at the next push."""
    payload = {"action": REBUILT, "case_number": None, "actor": f"kiosk:{kiosk_id or 'kiosk'}",
               "detail": note, "now": now.isoformat()}
    s.add(OutboxCommand(id=str(uuid.uuid4()), kind="audit", payload=json.dumps(payload), created_at=now,
                        status=OutboxStatus.PENDING.value))


def _connect(path: Path) -> sqlite3.Connection | None:
    try:
        conn = sqlite3.connect(path, timeout=30)
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return conn
    except sqlite3.DatabaseError:
        return None


def _salvage_outbox(path: Path) -> tuple[list[dict], int]:
    """The outbox rows that can be read: all at once, else one rowid at a time around the damaged pages."""
    conn = _connect(path)
    if conn is None:
        return [], 0  # not a database at all: nothing to keep, and nothing known to be lost
    cols = ", ".join(_OUTBOX_COLUMNS)
    try:
        try:
            return [_row(r) for r in conn.execute(f"SELECT {cols} FROM outbox ORDER BY rowid")], 0
        except sqlite3.DatabaseError:
            pass
        try:
            top = conn.execute("SELECT max(rowid) FROM outbox").fetchone()[0] or 0
        except sqlite3.DatabaseError:
            top = 100_000  # the b-tree's edge is damaged: walk a generous range
        kept, lost, misses = [], 0, 0
        for rowid in range(1, top + 1):
            try:
                r = conn.execute(f"SELECT {cols} FROM outbox WHERE rowid = ?", (rowid,)).fetchone()
            except sqlite3.DatabaseError:
                lost, misses = lost + 1, 0
                continue
            if r is None:
                misses += 1
                if misses > 1000 and top == 100_000:
                    break
                continue
            misses = 0
            try:
                kept.append(_row(r))
            except (ValueError, TypeError):
                lost += 1  # a row whose bytes were overwritten: its fields no longer parse
        return kept, lost
    finally:
        conn.close()


def _row(r: tuple) -> dict:
    row = dict(zip(_OUTBOX_COLUMNS, r, strict=True))
    for name in ("created_at", "pushed_at"):
        if row[name] is not None:
            row[name] = datetime.fromisoformat(row[name])
    if row["status"] not in {s.value for s in OutboxStatus}:
        raise ValueError(f"status {row['status']!r}")
    json.loads(row["payload"])  # a damaged payload would only fail later, on central
    return row


def _salvage_state(path: Path) -> dict[str, str]:
    conn = _connect(path)
    if conn is None:
        return {}
    kept: dict[str, str] = {}
    try:
        for name in _KEPT_STATE:
            try:
                r = conn.execute("SELECT value FROM sync_state WHERE name = ?", (name,)).fetchone()
            except sqlite3.DatabaseError:
                continue
            if r is not None and isinstance(r[0], str):
                kept[name] = r[0]
    finally:
        conn.close()
    return kept


def _move_aside(path: Path) -> Path:
    """Rename the file and its -wal/-shm to `<name>.damaged*` (replacing an older one); mode 0600."""
    aside = path.with_name(path.name + ".damaged")
    try:
        for suffix in ("", "-wal", "-shm"):
            src, dst = Path(f"{path}{suffix}"), Path(f"{aside}{suffix}")
            if dst.exists():
                dst.unlink()
            if src.exists():
                os.replace(src, dst)
                os.chmod(dst, 0o600)
    except OSError as exc:
        raise CacheUnusable(f"the damaged cache {path} cannot be set aside: {exc}") from exc
    return aside
