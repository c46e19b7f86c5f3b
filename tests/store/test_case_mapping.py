"""Rows → domain case: the latest appointment and whether the system was used before."""

from __future__ import annotations

from datetime import datetime

from kiosk.domain.model import BookedVia
from kiosk.store.models import CROCKFORD, Booking, CaseRow, SlotRow, case_from_rows, new_reference

CONSULATE = datetime(2026, 10, 12, 8, 30)
SYSTEM = datetime(2026, 12, 7, 8, 30)


def case_row(booked_via: str | None = "consulate") -> CaseRow:
    return CaseRow(case_number="GUZ2019541234", post_code="GUZ", petitioner_id="PET-1", visa_class="IR1",
                   priority_date=None, chargeability="CHINA", petition_filed=None, petition_approved=None,
                   interviewed=False, visa_class_changed=False, last_contact=None,
                   appointment_start=CONSULATE if booked_via else None, appointment_booked_via=booked_via,
                   imported_at=datetime(2026, 11, 1), applicants=[])


def booking(status: str, created: datetime = datetime(2026, 11, 2)) -> Booking:
    return Booking(reference="GUZ-X", case_number="GUZ2019541234", slot_id="S", status=status, seats=1,
                   created_at=created, slot=SlotRow(id="S", start=SYSTEM, seats=3, taken=1))


def test_an_active_system_booking_is_the_latest_appointment():
    case = case_from_rows(case_row(), [booking("active")])
    assert (case.appointment.start, case.appointment.booked_via) == (SYSTEM, BookedVia.SYSTEM)
    assert case.booked_via_system_before


def test_a_cancelled_booking_leaves_the_imported_appointment_but_counts_as_booked_before():
    case = case_from_rows(case_row(), [booking("cancelled")])
    assert (case.appointment.start, case.appointment.booked_via) == (CONSULATE, BookedVia.CONSULATE)
    assert case.booked_via_system_before


def test_a_case_without_bookings_keeps_its_imported_appointment():
    case = case_from_rows(case_row(), [])
    assert case.appointment.booked_via is BookedVia.CONSULATE and not case.booked_via_system_before
    assert case_from_rows(case_row(None), []).appointment is None


def test_an_imported_system_appointment_counts_as_booked_before():
    assert case_from_rows(case_row("system"), []).booked_via_system_before


def test_booking_references_are_short_crockford_base32():
    refs = {new_reference("GUZ") for _ in range(200)}
    assert len(refs) == 200
    for ref in refs:
        prefix, body = ref.split("-")
        assert prefix == "GUZ" and len(body) == 8 and set(body) <= set(CROCKFORD)
        assert not set(body) & set("ILOU")
