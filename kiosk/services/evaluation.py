"""Load what the rules need from the store (case, group, cut-offs, calendar, policy) and evaluate."""

from __future__ import annotations

import dataclasses
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from kiosk.domain.calendar import PostCalendar
from kiosk.domain.cutoffs import month_of, parse_final_action
from kiosk.domain.dates import parse_case_number
from kiosk.domain.eligibility import evaluate
from kiosk.domain.errors import InputError
from kiosk.domain.model import Case, Cutoff, Evaluation, Policy
from kiosk.store.models import Booking, BookingApplicant, CaseRow, Closure, CutoffRow, PolicyValue, Post, case_from_rows

log = logging.getLogger(__name__)


def load_policy(session: Session) -> Policy:
    """`Policy` defaults, overridden by the values a clerk stored."""
    fields = {f.name: f for f in dataclasses.fields(Policy)}
    changes: dict[str, object] = {}
    for row in session.scalars(select(PolicyValue)):
        f = fields.get(row.name)
        if f is None:
            log.warning("ignoring unknown policy value %r", row.name)
            continue
        try:
            changes[row.name] = int(row.value)  # every policy value is a whole number today
        except ValueError:
            raise InputError(f"policy value {row.value!r} is not a whole number", field=row.name) from None
    return dataclasses.replace(Policy(), **changes)


def post_calendar(session: Session) -> PostCalendar:
    """The post's working days: its host country plus the closures a clerk recorded."""
    post = session.scalars(select(Post).order_by(Post.code)).first()
    if post is None:
        raise InputError("no post is configured: import a case file with a post first", field="post")
    return PostCalendar(post.country, closures=session.scalars(select(Closure.date)).all())


def load_cutoffs(session: Session, today: date) -> list[Cutoff]:
    """The cut-offs of the bulletin month that contains today."""
    rows = session.scalars(select(CutoffRow).where(CutoffRow.month == month_of(today)))
    return [Cutoff(r.month, r.category, r.chargeability, parse_final_action(r.final_action)) for r in rows]


def bookings_of(session: Session, case_numbers: Iterable[str]) -> dict[str, list[Booking]]:
    """Every booking (any status) each case leads or joined as a group member."""
    numbers = list(case_numbers)
    joined = select(BookingApplicant.booking_reference).where(BookingApplicant.case_number.in_(numbers))
    rows = session.scalars(
        select(Booking).options(selectinload(Booking.applicants))
        .where(or_(Booking.case_number.in_(numbers), Booking.reference.in_(joined)))
    ).unique()
    found: dict[str, list[Booking]] = defaultdict(list)
    for b in rows:
        for number in {b.case_number, *(a.case_number for a in b.applicants)} & set(numbers):
            found[number].append(b)
    return found


def _cases(session: Session, rows: list[CaseRow]) -> list[Case]:
    bookings = bookings_of(session, [r.case_number for r in rows])
    return [case_from_rows(r, bookings.get(r.case_number, ())) for r in rows]


def _case_row(session: Session, case_number: str) -> CaseRow:
    number = parse_case_number(case_number)
    row = session.scalars(
        select(CaseRow).options(selectinload(CaseRow.applicants)).where(CaseRow.case_number == number)
    ).first()
    if row is None:
        raise InputError(f"no case {number} found", field="case_number")
    return row


def load_case(session: Session, case_number: str) -> Case:
    """The domain case with its latest appointment; InputError when there is none."""
    return _cases(session, [_case_row(session, case_number)])[0]


@dataclass(frozen=True)
class Assessment:
    """An evaluation with what it was made from (the booking service needs both)."""

    case: Case
    group: tuple[Case, ...]
    evaluation: Evaluation
    policy: Policy
    calendar: PostCalendar


def assess(session: Session, case_number: str, *, today: date, has_letter: bool = True,
           policy: Policy | None = None, calendar: PostCalendar | None = None) -> Assessment:
    """Load the case and its same-petitioner group, then run every rule."""
    row = _case_row(session, case_number)
    others = list(session.scalars(
        select(CaseRow).options(selectinload(CaseRow.applicants))
        .where(CaseRow.petitioner_id == row.petitioner_id, CaseRow.case_number != row.case_number)
        .order_by(CaseRow.case_number)
    ))
    case, *group = _cases(session, [row, *others])
    policy = policy or load_policy(session)
    calendar = calendar or post_calendar(session)
    ev = evaluate(case, today=today, policy=policy, cutoffs=load_cutoffs(session, today),
                  calendar=calendar, group=group, has_letter=has_letter)
    return Assessment(case, tuple(group), ev, policy, calendar)


def evaluate_case(session: Session, case_number: str, *, today: date, has_letter: bool = True) -> Evaluation:
    """RULES.md on one stored case, with its group, the cut-offs in force, the calendar and policy."""
    return assess(session, case_number, today=today, has_letter=has_letter).evaluation


def evaluate_all(session: Session, *, today: date) -> list[Evaluation]:
    """Every stored case at once (reports, benchmarks): one load, shared cut-offs, calendar and groups."""
    rows = list(session.scalars(
        select(CaseRow).options(selectinload(CaseRow.applicants)).order_by(CaseRow.case_number)))
    cases = _cases(session, rows)
    by_petitioner: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_petitioner[case.petitioner_id].append(case)
    policy, calendar, cutoffs = load_policy(session), post_calendar(session), load_cutoffs(session, today)
    return [
        evaluate(case, today=today, policy=policy, cutoffs=cutoffs, calendar=calendar,
                 group=[c for c in by_petitioner[case.petitioner_id] if c is not case])
        for case in cases
    ]
