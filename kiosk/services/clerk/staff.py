"""Staff accounts of the clerk console: create, sign in with lockout, list, unlock; reasons and roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError, RuleError
from kiosk.services import audit, throttle
from kiosk.services.accounts import (
    ACCOUNT_LOCKED, HASHER, SIGN_IN_FAILED, AccountError, check_new_password, lock_after_failure,
    normalise_password, normalise_username, refuse_if_too_soon, retry_delay, verify_dummy,
)
from kiosk.store.db import Database
from kiosk.store.staff import Staff, StaffRole

MIN_REASON = 3  # "ok" is not a reason
LOCK_AFTER = 5  # staff accounts lock sooner than applicants': a counter PC is a shared machine
LOCK_FOR = timedelta(minutes=15)


@dataclass(frozen=True)
class StaffView:
    username: str
    display_name: str
    role: StaffRole

    @property
    def actor(self) -> str:
        return f"staff:{self.username}"

    @property
    def is_supervisor(self) -> bool:
        return self.role is StaffRole.SUPERVISOR


@dataclass(frozen=True)
class StaffLine:
    """One row of the staff screen."""

    username: str
    display_name: str
    role: StaffRole
    failed_count: int
    locked_until: datetime | None
    created_at: datetime

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


def require_reason(reason: str) -> str:
    """The reason, whitespace folded; refused when it is too short to mean anything."""
    text = " ".join((reason or "").split())
    if len(text) < MIN_REASON:
        raise InputError("say why (a reason of a few words is required)", field="reason")
    return text


def require_supervisor(who: StaffView, what: str = "override the calendar rules") -> None:
    if not who.is_supervisor:
        raise RuleError("SUPERVISOR_ONLY", f"Only a supervisor may {what}.")


def add_staff(db: Database, username: str, password: str, *, role: str, display_name: str = "",
              now: datetime, actor: str = "kiosk-clerk --add-staff", reason: str | None = None) -> StaffView:
    """Create a staff account; the password follows the applicants' rules (accounts.py)."""
    name = normalise_username(username)
    if not (2 <= len(name) <= 64) or any(ch.isspace() for ch in name):
        raise InputError("a staff user name has 2 to 64 characters and no spaces", field="username")
    try:
        staff_role = StaffRole(role)
    except ValueError:
        raise InputError(f"{role!r} is not a role (clerk, supervisor)", field="role") from None
    shown = display_name.strip() or name
    digest = HASHER.hash(check_new_password(password, username=name))
    detail = {"username": name, "role": staff_role.value} | ({"reason": reason} if reason else {})
    try:
        with db.transaction() as s:
            if s.scalar(select(Staff.id).where(Staff.username == name)) is not None:
                raise InputError(f"staff user {name!r} exists already", field="username")
            s.add(Staff(username=name, display_name=shown, role=staff_role.value,
                        password_hash=digest, failed_count=0, created_at=now))
            audit.record(s, actor=actor, action="staff.added", now=now, detail=detail)
    except IntegrityError:
        raise InputError(f"staff user {name!r} exists already", field="username") from None
    return StaffView(name, shown, staff_role)


def add_clerk(db: Database, who: StaffView, username: str, password: str, display_name: str, reason: str, *,
              now: datetime) -> StaffView:
    """A supervisor adds a clerk from the console (supervisors are created on the command line)."""
    require_supervisor(who, "add staff accounts")
    why = require_reason(reason)
    return add_staff(db, username, password, role=StaffRole.CLERK.value, display_name=display_name, now=now,
                     actor=who.actor, reason=why)


def staff_sign_in(db: Database, username: str, password: str, *, now: datetime,
                  console: str | None = None) -> StaffView:
    """Check a staff password; every failure waits longer (enforced: SIGN_IN_TOO_SOON), the fifth locks for 15 minutes.

    `console`: the console's certificate id when the sign-in came through the central service (audited).

    A name no one has gets the same Argon2 work, counting, locks and messages as a wrong password.
    """
    name = normalise_username(username)
    pw = normalise_password(password)
    with db.session() as s:
        row = s.scalar(select(Staff).where(Staff.username == name))
        stranger = throttle.current(s, throttle.STAFF_SIGN_IN, throttle.hashed(name)) if row is None else None
    held = row if row is not None else stranger
    if held is not None and held.locked_until is not None and now < held.locked_until:
        raise _locked(held.locked_until)
    if held is not None:
        refuse_if_too_soon(held, now)  # the delay the last failure announced, before any password work
    if row is None:
        verify_dummy(pw)
        with db.transaction() as s:
            counted = throttle.count_failure(s, throttle.STAFF_SIGN_IN, throttle.hashed(name), now)
            count = counted.failed_count
            locked = counted.locked_until = _lock_after(count, now)
        raise _failed(count, locked)
    ok: bool  # argon2's verify returns True or raises
    try:
        ok = HASHER.verify(row.password_hash, pw)
    except (VerificationError, InvalidHashError):
        ok = False
    with db.transaction() as s:
        staff = s.get_one(Staff, row.id, with_for_update=True, populate_existing=True)
        if ok:
            staff.failed_count, staff.locked_until, staff.last_failed_at = 0, None, None
            audit.record(s, actor=f"staff:{name}", action="staff.signed_in", now=now,
                         detail={"console": console} if console else {})
            return StaffView(staff.username, staff.display_name, StaffRole(staff.role))
        staff.failed_count += 1
        staff.last_failed_at = now
        count = staff.failed_count
        locked = staff.locked_until = _lock_after(count, now)
        audit.record(s, actor=f"staff:{name}", action="staff.sign_in_failed", now=now,
                     detail={"failed_count": count, "locked_until": locked})
    raise _failed(count, locked)


def _lock_after(count: int, now: datetime) -> datetime | None:
    return now + LOCK_FOR if count % LOCK_AFTER == 0 else lock_after_failure(count, now)


def _locked(until: datetime) -> AccountError:
    return AccountError(ACCOUNT_LOCKED, f"This account is locked until {until:%H:%M} "
                                        "after too many failed sign-ins.", locked_until=until)


def _failed(count: int, locked: datetime | None) -> AccountError:
    if locked is not None:
        return AccountError(ACCOUNT_LOCKED, f"Too many failed sign-ins: locked until {locked:%H:%M}.",
                            locked_until=locked)
    left = LOCK_AFTER - count % LOCK_AFTER
    return AccountError(SIGN_IN_FAILED, f"The user name or the password is not right. {left} more tries "
                                        "before the account is locked.",
                        delay_seconds=retry_delay(count), attempts_left=left)


def list_staff(session: Session) -> list[StaffLine]:
    rows = session.scalars(select(Staff).order_by(Staff.role.desc(), Staff.username))
    return [StaffLine(r.username, r.display_name, StaffRole(r.role), r.failed_count, r.locked_until, r.created_at)
            for r in rows]


def unlock_staff(db: Database, who: StaffView, username: str, reason: str, *, now: datetime) -> StaffLine:
    """A supervisor lifts a lock and clears the failure count (the password stays as it is)."""
    require_supervisor(who, "unlock staff accounts")
    why, name = require_reason(reason), normalise_username(username)
    with db.transaction() as s:
        staff = s.scalar(select(Staff).where(Staff.username == name))
        if staff is None:
            raise InputError(f"no staff user {name!r}", field="username")
        before = {"failed_count": staff.failed_count, "locked_until": staff.locked_until}
        staff.failed_count, staff.locked_until, staff.last_failed_at = 0, None, None
        audit.record(s, actor=who.actor, action="staff.unlocked", now=now,
                     detail={"username": name, "before": before, "reason": why})
        return StaffLine(staff.username, staff.display_name, StaffRole(staff.role), 0, None, staff.created_at)
