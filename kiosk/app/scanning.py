"""The kiosk's scanner for the visit's services (no Qt): documents attached to an inquiry, the state for the clerks.

No SQLAlchemy at import time (VisitServices imports this before Welcome paints): the core is
imported inside the functions, which run on a worker thread.

Scanned documents go with the inquiry, in the transaction that records it: on a linked kiosk sealed
and chunked into the outbox (kiosk.sync.documents), on the post's own database stored whole.
The scanner's state goes to central's audit trail as an `audit` command (action SCANNER_STATE),
which the clerks' Kiosks tab reads (kiosk.escrow.overview).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from kiosk.app.visit_state import VisitState

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from kiosk.sync.documents import ScannedDocument


def attach(s: Session, reference: str, documents: Sequence[ScannedDocument], *, linked: bool, kiosk_id: str,
           now: datetime) -> None:
    """In the caller's transaction: the inquiry's scanned documents queued for central, or stored here."""
    from kiosk.domain.errors import InputError
    from kiosk.services.documents import store_document
    from kiosk.services.inquiries import record_document
    from kiosk.sync.documents import queue_documents

    if linked:
        queue_documents(s, reference, documents, now=now)
        for doc in documents:  # the receipt, printed from this copy, says which are in hand
            try:
                record_document(s, reference, doc.name, "received", now=now)
            except InputError:
                pass  # a document the inquiry did not list: sent all the same, a clerk sees it
        return
    for doc in documents:
        store_document(s, reference, doc.name, doc.pdf, doc.pages, kiosk_id=kiosk_id, now=now)


def report_state(s: Session, state: str, reason: str, *, linked: bool, kiosk_id: str, now: datetime) -> None:
    """The scanner's new state in the audit trail: queued for central (its kiosk id is the sender's), or here."""
    from kiosk.services import audit
    from kiosk.store.sync_tables import SCANNER_STATE
    from kiosk.sync.outbox import enqueue

    detail = {"state": state, "reason": reason[:200]}
    if linked:
        enqueue(s, "audit", {"action": SCANNER_STATE, "case_number": None, "detail": detail,
                             "now": now.isoformat()}, now=now)
    else:
        audit.record(s, actor=f"kiosk:{kiosk_id}", action=SCANNER_STATE, detail=detail, now=now)


class VisitScanner(VisitState):
    """What the scanner's monitor asks of the visit's services (ui.scanner_status)."""

    def report_scanner(self, state: str, reason: str = "") -> None:
        """The scanner's state changed (ready, no paper, jammed, absent …): the clerks' Kiosks tab learns it."""
        if self.db is None:
            return
        with self.store.transaction() as s:
            report_state(s, state, reason, linked=self.central is not None, kiosk_id=self.actor, now=self.now())
        if self.central is not None:
            self._wrote()
