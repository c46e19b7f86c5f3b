"""Inquiries as records on a real SQLite file: submit, list, documents, resolve, receipt."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError
from kiosk.domain.model import InquiryKind
from kiosk.services.inquiries import (
    DocumentRecord, get_inquiry, list_inquiries, receipt_data, record_document, resolve_inquiry, submit_inquiry,
)  # fmt: skip
from kiosk.pdf import render_inquiry_receipt
from kiosk.store.base import Base
from kiosk.store.inquiries import INQUIRY_TABLES, DocumentStatus, InquiryStatus
from tests.pdf.pdfcheck import pdf_text

NOW = datetime(2026, 11, 25, 9, 30)
CASE = "GUZ2019541234"


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    engine = create_engine(f"sqlite:///{tmp_path / 'kiosk.db'}")
    Base.metadata.create_all(engine, tables=list(INQUIRY_TABLES))
    with Session(engine) as s:
        yield s
    engine.dispose()


def test_submitted_inquiry_gets_a_readable_reference_and_expected_documents(session: Session) -> None:
    rec = submit_inquiry(
        session, case_number="guz 2019 541234", kind="add_derivative", applicant_id="GUZ2019541234-1",
        text="Add my wife", documents=["Marriage certificate", "Spouse's birth certificate"], now=NOW,
        kiosk_id="hall-1",
    )  # fmt: skip
    session.commit()
    assert re.fullmatch(r"INQ-GUZ-[2-9A-HJKMNP-TV-Z]{6}", rec.reference)
    assert rec.case_number == CASE and rec.kind is InquiryKind.ADD_DERIVATIVE
    assert rec.status is InquiryStatus.OPEN and rec.created_at == NOW
    assert rec.documents == (
        DocumentRecord("Marriage certificate", "expected"), DocumentRecord("Spouse's birth certificate", "expected")
    )
    assert get_inquiry(session, rec.reference.lower()) == rec


def test_free_text_with_markup_and_chinese_round_trips(session: Session) -> None:
    text = "Ali & <Baba> </para> 我的孩子 \"林浩\" O'Brien\nsecond line"
    rec = submit_inquiry(session, case_number=CASE, kind=InquiryKind.CSPA, text=text, now=NOW)
    session.commit()
    session.expunge_all()
    assert get_inquiry(session, rec.reference).text == text


def test_every_reference_is_distinct(session: Session) -> None:
    refs = {submit_inquiry(session, case_number=CASE, kind="letter_copy", now=NOW).reference for _ in range(200)}
    assert len(refs) == 200


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "visa_please"}, "kind"),
        ({"case_number": "GUZ12"}, "case_number"),
        ({"text": "x" * 4001}, "text"),
        ({"text": "nul\x00"}, "text"),
        ({"kind": "add_derivative", "documents": []}, "documents"),
        ({"documents": "Birth certificate"}, "documents"),
        ({"documents": ["Birth certificate", "birth  certificate"]}, "documents"),
        ({"documents": ["  "]}, "documents"),
        ({"applicant_id": " "}, "applicant_id"),
        ({"contact": "lin.mei@example.cn"}, "contact"),  # an address is kept only with consent
        ({"contact": "x" * 501, "consent": True}, "contact"),
    ],
)
def test_bad_inquiry_is_refused_naming_the_field(session: Session, changes: dict, field: str) -> None:
    args = {"case_number": CASE, "kind": "letter_copy", "now": NOW} | changes
    with pytest.raises(InputError) as err:
        submit_inquiry(session, **args)
    assert err.value.field == field


def test_a_contact_given_with_consent_is_kept(session: Session) -> None:
    record = submit_inquiry(session, case_number=CASE, kind="letter_copy", now=NOW,
                            contact="  广州市天河区华夏路43号  ", consent=True)
    assert record.contact == "广州市天河区华夏路43号"


def test_list_filters_by_kind_status_and_case(session: Session) -> None:
    a = submit_inquiry(session, case_number=CASE, kind="cspa", now=NOW)
    b = submit_inquiry(session, case_number=CASE, kind="letter_copy", now=NOW.replace(minute=31))
    c = submit_inquiry(session, case_number="GUZ2020000001", kind="cspa", now=NOW.replace(minute=32))
    resolve_inquiry(session, a.reference, "CSPA protects the child", NOW.replace(hour=11))
    session.commit()
    assert [r.reference for r in list_inquiries(session)] == [a.reference, b.reference, c.reference]
    assert [r.reference for r in list_inquiries(session, kind="cspa")] == [a.reference, c.reference]
    assert [r.reference for r in list_inquiries(session, status="open")] == [b.reference, c.reference]
    assert [r.reference for r in list_inquiries(session, kind="cspa", status=InquiryStatus.RESOLVED)] == [a.reference]
    assert [r.reference for r in list_inquiries(session, case_number="guz2020000001")] == [c.reference]
    with pytest.raises(InputError) as err:
        list_inquiries(session, status="pending")
    assert err.value.field == "status"


def test_document_status_is_tracked_and_unknown_documents_refused(session: Session) -> None:
    rec = submit_inquiry(session, case_number=CASE, kind="add_derivative", documents=["Birth certificate"], now=NOW)
    after = record_document(session, rec.reference, "birth certificate", now=NOW)
    assert after.documents == (DocumentRecord("Birth certificate", DocumentStatus.RECEIVED),)
    after = record_document(session, rec.reference, "Birth certificate", "rejected")
    assert after.documents[0].status == "rejected"
    with pytest.raises(InputError) as err:
        record_document(session, rec.reference, "Passport")
    assert err.value.field == "document"
    with pytest.raises(InputError) as err:
        record_document(session, rec.reference, "Birth certificate", "lost")
    assert err.value.field == "status"


def test_resolving_records_outcome_once(session: Session) -> None:
    rec = submit_inquiry(session, case_number=CASE, kind="no_contact", now=NOW)
    done = resolve_inquiry(session, rec.reference, "Contact re-established; may book", NOW.replace(hour=15))
    assert (done.status, done.outcome, done.resolved_at) == (
        InquiryStatus.RESOLVED, "Contact re-established; may book", NOW.replace(hour=15)
    )
    with pytest.raises(InputError):
        resolve_inquiry(session, rec.reference, "again", NOW)
    with pytest.raises(InputError) as err:
        resolve_inquiry(session, "INQ-GUZ-NOPE22", "x", NOW)
    assert err.value.field == "reference"


def test_receipt_of_a_stored_inquiry_says_what_to_bring(session: Session) -> None:
    rec = submit_inquiry(
        session, case_number=CASE, kind="add_derivative", text="Add our son <Hao> & daughter",
        documents=["Birth certificate of LIN HAO"], now=NOW,
    )  # fmt: skip
    pdf = render_inquiry_receipt(receipt_data(rec, post_name="U.S. Consulate General Guangzhou",
                                              post_address="Guangzhou", timezone="Asia/Shanghai"))  # fmt: skip
    text = pdf_text(pdf)
    for expected in (rec.reference, CASE, "Add our son <Hao> & daughter", "Birth certificate of LIN HAO",
                     "still to bring or send", "Wednesday 25 November 2026, 09:30 (Beijing time)"):  # fmt: skip
        assert expected in text


# An inquiry recorded first at a kiosk keeps the reference the applicant was given when central applies it.
def test_a_given_reference_is_kept(session: Session) -> None:
    rec = submit_inquiry(session, case_number=CASE, kind="no_contact", now=NOW, reference="INQ-GUZ-7QRR3H")
    assert rec.reference == "INQ-GUZ-7QRR3H" and get_inquiry(session, "INQ-GUZ-7QRR3H").case_number == CASE


@pytest.mark.parametrize("reference", ["INQ-BJS-7QRR3H", "INQ-GUZ-7QRR3", "INQ-GUZ-7QRR3O", "GUZ-7QRR3H", "x"])
def test_a_reference_of_another_post_or_shape_is_refused(session: Session, reference: str) -> None:
    with pytest.raises(InputError) as refused:
        submit_inquiry(session, case_number=CASE, kind="no_contact", now=NOW, reference=reference)
    assert refused.value.field == "reference"


def test_a_reference_already_taken_is_refused(session: Session) -> None:
    submit_inquiry(session, case_number=CASE, kind="no_contact", now=NOW, reference="INQ-GUZ-7QRR3H")
    with pytest.raises(InputError, match="exists already"):
        submit_inquiry(session, case_number=CASE, kind="cspa", now=NOW, reference="INQ-GUZ-7QRR3H")
