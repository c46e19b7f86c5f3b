"""An account's cases: linked when a signed-in visitor finds their letter; shown when they come back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.appointment import AppointmentFacts, appointment_facts
from kiosk.domain.dates import parse_case_number
from kiosk.services.accounts import normalise_username
from kiosk.services.evaluation import bookings_of, load_policy, post_calendar
from kiosk.store.accounts import AccountCase
from kiosk.store.models import BookingStatus


@dataclass(frozen=True)
class YourCase:
    case_number: str
    reference: str | None = None  # the active booking, if any
    appointment: AppointmentFacts | None = None


def link_case(session: Session, username: str, case_number: str, *, now: datetime) -> None:
    """Remember that this account found this case's letter (idempotent; the caller commits)."""
    name, number = normalise_username(username), parse_case_number(case_number)
    if session.get(AccountCase, (name, number)) is None:
        session.add(AccountCase(username=name, case_number=number, linked_at=now))


def cases_of(session: Session, username: str, *, now: datetime) -> list[YourCase]:
    """The account's cases, newest link first, each with its active appointment's facts."""
    name = normalise_username(username)
    numbers = list(session.scalars(select(AccountCase.case_number).where(AccountCase.username == name)
                                   .order_by(AccountCase.linked_at.desc(), AccountCase.case_number)))
    if not numbers:
        return []
    found = bookings_of(session, numbers)
    calendar, policy = post_calendar(session), load_policy(session)
    out = []
    for number in numbers:
        active = [b for b in found.get(number, []) if b.status == BookingStatus.ACTIVE]
        if not active:
            out.append(YourCase(number))
            continue
        b = max(active, key=lambda x: x.created_at)
        out.append(YourCase(number, b.reference, appointment_facts(b.slot.start, now, calendar, policy)))
    return out
