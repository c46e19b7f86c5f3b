"""A kiosk killed (SIGKILL) mid-push through the service: after restart every command is applied once, none lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from kiosk.store.db import Database, sqlite_url
from kiosk.store.inquiries import Inquiry
from kiosk.store.models import Booking, SlotRow
from kiosk.store.sync_tables import AppliedCommand, OutboxCommand
from kiosk.sync.outbox import enqueue, pending_count
from tests.central.harness import ROOT, Service, add_cases, bookable_slots, post_now

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def _kiosk(service: Service, cache: str, pace: str, stall_at: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "tests.central.kiosk_proc", service.url, str(service.tls),
                             "hall-1", cache, pace, stall_at], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, text=True)


def _applied(central: Database, kiosk: str = "hall-1") -> int:
    with central.session() as s:
        return s.scalar(select(func.count()).select_from(AppliedCommand).where(AppliedCommand.kiosk_id == kiosk))


def test_a_kiosk_killed_between_centrals_commit_and_its_own_mark_doubles_nothing(service: Service, tmp_path) -> None:
    [slot] = bookable_slots(service.central, 1, seats=20)
    inquiries, bookers = add_cases(service.central, 701, 12), add_cases(service.central, 801, 4)
    path = tmp_path / "cache.db"
    cache = Database(sqlite_url(path))
    cache.init_schema()
    now = post_now()
    with cache.transaction() as s:  # interleaved, so the kill lands among both kinds
        for i, number in enumerate(inquiries):
            enqueue(s, "inquiry", {"case_number": number, "kind": "letter_copy", "text": f"lost letter {i}"}, now=now)
            if i % 3 == 0:
                enqueue(s, "book", {"case_number": bookers[i // 3], "slot_id": slot}, now=now)
    total = len(inquiries) + len(bookers)

    proc = _kiosk(service, str(path), "0.02", "7")
    assert proc.stdout.readline().strip() == "ready"
    for line in proc.stdout:
        if line.strip() == "central-applied 7":
            break
    deadline = time.monotonic() + 10
    while _applied(service.central) < 7:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with cache.session() as s:
        pending = pending_count(s)
    assert (_applied(service.central), pending) == (7, total - 7 + 1)  # one answer lost with the process

    restart = _kiosk(service, str(path), "0", "0")
    out, _ = restart.communicate(timeout=60)
    assert restart.returncode == 0
    assert json.loads(out.splitlines()[-1]) == {"pushed": pending, "pending": 0}
    with cache.session() as s:
        outbox = {c.id: c.status for c in s.scalars(select(OutboxCommand))}
    with service.central.session() as s:
        applied = set(s.scalars(select(AppliedCommand.id).where(AppliedCommand.kiosk_id == "hall-1")))
        asked = s.scalars(select(Inquiry.case_number).where(Inquiry.case_number.in_(inquiries))).all()
        booked = s.scalars(select(Booking.case_number).where(Booking.slot_id == slot)).all()
        taken = s.get(SlotRow, slot).taken
    assert set(outbox) == applied and set(outbox.values()) == {"done"}  # each applied once, none lost
    assert sorted(asked) == sorted(inquiries) and sorted(booked) == sorted(bookers) and taken == len(bookers)
    cache.dispose()
