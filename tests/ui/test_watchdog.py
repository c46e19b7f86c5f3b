"""The systemd notify protocol and the GUI-thread watchdog: READY=1, pings that stop while the GUI is frozen."""

from __future__ import annotations

import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.sdnotify import notify, watchdog_interval_ms
from ui.watchdog import Watchdog


@pytest.fixture
def listener(monkeypatch) -> Iterator[socket.socket]:  # type: ignore[no-untyped-def]
    """A datagram socket standing in for systemd's, named in NOTIFY_SOCKET (a short path: AF_UNIX allows 108)."""
    folder = Path(tempfile.mkdtemp(prefix="sd", dir="/tmp"))
    path = folder / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.setblocking(False)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    monkeypatch.setenv("WATCHDOG_USEC", "100000")  # WatchdogSec=0.1: a ping every 50 ms
    yield sock
    sock.close()
    path.unlink()
    folder.rmdir()


def drain(sock: socket.socket) -> list[str]:
    got = []
    while True:
        try:
            got.append(sock.recv(4096).decode())
        except BlockingIOError:
            return got


def test_without_a_notify_socket_nothing_is_sent_and_no_watchdog_runs(monkeypatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert notify("READY=1") is False
    assert watchdog_interval_ms({"WATCHDOG_USEC": "30000000"}) is None


def test_the_ping_interval_is_half_of_watchdog_sec() -> None:
    env = {"NOTIFY_SOCKET": "/run/systemd/notify", "WATCHDOG_USEC": "30000000"}
    assert watchdog_interval_ms(env) == 15_000
    assert watchdog_interval_ms({**env, "WATCHDOG_USEC": "0"}) is None


def test_an_abstract_notify_socket_is_reached_too(monkeypatch) -> None:
    name = f"kiosk-test-{time.monotonic_ns()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert notify("READY=1")
        assert sock.recv(100) == b"READY=1"


def test_ready_then_pings_which_stop_while_the_gui_thread_is_frozen(qtbot, listener) -> None:
    dog = Watchdog()
    dog.ready()
    qtbot.wait(300)
    first = drain(listener)
    assert first[0].startswith("READY=1\n") and first[1:].count("WATCHDOG=1") >= 3
    time.sleep(0.4)  # the GUI thread blocked: eight intervals without a turn of the event loop
    assert drain(listener) == []
    qtbot.waitUntil(lambda: "WATCHDOG=1" in drain(listener), timeout=1000)  # the loop runs again: so do pings
    dog.stopping()
    assert drain(listener)[-1:] == ["STOPPING=1"]
    qtbot.wait(200)
    assert drain(listener) == []
