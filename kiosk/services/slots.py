"""Which slots may be booked now, with how many seats left (list and month view)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import ClassVar
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.services.evaluation import load_policy, post_calendar
from kiosk.store.models import SlotRow


@dataclass(frozen=True)
class SlotView:
    offline: ClassVar[bool] = False  # an OfflineSlot (kiosk.escrow) is booked from this kiosk's seat loan
    id: str
    start: datetime  # naive, post-local
    seats: int
    seats_left: int
    # The last day the booking could still be changed or cancelled (3 working days before).
    change_deadline: date | None = None

    def to_dict(self) -> dict:
        """The `kiosk-admin slots --json` item of DATA.md."""
        return {"id": self.id, "start": self.start.strftime("%Y-%m-%dT%H:%M"),
                "seats": self.seats, "seats_left": self.seats_left}


def bookable_slots(session: Session, *, now: datetime, start: date | None = None, end: date | None = None,
                   need: int = 1) -> list[SlotView]:
    """Slots the calendar allows at `now` (working day, closing time, horizon) with `need` seats left."""
    policy, calendar = load_policy(session), post_calendar(session)
    # SQL narrows to the closing time … horizon window; the calendar has the last word.
    # Two hours' margin: when clocks go back, 48 elapsed hours end at 47 on the wall clock.
    lower = now + timedelta(hours=policy.closing_hours - 2)
    upper = datetime.combine(now.date() + timedelta(days=policy.horizon_days + 1), time())
    if start is not None:
        lower = max(lower, datetime.combine(start, time()))
    if end is not None:
        upper = min(upper, datetime.combine(end + timedelta(days=1), time()))
    rows = session.scalars(
        select(SlotRow)
        # Seats lent to kiosks (kiosk.escrow) are not free for anyone else.
        .where(SlotRow.start >= lower, SlotRow.start < upper, SlotRow.seats - SlotRow.taken - SlotRow.lent >= need)
        .order_by(SlotRow.start, SlotRow.id)
    )
    return [SlotView(r.id, r.start, r.seats, r.seats - r.taken - r.lent,
                     calendar.change_deadline(r.start.date(), policy))
            for r in rows if calendar.slot_refusal(r.start, now, policy) is None]


def future_slots(session: Session, *, now: datetime, limit: int = 400) -> list[SlotView]:
    """Every slot after `now` with a free seat, closing time or not (a clerk's override may book inside it).

    Seats lent to kiosks are not free: a slot whose seats are all taken or lent is not listed.
    """
    policy, calendar = load_policy(session), post_calendar(session)
    rows = session.scalars(select(SlotRow).where(SlotRow.start > now, SlotRow.seats - SlotRow.taken - SlotRow.lent > 0)
                           .order_by(SlotRow.start, SlotRow.id).limit(limit))
    return [SlotView(r.id, r.start, r.seats, r.seats - r.taken - r.lent, calendar.change_deadline(r.start.date(), policy))
            for r in rows]


def slot_days(session: Session, *, now: datetime, need: int = 1,
              start: date | None = None, end: date | None = None) -> dict[date, int]:
    """Free seats per bookable day (days with a slot that fits `need`), for a month calendar."""
    days: dict[date, int] = defaultdict(int)
    for slot in bookable_slots(session, now=now, start=start, end=end, need=need):
        days[slot.start.date()] += slot.seats_left
    return dict(days)
