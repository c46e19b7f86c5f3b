"""The post's confirmation-signing key: read it, or make one the first time it is needed."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError
from kiosk.store.inquiries import PostKey

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
