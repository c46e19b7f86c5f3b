"""What the clerks see of loans on central: each kiosk's health, the seats it holds, offline bookings to review."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.escrow.lending import Loan, loans_of
from kiosk.store.loans import KioskLink, OfflineReview, ReviewStatus
from kiosk.store.models import AuditEvent
from kiosk.store.sync_tables import REBUILT, SCANNER_STATE

SILENT_AFTER = timedelta(minutes=5)  # a kiosk syncs every 30 s; five minutes without one is worth a look


@dataclass(frozen=True)
class KioskHealth:
    kiosk_id: str
    seen_at: datetime  # its last loan refresh (its clock)
    reported_at: datetime | None  # its last report with nothing left to push
    slots: int  # slots it holds seats of
    seats: int  # seats lent to it, unused as far as central knows
    offline_bookings: int  # offline bookings central has turned into bookings
    open_reviews: int
    silent: bool  # not heard from for SILENT_AFTER: its seats wait until it returns or the slots start
    cache_rebuilt: datetime | None = None  # its last cache found damaged and rebuilt from central (kiosk.sync.heal)
    scanner: str | None = None  # its scanner's last reported state (kiosk.scan.scanner.ScannerState), None: none


@dataclass(frozen=True)
class ReviewView:
    id: int
    booking_reference: str
    case_number: str
    slot_id: str
    kiosk_id: str
    placed: bool
    codes: tuple[str, ...]
    message: str
    issued_at: datetime


def kiosk_health(session: Session, *, now: datetime) -> list[KioskHealth]:
    loans: dict[str, list[Loan]] = {}
    for kiosk, loan in loans_of(session):
        loans.setdefault(kiosk, []).append(loan)
    reviews = dict(session.execute(select(OfflineReview.kiosk_id, func.count()).where(
        OfflineReview.status == ReviewStatus.OPEN.value).group_by(OfflineReview.kiosk_id)).all())
    rebuilt = dict(session.execute(select(AuditEvent.actor, func.max(AuditEvent.at)).where(
        AuditEvent.action == REBUILT).group_by(AuditEvent.actor)).all())
    scanners = _scanner_states(session)
    return [KioskHealth(k.kiosk_id, k.seen_at, k.reported_at, len(loans.get(k.kiosk_id, [])),
                        sum(x.seats for x in loans.get(k.kiosk_id, [])), k.offline_bookings,
                        reviews.get(k.kiosk_id, 0), now - k.seen_at > SILENT_AFTER,
                        rebuilt.get(f"kiosk:{k.kiosk_id}"), scanners.get(f"kiosk:{k.kiosk_id}"))
            for k in session.scalars(select(KioskLink).order_by(KioskLink.kiosk_id))]


def _scanner_states(session: Session) -> dict[str, str]:
    """Each kiosk's last reported scanner state, by its audit actor ("kiosk:ID")."""
    last = (select(func.max(AuditEvent.id)).where(AuditEvent.action == SCANNER_STATE)
            .group_by(AuditEvent.actor))
    rows = session.execute(select(AuditEvent.actor, AuditEvent.detail).where(AuditEvent.id.in_(last))).all()
    out = {}
    for actor, detail in rows:
        try:
            out[actor] = str(json.loads(detail)["state"])
        except (ValueError, KeyError, TypeError):
            continue  # an event that does not say: nothing to show
    return out


def kiosk_loans(session: Session, kiosk_id: str | None = None) -> list[tuple[str, Loan]]:
    """(kiosk, loan) pairs by kiosk and slot time; one kiosk's when given."""
    return loans_of(session, kiosk_id)


def open_reviews(session: Session) -> list[ReviewView]:
    """Offline bookings the clerks should look at, oldest first."""
    rows = session.scalars(select(OfflineReview).where(OfflineReview.status == ReviewStatus.OPEN.value)
                           .order_by(OfflineReview.created_at, OfflineReview.id))
    return [ReviewView(r.id, r.booking_reference, r.case_number, r.slot_id, r.kiosk_id, r.placed,
                       tuple(json.loads(r.codes)), r.message, r.issued_at) for r in rows]
