"""The applicant's visit: what the kiosk's pages may ask, bound to one database (or a cache and central) and the post's clock.

VisitServices is the whole of it: its ground (kiosk.app.visit_state), the account
(visit_accounts), the printouts (visit_print), and here the letter, the times, the booking
and the inquiries.

No Qt, and no SQLAlchemy at import time: the kiosk paints Welcome before the database layer
loads, so the core is imported inside the methods, which run on the worker thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from kiosk.app import lookup
from kiosk.app.scanning import VisitScanner, attach
from kiosk.app.visit_accounts import VisitAccounts
from kiosk.app.visit_print import VisitPrintouts

if TYPE_CHECKING:
    from kiosk.app.central import Central
    from kiosk.scan.visit import VisitScans
    from kiosk.services.inquiries import InquiryRecord
    from kiosk.services.letter import LetterLookup
    from kiosk.services.results import CancelResult
    from kiosk.services.slots import SlotView
    from kiosk.sync.loans import KioskBooking
    from kiosk.sync.offline import OfflineSlot


@dataclass(frozen=True)
class SlotOffer:
    """The times the calendar may offer: central's free seats, or, offline, this kiosk's loans."""

    slots: Sequence[SlotView | OfflineSlot]
    offline: bool = False  # central is unreachable: only the times this kiosk holds seats of
    group_needs_central: bool = False  # offline, and the visit books several cases together


@dataclass
class VisitServices(VisitAccounts, VisitPrintouts, VisitScanner):
    """Injected into every page (no globals). `clock` is the post's wall clock; tests fix it.

    Each method does blocking I/O: pages call them only through `KioskPage.run`, which
    hands them to the worker thread.
    """

    # -- letter ---------------------------------------------------------------------------------
    def look_up_letter(self, case_text: str, dob_text: str, visit: str = "") -> LetterLookup:
        """The one lookup policy (kiosk.app.lookup): central admits and counts while it answers, else the cache."""
        return lookup.look_up_letter(self.store, self.central, case_text, dob_text, today=self.today(),
                                     now=self.now(), actor=self.actor, kiosk_id=self.kiosk_id or "local",
                                     visit_id=visit, offline=self.offline(), on_damage=self.cache_damaged)

    def forget_opened(self) -> None:
        """The visit is over: drop the names and dates of birth its look-up opened (kiosk.store.opened)."""
        if self.db is not None:
            self.db.opened.clear()

    # -- slots and booking ----------------------------------------------------------------------
    def bookable_slots(self, need: int, start: date | None = None, end: date | None = None) -> list[SlotView]:
        from kiosk.services.slots import bookable_slots

        def read() -> list[SlotView]:
            with self.store.session() as s:
                return bookable_slots(s, now=self.now(), start=start, end=end, need=need)

        def ask(central: Central) -> list[SlotView]:
            return central.bookable_slots(now=self.now(), need=need, start=start, end=end)

        return self._from_cache(read, ask)

    def offline(self) -> bool:
        """A linked kiosk whose last word from central was that it is unreachable."""
        from kiosk.sync.pull import get_state

        if self.central is None:
            return False
        with self.store.session() as s:
            return get_state(s, "central_reachable") == "false"

    def calendar_slots(self, need: int, group: bool = False) -> SlotOffer:
        """What the calendar offers: the free times, or offline only those this kiosk's loans cover.

        `group`: the visit books several cases together (or joins a group's booking), which
        needs central; offline it gets no times, and the page says why.
        """
        from kiosk.sync.offline import offline_bookable_slots

        if not self.offline():
            return SlotOffer(self.bookable_slots(need))
        if group:
            return SlotOffer([], offline=True, group_needs_central=True)
        return SlotOffer(offline_bookable_slots(self.store, self.actor, self.now(), need), offline=True)

    def nearest_slots(self, near: datetime, need: int, count: int = 4) -> list[SlotView | OfflineSlot]:
        """The free times closest to `near` (before or after), for "that time was just taken".

        Offline, only the times this kiosk can still book from its loans.
        """
        slots = self.calendar_slots(need).slots
        return sorted(slots, key=lambda s: (abs((s.start - near).total_seconds()), s.start))[:count]

    def book(self, case_number: str, slot_id: str, key: str, with_cases: Sequence[str] = ()) -> KioskBooking:
        """Book (central's answer, or offline from this kiosk's seat loan); `.offline` says which."""
        from kiosk.sync.loans import KioskBooking
        from kiosk.services.booking import book

        if self.central is None:
            result = book(self.store, case_number, slot_id, now=self.now(), key=key, with_cases=tuple(with_cases),
                          kiosk_id=self.kiosk_id)
            return KioskBooking(result, False, self.actor)
        try:
            return self.central.book(self.store, case_number, slot_id, now=self.now(), key=key,
                                     with_cases=tuple(with_cases))
        finally:
            self._wrote()  # the booking (or the lost link) shows in the cache and status line soon

    def cancel(self, case_number: str) -> CancelResult:
        from kiosk.services.booking import cancel

        if self.central is None:
            return cancel(self.store, case_number, now=self.now())
        try:
            return self.central.cancel(self.store, case_number, now=self.now())
        finally:
            self._wrote()

    # -- inquiries ------------------------------------------------------------------------------
    def submit_inquiry(self, *, case_number: str, kind: str, applicant_id: str | None = None,
                       text: str = "", documents: Sequence[str] = (), contact: str | None = None,
                       consent: bool = False, scans: VisitScans | None = None) -> InquiryRecord:
        """Kept here (it prints offline too); a linked kiosk queues it for central in the same transaction.

        `contact` (where the answer goes) is kept only with the applicant's `consent`. The documents
        scanned at the kiosk (`scans`) go with it (kiosk.app.scanning) and leave memory once queued.
        """
        from kiosk.services.inquiries import answer_by, submit_inquiry
        from kiosk.sync.outbox import enqueue

        now = self.now()
        scanned = scans.documents() if scans is not None else []  # each one's PDF; TooLarge over a cap
        with self.store.transaction() as s:
            # Linked: the words and the contact go to central sealed (the outbox), never into the cache's row.
            record = submit_inquiry(s, case_number=case_number, kind=kind, applicant_id=applicant_id,
                                    text=text, documents=tuple(documents), now=now, kiosk_id=self.kiosk_id,
                                    contact=contact, consent=consent, keep_words=self.central is None)
            if self.central is not None:
                enqueue(s, "inquiry", {"reference": record.reference, "case_number": record.case_number,
                                       "kind": record.kind.value, "applicant_id": applicant_id, "text": text,
                                       "documents": list(documents), "now": now.isoformat(),
                                       "contact": record.contact}, now=now)
            if scanned:
                attach(s, record.reference, scanned, linked=self.central is not None, kiosk_id=self.actor, now=now)
        if scans is not None:
            scans.discard()
        if self.central is not None:
            self.store.opened.put_words(record.reference, record.text)  # for the visit's receipt, memory only
        if self.central is not None:
            self._wrote()
        with self.store.session() as s:  # what the applicant is told to expect
            return replace(record, answer_by=answer_by(s, now))

    def letter_copy_inquiry(self, case_text: str, dob_text: str, text: str = "", contact: str | None = None,
                            consent: bool = False) -> InquiryRecord:
        """Without the letter: the case number and date of birth must still match before we ask."""
        found = self.look_up_letter(case_text, dob_text)
        return self.submit_inquiry(case_number=found.case.case_number, kind="letter_copy", text=text,
                                   contact=contact, consent=consent)


def new_key() -> str:
    """An idempotency key made once per confirmation, so a retry after a timeout books once."""
    return uuid.uuid4().hex
