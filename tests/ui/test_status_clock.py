"""The status line's clock shows the post's time as soon as the database is open, whatever the machine's zone.

Until the database names the post, the only clock is the machine's. The kiosk learns the post's zone on the
worker as the database opens; the status line must show the post's time from then on, not at its next 30 s tick.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.store.db import sqlite_url
from tests.sqlite_templates import copy_of
from ui.i18n import fmt_datetime

MACHINE_TZ = "Etc/GMT+12"  # UTC-12 (POSIX signs are reversed): 20 hours behind the post, so every hour differs
POST_TZ = "Asia/Shanghai"  # the demo's post (Guangzhou)


@pytest.fixture
def machine_at_utc_minus_12() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = MACHINE_TZ
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def _post_now() -> str:
    return fmt_datetime(datetime.now(UTC).astimezone(ZoneInfo(POST_TZ)).replace(tzinfo=None, second=0, microsecond=0))


def test_the_status_line_shows_the_posts_time_right_after_the_database_opens(
        qapp, demo_template: Path, tmp_path: Path, monkeypatch, machine_at_utc_minus_12) -> None:
    from PySide6.QtCore import QTimer

    from ui.app import main
    from ui.shell import KioskShell

    monkeypatch.setenv("KIOSK_LOG_DIR", str(tmp_path / "log"))
    copy_of(demo_template, tmp_path / "kiosk.db").dispose()
    machine = fmt_datetime(datetime.now().replace(second=0, microsecond=0))
    assert machine != _post_now()  # the machine's wall clock really is another than the post's
    seen: dict[str, object] = {}
    probe = QTimer(interval=5)

    def look() -> None:
        shells = [w for w in qapp.topLevelWidgets() if isinstance(w, KioskShell)]
        if not shells:
            return
        shell = shells[0]
        if shell.wizard.services.db is not None:  # db_ready has run (this timer fires between GUI-thread events)
            seen["before"] = _post_now()
            seen["label"] = shell.clock_label.text()
            seen["after"] = _post_now()  # a minute may turn while reading
        elif time.monotonic() - started < 60:
            seen.setdefault("early", shell.clock_label.text())  # before the post's zone is known
            return
        probe.stop()
        shell.exit_kiosk()

    probe.timeout.connect(look)
    probe.start()
    started = time.monotonic()
    assert main(["--windowed", "--kiosk-id", "clock-test", "--db", sqlite_url(tmp_path / "kiosk.db")]) == 0
    assert "label" in seen, "the database did not open within 60 s"
    # Read within milliseconds of opening, long before the clock's own 30 s tick: the post's time, not the machine's.
    assert seen["label"] in (seen["before"], seen["after"]), (
        f"status line {seen['label']!r} right after the database opened; the post's time is {seen['before']!r} "
        f"(the machine's clock, {MACHINE_TZ}, read {machine!r})")
    # Before that, no time at all rather than the machine's labelled "(Beijing time)": seen live for 15 s and
    # more on a first start under load, a Friday evening shown as Beijing's while it was Saturday morning there.
    assert "early" in seen, "the status line was never read before the database opened"
    assert seen["early"] == "", f"status line {seen['early']!r} before the post's zone was known"
