"""Load what the rules need from the store (case, group, cut-offs, calendar, policy) and evaluate."""

from __future__ import annotations

import dataclasses
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import (ColumnElement, CompoundSelect, Date, FromClause, Select, String, bindparam, cast, func,
                        literal_column, null, or_, select, union, union_all)
from sqlalchemy.orm import Session, selectinload

from kiosk.domain.calendar import PostCalendar
from kiosk.domain.cutoffs import month_of, parse_final_action
from kiosk.domain.dates import parse_case_number
from kiosk.domain.eligibility import evaluate
from kiosk.domain.errors import CASE_NOT_FOUND, InputError
from kiosk.domain.model import Case, Cutoff, Evaluation, Policy
from kiosk.store.models import (
    ApplicantRow,
    Booking,
    BookingApplicant,
    BookingFacts,
    BookingStatus,
    CaseRow,
    Closure,
    CutoffRow,
    PolicyValue,
    Post,
    SlotRow,
    applicant_from_mapping,
    case_from_mapping,
    case_from_rows,
)
from kiosk.store.opened import opened_in, with_personal
from kiosk.store.prepared import Prepared

log = logging.getLogger(__name__)


_POLICY_FIELDS = frozenset(f.name for f in dataclasses.fields(Policy))


def load_policy(session: Session) -> Policy:
    """`Policy` defaults, overridden by the values a clerk stored."""
    return _policy((name, value) for name, value in session.execute(select(PolicyValue.name, PolicyValue.value)))


def _policy(values: Iterable[tuple[str, str]]) -> Policy:
    values = tuple(sorted(values))
    for name, _ in values:
        if name not in _POLICY_FIELDS:
            log.warning("ignoring unknown policy value %r", name)
    return _policy_of(values)


@lru_cache(maxsize=16)
def _policy_of(values: tuple[tuple[str, str], ...]) -> Policy:
    # Keyed by every stored value: a clerk's change is a new key, never a stale answer.
    changes: dict[str, int] = {}
    for name, value in values:
        if name not in _POLICY_FIELDS:
            continue
        try:
            changes[name] = int(value)  # every policy value is a whole number today
        except ValueError:
            raise InputError(f"policy value {value!r} is not a whole number", field=name) from None
    return dataclasses.replace(Policy(), **changes)


def post_calendar(session: Session) -> PostCalendar:
    """The post's working days: its host country plus the closures a clerk recorded."""
    post = session.scalars(select(Post).order_by(Post.code)).first()
    if post is None:
        raise InputError("no post is configured: import a case file with a post first", field="post")
    return _calendar(post.country, frozenset(session.scalars(select(Closure.date))), post.timezone)


@lru_cache(maxsize=8)
def _calendar(country: str, closures: frozenset[date], timezone: str | None) -> PostCalendar:
    # Keyed by everything it is made from; a PostCalendar never changes once made (it only
    # memoises holiday years), so one per key serves every caller and keeps its year tables.
    return PostCalendar(country, closures=closures, timezone=timezone)


def load_cutoffs(session: Session, today: date) -> list[Cutoff]:
    """The cut-offs of the bulletin month that contains today."""
    rows = session.execute(select(CutoffRow.category, CutoffRow.chargeability, CutoffRow.final_action)
                           .where(CutoffRow.month == month_of(today)))
    return list(_cutoffs(month_of(today), tuple((r[0], r[1], r[2]) for r in rows)))


@lru_cache(maxsize=16)
def _cutoffs(month: str, rows: tuple[tuple[str, str, str], ...]) -> tuple[Cutoff, ...]:
    return tuple(Cutoff(month, category, chargeability, parse_final_action(value))
                 for category, chargeability, value in rows)


@dataclass(frozen=True)
class RulesContext:
    """What every evaluation needs besides the case: policy, calendar, the month's cut-offs."""

    policy: Policy
    calendar: PostCalendar
    cutoffs: tuple[Cutoff, ...]


def _context_statement(*lead: ColumnElement[Any]) -> CompoundSelect:
    """Rows of (kind, three texts, a date); `lead`: columns each row starts with (`_BOOKINGS_AND_CONTEXT`)."""
    no_text, no_day = cast(null(), String), cast(null(), Date)  # typed NULLs: PostgreSQL types UNION columns pairwise
    first_post = select(func.min(Post.code)).scalar_subquery()
    return union_all(
        select(*lead, literal_column("'policy'"), PolicyValue.name, PolicyValue.value, no_text, no_day),
        select(*lead, literal_column("'post'"), Post.code, Post.country, Post.timezone, no_day)
        .where(Post.code == first_post),
        select(*lead, literal_column("'closure'"), no_text, no_text, no_text, Closure.date),
        select(*lead, literal_column("'cutoff'"), CutoffRow.category, CutoffRow.chargeability, CutoffRow.final_action,
               no_day).where(CutoffRow.month == bindparam("month")),
    )


# Built once: the hot paths (every evaluation, every booking) then only bind values.
_CONTEXT = Prepared(_context_statement())


def load_context(session: Session, today: date) -> RulesContext:
    """Policy values, the post, its closures and the month's cut-offs in one round trip.

    Read afresh every time (a clerk may change any of them); only the objects built from
    identical values are shared (`_policy_of`, `_calendar`, `_cutoffs`).
    """
    return _context_of(_CONTEXT.rows(session, {"month": month_of(today)}), month_of(today))


def _context_of(rows: Sequence[tuple[Any, ...]], month: str) -> RulesContext:
    post = next((r for r in rows if r[0] == "post"), None)
    if post is None:
        raise InputError("no post is configured: import a case file with a post first", field="post")
    return RulesContext(
        _policy((r[1], r[2]) for r in rows if r[0] == "policy"),
        _calendar(post[2], frozenset(r[4] for r in rows if r[0] == "closure"), post[3]),
        _cutoffs(month, tuple((r[1], r[2], r[3]) for r in rows if r[0] == "cutoff")),
    )


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
    return [_opened(session, case_from_rows(r, bookings.get(r.case_number, ())), r.sealed) for r in rows]


def _is_open(session: Session, case: Case) -> bool:
    opened = opened_in(session)
    return opened is not None and all(opened.get(a.id) is not None for a in case.applicants)


def _opened(session: Session, case: Case, sealed: str | None) -> Case:
    """On a kiosk's cache: the names and dates of birth the visit's look-up opened (kiosk.store.opened).

    A sealed case nobody opened is "not found" here: its rules (a child's age) cannot be judged
    without the dates of birth, and a caller that has central asks it instead (kiosk.app.lookup).
    """
    if sealed is None:
        return case
    opened = opened_in(session)
    if opened is None or any(opened.get(a.id) is None for a in case.applicants):
        raise InputError(f"case {case.case_number} is sealed in this cache until its letter is looked up",
                         field="case_number", code=CASE_NOT_FOUND)
    return dataclasses.replace(case, applicants=tuple(with_personal(session, a) for a in case.applicants))


def _case_row(session: Session, case_number: str) -> CaseRow:
    number = parse_case_number(case_number)
    row = session.scalars(
        select(CaseRow).options(selectinload(CaseRow.applicants)).where(CaseRow.case_number == number)
    ).first()
    if row is None:
        raise InputError(f"no case {number} found", field="case_number", code=CASE_NOT_FOUND)
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
    # case number → reference of the active booking it leads or joined, for this case and its group
    active_bookings: Mapping[str, str] = field(default_factory=dict)


def _petitioner_cases(*columns: ColumnElement[Any] | FromClause) -> Select[Any]:
    cases = CaseRow.__table__
    petitioner = select(cases.c.petitioner_id).where(cases.c.case_number == bindparam("number")).scalar_subquery()
    return select(*columns).where(cases.c.petitioner_id == petitioner).order_by(cases.c.case_number)


def _group_statement() -> Select:
    """The case and every case of its petitioner, with their applicants, in case-number order."""
    cases, applicants = CaseRow.__table__, ApplicantRow.__table__
    return (_petitioner_cases(cases, *(c.label(f"a_{c.key}") for c in applicants.c if c.key != "case_number"))
            .select_from(cases.outerjoin(applicants, applicants.c.case_number == cases.c.case_number))
            .order_by(applicants.c.position))


def _bookings_statement() -> Select:
    """Every booking the petitioner's cases lead or joined: one row per (booking, member), with the slot's start.

    The cases are named by the same subquery as in `GROUP` (not by a list of numbers), so the
    statement is always the same text: the booking service runs it as a `Prepared` statement.
    """
    bookings, members, slots = Booking.__table__, BookingApplicant.__table__, SlotRow.__table__
    group = _petitioner_cases(CaseRow.__table__.c.case_number).order_by(None)
    # A UNION of references, not "led OR joined": PostgreSQL answers an OR of two subqueries
    # by reading every booking, a UNION by two index lookups (0.06 vs 0.7 ms at 3,000 bookings).
    references = union(select(bookings.c.reference).where(bookings.c.case_number.in_(group)),
                       select(members.c.booking_reference).where(members.c.case_number.in_(group)))
    return (select(bookings.c.reference, bookings.c.case_number, bookings.c.status, bookings.c.created_at,
                   slots.c.start, members.c.case_number.label("member"))
            .join(slots, slots.c.id == bookings.c.slot_id)
            .outerjoin(members, members.c.booking_reference == bookings.c.reference)
            .where(bookings.c.reference.in_(references)))


# GROUP is public so that a writer can run a variant of it: the booking service locks the
# group's case rows with it (FOR UPDATE) and reads the slot in the same round trip.
GROUP = _group_statement()
_GROUP = Prepared(GROUP)


def _bookings_and_context_statement() -> CompoundSelect:
    """`_bookings_statement` and `_context_statement` as one (one round trip): a booking's row has its
    columns then NULLs, a context row NULLs then its columns (a booking's reference is never NULL)."""
    bookings = _bookings_statement()
    no_booking = [cast(null(), c.type) for c in bookings.selected_columns]
    no_context = [cast(null(), String)] * 4 + [cast(null(), Date)]
    return union_all(bookings.add_columns(*no_context), *_context_statement(*no_booking).selects)


# What `assess` reads once it holds the group's rows: the group's bookings and the rules' context.
_BOOKINGS_AND_CONTEXT = Prepared(_bookings_and_context_statement())
_NB = len(_bookings_statement().selected_columns)


def _bookings_and_context(session: Session, number: str, month: str
                          ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    rows = _BOOKINGS_AND_CONTEXT.rows(session, {"number": number, "month": month})
    return [r[:_NB] for r in rows if r[0] is not None], [r[_NB:] for r in rows if r[0] is None]


def _booking_facts(rows: Sequence[tuple[Any, ...]], wanted: set[str]
                   ) -> tuple[dict[str, list[BookingFacts]], dict[str, str]]:
    """Every booking each wanted case leads or joined (as facts), and each one's active booking reference."""
    people: dict[str, set[str]] = defaultdict(set)
    facts: dict[str, BookingFacts] = {}
    for reference, lead, status, created_at, start, member in rows:
        facts[reference] = (status, created_at, start)
        people[reference].update((lead, member) if member else (lead,))
    found: dict[str, list[BookingFacts]] = defaultdict(list)
    latest: dict[str, tuple] = {}
    for reference, numbers_in in people.items():
        status, created_at, _ = facts[reference]
        for number in numbers_in & wanted:
            found[number].append(facts[reference])
            if status == BookingStatus.ACTIVE and (number not in latest or created_at > latest[number][0]):
                latest[number] = (created_at, reference)
    return found, {number: ref for number, (_, ref) in latest.items()}


def group_rows(session: Session, case_number: str) -> Sequence[Mapping[str, Any]]:
    """The `GROUP` rows of a case: it and its petitioner's other cases, with their applicants (and sealed records)."""
    return _GROUP.mappings(session, {"number": parse_case_number(case_number)})


def _load_group(session: Session, number: str, rows: Sequence[Mapping[str, Any]],
                booking_rows: Sequence[tuple[Any, ...]]) -> tuple[Case, list[Case], dict[str, str]]:
    """The case, the other cases of its petitioner and the active booking of each, from the rows read."""
    by_case: dict[str, list[Mapping]] = {}
    for r in rows:
        by_case.setdefault(r["case_number"], []).append(r)
    if number not in by_case:
        raise InputError(f"no case {number} found", field="case_number", code=CASE_NOT_FOUND)
    facts, active = _booking_facts(booking_rows, set(by_case))
    cases = {n: case_from_mapping(rs[0], [applicant_from_mapping(r, "a_") for r in rs if r["a_id"] is not None],
                                  facts.get(n, ()))
             for n, rs in by_case.items()}
    case = _opened(session, cases.pop(number), by_case[number][0]["sealed"])
    # The group's cases: their names and dates of birth came in the same record (their own rules are
    # judged when each is assessed as the case, which needs them all opened).
    cases = {n: _opened(session, c, by_case[n][0]["sealed"]) if _is_open(session, c) else c
             for n, c in cases.items()}
    return case, list(cases.values()), active


def assess(session: Session, case_number: str, *, today: date, has_letter: bool = True,
           policy: Policy | None = None, calendar: PostCalendar | None = None,
           group_rows: Sequence[Mapping[str, Any]] | None = None) -> Assessment:
    """Load the case and its same-petitioner group, then run every rule.

    `group_rows`: the answer of a `GROUP` variant the caller already ran (it needs no second read).
    """
    number = parse_case_number(case_number)
    if group_rows is None:
        group_rows = _GROUP.mappings(session, {"number": number})
    # Read after the group's rows (the booking service has locked them by then), in one round trip.
    booking_rows, context_rows = _bookings_and_context(session, number, month_of(today))
    case, group, active = _load_group(session, number, group_rows, booking_rows)
    context = _context_of(context_rows, month_of(today))
    policy = policy or context.policy
    calendar = calendar or context.calendar
    ev = evaluate(case, today=today, policy=policy, cutoffs=context.cutoffs,
                  calendar=calendar, group=group, has_letter=has_letter)
    return Assessment(case, tuple(group), ev, policy, calendar, active)


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
    context = load_context(session, today)
    return [
        evaluate(case, today=today, policy=context.policy, cutoffs=context.cutoffs, calendar=context.calendar,
                 group=[c for c in by_petitioner[case.petitioner_id] if c is not case])
        for case in cases
    ]
