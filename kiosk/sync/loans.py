"""The kiosk's side of loans: refresh them at each sync, and book online first, from the loan when offline."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from kiosk.domain.errors import RuleError
from kiosk.escrow import lending
from kiosk.sync.offline import FENCE, UNAVAILABLE, book_offline, forget_unplaced, pending_offline_seats
from kiosk.services.results import BookingResult
from kiosk.services.signing import kiosk_key, store_kiosk_key
from kiosk.store.db import Database
from kiosk.store.models import SlotRow
from kiosk.store.loans import HeldLoan
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync.commands import CommandKind
from kiosk.sync.errors import CentralUnreachable, talking_to_central
from kiosk.sync.online import OFFLINE_MESSAGE, book_via_central
from kiosk.sync.outbox import push
from kiosk.sync.pull import get_state, set_state
from kiosk.sync.sealed import STATE as SEAL_STATE
from kiosk.sync.sealed import central_public_key, remember_key


@dataclass(frozen=True)
class KioskBooking:
    """A booking as the kiosk confirms it: final either way; `offline` says central has not seen it yet."""

    result: BookingResult
    offline: bool
    kiosk_id: str


@dataclass(frozen=True)
class LoanRefresh:
    slots: int  # slots this kiosk holds seats of
    seats: int  # seats it may book offline now
    reported: bool  # central now knows every offline booking made before `now`


def refresh_loans(central: Database, cache: Database, *, kiosk_id: str, now: datetime) -> LoanRefresh:
    """Report to central, let it top up and renew this kiosk's loans, and store what may be used.

    Call after a push. Three steps; only the middle one talks to central:
    1. a fence at `now` (no offline booking dated before it may start afterwards) and the
       offline bookings still pending: if there are none, every booking this kiosk made
       before `now` is on central, and `now` is reported as such;
    2. central records the report, reclaims what is due, tops up and renews;
    3. the kiosk may use, per slot, central's loan minus its offline bookings still pending,
       counted under the cache's write lock (a push racing this can only make it use fewer).
    """
    reported = fence_loans(cache, now=now)
    with talking_to_central():
        with central.transaction() as cs:  # the key its offline confirmations are signed with
            key = kiosk_key(cs, kiosk_id, now=now)
            seal_key = central_public_key(cs, now=now)  # what its outbox seals personal fields to
        loans = lending.refresh(central, kiosk_id=kiosk_id, now=now, reported_at=reported)
    return keep_loans(cache, kiosk_id=kiosk_id, key=key, loans=loans, now=now, reported=reported,
                      seal_key=seal_key)


def fence_loans(cache: Database, *, now: datetime) -> datetime | None:
    """Step 1 of a refresh: the fence, and the time to report (None while offline bookings are unsent)."""
    with cache.transaction() as s:
        fence = get_state(s, FENCE)
        if fence is None or datetime.fromisoformat(fence) < now:
            set_state(s, FENCE, now.isoformat())
        forget_unplaced(s)
        return None if pending_offline_seats(s) else now


def keep_loans(cache: Database, *, kiosk_id: str, key: bytes, loans: Sequence[lending.Loan], now: datetime,
               reported: datetime | None, seal_key: bytes | None = None) -> LoanRefresh:
    """Step 3 of a refresh: store the keys and what may be used of central's loans.

    `seal_key`: central's public key, which the outbox seals personal fields to (kiosk.sync.sealed).
    """
    with cache.transaction() as s:
        store_kiosk_key(s, kiosk_id, key, now=now)
        if seal_key is not None and get_state(s, SEAL_STATE) != seal_key.hex():
            remember_key(s, seal_key)
        pending = pending_offline_seats(s)
        s.execute(delete(HeldLoan).where(HeldLoan.kiosk_id == kiosk_id))
        seats = slots = 0
        for loan in loans:
            left = loan.seats - pending.get(loan.slot_id, 0)
            if left > 0:
                s.add(HeldLoan(kiosk_id=kiosk_id, slot_id=loan.slot_id, seats=left, expires_at=loan.expires_at,
                               refreshed_at=now))
                seats, slots = seats + left, slots + 1
        set_state(s, "loans_refreshed", now.isoformat(timespec="seconds"))
    return LoanRefresh(slots, seats, reported is not None)


def held_loans(cache: Database, kiosk_id: str) -> list[dict]:
    """The loans this kiosk holds, as `kiosk-admin status` shows them."""
    with cache.session() as s:
        rows = s.execute(select(HeldLoan, SlotRow.start).join(SlotRow, SlotRow.id == HeldLoan.slot_id, isouter=True)
                         .where(HeldLoan.kiosk_id == kiosk_id).order_by(HeldLoan.slot_id)).all()
        return [{"slot_id": h.slot_id, "start": start.isoformat(timespec="minutes") if start else None,
                 "seats": h.seats, "expires_at": h.expires_at.isoformat(timespec="minutes")} for h, start in rows]


def pending_offline(cache: Database) -> int:
    """Offline bookings central has not seen yet."""
    with cache.session() as s:
        return sum(1 for _ in s.execute(select(OutboxCommand.id).where(
            OutboxCommand.kind == CommandKind.OFFLINE_BOOK.value, OutboxCommand.status == OutboxStatus.PENDING.value)))


def _holds(cache: Database, kiosk_id: str, slot_id: str) -> bool:
    with cache.session() as s:
        loan = s.get(HeldLoan, (kiosk_id, slot_id))
        return loan is not None and loan.seats > 0


def book_at_kiosk(central: Database, cache: Database, *, kiosk_id: str, case_number: str, slot_id: str,
                  now: datetime, with_cases: Sequence[str] = (), key: str | None = None) -> KioskBooking:
    """Book through central; when it cannot be reached, from this kiosk's loan. Either answer is final.

    The outbox is pushed first, so central sees this kiosk's offline bookings before a newer
    online one. When central answers SLOT_FULL but the kiosk holds seats of that slot (the
    seats central lent it are the ones left), the loan is used and pushed at once.
    """
    try:
        push(central, cache, kiosk_id=kiosk_id, now=now)
        booked = book_via_central(central, cache, kiosk_id=kiosk_id, case_number=case_number, slot_id=slot_id,
                                  now=now, with_cases=with_cases, key=key)
        _link_state(cache, True)
        return KioskBooking(booked, False, kiosk_id)
    except CentralUnreachable as exc:
        refusal = RuleError("OFFLINE", str(exc))
    except RuleError as exc:
        if exc.code not in ("OFFLINE", "SLOT_FULL") or (exc.code == "SLOT_FULL" and not _holds(cache, kiosk_id,
                                                                                              slot_id)):
            raise
        refusal = exc
    if refusal.code == "OFFLINE":
        _link_state(cache, False)  # the shell and the slot picker show the link down until the next sync
    if with_cases:
        raise refusal  # group bookings need central
    try:
        result = book_offline(cache, kiosk_id=kiosk_id, case_number=case_number, slot_id=slot_id, now=now, key=key)
    except RuleError as exc:
        if exc.code != UNAVAILABLE:
            raise
        # Still the answer DATA.md promises (OFFLINE, or SLOT_FULL), now saying which times the loan covers.
        raise RuleError(refusal.code, f"{OFFLINE_MESSAGE} {exc.message}" if refusal.code == "OFFLINE"
                        else refusal.message) from exc
    if refusal.code == "OFFLINE":
        return KioskBooking(result, True, kiosk_id)
    return KioskBooking(result, not _pushed(central, cache, kiosk_id, result.reference, now), kiosk_id)


def _link_state(cache: Database, reachable: bool) -> None:
    with cache.transaction() as s:
        set_state(s, "central_reachable", "true" if reachable else "false")


def _pushed(central: Database, cache: Database, kiosk_id: str, reference: str, now: datetime) -> bool:
    """Push the offline booking just made (and anything before it); False when the link dropped."""
    try:
        with talking_to_central():
            push(central, cache, kiosk_id=kiosk_id, now=now)
    except CentralUnreachable:
        return False
    with cache.session() as s:
        for payload, status in s.execute(select(OutboxCommand.payload, OutboxCommand.status)
                                         .where(OutboxCommand.kind == CommandKind.OFFLINE_BOOK.value)):
            if json.loads(payload)["reference"] == reference:
                return status != OutboxStatus.PENDING.value
    return False

