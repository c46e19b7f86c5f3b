"""Confirmation-signing keys: the post's (central renders) and each kiosk's (offline confirmations)."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError
from kiosk.store.inquiries import PostKey
from kiosk.store.loans import KioskKey

KEY_BYTES = 32


def post_key(session: Session, post_code: str, *, now: datetime | None = None) -> bytes:
    """The post's HMAC key; created with 32 random bytes on first use (caller commits)."""
    code = post_code.strip().upper() if isinstance(post_code, str) else ""
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        raise InputError(f"{post_code!r} is not a post code (three letters)", field="post_code")
    existing = session.get(PostKey, code)
    if existing is not None:
        return bytes.fromhex(existing.hmac_key)
    row = PostKey(post_code=code, hmac_key=secrets.token_bytes(KEY_BYTES).hex(), created_at=now or datetime.now())
    try:
        # A savepoint: if another kiosk made the key meanwhile, keep theirs and this transaction alive.
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        winner = session.scalars(select(PostKey).where(PostKey.post_code == code)).one()
        return bytes.fromhex(winner.hmac_key)
    return bytes.fromhex(row.hmac_key)


def kiosk_key(session: Session, kiosk_id: str, *, now: datetime) -> bytes:
    """Central: the kiosk's own HMAC key for offline confirmations, made on first use (caller commits)."""
    if not kiosk_id or len(kiosk_id) > 64 or not kiosk_id.isprintable() or "|" in kiosk_id:
        raise InputError(f"{kiosk_id!r} is not a kiosk id", field="kiosk_id")
    existing = session.get(KioskKey, kiosk_id)
    if existing is not None:
        return bytes.fromhex(existing.hmac_key)
    row = KioskKey(kiosk_id=kiosk_id, hmac_key=secrets.token_bytes(KEY_BYTES).hex(), created_at=now)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return bytes.fromhex(session.scalars(select(KioskKey).where(KioskKey.kiosk_id == kiosk_id)).one().hmac_key)
    return bytes.fromhex(row.hmac_key)


def store_kiosk_key(session: Session, kiosk_id: str, key: bytes, *, now: datetime) -> None:
    """The kiosk's cache: keep the key central gave it (replacing an older one)."""
    row = session.get(KioskKey, kiosk_id)
    if row is None:
        session.add(KioskKey(kiosk_id=kiosk_id, hmac_key=key.hex(), created_at=now))
    elif row.hmac_key != key.hex():
        row.hmac_key, row.created_at = key.hex(), now


def held_kiosk_key(session: Session, kiosk_id: str | None) -> bytes | None:
    """The key this kiosk may sign offline confirmations with; None before central gave it one."""
    row = session.get(KioskKey, kiosk_id) if kiosk_id else None
    return bytes.fromhex(row.hmac_key) if row is not None else None
