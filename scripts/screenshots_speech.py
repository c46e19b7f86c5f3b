"""Screenshots of the "Read aloud" button (docs/screenshots/speech-*.png): needs an engine with voices for both languages.

    uv run python scripts/screenshots_speech.py   # speech-dispatcher + espeak-ng installed (packaging/linux/README)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["KIOSK_SPEECH"] = "speechd"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datetime import date, datetime  # noqa: E402

from PySide6.QtWidgets import QApplication  # noqa: E402

from kiosk.services.demo import seed_demo  # noqa: E402
from kiosk.store.db import Database, sqlite_url  # noqa: E402
from ui.app import build  # noqa: E402
from ui.pages.ids import PageId  # noqa: E402
from ui.services import VisitServices  # noqa: E402
from ui.style import apply_style  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TODAY, NOW = date(2026, 11, 2), datetime(2026, 11, 2, 9, 0)  # as scripts/screenshots.py (which runs on import)
SIZE = (1280, 800)
PASSPHRASE = "a quiet walk along the pearl river"


def settle(until=lambda: True, timeout_s: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents()
        if until() and not kiosk.runner.busy:
            break
        time.sleep(0.02)
    app.processEvents()


def shot(name: str) -> None:
    settle()
    kiosk.shell.grab().save(str(OUT / f"{name}.png"))
    print("wrote", f"docs/screenshots/{name}.png")


def forward() -> None:
    start = kiosk.wizard.currentId()
    kiosk.wizard.next()
    settle(lambda: kiosk.wizard.currentId() != start)


app = QApplication(sys.argv[:1])
apply_style(app)
with tempfile.TemporaryDirectory() as tmp:
    db = Database(sqlite_url(Path(tmp) / "kiosk.db"))
    db.init_schema()
    seed_demo(db, TODAY)
    kiosk = build(VisitServices(db=db, demo=True, kiosk_id="screenshots", clock=lambda: NOW), idle_ms=3_600_000)
    kiosk.shell.resize(*SIZE)
    kiosk.shell.show()
    settle(lambda: kiosk.shell.reader.available("zh_CN") and kiosk.shell.reader.available("en"))
    if not kiosk.shell.reader.voices:
        sys.exit("no speech engine with English and Chinese voices here: nothing to show")
    shot("speech-01-welcome")
    welcome = kiosk.wizard.page_of(PageId.WELCOME)
    welcome.choose_language("zh_CN")
    shot("speech-zh-01-welcome")
    forward()
    sign_in = kiosk.wizard.page_of(PageId.SIGN_IN)
    sign_in.create_mode.click()
    sign_in.username.setText("lin.mei@example.cn")
    sign_in.password.setText(PASSPHRASE)
    sign_in.repeat.setText(PASSPHRASE)
    forward()
    letter = kiosk.wizard.page_of(PageId.LETTER)
    letter.case_number.setText("GUZ2019000001")
    letter.date_of_birth.setText("1988-07-30")
    forward()
    forward()
    calendar = kiosk.wizard.page_of(PageId.CALENDAR)
    settle(lambda: bool(calendar.time_buttons()))
    calendar.time_buttons()[1].click()
    shot("speech-zh-06-calendar-time-chosen")
    sign_in.switch_language()
    shot("speech-06-calendar-time-chosen")
    kiosk.shell.shutdown()
    db.dispose()
