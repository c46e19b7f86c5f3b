"""The clerk's desk: what the clerk console's screens may ask, bound to one database, the post's clock and the signed-in staff member.

Every method does blocking I/O: screens call them only through the worker (ui/worker.py).
The desk holds no query of its own: each answer is the core's (kiosk.services.clerk, kiosk.escrow).

Two places use it: the console on the embedded demo or on central's machine (`kiosk-clerk --db`),
and the central service, which runs it for a console that signed in through it
(kiosk.central.desk_routes: the staff member and the time come from central's session and clock).
It lives beside kiosk.app and kiosk.central, not in either, so that both may use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from kiosk.domain.appointment import wall_clock
from kiosk.escrow import clerks as loans_desk
from kiosk.escrow.lending import Loan
from kiosk.escrow.overview import KioskHealth, ReviewView, kiosk_health, kiosk_loans, open_reviews
from kiosk.services import clerk, documents
from kiosk.services.budgets import AlertView, acknowledge, open_alerts
from kiosk.services.confirmation import ConfirmationCheck
from kiosk.services.inquiries import InquiryRecord
from kiosk.services.slots import SlotView, future_slots
from kiosk.store.db import Database
from kiosk.sync.failures import FailedView, FailureState, decide, failed_commands


# The code of the refusal a console gets when central no longer holds its clerk's session (kiosk.central.desk_routes):
# the console goes back to sign-in and says why.
SESSION_EXPIRED = "SESSION_EXPIRED"


@dataclass(frozen=True)
class KiosksOverview:
    """The kiosks screen: each kiosk's health, the seats lent to each, the offline bookings to review."""

    health: list[KioskHealth]
    loans: list[tuple[str, Loan]]
    reviews: list[ReviewView]
    alerts: tuple[list[AlertView], list[FailedView]]  # open alerts, and commands central could not apply


@dataclass
class ClerkServices:
    """The desk of one console. `clock` is the post's wall clock (learnt when the database is opened)."""

    db: Database
    out_dir: Path
    demo: bool = False
    clock: Callable[[], datetime] = field(default=lambda: wall_clock(None))  # the machine's, until told
    staff: clerk.StaffView | None = None
    idle_lock_minutes: float = 5.0  # no input for this long locks the console back to sign-in

    def now(self) -> datetime:
        return self.clock()

    @property
    def who(self) -> clerk.StaffView:
        if self.staff is None:
            raise PermissionError("nobody is signed in")
        return self.staff

    def sign_in(self, username: str, password: str) -> clerk.StaffView:
        return clerk.staff_sign_in(self.db, username, password, now=self.now())

    def sign_out(self) -> Callable[[], None] | None:
        """Forget who is signed in. Nothing to end anywhere else: the session is this process's own (the
        console through central ends central's too: kiosk.central.remote_desk.RemoteDesk.sign_out)."""
        self.staff = None
        return None

    # -- cases ----------------------------------------------------------------------------------
    def search(self, text: str) -> list[clerk.CaseHit]:
        with self.db.session() as s:
            return clerk.search_cases(s, text)

    def case_view(self, number: str) -> clerk.CaseView:
        with self.db.session() as s:
            return clerk.case_view(s, number, today=self.now().date())

    def slots(self) -> list[SlotView]:
        """Every future slot with a free seat (the override may book inside the closing time)."""
        with self.db.session() as s:
            return future_slots(s, now=self.now())

    def act(self, action: str, number: str, reason: str, **kw: Any) -> Any:
        """One audited case action by name (cspa, contact, interviewed, class_changed, book, cancel, reprint)."""
        now = self.now()
        if action == "cspa":
            return clerk.record_cspa(self.db, self.who, number, kw["applicant_id"], kw["decision"], reason, now=now)
        if action in ("book", "override_book"):
            place = clerk.book_for if action == "book" else clerk.override_book
            return place(self.db, self.who, number, kw["slot_id"], reason, now=now)
        if action == "reprint":
            self.out_dir.mkdir(parents=True, exist_ok=True)
            return clerk.reprint(self.db, self.who, number, self.out_dir, reason, now=now,
                                 language=kw.get("language", "en"), demo=self.demo)
        simple: dict[str, Callable[..., Any]] = {
            "contact": clerk.record_contact, "interviewed": clerk.mark_interviewed,
            "class_changed": clerk.mark_class_changed, "cancel": clerk.cancel_for,
            "override_cancel": clerk.override_cancel}
        if action not in simple:
            raise ValueError(f"unknown action {action!r}")
        return simple[action](self.db, self.who, number, reason, now=now)

    def check_qr(self, payload: str) -> ConfirmationCheck:
        return clerk.check_qr(self.db, self.who, payload, now=self.now())

    def cspa(self, number: str, applicant_id: str) -> clerk.ChildCspa:
        with self.db.session() as s:
            return clerk.cspa_for(s, number, applicant_id)

    # -- inquiries ------------------------------------------------------------------------------
    def open_inquiries(self, kind: str | None) -> list[InquiryRecord]:
        with self.db.session() as s:
            return clerk.open_inquiries(s, kind)

    def receive_document(self, reference: str, document: str, reason: str) -> InquiryRecord:
        return clerk.receive_document(self.db, self.who, reference, document, reason, now=self.now())

    def judge_document(self, reference: str, document: str, verdict: str, reason: str) -> Any:
        return clerk.judge_document(self.db, self.who, reference, document, verdict, reason, now=self.now())

    def scans(self, reference: str) -> list[Any]:
        with self.db.session() as s:
            return documents.scans_of(s, reference)

    def scan_pdf(self, document_id: str) -> bytes:
        with self.db.session() as s:
            return documents.scan_pdf(s, document_id)

    def resolve(self, reference: str, outcome: str) -> InquiryRecord:
        return clerk.resolve(self.db, self.who, reference, outcome, now=self.now())

    # -- the post's calendar --------------------------------------------------------------------
    def days(self, start: date, end: date) -> list[clerk.DayLoad]:
        with self.db.session() as s:
            return clerk.day_loads(s, start, end)

    def generate(self, start: date, end: date, times: list[time], seats: int, reason: str) -> int:
        return clerk.generate_slots(self.db, self.who, start, end, times, seats, reason, now=self.now())

    def close_day(self, day: date, reason: str) -> None:
        clerk.record_closure(self.db, self.who, day, reason, now=self.now())

    def shrink(self, slot_id: str, seats: int, reason: str) -> None:
        clerk.shrink_slot(self.db, self.who, slot_id, seats, reason, now=self.now())

    def block(self, slot_id: str, reason: str) -> int:
        return clerk.block_slot(self.db, self.who, slot_id, reason, now=self.now())

    def slot_contacts(self, slot_id: str) -> list[clerk.Contact]:
        with self.db.session() as s:
            return clerk.slot_contacts(s, slot_id)

    def day_contacts(self, day: date) -> list[clerk.Contact]:
        with self.db.session() as s:
            return clerk.day_contacts(s, day)

    # -- kiosks and their seat loans ------------------------------------------------------------
    def kiosks(self) -> KiosksOverview:
        with self.db.session() as s:
            return KiosksOverview(kiosk_health(s, now=self.now()), kiosk_loans(s), open_reviews(s),
                                  (open_alerts(s), failed_commands(s)))

    def resolve_review(self, review_id: int, reason: str) -> None:
        loans_desk.resolve_review(self.db, self.who, review_id, reason, now=self.now())

    def write_off_loans(self, kiosk_id: str, reason: str) -> int:
        return loans_desk.write_off_loans(self.db, self.who, kiosk_id, reason, now=self.now())

    def alerts(self) -> tuple[list[AlertView], list[FailedView]]:
        """Open alerts of the visitor budgets, and outbox commands central could not apply."""
        with self.db.session() as s:
            return open_alerts(s), failed_commands(s)

    def acknowledge_alert(self, alert_id: int) -> None:
        with self.db.transaction() as s:
            acknowledge(s, alert_id, actor=self.who.actor, now=self.now())

    def decide_command(self, command_id: str, state: FailureState, reason: str) -> None:
        """Retry or resolve a failed command (a reason is required; audited)."""
        decide(self.db, self.who, command_id, state, reason, now=self.now())

    # -- reports and staff ----------------------------------------------------------------------
    def report(self, name: str, start: date, end: date) -> clerk.Report:
        with self.db.session() as s:
            return clerk.make_report(s, name, start, end, now=self.now())

    @property
    def reports_dir(self) -> Path:
        return self.out_dir.parent / "reports"

    def export(self, name: str, start: date, end: date, path: str) -> tuple[Path, int]:
        if Path(path).parent == self.reports_dir:  # the suggested folder: created on first use
            self.reports_dir.mkdir(parents=True, exist_ok=True)
        return clerk.export_report(self.db, self.who, name, start, end, path, now=self.now())

    def staff_list(self) -> list[clerk.StaffLine]:
        with self.db.session() as s:
            return clerk.list_staff(s)

    def applicant_locks(self) -> list[clerk.LockLine]:
        with self.db.session() as s:
            return clerk.applicant_locks(s, now=self.now())

    def clear_lock(self, kind: str, key: str, reason: str) -> None:
        clerk.clear_lock(self.db, self.who, kind, key, reason, now=self.now())

    def unlock(self, username: str, reason: str) -> clerk.StaffLine:
        return clerk.unlock_staff(self.db, self.who, username, reason, now=self.now())

    def add_clerk(self, username: str, password: str, display_name: str, reason: str) -> clerk.StaffView:
        return clerk.add_clerk(self.db, self.who, username, password, display_name, reason, now=self.now())
