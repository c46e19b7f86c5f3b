"""Sync bookkeeping: central's change log and applied commands, the kiosk's outbox and sync state."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Date, DateTime, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.base import Base

# Every table a kiosk reads from central, parents before children (the order a pull applies them in).
SYNCED_TABLES = (
    "posts", "policy_values", "cutoffs", "slots", "closures", "cases", "applicants",
    "bookings", "booking_applicants", "inquiries", "inquiry_documents",
)


class OutboxStatus(StrEnum):
    PENDING = "pending"  # not yet answered by central
    DONE = "done"  # central applied it; `result` holds its answer
    REFUSED = "refused"  # central (or the kiosk, when offline) said no; `result` says why
    FAILED = "failed"  # central could not apply it (not a refusal, not the link); a clerk retries or resolves it


class ChangeLog(Base):
    """One row per changed row of a synced table on central; written by database triggers (0004)."""

    __tablename__ = "change_log"

    # Only grows; assigned in commit order (see migration 0004), so a reader never skips one.
    revision: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True,
                                          autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_key: Mapped[str] = mapped_column(Text)  # JSON array of the primary-key values
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)  # a tombstone
    changed_at: Mapped[datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class AppliedCommand(Base):
    """A kiosk command central has applied, with its answer: the same id again answers the same."""

    __tablename__ = "applied_commands"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the kiosk-made UUID
    kiosk_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    result: Mapped[str] = mapped_column(Text)  # JSON
    applied_at: Mapped[datetime] = mapped_column(DateTime)


class OutboxCommand(Base):
    """A write waiting on the kiosk to be applied by central (book, cancel, inquiry, audit)."""

    __tablename__ = "outbox"
    __table_args__ = (CheckConstraint("status IN ('pending', 'done', 'refused', 'failed')", name="status"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    pushed_at: Mapped[datetime | None] = mapped_column(DateTime)
    result: Mapped[str | None] = mapped_column(Text)  # JSON
    status: Mapped[str] = mapped_column(String(10), default=OutboxStatus.PENDING.value, index=True)


class SyncState(Base):
    """Named values of the kiosk's link to central: last_revision, last_sync, central_reachable."""

    __tablename__ = "sync_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# The cache was rebuilt from central (kiosk.sync.heal): a sync_state name, and the audit action
# central's clerks see it by. JSON {"at", "reason", "kept", "lost"}.
REBUILT = "cache_rebuilt"
# A kiosk's scanner changed state (kiosk.app.scanning): the audit action; detail {"state", "reason"}.
SCANNER_STATE = "scanner_state"


class SealingKey(Base):
    """Central's X25519 key pair (hex); kiosks seal an outbox command's personal fields to its public key.

    Central only: never pulled; a kiosk's cache keeps the public key in sync_state.
    """

    __tablename__ = "sealing_keys"

    name: Mapped[str] = mapped_column(String(16), primary_key=True)  # "outbox"
    public_key: Mapped[str] = mapped_column(String(64))
    private_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CaseKey(Base):
    """A case's sealed-record key on central (kiosk.sealed_cases), derived once per principal's date of birth.

    Central only: never pulled. Central holds the clear data the key is made from anyway.
    """

    __tablename__ = "case_keys"

    case_number: Mapped[str] = mapped_column(String(13), primary_key=True)
    principal_dob: Mapped[date] = mapped_column(Date)  # what the key was derived from: another date, another key
    salt: Mapped[str] = mapped_column(String(64))  # hex
    params: Mapped[str] = mapped_column(String(40))  # "memory_kib,time_cost,parallelism"
    key: Mapped[str] = mapped_column(String(64))  # hex


SYNC_TABLES = (ChangeLog.__table__, AppliedCommand.__table__, OutboxCommand.__table__, SyncState.__table__)
