"""After central is restored from a backup: send again the commands it applied for this kiosk and then lost.

A command the kiosk holds as *done* was applied on central and recorded in its
`applied_commands` in the same transaction. If central no longer has that row, either the
restore took it away (and the command's effect with it: apply it again), or compaction
deleted it because it was old (the effect is still there: never apply it again). Compaction
records how far back it may have deleted (`sync_identity.commands_kept_since`, a time of
the kiosks' clocks, the same clock a command's `created_at` and its `applied_at` come
from). A command created at or after that time, applied after it too, is still known unless
the restore lost it, so only those are queued again. Pushing one central still knows
answers from `applied_commands`, as any repeated push does: once either way.

Refused commands are never sent again (the applicant was told no), nor anything to
another central (a new identity: it never had this kiosk's history).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from kiosk.store.db import Database
from kiosk.store.sync_tables import AppliedCommand, OutboxCommand, OutboxStatus, SyncState
from kiosk.sync.central_marks import CENTRAL_ID, RESYNC_NEEDED, Mismatch, Why, read_mark
from kiosk.sync.errors import talking_to_central
from kiosk.sync.rows import CHUNK

log = logging.getLogger(__name__)
REQUEUED = "requeued"  # sync_state: commands sent again after a restore, in all


# What central says of this kiosk's commands: (its database id, how far back compaction may have
# deleted, which of the ids asked about it still has). Central's database or the service answers.
Known = tuple[str | None, datetime | None, set[str]]


def requeue_lost(central: Database, cache: Database, *, thorough: bool = False) -> list[str]:
    """Mark *done* commands central has lost as pending again; their ids. Flags a full copy when any were.

    Not thorough: only the newest done command is looked up (one key, every sync), and all
    of them only when that one is missing.
    """

    def ask(ids: list[str]) -> Known:
        with talking_to_central(), central.engine.connect() as conn:
            mark = read_mark(conn)
        return mark.database_id, mark.commands_kept_since, _known(central, ids)

    return requeue_lost_asking(cache, ask, thorough=thorough)


def requeue_lost_asking(cache: Database, ask: Callable[[list[str]], Known], *, thorough: bool = False) -> list[str]:
    """`requeue_lost` with central's side asked through `ask` (kiosk.central.link: over the service)."""
    with cache.session() as s:
        seen = s.get(SyncState, CENTRAL_ID)
    if seen is None:
        return []
    newest = _done_since(cache, None, 1)
    if not newest and not thorough:
        return []
    central_id, kept_since, known = ask(newest)
    if central_id != seen.value:
        return []
    if not thorough:
        recent = _done_since(cache, kept_since, 1)
        if not recent:
            return []
        if recent[0] not in newest:  # the newest since compaction's horizon is another: ask about it
            known = ask(recent)[2]
        if recent[0] in known:
            return []
    ids = _done_since(cache, kept_since, None)
    known = set()
    for i in range(0, len(ids), CHUNK):
        known |= ask(ids[i:i + CHUNK])[2]
    lost = [i for i in ids if i not in known]
    if lost:
        _requeue(cache, lost)
    return lost


def warn_refused(cache: Database, ids: list[str]) -> None:
    """A command sent again that central now refuses (its seat was given away since the backup): say so."""
    if not ids:
        return
    with cache.session() as s:
        for row in s.scalars(select(OutboxCommand).where(OutboxCommand.id.in_(ids),
                                                         OutboxCommand.status == OutboxStatus.REFUSED.value)):
            code = json.loads(row.result or "{}").get("error")  # the code only: messages may name applicants
            log.warning("command %s (%s) sent again after central's restore was refused: %s", row.id, row.kind,
                        code, extra={"command": row.id, "event": "sync.requeue_refused"})


def _done_since(cache: Database, since: datetime | None, limit: int | None) -> list[str]:
    """Done commands created at or after `since`, the last answered first."""
    q = select(OutboxCommand.id).where(OutboxCommand.status == OutboxStatus.DONE.value)
    if since is not None:
        q = q.where(OutboxCommand.created_at >= since)
    q = q.order_by(OutboxCommand.pushed_at.desc(), OutboxCommand.created_at.desc()).limit(limit)
    with cache.session() as s:
        return list(s.scalars(q))


def _known(central: Database, ids: list[str]) -> set[str]:
    have: set[str] = set()
    with talking_to_central(), central.engine.connect() as conn:
        for i in range(0, len(ids), CHUNK):
            have.update(conn.scalars(select(AppliedCommand.id).where(AppliedCommand.id.in_(ids[i:i + CHUNK]))))
    return have


def _requeue(cache: Database, lost: list[str]) -> None:
    with cache.transaction() as s:
        for command_id in lost:
            row = s.get(OutboxCommand, command_id)
            if row is None or row.status != OutboxStatus.DONE.value:
                continue
            log.warning("central no longer knows command %s (%s, created %s): sending it again", command_id,
                        row.kind, row.created_at.isoformat(), extra={"command": command_id, "event": "sync.requeue"})
            row.status, row.result, row.pushed_at = OutboxStatus.PENDING.value, None, None
        total = s.get(SyncState, REQUEUED)
        s.merge(SyncState(name=REQUEUED, value=str(int(total.value if total else 0) + len(lost))))
        s.merge(SyncState(name=RESYNC_NEEDED, value=str(Mismatch(
            Why.LOST_COMMANDS, f"central no longer knows {len(lost)} command(s) it applied for this kiosk"))))
