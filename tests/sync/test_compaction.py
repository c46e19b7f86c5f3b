"""Compaction on central: the log shrinks, caches still converge, a cache behind the horizon is copied whole
without losing a thing the kiosk has not sent, and old applied commands go only when no kiosk can ask again."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import delete, func, select, update

from kiosk.services.accounts import create_account
from kiosk.services.booking import book
from kiosk.services.inquiries import submit_inquiry
from kiosk.store.accounts import Account
from kiosk.store.db import Database
from kiosk.store.inquiries import Inquiry
from kiosk.store.loans import HeldLoan
from kiosk.store.models import AuditEvent, Booking, CaseRow, Closure, IdempotencyKey, SlotRow
from kiosk.store.sync_marks import SyncIdentity
from kiosk.store.sync_tables import AppliedCommand, ChangeLog, OutboxCommand, OutboxStatus, SyncState
from kiosk.central import link
from kiosk.sync.compaction import compact
from kiosk.sync.outbox import enqueue
from tests.escrow.helpers import SLOT, at, looked_up, seed
from tests.factories import NOW, add_case, add_slot, case_number, seed_post
from tests.sync.conftest import rows_of
from tests.sync.via import book_at_kiosk, pull, push, push_one, report_progress, sync_once

pytestmark = pytest.mark.postgres

TUE_10 = datetime(2026, 11, 10, 8, 30)
PASSPHRASE = "a quiet walk along the pearl river"


def _count(db: Database, what) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(what))


def _churn(central: Database, slot_id: str, rounds: int = 10) -> None:
    """Changes that leave superseded entries and tombstones behind: seats moved, a case and a closure deleted."""
    for n in range(rounds):
        with central.transaction() as s:
            s.get(SlotRow, slot_id).seats = 20 + n
    with central.transaction() as s:
        s.delete(s.get(CaseRow, case_number(2)))  # its applicants go with it (cascade): more tombstones
        s.execute(delete(Closure))
        s.get(CaseRow, case_number(3)).visa_class = "IR2"


def _seed(central: Database) -> str:
    seed_post(central, closures=(date(2026, 12, 24),))
    slot = add_slot(central, TUE_10, 12)
    for n in range(1, 6):
        add_case(central, case_number(n), children=n % 3, spouse=n % 2 == 0)
    return slot


def test_after_compaction_the_log_names_each_living_row_once_and_a_fresh_cache_equals_central(central, make_cache):
    _churn(central, _seed(central))
    before = _count(central, ChangeLog)
    r = compact(central, keep_days=0, now=NOW)
    assert r.superseded >= 10 and r.tombstones >= 3 and r.log_before == before
    assert r.log_after == before - r.superseded - r.tombstones
    with central.session() as s:
        entries = s.execute(select(ChangeLog.table_name, ChangeLog.row_key, ChangeLog.deleted)).all()
        horizon = s.get(SyncIdentity, 1).log_horizon
    living = sum(map(len, rows_of(central).values()))
    assert len(entries) == len({(t, k) for t, k, _ in entries}) == living  # one entry per row central has
    assert not any(deleted for *_, deleted in entries)
    assert horizon == r.horizon >= max(rev for (rev,) in _revisions(central))

    fresh = make_cache("fresh")
    result = pull(central, fresh)
    assert result.resynced.startswith("horizon")  # nothing pulled yet is below the horizon too
    assert rows_of(fresh) == rows_of(central)
    again = compact(central, keep_days=0, now=NOW)  # a second run finds nothing more to drop
    assert (again.superseded, again.tombstones, again.horizon) == (0, 0, r.horizon)


def _revisions(db: Database) -> list[tuple[int]]:
    with db.session() as s:
        return s.execute(select(ChangeLog.revision)).all()


def test_a_cache_that_pulled_past_the_horizon_keeps_pulling_incrementally(central, cache):
    slot = _seed(central)
    pull(central, cache)
    _churn(central, slot)
    pull(central, cache)
    r = compact(central, keep_days=0, now=NOW)
    assert r.horizon > 0
    with central.transaction() as s:  # changes after the compaction: a tombstone and an update
        s.delete(s.get(CaseRow, case_number(4)))
        s.get(SlotRow, slot).seats = 3
    result = pull(central, cache)
    assert result.resynced is None and result.entries > 0
    assert rows_of(cache) == rows_of(central)


def test_a_compaction_between_two_batches_of_one_pull_turns_it_into_a_copy(central, cache):
    slot = _seed(central)
    pull(central, cache)
    _churn(central, slot)
    compacted = []

    remote = central.hub.remote("hall-1")  # a client of this test's own: its pull is wrapped
    pull_batch, asked = remote.pull, []

    def compact_once(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(1)
        if len(asked) == 2:  # central compacts while the kiosk is half-way: after its first batch
            compacted.append(compact(central, keep_days=0, now=NOW))
        return pull_batch(*args, **kwargs)

    remote.pull = compact_once  # type: ignore[method-assign]
    result = link.pull(remote, cache, batch=3)
    remote.close()
    assert compacted and result.resynced.startswith("horizon")
    assert rows_of(cache) == rows_of(central)  # the deleted case included, though its tombstone is gone


def test_entries_younger_than_keep_days_stay(central):
    _churn(central, _seed(central))
    r = compact(central, keep_days=1, now=NOW)
    assert (r.superseded, r.tombstones, r.horizon, r.log_after) == (0, 0, 0, r.log_before)


def _local_inquiry(cache: Database, number: str) -> str:
    """As the kiosk app records one offline: the cache's row and its command in one transaction."""
    with cache.transaction() as s:
        record = submit_inquiry(s, case_number=number, kind="add_derivative", text="our new baby",
                                documents=["birth certificate"], now=at("09:11"), kiosk_id="hall-1")
        enqueue(s, "inquiry", {"reference": record.reference, "case_number": number, "kind": "add_derivative",
                               "text": "our new baby", "documents": ["birth certificate"],
                               "now": at("09:11").isoformat()}, now=at("09:11"))
    return record.reference


def _offline_account(cache: Database) -> None:
    def queue(s, account) -> None:  # type: ignore[no-untyped-def]
        enqueue(s, "account", {"username": account.username, "password_hash": account.password_hash,
                               "now": at("09:12").isoformat()}, now=at("09:12"))

    create_account(cache, "walk-in@example.org", PASSPHRASE, now=at("09:12"), also=queue)


def _kiosk_own(cache: Database) -> dict:
    """Everything only this kiosk has: its outbox, accounts, held loans, its sync state but the pull's."""
    with cache.session() as s:
        return {
            "outbox": s.execute(select(OutboxCommand.id, OutboxCommand.status, OutboxCommand.payload)
                                .order_by(OutboxCommand.id)).all(),
            "accounts": s.execute(select(Account.username, Account.password_hash)).all(),
            "held": s.execute(select(HeldLoan.slot_id, HeldLoan.seats).order_by(HeldLoan.slot_id)).all(),
            "state": {r.name: r.value for r in s.scalars(select(SyncState))
                      if r.name in ("loan_fence", "kiosk", "loans_refreshed")},
        }


def test_a_cache_behind_the_horizon_is_copied_whole_and_keeps_everything_it_has_not_sent(central, cache):
    numbers = seed(central)
    sync_once(central, cache, kiosk_id="hall-1", now=at("09:00"))  # loans, the kiosk's key, the cases
    down = central.down()
    offline = book_at_kiosk(down, cache, kiosk_id="hall-1", case_number=looked_up(cache, numbers[0]), slot_id=SLOT, now=at("09:10"))
    assert offline.offline
    inquiry = _local_inquiry(cache, numbers[1])
    _offline_account(cache)
    mine = _kiosk_own(cache)
    # The online attempt, refused OFFLINE at once, then the offline booking, the inquiry and the account.
    assert sorted(status for _, status, _ in mine["outbox"]) == ["pending"] * 3 + ["refused"]

    # Meanwhile central changes, deletes a case, and compacts past everything the kiosk has pulled.
    _churn_escrow(central, numbers)
    r = compact(central, keep_days=0, now=at("09:15"))
    assert r.tombstones > 0 and r.kiosks_behind == ["hall-1"]

    result = pull(central, cache)  # no push first: the kiosk's own rows must survive the copy
    assert result.resynced.startswith("horizon")
    assert _kiosk_own(cache) == mine
    ours, theirs = rows_of(cache), rows_of(central)
    for table in theirs:
        extra = set(ours[table]) - set(theirs[table])
        assert set(theirs[table]) <= set(ours[table]), table
        if table == "bookings":
            assert [row[0] for row in extra] == [offline.result.reference]
        elif table == "booking_applicants":
            assert {row[0] for row in extra} == {offline.result.reference} and extra
        elif table == "inquiries":
            assert [row[0] for row in extra] == [inquiry]
        elif table == "inquiry_documents":
            assert len(extra) == 1
        else:
            assert not extra, table
    with cache.session() as s:
        assert s.get(CaseRow, numbers[5]) is None  # its tombstone is gone from the log, the row from the cache

    report = sync_once(central, cache, kiosk_id="hall-1", now=at("09:30"))
    assert (report.pushed, report.outbox_depth) == (3, 0)
    assert rows_of(cache) == rows_of(central)
    with central.session() as s:
        assert s.get(Booking, offline.result.reference).status == "active"
        assert s.get(Inquiry, inquiry) is not None
        assert s.scalar(select(Account.username)) == "walk-in@example.org"
    down.dispose()


def _churn_escrow(central: Database, numbers: list[str]) -> None:
    for n in range(5):
        with central.transaction() as s:
            s.get(SlotRow, "2026-11-03T16:00").seats = 10 + n
    with central.transaction() as s:
        s.delete(s.get(CaseRow, numbers[5]))
    add_case(central, case_number(40))


def test_a_copy_keeps_the_booking_an_unsent_offline_booking_replaced(central, cache):
    numbers = seed(central)
    sync_once(central, cache, kiosk_id="hall-1", now=at("09:00"))
    later = add_slot(central, datetime(2026, 11, 20, 8, 30), 4)  # far enough ahead to be changed
    online = book(central, numbers[0], later, now=at("09:05"))  # a clerk's booking, pulled
    sync_once(central, cache, kiosk_id="hall-1", now=at("09:06"))
    down = central.down()
    rebooked = book_at_kiosk(down, cache, kiosk_id="hall-1", case_number=looked_up(cache, numbers[0]), slot_id=SLOT, now=at("09:10"))
    assert rebooked.result.replaced == online.reference
    _churn_escrow(central, numbers)
    compact(central, keep_days=0, now=at("09:15"))
    result = pull(central, cache)  # central still has the old booking active; the kiosk superseded it
    with cache.session() as s:
        assert s.get(Booking, online.reference).status == "superseded"
        assert s.get(Booking, rebooked.result.reference).status == "active"
        assert s.get(SyncState, "resync_needed").value.startswith("local")  # central's version comes later
    assert result.resynced.startswith("horizon")
    sync_once(central, cache, kiosk_id="hall-1", now=at("09:30"))  # pushed, then copied again
    assert rows_of(cache) == rows_of(central)
    with cache.session() as s:
        assert s.get(SyncState, "resync_needed") is None
    down.dispose()


# --- applied commands and idempotency keys ---------------------------------------------------------------

def _audit(cache: Database, now: datetime) -> str:
    with cache.transaction() as s:
        return enqueue(s, "audit", {"action": "kiosk.session_wiped", "now": now.isoformat()}, now=now)


def test_old_applied_commands_go_only_once_their_kiosk_can_no_longer_send_them_again(central, make_cache):
    seed_post(central)
    one, two = make_cache("hall-1"), make_cache("hall-2")
    for _ in range(2):
        _audit(one, NOW)
    sync_once(central, one, kiosk_id="hall-1", now=NOW)  # answered ...
    sync_once(central, one, kiosk_id="hall-1", now=NOW + timedelta(hours=1))  # ... and nothing unanswered since
    lost = _audit(two, NOW)
    push_one(central, two, lost, kiosk_id="hall-2", now=NOW)
    with two.transaction() as s:  # central applied it, but its answer never reached the kiosk
        s.execute(update(OutboxCommand).values(status=OutboxStatus.PENDING.value, result=None))
    report_progress(central, two, kiosk_id="hall-2", now=NOW + timedelta(hours=1))
    three = make_cache("hall-3")  # a kiosk that never reports (an older release)
    push_one(central, three, _audit(three, NOW), kiosk_id="hall-3", now=NOW)

    r = compact(central, keep_days=30, now=NOW + timedelta(days=31))
    assert (r.commands_deleted, r.commands_held) == (2, 2)
    with central.session() as s:
        assert sorted(s.scalars(select(AppliedCommand.kiosk_id))) == ["hall-2", "hall-3"]
        assert s.get(SyncIdentity, 1).commands_kept_since == NOW + timedelta(days=1)
    events = _count(central, AuditEvent)
    assert push(central, two, kiosk_id="hall-2", now=NOW + timedelta(days=32)).done == 1  # answered from the record
    assert _count(central, AuditEvent) == events  # not applied a second time


def test_idempotency_keys_older_than_keep_days_are_purged(central):
    seed_post(central)
    slot = add_slot(central, TUE_10, 6)
    add_case(central, case_number(1))
    add_case(central, case_number(2))
    book(central, case_number(1), slot, now=NOW, key="visit-1")
    kept = book(central, case_number(2), slot, now=NOW + timedelta(days=2), key="visit-2")
    r = compact(central, keep_days=1, now=NOW + timedelta(days=2, hours=1))
    assert r.keys_deleted == 1
    with central.session() as s:
        assert s.scalars(select(IdempotencyKey.key)).all() == ["visit-2"]
    again = book(central, case_number(2), slot, now=NOW + timedelta(days=2), key="visit-2")
    assert again.reference == kept.reference  # a kept key still answers what it answered
