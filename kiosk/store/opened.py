"""The personal data a kiosk's look-up opened (kiosk.sealed_cases), held in memory for the visit only.

A kiosk's cache keeps applicants' names and dates of birth sealed; the letter look-up opens the
case's record with what the applicant typed and puts it here. Every later read of the visit (the
evaluation and its group, an offline booking, the confirmation, an inquiry's receipt) takes the
names and dates of birth from here. Never written to disk; a new look-up replaces it, and it is
forgotten after KEEP.

A record: {"applicants": {applicant id: [surname, given names, native name, ISO date of birth]}},
the case's applicants and those of the other cases of its petitioner (the group a visit books).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from kiosk.domain.model import Applicant

KEEP = 30 * 60.0  # seconds: longer than any visit; a kiosk left alone forgets


@dataclass(frozen=True)
class Personal:
    surname: str
    given_names: str
    native_name: str | None
    date_of_birth: date | None

    def to_list(self) -> list[str | None]:
        return [self.surname, self.given_names, self.native_name,
                self.date_of_birth.isoformat() if self.date_of_birth else None]

    @classmethod
    def from_list(cls, value: Any) -> Personal:
        if not isinstance(value, list) or len(value) != 4:
            raise ValueError("an opened applicant is [surname, given names, native name, date of birth]")
        surname, given, native, born = value
        return cls(str(surname or ""), str(given or ""), str(native) if native else None,
                   date.fromisoformat(born) if born else None)


def record_of(people: dict[str, Personal]) -> dict[str, Any]:
    return {"applicants": {aid: p.to_list() for aid, p in sorted(people.items())}}


class OpenedRecords:
    """The applicants of the last opened record, by id; thread-safe (the kiosk's worker and its GUI).

    Also the words of the visit's last inquiry, by reference: a kiosk's cache row keeps none (they go
    to central sealed), and the receipt printed in the visit shows them.
    """

    def __init__(self, keep: float = KEEP) -> None:
        self._keep = keep
        self._lock = threading.Lock()
        self._people: dict[str, Personal] = {}
        self._at = 0.0
        self._words: tuple[str, str, float] | None = None  # reference, words, when

    def put(self, record: dict[str, Any]) -> None:
        """The record just opened replaces whatever the previous visit opened."""
        raw = record.get("applicants")
        if not isinstance(raw, dict):
            raise ValueError("an opened record lists its applicants")
        people = {str(aid): Personal.from_list(value) for aid, value in raw.items()}
        with self._lock:
            self._people, self._at = people, time.monotonic()

    def clear(self) -> None:
        with self._lock:
            self._people, self._words = {}, None

    def put_words(self, reference: str, words: str) -> None:
        """The inquiry just made replaces the previous one's words."""
        with self._lock:
            self._words = (reference, words, time.monotonic())

    def words(self, reference: str) -> str | None:
        with self._lock:
            if self._words is not None and time.monotonic() - self._words[2] > self._keep:
                self._words = None
            return self._words[1] if self._words is not None and self._words[0] == reference else None

    def get(self, applicant_id: str) -> Personal | None:
        with self._lock:
            if self._people and time.monotonic() - self._at > self._keep:
                self._people = {}
            return self._people.get(applicant_id)


def opened_in(session: Session) -> OpenedRecords | None:
    """The records opened on the database this session reads (None: a database that seals nothing)."""
    found = session.info.get("opened")
    return found if isinstance(found, OpenedRecords) else None


def with_personal(session: Session, applicant: Applicant) -> Applicant:
    """`applicant` with the name and date of birth its opened record holds (unchanged when none does)."""
    opened = opened_in(session)
    p = opened.get(applicant.id) if opened is not None else None
    if p is None:
        return applicant
    return replace(applicant, surname=p.surname, given_names=p.given_names, native_name=p.native_name,
                   date_of_birth=p.date_of_birth)


def name_of(session: Session, applicant_id: str, surname: str, given_names: str,
            native_name: str | None) -> tuple[str, str, str | None]:
    """(surname, given names, native name) of an applicant: its opened record's, else the row's."""
    opened = opened_in(session)
    p = opened.get(applicant_id) if opened is not None else None
    return (p.surname, p.given_names, p.native_name) if p is not None else (surname, given_names, native_name)
