"""consular-kiosk.service's restart policy, played by a real supervisor: kill -9, back at Welcome soon, outbox kept.

systemd is not PID 1 on the build machines, so `Supervisor` does what the unit's
Restart=always / RestartSec= tell systemd to do, reading both from the unit file itself.
The kiosk runs from the source tree, or from a built package when KIOSK_PACKAGE_DIR names one.

"Soon" is RestartSec plus a start-up measured against the bare cost of starting Qt on this machine, in this
test, at this moment: on an idle machine (bare start ~0.3 s) that bound is about 1 + 8 x 0.3 = 3.4 s, within
the 5 s promised; on a loaded one both stretch together. A kiosk whose start waits on something (central, a
lock, a long recovery after the kill) shows it as a ratio no load explains. (Its own first start is printed
for comparison, not asserted on: at load 11 the restart once took 3x the first start, 3.4x a bare Qt start.)
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.central import pki
from kiosk.store.db import Database, sqlite_url
from kiosk.sync.outbox import enqueue

UNIT = Path(__file__).resolve().parents[2] / "packaging" / "linux" / "consular-kiosk.service"
STARTUP_RATIO = 8.0  # restarted kiosk's spawn -> Welcome painted, over a bare Qt window's start (about 3-5 seen)
BARE_QT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
window = QWidget()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def unit_settings(path: Path = UNIT) -> dict[str, str]:
    """The [Service] section's key=value lines (the last one wins, as in systemd)."""
    settings: dict[str, str] = {}
    section = None
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings[key] = value
    return settings


class Supervisor:
    """Restart=always: start the command again RestartSec after every exit, until stopped."""

    def __init__(self, argv: list[str], env: dict[str, str], restart_sec: float) -> None:
        self.argv, self.env, self.restart_sec = argv, env, restart_sec
        self.child: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.spawned: list[float] = []  # time.time() of each start
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self.spawned.append(time.time())
            self.child = subprocess.Popen(self.argv, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.starts += 1
            self.child.wait()
            self._stopping.wait(self.restart_sec)

    def __enter__(self) -> Supervisor:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stopping.set()
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()
            try:
                self.child.wait(10)
            except subprocess.TimeoutExpired:
                self.child.kill()
        self._thread.join(15)


def kiosk_argv() -> list[str]:
    package = os.environ.get("KIOSK_PACKAGE_DIR")
    return [str(Path(package) / "kiosk")] if package else [sys.executable, "-m", "ui.app"]


def painted(log: Path) -> list[dict[str, object]]:
    if not log.exists():
        return []
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [e for e in lines if e["msg"] == "welcome painted"]


def wait_for(predicate, timeout: float):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"not within {timeout} s")


def bare_qt_start(env: dict[str, str]) -> float:
    """Seconds for a Python process to show a bare Qt window and exit: the machine's pace right now."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", BARE_QT], env=env, check=True, timeout=60)
    return time.perf_counter() - started


def outbox_rows(path: Path) -> list[tuple[str, str, str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT id, kind, payload, status FROM outbox ORDER BY id").fetchall()


def test_the_unit_restarts_always_and_soon() -> None:
    settings = unit_settings()
    assert settings["Restart"] == "always"
    assert float(settings["RestartSec"]) <= 2
    assert settings["ExecStart"].startswith("/usr/bin/cage ")  # the kiosk dies -> cage exits -> restart


@pytest.mark.slow
def test_after_kill_9_the_kiosk_is_back_at_welcome_soon_with_its_outbox(tmp_path: Path) -> None:
    cache = tmp_path / "cache.db"
    db = Database(sqlite_url(cache))
    db.init_schema()
    with db.transaction() as s:  # unsent work: central is unreachable for the whole test
        for n in range(3):
            enqueue(s, "audit", {"event": "test", "n": n}, now=datetime(2026, 11, 2, 9, n))
    db.dispose()
    before = outbox_rows(cache)
    tls = tmp_path / "tls"  # the central service, where nothing listens: the kiosk's own certificate all the same
    pki.init_ca(tls, "GUZ")
    pki.issue_kiosk(tls, tls, "restart-test")
    config = tmp_path / "kiosk.toml"
    config.write_text('[post]\ncode = "GUZ"\n[kiosk]\nid = "restart-test"\ncache = "cache.db"\n'
                      '[central]\nurl = "https://127.0.0.1:9"\nca = "tls/ca.pem"\ncert = "tls/restart-test.pem"\n'
                      'key = "tls/restart-test.key"\n', encoding="utf-8")
    logs = tmp_path / "log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": str(logs), "KIOSK_CONFIG": str(config),
           "XDG_DATA_HOME": str(tmp_path / "data"), "KIOSK_OPERATOR_PIN": "1357"}
    env.pop("KIOSK_DB_URL", None)
    log = logs / "kiosk.log"
    with Supervisor(kiosk_argv() + ["--windowed"], env, float(unit_settings()["RestartSec"])) as sup:
        first = wait_for(lambda: painted(log), 60)[0]
        victim = sup.child
        assert victim is not None and victim.pid == first["pid"]
        bare = [bare_qt_start(env)]  # the machine's pace, measured around the restart (the load may change)
        killed_at = time.time()
        os.kill(victim.pid, signal.SIGKILL)
        again = wait_for(lambda: [e for e in painted(log) if e["pid"] != first["pid"]], 30)[0]
        back_at = datetime.fromisoformat(str(again["ts"])).timestamp()
        assert sup.starts == 2
        restarted = sup.spawned[1]
        first_startup = datetime.fromisoformat(str(first["ts"])).timestamp() - sup.spawned[0]
    bare += [bare_qt_start(env), bare_qt_start(env)]
    pace = sorted(bare)[1]
    gap, startup = restarted - killed_at, back_at - restarted
    assert victim.returncode == -signal.SIGKILL
    print(f"back at Welcome {back_at - killed_at:.2f} s after kill -9: restarted after {gap:.2f} s, "
          f"Welcome painted {startup:.2f} s later, {startup / pace:.1f}x a bare Qt start ({pace:.2f} s), "
          f"{startup / first_startup:.2f}x its first start ({first_startup:.2f} s)")
    restart_sec = float(unit_settings()["RestartSec"])
    assert gap >= restart_sec  # the unit's RestartSec (the unit test above bounds it: <= 2 s)
    assert startup < STARTUP_RATIO * pace, (
        f"the restarted kiosk took {startup:.2f} s to paint Welcome, {startup / pace:.1f}x a bare Qt window's "
        f"start on this machine now ({pace:.2f} s); at most {STARTUP_RATIO:g}x")
    assert outbox_rows(cache) == before  # nothing lost, nothing sent, nothing duplicated
    assert len(before) == 3 and {row[3] for row in before} == {"pending"}
