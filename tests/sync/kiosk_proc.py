"""A kiosk process for the crash and race tests: `pull CENTRAL CACHE BATCH`, `book CENTRAL CACHE KIOSK SLOT CASE...`
or `push CENTRAL CACHE KIOSK PACE STALL_AT`."""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime

from sqlalchemy import event

from kiosk.domain.errors import RuleError
from kiosk.store.db import Database, sqlite_url
from kiosk.sync.online import book_via_central
from kiosk.sync.outbox import push
from kiosk.sync.pull import pull

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
    command, central_url, cache_path = argv[:3]
    central, cache = Database(central_url), Database(sqlite_url(cache_path))
    cache.init_schema()
    print("ready", flush=True)
    if command == "pull":
        pull(central, cache, batch=int(argv[3]), after_batch=lambda rev: print(rev, flush=True))
    elif command == "book":
        kiosk_id, slot_id, cases = argv[3], argv[4], argv[5:]
        for number in cases:
            try:
                r = book_via_central(central, cache, kiosk_id=kiosk_id, case_number=number, slot_id=slot_id, now=NOW)
                print(json.dumps({"case": number, "booked": r.reference, "seats": len(r.applicants)}), flush=True)
            except RuleError as exc:
                print(json.dumps({"case": number, "refused": exc.code}), flush=True)
    elif command == "push":
        kiosk_id, pace, stall_at = argv[3], float(argv[4]), int(argv[5])
        _pace_marking(cache, pace, stall_at)
        result = push(central, cache, kiosk_id=kiosk_id, now=NOW)
        print(json.dumps({"pushed": result.pushed, "pending": result.pending}), flush=True)
    print("end", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
