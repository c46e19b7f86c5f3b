"""Applicant accounts: create and sign in (Argon2id, NIST SP 800-63B-4 password rules, lockout)."""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import NoReturn, Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain.errors import InputError, RuleError
from kiosk.resources import resource
from kiosk.services import budgets, throttle
from kiosk.store.accounts import Account, Throttle
from kiosk.store.db import Database

BLOCKLIST = resource("passwords", "common-passwords.txt")

MIN_LENGTH = 15  # NIST SP 800-63B-4: a password used alone has at least 15 characters
MAX_LENGTH = 1024  # far above the 64 NIST asks us to accept; Argon2 never truncates
USERNAME_MIN, USERNAME_MAX = 3, 254
TAG_DIGITS = 4  # sign_up's random tag: "meilin-4821"

# Failures slow down, then lock, long before NIST's ceiling of 100 consecutive failures
# (docs/anti-automation.md). A stranger must not be able to lock the owner out for good: the
# lock that only a clerk lifts is per account *and kiosk*; the account-wide one always ends.
DELAY_CAP_SECONDS = 30
LOCK_EVERY = 10  # every 10th consecutive failure locks the account ...
LOCK_BASE = timedelta(minutes=15)  # ... for 15 min, then 30, 60, 120 ...
LOCK_CAP = timedelta(hours=4)  # ... at most 4 h: never for good
KIOSK_HARD_LOCK_AFTER = 20  # the 20th failure at one kiosk locks the account there until a clerk unlocks it
HARD_LOCK_UNTIL = datetime(9999, 12, 31)

# argon2-cffi's defaults (Argon2id, t=3, m=64 MiB, p=4) are above OWASP's floor (m=19 MiB, t=2, p=1).
HASHER = PasswordHasher()
# An unknown user name is checked against this hash, so it costs what a wrong password costs. Made with
# HASHER's parameters (a test keeps them equal) ahead of time: the first unknown name is not a hash slower.
DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$lYQ+rQJ7KEgkqrJe/B/V5Q$DjxLJsIeauQPvTgO7lEpzjKnVFbamX8jDL7NKNm+HsA"

# Codes the UI translates; `message` is the English text for logs and the CLI.
PASSWORD_TOO_SHORT = "PASSWORD_TOO_SHORT"
PASSWORD_TOO_LONG = "PASSWORD_TOO_LONG"
PASSWORD_BLOCKLISTED = "PASSWORD_BLOCKLISTED"
PASSWORD_IS_USERNAME = "PASSWORD_IS_USERNAME"
USERNAME_INVALID = "USERNAME_INVALID"
USERNAME_TAKEN = "USERNAME_TAKEN"
SIGN_IN_FAILED = "SIGN_IN_FAILED"
SIGN_IN_TOO_SOON = "SIGN_IN_TOO_SOON"
ACCOUNT_LOCKED = "ACCOUNT_LOCKED"


class AccountError(RuleError):
    """A refused account request; `delay_seconds`/`locked_until` tell the UI when to allow a retry."""

    def __init__(self, code: str, message: str, *, delay_seconds: int = 0,
                 locked_until: datetime | None = None, attempts_left: int | None = None) -> None:
        super().__init__(code, message)
        self.delay_seconds = delay_seconds
        self.locked_until = locked_until
        self.attempts_left = attempts_left


@dataclass(frozen=True)
class AccountView:
    id: int
    username: str


def normalise_password(password: str) -> str:
    """NFKC, as NIST asks, so the same password typed on two keyboards hashes the same."""
    return unicodedata.normalize("NFKC", password)


def normalise_username(username: str) -> str:
    return unicodedata.normalize("NFKC", username).strip().casefold()


@lru_cache(maxsize=1)
def _blocklist() -> frozenset[str]:
    with BLOCKLIST.open(encoding="utf-8") as f:
        return frozenset(line.strip().casefold() for line in f if line.strip())


def is_blocklisted(password: str) -> bool:
    """On the common-password list, also with spaces removed, or one short unit repeated."""
    folded = normalise_password(password).casefold()
    candidates = {folded, "".join(folded.split())}
    words = _blocklist()
    if any(c in words for c in candidates):
        return True
    # "aaaaaaaaaaaaaaa", "abcabcabcabcabc", "passwordpassword…": no new secret in a repetition.
    compact = "".join(folded.split())
    for size in range(1, 9):
        unit = compact[:size]
        if unit and len(compact) % size == 0 and unit * (len(compact) // size) == compact:
            return True
    return False


def check_new_password(password: str, *, username: str = "") -> str:
    """The normalised password, or AccountError saying which rule it breaks. No composition rules."""
    pw = normalise_password(password)
    length = len(pw)  # code points after NFKC: every Unicode character counts as one
    if length < MIN_LENGTH:
        raise AccountError(PASSWORD_TOO_SHORT,
                           f"A password needs at least {MIN_LENGTH} characters; this one has {length}. "
                           "Spaces count: a short sentence works well.")
    if length > MAX_LENGTH:
        raise AccountError(PASSWORD_TOO_LONG, f"A password may have at most {MAX_LENGTH} characters.")
    if username and normalise_username(username) in {pw.casefold(), pw.strip().casefold()}:
        raise AccountError(PASSWORD_IS_USERNAME, "The password must not be the same as the user name.")
    if is_blocklisted(pw):
        raise AccountError(PASSWORD_BLOCKLISTED,
                           "This password is on a list of common or leaked passwords. Choose another one.")
    return pw


def _check_username(username: str) -> str:
    name = normalise_username(username)
    if not (USERNAME_MIN <= len(name) <= USERNAME_MAX) or any(ch.isspace() for ch in name):
        raise AccountError(USERNAME_INVALID,
                           f"A user name or e-mail address has {USERNAME_MIN} to {USERNAME_MAX} "
                           "characters and no spaces.")
    return name


def create_account(db: Database, username: str, password: str, *, now: datetime,
                   also: Callable[[Session, Account], None] | None = None) -> AccountView:
    """Create an account; the password is checked, hashed off the caller's thread, never stored.

    `also` runs in the same transaction once the row exists (a kiosk offline queues it for central).
    """
    name = _check_username(username)
    pw = check_new_password(password, username=name)
    digest = HASHER.hash(pw)  # outside the transaction: ~0.2 s we don't hold the write lock for
    try:
        with db.transaction() as s:
            if s.scalar(select(Account.id).where(Account.username == name)) is not None:
                raise AccountError(USERNAME_TAKEN, "This user name is already taken. Sign in instead, or choose another.")
            account = Account(username=name, password_hash=digest, failed_count=0, created_at=now)
            s.add(account)
            s.flush()
            if also is not None:
                also(s, account)
            return AccountView(account.id, account.username)
    except IntegrityError:  # another kiosk created the same name a moment ago
        raise AccountError(USERNAME_TAKEN, "This user name is already taken. Sign in instead, or choose another.") from None


def tagged(base: str, tag: str) -> str:
    """"meilin" → "meilin-4821"; an e-mail address keeps its domain: "mei@example.cn" → "mei-4821@example.cn"."""
    local, at, domain = base.rpartition("@")
    return f"{local}-{tag}@{domain}" if at and local else f"{base}-{tag}"


def sign_up(db: Database, username: str, password: str, *, now: datetime, kiosk_id: str = "local",
            also: Callable[[Session, Account], None] | None = None,
            on_alert: budgets.AlertSink | None = None) -> AccountView:
    """The kiosk's sign-up: the chosen name with a random tag ("meilin-4821"), so it never says a name exists.

    Whether anyone already uses the chosen name changes nothing: the answer is a new account
    under a tagged name nobody has (OWASP: no account enumeration at registration). At most
    budgets.SIGN_UP accounts per kiosk. `also` as for `create_account`.
    """
    base = _check_username(username)
    if len(base) > USERNAME_MAX - TAG_DIGITS - 1:
        raise AccountError(USERNAME_INVALID, f"A user name or e-mail address has {USERNAME_MIN} to "
                           f"{USERNAME_MAX - TAG_DIGITS - 1} characters and no spaces.")
    pw = check_new_password(password, username=base)
    with db.session() as s:
        budgets.admit_sign_up(s, kiosk_id=kiosk_id, now=now)
    digest = HASHER.hash(pw)
    for _ in range(20):
        name = tagged(base, f"{secrets.randbelow(10 ** TAG_DIGITS):0{TAG_DIGITS}d}")
        try:
            with db.transaction() as s:
                if s.scalar(select(Account.id).where(Account.username == name)) is not None:
                    continue
                account = Account(username=name, password_hash=digest, failed_count=0, created_at=now)
                s.add(account)
                s.flush()
                budgets.count_sign_up(s, kiosk_id=kiosk_id, now=now, on_alert=on_alert)
                if also is not None:
                    also(s, account)
                return AccountView(account.id, account.username)
        except IntegrityError:  # the same tag made at another kiosk a moment ago: draw again
            continue
    raise AccountError(USERNAME_INVALID, "Please choose another user name.")


def add_account_made_offline(session: Session, username: str, password_hash: str, *, now: datetime) -> AccountView:
    """Central's side of an account a kiosk created while offline: the same name and hash, if the name is free.

    The kiosk checked the password rules and hashed it; central never sees the password.
    """
    name = _check_username(username)
    if not isinstance(password_hash, str) or not password_hash.startswith("$argon2id$"):
        raise InputError("not an Argon2id hash", field="password_hash")
    if session.scalar(select(Account.id).where(Account.username == name)) is not None:
        raise AccountError(USERNAME_TAKEN, "This user name was taken on another kiosk or online first.")
    account = Account(username=name, password_hash=password_hash, failed_count=0, created_at=now)
    session.add(account)
    session.flush()
    return AccountView(account.id, account.username)


def find_account(db: Database, username: str) -> AccountView | None:
    with db.session() as s:
        row = s.scalar(select(Account).where(Account.username == normalise_username(username)))
    return AccountView(row.id, row.username) if row is not None else None


def retry_delay(failed_count: int) -> int:
    """Seconds to wait after `failed_count` consecutive failures: 0, 1, 2, 4, 8, 16, 30, 30 …"""
    if failed_count <= 0:
        return 0
    return min(2 ** (failed_count - 1), DELAY_CAP_SECONDS)


def lock_after_failure(failed_count: int, now: datetime) -> datetime | None:
    """When the failure numbered `failed_count` (account-wide) locks the account, until when: never for good."""
    if failed_count % LOCK_EVERY == 0:
        return now + min(LOCK_BASE * 2 ** min(failed_count // LOCK_EVERY - 1, 8), LOCK_CAP)
    return None


def kiosk_key(name: str, kiosk_id: str) -> str:
    """The key of one user name at one kiosk: hashed name first, so `unlock` finds every kiosk's row."""
    return throttle.hashed(name)[:32] + throttle.hashed(kiosk_id)[:32]


def _count_here(s: Session, name: str, kiosk_id: str, now: datetime) -> Throttle:
    """A failure of this name at this kiosk: the same delays; the 20th locks it here until a clerk unlocks."""
    row = throttle.count_failure(s, throttle.SIGN_IN_AT, kiosk_key(name, kiosk_id), now)
    row.locked_until = HARD_LOCK_UNTIL if row.failed_count >= KIOSK_HARD_LOCK_AFTER else None
    return row


def sign_in(db: Database, username: str, password: str, *, now: datetime, kiosk_id: str = "local",
            on_alert: budgets.AlertSink | None = None) -> AccountView:
    """Check a password; count failures, slow them down and lock; reset the count on success.

    An unknown user name is answered exactly like a wrong password: the same Argon2 work, the
    same counting (in `throttles`), the same delays, locks and messages. Failures are counted
    for the account, for the account at this kiosk, and for the kiosk (kiosk.services.budgets).
    """
    name = normalise_username(username)
    pw = normalise_password(password)
    with db.session() as s:
        budgets.admit_sign_in(s, kiosk_id=kiosk_id, now=now)
        here = throttle.current(s, throttle.SIGN_IN_AT, kiosk_key(name, kiosk_id))
        account = s.scalar(select(Account).where(Account.username == name))
        stranger = throttle.current(s, throttle.SIGN_IN, throttle.hashed(name)) if account is None else None
    if here is not None:
        _refuse_if_waiting(here, now)
    if account is None:
        _unknown_name(db, name, pw, stranger, now, kiosk_id, on_alert)
    _refuse_if_waiting(account, now)
    ok: bool  # argon2's verify returns True or raises
    try:
        ok = HASHER.verify(account.password_hash, pw)
    except (VerificationError, InvalidHashError):
        ok = False
    with db.transaction() as s:
        row = s.get(Account, account.id, with_for_update=True, populate_existing=True)
        assert row is not None
        if ok:
            row.failed_count, row.locked_until, row.last_failed_at = 0, None, None
            throttle.clear(s, throttle.SIGN_IN_AT, kiosk_key(name, kiosk_id))
            if HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = HASHER.hash(pw)
            return AccountView(row.id, row.username)
        row.failed_count += 1
        row.last_failed_at = now
        row.locked_until = lock_after_failure(row.failed_count, now)
        at_kiosk = _count_here(s, name, kiosk_id, now)
        budgets.count_sign_in_failure(s, kiosk_id=kiosk_id, now=now, on_alert=on_alert)
        failure = _failed(row.failed_count, row.locked_until, at_kiosk)
    raise failure


def _unknown_name(db: Database, name: str, password: str, held: Throttle | None, now: datetime, kiosk_id: str,
                  on_alert: budgets.AlertSink | None) -> NoReturn:
    if held is not None:
        _refuse_if_waiting(held, now)
    verify_dummy(password)
    with db.transaction() as s:
        row = throttle.count_failure(s, throttle.SIGN_IN, throttle.hashed(name), now)
        row.locked_until = lock_after_failure(row.failed_count, now)
        at_kiosk = _count_here(s, name, kiosk_id, now)
        budgets.count_sign_in_failure(s, kiosk_id=kiosk_id, now=now, on_alert=on_alert)
        failure = _failed(row.failed_count, row.locked_until, at_kiosk)
    raise failure


def _failed(count: int, locked_until: datetime | None, at_kiosk: Throttle) -> AccountError:
    if at_kiosk.locked_until is not None:
        return _locked(at_kiosk.locked_until)
    if locked_until is not None:
        return _locked(locked_until)
    left = min(LOCK_EVERY - count % LOCK_EVERY, KIOSK_HARD_LOCK_AFTER - at_kiosk.failed_count)
    return AccountError(SIGN_IN_FAILED,
                        f"The user name or the password is not right. {left} more tries before the "
                        f"account is locked; wait {retry_delay(count)} s before the next one.",
                        delay_seconds=retry_delay(count), attempts_left=left)


def _refuse_if_waiting(account: Account | Throttle, now: datetime) -> None:
    if account.locked_until is not None and now < account.locked_until:
        raise _locked(account.locked_until)
    refuse_if_too_soon(account, now)


class FailureCount(Protocol):
    """A row that counts failed sign-ins (an account, a staff member, a name no one has)."""

    failed_count: int
    last_failed_at: datetime | None


def refuse_if_too_soon(row: FailureCount, now: datetime) -> None:
    """SIGN_IN_TOO_SOON until the delay the last failure announced (`retry_delay`) has passed."""
    if row.last_failed_at is not None:
        ready = row.last_failed_at + timedelta(seconds=retry_delay(row.failed_count))
        if now < ready:
            wait = max(1, int((ready - now).total_seconds() + 0.999))
            raise AccountError(SIGN_IN_TOO_SOON, f"Please wait {wait} s before trying again.", delay_seconds=wait)


def _locked(until: datetime) -> AccountError:
    if until >= HARD_LOCK_UNTIL:
        return AccountError(ACCOUNT_LOCKED, "This account is locked at this kiosk after too many failed sign-ins. "
                            "Please ask a member of staff to unlock it.", locked_until=until)
    return AccountError(ACCOUNT_LOCKED, f"This account is locked after too many failed sign-ins, "
                        f"until {until:%H:%M}.", locked_until=until)


def verify_dummy(password: str) -> None:
    """One Argon2 verification that always fails: the work of checking a password, for a name nobody has."""
    try:
        HASHER.verify(DUMMY_HASH, password)
    except VerificationError:
        pass


def unlock(db: Database, username: str) -> bool:
    """A clerk's unlock: clears the failure count and the lock, at every kiosk. False if no such account."""
    name = normalise_username(username)
    with db.transaction() as s:
        s.execute(delete(Throttle).where(Throttle.scope == throttle.SIGN_IN_AT,
                                         Throttle.key.startswith(throttle.hashed(name)[:32], autoescape=True)))
        row = s.scalar(select(Account).where(Account.username == name))
        if row is None:
            throttle.clear(s, throttle.SIGN_IN, throttle.hashed(name))  # a name nobody has, locked all the same
            return False
        row.failed_count, row.locked_until, row.last_failed_at = 0, None, None
        return True
