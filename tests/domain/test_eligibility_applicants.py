"""Applicant-level rules: who stays home, without blocking the rest of the case."""

from __future__ import annotations

from datetime import date

from kiosk.domain.model import Cspa, Decision, InquiryKind

from .factories import case, child, only, principal, run, spouse


def test_child_married_stays_home_and_the_rest_attend():
    kid = child(date(2008, 5, 1), marital_status="Married")
    ev = run(case(kid))
    finding = only(ev, "CHILD_MARRIED")
    assert ev.decision is Decision.SCHEDULE
    assert ev.attending == (principal().id,) and finding.applicant == kid.id
    assert kid.full_name in finding.message


def test_child_married_and_over_21_needs_no_cspa_check():
    ev = run(case(child(date(2000, 5, 1), marital_status="married")))
    assert ev.codes == ["CHILD_MARRIED"] and ev.decision is Decision.SCHEDULE


def test_child_aged_out_when_cspa_does_not_protect_a_child_of_21():
    kid = child(date(2005, 11, 25), cspa=Cspa.NOT_PROTECTED)
    ev = run(case(kid))
    assert ev.codes == ["CHILD_AGED_OUT"] and ev.decision is Decision.SCHEDULE
    assert ev.attending == (principal().id,) and "21 years old" in ev.findings[0].message


def test_child_aged_out_not_the_day_before_the_21st_birthday():
    kid = child(date(2005, 11, 26), cspa=Cspa.NOT_PROTECTED)
    ev = run(case(kid))
    assert ev.codes == [] and kid.id in ev.attending


def test_child_aged_out_not_when_cspa_protects_the_child():
    kid = child(date(2001, 1, 1), cspa=Cspa.PROTECTED)
    assert run(case(kid)).attending == (principal().id, kid.id)


def test_derivative_not_on_letter_child_needs_a_birth_certificate():
    kid = child(date(2012, 4, 4), on_letter=False)
    ev = run(case(kid))
    finding = only(ev, "DERIVATIVE_NOT_ON_LETTER")
    assert ev.decision is Decision.SCHEDULE and ev.attending == (principal().id,)
    assert finding.inquiry is InquiryKind.ADD_DERIVATIVE and finding.documents == ("birth certificate",)
    assert kid.full_name in finding.message and "birth certificate" in finding.remedy


def test_derivative_not_on_letter_spouse_needs_marriage_and_birth_certificates():
    wife = spouse(on_letter=False)
    finding = only(run(case(wife)), "DERIVATIVE_NOT_ON_LETTER")
    assert finding.applicant == wife.id
    assert finding.documents == ("marriage certificate", "spouse's birth certificate")


def test_derivative_not_on_letter_never_for_the_principal():
    assert run(case(applicants=(principal(on_letter=False),))).codes == []


def test_letter_missing_blocks_the_visit_with_a_letter_copy_inquiry():
    ev = run(case(), has_letter=False)
    finding = only(ev, "LETTER_MISSING")
    assert ev.decision is Decision.INQUIRY and ev.earliest_date is None
    assert finding.inquiry is InquiryKind.LETTER_COPY and finding.applicant is None


def test_attending_keeps_file_order_minus_every_removed_applicant():
    kids = (child(date(2010, 1, 1), 2, given_names="A"),
            child(date(2009, 1, 1), 3, given_names="B", marital_status="married"),
            child(date(2011, 1, 1), 4, given_names="C", on_letter=False),
            child(date(2012, 1, 1), 5, given_names="D"))
    ev = run(case(spouse(6), *kids))
    assert ev.attending == (principal().id, "GUZ2019541234-6", kids[0].id, kids[3].id)
