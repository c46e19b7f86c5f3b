"""What the pages may ask of the kiosk, bound to one database (or a cache and central) and one clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.domain.errors import InputError, RuleError

if TYPE_CHECKING:  # SQLAlchemy loads after the Welcome page is painted, in the worker
    from kiosk.config import KioskConfig
    from kiosk.store.db import Database
    from kiosk.sync.link import SyncReport

# Codes of the refusals a configured kiosk adds when central cannot be reached (ui.sync_status words them).
OFFLINE = "OFFLINE"  # a booking or cancellation: nothing was changed
OFFLINE_SIGN_IN = "OFFLINE_SIGN_IN"  # an account kept on central cannot be checked now
OFFLINE_PRINT = "OFFLINE_PRINT"  # the confirmation is signed with central's key


@dataclass(frozen=True)
class SlotOffer:
    """The times the calendar may offer: central's free seats, or, offline, this kiosk's loans."""

    slots: list[Any]
    offline: bool = False  # central is unreachable: only the times this kiosk holds seats of
    group_needs_central: bool = False  # offline, and the visit books several cases together


def _local_now() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)


@dataclass
class VisitServices:
    """Injected into every page (no globals). `clock` is the post-local wall clock; tests fix it.

    Each method does blocking I/O: pages call them only through `KioskPage.run`, which
    hands them to the worker thread.

    With a configuration (`config`), `db` is the kiosk's SQLite cache: eligibility, slots and
    letters are read from it; bookings and cancellations need central's answer; inquiries and
    accounts made while central is away are written to the cache with an outbox command in
    the same transaction, and reach central with a later sync.
    """

    db: Database | None  # None until the worker has opened it (start-up shows Welcome first)
    demo: bool = False
    kiosk_id: str | None = None
    clock: Callable[[], datetime] = field(default=_local_now)
    printer_name: str | None = None  # None: the confirmation goes to a PDF file in `print_dir`
    print_dir: Path | None = None  # default: "confirmations" in the runtime folder (kiosk.printed)
    config: KioskConfig | None = None  # set: work through the cache and central
    central: Database | None = None  # None with a config: no password (see `central_error`)
    central_error: str | None = None
    # Called from the worker after a write that central should see soon (the link syncs then).
    on_write: Callable[[], None] | None = None
    cache_suspect: bool = False  # a cache read failed as corrupt: the next sync checks (and heals) it

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

    @property
    def link_state(self) -> str:
        return "central" if self.configured else "demo" if self.demo else "local"

    @property
    def configured(self) -> bool:
        return self.config is not None

    # -- the link to central ------------------------------------------------------------------------
    @contextmanager
    def on_central(self) -> Iterator[Database]:
        """Central, with its connection failures (only) raised as CentralUnreachable."""
        from kiosk.sync.errors import CentralUnreachable, talking_to_central

        if self.central is None:
            raise CentralUnreachable(self.central_error or "central is not configured")
        with talking_to_central():
            yield self.central

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
        from kiosk.sync.heal import needs_rebuild
        from kiosk.sync.link import SyncReport, status, sync_once

        if self.central is not None:
            report = sync_once(self.central, self.db, kiosk_id=self.kiosk_id, now=self.now())
        else:
            known = status(self.db, kiosk_id=self.kiosk_id)
            last = datetime.fromisoformat(known["last_sync"]) if known["last_sync"] else None
            with self.db.session() as s:
                broken = needs_rebuild(s)
            report = SyncReport(False, 0, 0, known["outbox"], last, self.central_error, out_of_order=broken)
        if report.central_reachable:
            return report
        # Offline: the seats this kiosk can still book from its loans (the status line says so).
        from dataclasses import replace

        from kiosk.sync.offline import offline_bookable_slots

        seats = sum(o.seats_left for o in offline_bookable_slots(self.db, self.kiosk_id, self.now()))
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
        if self.config is None or self.db is None:  # the demo, one --db: nothing of ours to heal
            return False
        path = self.config.cache_path
        problem = check(path) if problem is None else problem
        if problem is None:
            return False
        self.db.dispose()  # the visit worker's next call opens the new file
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

    def _from_cache(self, read: Callable[[Database], Any]) -> Any:
        """`read` on the cache; on a corruption error, on central instead (and the link checks the cache soon)."""
        from kiosk.sync.heal import is_corruption, reason

        assert self.db is not None  # pages call services only once the database is open
        try:
            return read(self.db)
        except Exception as exc:
            if not (self.configured and is_corruption(exc)):
                raise
            import logging

            logging.getLogger(__name__).error("cache read failed (%s): reading central instead", reason(exc))
            self.cache_failed(exc)  # a sync soon: it checks the cache and heals it
        with self.on_central() as central:
            return read(central)

    # -- accounts -------------------------------------------------------------------------------
    def sign_in(self, username: str, password: str) -> Any:
        from kiosk.services.accounts import sign_in

        kiosk = self.kiosk_id or "local"
        if not self.configured:
            return sign_in(self.db, username, password, now=self.now(), kiosk_id=kiosk)
        from kiosk.sync.errors import CentralUnreachable

        try:
            with self.on_central() as central:
                return sign_in(central, username, password, now=self.now(), kiosk_id=kiosk)
        except CentralUnreachable:
            return self._sign_in_offline(username, password)

    def _sign_in_offline(self, username: str, password: str) -> Any:
        """Only accounts made at this kiosk while offline are in its cache; others wait for central."""
        from kiosk.services.accounts import find_account, sign_in
        from kiosk.sync.outbox import alerts_via_outbox

        if find_account(self.db, username) is None:
            raise RuleError(OFFLINE_SIGN_IN, "Accounts cannot be checked while the kiosk is offline.")
        return sign_in(self.db, username, password, now=self.now(), kiosk_id=self.kiosk_id or "local",
                       on_alert=alerts_via_outbox(self.now()))

    # -- the account's cases (kept on central; offline a returning applicant types the case number) --------
    def link_case(self, username: str, case_number: str) -> None:
        """The signed-in account found this case's letter: remember it for the next visit."""
        from kiosk.services.account_cases import link_case
        from kiosk.sync.errors import CentralUnreachable

        try:
            with (self.on_central() if self.configured else nullcontext(self.db)) as db:
                with db.transaction() as s:
                    link_case(s, username, case_number, now=self.now())
        except CentralUnreachable:
            pass  # not remembered this time; nothing else depends on it

    def your_cases(self, username: str) -> list[Any]:
        """The account's cases and their appointments (empty when central cannot be reached)."""
        from kiosk.services.account_cases import cases_of
        from kiosk.sync.errors import CentralUnreachable

        try:
            with (self.on_central() if self.configured else nullcontext(self.db)) as db:
                with db.session() as s:
                    return cases_of(s, username, now=self.now())
        except CentralUnreachable:
            return []

    def create_account(self, username: str, password: str) -> Any:
        """A new account under the chosen name with a random tag (sign_up): it never says a name is taken."""
        from kiosk.services.accounts import sign_up

        kiosk = self.kiosk_id or "local"
        if not self.configured:
            return sign_up(self.db, username, password, now=self.now(), kiosk_id=kiosk)
        from kiosk.sync.errors import CentralUnreachable

        try:
            with self.on_central() as central:
                return sign_up(central, username, password, now=self.now(), kiosk_id=kiosk)
        except CentralUnreachable:
            pass
        from kiosk.sync.outbox import alerts_via_outbox
        from kiosk.sync.outbox import enqueue

        now = self.now()

        def queue(session: Any, account: Any) -> None:  # in the cache transaction that stores the account
            enqueue(session, "account", {"username": account.username, "password_hash": account.password_hash,
                                         "now": now.isoformat()}, now=now)

        view = sign_up(self.db, username, password, now=now, kiosk_id=kiosk, also=queue,
                       on_alert=alerts_via_outbox(now))
        self._wrote()
        return view

    # -- letter, evaluation ---------------------------------------------------------------------
    def look_up_letter(self, case_text: str, dob_text: str, visit: str = "") -> Any:
        """From the cache, but central admits and counts the misses (its budgets) whenever it can be reached;
        offline, the cache counts them and sends lockouts and alerts to central as commands."""
        from kiosk.domain.errors import InputError
        from kiosk.services.letter import NOT_FOUND, admit_look_up, look_up_letter
        from kiosk.sync.outbox import alerts_via_outbox, lockout_via_outbox
        from kiosk.sync.errors import CentralUnreachable

        actor, now, kiosk = self.kiosk_id or "kiosk", self.now(), self.kiosk_id or "local"
        if self.configured and not self.offline():
            try:
                with self.on_central() as central:
                    admit_look_up(central, case_text, kiosk_id=kiosk, visit_id=visit, now=now)
                try:
                    return self._from_cache(lambda db: look_up_letter(
                        db, case_text, dob_text, today=self.today(), now=now, count=False))
                except InputError as exc:
                    if exc.reason != NOT_FOUND:
                        raise
                # Not in the cache (or not this date): central answers, and counts the miss.
                with self.on_central() as central:
                    return look_up_letter(central, case_text, dob_text, today=self.today(), now=now, actor=actor,
                                          kiosk_id=kiosk, visit_id=visit)
            except CentralUnreachable:
                pass
        configured = self.configured
        return self._from_cache(lambda db: look_up_letter(
            db, case_text, dob_text, today=self.today(), now=now, actor=actor, kiosk_id=kiosk, visit_id=visit,
            on_lockout=lockout_via_outbox(actor, now) if configured and db is self.db else None,
            on_alert=alerts_via_outbox(now) if configured and db is self.db else None))

    # -- slots and booking ----------------------------------------------------------------------
    def bookable_slots(self, need: int, start: date | None = None, end: date | None = None) -> list[Any]:
        from kiosk.services.slots import bookable_slots

        def read(db: Database) -> list[Any]:
            with db.session() as s:
                return bookable_slots(s, now=self.now(), start=start, end=end, need=need)

        return self._from_cache(read)

    def offline(self) -> bool:
        """A configured kiosk whose last word from central was that it is unreachable."""
        if not self.configured:
            return False
        if self.central is None:
            return True
        from kiosk.sync.pull import get_state

        with self.db.session() as s:
            return get_state(s, "central_reachable") == "false"

    def calendar_slots(self, need: int, group: bool = False) -> SlotOffer:
        """What the calendar offers: the free times, or offline only those this kiosk's loans cover.

        `group`: the visit books several cases together (or joins a group's booking), which
        needs central; offline it gets no times, and the page says why.
        """
        if not self.offline():
            return SlotOffer(self.bookable_slots(need))
        if group:
            return SlotOffer([], offline=True, group_needs_central=True)
        from kiosk.sync.offline import offline_bookable_slots

        return SlotOffer(offline_bookable_slots(self.db, self.kiosk_id, self.now(), need), offline=True)

    def nearest_slots(self, near: datetime, need: int, count: int = 4) -> list[Any]:
        """The free times closest to `near` (before or after), for "that time was just taken".

        Offline, only the times this kiosk can still book from its loans.
        """
        slots = self.calendar_slots(need).slots
        return sorted(slots, key=lambda s: (abs((s.start - near).total_seconds()), s.start))[:count]

    def book(self, case_number: str, slot_id: str, key: str, with_cases: Sequence[str] = ()) -> Any:
        if self.configured:
            try:
                return book_at_kiosk(self, case_number, slot_id, key, tuple(with_cases))
            finally:
                self._wrote()  # the booking (or the lost link) shows in the cache and status line soon
        from kiosk.services.booking import book

        return book(self.db, case_number, slot_id, now=self.now(), key=key,
                    with_cases=tuple(with_cases), kiosk_id=self.kiosk_id)

    def cancel(self, case_number: str) -> Any:
        if self.configured:
            from kiosk.sync.online import cancel_via_central

            if self.central is None:
                raise RuleError(OFFLINE, "central is not configured: nothing was cancelled")
            try:
                return cancel_via_central(self.central, self.db, kiosk_id=self.kiosk_id,
                                          case_number=case_number, now=self.now())
            finally:
                self._wrote()
        from kiosk.services.booking import cancel

        return cancel(self.db, case_number, now=self.now())

    # -- inquiries ------------------------------------------------------------------------------
    def submit_inquiry(self, *, case_number: str | None, kind: str, applicant_id: str | None = None,
                       text: str = "", documents: Sequence[Any] = (), contact: str | None = None,
                       consent: bool = False) -> Any:
        from dataclasses import replace

        from kiosk.services.inquiries import answer_by, submit_inquiry

        now = self.now()
        with self.db.transaction() as s:
            record = submit_inquiry(s, case_number=case_number, kind=kind, applicant_id=applicant_id,
                                    text=text, documents=tuple(documents), now=now, kiosk_id=self.kiosk_id,
                                    contact=contact, consent=consent)
            if self.configured:  # the cache's copy and the command that takes it to central: one unit
                from kiosk.sync.outbox import enqueue

                enqueue(s, "inquiry", {"reference": record.reference, "case_number": record.case_number,
                                       "kind": record.kind.value, "applicant_id": applicant_id, "text": text,
                                       "documents": list(documents), "now": now.isoformat(),
                                       "contact": record.contact}, now=now)
        if self.configured:
            self._wrote()
        with self.db.session() as s:  # what the applicant is told to expect
            return replace(record, answer_by=answer_by(s, now))

    def letter_copy_inquiry(self, case_text: str, dob_text: str, text: str = "", contact: str | None = None,
                            consent: bool = False) -> Any:
        """Without the letter: the case number and date of birth must still match before we ask."""
        lookup = self.look_up_letter(case_text, dob_text)
        return self.submit_inquiry(case_number=lookup.case.case_number, kind="letter_copy", text=text,
                                   contact=contact, consent=consent)

    # -- confirmation -------------------------------------------------------------------------------
    def confirmation_pdf(self, case_number: str, language: str = "en", reference: str | None = None) -> bytes:
        """The confirmation PDF (of booking `reference`, when given), printed in the language of the visit."""
        from kiosk.services.confirmation import confirmation_pdf, offline_confirmation_pdf

        if not self.configured:
            with self.db.transaction() as s:  # the post's signing key is made on first use
                return confirmation_pdf(s, case_number, now=self.now(), language=language)
        from kiosk.sync.errors import CentralUnreachable

        # Booked here from the seat loan: printed here, signed with this kiosk's key, link or no link.
        with self.db.session() as s:
            try:
                pdf = offline_confirmation_pdf(s, case_number, kiosk_id=self.kiosk_id, now=self.now(),
                                               language=language, reference=reference)
            except InputError:  # no active booking in the cache (yet): central has it
                pdf = None
        if pdf is not None:
            return pdf

        # Rendered on central: its QR code is signed with the post's key, which clerks check against.
        try:
            with self.on_central() as central, central.transaction() as s:
                return confirmation_pdf(s, case_number, now=self.now(), language=language)
        except CentralUnreachable:
            raise RuleError(OFFLINE_PRINT, "The confirmation cannot be printed while the kiosk is offline.") from None

    def inquiry_receipt_pdf(self, reference: str, language: str = "en") -> bytes:
        """The inquiry's receipt (what to bring or send), from the local copy: it prints offline too."""
        from kiosk.services.inquiries import inquiry_receipt_pdf

        with self.db.session() as s:
            return inquiry_receipt_pdf(s, reference, language=language)

    def record_print_failure(self, case_number: str, destination: str, detail: str) -> None:
        from kiosk.services.confirmation import record_print_failure

        if not self.configured:
            with self.db.transaction() as s:
                record_print_failure(s, case_number, destination=destination, detail=detail, now=self.now(),
                                     kiosk_id=self.kiosk_id)
            return
        from kiosk.domain.dates import parse_case_number
        from kiosk.sync.outbox import enqueue

        now = self.now()  # the audit trail is central's: the event travels as a command
        with self.db.transaction() as s:
            enqueue(s, "audit", {"action": "print_failed", "case_number": parse_case_number(case_number),
                                 "actor": self.kiosk_id or "kiosk",
                                 "detail": {"destination": destination, "reason": detail},
                                 "now": now.isoformat()}, now=now)
        self._wrote()


def book_at_kiosk(services: VisitServices, case_number: str, slot_id: str, key: str,
                  with_cases: tuple[str, ...]) -> Any:
    """The one place a configured kiosk books: central's answer, or a seat central lent this kiosk.

    With central unreachable, kiosk.escrow books from the kiosk's seat loan (final, pushed when
    the link returns); without a usable loan: RuleError("OFFLINE"), and nothing is booked.
    Returns kiosk.escrow's KioskBooking: `.result`, and `.offline` for the Done page.
    """
    from kiosk.sync.loans import book_at_kiosk as book_online_or_from_loan

    if services.central is None:
        raise RuleError(OFFLINE, "central is not configured: nothing was booked")
    return book_online_or_from_loan(services.central, services.db, kiosk_id=services.kiosk_id,
                                    case_number=case_number, slot_id=slot_id, now=services.now(),
                                    with_cases=with_cases, key=key)


def new_key() -> str:
    """An idempotency key made once per confirmation, so a retry after a timeout books once."""
    import uuid
    return uuid.uuid4().hex
