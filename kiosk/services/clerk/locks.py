"""Applicants' locks a clerk can see and lift: a locked account, a case number locked for letter look-ups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError
from kiosk.services import audit, throttle
from kiosk.services.accounts import normalise_username
from kiosk.services.clerk.staff import StaffView, require_reason
from kiosk.store.accounts import Account, Throttle
from kiosk.store.db import Database

ACCOUNT, LETTER = "account", "letter"


@dataclass(frozen=True)
class LockLine:
    kind: str  # ACCOUNT (key: the user name) or LETTER (key: the case number)
    key: str
    failures: int
    locked_until: datetime


def applicant_locks(session: Session, *, now: datetime) -> list[LockLine]:
    """Every lock in force now: applicants' accounts, then case numbers refused for letter look-ups."""
    accounts = session.scalars(select(Account).where(Account.locked_until > now).order_by(Account.locked_until))
    letters = session.scalars(select(Throttle).where(Throttle.scope == throttle.LETTER, Throttle.locked_until > now)
                              .order_by(Throttle.locked_until))
    # (locked_until > now in SQL: never None here; the comprehensions say so to the type checker)
    return ([LockLine(ACCOUNT, a.username, a.failed_count, a.locked_until) for a in accounts
             if a.locked_until is not None]
            + _locked_at_a_kiosk(session, now)
            + [LockLine(LETTER, t.key, t.failed_count, t.locked_until) for t in letters if t.locked_until is not None])


def _locked_at_a_kiosk(session: Session, now: datetime) -> list[LockLine]:
    """Accounts locked at one kiosk until a clerk unlocks them (kiosk.services.accounts; keyed by a name's hash)."""
    held = {t.key[:32]: t for t in session.scalars(select(Throttle).where(
        Throttle.scope == throttle.SIGN_IN_AT, Throttle.locked_until > now))}
    if not held:
        return []
    lines = []
    for name in session.scalars(select(Account.username).where(Account.locked_until.is_(None)
                                                                | (Account.locked_until <= now))):
        t = held.get(throttle.hashed(name)[:32])
        if t is not None:
            lines.append(LockLine(ACCOUNT, name, t.failed_count, t.locked_until or now))
    return lines


def clear_lock(db: Database, who: StaffView, kind: str, key: str, reason: str, *, now: datetime) -> None:
    """Lift one lock and forget its failures, for an applicant standing at the counter; recorded with the reason."""
    why = require_reason(reason)
    with db.transaction() as s:
        if kind == ACCOUNT:
            name = normalise_username(key)
            row = s.scalar(select(Account).where(Account.username == name))
            if row is None:
                raise InputError(f"no account {name!r}", field="username")
            before = {"failed_count": row.failed_count, "locked_until": row.locked_until}
            row.failed_count, row.locked_until, row.last_failed_at = 0, None, None
            s.execute(delete(Throttle).where(Throttle.scope == throttle.SIGN_IN_AT,  # its locks at each kiosk too
                                             Throttle.key.startswith(throttle.hashed(name)[:32], autoescape=True)))
            audit.record(s, actor=who.actor, action="clerk.account_unlocked", now=now,
                         detail={"username": name, "before": before, "reason": why})
        elif kind == LETTER:
            if throttle.current(s, throttle.LETTER, key) is None:
                raise InputError(f"case {key} has no letter look-up lock", field="case_number")
            throttle.clear(s, throttle.LETTER, key)
            audit.record(s, actor=who.actor, action="clerk.letter_unlocked", case_number=key, now=now,
                         detail={"reason": why})
        else:
            raise InputError(f"{kind!r} is not a kind of lock ({ACCOUNT} or {LETTER})", field="kind")
