"""consular-kiosk.service's watchdog, played by the test: the real kiosk says READY=1 after Welcome, then pings."""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.packaging.test_restart import kiosk_argv, unit_settings


def test_the_unit_waits_for_ready_and_watches_the_kiosk() -> None:
    settings = unit_settings()
    assert settings["Type"] == "notify"
    assert settings["NotifyAccess"] == "all"  # the kiosk is cage's child, not the unit's main process
    assert 10 <= int(settings["WatchdogSec"]) <= 60
    assert settings["Restart"] == "always"  # a watchdog kill is restarted like a crash


def _messages(sock: socket.socket, until: float) -> list[str]:
    """Every datagram until `until` (monotonic) or until READY and three pings have come."""
    got: list[str] = []
    while time.monotonic() < until:
        sock.settimeout(max(0.01, until - time.monotonic()))
        try:
            got.append(sock.recv(4096).decode())
        except TimeoutError:
            break
        if got[0].startswith("READY=1") and got.count("WATCHDOG=1") >= 3:
            break
    return got


@pytest.mark.slow
def test_the_running_kiosk_notifies_ready_after_welcome_then_keeps_pinging(tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="sd", dir="/tmp"))  # AF_UNIX paths have at most 108 bytes
    address = folder / "notify"
    logs = tmp_path / "log"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_LOG_DIR": str(logs),
           "XDG_DATA_HOME": str(tmp_path / "data"), "KIOSK_OPERATOR_PIN": "1357",
           "NOTIFY_SOCKET": str(address), "WATCHDOG_USEC": "400000"}  # WatchdogSec=0.4: pings every 200 ms
    for name in ("KIOSK_DB_URL", "KIOSK_CONFIG"):
        env.pop(name, None)
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(str(address))
        kiosk = subprocess.Popen(kiosk_argv() + ["--windowed"], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE)
        try:
            got = _messages(sock, time.monotonic() + 60)
            alive = kiosk.poll() is None
        finally:
            kiosk.terminate()
            _, err = kiosk.communicate(timeout=15)
    address.unlink()
    folder.rmdir()
    assert alive, err.decode(errors="replace")[-2000:]
    assert got and got[0].startswith("READY=1"), got  # nothing before READY, and READY only after Welcome
    assert got[1:].count("WATCHDOG=1") >= 3, got
    painted = (logs / "kiosk.log").read_text(encoding="utf-8")
    assert '"welcome painted"' in painted
