"""Poison commands: an outbox command central cannot apply (not a refusal, not the link) is held as failed.

The kiosk marks it `failed` with its error and goes on with the commands after it, except
those that depend on it (the same case, or the same account: `depends_on`), which wait.
Central keeps a row per failed command (`failed_commands`) for the clerks' Kiosks tab; a
clerk asks for a retry or resolves it with a reason, and the kiosk's next sync takes the
decision up (`take_up_decisions`). Nothing is dropped: a failed command stays in the
outbox until it is done, refused, or resolved by a clerk.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError, RuleError
from kiosk.services import audit
from kiosk.services.clerk.staff import StaffView, require_reason
from kiosk.store.alerts import FailedCommand, FailureState
from kiosk.store.db import Database
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync.errors import talking_to_central

log = logging.getLogger(__name__)
FAILED = "FAILED"  # the error code a failed command's `result` carries
RESOLVED = "RESOLVED"  # the code of a command a clerk resolved (it becomes `refused`: never sent again)
ERROR_LIMIT = 300


def describe(exc: BaseException) -> str:
    """The exception's class and first line; a database error's own message, never its statement or values."""
    inner = getattr(exc, "orig", None) or exc
    lines = str(inner).strip().splitlines()
    first = lines[0] if lines else ""
    return f"{type(inner).__name__}: {first}"[:ERROR_LIMIT]


def depends_on(kind: str, payload: dict) -> str | None:
    """What a command is about: a later command about the same thing waits while an earlier one is failed."""
    if payload.get("case_number"):
        return f"case:{payload['case_number']}"
    if payload.get("subject"):  # an account's name sealed to central: its digest (kiosk.sync.sealed)
        return str(payload["subject"])
    if payload.get("username"):
        return f"account:{payload['username']}"
    return None


def blocked_keys(session: Session) -> set[str]:
    """The subjects of the kiosk's failed commands."""
    keys = set()
    for kind, payload in session.execute(select(OutboxCommand.kind, OutboxCommand.payload)
                                         .where(OutboxCommand.status == OutboxStatus.FAILED.value)):
        key = depends_on(kind, json.loads(payload))
        if key:
            keys.add(key)
    return keys


def record_on_central(central: Database, command: OutboxCommand, kiosk_id: str, error: str, now: datetime) -> None:
    """Central's row for the clerks (a new failure, or another attempt of one); its own short transaction."""
    with talking_to_central(), central.transaction() as s:
        row = s.get(FailedCommand, command.id, with_for_update=True)
        if row is None:
            s.add(FailedCommand(command_id=command.id, kiosk_id=kiosk_id, kind=command.kind, error=error,
                                created_at=command.created_at, failed_at=now, attempts=1,
                                state=FailureState.OPEN.value))
        else:
            row.error, row.failed_at, row.attempts, row.state = error, now, row.attempts + 1, FailureState.OPEN.value
        audit.record(s, actor=f"kiosk:{kiosk_id}", action="sync.command_failed", now=now,
                     detail={"command": command.id, "kind": command.kind, "error": error})


def take_up_decisions(central: Database, cache: Database, *, kiosk_id: str, now: datetime) -> int:
    """Apply the clerks' decisions on this kiosk's failed commands: retry → pending again; resolved → refused."""
    failed = failed_ids(cache)
    if not failed:
        return 0
    with talking_to_central(), central.transaction() as cs:
        decided = claim_decisions(cs, kiosk_id, failed)
    return apply_decisions(cache, decided, now)


def failed_ids(cache: Database) -> list[str]:
    with cache.session() as s:
        return list(s.scalars(select(OutboxCommand.id).where(OutboxCommand.status == OutboxStatus.FAILED.value)))


def claim_decisions(cs: Session, kiosk_id: str, ids: list[str]) -> dict[str, dict[str, str | None]]:
    """Central's side (direct, or the service's /v1/decisions): the clerks' decisions on these commands of
    this kiosk, {id: {"state", "note", "by"}}; a retry is marked sent (a new failure reopens it)."""
    decided = {}
    for r in cs.scalars(select(FailedCommand).where(
            FailedCommand.command_id.in_(ids[:1000]), FailedCommand.kiosk_id == kiosk_id,
            FailedCommand.state.in_((FailureState.RETRY.value, FailureState.SENT.value,
                                     FailureState.RESOLVED.value))).with_for_update()):
        # Still failed at the kiosk though sent: the answer that said "retry" was lost. Say it again.
        state = FailureState.RETRY.value if r.state == FailureState.SENT.value else r.state
        decided[r.command_id] = {"state": state, "note": r.note, "by": r.decided_by}
        if r.state == FailureState.RETRY.value:
            r.state = FailureState.SENT.value
    return decided


def apply_decisions(cache: Database, decided: dict[str, dict[str, str | None]], now: datetime) -> int:
    """The kiosk's side: a retried command is pending again, a resolved one refused (never sent again)."""
    with cache.transaction() as s:
        for command_id, d in decided.items():
            row = s.get(OutboxCommand, command_id)
            if row is None or row.status != OutboxStatus.FAILED.value:  # nothing left to decide
                continue
            if d.get("state") == FailureState.RETRY.value:
                row.status, row.result, row.pushed_at = OutboxStatus.PENDING.value, None, None
            elif d.get("state") == FailureState.RESOLVED.value:
                row.status, row.pushed_at = OutboxStatus.REFUSED.value, now
                row.result = json.dumps({"error": RESOLVED, "message": d.get("note") or "", "by": d.get("by")})
            else:
                continue
            log.warning("failed command %s (%s): %s by a clerk", command_id, row.kind, d.get("state"),
                        extra={"command": command_id, "event": f"sync.failed_{d.get('state')}"})
    return len(decided)


def answered_at_kiosk(central: Database, cache: Database, command_id: str, now: datetime) -> None:
    """A command pushed while the applicant waited (book, cancel) failed and they were told so: never sent again.

    It becomes `refused` on the kiosk, and central's row is closed (the audit trail keeps the failure).
    """
    with cache.transaction() as s:
        row = s.get(OutboxCommand, command_id)
        if row is not None and row.status == OutboxStatus.FAILED.value:
            row.status = OutboxStatus.REFUSED.value
    try:
        with talking_to_central(), central.transaction() as cs:
            failed = cs.get(FailedCommand, command_id, with_for_update=True)
            if failed is not None:
                failed.state, failed.decided_by, failed.decided_at = FailureState.RESOLVED.value, "kiosk", now
                failed.note = "answered at the kiosk: the applicant was told it did not go through"
    except Exception as exc:  # noqa: BLE001 (the kiosk's row is final already; central's shows it open)
        log.error("could not close failed command %s on central: %s", command_id, describe(exc))


@dataclass(frozen=True)
class FailedView:
    command_id: str
    kiosk_id: str
    kind: str
    error: str
    created_at: datetime
    failed_at: datetime
    attempts: int
    state: str


def failed_commands(session: Session) -> list[FailedView]:
    """Central's failed commands the clerks have not resolved, oldest first (the Kiosks tab)."""
    rows = session.scalars(select(FailedCommand).where(FailedCommand.state.in_((FailureState.OPEN.value,
                                                                               FailureState.RETRY.value)))
                           .order_by(FailedCommand.created_at, FailedCommand.command_id))
    return [FailedView(r.command_id, r.kiosk_id, r.kind, r.error, r.created_at, r.failed_at, r.attempts, r.state)
            for r in rows]


def decide(db: Database, who: StaffView, command_id: str, state: FailureState, reason: str, *,
           now: datetime) -> None:
    """A clerk's retry or resolve (with a reason, audited); the kiosk applies it on its next sync."""
    why = require_reason(reason)
    with db.transaction() as s:
        row = s.get(FailedCommand, command_id, with_for_update=True)
        if row is None:
            raise InputError(f"no failed command {command_id}", field="command")
        if row.state not in (FailureState.OPEN.value, FailureState.RETRY.value):
            raise RuleError("ALREADY_RESOLVED", f"command {command_id} is already {row.state}")
        row.state, row.decided_by, row.decided_at, row.note = state.value, who.actor, now, why
        audit.record(s, actor=who.actor, action=f"clerk.command_{state.value}", now=now,
                     detail={"command": command_id, "kiosk_id": row.kiosk_id, "kind": row.kind, "reason": why})


def failed_on_kiosk(cache: Database) -> list[dict]:
    """The kiosk's own failed commands, for `kiosk-admin status` (no payloads: they may name applicants)."""
    with cache.session() as s:
        rows = s.scalars(select(OutboxCommand).where(OutboxCommand.status == OutboxStatus.FAILED.value)
                         .order_by(OutboxCommand.created_at, OutboxCommand.id))
        return [{"id": r.id, "kind": r.kind, "created_at": r.created_at.isoformat(timespec="seconds"),
                 "failed_at": r.pushed_at.isoformat(timespec="seconds") if r.pushed_at else None,
                 "error": json.loads(r.result or "{}").get("message", "")} for r in rows]


def held_count(cache: Database) -> int:
    """Pending commands waiting behind a failed one about the same case or account."""
    with cache.session() as s:
        blocked = blocked_keys(s)
        if not blocked:
            return 0
        return sum(1 for kind, payload in s.execute(
            select(OutboxCommand.kind, OutboxCommand.payload).where(OutboxCommand.status == OutboxStatus.PENDING.value))
            if depends_on(kind, json.loads(payload)) in blocked)
