"""Regenerate docs/screenshots/clerk-*.png: every clerk screen on a fresh demo database, offscreen.

    uv run python scripts/screenshots_clerk.py
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from scene import Scene, demo_database  # first: the checkout on sys.path, offscreen Qt

from PySide6.QtWidgets import QApplication

from kiosk.app.desk import ClerkServices
from kiosk.services.accounts import AccountError
from kiosk.services.clerk import add_staff, book_for, staff_sign_in
from kiosk.services.inquiries import submit_inquiry
from tests.clerk.conftest import CLERK, NOW, PASSWORD, TODAY
from tests.clock import Clock
from ui.clerk.app import apply_clerk_style
from ui.clerk.window import ClerkWindow
from ui.style import FONT_FILE
from ui.worker import Runner


def main() -> None:
    app = QApplication.instance() or QApplication([])
    apply_clerk_style(app, FONT_FILE)
    tmp = Path(tempfile.mkdtemp())
    db = demo_database(tmp, "clerk.db")
    add_staff(db, "wang", PASSWORD, role="supervisor", display_name="Wang Li", now=NOW)
    add_staff(db, "li", PASSWORD, role="clerk", display_name="Li Na", now=NOW)
    book_for(db, CLERK, "GUZ2019000001", "2026-11-09T08:30", "at the counter", now=NOW)
    with db.transaction() as s:
        submit_inquiry(s, case_number="GUZ2019000012", kind="cspa", applicant_id="GUZ2019000012-2",
                       text="My son HE JIAN 何健 turned 21; please confirm CSPA.", now=NOW)
        submit_inquiry(s, case_number="GUZ2019000019", kind="add_derivative", text="Add my daughter",
                       documents=["birth certificate"], now=NOW)
    runner = Runner()
    w = ClerkWindow(ClerkServices(db=db, out_dir=tmp, demo=True, clock=Clock(NOW)), runner)
    w.resize(1400, 900)
    w.show()
    scene = Scene(app, runner, w, prefix="clerk-")
    shot, settle = scene.shot, scene.settle

    shot("signin")
    w.signin.username.setText("wang")
    w.signin.password.setText(PASSWORD)
    w.signin.submit()
    settle()
    w.cases.query.setText("何健")
    w.cases.search()
    settle()
    shot("case-inquiry")
    dialog = w.cases.case_actions.open_calculator()
    settle()
    dialog.adjustSize()
    shot("cspa", dialog)
    dialog.reason.setText(dialog.reason.text() + "; NVC memo 41/2026")
    dialog.not_protected.click()
    settle()
    settle()
    shot("case-after-cspa")
    w.tabs.setCurrentWidget(w.inquiries)
    settle()
    w.inquiries.table.selectRow(0)
    shot("inquiries")
    w.tabs.setCurrentWidget(w.calendar)
    settle()
    w.calendar.choose(TODAY.replace(day=9))
    w.calendar.seats.setValue(0)
    w.calendar.reason.setText("two officers ill")
    w.calendar.shrink()
    shot("calendar")
    w.tabs.setCurrentWidget(w.check)
    w.check.payload.setText("KIOSK1|GUZ-AAAAAAAA|GUZ2019000001|2026-11-09T08:30|" + "A" * 24)
    w.check.check()
    shot("check")
    w.tabs.setCurrentWidget(w.reports)
    w.reports.kind.setCurrentIndex(w.reports.kind.findData("bookings_per_day"))
    w.reports.start.setDate(TODAY)
    w.reports.end.setDate(TODAY + timedelta(days=13))
    w.reports.reload()
    settle()
    shot("reports")
    for i in range(5):  # a clerk who forgot the caps lock
        try:
            staff_sign_in(db, "li", "wrong password entirely", now=NOW + timedelta(seconds=i))
        except AccountError:
            pass
    w.tabs.setCurrentWidget(w.staff)
    w.staff.reload()
    settle()
    w.staff.choose("li")
    w.staff.reason.setText("identity checked at the desk")
    shot("staff")
    w.lock()
    shot("locked")
    runner.wait_for_done()
    db.dispose()


if __name__ == "__main__":
    main()
