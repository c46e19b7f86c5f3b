"""Seat loans (escrow): central's loans to kiosks, a kiosk's own copy, kiosk health and the review queue."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.store.base import Base


class SeatLoan(Base):
    """Central: seats of one slot lent to one kiosk and not yet used as far as central knows.

    The same seats are counted in `slots.lent`; both change in one transaction.
    """

    __tablename__ = "seat_loans"
    __table_args__ = (CheckConstraint("seats >= 0", name="seats_ge_0"),)

    slot_id: Mapped[str] = mapped_column(ForeignKey("slots.id"), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    seats: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(DateTime)  # post-local; only ever moved later
    granted_at: Mapped[datetime] = mapped_column(DateTime)  # the last top-up or renewal


class HeldLoan(Base):
    """A kiosk's cache: what it may still book from its loan of one slot without asking central."""

    __tablename__ = "held_loans"
    __table_args__ = (CheckConstraint("seats >= 0", name="seats_ge_0"),)

    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    slot_id: Mapped[str] = mapped_column(String(40), primary_key=True)  # no FK: slots come and go with pulls
    seats: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    refreshed_at: Mapped[datetime] = mapped_column(DateTime)


class KioskLink(Base):
    """Central: each kiosk's last contact, for reclaiming loans safely and for the clerks' health view."""

    __tablename__ = "kiosk_links"

    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime)  # the last loan refresh (kiosk clock)
    # The kiosk's clock at its last refresh with an empty outbox: every offline booking it made
    # before this moment has reached central.
    reported_at: Mapped[datetime | None] = mapped_column(DateTime)
    offline_bookings: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # converted so far


class ReviewStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class OfflineReview(Base):
    """Central: an offline booking the clerks must look at (kept, or could not be placed)."""

    __tablename__ = "offline_reviews"
    __table_args__ = (CheckConstraint("status IN ('open', 'resolved')", name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    booking_reference: Mapped[str] = mapped_column(String(16), index=True)
    case_number: Mapped[str] = mapped_column(String(13), index=True)
    slot_id: Mapped[str] = mapped_column(String(40))
    kiosk_id: Mapped[str] = mapped_column(String(64))
    placed: Mapped[bool] = mapped_column(Boolean, default=True)  # 0: the seat could not be given (see codes)
    codes: Mapped[str] = mapped_column(Text)  # JSON list of rule codes that fired at conversion
    message: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[datetime] = mapped_column(DateTime)  # when the kiosk printed the confirmation
    created_at: Mapped[datetime] = mapped_column(DateTime)  # when central learned of it
    status: Mapped[str] = mapped_column(String(10), default=ReviewStatus.OPEN.value, index=True)


class KioskKey(Base):
    """The HMAC key one kiosk signs its offline confirmations with (hex, 32 random bytes).

    Central makes it and keeps every kiosk's; a kiosk's cache holds only its own (never pulled).
    """

    __tablename__ = "kiosk_keys"

    kiosk_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    hmac_key: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime)


LOAN_TABLES = (SeatLoan.__table__, HeldLoan.__table__, KioskLink.__table__, OfflineReview.__table__,
               KioskKey.__table__)
