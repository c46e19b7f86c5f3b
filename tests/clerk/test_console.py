"""The clerk console with real widgets offscreen on a real demo database: sign in, search, act, audit."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from kiosk.services.audit import history
from kiosk.services.inquiries import submit_inquiry
from tests.clerk.conftest import NOW, PASSWORD, settle, sign_in
from tests.pdf.pdfcheck import pdf_text, squash

SLOT = "2026-11-09T08:30"


def column(table, col: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [table.item(r, col).text() for r in range(table.rowCount())]


def book(qtbot, console, slot: str) -> str:  # type: ignore[no-untyped-def]
    """Choose a time and touch Book; the console asks first and says what the move means. Returns that."""
    actions = console.cases.case_actions
    actions.slot.setCurrentIndex(actions.slot.findData(slot))
    actions.buttons["book"].click()
    asked = actions.confirm_text.text()
    assert actions.confirm_button.isVisibleTo(console), actions.message.text()
    actions.confirm_button.click()
    settle(qtbot, console)
    return asked


def open_case(qtbot, window, text: str) -> None:  # type: ignore[no-untyped-def]
    window.cases.query.setText(text)
    qtbot.keyClick(window.cases.query, Qt.Key.Key_Return)
    settle(qtbot, window)


def test_a_wrong_password_is_refused_and_the_right_one_opens_the_console(qtbot, console) -> None:
    assert "--add-staff" in " ".join(w.text() for w in console.signin.findChildren(type(console.signin.message)))
    console.signin.username.setText("wang")
    console.signin.password.setText("not the password at all")
    console.signin.button.click()
    settle(qtbot, console)
    assert "SIGN_IN_FAILED" in console.signin.message.text()
    assert console.stack.currentWidget() is console.signin
    console.signin.password.setText(PASSWORD)
    console.signin.button.click()
    settle(qtbot, console)
    assert "SIGN_IN_TOO_SOON" in console.signin.message.text()  # the announced second is enforced
    console.services.clock.now += timedelta(seconds=1)
    sign_in(qtbot, console)
    assert "Wang Li (clerk)" in console.who.text()
    assert not console.cases.case_actions.override.isVisibleTo(console)  # a clerk has no override
    console.sign_out()
    assert console.stack.currentWidget() is console.signin and console.services.staff is None


def test_search_by_chinese_name_shows_the_applicants_evaluation(qtbot, console) -> None:
    sign_in(qtbot, console)
    open_case(qtbot, console, "何健")
    assert column(console.cases.results, 0) == ["GUZ2019000012"]
    assert console.cases.message.text() == "1 case found."  # not "1 case(s) found." (seen live)
    assert "Decision: inquiry" in console.cases.decision.text()
    assert column(console.cases.findings, 0) == ["CSPA_CHECK_REQUIRED"]
    assert column(console.cases.applicants, 3) == ["何平", "何健"]


def test_recording_protected_for_the_child_turns_inquiry_into_schedule(qtbot, console) -> None:
    sign_in(qtbot, console)
    open_case(qtbot, console, "GUZ 2019 000012")
    actions = console.cases.case_actions
    assert actions.child.currentData() == "GUZ2019000012-2"
    actions.buttons["cspa_protected"].click()  # no reason: refused
    settle(qtbot, console)
    assert "reason" in actions.message.text()
    actions.reason.setText("CSPA memo 41/2026 received from the NVC")
    actions.buttons["cspa_protected"].click()
    settle(qtbot, console)
    assert "Decision: schedule" in console.cases.decision.text()
    assert column(console.cases.history, 1)[0] == "staff:wang"
    assert column(console.cases.history, 2)[0] == "clerk.cspa_recorded"
    assert "CSPA memo 41/2026" in column(console.cases.history, 3)[0]


def test_book_then_cancel_with_a_reason_and_reprint_a_copy(qtbot, console) -> None:
    sign_in(qtbot, console)
    open_case(qtbot, console, "GUZ2019000001")
    actions = console.cases.case_actions
    assert actions.slot.currentIndex() == -1  # no default time
    actions.reason.setText("applicant at counter 3")
    asked = book(qtbot, console, SLOT)
    assert asked.startswith("Book case GUZ2019000001 for Monday 9 November 2026, 08:30 (Beijing time)?")
    assert "until the end of Wednesday 4 November 2026" in asked
    assert column(console.cases.bookings, 1) == ["active"]
    assert column(console.cases.bookings, 3) == [
        "You can change or cancel this appointment until the end of Wednesday 4 November 2026."]
    actions.reason.setText("print for the applicant")
    actions.buttons["reprint"].click()  # the first print of a counter booking: the original, in Chinese
    settle(qtbot, console)
    path = actions.message.text().removeprefix("Confirmation written to ")
    first = pdf_text(open(path, "rb").read())
    assert "COPY" not in first.upper() and "2026年11月9日 星期一 08:30 北京时间" in first
    assert "演示—并非真实预约" in squash(first)  # the console is on the demo: its printouts say so
    actions.reason.setText("lost the confirmation")
    actions.language.setCurrentIndex(actions.language.findData("en"))
    actions.buttons["reprint"].click()
    settle(qtbot, console)
    path = actions.message.text().removeprefix("Confirmation written to ")
    copy = squash(pdf_text(open(path, "rb").read()))
    assert path.endswith(".pdf") and "COPY" in copy.upper() and "DEMO—notarealappointment" in copy
    actions.buttons["cancel"].click()  # without a reason
    settle(qtbot, console)
    assert column(console.cases.bookings, 1) == ["active"]
    actions.reason.setText("applicant phoned: travelling")
    actions.buttons["cancel"].click()
    settle(qtbot, console)
    assert column(console.cases.bookings, 1) == ["cancelled"]
    with console.services.db.session() as s:
        trail = [(e.actor, e.action) for e in history(s, "GUZ2019000001")]
    assert trail == [("staff:wang", "booking.created"), ("staff:wang", "clerk.booked"),
                     ("staff:wang", "clerk.reprinted"), ("staff:wang", "clerk.reprinted"),
                     ("staff:wang", "booking.cancelled"),
                     ("staff:wang", "clerk.cancelled")]


def test_a_supervisor_overrides_the_closing_time(qtbot, console) -> None:
    sign_in(qtbot, console, "chen")
    open_case(qtbot, console, "GUZ2019000001")
    actions = console.cases.case_actions
    assert actions.override.isVisibleTo(console)
    actions.reason.setText("urgent medical travel")
    asked = book(qtbot, console, "2026-11-03T08:30")  # tomorrow: inside the 48 hours
    assert "can NOT be changed or cancelled" in asked
    assert "SLOT_CLOSED" in actions.message.text()
    actions.reason.setText("urgent medical travel")
    actions.override.setChecked(True)
    book(qtbot, console, "2026-11-03T08:30")
    assert column(console.cases.bookings, 2)[0] == "Tuesday 3 November 2026, 08:30 (Beijing time)"
    assert column(console.cases.bookings, 3)[0] == "This appointment can no longer be changed or cancelled. Please attend it."
    assert "clerk.override" in column(console.cases.history, 2)


def test_the_qr_check_calls_a_forgery_not_genuine(qtbot, console) -> None:
    sign_in(qtbot, console)
    console.tabs.setCurrentWidget(console.check)
    console.check.payload.setText("KIOSK1|GUZ-AAAAAAAA|GUZ2019000001|2026-11-09T08:30|" + "A" * 24)
    qtbot.keyClick(console.check.payload, Qt.Key.Key_Return)
    settle(qtbot, console)
    assert console.check.verdict.text().startswith("NOT GENUINE")


def test_the_inquiry_queue_filters_records_a_document_and_resolves(qtbot, console) -> None:
    with console.services.db.transaction() as s:
        ref = submit_inquiry(s, case_number="GUZ2019000019", kind="add_derivative", text="add my son",
                             documents=["birth certificate"], now=NOW).reference
        submit_inquiry(s, case_number="GUZ2019000012", kind="cspa", text="CSPA please", now=NOW)
    sign_in(qtbot, console)
    page = console.inquiries
    console.tabs.setCurrentWidget(page)
    page.kind.setCurrentIndex(page.kind.findData("add_derivative"))
    settle(qtbot, console)
    assert column(page.table, 0) == [ref]
    page.table.selectRow(0)
    page.reason.setText("original seen at the counter")
    page.receive.click()
    settle(qtbot, console)
    assert "birth certificate: received" in column(page.table, 4)[0]
    page.outcome.setText("son added to the case")
    page.resolve_button.click()
    settle(qtbot, console)
    assert page.table.rowCount() == 0 and "resolved" in page.message.text()


def test_a_slot_cannot_shrink_below_its_booked_seats(qtbot, console) -> None:
    from kiosk.services.clerk import book_for
    from tests.clerk.conftest import CLERK

    book_for(console.services.db, CLERK, "GUZ2019000001", SLOT, "at the counter", now=NOW)
    sign_in(qtbot, console)
    page = console.calendar
    console.tabs.setCurrentWidget(page)
    settle(qtbot, console)
    day = next(d for d in page.days if d.day.isoformat() == "2026-11-09")
    assert day.booked >= 1
    page.choose(day.day)
    assert column(page.slot_table, 0)[0] == "08:30"
    page.seats.setValue(0)
    page.reason.setText("two officers ill")
    page.shrink()
    settle(qtbot, console)
    assert "BELOW_BOOKED" in page.message.text()
    page.seats.setValue(day.slots[0][3])
    page.shrink()
    settle(qtbot, console)
    assert page.message.text() == "Slot changed."
    assert column(page.slot_table, 1)[0] == str(day.slots[0][3])


def test_the_calendar_shows_no_free_seat_in_a_slot_lent_whole_to_kiosks(qtbot, console) -> None:
    from kiosk.store.models import SlotRow

    with console.services.db.transaction() as s:  # kiosks hold every seat not booked, for offline booking
        slot = s.get(SlotRow, SLOT)
        slot.lent = slot.seats - slot.taken
        seats, lent = slot.seats, slot.lent
    sign_in(qtbot, console)
    page = console.calendar
    console.tabs.setCurrentWidget(page)
    settle(qtbot, console)
    day = next(d for d in page.days if d.day.isoformat() == "2026-11-09")
    page.choose(day.day)
    assert column(page.slot_table, 0)[0] == "08:30"
    assert [column(page.slot_table, c)[0] for c in (1, 3, 4)] == [str(seats), str(lent), "0"]
    assert day.free == sum(x.seats - x.taken - x.lent for x in day.slots) < day.seats - day.booked


def test_the_calendar_lists_the_people_booked_and_blocks_a_slot(qtbot, console) -> None:
    from kiosk.services.clerk import book_for
    from tests.clerk.conftest import CLERK

    ref = book_for(console.services.db, CLERK, "GUZ2019000001", SLOT, "at the counter", now=NOW).reference
    sign_in(qtbot, console)
    page = console.calendar
    console.tabs.setCurrentWidget(page)
    settle(qtbot, console)
    day = next(d for d in page.days if d.day.isoformat() == "2026-11-09")
    page.choose(day.day)
    settle(qtbot, console)
    assert column(page.contact_table, 1) == [ref]
    assert column(page.contact_table, 2) == ["GUZ2019000001"]
    assert "LIN MEI 林美" in column(page.contact_table, 4)[0]
    page.reason.setText("power cut all day")
    page.close_day()
    settle(qtbot, console)
    assert "DAY_HAS_BOOKINGS" in page.message.text() and "listed below" in page.message.text()
    assert column(page.contact_table, 2) == ["GUZ2019000001"]
    page.reason.setText("officer away")
    page.block()
    settle(qtbot, console)
    assert page.message.text().startswith("Slot blocked: 3 seats left")
    assert column(page.slot_table, 1)[0] == column(page.slot_table, 2)[0] == "3"


def test_a_clerk_sees_and_lifts_an_applicants_account_lock_and_letter_lock(qtbot, console) -> None:

    from kiosk.services import throttle
    from kiosk.services.accounts import HARD_LOCK_UNTIL, KIOSK_HARD_LOCK_AFTER, create_account, kiosk_key
    from kiosk.services.letter import LOOKUP_LIMIT, LookupLocked, look_up_letter

    db = console.services.db
    create_account(db, "meilin@example.cn", "a quiet walk along the pearl river", now=NOW)
    with db.transaction() as s:  # as after the 20th wrong password at one kiosk: locked there until a clerk unlocks
        row = throttle.count_failure(s, throttle.SIGN_IN_AT, kiosk_key("meilin@example.cn", "hall-1"), NOW)
        row.failed_count, row.locked_until = KIOSK_HARD_LOCK_AFTER, HARD_LOCK_UNTIL
    for _ in range(LOOKUP_LIMIT - 1):
        try:
            look_up_letter(db, "GUZ2019000001", "1988-07-31", today=NOW.date(), now=NOW)
        except ValueError:
            pass
    try:
        look_up_letter(db, "GUZ2019000001", "1988-07-31", today=NOW.date(), now=NOW)
    except LookupLocked:
        pass
    sign_in(qtbot, console)
    page = console.locks
    console.tabs.setCurrentWidget(page)
    settle(qtbot, console)
    assert column(page.table, 1) == ["meilin@example.cn", "GUZ2019000001"]
    assert column(page.table, 0) == ["Applicant's account", "Letter look-up"]
    for _ in range(2):
        page.table.selectRow(0)
        page.clear_button.click()  # without a reason: refused
        settle(qtbot, console)
        assert "reason" in page.message.text()
        page.reason.setText("passport checked at counter 2")
        page.clear_button.click()
        settle(qtbot, console)
        assert "is lifted" in page.message.text()
    assert page.table.rowCount() == 0
    assert sign_in_ok(db) and look_up_letter(db, "GUZ2019000001", "1988-07-30", today=NOW.date(), now=NOW)
    with db.session() as s:
        assert [e.action for e in history(s, "GUZ2019000001")][-1] == "clerk.letter_unlocked"


def sign_in_ok(db) -> bool:  # type: ignore[no-untyped-def]
    from kiosk.services.accounts import sign_in

    return sign_in(db, "meilin@example.cn", "a quiet walk along the pearl river", now=NOW,
                   kiosk_id="hall-1").username == "meilin@example.cn"


def test_an_applicants_account_leads_to_its_cases_and_their_booking_history(qtbot, console) -> None:
    from kiosk.services.account_cases import link_case
    from kiosk.services.booking import book as kiosk_book

    db = console.services.db
    with db.transaction() as s:  # as the kiosk does when a signed-in visitor finds their letter
        link_case(s, "Cao.Ying@example.cn", "GUZ2019000020", now=NOW)
    kiosk_book(db, "GUZ2019000020", "2026-11-19T08:30", now=NOW, kiosk_id="hall-1")
    kiosk_book(db, "GUZ2019000020", "2026-11-20T08:30", now=NOW.replace(hour=10), kiosk_id="hall-1")  # moved
    sign_in(qtbot, console)
    open_case(qtbot, console, "cao.ying@example.cn")
    assert column(console.cases.results, 0) == ["GUZ2019000020"]
    console.cases.results.selectRow(0)
    settle(qtbot, console)
    assert "account: cao.ying@example.cn" in console.cases.header.text()
    assert column(console.cases.bookings, 1) == ["active", "superseded"]
    assert column(console.cases.bookings, 2) == ["Friday 20 November 2026, 08:30 (Beijing time)",
                                                 "Thursday 19 November 2026, 08:30 (Beijing time)"]


def test_a_clerk_sees_an_inquirys_scans_page_by_page_and_accepts_or_asks_again(qtbot, console) -> None:
    import shutil

    import pytest

    from kiosk.scan.pdf import document_pdf
    from kiosk.store.documents import DocumentScan
    from tests.scan.sane import test_scanner

    if shutil.which("scanimage") is None:
        pytest.skip("scanimage (sane-utils) not installed")
    scanner = test_scanner()
    birth = document_pdf("birth certificate", [scanner.scan_page(), scanner.scan_page()], resolution=50)
    with console.services.db.transaction() as s:
        ref = submit_inquiry(s, case_number="GUZ2019000019", kind="add_derivative", text="add my son",
                             documents=["birth certificate", "marriage certificate"], now=NOW).reference
        s.add(DocumentScan(id="7d0c3b1e-0000-4000-8000-000000000001", inquiry_reference=ref, name="birth certificate",
                           pages=2, size=len(birth), sha256="0" * 64, pdf=birth, kiosk_id="hall-1", received_at=NOW))
    sign_in(qtbot, console)
    page = console.inquiries
    console.tabs.setCurrentWidget(page)
    settle(qtbot, console)
    page.table.selectRow(column(page.table, 0).index(ref))
    settle(qtbot, console)
    panel = page.scans
    assert panel.list.count() == 1 and "birth certificate" in panel.list.item(0).text()
    assert not panel.list.item(0).icon().isNull()  # the first page as a thumbnail
    assert panel.where.text().startswith("Page 1 of 2")
    width = panel.view.pixmap().width()
    panel.findChild(type(page.accept), "zoom_in").click()
    assert panel.view.pixmap().width() > width
    panel.findChild(type(page.accept), "next").click()
    assert panel.where.text().startswith("Page 2 of 2")
    assert page.document.currentData() == "birth certificate"  # the scan shown is the one judged
    page.reason.setText("seal unreadable")
    page.ask_again.click()
    settle(qtbot, console)
    assert "birth certificate: rejected" in column(page.table, 4)[column(page.table, 0).index(ref)]
    page.table.selectRow(column(page.table, 0).index(ref))
    settle(qtbot, console)
    page.document.setCurrentIndex(page.document.findData("birth certificate"))
    page.reason.setText("clear second copy")
    page.accept.click()
    settle(qtbot, console)
    with console.services.db.session() as s:
        actions = [(h.action, h.detail.get("reason")) for h in history(s, "GUZ2019000019")]
    assert ("clerk.document_asked_again", "seal unreadable") in actions
    assert ("clerk.document_accepted", "clear second copy") in actions
