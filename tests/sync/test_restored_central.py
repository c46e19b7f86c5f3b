"""A central restored from a backup, or replaced by a fresh one, is noticed; the cache is copied whole and
converges, and the kiosk's commands the restore lost are applied again, exactly once.

Through the service: the restored (or fresh) central's database gets a kiosk-central of its own, as a
post would start the service again on the restored server; the kiosk talks to that one.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import make_url

from kiosk.services.booking import book
from kiosk.store.db import IDLE_PING_SECONDS, Database
from kiosk.store.inquiries import Inquiry
from kiosk.store.models import Booking, BookingStatus, PolicyValue, SlotRow
from kiosk.store.sync_marks import SyncIdentity
from kiosk.store.sync_tables import AppliedCommand, ChangeLog, OutboxCommand, OutboxStatus, SyncState
from kiosk.sync.link import resync_status
from kiosk.sync.outbox import enqueue
from kiosk.sync.pull import last_revision
from tests.central.hub import release, serving
from tests.factories import NOW, add_case, add_slot, case_number, seed_post
from tests.pg_scratch import scratch_db
from tests.sync.conftest import rows_of
from tests.sync.via import ServiceCentral, book_via_central, pull, push, sync_once

pytestmark = pytest.mark.postgres


SLOT_START = NOW + timedelta(days=7)  # Tuesday 10 November, 09:00


@pytest.fixture
def backup_of() -> Iterator[Callable[[ServiceCentral], ServiceCentral]]:
    """backup_of(central): a copy of central as it is now (CREATE DATABASE … TEMPLATE), restored later and
    served by a kiosk-central of its own."""
    with ExitStack() as stack:
        def take(central: ServiceCentral) -> ServiceCentral:
            release(central.hub)  # a template database must have no connections
            copy = stack.enter_context(scratch_db("a restored central", "kiosk_restore_test",
                                                  template=make_url(central.url).database))
            # The service's pooled connections were closed for the copy: past its idle check they are replaced
            # before use, never handed to a request (which would answer 503 BUSY).
            time.sleep(IDLE_PING_SECONDS + 0.2)
            return ServiceCentral(central.hub, url=stack.enter_context(serving(central.hub, copy.url)), db=copy)

        yield take


def _seed(central: Database) -> str:
    seed_post(central)
    slot = add_slot(central, SLOT_START, 12)
    for n in range(1, 5):
        add_case(central, case_number(n))
    return slot


def _inquiry(cache: Database, n: int) -> str:
    with cache.transaction() as s:
        return enqueue(s, "inquiry", {"case_number": case_number(n), "kind": "letter_copy", "text": "lost it",
                                      "now": NOW.isoformat()}, now=NOW)


def _more_changes(db: Database, slot: str, rounds: int) -> None:
    """Other changes than the lost ones, enough to carry central's revisions past the cache's again."""
    for n in range(rounds):
        with db.transaction() as s:
            s.get(SlotRow, slot).seats = 30 + n
    add_case(db, case_number(70 + rounds))


def _max_revision(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.max(ChangeLog.revision)))


def _active(db: Database, n: int) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Booking.reference).where(Booking.case_number == case_number(n),
                                                              Booking.status == BookingStatus.ACTIVE)))


def test_a_restored_central_gets_back_what_it_lost_once_and_the_cache_converges_to_it(central, cache, backup_of,
                                                                                       caplog):
    slot = _seed(central)
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)
    kept = book_via_central(central, cache, kiosk_id="hall-1", case_number=case_number(1), slot_id=slot, now=NOW)
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)
    restored = backup_of(central)  # the nightly dump

    lost = book_via_central(central, cache, kiosk_id="hall-1", case_number=case_number(2), slot_id=slot, now=NOW)
    _inquiry(cache, 3)
    sync_once(central, cache, kiosk_id="hall-1", now=NOW + timedelta(minutes=5))
    with cache.session() as s:
        seen = last_revision(s)
    assert _active(central, 2) == [lost.reference] and seen > _max_revision(restored)

    # Central's disk dies; it is restored from the dump, and clerks work on it before the kiosk is back.
    _more_changes(restored, slot, rounds=seen)
    assert _max_revision(restored) > seen  # an incremental pull from `seen` would skip rows silently
    caplog.set_level(logging.WARNING, logger="kiosk.sync")
    report = sync_once(restored, cache, kiosk_id="hall-1", now=NOW + timedelta(hours=1))

    assert report.requeued == 2 and report.resynced and report.outbox_depth == 0
    assert rows_of(cache) == rows_of(restored)
    assert _active(restored, 1) == [kept.reference]  # known to the backup: not booked again
    assert len(_active(restored, 2)) == 1  # lost with the restore: booked again, once
    with restored.session() as s:
        assert s.get(SlotRow, slot).taken == 2
        assert s.scalar(select(func.count()).select_from(Inquiry)) == 1
        assert s.scalar(select(func.count()).select_from(AppliedCommand)) == 3
    assert "sending it again" in caplog.text and "copied it whole" in caplog.text
    status = resync_status(cache)
    assert (status["resyncs"], status["requeued"], status["resync_needed"]) == (1, 2, None)
    assert status["last_resync"]["reason"].startswith("lost_commands")

    # Every command pushed yet again: answered from applied_commands, nothing applied twice.
    before = rows_of(restored)
    with cache.transaction() as s:
        s.execute(update(OutboxCommand).where(OutboxCommand.status == OutboxStatus.DONE.value)
                  .values(status=OutboxStatus.PENDING.value))
    assert push(restored, cache, kiosk_id="hall-1", now=NOW + timedelta(hours=2)).done == 3
    assert rows_of(restored) == before


def test_a_replayed_booking_whose_seat_was_given_away_since_is_refused_and_logged(central, cache, backup_of,
                                                                                  caplog):
    seed_post(central)
    with central.transaction() as s:  # no seat loans in this test: one seat is one seat
        s.add(PolicyValue(name="loan_seats", value="0"))
    slot = add_slot(central, SLOT_START, 1)
    add_case(central, case_number(1))
    add_case(central, case_number(2))
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)
    restored = backup_of(central)
    book_via_central(central, cache, kiosk_id="hall-1", case_number=case_number(1), slot_id=slot, now=NOW)
    sync_once(central, cache, kiosk_id="hall-1", now=NOW + timedelta(minutes=5))
    book(restored, case_number(2), slot, now=NOW, actor="clerk")  # the only seat, on the restored central
    caplog.set_level(logging.WARNING, logger="kiosk.sync")
    report = sync_once(restored, cache, kiosk_id="hall-1", now=NOW + timedelta(hours=1))
    assert report.requeued == 1
    with cache.session() as s:
        (command,) = s.scalars(select(OutboxCommand).where(OutboxCommand.kind == "book")).all()
    assert command.status == "refused" and '"SLOT_FULL"' in command.result
    assert "sent again after central's restore was refused: SLOT_FULL" in caplog.text
    assert rows_of(cache) == rows_of(restored) and _active(restored, 1) == []


@pytest.mark.parametrize("regrown", [False, True], ids=["behind-the-cache", "grown-past-the-cache"])
def test_a_restored_central_is_noticed_by_the_pull_alone(central, cache, backup_of, regrown):
    slot = _seed(central)
    pull(central, cache)
    restored = backup_of(central)
    add_case(central, case_number(9))  # on the lost timeline only
    with central.transaction() as s:
        s.get(SlotRow, slot).seats = 2
    pull(central, cache)
    if regrown:
        with cache.session() as s:
            _more_changes(restored, slot, rounds=last_revision(s))
    result = pull(restored, cache)
    assert result.resynced.startswith("restored")
    assert rows_of(cache) == rows_of(restored)  # case 9 and the seat change are gone from the cache too
    assert pull(restored, cache).resynced is None  # and from here on it pulls incrementally again


def test_a_fresh_central_is_another_central_its_rows_replace_the_cache_and_nothing_is_replayed(central, cache):
    slot = _seed(central)
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)
    book_via_central(central, cache, kiosk_id="hall-1", case_number=case_number(1), slot_id=slot, now=NOW)
    sync_once(central, cache, kiosk_id="hall-1", now=NOW)
    with scratch_db("a fresh central", "kiosk_fresh_test") as db, ExitStack() as stack:
        central.hub.register(db, "hall-1")
        fresh = ServiceCentral(central.hub, url=stack.enter_context(serving(central.hub, db.url)), db=db)
        seed_post(fresh)
        add_slot(fresh, SLOT_START, 5)
        add_case(fresh, case_number(50))
        _inquiry(cache, 50)  # waiting in the outbox: still sent, to whichever central there is
        report = sync_once(fresh, cache, kiosk_id="hall-1", now=NOW + timedelta(hours=1))
        assert report.resynced.startswith("replaced") and report.requeued == 0 and report.pushed == 1
        assert rows_of(cache) == rows_of(fresh)
        with fresh.session() as s:
            assert s.scalar(select(func.count()).select_from(Booking)) == 0  # history is not replayed
            assert resync_status(cache)["central_id"] == s.get(SyncIdentity, 1).database_id


def test_a_cache_from_before_identities_notes_them_at_its_next_pull_even_with_nothing_new(central, cache,
                                                                                          backup_of):
    _seed(central)
    pull(central, cache)
    with cache.transaction() as s:  # as a cache synced by the previous release left it
        s.execute(delete(SyncState).where(SyncState.name.in_(["central_id", "last_fingerprint"])))
    assert pull(central, cache).entries == 0
    with cache.session() as s, central.session() as c:
        assert s.get(SyncState, "central_id").value == c.get(SyncIdentity, 1).database_id
        assert s.get(SyncState, "last_fingerprint") is not None
    with cache.session() as s:
        seen = last_revision(s)
    restored = backup_of(central)
    with restored.transaction() as s:  # the cache's revision is another change there: only the fingerprint tells
        s.execute(update(ChangeLog).where(ChangeLog.revision == seen)
                  .values(changed_at=ChangeLog.changed_at + timedelta(seconds=1)))
    add_case(restored, case_number(77))
    assert pull(restored, cache).resynced.startswith("restored")
    assert rows_of(cache) == rows_of(restored)


def test_an_unchanged_central_never_triggers_a_copy(central, cache):
    slot = _seed(central)
    for minute in range(3):
        with central.transaction() as s:
            s.get(SlotRow, slot).seats = 5 + minute
        report = sync_once(central, cache, kiosk_id="hall-1", now=NOW + timedelta(minutes=minute))
        assert report.resynced is None and report.requeued == 0
    assert resync_status(cache)["resyncs"] == 0
    assert rows_of(cache) == rows_of(central)
