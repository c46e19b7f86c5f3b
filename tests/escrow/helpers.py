"""Seeding and clock helpers shared by the escrow tests (a post, today's slots, a short loan policy)."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.services.letter import open_case
from kiosk.store.db import Database
from kiosk.store.models import PolicyValue
from tests.factories import NOW, add_case, add_slot, case_number, seed_post

# Small numbers so a test can walk a loan through its life in a few steps of the clock.
POLICY = {"closing_hours": 1, "loan_seats": 2, "loan_working_days": 1, "loan_ttl_hours": 2,
          "loan_return_hours": 1, "loan_margin_minutes": 10}
SLOT = "2026-11-03T15:00"  # NOW is 09:00 that Tuesday: loans of it end at 13:00, used until 12:50


def seed(central: Database, *, seats: int = 4, cases: int = 6, policy: dict | None = None) -> list[str]:
    seed_post(central)
    with central.transaction() as s:
        s.add_all(PolicyValue(name=k, value=str(v)) for k, v in (policy or POLICY).items())
    add_slot(central, datetime.fromisoformat(SLOT), seats)
    add_slot(central, datetime.fromisoformat("2026-11-03T16:00"), seats)
    numbers = [case_number(n) for n in range(1, cases + 1)]
    for number in numbers:
        add_case(central, number)
    return numbers


def at(hh_mm: str) -> datetime:
    """A time on NOW's day."""
    return datetime.combine(NOW.date(), datetime.strptime(hh_mm, "%H:%M").time())


def minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


DOWN = "postgresql+psycopg://kiosk:kiosk@127.0.0.1:1/nowhere?connect_timeout=1"


def looked_up(cache: Database, number: str, dob: str = "1988-07-30") -> str:
    """What the visit's letter look-up does first: the case's sealed record opened in the cache (add_case's DOB)."""
    assert open_case(cache, number, dob)
    return number
