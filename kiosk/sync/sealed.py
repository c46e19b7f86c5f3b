"""Outbox commands keep their personal fields sealed to central: readable on central only, never on the kiosk's disk.

The kiosk seals, when it queues a command, the fields that name a person (an account's name and
password hash, an inquiry's words) to central's public key (kiosk.sealing); central opens them
when it applies the command. What the kiosk itself reads back from its outbox (references,
slots, case numbers) stays in the clear; an account's name is replaced by a keyed digest
(`subject`) so that commands about the same account still wait for each other (kiosk.sync.failures).
A kiosk that has never reached central has no key yet and queues in the clear (it has no
cases either, so nothing but an offline account can be queued then).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError
from kiosk.sealing import SealError, new_key_pair, open_sealed, seal
from kiosk.store.sync_tables import SealingKey, SyncState

log = logging.getLogger(__name__)
KEY_NAME = "outbox"
STATE = "central_seal_key"  # sync_state on a kiosk: central's public key (hex)
SEALED = "sealed"  # the payload key holding the sealed fields (base64)
SEALED_FIELDS: dict[str, tuple[str, ...]] = {
    "account": ("username", "password_hash"),
    "inquiry": ("text", "applicant_id", "contact"),
    "document_chunk": ("name",),  # the document itself is sealed whole before it is cut (kiosk.sync.documents)
}


def central_public_key(session: Session, *, now: datetime) -> bytes:
    """Central: its public sealing key, the pair made on first use (caller commits)."""
    row = session.get(SealingKey, KEY_NAME)
    if row is None:
        private, public = new_key_pair()
        row = SealingKey(name=KEY_NAME, public_key=public.hex(), private_key=private.hex(), created_at=now)
        try:
            with session.begin_nested():  # another kiosk may make it at the same moment: keep theirs
                session.add(row)
        except IntegrityError:
            row = session.get_one(SealingKey, KEY_NAME)  # the other kiosk's, committed
    return bytes.fromhex(row.public_key)


def remember_key(session: Session, public: bytes) -> None:
    """Kiosk: keep central's public key (a replaced central brings a new one)."""
    session.merge(SyncState(name=STATE, value=public.hex()))


def seal_fields(session: Session, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Kiosk: the payload with its personal fields sealed to central (unchanged without a key or such fields)."""
    fields = [f for f in SEALED_FIELDS.get(kind, ()) if f in payload]
    if not fields:
        return payload
    known = session.get(SyncState, STATE)
    if known is None:
        log.warning("a %s command is queued unsealed: this kiosk has not yet had central's key", kind)
        return payload
    clear = {k: v for k, v in payload.items() if k not in fields}
    if "username" in fields:
        clear["subject"] = f"account:{hashlib.sha256(str(payload['username']).encode()).hexdigest()[:32]}"
    inner = json.dumps({f: payload[f] for f in fields}, default=str).encode()
    clear[SEALED] = base64.b64encode(seal(bytes.fromhex(known.value), inner)).decode()
    return clear


def open_fields(session: Session, payload: dict[str, Any]) -> dict[str, Any]:
    """Central: the payload with its sealed fields opened (as it was before sealing)."""
    if SEALED not in payload:
        return payload
    row = session.get(SealingKey, KEY_NAME)
    if row is None:
        raise InputError("a sealed command, but central has no sealing key (a replaced central?)", field="payload")
    try:
        inner = json.loads(open_sealed(bytes.fromhex(row.private_key), base64.b64decode(payload[SEALED])))
    except (SealError, ValueError) as exc:
        raise InputError(f"the command's sealed part cannot be opened: {exc}", field="payload") from None
    return {**{k: v for k, v in payload.items() if k not in (SEALED, "subject")}, **inner}
