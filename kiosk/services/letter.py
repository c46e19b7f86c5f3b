"""Letter lookup for the kiosk: case number plus the principal's date of birth, then the evaluation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError
from kiosk.domain.model import Case, Evaluation, Policy
from kiosk.services.evaluation import assess, bookings_of
from kiosk.store.db import Database
from kiosk.store.models import BookingStatus, Post

NOT_FOUND = ("We found no case with this case number and date of birth. "
             "Check both against your Appointment Letter.")
_DATE_PARTS = re.compile(r"(\d{4})\D+(\d{1,2})\D+(\d{1,2})\D*")


@dataclass(frozen=True)
class CurrentBooking:
    reference: str
    start: datetime
    applicant_ids: tuple[str, ...]
    change_deadline: date  # the last day it may be changed or cancelled (RULES.md)
    can_change: bool
    slot_id: str = ""


@dataclass(frozen=True)
class LetterLookup:
    case: Case
    evaluation: Evaluation
    booking: CurrentBooking | None
    post_name: str
    post_address: str
    names: dict[str, str]  # applicant id → full name, for the whole same-petitioner group
    # Other cases of the group: who of them may attend (bookable ones), or why they can't join.
    group_attending: dict[str, tuple[str, ...]] = field(default_factory=dict)
    group_blocked: dict[str, str] = field(default_factory=dict)
    join: CurrentBooking | None = None  # the group's booking to join instead of booking another
    policy: Policy = field(default_factory=Policy)  # closing hours, horizon: the calendar explains them

    @property
    def need(self) -> int:
        """Seats the visit needs: this case's attending plus the group cases booked with it."""
        return len(self.evaluation.attending) + sum(len(a) for a in self.group_attending.values())


def parse_date_of_birth(text: str) -> date:
    """A date as people type it: 1988-07-30, 1988/7/30, 1988.07.30, 19880730, 1988年7月30日."""
    raw = (text or "").strip()
    compact = "".join(raw.split())
    try:
        if compact.isdigit() and len(compact) == 8:
            return date(int(compact[:4]), int(compact[4:6]), int(compact[6:]))
        m = _DATE_PARTS.fullmatch(raw)
        if m:
            return date(*(int(g) for g in m.groups()))
    except ValueError:
        pass
    raise InputError(f"{raw or '(empty)'!r} is not a date: write it as year-month-day, e.g. 1988-07-30",
                     field="date_of_birth")


def look_up_letter(db: Database, case_text: str, dob_text: str, *, today: date, now: datetime,
                   has_letter: bool = True) -> LetterLookup:
    """The case behind a letter, if the principal's date of birth matches; one message for every miss."""
    number = parse_case_number(case_text)
    dob = parse_date_of_birth(dob_text)
    with db.session() as s:
        try:
            a = assess(s, number, today=today, has_letter=has_letter)
        except InputError as exc:
            if exc.field == "case_number":
                raise InputError(NOT_FOUND, field="case_number") from None
            raise
        principal = a.case.principal
        # The same answer for "no such case" and "wrong date": the lookup must not confirm a number.
        if principal is None or principal.date_of_birth != dob:
            raise InputError(NOT_FOUND, field="case_number")
        def current(case_number: str) -> CurrentBooking | None:
            found = bookings_of(s, [case_number]).get(case_number, [])
            active = [b for b in found if b.status == BookingStatus.ACTIVE]
            if not active:
                return None
            b = max(active, key=lambda x: x.created_at)
            deadline = a.calendar.change_deadline(b.slot.start.date(), a.policy)
            return CurrentBooking(b.reference, b.slot.start, tuple(x.applicant_id for x in b.applicants),
                                  deadline, now.date() <= deadline, b.slot_id)

        booking = current(number)
        attending: dict[str, tuple[str, ...]] = {}
        blocked: dict[str, str] = {}
        join_of = a.evaluation.join_booking_of
        for other in a.group:
            o = other.case_number
            if other.interviewed or o == join_of:
                continue
            ev = assess(s, o, today=today, policy=a.policy, calendar=a.calendar).evaluation
            theirs = current(o)
            if not ev.may_book:
                blocked[o] = ev.decision.value
            elif theirs is not None and (booking is None or theirs.reference != booking.reference):
                blocked[o] = "booked"
            elif ev.attending:
                attending[o] = ev.attending
        post = s.scalars(select(Post).order_by(Post.code)).first()
        names = {ap.id: ap.full_name for c in (a.case, *a.group) for ap in c.applicants}
        return LetterLookup(a.case, a.evaluation, booking, post.name if post else "",
                            post.address if post else "", names, attending, blocked,
                            current(join_of) if join_of else None, a.policy)
