"""The confirmation of a stored booking: its fields, its file, and what a scanned QR code tells the clerk."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.domain.errors import InputError
from kiosk.pdf.qrsign import QrClaims, sign_payload
from kiosk.services.audit import history
from kiosk.services.confirmation import (
    ConfirmationState, check_confirmation, confirmation_data, confirmation_pdf, record_print_failure,
    write_confirmation,
)  # fmt: skip
from kiosk.services.signing import post_key
from kiosk.store.db import Database
from kiosk.store.models import ApplicantRow, Booking, BookingApplicant, CaseRow, Post, SlotRow
from tests.pdf.pdfcheck import page_count, pdf_text, qr_codes, squash

NOW = datetime(2026, 11, 25, 10, 0)
LEAD, JOINER = "GUZ2019541234", "GUZ2019541299"
SLOT = datetime(2026, 12, 10, 8, 30)  # a Thursday: the change deadline is Monday 7 December


@pytest.fixture
def store(db: Database) -> Database:
    """The shared migrated `db` (SQLite file, and PostgreSQL when configured) with a post, slots, two cases."""
    database = db
    with database.transaction() as s:
        s.add(Post(code="GUZ", name="U.S. Consulate General Guangzhou", country="CN", timezone="Asia/Shanghai",
                   address="43 Hua Jiu Road, Zhujiang New Town\nGuangzhou 510623"))
        s.add_all([SlotRow(id="s1", start=SLOT, seats=10, taken=0),
                   SlotRow(id="s2", start=datetime(2026, 12, 14, 9, 0), seats=10, taken=0)])
        for number, people in ((LEAD, [("LIN", "MEI", "林美"), ("Ali & <Baba>", "O'Brien", "张<伟>")]),
                               (JOINER, [("ŻÓŁĆ", "ŁUKASZ", None)])):
            s.add(CaseRow(
                case_number=number, post_code="GUZ", petitioner_id="PET-1", visa_class="F21",
                priority_date=date(2019, 3, 14), chargeability="CHINA", last_contact=date(2026, 6, 2),
                imported_at=NOW, applicants=[
                    ApplicantRow(id=f"{number}-{i}", position=i, role="principal" if i == 0 else "child",
                                 surname=sn, given_names=gn, native_name=native, date_of_birth=date(1990, 1, 1),
                                 marital_status="single", on_letter=True)
                    for i, (sn, gn, native) in enumerate(people)
                ],
            ))  # fmt: skip
    return database


def book(db: Database, reference: str, slot: str, *, replaces: str | None = None, joiner: bool = False) -> None:
    with db.transaction() as s:
        if replaces:
            s.get(Booking, replaces).status = "superseded"
        ids = [(LEAD, f"{LEAD}-0"), (LEAD, f"{LEAD}-1")] + ([(JOINER, f"{JOINER}-0")] if joiner else [])
        s.add(Booking(reference=reference, case_number=LEAD, slot_id=slot, status="active", seats=len(ids),
                      created_at=datetime(2026, 11, 25, 9, 41), replaces_reference=replaces, kiosk_id="hall-1",
                      applicants=[BookingApplicant(applicant_id=a, case_number=c) for c, a in ids]))  # fmt: skip


def test_written_confirmation_shows_the_stored_booking_and_a_current_qr(store: Database, tmp_path: Path) -> None:
    book(store, "GUZ-7K3M9QX2", "s1")
    out = tmp_path / "confirmation.pdf"
    with store.transaction() as s:
        assert write_confirmation(s, "guz 2019 541234", out, now=NOW) == out
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file left
    pdf = out.read_bytes()
    text = pdf_text(pdf)
    assert page_count(pdf) == 1
    for expected in ("U.S. Consulate General Guangzhou", "43 Hua Jiu Road, Zhujiang New Town", LEAD, "GUZ-7K3M9QX2",
                     "LIN MEI", "林美", "Ali & <Baba> O'Brien", "张<伟>", "Thursday 10 December 2026",
                     "Thursday 10 December 2026, 08:30 (Beijing time)",
                     "Wednesday 25 November 2026, 09:41 (Beijing time)"):  # fmt: skip
        assert expected in text
    assert squash("until the end of Monday 7 December 2026") in squash(text)
    assert "hall-1" not in text
    assert "COPY" not in text
    (payload,) = qr_codes(pdf)
    with store.session() as s:
        check = check_confirmation(s, payload)
    assert check.state is ConfirmationState.CURRENT
    assert check.claims == QrClaims("GUZ-7K3M9QX2", LEAD, SLOT)


def test_rebooking_supersedes_the_old_confirmation_and_names_it(store: Database) -> None:
    book(store, "GUZ-OLD00001", "s1")
    with store.transaction() as s:
        old_pdf = confirmation_pdf(s, LEAD, now=NOW)
    book(store, "GUZ-NEW00002", "s2", replaces="GUZ-OLD00001")
    with store.transaction() as s:
        new_pdf = confirmation_pdf(s, LEAD, now=NOW)
    assert "This confirmation replaces booking GUZ-OLD00001" in pdf_text(new_pdf)
    assert "Monday 14 December 2026" in pdf_text(new_pdf)
    with store.session() as s:
        old = check_confirmation(s, qr_codes(old_pdf)[0])
        new = check_confirmation(s, qr_codes(new_pdf)[0])
    assert (old.state, old.current_reference) == (ConfirmationState.SUPERSEDED, "GUZ-NEW00002")
    assert new.state is ConfirmationState.CURRENT


def test_reprint_is_a_copy_with_the_reprint_time(store: Database) -> None:
    book(store, "GUZ-7K3M9QX2", "s1")
    with store.transaction() as s:
        text = pdf_text(confirmation_pdf(s, LEAD, now=datetime(2026, 11, 28, 16, 20), copy=True))
    assert "COPY — reprinted Saturday 28 November 2026, 16:20 (Beijing time)" in " ".join(text.split())


def test_joined_case_prints_the_shared_booking_with_every_applicant(store: Database) -> None:
    book(store, "GUZ-7K3M9QX2", "s1", joiner=True)
    with store.session() as s:
        data = confirmation_data(s, JOINER, now=NOW)
    assert data.reference == "GUZ-7K3M9QX2" and data.case_number == LEAD
    assert data.joined_cases == (JOINER,)
    assert [a.latin for a in data.applicants] == ["LIN MEI", "Ali & <Baba> O'Brien", "ŻÓŁĆ ŁUKASZ"]


def test_cancelled_booking_has_no_confirmation_and_its_qr_reads_cancelled(store: Database) -> None:
    book(store, "GUZ-7K3M9QX2", "s1")
    with store.transaction() as s:
        payload = qr_codes(confirmation_pdf(s, LEAD, now=NOW))[0]
    with store.transaction() as s:
        s.get(Booking, "GUZ-7K3M9QX2").status = "cancelled"
    with store.session() as s:
        assert check_confirmation(s, payload).state is ConfirmationState.CANCELLED
        with pytest.raises(InputError) as err:
            confirmation_data(s, LEAD, now=NOW)
    assert err.value.field == "case_number"


def test_forged_or_foreign_codes_are_not_genuine(store: Database) -> None:
    book(store, "GUZ-7K3M9QX2", "s1")
    claims = QrClaims("GUZ-7K3M9QX2", LEAD, SLOT)
    with store.transaction() as s:
        key = post_key(s, "GUZ", now=NOW)
    with store.session() as s:
        assert check_confirmation(s, sign_payload(claims, b"guessed key")).state is ConfirmationState.NOT_GENUINE
        assert check_confirmation(s, "hello").state is ConfirmationState.NOT_GENUINE
        moved = QrClaims("GUZ-7K3M9QX2", LEAD, datetime(2026, 12, 14, 9, 0))  # signed, but not this booking's slot
        assert check_confirmation(s, sign_payload(moved, key)).state is ConfirmationState.STALE
        ghost = QrClaims("GUZ-NOSUCH00", LEAD, SLOT)
        assert check_confirmation(s, sign_payload(ghost, key)).state is ConfirmationState.UNKNOWN


def test_print_failure_is_recorded_in_the_case_history(store: Database) -> None:
    with store.transaction() as s:
        record_print_failure(s, LEAD, destination="Hall-1-Laser", detail="printer 'Hall-1-Laser' not found",
                             now=NOW, kiosk_id="hall-1")  # fmt: skip
    with store.session() as s:
        (entry,) = history(s, LEAD)
    assert (entry.actor, entry.action, entry.at) == ("hall-1", "print_failed", NOW)
    assert entry.detail == {"destination": "Hall-1-Laser", "reason": "printer 'Hall-1-Laser' not found"}
