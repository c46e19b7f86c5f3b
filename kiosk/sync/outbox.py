"""The outbox: writes leave the kiosk as commands with a kiosk-made id; central applies each exactly once."""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError, RuleError
from kiosk.services.budgets import AlertSink
from kiosk.services.letter import LOCKOUT_ACTION, LockoutSink
from kiosk.services.retries import with_retries
from kiosk.store.accounts import Account
from kiosk.store.db import Database, rowcount
from kiosk.store.sync_tables import AppliedCommand, OutboxCommand, OutboxStatus
from kiosk.sync import commands, failures
from kiosk.sync.commands import CommandKind
from kiosk.sync.errors import CentralUnreachable, talking_to_central
from kiosk.sync.sealed import open_fields, seal_fields

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PushResult:
    pushed: int  # commands central answered in this push
    done: int
    refused: int
    pending: int  # still waiting afterwards
    failed: int = 0  # central could not apply them (kiosk.sync.failures): held for a clerk
    held: int = 0  # left waiting behind a failed command about the same case or account


@dataclass(frozen=True)
class Answer:
    status: OutboxStatus  # done or refused
    result: dict[str, Any]  # the service's answer, or {"error": CODE, "message": ...}


def enqueue(session: Session, kind: CommandKind | str, payload: dict[str, Any], *, now: datetime) -> str:
    """Queue a command in the caller's cache transaction (the local write and the command are one unit)."""
    try:
        kind = CommandKind(kind)
    except ValueError:
        raise InputError(f"{kind!r} is not a command ({', '.join(CommandKind)})", field="kind") from None
    command_id = str(uuid.uuid4())
    payload = seal_fields(session, kind.value, payload)  # names and words only central can read
    session.add(OutboxCommand(id=command_id, kind=kind.value, payload=json.dumps(payload, default=str),
                              created_at=now, status=OutboxStatus.PENDING.value))
    return command_id


def lockout_via_outbox(actor: str, now: datetime) -> LockoutSink:
    """For a kiosk's cache: a letter lookup's lockout travels to central's audit trail as an outbox command."""

    def queue(s: Session, number: str, detail: dict) -> None:
        enqueue(s, CommandKind.AUDIT, {"action": LOCKOUT_ACTION, "case_number": number, "actor": actor,
                                       "detail": detail, "now": now.isoformat()}, now=now)

    return queue


def alerts_via_outbox(now: datetime) -> AlertSink:
    """For a kiosk's cache: an alert a budget raised offline reaches the clerks as an outbox command."""

    def queue(s: Session, kind: str, count: int) -> None:
        enqueue(s, CommandKind.ALERT, {"kind": kind, "count": count, "now": now.isoformat()}, now=now)

    return queue


def pending_count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(OutboxCommand)
                           .where(OutboxCommand.status == OutboxStatus.PENDING.value)).scalar_one()


def push(central: Database, cache: Database, *, kiosk_id: str, now: datetime) -> PushResult:
    """Send every pending command, oldest first; stops (raising CentralUnreachable) when the link drops.

    A command that fails for another reason is held as failed; the ones after it go on, except
    those about the same case or account, which wait for a clerk's retry or resolve.
    """
    failures.take_up_decisions(central, cache, kiosk_id=kiosk_id, now=now)
    with cache.session() as s:
        queue = s.scalars(select(OutboxCommand).where(OutboxCommand.status == OutboxStatus.PENDING.value)
                          .order_by(OutboxCommand.created_at, OutboxCommand.id)).all()
        blocked = failures.blocked_keys(s)
    done = refused = failed = held = 0
    for command in queue:
        subject = failures.depends_on(command.kind, json.loads(command.payload))
        if subject is not None and subject in blocked:
            held += 1
            continue
        answer = push_one(central, cache, command.id, kiosk_id=kiosk_id, now=now)
        done += answer.status is OutboxStatus.DONE
        refused += answer.status is OutboxStatus.REFUSED
        if answer.status is OutboxStatus.FAILED:
            failed += 1
            if subject is not None:
                blocked.add(subject)
    with cache.session() as s:
        return PushResult(done + refused + failed, done, refused, pending_count(s), failed, held)


def push_one(central: Database, cache: Database, command_id: str, *, kiosk_id: str, now: datetime) -> Answer:
    """Apply one command on central (or read the answer it already gave) and record the answer in the cache."""
    with cache.session() as s:
        command = s.get(OutboxCommand, command_id)
    if command is None:
        raise InputError(f"no command {command_id} in the outbox", field="command")
    if command.status != OutboxStatus.PENDING.value:
        return Answer(OutboxStatus(command.status), json.loads(command.result or "{}"))
    try:
        with talking_to_central():
            answer = _apply_on_central(central, command, kiosk_id, now)
    except CentralUnreachable:
        raise
    except Exception as exc:  # noqa: BLE001 (a poison command: held as failed, never lost, never blocking)
        error = failures.describe(exc)
        log.error("command %s (%s) failed on central: %s", command_id, command.kind, error,
                  extra={"command": command_id, "event": "sync.command_failed"})
        answer = Answer(OutboxStatus.FAILED, {"error": failures.FAILED, "message": error})
        record_answer(cache, command_id, answer, now)
        try:
            failures.record_on_central(central, command, kiosk_id, error, now)
        except CentralUnreachable:
            raise
        except Exception as again:  # noqa: BLE001 (the kiosk still holds it; `status` shows it)
            log.error("could not tell central that command %s failed: %s", command_id, failures.describe(again))
        return answer
    record_answer(cache, command_id, answer, now)
    return answer


def _apply_on_central(central: Database, command: OutboxCommand, kiosk_id: str, now: datetime) -> Answer:
    payload = json.loads(command.payload)

    def attempt() -> Answer:
        with central.transaction() as s:
            stored = s.get(AppliedCommand, command.id)
            if stored is not None:  # applied before (our answer was lost on the way back): same answer
                return _answer(stored.result)
            answer = _run(s, central.is_sqlite, command, payload, kiosk_id)
            s.add(AppliedCommand(id=command.id, kiosk_id=kiosk_id, kind=command.kind, applied_at=now,
                                 result=json.dumps({"status": answer.status.value, "result": answer.result})))
        return answer

    # The same command pushed by a second process of this kiosk committed first (IntegrityError),
    # a twin booking's key, a deadlock: the whole transaction again, which then reads the answer.
    return with_retries(attempt)


def _run(s: Session, is_sqlite: bool, command: OutboxCommand, payload: dict, kiosk_id: str) -> Answer:
    """The command in a savepoint: a refusal rolls back its work but is itself remembered."""
    try:
        with s.begin_nested():
            result = commands.run(s, kind=command.kind, command_id=command.id,
                                  payload=open_fields(s, payload), kiosk_id=kiosk_id)
        return Answer(OutboxStatus.DONE, result)
    except RuleError as exc:
        return Answer(OutboxStatus.REFUSED, {"error": exc.code, "message": exc.message})
    except InputError as exc:
        return Answer(OutboxStatus.REFUSED, {"error": "BAD_INPUT", "message": str(exc), "field": exc.field})


def _answer(stored: str) -> Answer:
    d = json.loads(stored)
    return Answer(OutboxStatus(d["status"]), d["result"])


def record_answer(cache: Database, command_id: str, answer: Answer, now: datetime) -> None:
    """Store central's answer to a command in the cache (its status, result and when)."""
    with cache.transaction() as s:
        row = s.get_one(OutboxCommand, command_id)
        row.status, row.result, row.pushed_at = answer.status.value, json.dumps(answer.result), now
        if row.kind == CommandKind.DOCUMENT_CHUNK:  # central holds the piece now: none of it stays here
            row.payload = json.dumps({k: v for k, v in json.loads(row.payload).items() if k not in ("data", "sealed")})


def forget_accounts_sent(cache: Database) -> int:
    """Remove accounts made offline once central has answered for each (no account command pending).

    They were kept only so their owners could sign in while central was away; central has them
    now (or refused the name), and a name with its password hash is not kept on the kiosk's disk
    longer than needed. Returns how many were removed.
    """
    with cache.session() as s:  # almost always nothing to do: no write transaction then
        if s.scalar(select(Account.id).limit(1)) is None:
            return 0
    with cache.transaction() as s:
        waiting = s.scalar(select(func.count()).select_from(OutboxCommand).where(
            OutboxCommand.status == OutboxStatus.PENDING.value, OutboxCommand.kind == CommandKind.ACCOUNT.value))
        if waiting:
            return 0
        return rowcount(s.execute(delete(Account)))
