"""Scanning through scanimage with SANE's test backend: the scanner's state, pages to one PDF, the caps."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kiosk.domain.errors import InputError
from kiosk.scan.pdf import TooLarge, check_inquiry_total, document_pdf
from kiosk.scan.scanner import Scanner, ScanError, ScannerState, probe
from tests.scan.sane import needs_scanimage, test_scanner

pytestmark = needs_scanimage


def test_the_test_device_is_ready_and_an_unknown_one_absent() -> None:
    assert probe("test") is ScannerState.READY
    assert probe("nosuchbackend:0") is ScannerState.ABSENT
    assert Scanner("test", program="no-such-scanimage").state() is ScannerState.ABSENT


def test_two_scanned_pages_make_one_pdf_of_jpeg_images_at_the_scan_resolution() -> None:
    scanner = test_scanner()
    pages = [scanner.scan_page(), scanner.scan_page()]
    assert all(p.startswith(b"P6") for p in pages)  # colour PNM from the pipe, never a file
    pdf = document_pdf("Birth certificate of LIN HAO", pages, resolution=scanner.resolution)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert reader.metadata is not None and reader.metadata.title == "Birth certificate of LIN HAO"
    page = reader.pages[0]
    # 60 x 80 mm at 50 dpi: the page measures the paper scanned, not the pixels.
    assert round(float(page.mediabox.width) / 72 * 25.4) == 60
    assert round(float(page.mediabox.height) / 72 * 25.4) == 80
    images = list(page.images)
    assert len(images) == 1 and images[0].image is not None
    xobjects = page["/Resources"]["/XObject"]
    assert [xobjects[k]["/Filter"] for k in xobjects] == ["/DCTDecode"]  # JPEG
    assert len(pdf) < 3 * sum(len(p) for p in pages)  # compressed, not the raw pixels


@pytest.mark.parametrize(("status", "state"), [("SANE_STATUS_JAMMED", ScannerState.JAMMED),
                                                 ("SANE_STATUS_NO_DOCS", ScannerState.NO_PAPER),
                                                 ("SANE_STATUS_IO_ERROR", ScannerState.ERROR)])
def test_a_scanner_failing_mid_scan_is_a_state_with_its_reason(status: str, state: ScannerState) -> None:
    with pytest.raises(ScanError) as caught:
        test_scanner("--read-return-value", status).scan_page()
    assert caught.value.state is state and caught.value.message


def test_caps_per_document_and_per_inquiry_say_what_is_too_large() -> None:
    page = test_scanner().scan_page()
    with pytest.raises(TooLarge) as caught:
        document_pdf("Marriage certificate", [page], max_bytes=1000)
    assert "Marriage certificate" in str(caught.value) and "at most 0.0 MB a document" in str(caught.value)
    with pytest.raises(TooLarge, match="at most 20.0 MB an inquiry"):
        check_inquiry_total([8 * 1024 * 1024, 8 * 1024 * 1024, 5 * 1024 * 1024])
    check_inquiry_total([8 * 1024 * 1024, 8 * 1024 * 1024])
    with pytest.raises(InputError, match="page 1 is not an image"):
        document_pdf("Birth certificate", [b"P6 garbage"])
    with pytest.raises(InputError, match="no page scanned"):
        document_pdf("Birth certificate", [])


def test_a_hung_scan_is_killed_after_the_timeout_and_is_a_scanner_error() -> None:
    """The test backend delaying every buffer (a driver that stops answering): scanimage is killed, not waited for."""
    slow = Scanner("test", resolution=300, timeout=1, extra=(
        "-x", "200", "-y", "200", "--read-limit=yes", "--read-limit-size", "1",
        "--read-delay=yes", "--read-delay-duration", "200000"))
    with pytest.raises(ScanError) as caught:
        slow.scan_page()
    assert caught.value.state is ScannerState.ERROR
    assert caught.value.message == "the scanner did not finish within 1 s"


def test_the_kiosks_scanner_keeps_a_jam_a_probe_cannot_see_until_a_scan_succeeds() -> None:
    from kiosk.scan.device import KioskScanner

    seen: list[ScannerState] = []
    kiosk = KioskScanner(test_scanner(), on_change=lambda state, _reason: seen.append(state))
    assert kiosk.state is None and not kiosk.present
    assert kiosk.probe() is ScannerState.READY and kiosk.present
    kiosk.scanner = test_scanner("--read-return-value", "SANE_STATUS_JAMMED")
    with pytest.raises(ScanError):
        kiosk.scan_page()
    assert kiosk.probe() is ScannerState.JAMMED and "jammed" in kiosk.reason  # scanimage -A answers for it
    kiosk.scanner = test_scanner()
    assert kiosk.scan_page().startswith(b"P6") and kiosk.state is ScannerState.READY
    kiosk.scanner = Scanner("nosuchbackend:0")
    assert kiosk.probe() is ScannerState.ABSENT and not kiosk.present
    assert seen == [ScannerState.READY, ScannerState.JAMMED, ScannerState.READY, ScannerState.ABSENT]
