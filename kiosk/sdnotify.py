"""systemd's notify protocol (sd_notify): READY=1, WATCHDOG=1, STOPPING=1 as datagrams to $NOTIFY_SOCKET."""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping

SOCKET_VAR = "NOTIFY_SOCKET"
WATCHDOG_VAR = "WATCHDOG_USEC"


def _address(env: Mapping[str, str]) -> str | None:
    path = env.get(SOCKET_VAR, "")
    if path.startswith("@"):  # an abstract socket: its name starts with a NUL byte
        return "\0" + path[1:]
    return path if path.startswith("/") else None  # unset, or a kind we don't speak (vsock:)


def notify(message: str, env: Mapping[str, str] | None = None) -> bool:
    """Send one state message; False (and nothing happens) when not started by systemd with a socket."""
    address = _address(os.environ if env is None else env)
    if address is None:
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        try:
            s.sendto(message.encode("utf-8"), address)
        except OSError:  # systemd gone (shutting down): nobody left to tell
            return False
    return True


def watchdog_interval_ms(env: Mapping[str, str] | None = None) -> int | None:
    """How often to ping: half of WatchdogSec=, as systemd recommends; None when no watchdog is set.

    WATCHDOG_PID is not checked: under cage the unit's main process is cage, and the kiosk (its
    child) pings with NotifyAccess=all.
    """
    values = os.environ if env is None else env
    if _address(values) is None:
        return None
    try:
        usec = int(values.get(WATCHDOG_VAR, ""))
    except ValueError:
        return None
    return max(1, usec // 2000) if usec > 0 else None
