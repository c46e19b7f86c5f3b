"""A demo kiosk's printouts say DEMO on every page, in the printout's language; a real kiosk's never do."""

from __future__ import annotations

import io

import pypdf
import pytest

from kiosk.pdf import ApplicantName, render_confirmation, render_inquiry_receipt
from kiosk.pdf.labels import labels_for

from .pdfcheck import page_count, pdf_text, qr_codes, squash
from .test_confirmation_pdf import KEY
from .test_confirmation_pdf import sample as confirmation
from .test_receipt_pdf import sample as receipt

# The header each page carries, read back from the PDF (no markup: `<`, `&` would print as they are).
HEADERS = {
    ("confirmation", "en"): "DEMO — not a real appointment. Printed by a demonstration kiosk; not valid at the consulate.",
    ("confirmation", "zh_CN"): "演示 — 并非真实预约。本文件由演示用自助机打印，在领事馆无效。",
    ("receipt", "en"): "DEMO — not a real inquiry. Printed by a demonstration kiosk; not valid at the consulate.",
    ("receipt", "zh_CN"): "演示 — 并非真实咨询。本回执由演示用自助机打印，在领事馆无效。",
}  # fmt: skip


def _render(kind: str, language: str, demo: bool) -> bytes:
    if kind == "confirmation":
        return render_confirmation(confirmation(), KEY, language=language, demo=demo)
    return render_inquiry_receipt(receipt(), language=language, demo=demo)


@pytest.mark.parametrize("kind,language", sorted(HEADERS))
def test_a_demo_printout_is_marked_in_its_language_and_a_real_one_is_not(kind: str, language: str) -> None:
    header, watermark = squash(HEADERS[kind, language]), squash(labels_for(language).demo_watermark)
    demo = squash(pdf_text(_render(kind, language, demo=True)))
    assert header in demo and watermark in demo.replace(header, "")  # the header and the diagonal word
    real = pdf_text(_render(kind, language, demo=False))
    assert "DEMO" not in real and "演示" not in real


def test_every_page_of_a_long_demo_confirmation_is_marked_and_its_qr_still_scans() -> None:
    many = tuple(ApplicantName(f"LIN APPLICANT {i}", "林美") for i in range(60))
    pdf = render_confirmation(confirmation(applicants=many), KEY, demo=True)
    assert page_count(pdf) > 1
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert all(squash(HEADERS["confirmation", "en"]) in squash(page.extract_text()) for page in pages)
    assert len(qr_codes(pdf)) == 1  # the pale watermark does not hide the code from a scanner
