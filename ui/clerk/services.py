"""What the clerk screens may ask, bound to one database, one clock and the signed-in staff member."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from kiosk.services import clerk, documents
from kiosk.store.db import Database


def _local_now() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)


@dataclass
class ClerkServices:
    """Every method does blocking I/O: screens call them only through the worker (ui/worker.py)."""

    db: Database
    out_dir: Path
    demo: bool = False
    clock: Callable[[], datetime] = field(default=_local_now)
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

    def search(self, text: str) -> list[clerk.CaseHit]:
        with self.db.session() as s:
            return clerk.search_cases(s, text)

    def case_view(self, number: str) -> clerk.CaseView:
        with self.db.session() as s:
            return clerk.case_view(s, number, today=self.now().date())

    def slots(self) -> list[Any]:
        """Every future slot with a seat left (the override may book inside the closing time)."""
        from kiosk.services.slots import SlotView
        from kiosk.store.models import SlotRow
        from sqlalchemy import select

        from kiosk.services.evaluation import load_policy, post_calendar

        with self.db.session() as s:
            policy, calendar = load_policy(s), post_calendar(s)
            rows = s.scalars(select(SlotRow).where(SlotRow.start > self.now(), SlotRow.taken < SlotRow.seats)
                             .order_by(SlotRow.start).limit(400))
            return [SlotView(r.id, r.start, r.seats, r.seats - r.taken, calendar.change_deadline(r.start.date(), policy))
                    for r in rows]

    def act(self, action: str, number: str, reason: str, **kw: Any) -> Any:
        """One audited case action by name (cspa, contact, interviewed, class_changed, book, cancel, reprint)."""
        fn = {"cspa": clerk.record_cspa, "contact": clerk.record_contact, "interviewed": clerk.mark_interviewed,
              "class_changed": clerk.mark_class_changed, "book": clerk.book_for, "cancel": clerk.cancel_for,
              "override_book": clerk.override_book, "override_cancel": clerk.override_cancel}.get(action)
        if action == "cspa":
            return fn(self.db, self.who, number, kw["applicant_id"], kw["decision"], reason, now=self.now())
        if action in ("book", "override_book"):
            return fn(self.db, self.who, number, kw["slot_id"], reason, now=self.now())
        if action == "reprint":
            self.out_dir.mkdir(parents=True, exist_ok=True)
            return clerk.reprint(self.db, self.who, number, self.out_dir, reason, now=self.now(),
                                 language=kw.get("language", "en"))
        if fn is None:
            raise ValueError(f"unknown action {action!r}")
        return fn(self.db, self.who, number, reason, now=self.now())

    def check_qr(self, payload: str) -> Any:
        return clerk.check_qr(self.db, self.who, payload, now=self.now())

    def open_inquiries(self, kind: str | None) -> list[Any]:
        with self.db.session() as s:
            return clerk.open_inquiries(s, kind)

    def receive_document(self, reference: str, document: str, reason: str) -> Any:
        return clerk.receive_document(self.db, self.who, reference, document, reason, now=self.now())

    def judge_document(self, reference: str, document: str, verdict: str, reason: str) -> Any:
        return clerk.judge_document(self.db, self.who, reference, document, verdict, reason, now=self.now())

    def scans(self, reference: str) -> list[Any]:
        with self.db.session() as s:
            return documents.scans_of(s, reference)

    def scan_pdf(self, document_id: str) -> bytes:
        with self.db.session() as s:
            return documents.scan_pdf(s, document_id)

    def resolve(self, reference: str, outcome: str) -> Any:
        return clerk.resolve(self.db, self.who, reference, outcome, now=self.now())

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

    def cspa(self, number: str, applicant_id: str) -> clerk.ChildCspa:
        with self.db.session() as s:
            return clerk.cspa_for(s, number, applicant_id)

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
