"""Accounts in a real migrated database: create, sign in, slow-down, lockout, unlock; unknown names alike."""

from __future__ import annotations

import statistics
import time
from datetime import datetime, timedelta

import pytest
from argon2 import extract_parameters
from sqlalchemy import select

from kiosk.services import accounts, throttle
from kiosk.services.accounts import AccountError, create_account, sign_in, unlock
from kiosk.store.accounts import Account, Throttle
from kiosk.store.db import Database

NOW = datetime(2026, 11, 2, 9, 0)
GOOD = "a walk along the pearl river"


# `db` (tests/conftest.py): a migrated database, on SQLite and on PostgreSQL when one is configured.


def _refused(db: Database, user: str, pw: str, now: datetime, kiosk: str = "local") -> AccountError:
    with pytest.raises(AccountError) as info:
        sign_in(db, user, pw, now=now, kiosk_id=kiosk)
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


def test_a_stranger_cannot_lock_the_owner_out_for_good(db) -> None:
    """60 spaced tries at one kiosk (the attack measured before: a lock for good in about 4 h)."""
    create_account(db, "meilin", GOOD, now=NOW)
    t, locks = NOW, []
    for _ in range(60):
        err = _refused(db, "meilin", "not the right passphrase", t, kiosk="hall-1")
        if err.locked_until is not None:
            locks.append(err.locked_until - t)
        if err.locked_until == accounts.HARD_LOCK_UNTIL:
            break
        t = err.locked_until or t + timedelta(seconds=err.delay_seconds)
    with db.session() as s:
        assert s.scalar(select(Account.failed_count)) == accounts.KIOSK_HARD_LOCK_AFTER  # then nothing counts
    assert locks[0] == timedelta(minutes=15)
    # Locked for good only at that kiosk; the account-wide lock ends (30 min after the 20th failure).
    assert _refused(db, "meilin", GOOD, t + timedelta(days=365), kiosk="hall-1").code == accounts.ACCOUNT_LOCKED
    assert sign_in(db, "meilin", GOOD, now=t + timedelta(minutes=30), kiosk_id="hall-2").username == "meilin"
    # Nor does the account-wide lock ever become permanent: it grows to LOCK_CAP and stops there.
    assert accounts.lock_after_failure(1000, t) == t + accounts.LOCK_CAP
    assert unlock(db, "MeiLin")  # a clerk, who can see the owner, reopens it at the first kiosk too
    assert sign_in(db, "meilin", GOOD, now=t + timedelta(days=365), kiosk_id="hall-1").username == "meilin"


def _answer(db: Database, user: str, pw: str, now: datetime) -> tuple:
    """Everything a refusal tells the visitor (and the UI): code, text, wait, tries left, lock."""
    err = _refused(db, user, pw, now)
    return err.code, err.message, err.delay_seconds, err.attempts_left, err.locked_until


def test_an_unknown_name_is_answered_like_a_wrong_password_failure_after_failure(db) -> None:
    create_account(db, "meilin", GOOD, now=NOW)
    t, codes = NOW, []
    for _ in range(11):  # past the first lock: delays, "tries left", the lock and its time
        known = _answer(db, "meilin", "not the right passphrase", t)
        codes.append(known[0])
        unknown = _answer(db, "nobody@example.cn", "not the right passphrase", t)
        assert known == unknown
        if known[2]:  # retrying too soon is refused alike too
            assert _answer(db, "meilin", GOOD, t) == _answer(db, "nobody@example.cn", GOOD, t)
        t = known[4] if known[4] is not None else t + timedelta(seconds=known[2])
    assert codes[9] == accounts.ACCOUNT_LOCKED and codes[10] == accounts.SIGN_IN_FAILED  # locked both, then open


def test_an_unknown_name_is_counted_under_a_hash_never_as_typed(db) -> None:
    _refused(db, "Typed.A.Password.Here", "whatever was typed", NOW)
    with db.session() as s:
        rows = s.scalars(select(Throttle)).all()
    (row,) = [r for r in rows if r.scope == throttle.SIGN_IN]
    assert row.key == throttle.hashed("typed.a.password.here")
    assert not any("typed" in r.key for r in rows)


def test_unlock_also_clears_a_locked_unknown_name(db) -> None:
    t = NOW
    while (err := _refused(db, "nobody", "not the right passphrase", t)).code != accounts.ACCOUNT_LOCKED:
        t += timedelta(seconds=err.delay_seconds)
    assert unlock(db, "nobody") is False  # no such account, yet the name answers like a fresh one again
    assert _answer(db, "nobody", "not the right passphrase", t)[2] == 1


def test_the_dummy_hash_costs_what_a_real_hash_costs() -> None:
    params = extract_parameters(accounts.DUMMY_HASH)
    hasher = accounts.HASHER
    assert (params.type, params.time_cost, params.memory_cost, params.parallelism, params.hash_len) == (
        hasher.type, hasher.time_cost, hasher.memory_cost, hasher.parallelism, hasher.hash_len)


def _seconds(fn) -> float:  # type: ignore[no-untyped-def]
    """CPU seconds of this process (Argon2's lanes included): the work done, which a busy machine does not stretch
    as it stretches wall time (medians of 3 wall times failed at load 8-10)."""
    started = time.process_time()
    fn()
    return time.process_time() - started


def test_an_unknown_name_takes_as_long_as_a_wrong_password(db) -> None:
    """Argon2 (~0.1-0.2 s) dominates both; without the dummy check an unknown name answers ~30x sooner."""
    create_account(db, "meilin", GOOD, now=NOW)
    wrong, unknown, verify = [], [], []
    for i in range(3):
        t = NOW + timedelta(hours=i)  # past every delay: each try reaches the password check
        wrong.append(_seconds(lambda t=t: _refused(db, "meilin", "not the right passphrase", t)))
        unknown.append(_seconds(lambda i=i, t=t: _refused(db, f"nobody{i}", "not the right passphrase", t)))
        verify.append(_seconds(lambda: accounts.verify_dummy("not the right passphrase")))
    ratio = statistics.median(unknown) / statistics.median(wrong)
    assert 0.5 < ratio < 2.0, (unknown, wrong)
    assert statistics.median(unknown) > 0.7 * statistics.median(verify)  # the hash's work is really done
