"""Printing without a dialog: to a PDF file read back, and failures that come back as plain outcomes."""

from __future__ import annotations

import os
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from kiosk.pdf import ApplicantName, ConfirmationData, render_confirmation, verify_payload
from tests.pdf.pdfcheck import page_count, page_size, qr_codes
from ui.printing import PRINT_FAILED, print_pdf

KEY = b"k" * 32
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt makes the application


@pytest.fixture(scope="module")
def confirmation() -> bytes:
    return render_confirmation(ConfirmationData(
        post_name="U.S. Consulate General Guangzhou", post_address="Guangzhou", case_number="GUZ2019541234",
        applicants=(ApplicantName("LIN MEI", "林美"),), start=datetime(2026, 12, 7, 8, 30), timezone="Asia/Shanghai",
        reference="GUZ-7K3M9QX2", issued_at=datetime(2026, 11, 25, 9, 41), change_deadline=date(2026, 12, 2),
    ), KEY)  # fmt: skip


def test_printing_to_a_file_gives_the_same_page_with_a_scannable_qr(qapp, confirmation: bytes, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"
    outcome = print_pdf(confirmation, None, to_file=out, dpi=150)
    assert outcome.ok, outcome.detail
    assert (outcome.pages, outcome.destination) == (1, str(out))
    printed = out.read_bytes()
    assert page_count(printed) == 1
    assert page_size(printed) == pytest.approx(page_size(confirmation), abs=1)
    (payload,) = qr_codes(printed)
    assert verify_payload(payload, KEY).claims.reference == "GUZ-7K3M9QX2"


def test_every_page_of_a_longer_document_is_printed(qapp, tmp_path: Path) -> None:
    from kiosk.domain.model import InquiryKind
    from kiosk.pdf import InquiryReceiptData, render_inquiry_receipt

    receipt = render_inquiry_receipt(InquiryReceiptData(
        post_name="Guangzhou", post_address="", reference="INQ-GUZ-7K3M9Q", kind=InquiryKind.CSPA,
        case_number="GUZ2019541234", created_at=datetime(2026, 11, 25, 9, 0), timezone="Asia/Shanghai",
        text="\n".join(f"line {i}" for i in range(160)),
    ))  # fmt: skip
    out = tmp_path / "receipt.pdf"
    outcome = print_pdf(receipt, None, to_file=out, dpi=72)
    assert outcome.ok and outcome.pages == page_count(receipt) == page_count(out.read_bytes()) > 1


def test_missing_printer_is_a_plain_failure_that_keeps_the_booking_safe(qapp, confirmation: bytes) -> None:
    outcome = print_pdf(confirmation, "No-Such-Printer-42")
    assert not outcome.ok
    assert outcome.message == PRINT_FAILED
    assert "booking is saved" in outcome.message and "clerk" in outcome.message
    assert "No-Such-Printer-42" in outcome.detail


def test_unwritable_output_file_is_a_failure_not_an_exception(qapp, confirmation: bytes, tmp_path: Path) -> None:
    outcome = print_pdf(confirmation, None, to_file=tmp_path / "missing-dir" / "out.pdf")
    assert not outcome.ok and outcome.message == PRINT_FAILED


def test_unreadable_document_is_a_failure(qapp, tmp_path: Path) -> None:
    outcome = print_pdf(b"not a pdf", None, to_file=tmp_path / "x.pdf")
    assert not outcome.ok and "cannot be read" in outcome.detail


def _long_receipt(lines: int) -> bytes:
    from kiosk.domain.model import InquiryKind
    from kiosk.pdf import InquiryReceiptData, render_inquiry_receipt

    return render_inquiry_receipt(InquiryReceiptData(
        post_name="Guangzhou", post_address="", reference="INQ-GUZ-7K3M9Q", kind=InquiryKind.CSPA,
        case_number="GUZ2019541234", created_at=datetime(2026, 11, 25, 9, 0), timezone="Asia/Shanghai",
        text="\n".join(f"line {i}" for i in range(lines)),
    ))  # fmt: skip


def test_the_gui_thread_keeps_ticking_while_a_long_document_prints(qapp, qtbot, monkeypatch, tmp_path: Path) -> None:
    """A 10 ms timer on the GUI thread keeps ticking while the print queue prints several pages at 300 dpi.

    Printing on the GUI thread (as before) stops the timer for the whole job. The bound is a share of the
    job's own time, so a loaded machine slows both alike (no absolute timing: bench/bench_visit_steps.py
    measures the longest block).
    """
    import threading
    import time

    from PySide6.QtCore import QTimer

    import ui.printing
    from ui.print_queue import PrintQueue

    pdf = _long_receipt(200)
    assert page_count(pdf) >= 3
    threads: list[int] = []
    real = ui.printing.print_pdf

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(ui.printing, "print_pdf", spy)
    queue = PrintQueue()
    ticks: list[float] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    outcomes: list[ui.printing.PrintOutcome] = []
    out = tmp_path / "long.pdf"
    timer.start()
    qtbot.wait(50)
    started = time.perf_counter()
    queue.send(pdf, None, lambda: out, "Inquiry receipt", outcomes.append)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=120_000)
    took = time.perf_counter() - started
    timer.stop()
    assert outcomes[0].ok and outcomes[0].pages == page_count(pdf) == page_count(out.read_bytes())
    assert threads and threads[0] != threading.get_ident()  # rendered and printed off the GUI thread
    during = [t for t in ticks if t >= started]
    longest = max(b - a for a, b in zip([started, *during], [*during, started + took], strict=True))
    # On the GUI thread the timer stands still for the whole job; off it, for a small share at most.
    assert longest < took / 2, f"the GUI thread stood still {longest * 1000:.0f} ms of a {took * 1000:.0f} ms job"


def test_a_cancelled_job_stops_between_bands_and_leaves_no_file(qapp, confirmation: bytes, tmp_path: Path) -> None:
    out = tmp_path / "stale.pdf"
    asked: list[bool] = []

    def cancelled() -> bool:  # the wipe comes while the page is being sent, a few bands in
        asked.append(True)
        return len(asked) > 5

    outcome = print_pdf(confirmation, None, to_file=out, cancelled=cancelled)
    assert not outcome.ok and outcome.detail.startswith("cancelled") and outcome.message == PRINT_FAILED
    assert not out.exists()
    before_anything = tmp_path / "never.pdf"
    outcome = print_pdf(confirmation, None, to_file=before_anything, cancelled=lambda: True)
    assert not outcome.ok and outcome.detail.startswith("cancelled") and not before_anything.exists()


def test_a_job_that_breaks_is_a_failed_print_not_a_page_waiting_forever(qapp, qtbot, monkeypatch, caplog) -> None:
    import ui.printing
    from ui.print_queue import PrintQueue

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("pdfium went away")

    monkeypatch.setattr(ui.printing, "print_pdf", broken)
    outcomes: list[ui.printing.PrintOutcome] = []
    queue = PrintQueue()
    queue.send(b"%PDF-", "Hall-Printer", lambda: None, "Confirmation", outcomes.append)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=20_000)
    (outcome,) = outcomes
    assert not outcome.ok and outcome.message == PRINT_FAILED and outcome.destination == "Hall-Printer"
    assert "pdfium went away" in outcome.detail and "printing failed unexpectedly" in caplog.text


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own nice value is Linux's")
def test_the_print_thread_keeps_the_gui_threads_priority(qapp, qtbot, monkeypatch, confirmation: bytes,
                                                          tmp_path: Path) -> None:
    """Its jobs hold Python's lock in short calls: at a lower priority, a preempted holder would keep the
    GUI thread waiting for the lock (the database worker runs below it: ui/worker.py)."""
    import threading

    import ui.printing
    from ui.print_queue import PrintQueue

    seen: list[int] = []
    real = ui.printing.print_pdf

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return real(*args, **kwargs)

    monkeypatch.setattr(ui.printing, "print_pdf", spy)
    queue, outcomes = PrintQueue(), []
    queue.send(confirmation, None, lambda: tmp_path / "c.pdf", "Confirmation", outcomes.append)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=20_000)
    assert outcomes[0].ok and seen == [os.getpriority(os.PRIO_PROCESS, threading.get_native_id())]
