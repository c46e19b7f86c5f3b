"""The applicant's visit: what the kiosk's pages may ask, bound to one database (or a cache and central) and the post's clock.

No Qt, and no SQLAlchemy at import time: the kiosk paints Welcome before the database layer
loads, so the core is imported inside the methods, which run on the worker thread.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kiosk.app import lookup
from kiosk.app.clock import PostClock
from kiosk.config import DEFAULT_SYNC_SECONDS
from kiosk.domain.errors import InputError, RuleError
from kiosk.i18n.refusals import OFFLINE_PRINT, OFFLINE_SIGN_IN

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from kiosk.app.central import Central
    from kiosk.sync.loans import KioskBooking
    from kiosk.sync.offline import OfflineSlot
    from kiosk.services.account_cases import YourCase
    from kiosk.services.accounts import AccountView
    from kiosk.services.results import CancelResult
    from kiosk.services.inquiries import InquiryRecord
    from kiosk.services.letter import LetterLookup
    from kiosk.services.slots import SlotView
    from kiosk.store.db import Database
    from kiosk.store.accounts import Account
    from kiosk.sync.link import SyncReport

log = logging.getLogger(__name__)
T = TypeVar("T")



@dataclass(frozen=True)
class SlotOffer:
    """The times the calendar may offer: central's free seats, or, offline, this kiosk's loans."""

    slots: Sequence[SlotView | OfflineSlot]
    offline: bool = False  # central is unreachable: only the times this kiosk holds seats of
    group_needs_central: bool = False  # offline, and the visit books several cases together


@dataclass
class VisitServices:
    """Injected into every page (no globals). `clock` is the post's wall clock; tests fix it.

    Each method does blocking I/O: pages call them only through `KioskPage.run`, which
    hands them to the worker thread.

    Without `central`, `db` is the post's own database (the demo, or `--db`). With it, `db` is
    the kiosk's SQLite cache: eligibility, slots and letters are read from it; bookings and
    cancellations need central's answer; inquiries and accounts made while central is away
    are written to the cache with an outbox command in the same transaction, and reach
    central with a later sync.
    """

    db: Database | None  # None until the worker has opened it (start-up shows Welcome first)
    demo: bool = False
    kiosk_id: str | None = None
    clock: Callable[[], datetime] = field(default_factory=PostClock)
    printer_name: str | None = None  # None: the confirmation goes to a PDF file in `print_dir`
    print_dir: Path | None = None  # default: "confirmations" in the runtime folder (kiosk.printed)
    central: Central | None = None  # set: `db` is a cache, central is asked through this port
    linked: bool = False  # a kiosk with a cache and central (kiosk.toml); `central` comes with the open cache
    sync_seconds: int = DEFAULT_SYNC_SECONDS  # a linked kiosk syncs this often (and soon after a write)
    # Called from the worker after a write that central should see soon (the link syncs then).
    on_write: Callable[[], None] | None = None
    post_timezone: str | None = None  # the post's IANA zone, once the database has named it
    cache_path: Path | None = None  # a linked kiosk's cache file: made again when found damaged
    cache_suspect: bool = False  # a cache read failed as corrupt: the next sync checks (and heals) it

    def __post_init__(self) -> None:
        self.linked = self.linked or self.central is not None

    @property
    def store(self) -> Database:
        if self.db is None:
            raise RuntimeError("the kiosk's database is not open yet")
        return self.db

    @property
    def actor(self) -> str:
        return self.kiosk_id or "kiosk"

    def confirmation_file(self, reference: str) -> Path | None:
        """Where a confirmation is "printed" without a printer (no file dialog, ever)."""
        if self.printer_name is not None:
            return None
        from kiosk.printed import print_folder, purge

        folder = self.print_dir if self.print_dir is not None else print_folder()  # memory, not the disk
        folder.mkdir(parents=True, exist_ok=True)
        purge(folder)  # a printout does not outlive its visit by more than a few minutes
        return folder / f"{reference}.pdf"

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    def learn_clock(self, db: Database) -> None:
        """Read the post's time zone from `db` (worker thread: once it is open, and after the first sync)."""
        from kiosk.app.clock import post_timezone

        self.post_timezone = post_timezone(db) or self.post_timezone
        if isinstance(self.clock, PostClock) and self.post_timezone is not None:
            self.clock.timezone = self.post_timezone

    @property
    def link_state(self) -> str:
        return "central" if self.configured else "demo" if self.demo else "local"

    @property
    def configured(self) -> bool:
        return self.linked

    # -- the link to central ------------------------------------------------------------------------
    def sync(self) -> SyncReport:
        """One round: push the outbox, pull central's changes (the link's background work).

        A cache that reported a corruption error is checked first and, when damaged, made
        again (kiosk.sync.heal); so is one whose damage this round runs into.
        """
        from kiosk.sync.heal import is_corruption, reason

        if self.cache_suspect:
            self.heal_cache()
        try:
            return self._sync()
        except Exception as exc:
            if not is_corruption(exc):
                raise
            self.heal_cache(reason(exc))
            return self._sync()

    def _sync(self) -> SyncReport:
        from kiosk.sync.offline import offline_bookable_slots

        if self.central is None:
            raise RuntimeError("this kiosk has no central to sync with")
        report = self.central.sync(self.store, now=self.now())
        if report.central_reachable:
            if self.post_timezone is None:
                self.learn_clock(self.store)  # the first sync has brought the post
            return report
        # Offline: the seats this kiosk can still book from its loans (the status line says so).
        seats = sum(o.seats_left for o in offline_bookable_slots(self.store, self.actor, self.now()))
        return replace(report, loan_seats=seats)

    def _wrote(self) -> None:
        if self.on_write is not None:
            self.on_write()

    # -- a cache that heals (kiosk.sync.heal) ----------------------------------------------------
    def heal_cache(self, problem: str | None = None) -> bool:
        """Check the cache (or take `problem` as found) and make it again when damaged; True when it was."""
        from kiosk.store.db import Database, sqlite_url
        from kiosk.sync.heal import check, heal

        self.cache_suspect = False
        path = self.cache_path
        problem = check(path) if problem is None and path is not None else problem
        if path is None or problem is None:
            return False
        self.store.dispose()  # the visit worker's next call opens the new file
        heal(path, problem, kiosk_id=self.kiosk_id, now=self.now())
        fresh = Database(sqlite_url(path))
        fresh.init_schema()
        self.db = fresh
        return True

    def cache_failed(self, exc: BaseException) -> bool:
        """Any call that failed: when the cache is damaged, have the link check and heal it soon (True then)."""
        from kiosk.sync.heal import is_corruption

        if not (self.configured and is_corruption(exc)):
            return False
        self.cache_suspect = True
        self._wrote()
        return True

    def cache_damaged(self, exc: BaseException) -> None:
        """A cache read failed as corrupt: central answers meanwhile, and a sync soon checks and heals the cache."""
        from kiosk.sync.heal import reason

        log.error("cache read failed (%s): reading central instead", reason(exc))
        self.cache_failed(exc)

    def _from_cache(self, read: Callable[[], T], ask: Callable[[Central], T]) -> T:
        """`read` on the cache; on a corruption error, `ask` central instead."""
        from kiosk.sync.heal import is_corruption

        assert self.db is not None  # pages call services only once the database is open
        try:
            return read()
        except Exception as exc:
            if self.central is None or not is_corruption(exc):
                raise
            self.cache_damaged(exc)
        return ask(self.central)

    # -- accounts -------------------------------------------------------------------------------
    def sign_in(self, username: str, password: str) -> AccountView:
        """Central checks the password; offline, only an account made at this kiosk meanwhile can be."""
        from kiosk.services.accounts import find_account, sign_in
        from kiosk.sync.errors import CentralUnreachable
        from kiosk.sync.outbox import alerts_via_outbox

        kiosk = self.kiosk_id or "local"
        if self.central is None:
            return sign_in(self.store, username, password, now=self.now(), kiosk_id=kiosk)
        try:
            return self.central.sign_in(username, password, now=self.now())
        except CentralUnreachable:
            pass
        if find_account(self.store, username) is None:
            raise RuleError(OFFLINE_SIGN_IN, "Accounts cannot be checked while the kiosk is offline.")
        return sign_in(self.store, username, password, now=self.now(), kiosk_id=kiosk,
                       on_alert=alerts_via_outbox(self.now()))

    # -- the account's cases (kept on central; offline a returning applicant types the case number) --------
    def link_case(self, username: str, case_number: str) -> None:
        """The signed-in account found this case's letter: remember it for the next visit."""
        from kiosk.services import account_cases
        from kiosk.sync.errors import CentralUnreachable

        if self.central is None:
            with self.store.transaction() as s:
                account_cases.link_case(s, username, case_number, now=self.now())
            return
        try:
            self.central.link_case(username, case_number, now=self.now())
        except CentralUnreachable:
            pass  # not remembered this time; nothing else depends on it

    def your_cases(self, username: str) -> list[YourCase]:
        """The account's cases and their appointments (empty when central cannot be reached)."""
        from kiosk.services import account_cases
        from kiosk.sync.errors import CentralUnreachable

        if self.central is None:
            with self.store.session() as s:
                return account_cases.cases_of(s, username, now=self.now())
        try:
            return self.central.cases_of(username, now=self.now())
        except CentralUnreachable:
            return []

    def create_account(self, username: str, password: str) -> AccountView:
        """A new account under the chosen name with a random tag (sign_up): it never says a name is taken.

        On central; offline, in the cache with the command that takes it to central (one transaction).
        """
        from kiosk.services.accounts import sign_up
        from kiosk.sync.errors import CentralUnreachable
        from kiosk.sync.outbox import alerts_via_outbox, enqueue

        kiosk = self.kiosk_id or "local"
        if self.central is None:
            return sign_up(self.store, username, password, now=self.now(), kiosk_id=kiosk)
        try:
            return self.central.create_account(username, password, now=self.now())
        except CentralUnreachable:
            pass
        now = self.now()

        def queue(session: Session, account: Account) -> None:  # in the cache transaction that stores the account
            enqueue(session, "account", {"username": account.username, "password_hash": account.password_hash,
                                         "now": now.isoformat()}, now=now)

        view = sign_up(self.store, username, password, now=now, kiosk_id=kiosk, also=queue,
                       on_alert=alerts_via_outbox(now))
        self._wrote()
        return view

    # -- letter ---------------------------------------------------------------------------------
    def look_up_letter(self, case_text: str, dob_text: str, visit: str = "") -> LetterLookup:
        """The one lookup policy (kiosk.app.lookup): central admits and counts while it answers, else the cache."""
        return lookup.look_up_letter(self.store, self.central, case_text, dob_text, today=self.today(),
                                     now=self.now(), actor=self.actor, kiosk_id=self.kiosk_id or "local",
                                     visit_id=visit, offline=self.offline(), on_damage=self.cache_damaged)

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
                       consent: bool = False) -> InquiryRecord:
        """Kept here (it prints offline too); a linked kiosk queues it for central in the same transaction.

        `contact` (where the answer goes) is kept only with the applicant's `consent`.
        """
        from kiosk.services.inquiries import answer_by, submit_inquiry
        from kiosk.sync.outbox import enqueue

        now = self.now()
        with self.store.transaction() as s:
            record = submit_inquiry(s, case_number=case_number, kind=kind, applicant_id=applicant_id,
                                    text=text, documents=tuple(documents), now=now, kiosk_id=self.kiosk_id,
                                    contact=contact, consent=consent)
            if self.central is not None:
                enqueue(s, "inquiry", {"reference": record.reference, "case_number": record.case_number,
                                       "kind": record.kind.value, "applicant_id": applicant_id, "text": text,
                                       "documents": list(documents), "now": now.isoformat(),
                                       "contact": record.contact}, now=now)
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

    # -- confirmation -------------------------------------------------------------------------------
    def confirmation_pdf(self, case_number: str, language: str = "en", reference: str | None = None) -> bytes:
        """The confirmation PDF (of booking `reference`, when given), printed in the language of the visit."""
        from kiosk.services.confirmation import confirmation_pdf, offline_confirmation_pdf
        from kiosk.sync.errors import CentralUnreachable

        if self.central is None:
            with self.store.transaction() as s:  # the post's signing key is made on first use
                return confirmation_pdf(s, case_number, now=self.now(), language=language)
        # Booked here from the seat loan: printed here, signed with this kiosk's key, link or no link.
        with self.store.session() as s:
            try:
                pdf = offline_confirmation_pdf(s, case_number, kiosk_id=self.actor, now=self.now(),
                                               language=language, reference=reference)
            except InputError:  # no active booking in the cache (yet): central has it
                pdf = None
        if pdf is not None:
            return pdf
        # Rendered on central: its QR code is signed with the post's key, which clerks check against.
        try:
            return self.central.confirmation_pdf(case_number, now=self.now(), language=language)
        except CentralUnreachable:
            raise RuleError(OFFLINE_PRINT, "The confirmation cannot be printed while the kiosk is offline.") from None

    def inquiry_receipt_pdf(self, reference: str, language: str = "en") -> bytes:
        """The inquiry's receipt (what to bring or send), from the local copy: it prints offline too."""
        from kiosk.services.inquiries import inquiry_receipt_pdf

        with self.store.session() as s:
            return inquiry_receipt_pdf(s, reference, language=language)

    def record_print_failure(self, case_number: str, destination: str, detail: str) -> None:
        """In the audit trail: the post's own, or central's (the event travels as an outbox command)."""
        from kiosk.domain.dates import parse_case_number
        from kiosk.services.confirmation import record_print_failure
        from kiosk.sync.outbox import enqueue

        now = self.now()
        with self.store.transaction() as s:
            if self.central is None:
                record_print_failure(s, case_number, destination=destination, detail=detail, now=now,
                                     kiosk_id=self.kiosk_id)
                return
            enqueue(s, "audit", {"action": "print_failed", "case_number": parse_case_number(case_number),
                                 "actor": self.actor, "detail": {"destination": destination, "reason": detail},
                                 "now": now.isoformat()}, now=now)
        self._wrote()


def new_key() -> str:
    """An idempotency key made once per confirmation, so a retry after a timeout books once."""
    return uuid.uuid4().hex
