"""Central lends only seats it has, at most loan_seats per kiosk and slot, and takes them back only safely."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from kiosk.domain.errors import RuleError
from kiosk.services.booking import book
from kiosk.store.loans import KioskLink, SeatLoan
from kiosk.store.models import SlotRow
from tests.escrow.helpers import SLOT, at, seed
from tests.sync.via import lend as refresh  # the kiosk's refresh, through the service

pytestmark = pytest.mark.postgres


def _slot(central, slot_id=SLOT) -> SlotRow:
    with central.session() as s:
        return s.get(SlotRow, slot_id)


def test_central_lends_at_most_loan_seats_per_kiosk_and_never_what_it_does_not_have(central):
    seed(central, seats=5)
    assert [(x.slot_id, x.seats) for x in refresh(central, kiosk_id="hall-1", now=at("09:00"), reported_at=None)] \
        == [(SLOT, 2), ("2026-11-03T16:00", 2)]
    refresh(central, kiosk_id="hall-1", now=at("09:05"), reported_at=None)  # a top-up, not a second loan
    refresh(central, kiosk_id="hall-2", now=at("09:05"), reported_at=None)
    third = refresh(central, kiosk_id="hall-3", now=at("09:05"), reported_at=None)
    assert [x.seats for x in third if x.slot_id == SLOT] == [1]  # only one seat was left to lend
    assert (_slot(central).lent, _slot(central).taken) == (5, 0)


def test_lent_seats_are_not_bookable_online_and_the_check_constraint_refuses_more(central):
    numbers = seed(central, seats=3)
    refresh(central, kiosk_id="hall-1", now=at("09:00"), reported_at=None)
    book(central, numbers[0], SLOT, now=at("09:00"))
    with pytest.raises(RuleError) as full:
        book(central, numbers[1], SLOT, now=at("09:00"))
    assert full.value.code == "SLOT_FULL"
    with pytest.raises(IntegrityError), central.transaction() as s:
        s.execute(update(SlotRow).where(SlotRow.id == SLOT).values(lent=SlotRow.lent + 1))


def test_a_loan_expires_before_the_slots_closing_time_and_renewal_only_moves_it_later(central):
    seed(central)
    first = {x.slot_id: x for x in refresh(central, kiosk_id="hall-1", now=at("09:00"), reported_at=None)}
    assert first[SLOT].expires_at == at("11:00")  # ttl 2 h
    later = {x.slot_id: x for x in refresh(central, kiosk_id="hall-1", now=at("12:00"), reported_at=None)}
    assert later[SLOT].expires_at == at("13:00")  # capped: 15:00 - closing 1 h - return 1 h


def test_an_expired_loan_comes_back_only_after_the_kiosk_reported_past_its_stop_time(central):
    seed(central)
    refresh(central, kiosk_id="hall-1", now=at("09:00"), reported_at=at("09:00"))  # expires 11:00
    # Expired, but the kiosk's last report (09:00) predates its stop time (10:50): it may hold
    # bookings central has not seen, so central keeps the seats lent.
    refresh(central, kiosk_id="hall-2", now=at("11:30"), reported_at=None)
    with central.session() as s:
        assert s.get(SeatLoan, (SLOT, "hall-1")) is not None
    # hall-1 reports at 10:55 (past its stop time, outbox empty) while still away from its renewal.
    with central.transaction() as s:
        s.get(KioskLink, "hall-1").reported_at = at("10:55")
    refresh(central, kiosk_id="hall-2", now=at("11:31"), reported_at=None)
    with central.session() as s:
        assert s.get(SeatLoan, (SLOT, "hall-1")) is None
        assert s.get(SeatLoan, (SLOT, "hall-2")).seats == 2  # hall-2 was topped up from what came back


def test_a_dead_kiosk_holds_its_seats_only_until_the_slot_starts(central):
    seed(central)
    refresh(central, kiosk_id="hall-1", now=at("09:00"), reported_at=None)
    refresh(central, kiosk_id="hall-2", now=at("15:00"), reported_at=None)
    with central.session() as s:
        assert s.scalars(select(SeatLoan).where(SeatLoan.slot_id == SLOT)).all() == []
        assert s.get(SlotRow, SLOT).lent == 0

