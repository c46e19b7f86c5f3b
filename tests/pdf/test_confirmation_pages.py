"""A long list of applicants runs onto more pages; the facts and the QR code stay on page 1, readable."""

from __future__ import annotations

import re

import pytest

from kiosk.domain.model import InquiryKind
from kiosk.pdf import ApplicantName, InquiryReceiptData, render_confirmation, render_inquiry_receipt, verify_payload

from .pdfcheck import font_sizes, fonts, page_count, pdftotext, qr_sizes_mm
from .test_confirmation_pdf import KEY, sample


def long_name(i: int) -> str:
    """200 characters, in words as passports write them; `i` makes each one different."""
    words = f"APPLICANT {i:02d} MARIA DE LOS ANGELES GUADALUPE WOLFESCHLEGELSTEINHAUSEN " * 4
    return words[:200].rstrip() + "X" * (200 - len(words[:200].rstrip()))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("count", [1, 10, 40])
def test_every_long_name_is_printed_and_page_1_keeps_facts_and_qr_at_readable_sizes(count):
    names = tuple(ApplicantName(long_name(i)) for i in range(1, count + 1))
    assert all(len(n.latin) == 200 for n in names)
    pdf = render_confirmation(sample(applicants=names), KEY)
    pages = page_count(pdf)
    assert (pages == 1) == (count == 1)

    text = flat(pdftotext(pdf))
    for name in names:
        assert name.latin in text
    first = flat(pdftotext_page(pdf, 1))
    for fact in ("GUZ2019541234", "BK-7K3M9Q", "Monday 7 December 2026", "08:30", "What to bring",
                 "until the end of Wednesday 2 December 2026"):
        assert fact in first, fact
    if pages > 1:
        assert f"BK-7K3M9Q · Page 1 of {pages}" in first
        assert f"Page {pages} of {pages}" in flat(pdftotext_page(pdf, pages))

    for page in range(pages):
        assert min(font_sizes(pdf, page)) >= 10
    ((payload, width_mm),) = qr_sizes_mm(pdf, 0, dpi=150)
    assert verify_payload(payload, KEY).ok and width_mm >= 30  # measured: 37 mm


def pdftotext_page(pdf: bytes, page: int) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-enc", "UTF-8", "-", "-"], input=pdf,
                          capture_output=True, check=True).stdout.decode("utf-8")


def test_every_font_of_the_confirmation_and_the_receipt_is_embedded():
    confirmation = render_confirmation(sample(applicants=(ApplicantName("ŁUKASZ Żółć", "张伟"),)), KEY)
    receipt = render_inquiry_receipt(InquiryReceiptData(
        post_name="U.S. Consulate General Guangzhou", post_address="43 Hua Jiu Road", reference="INQ-GUZ-7K3M9Q",
        kind=InquiryKind.CSPA, case_number="GUZ2019541234", created_at=sample().issued_at,
        timezone="Asia/Shanghai", text="我的孩子快满21岁了。" * 200, applicant_name="LIN HAO"))
    assert page_count(receipt) > 1
    for pdf in (confirmation, receipt):
        declared = fonts(pdf)
        assert declared and all(f["emb"] == "yes" for f in declared), declared
        assert min(font_sizes(pdf)) >= 10
