"""The draft of one applicant's visit: everything the pages learn, dropped whole by the wipe."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:  # the answers of kiosk.app.visit.VisitServices; SQLAlchemy loads after Welcome is painted
    from kiosk.domain.model import Evaluation
    from kiosk.scan.visit import VisitScans
    from kiosk.sync.offline import OfflineSlot
    from kiosk.services.accounts import AccountView
    from kiosk.services.results import BookingResult, CancelResult
    from kiosk.services.inquiries import InquiryRecord
    from kiosk.services.letter import CurrentBooking, LetterLookup
    from kiosk.services.slots import SlotView


@dataclass(frozen=True)
class JoinedSlot:
    """The slot of the group's booking this case joins (no calendar): what Review and Done read of a slot."""

    offline: ClassVar[bool] = False  # joining needs central, never a seat loan
    id: str
    start: datetime
    change_deadline: date | None = None

    @classmethod
    def of(cls, booking: CurrentBooking) -> JoinedSlot:
        return cls(booking.slot_id, booking.start, booking.change_deadline)


@dataclass(frozen=True)
class LostTime:
    """A time chosen on the calendar that Review could not book, and why (SLOT_FULL, SLOT_CLOSED, OFFLINE):
    the calendar, where it was chosen, offers the nearest others without it."""

    slot: SlotView | OfflineSlot | JoinedSlot
    code: str


@dataclass
class Visit:
    """Filled page by page; nothing is stored until the applicant confirms on Review.

    Only the wizard holds a reference to the one live `Visit`; pages reach it through
    `wizard().visit`, never keep their own, so replacing it drops every applicant datum.
    """

    language: str = "en"
    id: str = field(default_factory=lambda: uuid.uuid4().hex)  # central counts this visit's look-up misses
    account: AccountView | None = None
    case_number: str = ""
    has_letter: bool = True
    lookup: LetterLookup | None = None  # case, evaluation, booking, deadline
    slot: SlotView | OfflineSlot | JoinedSlot | None = None  # chosen on the calendar (offline: this kiosk's loans)
    lost: LostTime | None = None  # Review's booking lost its time: the calendar takes this and offers others
    result: BookingResult | CancelResult | InquiryRecord | None = None  # shown on Done (its `result_kind` says which)
    inquiry_kind: str = ""  # the inquiry the applicant is filing, if any
    scans: VisitScans | None = None  # the documents scanned for it (in memory only; sent with it, or dropped)
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def evaluation(self) -> Evaluation | None:
        return self.lookup.evaluation if self.lookup is not None else None

    @property
    def case(self) -> Any:
        return self.lookup.case if self.lookup is not None else None
