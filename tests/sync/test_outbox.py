"""The outbox: commands queue offline, drain when the link returns, and apply exactly once on central."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select, update

from kiosk.domain.errors import RuleError
from kiosk.store.db import Database
from kiosk.store.inquiries import Inquiry
from kiosk.store.models import AuditEvent, Booking, SlotRow
from kiosk.store.sync_tables import AppliedCommand, OutboxCommand, OutboxStatus
from kiosk.sync.link import status
from kiosk.sync.outbox import enqueue
from tests.factories import NOW, add_case, add_slot, case_number, seed_post
from tests.sync.conftest import rows_of
from tests.sync.via import book_via_central, cancel_via_central, pull, push, push_one, sync_once

pytestmark = pytest.mark.postgres

C1, C2 = case_number(1), case_number(2)
TUE_10 = datetime(2026, 11, 10, 8, 30)
SLOT = "2026-11-10T08:30"


@pytest.fixture
def post(central):
    seed_post(central)
    add_slot(central, TUE_10, 2)
    add_case(central, C1)
    add_case(central, C2, spouse=True)
    return central


def _count(db: Database, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def _inquiry(cache: Database) -> str:
    with cache.transaction() as s:
        return enqueue(s, "inquiry", {"case_number": C1, "kind": "letter_copy", "text": "lost my letter",
                                      "now": NOW.isoformat()}, now=NOW)


def test_commands_queue_while_offline_and_drain_when_central_returns(post, cache):
    down = post.down()  # nothing listens there: connecting fails at once, as with central down
    _inquiry(cache)
    offline = sync_once(down, cache, kiosk_id="hall-1", now=NOW)
    assert (offline.central_reachable, offline.outbox_depth, offline.last_sync) == (False, 1, None)
    assert status(cache) == {"kiosk": "hall-1", "central_reachable": False, "last_sync": None, "outbox": 1}

    online = sync_once(post, cache, kiosk_id="hall-1", now=NOW)
    assert (online.central_reachable, online.pushed, online.outbox_depth) == (True, 1, 0)
    assert status(cache) == {"kiosk": "hall-1", "central_reachable": True, "last_sync": "2026-11-03T09:00:00",
                             "outbox": 0}
    with cache.session() as s:  # the inquiry came back with the pull
        assert s.scalars(select(Inquiry.kiosk_id)).all() == ["hall-1"]
    assert rows_of(cache) == rows_of(post)
    down.dispose()


def test_the_same_command_pushed_twice_applies_once(post, cache):
    command = _inquiry(cache)
    first = push_one(post, cache, command, kiosk_id="hall-1", now=NOW)
    # The kiosk lost central's answer (crash before writing it): the command is pending again.
    with cache.transaction() as s:
        s.execute(update(OutboxCommand).values(status=OutboxStatus.PENDING.value, result=None))
    assert push(post, cache, kiosk_id="hall-1", now=NOW).pushed == 1
    with cache.session() as s:
        again = s.get(OutboxCommand, command)
    assert first.status is OutboxStatus.DONE and again.status == "done"
    assert first.result["reference"] in again.result
    assert (_count(post, Inquiry), _count(post, AppliedCommand)) == (1, 1)


def test_a_booking_command_pushed_twice_takes_its_seats_once(post, cache):
    with cache.transaction() as s:
        command = enqueue(s, "book", {"case_number": C2, "slot_id": SLOT, "now": NOW.isoformat()}, now=NOW)
    first = push_one(post, cache, command, kiosk_id="hall-1", now=NOW)
    with cache.transaction() as s:
        s.execute(update(OutboxCommand).values(status=OutboxStatus.PENDING.value, result=None))
    second = push_one(post, cache, command, kiosk_id="hall-1", now=NOW)
    assert first == second and first.status is OutboxStatus.DONE
    with post.session() as s:
        assert s.get(SlotRow, SLOT).taken == 2
        assert s.scalar(select(func.count()).select_from(Booking)) == 1


def test_book_via_central_answers_with_centrals_decision(post, cache):
    booked = book_via_central(post, cache, kiosk_id="hall-1", case_number=C2, slot_id=SLOT, now=NOW)
    assert booked.applicants == [f"{C2}-1", f"{C2}-2"]
    with pytest.raises(RuleError) as full:  # two seats, both taken
        book_via_central(post, cache, kiosk_id="hall-2", case_number=C1, slot_id=SLOT, now=NOW)
    assert full.value.code == "SLOT_FULL"
    cancelled = cancel_via_central(post, cache, kiosk_id="hall-1", case_number=C2, now=NOW)
    assert (cancelled.reference, cancelled.released) == (booked.reference, 2)
    with post.session() as s:
        assert s.get(SlotRow, SLOT).taken == 0
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["booking.created", "booking.cancelled"]  # a refusal leaves no trace but its answer
    with cache.session() as s:
        assert [c.status for c in s.scalars(select(OutboxCommand).order_by(OutboxCommand.created_at))] == \
            ["done", "refused", "done"]


def test_book_via_central_when_offline_says_so_and_leaves_nothing_pending(post, cache):
    pull(post, cache)  # the kiosk knows the case (its letter was looked up), holds no loan
    down = post.down()  # nothing listens there: connecting fails at once, as with central down
    with pytest.raises(RuleError) as err:
        book_via_central(down, cache, kiosk_id="hall-1", case_number=C2, slot_id=SLOT, now=NOW)
    assert err.value.code == "OFFLINE"
    assert status(cache)["outbox"] == 0
    sync_once(post, cache, kiosk_id="hall-1", now=NOW)
    with post.session() as s:
        assert s.get(SlotRow, SLOT).taken == 0  # nothing booked behind the applicant's back
    down.dispose()


def test_an_audit_event_travels_to_central(post, cache):
    with cache.transaction() as s:
        enqueue(s, "audit", {"action": "kiosk.session_wiped", "case_number": C1, "detail": {"page": "slots"},
                             "now": NOW.isoformat()}, now=NOW)
    assert sync_once(post, cache, kiosk_id="hall-1", now=NOW).pushed == 1
    with post.session() as s:
        event = s.scalars(select(AuditEvent)).one()
    assert (event.actor, event.action, event.case_number) == ("kiosk:hall-1", "kiosk.session_wiped", C1)
    pull(post, cache)
    assert _count(cache, AuditEvent) == 0  # the audit log stays on central


def test_an_unknown_command_kind_is_refused_at_the_kiosk(cache):
    with pytest.raises(ValueError, match="not a command"), cache.transaction() as s:
        enqueue(s, "launch", {}, now=NOW)
