"""The clerk console's use cases in one namespace; each family lives in its own module of this package."""

from __future__ import annotations

from kiosk.services.clerk.booking import OVERRIDABLE, book_for, cancel_for, override_book, override_cancel
from kiosk.services.clerk.calendar import (
    Contact, DayLoad, block_slot, day_contacts, day_loads, generate_slots, record_closure, shrink_slot, slot_contacts,
)
from kiosk.services.clerk.cases import (
    BookingLine, CaseView, ChildCspa, case_view, check_qr, cspa_for, mark_class_changed, mark_interviewed,
    judge_document, open_inquiries, receive_document, record_contact, record_cspa, reprint, resolve,
)
from kiosk.services.clerk.locks import LockLine, applicant_locks, clear_lock
from kiosk.services.clerk.reports import REPORTS, Report, export_report, make_report
from kiosk.services.clerk.search import CaseHit, search_cases
from kiosk.services.clerk.staff import (
    LOCK_AFTER, LOCK_FOR, MIN_REASON, StaffLine, StaffView, add_clerk, add_staff, list_staff, require_reason,
    require_supervisor, staff_sign_in, unlock_staff,
)

__all__ = [
    "LOCK_AFTER", "LOCK_FOR", "MIN_REASON", "OVERRIDABLE", "REPORTS", "Report", "export_report", "make_report",
    "BookingLine", "CaseHit", "CaseView", "ChildCspa", "Contact", "block_slot", "day_contacts", "slot_contacts",
    "DayLoad", "StaffLine", "StaffView", "add_clerk", "add_staff", "book_for", "cancel_for", "case_view",
    "check_qr", "cspa_for", "day_loads", "generate_slots", "list_staff", "mark_class_changed", "mark_interviewed",
    "judge_document", "open_inquiries", "override_book", "override_cancel", "receive_document", "record_closure", "record_contact",
    "record_cspa", "reprint", "require_reason", "require_supervisor", "resolve", "search_cases", "shrink_slot",
    "staff_sign_in", "unlock_staff", "LockLine", "applicant_locks", "clear_lock",
]
