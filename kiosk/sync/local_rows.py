"""Rows of the cache's copies of central tables that are the kiosk's own unsent writes.

Most of the cache's synced tables are central's copy, but two writes land in them before
central has seen them, each with its outbox command in the same transaction: an inquiry
(`inquiries`, `inquiry_documents`) and a booking made from the kiosk's seat loan
(`bookings`, `booking_applicants`, and the booking it superseded). While that command is
pending, the cache's row is newer than central's, and a full copy from central keeps it.
Everything else the kiosk owns (outbox, accounts made offline, held loans, its key, sync
state) lives in tables a copy from central never touches.
"""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.inquiries import InquiryDocument
from kiosk.store.models import BookingApplicant
from kiosk.store.sync_tables import OutboxCommand, OutboxStatus
from kiosk.sync.commands import CommandKind

Key = tuple
OwnRows = dict[str, set[Key]]  # synced table → primary keys the kiosk's pending commands wrote


def own_rows(s: Session) -> OwnRows:
    """The keys of cache rows written by commands still pending in the outbox (read in the caller's transaction)."""
    own: OwnRows = defaultdict(set)
    pending = s.execute(select(OutboxCommand.kind, OutboxCommand.payload).where(
        OutboxCommand.status == OutboxStatus.PENDING.value,
        OutboxCommand.kind.in_([CommandKind.INQUIRY.value, CommandKind.OFFLINE_BOOK.value])))
    for kind, raw in pending:
        payload = json.loads(raw)
        if kind == CommandKind.INQUIRY.value and payload.get("reference"):
            ref = payload["reference"]
            own["inquiries"].add((ref,))
            own["inquiry_documents"].update(
                (i,) for i in s.scalars(select(InquiryDocument.id).where(InquiryDocument.inquiry_reference == ref)))
        elif kind == CommandKind.OFFLINE_BOOK.value:
            refs = [payload["reference"]] + ([payload["replaces"]] if payload.get("replaces") else [])
            own["bookings"].update((r,) for r in refs)
            own["booking_applicants"].update(
                tuple(k) for k in s.execute(select(BookingApplicant.booking_reference, BookingApplicant.applicant_id)
                                            .where(BookingApplicant.booking_reference.in_(refs))))
    return own


def count(own: OwnRows) -> int:
    return sum(len(keys) for keys in own.values())
