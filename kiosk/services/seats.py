"""Seats: the only two statements that change `slots.taken`, each one atomic check-and-change."""

from __future__ import annotations

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from kiosk.store.models import SlotRow
from kiosk.store.prepared import Prepared

_SLOTS = SlotRow.__table__
# Built once (the hot path only binds values). Plain Core on the table: like
# synchronize_session=False, a SlotRow already loaded in the session is left as it was.
_TAKE = Prepared(
    update(_SLOTS)
    .where(_SLOTS.c.id == bindparam("slot_id"), _SLOTS.c.taken + _SLOTS.c.lent + bindparam("n") <= _SLOTS.c.seats)
    .values(taken=_SLOTS.c.taken + bindparam("n")))
_RELEASE = Prepared(
    update(_SLOTS)
    .where(_SLOTS.c.id == bindparam("slot_id"), _SLOTS.c.taken >= bindparam("n"))
    .values(taken=_SLOTS.c.taken - bindparam("n")))


def take_seats(session: Session, slot_id: str, n: int) -> bool:
    """Take n seats if they are free, in one statement; False when the slot is too full.

    Never "read, then write": the database checks and changes the count atomically. Seats
    lent to kiosks (kiosk.escrow) are not free: only the lender's borrower may book them.
    """
    return _TAKE.rowcount(session, {"slot_id": slot_id, "n": n}) == 1


def release_seats(session: Session, slot_id: str, n: int) -> None:
    if _RELEASE.rowcount(session, {"slot_id": slot_id, "n": n}) != 1:
        # the books and the counter disagree: refuse rather than hide it
        raise RuntimeError(f"slot {slot_id}: cannot release {n} seats")
