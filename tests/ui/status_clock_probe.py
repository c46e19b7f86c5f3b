"""Run by test_status_clock in a process of its own: the real kiosk's main(), the status line read by a timer.

Prints one JSON object: the status line's text before the database opened ("early"), right after ("label"),
and the post's time read just before and after that ("before", "after"). A process of its own, because
main() sets process-wide state (logging, the event loop's exit, the GUI thread's lock turns) that later
tests in the same worker must not inherit.
Usage: python -m tests.ui.status_clock_probe KIOSK_DB_URL POST_TZ
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui.app import main
from ui.i18n import fmt_datetime
from ui.shell import KioskShell


def run(db_url: str, post_tz: str) -> dict[str, str]:
    def post_now() -> str:
        return fmt_datetime(datetime.now(UTC).astimezone(ZoneInfo(post_tz)).replace(tzinfo=None, second=0,
                                                                                   microsecond=0))

    app = QApplication(sys.argv[:1])
    seen: dict[str, str] = {"machine": fmt_datetime(datetime.now().replace(second=0, microsecond=0)),
                            "post": post_now()}
    probe = QTimer(interval=5)
    started = time.monotonic()

    def look() -> None:
        shells = [w for w in app.topLevelWidgets() if isinstance(w, KioskShell)]
        if not shells:
            return
        shell = shells[0]
        if shell.wizard.services.db is not None:  # db_ready has run (this timer fires between GUI-thread events)
            seen["before"] = post_now()
            seen["label"] = shell.clock_label.text()
            seen["after"] = post_now()  # a minute may turn while reading
        elif time.monotonic() - started < 60:
            seen.setdefault("early", shell.clock_label.text())  # before the post's zone is known
            return
        probe.stop()
        shell.exit_kiosk()

    probe.timeout.connect(look)
    probe.start()
    seen["exit"] = str(main(["--windowed", "--kiosk-id", "clock-test", "--db", db_url]))
    return seen


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], sys.argv[2])))
