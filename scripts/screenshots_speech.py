"""Screenshots of the "Read aloud" button (docs/screenshots/speech-*.png): needs an engine with voices for both languages.

    uv run python scripts/screenshots_speech.py   # speech-dispatcher + espeak-ng installed (packaging/linux/README)
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ["KIOSK_SPEECH"] = "speechd"

from scene import KioskScene, demo_database, kiosk_app  # first: the checkout on sys.path, offscreen Qt

from kiosk.app.visit import VisitServices
from ui.app import build
from ui.pages.ids import PageId

NOW = datetime(2026, 11, 2, 9, 0)  # as scripts/screenshots.py

app = kiosk_app()
with tempfile.TemporaryDirectory() as tmp:
    db = demo_database(Path(tmp), "kiosk.db")
    services = VisitServices(db=db, demo=True, kiosk_id="screenshots", clock=lambda: NOW)
    scene = KioskScene(app, build(services, idle_ms=3_600_000))
    reader = scene.kiosk.shell.reader
    scene.settle(lambda: reader.available("zh_CN") and reader.available("en"), timeout_s=20)
    if not reader.voices:
        sys.exit("no speech engine with English and Chinese voices here: nothing to show")
    scene.shot("speech-01-welcome")
    scene.wizard.page_of(PageId.WELCOME).choose_language("zh_CN")
    scene.shot("speech-zh-01-welcome")
    scene.forward()
    scene.sign_up("lin.mei@example.cn")
    scene.look_up("GUZ2019000001", "1988-07-30")
    scene.forward()
    calendar = scene.wizard.page_of(PageId.CALENDAR)
    scene.settle(lambda: bool(calendar.time_buttons()), timeout_s=20)
    calendar.time_buttons()[1].click()
    scene.shot("speech-zh-06-calendar-time-chosen")
    scene.wizard.page_of(PageId.SIGN_IN).switch_language()
    scene.shot("speech-06-calendar-time-chosen")
    scene.kiosk.shell.shutdown()
    db.dispose()
