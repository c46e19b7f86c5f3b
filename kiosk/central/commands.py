"""Central's side of a kiosk's outbox command, as the service runs it: central's clock, the certificate's kiosk id.

The payload says only what the applicant asked for (case, slot, text …). Whatever central must
decide itself is overwritten or dropped here before the command runs: `now` (central's clock;
the kiosk's is recorded beside it), `actor` and `kiosk_id` (from the verified certificate), and
an account's password hash must be at least as strong as central's own hasher makes.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from argon2 import Type, extract_parameters
from argon2.exceptions import InvalidHashError
from sqlalchemy import bindparam, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError, RuleError
from kiosk.services.accounts import HASHER
from kiosk.services.retries import TwinAnswered, with_retries
from kiosk.store.db import Database
from kiosk.store.prepared import Prepared
from kiosk.store.sync_tables import AppliedCommand, OutboxStatus
from kiosk.sync import commands
from kiosk.sync.sealed import open_fields
from kiosk.sync.commands import CommandKind

log = logging.getLogger(__name__)

# Keys central decides; a payload carrying them has them removed before the command runs.
CENTRAL_DECIDES = ("now", "actor", "kiosk_id", "kiosk", "applied_at")
WEAK_HASH = "WEAK_HASH"
ID_TAKEN = "ID_TAKEN"


@dataclass(frozen=True)
class Outcome:
    status: OutboxStatus
    result: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status.value, "result": self.result}


def check_hash(password_hash: object) -> None:
    """Refuse a hash weaker than central's own hasher makes (type, memory, passes, lanes, lengths)."""
    want = HASHER
    try:
        p = extract_parameters(password_hash) if isinstance(password_hash, str) else None
    except InvalidHashError:
        p = None
    if p is None:
        raise RuleError(WEAK_HASH, "the account's password hash is not an Argon2 hash")
    if (p.type is not Type.ID or p.memory_cost < want.memory_cost or p.time_cost < want.time_cost
            or p.parallelism < want.parallelism or p.hash_len < want.hash_len or p.salt_len < want.salt_len):
        raise RuleError(WEAK_HASH, f"the account's password hash is weaker than central's policy "
                                   f"(Argon2id, m>={want.memory_cost}, t>={want.time_cost}, p>={want.parallelism})")


def scrub(kind: str, payload: dict[str, Any], *, now: datetime) -> dict[str, Any]:
    """The payload the command runs with: central's keys replaced, an offline booking's time clamped."""
    clean = {k: v for k, v in payload.items() if k not in CENTRAL_DECIDES}
    clean["now"] = now.isoformat()
    if kind == CommandKind.OFFLINE_BOOK:
        # The kiosk printed it at its own time, which is recorded as such; never later than central's now.
        try:
            printed = datetime.fromisoformat(str(payload.get("now")))
        except ValueError:
            raise InputError("an offline booking needs the time it was printed", field="now") from None
        clean["now"] = min(printed, now).isoformat()
    if kind == CommandKind.ACCOUNT:
        check_hash(payload.get("password_hash"))
    return clean


def apply(central: Database, *, command_id: str, kind: str, payload: dict[str, Any], kiosk_id: str,
          now: datetime, kiosk_time: datetime | None) -> Outcome:
    """Apply once in one short central transaction, or answer what was answered before to this kiosk.

    A command central applies commits with its answer in one transaction (no savepoint: each is a
    round trip on the booking path). One it refuses leaves nothing of its own: its transaction
    is rolled back whole and the refusal is recorded in a second one. After a deadlock, a twin
    request's commit (its applied_commands row or its booking's key) or a serialization failure
    the whole transaction runs again (kiosk.services.retries), and a twin's answer is read then.

    A command id is almost always new, so the first try does not look it up (a round trip on
    every booking): a command sent again, or another kiosk's id, runs in a transaction whose
    answer cannot be kept (the id is applied_commands' key), so it is rolled back whole and the
    next try reads the stored answer first. A refusal or an error of the first try reads it too.
    """
    try:
        uuid.UUID(command_id)
        kind = CommandKind(kind).value
    except (ValueError, TypeError):
        raise InputError("a command needs a UUID id and a known kind", field="command") from None
    tries = 0

    def attempt() -> Outcome:
        nonlocal tries
        tries += 1
        try:
            with central.transaction() as s:
                if tries > 1:
                    answered = _answered(s, command_id, kiosk_id)
                    if answered is not None:
                        return answered
                outcome = _run(s, command_id, kind, payload, kiosk_id, now)
                _record(s, command_id, kind, kiosk_id, now, kiosk_time, outcome)
            return outcome
        except _Refused as refused:
            with central.transaction() as s:
                answered = _answered(s, command_id, kiosk_id)
                if answered is not None:  # applied before, or a twin request got there first
                    return answered
                _record(s, command_id, kind, kiosk_id, now, kiosk_time, refused.outcome)
            return refused.outcome
        except (DBAPIError, TwinAnswered):
            raise  # with_retries runs it again, reading the answer first; or a timeout (503)
        except Exception:
            if tries == 1:  # a command applied before may fail when run again: its stored answer stands
                with central.session() as s:
                    answered = _answered(s, command_id, kiosk_id)
                if answered is not None:
                    return answered
            raise

    return with_retries(attempt)


class _Refused(Exception):
    """A rule or the input refused the command: its transaction is rolled back, then the answer recorded."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.result.get("error"))
        self.outcome = outcome


# Asked and written on every command: compiled once (kiosk.store.prepared), no ORM identity needed.
_APPLIED = AppliedCommand.__table__
_ANSWER = Prepared(select(_APPLIED.c.kiosk_id, _APPLIED.c.result).where(_APPLIED.c.id == bindparam("id")))
_KEEP = Prepared(insert(_APPLIED))


def _answered(s: Session, command_id: str, kiosk_id: str) -> Outcome | None:
    stored = _ANSWER.rows(s, {"id": command_id})
    if not stored:
        return None
    owner, result = stored[0]
    if owner != kiosk_id:  # another kiosk's id: its answer is not ours to read
        return Outcome(OutboxStatus.REFUSED, {"error": ID_TAKEN, "message": "command id in use"})
    return _stored(result)


def _record(s: Session, command_id: str, kind: str, kiosk_id: str, now: datetime, kiosk_time: datetime | None,
            outcome: Outcome) -> None:
    record = {**outcome.to_dict(), "kiosk_time": kiosk_time.isoformat() if kiosk_time else None}
    # Sent with the COMMIT (kiosk.store.prepared): a taken id raises there, and the retry reads its answer.
    _KEEP.later(s, {"id": command_id, "kiosk_id": kiosk_id, "kind": kind, "applied_at": now,
                    "result": json.dumps(record)})


def _run(s: Session, command_id: str, kind: str, payload: dict, kiosk_id: str, now: datetime) -> Outcome:
    try:
        result = commands.run(s, kind=kind, command_id=command_id,
                              payload=scrub(kind, open_fields(s, payload), now=now), kiosk_id=kiosk_id)
    except RuleError as exc:
        raise _Refused(Outcome(OutboxStatus.REFUSED, {"error": exc.code, "message": exc.message})) from None
    except InputError as exc:
        raise _Refused(Outcome(OutboxStatus.REFUSED, {"error": "BAD_INPUT", "message": str(exc),
                                                      "field": exc.field})) from None
    except (KeyError, TypeError, ValueError) as exc:  # a payload missing a field or with a wrong type
        raise _Refused(Outcome(OutboxStatus.REFUSED, {"error": "BAD_INPUT",
                                                      "message": f"malformed command ({type(exc).__name__})"})) from None
    return Outcome(OutboxStatus.DONE, result)


def _stored(text: str) -> Outcome:
    d = json.loads(text)
    return Outcome(OutboxStatus(d["status"]), d["result"])


def outcome_of(central: Database, command_id: str, *, kiosk_id: str) -> Outcome | None:
    """What central answered to this kiosk's command, or None if it never applied it."""
    with central.session() as s:
        stored = s.get(AppliedCommand, command_id)
        if stored is None or stored.kiosk_id != kiosk_id:
            return None
        return _stored(stored.result)
