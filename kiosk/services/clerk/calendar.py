"""The post's calendar for clerks: seats booked per day, slots from a weekly pattern, closures, shrinking a slot."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from kiosk.domain.errors import InputError, RuleError
from kiosk.services import audit
from kiosk.services.clerk.staff import StaffView, require_reason
from kiosk.services.evaluation import post_calendar
from kiosk.store.db import Database, rowcount
from kiosk.store.models import ApplicantRow, Booking, BookingApplicant, BookingStatus, Closure, SlotRow

class SlotLoad(NamedTuple):
    id: str
    start: datetime
    seats: int
    taken: int  # booked
    lent: int  # held by kiosks for offline booking: not free for anyone else

    @property
    def free(self) -> int:
        return self.seats - self.taken - self.lent


@dataclass(frozen=True)
class DayLoad:
    day: date
    closed: str | None  # why the post is closed that day, if it is
    slots: tuple[SlotLoad, ...]

    @property
    def seats(self) -> int:
        return sum(x.seats for x in self.slots)

    @property
    def booked(self) -> int:
        return sum(x.taken for x in self.slots)

    @property
    def free(self) -> int:
        return sum(x.free for x in self.slots)


@dataclass(frozen=True)
class Contact:
    """An active booking to contact before its slot is closed or moved: moving it needs the applicants' consent."""

    reference: str
    case_number: str
    slot_id: str
    start: datetime
    names: tuple[str, ...]  # "SURNAME Given names 本名", in the booking's order
    seats: int


def _contacts(session: Session, *where: ColumnElement[bool]) -> list[Contact]:
    bookings = session.execute(select(Booking.reference, Booking.case_number, Booking.slot_id, SlotRow.start,
                                      Booking.seats).join(SlotRow, SlotRow.id == Booking.slot_id)
                               .where(Booking.status == BookingStatus.ACTIVE, *where)
                               .order_by(SlotRow.start, Booking.reference)).all()
    names: dict[str, list[str]] = defaultdict(list)
    if bookings:
        rows = session.execute(
            select(BookingApplicant.booking_reference, ApplicantRow.surname, ApplicantRow.given_names,
                   ApplicantRow.native_name)
            .join(ApplicantRow, ApplicantRow.id == BookingApplicant.applicant_id)
            .where(BookingApplicant.booking_reference.in_([b.reference for b in bookings]))
            .order_by(BookingApplicant.booking_reference, BookingApplicant.case_number, ApplicantRow.position))
        for ref, surname, given, native in rows:
            names[ref].append(" ".join(p for p in (surname, given, native) if p))
    return [Contact(b.reference, b.case_number, b.slot_id, b.start, tuple(names[b.reference]), b.seats)
            for b in bookings]


def slot_contacts(session: Session, slot_id: str) -> list[Contact]:
    """The active bookings in a slot, with their applicants' names (Latin and native)."""
    return _contacts(session, Booking.slot_id == slot_id)


def day_contacts(session: Session, day: date) -> list[Contact]:
    """The active bookings in every slot of a day, earliest slot first."""
    return _contacts(session, SlotRow.start >= datetime.combine(day, time()),
                     SlotRow.start < datetime.combine(day + timedelta(days=1), time()))


def day_loads(session: Session, start: date, end: date) -> list[DayLoad]:
    """Every day from start to end with its slots and seats booked (weekends only when they hold slots)."""
    calendar = post_calendar(session)
    rows = session.scalars(select(SlotRow).where(
        SlotRow.start >= datetime.combine(start, time()),
        SlotRow.start < datetime.combine(end + timedelta(days=1), time())).order_by(SlotRow.start))
    by_day: dict[date, list[SlotLoad]] = defaultdict(list)
    for r in rows:
        by_day[r.start.date()].append(SlotLoad(r.id, r.start, r.seats, r.taken, r.lent))
    days, day = [], start
    while day <= end:
        if day.weekday() < 5 or by_day[day]:
            closed = None if calendar.is_working_day(day) else (calendar.holiday_name(day) or "weekend")
            days.append(DayLoad(day, closed, tuple(by_day[day])))
        day += timedelta(days=1)
    return days


def generate_slots(db: Database, who: StaffView, start: date, end: date, times: list[time], seats: int,
                   reason: str, *, now: datetime) -> int:
    """Slots at `times` on every working day from start to end; existing slots are left alone."""
    why = require_reason(reason)
    if seats < 1 or not times or end < start or (end - start).days > 366:
        raise InputError("give at least one time, at least one seat, and a range of at most a year",
                         field="pattern")
    created = 0
    with db.transaction() as s:
        calendar = post_calendar(s)
        day = start
        while day <= end:
            if calendar.is_working_day(day):
                for t in sorted(set(times)):
                    at = datetime.combine(day, t)
                    sid = at.strftime("%Y-%m-%dT%H:%M")
                    if s.get(SlotRow, sid) is None:
                        s.add(SlotRow(id=sid, start=at, seats=seats, taken=0))
                        created += 1
            day += timedelta(days=1)
        audit.record(s, actor=who.actor, action="clerk.slots_generated", now=now, detail={
            "from": start, "to": end, "times": [t.strftime("%H:%M") for t in times], "seats": seats,
            "created": created, "reason": why})
    return created


def record_closure(db: Database, who: StaffView, day: date, reason: str, *, now: datetime) -> None:
    """Close the post on a day; refused while active bookings hold seats on it (move them first)."""
    why = require_reason(reason)
    with db.transaction() as s:
        held = s.scalar(select(func.coalesce(func.sum(SlotRow.taken), 0)).where(
            SlotRow.start >= datetime.combine(day, time()),
            SlotRow.start < datetime.combine(day + timedelta(days=1), time())))
        if held:
            raise RuleError("DAY_HAS_BOOKINGS", f"{day} has {held} booked seat(s); contact the people listed for "
                                                "that day to rebook or cancel first")
        s.merge(Closure(date=day, reason=why[:200]))
        audit.record(s, actor=who.actor, action="clerk.closure_recorded", now=now,
                     detail={"date": day, "reason": why})


def shrink_slot(db: Database, who: StaffView, slot_id: str, seats: int, reason: str, *, now: datetime) -> None:
    """Fewer seats in a slot, never below what is booked plus what is lent to kiosks (one conditional UPDATE).

    Lent seats may already be sold on a kiosk's offline confirmation (kiosk.escrow), so they count as booked.
    """
    why = require_reason(reason)
    if seats < 0:
        raise InputError("seats cannot be negative", field="seats")
    with db.transaction() as s:
        slot = s.get(SlotRow, slot_id)
        if slot is None:
            raise InputError(f"no slot {slot_id!r}", field="slot")
        before = slot.seats
        if seats > before:
            raise InputError(f"slot {slot_id} has {before} seats; shrinking cannot add seats", field="seats")
        done = rowcount(s.execute(update(SlotRow).where(SlotRow.id == slot_id, SlotRow.taken + SlotRow.lent <= seats)
                                  .values(seats=seats).execution_options(synchronize_session=False)))
        if done != 1:
            taken, lent = s.execute(select(SlotRow.taken, SlotRow.lent).where(SlotRow.id == slot_id)).one()
            if taken > seats:
                raise RuleError("BELOW_BOOKED", f"slot {slot_id} has {taken} booked seat(s); it cannot have "
                                                f"fewer than {taken} seats (contact the people listed for the "
                                                "slot to move them)")
            raise RuleError("SEATS_LENT", f"slot {slot_id} has {taken} booked seat(s) and {lent} lent to kiosks "
                                          f"for booking offline; it cannot have fewer than {taken + lent} seats "
                                          "until the kiosks return them")
        audit.record(s, actor=who.actor, action="clerk.slot_shrunk", now=now,
                     detail={"slot_id": slot_id, "before": before, "after": seats, "reason": why})


def block_slot(db: Database, who: StaffView, slot_id: str, reason: str, *, now: datetime) -> int:
    """Nobody else can book the slot: its seats shrink to exactly what is booked plus lent (shrink_slot, audited).

    Returns the seats left. A booking or loan landing between the read and the shrink makes shrink_slot refuse;
    the clerk tries again.
    """
    why = require_reason(reason)
    with db.session() as s:
        slot = s.get(SlotRow, slot_id)
        if slot is None:
            raise InputError(f"no slot {slot_id!r}", field="slot")
        held = slot.taken + slot.lent
    shrink_slot(db, who, slot_id, held, f"blocked: {why}", now=now)
    return held
