"""Bookings per second through the central service (HTTPS, mutual TLS), 8 kiosk clients; and a full sync.

Baseline (same run, same server): pgbench's TPC-B-like transactions per second with the same
number of clients, just before and just after the bookings (their mean). Goal (issue 14): ratio
≥ 0.20, 0 slots overbooked; p50/p95 latency of a booking as a kiosk sees it; CPU per booking of
the clients, the service and PostgreSQL. Then: a full sync of 10,000 cases into an empty cache
through the service (goal ≤ 10 s).

The service runs as `kiosk-central serve` (default 2 workers × 8 threads) on 127.0.0.1 as its own
least-privilege role; each kiosk client is its own process with its own certificate.
Usage: KIOSK_TEST_PG_URL=postgresql+psycopg://... uv run python bench/bench_service.py [CLIENTS] [SECONDS] [WORKERS] [THREADS]
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, insert, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test harness starts the service and makes the PKI

from bench_booking import _pgbench_tps, _server_cpu_seconds  # noqa: E402  (bench/ is on sys.path when a bench runs)
from pgtemp import scratch_database  # noqa: E402

from kiosk.central import link, pki  # noqa: E402
from kiosk.central.client import RemoteCentral  # noqa: E402
from kiosk.sealed_cases import PARAMS_VAR  # noqa: E402
from kiosk.services.case_keys import ensure_keys  # noqa: E402
from kiosk.store.db import Database, sqlite_url  # noqa: E402
from kiosk.store.models import ApplicantRow, Booking, CaseRow, SlotRow  # noqa: E402
from tests.central.harness import bookable_slots, free_port, service_role, start_service, stop  # noqa: E402

SYNC_CASES = 10_000


def _add_cases(db: Database, first: int, n: int) -> list[str]:
    numbers = [f"GUZ{first + k:010d}" for k in range(n)]
    with db.transaction() as s:
        s.execute(insert(CaseRow), [{
            "case_number": c, "post_code": "GUZ", "petitioner_id": f"PET-{c}", "visa_class": "IR1",
            "priority_date": date(2019, 3, 14), "chargeability": "CHINA", "interviewed": False,
            "visa_class_changed": False, "last_contact": date(2026, 6, 1),
            "imported_at": datetime(2026, 11, 1)} for c in numbers])
        s.execute(insert(ApplicantRow), [{
            "id": f"{c}-1", "case_number": c, "position": 0, "role": "principal", "surname": "LIN",
            "given_names": "MEI", "date_of_birth": date(1988, 7, 30), "marital_status": "married",
            "on_letter": True} for c in numbers])
    return numbers


def _client(url: str, tls: str, kiosk: str, numbers: list[str], slots: list[str], ready, seconds: float,  # type: ignore[no-untyped-def]
            out: mp.Queue) -> None:
    d = Path(tls)
    remote = RemoteCentral([url], ca=d / pki.CA_CERT, cert=d / f"{kiosk}.pem", key=d / f"{kiosk}.key")
    remote.hello()  # connected and handshaken before the clock starts, as a kiosk in service is
    latencies, booked, refused = [], 0, 0
    ready.wait()  # every client is connected: all start together
    cpu0 = time.process_time()
    deadline = time.time() + seconds
    for i, number in enumerate(numbers):
        if time.time() >= deadline:
            break
        t0 = time.perf_counter()
        answer = remote.push(str(uuid.uuid4()), "book", {"case_number": number, "slot_id": slots[i % len(slots)]})
        latencies.append(time.perf_counter() - t0)
        if answer.status.value == "done":
            booked += 1
        else:
            assert answer.result.get("error") == "SLOT_FULL", answer.result
            refused += 1
    cpu = time.process_time() - cpu0
    remote.close()
    out.put((booked, refused, latencies, cpu))


def _group_cpu_seconds(pgid: int) -> float:
    """CPU seconds of every process in a process group so far (the service: gunicorn's master and workers)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields[2]: the process group; [11:13]: utime, stime
            total += int(fields[11]) + int(fields[12])
    return total / tick


def main(clients: int = 8, seconds: int = 10, workers: int = 2, threads: int = 8) -> None:
    with scratch_database("kiosk_bench_service") as url, tempfile.TemporaryDirectory() as tmp:
        tls = Path(tmp)
        db = Database(url)
        db.init_schema()
        slots = bookable_slots(db, 20, seats=10_000)
        _add_cases(db, 2017000000, SYNC_CASES)  # what the full sync copies, before the run's own cases
        # The sealed records' keys, made as an import makes them (cheap Argon2 here: the sync's work per case does
        # not depend on it; bench_sealed_cases.py measures that cost).
        os.environ.setdefault(PARAMS_VAR, "64,1,1")
        ensure_keys(db)
        pki.init_ca(tls, "GUZ")
        pki.issue_server(tls, tls, ["127.0.0.1"])
        from kiosk.central import registry

        for n in range(clients):
            registry.register(db, pki.issue_kiosk(tls, tls, f"bench-{n}").cert_path, now=datetime.now())
        port = free_port()
        with service_role(url) as role_url:
            proc = start_service(tls, role_url, port, log=tls / "service.log", workers=workers, threads=threads)
            try:
                service = f"https://127.0.0.1:{port}"
                # A full sync of SYNC_CASES cases into an empty cache.
                cache = Database(sqlite_url(tls / "cache.db"))
                cache.init_schema()
                with RemoteCentral([service], ca=tls / pki.CA_CERT, cert=tls / "bench-0.pem",
                                   key=tls / "bench-0.key", deadline=60) as remote:
                    t0 = time.perf_counter()
                    pulled = link.pull(remote, cache, batch=2000)
                    sync_s = time.perf_counter() - t0
                with cache.session() as s:
                    cached = s.scalar(select(func.count()).select_from(CaseRow))
                cache.dispose()

                per_client = 300 * seconds  # more than a client reaches
                numbers = _add_cases(db, 2019000000, per_client * clients)
                with db.engine.connect() as conn:
                    conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
                # pgbench just before and just after the bookings: on a shared machine the load moves
                # from minute to minute, and the ratio is to their mean.
                tps_before = _pgbench_tps(clients, seconds)
                ctx = mp.get_context("spawn")
                out: mp.Queue = ctx.Queue()
                ready = ctx.Barrier(clients)
                procs = [ctx.Process(target=_client, args=(service, str(tls), f"bench-{n}",
                                                           numbers[n::clients][:per_client], slots, ready,
                                                           seconds, out)) for n in range(clients)]
                for p in procs:
                    p.start()
                service0, server0 = _group_cpu_seconds(proc.pid), _server_cpu_seconds()
                results = [out.get(timeout=seconds + 300) for _ in procs]
                service1, server1 = _group_cpu_seconds(proc.pid), _server_cpu_seconds()
                for p in procs:
                    p.join()
                booked, refused = sum(r[0] for r in results), sum(r[1] for r in results)
                latencies = sorted(x for r in results for x in r[2])
                with db.session() as s:
                    over = s.scalar(select(func.count()).select_from(SlotRow).where(SlotRow.taken > SlotRow.seats))
                    rows = s.scalar(select(func.count()).select_from(Booking).where(Booking.status == "active"))
            finally:
                stop(proc)
        db.dispose()
    tps_after = _pgbench_tps(clients, seconds)
    tps = (tps_before + tps_after) / 2
    rate = booked / seconds
    p50 = statistics.median(latencies) * 1000
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    print(f"service: {workers} gunicorn workers x {threads} threads")
    print(f"through the service: {booked} bookings in {seconds} s with {clients} kiosk clients = {rate:.1f}/s "
          f"({refused} SLOT_FULL); active booking rows {rows}; slots overbooked {over}")
    print(f"latency per booking: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    answers = max(1, booked + refused)
    pg = (f", PostgreSQL (every backend on the machine) {(server1 - server0) / answers * 1000:.2f} ms"
          if server0 is not None and server1 is not None else "")
    print(f"CPU per booking: kiosk clients {sum(r[3] for r in results) / answers * 1000:.2f} ms, "
          f"service {(service1 - service0) / answers * 1000:.2f} ms{pg} ({os.cpu_count()} cores)")
    print(f"pgbench TPC-B, {clients} clients: {tps_before:.1f} tps before, {tps_after:.1f} after, mean {tps:.1f}")
    print(f"ratio bookings/s to pgbench tps: {rate / tps:.3f} (goal ≥ 0.20)")
    print(f"full sync through the service into an empty cache: {cached} cases ({pulled.upserted} rows, {pulled.batches} batches) "
          f"in {sync_s:.2f} s (goal ≤ 10 s)")


if __name__ == "__main__":
    main(*[int(a) for a in sys.argv[1:5]])
