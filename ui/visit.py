"""The draft of one applicant's visit: everything the pages learn, dropped whole by the wipe."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Visit:
    """Filled page by page; nothing is stored until the applicant confirms on Review.

    Only the wizard holds a reference to the one live `Visit`; pages reach it through
    `wizard().visit`, never keep their own, so replacing it drops every applicant datum.
    """

    language: str = "en"
    id: str = field(default_factory=lambda: uuid.uuid4().hex)  # central counts this visit's look-up misses
    account: Any = None  # kiosk.services.accounts.AccountView
    case_number: str = ""
    has_letter: bool = True
    lookup: Any = None  # kiosk.services.letter.LetterLookup: case, evaluation, booking, deadline
    slot: Any = None  # kiosk.services.slots.SlotView chosen on the calendar
    result: Any = None  # BookingResult, CancelResult or InquiryRecord, shown on Done
    inquiry_kind: str = ""  # the inquiry the applicant is filing, if any
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def evaluation(self) -> Any:
        return self.lookup.evaluation if self.lookup is not None else None

    @property
    def case(self) -> Any:
        return self.lookup.case if self.lookup is not None else None
