"""The case screen's use cases: the case view, CSPA ages, audited case actions, reprint, QR check, inquiries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.appointment import AppointmentFacts, appointment_facts
from kiosk.domain.cutoffs import parse_final_action
from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError
from kiosk.domain.model import Cspa, Cutoff, Evaluation, Role
from kiosk.services import audit, confirmation, inquiries
from kiosk.services.clerk.staff import StaffView, require_reason
from kiosk.domain.cspa import CspaAge, cspa_age
from kiosk.services.evaluation import assess, bookings_of
from kiosk.store.accounts import AccountCase
from kiosk.store.db import Database
from kiosk.store.inquiries import InquiryStatus
from kiosk.store.models import ApplicantRow, CaseRow, CutoffRow, Post


@dataclass(frozen=True)
class BookingLine:
    reference: str
    status: str
    slot_id: str
    start: datetime
    seats: int
    replaces: str | None
    facts: AppointmentFacts  # the deadline and can/cannot change, as the applicant's screens and paper say


@dataclass(frozen=True)
class CaseView:
    """Everything the case screen shows: the applicant's own evaluation, people, bookings, inquiries, history."""

    case_number: str
    petitioner_id: str
    visa_class: str
    last_contact: date | None
    interviewed: bool
    visa_class_changed: bool
    evaluation: Evaluation
    applicants: tuple[ApplicantRow, ...]
    bookings: tuple[BookingLine, ...]
    inquiries: tuple[inquiries.InquiryRecord, ...]
    history: tuple[audit.AuditEntry, ...]
    timezone: str = "Asia/Shanghai"  # the post's: every time shown is on its clock
    accounts: tuple[str, ...] = ()  # applicants' accounts that looked this case up (kiosk.services.account_cases)


def case_view(session: Session, case_number: str, *, today: date) -> CaseView:
    number = parse_case_number(case_number)
    a = assess(session, number, today=today)  # the same evaluation the applicant saw
    row = session.get_one(CaseRow, number)  # assess has found it
    lines = sorted({b.reference: b for b in bookings_of(session, [number]).get(number, [])}.values(),
                   key=lambda b: b.created_at, reverse=True)
    now = datetime.combine(today, time())
    post = session.get(Post, row.post_code)
    return CaseView(
        number, row.petitioner_id, row.visa_class, row.last_contact, row.interviewed, row.visa_class_changed,
        a.evaluation, tuple(row.applicants),
        tuple(BookingLine(b.reference, b.status, b.slot_id, b.slot.start, b.seats, b.replaces_reference,
                          appointment_facts(b.slot.start, now, a.calendar, a.policy))
              for b in lines),
        tuple(inquiries.list_inquiries(session, case_number=number)), tuple(audit.history(session, number)),
        post.timezone if post else "Asia/Shanghai",
        tuple(session.scalars(select(AccountCase.username).where(AccountCase.case_number == number)
                              .order_by(AccountCase.linked_at))))


def _case(s: Session, case_number: str) -> CaseRow:
    row = s.get(CaseRow, parse_case_number(case_number))
    if row is None:
        raise InputError(f"no case {case_number} found", field="case_number")
    return row


def _child(case: CaseRow, applicant_id: str) -> ApplicantRow:
    app = next((x for x in case.applicants if x.id == applicant_id), None)
    if app is None or app.role != Role.CHILD:
        raise InputError(f"{applicant_id!r} is not a child on case {case.case_number}", field="applicant")
    return app


@dataclass(frozen=True)
class ChildCspa:
    """The CSPA calculator's answer for one child, with what it was computed from."""

    case_number: str
    applicant_id: str
    name: str
    date_of_birth: date | None
    recorded: str | None  # the decision on file, if any
    visa_class: str
    priority_date: date | None
    petition_filed: date | None
    petition_approved: date | None
    age: CspaAge


def cspa_for(session: Session, case_number: str, applicant_id: str) -> ChildCspa:
    """The child's CSPA age from the case and every recorded bulletin month (InputError if data is missing)."""
    case = _case(session, case_number)
    child = _child(case, applicant_id)
    cutoffs = [Cutoff(r.month, r.category, r.chargeability, parse_final_action(r.final_action))
               for r in session.scalars(select(CutoffRow))]
    age = cspa_age(date_of_birth=child.date_of_birth, visa_class=case.visa_class,
                   chargeability=case.chargeability, priority_date=case.priority_date,
                   petition_filed=case.petition_filed, petition_approved=case.petition_approved, cutoffs=cutoffs)
    return ChildCspa(case.case_number, child.id, f"{child.surname} {child.given_names}".strip(),
                     child.date_of_birth, child.cspa, case.visa_class, case.priority_date, case.petition_filed,
                     case.petition_approved, age)


# --- actions on a case ----------------------------------------------------------------------------

def record_cspa(db: Database, who: StaffView, case_number: str, applicant_id: str, decision: str,
                reason: str, *, now: datetime) -> None:
    """The consulate's CSPA decision for a derivative child (protected / not_protected)."""
    why, value = require_reason(reason), Cspa(decision).value
    with db.transaction() as s:
        case = _case(s, case_number)
        app = _child(case, applicant_id)
        before, app.cspa = app.cspa, value
        audit.record(s, actor=who.actor, action="clerk.cspa_recorded", case_number=case.case_number, now=now,
                     detail={"applicant": applicant_id, "before": before, "after": value, "reason": why})


def _set_case(db: Database, who: StaffView, case_number: str, field: str, value: object, reason: str,
              action: str, now: datetime) -> None:
    why = require_reason(reason)
    with db.transaction() as s:
        case = _case(s, case_number)
        before = getattr(case, field)
        setattr(case, field, value)
        audit.record(s, actor=who.actor, action=action, case_number=case.case_number, now=now,
                     detail={"field": field, "before": before, "after": value, "reason": why})


def record_contact(db: Database, who: StaffView, case_number: str, reason: str, *, now: datetime) -> None:
    _set_case(db, who, case_number, "last_contact", now.date(), reason, "clerk.contact_recorded", now)


def mark_interviewed(db: Database, who: StaffView, case_number: str, reason: str, *, now: datetime) -> None:
    _set_case(db, who, case_number, "interviewed", True, reason, "clerk.marked_interviewed", now)


def mark_class_changed(db: Database, who: StaffView, case_number: str, reason: str, *, now: datetime) -> None:
    _set_case(db, who, case_number, "visa_class_changed", True, reason, "clerk.marked_class_changed", now)


def reprint(db: Database, who: StaffView, case_number: str, out_dir: Path | str, reason: str, *,
            now: datetime, language: str = "en", demo: bool = False) -> Path:
    """Print the confirmation at the counter, in `language`; marked COPY only when it was printed before.

    `demo`: the console is on the embedded demo's database, so the printout is marked DEMO.
    """
    why, number = require_reason(reason), parse_case_number(case_number)
    with db.transaction() as s:
        copy = confirmation.printed_before(s, confirmation.active_booking(s, number))
        out = Path(out_dir) / f"{number}-{'copy' if copy else 'print'}-{now:%Y%m%d-%H%M%S}.pdf"
        path = confirmation.write_confirmation(s, number, out, now=now, copy=copy, language=language, demo=demo)
        audit.record(s, actor=who.actor, action="clerk.reprinted", case_number=number, now=now,
                     detail={"path": str(path), "reason": why, "copy": copy, "language": language})
    return path


def check_qr(db: Database, who: StaffView, payload: str, *, now: datetime) -> confirmation.ConfirmationCheck:
    """Genuine, current, superseded, cancelled … for a pasted QR payload; the check is logged."""
    with db.transaction() as s:
        result = confirmation.check_confirmation(s, payload)
        number = result.claims.case_number if result.claims else None
        audit.record(s, actor=who.actor, action="clerk.qr_checked", case_number=number, now=now,
                     detail={"state": result.state.value, "reference": result.claims.reference
                             if result.claims else None})
    return result


# --- the inquiry queue ----------------------------------------------------------------------------

def open_inquiries(session: Session, kind: str | None = None) -> list[inquiries.InquiryRecord]:
    return inquiries.list_inquiries(session, kind=kind or None, status=InquiryStatus.OPEN)


def receive_document(db: Database, who: StaffView, reference: str, document: str, reason: str, *,
                     now: datetime) -> inquiries.InquiryRecord:
    why = require_reason(reason)
    with db.transaction() as s:
        rec = inquiries.record_document(s, reference, document, "received", now=now)
        audit.record(s, actor=who.actor, action="clerk.document_received", case_number=rec.case_number,
                     now=now, detail={"inquiry": rec.reference, "document": document, "reason": why})
        return rec


VERDICTS = {"accepted": "clerk.document_accepted", "rejected": "clerk.document_asked_again"}


def judge_document(db: Database, who: StaffView, reference: str, document: str, verdict: str, reason: str, *,
                   now: datetime) -> inquiries.InquiryRecord:
    """Accept a scanned document or ask for it again (rejected: the applicant sends it again); audited."""
    if verdict not in VERDICTS:
        raise InputError(f"{verdict!r} is not a verdict (accepted or rejected)", field="verdict")
    why = require_reason(reason)
    with db.transaction() as s:
        rec = inquiries.record_document(s, reference, document, verdict, now=now)
        audit.record(s, actor=who.actor, action=VERDICTS[verdict], case_number=rec.case_number,
                     now=now, detail={"inquiry": rec.reference, "document": document, "reason": why})
        return rec


def resolve(db: Database, who: StaffView, reference: str, outcome: str, *, now: datetime) -> inquiries.InquiryRecord:
    """Close an inquiry; the outcome is the reason, and it is required."""
    why = require_reason(outcome)
    with db.transaction() as s:
        rec = inquiries.resolve_inquiry(s, reference, why, now)
        audit.record(s, actor=who.actor, action="clerk.inquiry_resolved", case_number=rec.case_number,
                     now=now, detail={"inquiry": rec.reference, "outcome": why, "reason": why})
        return rec
