"""Evaluate 10,000 generated cases from a SQLite file; report time per case and the ratio to loading them.

Baseline (same run, same session): loading the cases with their applicants and bookings.
Goals (issue 2): evaluation ≤ 3× the load time, ≤ 1 ms per case.
Run: uv run python bench/bench_evaluation.py [N]
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kiosk.services.casefile import parse_case_file
from kiosk.services.demo import demo_document
from kiosk.services.evaluation import bookings_of, evaluate_all, evaluate_case
from kiosk.services.importer import import_case_file
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import CaseRow, case_from_rows

TODAY = date(2026, 11, 25)
CLASSES = ["F21", "F24", "F31", "F41", "F11", "IR1", "CR1", "E21", "C51", "K1"]


def generated_cases(n: int, rng: random.Random) -> list[dict]:
    cases = []
    for i in range(n):
        number = f"GUZ{3000000000 + i}"
        kids = [{"id": f"{number}-{k + 2}", "role": "child", "surname": "LI", "given_names": f"KID{k}",
                 "date_of_birth": (TODAY - timedelta(days=rng.randint(2000, 9000))).isoformat(),
                 "marital_status": rng.choice(["single"] * 9 + ["married"]), "on_letter": rng.random() > 0.05,
                 "cspa": rng.choice([None, None, None, "protected", "not_protected"])}
                for k in range(rng.randint(0, 3))]
        cases.append({
            "case_number": number, "petitioner_id": f"PET-{rng.randint(0, n // 2)}",
            "visa_class": rng.choice(CLASSES),
            "priority_date": (date(2005, 1, 1) + timedelta(days=rng.randint(0, 7000))).isoformat(),
            "chargeability": rng.choice(["CHINA", "CHINA", "INDIA", "ALL"]),
            "interviewed": rng.random() < 0.05, "visa_class_changed": rng.random() < 0.03,
            "last_contact": (TODAY - timedelta(days=rng.randint(0, 500))).isoformat(),
            "appointment": {"start": (datetime(2026, 11, 25, 8, 30) + timedelta(days=rng.randint(-90, 30)))
                            .strftime("%Y-%m-%dT%H:%M"), "booked_via": rng.choice(["consulate", "system"])},
            "applicants": [{"id": f"{number}-1", "role": "principal", "surname": "LI", "given_names": "WEI",
                            "date_of_birth": "1980-01-01", "marital_status": "married"}, *kids],
        })
    return cases


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(n: int = 10_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(sqlite_url(Path(tmp) / "bench.db"))
        db.init_schema()
        doc = demo_document(TODAY)
        doc["cases"] = generated_cases(n, random.Random(7))
        t0 = time.perf_counter()
        import_case_file(db, parse_case_file(doc), now=datetime(2026, 11, 25, 8, 0))
        print(f"import: {n} cases in {time.perf_counter() - t0:.2f} s")

        with db.session() as s:
            def load() -> None:
                s.expunge_all()
                rows = s.scalars(select(CaseRow).options(selectinload(CaseRow.applicants))).all()
                bookings = bookings_of(s, [r.case_number for r in rows])
                [case_from_rows(r, bookings.get(r.case_number, ())) for r in rows]

            def evaluate() -> None:
                s.expunge_all()
                evaluate_all(s, today=TODAY)

            load_s = best_of(3, load)
            eval_s = best_of(3, evaluate)
            sample = [f"GUZ{3000000000 + i}" for i in range(0, n, max(1, n // 500))]
            one_s = best_of(1, lambda: [evaluate_case(s, c, today=TODAY) for c in sample]) / len(sample)
        db.dispose()
    print(f"load (baseline): {load_s * 1000:.0f} ms for {n} cases")
    print(f"load + evaluate: {eval_s * 1000:.0f} ms = {eval_s / n * 1000:.3f} ms per case "
          f"(goal ≤ 1 ms), ratio to load {eval_s / load_s:.2f}× (goal ≤ 3×)")
    print(f"one case through evaluate_case (the kiosk's path): {one_s * 1000:.2f} ms per case")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
