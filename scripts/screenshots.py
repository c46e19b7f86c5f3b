"""Regenerate docs/screenshots/: every page of the kiosk, on a fresh demo database, offscreen.

Four sets: English (NN-*.png), Chinese (zh-NN-*.png), high contrast (hc-NN-*.png, English) and
large text (large-NN-*.png, Chinese: the longest lines). `--only zh` makes one set.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWizard  # noqa: E402

from kiosk.services.booking import book  # noqa: E402
from kiosk.services.demo import seed_demo  # noqa: E402
from kiosk.store.db import Database, sqlite_url  # noqa: E402
from ui.app import build  # noqa: E402
from ui.pages.ids import PageId  # noqa: E402
from ui.services import VisitServices  # noqa: E402
from ui.style import apply_style, set_display_mode  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TODAY, NOW = date(2026, 11, 2), datetime(2026, 11, 2, 9, 0)
SIZE = (1280, 800)
PASSPHRASE = "a quiet walk along the pearl river"


def settle(app: QApplication, until=lambda: True, timeout_ms: int = 10_000) -> None:  # type: ignore[no-untyped-def]
    """Run the event loop until `until()` holds and the worker is idle."""
    loop_deadline = datetime.now().timestamp() + timeout_ms / 1000
    while datetime.now().timestamp() < loop_deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if until() and not kiosk.runner.busy:
            break
    app.processEvents()


def shot(name: str) -> None:
    settle(app)
    path = OUT / f"{VARIANT['prefix']}{name}.png"
    kiosk.shell.grab().save(str(path))
    print("wrote", path.relative_to(ROOT))


def forward() -> None:
    wiz = kiosk.wizard
    start = wiz.currentId()
    for which in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.NextButton):
        if wiz.button(which).isVisible():
            wiz.button(which).click()
            break
    settle(app, lambda: wiz.currentId() != start or wiz.currentPage().error_label.isVisible())


def sign_up(user: str) -> None:
    page = kiosk.wizard.page_of(PageId.SIGN_IN)
    page.create_mode.click()
    page.username.setText(user)
    page.password.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE)
    forward()


def letter(case_number: str, dob: str) -> None:
    page = kiosk.wizard.page_of(PageId.LETTER)
    page.case_number.setText(case_number)
    page.date_of_birth.setText(dob)
    forward()


def restart() -> None:
    kiosk.shell.wipe()
    settle(app)
    choose_variant()
    kiosk.wizard.next()  # Welcome → Sign in
    settle(app)


def choose_variant() -> None:
    """What the visitor picks on Welcome: the language and the display modes."""
    welcome = kiosk.wizard.page_of(PageId.WELCOME)
    welcome.choose_language(VARIANT["language"])
    if VARIANT["large"]:
        welcome.large_text.click()
    if VARIANT["contrast"]:
        welcome.high_contrast.click()
    settle(app)


def visit_every_page() -> None:
    shot("01-welcome")
    kiosk.wizard.next()
    settle(app)
    kiosk.wizard.page_of(PageId.SIGN_IN).create_mode.click()
    kiosk.wizard.page_of(PageId.SIGN_IN).password.setText("short")
    shot("02-create-account")
    sign_up("lin.mei@example.cn")
    shot("03-letter")
    letter("guz 2019 000001", "1988-07-30")
    shot("04-eligibility-schedule")
    forward()
    shot("05-calendar")
    kiosk.wizard.page_of(PageId.CALENDAR).time_buttons()[1].click()
    shot("06-calendar-time-chosen")
    forward()
    shot("07-review")
    forward()
    shot("08-done-booked")

    restart()
    sign_up("he.ping@example.cn")
    letter("GUZ2019000012", "1975-08-08")
    shot("09-eligibility-inquiry-cspa")
    forward()
    shot("10-inquiry")

    restart()
    sign_up("zhao@example.cn")
    letter("GUZ2019000003", "1955-11-20")
    shot("11-eligibility-wait")

    restart()
    sign_up("ma.ling@example.cn")
    letter("GUZ2019000010", "1996-10-10")
    shot("12-eligibility-not-handled")

    restart()
    book(db, "GUZ2019000022", "2026-11-20T09:30", now=NOW)
    sign_up("priya@example.cn")
    letter("GUZ2019000022", "1992-02-29")
    shot("13-eligibility-reschedule-with-booking")

    restart()
    sign_up("feng.yu@example.cn")
    letter("GUZ2019000019", "1989-03-21")
    shot("14-eligibility-derivative-not-on-letter")

    restart()
    sign_up("luo.bin@example.cn")
    letter("GUZ2019000014", "1984-11-11")
    shot("15-eligibility-same-petitioner-group")

    kiosk.shell.set_idle(10, 5000)
    settle(app, lambda: kiosk.shell.warning.isVisible(), 3000)
    shot("16-idle-warning")
    kiosk.shell.touch()
    kiosk.shell.operator.open()
    shot("17-operator-pin")
    kiosk.shell.operator.close_panel()


VARIANTS = {
    "en": {"prefix": "", "language": "en", "contrast": False, "large": False},
    "zh": {"prefix": "zh-", "language": "zh_CN", "contrast": False, "large": False},
    "hc": {"prefix": "hc-", "language": "en", "contrast": True, "large": False},
    "large": {"prefix": "large-", "language": "zh_CN", "contrast": False, "large": True},
}
only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
app = QApplication.instance() or QApplication(sys.argv[:1])
apply_style(app)
OUT.mkdir(parents=True, exist_ok=True)
for VARIANT in (v for k, v in VARIANTS.items() if only in (None, k)):
    tmp = Path(tempfile.mkdtemp())
    db = Database(sqlite_url(tmp / "demo.db"))
    db.init_schema()
    seed_demo(db, TODAY)
    services = VisitServices(db=db, demo=True, kiosk_id="screenshots", clock=lambda: NOW)
    set_display_mode(high_contrast=False, large_text=False)  # as a fresh kiosk starts
    kiosk = build(services, operator_pin="0000")
    kiosk.shell.resize(*SIZE)
    kiosk.shell.show()
    choose_variant()
    visit_every_page()
    kiosk.shell.shutdown()
    kiosk.languages.set_language("en")
    db.dispose()
