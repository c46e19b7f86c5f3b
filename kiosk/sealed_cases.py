"""Sealed case records: a case's personal data readable only with its case number and principal's date of birth.

Central seals; a kiosk opens. The record key is Argon2id(normalised case number | principal's date of
birth, a per-case random salt): the applicant types both, a thief with the disk must guess the date
(about 365 x 90 plausible ones) at PARAMS' cost per guess, per case. The record is found by
`index_of`, an HMAC-SHA256 of the case number under a post-wide key that kiosks hold only in their
encrypted credential: without that key the index tells no case number, and a list of known numbers
cannot be matched to records.

Central derives the key once per case (its cost is the sealing cost) and may keep it next to the clear
data it already holds; resealing after a change is then one AES-GCM call.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import date
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.domain.dates import parse_case_number

_VERSION = b"\x01"
_INDEX_LABEL = b"consular-kiosk case index v1|"
SALT_BYTES = 16


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost; stored with nothing (a change of PARAMS means a new _VERSION and resealing)."""

    memory_kib: int
    time_cost: int
    parallelism: int = 1


# ~0.15 core-seconds per derivation on the kiosks' CPUs (bench/bench_sealed_cases.py); one per look-up.
PARAMS = Argon2Params(memory_kib=64 * 1024, time_cost=2)


class RecordSealed(ValueError):
    """The record does not open with this pair: a wrong date of birth (or a changed record)."""


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def index_of(post_key: bytes, case_number: str) -> str:
    """The record's look-up key: HMAC-SHA256 of the normalised case number under the post-wide key."""
    number = parse_case_number(case_number)
    return hmac.new(post_key, _INDEX_LABEL + number.encode("ascii"), hashlib.sha256).hexdigest()


def derive_key(case_number: str, date_of_birth: date, salt: bytes, params: Argon2Params = PARAMS) -> bytes:
    """The record key of (case number, principal's date of birth): the slow step, on purpose."""
    secret = f"{parse_case_number(case_number)}|{date_of_birth.isoformat()}".encode("ascii")
    return hash_secret_raw(secret, salt, time_cost=params.time_cost, memory_cost=params.memory_kib,
                           parallelism=params.parallelism, hash_len=32, type=Type.ID)


def seal(key: bytes, index: str, record: dict[str, Any]) -> bytes:
    """The record as version + nonce + AES-256-GCM ciphertext, bound to its index (so it cannot be moved)."""
    nonce = os.urandom(12)
    plain = json.dumps(record, ensure_ascii=True, separators=(",", ":"), sort_keys=True).encode("ascii")
    return _VERSION + nonce + AESGCM(key).encrypt(nonce, plain, _VERSION + index.encode("ascii"))


def open_record(key: bytes, index: str, blob: bytes) -> dict[str, Any]:
    if len(blob) < 1 + 12 + 16 or blob[:1] != _VERSION:
        raise RecordSealed("not a sealed case record of this version")
    try:
        plain = AESGCM(key).decrypt(blob[1:13], blob[13:], _VERSION + index.encode("ascii"))
    except InvalidTag:
        raise RecordSealed("the record does not open with this case number and date of birth") from None
    record = json.loads(plain)
    if not isinstance(record, dict):
        raise RecordSealed("a sealed case record holds an object")
    return record


def open_with(case_number: str, date_of_birth: date, salt: bytes, index: str, blob: bytes) -> dict[str, Any]:
    """What a kiosk does at a look-up: derive from what the applicant typed, then open (RecordSealed on a miss)."""
    return open_record(derive_key(case_number, date_of_birth, salt), index, blob)
