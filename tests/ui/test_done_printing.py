"""The Done page prints what the visit ended with: the confirmation, or the inquiry's receipt."""

from __future__ import annotations

import pypdfium2

from tests.pdf.pdfcheck import page_count, pdf_text, qr_codes, squash
from tests.ui.helpers import forward, give_contact, look_up, press, start_and_sign_up, to_calendar
from ui.pages.ids import PageId


def test_a_booked_visit_prints_the_signed_confirmation(qtbot, kiosk, tmp_path) -> None:
    kiosk.services.print_dir = tmp_path
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
    cal = to_calendar(qtbot, kiosk)
    press(qtbot, cal.time_buttons()[0])
    forward(qtbot, kiosk, PageId.REVIEW)
    forward(qtbot, kiosk, PageId.DONE)
    done = kiosk.wizard.page_of(PageId.DONE)
    reference = done.reference.text()
    # Printed as soon as the booking is made, without a touch; then "Print again" prints it once more.
    qtbot.waitUntil(lambda: "printed" in done.print_result.text(), timeout=20_000)
    printed = (tmp_path / f"{reference}.pdf").read_bytes()  # pages as the printer got them: images
    assert any(reference in payload for payload in qr_codes(printed))
    assert done.print_button.text() == "Print again"
    (tmp_path / f"{reference}.pdf").unlink()
    press(qtbot, done.print_button)
    qtbot.waitUntil(lambda: "printed" in done.print_result.text(), timeout=20_000)
    assert (tmp_path / f"{reference}.pdf").stat().st_size > 0


def test_an_inquiry_visit_prints_its_receipt_with_the_reference(qtbot, kiosk, tmp_path) -> None:
    kiosk.services.print_dir = tmp_path
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000006", "1981-12-01")
    forward(qtbot, kiosk, PageId.INQUIRY)
    give_contact(kiosk.wizard.page_of(PageId.INQUIRY))
    forward(qtbot, kiosk, PageId.DONE)
    done = kiosk.wizard.page_of(PageId.DONE)
    reference = done.reference.text()
    assert reference.startswith("INQ-GUZ-")
    qtbot.waitUntil(lambda: "receipt has been printed" in done.print_result.text(), timeout=20_000)  # at once
    assert done.print_button.text() == "Print again"
    printed = (tmp_path / f"{reference}.pdf").read_bytes()
    receipt = kiosk.services.inquiry_receipt_pdf(reference)
    assert reference in squash(pdf_text(receipt)) and "GUZ2019000006" in squash(pdf_text(receipt))
    assert page_count(printed) == page_count(receipt)
    # The printed page carries the receipt, not a blank sheet: about as much ink as the receipt itself.
    assert 0.5 < _ink(printed) / _ink(receipt) < 2


def _ink(pdf: bytes) -> float:
    """The share of dark pixels on the first page."""
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=0.5).to_pil().convert("L")
    dark = sum(image.histogram()[:128])
    return dark / (image.width * image.height)
