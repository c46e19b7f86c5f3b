"""Where a kiosk without a printer "prints": a private folder in memory (the runtime folder), emptied soon after.

A confirmation names the applicant: it must not stay on the kiosk's disk. The folder is the
unit's RuntimeDirectory (`/run/consular-kiosk`, tmpfs, 0700, gone when the unit stops), else the
user's runtime folder; files older than `KEEP` are removed before each new one is written.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

APP_NAME = "consular-kiosk"
KEEP_SECONDS = 600  # long enough to collect a printout from a PDF-printing test rig, not a day


def print_folder() -> Path:
    """The runtime folder's `confirmations` (0700): systemd's RUNTIME_DIRECTORY, else XDG_RUNTIME_DIR, else /tmp."""
    unit, user = os.environ.get("RUNTIME_DIRECTORY"), os.environ.get("XDG_RUNTIME_DIR")
    if unit:
        root = Path(unit.split(":")[0])  # systemd may list several; ours is the first
    elif user:
        root = Path(user) / APP_NAME
    else:
        root = Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.getuid()}"
    folder = root / "confirmations"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def purge(folder: Path, *, keep_seconds: float = KEEP_SECONDS, now: float | None = None) -> int:
    """Remove printouts older than `keep_seconds`; returns how many."""
    limit = (time.time() if now is None else now) - keep_seconds  # an instant (epoch seconds), as st_mtime: no zone
    gone = 0
    for path in folder.glob("*.pdf"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                gone += 1
        except FileNotFoundError:
            continue
    return gone
