"""Does the cache still match central? Central's identity and horizon against what the kiosk remembers.

A kiosk remembers central's identity, the revision it pulled last and a fingerprint of that
change-log entry. An incremental pull is only sound while all three still hold on central:

- another identity: central was replaced by a freshly made database;
- the revision below central's compaction horizon: entries it never read are gone;
- that revision missing on central (it is above the horizon, so compaction kept it), or a
  different change under the same number: central was restored from a backup, and its
  revisions are behind the cache's or have grown again past them with other changes.

Any of these means the cache is copied from central again whole (kiosk.sync.resync).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from kiosk.store.sync_marks import SyncIdentity
from kiosk.store.sync_tables import ChangeLog, SyncState

# sync_state names on the cache
CENTRAL_ID = "central_id"
FINGERPRINT = "last_fingerprint"
RESYNC_NEEDED = "resync_needed"  # a reason, set when a full copy is due but has not been made yet


class Why(StrEnum):
    REPLACED = "replaced"  # another central (new identity)
    HORIZON = "horizon"  # behind central's compaction horizon
    RESTORED = "restored"  # central's history no longer contains what the cache pulled
    LOST_COMMANDS = "lost_commands"  # central no longer knows commands it applied for this kiosk
    LOCAL = "local"  # the last full copy had to leave rows to the kiosk's unsent writes
    DAMAGED = "damaged"  # the cache failed its integrity check and was made again (kiosk.sync.heal)


@dataclass(frozen=True)
class Mismatch:
    why: Why
    detail: str

    def __str__(self) -> str:
        return f"{self.why.value}: {self.detail}"

    @classmethod
    def parse(cls, text: str) -> Mismatch:
        why, _, detail = text.partition(": ")
        try:
            return cls(Why(why), detail)
        except ValueError:
            return cls(Why.RESTORED, text)


@dataclass(frozen=True)
class CentralMark:
    database_id: str | None
    horizon: int
    commands_kept_since: datetime | None


@dataclass(frozen=True)
class Seen:
    """What the cache remembers of central: identity, last revision pulled, that entry's fingerprint."""

    central_id: str | None
    revision: int
    fingerprint: str | None

    def after(self, central_id: str | None, revision: int, fingerprint: str | None) -> Seen:
        return replace(self, central_id=central_id or self.central_id, revision=revision, fingerprint=fingerprint)


def read_mark(conn: Connection) -> CentralMark:
    row = conn.execute(select(SyncIdentity.database_id, SyncIdentity.log_horizon,
                              SyncIdentity.commands_kept_since)).first()
    if row is None:  # a database made before 0011 and never migrated: nothing to compare yet
        return CentralMark(None, 0, None)
    return CentralMark(row.database_id, int(row.log_horizon or 0), row.commands_kept_since)


def fingerprint(table_name: str, row_key: str, deleted: bool, changed_at: datetime | None) -> str:
    """Short, and different for the same revision number reused by another change after a restore."""
    stamp = changed_at.isoformat() if changed_at else ""
    return hashlib.sha256(f"{table_name}\x1f{row_key}\x1f{int(bool(deleted))}\x1f{stamp}".encode()).hexdigest()[:24]


def entry_fingerprint(conn: Connection, revision: int) -> str | None:
    row = conn.execute(select(ChangeLog.table_name, ChangeLog.row_key, ChangeLog.deleted, ChangeLog.changed_at)
                       .where(ChangeLog.revision == revision)).first()
    return fingerprint(*row) if row else None


def newest(conn: Connection, mark: CentralMark) -> tuple[int, str | None]:
    """Central's newest revision (the horizon when compaction emptied the log) and its fingerprint."""
    top = conn.scalar(select(func.max(ChangeLog.revision))) or 0
    revision = max(int(top), mark.horizon)
    return revision, entry_fingerprint(conn, revision)


def mismatch(conn: Connection, mark: CentralMark, seen: Seen) -> Mismatch | None:
    """Why the cache can no longer pull incrementally from central (read in the pull's snapshot), or None."""
    if seen.central_id and mark.database_id and seen.central_id != mark.database_id:
        return Mismatch(Why.REPLACED, f"central is database {mark.database_id}, the cache was copied from "
                                      f"{seen.central_id}")
    if seen.revision < mark.horizon:
        return Mismatch(Why.HORIZON, f"the cache has revision {seen.revision}, central compacted its change log "
                                     f"up to {mark.horizon}")
    if seen.revision == 0:
        return None
    found = entry_fingerprint(conn, seen.revision)
    if found is None:
        if seen.revision == mark.horizon:  # compaction may have removed exactly this entry: nothing is missed
            return None
        return Mismatch(Why.RESTORED, f"central has no revision {seen.revision} any more (restored from a backup?)")
    if seen.fingerprint is not None and found != seen.fingerprint:
        return Mismatch(Why.RESTORED, f"revision {seen.revision} is another change on central than the one the "
                                      "cache pulled (restored from a backup?)")
    return None


def remembered(s: Session) -> Seen:
    def state(name: str) -> str | None:
        row = s.get(SyncState, name)
        return row.value if row else None

    return Seen(state(CENTRAL_ID), int(state("last_revision") or 0), state(FINGERPRINT))


def remember(s: Session, seen: Seen) -> None:
    """Store what the cache now holds of central; in the transaction that applied it."""
    s.merge(SyncState(name="last_revision", value=str(seen.revision)))
    if seen.central_id:
        s.merge(SyncState(name=CENTRAL_ID, value=seen.central_id))
    if seen.fingerprint is not None:
        s.merge(SyncState(name=FINGERPRINT, value=seen.fingerprint))
    else:
        row = s.get(SyncState, FINGERPRINT)
        if row is not None:
            s.delete(row)
