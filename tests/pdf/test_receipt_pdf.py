"""The inquiry receipt: reference, kind, case, the applicant's own words, documents and next steps."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from kiosk.domain.model import InquiryKind
from kiosk.pdf import InquiryReceiptData, render_inquiry_receipt
from kiosk.pdf.labels import INQUIRY_KIND_TITLES, INQUIRY_NEXT_STEPS

from .pdfcheck import page_count, pdf_text, squash


def sample(**changes: object) -> InquiryReceiptData:
    data = InquiryReceiptData(
        post_name="U.S. Consulate General Guangzhou",
        post_address="43 Hua Jiu Road, Zhujiang New Town\nTianhe District, Guangzhou 510623",
        reference="INQ-GUZ-7K3M9Q",
        kind=InquiryKind.ADD_DERIVATIVE,
        case_number="GUZ2019541234",
        created_at=datetime(2026, 11, 25, 14, 3),
        timezone="Asia/Shanghai",
        text="Please add my wife 王芳 <Wang Fang> & our son.\nShe is not on the letter.",
        applicant_name="LIN MEI 林美",
        documents=(("Marriage certificate", "expected"), ("Spouse's birth certificate", "received")),
        kiosk_id="hall-1",
    )
    return replace(data, **changes)


def test_receipt_prints_reference_case_message_documents_and_what_to_do() -> None:
    pdf = render_inquiry_receipt(sample())
    text = pdf_text(pdf)
    for expected in (
        "Inquiry receipt",
        "INQ-GUZ-7K3M9Q",
        "Add a spouse or child to the case",
        "GUZ2019541234",
        "LIN MEI 林美",
        "Wednesday 25 November 2026, 14:03 (Beijing time)",
        "Please add my wife 王芳 <Wang Fang> & our son.",
        "She is not on the letter.",
        "Marriage certificate",
        "still to bring or send",
        "Spouse's birth certificate",
        "received",
    ):
        assert expected in text
    assert squash(INQUIRY_NEXT_STEPS[InquiryKind.ADD_DERIVATIVE]) in squash(text)
    assert page_count(pdf) == 1


@pytest.mark.parametrize("kind", list(InquiryKind))
def test_every_inquiry_kind_has_a_title_and_next_steps_on_its_receipt(kind: InquiryKind) -> None:
    text = squash(pdf_text(render_inquiry_receipt(sample(kind=kind, documents=()))))
    assert squash(INQUIRY_KIND_TITLES[kind]) in text
    assert squash(INQUIRY_NEXT_STEPS[kind]) in text
    assert squash("No documents are needed for this inquiry.") in text


def test_aware_submission_time_is_printed_in_the_post_time_zone() -> None:
    text = pdf_text(render_inquiry_receipt(sample(created_at=datetime(2026, 11, 25, 6, 3, tzinfo=UTC))))
    assert "Wednesday 25 November 2026, 14:03 (Beijing time)" in text


def test_long_message_flows_onto_more_pages_without_losing_words() -> None:
    message = "\n".join(f"Line {i}: Ali & <Baba> 王芳 </para>" for i in range(150))
    pdf = render_inquiry_receipt(sample(text=message))
    assert page_count(pdf) > 1
    text = pdf_text(pdf)
    assert "Line 0: Ali & <Baba> 王芳 </para>" in text
    assert "Line 149: Ali & <Baba> 王芳 </para>" in text
