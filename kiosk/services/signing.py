"""Confirmation-signing keys: the post's (central renders) and each kiosk's (offline confirmations)."""

from __future__ import annotations

import base64
import secrets
from datetime import datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.appointment import wall_clock
from kiosk.domain.errors import InputError
from kiosk.secrets import storage_key
from kiosk.store.post_zone import post_zone
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
    row = PostKey(post_code=code, hmac_key=secrets.token_bytes(KEY_BYTES).hex(), created_at=now or _post_now(session, code))
    try:
        # A savepoint: if another kiosk made the key meanwhile, keep theirs and this transaction alive.
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        winner = session.scalars(select(PostKey).where(PostKey.post_code == code)).one()
        return bytes.fromhex(winner.hmac_key)
    return bytes.fromhex(row.hmac_key)


def _post_now(session: Session, code: str) -> datetime:
    """Now on the post's wall clock (its zone as the database records it), never the machine's zone."""
    # A key for a post this database does not hold: the database's post's zone, else the machine's.
    return wall_clock(post_zone(session, code))


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
    """The kiosk's cache: keep the key central gave it (replacing an older one), wrapped when it can be.

    With the unit's `cache-key` credential (kiosk.secrets.storage_key) the key is stored
    encrypted (AES-GCM, bound to the kiosk id): a copied disk does not give it away.
    """
    row = session.get(KioskKey, kiosk_id)
    if row is not None and held_kiosk_key(session, kiosk_id) == key:
        return
    stored = _wrap(kiosk_id, key)
    if row is None:
        session.add(KioskKey(kiosk_id=kiosk_id, hmac_key=stored, created_at=now))
    else:
        row.hmac_key, row.created_at = stored, now


def held_kiosk_key(session: Session, kiosk_id: str | None) -> bytes | None:
    """The key this kiosk may sign offline confirmations with; None before central gave it one.

    None too when it was wrapped with another storage key (a reinstalled machine): the next
    sync brings it again.
    """
    row = session.get(KioskKey, kiosk_id) if kiosk_id else None
    if row is None:
        return None
    if not row.hmac_key.startswith(_WRAPPED):
        return bytes.fromhex(row.hmac_key)
    wrapping = storage_key()
    if wrapping is None:
        return None
    blob = base64.b64decode(row.hmac_key[len(_WRAPPED):])
    try:
        return AESGCM(wrapping).decrypt(blob[:12], blob[12:], row.kiosk_id.encode())
    except InvalidTag:
        return None


_WRAPPED = "v1:"  # a kiosk key stored encrypted under the unit's storage key


def _wrap(kiosk_id: str, key: bytes) -> str:
    wrapping = storage_key()
    if wrapping is None:  # a developer's machine, the tests: no systemd credential
        return key.hex()
    nonce = secrets.token_bytes(12)
    return _WRAPPED + base64.b64encode(nonce + AESGCM(wrapping).encrypt(nonce, key, kiosk_id.encode())).decode()
