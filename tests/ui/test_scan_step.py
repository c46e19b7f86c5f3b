"""The scan step of an inquiry, through the kiosk's real widgets and SANE's test backend, against central.

A spouse not on the letter: the marriage certificate (one page) and the spouse's birth certificate
(two pages; a jam on a third page leaves the two and the visit goes on) are scanned on the page,
sent with the inquiry, the link cut in the middle of the upload; central has each once and
byte-identical, a clerk's scans panel shows them, and the kiosk's disk holds nothing of them.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QPushButton
from sqlalchemy import event
from sqlalchemy.engine import make_url

from kiosk.escrow.overview import kiosk_health
from kiosk.scan.device import KioskScanner
from kiosk.scan.scanner import ScannerState
from kiosk.scan.visit import VisitScans
from kiosk.services.documents import scan_pdf, scans_of
from kiosk.services.inquiries import get_inquiry
from tests.scan.sane import needs_scanimage, test_scanner
from tests.ui.central_fixtures import start_configured, stop_configured, write_config
from tests.ui.helpers import WAIT_MS, forward, give_contact, look_up, press, start_and_sign_up
from ui.pages.ids import PageId

pytestmark = [pytest.mark.postgres, needs_scanimage]
MARRIAGE, BIRTH = "marriage certificate", "spouse's birth certificate"


def _scan(qtbot, page, button) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.answered, timeout=WAIT_MS):
        press(qtbot, button)


def _any_jpeg() -> bytes:
    from PIL import Image

    from kiosk.scan.pdf import JPEG_QUALITY

    out = io.BytesIO()
    Image.effect_noise((64, 64), 40).convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()


def _receipt_statuses(kiosk, reference: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The documents' statuses the receipt names (its English words): "received" ones first."""
    receipt = kiosk.services.inquiry_receipt_pdf(reference, "en")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(receipt)).pages)
    return [w for w in ("received", "still to bring or send") for _ in range(text.count(w))]


def _files(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_two_documents_scanned_on_the_page_reach_central_once_through_a_cut_link(
        qtbot, qapp, tmp_path, central_db, link, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KIOSK_CENTRAL_PASSWORD", make_url(central_db.url).password or "")
    sent: list = []  # the PDFs the kiosk made (the real method, watched), to compare with central's
    made = VisitScans.documents
    monkeypatch.setattr(VisitScans, "documents", lambda self: sent.extend(made(self)) or list(sent))
    scanner = KioskScanner(test_scanner())
    kiosk_dir = tmp_path / "kiosk"
    kiosk_dir.mkdir()
    k = start_configured(qtbot, qapp, write_config(kiosk_dir, central_db.url, port=link.port), clock,
                         kiosk_dir / "printed", scanner=scanner)
    try:
        with qtbot.waitSignal(k.scanner.probed, timeout=WAIT_MS):
            k.scanner.start()
        qtbot.waitUntil(lambda: k.shell.link_label.text().endswith(" · Scanner ready"), timeout=WAIT_MS)
        start_and_sign_up(qtbot, k, "deng.na@example.cn")
        look_up(qtbot, k, "GUZ2019000019", "1989-03-21")
        press(qtbot, k.wizard.page_of(PageId.ELIGIBILITY).findChild(QPushButton, "inquiry_DERIVATIVE_NOT_ON_LETTER"))
        qtbot.waitUntil(lambda: k.wizard.currentId() == PageId.SCAN, timeout=WAIT_MS)
        page = k.wizard.page_of(PageId.SCAN)
        assert page.prompt.text() == "DENG NA's marriage certificate (document 1 of 2)"
        assert page.step_label.text() == "Step 4 of 6 · Your documents"
        assert not page.preview.has_image() and not page.rescan_button.isVisible()
        _scan(qtbot, page, page.scan_button)
        assert page.preview.has_image() and page.rescan_button.isVisible()
        assert page.missing.text() == "Not scanned yet: DENG NA's birth certificate"
        forward_on_page = k.wizard.button(k.wizard.WizardButton.NextButton)
        assert forward_on_page.text() == "Next document"
        press(qtbot, forward_on_page)
        qtbot.waitUntil(lambda: page.prompt.text() == "DENG NA's birth certificate (document 2 of 2)", timeout=WAIT_MS)
        assert forward_on_page.text() == "Skip this document" and not page.preview.has_image()
        _scan(qtbot, page, page.scan_button)
        assert page.scan_button.text() == "Add a page"
        _scan(qtbot, page, page.scan_button)
        second = k.wizard.visit.scans.pages(BIRTH)[1]
        _scan(qtbot, page, page.rescan_button)  # page 2 again: the new scan replaces it
        assert len(k.wizard.visit.scans.pages(BIRTH)) == 2 and k.wizard.visit.scans.pages(BIRTH)[1] is not second
        assert page.instruction.text().startswith("Page 2 is scanned")
        scanner.scanner = test_scanner("--read-return-value", "SANE_STATUS_JAMMED")  # the paper jams on page 3
        _scan(qtbot, page, page.scan_button)
        assert "jammed" in page.error_label.text() and page.error_label.isVisible()
        qtbot.waitUntil(lambda: k.shell.link_label.text().endswith(" · Scanner: paper jammed"), timeout=WAIT_MS)
        assert [len(k.wizard.visit.scans.pages(n)) for n in (MARRIAGE, BIRTH)] == [1, 2]  # what was scanned stays
        assert page.missing.text().startswith("✓") and forward_on_page.text() == "Continue"
        forward(qtbot, k, PageId.INQUIRY)

        inquiry = k.wizard.page_of(PageId.INQUIRY)
        give_contact(inquiry)
        chunks = {"seen": 0}

        @event.listens_for(k.services.central.db.engine, "before_cursor_execute")
        def _cut(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
            if statement.lstrip().startswith("INSERT INTO document_chunks"):
                chunks["seen"] += 1
                if chunks["seen"] == 2:
                    link.cut()  # the network goes between the first document and the second

        forward(qtbot, k, PageId.DONE)
        reference = k.wizard.visit.result.reference
        assert k.wizard.visit.scans.pages(BIRTH) == ()  # the pages left memory with the inquiry
        assert _receipt_statuses(k, reference) == ["received", "received"]  # nothing left to bring
        qtbot.waitUntil(lambda: k.link.state.reachable is False, timeout=30_000)
        with central_db.session() as s:
            assert len(scans_of(s, reference)) < 2  # the upload was cut in the middle
        link.restore()
        qtbot.waitUntil(lambda: k.link.state.reachable is True and k.link.state.outbox == 0, timeout=30_000)

        with central_db.session() as s:
            scans = scans_of(s, reference)
            assert sorted((d.name, d.pages) for d in scans) == [(MARRIAGE, 1), (BIRTH, 2)]  # once each
            pdfs = {d.name: scan_pdf(s, d.id) for d in scans}
            assert [(d.name, d.status) for d in get_inquiry(s, reference).documents] == [
                (MARRIAGE, "received"), (BIRTH, "received")]
            # The jam reached the clerks' Kiosks tab with the sync (an audit command of this kiosk's).
            assert [(h.kiosk_id, h.scanner) for h in kiosk_health(s, now=clock())] == [("hall-1", "jammed")]
        assert pdfs == {d.name: d.pdf for d in sent}  # byte-identical
        assert [len(PdfReader(io.BytesIO(pdfs[n])).pages) for n in (MARRIAGE, BIRTH)] == [1, 2]

        from ui.clerk.scans import ScansPanel  # the clerk console's panel, on central's copy

        panel = ScansPanel()
        qtbot.addWidget(panel)
        panel.show_scans([(d, pdfs[d.name]) for d in scans])
        row = [d.name for d in scans].index(BIRTH)
        panel.list.setCurrentRow(row)
        assert panel.pdf.pageCount() == 2 and not panel.view.pixmap().isNull()
        assert panel.where.text() == "Page 1 of 2, 100%"

        k.shell.wipe()
        qtbot.waitUntil(lambda: k.wizard.currentId() == PageId.WELCOME, timeout=WAIT_MS)
        on_disk = _files(kiosk_dir)  # the cache, its write-ahead log, the printed receipt
        generic = _any_jpeg()  # what every JPEG at the same quality holds (its tables) proves nothing
        for pdf in pdfs.values():
            pieces = [pdf[i:i + 64] for i in range(0, len(pdf) - 64, 256)]
            assert [i for i, piece in enumerate(pieces) if piece in on_disk and piece not in generic] == []
    finally:
        stop_configured(k)
    assert scanner.state is ScannerState.JAMMED  # until a scan succeeds: a probe cannot see a jam


def _to_inquiry_of_the_spouse(qtbot, kiosk, user: str, expected: PageId) -> None:  # type: ignore[no-untyped-def]
    kiosk.shell.wipe()
    start_and_sign_up(qtbot, kiosk, user)
    look_up(qtbot, kiosk, "GUZ2019000019", "1989-03-21")
    press(qtbot, kiosk.wizard.page_of(PageId.ELIGIBILITY).findChild(QPushButton, "inquiry_DERIVATIVE_NOT_ON_LETTER"))
    qtbot.waitUntil(lambda: kiosk.wizard.currentId() == expected, timeout=WAIT_MS)


def test_without_a_scanner_the_step_is_skipped_and_on_the_posts_own_database_a_scan_is_stored_whole(
        qtbot, kiosk, demo_db) -> None:  # type: ignore[no-untyped-def]
    from kiosk.scan.scanner import Scanner

    _to_inquiry_of_the_spouse(qtbot, kiosk, "a@example.cn", PageId.INQUIRY)  # no scanner configured
    kiosk.services.scanner = KioskScanner(Scanner("nosuchbackend:0"))
    assert kiosk.services.scanner.probe() is ScannerState.ABSENT
    _to_inquiry_of_the_spouse(qtbot, kiosk, "b@example.cn", PageId.INQUIRY)  # configured, not found
    inquiry = kiosk.wizard.page_of(PageId.INQUIRY)
    assert "Scanned here, sent with this inquiry:" not in [w.text() for w in inquiry.about.findChildren(type(inquiry.title_label))]

    kiosk.services.scanner = KioskScanner(test_scanner())
    kiosk.services.scanner.probe()
    _to_inquiry_of_the_spouse(qtbot, kiosk, "c@example.cn", PageId.SCAN)
    page = kiosk.wizard.page_of(PageId.SCAN)
    _scan(qtbot, page, page.scan_button)  # the marriage certificate; the birth certificate skipped
    press(qtbot, kiosk.wizard.button(kiosk.wizard.WizardButton.NextButton))  # "Next document"
    qtbot.waitUntil(lambda: page.prompt.text().endswith("(document 2 of 2)"), timeout=WAIT_MS)
    forward(qtbot, kiosk, PageId.INQUIRY)  # "Skip this document"
    lines = [w.text() for w in inquiry.about.findChildren(type(inquiry.title_label))]
    assert lines[lines.index("Scanned here, sent with this inquiry:") + 1] == "  ✓ marriage certificate"
    assert lines[lines.index("Please bring or send a scanned copy of:") + 1] == "  • spouse's birth certificate"
    give_contact(inquiry)
    forward(qtbot, kiosk, PageId.DONE)
    reference = kiosk.wizard.visit.result.reference
    with demo_db.session() as s:
        assert [(d.name, d.pages) for d in scans_of(s, reference)] == [(MARRIAGE, 1)]
        assert [(d.name, d.status) for d in get_inquiry(s, reference).documents] == [
            (MARRIAGE, "received"), (BIRTH, "expected")]
    assert _receipt_statuses(kiosk, reference) == ["received", "still to bring or send"]
