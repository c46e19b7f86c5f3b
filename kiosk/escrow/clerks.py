"""What clerks do about loans on central: resolve an offline booking's review, write off a dead kiosk's loans."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, text

from kiosk.domain.errors import InputError, RuleError
from kiosk.escrow.lending import LOCK_KEY, _release
from kiosk.services import audit
from kiosk.services.clerk.staff import StaffView, require_reason, require_supervisor
from kiosk.store.db import Database
from kiosk.store.loans import OfflineReview, ReviewStatus, SeatLoan


def resolve_review(db: Database, who: StaffView, review_id: int, reason: str, *, now: datetime) -> None:
    """Close an offline booking's review, saying what was done about it (audited)."""
    why = require_reason(reason)
    with db.transaction() as s:
        row = s.get(OfflineReview, review_id, with_for_update=True)
        if row is None:
            raise InputError(f"no offline review {review_id}", field="review")
        if row.status != ReviewStatus.OPEN.value:
            raise RuleError("ALREADY_RESOLVED", f"the review of {row.booking_reference} is already resolved")
        row.status = ReviewStatus.RESOLVED.value
        audit.record(s, actor=who.actor, action="clerk.offline_review_resolved", case_number=row.case_number,
                     now=now, detail={"review": row.id, "reference": row.booking_reference,
                                      "kiosk_id": row.kiosk_id, "reason": why})


def write_off_loans(db: Database, who: StaffView, kiosk_id: str, reason: str, *, now: datetime) -> int:
    """A supervisor gives back a dead kiosk's expired loans (never one before its expiry); returns the seats.

    Central's own reclaim waits for the kiosk to report, because a silent kiosk may have sold the
    seats offline. A supervisor who knows the kiosk is gone for good (broken, stolen) may end
    that wait, but only after expiry: until then the kiosk may still be booking from the loan.
    Should the kiosk return with offline bookings after all, central places them on free seats
    or sends them to the review queue (LOAN_MISSING, SEAT_LOST); they are never dropped silently.
    """
    why = require_reason(reason)
    require_supervisor(who, "write off a kiosk's loans")
    with db.transaction() as s:
        if not db.is_sqlite:  # one at a time with loan refreshes, which also reclaim and lend
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
        loans = s.scalars(select(SeatLoan).where(SeatLoan.kiosk_id == kiosk_id).order_by(SeatLoan.slot_id)
                          .with_for_update()).all()
        if not loans:
            raise RuleError("NO_LOANS", f"kiosk {kiosk_id} holds no seats")
        live = [x for x in loans if x.expires_at > now]
        if live:
            first = min(x.expires_at for x in live)
            raise RuleError("LOAN_NOT_EXPIRED", f"kiosk {kiosk_id} may still book from {len(live)} loan(s) until "
                                                f"{first:%Y-%m-%d %H:%M}; they can be written off after that")
        seats = 0
        for loan in loans:
            _release(s, loan.slot_id, loan.seats)
            seats += loan.seats
        s.execute(delete(SeatLoan).where(SeatLoan.kiosk_id == kiosk_id))
        audit.record(s, actor=who.actor, action="clerk.kiosk_loans_written_off", now=now,
                     detail={"kiosk_id": kiosk_id, "seats": seats,
                             "slots": [x.slot_id for x in loans], "reason": why})
    return seats
