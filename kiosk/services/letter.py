"""Letter lookup for the kiosk: case number plus the principal's date of birth, then the evaluation."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import CASE_NOT_FOUND, InputError, RuleError
from kiosk.domain.model import Case, Evaluation, Policy
from kiosk.services import audit, budgets, throttle
from kiosk.sealed_cases import RecordSealed, open_with
from kiosk.services.evaluation import assess, bookings_of, group_rows
from kiosk.store.accounts import Throttle
from kiosk.store.db import Database
from kiosk.store.models import BookingStatus, Post
from kiosk.store.opened import opened_in

log = logging.getLogger(__name__)

NOT_FOUND = ("We found no case with this case number and date of birth. "
             "Check both against your Appointment Letter.")
# Guessing a stranger's date of birth by trying dates: a few misses per case number, then a pause.
LOOKUP_LIMIT = 5  # misses of one case number within LOOKUP_WINDOW ...
LOOKUP_WINDOW = timedelta(hours=1)
LOOKUP_LOCK = timedelta(minutes=15)  # ... refuse it for this long (each further miss in the window: again)
LETTER_LOOKUP_LOCKED = "LETTER_LOOKUP_LOCKED"
LOCKOUT_ACTION = "letter.lookup_locked"
LockoutSink = Callable[[Session, str, dict], None]  # (session, case number, detail) in the counting transaction
_DATE_PARTS = re.compile(r"(\d{4})\D+(\d{1,2})\D+(\d{1,2})\D*")


class LookupLocked(RuleError):
    """Too many misses for one case number; names no one, says when, sends the visitor to the counter."""

    def __init__(self, until: datetime) -> None:
        super().__init__(LETTER_LOOKUP_LOCKED, "Too many attempts with this case number. Please ask at the "
                         f"counter, or try again after {until:%H:%M}.")
        self.until = until


class LookupMissed(InputError):
    """No case with this number and date of birth (the one message for every miss), and the tries left.

    Telling the tries left confirms nothing: misses are counted per typed number, case or no case.
    """

    def __init__(self, tries_left: int, to_counter: bool = False) -> None:
        super().__init__(NOT_FOUND, field="case_number", code=CASE_NOT_FOUND)
        self.tries_left = tries_left
        self.to_counter = to_counter  # the visit's budget ends first: then the counter, not a lock


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
    post_name_zh: str | None = None  # the post in Chinese, shown on Chinese screens (kiosk.i18n.facts.post_place)
    post_address_zh: str | None = None
    timezone: str = "Asia/Shanghai"  # the post's

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
    raise InputError(f"{raw or '(empty)'!r} is not a date: type it as year, month and day, e.g. 19880730",
                     field="date_of_birth")


def look_up_letter(db: Database, case_text: str, dob_text: str, *, today: date, now: datetime,
                   has_letter: bool = True, actor: str = "kiosk", kiosk_id: str = "local", visit_id: str = "",
                   on_lockout: LockoutSink | None = None, on_alert: budgets.AlertSink | None = None,
                   count: bool = True) -> LetterLookup:
    """The case behind a letter, if the principal's date of birth matches; one message for every miss.

    Misses are counted per case number in `db` (the database this lookup reads): LOOKUP_LIMIT
    within LOOKUP_WINDOW refuse the number for LOOKUP_LOCK, whether the case exists or not.
    They are counted too for the visit, the kiosk and the post (kiosk.services.budgets), which
    refuse a look-up before it is tried once spent or slowed.
    `on_lockout` records the lockout in the same transaction (default: the audit log of `db`);
    `on_alert` likewise the clerks' alerts (default: the alerts table of `db`).
    `count=False`: a miss is only answered (a kiosk's cache, when central counts: `admit_look_up`).
    """
    number = parse_case_number(case_text)
    dob = parse_date_of_birth(dob_text)
    with db.session() as s:
        held = _admit(s, number, kiosk_id, visit_id, now)
        found = _find(s, number, dob, today=today, now=now, has_letter=has_letter)
    if found is None and not count:
        raise InputError(NOT_FOUND, field="case_number", code=CASE_NOT_FOUND)
    if found is None:
        raise LookupMissed(*_count_miss(db, number, now, actor, on_lockout, kiosk_id, visit_id, on_alert))
    if held is not None:  # a success forgets the misses (written only when there were some)
        with db.transaction() as s:
            throttle.clear(s, throttle.LETTER, number)
    return found


def admit_look_up(db: Database, case_text: str, *, kiosk_id: str, visit_id: str, now: datetime) -> None:
    """What `look_up_letter` refuses before looking (the case's lock, the budgets), asked of `db` alone."""
    number = parse_case_number(case_text)
    with db.session() as s:
        _admit(s, number, kiosk_id, visit_id, now)


def _admit(s: Session, number: str, kiosk_id: str, visit_id: str, now: datetime) -> Throttle | None:
    held = throttle.current(s, throttle.LETTER, number)
    if held is not None and held.locked_until is not None and now < held.locked_until:
        raise LookupLocked(held.locked_until)
    budgets.admit_lookup(s, kiosk_id=kiosk_id, visit_id=visit_id, now=now)
    return held


def _count_miss(db: Database, number: str, now: datetime, actor: str, on_lockout: LockoutSink | None,
                kiosk_id: str, visit_id: str, on_alert: budgets.AlertSink | None) -> tuple[int, bool]:
    """Count a miss; the tries left, and whether the visit's budget (not the number's lock) ends first.

    LookupLocked when the number is locked; budgets.at_counter() when the visit's budget is spent."""
    with db.transaction() as s:
        visit_left = budgets.count_lookup_miss(s, kiosk_id=kiosk_id, visit_id=visit_id, now=now, on_alert=on_alert)
        row = throttle.count_failure(s, throttle.LETTER, number, now, window=LOOKUP_WINDOW)
        case_left = LOOKUP_LIMIT - row.failed_count
        locks = row.failed_count >= LOOKUP_LIMIT
        if locks:
            until = row.locked_until = now + LOOKUP_LOCK
            detail = {"failures": row.failed_count, "locked_until": until.isoformat(timespec="minutes")}
            if on_lockout is None:
                audit.record(s, actor=actor, action=LOCKOUT_ACTION, case_number=number, detail=detail, now=now)
            else:
                on_lockout(s, number, detail)
    if not locks:
        if visit_left is None:
            return case_left, False
        if visit_left <= 0:  # raised after the commit: the third miss counts like the others
            raise budgets.at_counter()
        return min(case_left, visit_left), visit_left < case_left
    log.warning("letter lookup locked after %d misses", detail["failures"], extra={"case": number})
    raise LookupLocked(until)


def open_case(db: Database, case_text: str, dob_text: str) -> bool:
    """Open a case's sealed record in `db` (a kiosk's cache) for the reads that follow (kiosk.store.opened).

    True when it opened, or the case holds no record (central's clear rows, or a case the cache lacks);
    False on a wrong date of birth. For the operator's commands; a visit opens it by `look_up_letter`.
    """
    number, dob = parse_case_number(case_text), parse_date_of_birth(dob_text)
    with db.session() as s:
        return _opens(s, number, dob, group_rows(s, number))


def _opens(s: Session, number: str, dob: date, rows: Sequence[Mapping[str, Any]]) -> bool:
    """A kiosk's cache: the case's sealed record opens with this pair, and the visit may read it.

    False on a wrong date of birth (a miss like any other). A row without a record (central's own,
    which holds the clear data) is compared in the clear by the caller.
    """
    sealed = next((r["sealed"] for r in rows if r["case_number"] == number), None)
    if sealed is None:
        return True
    opened = opened_in(s)
    try:
        record = open_with(number, dob, sealed)
        if opened is not None:
            opened.put(record)
    except (RecordSealed, ValueError):
        log.info("a sealed case record did not open", extra={"case": number})
        return False
    return True


def _find(s: Session, number: str, dob: date, *, today: date, now: datetime,
          has_letter: bool) -> LetterLookup | None:
    rows = group_rows(s, number)
    if not _opens(s, number, dob, rows):
        return None
    try:
        a = assess(s, number, today=today, has_letter=has_letter, group_rows=rows)
    except InputError as exc:
        if exc.field == "case_number":
            return None
        raise
    principal = a.case.principal
    # The same answer for "no such case" and "wrong date": the lookup must not confirm a number.
    if principal is None or principal.date_of_birth != dob:
        return None

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
        try:
            ev = assess(s, o, today=today, policy=a.policy, calendar=a.calendar, group_rows=rows).evaluation
        except (ValueError, ArithmeticError):  # a broken row in another case must not break this visit
            log.warning("group case could not be evaluated", exc_info=True, extra={"case": o})
            blocked[o] = "unavailable"
            continue
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
                        current(join_of) if join_of else None, a.policy,
                        post.name_zh if post else None, post.address_zh if post else None,
                        post.timezone if post else "Asia/Shanghai")
