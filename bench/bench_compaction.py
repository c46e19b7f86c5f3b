"""Benchmark: compaction of a season's change log, and the full copy a kiosk behind its horizon then makes.

Usage: KIOSK_TEST_PG_URL=postgresql+psycopg://... uv run python bench/bench_compaction.py [CASES] [ROUNDS]
Creates and drops its own central database. Central gets CASES cases, is imported again
ROUNDS times (every case and applicant rewritten), takes a booking for a third of the cases,
cancels a fifth of those and deletes a twentieth of the cases. Reports the change log before
and after compaction and its time, then a fresh cache's pull of the compacted central (a full
copy from one snapshot) as a ratio to the incremental pull of the whole uncompacted log,
measured in the same run.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import delete, func, insert, select, update

from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import ApplicantRow, Booking, BookingApplicant, CaseRow, Post, SlotRow
from kiosk.store.sync_tables import ChangeLog
from kiosk.sync.compaction import compact
from kiosk.sync.pull import pull

from pgtemp import scratch_database  # bench/ is on sys.path when a bench runs

SLOTS = [f"2026-12-{d:02d}T08:30" for d in range(1, 29)]


def _number(n: int) -> str:
    return f"GUZ{2019000000 + n:010d}"


def _season(central: Database, cases: int, rounds: int) -> None:
    with central.transaction() as s:
        s.add(Post(code="GUZ", name="U.S. Consulate General Guangzhou", country="CN", timezone="Asia/Shanghai"))
        s.execute(insert(SlotRow), [{"id": i, "start": datetime.fromisoformat(i), "seats": 10_000, "taken": 0}
                                    for i in SLOTS])
        s.execute(insert(CaseRow), [{
            "case_number": _number(n), "post_code": "GUZ", "petitioner_id": f"PET-{n}", "visa_class": "IR1",
            "priority_date": date(2019, 3, 14), "chargeability": "CHINA", "interviewed": False,
            "visa_class_changed": False, "imported_at": datetime(2026, 11, 1, 12)} for n in range(cases)])
        s.execute(insert(ApplicantRow), [{
            "id": f"{_number(n)}-{i + 1}", "case_number": _number(n), "position": i,
            "role": "principal" if i == 0 else "child", "surname": "LIN", "given_names": f"MEI{i}",
            "date_of_birth": date(1988, 7, 30), "marital_status": "married", "on_letter": True}
            for n in range(cases) for i in range(1 + n % 3)])
    for r in range(rounds):  # each import rewrites every case and applicant
        with central.transaction() as s:
            s.execute(update(CaseRow).values(imported_at=datetime(2026, 11, 2 + r, 12)))
            s.execute(update(ApplicantRow).values(given_names=ApplicantRow.given_names + "."))
    booked = list(range(0, cases, 3))
    for start in range(0, len(booked), 500):  # bookings come in one by one; 500 a transaction keeps it quick
        with central.transaction() as s:
            for n in booked[start:start + 500]:
                slot = SLOTS[n % len(SLOTS)]
                s.execute(insert(Booking).values(reference=f"GUZ-{n:08d}", case_number=_number(n), slot_id=slot,
                                                 status="active", seats=1, created_at=datetime(2026, 11, 20)))
                s.execute(insert(BookingApplicant).values(booking_reference=f"GUZ-{n:08d}",
                                                          applicant_id=f"{_number(n)}-1", case_number=_number(n)))
                s.execute(update(SlotRow).where(SlotRow.id == slot).values(taken=SlotRow.taken + 1))
    with central.transaction() as s:
        s.execute(update(Booking).where(Booking.reference.in_([f"GUZ-{n:08d}" for n in booked[::5]]))
                  .values(status="cancelled"))
        gone = [_number(n) for n in range(1, cases, 20)]
        s.execute(delete(ApplicantRow).where(ApplicantRow.case_number.in_(gone)))
        s.execute(delete(CaseRow).where(CaseRow.case_number.in_(gone)))


def _log(central: Database) -> int:
    with central.session() as s:
        return s.scalar(select(func.count()).select_from(ChangeLog))


def _timed_pull(central: Database, tmp: str, name: str):  # type: ignore[no-untyped-def]
    cache = Database(sqlite_url(Path(tmp) / f"{name}.db"))
    cache.init_schema()
    t = time.perf_counter()
    result = pull(central, cache)
    elapsed = time.perf_counter() - t
    cache.dispose()
    return result, elapsed


def main(cases: int, rounds: int) -> None:
    with scratch_database("kiosk_bench_compaction") as url:
        central = Database(url)
        try:
            central.init_schema()
            t = time.perf_counter()
            _season(central, cases, rounds)
            print(f"season: {cases} cases, {rounds} re-imports, bookings and deletions in "
                  f"{time.perf_counter() - t:.1f} s; change log {_log(central):,} entries")
            with tempfile.TemporaryDirectory() as tmp:
                before, baseline = _timed_pull(central, tmp, "before")
                print(f"baseline: a fresh cache pulls the whole log: {before.entries:,} entries, "
                      f"{before.upserted:,} rows in {baseline:.2f} s")
                r = compact(central, keep_days=0, now=datetime.now())
                print(f"compaction: {r.log_before:,} → {r.log_after:,} entries ({r.superseded:,} superseded, "
                      f"{r.tombstones:,} tombstones) in {r.seconds:.2f} s = {r.seconds / baseline:.2f}x baseline; "
                      f"horizon {r.horizon:,}")
                after, copy = _timed_pull(central, tmp, "after")
                print(f"a fresh cache after it: {after.resynced}; {after.upserted:,} rows in {copy:.2f} s "
                      f"= {copy / baseline:.2f}x baseline")
                cache = Database(sqlite_url(Path(tmp) / "after.db"))
                idle = time.perf_counter()
                for _ in range(20):  # an up-to-date kiosk's pull: the checks and an empty batch
                    pull(central, cache)
                cache.dispose()
                print(f"an up-to-date pull (identity, horizon, fingerprint, empty batch): "
                      f"{(time.perf_counter() - idle) / 20 * 1000:.1f} ms")
        finally:
            central.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
