"""`InProcessCentral`: the Central port answered from central's database, opened in this process."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime

from kiosk.app.clock import post_now
from kiosk.domain.errors import RuleError
from kiosk.domain.model import Evaluation
from kiosk.sync.loans import KioskBooking, book_at_kiosk
from kiosk.services import account_cases, accounts, letter
from kiosk.services.results import CancelResult
from kiosk.services.confirmation import confirmation_pdf
from kiosk.services.evaluation import evaluate_case
from kiosk.services.slots import SlotView, bookable_slots
from kiosk.store.db import Database
from kiosk.sync.errors import CentralUnreachable, talking_to_central
from kiosk.sync.heal import needs_rebuild
from kiosk.sync.link import SyncReport, status, sync_once
from kiosk.sync.online import cancel_via_central
from kiosk.sync.pull import set_state


class InProcessCentral:
    """Central's database `db`. None: central could not be opened (`error` says why: no password);
    every question then meets an unreachable central.
    """

    def __init__(self, db: Database | None, *, kiosk_id: str, error: str | None = None) -> None:
        self.db, self.kiosk_id, self.error = db, kiosk_id, error

    @contextmanager
    def _central(self) -> Iterator[Database]:
        if self.db is None:
            raise CentralUnreachable(self.error or "central is not configured")
        with talking_to_central():
            yield self.db

    def admit_look_up(self, case_text: str, *, visit_id: str, now: datetime) -> None:
        with self._central() as central:
            letter.admit_look_up(central, case_text, kiosk_id=self.kiosk_id, visit_id=visit_id, now=now)

    def look_up_letter(self, case_text: str, dob_text: str, *, today: date, now: datetime, actor: str,
                       visit_id: str = "") -> letter.LetterLookup:
        with self._central() as central:
            return letter.look_up_letter(central, case_text, dob_text, today=today, now=now, actor=actor,
                                         kiosk_id=self.kiosk_id, visit_id=visit_id)

    def evaluate_case(self, case_number: str, *, today: date | None, has_letter: bool) -> Evaluation:
        with self._central() as central:
            day = today or post_now(central).date()
            with central.session() as s:
                return evaluate_case(s, case_number, today=day, has_letter=has_letter)

    def bookable_slots(self, *, now: datetime, need: int, start: date | None = None,
                       end: date | None = None) -> list[SlotView]:
        with self._central() as central, central.session() as s:
            return bookable_slots(s, now=now, start=start, end=end, need=need)

    def sign_in(self, username: str, password: str, *, now: datetime) -> accounts.AccountView:
        with self._central() as central:
            return accounts.sign_in(central, username, password, now=now, kiosk_id=self.kiosk_id)

    def create_account(self, username: str, password: str, *, now: datetime) -> accounts.AccountView:
        with self._central() as central:
            return accounts.sign_up(central, username, password, now=now, kiosk_id=self.kiosk_id)

    def link_case(self, username: str, case_number: str, *, now: datetime) -> None:
        with self._central() as central, central.transaction() as s:
            account_cases.link_case(s, username, case_number, now=now)

    def cases_of(self, username: str, *, now: datetime) -> list[account_cases.YourCase]:
        with self._central() as central, central.session() as s:
            return account_cases.cases_of(s, username, now=now)

    def book(self, cache: Database, case_number: str, slot_id: str, *, now: datetime, key: str | None,
             with_cases: Sequence[str] = ()) -> KioskBooking:
        if self.db is None:
            raise RuleError("OFFLINE", "central is not configured: nothing was booked")
        return book_at_kiosk(self.db, cache, kiosk_id=self.kiosk_id, case_number=case_number,
                             slot_id=slot_id, now=now, with_cases=with_cases, key=key)

    def cancel(self, cache: Database, case_number: str, *, now: datetime) -> CancelResult:
        if self.db is None:
            raise RuleError("OFFLINE", "central is not configured: nothing was cancelled")
        return cancel_via_central(self.db, cache, kiosk_id=self.kiosk_id, case_number=case_number, now=now)

    def confirmation_pdf(self, case_number: str, *, now: datetime, language: str, account: str | None = None) -> bytes:
        # A transaction: the post's signing key is made on first use.
        with self._central() as central, central.transaction() as s:
            return confirmation_pdf(s, case_number, now=now, language=language, account=account)

    def sync(self, cache: Database, *, now: datetime) -> SyncReport:
        if self.db is not None:
            return sync_once(self.db, cache, kiosk_id=self.kiosk_id, now=now)
        with cache.transaction() as s:  # as a round that found central down: the link shows down
            set_state(s, "kiosk", self.kiosk_id)
            set_state(s, "central_reachable", "false")
            broken = needs_rebuild(s)
        known = status(cache, kiosk_id=self.kiosk_id)
        last = datetime.fromisoformat(known["last_sync"]) if known["last_sync"] else None
        return SyncReport(False, 0, 0, known["outbox"], last, self.error, out_of_order=broken)

    def dispose(self) -> None:
        if self.db is not None:
            self.db.dispose()
