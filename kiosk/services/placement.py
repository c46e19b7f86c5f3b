"""Placing a booking: the one way every path writes one.

The kiosk online, a clerk, a supervisor's override, a kiosk booking from its seat loan while
offline, and central converting that booking on reconnect all end here. What differs is a
parameter: where the seats come from (`Seats`: the slot's free seats on central, a kiosk's
loan of it on the kiosk, the seats central lent that kiosk) and who acts. What is the same
is written once:

1. the seats move first (a source that has none raises, having written nothing);
2. the booking this one replaces is superseded, or this case's applicants leave the group
   booking another case leads — before the new active row (one active booking per lead case);
3. the booking and its applicants are inserted;
4. one audit row per case placed, each with the same detail.

The rules (eligibility, calendar, change window, groups) are the caller's: they differ by
path (a supervisor lifts two of them; central keeps a kiosk's final confirmation whatever
changed) and are checked before this is called, under the petitioner lock
(kiosk.services.booking.lock_petitioner).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import insert
from sqlalchemy.orm import Session

from kiosk.domain.errors import RuleError
from kiosk.domain.messages import render
from kiosk.services import audit
from kiosk.services.results import BookingResult
from kiosk.services.seats import release_seats, take_seats
from kiosk.store.models import Booking, BookingApplicant, BookingStatus, SlotRow, new_reference
from kiosk.store.prepared import Prepared


@dataclass(frozen=True)
class SlotRef:
    """The slot a booking goes into: its id and its start (for messages and the audit row)."""

    id: str
    start: datetime


class Seats(Protocol):
    """Where a placement's seats come from."""

    def move(self, s: Session, slot: SlotRef, n: int, given_back: tuple[str, int] | None) -> None:
        """Take `n` seats of `slot` and give back `given_back` (slot id, seats) of the booking replaced.

        Raise a RuleError when the seats are not there; a source whose caller goes on after
        that refusal (central's conversion) must have written nothing by then.
        """
        ...


class SlotSeats:
    """The slot's free seats (`slots.taken`, conditional UPDATEs): the kiosk online, a clerk, an override."""

    def move(self, s: Session, slot: SlotRef, n: int, given_back: tuple[str, int] | None) -> None:
        deltas = {slot.id: n}
        if given_back is not None:
            deltas[given_back[0]] = deltas.get(given_back[0], 0) - given_back[1]
        change_seats(s, deltas)


SLOT_SEATS = SlotSeats()


def change_seats(s: Session, deltas: Mapping[str, int]) -> None:
    """Take (+) or give back (-) seats per slot; SLOT_FULL when a slot has too few free."""
    # Always in slot-id order, so two rebookings crossing the same slots cannot deadlock.
    for slot_id in sorted(deltas):
        n = deltas[slot_id]
        if n < 0:
            release_seats(s, slot_id, -n)
        elif n > 0 and not take_seats(s, slot_id, n):
            row = s.get(SlotRow, slot_id, populate_existing=True)
            left = row.seats - row.taken - row.lent if row else 0
            raise rule("SLOT_FULL", start=when(row.start) if row else slot_id, seats_left=left, needed=n)


def when(start: datetime) -> str:
    return start.strftime("%Y-%m-%d %H:%M")


def rule(key: str, **fields: object) -> RuleError:
    """A refusal worded by the message catalogue (kiosk.domain.messages)."""
    message, remedy = render(key, **fields)
    return RuleError(key.partition(":")[0], f"{message} {remedy}")


# Core inserts: the new rows need none of the ORM's bookkeeping, and each table is one statement.
_NEW_BOOKING, _NEW_MEMBERS = Prepared(insert(Booking.__table__)), Prepared(insert(BookingApplicant.__table__))


def place(s: Session, case_number: str, slot: SlotRef, people: Mapping[str, str], seats: Seats, *,
          now: datetime, actor: str | None, supersedes: Booking | None = None, leaves: Booking | None = None,
          kiosk_id: str | None = None, offline: bool = False, reference: str | None = None) -> BookingResult:
    """Place a booking led by `case_number` for `people` (applicant id → case number) in `slot`.

    `supersedes`: the case's booking this one replaces, wholly (its seats go back to the
    source). `leaves`: a group booking another case leads (or this one, which then passes
    the lead on), which only this case's applicants leave. `actor` None: the kiosk's own
    cache, which keeps no audit trail; central records the row when it converts the booking
    (kiosk.escrow.convert), with this same detail. `reference`: a kiosk's offline booking
    keeps the reference its confirmation printed.
    """
    assert supersedes is None or leaves is None, "a booking replaces one booking at most"
    mine = [x for x in leaves.applicants if x.case_number == case_number] if leaves is not None else []
    given_back = (supersedes.slot_id, supersedes.seats) if supersedes is not None else \
        (leaves.slot_id, len(mine)) if leaves is not None and mine else None
    seats.move(s, slot, len(people), given_back)
    if supersedes is not None:
        supersedes.status = BookingStatus.SUPERSEDED
    elif leaves is not None:
        for x in mine:
            leaves.applicants.remove(x)
        leaves.seats -= len(mine)
        if leaves.case_number == case_number and leaves.applicants:  # the next case leads what is left
            leaves.case_number = min(x.case_number for x in leaves.applicants)
    s.flush()  # before the new active row: one active booking per lead case (unique index)
    replaced = supersedes.reference if supersedes is not None else None
    reference = reference or new_reference(case_number[:3])
    _NEW_BOOKING.later(s, {"reference": reference, "case_number": case_number, "slot_id": slot.id,
                              "status": BookingStatus.ACTIVE, "seats": len(people), "created_at": now,
                              "replaces_reference": replaced, "kiosk_id": kiosk_id, "issued_offline": offline})
    _NEW_MEMBERS.later(s, [{"booking_reference": reference, "applicant_id": app, "case_number": case}
                             for app, case in sorted(people.items())])
    result = BookingResult(reference, case_number, slot.id, slot.start, sorted(people), replaced)
    if actor is not None:
        for case in sorted(set(people.values())):
            audit.record(s, actor=actor, action="booking.rebooked" if replaced else "booking.created",
                         case_number=case, now=now, detail=placed_detail(result, kiosk_id=kiosk_id, offline=offline))
    return result


def placed_detail(result: BookingResult, *, kiosk_id: str | None, offline: bool) -> dict[str, Any]:
    """The audit detail of a placement, the same whichever path placed it."""
    return {"reference": result.reference, "slot_id": result.slot_id, "slot_start": when(result.slot_start),
            "applicants": list(result.applicants), "replaced": result.replaced, "kiosk_id": kiosk_id,
            "offline": offline}
