"""A kiosk killed (SIGKILL) mid-push: after restart every command is applied on central once, none lost, none doubled."""

from __future__ import annotations

import json
import signal
import time
from datetime import datetime

import pytest
from sqlalchemy import func, select

from kiosk.store.db import Database, sqlite_url
from kiosk.store.inquiries import Inquiry
from kiosk.store.models import Booking, SlotRow
from kiosk.store.sync_tables import AppliedCommand, OutboxCommand
from kiosk.sync.outbox import enqueue, pending_count
from tests.factories import NOW, add_case, add_slot, case_number, seed_post
from tests.sync.test_resilience import _kiosk

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

SLOT = "2026-11-10T08:30"
INQUIRIES = [case_number(n) for n in range(1, 31)]
BOOKERS = {case_number(n): n % 3 for n in range(31, 36)}  # case -> children; seats = 1 + children
TOTAL = len(INQUIRIES) + len(BOOKERS)


def _seed(central: Database, cache: Database) -> None:
    seed_post(central)
    add_slot(central, datetime(2026, 11, 10, 8, 30), 20)  # room for every booking: none is refused
    for number in INQUIRIES:
        add_case(central, number)
    for number, children in BOOKERS.items():
        add_case(central, number, children=children)
    # Interleaved, so the kill lands among both kinds.
    with cache.transaction() as s:
        for i, number in enumerate(INQUIRIES):
            enqueue(s, "inquiry", {"case_number": number, "kind": "letter_copy", "text": f"lost letter {i}",
                                   "now": NOW.isoformat()}, now=NOW)
            if i % 6 == 0:
                booker = list(BOOKERS)[i // 6]
                enqueue(s, "book", {"case_number": booker, "slot_id": SLOT, "now": NOW.isoformat()}, now=NOW)


def _applied(central: Database) -> int:
    with central.session() as s:
        return s.scalar(select(func.count()).select_from(AppliedCommand))


@pytest.mark.parametrize("stall_at", [12, 0], ids=["between-central-commit-and-cache-mark", "paced-any-point"])
def test_a_kiosk_killed_mid_push_loses_nothing_and_doubles_nothing(central, tmp_path, stall_at):
    path = tmp_path / "cache-hall-1.db"
    cache = Database(sqlite_url(path))
    cache.init_schema()
    _seed(central, cache)

    hub = central.hub
    hub.kiosk("hall-1")
    proc = _kiosk("push", hub.url, str(hub.tls), str(path), "hall-1", "0.05", str(stall_at))
    assert proc.stdout.readline().strip() == "ready"
    if stall_at:  # it stops after central committed the n-th command, before the cache records the answer
        for line in proc.stdout:
            if line.strip() == f"central-applied {stall_at}":
                break
    deadline = time.monotonic() + 10
    while _applied(central) < (stall_at or 10):  # central shows some applied, not all
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    applied_before = _applied(central)
    with cache.session() as s:
        pending = pending_count(s)
    assert 0 < applied_before < TOTAL
    # Whatever central applied but the cache had not yet marked is still pending: it will be pushed again.
    assert pending >= TOTAL - applied_before
    if stall_at:
        assert (applied_before, pending) == (stall_at, TOTAL - stall_at + 1)  # exactly one answer lost

    restart = _kiosk("push", hub.url, str(hub.tls), str(path), "hall-1", "0", "0")  # a fresh kiosk process
    out, _ = restart.communicate(timeout=30)
    assert restart.returncode == 0
    assert json.loads(out.splitlines()[-2]) == {"pushed": pending, "pending": 0}

    with cache.session() as s:
        outbox = {c.id: (c.status, json.loads(c.result)) for c in s.scalars(select(OutboxCommand))}
        assert pending_count(s) == 0
    with central.session() as s:
        applied = {c.id: json.loads(c.result) for c in s.scalars(select(AppliedCommand))}
        inquiries = s.scalars(select(Inquiry.case_number)).all()
        bookings = s.execute(select(Booking.case_number, Booking.seats)).all()
        taken = s.get(SlotRow, SLOT).taken
    assert len(outbox) == TOTAL and applied.keys() == outbox.keys()  # each command applied once, none lost
    # The cache holds central's answer for every command, the re-pushed one included.
    assert all(outbox[i] == (a["status"], a["result"]) == ("done", a["result"]) for i, a in applied.items())
    assert sorted(inquiries) == INQUIRIES  # no inquiry doubled
    assert sorted(bookings) == sorted((n, 1 + c) for n, c in BOOKERS.items())  # no booking doubled
    assert taken == sum(1 + c for c in BOOKERS.values())  # seats taken once
    cache.dispose()
