"""Regenerate docs/screenshots/: every page of the kiosk, on a fresh demo database, offscreen.

Four sets: English (NN-*.png), Chinese (zh-NN-*.png), high contrast (hc-NN-*.png, English) and
large text (large-NN-*.png, Chinese: the longest lines). `--only zh` makes one set.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime
from pathlib import Path

from scene import KioskScene, demo_database, kiosk_app  # first: the checkout on sys.path, offscreen Qt

from kiosk.app.visit import VisitServices
from kiosk.services.booking import book
from kiosk.store.db import Database
from tests.ui.screens import print_again_held, printer_held
from ui.app import build
from ui.pages.ids import PageId
from ui.style import set_display_mode

NOW = datetime(2026, 11, 2, 9, 0)
VARIANTS = {
    "en": {"prefix": "", "language": "en", "contrast": False, "large": False},
    "zh": {"prefix": "zh-", "language": "zh_CN", "contrast": False, "large": False},
    "hc": {"prefix": "hc-", "language": "en", "contrast": True, "large": False},
    "large": {"prefix": "large-", "language": "zh_CN", "contrast": False, "large": True},
}


def choose_variant(scene: KioskScene, variant: dict) -> None:
    """What the visitor picks on Welcome: the language and the display modes."""
    welcome = scene.wizard.page_of(PageId.WELCOME)
    welcome.choose_language(variant["language"])
    if variant["large"]:
        welcome.large_text.click()
    if variant["contrast"]:
        welcome.high_contrast.click()
    scene.settle()


def next_visitor(scene: KioskScene, variant: dict, user: str, case_number: str, date_of_birth: str) -> None:
    """The kiosk wiped and the variant chosen again; the next visitor signs up and looks up a case."""
    scene.kiosk.shell.wipe()
    scene.settle()
    choose_variant(scene, variant)
    scene.wizard.next()  # Welcome → Sign in
    scene.settle()
    scene.sign_up(user)
    scene.look_up(case_number, date_of_birth)


def visit_every_page(scene: KioskScene, variant: dict, db: Database) -> None:
    shot, wizard = scene.shot, scene.wizard
    shot("01-welcome")
    wizard.next()
    scene.settle()
    wizard.page_of(PageId.SIGN_IN).create_mode.click()
    wizard.page_of(PageId.SIGN_IN).password.setText("short")
    shot("02-create-account")
    scene.sign_up("lin.mei@example.cn")
    shot("03-letter")
    scene.look_up("guz 2019 000001", "1988-07-30")
    shot("04-eligibility-schedule")
    scene.forward()
    shot("05-calendar")
    wizard.page_of(PageId.CALENDAR).time_buttons()[1].click()
    shot("06-calendar-time-chosen")
    scene.forward()
    shot("07-review")
    scene.forward()
    shot("08-done-booked")
    with printer_held():  # Print again, the printer slow: Done says it is printing
        scene.printing_shot = True
        print_again_held(scene.kiosk)
        shot("08-done-printing")
        scene.printing_shot = False
    scene.settle()

    next_visitor(scene, variant, "he.ping@example.cn", "GUZ2019000012", "1975-08-08")
    shot("09-eligibility-inquiry-cspa")
    scene.forward()
    shot("10-inquiry")

    next_visitor(scene, variant, "zhao@example.cn", "GUZ2019000003", "1955-11-20")
    shot("11-eligibility-wait")

    next_visitor(scene, variant, "ma.ling@example.cn", "GUZ2019000010", "1996-10-10")
    shot("12-eligibility-not-handled")

    book(db, "GUZ2019000022", "2026-11-20T09:30", now=NOW)  # booked through the system before
    next_visitor(scene, variant, "priya@example.cn", "GUZ2019000022", "1992-02-29")
    shot("13-eligibility-reschedule-with-booking")

    next_visitor(scene, variant, "feng.yu@example.cn", "GUZ2019000019", "1989-03-21")
    shot("14-eligibility-derivative-not-on-letter")

    next_visitor(scene, variant, "luo.bin@example.cn", "GUZ2019000014", "1984-11-11")
    shot("15-eligibility-same-petitioner-group")

    # A time inside the change window: marked on the calendar, warned about and confirmed on Review.
    next_visitor(scene, variant, "wu.lan@example.cn", "GUZ2019000020", "1985-06-15")
    scene.forward()
    calendar = wizard.page_of(PageId.CALENDAR)
    calendar.month.choose(NOW.date().replace(day=4))
    scene.settle()
    calendar.time_buttons()[0].click()
    scene.forward()
    shot("18-review-final-warning")

    # A wrong date of birth: the summary at the top, the fields marked, the tries left.
    next_visitor(scene, variant, "qian@example.cn", "GUZ2019000001", "1988-07-31")
    shot("19-letter-error-tries-left")

    shell = scene.kiosk.shell
    shell.set_idle(10, 5000)
    scene.settle(lambda: shell.warning.isVisible(), timeout_s=3)
    shot("16-idle-warning")
    shell.touch()
    shell.operator.open()
    shot("17-operator-pin")
    shell.operator.close_panel()


only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
app = kiosk_app()
for variant in (v for k, v in VARIANTS.items() if only in (None, k)):
    db = demo_database(Path(tempfile.mkdtemp()))
    services = VisitServices(db=db, demo=True, kiosk_id="screenshots", clock=lambda: NOW)
    set_display_mode(high_contrast=False, large_text=False)  # as a fresh kiosk starts
    scene = KioskScene(app, build(services, operator_pin="0000"), prefix=variant["prefix"])
    choose_variant(scene, variant)
    visit_every_page(scene, variant, db)
    scene.kiosk.shell.shutdown()
    scene.kiosk.languages.set_language("en")
    db.dispose()
