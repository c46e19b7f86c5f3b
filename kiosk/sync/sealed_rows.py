"""What a kiosk's cache keeps of central's cases and applicants: a sealed record each, no names or dates of birth.

Central seals while it reads what a kiosk pulls (the direct pull, the service's pull and the whole-copy
resync all go through `Sealer`, inside their one snapshot of central):

- an applicants row keeps its id, case, position, role, marital status, letter and CSPA flags; its
  names and date of birth are blanked;
- a cases row gets `sealed`: the names and dates of birth of its applicants and of every other case
  of its petitioner (the group a visit may book together), sealed under the case's record key
  (kiosk.sealed_cases; keys from kiosk.services.case_keys), and its petitioner id becomes a keyed
  digest, so the group rules still find the same petitioner's cases.

A change to any case or applicant of a group reseals every case of the group: `add_group_cases`
brings them into the batch.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from kiosk.sealed_cases import seal
from kiosk.services.case_keys import DerivedKey, derive, keys_of, petitioner_digest, petitioner_key, principals
from kiosk.store.models import ApplicantRow, CaseRow
from kiosk.store.opened import Personal, record_of

log = logging.getLogger(__name__)
BLANK_APPLICANT: dict[str, object] = {"surname": "", "given_names": "", "native_name": None, "date_of_birth": None}
_CHUNK = 500
Key = tuple[Any, ...]


class Sealer:
    """Seals central's rows for a kiosk's cache within one snapshot of central (`conn`).

    Keys it had to derive (a case imported without `ensure_keys`) are collected in `derived`, for
    the caller to keep once the snapshot is closed (kiosk.services.case_keys.store_keys).
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.derived: list[DerivedKey] = []
        key = petitioner_key(conn)
        if key is None:
            raise RuntimeError("central has no petitioner key: call case_keys.ensure_petitioner_key first")
        self._petitioner_key = key

    def rows(self, table_name: str, rows: list[dict]) -> list[dict]:
        if table_name == "applicants":
            for row in rows:
                row.update(BLANK_APPLICANT)
        elif table_name == "cases":
            for i in range(0, len(rows), _CHUNK):
                self._cases(rows[i:i + _CHUNK])
        return rows

    def _cases(self, rows: list[dict]) -> None:
        numbers = [r["case_number"] for r in rows]
        people = self._people({r["petitioner_id"] for r in rows})
        born = principals(self.conn, numbers)
        keys = keys_of(self.conn, numbers)
        missing = {n: d for n, d in born.items() if d is not None and (n not in keys or keys[n][0] != d)}
        if missing:
            log.info("sealing %d case(s) whose record key was not made at import", len(missing))
            new = derive(missing)
            self.derived.extend(new)
            keys.update({k.case_number: (k.principal_dob, k.key) for k in new})
        for row in rows:
            number, petitioner = row["case_number"], row["petitioner_id"]
            key = keys.get(number)
            row["sealed"] = seal(key[1], number, record_of(people.get(petitioner, {}))) if key else None
            row["petitioner_id"] = petitioner_digest(self._petitioner_key, petitioner)

    def _people(self, petitioners: set[str]) -> dict[str, dict[str, Personal]]:
        """The names and dates of birth of every applicant of these petitioners' cases."""
        a, c = ApplicantRow.__table__, CaseRow.__table__
        found: dict[str, dict[str, Personal]] = defaultdict(dict)
        ordered = sorted(petitioners)
        for i in range(0, len(ordered), _CHUNK):
            stmt = (select(c.c.petitioner_id, a.c.id, a.c.surname, a.c.given_names, a.c.native_name,
                           a.c.date_of_birth)
                    .join(c, c.c.case_number == a.c.case_number).where(c.c.petitioner_id.in_(ordered[i:i + _CHUNK])))
            for petitioner, aid, surname, given, native, born in self.conn.execute(stmt):
                found[petitioner][aid] = Personal(surname, given, native, born)
        return found


def add_group_cases(conn: Connection, current: dict[str, dict[Key, dict]]) -> None:
    """Every case of a petitioner one of whose cases or applicants changed: their records are sealed anew."""
    c = CaseRow.__table__
    numbers = sorted({k[0] for k in current.get("cases", {})}
                     | {r["case_number"] for r in current.get("applicants", {}).values()})
    if not numbers:
        return
    petitioners: set[str] = set()
    for i in range(0, len(numbers), _CHUNK):
        petitioners.update(conn.scalars(select(c.c.petitioner_id).where(c.c.case_number.in_(numbers[i:i + _CHUNK]))))
    cases = current.setdefault("cases", {})
    for part in _chunks(sorted(petitioners)):
        for row in conn.execute(select(c).where(c.c.petitioner_id.in_(part))).mappings():
            cases.setdefault((row["case_number"],), dict(row))


def _chunks(values: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(values), _CHUNK):
        yield values[i:i + _CHUNK]
