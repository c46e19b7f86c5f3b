"""The audit trail: append an event in the caller's transaction, read a case's history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kiosk.store.models import AuditEvent
from kiosk.store.prepared import Prepared


_INSERT = Prepared(insert(AuditEvent.__table__))


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    case_number: str | None
    detail: dict


def record(session: Session, *, actor: str, action: str, case_number: str | None = None,
           detail: dict, now: datetime) -> None:
    """Add one event; it commits or rolls back with the caller's transaction."""
    # A Core INSERT, sent with the transaction's next statement or its COMMIT (kiosk.store.prepared):
    # an append-only row needs no unit-of-work bookkeeping at flush, and nobody reads its row count.
    _INSERT.later(session, {"at": now, "actor": actor, "action": action, "case_number": case_number,
                              "detail": json.dumps(detail, sort_keys=True, default=str)})


def history(session: Session, case_number: str) -> list[AuditEntry]:
    """Every event about the case, oldest first."""
    rows = session.scalars(
        select(AuditEvent).where(AuditEvent.case_number == case_number).order_by(AuditEvent.id)
    )
    return [AuditEntry(r.at, r.actor, r.action, r.case_number, json.loads(r.detail)) for r in rows]
