"""The limits a case file is held to (docs: README "The case file's limits"): lengths, counts, date windows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.store.models import ApplicantRow, CaseRow, Closure, CutoffRow, Post, SlotRow

# Seats in one slot: a whole interview hall for one time is far below this; 10**12 is an error.
MAX_SEATS = 1000
# Applicants in one case: a principal, a spouse and children (cases of one petitioner are booked
# together across cases, so a confirmation can list more).
MAX_APPLICANTS = 30
# Problems listed in one refusal: the rest are counted ("… and 9,900 more").
MAX_SHOWN_PROBLEMS = 100
# A slot id: "2026-12-07T08:30" as DATA.md writes it, or a post's own id of letters, digits and . _ : -
SLOT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]*")
ADDRESS_LENGTH = 1000  # the address column is unbounded text; a postal address is a few lines


def _length(column: Any) -> int:
    return int(column.type.length)


# Column lengths, in characters (PostgreSQL's varchar(n) counts characters; SQLite would store anything).
TEXT_LIMITS: dict[str, int] = {
    "post.name": _length(Post.__table__.c.name),
    "post.name_zh": _length(Post.__table__.c.name_zh),
    "post.timezone": _length(Post.__table__.c.timezone),
    "cutoff.category": _length(CutoffRow.__table__.c.category),
    "cutoff.chargeability": _length(CutoffRow.__table__.c.chargeability),
    "slot.id": _length(SlotRow.__table__.c.id),
    "closure.reason": _length(Closure.__table__.c.reason),
    "case.petitioner_id": _length(CaseRow.__table__.c.petitioner_id),
    "case.visa_class": _length(CaseRow.__table__.c.visa_class),
    "case.chargeability": _length(CaseRow.__table__.c.chargeability),
    "applicant.id": _length(ApplicantRow.__table__.c.id),
    "applicant.surname": _length(ApplicantRow.__table__.c.surname),
    "applicant.given_names": _length(ApplicantRow.__table__.c.given_names),
    "applicant.native_name": _length(ApplicantRow.__table__.c.native_name),
}


def _years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Windows:
    """The dates a case file may hold, judged on the day of the import.

    Dates of birth: 1900 to today. What the post schedules (appointments, slots, closures, cut-off
    months): ten years either side of today. History (priority, petition, final action, last
    contact) may be decades old: 1900 to ten years ahead.
    """

    birth: tuple[date, date]
    schedule: tuple[date, date]
    history: tuple[date, date]

    @classmethod
    def around(cls, today: date) -> Windows:
        first, ahead = date(1900, 1, 1), _years_from(today, 10)
        return cls(birth=(first, today), schedule=(_years_from(today, -10), ahead), history=(first, ahead))


def shown(value: Any) -> str:
    """A value as a message may quote it: short, escaped (repr), never a whole hostile blob."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}…"
