"""Case search for the clerk: by case number, petitioner id, or an applicant's Latin or native name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError
from kiosk.store.models import ApplicantRow, CaseRow


@dataclass(frozen=True)
class CaseHit:
    case_number: str
    petitioner_id: str
    visa_class: str
    names: str  # every applicant, Latin and native


def search_cases(session: Session, text: str, limit: int = 50) -> list[CaseHit]:
    """Cases by case number, petitioner id, or any applicant's Latin or native name (part of it)."""
    query = " ".join(text.split())
    if not query:
        return []
    try:
        numbers = select(CaseRow.case_number).where(CaseRow.case_number == parse_case_number(query))
    except InputError:
        like = f"%{query.casefold()}%"
        full = func.lower(ApplicantRow.surname + " " + ApplicantRow.given_names)
        by_name = select(ApplicantRow.case_number).where(or_(
            full.like(like), func.lower(ApplicantRow.given_names + " " + ApplicantRow.surname).like(like),
            ApplicantRow.native_name.like(f"%{query}%")))
        numbers = select(CaseRow.case_number).where(or_(
            func.lower(CaseRow.petitioner_id) == query.casefold(), CaseRow.case_number.in_(by_name)))
    rows = session.scalars(select(CaseRow).options(selectinload(CaseRow.applicants))
                           .where(CaseRow.case_number.in_(numbers)).order_by(CaseRow.case_number).limit(limit))
    return [CaseHit(r.case_number, r.petitioner_id, r.visa_class, "; ".join(
        f"{a.surname} {a.given_names}" + (f" {a.native_name}" if a.native_name else "") for a in r.applicants))
        for r in rows]
