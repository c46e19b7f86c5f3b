"""The confirmation of a stored booking: gather its data, render and write it, check a scanned QR."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from kiosk.domain.appointment import appointment_facts, to_post_time
from kiosk.domain.dates import parse_case_number
from kiosk.domain.errors import InputError
from kiosk.pdf.confirmation import ApplicantName, ConfirmationData, render_confirmation
from kiosk.pdf.qrsign import QrClaims, Verdict, signer_of, verify_payload
from kiosk.services import audit
from kiosk.services.evaluation import load_policy, post_calendar
from kiosk.services.signing import held_kiosk_key, post_key
from kiosk.store.inquiries import PostKey
from kiosk.store.loans import KioskKey
from kiosk.store.models import ApplicantRow, Booking, BookingApplicant, BookingStatus, CaseRow, Post
from kiosk.store.opened import name_of


def active_booking(session: Session, case_number: str) -> Booking:
    """The active booking the case leads or joined; InputError when it has none."""
    number = parse_case_number(case_number)
    joined = select(BookingApplicant.booking_reference).where(BookingApplicant.case_number == number)
    booking = session.scalars(
        select(Booking).options(selectinload(Booking.applicants))
        .where(Booking.status == BookingStatus.ACTIVE, or_(Booking.case_number == number, Booking.reference.in_(joined)))
        .order_by(Booking.created_at.desc())
    ).first()  # fmt: skip
    if booking is None:
        raise InputError(f"case {number} has no active booking", field="case_number")
    return booking


def printed_before(session: Session, booking: Booking) -> bool:
    """Whether this booking's confirmation was printed already (a counter print is then a COPY).

    A kiosk prints at once and records only a failure; a counter booking prints nothing until a
    clerk prints it. Every counter print is in the audit trail.
    """
    since = [e for e in audit.history(session, booking.case_number) if e.at >= booking.created_at]
    if any(e.action == "clerk.reprinted" for e in since):
        return True
    at_counter = any(e.action in ("booking.created", "booking.rebooked") and e.actor.startswith("staff:")
                     for e in since)
    return not at_counter and not any(e.action == "print_failed" for e in since)


def _post_of(session: Session, case_number: str) -> Post:
    case = session.get(CaseRow, case_number)
    post = session.get(Post, case.post_code) if case else None
    if post is None:
        raise InputError(f"no post is configured for case {case_number}", field="post")
    return post


def confirmation_data(session: Session, case_number: str, *, now: datetime, copy: bool = False) -> ConfirmationData:
    """Everything the printed confirmation shows, read from the store."""
    booking = active_booking(session, case_number)
    post = _post_of(session, booking.case_number)
    ids = [a.applicant_id for a in booking.applicants]
    rows = {r.id: r for r in session.scalars(select(ApplicantRow).where(ApplicantRow.id.in_(ids)))}
    # The lead case's applicants first, then the joined cases', each in the order of their letter.
    ordered = sorted(rows.values(), key=lambda r: (r.case_number != booking.case_number, r.case_number, r.position))
    start = booking.slot.start
    facts = appointment_facts(start, to_post_time(now, post.timezone), post_calendar(session), load_policy(session))
    return ConfirmationData(
        post_name=post.name, post_address=post.address, post_name_zh=post.name_zh, post_address_zh=post.address_zh,
        case_number=booking.case_number,
        applicants=tuple(_name(session, r) for r in ordered),
        start=start, timezone=post.timezone, reference=booking.reference, issued_at=booking.created_at,
        change_deadline=facts.deadline, can_change=facts.can_change, replaces=booking.replaces_reference, is_copy=copy,
        printed_at=now if copy else None, kiosk_id=booking.kiosk_id, issued_offline=booking.issued_offline,
        joined_cases=tuple(sorted({a.case_number for a in booking.applicants} - {booking.case_number})),
    )  # fmt: skip


def _name(session: Session, row: ApplicantRow) -> ApplicantName:
    """As printed; on a kiosk's cache, from the record the visit's look-up opened (kiosk.store.opened)."""
    surname, given, native = name_of(session, row.id, row.surname, row.given_names, row.native_name)
    return ApplicantName(f"{surname} {given}".strip(), native)


def confirmation_pdf(session: Session, case_number: str, *, now: datetime, copy: bool = False,
                     language: str = "en", demo: bool = False, account: str | None = None) -> bytes:
    """The signed confirmation PDF in `language` (creates the post's signing key on first use; caller commits).

    `demo`: the embedded demo's database, so the printout is marked DEMO on every page. `account`: the
    user name the visit signed in with, printed as the screen showed it.
    """
    data = replace(confirmation_data(session, case_number, now=now, copy=copy), account=account)
    return render_confirmation(data, post_key(session, data.case_number[:3], now=now), language=language, demo=demo)


def offline_confirmation_pdf(session: Session, case_number: str, *, kiosk_id: str, now: datetime,
                             language: str = "en", reference: str | None = None,
                             account: str | None = None) -> bytes | None:
    """At the kiosk: the confirmation of a booking this kiosk made offline, signed with its own key.

    None when the case's active booking (or, given, `reference`) was not issued offline by this
    kiosk (central renders that one), or the kiosk holds no key. Needs no central: it reads
    the cache.
    """
    data = replace(confirmation_data(session, case_number, now=now), account=account)
    key = held_kiosk_key(session, kiosk_id)
    if (not data.issued_offline or data.kiosk_id != kiosk_id or key is None
            or (reference is not None and data.reference != reference)):
        return None
    return render_confirmation(data, key, language=language, signed_by_kiosk=True)


def write_confirmation(
    session: Session, case_number: str, out_path: Path | str, *, now: datetime, copy: bool = False,
    language: str = "en", demo: bool = False,
) -> Path:
    """Write the confirmation atomically: a reader never sees half a PDF."""
    pdf = confirmation_pdf(session, case_number, now=now, copy=copy, language=language, demo=demo)
    return write_atomically(out_path, pdf)


def write_atomically(out_path: Path | str, data: bytes) -> Path:
    """Write a file (a PDF, a report) so that a reader never sees half of it: a temporary file beside it, then a
    rename."""
    out = Path(out_path)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def record_print_failure(
    session: Session, case_number: str, *, destination: str, detail: str, now: datetime, kiosk_id: str | None = None
) -> None:
    """Put a failed print in the audit trail, so a clerk can reprint and the fault gets fixed."""
    audit.record(session, actor=kiosk_id or "kiosk", action="print_failed", case_number=parse_case_number(case_number),
                 detail={"destination": destination, "reason": detail}, now=now)  # fmt: skip


class ConfirmationState(StrEnum):
    CURRENT = "current"  # genuine, and the booking is active: admit
    SUPERSEDED = "superseded"  # genuine, but rebooked since: `current_reference` is the new one
    CANCELLED = "cancelled"
    STALE = "stale"  # genuine, active, but the printed time is not the booking's time any more
    UNKNOWN = "unknown"  # genuine signature, but no such booking in this database
    NOT_GENUINE = "not_genuine"  # forged, altered, or not a kiosk confirmation


@dataclass(frozen=True)
class ConfirmationCheck:
    state: ConfirmationState
    claims: QrClaims | None = None
    verdict: Verdict | None = None
    current_reference: str | None = None  # the booking that replaced a superseded one


def check_confirmation(session: Session, payload: str) -> ConfirmationCheck:
    """What the clerk console shows for a scanned QR code: genuine and current, or why not."""
    signer = signer_of(payload)
    # Never create a key here: a code for an unknown post or kiosk is not ours.
    key_row = None if signer is None else (session.get(PostKey, signer[1]) if signer[0] == "post"
                                           else session.get(KioskKey, signer[1]))
    if key_row is None:
        return ConfirmationCheck(ConfirmationState.NOT_GENUINE, verdict=Verdict.MALFORMED)
    result = verify_payload(payload, bytes.fromhex(key_row.hmac_key))
    if not result.ok or result.claims is None:
        return ConfirmationCheck(ConfirmationState.NOT_GENUINE, verdict=result.verdict)
    claims = result.claims
    booking = session.get(Booking, claims.reference)
    if booking is None or booking.case_number != claims.case_number:
        return ConfirmationCheck(ConfirmationState.UNKNOWN, claims, result.verdict)
    if claims.kiosk_id is not None and not (booking.issued_offline and booking.kiosk_id == claims.kiosk_id):
        # A kiosk's key vouches only for the bookings that kiosk made offline.
        return ConfirmationCheck(ConfirmationState.NOT_GENUINE, claims, Verdict.BAD_SIGNATURE)
    if booking.status == BookingStatus.ACTIVE:
        state = ConfirmationState.CURRENT if booking.slot.start == claims.start else ConfirmationState.STALE
        return ConfirmationCheck(state, claims, result.verdict, booking.reference)
    if booking.status == BookingStatus.SUPERSEDED:
        newer = _latest_replacement(session, booking.reference)
        return ConfirmationCheck(ConfirmationState.SUPERSEDED, claims, result.verdict, newer)
    return ConfirmationCheck(ConfirmationState.CANCELLED, claims, result.verdict)


def _latest_replacement(session: Session, reference: str) -> str | None:
    """Follow the chain of rebookings from `reference` to the newest booking."""
    seen, current = {reference}, None
    ref = reference
    while True:
        nxt = session.scalars(select(Booking.reference).where(Booking.replaces_reference == ref)).first()
        if nxt is None or nxt in seen:  # `seen` guards against a cycle in bad data
            return current
        seen.add(nxt)
        current = ref = nxt
