"""What booking and cancelling answer: the typed results the screens, the CLI and the wire carry."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Literal

from kiosk.store.models import Booking


@dataclass(frozen=True)
class BookingResult:
    result_kind: ClassVar[Literal["booked"]] = "booked"  # what the visit's Done page says (a CancelResult: "cancelled")
    reference: str
    case_number: str  # the case that asked
    slot_id: str
    slot_start: datetime
    applicants: list[str] = field(default_factory=list)  # every applicant the booking holds
    replaced: str | None = None  # the booking this one superseded (a rebooking)

    def to_dict(self) -> dict[str, Any]:
        return {"reference": self.reference, "case_number": self.case_number, "slot_id": self.slot_id,
                "slot_start": self.slot_start.isoformat(timespec="minutes"), "applicants": list(self.applicants),
                "replaced": self.replaced}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> BookingResult:
        return cls(**{**d, "slot_start": datetime.fromisoformat(d["slot_start"])})


@dataclass(frozen=True)
class CancelResult:
    result_kind: ClassVar[Literal["cancelled"]] = "cancelled"
    reference: str
    slot_id: str
    released: int  # seats given back to the slot


def booking_result(b: Booking, case_number: str) -> BookingResult:
    """A stored booking as the answer to `case_number`'s request."""
    return BookingResult(b.reference, case_number, b.slot_id, b.slot.start,
                         sorted(a.applicant_id for a in b.applicants), b.replaces_reference)
