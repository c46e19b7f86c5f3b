"""Inquiries as records: submit, list, look up, track expected documents, resolve, print a receipt."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import ClassVar, Literal, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError
from kiosk.domain.model import InquiryKind
from kiosk.services.evaluation import load_policy, post_calendar
from kiosk.pdf.receipt import InquiryReceiptData, render_inquiry_receipt
from kiosk.store.inquiries import DocumentStatus, Inquiry, InquiryDocument, InquiryStatus
from kiosk.store.models import ApplicantRow, CaseRow, Post
from kiosk.store.opened import name_of, opened_in

MAX_TEXT = 4000
MAX_DOCUMENT_NAME = 200
# No 0/O, 1/I/L, U: a reference read aloud over the phone or typed from paper survives.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
_REFERENCE_LENGTH = 6


class DocumentRecord(NamedTuple):
    name: str
    status: str


@dataclass(frozen=True)
class InquiryRecord:
    result_kind: ClassVar[Literal["inquiry"]] = "inquiry"  # as BookingResult's: what the visit's Done page says
    reference: str
    kind: InquiryKind
    case_number: str
    applicant_id: str | None
    text: str
    documents: tuple[DocumentRecord, ...]
    created_at: datetime
    status: InquiryStatus
    outcome: str | None = None
    resolved_at: datetime | None = None
    kiosk_id: str | None = None
    contact: str | None = None  # where the answer goes, given with the applicant's consent
    answer_by: date | None = None  # when the applicant may expect the answer (set when it is submitted)


def _record(row: Inquiry) -> InquiryRecord:
    return InquiryRecord(
        reference=row.reference, kind=InquiryKind(row.kind), case_number=row.case_number,
        applicant_id=row.applicant_id, text=row.text,
        documents=tuple(DocumentRecord(d.name, d.status) for d in row.documents),
        created_at=row.created_at, status=InquiryStatus(row.status), outcome=row.outcome,
        resolved_at=row.resolved_at, kiosk_id=row.kiosk_id, contact=row.contact,
    )  # fmt: skip


def _kind(kind: InquiryKind | str) -> InquiryKind:
    try:
        return InquiryKind(kind)
    except ValueError:
        known = ", ".join(k.value for k in InquiryKind)
        raise InputError(f"{kind!r} is not an inquiry kind (one of {known})", field="kind") from None


def _text(text: str) -> str:
    if not isinstance(text, str):
        raise InputError("the message must be text", field="text")
    if len(text) > MAX_TEXT:
        raise InputError(f"the message is {len(text)} characters long; at most {MAX_TEXT}", field="text")
    if "\x00" in text:
        raise InputError("the message contains a NUL character", field="text")
    return text


MAX_CONTACT = 500  # an e-mail address or a postal address of a few lines


def _contact(contact: str | None, consent: bool) -> str | None:
    if contact is None or not isinstance(contact, str) or not contact.strip():
        return None
    if not consent:
        raise InputError("a contact is kept only with the applicant's consent", field="contact")
    value = contact.strip()
    if len(value) > MAX_CONTACT or "\x00" in value:
        raise InputError(f"the contact is longer than {MAX_CONTACT} characters or not plain text", field="contact")
    return value


def _documents(kind: InquiryKind, documents: Sequence[str]) -> list[str]:
    if isinstance(documents, str):  # a lone string would become one document per letter
        raise InputError("documents is a list of document names", field="documents")
    names: list[str] = []
    for raw in documents:
        name = " ".join(str(raw).split())
        if not name or len(name) > MAX_DOCUMENT_NAME:
            raise InputError(f"document name {raw!r} is empty or too long", field="documents")
        if name.casefold() in (n.casefold() for n in names):
            raise InputError(f"document {name!r} is listed twice", field="documents")
        names.append(name)
    if kind is InquiryKind.ADD_DERIVATIVE and not names:
        # RULES.md: a child needs a birth certificate; a spouse a marriage and a birth certificate.
        raise InputError("adding a spouse or child needs the documents that prove the relationship", field="documents")
    return names


def _new_reference(session: Session, case_number: str) -> str:
    post = case_number[:3]
    while True:  # 30^6 ≈ 729 million references per post: a clash is rare, but checked
        reference = f"INQ-{post}-" + "".join(secrets.choice(_ALPHABET) for _ in range(_REFERENCE_LENGTH))
        if session.get(Inquiry, reference) is None:
            return reference


def _given_reference(session: Session, reference: str, case_number: str) -> str:
    """A reference the kiosk made when it recorded the inquiry first (offline): central keeps it."""
    prefix = f"INQ-{case_number[:3]}-"
    code = reference.removeprefix(prefix) if isinstance(reference, str) and reference.startswith(prefix) else ""
    if len(code) != _REFERENCE_LENGTH or any(ch not in _ALPHABET for ch in code):
        raise InputError(f"{reference!r} is not an inquiry reference of post {case_number[:3]}", field="reference")
    if session.get(Inquiry, reference) is not None:
        raise InputError(f"inquiry {reference} exists already", field="reference")
    return reference


def submit_inquiry(
    session: Session, *, case_number: str, kind: InquiryKind | str, applicant_id: str | None = None,
    text: str = "", documents: Sequence[str] = (), now: datetime, kiosk_id: str | None = None,
    reference: str | None = None, contact: str | None = None, consent: bool = False, keep_words: bool = True,
) -> InquiryRecord:  # fmt: skip
    """Record an inquiry with its expected documents; the caller commits.

    `reference`: the one a kiosk already gave the applicant (its outbox command carries it).
    `contact`: where the answer goes (e-mail or postal address), kept only with the applicant's `consent`.
    `keep_words=False` (a kiosk linked to central): the row keeps neither the words nor the contact (they
    go to central sealed in the outbox, kiosk.sync.sealed); the record returned still carries them.
    """
    number = parse_case_number(case_number)
    inquiry_kind = _kind(kind)
    if applicant_id is not None and (not isinstance(applicant_id, str) or not applicant_id.strip()):
        raise InputError("applicant id is empty", field="applicant_id")
    given = _given_reference(session, reference, number) if reference else _new_reference(session, number)
    words, reach = _text(text), _contact(contact, consent)  # checked either way; never written when not kept
    row = Inquiry(
        reference=given,
        kind=inquiry_kind.value, case_number=number,
        applicant_id=applicant_id.strip() if applicant_id else None, text=words if keep_words else "",
        status=InquiryStatus.OPEN.value, created_at=now, kiosk_id=kiosk_id, contact=reach if keep_words else None,
        documents=[InquiryDocument(position=i, name=name, status=DocumentStatus.EXPECTED.value)
                   for i, name in enumerate(_documents(inquiry_kind, documents))],
    )  # fmt: skip
    session.add(row)
    session.flush()
    return replace(_record(row), text=words, contact=reach)  # the caller's record has them either way


def answer_by(session: Session, now: datetime) -> date | None:
    """The working day by which the post aims to answer an inquiry made `now` (None without a post)."""
    try:
        calendar = post_calendar(session)
    except InputError:
        return None
    return calendar.working_days_after(now.date(), load_policy(session).inquiry_answer_working_days)


def _load(session: Session, reference: str) -> Inquiry:
    ref = reference.strip().upper() if isinstance(reference, str) else ""
    row = session.scalars(
        select(Inquiry).options(selectinload(Inquiry.documents)).where(Inquiry.reference == ref)
    ).one_or_none()
    if row is None:
        raise InputError(f"no inquiry {reference!r}", field="reference")
    return row


def get_inquiry(session: Session, reference: str) -> InquiryRecord:
    return _record(_load(session, reference))


def list_inquiries(
    session: Session, *, kind: InquiryKind | str | None = None, status: InquiryStatus | str | None = None,
    case_number: str | None = None,
) -> list[InquiryRecord]:  # fmt: skip
    """Inquiries, oldest first, optionally of one kind, status or case."""
    query = select(Inquiry).options(selectinload(Inquiry.documents)).order_by(Inquiry.created_at, Inquiry.reference)
    if kind is not None:
        query = query.where(Inquiry.kind == _kind(kind).value)
    if status is not None:
        try:
            query = query.where(Inquiry.status == InquiryStatus(status).value)
        except ValueError:
            raise InputError(f"{status!r} is not an inquiry status (open, resolved)", field="status") from None
    if case_number is not None:
        query = query.where(Inquiry.case_number == parse_case_number(case_number))
    return [_record(row) for row in session.scalars(query)]


def record_document(
    session: Session, reference: str, document_name: str, status: DocumentStatus | str = DocumentStatus.RECEIVED,
    *, now: datetime | None = None,
) -> InquiryRecord:  # fmt: skip
    """Mark an expected document received, accepted or rejected."""
    try:
        new_status = DocumentStatus(status)
    except ValueError:
        known = ", ".join(s.value for s in DocumentStatus)
        raise InputError(f"{status!r} is not a document status (one of {known})", field="status") from None
    row = _load(session, reference)
    wanted = " ".join(document_name.split()).casefold()
    doc = next((d for d in row.documents if d.name.casefold() == wanted), None)
    if doc is None:
        expected = ", ".join(d.name for d in row.documents) or "none"
        raise InputError(f"inquiry {row.reference} expects no {document_name!r} (expects: {expected})", field="document")
    doc.status = new_status.value
    doc.updated_at = now
    session.flush()
    return _record(row)


def resolve_inquiry(session: Session, reference: str, outcome: str, now: datetime) -> InquiryRecord:
    """Close an inquiry with what the consulate decided."""
    if not isinstance(outcome, str) or not outcome.strip():
        raise InputError("say what was decided", field="outcome")
    row = _load(session, reference)
    if row.status == InquiryStatus.RESOLVED:
        raise InputError(f"inquiry {row.reference} is already resolved", field="reference")
    row.status, row.outcome, row.resolved_at = InquiryStatus.RESOLVED.value, _text(outcome), now
    session.flush()
    return _record(row)


def receipt_data(
    record: InquiryRecord, *, post_name: str, post_address: str, timezone: str, applicant_name: str | None = None,
    post_name_zh: str | None = None, post_address_zh: str | None = None,
) -> InquiryReceiptData:
    return InquiryReceiptData(
        post_name=post_name, post_address=post_address, reference=record.reference, kind=record.kind,
        case_number=record.case_number, created_at=record.created_at, timezone=timezone, text=record.text,
        applicant_name=applicant_name, documents=tuple((d.name, d.status) for d in record.documents),
        kiosk_id=record.kiosk_id, post_name_zh=post_name_zh, post_address_zh=post_address_zh,
    )  # fmt: skip


def inquiry_receipt_pdf(session: Session, reference: str, *, language: str = "en", demo: bool = False,
                        contact: str | None = None, answer_by: date | None = None) -> bytes:
    """The receipt of a stored inquiry in `language`, with the post and applicant names (both scripts).

    The words: the row's, or on a kiosk (whose row keeps none) those its visit holds in memory.
    `demo`: printed by the embedded demo, so the receipt is marked DEMO on every page. `contact` and
    `answer_by`: where the answer goes and by when, as the kiosk's screen said them when it was sent.
    """
    record = get_inquiry(session, reference)
    opened = opened_in(session)
    words = opened.words(record.reference) if opened is not None else None
    if words is not None:
        record = replace(record, text=words)
    case = session.get(CaseRow, record.case_number)
    post = session.get(Post, case.post_code if case else record.case_number[:3])
    if post is None:
        raise InputError(f"no post {record.case_number[:3]!r} is configured", field="post")
    applicant = session.get(ApplicantRow, record.applicant_id) if record.applicant_id else None
    name = None
    if applicant is not None:
        parts = name_of(session, applicant.id, applicant.surname, applicant.given_names, applicant.native_name)
        name = " ".join(p for p in parts if p) or None
    data = receipt_data(record, post_name=post.name, post_address=post.address, timezone=post.timezone,
                        applicant_name=name, post_name_zh=post.name_zh, post_address_zh=post.address_zh)  # fmt: skip
    data = replace(data, contact=contact, answer_by=answer_by)
    return render_inquiry_receipt(data, language=language, demo=demo)
