"""Writes that need central's answer at once (bookings): through the outbox, but pushed immediately."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from kiosk.domain.errors import InputError, RuleError
from kiosk.services.results import BookingResult, CancelResult
from kiosk.store.db import Database
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync.commands import CommandKind
from kiosk.sync.errors import CentralUnreachable
from kiosk.sync.failures import FAILED, answered_at_kiosk
from kiosk.sync.outbox import enqueue, push_one

OFFLINE_MESSAGE = ("The consulate's booking system cannot be reached right now, so nothing was booked or "
                   "changed. Please try again in a few minutes or ask at the counter.")

FAILED_MESSAGE = ("The consulate's booking system could not complete this, so nothing was booked or changed. "
                  "Please ask at the counter.")


def book_via_central(central: Database, cache: Database, *, kiosk_id: str, case_number: str, slot_id: str,
                     now: datetime, with_cases: Sequence[str] = (), key: str | None = None) -> BookingResult:
    """Book on central and return its answer; RuleError("OFFLINE") when central cannot be reached."""
    payload = {"case_number": case_number, "slot_id": slot_id, "with_cases": list(with_cases), "now": now.isoformat()}
    if key:
        payload["key"] = key
    return BookingResult.from_dict(_now_or_never(central, cache, CommandKind.BOOK, payload, kiosk_id, now))


def cancel_via_central(central: Database, cache: Database, *, kiosk_id: str, case_number: str,
                       now: datetime) -> CancelResult:
    payload = {"case_number": case_number, "now": now.isoformat()}
    return CancelResult(**_now_or_never(central, cache, CommandKind.CANCEL, payload, kiosk_id, now))


def _now_or_never(central: Database, cache: Database, kind: CommandKind, payload: dict[str, Any],
                  kiosk_id: str, now: datetime) -> dict[str, Any]:
    with cache.transaction() as s:
        command_id = enqueue(s, kind, payload, now=now)
    try:
        answer = push_one(central, cache, command_id, kiosk_id=kiosk_id, now=now)
    except CentralUnreachable as exc:
        # Nothing stays pending: the applicant has been told "not booked" and may walk away, so a
        # later push must not book behind their back. (Its id is kept, marked refused.)
        with cache.transaction() as s:
            row = s.get_one(OutboxCommand, command_id)
            if row.status == OutboxStatus.PENDING.value:
                row.status = OutboxStatus.REFUSED.value
                row.result, row.pushed_at = json.dumps({"error": "OFFLINE", "message": str(exc)}), now
        raise RuleError("OFFLINE", OFFLINE_MESSAGE) from exc
    if answer.status is OutboxStatus.DONE:
        return answer.result
    if answer.status is OutboxStatus.FAILED:  # told "not done" now, so never retried behind their back
        answered_at_kiosk(central, cache, command_id, now)
        raise RuleError(FAILED, FAILED_MESSAGE)
    if answer.result.get("error") == "BAD_INPUT":
        raise InputError(answer.result["message"], field=answer.result.get("field"))
    raise RuleError(answer.result["error"], answer.result["message"])
