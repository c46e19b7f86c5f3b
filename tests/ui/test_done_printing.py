"""The Done page prints what the visit ended with: the confirmation, or the inquiry's receipt."""

from __future__ import annotations

import threading

import pypdfium2
from PySide6.QtWidgets import QApplication, QWizard

import ui.printing
from kiosk.services import audit

from tests.pdf.pdfcheck import page_count, pdf_text, qr_codes, squash
from tests.ui.helpers import forward, give_contact, look_up, press, start_and_sign_up, to_calendar
from ui.pages.ids import PageId


def _book_to_done(qtbot, kiosk):  # type: ignore[no-untyped-def]
    """A demo applicant books the first free time; the Done page it ends on."""
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000001", "1988-07-30")
    cal = to_calendar(qtbot, kiosk)
    press(qtbot, cal.time_buttons()[0])
    forward(qtbot, kiosk, PageId.REVIEW)
    forward(qtbot, kiosk, PageId.DONE)
    return kiosk.wizard.page_of(PageId.DONE)

def test_a_booked_visit_prints_the_signed_confirmation(qtbot, kiosk, demo_db, tmp_path) -> None:
    kiosk.services.print_dir = tmp_path
    kiosk.shell.activateWindow()  # the keyboard focus is checked on Done
    done = _book_to_done(qtbot, kiosk)
    reference = done.reference.text()
    # No way back from Done, so no (disabled) Back; the focus ring on the page's next action, not on the
    # language switch (seen live at every size).
    assert not kiosk.wizard.button(QWizard.WizardButton.BackButton).isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is done.print_button, timeout=5000)
    # Printed as soon as the booking is made, without a touch; then "Print again" prints it once more.
    qtbot.waitUntil(lambda: "printed" in done.print_result.text(), timeout=20_000)
    printed = (tmp_path / f"{reference}.pdf").read_bytes()  # pages as the printer got them: images
    assert any(reference in payload for payload in qr_codes(printed))
    assert done.print_button.text() == "Print again"
    # Finish is the one primary action once printed: Print again, focused (so the dialog's default), is plain.
    assert done.print_button.property("role") == "secondary"
    fill = done.print_button.grab().toImage().pixelColor(done.print_button.width() // 2, 8)
    assert fill.name() != "#0b4f8a", fill.name()  # not the primary blue
    assert QApplication.focusWidget() is done.print_button  # kept while printing
    press(qtbot, done.language_button)  # what the printer said is said again in the other language
    assert done.print_result.text() == "您的预约确认单已打印，请随身带走。"
    press(qtbot, done.language_button)
    assert done.print_result.text() == "Your confirmation has been printed. Please take it with you."
    (tmp_path / f"{reference}.pdf").unlink()
    press(qtbot, done.print_button)
    qtbot.waitUntil(lambda: "printed" in done.print_result.text(), timeout=20_000)
    assert (tmp_path / f"{reference}.pdf").stat().st_size > 0
    # The printer gone: the applicant is told, and the failure is in the audit trail for a clerk to reprint.
    kiosk.services.printer_name = "no-such-printer-h19"
    press(qtbot, done.print_button)
    qtbot.waitUntil(lambda: "could not be printed" in done.print_result.text() and not done.busy, timeout=20_000)
    assert "booking is saved" in done.print_result.text()
    kiosk.runner.wait_for_done()
    qtbot.waitUntil(lambda: not kiosk.runner.busy, timeout=20_000)
    with demo_db.session() as s:
        failed = [e for e in audit.history(s, "GUZ2019000001") if e.action == "print_failed"]
    assert len(failed) == 1 and failed[0].detail["destination"] == "no-such-printer-h19"


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
    # The printed page carries the receipt, not a blank sheet: about as much ink as the receipt itself
    # (the 300-dpi raster's text reads about twice as dark as the vector text's, hence the bound of 3).
    assert 0.5 < _ink(printed) / _ink(receipt) < 3


def test_printing_leaves_the_page_alive_and_a_wipe_stops_it(qtbot, kiosk, demo_db, tmp_path, monkeypatch) -> None:
    """The page goes to the printer off the GUI thread; meanwhile Done says so, a second touch does nothing,
    and a wipe (the visitor walked away) stops it: no page of the wiped visit comes out, nothing is recorded."""
    kiosk.services.print_dir = tmp_path
    gate, calls = threading.Event(), []
    real = ui.printing.print_pdf

    def slow_printer(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(threading.get_ident())
        gate.wait(20)  # the page is on its way while the test looks at the screen
        return real(*args, **kwargs)

    monkeypatch.setattr(ui.printing, "print_pdf", slow_printer)
    done = _book_to_done(qtbot, kiosk)
    reference = done.reference.text()
    qtbot.waitUntil(lambda: bool(calls), timeout=20_000)
    assert calls == [calls[0]] and calls[0] != threading.get_ident()  # not the GUI thread
    assert done.busy and done.busy_label.isVisible() and done.busy_label.text() == "Printing your confirmation…"
    assert not kiosk.wizard.button(QWizard.WizardButton.FinishButton).isEnabled()  # Finish waits for the paper
    press(qtbot, done.print_button)  # impatient: touched again while printing
    qtbot.wait(100)
    assert len(calls) == 1 and done.busy and not done.print_result.text()
    press(qtbot, done.language_button)  # the page still answers, and says it is printing in Chinese
    assert done.busy_label.text() == "正在打印您的预约确认单…" and done.busy
    kiosk.shell.wipe()
    gate.set()
    assert kiosk.wizard.printing.wait_for_done()
    qtbot.waitUntil(lambda: kiosk.wizard.currentId() == PageId.WELCOME and not done.busy, timeout=20_000)
    qtbot.wait(50)  # anything still queued for the GUI thread is delivered (and must be dropped)
    assert not (tmp_path / f"{reference}.pdf").exists()  # the wiped visit's page never reached the printer
    assert not done.print_result.text() and not done.reference.text()
    with demo_db.session() as s:
        assert not [e for e in audit.history(s, "GUZ2019000001") if e.action == "print_failed"]


def _ink(pdf: bytes) -> float:
    """The share of dark pixels on the first page."""
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=0.5).to_pil().convert("L")
    dark = sum(image.histogram()[:128])
    return dark / (image.width * image.height)



def test_done_points_to_the_papers_list_of_what_to_bring(qtbot, kiosk) -> None:
    """Seen live: Done said "Bring your passport, your Appointment Letter and this reference" while the paper
    lists five things (civil documents, medical results …). Done now names the paper's own heading."""
    from PySide6.QtWidgets import QLabel

    done = _book_to_done(qtbot, kiosk)
    number = kiosk.wizard.visit.case_number
    for language, heading in (("zh_CN", "请携带"), ("en", "What to bring")):
        press(qtbot, done.language_button)
        assert kiosk.wizard.visit.language == language
        lines = [w.text() for w in done.details.findChildren(QLabel) if heading in w.text()]
        assert len(lines) == 1 and (f"“{heading}”" in lines[0] or f'"{heading}"' in lines[0]), lines
        assert "passport" not in lines[0]  # never a shorter list than the paper's
        assert heading in pdf_text(kiosk.services.confirmation_pdf(number, language))


def test_the_user_name_with_its_tag_is_on_paper_as_on_screen(qtbot, kiosk, tmp_path, monkeypatch) -> None:
    """Seen live: sign-up tags the user name ("chen-6034") and the letter page says to write it down, but the
    confirmation did not carry it. The paper now says it as the screen did."""
    kiosk.services.print_dir = tmp_path
    made: list[bytes] = []
    render = kiosk.services.confirmation_pdf

    def keep(*args):  # type: ignore[no-untyped-def]
        made.append(render(*args))  # the real PDF, kept to be read back
        return made[-1]

    monkeypatch.setattr(kiosk.services, "confirmation_pdf", keep)
    done = _book_to_done(qtbot, kiosk)
    qtbot.waitUntil(lambda: "printed" in done.print_result.text(), timeout=20_000)
    name = kiosk.wizard.visit.account.username
    assert "-" in name and name in kiosk.wizard.page_of(PageId.LETTER).new_username.text()
    assert made and name in pdf_text(made[0]) and "Your user name" in pdf_text(made[0])


def test_the_inquiry_receipt_says_what_done_says(qtbot, kiosk, tmp_path, monkeypatch) -> None:
    """Seen live: Done said where the answer goes and by when, the receipt neither; the receipt said what
    happens next, Done did not. Both now say all three, in the same words, with a contact in Chinese and < &."""
    from PySide6.QtWidgets import QLabel

    kiosk.services.print_dir = tmp_path
    made: list[bytes] = []
    render = kiosk.services.inquiry_receipt_pdf

    def keep(*args):  # type: ignore[no-untyped-def]
        made.append(render(*args))  # the real PDF, kept to be read back
        return made[-1]

    monkeypatch.setattr(kiosk.services, "inquiry_receipt_pdf", keep)
    kiosk.wizard.page_of(PageId.WELCOME).choose_language("zh_CN")
    start_and_sign_up(qtbot, kiosk)
    look_up(qtbot, kiosk, "GUZ2019000006", "1981-12-01")
    forward(qtbot, kiosk, PageId.INQUIRY)
    give_contact(kiosk.wizard.page_of(PageId.INQUIRY), "广州市<天河区> & 华夏路1号")
    forward(qtbot, kiosk, PageId.DONE)
    done = kiosk.wizard.page_of(PageId.DONE)
    qtbot.waitUntil(lambda: bool(made) and not done.busy, timeout=20_000)
    paper = squash(pdf_text(made[0]))
    said = [w.text() for w in done.details.findChildren(QLabel) if w.text()]
    result = kiosk.wizard.visit.result
    assert "广州市<天河区>&华夏路1号" in paper and any("广州市<天河区> & 华夏路1号" in t for t in said)
    day = f"{result.answer_by.year}年{result.answer_by.month}月{result.answer_by.day}日"
    assert day in paper and any(day in t for t in said), (day, said)
    from kiosk.pdf.labels import labels_for

    next_steps = labels_for("zh_CN").next_steps_for(result.kind)  # the receipt's "what happens next"
    assert next_steps in said and squash(next_steps) in paper, said


def test_done_never_breaks_a_chinese_name_over_two_lines(qtbot, kiosk) -> None:
    """Seen live (1366x768 and 1024x768): Done's list of names broke "李<小>红" after "李<小"; the names now
    carry word joiners, so a line breaks only at a space or after a comma."""
    from PySide6.QtGui import QTextLayout
    from PySide6.QtWidgets import QLabel

    from ui.pages.base import unbroken

    assert unbroken("LI XIAO  李<小>红") == "LI XIAO  李\u2060<\u2060小\u2060>\u2060红"
    done = _book_to_done(qtbot, kiosk)
    label = next(w for w in done.details.findChildren(QLabel) if "LIN MEI" in w.text())
    text = label.text()
    for width in range(120, 900, 9):
        layout = QTextLayout(text, label.font())
        layout.beginLayout()
        starts = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            starts.append(line.textStart())
        layout.endLayout()
        for start in starts[1:]:
            before = text[start - 1]
            assert before.isspace() or before in ",-", (width, text[:start], text[start:])
