"""Central's identity and compaction horizon, and how far each kiosk has come (migration 0011).

Both tables exist on every database (one schema for cache and central); only central's
rows mean anything to sync. A cache gets an identity row of its own and never reads it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.base import Base


class SyncIdentity(Base):
    """One row, made once by the migration: which database this is and what compaction took from it.

    A restored backup keeps its identity (and its own horizon); a freshly made central gets a new one.
    """

    __tablename__ = "sync_identity"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    database_id: Mapped[str] = mapped_column(String(36))  # a random UUID
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # The highest change-log revision whose history may be incomplete: a kiosk that has pulled
    # less than this cannot catch up incrementally and copies central whole.
    log_horizon: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), default=0,
                                             server_default="0")
    # applied_commands rows applied (kiosk clock) before this may have been deleted by compaction.
    commands_kept_since: Mapped[datetime | None] = mapped_column(DateTime)
    compacted_at: Mapped[datetime | None] = mapped_column(DateTime)


class KioskProgress(Base):
    """Central: what each kiosk reported at its last sync, so compaction knows what it may delete."""

    __tablename__ = "kiosk_progress"

    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_revision: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    # Kiosk clock: the kiosk held no unanswered command created before this, so it will never
    # push again a command central applied earlier (those applied_commands rows may go).
    acked_before: Mapped[datetime] = mapped_column(DateTime)
    reported_at: Mapped[datetime] = mapped_column(DateTime)  # kiosk clock


SYNC_MARK_TABLES = (SyncIdentity.__table__, KioskProgress.__table__)
