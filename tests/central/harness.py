"""A real central service for tests: a scratch PostgreSQL database, the post's PKI in a folder, and
`kiosk-central serve` as its own process on an ephemeral 127.0.0.1 port, as the least-privilege role."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kiosk.central import pki, registry
from kiosk.central.client import RemoteCentral
from kiosk.central.role import ensure_role
from kiosk.domain.appointment import to_post_time
from kiosk.services.evaluation import load_policy, post_calendar
from kiosk.store.db import Database
from tests.factories import add_case, add_slot, case_number, seed_post

ROOT = Path(__file__).resolve().parents[2]


POST_ZONE = "Asia/Shanghai"  # tests.factories' post


def post_now() -> datetime:
    """The post's wall clock now, as central's service and a kiosk at the post read it."""
    return to_post_time(datetime.now(UTC), POST_ZONE).replace(microsecond=0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Service:
    url: str
    tls: Path  # ca.pem, ca.key, server.*, and <kiosk>.pem/.key for each issued kiosk
    central: Database  # as the owner (tests read and arrange with it)
    role_url: str  # the service's own role
    procs: list[subprocess.Popen] = field(default_factory=list)

    def client(self, kiosk: str = "hall-1", *, urls: list[str] | None = None, **kw) -> RemoteCentral:  # type: ignore[no-untyped-def]
        return RemoteCentral(urls or [self.url], ca=self.tls / pki.CA_CERT, cert=self.tls / f"{kiosk}.pem",
                             key=self.tls / f"{kiosk}.key", **kw)

    def issue(self, kiosk: str, *, loan_cap: int = registry.DEFAULT_LOAN_CAP) -> None:
        issued = pki.issue_kiosk(self.tls, self.tls, kiosk)
        registry.register(self.central, issued.cert_path, now=post_now(), loan_cap=loan_cap)


def start_service(tls: Path, db_url: str, port: int, *, log: Path, workers: int = 1, threads: int = 8) -> subprocess.Popen:
    env = {**os.environ, "KIOSK_CENTRAL_DB_URL": db_url}
    out = log.open("ab")
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.central.cli", "serve", "--bind", f"127.0.0.1:{port}",
                             "--tls-dir", str(tls), "--workers", str(workers), "--threads", str(threads)],
                            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    wait_listening(proc, tls, port, log)
    return proc


def wait_listening(proc: subprocess.Popen, tls: Path, port: int, log: Path) -> None:
    """Returns once the service answers a TLS handshake on `port`; raises if it exited or took over 30 s."""
    ctx = ssl.create_default_context(cafile=str(tls / pki.CA_CERT))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"kiosk-central exited {proc.returncode}: {log.read_text()[-2000:]}")
        try:  # a handshake without a client certificate is refused: any TLS answer means it listens
            with socket.create_connection(("127.0.0.1", port), timeout=1) as raw:
                with ctx.wrap_socket(raw, server_hostname="127.0.0.1"):
                    pass
            return
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("kiosk-central did not start listening within 30 s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextmanager
def service_role(db_url: str) -> Iterator[str]:
    """The service's role (cluster-wide, so a random name per run), dropped afterwards; yields its URL."""
    role, password = f"kc_{secrets.token_hex(4)}", secrets.token_urlsafe(24)
    ensure_role(db_url, role, password)
    try:
        yield make_url(db_url).set(username=role, password=password).render_as_string(hide_password=False)
    finally:
        admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :r"),
                         {"r": role})
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()


def bookable_slots(central: Database, n: int, seats: int) -> list[str]:
    """`n` slots at 10:00 on the first working days that the post's rules open for booking at the real now."""
    seed_post(central)
    now = post_now()
    with central.session() as s:
        policy, calendar = load_policy(s), post_calendar(s)
    ids: list[str] = []
    day = now.date() + timedelta(days=1)
    while len(ids) < n:
        start = datetime.combine(day, datetime.min.time()).replace(hour=10)
        if calendar.slot_refusal(start, now, policy) is None:
            ids.append(add_slot(central, start, seats))
        day += timedelta(days=1)
    return ids


def add_cases(central: Database, first: int, count: int) -> list[str]:
    numbers = [case_number(n) for n in range(first, first + count)]
    for number in numbers:
        add_case(central, number)
    return numbers
