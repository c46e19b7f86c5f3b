"""A kiosk process that pushes its outbox through the service: `URL TLS_DIR KIOSK CACHE PACE STALL_AT`.

Prints "ready", then "central-applied N" before the cache marks the N-th answer (central has
committed it), waiting PACE seconds there, or for good at the STALL_AT-th; at the end the push's
{"pushed", "pending"}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from sqlalchemy import event

from tests.central.harness import post_now
from kiosk.central import link, pki
from kiosk.central.client import RemoteCentral
from kiosk.store.db import Database, sqlite_url


def main(argv: list[str]) -> None:
    url, tls, kiosk, cache_path, pace, stall_at = argv[0], Path(argv[1]), argv[2], argv[3], float(argv[4]), int(argv[5])
    cache = Database(sqlite_url(cache_path))
    marked = {"count": 0}

    @event.listens_for(cache._write_engine, "before_cursor_execute")
    def _before_mark(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.startswith("UPDATE outbox"):
            marked["count"] += 1
            print(f"central-applied {marked['count']}", flush=True)
            time.sleep(600 if marked["count"] == stall_at else pace)

    with RemoteCentral([url], ca=tls / pki.CA_CERT, cert=tls / f"{kiosk}.pem", key=tls / f"{kiosk}.key") as remote:
        remote.hello()
        print("ready", flush=True)
        result = link.push(remote, cache, now=post_now())
    print(json.dumps({"pushed": result.pushed, "pending": result.pending}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
