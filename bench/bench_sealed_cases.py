"""Sealed case records (issue 15): the look-up that opens one vs. today's clear look-up, a full sync of sealed
cases, and central's sealing cost, reported separately.

1. Central (a scratch PostgreSQL database) gets N cases (default 10,000; one to three applicants each).
2. Sealing cost: LOOKUPS cases get their record keys with the real Argon2id parameters
   (kiosk.sealed_cases.PARAMS), one derivation at a time, timed in core-seconds (what an attacker pays
   per guess, and central per case); the rest get theirs with cheap parameters, so the run does not
   spend N x 0.15 core-s: the sync's own work per case (reading the group, AES-GCM) does not depend on
   them. The total for N cases is the measured cost per case x N, on one core (central's import spreads
   it over all cores).
3. Full sync of the N sealed cases into an empty SQLite cache (goal <= 10 s), and as a baseline in the same run
   the same pull without sealing (today's before issue 15).
4. Look-ups (`look_up_letter`, as a kiosk's cache answers it offline): baseline = the same cases in the
   clear (a database holding them as central does, today's look-up); sealed = the synced cache, where the
   look-up derives the key from what the applicant typed and opens the record. Ratio and p95 (goal < 0.5 s).
Run: KIOSK_TEST_PG_URL=postgresql+psycopg://... uv run python bench/bench_sealed_cases.py [N] [LOOKUPS]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from kiosk import sealed_cases as sc
from kiosk.services.case_keys import DerivedKey, ensure_keys, store_keys
from kiosk.services.letter import look_up_letter
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import ApplicantRow, CaseRow, Post, SlotRow
from kiosk.sync import pull as pull_module
from kiosk.sync import sealed_rows
from kiosk.sync.pull import pull

from pgtemp import scratch_database  # bench/ is on sys.path when a bench runs

TODAY, NOW = date(2026, 11, 25), datetime(2026, 11, 25, 9, 0)
CHEAP = "64,1,1"


def p(values: list[float], q: float) -> float:
    return sorted(values)[max(0, int(round(q * len(values))) - 1)]


def _rows(n: int, rng: random.Random) -> tuple[list[dict], list[dict], dict[str, date]]:
    cases, people, born = [], [], {}
    for k in range(n):
        number = f"GUZ{2019000000 + k:010d}"
        dob = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 50))
        born[number] = dob
        cases.append({"case_number": number, "post_code": "GUZ", "petitioner_id": f"PET-{k // 2}", "visa_class": "IR1",
                      "priority_date": date(2019, 3, 14), "chargeability": "CHINA", "interviewed": False,
                      "visa_class_changed": False, "last_contact": date(2026, 6, 2),
                      "appointment_start": datetime(2026, 10, 12, 8, 30), "appointment_booked_via": "consulate",
                      "imported_at": datetime(2026, 11, 1, 12)})
        for i in range(1 + k % 3):
            people.append({"id": f"{number}-{i + 1}", "case_number": number, "position": i,
                           "role": "principal" if i == 0 else "child", "surname": f"SURNAME{k}",
                           "given_names": f"GIVEN{i}", "native_name": "林美",
                           "date_of_birth": dob if i == 0 else date(2012, 1, 9),
                           "marital_status": "married" if i == 0 else "single", "on_letter": True})
    return cases, people, born


def _seed(db: Database, cases: list[dict], people: list[dict]) -> None:
    with db.transaction() as s:
        s.add(Post(code="GUZ", name="U.S. Consulate General Guangzhou", country="CN", timezone="Asia/Shanghai"))
        s.execute(insert(SlotRow), [{"id": f"2026-12-{d:02d}T08:30", "start": datetime(2026, 12, d, 8, 30),
                                     "seats": 12, "taken": 0} for d in range(1, 29)])
        for i in range(0, len(cases), 2000):
            s.execute(insert(CaseRow), cases[i:i + 2000])
        for i in range(0, len(people), 2000):
            s.execute(insert(ApplicantRow), people[i:i + 2000])


@contextmanager
def _unsealed() -> Iterator[None]:
    """Today's pull for the baseline: rows copied as central has them (no sealing, no group resealing)."""
    rows, groups = sealed_rows.Sealer.rows, pull_module.add_group_cases
    sealed_rows.Sealer.rows = lambda self, table_name, rows: rows  # type: ignore[method-assign]
    pull_module.add_group_cases = lambda conn, current: None  # type: ignore[assignment]
    try:
        yield
    finally:
        sealed_rows.Sealer.rows, pull_module.add_group_cases = rows, groups  # type: ignore[method-assign]


def _look_ups(db: Database, numbers: list[str], born: dict[str, date]) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of each look-up, after one untimed (statements prepared, pages read)."""
    wall, cpu = [], []
    look_up_letter(db, numbers[-1], born[numbers[-1]].isoformat(), today=TODAY, now=NOW, kiosk_id="bench",
                   visit_id="warm", count=False)
    for i, number in enumerate(numbers):
        t0, c0 = time.perf_counter(), time.process_time()
        found = look_up_letter(db, number, born[number].isoformat(), today=TODAY, now=NOW, kiosk_id="bench",
                               visit_id=f"v{i}", count=False)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        assert found.case.principal is not None and found.case.principal.date_of_birth == born[number]
    return wall, cpu


def main(n: int = 10_000, lookups: int = 40) -> None:
    rng = random.Random(15)
    cases, people, born = _rows(n, rng)
    sample = rng.sample(sorted(born), lookups)
    params = sc.PARAMS
    print(f"Argon2id m={params.memory_kib // 1024} MiB t={params.time_cost} p={params.parallelism}; "
          f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {n} cases, {lookups} look-ups")
    with scratch_database("kiosk_bench_sealed") as url, tempfile.TemporaryDirectory() as tmp:
        central = Database(url)
        central.init_schema()
        _seed(central, cases, people)
        derive_cpu: list[float] = []
        keys = []
        for number in sample:  # the real cost, one derivation at a time
            c0 = time.process_time()
            key = sc.new_case_key(number, born[number], params)
            derive_cpu.append(time.process_time() - c0)
            keys.append(DerivedKey(number, born[number], key))
        store_keys(central, keys)
        os.environ[sc.PARAMS_VAR] = CHEAP
        t0 = time.perf_counter()
        ensure_keys(central)  # the others, cheaply (see the docstring)
        cheap = time.perf_counter() - t0
        plain = Database(sqlite_url(Path(tmp) / "plain.db"))  # baseline: the same pull without sealing
        plain.init_schema()
        with _unsealed():
            t0 = time.perf_counter()
            pull(central, plain)
            unsealed = time.perf_counter() - t0
        plain.dispose()
        cache = Database(sqlite_url(Path(tmp) / "cache.db"))
        cache.init_schema()
        t0 = time.perf_counter()
        result = pull(central, cache)
        synced = time.perf_counter() - t0
        clear = Database(sqlite_url(Path(tmp) / "clear.db"))  # today's: the cases in the clear
        clear.init_schema()
        _seed(clear, cases, people)
        clear_wall, _ = _look_ups(clear, sample, born)
        sealed_wall, sealed_cpu = _look_ups(cache, sample, born)
        for db in (cache, clear, central):
            db.dispose()
    per_case = sorted(derive_cpu)[len(derive_cpu) // 2]
    guesses = 365 * 90
    print(f"central's sealing cost: {per_case:.3f} core-s per case (median of {lookups}), "
          f"{per_case * n / 60:.1f} core-minutes for {n} cases ({per_case * n / 60 / (os.cpu_count() or 1):.1f} "
          f"minutes on this machine's {os.cpu_count()} cores); {n - lookups} keys made cheaply in {cheap:.1f} s")
    print(f"full sync of {n} sealed cases: {result.upserted} rows in {synced:.2f} s "
          f"(goal <= 10 s: {'met' if synced <= 10 else 'MISSED'}); the same pull unsealed (baseline, same run): "
          f"{unsealed:.2f} s, ratio {synced / unsealed:.2f}x")
    print(f"clear look-up (baseline): p50 {p(clear_wall, 0.5) * 1000:.1f} ms, p95 {p(clear_wall, 0.95) * 1000:.1f} ms")
    print(f"sealed look-up: p50 {p(sealed_wall, 0.5) * 1000:.1f} ms, p95 {p(sealed_wall, 0.95) * 1000:.1f} ms "
          f"(goal < 500 ms: {'met' if p(sealed_wall, 0.95) < 0.5 else 'MISSED'}), "
          f"ratio p50 {p(sealed_wall, 0.5) / p(clear_wall, 0.5):.1f}x; CPU p50 {p(sealed_cpu, 0.5):.3f} core-s")
    print(f"an attacker with the disk: {per_case:.3f} core-s per guess x {guesses:,} plausible dates of birth "
          f"(90 years) = {per_case * guesses / 3600:.1f} core-hours to open one case for sure (half on average), "
          f"{per_case * guesses * n / 3600 / 24 / 365:.1f} core-years for all {n}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
