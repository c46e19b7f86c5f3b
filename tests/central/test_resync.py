"""A cache copied whole through the real service: after a damaged cache is rebuilt, and when central no longer matches."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kiosk.central import link
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import Booking
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync.central_marks import CENTRAL_ID
from kiosk.sync.commands import CommandKind
from kiosk.sync.heal import heal
from kiosk.sync.link import resync_status
from kiosk.sync.outbox import enqueue
from kiosk.sync.pull import set_state
from tests.central.harness import Service, add_cases, bookable_slots, free_port, post_now
from tests.sync.conftest import rows_of

pytestmark = pytest.mark.postgres


def test_a_rebuilt_cache_and_one_from_another_central_are_copied_whole_through_the_service(
        service: Service, tmp_path) -> None:
    slots = bookable_slots(service.central, 1, seats=10)
    [number] = add_cases(service.central, 301, 1)
    path, now = tmp_path / "cache-hall-1.db", post_now()
    cache = Database(sqlite_url(path))
    cache.init_schema()
    with service.client("hall-1") as remote:
        try:
            assert link.sync_once(remote, cache, kiosk_id="hall-1", now=now).central_reachable
            with cache.transaction() as s:  # queued, not sent yet, when the cache is found damaged
                queued = enqueue(s, CommandKind.BOOK, {"case_number": number, "slot_id": slots[0]}, now=now)
        finally:
            cache.dispose()
        heal(path, "test: page 7 unreadable", kiosk_id="hall-1", now=now)  # a new, empty cache says: copy central
        cache = Database(sqlite_url(path))
        try:
            assert resync_status(cache)["resync_needed"].startswith("damaged: ")
            with service.client("hall-1", urls=[f"https://127.0.0.1:{free_port()}"]) as away:
                lost = link.sync_once(away, cache, kiosk_id="hall-1", now=now)
            assert not lost.central_reachable and lost.out_of_order  # no visit until central is copied
            healed = link.sync_once(remote, cache, kiosk_id="hall-1", now=now)
            assert not healed.out_of_order
            assert healed.central_reachable, healed.error
            assert healed.resynced is not None and healed.resynced.startswith("damaged: ")
            assert healed.pushed == 2  # the booking kept, and the clerks' notice of the rebuild
            assert rows_of(cache) == rows_of(service.central)  # the booking came back with the copy's pull
            with cache.session() as s:
                assert s.get(OutboxCommand, queued).status == OutboxStatus.DONE.value
            status = resync_status(cache)
            assert status["resync_needed"] is None and status["resyncs"] == 1

            with cache.transaction() as s:  # the cache now claims another central: the service says so, it copies
                set_state(s, CENTRAL_ID, "another-central")
            add_cases(service.central, 302, 1)  # and central moved on meanwhile
            again = link.sync_once(remote, cache, kiosk_id="hall-1", now=now)
            assert again.central_reachable and again.resynced is not None and again.resynced.startswith("replaced: ")
            assert rows_of(cache) == rows_of(service.central) and resync_status(cache)["resyncs"] == 2
        finally:
            cache.dispose()
    with service.central.session() as s:
        assert len(s.scalars(select(Booking).where(Booking.case_number == number)).all()) == 1
