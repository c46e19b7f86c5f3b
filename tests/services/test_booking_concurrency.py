"""Many kiosks booking at once never overbook a slot; and a naive read-then-write path would have."""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.errors import RuleError
from kiosk.services.booking import book
from kiosk.services.seats import take_seats
from kiosk.store.db import Database
from kiosk.store.models import Booking, CaseRow, SlotRow
from tests.factories import NOW, add_case, add_slot, case_number, seed_post

pytestmark = pytest.mark.slow

PROCESSES = 4
ATTEMPTS = 240  # 48 cases per slot competing for 3 seats
SLOTS = [datetime(2026, 11, 10, h, 0) for h in (8, 9, 10, 11, 13)]
SEATS = 3


def _attempts(url: str, jobs: list[tuple[str, str]], start_at: float) -> list[tuple[str, str]]:
    """One kiosk: book each (case, slot); every answer is a booking or a rule code."""
    db = Database(url)
    answers = []
    time.sleep(max(0.0, start_at - time.time()))  # all kiosks start together
    for case, slot in jobs:
        try:
            answers.append(("booked", book(db, case, slot, now=NOW, key=f"k-{case}").slot_id))
        except RuleError as exc:
            answers.append((exc.code, slot))
        except Exception as exc:  # noqa: BLE001 — any other failure is what this test hunts
            answers.append(("error", f"{type(exc).__name__}: {exc}"))
    db.dispose()
    return answers


def _seed(db: Database) -> list[tuple[str, str]]:
    seed_post(db)
    slot_ids = [add_slot(db, start, SEATS) for start in SLOTS]
    jobs = []
    for n in range(ATTEMPTS):
        add_case(db, case_number(n))
        jobs.append((case_number(n), slot_ids[n % len(slot_ids)]))
    return jobs


def test_concurrent_kiosks_never_overbook_and_always_answer(db):
    jobs = _seed(db)
    start_at = time.time() + 3.0  # after the spawned interpreters have imported everything
    with ProcessPoolExecutor(PROCESSES, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_attempts, db.url, jobs[i::PROCESSES], start_at) for i in range(PROCESSES)]
        answers = [a for f in futures for a in f.result()]

    outcomes = Counter(kind for kind, _ in answers)
    assert len(answers) == ATTEMPTS
    assert set(outcomes) <= {"booked", "SLOT_FULL"}, [a for a in answers if a[0] == "error"][:3]
    assert outcomes["booked"] == len(SLOTS) * SEATS  # every seat sold, none twice
    with db.session() as s:
        for slot in s.scalars(select(SlotRow)):
            active = s.scalar(select(func.coalesce(func.sum(Booking.seats), 0))
                              .where(Booking.slot_id == slot.id, Booking.status == "active"))
            assert active == slot.taken == SEATS, slot.id


def _naive_take(session: Session, slot_id: str, n: int) -> bool:
    """The bug we guard against: read the count, decide in Python, write the number back."""
    slot = session.get(SlotRow, slot_id)
    if slot.taken + n > slot.seats:
        return False
    slot.taken = slot.taken + n  # UPDATE slots SET taken = <value read earlier>
    session.flush()
    return True


def _race(db: Database, take) -> int:
    """Two kiosks read the last free seat, then both write; returns the bookings the slot holds."""
    slot_id = add_slot(db, datetime(2026, 11, 10, 8, 30), 1)
    with Session(db.engine) as a, Session(db.engine) as b:
        seen = [s.get(SlotRow, slot_id) for s in (a, b)]  # both read (and hold) the count: one seat left
        assert [slot.seats - slot.taken for slot in seen] == [1, 1]
        for n, s in enumerate((a, b)):  # then each writes and commits, one after the other
            if take(s, slot_id, 1):
                s.add(Booking(reference=f"GUZ-RACE{n}", case_number=case_number(n), slot_id=slot_id,
                              status="active", seats=1, created_at=NOW))
            s.commit()
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Booking).where(Booking.slot_id == slot_id))


def test_a_naive_read_then_write_overbooks_on_postgresql_so_the_race_test_can_fail(pg_db):
    assert _race(pg_db, _naive_take) == 2  # two bookings for one seat, and no error raised


def test_the_conditional_update_refuses_the_second_booking_in_the_same_interleaving(pg_db):
    assert _race(pg_db, take_seats) == 1
    with pg_db.session() as s:
        assert s.scalar(select(SlotRow.taken)) == 1 and s.scalar(select(func.count()).select_from(CaseRow)) == 0
