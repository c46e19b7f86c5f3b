"""Bookings per second through the real booking path, 8 concurrent clients on PostgreSQL.

Baseline (same run, same server): pgbench's TPC-B-like transactions per second with the
same number of clients. Goal (issue 5): ratio ≥ 0.25, with 0 slots overbooked.
Usage: KIOSK_TEST_PG_URL=postgresql+psycopg://... uv run python bench/bench_booking.py [CLIENTS] [SECONDS]
Creates and drops its own databases. Where the server runs on this machine it also reports
the CPU time per booking of the clients and of the PostgreSQL processes (from /proc; other
work on the same server in the meantime counts too), to show where a booking's cost lies.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import subprocess
import sys
import time
from datetime import date, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.engine import make_url

from kiosk.domain.errors import RuleError
from kiosk.services.booking import book
from kiosk.store.db import Database
from kiosk.store.models import ApplicantRow, Booking, BookingApplicant, CaseRow, Post, SlotRow

from pgtemp import scratch_database  # bench/ is on sys.path when a bench runs

NOW = datetime(2026, 11, 25, 9, 0)
SLOTS = [datetime(2026, 12, d, h, 30) for d in (1, 2, 3, 4, 7, 8, 9, 10, 11, 14) for h in (8, 9, 10, 13, 14)]
BOOKINGS_PER_SECOND = 1000  # more than any run reaches: seats and cases never run out and cap the rate


HISTORY = 20_000  # bookings central already holds, from earlier weeks, before the run
PAST = [datetime(2026, 9, d, h, 30) for d in range(1, 31) for h in (8, 9, 10, 13, 14)]


def _seed(db: Database, cases: int) -> None:
    """The run's cases and slots on a central that has served a season, with its statistics gathered.

    An empty bookings table would let PostgreSQL plan for empty tables and keep those plans
    (prepared statements) while the run fills them; in service autovacuum keeps statistics.
    """
    _seed_run(db, cases)
    _seed_history(db, HISTORY)
    with db.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")


def _add_cases(s, first: int, n: int, *, interviewed: bool) -> list[str]:  # type: ignore[no-untyped-def]
    """n one-applicant cases numbered from `first`; returns their case numbers."""
    numbers = [f"GUZ{first + k:010d}" for k in range(n)]
    s.execute(insert(CaseRow), [{
        "case_number": c, "post_code": "GUZ", "petitioner_id": f"PET-{c}", "visa_class": "IR1",
        "priority_date": date(2019, 3, 14), "chargeability": "CHINA", "interviewed": interviewed,
        "visa_class_changed": False, "last_contact": date(2026, 6, 1), "imported_at": NOW} for c in numbers])
    s.execute(insert(ApplicantRow), [{
        "id": f"{c}-1", "case_number": c, "position": 0, "role": "principal", "surname": "LIN",
        "given_names": "MEI", "date_of_birth": date(1988, 7, 30), "marital_status": "married", "on_letter": True}
        for c in numbers])
    return numbers


def _seed_history(db: Database, n: int) -> None:
    """n earlier bookings, one per interviewed case, in past slots that they filled."""
    per_slot = -(-n // len(PAST))
    with db.transaction() as s:
        s.execute(insert(SlotRow), [{"id": f"{t:%Y-%m-%dT%H:%M}", "start": t, "seats": per_slot, "taken": per_slot}
                                    for t in PAST])
        numbers = _add_cases(s, 2018000000, n, interviewed=True)
        s.execute(insert(Booking), [{
            "reference": f"GUZ-H{k:07d}", "case_number": c, "status": "active", "seats": 1,
            "slot_id": f"{PAST[k % len(PAST)]:%Y-%m-%dT%H:%M}", "created_at": datetime(2026, 8, 1),
            "issued_offline": False} for k, c in enumerate(numbers)])
        s.execute(insert(BookingApplicant), [{"booking_reference": f"GUZ-H{k:07d}", "applicant_id": f"{c}-1",
                                              "case_number": c} for k, c in enumerate(numbers)])


def _seed_run(db: Database, cases: int) -> None:
    seats = -(-cases // len(SLOTS))  # every client contends for every slot; there is a seat for every case
    with db.transaction() as s:
        s.add(Post(code="GUZ", name="U.S. Consulate General Guangzhou", country="CN", timezone="Asia/Shanghai"))
        s.execute(insert(SlotRow), [{"id": f"{t:%Y-%m-%dT%H:%M}", "start": t, "seats": seats, "taken": 0}
                                    for t in SLOTS])
        _add_cases(s, 2019000000, cases, interviewed=False)


def _client(url: str, client: int, clients: int, cases: int, seconds: float, start_at: float, out: mp.Queue) -> None:
    db = Database(url)
    booked = full = 0
    while time.time() < start_at:
        time.sleep(0.01)
    cpu = time.process_time()
    deadline = start_at + seconds
    for n in range(client, cases, clients):
        if time.time() >= deadline:
            break
        slot = SLOTS[(n * 7) % len(SLOTS)]
        try:
            book(db, f"GUZ{2019000000 + n:010d}", f"{slot:%Y-%m-%dT%H:%M}", now=NOW, key=f"bench-{n}")
            booked += 1
        except RuleError as exc:
            assert exc.code == "SLOT_FULL", exc.code
            full += 1
    cpu = time.process_time() - cpu
    db.dispose()
    out.put((booked, full, cpu))


def _server_cpu_seconds() -> float | None:
    """CPU seconds of every local postgres process so far, ended backends included; None if unreadable."""
    tick, total, found = os.sysconf("SC_CLK_TCK"), 0, False
    try:
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat") as f:
                    name, rest = f.read().rsplit(")", 1)
            except OSError:
                continue
            if name.endswith("(postgres"):
                fields = rest.split()  # fields[11:15]: utime, stime, cutime, cstime (of reaped children)
                total += sum(int(x) for x in fields[11:15])
                found = True
    except OSError:
        return None
    return total / tick if found else None


def _pgbench_tps(clients: int, seconds: int) -> float:
    with scratch_database("kiosk_pgbench") as url:
        u = make_url(url)
        env = {**os.environ, "PGPASSWORD": u.password or ""}
        conn = ["-h", u.host or "127.0.0.1", "-p", str(u.port or 5432), "-U", u.username or "postgres"]
        subprocess.run(["pgbench", *conn, "-i", "-s", "1", "-q", u.database], env=env, check=True,
                       capture_output=True)
        run = subprocess.run(["pgbench", *conn, "-c", str(clients), "-j", "2", "-T", str(seconds), u.database],
                             env=env, check=True, capture_output=True, text=True)
        return float(re.search(r"tps = ([\d.]+)", run.stdout).group(1))


def main(clients: int = 8, seconds: int = 10) -> None:
    with scratch_database("kiosk_bench") as url:
        db = Database(url)
        db.init_schema()
        cases = BOOKINGS_PER_SECOND * seconds
        _seed(db, cases)
        ctx = mp.get_context("spawn")
        out: mp.Queue = ctx.Queue()
        start_at = time.time() + 3  # let every client import and connect first
        procs = [ctx.Process(target=_client, args=(url, i, clients, cases, seconds, start_at, out))
                 for i in range(clients)]
        for p in procs:
            p.start()
        time.sleep(max(0.0, start_at - time.time()))
        server0 = _server_cpu_seconds()
        results = [out.get(timeout=seconds + 120) for _ in procs]
        server1 = _server_cpu_seconds()
        for p in procs:
            p.join()
        booked, full = sum(r[0] for r in results), sum(r[1] for r in results)
        client_cpu = sum(r[2] for r in results)
        with db.session() as s:
            over = s.scalar(select(func.count()).select_from(SlotRow).where(SlotRow.taken > SlotRow.seats))
            run_slots = SlotRow.start >= SLOTS[0]
            rows = s.scalar(select(func.count()).select_from(Booking).join(SlotRow)
                            .where(Booking.status == "active", run_slots))
            taken = s.scalar(select(func.sum(SlotRow.taken)).where(run_slots))
        db.dispose()
        rate = booked / seconds
        tps = _pgbench_tps(clients, seconds)
        print(f"bookings: {booked} in {seconds} s with {clients} clients = {rate:.1f}/s "
              f"({full} SLOT_FULL answers); active booking rows {rows}, seats taken {taken}, "
              f"slots overbooked {over}")
        answers = max(1, booked + full)
        server = (f", PostgreSQL {(server1 - server0) / answers * 1000:.2f} ms"
                  if server0 is not None and server1 is not None else "")
        print(f"CPU per answer: clients {client_cpu / answers * 1000:.2f} ms{server} "
              f"({os.cpu_count()} cores)")
        print(f"pgbench TPC-B, {clients} clients: {tps:.1f} tps")
        print(f"ratio bookings/s to pgbench tps: {rate / tps:.3f} (goal ≥ 0.25)")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    main(*args)
