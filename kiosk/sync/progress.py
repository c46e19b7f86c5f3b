"""Each sync tells central how far the kiosk has come; compaction reads it (kiosk.sync.compaction)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from kiosk.store.db import Database
from kiosk.store.sync_marks import KioskProgress
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync.errors import talking_to_central
from kiosk.sync.pull import last_revision
from kiosk.sync.rows import upsert


def report_progress(central: Database, cache: Database, *, kiosk_id: str, now: datetime) -> KioskProgress:
    """Store on central the revision the cache has pulled and the oldest command it has not had answered.

    Every command the kiosk may still push was created at or after `acked_before` (kiosk
    clock), and central applies a command no earlier than it was created, so the rows of
    `applied_commands` this kiosk applied before then can never be asked for again.
    """
    with cache.session() as s:
        revision = last_revision(s)
        oldest = s.scalar(select(func.min(OutboxCommand.created_at))
                          .where(OutboxCommand.status == OutboxStatus.PENDING.value))
    row = {"kiosk_id": kiosk_id, "last_revision": revision, "acked_before": min(oldest, now) if oldest else now,
           "reported_at": now}
    with talking_to_central(), central.transaction() as cs:
        upsert(cs.connection(), KioskProgress.__table__, [row], central.is_sqlite)
    return KioskProgress(**row)
