"""The clerk console's use cases: staff sign-in, case search and view, audited actions, inquiries, calendar."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError, RuleError
from kiosk.domain.eligibility import INQUIRY_CODES, NOT_HANDLED_CODES, WAIT_CODES
from kiosk.domain.model import Cspa, Decision, Evaluation, Role
from kiosk.services import audit, booking, confirmation, inquiries
from kiosk.services.accounts import (
    ACCOUNT_LOCKED, HASHER, SIGN_IN_FAILED, AccountError, check_new_password, lock_after_failure,
    normalise_password, normalise_username, retry_delay,
)
from kiosk.services.evaluation import assess, bookings_of, post_calendar
from kiosk.store.db import Database
from kiosk.store.inquiries import InquiryStatus
from kiosk.store.models import ApplicantRow, Booking, BookingApplicant, BookingStatus, CaseRow, Closure, SlotRow, new_reference
from kiosk.store.staff import Staff, StaffRole

MIN_REASON = 3  # "ok" is not a reason
LOCK_AFTER = 5  # staff accounts lock sooner than applicants': a counter PC is a shared machine
LOCK_FOR = timedelta(minutes=15)
OVERRIDABLE = frozenset({"CHANGE_WINDOW_CLOSED", "SLOT_CLOSED"})
_STOPS = {Decision.NOT_HANDLED: NOT_HANDLED_CODES, Decision.INQUIRY: INQUIRY_CODES, Decision.WAIT: WAIT_CODES}


@dataclass(frozen=True)
class StaffView:
    username: str
    display_name: str
    role: StaffRole

    @property
    def actor(self) -> str:
        return f"staff:{self.username}"

    @property
    def is_supervisor(self) -> bool:
        return self.role is StaffRole.SUPERVISOR


# --- staff accounts -------------------------------------------------------------------------------

def add_staff(db: Database, username: str, password: str, *, role: str, display_name: str = "",
              now: datetime) -> StaffView:
    """Create a staff account; the password follows the applicants' rules (accounts.py)."""
    name = normalise_username(username)
    if not (2 <= len(name) <= 64) or any(ch.isspace() for ch in name):
        raise InputError("a staff user name has 2 to 64 characters and no spaces", field="username")
    try:
        staff_role = StaffRole(role)
    except ValueError:
        raise InputError(f"{role!r} is not a role (clerk, supervisor)", field="role") from None
    digest = HASHER.hash(check_new_password(password, username=name))
    try:
        with db.transaction() as s:
            if s.scalar(select(Staff.id).where(Staff.username == name)) is not None:
                raise InputError(f"staff user {name!r} exists already", field="username")
            s.add(Staff(username=name, display_name=display_name.strip() or name, role=staff_role.value,
                        password_hash=digest, failed_count=0, created_at=now))
            audit.record(s, actor="kiosk-clerk --add-staff", action="staff.added", now=now,
                         detail={"username": name, "role": staff_role.value})
    except IntegrityError:
        raise InputError(f"staff user {name!r} exists already", field="username") from None
    return StaffView(name, display_name.strip() or name, staff_role)


def staff_sign_in(db: Database, username: str, password: str, *, now: datetime) -> StaffView:
    """Check a staff password; every failure waits longer, the fifth locks for 15 minutes."""
    name = normalise_username(username)
    with db.session() as s:
        row = s.scalar(select(Staff).where(Staff.username == name))
    if row is None:
        raise AccountError(SIGN_IN_FAILED, "The user name or the password is not right.")
    if row.locked_until is not None and now < row.locked_until:
        raise AccountError(ACCOUNT_LOCKED, f"This account is locked until {row.locked_until:%H:%M} "
                                           "after too many failed sign-ins.", locked_until=row.locked_until)
    try:
        ok = HASHER.verify(row.password_hash, normalise_password(password))
    except (VerificationError, InvalidHashError):
        ok = False
    with db.transaction() as s:
        staff = s.get(Staff, row.id)
        if ok:
            staff.failed_count, staff.locked_until, staff.last_failed_at = 0, None, None
            audit.record(s, actor=f"staff:{name}", action="staff.signed_in", now=now, detail={})
            return StaffView(staff.username, staff.display_name, StaffRole(staff.role))
        staff.failed_count += 1
        staff.last_failed_at = now
        count = staff.failed_count
        locked = now + LOCK_FOR if count % LOCK_AFTER == 0 else lock_after_failure(count, now)
        staff.locked_until = locked
        audit.record(s, actor=f"staff:{name}", action="staff.sign_in_failed", now=now,
                     detail={"failed_count": count, "locked_until": locked})
    if locked is not None:
        raise AccountError(ACCOUNT_LOCKED, f"Too many failed sign-ins: locked until {locked:%H:%M}.",
                           locked_until=locked)
    left = LOCK_AFTER - count % LOCK_AFTER
    raise AccountError(SIGN_IN_FAILED, f"The user name or the password is not right. {left} more tries "
                                       "before the account is locked.",
                       delay_seconds=retry_delay(count), attempts_left=left)


def _reason(reason: str) -> str:
    text = " ".join((reason or "").split())
    if len(text) < MIN_REASON:
        raise InputError("say why (a reason of a few words is required)", field="reason")
    return text


# --- search and the case view ---------------------------------------------------------------------

@dataclass(frozen=True)
class CaseHit:
    case_number: str
    petitioner_id: str
    visa_class: str
    names: str  # every applicant, Latin and native


def search_cases(session: Session, text: str, limit: int = 50) -> list[CaseHit]:
    """Cases by case number, petitioner id, or any applicant's Latin or native name (part of it)."""
    query = " ".join(text.split())
    if not query:
        return []
    try:
        numbers = select(CaseRow.case_number).where(CaseRow.case_number == parse_case_number(query))
    except InputError:
        like = f"%{query.casefold()}%"
        full = func.lower(ApplicantRow.surname + " " + ApplicantRow.given_names)
        by_name = select(ApplicantRow.case_number).where(or_(
            full.like(like), func.lower(ApplicantRow.given_names + " " + ApplicantRow.surname).like(like),
            ApplicantRow.native_name.like(f"%{query}%")))
        numbers = select(CaseRow.case_number).where(or_(
            func.lower(CaseRow.petitioner_id) == query.casefold(), CaseRow.case_number.in_(by_name)))
    rows = session.scalars(select(CaseRow).options(selectinload(CaseRow.applicants))
                           .where(CaseRow.case_number.in_(numbers)).order_by(CaseRow.case_number).limit(limit))
    return [CaseHit(r.case_number, r.petitioner_id, r.visa_class, "; ".join(
        f"{a.surname} {a.given_names}" + (f" {a.native_name}" if a.native_name else "") for a in r.applicants))
        for r in rows]


@dataclass(frozen=True)
class BookingLine:
    reference: str
    status: str
    slot_id: str
    start: datetime
    seats: int
    replaces: str | None


@dataclass(frozen=True)
class CaseView:
    """Everything the case screen shows: the applicant's own evaluation, people, bookings, inquiries, history."""

    case_number: str
    petitioner_id: str
    visa_class: str
    last_contact: date | None
    interviewed: bool
    visa_class_changed: bool
    evaluation: Evaluation
    applicants: tuple[ApplicantRow, ...]
    bookings: tuple[BookingLine, ...]
    inquiries: tuple[inquiries.InquiryRecord, ...]
    history: tuple[audit.AuditEntry, ...]


def case_view(session: Session, case_number: str, *, today: date) -> CaseView:
    number = parse_case_number(case_number)
    a = assess(session, number, today=today)  # the same evaluation the applicant saw
    row = session.get(CaseRow, number)
    lines = sorted({b.reference: b for b in bookings_of(session, [number]).get(number, [])}.values(),
                   key=lambda b: b.created_at, reverse=True)
    return CaseView(
        number, row.petitioner_id, row.visa_class, row.last_contact, row.interviewed, row.visa_class_changed,
        a.evaluation, tuple(row.applicants),
        tuple(BookingLine(b.reference, b.status, b.slot_id, b.slot.start, b.seats, b.replaces_reference)
              for b in lines),
        tuple(inquiries.list_inquiries(session, case_number=number)), tuple(audit.history(session, number)))


# --- actions on a case ----------------------------------------------------------------------------

def _case(s: Session, case_number: str) -> CaseRow:
    row = s.get(CaseRow, parse_case_number(case_number))
    if row is None:
        raise InputError(f"no case {case_number} found", field="case_number")
    return row


def record_cspa(db: Database, who: StaffView, case_number: str, applicant_id: str, decision: str,
                reason: str, *, now: datetime) -> None:
    """The consulate's CSPA decision for a derivative child (protected / not_protected)."""
    why, value = _reason(reason), Cspa(decision).value
    with db.transaction() as s:
        case = _case(s, case_number)
        app = next((x for x in case.applicants if x.id == applicant_id), None)
        if app is None or app.role != Role.CHILD:
            raise InputError(f"{applicant_id!r} is not a child on case {case.case_number}", field="applicant")
        before, app.cspa = app.cspa, value
        audit.record(s, actor=who.actor, action="clerk.cspa_recorded", case_number=case.case_number, now=now,
                     detail={"applicant": applicant_id, "before": before, "after": value, "reason": why})


def _set_case(db: Database, who: StaffView, case_number: str, field: str, value: object, reason: str,
              action: str, now: datetime) -> None:
    why = _reason(reason)
    with db.transaction() as s:
        case = _case(s, case_number)
        before = getattr(case, field)
        setattr(case, field, value)
        audit.record(s, actor=who.actor, action=action, case_number=case.case_number, now=now,
                     detail={"field": field, "before": before, "after": value, "reason": why})


def record_contact(db: Database, who: StaffView, case_number: str, reason: str, *, now: datetime) -> None:
    _set_case(db, who, case_number, "last_contact", now.date(), reason, "clerk.contact_recorded", now)


def mark_interviewed(db: Database, who: StaffView, case_number: str, reason: str, *, now: datetime) -> None:
    _set_case(db, who, case_number, "interviewed", True, reason, "clerk.marked_interviewed", now)


def mark_class_changed(db: Database, who: StaffView, case_number: str, reason: str, *, now: datetime) -> None:
    _set_case(db, who, case_number, "visa_class_changed", True, reason, "clerk.marked_class_changed", now)


def _note(db: Database, who: StaffView, case_number: str, action: str, detail: dict, now: datetime) -> None:
    with db.transaction() as s:
        audit.record(s, actor=who.actor, action=action, case_number=parse_case_number(case_number), now=now,
                     detail=detail)


def book_for(db: Database, who: StaffView, case_number: str, slot_id: str, reason: str, *,
             now: datetime) -> booking.BookingResult:
    """Book or rebook on the applicant's behalf, under the applicant's rules.

    booking.book records the booking itself (actor = this clerk); the reason follows in
    its own event right after, because book() owns its transaction and retries.
    """
    why = _reason(reason)
    result = booking.book(db, case_number, slot_id, now=now, actor=who.actor)
    _note(db, who, case_number, "clerk.booked", {"reference": result.reference, "slot_id": slot_id,
                                                 "replaced": result.replaced, "reason": why}, now)
    return result


def cancel_for(db: Database, who: StaffView, case_number: str, reason: str, *,
               now: datetime) -> booking.CancelResult:
    why = _reason(reason)
    result = booking.cancel(db, case_number, now=now, actor=who.actor)
    _note(db, who, case_number, "clerk.cancelled", {"reference": result.reference, "reason": why}, now)
    return result


def _require_supervisor(who: StaffView) -> None:
    if not who.is_supervisor:
        raise RuleError("SUPERVISOR_ONLY", "Only a supervisor may override the calendar rules.")


def _own_led_booking(s: Session, number: str) -> Booking | None:
    own = booking.current_booking(s, number)
    if own is None:
        return None
    row = s.get(Booking, own.reference)
    if row.case_number != number:
        raise RuleError("SAME_PETITIONER_GROUP", f"case {number} is booked with case {row.case_number} "
                                                 f"({row.reference}); override from that case.")
    return row


def override_book(db: Database, who: StaffView, case_number: str, slot_id: str, reason: str, *,
                  now: datetime) -> booking.BookingResult:
    """A supervisor books or rebooks past CHANGE_WINDOW_CLOSED or SLOT_CLOSED; every other rule holds.

    Seats still move only through booking.take_seats/release_seats (the conditional UPDATE).
    A case booked inside another case's group booking is overridden from the lead case.
    """
    _require_supervisor(who)
    why, number = _reason(reason), parse_case_number(case_number)
    with db.transaction() as s:
        s.execute(select(CaseRow.case_number).where(CaseRow.case_number == number).with_for_update()).all()
        a = assess(s, number, today=now.date())
        ev = a.evaluation
        # Only a wait caused by the change window alone can be lifted; every other "no" stands.
        if not ev.may_book:
            stops = [f for f in ev.findings if f.code in _STOPS.get(ev.decision, frozenset())]
            if ev.decision is not Decision.WAIT or any(f.code not in OVERRIDABLE for f in stops):
                first = next((f for f in stops if f.code not in OVERRIDABLE), stops[0] if stops else None)
                raise RuleError(first.code if first else ev.decision.value.upper(),
                                first.message if first else f"case {number} cannot be booked")
        slot = s.get(SlotRow, slot_id)
        if slot is None:
            raise InputError(f"no slot {slot_id!r}", field="slot")
        refusal = a.calendar.slot_refusal(slot.start, now, a.policy)
        if refusal not in (None, "SLOT_CLOSED") or slot.start <= now:
            raise RuleError(refusal or "SLOT_CLOSED", f"the appointment at {slot.start:%Y-%m-%d %H:%M} "
                                                      "cannot be booked, even with an override")
        own = _own_led_booking(s, number)
        people = {x.applicant_id: x.case_number for x in own.applicants if x.case_number != number} if own else {}
        people.update({app: number for app in ev.attending})
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
                booking.release_seats(s, sid, -deltas[sid])
            elif deltas[sid] > 0 and not booking.take_seats(s, sid, deltas[sid]):
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
    _require_supervisor(who)
    why, number = _reason(reason), parse_case_number(case_number)
    with db.transaction() as s:
        own = _own_led_booking(s, number)
        if own is None or own.slot.start < now:
            raise RuleError("NO_BOOKING", f"case {number} has no upcoming booking to cancel")
        own.status, own.cancelled_at = BookingStatus.CANCELLED, now
        s.flush()
        booking.release_seats(s, own.slot_id, own.seats)
        audit.record(s, actor=who.actor, action="booking.cancelled", case_number=number, now=now,
                     detail={"reference": own.reference, "slot_id": own.slot_id, "released": own.seats})
        audit.record(s, actor=who.actor, action="clerk.override", case_number=number, now=now,
                     detail={"reference": own.reference, "overrode": ["CHANGE_WINDOW_CLOSED"], "reason": why})
        return booking.CancelResult(own.reference, own.slot_id, own.seats)


def reprint(db: Database, who: StaffView, case_number: str, out_dir: Path | str, reason: str, *,
            now: datetime) -> Path:
    """Write the confirmation again, marked COPY, and return where it is."""
    why, number = _reason(reason), parse_case_number(case_number)
    out = Path(out_dir) / f"{number}-copy-{now:%Y%m%d-%H%M%S}.pdf"
    with db.transaction() as s:
        path = confirmation.write_confirmation(s, number, out, now=now, copy=True)
        audit.record(s, actor=who.actor, action="clerk.reprinted", case_number=number, now=now,
                     detail={"path": str(path), "reason": why})
    return path


def check_qr(db: Database, who: StaffView, payload: str, *, now: datetime) -> confirmation.ConfirmationCheck:
    """Genuine, current, superseded, cancelled … for a pasted QR payload; the check is logged."""
    with db.transaction() as s:
        result = confirmation.check_confirmation(s, payload)
        number = result.claims.case_number if result.claims else None
        audit.record(s, actor=who.actor, action="clerk.qr_checked", case_number=number, now=now,
                     detail={"state": result.state.value, "reference": result.claims.reference
                             if result.claims else None})
    return result


# --- the inquiry queue ----------------------------------------------------------------------------

def open_inquiries(session: Session, kind: str | None = None) -> list[inquiries.InquiryRecord]:
    return inquiries.list_inquiries(session, kind=kind or None, status=InquiryStatus.OPEN)


def receive_document(db: Database, who: StaffView, reference: str, document: str, reason: str, *,
                     now: datetime) -> inquiries.InquiryRecord:
    why = _reason(reason)
    with db.transaction() as s:
        rec = inquiries.record_document(s, reference, document, "received", now=now)
        audit.record(s, actor=who.actor, action="clerk.document_received", case_number=rec.case_number,
                     now=now, detail={"inquiry": rec.reference, "document": document, "reason": why})
        return rec


def resolve(db: Database, who: StaffView, reference: str, outcome: str, *, now: datetime) -> inquiries.InquiryRecord:
    """Close an inquiry; the outcome is the reason, and it is required."""
    why = _reason(outcome)
    with db.transaction() as s:
        rec = inquiries.resolve_inquiry(s, reference, why, now)
        audit.record(s, actor=who.actor, action="clerk.inquiry_resolved", case_number=rec.case_number,
                     now=now, detail={"inquiry": rec.reference, "outcome": why, "reason": why})
        return rec


# --- the calendar ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class DayLoad:
    day: date
    closed: str | None  # why the post is closed that day, if it is
    slots: tuple[tuple[str, datetime, int, int], ...]  # (id, start, seats, taken)

    @property
    def seats(self) -> int:
        return sum(x[2] for x in self.slots)

    @property
    def booked(self) -> int:
        return sum(x[3] for x in self.slots)


def day_loads(session: Session, start: date, end: date) -> list[DayLoad]:
    """Every day from start to end with its slots and seats booked (weekends only when they hold slots)."""
    calendar = post_calendar(session)
    rows = session.scalars(select(SlotRow).where(
        SlotRow.start >= datetime.combine(start, time()),
        SlotRow.start < datetime.combine(end + timedelta(days=1), time())).order_by(SlotRow.start))
    by_day: dict[date, list] = defaultdict(list)
    for r in rows:
        by_day[r.start.date()].append((r.id, r.start, r.seats, r.taken))
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
    why = _reason(reason)
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
    why = _reason(reason)
    with db.transaction() as s:
        held = s.scalar(select(func.coalesce(func.sum(SlotRow.taken), 0)).where(
            SlotRow.start >= datetime.combine(day, time()),
            SlotRow.start < datetime.combine(day + timedelta(days=1), time())))
        if held:
            raise RuleError("DAY_HAS_BOOKINGS", f"{day} has {held} booked seat(s); rebook or cancel them first")
        s.merge(Closure(date=day, reason=why[:200]))
        audit.record(s, actor=who.actor, action="clerk.closure_recorded", now=now,
                     detail={"date": day, "reason": why})


def shrink_slot(db: Database, who: StaffView, slot_id: str, seats: int, reason: str, *, now: datetime) -> None:
    """Fewer seats in a slot, never below what is booked (one conditional UPDATE)."""
    why = _reason(reason)
    if seats < 0:
        raise InputError("seats cannot be negative", field="seats")
    with db.transaction() as s:
        slot = s.get(SlotRow, slot_id)
        if slot is None:
            raise InputError(f"no slot {slot_id!r}", field="slot")
        before = slot.seats
        if seats > before:
            raise InputError(f"slot {slot_id} has {before} seats; shrinking cannot add seats", field="seats")
        done = s.execute(update(SlotRow).where(SlotRow.id == slot_id, SlotRow.taken <= seats)
                         .values(seats=seats).execution_options(synchronize_session=False)).rowcount
        if done != 1:
            taken = s.scalar(select(SlotRow.taken).where(SlotRow.id == slot_id))
            raise RuleError("BELOW_BOOKED", f"slot {slot_id} has {taken} booked seat(s); it cannot have "
                                            f"fewer than {taken} seats")
        audit.record(s, actor=who.actor, action="clerk.slot_shrunk", now=now,
                     detail={"slot_id": slot_id, "before": before, "after": seats, "reason": why})
