"""Booking on an applicant's behalf: book, rebook, cancel and the supervisor's override, each with its reason in one transaction."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.dates import parse_case_number
from kiosk.domain.eligibility import INQUIRY_CODES, NOT_HANDLED_CODES, WAIT_CODES
from kiosk.domain.errors import InputError, RuleError
from kiosk.domain.model import Decision
from kiosk.services import audit, booking, seats, unit
from kiosk.services.clerk.staff import StaffView, require_reason, require_supervisor
from kiosk.services.evaluation import assess
from kiosk.store.db import Database
from kiosk.store.models import Booking, BookingApplicant, BookingStatus, CaseRow, SlotRow, new_reference

OVERRIDABLE = frozenset({"CHANGE_WINDOW_CLOSED", "SLOT_CLOSED"})
_STOPS = {Decision.NOT_HANDLED: NOT_HANDLED_CODES, Decision.INQUIRY: INQUIRY_CODES, Decision.WAIT: WAIT_CODES}


def _lock_group(s: Session, number: str) -> None:
    """The petitioner's case rows, locked in booking.py's order (PostgreSQL; SQLite has one writer)."""
    petitioner = select(CaseRow.petitioner_id).where(CaseRow.case_number == number).scalar_subquery()
    s.execute(select(CaseRow.case_number).where(CaseRow.petitioner_id == petitioner)
              .order_by(CaseRow.case_number).with_for_update()).all()


def book_for(db: Database, who: StaffView, case_number: str, slot_id: str, reason: str, *,
             now: datetime) -> booking.BookingResult:
    """Book or rebook on the applicant's behalf, under the applicant's rules; the reason commits with it."""
    why, number = require_reason(reason), parse_case_number(case_number)

    def note(s: Session, booked: booking.BookingResult) -> None:  # in the booking's transaction
        audit.record(s, actor=who.actor, action="clerk.booked", case_number=number, now=now, detail={
            "reference": booked.reference, "slot_id": slot_id, "replaced": booked.replaced, "reason": why})

    return booking.book(db, number, slot_id, now=now, actor=who.actor, also=note)


def cancel_for(db: Database, who: StaffView, case_number: str, reason: str, *,
               now: datetime) -> booking.CancelResult:
    """Cancel inside the change window on the applicant's behalf; the reason commits with it."""
    why, number = require_reason(reason), parse_case_number(case_number)

    def note(s: Session, cancelled: booking.CancelResult) -> None:  # in the cancellation's transaction
        audit.record(s, actor=who.actor, action="clerk.cancelled", case_number=number, now=now,
                     detail={"reference": cancelled.reference, "reason": why})

    return booking.cancel(db, number, now=now, actor=who.actor, also=note)


def _own_led_booking(s: Session, number: str) -> Booking | None:
    own = booking.current_booking(s, number)
    if own is None:
        return None
    row = s.get_one(Booking, own.reference)
    if row.case_number != number:
        raise RuleError("SAME_PETITIONER_GROUP", f"case {number} is booked with case {row.case_number} "
                                                 f"({row.reference}); override from that case.")
    return row


def _refuse_unless_only_the_window(ev: Any, number: str) -> None:
    """Only a wait caused by the change window alone can be lifted; every other "no" stands."""
    if ev.may_book:
        return
    stops = [f for f in ev.findings if f.code in _STOPS.get(ev.decision, frozenset())]
    if ev.decision is not Decision.WAIT or any(f.code not in OVERRIDABLE for f in stops):
        first = next((f for f in stops if f.code not in OVERRIDABLE), stops[0] if stops else None)
        raise RuleError(first.code if first else ev.decision.value.upper(),
                        first.message if first else f"case {number} cannot be booked")


def override_book(db: Database, who: StaffView, case_number: str, slot_id: str, reason: str, *,
                  now: datetime) -> booking.BookingResult:
    """A supervisor books or rebooks past CHANGE_WINDOW_CLOSED or SLOT_CLOSED; every other rule holds.

    Seats still move only through seats.take_seats/release_seats (the conditional UPDATE).
    A case booked inside another case's group booking is overridden from the lead case.
    """
    require_supervisor(who)
    why, number = require_reason(reason), parse_case_number(case_number)
    return unit.in_transaction(db, lambda s: _override_book(s, who, number, slot_id, why, now=now))


def _override_book(s: Session, who: StaffView, number: str, slot_id: str, why: str, *,
                   now: datetime) -> booking.BookingResult:
    _lock_group(s, number)
    a = assess(s, number, today=now.date())
    ev = a.evaluation
    _refuse_unless_only_the_window(ev, number)
    slot = s.get(SlotRow, slot_id)
    if slot is None:
        raise InputError(f"no slot {slot_id!r}", field="slot")
    refusal = a.calendar.slot_refusal(slot.start, now, a.policy)
    if refusal not in (None, "SLOT_CLOSED") or slot.start <= now:
        raise RuleError(refusal or "SLOT_CLOSED", f"the appointment at {slot.start:%Y-%m-%d %H:%M} "
                                                  "cannot be booked, even with an override")
    own = _own_led_booking(s, number)
    people = {x.applicant_id: x.case_number for x in own.applicants if x.case_number != number} if own else {}
    people.update(dict.fromkeys(ev.attending, number))
    if not people:
        raise InputError(f"nobody on case {number} may attend an interview", case_number=number)
    deltas: dict[str, int] = defaultdict(int)
    deltas[slot.id] += len(people)
    if own is not None:
        deltas[own.slot_id] -= own.seats
        own.status = BookingStatus.SUPERSEDED
        s.flush()  # before the new active row (one active booking per case)
    for sid in sorted(deltas):  # slot-id order, as booking.py does, so crossings cannot deadlock
        if deltas[sid] < 0:
            seats.release_seats(s, sid, -deltas[sid])
        elif deltas[sid] > 0 and not seats.take_seats(s, sid, deltas[sid]):
            raise RuleError("SLOT_FULL", f"the appointment at {slot.start:%Y-%m-%d %H:%M} has too few "
                                         f"seats left for {deltas[sid]}")
    new = Booking(reference=new_reference(number[:3]), case_number=number, slot=slot,
                  status=BookingStatus.ACTIVE, seats=len(people), created_at=now,
                  replaces_reference=own.reference if own else None, kiosk_id=None,
                  applicants=[BookingApplicant(applicant_id=k, case_number=v)
                              for k, v in sorted(people.items())])
    s.add(new)
    s.flush()
    overridden = sorted({f.code for f in ev.findings if f.code in OVERRIDABLE} | (
        {"SLOT_CLOSED"} if refusal else set()))
    audit.record(s, actor=who.actor, action="booking.rebooked" if own else "booking.created",
                 case_number=number, now=now, detail={"reference": new.reference, "slot_id": slot.id,
                                                      "replaced": new.replaces_reference})
    audit.record(s, actor=who.actor, action="clerk.override", case_number=number, now=now,
                 detail={"reference": new.reference, "overrode": overridden, "reason": why})
    return booking.BookingResult(new.reference, number, slot.id, slot.start, sorted(people),
                                 new.replaces_reference)


def override_cancel(db: Database, who: StaffView, case_number: str, reason: str, *,
                    now: datetime) -> booking.CancelResult:
    """A supervisor cancels after the change deadline (CHANGE_WINDOW_CLOSED)."""
    require_supervisor(who)
    why, number = require_reason(reason), parse_case_number(case_number)
    return unit.in_transaction(db, lambda s: _override_cancel(s, who, number, why, now=now))


def _override_cancel(s: Session, who: StaffView, number: str, why: str, *, now: datetime) -> booking.CancelResult:
    _lock_group(s, number)
    own = _own_led_booking(s, number)
    if own is None or own.slot.start < now:
        raise RuleError("NO_BOOKING", f"case {number} has no upcoming booking to cancel")
    own.status, own.cancelled_at = BookingStatus.CANCELLED, now
    s.flush()
    seats.release_seats(s, own.slot_id, own.seats)
    audit.record(s, actor=who.actor, action="booking.cancelled", case_number=number, now=now,
                 detail={"reference": own.reference, "slot_id": own.slot_id, "released": own.seats})
    audit.record(s, actor=who.actor, action="clerk.override", case_number=number, now=now,
                 detail={"reference": own.reference, "overrode": ["CHANGE_WINDOW_CLOSED"], "reason": why})
    return booking.CancelResult(own.reference, own.slot_id, own.seats)
