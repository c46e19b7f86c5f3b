"""Bookings per second through the central service (HTTPS, mutual TLS), 8 kiosk clients; and a full sync.

Baseline (same run, same server, same client count): pgbench's TPC-B-like transactions per
second. On a machine shared with other work the load moves from second to second, so the two
are interleaved in short phases: pgbench, bookings, pgbench, bookings, … pgbench. Each booking
phase is held against the mean of the pgbench phases either side of it; the run's ratio is all
bookings per second of booking phase against the mean of all pgbench phases, and the median and
lowest of the per-phase ratios are shown too. Goal (issue 14): ratio ≥ 0.20, 0 slots overbooked;
p50/p95 latency of a booking as a kiosk sees it; CPU per booking of the kiosk clients, the
service (gunicorn's processes) and the service's own PostgreSQL backends; the load average
during the run. Then: a full sync of 10,000 cases into an empty cache through the service
(goal ≤ 10 s).

Steady state, as at a post in service: before the measured phases the clients book for a few
seconds (a warm-up, not counted), then the tables are analysed, as autovacuum does once a table
has grown by 50 rows. Without it the planner kept the statistics of the empty bookings tables and
read every earlier booking on each new one (sequential scans; the rate fell phase by phase, 561 →
448 bookings/s), which a post's central, with its history and autovacuum, does not do.

The service runs as `kiosk-central serve` (default 2 workers × 8 threads) on 127.0.0.1 as its own
least-privilege role; each kiosk client is its own process with its own certificate, and waits
between booking phases (connected, as a kiosk in service is).
Usage: KIOSK_TEST_PG_URL=postgresql+psycopg://... uv run python bench/bench_service.py
       [CLIENTS] [ROUNDS] [PHASE_SECONDS] [WORKERS] [THREADS]
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the test harness starts the service and makes the PKI

from pgtemp import scratch_database  # noqa: E402  (bench/ is on sys.path when a bench runs)

from kiosk.central import link, pki, registry  # noqa: E402
from kiosk.central.client import RemoteCentral  # noqa: E402
from kiosk.sealed_cases import PARAMS_VAR  # noqa: E402
from kiosk.services.case_keys import ensure_keys  # noqa: E402
from kiosk.store.db import Database, sqlite_url  # noqa: E402
from kiosk.store.models import ApplicantRow, Booking, CaseRow, SlotRow  # noqa: E402
from tests.central.harness import bookable_slots, free_port, service_role, start_service, stop  # noqa: E402

SYNC_CASES = 10_000
WARM_UP, WARM_UP_SECONDS = -1, 3
SETTLE = 0.3  # s between phases: bookings still in flight finish before pgbench starts (p95 is ~0.1 s)


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


def _client(url: str, tls: str, kiosk: str, numbers: list[str], slots: list[str], ready, go, phase,  # type: ignore[no-untyped-def]
            finished, out: mp.Queue) -> None:
    """Books while `go` is set; counts a booking for the phase it started and ended in."""
    d = Path(tls)
    remote = RemoteCentral([url], ca=d / pki.CA_CERT, cert=d / f"{kiosk}.pem", key=d / f"{kiosk}.key")
    remote.hello()  # connected and handshaken before the clock starts, as a kiosk in service is
    booked: dict[int, int] = {}
    latencies: list[float] = []
    refused, cpu, i = 0, 0.0, 0
    ready.wait()
    while not finished.is_set():
        if not go.wait(timeout=0.05):
            continue
        p, c0, t0 = phase.value, time.process_time(), time.perf_counter()
        answer = remote.push(str(uuid.uuid4()), "book", {"case_number": numbers[i], "slot_id": slots[i % len(slots)]})
        latency, i = time.perf_counter() - t0, i + 1
        cpu += time.process_time() - c0
        if answer.status.value != "done":
            assert answer.result.get("error") == "SLOT_FULL", answer.result
            refused += 1
        elif go.is_set() and phase.value == p:  # ended inside the phase it started in
            booked[p] = booked.get(p, 0) + 1
            if p >= 0:  # not the warm-up's
                latencies.append(latency)
    remote.close()
    out.put((booked, refused, latencies, cpu, i))


def _backends(db: Database, role: str) -> list[int]:
    """The process ids of the PostgreSQL backends serving `role` (the service's pools)."""
    with db.engine.connect() as conn:
        return list(conn.execute(text("SELECT pid FROM pg_stat_activity WHERE usename = :r"), {"r": role}).scalars())


def _connections(port: int) -> set[str]:
    """The kiosk clients' TCP connections to the service now (their ports): kept alive, they stay the same."""
    listing = subprocess.run(["ss", "-Htn", "state", "established", f"( sport = :{port} )"], capture_output=True,
                             text=True, check=False).stdout
    return {line.split()[-1] for line in listing.splitlines() if line.strip()}


def _cpu_seconds(pids: list[int] | None = None, *, group: int | None = None) -> float:
    """CPU seconds so far of these processes, or of every process in a process group (gunicorn's master and workers)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0
    for pid in (pids if pids is not None else [int(p) for p in os.listdir("/proc") if p.isdigit()]):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if group is None or int(fields[2]) == group:  # fields[2]: the process group; [11:13]: utime, stime
            total += int(fields[11]) + int(fields[12])
    return total / tick


class _Pgbench:
    """pgbench TPC-B on a scratch database of the same server, with the bench's client count."""

    def __init__(self, url: str, clients: int) -> None:
        u = make_url(url)
        self.env = {**os.environ, "PGPASSWORD": u.password or ""}
        self.args = ["-h", u.host or "127.0.0.1", "-p", str(u.port or 5432), "-U", u.username or "postgres"]
        self.database, self.clients = u.database or "", clients
        subprocess.run(["pgbench", *self.args, "-i", "-s", "1", "-q", self.database], env=self.env, check=True,
                       capture_output=True)

    def tps(self, seconds: int) -> float:
        run = subprocess.run(["pgbench", *self.args, "-c", str(self.clients), "-j", "2", "-T", str(seconds),
                              self.database], env=self.env, check=True, capture_output=True, text=True)
        found = re.search(r"tps = ([\d.]+)", run.stdout)
        assert found is not None, run.stdout
        return float(found.group(1))


def _sync(service: str, tls: Path) -> tuple[int, int, int, float]:
    """A full sync of central into an empty cache: (cases, rows, batches, seconds)."""
    cache = Database(sqlite_url(tls / "cache.db"))
    cache.init_schema()
    with RemoteCentral([service], ca=tls / pki.CA_CERT, cert=tls / "bench-0.pem", key=tls / "bench-0.key",
                       deadline=60) as remote:
        t0 = time.perf_counter()
        pulled = link.pull(remote, cache, batch=2000)
        seconds = time.perf_counter() - t0
    with cache.session() as s:
        cached = s.scalar(select(func.count()).select_from(CaseRow)) or 0
    cache.dispose()
    return cached, pulled.upserted, pulled.batches, seconds


def main(clients: int = 8, rounds: int = 4, seconds: int = 5, workers: int = 2, threads: int = 8) -> None:
    with scratch_database("kiosk_bench_service") as url, scratch_database("kiosk_pgbench") as pg_url, \
            tempfile.TemporaryDirectory() as tmp:
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
        for n in range(clients):
            registry.register(db, pki.issue_kiosk(tls, tls, f"bench-{n}").cert_path, now=datetime.now())
        port = free_port()
        pgbench = _Pgbench(pg_url, clients)
        with service_role(url) as role_url:
            proc = start_service(tls, role_url, port, log=tls / "service.log", workers=workers, threads=threads)
            try:
                service = f"https://127.0.0.1:{port}"
                sync = _sync(service, tls)
                per_client = 100 * (rounds * seconds + WARM_UP_SECONDS)  # more than a client reaches
                numbers = _add_cases(db, 2019000000, per_client * clients)
                with db.engine.connect() as conn:
                    conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
                ctx = mp.get_context("spawn")
                out: mp.Queue = ctx.Queue()
                ready, go, finished = ctx.Barrier(clients + 1), ctx.Event(), ctx.Event()
                phase = ctx.Value("i", 0)
                procs = [ctx.Process(target=_client, args=(service, str(tls), f"bench-{n}",
                                                           numbers[n::clients][:per_client], slots, ready, go, phase,
                                                           finished, out)) for n in range(clients)]
                for p in procs:
                    p.start()
                ready.wait()  # every client connected
                phase.value = WARM_UP
                go.set()
                time.sleep(WARM_UP_SECONDS)
                go.clear()
                time.sleep(SETTLE)
                with db.engine.connect() as conn:
                    conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
                role = make_url(role_url).username or ""
                tps, loads, service_cpu, backend_cpu = [pgbench.tps(seconds)], [os.getloadavg()[0]], 0.0, 0.0
                opened: set[int] = set()
                kept: list[tuple[int, int]] = []  # per phase: connections 1 s in, and how many of them are open at its end
                for r in range(rounds):
                    before = {b: _cpu_seconds([b]) for b in _backends(db, role)}
                    s0 = _cpu_seconds(group=proc.pid)
                    phase.value = r
                    go.set()
                    time.sleep(1)
                    early = _connections(port)
                    time.sleep(seconds - 1)
                    kept.append((len(early), len(early & _connections(port))))
                    go.clear()
                    service_cpu += _cpu_seconds(group=proc.pid) - s0
                    after = _backends(db, role)
                    # A backend that began or ended mid-phase is not counted (the pools keep theirs open).
                    backend_cpu += sum(_cpu_seconds([b]) - before[b] for b in after if b in before)
                    opened |= set(after) - set(before)
                    loads.append(os.getloadavg()[0])
                    time.sleep(SETTLE)
                    tps.append(pgbench.tps(seconds))
                finished.set()
                results = [out.get(timeout=120) for _ in procs]
                for p in procs:
                    p.join()
                with db.session() as s:
                    over = s.scalar(select(func.count()).select_from(SlotRow).where(SlotRow.taken > SlotRow.seats))
                    rows = s.scalar(select(func.count()).select_from(Booking).where(Booking.status == "active"))
            finally:
                stop(proc)
        db.dispose()
    per_phase = [sum(res[0].get(r, 0) for res in results) / seconds for r in range(rounds)]
    sent = sum(res[4] for res in results)
    refused = sum(res[1] for res in results)
    latencies = sorted(x for res in results for x in res[2])
    print(f"service: {workers} gunicorn workers x {threads} threads; {clients} kiosk clients; "
          f"{rounds} booking phases of {seconds} s between {rounds + 1} pgbench phases ({os.cpu_count()} cores)")
    for r in range(rounds):
        base = (tps[r] + tps[r + 1]) / 2
        print(f"  phase {r + 1}: {per_phase[r]:.1f} bookings/s, pgbench {tps[r]:.0f} | {tps[r + 1]:.0f} tps, "
              f"ratio {per_phase[r] / base:.3f}; load average {loads[r + 1]:.1f}")
    rate, mean_tps = sum(per_phase) / rounds, statistics.mean(tps)
    ratios = [per_phase[r] / ((tps[r] + tps[r + 1]) / 2) for r in range(rounds)]
    print(f"through the service: {rate:.1f} bookings/s ({sent} sent, {refused} SLOT_FULL); active booking rows "
          f"{rows}; slots overbooked {over}")
    print(f"pgbench TPC-B, {clients} clients: mean {mean_tps:.1f} tps (phases {min(tps):.0f}–{max(tps):.0f})")
    print(f"ratio bookings/s to pgbench tps: {rate / mean_tps:.3f} (per phase: median {statistics.median(ratios):.3f}, "
          f"lowest {min(ratios):.3f}; goal ≥ 0.20)")
    print(f"latency per booking: p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"p95 {latencies[int(0.95 * (len(latencies) - 1))] * 1000:.1f} ms")
    print(f"CPU per booking: kiosk clients {sum(res[3] for res in results) / sent * 1000:.2f} ms, service "
          f"{service_cpu / sent * 1000:.2f} ms, the service's PostgreSQL backends {backend_cpu / sent * 1000:.2f} ms "
          f"(WAL writer and checkpointer not counted; {len(opened)} backends opened during booking phases)")
    print(f"load average (1 min) during the run: {min(loads):.1f}–{max(loads):.1f}")
    print("keep-alive: connections to the service 1 s into each booking phase, and of those still open at its end: "
          + ", ".join(f"{n}/{same}" for n, same in kept))
    cached, synced_rows, batches, sync_s = sync
    print(f"full sync through the service into an empty cache: {cached} cases ({synced_rows} rows, {batches} batches) "
          f"in {sync_s:.2f} s (goal ≤ 10 s)")


if __name__ == "__main__":
    main(*[int(a) for a in sys.argv[1:6]])
