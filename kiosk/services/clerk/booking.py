"""Booking on an applicant's behalf: book, rebook, cancel and the supervisor's override, each with its reason in one transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError, RuleError
from kiosk.domain.model import Decision, Evaluation
from kiosk.services import audit, booking, seats, unit
from kiosk.services.bookable import BLOCKING, lock_petitioner
from kiosk.services.clerk.staff import StaffView, require_reason, require_supervisor
from kiosk.services.evaluation import assess
from kiosk.services.placement import SLOT_SEATS, SlotRef, place
from kiosk.services.results import BookingResult, CancelResult
from kiosk.store.db import Database
from kiosk.store.models import Booking, BookingStatus, SlotRow

OVERRIDABLE = frozenset({"CHANGE_WINDOW_CLOSED", "SLOT_CLOSED"})


def book_for(db: Database, who: StaffView, case_number: str, slot_id: str, reason: str, *,
             now: datetime) -> BookingResult:
    """Book or rebook on the applicant's behalf, under the applicant's rules; the reason commits with it."""
    why, number = require_reason(reason), parse_case_number(case_number)

    def note(s: Session, booked: BookingResult) -> None:  # in the booking's transaction
        audit.record(s, actor=who.actor, action="clerk.booked", case_number=number, now=now, detail={
            "reference": booked.reference, "slot_id": slot_id, "replaced": booked.replaced, "reason": why})

    return booking.book(db, number, slot_id, now=now, actor=who.actor, also=note)


def cancel_for(db: Database, who: StaffView, case_number: str, reason: str, *,
               now: datetime) -> CancelResult:
    """Cancel inside the change window on the applicant's behalf; the reason commits with it."""
    why, number = require_reason(reason), parse_case_number(case_number)

    def note(s: Session, cancelled: CancelResult) -> None:  # in the cancellation's transaction
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


def _refuse_unless_only_the_window(ev: Evaluation, number: str) -> None:
    """Only a wait caused by the change window alone can be lifted; every other "no" stands."""
    if ev.may_book:
        return
    stops = [f for f in ev.findings if f.code in BLOCKING.get(ev.decision, frozenset())]
    if ev.decision is not Decision.WAIT or any(f.code not in OVERRIDABLE for f in stops):
        first = next((f for f in stops if f.code not in OVERRIDABLE), stops[0] if stops else None)
        raise RuleError(first.code if first else ev.decision.value.upper(),
                        first.message if first else f"case {number} cannot be booked")


def override_book(db: Database, who: StaffView, case_number: str, slot_id: str, reason: str, *,
                  now: datetime) -> BookingResult:
    """A supervisor books or rebooks past CHANGE_WINDOW_CLOSED or SLOT_CLOSED; every other rule holds.

    Seats still move only through seats.take_seats/release_seats (the conditional UPDATE).
    A case booked inside another case's group booking is overridden from the lead case.
    """
    require_supervisor(who)
    why, number = require_reason(reason), parse_case_number(case_number)
    return unit.in_transaction(db, lambda s: _override_book(s, who, number, slot_id, why, now=now))


def _override_book(s: Session, who: StaffView, number: str, slot_id: str, why: str, *,
                   now: datetime) -> BookingResult:
    lock_petitioner(s, number)
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
    booked = place(s, number, SlotRef(slot.id, slot.start), people, SLOT_SEATS, now=now, actor=who.actor,
                   supersedes=own)
    overridden = sorted({f.code for f in ev.findings if f.code in OVERRIDABLE} | (
        {"SLOT_CLOSED"} if refusal else set()))
    audit.record(s, actor=who.actor, action="clerk.override", case_number=number, now=now,
                 detail={"reference": booked.reference, "overrode": overridden, "reason": why})
    return booked


def override_cancel(db: Database, who: StaffView, case_number: str, reason: str, *,
                    now: datetime) -> CancelResult:
    """A supervisor cancels after the change deadline (CHANGE_WINDOW_CLOSED)."""
    require_supervisor(who)
    why, number = require_reason(reason), parse_case_number(case_number)
    return unit.in_transaction(db, lambda s: _override_cancel(s, who, number, why, now=now))


def _override_cancel(s: Session, who: StaffView, number: str, why: str, *, now: datetime) -> CancelResult:
    lock_petitioner(s, number)
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
    return CancelResult(own.reference, own.slot_id, own.seats)
