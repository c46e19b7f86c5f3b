"""The decision: precedence, all findings reported, schedule vs reschedule, the JSON object."""

from __future__ import annotations

import json
from datetime import date, datetime

from kiosk.domain.eligibility import evaluation_to_dict
from kiosk.domain.messages import MESSAGES, render
from kiosk.domain.model import Decision

from .factories import (
    CASE_NUMBER,
    TODAY,
    case,
    child,
    consulate_appointment,
    other_case,
    run,
    system_appointment,
)

TODAY_APPOINTMENT = consulate_appointment(datetime(2026, 11, 25, 10, 0))


def test_precedence_not_handled_beats_inquiry_and_wait():
    ev = run(case(visa_class="K1", interviewed=True, appointment=TODAY_APPOINTMENT))
    assert ev.decision is Decision.NOT_HANDLED and ev.earliest_date is None
    assert ev.codes == ["ALREADY_INTERVIEWED", "ORIGINAL_APPOINTMENT_NOT_MISSED", "VISA_CLASS_NOT_HANDLED"]


def test_precedence_inquiry_beats_wait():
    ev = run(case(visa_class_changed=True, appointment=TODAY_APPOINTMENT))
    assert ev.decision is Decision.INQUIRY and ev.earliest_date is None
    assert ev.codes == ["ORIGINAL_APPOINTMENT_NOT_MISSED", "VISA_CLASS_CHANGED"]


def test_precedence_wait_beats_schedule_and_info_findings_do_not_block():
    ev = run(case(child(date(2005, 12, 20)), appointment=TODAY_APPOINTMENT), group=[other_case("GUZ2019000002")])
    assert ev.decision is Decision.WAIT and ev.earliest_date == date(2026, 11, 26)
    assert ev.codes == ["CHILD_TURNS_21_SOON", "ORIGINAL_APPOINTMENT_NOT_MISSED", "SAME_PETITIONER_GROUP"]


def test_all_findings_reported_when_many_rules_fire():
    c = case(
        child(date(2004, 1, 1), 2),  # 22, no CSPA decision
        child(date(2008, 1, 1), 3, marital_status="married"),
        child(date(2010, 1, 1), 4, on_letter=False),
        visa_class="F24", priority_date=date(2020, 1, 1), interviewed=True, visa_class_changed=True,
        last_contact=date(2024, 1, 1), appointment=TODAY_APPOINTMENT,
    )
    ev = run(c, has_letter=False, group=[other_case("GUZ2019000002")])
    assert ev.decision is Decision.INQUIRY
    assert ev.codes == sorted([
        "ALREADY_INTERVIEWED", "PRINCIPAL_NO_CONTACT_1Y", "CASE_NOT_CURRENT", "VISA_CLASS_CHANGED",
        "ORIGINAL_APPOINTMENT_NOT_MISSED", "CSPA_CHECK_REQUIRED", "SAME_PETITIONER_GROUP", "CHILD_MARRIED",
        "DERIVATIVE_NOT_ON_LETTER", "LETTER_MISSING",
    ])
    assert all(f.message and f.remedy for f in ev.findings)


def test_schedule_when_the_case_never_had_a_system_booking():
    assert run(case(appointment=None)).decision is Decision.SCHEDULE


def test_reschedule_when_a_system_booking_existed_even_if_cancelled():
    assert run(case(booked_via_system_before=True)).decision is Decision.RESCHEDULE
    past_system = case(appointment=system_appointment(datetime(2026, 11, 2, 9, 0)))
    assert run(past_system).decision is Decision.RESCHEDULE


def test_reschedule_allowed_before_the_change_deadline_of_an_upcoming_booking():
    upcoming = case(appointment=system_appointment(datetime(2026, 12, 10, 9, 0)), booked_via_system_before=True)
    ev = run(upcoming)
    assert ev.decision is Decision.RESCHEDULE and ev.earliest_date == TODAY


def test_evaluation_to_dict_is_the_eligibility_json_object():
    c = case(child(date(2006, 1, 9)), child(date(2007, 1, 1), 3, marital_status="married"),
             child(date(2007, 6, 1), 4, marital_status="married"))
    data = evaluation_to_dict(run(c, group=[other_case("GUZ2018000001")]))
    assert json.loads(json.dumps(data)) == data
    assert data["case_number"] == CASE_NUMBER and data["decision"] == "schedule"
    assert data["codes"] == ["CHILD_MARRIED", "CHILD_TURNS_21_SOON", "SAME_PETITIONER_GROUP"]
    assert data["attending"] == [f"{CASE_NUMBER}-1", f"{CASE_NUMBER}-2"]
    assert data["group"] == ["GUZ2018000001", CASE_NUMBER]
    assert data["earliest_date"] == "2026-11-25"
    assert {"code", "applicant", "message", "remedy", "inquiry", "documents"} <= set(data["findings"][0])


def test_evaluation_to_dict_has_null_earliest_date_when_no_booking_is_possible():
    assert evaluation_to_dict(run(case(interviewed=True)))["earliest_date"] is None


def test_every_rule_code_has_a_message_and_remedy():
    codes = {key.partition(":")[0] for key in MESSAGES}
    assert codes >= {
        "VISA_CLASS_NOT_HANDLED", "ALREADY_INTERVIEWED", "PRINCIPAL_NO_CONTACT_1Y", "CASE_NOT_CURRENT",
        "CUTOFF_UNKNOWN", "VISA_CLASS_CHANGED", "ORIGINAL_APPOINTMENT_NOT_MISSED", "CHANGE_WINDOW_CLOSED",
        "CSPA_CHECK_REQUIRED", "CHILD_TURNS_21_SOON", "SAME_PETITIONER_GROUP", "CHILD_MARRIED",
        "CHILD_AGED_OUT", "DERIVATIVE_NOT_ON_LETTER", "LETTER_MISSING", "SLOT_CLOSED", "NOT_A_WORKING_DAY",
        "OUTSIDE_HORIZON", "SLOT_FULL",
    }
    message, remedy = render("SLOT_FULL", start="2026-12-07 08:30", seats_left=1, needed=3)
    assert "1 seat(s) left" in message and "3 applicant(s)" in message and remedy
