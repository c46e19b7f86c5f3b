"""A kiosk process for the crash and race tests: `pull CENTRAL CACHE BATCH` or `book CENTRAL CACHE KIOSK SLOT CASE...`."""

from __future__ import annotations

import json
import sys
from datetime import datetime

from kiosk.domain.errors import RuleError
from kiosk.store.db import Database, sqlite_url
from kiosk.sync.online import book_via_central
from kiosk.sync.pull import pull

NOW = datetime(2026, 11, 3, 9, 0)


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
    print("end", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
