"""The clerk's use cases on a real demo database: each refuses what it must and leaves an audit trail."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from kiosk.domain.errors import InputError, RuleError
from kiosk.pdf.qrsign import QrClaims, sign_payload
from kiosk.services import clerk
from kiosk.services.accounts import AccountError
from kiosk.services.confirmation import ConfirmationState
from kiosk.services.inquiries import submit_inquiry
from kiosk.services.signing import post_key
from kiosk.store.models import AuditEvent, SlotRow
from tests.clerk.conftest import CLERK, NOW, PASSWORD, SUPERVISOR, TODAY
from tests.pdf.pdfcheck import pdf_text, squash

SLOT = "2026-11-09T08:30"  # a Monday a week ahead, bookable at NOW


def events(db, action: str) -> list[dict]:
    with db.session() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
        return [{"actor": r.actor, "case": r.case_number, **json.loads(r.detail)} for r in rows]


def test_staff_sign_in_gives_role_and_locks_after_five_failures(sdb) -> None:
    assert clerk.staff_sign_in(sdb, "CHEN", PASSWORD, now=NOW).role == "supervisor"
    for i in range(4):
        with pytest.raises(AccountError) as exc:
            clerk.staff_sign_in(sdb, "chen", "wrong password entirely", now=NOW + timedelta(minutes=i))
        assert exc.value.code == "SIGN_IN_FAILED"
    with pytest.raises(AccountError) as exc:
        clerk.staff_sign_in(sdb, "chen", "wrong password entirely", now=NOW + timedelta(minutes=5))
    assert exc.value.code == "ACCOUNT_LOCKED"
    with pytest.raises(AccountError, match="locked"):  # even the right password waits out the lock
        clerk.staff_sign_in(sdb, "chen", PASSWORD, now=NOW + timedelta(minutes=10))
    assert clerk.staff_sign_in(sdb, "chen", PASSWORD, now=NOW + timedelta(minutes=21)).username == "chen"
    assert len(events(sdb, "staff.sign_in_failed")) == 5


def test_add_staff_uses_the_password_rules_and_refuses_a_second_account_of_that_name(sdb) -> None:
    with pytest.raises(AccountError):
        clerk.add_staff(sdb, "li", "short", role="clerk", now=NOW)
    with pytest.raises(InputError, match="exists"):
        clerk.add_staff(sdb, "Wang", PASSWORD, role="clerk", now=NOW)
    with pytest.raises(InputError, match="role"):
        clerk.add_staff(sdb, "zhou", PASSWORD, role="boss", now=NOW)


def test_recording_protected_turns_the_cspa_inquiry_into_schedule(sdb) -> None:
    with sdb.session() as s:
        assert clerk.case_view(s, "GUZ2019000012", today=TODAY).evaluation.decision == "inquiry"
    with pytest.raises(InputError, match="reason"):
        clerk.record_cspa(sdb, CLERK, "GUZ2019000012", "GUZ2019000012-2", "protected", "", now=NOW)
    with pytest.raises(InputError, match="not a child"):
        clerk.record_cspa(sdb, CLERK, "GUZ2019000012", "GUZ2019000012-1", "protected", "CSPA memo", now=NOW)
    clerk.record_cspa(sdb, CLERK, "GUZ2019000012", "GUZ2019000012-2", "protected", "CSPA memo 41/2026", now=NOW)
    with sdb.session() as s:
        view = clerk.case_view(s, "GUZ2019000012", today=TODAY)
    assert view.evaluation.decision == "schedule"
    assert [(e.actor, e.action, e.detail["reason"]) for e in view.history] == [
        ("staff:wang", "clerk.cspa_recorded", "CSPA memo 41/2026")]


def test_case_flags_are_set_with_who_and_why(sdb) -> None:
    clerk.record_contact(sdb, CLERK, "GUZ2019000006", "phoned the petitioner", now=NOW)
    clerk.mark_interviewed(sdb, CLERK, "GUZ2019000001", "interviewed at window 4", now=NOW)
    clerk.mark_class_changed(sdb, CLERK, "GUZ2019000002", "converted to F24", now=NOW)
    with sdb.session() as s:
        decisions = {n: clerk.case_view(s, n, today=TODAY).evaluation for n in
                     ("GUZ2019000006", "GUZ2019000001", "GUZ2019000002")}
    assert decisions["GUZ2019000006"].decision == "schedule"
    assert "ALREADY_INTERVIEWED" in {f.code for f in decisions["GUZ2019000001"].findings}
    assert "VISA_CLASS_CHANGED" in {f.code for f in decisions["GUZ2019000002"].findings}
    assert events(sdb, "clerk.contact_recorded")[0]["after"] == str(TODAY)


def test_book_and_cancel_on_behalf_need_a_reason_and_are_audited(sdb) -> None:
    result = clerk.book_for(sdb, CLERK, "GUZ2019000001", SLOT, "applicant at the counter", now=NOW)
    with pytest.raises(InputError):
        clerk.cancel_for(sdb, CLERK, "GUZ2019000001", " ", now=NOW)
    clerk.cancel_for(sdb, CLERK, "GUZ2019000001", "applicant asked by phone", now=NOW)
    assert events(sdb, "booking.created")[0]["actor"] == "staff:wang"
    assert events(sdb, "clerk.cancelled") == [{"actor": "staff:wang", "case": "GUZ2019000001",
                                               "reference": result.reference, "reason": "applicant asked by phone"}]
    with sdb.session() as s:
        assert s.get(SlotRow, SLOT).taken == 0


def test_only_a_supervisor_overrides_the_closing_time(sdb) -> None:
    tomorrow = "2026-11-03T08:30"  # inside the 48 hours
    with pytest.raises(RuleError) as exc:
        clerk.book_for(sdb, CLERK, "GUZ2019000001", tomorrow, "urgent travel", now=NOW)
    assert exc.value.code == "SLOT_CLOSED"
    with pytest.raises(RuleError, match="supervisor"):
        clerk.override_book(sdb, CLERK, "GUZ2019000001", tomorrow, "urgent travel", now=NOW)
    result = clerk.override_book(sdb, SUPERVISOR, "GUZ2019000001", tomorrow, "urgent medical travel", now=NOW)
    assert result.slot_id == tomorrow
    assert events(sdb, "clerk.override")[0]["overrode"] == ["SLOT_CLOSED"]
    # The change window has closed for that booking: only the supervisor may cancel it.
    with pytest.raises(RuleError) as exc:
        clerk.cancel_for(sdb, CLERK, "GUZ2019000001", "changed plans", now=NOW)
    assert exc.value.code == "CHANGE_WINDOW_CLOSED"
    clerk.override_cancel(sdb, SUPERVISOR, "GUZ2019000001", "flight cancelled", now=NOW)
    with sdb.session() as s:
        assert s.get(SlotRow, tomorrow).taken == 0


def test_an_override_never_lifts_an_eligibility_rule(sdb) -> None:
    with pytest.raises(RuleError) as exc:
        clerk.override_book(sdb, SUPERVISOR, "GUZ2019000005", SLOT, "please", now=NOW)
    assert exc.value.code == "ALREADY_INTERVIEWED"


def test_reprint_is_marked_copy_and_the_qr_check_tells_current_from_superseded_and_forged(sdb, tmp_path) -> None:
    first = clerk.book_for(sdb, CLERK, "GUZ2019000001", SLOT, "at the counter", now=NOW)
    # Booked at the counter: the first print is the original, in the applicant's language; the next one a COPY.
    path = clerk.reprint(sdb, CLERK, "GUZ2019000001", tmp_path, "first print", now=NOW, language="zh_CN")
    text = pdf_text(path.read_bytes())
    assert "COPY" not in text.upper() and "副本" not in text and "北京时间" in text
    path = clerk.reprint(sdb, CLERK, "GUZ2019000001", tmp_path, "applicant lost it", now=NOW)
    assert "COPY" in squash(pdf_text(path.read_bytes())).upper()
    with sdb.transaction() as s:
        key = post_key(s, "GUZ", now=NOW)
    old = sign_payload(QrClaims(first.reference, "GUZ2019000001", datetime(2026, 11, 9, 8, 30)), key)
    assert clerk.check_qr(sdb, CLERK, old, now=NOW).state is ConfirmationState.CURRENT
    clerk.book_for(sdb, CLERK, "GUZ2019000001", "2026-11-10T08:30", "moved a day", now=NOW)
    assert clerk.check_qr(sdb, CLERK, old, now=NOW).state is ConfirmationState.SUPERSEDED
    forged = old[:-4] + "AAAA"
    assert clerk.check_qr(sdb, CLERK, forged, now=NOW).state is ConfirmationState.NOT_GENUINE
    assert [e["reason"] for e in events(sdb, "clerk.reprinted")] == ["first print", "applicant lost it"]
    assert len(events(sdb, "clerk.qr_checked")) == 3


def test_inquiries_receive_a_document_and_resolve(sdb) -> None:
    with sdb.transaction() as s:
        ref = submit_inquiry(s, case_number="GUZ2019000019", kind="add_derivative", text="my son",
                             documents=["birth certificate"], now=NOW).reference
    with sdb.session() as s:
        assert [r.reference for r in clerk.open_inquiries(s, "add_derivative")] == [ref]
        assert clerk.open_inquiries(s, "cspa") == []
    rec = clerk.receive_document(sdb, CLERK, ref, "Birth certificate", "original seen", now=NOW)
    assert rec.documents[0].status == "received"
    clerk.resolve(sdb, CLERK, ref, "son added to the case", now=NOW)
    with sdb.session() as s:
        assert clerk.open_inquiries(s) == []


def test_generated_slots_fall_on_working_days_only(sdb) -> None:
    start = TODAY + timedelta(days=200)  # beyond the demo's slots
    created = clerk.generate_slots(sdb, CLERK, start, start + timedelta(days=13), [time(8, 0), time(13, 0)], 4,
                                   "spring schedule", now=NOW)
    with sdb.session() as s:
        days = clerk.day_loads(s, start, start + timedelta(days=13))
    open_days = [d for d in days if d.closed is None]
    assert created == 2 * len(open_days) and all(d.day.weekday() < 5 for d in open_days)
    assert all(d.seats == 8 for d in open_days)


def test_a_closure_is_refused_while_seats_are_booked_and_a_slot_never_shrinks_below_booked(sdb) -> None:
    clerk.book_for(sdb, CLERK, "GUZ2019000001", SLOT, "at the counter", now=NOW)
    with pytest.raises(RuleError) as exc:
        clerk.record_closure(sdb, CLERK, TODAY + timedelta(days=7), "power cut", now=NOW)
    assert exc.value.code == "DAY_HAS_BOOKINGS"
    with sdb.session() as s:
        taken = s.get(SlotRow, SLOT).taken
    with pytest.raises(RuleError) as exc:
        clerk.shrink_slot(sdb, CLERK, SLOT, taken - 1, "fewer officers", now=NOW)
    assert exc.value.code == "BELOW_BOOKED"
    clerk.shrink_slot(sdb, CLERK, SLOT, taken, "fewer officers", now=NOW)
    clerk.record_closure(sdb, CLERK, TODAY + timedelta(days=8), "power cut", now=NOW)
    with sdb.session() as s:
        (day,) = clerk.day_loads(s, TODAY + timedelta(days=8), TODAY + timedelta(days=8))
    assert day.closed == "Post closed"
    assert [e["after"] for e in events(sdb, "clerk.slot_shrunk")] == [taken]


def test_the_people_to_contact_in_a_slot_and_on_a_day_and_blocking_a_slot(sdb) -> None:
    with sdb.session() as s:
        assert clerk.slot_contacts(s, SLOT) == []
    ref = clerk.book_for(sdb, CLERK, "GUZ2019000001", SLOT, "at the counter", now=NOW).reference
    with sdb.session() as s:
        (contact,) = clerk.slot_contacts(s, SLOT)
        assert clerk.day_contacts(s, TODAY + timedelta(days=7)) == [contact]
        assert clerk.day_contacts(s, TODAY + timedelta(days=8)) == []
    assert (contact.reference, contact.case_number, contact.seats) == (ref, "GUZ2019000001", 3)
    assert contact.names == ("LIN MEI 林美", "WANG JUN 王军", "LIN HAO 林浩")
    with pytest.raises(RuleError, match="contact the people listed"):
        clerk.record_closure(sdb, CLERK, TODAY + timedelta(days=7), "power cut", now=NOW)
    with pytest.raises(InputError):
        clerk.block_slot(sdb, CLERK, SLOT, " ", now=NOW)
    assert clerk.block_slot(sdb, CLERK, SLOT, "officer away", now=NOW) == 3
    with sdb.session() as s:
        assert s.get(SlotRow, SLOT).seats == 3
    assert [(e["after"], e["reason"]) for e in events(sdb, "clerk.slot_shrunk")] == [(3, "blocked: officer away")]
    clerk.cancel_for(sdb, CLERK, "GUZ2019000001", "applicant phoned", now=NOW)
    with sdb.session() as s:
        assert clerk.slot_contacts(s, SLOT) == []
