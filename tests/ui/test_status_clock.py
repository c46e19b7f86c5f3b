"""The status line's clock shows the post's time as soon as the database is open, whatever the machine's zone.

Until the database names the post, the only clock is the machine's. The kiosk learns the post's zone on the
worker as the database opens; the status line must show the post's time from then on, not at its next 30 s tick.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kiosk.store.db import sqlite_url
from tests.sqlite_templates import copy_of

MACHINE_TZ = "Etc/GMT+12"  # UTC-12 (POSIX signs are reversed): 20 hours behind the post, so every hour differs
POST_TZ = "Asia/Shanghai"  # the demo's post (Guangzhou)
ROOT = Path(__file__).resolve().parents[2]


def test_the_status_line_shows_the_posts_time_right_after_the_database_opens(
        demo_template: Path, tmp_path: Path) -> None:
    copy_of(demo_template, tmp_path / "kiosk.db").dispose()
    env = {**os.environ, "TZ": MACHINE_TZ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": str(tmp_path / "log")}
    done = subprocess.run([sys.executable, "-m", "tests.ui.status_clock_probe", sqlite_url(tmp_path / "kiosk.db"),
                           POST_TZ], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["exit"] == "0", seen
    assert seen["machine"] != seen["post"], seen  # the machine's wall clock really is another than the post's
    assert "label" in seen, "the database did not open within 60 s"
    # Read within milliseconds of opening, long before the clock's own 30 s tick: the post's time, not the machine's.
    assert seen["label"] in (seen["before"], seen["after"]), (
        f"status line {seen['label']!r} right after the database opened; the post's time is {seen['before']!r} "
        f"(the machine's clock, {MACHINE_TZ}, read {seen['machine']!r})")
    # Before that, no time at all rather than the machine's labelled "(Beijing time)": seen live for 15 s and
    # more on a first start under load, a Friday evening shown as Beijing's while it was Saturday morning there.
    assert "early" in seen, "the status line was never read before the database opened"
    assert seen["early"] == "", f"status line {seen['early']!r} before the post's zone was known"
