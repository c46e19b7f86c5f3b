"""Benchmark: a full sync of 10,000 cases from PostgreSQL central into an empty SQLite cache (goal ≤ 10 s).

Usage: KIOSK_TEST_PG_URL=postgresql+psycopg://... uv run python bench/bench_sync.py [CASES]
Creates and drops its own central database. Reports the time and rows/s, and as a baseline
from the same run the time to read the same rows from central without writing them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import insert, select

from kiosk.sealed_cases import PARAMS_VAR
from kiosk.services.case_keys import ensure_keys
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import ApplicantRow, CaseRow, Post, SlotRow
from kiosk.sync.pull import pull, tables

from pgtemp import scratch_database  # bench/ is on sys.path when a bench runs


def _seed(central: Database, cases: int) -> None:
    """Cases with one to three applicants, inserted in one transaction (as an import would)."""
    case_rows, applicant_rows = [], []
    for n in range(cases):
        number = f"GUZ{2019000000 + n:010d}"
        case_rows.append({"case_number": number, "post_code": "GUZ", "petitioner_id": f"PET-{n}", "visa_class": "IR1",
                          "priority_date": date(2019, 3, 14), "chargeability": "CHINA", "interviewed": False,
                          "visa_class_changed": False, "imported_at": datetime(2026, 11, 1, 12)})
        for i in range(1 + n % 3):
            applicant_rows.append({"id": f"{number}-{i + 1}", "case_number": number, "position": i,
                                   "role": "principal" if i == 0 else "child", "surname": "LIN",
                                   "given_names": f"MEI{i}", "date_of_birth": date(1988, 7, 30),
                                   "marital_status": "married", "on_letter": True})
    with central.transaction() as s:
        s.add(Post(code="GUZ", name="U.S. Consulate General Guangzhou", country="CN", timezone="Asia/Shanghai"))
        s.execute(insert(SlotRow), [{"id": f"2026-12-{d:02d}T08:30", "start": datetime(2026, 12, d, 8, 30),
                                     "seats": 12, "taken": 0} for d in range(1, 29)])
        s.execute(insert(CaseRow), case_rows)
        s.execute(insert(ApplicantRow), applicant_rows)


def main(cases: int) -> None:
    with scratch_database("kiosk_bench") as url:
        _run(Database(url), cases)


def _run(central: Database, cases: int) -> None:
    try:
        central.init_schema()
        t = time.perf_counter()
        _seed(central, cases)
        seeded = time.perf_counter() - t
        # The sealed records' keys, made as an import makes them (cheaply here: the sync's own work per case
        # does not depend on the Argon2 cost, which bench_sealed_cases.py measures).
        os.environ.setdefault(PARAMS_VAR, "64,1,1")
        ensure_keys(central)
        t = time.perf_counter()
        with central.engine.connect() as conn:  # baseline: only reading every synced row from central
            read = sum(len(conn.execute(select(table)).all()) for table in tables().values())
        baseline = time.perf_counter() - t
        with tempfile.TemporaryDirectory() as tmp:
            cache = Database(sqlite_url(Path(tmp) / "cache.db"))
            cache.init_schema()
            t = time.perf_counter()
            result = pull(central, cache)
            elapsed = time.perf_counter() - t
            cache.dispose()
        rows = result.upserted
        print(f"seeded {cases} cases ({read} synced rows) in {seeded:.2f} s")
        print(f"full sync: {rows} rows, {result.entries} log entries, {result.batches} batches "
              f"in {elapsed:.2f} s = {rows / elapsed:,.0f} rows/s (goal ≤ 10 s: {'met' if elapsed <= 10 else 'MISSED'})")
        print(f"baseline (read only): {baseline:.2f} s; sync/baseline = {elapsed / baseline:.1f}x")
    finally:
        central.dispose()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
