"""Central's desk for the clerks: alerts raised by the visitor budgets, outbox commands that failed (0012).

Both tables exist on every database (one schema for cache and central); the Kiosks tab reads central's.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.base import Base


class Alert(Base):
    """A budget was spent (kiosk.services.budgets): shown on the Kiosks tab until a clerk acknowledges it."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # lookup_kiosk | lookup_post | sign_in_kiosk | sign_up_kiosk
    kiosk_id: Mapped[str | None] = mapped_column(String(64))  # None: post-wide
    raised_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    count: Mapped[int] = mapped_column(Integer)  # the misses counted when it was raised
    acknowledged_by: Mapped[str | None] = mapped_column(String(64))
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)


class FailureState(StrEnum):
    OPEN = "open"  # the kiosk holds the command as failed; a clerk should look
    RETRY = "retry"  # a clerk asked for it to be sent again; the kiosk's next sync does
    SENT = "sent"  # the kiosk took the retry up and sent it again (a new failure reopens it)
    RESOLVED = "resolved"  # a clerk dealt with it another way; the kiosk never sends it again


class FailedCommand(Base):
    """An outbox command central could not apply for a reason other than the link (kiosk.sync.failures)."""

    __tablename__ = "failed_commands"

    command_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    error: Mapped[str] = mapped_column(Text)  # exception class and first line, never bound values
    created_at: Mapped[datetime] = mapped_column(DateTime)  # when the kiosk queued it (its clock)
    failed_at: Mapped[datetime] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(10), index=True)
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
