"""Book, rebook, join and cancel: one transaction each, seats taken by a conditional UPDATE, idempotent."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import Label

from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError, RuleError
from kiosk.services import audit, unit
from kiosk.services.bookable import (
    active_booking_of,
    check_changeable,
    check_slot,
    lock_petitioner,
    require_bookable,
)
from kiosk.services.evaluation import GROUP, Assessment, assess, load_context
from kiosk.services.placement import SLOT_SEATS, SlotRef, place, when
from kiosk.services.results import BookingResult, CancelResult, booking_result
from kiosk.services.retries import TwinAnswered
from kiosk.services.seats import release_seats
from kiosk.store.db import Transactions
from kiosk.store.models import Booking, BookingApplicant, BookingStatus, CaseRow, IdempotencyKey, SlotRow
from kiosk.store.prepared import Prepared

# One INFO line per booking, rebooking and cancellation: case number, reference, slot, seats only.
events = logging.getLogger("kiosk.booking")

# --- idempotency -------------------------------------------------------------------------------

# A request's key is looked up in its first statement (`_LOCK_GROUP_AND_SLOT`)
# and kept with the answer in its last one, in the same transaction. Twins of one case queue
# on the petitioner lock; any twin that committed meanwhile makes the closing INSERT find the
# key (on PostgreSQL it waits for a twin still in flight) and fail (IntegrityError; on
# PostgreSQL at the COMMIT, which it is sent with: kiosk.store.prepared), and this request
# then rolls back and is answered from the key on the next try (kiosk.services.retries).
_KEYS = IdempotencyKey.__table__
_KEEP = Prepared(insert(_KEYS))
_STORED = select(_KEYS.c.fingerprint, _KEYS.c.response).where(_KEYS.c.key == bindparam("key"))


def _stored_answer(fingerprint: str, stored_fingerprint: str, response: str) -> BookingResult:
    if stored_fingerprint != fingerprint:
        raise InputError("idempotency key reused with different parameters", field="key")
    return BookingResult.from_dict(json.loads(response))


def _keep_answer(s: Session, key: str, fingerprint: str, result: BookingResult, now: datetime) -> None:
    _KEEP.later(s, {"key": key, "fingerprint": fingerprint, "created_at": now, "response": json.dumps(result.to_dict())})


# --- booking and joining ------------------------------------------------------------------

def _joiners(s: Session, lead: Assessment, with_cases: Sequence[str], today: date,
             own: Booking | None) -> dict[str, str]:
    """applicant id → case number of everyone this request places: the lead's attending plus `with_cases`."""
    placing = dict.fromkeys(lead.evaluation.attending, lead.case.case_number)
    for number in with_cases:
        other = assess(s, number, today=today, policy=lead.policy, calendar=lead.calendar)
        if other.case.petitioner_id != lead.case.petitioner_id:
            raise InputError(f"case {number} has another petitioner; only the same petitioner's cases "
                             "are booked together", field="with_cases")
        require_bookable(other.evaluation)
        theirs = other.active_bookings.get(number)
        if theirs is not None and (own is None or theirs != own.reference):
            raise RuleError("SAME_PETITIONER_GROUP", f"case {number} is already booked ({theirs}); "
                                                     "cancel that booking first")
        placing.update(dict.fromkeys(other.evaluation.attending, number))
    return placing


def _join(s: Session, a: Assessment, target: Booking, slot: SlotRef, own: Booking | None,
          others: Sequence[str], now: datetime, actor: str) -> BookingResult:
    """Add this case's attending applicants to a same-petitioner case's booking (RULES.md)."""
    number = a.case.case_number
    if slot.id != target.slot_id:
        raise RuleError("SAME_PETITIONER_GROUP",
                        f"case {target.case_number} of the same petitioner is booked for "
                        f"{when(target.slot.start)} (slot {target.slot_id}); book that slot to join "
                        "its appointment instead of booking another one.")
    if own is not None:
        if any(x.case_number != number for x in own.applicants):
            raise RuleError("SAME_PETITIONER_GROUP", f"case {number} is booked together with other cases "
                                                     f"({own.reference}); cancel that booking first.")
        check_changeable(a.calendar, a.policy, own.slot.start, now)
    placing = _joiners(s, a, others, now.date(), own)
    present = {x.applicant_id for x in target.applicants}
    new = {app: case for app, case in placing.items() if app not in present}
    # The same seats and the same supersede as a placement (kiosk.services.placement), into the group's booking.
    SLOT_SEATS.move(s, SlotRef(target.slot_id, target.slot.start), len(new),
                    (own.slot_id, own.seats) if own is not None else None)
    if own is not None:
        own.status = BookingStatus.SUPERSEDED
    target.applicants.extend(BookingApplicant(applicant_id=app, case_number=case) for app, case in sorted(new.items()))
    target.seats += len(new)
    s.flush()
    for case in sorted(set(new.values())):
        audit.record(s, actor=actor, action="booking.joined", case_number=case, now=now,
                     detail={"reference": target.reference, "slot_id": target.slot_id, "applicants": sorted(new),
                             "replaced": own.reference if own else None})
    result = booking_result(target, number)
    return BookingResult(**{**result.__dict__, "replaced": own.reference if own else None})


def _place(s: Session, a: Assessment, slot: SlotRef, own: Booking | None, others: Sequence[str],
           now: datetime, kiosk_id: str | None, actor: str) -> BookingResult:
    """A new booking led by this case, or a rebooking that supersedes its booking."""
    number = a.case.case_number
    if own is not None and own.case_number != number:
        if slot.id == own.slot_id and not others:
            return booking_result(own, number)  # already in that appointment with its group
        raise RuleError("SAME_PETITIONER_GROUP",
                        f"case {number} is booked together with case {own.case_number} ({own.reference}); "
                        f"change that appointment from case {own.case_number}.")
    if own is not None:
        check_changeable(a.calendar, a.policy, own.slot.start, now)
    carried = {x.applicant_id: x.case_number for x in own.applicants if x.case_number != number} if own else {}
    placing = {**carried, **_joiners(s, a, others, now.date(), own)}
    if not placing:
        raise InputError(f"nobody on case {number} may attend an interview", case_number=number)
    if own is not None and own.slot_id == slot.id and placing.keys() == {x.applicant_id for x in own.applicants}:
        return booking_result(own, number)  # the same slot and the same people: nothing to change
    return place(s, number, slot, placing, SLOT_SEATS, now=now, actor=actor, supersedes=own, kiosk_id=kiosk_id)


def _booking(s: Session, reference: str | None) -> Booking | None:
    if reference is None:
        return None
    return s.get(Booking, reference, options=[selectinload(Booking.applicants)])


_CASES, _SLOTS = CaseRow.__table__, SlotRow.__table__


def _stored(column: str) -> Label[Any]:
    return select(_KEYS.c[column]).where(_KEYS.c.key == bindparam("key")).scalar_subquery().label(f"key_{column}")


# The evaluation's group statement, locking the group's case rows (the petitioner lock of
# `lock_petitioner`: rows locked in case-number order, so two writers cannot deadlock), with
# the slot's start and the request key's stored answer: one round trip for four reads. Only
# the case rows are locked; the bookings are read after the lock is held (`assess`), so they
# include the last holder's.
_LOCK_GROUP_AND_SLOT = Prepared(
    GROUP.add_columns(select(_SLOTS.c.start).where(_SLOTS.c.id == bindparam("slot_id"))
                      .scalar_subquery().label("slot_start"), _stored("fingerprint"), _stored("response"))
    .with_for_update(of=_CASES)
)


def _book(s: Session, rows: Sequence[Mapping[str, Any]], number: str, slot_id: str, others: Sequence[str], *,
          now: datetime, kiosk_id: str | None, actor: str) -> BookingResult:
    a = assess(s, number, today=now.date(), group_rows=rows)
    require_bookable(a.evaluation)
    start = rows[0]["slot_start"]  # assess has checked that the case exists
    if start is None:
        raise InputError(f"no slot {slot_id!r}", field="slot")
    slot = SlotRef(slot_id, start)
    check_slot(a, slot, now)
    own = _booking(s, a.active_bookings.get(number))
    join = a.evaluation.join_booking_of
    target = _booking(s, a.active_bookings.get(join)) if join else None
    if target is not None and (own is None or target.reference != own.reference):
        return _join(s, a, target, slot, own, others, now, actor)
    return _place(s, a, slot, own, others, now, kiosk_id, actor)


# --- the use cases -----------------------------------------------------------------------------

def place_booking(s: Session, case_number: str, slot_id: str, *, now: datetime, key: str | None = None,
                  with_cases: Sequence[str] = (), kiosk_id: str | None = None,
                  actor: str = "kiosk") -> tuple[BookingResult, bool]:
    """Book (or rebook, or join the group's booking) in `s`'s transaction: (result, answered from `key`).

    The one placement of a booking (the kiosk's, a clerk's, central applying a kiosk's command);
    run it through kiosk.services.unit, which retries it whole. TwinAnswered: a twin with the
    same key committed meanwhile, the next attempt answers from the key.
    """
    number = parse_case_number(case_number)
    others = sorted({parse_case_number(c) for c in with_cases} - {number})
    fingerprint = json.dumps({"op": "book", "case_number": number, "slot_id": slot_id, "with_cases": others})
    rows = _LOCK_GROUP_AND_SLOT.mappings(s, {"number": number, "slot_id": slot_id, "key": key})
    if key is not None:  # (no rows: no such case now, but a repeat is answered as the first time)
        stored = (rows[0]["key_fingerprint"], rows[0]["key_response"]) if rows else \
            s.execute(_STORED, {"key": key}).first()
        if stored is not None and stored[0] is not None:
            return _stored_answer(fingerprint, *stored), True
    try:
        result = _book(s, rows, number, slot_id, others, now=now, kiosk_id=kiosk_id, actor=actor)
    except (RuleError, InputError):
        # Refused: unless a twin with the key committed after the first statement's snapshot.
        if key is not None and s.execute(_STORED, {"key": key}).first() is not None:
            raise TwinAnswered(key) from None  # undo this try; the next one answers from the key
        raise
    if key is not None:
        _keep_answer(s, key, fingerprint, result, now)
    return result, False


def book(db: Transactions, case_number: str, slot_id: str, *, now: datetime, key: str | None = None,
         with_cases: Sequence[str] = (), kiosk_id: str | None = None, actor: str = "kiosk",
         also: Callable[[Session, BookingResult], None] | None = None) -> BookingResult:
    """Book in a transaction of its own; the same `key` with the same parameters answers the first result again.

    `also` writes in the same transaction after a new placement (a clerk's note with its reason).
    """

    def work(s: Session) -> tuple[BookingResult, bool]:
        result, repeated = place_booking(s, case_number, slot_id, now=now, key=key, with_cases=with_cases,
                                         kiosk_id=kiosk_id, actor=actor)
        if also is not None and not repeated:
            also(s, result)
        return result, repeated

    return _booked(*unit.in_transaction(db, work))


def book_in(session: Session, case_number: str, slot_id: str, *, now: datetime, key: str | None = None,
            with_cases: Sequence[str] = (), kiosk_id: str | None = None, actor: str = "kiosk") -> BookingResult:
    """Book inside the caller's transaction: central applying a kiosk's command (kiosk.services.unit.in_caller)."""
    return _booked(*unit.in_caller(session, lambda s: place_booking(
        s, case_number, slot_id, now=now, key=key, with_cases=with_cases, kiosk_id=kiosk_id, actor=actor)))


def _booked(result: BookingResult, repeated: bool) -> BookingResult:
    event = "booking.repeated" if repeated else "booking.rebooked" if result.replaced else "booking.booked"
    _log(event, result.case_number, result.reference, result.slot_id, len(result.applicants))
    return result


def _log(event: str, case_number: str, reference: str, slot_id: str, seats: int) -> None:
    """The booking log line: never a name or a date of birth (kiosk.logs keeps only its allowed fields)."""
    events.info("%s: case %s, %s, slot %s, %d seat(s)", event, case_number, reference, slot_id, seats,
                extra={"event": event, "case": case_number, "booking": reference, "slot": slot_id, "seats": seats})


def cancel_booking(s: Session, case_number: str, *, now: datetime, actor: str = "kiosk") -> CancelResult:
    """Cancel the case's booking (a group member leaves it) inside the change window, in `s`'s transaction.

    RuleError NO_BOOKING when there is none (or it has passed); run it through kiosk.services.unit.
    """
    number = parse_case_number(case_number)
    lock_petitioner(s, number)
    if s.get(CaseRow, number) is None:
        raise InputError(f"no case {number} found", field="case_number")
    own = active_booking_of(s, number)
    if own is None:
        raise RuleError("NO_BOOKING", f"case {number} has no booking to cancel")
    context = load_context(s, now.date())
    policy, calendar = context.policy, context.calendar
    if own.slot.start < now:
        raise RuleError("NO_BOOKING", f"the appointment of case {number} on {when(own.slot.start)} "
                                      "has passed; there is nothing to cancel")
    check_changeable(calendar, policy, own.slot.start, now)
    if own.case_number == number:  # the lead cancels the whole appointment
        released = own.seats
        own.status, own.cancelled_at = BookingStatus.CANCELLED, now
    else:  # a joined case leaves it; the others keep their seats
        mine = [x for x in own.applicants if x.case_number == number]
        released = len(mine)
        for x in mine:
            own.applicants.remove(x)
        own.seats -= released
    s.flush()
    release_seats(s, own.slot_id, released)
    audit.record(s, actor=actor, action="booking.cancelled", case_number=number, now=now,
                 detail={"reference": own.reference, "slot_id": own.slot_id, "released": released})
    return CancelResult(own.reference, own.slot_id, released)


def cancel(db: Transactions, case_number: str, *, now: datetime, actor: str = "kiosk",
           also: Callable[[Session, CancelResult], None] | None = None) -> CancelResult:
    """Cancel in a transaction of its own; `also` writes in it after the cancellation (a clerk's note)."""

    def work(s: Session) -> CancelResult:
        result = cancel_booking(s, case_number, now=now, actor=actor)
        if also is not None:
            also(s, result)
        return result

    return _cancelled(unit.in_transaction(db, work), case_number)


def cancel_in(session: Session, case_number: str, *, now: datetime, actor: str = "kiosk") -> CancelResult:
    """Cancel inside the caller's transaction: central applying a kiosk's command (kiosk.services.unit.in_caller)."""
    return _cancelled(unit.in_caller(session, lambda s: cancel_booking(s, case_number, now=now, actor=actor)),
                      case_number)


def _cancelled(result: CancelResult, case_number: str) -> CancelResult:
    _log("booking.cancelled", parse_case_number(case_number), result.reference, result.slot_id, result.released)
    return result


def current_booking(session: Session, case_number: str) -> BookingResult | None:
    """The active booking the case leads or joined, if any."""
    number = parse_case_number(case_number)
    own = active_booking_of(session, number)
    return booking_result(own, number) if own else None
