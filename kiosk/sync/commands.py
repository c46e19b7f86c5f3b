"""What each outbox command does on central, inside central's transaction: book, cancel, inquiry, account, audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError
from kiosk.escrow.convert import place_offline_booking
from kiosk.services import audit, booking, budgets
from kiosk.services.accounts import add_account_made_offline
from kiosk.services.documents import mark_received, store_chunk
from kiosk.services.inquiries import submit_inquiry


class CommandKind(StrEnum):
    BOOK = "book"
    CANCEL = "cancel"
    INQUIRY = "inquiry"
    AUDIT = "audit"
    ACCOUNT = "account"  # an applicant account a kiosk created while central was away
    OFFLINE_BOOK = "offline_book"  # a booking a kiosk made from its seat loan (kiosk.escrow)
    DOCUMENT_CHUNK = "document_chunk"  # a piece of a scanned document, sealed to central (kiosk.sync.documents)
    ALERT = "alert"  # a budget a kiosk spent while offline (kiosk.services.budgets): for the clerks


def _now(payload: dict) -> datetime:
    return datetime.fromisoformat(payload["now"])


def _book(s: Session, command_id: str, p: dict, kiosk_id: str) -> dict[str, Any]:
    # An operator's --key makes retries from separate invocations answer the same booking.
    r = booking.book_in(s, p["case_number"], p["slot_id"], now=_now(p), key=p.get("key") or command_id,
                     with_cases=p.get("with_cases", ()), kiosk_id=kiosk_id, actor=f"kiosk:{kiosk_id}")
    return r.to_dict()


def _cancel(s: Session, command_id: str, p: dict, kiosk_id: str) -> dict[str, Any]:
    r = booking.cancel_in(s, p["case_number"], now=_now(p), actor=f"kiosk:{kiosk_id}")
    return {"reference": r.reference, "slot_id": r.slot_id, "released": r.released}


def _inquiry(s: Session, command_id: str, p: dict, kiosk_id: str) -> dict[str, Any]:
    r = submit_inquiry(s, case_number=p["case_number"], kind=p["kind"], applicant_id=p.get("applicant_id"),
                       text=p.get("text", ""), documents=p.get("documents", ()), now=_now(p), kiosk_id=kiosk_id,
                       reference=p.get("reference"),  # the applicant holds the kiosk's reference already
                       contact=p.get("contact"), consent=bool(p.get("contact")))  # sent only with consent
    mark_received(s, r.reference, now=_now(p))  # documents scanned with it may have arrived first
    return {"reference": r.reference, "case_number": r.case_number, "kind": r.kind.value}


def _audit(s: Session, command_id: str, p: dict, kiosk_id: str) -> dict[str, Any]:
    audit.record(s, actor=p.get("actor", f"kiosk:{kiosk_id}"), action=p["action"], case_number=p.get("case_number"),
                 detail={**p.get("detail", {}), "kiosk_id": kiosk_id, "command": command_id}, now=_now(p))
    return {}


def _account(s: Session, command_id: str, p: dict, kiosk_id: str) -> dict[str, Any]:
    a = add_account_made_offline(s, p["username"], p["password_hash"], now=_now(p))
    return {"account": a.id, "username": a.username}


def _alert(s: Session, command_id: str, p: dict, kiosk_id: str) -> dict[str, Any]:
    if p["kind"] not in budgets.KIOSK_ALERTS:
        raise InputError(f"{p['kind']!r} is not an alert a kiosk raises", field="kind")
    budgets.raise_alert(s, p["kind"], kiosk_id, int(p["count"]), _now(p))  # the kiosk is who pushed it
    return {}


def _offline_book(s: Session, command_id: str, p: dict, kiosk_id: str) -> dict[str, Any]:
    return place_offline_booking(s, kiosk_id=kiosk_id, payload=p)


def _document_chunk(s: Session, command_id: str, p: dict, kiosk_id: str) -> dict[str, Any]:
    return store_chunk(s, p, kiosk_id=kiosk_id, now=_now(p))


HANDLERS: dict[str, Callable[[Session, str, dict, str], dict[str, Any]]] = {
    CommandKind.BOOK: _book, CommandKind.CANCEL: _cancel, CommandKind.INQUIRY: _inquiry, CommandKind.AUDIT: _audit,
    CommandKind.OFFLINE_BOOK: _offline_book, CommandKind.ACCOUNT: _account, CommandKind.DOCUMENT_CHUNK: _document_chunk,
    CommandKind.ALERT: _alert,
}


def run(session: Session, *, kind: str, command_id: str, payload: dict,
        kiosk_id: str) -> dict[str, Any]:
    """Apply one command in the caller's central transaction; a rule or input refusal raises."""
    return HANDLERS[kind](session, command_id, payload, kiosk_id)
