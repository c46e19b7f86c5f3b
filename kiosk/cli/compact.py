"""`kiosk-admin [--db URL | --config FILE] compact [--keep-days N] [--now DATETIME]`: compact central.

With `--db` (or $KIOSK_DB_URL) on that database, migrated first like every `--db` command.
With a kiosk's `--config` it is refused (exit 2): a kiosk holds no database credential.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime

from kiosk.app.clock import post_now
from kiosk.app.opening import open_db, redact
from kiosk.domain.errors import InputError
from kiosk.sync.compaction import DEFAULT_KEEP_DAYS, CompactionResult, compact

Result = tuple[int, dict, str]


def add_command(cmd: Callable[[str, str], argparse.ArgumentParser],
                moment: Callable[[str], datetime]) -> None:
    c = cmd("compact", "compact central's change log, applied commands and idempotency keys")
    c.add_argument("--keep-days", type=int, default=DEFAULT_KEEP_DAYS, metavar="N",
                   help=f"keep everything younger than N days (default {DEFAULT_KEEP_DAYS})")
    c.add_argument("--now", type=moment, help="the post's wall-clock time to count the days back from")


def run(args: argparse.Namespace, url: str | None) -> Result:
    if getattr(args, "config", None) and url is None:  # a kiosk holds no database credential to compact with
        raise InputError("compact runs on central's database, as its owner: `kiosk-admin --db URL compact` on "
                         "central's machine (a kiosk's --config names the central service, not a database)",
                         field="config")
    db, _demo = open_db(url)
    try:
        r = compact(db, keep_days=args.keep_days, now=args.now or post_now(db))
        return 0, {"database": redact(db.url), **r.to_dict()}, _text(r)
    finally:
        db.dispose()


def _text(r: CompactionResult) -> str:
    text = (f"change log: {r.log_before} → {r.log_after} entries ({r.superseded} superseded, {r.tombstones} "
            f"tombstone(s) older than {r.keep_days} day(s)); horizon at revision {r.horizon}\n"
            f"applied commands: {r.commands_deleted} deleted, {r.commands_held} older ones kept for kiosks that "
            f"may still send them; idempotency keys: {r.keys_deleted} deleted; {r.seconds:.2f} s")
    if r.kiosks_behind:
        text += f"\nkiosks that will copy central whole at their next sync: {', '.join(r.kiosks_behind)}"
    return text
