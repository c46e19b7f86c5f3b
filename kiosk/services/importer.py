"""Load a validated case file into the database in one transaction: all of it, or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kiosk.domain.appointment import wall_clock
from kiosk.domain.errors import InputError
from kiosk.domain.model import Case
from kiosk.services.casefile import CaseFile, load_case_file
from kiosk.services.casefile_json import DEFAULT_MAX_BYTES
from kiosk.store.db import Database
from kiosk.store.models import ApplicantRow, CaseRow, Closure, CutoffRow, Post, SlotRow


@dataclass(frozen=True)
class ImportSummary:
    post: str | None
    cutoffs: int
    slots: int
    closures: int
    cases: int
    applicants: int


def import_file(db: Database, path: Path | str, *, now: datetime | None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> ImportSummary:
    """Validate the whole file first (dates judged on `now`'s day), then write it in one transaction.

    `now` None: the database knows no post yet, so the time is the wall clock of the post the file names.
    """
    data = load_case_file(path, today=now.date() if now else None, max_bytes=max_bytes)
    return import_case_file(db, data, now=now or wall_clock(data.post.timezone if data.post else None))


def import_case_file(db: Database, data: CaseFile, *, now: datetime) -> ImportSummary:
    with db.transaction() as s:
        if data.post:
            s.merge(Post(code=data.post.code, name=data.post.name, country=data.post.country,
                         timezone=data.post.timezone, address=data.post.address,
                         name_zh=data.post.name_zh, address_zh=data.post.address_zh))
        for c in data.cutoffs:
            row = s.scalar(select(CutoffRow).where(
                CutoffRow.month == c.month, CutoffRow.category == c.category,
                CutoffRow.chargeability == c.chargeability))
            value = c.final_action if isinstance(c.final_action, str) else c.final_action.isoformat()
            if row is None:
                s.add(CutoffRow(month=c.month, category=c.category, chargeability=c.chargeability,
                                final_action=value))
            else:
                row.final_action = value
        for slot in data.slots:
            slot_row = s.get(SlotRow, slot.id)
            if slot_row is None:
                s.add(SlotRow(id=slot.id, start=slot.start, seats=slot.seats, taken=0))
                continue
            if slot.seats < slot_row.taken:
                # Raising inside the transaction rolls back everything imported so far.
                raise InputError(f"slot {slot.id} has {slot_row.taken} seats booked; cannot shrink it to {slot.seats}",
                                 field="seats")
            if slot_row.start != slot.start and slot_row.taken:
                raise InputError(f"slot {slot.id} has bookings; its start cannot move", field="start")
            slot_row.start, slot_row.seats = slot.start, slot.seats
        for day, reason in data.closures:
            s.merge(Closure(date=day, reason=reason))
        post_code = data.post.code if data.post else None
        for case in data.cases:
            _replace_case(s, case, post_code or case.case_number[:3], now)
        s.flush()
        return ImportSummary(post_code, len(data.cutoffs), len(data.slots), len(data.closures),
                             len(data.cases), sum(len(c.applicants) for c in data.cases))


def _replace_case(s: Session, case: Case, post_code: str, now: datetime) -> None:
    """A case imported again replaces its earlier version; its bookings stay (they hold no FK)."""
    owner = s.scalar(select(ApplicantRow.case_number).where(
        ApplicantRow.id.in_([a.id for a in case.applicants]), ApplicantRow.case_number != case.case_number))
    if owner:
        raise InputError(f"an applicant id is already used by case {owner}", case_number=case.case_number,
                         field="applicants.id")
    s.execute(delete(ApplicantRow).where(ApplicantRow.case_number == case.case_number))
    s.execute(delete(CaseRow).where(CaseRow.case_number == case.case_number))
    appt = case.appointment
    s.add(CaseRow(
        case_number=case.case_number, post_code=post_code, petitioner_id=case.petitioner_id,
        visa_class=case.visa_class, priority_date=case.priority_date, chargeability=case.chargeability,
        petition_filed=case.petition_filed, petition_approved=case.petition_approved,
        interviewed=case.interviewed, visa_class_changed=case.visa_class_changed,
        last_contact=case.last_contact,
        appointment_start=appt.start if appt else None,
        appointment_booked_via=appt.booked_via.value if appt else None,
        imported_at=now,
    ))
    s.flush()
    for position, a in enumerate(case.applicants):
        s.add(ApplicantRow(
            id=a.id, case_number=case.case_number, position=position, role=a.role.value,
            surname=a.surname, given_names=a.given_names, date_of_birth=a.date_of_birth,
            marital_status=a.marital_status, on_letter=a.on_letter,
            cspa=a.cspa.value if a.cspa else None, native_name=a.native_name,
        ))
