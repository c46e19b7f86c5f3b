"""The kiosk's scanner through SANE's `scanimage`, run in a subprocess with a timeout.

A subprocess, not a binding: a driver that hangs or crashes takes only `scanimage` with it, and the
timeout turns a hang into a state. Pages travel through a pipe into memory; nothing is written to disk.
scanimage exits with the SANE status of the failure, which names the scanner's state (jammed, no paper …).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass, field
from enum import StrEnum

log = logging.getLogger(__name__)

RESOLUTION = 150  # dpi: a certificate's small print stays readable for a clerk, a page stays ~0.5 MB
PROBE_TIMEOUT = 15.0  # seconds for `scanimage -L` (network backends probe slowly)
SCAN_TIMEOUT = 90.0  # seconds for one page at RESOLUTION
MAX_PAGE_BYTES = 120 * 1024 * 1024  # raw image from the pipe: A4 colour at 600 dpi is ~105 MB


class ScannerState(StrEnum):
    READY = "ready"
    ABSENT = "absent"  # no scanner found, or no scanimage on this machine
    NO_PAPER = "no_paper"
    JAMMED = "jammed"
    COVER_OPEN = "cover_open"
    BUSY = "busy"
    ERROR = "error"  # any other failure: the message says which


# scanimage's exit code is the SANE_Status of the failure (sane/sane.h).
_STATUS = {3: ScannerState.BUSY, 6: ScannerState.JAMMED, 7: ScannerState.NO_PAPER, 8: ScannerState.COVER_OPEN}


class ScanError(Exception):
    """A scan did not give a page; `state` says what the scanner is in, the message says why."""

    def __init__(self, state: ScannerState, message: str) -> None:
        super().__init__(message)
        self.state, self.message = state, message


@dataclass(frozen=True)
class Scanner:
    """One SANE device and the options a scan uses (the test backend's `test` needs no hardware)."""

    device: str
    resolution: int = RESOLUTION
    mode: str = "Color"
    extra: tuple[str, ...] = field(default=())  # device options, e.g. ("-x", "210", "-y", "297")
    timeout: float = SCAN_TIMEOUT
    program: str = "scanimage"

    def state(self) -> ScannerState:
        """Whether the device is there: `scanimage -L` lists it (the test backend answers when named)."""
        return probe(self.device, program=self.program)

    def scan_page(self) -> bytes:
        """One page as a PNM image (bytes), or ScanError with the scanner's state."""
        argv = [self.program, "-d", self.device, "--format=pnm", "--mode", self.mode,
                "--resolution", str(self.resolution), *self.extra]
        if shutil.which(self.program) is None:
            raise ScanError(ScannerState.ABSENT, f"{self.program} is not installed")
        try:
            # stdin closed: a driver (or scanimage) that asks a question must not wait for an answer
            done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=self.timeout,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise ScanError(ScannerState.ERROR, f"the scanner did not finish within {self.timeout:.0f} s") from None
        except OSError as exc:
            raise ScanError(ScannerState.ERROR, f"{self.program} could not run: {exc.strerror}") from None
        reason = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
        if done.returncode != 0:
            state = _STATUS.get(done.returncode, ScannerState.ERROR)
            log.warning("scan failed (exit %s, %s): %s", done.returncode, state, reason[0])
            raise ScanError(state, reason[0] or f"{self.program} exited with {done.returncode}")
        if not done.stdout.startswith(b"P") or len(done.stdout) > MAX_PAGE_BYTES:
            raise ScanError(ScannerState.ERROR, "the scanner sent no image, or one too large for a page")
        return done.stdout


def probe(device: str, *, program: str = "scanimage", timeout: float = PROBE_TIMEOUT) -> ScannerState:
    """READY if `device` answers, ABSENT if it is not there, ERROR if SANE itself fails."""
    if shutil.which(program) is None:
        return ScannerState.ABSENT
    try:
        listed = subprocess.run([program, "-L"], stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout,
                                check=False)
        if listed.returncode == 0 and f"`{device}" in listed.stdout.decode(errors="replace"):
            return ScannerState.READY
        # Backends left out of dll.conf (the test backend) answer only when named: ask for its options.
        named = subprocess.run([program, "-d", device, "-A"], stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return ScannerState.ERROR
    except OSError:
        return ScannerState.ABSENT
    if named.returncode == 0:
        return ScannerState.READY
    return _STATUS.get(named.returncode, ScannerState.ABSENT)
