"""The signed QR payload on a confirmation: booking reference, case, slot start, HMAC-SHA256.

`KIOSK1|ref|case|start|SIG` is signed with the post's key (central rendered it);
`KIOSK2|ref|case|start|kiosk|SIG` with that kiosk's own key (printed offline at the kiosk).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

VERSION = "KIOSK1"
OFFLINE_VERSION = "KIOSK2"
SEP = "|"
_SIG_BYTES = 15  # 120 bits of HMAC-SHA256: 24 base32 characters, no padding


@dataclass(frozen=True)
class QrClaims:
    reference: str
    case_number: str
    start: datetime  # naive post-local slot start, minute precision
    kiosk_id: str | None = None  # set: signed by this kiosk's key, offline

    def fields(self) -> list[str]:
        when = self.start.strftime("%Y-%m-%dT%H:%M")
        if self.kiosk_id is None:
            return [VERSION, self.reference, self.case_number, when]
        return [OFFLINE_VERSION, self.reference, self.case_number, when, self.kiosk_id]


class Verdict(StrEnum):
    VALID = "valid"
    MALFORMED = "malformed"  # not a kiosk confirmation code at all
    UNKNOWN_VERSION = "unknown_version"
    BAD_SIGNATURE = "bad_signature"  # forged, altered, or signed with another post's key


@dataclass(frozen=True)
class VerifyResult:
    verdict: Verdict
    claims: QrClaims | None = None

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.VALID


def _signature(body: str, key: bytes) -> str:
    digest = hmac.new(key, body.encode("utf-8"), hashlib.sha256).digest()[:_SIG_BYTES]
    return base64.b32encode(digest).decode("ascii")


def sign_payload(claims: QrClaims, key: bytes) -> str:
    """`KIOSK1|ref|case|YYYY-MM-DDTHH:MM|SIG` — what the QR code on the confirmation carries."""
    if not key:
        raise ValueError("signing key is empty")
    fields = claims.fields()
    for value in [*fields[1:3], *fields[4:]]:
        if not value or SEP in value or not value.isprintable():
            raise ValueError(f"cannot sign {value!r}: empty, non-printable or contains {SEP!r}")
    body = SEP.join(fields)
    return f"{body}{SEP}{_signature(body, key)}"


def signer_of(payload: str) -> tuple[str, str] | None:
    """Whose key to check a payload with: ("post", code) or ("kiosk", kiosk id); None if malformed."""
    parts = payload.strip().split(SEP)
    if len(parts) == 5 and parts[0] == VERSION:
        return ("post", parts[2][:3].upper())
    if len(parts) == 6 and parts[0] == OFFLINE_VERSION:
        return ("kiosk", parts[4])
    return None


def verify_payload(payload: str, key: bytes) -> VerifyResult:
    """Check a scanned payload; whether the booking is still current is the caller's question."""
    parts = payload.strip().split(SEP)
    if parts[0] not in (VERSION, OFFLINE_VERSION):
        return VerifyResult(Verdict.UNKNOWN_VERSION if parts[0].startswith("KIOSK") else Verdict.MALFORMED)
    if len(parts) != (5 if parts[0] == VERSION else 6):
        return VerifyResult(Verdict.MALFORMED)
    body, sig = SEP.join(parts[:-1]), parts[-1]
    if not hmac.compare_digest(sig.encode("ascii", "replace"), _signature(body, key).encode("ascii")):
        return VerifyResult(Verdict.BAD_SIGNATURE)
    try:
        start = datetime.strptime(parts[3], "%Y-%m-%dT%H:%M")
    except ValueError:
        return VerifyResult(Verdict.MALFORMED)
    return VerifyResult(Verdict.VALID, QrClaims(parts[1], parts[2], start, parts[4] if len(parts) == 6 else None))
