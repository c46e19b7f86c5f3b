"""The central service's systemd unit is one systemd accepts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNIT = Path(__file__).resolve().parents[2] / "packaging" / "linux" / "kiosk-central.service"


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="needs systemd-analyze")
def test_systemd_accepts_the_central_unit(tmp_path) -> None:
    # Installed, ExecStart names /opt/consular-kiosk/bin/kiosk-central; here, this checkout's.
    script = Path(sys.executable).with_name("kiosk-central")
    unit = tmp_path / UNIT.name
    unit.write_text(UNIT.read_text().replace("/opt/consular-kiosk/bin/kiosk-central", str(script)))
    done = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
