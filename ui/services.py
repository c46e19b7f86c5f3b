"""What the pages may ask of the kiosk, bound to one database and one clock; run only in the worker."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # SQLAlchemy loads after the Welcome page is painted, in the worker
    from kiosk.store.db import Database


def _local_now() -> datetime:
    return datetime.now().replace(second=0, microsecond=0)


@dataclass
class VisitServices:
    """Injected into every page (no globals). `clock` is the post-local wall clock; tests fix it.

    Each method does blocking I/O: pages call them only through `KioskPage.run`, which
    hands them to the worker thread.
    """

    db: Database | None  # None until the worker has opened it (start-up shows Welcome first)
    demo: bool = False
    kiosk_id: str | None = None
    clock: Callable[[], datetime] = field(default=_local_now)
    printer_name: str | None = None  # None: the confirmation goes to a PDF file in `print_dir`
    print_dir: Path | None = None  # default: "confirmations" in the user data folder

    def confirmation_file(self, reference: str) -> Path | None:
        """Where a confirmation is "printed" without a printer (no file dialog, ever)."""
        if self.printer_name is not None:
            return None
        folder = self.print_dir
        if folder is None:
            from platformdirs import user_data_path

            folder = user_data_path("consular-kiosk", appauthor=False) / "confirmations"
        folder.mkdir(parents=True, exist_ok=True)
        return folder / f"{reference}.pdf"

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    @property
    def link_state(self) -> str:
        return "demo" if self.demo else "local"

    # -- accounts -------------------------------------------------------------------------------
    def sign_in(self, username: str, password: str) -> Any:
        from kiosk.services.accounts import sign_in

        return sign_in(self.db, username, password, now=self.now())

    def create_account(self, username: str, password: str) -> Any:
        from kiosk.services.accounts import create_account

        return create_account(self.db, username, password, now=self.now())

    # -- letter, evaluation ---------------------------------------------------------------------
    def look_up_letter(self, case_text: str, dob_text: str) -> Any:
        from kiosk.services.letter import look_up_letter

        return look_up_letter(self.db, case_text, dob_text, today=self.today(), now=self.now())

    # -- slots and booking ----------------------------------------------------------------------
    def bookable_slots(self, need: int, start: date | None = None, end: date | None = None) -> list[Any]:
        from kiosk.services.slots import bookable_slots

        with self.db.session() as s:
            return bookable_slots(s, now=self.now(), start=start, end=end, need=need)

    def nearest_slots(self, near: datetime, need: int, count: int = 4) -> list[Any]:
        """The free times closest to `near` (before or after), for "that time was just taken"."""
        slots = self.bookable_slots(need)
        return sorted(slots, key=lambda s: (abs((s.start - near).total_seconds()), s.start))[:count]

    def book(self, case_number: str, slot_id: str, key: str, with_cases: Sequence[str] = ()) -> Any:
        from kiosk.services.booking import book

        return book(self.db, case_number, slot_id, now=self.now(), key=key,
                    with_cases=tuple(with_cases), kiosk_id=self.kiosk_id)

    def cancel(self, case_number: str) -> Any:
        from kiosk.services.booking import cancel

        return cancel(self.db, case_number, now=self.now())

    # -- inquiries ------------------------------------------------------------------------------
    def submit_inquiry(self, *, case_number: str | None, kind: str, applicant_id: str | None = None,
                       text: str = "", documents: Sequence[Any] = ()) -> Any:
        from kiosk.services.inquiries import submit_inquiry

        with self.db.transaction() as s:
            return submit_inquiry(s, case_number=case_number, kind=kind, applicant_id=applicant_id,
                                  text=text, documents=tuple(documents), now=self.now(),
                                  kiosk_id=self.kiosk_id)


    def letter_copy_inquiry(self, case_text: str, dob_text: str, text: str = "") -> Any:
        """Without the letter: the case number and date of birth must still match before we ask."""
        lookup = self.look_up_letter(case_text, dob_text)
        return self.submit_inquiry(case_number=lookup.case.case_number, kind="letter_copy", text=text)


    # -- confirmation -------------------------------------------------------------------------------
    def confirmation_pdf(self, case_number: str) -> bytes:
        from kiosk.services.confirmation import confirmation_pdf

        with self.db.transaction() as s:  # the post's signing key is made on first use
            return confirmation_pdf(s, case_number, now=self.now())

    def record_print_failure(self, case_number: str, destination: str, detail: str) -> None:
        from kiosk.services.confirmation import record_print_failure

        with self.db.transaction() as s:
            record_print_failure(s, case_number, destination=destination, detail=detail, now=self.now(),
                                 kiosk_id=self.kiosk_id)


def new_key() -> str:
    """An idempotency key made once per confirmation, so a retry after a timeout books once."""
    import uuid
    return uuid.uuid4().hex
