"""A link cut mid-sync and a kiosk killed mid-pull: the next sync resumes and converges, nothing doubled."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text

from kiosk.central.client import RemoteCentral
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import Booking, SlotRow
from kiosk.sync.pull import last_revision
from tests.escrow.proxy import CuttableProxy
from tests.factories import NOW, add_case, add_slot, case_number, seed_post
from tests.sync.conftest import rows_of
from tests.sync.via import sync_once

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


def _seed(central: Database, cases: int) -> None:
    seed_post(central)
    add_slot(central, datetime(2026, 11, 10, 8, 30), 5)
    for n in range(1, cases + 1):
        add_case(central, case_number(n), children=n % 3)


def _cut_before_nth_pull(remote: RemoteCentral, proxy: CuttableProxy, n: int) -> None:
    """Before the kiosk's n-th pull request the link drops (the proxy in front of the service is cut)."""
    pull, asked = remote.pull, {"count": 0}

    def cut_then_pull(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked["count"] += 1
        if asked["count"] == n:
            proxy.cut()
        return pull(*args, **kwargs)

    remote.pull = cut_then_pull  # type: ignore[method-assign]


def test_a_link_cut_mid_sync_resumes_and_converges(central, cache):
    _seed(central, 30)
    proxy = central.proxy()
    linked = central.through(proxy)
    _cut_before_nth_pull(linked.remote("hall-1"), proxy, 4)
    cut = sync_once(linked, cache, kiosk_id="hall-1", now=NOW, batch=10)
    assert not cut.central_reachable and cut.error
    with cache.session() as s:
        assert last_revision(s) > 0  # the batches before the cut were kept
    proxy.restore()
    again = sync_once(linked, cache, kiosk_id="hall-1", now=NOW, batch=10)
    assert again.central_reachable and again.last_sync == NOW
    assert rows_of(cache) == rows_of(central)
    proxy.close()


def _kiosk(*args: str) -> subprocess.Popen:
    """A kiosk process (tests.sync.kiosk_proc) talking to the session's service."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.sync.kiosk_proc", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_a_kiosk_killed_mid_pull_loses_nothing_and_doubles_nothing(central, tmp_path):
    _seed(central, 150)
    path = tmp_path / "cache-hall-1.db"
    central.hub.kiosk("hall-1")  # its certificate, registered
    proc = _kiosk("pull", central.hub.url, str(central.hub.tls), str(path), "3")
    seen = [line.strip() for line in (proc.stdout.readline() for _ in range(25))]
    proc.send_signal(signal.SIGKILL)  # in the middle of a pull: between or inside batches
    proc.wait()
    done = [int(x) for x in seen[1:]]
    cache = Database(sqlite_url(path))
    with cache.engine.connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
    with cache.session() as s:
        kept = last_revision(s)
    assert kept >= done[-1]  # every batch it reported is there (a later one may have committed unreported)
    assert kept < max(r for (r,) in _log(central))  # really killed before the end
    report = sync_once(central, cache, kiosk_id="hall-1", now=NOW, batch=3)
    assert report.central_reachable
    assert rows_of(cache) == rows_of(central)
    cache.dispose()


def _log(central: Database) -> list[tuple[int]]:
    with central.engine.connect() as conn:
        return conn.execute(text("SELECT revision FROM change_log")).all()


@pytest.mark.slow
def test_four_kiosks_racing_for_the_last_seats_never_overbook(central, tmp_path):
    _seed(central, 0)
    numbers = [case_number(n) for n in range(1, 21)]
    for number in numbers:
        add_case(central, number)
    for k in range(4):
        central.hub.kiosk(f"hall-{k}")  # its certificate, registered
    procs = [_kiosk("book", central.hub.url, str(central.hub.tls), str(tmp_path / f"cache-{k}.db"), f"hall-{k}",
                    "2026-11-10T08:30", *numbers[k::4]) for k in range(4)]
    answers = []
    for proc in procs:
        out, _ = proc.communicate(timeout=60)
        assert proc.returncode == 0
        answers += [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert sorted(a["case"] for a in answers) == numbers  # every applicant got a definite answer
    booked = [a for a in answers if "booked" in a]
    assert len(booked) == 5 and {a["refused"] for a in answers if "refused" in a} == {"SLOT_FULL"}
    with central.session() as s:
        assert s.get(SlotRow, "2026-11-10T08:30").taken == 5
        assert sorted(s.scalars(select(Booking.case_number))) == sorted(a["case"] for a in booked)
