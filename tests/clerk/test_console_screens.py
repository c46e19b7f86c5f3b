"""The newer console screens with real widgets offscreen: CSPA calculator, reports, staff, and the idle lock."""

from __future__ import annotations

import csv
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from kiosk.services.clerk import book_for, staff_sign_in
from kiosk.services.accounts import AccountError
from tests.clerk.conftest import CLERK, NOW, PASSWORD, settle, sign_in
from tests.clerk.test_console import column, open_case


def test_the_cspa_calculator_shows_the_age_and_records_the_decision(qtbot, console) -> None:
    sign_in(qtbot, console)
    open_case(qtbot, console, "何健")
    dialog = console.cases.case_actions.open_calculator()
    settle(qtbot, console)
    assert "visa available 2026-11-01" in dialog.working.text().lower()
    assert "305 days" in dialog.working.text()
    assert dialog.verdict.text() == "CSPA age 21 years 59 days — 21 or over"
    assert "2027-11-01" in dialog.deadline.text()
    assert dialog.not_protected.isDefault() and dialog.reason.text().startswith("CSPA age 21 years 59 days")
    dialog.reason.setText(dialog.reason.text() + "; memo 41/2026")
    with qtbot.waitSignal(dialog.recorded):
        dialog.not_protected.click()
        settle(qtbot, console)
    settle(qtbot, console)
    assert column(console.cases.applicants, 7)[1] == "not_protected"
    assert "CHILD_AGED_OUT" in column(console.cases.findings, 0)
    assert "memo 41/2026" in column(console.cases.history, 3)[0]


def test_the_calculator_says_when_it_cannot_calculate(qtbot, console) -> None:
    with console.services.db.transaction() as s:  # a case without its approval date
        from kiosk.store.models import CaseRow
        s.get(CaseRow, "GUZ2019000012").petition_approved = None
    sign_in(qtbot, console)
    open_case(qtbot, console, "GUZ2019000012")
    dialog = console.cases.case_actions.open_calculator()
    settle(qtbot, console)
    assert "approval date is not on file" in dialog.facts.text()
    assert not dialog.protected.isEnabled() and not dialog.not_protected.isEnabled()


def test_a_report_is_shown_and_exported_to_the_typed_path(qtbot, console, tmp_path) -> None:
    book_for(console.services.db, CLERK, "GUZ2019000001", "2026-11-09T08:30", "at the counter", now=NOW)
    sign_in(qtbot, console)
    page = console.reports
    console.tabs.setCurrentWidget(page)
    page.kind.setCurrentIndex(page.kind.findData("bookings_per_day"))
    page.start.setDate(QDate(2026, 11, 2))
    page.end.setDate(QDate(2026, 11, 9))
    page.reload()
    settle(qtbot, console)
    assert page.table.rowCount() == 8
    assert [page.table.item(r, 5).text() for r in (0, 7)] == ["0", "3"]  # three people on Monday 9th
    page.path.setText(str(tmp_path / "per-day.csv"))
    page.export_button.click()
    settle(qtbot, console)
    assert "8 rows written" in page.message.text()  # by number, never "row(s)"
    with open(tmp_path / "per-day.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "day" and rows[1] == ["2026-11-02", "1", "0", "0", "0", "0"]
    assert page.path.text().endswith("per-day.csv")


def test_the_suggested_report_path_works_without_choosing_a_folder(qtbot, console) -> None:
    sign_in(qtbot, console)
    page = console.reports
    page.export_button.click()
    settle(qtbot, console)
    assert "written to" in page.message.text()
    assert (console.services.reports_dir / page.path.text().split("/")[-1]).exists()


def test_the_staff_tab_is_for_supervisors_who_unlock_and_add_clerks(qtbot, console) -> None:
    for i in range(5):
        with pytest.raises(AccountError):
            staff_sign_in(console.services.db, "wang", "wrong password entirely", now=NOW + timedelta(minutes=i))
    sign_in(qtbot, console, "chen")
    page = console.staff
    assert console.tabs.isTabVisible(console.tabs.indexOf(page))
    console.tabs.setCurrentWidget(page)
    assert column(page.table, 0) == ["chen", "wang"] and column(page.table, 4)[1] != ""
    page.choose("wang")
    page.reason.setText("identity checked at the desk")
    page.unlock_button.click()
    settle(qtbot, console)
    assert page.message.text() == "wang is unlocked." and column(page.table, 4)[1] == ""
    page.username.setText("zhou")
    page.display_name.setText("Zhou Min")
    page.password.setText(PASSWORD)
    page.again.setText(PASSWORD + "x")
    page.add_button.click()
    assert "differ" in page.message.text()
    page.again.setText(PASSWORD)
    page.reason.setText("new starter")
    page.add_button.click()
    settle(qtbot, console)
    assert page.message.text() == "Clerk zhou added." and "zhou" in column(page.table, 0)
    assert page.password.text() == "" and page.again.text() == ""
    console.sign_out()
    sign_in(qtbot, console, "zhou")
    assert not console.tabs.isTabVisible(console.tabs.indexOf(page))
    assert page.table.rowCount() == 0


def test_the_console_locks_after_idle_minutes_and_clears_the_case(qtbot, console) -> None:
    console.services.idle_lock_minutes = 0.01  # 600 ms
    sign_in(qtbot, console)
    open_case(qtbot, console, "何健")
    dialog = console.cases.case_actions.open_calculator()
    settle(qtbot, console)
    assert console.cases.header.text() and dialog.isVisible()
    qtbot.waitUntil(lambda: console.stack.currentWidget() is console.signin, timeout=5_000)
    assert "Locked after 0.01 minute(s)" in console.signin.message.text()
    assert console.services.staff is None and console.cases.view is None
    assert console.cases.header.text() == "" and console.cases.decision.text() == ""
    assert all(t.rowCount() == 0 for t in (console.cases.results, console.cases.findings,
                                           console.cases.applicants, console.cases.history))
    assert not [d for d in console.findChildren(QDialog) if d.isVisible()]


def test_input_anywhere_postpones_the_lock(qtbot, console) -> None:
    console.services.idle_lock_minutes = 0.01  # 600 ms
    sign_in(qtbot, console)
    for _ in range(6):  # 1.2 s of typing, a key every 200 ms: never idle for 600 ms
        qtbot.wait(200)
        qtbot.keyClick(console.cases.query, Qt.Key.Key_A)
    assert console.services.staff is not None and console.cases.query.text() == "aaaaaa"
    qtbot.waitUntil(lambda: console.services.staff is None, timeout=5_000)  # then it locks
    assert console.cases.query.text() == ""


def test_a_case_is_usable_at_1366x768_its_bookings_one_touch_away(qtbot, console) -> None:
    """At the counter's 1366x768 nothing of a case scrolls sideways and the actions stay in view."""
    book_for(console.services.db, CLERK, "GUZ2019000001", "2026-11-09T08:30", "at the counter", now=NOW)
    console.resize(1366, 768)
    sign_in(qtbot, console)
    open_case(qtbot, console, "GUZ2019000001")
    cases = console.cases
    scroll = cases.case_tabs.parentWidget().parentWidget().parentWidget()  # detail -> viewport -> scroll area
    assert not scroll.horizontalScrollBar().isVisible() and not scroll.verticalScrollBar().isVisible()
    window = console.rect()
    for widget in (cases.case_tabs, cases.case_actions, cases.case_actions.confirm_button.parentWidget()):
        top_left = widget.mapTo(console, widget.rect().topLeft())
        bottom_right = widget.mapTo(console, widget.rect().bottomRight())
        assert window.contains(top_left) and window.contains(bottom_right), widget.objectName()
    titles = [cases.case_tabs.tabText(i) for i in range(cases.case_tabs.count())]
    assert "Bookings (1)" in titles and "Applicants (3)" in titles
    cases.case_tabs.setCurrentWidget(cases.bookings)
    assert cases.bookings.isVisible() and column(cases.bookings, 1) == ["active"]
