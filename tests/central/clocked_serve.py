"""`kiosk-central serve` with central's clock read from a file the tests write (tests.central.hub.ServiceClock).

python -m tests.central.clocked_serve CLOCK_FILE --bind HOST:PORT --tls-dir DIR [--workers N] [--threads N]

Everything else is the real service: gunicorn, mutual TLS, the registry, the service's own role.
The file holds {"at": ISO, "since": epoch seconds, "speed": x}: central's now is
at + (time.time() - since) × speed (speed 0: a fixed clock, as the tests' NOW).
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.central import pki
from kiosk.central.serve import database_url, serve
from kiosk.central.service import CentralService


class FileClock:
    """Central's wall clock at the post, as the test's clock file says it is now."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self) -> datetime:
        spec = json.loads(self.path.read_text(encoding="utf-8"))
        at = datetime.fromisoformat(spec["at"])
        return (at + timedelta(seconds=(time.time() - spec["since"]) * spec["speed"])).replace(microsecond=0)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("clock", type=Path)
    p.add_argument("--bind", required=True)
    p.add_argument("--tls-dir", type=Path, required=True)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--threads", type=int, default=8)
    a = p.parse_args()
    clock = FileClock(a.clock)
    d = a.tls_dir
    serve(bind=a.bind, cert=d / "server.pem", key=d / "server.key", ca=d / pki.CA_CERT, db_url=database_url(),
          workers=a.workers, threads=a.threads, app=lambda db: CentralService(db, clock=clock))


if __name__ == "__main__":
    main()
