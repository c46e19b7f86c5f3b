"""A kiosk process for the crash and race tests, talking to the session's real service (tests.central.hub):

    pull URL TLS_DIR CACHE BATCH
    book URL TLS_DIR CACHE KIOSK SLOT CASE...
    push URL TLS_DIR CACHE KIOSK PACE STALL_AT

Its certificate is TLS_DIR/<KIOSK>.pem (hall-1 for pull); its clock is NOW (central's clock file says so too).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import event

from kiosk.central import link, pki
from kiosk.central.client import RemoteCentral
from kiosk.central.remote_port import RemoteKioskCentral
from kiosk.domain.errors import RuleError
from kiosk.store.db import Database, sqlite_url
from tests.escrow.helpers import looked_up

NOW = datetime(2026, 11, 3, 9, 0)


def _pace_marking(cache: Database, pace: float, stall_at: int) -> None:
    """Before the cache marks a command answered (central has committed it): report, wait, maybe stall.

    The wait is the window where a kill loses central's answer; stalling at the n-th lets a test kill right there.
    """
    marked = {"count": 0}

    @event.listens_for(cache._write_engine, "before_cursor_execute")  # writes have an engine of their own
    def _before_mark(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.startswith("UPDATE outbox"):
            marked["count"] += 1
            print(f"central-applied {marked['count']}", flush=True)
            time.sleep(600 if marked["count"] == stall_at else pace)


def main(argv: list[str]) -> None:
    command, url, tls, cache_path = argv[0], argv[1], Path(argv[2]), argv[3]
    kiosk_id = "hall-1" if command == "pull" else argv[4]
    remote = RemoteCentral([url], ca=tls / pki.CA_CERT, cert=tls / f"{kiosk_id}.pem", key=tls / f"{kiosk_id}.key",
                           clock=lambda: NOW)
    cache = Database(sqlite_url(cache_path))
    cache.init_schema()
    remote.hello()  # connected and known to central
    print("ready", flush=True)
    if command == "pull":
        # Each batch's revision, once the cache has committed it.
        link.pull(remote, cache, batch=int(argv[4]), after_batch=lambda revision: print(revision, flush=True))
    elif command == "book":
        slot_id, cases = argv[5], argv[6:]
        port = RemoteKioskCentral(remote, cache, kiosk_id=kiosk_id)
        for number in cases:
            try:
                r = port.book(cache, looked_up(cache, number), slot_id, now=NOW, key=None).result
                print(json.dumps({"case": number, "booked": r.reference, "seats": len(r.applicants)}), flush=True)
            except RuleError as exc:
                print(json.dumps({"case": number, "refused": exc.code}), flush=True)
    elif command == "push":
        pace, stall_at = float(argv[5]), int(argv[6])
        _pace_marking(cache, pace, stall_at)
        result = link.push(remote, cache, now=NOW)
        print(json.dumps({"pushed": result.pushed, "pending": result.pending}), flush=True)
    remote.close()
    print("end", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
