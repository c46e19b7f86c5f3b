"""Sealed case records: a case's personal data readable only with its case number and principal's date of birth.

Central seals; a kiosk opens. The record key is Argon2id(normalised case number | principal's date of
birth, a per-case random salt): the applicant types both, a thief with the disk must guess the date
(about 365 x 90 plausible ones) at the record's Argon2 cost per guess, per case.

The blob carries what opening needs besides the pair: version, Argon2 parameters, salt, nonce, then the
AES-256-GCM ciphertext. Header and case number are the associated data: a record moved to another case,
or given cheaper parameters, does not open. Central derives the key once per case (its sealing cost) and
keeps it beside the clear data it already holds; resealing after a change is then one AES-GCM call.
"""

from __future__ import annotations

import base64
import json
import os
import struct
from dataclasses import dataclass
from datetime import date
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.domain.dates import parse_case_number

_VERSION = b"\x02"
_PARAMS = struct.Struct(">IIB")  # memory KiB, time cost, parallelism
SALT_BYTES = 16
_NONCE_BYTES = 12
_HEADER = len(_VERSION) + _PARAMS.size + SALT_BYTES
PARAMS_VAR = "KIOSK_SEAL_ARGON2"  # "memory_kib,time_cost[,parallelism]": central's sealing cost (tests: cheap)


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost; each record carries the parameters it was sealed with."""

    memory_kib: int
    time_cost: int
    parallelism: int = 1

    def __str__(self) -> str:
        return f"{self.memory_kib},{self.time_cost},{self.parallelism}"


# ~0.15 core-seconds per derivation on the kiosks' CPUs (bench/bench_sealed_cases.py); one per look-up.
PARAMS = Argon2Params(memory_kib=64 * 1024, time_cost=2)


def configured_params() -> Argon2Params:
    """PARAMS, unless PARAMS_VAR names others (tests and benches of the data flow use cheap ones)."""
    raw = os.environ.get(PARAMS_VAR, "").strip()
    if not raw:
        return PARAMS
    try:
        parts = [int(p) for p in raw.split(",")]
        params = Argon2Params(*parts)
    except (TypeError, ValueError):
        raise ValueError(f"{PARAMS_VAR}={raw!r}: write memory_kib,time_cost[,parallelism]") from None
    if params.time_cost < 1 or params.parallelism < 1 or params.memory_kib < 8 * params.parallelism:
        raise ValueError(f"{PARAMS_VAR}={raw!r}: Argon2 needs time_cost >= 1 and memory_kib >= 8 x parallelism")
    return params


class RecordSealed(ValueError):
    """The record does not open with this pair: a wrong date of birth (or a changed record)."""


@dataclass(frozen=True)
class CaseKey:
    """A case's record key and what it was derived with (central keeps it; a kiosk derives it per look-up)."""

    key: bytes
    salt: bytes
    params: Argon2Params


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive_key(case_number: str, date_of_birth: date, salt: bytes, params: Argon2Params = PARAMS) -> bytes:
    """The record key of (case number, principal's date of birth): the slow step, on purpose."""
    secret = f"{parse_case_number(case_number)}|{date_of_birth.isoformat()}".encode("ascii")
    return hash_secret_raw(secret, salt, time_cost=params.time_cost, memory_cost=params.memory_kib,
                           parallelism=params.parallelism, hash_len=32, type=Type.ID)


def new_case_key(case_number: str, date_of_birth: date, params: Argon2Params | None = None) -> CaseKey:
    params = params or configured_params()
    salt = new_salt()
    return CaseKey(derive_key(case_number, date_of_birth, salt, params), salt, params)


def _header(params: Argon2Params, salt: bytes) -> bytes:
    return _VERSION + _PARAMS.pack(params.memory_kib, params.time_cost, params.parallelism) + salt


def seal(key: CaseKey, case_number: str, record: dict[str, Any]) -> str:
    """The record as base64 text: header (version, params, salt) + nonce + AES-256-GCM ciphertext."""
    header = _header(key.params, key.salt)
    nonce = os.urandom(_NONCE_BYTES)
    plain = json.dumps(record, ensure_ascii=True, separators=(",", ":"), sort_keys=True).encode("ascii")
    aad = header + parse_case_number(case_number).encode("ascii")
    return base64.b64encode(header + nonce + AESGCM(key.key).encrypt(nonce, plain, aad)).decode("ascii")


def _parts(text: str) -> tuple[bytes, Argon2Params, bytes, bytes, bytes]:
    try:
        blob = base64.b64decode(text, validate=True)
    except ValueError:
        raise RecordSealed("not a sealed case record") from None
    if len(blob) < _HEADER + _NONCE_BYTES + 16 or blob[:1] != _VERSION:
        raise RecordSealed("not a sealed case record of this version")
    memory, time_cost, parallelism = _PARAMS.unpack(blob[1:1 + _PARAMS.size])
    if not 1 <= time_cost <= 64 or not 1 <= parallelism <= 16 or not 8 * parallelism <= memory <= 4 * 1024 * 1024:
        raise RecordSealed("a sealed case record with impossible parameters")
    salt = blob[1 + _PARAMS.size:_HEADER]
    return blob[:_HEADER], Argon2Params(memory, time_cost, parallelism), salt, blob[_HEADER:_HEADER + _NONCE_BYTES], \
        blob[_HEADER + _NONCE_BYTES:]


def params_of(text: str) -> Argon2Params:
    return _parts(text)[1]


def open_record(key: bytes, case_number: str, text: str) -> dict[str, Any]:
    header, _params, _salt, nonce, body = _parts(text)
    try:
        plain = AESGCM(key).decrypt(nonce, body, header + parse_case_number(case_number).encode("ascii"))
    except InvalidTag:
        raise RecordSealed("the record does not open with this case number and date of birth") from None
    record = json.loads(plain)
    if not isinstance(record, dict):
        raise RecordSealed("a sealed case record holds an object")
    return record


def open_with(case_number: str, date_of_birth: date, text: str) -> dict[str, Any]:
    """What a kiosk does at a look-up: derive from what the applicant typed, then open (RecordSealed on a miss)."""
    _header_bytes, params, salt, _nonce, _body = _parts(text)
    return open_record(derive_key(case_number, date_of_birth, salt, params), case_number, text)
