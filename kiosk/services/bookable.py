"""What a booking must pass before it is placed, whichever path places it.

The case's eligibility, the slot's calendar rules and the change window of the booking it
replaces; the petitioner lock that serialises the bookings of one petitioner's cases, and
the case's active booking read under it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from kiosk.domain.calendar import PostCalendar
from kiosk.domain.eligibility import INQUIRY_CODES, NOT_HANDLED_CODES, WAIT_CODES
from kiosk.domain.errors import RuleError
from kiosk.domain.model import Decision, Evaluation, Policy
from kiosk.services.evaluation import Assessment
from kiosk.services.placement import SlotRef, rule, when
from kiosk.store.models import Booking, BookingApplicant, BookingStatus, CaseRow, SlotRow

BLOCKING = {Decision.NOT_HANDLED: NOT_HANDLED_CODES, Decision.INQUIRY: INQUIRY_CODES, Decision.WAIT: WAIT_CODES}


def lock_petitioner(s: Session, case_number: str) -> None:
    """Serialise bookings of one petitioner's cases (PostgreSQL row locks; SQLite already has one writer).

    The case rows are locked in case-number order, so two writers cannot deadlock.
    """
    petitioner = select(CaseRow.petitioner_id).where(CaseRow.case_number == case_number).scalar_subquery()
    s.execute(select(CaseRow.case_number).where(CaseRow.petitioner_id == petitioner)
              .order_by(CaseRow.case_number).with_for_update()).all()


def active_booking_of(s: Session, case_number: str) -> Booking | None:
    """The active booking the case leads or joined, with its applicants loaded."""
    joined = select(BookingApplicant.booking_reference).where(BookingApplicant.case_number == case_number)
    return s.scalars(
        select(Booking).options(selectinload(Booking.applicants))
        .where(Booking.status == BookingStatus.ACTIVE,
               or_(Booking.case_number == case_number, Booking.reference.in_(joined)))
        .order_by(Booking.created_at.desc())
    ).first()


def require_bookable(ev: Evaluation) -> None:
    """Refuse with the finding that stops the case from booking, if any."""
    if ev.may_book:
        return
    codes = BLOCKING.get(ev.decision, frozenset())
    finding = next((f for f in ev.findings if f.code in codes), ev.findings[0] if ev.findings else None)
    if finding is None:
        raise RuleError(ev.decision.value.upper(), f"case {ev.case_number} cannot be booked ({ev.decision})")
    raise RuleError(finding.code, finding.message)


def check_bookable(a: Assessment, slot: SlotRow | SlotRef, now: datetime) -> None:
    """The rules a booking of `a`'s case into `slot` at `now` must pass (eligibility, then calendar)."""
    require_bookable(a.evaluation)
    check_slot(a, slot, now)


def check_slot(a: Assessment, slot: SlotRow | SlotRef, now: datetime) -> None:
    """The calendar's rules for booking `slot` at `now` (working day, closing time, horizon)."""
    refusal = a.calendar.slot_refusal(slot.start, now, a.policy)
    day = slot.start.date()
    if refusal == "NOT_A_WORKING_DAY":
        holiday = a.calendar.holiday_name(day)
        raise rule("NOT_A_WORKING_DAY", day=day, holiday=holiday) if holiday else \
            rule("NOT_A_WORKING_DAY:weekend", day=day)
    if refusal == "SLOT_CLOSED" or (a.evaluation.earliest_date and day < a.evaluation.earliest_date):
        raise rule("SLOT_CLOSED", start=when(slot.start), hours=a.policy.closing_hours)
    if refusal == "OUTSIDE_HORIZON":
        raise rule("OUTSIDE_HORIZON", start=when(slot.start), days=a.policy.horizon_days)
    if refusal is not None:
        raise RuleError(refusal, f"the appointment at {when(slot.start)} cannot be booked")


def check_changeable(calendar: PostCalendar, policy: Policy, start: datetime, now: datetime) -> None:
    """CHANGE_WINDOW_CLOSED for moving away from a booking that starts at `start`.

    A booking still ahead may change only until the end of its change deadline.
    """
    if start.date() >= now.date() and not calendar.can_change(start, now, policy):
        raise rule("CHANGE_WINDOW_CLOSED", appointment=when(start),
                   deadline=calendar.change_deadline(start.date(), policy),
                   working_days=policy.change_window_working_days, earliest=start.date() + timedelta(days=1))
