"""One real central service per test session, shared by the sync, escrow, race and crash tests.

`kiosk-central serve` (gunicorn, mutual TLS on 127.0.0.1, the least-privilege role) runs once
against a scratch database; between tests `reset()` empties every table (TRUNCATE, a new
central identity: as a fresh database) instead of making a new database and process each time.
Central's clock is a file the tests set (tests.central.clocked_serve): a test's `now` is
central's now, and the kiosk sends the same time, as kiosks and central agree in a hall.

Kiosks get certificates from the session's CA on first use, and are registered again after
each reset (the registry is emptied with everything else).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from kiosk.central import pki, registry
from kiosk.central.client import RemoteCentral
from kiosk.central.role import ensure_role
from kiosk.store.db import Database
from tests.central.harness import ROOT, free_port, service_role, stop, wait_listening
from tests.factories import NOW
from tests.pg_scratch import scratch_database

DOWN_URL = "https://127.0.0.1:1"  # nothing listens: connecting is refused at once, as with central down
KEEP = {"alembic_version"}


@dataclass
class Hub:
    """The session's service: its URL, the PKI folder, the owner's database and the clock file."""

    url: str
    tls: Path
    central: Database  # as the tables' owner: tests arrange and inspect with it
    role_url: str
    clock_file: Path
    port: int
    log: Path
    procs: list[subprocess.Popen] = field(default_factory=list)
    _issued: set[str] = field(default_factory=set)
    _registered: set[str] = field(default_factory=set)
    _tables: list[str] = field(default_factory=list)
    _sequences: list[str] = field(default_factory=list)
    _clients: dict[tuple[str, str], RemoteCentral] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- the clock ----------------------------------------------------------------------------------

    def set_clock(self, at: datetime, *, speed: float = 0.0, since: float | None = None) -> None:
        """Central's now from here on: `at`, moving `speed` × wall time from `since` (default: now)."""
        spec = {"at": at.isoformat(), "since": time.time() if since is None else since, "speed": speed}
        tmp = self.clock_file.with_suffix(f".{os.getpid()}.{threading.get_ident()}")
        tmp.write_text(json.dumps(spec), encoding="utf-8")
        os.replace(tmp, self.clock_file)  # the service never reads half a file

    # -- kiosks -------------------------------------------------------------------------------------

    def kiosk(self, kiosk_id: str, *, loan_cap: int = registry.DEFAULT_LOAN_CAP) -> tuple[Path, Path]:
        """The kiosk's certificate and key, issued by the post's CA and registered on central if not yet."""
        with self._lock:
            if kiosk_id not in self._issued:
                pki.issue_kiosk(self.tls, self.tls, kiosk_id)
                self._issued.add(kiosk_id)
            if kiosk_id not in self._registered:
                registry.register(self.central, self.tls / f"{kiosk_id}.pem", now=NOW, loan_cap=loan_cap)
                self._registered.add(kiosk_id)
        return self.tls / f"{kiosk_id}.pem", self.tls / f"{kiosk_id}.key"

    def register(self, db: Database, kiosk_id: str) -> None:
        """The kiosk registered on another central database too (a fresh central's registry starts empty)."""
        self.kiosk(kiosk_id)
        registry.register(db, self.tls / f"{kiosk_id}.pem", now=NOW)

    def remote(self, kiosk_id: str, *, url: str | None = None, deadline: float = 15.0) -> RemoteCentral:
        """A kiosk's new client of the service (or of `url`: a proxy, a dead port); its clock is central's
        clock file (no skew, as NTP keeps a hall's clocks)."""
        cert, key = self.kiosk(kiosk_id)
        return RemoteCentral([url or self.url], ca=self.tls / pki.CA_CERT, cert=cert, key=key, clock=self.now,
                             deadline=deadline, connect=1.0 if url == DOWN_URL else 3.0)

    def client(self, kiosk_id: str, *, url: str | None = None) -> RemoteCentral:
        """The kiosk's client for the session (its connection kept alive between calls, as a kiosk's is)."""
        self.kiosk(kiosk_id)  # registered again after a reset
        found = self._clients.get((kiosk_id, url or self.url))
        if found is None:
            found = self._clients[(kiosk_id, url or self.url)] = self.remote(kiosk_id, url=url)
        return found

    def now(self) -> datetime:
        spec = json.loads(self.clock_file.read_text(encoding="utf-8"))
        return (datetime.fromisoformat(spec["at"]) +
                timedelta(seconds=(time.time() - spec["since"]) * spec["speed"])).replace(microsecond=0)

    # -- between tests ------------------------------------------------------------------------------

    def reset(self) -> None:
        """Every table emptied and central given a new identity (as a freshly migrated database)."""
        with self.central.engine.begin() as conn:
            if not self._tables:
                self._tables = list(conn.scalars(text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")))
                self._sequences = list(conn.scalars(text(
                    "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema()")))
            conn.execute(text("SET LOCAL lock_timeout = '10s'"))
            # The audit log refuses deletes (append-only trigger) and the change log must not record these: as the
            # superuser, triggers (foreign keys' too) stay off here. DELETE, not TRUNCATE: a few rows each, and
            # TRUNCATE makes new files for all ~36 tables and their indexes (0.3-1 s on a busy machine, DELETE ~30 ms).
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(text("; ".join(f'DELETE FROM "{t}"' for t in self._tables if t not in KEEP)))
            if self._sequences:
                conn.execute(text("; ".join(f'ALTER SEQUENCE "{q}" RESTART' for q in self._sequences)))
            conn.execute(text("INSERT INTO sync_identity (id, database_id, created_at, log_horizon) "
                              "VALUES (1, :d, :at, 0)"), {"d": str(uuid.uuid4()), "at": NOW})
        self._registered.clear()
        for client in self._clients.values():  # a test may have renewed a kiosk's certificate since
            client.close()
        self._clients.clear()
        self.set_clock(NOW)


def start(hub: Hub, *, workers: int = 1, role_url: str | None = None, port: int | None = None) -> subprocess.Popen:
    """`kiosk-central serve` with the hub's clock and PKI, on the hub's database (or `role_url`'s) and port."""
    env = {**os.environ, "KIOSK_CENTRAL_DB_URL": role_url or hub.role_url, "PYTHONPATH": str(ROOT)}
    out = hub.log.open("ab")
    port = port or hub.port
    proc = subprocess.Popen([sys.executable, "-m", "tests.central.clocked_serve", str(hub.clock_file),
                             "--bind", f"127.0.0.1:{port}", "--tls-dir", str(hub.tls),
                             "--workers", str(workers), "--threads", "8"],
                            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    wait_listening(proc, hub.tls, port, hub.log)
    return proc


@contextmanager
def serving(hub: Hub, owner_url: str) -> Iterator[str]:
    """Another central database (a restored backup, a fresh central) behind a service of its own; yields its URL.

    The service's role gets its grants there (a copy made from a template has them already).
    """
    role = make_url(hub.role_url)
    ensure_role(owner_url, role.username or "", role.password or "")
    port = free_port()
    proc = start(hub, role_url=role.set(database=make_url(owner_url).database).render_as_string(hide_password=False),
                 port=port)
    try:
        yield f"https://127.0.0.1:{port}"
    finally:
        stop(proc)


def release(hub: Hub) -> None:
    """No connection left to the hub's database (a template copy needs that): the service's are closed too;
    its pool opens new ones, after the idle check notices (kiosk.store.db.IDLE_PING_SECONDS)."""
    hub.central.dispose()
    with hub.central.engine.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
    hub.central.dispose()


@contextmanager
def running_hub(server_url: str, folder: Path) -> Iterator[Hub]:
    """The session's service on a scratch database of `server_url`'s server; everything removed after."""
    with scratch_database(server_url, "kt_hub") as scratch:
        owner_url = scratch.render_as_string(hide_password=False)
        central = Database(owner_url)
        central.init_schema()
        pki.init_ca(folder, "GUZ")
        pki.issue_server(folder, folder, ["127.0.0.1", "localhost"])
        with service_role(owner_url) as role_url:
            hub = Hub(f"https://127.0.0.1:{free_port()}", folder, central, role_url, folder / "clock.json", 0,
                      folder / "service.log")
            hub.port = int(hub.url.rsplit(":", 1)[1])
            hub.set_clock(NOW)
            hub.procs.append(start(hub))
            try:
                yield hub
            finally:
                for client in hub._clients.values():
                    client.close()
                for proc in hub.procs:
                    stop(proc)
                central.dispose()
