"""Visit grants: what central checked for a kiosk during a visit, handed back as a short-lived signed token.

An account's cases are kept on central (kiosk.services.account_cases). A kiosk may link a case
to an account, or list an account's cases, only with central's own word that at this kiosk, a
short while ago, the account signed in (or was made) and the case's letter was checked with its
date of birth: a grant central signed when it answered that sign-in or letter. A grant names its
kind, the account or case, the kiosk (its certificate's id) and an expiry on central's clock,
under HMAC-SHA256 with a key only central holds (`sealing_keys`, never pulled). So a stolen
kiosk certificate alone lists no account's cases and links no case whose letter it did not check,
and one kiosk's grant is worth nothing at another.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from kiosk.store.db import Database
from kiosk.store.sync_tables import SealingKey

KEY_NAME = "visit-grants"
LIFETIME = timedelta(minutes=30)  # a visit's length, as the kiosk forgets what a visit opened
ACCOUNT, LETTER = "account", "letter"


class GrantRefused(Exception):
    """Not a grant of this kind for this kiosk, or expired."""


def grant_key(central: Database, *, now: datetime) -> bytes:
    """Central's grant key, made with 32 random bytes on first use."""
    with central.session() as s:
        row = s.get(SealingKey, KEY_NAME)
    if row is None:
        try:
            with central.transaction() as s:
                s.add(SealingKey(name=KEY_NAME, public_key="", private_key=secrets.token_hex(32), created_at=now))
        except IntegrityError:
            pass  # made by another request at the same moment: theirs stands
        with central.session() as s:
            row = s.get_one(SealingKey, KEY_NAME)
    return bytes.fromhex(row.private_key)


def issue(key: bytes, kind: str, subject: str, *, kiosk_id: str, now: datetime,
          lifetime: timedelta = LIFETIME) -> str:
    body = json.dumps([kind, subject, kiosk_id, (now + lifetime).isoformat()], separators=(",", ":")).encode()
    return f"{_b64(body)}.{_b64(hmac.new(key, body, hashlib.sha256).digest())}"


def check(key: bytes, grant: object, kind: str, *, kiosk_id: str, now: datetime) -> str:
    """The account or case a grant names; GrantRefused unless central signed it, for this kind and kiosk, and it holds."""
    if not isinstance(grant, str) or len(grant) >= 1024:  # not an assert: `python -O` would skip it
        raise GrantRefused("not a grant")
    try:
        body_text, mac_text = grant.split(".")
        body, mac = _unb64(body_text), _unb64(mac_text)
    except ValueError:
        raise GrantRefused("not a grant") from None
    if not hmac.compare_digest(mac, hmac.new(key, body, hashlib.sha256).digest()):
        raise GrantRefused("not a grant central signed")
    granted_kind, subject, granted_to, until = json.loads(body)
    if granted_kind != kind or granted_to != kiosk_id:
        raise GrantRefused(f"not a {kind} grant for this kiosk")
    if datetime.fromisoformat(until) < now:
        raise GrantRefused(f"the {kind} grant has expired")
    return str(subject)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
