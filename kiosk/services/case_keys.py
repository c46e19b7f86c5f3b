"""Central's sealed-record keys (kiosk.sealed_cases): one Argon2id derivation per case, kept in `case_keys`.

The derivation is the sealing cost, paid once per case (and again when the principal's date of birth
changes): `ensure_keys` after an import; a pull derives the few it finds missing (kiosk.sync.sealed_rows)
and keeps them with `store_keys`. Argon2 releases the GIL, so the derivations run on every core.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects import sqlite as sqlite_dml
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.sealed_cases import Argon2Params, CaseKey as RecordKey, configured_params, derive_key, new_salt
from kiosk.store.db import Database
from kiosk.store.models import ApplicantRow
from kiosk.store.sync_tables import CaseKey, SealingKey

log = logging.getLogger(__name__)
PETITIONER_KEY = "petitioner"  # sealing_keys: central's HMAC key that hides petitioner ids from kiosks
_CHUNK = 200  # keys written per transaction


@dataclass(frozen=True)
class DerivedKey:
    case_number: str
    principal_dob: date
    key: RecordKey


def principals(conn: Connection | Session, case_numbers: Iterable[str] | None = None) -> dict[str, date | None]:
    """Each case's principal's date of birth (the first principal on the letter), all cases when None."""
    stmt = (select(ApplicantRow.case_number, ApplicantRow.date_of_birth)
            .where(ApplicantRow.role == "principal").order_by(ApplicantRow.case_number, ApplicantRow.position.desc()))
    if case_numbers is not None:
        stmt = stmt.where(ApplicantRow.case_number.in_(list(case_numbers)))
    found: dict[str, date | None] = {}
    for number, born in conn.execute(stmt):
        found[number] = born  # the lowest position comes last, and wins
    return found


def derive(wanted: dict[str, date], params: Argon2Params | None = None) -> list[DerivedKey]:
    """A fresh salt and key for each (case number, principal's date of birth), on every core."""
    params = params or configured_params()

    def one(item: tuple[str, date]) -> DerivedKey:
        number, born = item
        salt = new_salt()
        return DerivedKey(number, born, RecordKey(derive_key(number, born, salt, params), salt, params))

    items = sorted(wanted.items())
    if len(items) < 2:
        return [one(i) for i in items]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(one, items))


def stale(conn: Connection | Session, born: dict[str, date | None]) -> dict[str, date]:
    """Of these cases (central's all, after an import), those whose key is missing or was made from another date."""
    have: dict[str, date] = {row[0]: row[1] for row in conn.execute(select(CaseKey.case_number, CaseKey.principal_dob))}
    return {n: d for n, d in born.items() if d is not None and have.get(n) != d}


def keys_of(conn: Connection | Session, case_numbers: Iterable[str]) -> dict[str, tuple[date, RecordKey]]:
    rows = conn.execute(select(CaseKey.__table__).where(CaseKey.case_number.in_(list(case_numbers))))
    found: dict[str, tuple[date, RecordKey]] = {}
    for r in rows:
        params = Argon2Params(*(int(p) for p in r.params.split(",")))
        found[r.case_number] = (r.principal_dob, RecordKey(bytes.fromhex(r.key), bytes.fromhex(r.salt), params))
    return found


def store_keys(central: Database, keys: Iterable[DerivedKey]) -> None:
    """Keep derived keys (the newest wins: each key goes with its own salt, so any of them is right)."""
    rows = [{"case_number": k.case_number, "principal_dob": k.principal_dob, "salt": k.key.salt.hex(),
             "params": str(k.key.params), "key": k.key.key.hex()} for k in keys]
    table = CaseKey.__table__
    for i in range(0, len(rows), _CHUNK):
        stmt = sqlite_dml.insert(table) if central.is_sqlite else postgresql.insert(table)
        stmt = stmt.on_conflict_do_update(index_elements=["case_number"], set_={
            c: stmt.excluded[c] for c in ("principal_dob", "salt", "params", "key")})
        with central.transaction() as s:
            s.execute(stmt, rows[i:i + _CHUNK])


def ensure_keys(central: Database) -> int:
    """Central: derive the key of every case that lacks one (after an import); how many were derived."""
    with central.session() as s:
        todo = stale(s, principals(s))
    started = datetime.now()
    for i in range(0, len(todo), _CHUNK * 10):
        part = dict(list(todo.items())[i:i + _CHUNK * 10])
        store_keys(central, derive(part))
    if todo:
        log.info("sealed-record keys derived for %d case(s) in %.1f s", len(todo),
                 (datetime.now() - started).total_seconds())
    return len(todo)


def petitioner_key(conn: Connection | Session) -> bytes | None:
    row = conn.execute(select(SealingKey.private_key).where(SealingKey.name == PETITIONER_KEY)).first()
    return bytes.fromhex(row[0]) if row else None


def ensure_petitioner_key(central: Database, *, now: datetime) -> None:
    with central.session() as s:
        if petitioner_key(s) is not None:
            return
    try:
        with central.transaction() as s:
            s.add(SealingKey(name=PETITIONER_KEY, public_key="", private_key=secrets.token_hex(32), created_at=now))
    except IntegrityError:
        pass  # made by another pull at the same moment: theirs stands


def petitioner_digest(key: bytes, petitioner_id: str) -> str:
    """The non-identifying key a kiosk's group rules compare: equal for equal ids, meaningless without `key`."""
    return "p:" + hmac.new(key, petitioner_id.encode(), "sha256").hexdigest()[:32]

