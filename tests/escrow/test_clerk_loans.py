"""Clerks and loans: shrinking never cuts into lent seats, reviews are resolved with a reason, dead kiosks written off."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from kiosk.domain.errors import InputError, RuleError
from kiosk.escrow.clerks import resolve_review, write_off_loans
from kiosk.escrow.convert import place_offline_booking
from kiosk.services.clerk.calendar import shrink_slot
from kiosk.store.loans import OfflineReview, SeatLoan
from kiosk.store.models import AuditEvent, SlotRow
from tests.clerk.conftest import CLERK, SUPERVISOR
from tests.sync.via import lend as refresh  # the kiosk's refresh, through the service
from tests.escrow.helpers import SLOT, at, seed

pytestmark = pytest.mark.postgres


def _audit(db, action: str) -> list[dict]:
    with db.session() as s:
        return [json.loads(e.detail) for e in s.scalars(select(AuditEvent).where(AuditEvent.action == action))]


def test_shrinking_a_slot_into_seats_lent_to_kiosks_is_refused_with_a_rule_code(central):
    seed(central)  # 4 seats
    refresh(central, kiosk_id="hall-1", now=at("09:00"), reported_at=at("09:00"))  # lends 2
    with pytest.raises(RuleError) as refused:
        shrink_slot(central, CLERK, SLOT, 1, "fewer officers today", now=at("09:05"))
    assert refused.value.code == "SEATS_LENT" and "2 lent to kiosks" in refused.value.message
    shrink_slot(central, CLERK, SLOT, 2, "fewer officers today", now=at("09:05"))  # taken + lent = 2: allowed
    with central.session() as s:
        assert s.get(SlotRow, SLOT).seats == 2


def test_a_review_is_resolved_once_with_a_reason_and_audited(central):
    numbers = seed(central)
    refresh(central, kiosk_id="hall-1", now=at("09:00"), reported_at=at("09:00"))
    with central.transaction() as s:
        answer = place_offline_booking(s, kiosk_id="hall-1", payload={
            "reference": "GUZ-0FF11NE0", "case_number": numbers[0], "slot_id": SLOT,
            "applicants": [[f"{numbers[0]}-1", numbers[0]]], "replaces": "GUZ-NOTHERE0", "now": at("09:10").isoformat()})
    with pytest.raises(InputError):
        resolve_review(central, CLERK, answer["review"], "ok", now=at("09:30"))  # too short to be a reason
    resolve_review(central, CLERK, answer["review"], "called the applicant, booking kept", now=at("09:30"))
    with central.session() as s:
        assert s.get(OfflineReview, answer["review"]).status == "resolved"
    (event,) = _audit(central, "clerk.offline_review_resolved")
    assert event["reference"] == "GUZ-0FF11NE0" and event["reason"] == "called the applicant, booking kept"
    with pytest.raises(RuleError) as again:
        resolve_review(central, CLERK, answer["review"], "once more", now=at("09:31"))
    assert again.value.code == "ALREADY_RESOLVED"


def test_a_dead_kiosks_loans_are_written_off_only_by_a_supervisor_and_only_after_expiry(central):
    seed(central)
    refresh(central, kiosk_id="hall-9", now=at("09:00"), reported_at=None)  # then never heard of again
    with pytest.raises(RuleError) as clerk:
        write_off_loans(central, CLERK, "hall-9", "kiosk stolen", now=at("12:00"))
    assert clerk.value.code == "SUPERVISOR_ONLY"
    with pytest.raises(RuleError) as early:  # loans expire at 11:00: until then it may be booking from them
        write_off_loans(central, SUPERVISOR, "hall-9", "kiosk stolen", now=at("10:59"))
    assert early.value.code == "LOAN_NOT_EXPIRED"
    assert write_off_loans(central, SUPERVISOR, "hall-9", "kiosk stolen", now=at("11:00")) == 4
    with central.session() as s:
        assert s.scalars(select(SeatLoan)).all() == [] and s.get(SlotRow, SLOT).lent == 0
    (event,) = _audit(central, "clerk.kiosk_loans_written_off")
    assert (event["kiosk_id"], event["seats"], event["reason"]) == ("hall-9", 4, "kiosk stolen")
    with pytest.raises(RuleError) as nothing:
        write_off_loans(central, SUPERVISOR, "hall-9", "kiosk stolen", now=at("11:05"))
    assert nothing.value.code == "NO_LOANS"
