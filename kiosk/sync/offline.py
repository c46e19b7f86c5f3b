"""The kiosk books from its own seat loan, without central: one cache transaction, a final confirmation.

The booking, the loan decrement and the outbox command that will tell central commit
together or not at all; central later turns the lent seats into taken ones
(kiosk.escrow.convert). A loan is used only while `loan_usable` says so: before its expiry
minus the safety margin, and never with a clock that runs behind the last loan report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError, RuleError
from kiosk.domain.model import Policy
from kiosk.escrow.lending import margin
from kiosk.services.bookable import active_booking_of, check_bookable, check_changeable
from kiosk.services.placement import SlotRef, place
from kiosk.services.results import BookingResult, booking_result
from kiosk.services.evaluation import assess, load_policy, post_calendar
from kiosk.services.signing import held_kiosk_key
from kiosk.store.db import Database, rowcount
from kiosk.store.loans import HeldLoan
from kiosk.store.models import Booking, BookingStatus, SlotRow
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync.commands import CommandKind
from kiosk.sync.outbox import enqueue
from kiosk.sync.pull import get_state

FENCE = "loan_fence"  # sync_state: the kiosk clock of its last loan report; no offline booking before it
UNAVAILABLE = "OFFLINE_UNAVAILABLE"


@dataclass(frozen=True)
class OfflineSlot:
    offline: ClassVar[bool] = True  # as SlotView's: booked from this kiosk's seat loan
    id: str
    start: datetime
    seats_left: int  # seats left in this kiosk's loan
    usable_until: datetime  # the kiosk stops booking from the loan at this time (its clock)
    change_deadline: date | None = None  # the last day a booking of it could be changed (as SlotView)

    def to_dict(self) -> dict:
        return {"id": self.id, "start": self.start.strftime("%Y-%m-%dT%H:%M"), "seats_left": self.seats_left,
                "usable_until": self.usable_until.isoformat(timespec="minutes")}


def usable_until(loan: HeldLoan, policy: Policy) -> datetime:
    """The kiosk's own deadline for a loan: its expiry minus the margin its clock may drift by."""
    return loan.expires_at - margin(policy)


def loan_usable(loan: HeldLoan, policy: Policy, now: datetime) -> bool:
    return now < usable_until(loan, policy)


def _offline_slots(s: Session, kiosk_id: str, now: datetime, need: int) -> list[OfflineSlot]:
    if held_kiosk_key(s, kiosk_id) is None:
        return []  # it could not sign the confirmation: nothing is offered
    rows = s.execute(
        select(HeldLoan, SlotRow.start).join(SlotRow, SlotRow.id == HeldLoan.slot_id)
        .where(HeldLoan.kiosk_id == kiosk_id, HeldLoan.seats >= need).order_by(SlotRow.start, SlotRow.id)
    ).all()
    if not rows:  # nothing lent, or the loans' slots not pulled yet (a new cache, which may hold no post either)
        return []
    policy, calendar = load_policy(s), post_calendar(s)
    return [OfflineSlot(loan.slot_id, start, loan.seats, usable_until(loan, policy),
                        calendar.change_deadline(start.date(), policy)) for loan, start in rows
            if loan_usable(loan, policy, now) and calendar.slot_refusal(start, now, policy) is None]


def offline_bookable_slots(cache: Database, kiosk_id: str, now: datetime, need: int = 1) -> list[OfflineSlot]:
    """The slots this kiosk can book for `need` applicants without central, in time order."""
    with cache.session() as s:
        return _offline_slots(s, kiosk_id, now, need)


def pending_offline_seats(s: Session) -> dict[str, int]:
    """slot id → seats of offline bookings still waiting in the outbox (not yet known to central)."""
    out: dict[str, int] = {}
    for (payload,) in s.execute(select(OutboxCommand.payload).where(
            OutboxCommand.kind == CommandKind.OFFLINE_BOOK.value, OutboxCommand.status == OutboxStatus.PENDING.value)):
        p = json.loads(payload)
        out[p["slot_id"]] = out.get(p["slot_id"], 0) + len(p["applicants"])
    return out


def held_seats(s: Session, kiosk_id: str) -> int:
    return s.execute(select(func.coalesce(func.sum(HeldLoan.seats), 0)).where(HeldLoan.kiosk_id == kiosk_id)).scalar_one()


def _unavailable(s: Session, kiosk_id: str, now: datetime, need: int, why: str) -> RuleError:
    others = _offline_slots(s, kiosk_id, now, need)
    times = ", ".join(f"{o.start:%a %d %b %H:%M}" for o in others[:6])
    return RuleError(UNAVAILABLE, f"{why} Without the consulate's system this kiosk can book only the few seats "
                                  "it holds; " + (f"times still available here: {times}." if others
                                                  else "none are left right now."))


def book_offline(cache: Database, *, kiosk_id: str, case_number: str, slot_id: str, now: datetime,
                 key: str | None = None) -> BookingResult:
    """Book (or rebook) the case's attending applicants from this kiosk's loan; the answer is final.

    Refuses what needs central: a group booking, or a slot this kiosk holds too few seats of
    (RuleError OFFLINE_UNAVAILABLE, naming the times it can still offer).
    """
    number = parse_case_number(case_number)
    with cache.transaction() as s:
        if key is not None and (again := _keyed(s, key, number, slot_id)) is not None:
            return again
        fence = get_state(s, FENCE)
        if fence is not None and now < datetime.fromisoformat(fence):
            raise RuleError(UNAVAILABLE, "The kiosk's clock is behind its last contact with the consulate; "
                                         "offline booking is paused. Please ask at the counter.")
        a = assess(s, number, today=now.date())
        slot = s.get(SlotRow, slot_id)
        if slot is None:
            raise InputError(f"no slot {slot_id!r}", field="slot")
        check_bookable(a, slot, now)
        own = active_booking_of(s, number)
        if a.evaluation.join_booking_of or (own is not None and any(x.case_number != number for x in own.applicants)):
            raise RuleError("SAME_PETITIONER_GROUP", "Group appointments can only be changed while the "
                                                     "consulate's system is reachable. Please ask at the counter.")
        if own is not None:
            check_changeable(a.calendar, a.policy, own.slot.start, now)
            if own.slot_id == slot_id:
                return booking_result(own, number)
        people = dict.fromkeys(a.evaluation.attending, number)
        if not people:
            raise InputError(f"nobody on case {number} may attend an interview", case_number=number)
        n = len(people)
        if held_kiosk_key(s, kiosk_id) is None:
            raise RuleError(UNAVAILABLE, "This kiosk has no key to sign a confirmation offline yet; "
                                         "please ask at the counter.")
        loan = s.get(HeldLoan, (kiosk_id, slot_id))
        if loan is None or loan.seats < n or not loan_usable(loan, a.policy, now):
            raise _unavailable(s, kiosk_id, now, n, f"The appointment at {slot.start:%Y-%m-%d %H:%M} is not "
                                                    "available offline.")
        booked = place(s, number, SlotRef(slot.id, slot.start), people, KioskLoan(kiosk_id, now), now=now,
                       actor=None, supersedes=own, kiosk_id=kiosk_id, offline=True)
        enqueue(s, CommandKind.OFFLINE_BOOK, {
            "reference": booked.reference, "case_number": number, "slot_id": slot_id,
            "applicants": sorted(people.items()), "replaces": booked.replaced, "now": now.isoformat(),
            "loan_expires_at": loan.expires_at.isoformat(), **({"key": key} if key else {}),
        }, now=now)
        return booked


@dataclass(frozen=True)
class KioskLoan:
    """The seats a kiosk books offline: its own loan of the slot, in its cache.

    The seats the replaced booking held are central's: it releases them when it converts
    this booking (kiosk.escrow.convert), so the kiosk's loan does not grow by them.
    """

    kiosk_id: str
    now: datetime

    def move(self, s: Session, slot: SlotRef, n: int, given_back: tuple[str, int] | None) -> None:
        if rowcount(s.execute(update(HeldLoan).where(HeldLoan.kiosk_id == self.kiosk_id, HeldLoan.slot_id == slot.id,
                                                     HeldLoan.seats >= n).values(seats=HeldLoan.seats - n)
                              .execution_options(synchronize_session=False))) != 1:
            raise _unavailable(s, self.kiosk_id, self.now, n, "That appointment was just taken.")


def _keyed(s: Session, key: str, number: str, slot_id: str) -> BookingResult | None:
    """The offline booking made before under this idempotency key (same parameters), if any."""
    for (payload,) in s.execute(select(OutboxCommand.payload).where(
            OutboxCommand.kind == CommandKind.OFFLINE_BOOK.value, OutboxCommand.payload.contains(json.dumps(key)))):
        p = json.loads(payload)
        if p.get("key") != key:
            continue
        if (p["case_number"], p["slot_id"]) != (number, slot_id):
            raise InputError("idempotency key reused with different parameters", field="key")
        b = s.get(Booking, p["reference"])
        if b is not None:
            return booking_result(b, number)
    return None


def forget_unplaced(s: Session) -> int:
    """Drop from the cache the offline bookings central could not place (they are in the clerks' queue).

    Otherwise the cache would show a booking central does not have; the booking it replaced
    is active again, as it still is on central.
    """
    dropped = 0
    for command in s.scalars(select(OutboxCommand).where(OutboxCommand.kind == CommandKind.OFFLINE_BOOK.value,
                                                         OutboxCommand.status == OutboxStatus.DONE.value)):
        result = json.loads(command.result or "{}")
        if result.get("placed", True):
            continue
        b = s.get(Booking, result["reference"])
        if b is not None and b.status == BookingStatus.ACTIVE:
            replaced = s.get(Booking, b.replaces_reference) if b.replaces_reference else None
            b.status, b.cancelled_at = BookingStatus.CANCELLED, command.pushed_at
            s.flush()
            if replaced is not None and replaced.status == BookingStatus.SUPERSEDED:
                replaced.status = BookingStatus.ACTIVE
            dropped += 1
    return dropped
