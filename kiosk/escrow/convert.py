"""Central turns a kiosk's offline booking into a booking on the seats it lent that kiosk (lent → taken).

The applicant holds a confirmation that says it is final, so central keeps the booking even
when its data changed meanwhile (the case was marked interviewed, the day was closed, …) and
puts it in the clerks' queue instead. The only booking it cannot place is one no seat was
left for — possible only for a kiosk that broke the loan rules — and that one goes to the
queue too, never silently away.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError, RuleError
from kiosk.escrow.lending import margin
from kiosk.services import audit
from kiosk.services.bookable import active_booking_of, check_bookable, check_changeable, lock_petitioner
from kiosk.services.evaluation import assess
from kiosk.services.placement import SlotRef, place
from kiosk.services.results import BookingResult, booking_result
from kiosk.services.seats import release_seats, take_seats
from kiosk.store.db import rowcount
from kiosk.store.loans import KioskLink, OfflineReview, SeatLoan
from kiosk.store.models import Booking, SlotRow

SEAT_LOST = "SEAT_LOST"


@dataclass
class LentSeats:
    """The seats central lent the kiosk (lent → taken); a free seat when the loan is gone (LOAN_MISSING).

    Refuses with SEAT_LOST, having written nothing, when neither is left: the caller keeps the
    booking in the clerks' queue instead.
    """

    kiosk_id: str
    missing: bool = False  # the loan did not cover it: a free seat of the slot took its place

    def move(self, s: Session, slot: SlotRef, n: int, given_back: tuple[str, int] | None) -> None:
        if not _use_loan(s, self.kiosk_id, slot.id, n):
            if not take_seats(s, slot.id, n):
                raise RuleError(SEAT_LOST, f"no seat of slot {slot.id} was left")
            self.missing = True
        if given_back is not None:
            release_seats(s, *given_back)


def _use_loan(s: Session, kiosk_id: str, slot_id: str, n: int) -> bool:
    """Move n seats of the kiosk's loan from lent to taken; False when its loan does not cover them."""
    used = rowcount(s.execute(
        update(SeatLoan).where(SeatLoan.slot_id == slot_id, SeatLoan.kiosk_id == kiosk_id, SeatLoan.seats >= n)
        .values(seats=SeatLoan.seats - n).execution_options(synchronize_session=False)
    )) == 1
    if not used:
        return False
    # The sum taken + lent does not change, so the CHECK holds whatever else happens to the slot.
    if rowcount(s.execute(update(SlotRow).where(SlotRow.id == slot_id, SlotRow.lent >= n)
                          .values(lent=SlotRow.lent - n, taken=SlotRow.taken + n)
                          .execution_options(synchronize_session=False))) != 1:
        raise RuntimeError(f"slot {slot_id}: its loans and its lent counter disagree")
    s.execute(delete(SeatLoan).where(SeatLoan.slot_id == slot_id, SeatLoan.kiosk_id == kiosk_id,
                                     SeatLoan.seats == 0))
    return True


def _review(s: Session, p: dict, kiosk_id: str, placed: bool, codes: list[str], message: str,
            now: datetime) -> int:
    row = OfflineReview(booking_reference=p["reference"], case_number=p["case_number"], slot_id=p["slot_id"],
                        kiosk_id=kiosk_id, placed=placed, codes=json.dumps(sorted(set(codes))), message=message,
                        issued_at=datetime.fromisoformat(p["now"]), created_at=now, status="open")
    s.add(row)
    s.flush()
    audit.record(s, actor=f"kiosk:{kiosk_id}", action="booking.offline_review", case_number=p["case_number"],
                 now=now, detail={"reference": p["reference"], "placed": placed, "codes": sorted(set(codes))})
    return row.id


def _answer(b: BookingResult, placed: bool, codes: list[str], review: int | None) -> dict[str, Any]:
    return {**b.to_dict(), "placed": placed, "codes": sorted(set(codes)), "review": review}


def place_offline_booking(s: Session, *, kiosk_id: str, payload: dict) -> dict[str, Any]:
    """Apply an `offline_book` command inside central's transaction for it (exactly once, by command id)."""
    p = payload
    number, slot_id, ref = p["case_number"], p["slot_id"], p["reference"]
    issued, people = datetime.fromisoformat(p["now"]), dict(p["applicants"])  # applicant → case
    existing = s.get(Booking, ref)
    if existing is not None:  # already placed (a second command for one booking cannot get here, but be sure)
        return _answer(booking_result(existing, existing.case_number), True, [], None)
    lock_petitioner(s, number)
    slot = s.get(SlotRow, slot_id)
    codes: list[str] = []
    # What central knows now, checked as of the moment the kiosk printed the confirmation.
    try:
        a = assess(s, number, today=issued.date())
    except InputError:  # the case is gone from central (withdrawn from the case file): keep, and ask
        a, codes = None, ["CASE_NOT_FOUND"]
    own = active_booking_of(s, number)
    if slot is not None and a is not None:
        try:
            check_bookable(a, slot, issued)
        except RuleError as exc:
            codes.append(exc.code)
    expiry = p.get("loan_expires_at")
    if expiry and a is not None and issued >= datetime.fromisoformat(expiry) - margin(a.policy):
        codes.append("LOAN_EXPIRED")  # the kiosk used its loan past expiry minus the margin: it broke the rules
    if (own.reference if own else None) != p.get("replaces"):
        codes.append("CHANGED_MEANWHILE")  # the case's booking on central is not the one the kiosk replaced
    if own is not None and a is not None and own.slot_id != slot_id:
        try:
            check_changeable(a.calendar, a.policy, own.slot.start, issued)
        except RuleError as exc:
            codes.append(exc.code)
    # A group booking formed on central meanwhile: this case leaves it, the others keep their seats
    # (the next of them leads it if this case did); otherwise the case's own booking is superseded.
    group = own if own is not None and any(x.case_number != number for x in own.applicants) else None
    led_group = group is not None and group.case_number == number
    seats = LentSeats(kiosk_id)
    try:
        if slot is None:
            raise RuleError(SEAT_LOST, f"no slot {slot_id}")
        booked = place(s, number, SlotRef(slot.id, slot.start), people, seats, now=issued,
                       actor=f"kiosk:{kiosk_id}", supersedes=None if group else own, leaves=group,
                       kiosk_id=kiosk_id, offline=True, reference=ref)
    except RuleError as exc:
        if exc.code != SEAT_LOST:
            raise
        lost_review = _review(s, p, kiosk_id, False, [*codes, SEAT_LOST],
                              f"Kiosk {kiosk_id} confirmed {ref} offline, but no seat of slot {slot_id} was left "
                              "for it. Call the applicant and rebook them.", issued)
        return {"reference": ref, "case_number": number, "slot_id": slot_id, "placed": False,
                "codes": sorted({*codes, SEAT_LOST}), "review": lost_review}
    if seats.missing:
        # Central took the loan back: the slot has started (the kiosk was away until then), or the
        # kiosk broke the loan rules. A free seat took it; the clerks should still know.
        codes.append("LOAN_MISSING")
    if led_group:
        codes.append("SAME_PETITIONER_GROUP")
    s.execute(update(KioskLink).where(KioskLink.kiosk_id == kiosk_id)
              .values(offline_bookings=KioskLink.offline_bookings + 1))
    review: int | None = None
    if codes:
        review = _review(s, p, kiosk_id, True, codes,
                         f"Kiosk {kiosk_id} confirmed {ref} offline on data that has changed since "
                         f"({', '.join(sorted(set(codes)))}). The booking is kept; check the case.", issued)
    return _answer(booked, True, codes, review)
