"""Benchmark: a booking from the kiosk's seat loan (central unreachable) as a ratio to an online booking.

Usage: KIOSK_TEST_PG_URL=postgresql+psycopg://... uv run python bench/bench_offline_booking.py [BOOKINGS]
Creates and drops its own central database; the kiosk's cache is a SQLite file. In the same run
it times, per booking: online (book_at_kiosk with central up: push, command, central transaction,
answer), offline through the same service with central down (a refused connection, then the loan),
and the bare offline booking (book_offline: one cache transaction). Then the push that turns the
offline bookings into central bookings on reconnect.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from kiosk.sync.loans import book_at_kiosk
from kiosk.sync.offline import book_offline
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import ApplicantRow, CaseRow, PolicyValue, Post, SlotRow
from kiosk.sync.link import sync_once
from kiosk.sync.outbox import push

from pgtemp import scratch_database  # bench/ is on sys.path when a bench runs

NOW = datetime(2026, 11, 3, 9, 0)  # a Tuesday
DOWN = "postgresql+psycopg://kiosk@127.0.0.1:1/nowhere?connect_timeout=1"


def _seed(central: Database, cases: int) -> list[str]:
    numbers = [f"GUZ{2019000000 + n:010d}" for n in range(1, cases + 1)]
    with central.transaction() as s:
        s.add(Post(code="GUZ", name="U.S. Consulate General Guangzhou", country="CN", timezone="Asia/Shanghai"))
        # Enough seats lent per slot that the offline runs never run out.
        s.add(PolicyValue(name="loan_seats", value=str(cases)))
        s.execute(insert(SlotRow), [{"id": f"2026-11-{d:02d}T{h:02d}:00", "start": datetime(2026, 11, d, h),
                                     "seats": 4 * cases, "taken": 0} for d in (9, 10) for h in (9, 10, 11)])
        s.execute(insert(CaseRow), [{"case_number": n, "post_code": "GUZ", "petitioner_id": f"PET-{n}",
                                     "visa_class": "IR1", "priority_date": date(2019, 3, 14), "chargeability": "CHINA",
                                     "interviewed": False, "visa_class_changed": False,
                                     "last_contact": date(2026, 6, 2), "appointment_start": datetime(2026, 10, 12, 8, 30),
                                     "appointment_booked_via": "consulate", "imported_at": NOW} for n in numbers])
        s.execute(insert(ApplicantRow), [{"id": f"{n}-1", "case_number": n, "position": 0, "role": "principal",
                                          "surname": "LIN", "given_names": "MEI", "date_of_birth": date(1988, 7, 30),
                                          "marital_status": "married", "on_letter": True} for n in numbers])
    return numbers


def _timed(numbers: list[str], slot: str, book) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for i, number in enumerate(numbers):
        t = time.perf_counter()
        book(number, slot, NOW + timedelta(seconds=i))
        out.append(time.perf_counter() - t)
    return out


def main(n: int) -> None:
    with scratch_database("kiosk_bench") as url, tempfile.TemporaryDirectory() as tmp:
        central, down = Database(url), Database(DOWN)
        central.init_schema()
        cache = Database(sqlite_url(Path(tmp) / "cache.db"))
        cache.init_schema()
        numbers = _seed(central, 3 * n)
        sync_once(central, cache, kiosk_id="hall-1", now=NOW)
        online = _timed(numbers[:n], "2026-11-09T09:00", lambda c, s, t: book_at_kiosk(
            central, cache, kiosk_id="hall-1", case_number=c, slot_id=s, now=t))
        fallback = _timed(numbers[n:2 * n], "2026-11-09T10:00", lambda c, s, t: book_at_kiosk(
            down, cache, kiosk_id="hall-1", case_number=c, slot_id=s, now=t))
        bare = _timed(numbers[2 * n:], "2026-11-09T11:00", lambda c, s, t: book_offline(
            cache, kiosk_id="hall-1", case_number=c, slot_id=s, now=t))
        t = time.perf_counter()
        pushed = push(central, cache, kiosk_id="hall-1", now=NOW + timedelta(hours=1)).done
        drain = time.perf_counter() - t
        for d in (central, down, cache):
            d.dispose()
    base = statistics.median(online)
    print(f"{n} bookings each; median per booking:")
    print(f"  online (book_at_kiosk, central up)          {base * 1000:7.2f} ms  = 1.00 (baseline)")
    print(f"  offline (book_at_kiosk, central refused)    {statistics.median(fallback) * 1000:7.2f} ms  "
          f"= {statistics.median(fallback) / base:.2f} x online")
    print(f"  offline (book_offline, the cache alone)     {statistics.median(bare) * 1000:7.2f} ms  "
          f"= {statistics.median(bare) / base:.2f} x online")
    print(f"  reconnect: {pushed} offline bookings made central bookings in {drain:.2f} s "
          f"({drain / max(pushed, 1) * 1000:.2f} ms each = {drain / max(pushed, 1) / base:.2f} x online)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
