"""Twin requests with one idempotency key on PostgreSQL: whatever the interleaving, one booking, one answer.

A request reads its key in its first statement and keeps it in its last. These tests hold the
petitioner lock so that both twins read "no key yet" before either books, then let them go.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from sqlalchemy import func, select, text

from kiosk.domain.errors import InputError
from kiosk.services.bookable import lock_petitioner
from kiosk.services.booking import book
from kiosk.store.models import AuditEvent, Booking, IdempotencyKey, SlotRow
from tests.factories import add_case, add_slot, case_number, seed_post

pytestmark = pytest.mark.postgres
C1, C2 = case_number(1), case_number(2)
WED = datetime(2026, 11, 4, 9, 0)
FRI_10 = datetime(2026, 11, 6, 10, 0)  # bookable on WED (49 h ahead), already past its change deadline (Tue)
MON_9 = datetime(2026, 11, 9, 8, 30)  # bookable and still changeable on WED


@pytest.fixture
def post(pg_db):
    seed_post(pg_db)
    for start in (FRI_10, MON_9):
        add_slot(pg_db, start, 3)
    add_case(pg_db, C1)
    return pg_db


def _sid(start: datetime) -> str:
    return start.strftime("%Y-%m-%dT%H:%M")


def _waiting_on_locks(db) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalar(text("SELECT count(*) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND wait_event_type = 'Lock'"))


def _twins_behind_the_lock(db, start: datetime, n: int = 2) -> list:  # type: ignore[no-untyped-def]
    """n identical keyed requests that all read the key before any of them may book."""
    with ThreadPoolExecutor(n) as pool:
        with db.transaction() as holder:
            lock_petitioner(holder, C1)
            futures = [pool.submit(book, db, C1, _sid(start), now=WED, key="k-twin") for _ in range(n)]
            deadline = time.monotonic() + 30
            while _waiting_on_locks(db) < n:
                assert time.monotonic() < deadline, "the twins never queued on the petitioner lock"
                time.sleep(0.02)
        return [f.result(timeout=30) for f in futures]


def _counts(db) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return (s.scalar(select(func.count()).select_from(Booking)),
                s.scalar(select(func.sum(SlotRow.taken))),
                s.scalar(select(func.count()).select_from(IdempotencyKey)),
                s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "booking.created")))


@pytest.mark.parametrize("start", [MON_9, FRI_10], ids=["changeable", "past-its-change-deadline"])
def test_twins_that_read_no_key_get_the_first_ones_answer(post, start):
    # The later twin finds the booking made (MON_9: "nothing to change"; FRI_10: refused with
    # CHANGE_WINDOW_CLOSED) and is then answered from the key, never with an error.
    first, second = _twins_behind_the_lock(post, start)
    assert first == second and first.slot_start == start
    assert _counts(post) == (1, 1, 1, 1)


def test_one_key_sent_for_two_cases_at_once_books_one_and_refuses_the_other(post):
    add_case(post, C2)
    barrier = threading.Barrier(2)

    def send(number: str):  # type: ignore[no-untyped-def]
        barrier.wait()
        try:
            return book(post, number, _sid(MON_9), now=WED, key="k-shared")
        except InputError as exc:
            return exc

    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(send, (C1, C2)))
    booked = [a for a in answers if not isinstance(a, Exception)]
    refused = [a for a in answers if isinstance(a, InputError)]
    assert len(booked) == 1 and len(refused) == 1 and refused[0].field == "key"
    assert _counts(post) == (1, 1, 1, 1)
