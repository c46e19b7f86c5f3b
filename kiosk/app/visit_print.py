"""The visit's printouts: the confirmation and the inquiry receipt, where they go, and a failed print.

No Qt, and no SQLAlchemy at import time: the kiosk paints Welcome before the database layer
loads, so the core is imported inside the methods, which run on the worker thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kiosk.app.visit_state import VisitState
from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError, RuleError
from kiosk.i18n.refusals import OFFLINE_PRINT
from kiosk.printed import print_folder, purge


class VisitPrintouts(VisitState):
    """A confirmation signed with the post's key (central's) or, booked from a seat loan, with this kiosk's."""

    def confirmation_file(self, reference: str) -> Path | None:
        """Where a confirmation is "printed" without a printer (no file dialog, ever)."""
        if self.printer_name is not None:
            return None
        folder = self.print_dir if self.print_dir is not None else print_folder()  # memory, not the disk
        folder.mkdir(parents=True, exist_ok=True)
        purge(folder)  # a printout does not outlive its visit by more than a few minutes
        return folder / f"{reference}.pdf"

    def confirmation_pdf(self, case_number: str, language: str = "en", reference: str | None = None,
                         account: str | None = None) -> bytes:
        """The confirmation PDF (of booking `reference`, when given), printed in the language of the visit;
        `account`, the user name the visit signed in with, is printed on it where this kiosk renders it."""
        from kiosk.services.confirmation import confirmation_pdf, offline_confirmation_pdf
        from kiosk.sync.errors import CentralUnreachable

        if self.central is None:
            with self.store.transaction() as s:  # the post's signing key is made on first use
                return confirmation_pdf(s, case_number, now=self.now(), language=language, demo=self.demo,
                                        account=account)
        # Booked here from the seat loan: printed here, signed with this kiosk's key, link or no link.
        with self.store.session() as s:
            try:
                pdf = offline_confirmation_pdf(s, case_number, kiosk_id=self.actor, now=self.now(),
                                               language=language, reference=reference, account=account)
            except InputError:  # no active booking in the cache (yet): central has it
                pdf = None
        if pdf is not None:
            return pdf
        # Rendered on central: its QR code is signed with the post's key, which clerks check against.
        try:
            return self.central.confirmation_pdf(case_number, now=self.now(), language=language, account=account)
        except CentralUnreachable:
            raise RuleError(OFFLINE_PRINT, "The confirmation cannot be printed while the kiosk is offline.") from None

    def inquiry_receipt_pdf(self, reference: str, language: str = "en", contact: str | None = None,
                            answer_by: date | None = None) -> bytes:
        """The inquiry's receipt (what to bring or send), from the local copy: it prints offline too; `contact`
        and `answer_by` as the screen said them."""
        from kiosk.services.inquiries import inquiry_receipt_pdf

        with self.store.session() as s:
            return inquiry_receipt_pdf(s, reference, language=language, demo=self.demo, contact=contact,
                                       answer_by=answer_by)

    def record_print_failure(self, case_number: str, destination: str, detail: str) -> None:
        """In the audit trail: the post's own, or central's (the event travels as an outbox command)."""
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
