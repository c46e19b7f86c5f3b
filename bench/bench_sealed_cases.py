"""Sealed case records: the look-up that opens one vs. today's clear look-up, and central's sealing cost.

Baseline (same run): `look_up_letter` on a SQLite cache of N generated cases (the clear look-up).
Sealed look-up = the clear look-up + deriving the record key (Argon2id, kiosk.sealed_cases.PARAMS) +
opening the record. Goal (issue 15): the sealed look-up under 0.5 s at p95 on the kiosks' 2 cores.
Central's sealing cost per case (derive + seal) is reported separately, with its total for 10,000 cases.
Core-seconds (process time) are what an attacker pays per guess; wall time is what the applicant waits.
Run: uv run python bench/bench_sealed_cases.py [N] [LOOKUPS]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from bench_evaluation import TODAY, generated_cases

from kiosk import sealed_cases as sc
from kiosk.services.casefile import parse_case_file
from kiosk.services.demo import demo_document
from kiosk.services.importer import import_case_file
from kiosk.services.letter import look_up_letter
from kiosk.store.db import Database, sqlite_url


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]


def main(n: int = 2_000, lookups: int = 40) -> None:
    rng = random.Random(11)
    record = {"applicants": {f"GUZ3000000000-{k}": ["LI", "WEI", "李伟", "1980-01-01"] for k in range(4)}}
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(sqlite_url(Path(tmp) / "bench.db"))
        db.init_schema()
        doc = demo_document(TODAY)
        doc["cases"] = generated_cases(n, rng)
        import_case_file(db, parse_case_file(doc), now=datetime(2026, 11, 25, 8, 0))
        numbers = [f"GUZ{3000000000 + rng.randrange(n)}" for _ in range(lookups)]
        clear: list[float] = []
        for i, number in enumerate(numbers):
            t0 = time.perf_counter()
            look_up_letter(db, number, "1980-01-01", today=TODAY, now=datetime(2026, 11, 25, 9, 0),
                           kiosk_id="bench", visit_id=f"v{i}", count=False)
            clear.append(time.perf_counter() - t0)
        db.dispose()

    sealed_wall: list[float] = []
    derive_cpu: list[float] = []
    seal_cpu: list[float] = []
    for number, base in zip(numbers, clear, strict=True):
        c0 = time.process_time()
        text = sc.seal(sc.new_case_key(number, date(1980, 1, 1), sc.PARAMS), number, record)  # central's work
        seal_cpu.append(time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        sc.open_with(number, date(1980, 1, 1), text)  # the kiosk's extra work at a look-up
        derive_cpu.append(time.process_time() - c0)
        sealed_wall.append(base + time.perf_counter() - t0)

    p = sc.PARAMS
    guesses = 365 * 90
    per_guess = sorted(derive_cpu)[len(derive_cpu) // 2]
    print(f"Argon2id m={p.memory_kib // 1024} MiB t={p.time_cost} p={p.parallelism}; load {os.getloadavg()[0]:.1f}"
          f" on {os.cpu_count()} cores")
    print(f"clear look-up (baseline): p50 {sorted(clear)[len(clear) // 2] * 1000:.1f} ms, p95 {p95(clear) * 1000:.1f} ms")
    print(f"sealed look-up: p50 {sorted(sealed_wall)[len(sealed_wall) // 2] * 1000:.1f} ms, "
          f"p95 {p95(sealed_wall) * 1000:.1f} ms (goal < 500 ms), ratio p50 "
          f"{sorted(sealed_wall)[len(sealed_wall) // 2] / sorted(clear)[len(clear) // 2]:.1f}x")
    print(f"one guess (derive + open): {per_guess:.3f} core-s; {guesses} dates of birth -> "
          f"{per_guess * guesses / 3600:.2f} core-hours for one case (half on average)")
    print(f"central sealing: {sorted(seal_cpu)[len(seal_cpu) // 2]:.3f} core-s per case, "
          f"{sorted(seal_cpu)[len(seal_cpu) // 2] * 10_000 / 60:.1f} core-minutes for 10,000 cases")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
