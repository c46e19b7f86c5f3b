"""Case-level rules of RULES.md, one test (or more) per code, at the boundaries."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

import pytest

from kiosk.domain.errors import InputError
from kiosk.domain.model import Cspa, Decision, InquiryKind

from .factories import (
    TODAY,
    case,
    child,
    consulate_appointment,
    only,
    other_case,
    run,
    system_appointment,
)


def test_clean_case_may_schedule_from_today():
    ev = run(case())
    assert (ev.decision, ev.findings, ev.earliest_date) == (Decision.SCHEDULE, (), TODAY)


@pytest.mark.parametrize("visa_class", ["K1", "K3", "SB1"])
def test_visa_class_not_handled_for_fiance_and_returning_resident_classes(visa_class):
    ev = run(case(visa_class=visa_class, priority_date=None), cutoffs=())
    assert ev.decision is Decision.NOT_HANDLED and ev.earliest_date is None
    assert ev.codes == ["VISA_CLASS_NOT_HANDLED"]  # no cut-off rule for a class the service skips
    assert "counter" in only(ev, "VISA_CLASS_NOT_HANDLED").remedy


def test_already_interviewed_asks_for_an_interviewed_inquiry():
    ev = run(case(interviewed=True))
    assert ev.decision is Decision.INQUIRY and ev.earliest_date is None
    assert only(ev, "ALREADY_INTERVIEWED").inquiry is InquiryKind.INTERVIEWED


def test_principal_no_contact_exactly_one_year_is_not_more_than_a_year():
    assert run(case(last_contact=date(2025, 11, 25))).codes == []


def test_principal_no_contact_one_year_and_one_day_is_more_than_a_year():
    ev = run(case(last_contact=date(2025, 11, 24)))
    assert ev.decision is Decision.INQUIRY
    assert only(ev, "PRINCIPAL_NO_CONTACT_1Y").inquiry is InquiryKind.NO_CONTACT


def test_principal_no_contact_on_29_february_counts_from_28_february():
    leap_day = date(2028, 2, 29)
    cutoffs = ()  # an immediate relative needs none
    assert run(case(visa_class="IR1", last_contact=date(2027, 2, 28)), leap_day, cutoffs=cutoffs).codes == []
    ev = run(case(visa_class="IR1", last_contact=date(2027, 2, 27)), leap_day, cutoffs=cutoffs)
    assert ev.codes == ["PRINCIPAL_NO_CONTACT_1Y"]


def test_principal_no_contact_unknown_last_contact_fires_nothing():
    assert run(case(last_contact=None)).codes == []


def test_case_not_current_when_priority_date_equals_the_final_action_date():
    ev = run(case(visa_class="F24", priority_date=date(2017, 1, 1)))
    finding = only(ev, "CASE_NOT_CURRENT")
    assert ev.decision is Decision.INQUIRY and finding.inquiry is InquiryKind.NOT_CURRENT
    assert "2017-01-01" in finding.message


def test_case_not_current_one_day_earlier_priority_date_is_current():
    assert run(case(visa_class="F24", priority_date=date(2016, 12, 31))).decision is Decision.SCHEDULE


def test_case_not_current_when_the_category_is_unavailable():
    ev = run(case(visa_class="F41", priority_date=date(2001, 1, 1)))
    assert ev.codes == ["CASE_NOT_CURRENT"] and "no visas are available" in ev.findings[0].message


def test_case_not_current_without_a_priority_date_says_it_is_missing():
    ev = run(case(priority_date=None))
    assert ev.codes == ["CASE_NOT_CURRENT"] and "no priority date" in ev.findings[0].message


def test_case_not_current_chargeability_without_own_row_uses_all():
    # F2B ALL is 2018-01-01, CHINA 2017-01-01: a Mexican-born 2017-06-01 case is current.
    assert run(case(visa_class="F24", chargeability="MEXICO", priority_date=date(2017, 6, 1))).codes == []
    assert run(case(visa_class="F24", chargeability="CHINA", priority_date=date(2017, 6, 1))).codes == [
        "CASE_NOT_CURRENT"]


def test_case_not_current_never_for_immediate_relatives():
    assert run(case(visa_class="IR5", priority_date=None), cutoffs=()).decision is Decision.SCHEDULE


def test_cutoff_unknown_when_no_row_is_in_force_and_warns_the_operator(caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.domain.eligibility"):
        ev = run(case(visa_class="F31"))  # F3 has a row for October only
    finding = only(ev, "CUTOFF_UNKNOWN")
    assert ev.decision is Decision.INQUIRY and finding.inquiry is InquiryKind.NOT_CURRENT
    assert "2026-11" in finding.message
    assert any("F3" in r.getMessage() for r in caplog.records)


def test_visa_class_changed_asks_for_a_class_changed_inquiry():
    ev = run(case(visa_class_changed=True))
    assert ev.decision is Decision.INQUIRY
    assert only(ev, "VISA_CLASS_CHANGED").inquiry is InquiryKind.CLASS_CHANGED


def test_original_appointment_not_missed_on_the_appointment_day_itself():
    ev = run(case(appointment=consulate_appointment(datetime(2026, 11, 25, 8, 30))))
    assert ev.decision is Decision.WAIT and ev.earliest_date == date(2026, 11, 26)
    assert only(ev, "ORIGINAL_APPOINTMENT_NOT_MISSED").remedy.endswith("from 2026-11-26.")


def test_original_appointment_not_missed_the_day_after_it_may_schedule():
    ev = run(case(appointment=consulate_appointment(datetime(2026, 11, 24, 8, 30))))
    assert ev.decision is Decision.SCHEDULE and ev.codes == []


def test_change_window_closed_after_the_third_working_day_before_the_booking():
    booked = case(appointment=system_appointment(datetime(2026, 12, 10, 9, 0)), booked_via_system_before=True)
    assert run(booked, date(2026, 12, 7)).decision is Decision.RESCHEDULE  # Monday: the deadline
    ev = run(booked, date(2026, 12, 8))
    assert ev.decision is Decision.WAIT and ev.earliest_date == date(2026, 12, 11)
    assert "2026-12-07" in only(ev, "CHANGE_WINDOW_CLOSED").message


def test_change_window_closed_counts_a_us_holiday_inside_the_window():
    # Monday 30 Nov: Fri 27, Thanksgiving, Wed 25, Tue 24 → the deadline was Tuesday 24 Nov.
    booked = case(appointment=system_appointment(datetime(2026, 11, 30, 9, 0)), booked_via_system_before=True)
    assert run(booked, date(2026, 11, 24)).codes == []
    assert run(booked, date(2026, 11, 25)).codes == ["CHANGE_WINDOW_CLOSED"]


def test_change_window_closed_counts_a_chinese_holiday_inside_the_window():
    # Friday 9 Oct: Thu 8, National Day holidays 1–7 Oct, Wed 30 Sep, Tue 29 Sep.
    booked = case(appointment=system_appointment(datetime(2026, 10, 9, 9, 0)), booked_via_system_before=True)
    assert run(booked, date(2026, 9, 29)).codes == []
    assert run(booked, date(2026, 9, 30)).codes == ["CHANGE_WINDOW_CLOSED"]


def test_change_window_closed_not_for_a_past_system_booking():
    booked = case(appointment=system_appointment(datetime(2026, 11, 20, 9, 0)), booked_via_system_before=True)
    ev = run(booked)
    assert ev.decision is Decision.RESCHEDULE and ev.earliest_date == TODAY


def test_cspa_check_required_for_an_unmarried_child_21_today():
    kid = child(date(2005, 11, 25))
    ev = run(case(kid))
    finding = only(ev, "CSPA_CHECK_REQUIRED")
    assert ev.decision is Decision.INQUIRY and finding.inquiry is InquiryKind.CSPA
    assert finding.applicant == kid.id and kid.full_name in finding.message


def test_cspa_check_required_not_for_a_child_21_tomorrow_who_is_warned_instead():
    ev = run(case(child(date(2005, 11, 26))))
    assert ev.decision is Decision.SCHEDULE and ev.codes == ["CHILD_TURNS_21_SOON"]


def test_cspa_check_required_for_child_born_29_february_from_1_march_of_a_common_year():
    c = case(child(date(2004, 2, 29)), appointment=None, last_contact=date(2025, 1, 6))
    assert run(c, date(2025, 2, 28)).codes == ["CHILD_TURNS_21_SOON"]
    assert run(c, date(2025, 3, 1)).codes == ["CSPA_CHECK_REQUIRED"]


def test_cspa_check_required_not_when_cspa_protects_the_child():
    kid = child(date(2003, 1, 1), cspa=Cspa.PROTECTED)
    ev = run(case(kid))
    assert ev.decision is Decision.SCHEDULE and ev.codes == [] and kid.id in ev.attending


def test_child_turns_21_soon_on_the_last_day_of_the_warning_window():
    birthday_21 = TODAY + timedelta(days=90)
    kid = child(birthday_21.replace(year=birthday_21.year - 21))
    finding = only(run(case(kid)), "CHILD_TURNS_21_SOON")
    assert finding.applicant == kid.id and birthday_21.isoformat() in finding.remedy
    later = child((birthday_21 + timedelta(days=1)).replace(year=birthday_21.year - 21))
    assert run(case(later)).codes == []


def test_child_turns_21_soon_not_when_a_cspa_decision_exists():
    assert run(case(child(date(2005, 12, 1), cspa=Cspa.PROTECTED))).codes == []


def test_same_petitioner_group_books_one_appointment_for_all_open_cases():
    ev = run(case(), group=[other_case("GUZ2019000002"), other_case("GUZ2018000001")])
    finding = only(ev, "SAME_PETITIONER_GROUP")
    assert ev.decision is Decision.SCHEDULE and finding.applicant is None
    assert ev.group == ("GUZ2018000001", "GUZ2019000002", "GUZ2019541234")
    assert ev.join_booking_of is None


def test_same_petitioner_group_ignores_interviewed_cases():
    ev = run(case(), group=[other_case("GUZ2019000002", interviewed=True)])
    assert ev.codes == [] and ev.group == ("GUZ2019541234",)


def test_same_petitioner_group_joins_an_upcoming_system_booking():
    booked = other_case("GUZ2019000002", appointment=system_appointment(datetime(2026, 12, 14, 9, 0)))
    past = other_case("GUZ2019000003", appointment=system_appointment(datetime(2026, 11, 2, 9, 0)))
    ev = run(case(), group=[booked, past])
    finding = only(ev, "SAME_PETITIONER_GROUP")
    assert ev.join_booking_of == "GUZ2019000002"
    assert "GUZ2019000002" in finding.remedy and "Add the applicants" in finding.remedy


def test_same_petitioner_group_does_not_join_a_past_or_consulate_appointment():
    past = other_case("GUZ2019000002", appointment=system_appointment(datetime(2026, 11, 24, 9, 0)))
    original = other_case("GUZ2019000003", appointment=consulate_appointment(datetime(2026, 12, 1, 9, 0)))
    assert run(case(), group=[past, original]).join_booking_of is None


def test_unknown_visa_class_is_an_input_error():
    with pytest.raises(InputError):
        run(case(visa_class="Z99"))
