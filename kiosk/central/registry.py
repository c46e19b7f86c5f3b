"""Operators' side of the kiosk registry: register, renew, revoke, list; and the service's identity check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from sqlalchemy import bindparam, select

from kiosk.central.pki import kiosk_id_of, load_cert, serial_hex
from kiosk.domain.errors import InputError
from kiosk.store.db import Database
from kiosk.store.kiosk_registry import RegisteredKiosk
from kiosk.store.loans import KioskKey, SeatLoan
from kiosk.store.models import SlotRow
from kiosk.store.prepared import Prepared

DEFAULT_LOAN_CAP = 20  # seats one kiosk may hold on loan at once, over all slots


@dataclass(frozen=True)
class KioskEntry:
    kiosk_id: str
    cert_serial: str
    status: str
    loan_cap: int
    registered_at: datetime
    revoked_at: datetime | None


def _entry(r: RegisteredKiosk) -> KioskEntry:
    return KioskEntry(r.kiosk_id, r.cert_serial, r.status, r.loan_cap, r.registered_at, r.revoked_at)


def register(db: Database, cert_path: Path, *, now: datetime, loan_cap: int = DEFAULT_LOAN_CAP) -> KioskEntry:
    """Accept the kiosk certificate at `cert_path` from now on (a renewal replaces the previous one).

    A revoked kiosk id is never registered again: a replacement kiosk gets a new id, so nothing
    the lost one signed or queued can pass for the new one's.
    """
    cert = load_cert(cert_path)
    kiosk_id = kiosk_id_of(cert)
    if kiosk_id is None:
        raise InputError(f"{cert_path}: its common name is not a kiosk id", field="certificate")
    if not 0 <= loan_cap <= 1000:
        raise InputError(f"loan cap {loan_cap}: from 0 to 1000 seats", field="loan_cap")
    with db.transaction() as s:
        row = s.get(RegisteredKiosk, kiosk_id, with_for_update=True)
        if row is not None and row.status == "revoked":
            raise InputError(f"kiosk {kiosk_id} was revoked on {row.revoked_at:%Y-%m-%d}; "
                             "issue the replacement under a new kiosk id", field="kiosk")
        if row is None:
            row = RegisteredKiosk(kiosk_id=kiosk_id, status="active", registered_at=now)
            s.add(row)
        row.cert_serial, row.loan_cap, row.registered_at = serial_hex(cert), loan_cap, now
        s.flush()
        return _entry(row)


def revoke(db: Database, kiosk_id: str, *, now: datetime) -> tuple[KioskEntry, int]:
    """Refuse this kiosk from its next request on, and give every seat it holds on loan back to its slot.

    Returns the entry and the seats released. Offline bookings it made and never sent are lost
    with it (central has never seen them; its applicants' printed confirmations name the kiosk).
    """
    with db.transaction() as s:
        row = s.get(RegisteredKiosk, kiosk_id, with_for_update=True)
        if row is None:
            raise InputError(f"no kiosk {kiosk_id!r} is registered", field="kiosk")
        row.status, row.revoked_at = "revoked", row.revoked_at or now
        released = 0
        for loan in s.scalars(select(SeatLoan).where(SeatLoan.kiosk_id == kiosk_id)
                              .order_by(SeatLoan.slot_id).with_for_update()).all():
            slot = s.get(SlotRow, loan.slot_id, with_for_update=True)
            if slot is not None:
                slot.lent = max(0, slot.lent - loan.seats)
            released += loan.seats
            s.delete(loan)
        key = s.get(KioskKey, kiosk_id)  # its offline key: what it signs from now on fails the clerks' check
        if key is not None:
            s.delete(key)
        s.flush()
        return _entry(row), released


def listing(db: Database) -> list[KioskEntry]:
    with db.session() as s:
        return [_entry(r) for r in s.scalars(select(RegisteredKiosk).order_by(RegisteredKiosk.kiosk_id))]


def identify(db: Database, cert: x509.Certificate) -> KioskEntry | None:
    """The registered, active kiosk a verified client certificate belongs to; None for anything else.

    One statement outside any transaction (every request asks: no BEGIN and ROLLBACK round trips).
    """
    kiosk_id = kiosk_id_of(cert)
    if kiosk_id is None:
        return None
    rows = _ENTRY.rows_alone(db.engine, {"kiosk_id": kiosk_id})
    if not rows:
        return None
    entry = KioskEntry(*rows[0])
    if entry.status != "active" or entry.cert_serial != serial_hex(cert):
        return None
    return entry


_T = RegisteredKiosk.__table__
# Asked on every request: compiled once (kiosk.store.prepared), in KioskEntry's field order.
_ENTRY = Prepared(select(_T.c.kiosk_id, _T.c.cert_serial, _T.c.status, _T.c.loan_cap, _T.c.registered_at,
                         _T.c.revoked_at).where(_T.c.kiosk_id == bindparam("kiosk_id")))
