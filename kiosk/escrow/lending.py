"""Central lends seats to kiosks (top up, renew) and takes them back only when that is provably safe.

The invariant, per slot, on central: taken + lent <= seats (a CHECK constraint), where
`lent` is the sum of the slot's `seat_loans`. Central lends only free seats, so a seat is
lent to at most one kiosk and never also booked. See docs/offline-booking.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, or_, select, text, update
from sqlalchemy.orm import Session

from kiosk.domain.calendar import PostCalendar
from kiosk.domain.model import Policy
from kiosk.services.evaluation import load_policy, post_calendar
from kiosk.store.db import Database, rowcount
from kiosk.store.loans import KioskLink, SeatLoan
from kiosk.store.models import SlotRow

LOCK_KEY = 7_418_306  # pg_advisory_xact_lock key of loan refreshes (0004 uses 7_418_301)


@dataclass(frozen=True)
class Loan:
    slot_id: str
    slot_start: datetime
    seats: int  # lent and, as far as central knows, unused
    expires_at: datetime

    def to_dict(self) -> dict:
        return {"slot_id": self.slot_id, "start": self.slot_start.isoformat(timespec="minutes"),
                "seats": self.seats, "expires_at": self.expires_at.isoformat(timespec="seconds")}


def loan_end(slot_start: datetime, policy: Policy) -> datetime:
    """The latest expiry a loan of this slot may have: its closing time minus the return time.

    Near the slot, unused seats come back to central so anyone may still book them online.
    """
    return slot_start - timedelta(hours=policy.closing_hours + policy.loan_return_hours)


def margin(policy: Policy) -> timedelta:
    return timedelta(minutes=policy.loan_margin_minutes)


def _horizon_end(calendar: PostCalendar, now: datetime, days: int) -> datetime:
    """The end of the `days`-th working day from today (today counts if it is one)."""
    day, seen = now.date(), 0
    while True:
        if calendar.is_working_day(day):
            seen += 1
            if seen >= days:
                return datetime.combine(day + timedelta(days=1), datetime.min.time())
        day += timedelta(days=1)


def reclaim(s: Session, now: datetime, policy: Policy) -> int:
    """Take back loans central may take back; returns the seats released.

    A loan comes back when (a) it has expired and its kiosk has since reported with an empty
    outbox at a moment (by its own clock) when it had already stopped using the loan, so
    every booking it made from the loan is on central; or (b) its slot has started, when no
    one can book it any more. A dead kiosk therefore holds seats at most until the slot
    starts, never forever, and a live one never loses a seat it may already have sold.
    """
    stopped = SeatLoan.expires_at - margin(policy)
    reported = select(KioskLink.reported_at).where(KioskLink.kiosk_id == SeatLoan.kiosk_id).scalar_subquery()
    due = s.execute(
        select(SeatLoan.slot_id, SeatLoan.kiosk_id, SeatLoan.seats).join(SlotRow, SlotRow.id == SeatLoan.slot_id)
        .where(or_(and_(SeatLoan.expires_at <= now, reported >= stopped), SlotRow.start <= now))
        .order_by(SeatLoan.slot_id, SeatLoan.kiosk_id).with_for_update(of=SeatLoan)
    ).all()
    released = 0
    for slot_id, kiosk_id, seats in due:
        _release(s, slot_id, seats)
        s.execute(delete(SeatLoan).where(SeatLoan.slot_id == slot_id, SeatLoan.kiosk_id == kiosk_id))
        released += seats
    return released


def _release(s: Session, slot_id: str, n: int) -> None:
    if n and rowcount(s.execute(update(SlotRow).where(SlotRow.id == slot_id, SlotRow.lent >= n)
                                .values(lent=SlotRow.lent - n).execution_options(synchronize_session=False))) != 1:
        raise RuntimeError(f"slot {slot_id}: cannot release {n} lent seats")  # books and counter disagree


def _lend(s: Session, slot: SlotRow, n: int) -> bool:
    """Lend n free seats of the slot, in one conditional statement (never what central does not have)."""
    return rowcount(s.execute(
        update(SlotRow).where(SlotRow.id == slot.id, SlotRow.taken + SlotRow.lent + n <= SlotRow.seats)
        .values(lent=SlotRow.lent + n).execution_options(synchronize_session=False)
    )) == 1


def top_up(s: Session, kiosk_id: str, now: datetime, policy: Policy, calendar: PostCalendar,
           cap: int | None = None) -> int:
    """Bring this kiosk's loan of each slot in the near horizon up to `loan_seats`; renew expiries.

    `cap`: the most seats this kiosk may hold over all slots (central's registry of kiosks), slots in id order.
    """
    if policy.loan_seats <= 0:
        return 0
    upper = _horizon_end(calendar, now, policy.loan_working_days)
    lower = now + timedelta(hours=policy.closing_hours + policy.loan_return_hours) + margin(policy)
    # Locks in the order a conversion takes them (this kiosk's loan rows, then slots by id), so
    # a refresh and a conversion of the same kiosk cannot deadlock.
    held = s.execute(select(SeatLoan.slot_id, SeatLoan.seats).where(SeatLoan.kiosk_id == kiosk_id)
                     .order_by(SeatLoan.slot_id).with_for_update()).all()
    room = None if cap is None else max(0, cap - sum(seats for _slot, seats in held))
    slots = s.scalars(select(SlotRow).where(SlotRow.start > lower, SlotRow.start < upper)
                      .order_by(SlotRow.id).with_for_update().execution_options(populate_existing=True)).all()
    lent = 0
    for slot in slots:
        if calendar.slot_refusal(slot.start, now, policy) is not None:
            continue
        expiry = min(now + timedelta(hours=policy.loan_ttl_hours), loan_end(slot.start, policy))
        if expiry - margin(policy) <= now:
            continue
        loan = s.get(SeatLoan, (slot.id, kiosk_id))
        have = loan.seats if loan else 0
        k = max(0, min(policy.loan_seats - have, slot.seats - slot.taken - slot.lent))
        if room is not None:
            k, room = min(k, room), room - min(k, room)
        if k and not _lend(s, slot, k):
            raise RuntimeError(f"slot {slot.id}: {k} seats were free under a row lock, then were not")
        lent += k
        if loan is None and k:
            s.add(SeatLoan(slot_id=slot.id, kiosk_id=kiosk_id, seats=k, expires_at=expiry, granted_at=now))
        elif loan is not None:
            # Only ever later: the kiosk may be relying on the expiry it was told.
            loan.seats, loan.expires_at, loan.granted_at = have + k, max(loan.expires_at, expiry), now
    s.flush()
    return lent


def loans_of(s: Session, kiosk_id: str | None = None) -> list[tuple[str, Loan]]:
    """(kiosk, loan) pairs, by kiosk then slot start; one kiosk's when `kiosk_id` is given."""
    q = select(SeatLoan, SlotRow.start).join(SlotRow, SlotRow.id == SeatLoan.slot_id).where(SeatLoan.seats > 0)
    if kiosk_id is not None:
        q = q.where(SeatLoan.kiosk_id == kiosk_id)
    rows = s.execute(q.order_by(SeatLoan.kiosk_id, SlotRow.start, SeatLoan.slot_id)).all()
    return [(loan.kiosk_id, Loan(loan.slot_id, start, loan.seats, loan.expires_at)) for loan, start in rows]


def refresh(central: Database, *, kiosk_id: str, now: datetime, reported_at: datetime | None,
            cap: int | None = None) -> list[Loan]:
    """One kiosk's sync of its loans, in one central transaction: note its report, reclaim, top up.

    `reported_at` is the kiosk's clock at a moment its outbox was empty and fenced (see
    kiosk.sync.loans.refresh_loans), or None when it still had offline bookings to push.
    """
    with central.transaction() as s:
        if not central.is_sqlite:  # refreshes one at a time: each reclaims loans of every kiosk
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
        link = s.get(KioskLink, kiosk_id, with_for_update=True)
        if link is None:
            link = KioskLink(kiosk_id=kiosk_id, seen_at=now, reported_at=None, offline_bookings=0)
            s.add(link)
        link.seen_at = now
        if reported_at is not None and (link.reported_at is None or reported_at > link.reported_at):
            link.reported_at = reported_at
        s.flush()
        policy, calendar = load_policy(s), post_calendar(s)
        reclaim(s, now, policy)
        top_up(s, kiosk_id, now, policy, calendar, cap)
        return [loan for _k, loan in loans_of(s, kiosk_id)]


def reclaim_due(central: Database, *, now: datetime) -> int:
    """Reclaim every loan that is due (for a clerk screen or a timer on central)."""
    with central.transaction() as s:
        if not central.is_sqlite:
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
        return reclaim(s, now, load_policy(s))
