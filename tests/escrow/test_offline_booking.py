"""A kiosk books from its loan while central is unreachable; on reconnect central makes it a booking."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from kiosk.domain.errors import RuleError
from kiosk.sync.offline import book_offline, offline_bookable_slots
from kiosk.services.booking import book
from kiosk.services.signing import store_kiosk_key
from kiosk.store.loans import HeldLoan, OfflineReview
from kiosk.store.models import Booking, BookingStatus, CaseRow, SlotRow
from kiosk.store.sync_tables import OutboxCommand
from tests.escrow.helpers import SLOT, at, looked_up, seed
from tests.sync.via import book_at_kiosk, sync_once

pytestmark = pytest.mark.postgres
LATER = "2026-11-03T16:00"


def _ready(central, cache, **kw) -> list[str]:
    numbers = seed(central, **kw)
    assert sync_once(central, cache, kiosk_id="hall-1", now=at("09:00")).loan_seats == 4
    return numbers


def _held(cache, slot_id=SLOT) -> int:
    with cache.session() as s:
        return s.get(HeldLoan, ("hall-1", slot_id)).seats


def test_an_offline_booking_is_the_booking_the_loan_decrement_and_a_command_together(central, cache):
    numbers = _ready(central, cache)
    r = book_offline(cache, kiosk_id="hall-1", case_number=looked_up(cache, numbers[0]), slot_id=SLOT, now=at("09:10"))
    with cache.session() as s:
        b = s.get(Booking, r.reference)
        (command,) = s.scalars(select(OutboxCommand)).all()
    assert (b.status, b.kiosk_id, b.slot_id) == (BookingStatus.ACTIVE, "hall-1", SLOT)
    assert _held(cache) == 1 and command.kind == "offline_book"
    assert json.loads(command.payload)["reference"] == r.reference


def test_with_no_loan_left_the_slot_is_unavailable_offline_and_the_answer_names_the_times_that_are(central, cache):
    numbers = _ready(central, cache)
    for number in numbers[:2]:
        book_offline(cache, kiosk_id="hall-1", case_number=looked_up(cache, number), slot_id=SLOT, now=at("09:10"))
    assert [o.id for o in offline_bookable_slots(cache, "hall-1", at("09:10"))] == [LATER]
    with pytest.raises(RuleError) as refused:
        book_offline(cache, kiosk_id="hall-1", case_number=looked_up(cache, numbers[2]), slot_id=SLOT, now=at("09:10"))
    assert refused.value.code == "OFFLINE_UNAVAILABLE" and "Tue 03 Nov 16:00" in refused.value.message


def test_a_kiosk_stops_using_a_loan_its_margin_before_the_expiry(central, cache):
    numbers = _ready(central, cache)  # the loan of SLOT expires at 11:00 (ttl), margin 10 min
    assert [o.id for o in offline_bookable_slots(cache, "hall-1", at("10:49"))] == [SLOT, LATER]
    assert offline_bookable_slots(cache, "hall-1", at("10:50")) == []
    with pytest.raises(RuleError):
        book_offline(cache, kiosk_id="hall-1", case_number=looked_up(cache, numbers[0]), slot_id=SLOT, now=at("10:50"))


def test_on_reconnect_the_offline_booking_becomes_central_s_booking_on_the_lent_seats(central, cache):
    numbers = _ready(central, cache)
    down = central.down()
    k = book_at_kiosk(down, cache, kiosk_id="hall-1", case_number=looked_up(cache, numbers[0]), slot_id=SLOT, now=at("09:10"))
    assert k.offline and k.kiosk_id == "hall-1"
    with central.session() as s:
        assert (s.get(SlotRow, SLOT).taken, s.get(SlotRow, SLOT).lent) == (0, 2)
    report = sync_once(central, cache, kiosk_id="hall-1", now=at("09:20"))
    assert report.central_reachable and report.outbox_depth == 0
    with central.session() as s:
        b = s.get(Booking, k.result.reference)
        assert (b.status, b.case_number, b.kiosk_id) == (BookingStatus.ACTIVE, numbers[0], "hall-1")
        assert (s.get(SlotRow, SLOT).taken, s.get(SlotRow, SLOT).lent) == (1, 2)  # converted, then topped up
        assert s.scalars(select(OfflineReview)).all() == []
    sync_once(central, cache, kiosk_id="hall-1", now=at("09:21"))  # pushing again changes nothing
    with central.session() as s:
        assert s.get(SlotRow, SLOT).taken == 1
    assert _held(cache) == 2


def test_a_booking_made_on_data_that_changed_meanwhile_is_kept_and_sent_to_the_clerks(central, cache):
    numbers = _ready(central, cache)
    r = book_offline(cache, kiosk_id="hall-1", case_number=looked_up(cache, numbers[0]), slot_id=SLOT, now=at("09:10"))
    with central.transaction() as s:  # a clerk marks the case interviewed after the kiosk's last sync
        s.execute(update(CaseRow).where(CaseRow.case_number == numbers[0]).values(interviewed=True))
    sync_once(central, cache, kiosk_id="hall-1", now=at("09:20"))
    with central.session() as s:
        assert s.get(Booking, r.reference).status == BookingStatus.ACTIVE
        (review,) = s.scalars(select(OfflineReview)).all()
    assert (review.booking_reference, review.placed, json.loads(review.codes)) == \
        (r.reference, True, ["ALREADY_INTERVIEWED"])


def test_online_first_and_the_loan_when_central_says_full_but_the_kiosk_holds_seats(central, cache):
    numbers = _ready(central, cache, seats=2)  # both seats of SLOT are lent to hall-1
    k = book_at_kiosk(central, cache, kiosk_id="hall-1", case_number=looked_up(cache, numbers[0]), slot_id=SLOT, now=at("09:10"))
    assert not k.offline  # used the loan and pushed it at once
    with central.session() as s:
        assert (s.get(SlotRow, SLOT).taken, s.get(SlotRow, SLOT).lent) == (1, 1)
    online = book_at_kiosk(central, cache, kiosk_id="hall-1", case_number=looked_up(cache, numbers[1]), slot_id=LATER,
                           now=at("09:11"))
    assert not online.offline


def test_a_kiosk_ignoring_expiry_loses_a_confirmation_and_central_flags_it(central, make_cache, monkeypatch):
    numbers = seed(central, seats=2)
    one, two = make_cache("hall-1"), make_cache("hall-2")
    sync_once(central, one, kiosk_id="hall-1", now=at("12:00"))  # both seats of SLOT, until 13:00 (its cap)
    sync_once(central, one, kiosk_id="hall-1", now=at("12:55"))  # reports past its stop time (12:50)
    sync_once(central, two, kiosk_id="hall-2", now=at("13:01"))  # central takes the seats back
    for number in numbers[1:3]:  # and sells them online before the slot closes at 14:00
        book(central, number, SLOT, now=at("13:02"))
    monkeypatch.setattr("kiosk.sync.offline.loan_usable", lambda loan, policy, now: True)  # the bug
    r = book_offline(one, kiosk_id="hall-1", case_number=looked_up(one, numbers[0]), slot_id=SLOT, now=at("13:05"))
    sync_once(central, one, kiosk_id="hall-1", now=at("13:10"))
    with central.session() as s:
        assert s.get(Booking, r.reference) is None and s.get(SlotRow, SLOT).taken == 2  # nothing overbooked
        (review,) = s.scalars(select(OfflineReview)).all()
    assert not review.placed and json.loads(review.codes) == ["LOAN_EXPIRED", "SEAT_LOST"]
    with one.session() as s:
        assert s.get(Booking, r.reference).status == BookingStatus.CANCELLED  # the cache follows central


def test_a_new_cache_with_only_its_key_offers_nothing_offline_rather_than_failing(cache):
    # The loans' reply (with the kiosk's key) can land before the first pull brings the post and its slots.
    with cache.transaction() as s:
        store_kiosk_key(s, "hall-1", b"k" * 32, now=at("09:00"))
    assert offline_bookable_slots(cache, "hall-1", at("09:10")) == []
