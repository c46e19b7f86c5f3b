"""Accounts in a real migrated database: create, sign in, slow-down, lockout, unlock."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.services import accounts
from kiosk.services.accounts import AccountError, create_account, sign_in, unlock
from kiosk.store.accounts import Account
from kiosk.store.db import Database

NOW = datetime(2026, 11, 2, 9, 0)
GOOD = "a walk along the pearl river"


# `db` (tests/conftest.py): a migrated database, on SQLite and on PostgreSQL when one is configured.


def _refused(db: Database, user: str, pw: str, now: datetime) -> AccountError:
    with pytest.raises(AccountError) as info:
        sign_in(db, user, pw, now=now)
    return info.value


def test_create_then_sign_in_with_other_case_and_nfkc_form(db) -> None:
    made = create_account(db, "Mei.Lin@Example.cn", GOOD, now=NOW)
    # Full-width "ａ" is NFKC-equal to "a"; the user name is case-insensitive.
    assert sign_in(db, "mei.lin@example.cn", "ａ walk along the pearl river", now=NOW) == made


def test_user_name_is_unique_case_insensitively(db) -> None:
    create_account(db, "meilin", GOOD, now=NOW)
    with pytest.raises(AccountError) as info:
        create_account(db, "MEILIN", GOOD, now=NOW)
    assert info.value.code == accounts.USERNAME_TAKEN


def test_password_is_stored_only_as_an_argon2id_hash(db) -> None:
    create_account(db, "meilin", GOOD, now=NOW)
    with db.session() as s:
        stored = s.scalar(select(Account.password_hash))
    assert stored.startswith("$argon2id$") and GOOD not in stored


def test_unknown_user_and_wrong_password_get_the_same_message(db) -> None:
    create_account(db, "meilin", GOOD, now=NOW)
    unknown = _refused(db, "nobody", GOOD, NOW)
    wrong = _refused(db, "meilin", "a walk along the yellow river", NOW)
    assert unknown.code == wrong.code == accounts.SIGN_IN_FAILED
    assert unknown.message.split(".")[0] == wrong.message.split(".")[0]


def test_failures_return_an_increasing_delay_and_early_retries_are_refused(db) -> None:
    create_account(db, "meilin", GOOD, now=NOW)
    t, delays = NOW, []
    for _ in range(5):
        err = _refused(db, "meilin", "not the right passphrase", t)
        delays.append(err.delay_seconds)
        t += timedelta(seconds=err.delay_seconds)
    assert delays == [1, 2, 4, 8, 16]
    early = _refused(db, "meilin", GOOD, t - timedelta(seconds=5))
    assert early.code == accounts.SIGN_IN_TOO_SOON and early.delay_seconds == 5
    # Waiting out the delay, the right password still works, and resets the count.
    assert sign_in(db, "meilin", GOOD, now=t).username == "meilin"
    assert _refused(db, "meilin", "wrong once more please", t).delay_seconds == 1


def _fail_until_locked(db: Database, t: datetime) -> tuple[AccountError, datetime]:
    while True:
        err = _refused(db, "meilin", "not the right passphrase", t)
        if err.code == accounts.ACCOUNT_LOCKED:
            return err, t
        t += timedelta(seconds=err.delay_seconds)


def test_tenth_consecutive_failure_locks_for_fifteen_minutes_even_for_the_right_password(db) -> None:
    create_account(db, "meilin", GOOD, now=NOW)
    err, t = _fail_until_locked(db, NOW)
    with db.session() as s:
        assert s.scalar(select(Account.failed_count)) == 10
    assert err.locked_until == t + timedelta(minutes=15)
    assert _refused(db, "meilin", GOOD, t + timedelta(minutes=14)).code == accounts.ACCOUNT_LOCKED
    assert sign_in(db, "meilin", GOOD, now=t + timedelta(minutes=15)).username == "meilin"


def test_lock_grows_and_fiftieth_failure_needs_a_clerk(db) -> None:
    create_account(db, "meilin", GOOD, now=NOW)
    t, locks = NOW, []
    for _ in range(5):
        err, t = _fail_until_locked(db, t)
        locks.append(err.locked_until - t)
        if err.locked_until == accounts.HARD_LOCK_UNTIL:
            break
        t = err.locked_until
    assert locks[:4] == [timedelta(minutes=m) for m in (15, 30, 60, 120)]
    assert err.locked_until == accounts.HARD_LOCK_UNTIL  # 50 failures, well before NIST's 100
    assert _refused(db, "meilin", GOOD, t + timedelta(days=365)).code == accounts.ACCOUNT_LOCKED
    assert unlock(db, "MeiLin")
    assert sign_in(db, "meilin", GOOD, now=t + timedelta(days=365)).username == "meilin"
