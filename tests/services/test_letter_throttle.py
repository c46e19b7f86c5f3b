"""Letter lookups are throttled per case number in the database: no guessing a stranger's date of birth."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from kiosk.domain.errors import InputError
from kiosk.services import audit, throttle
from kiosk.services.letter import (
    LETTER_LOOKUP_LOCKED, LOCKOUT_ACTION, LOOKUP_LIMIT, LOOKUP_LOCK, NOT_FOUND, LookupLocked, look_up_letter,
)
from kiosk.store.accounts import Throttle
from kiosk.store.db import Database
from kiosk.store.sync_tables import OutboxCommand
from kiosk.sync.outbox import lockout_via_outbox
from tests.factories import NOW, add_case, case_number, seed_post

CASE = case_number(1)
UNKNOWN = case_number(999)
RIGHT, WRONG = "1988-07-30", "1988-07-31"  # add_case's principal is born 1988-07-30


@pytest.fixture
def post(db: Database) -> Database:
    seed_post(db)
    add_case(db, CASE)
    return db


def _look(db: Database, number: str, dob: str, now: datetime):  # type: ignore[no-untyped-def]
    return look_up_letter(db, number, dob, today=now.date(), now=now)


def _answer(db: Database, number: str, dob: str, now: datetime) -> tuple[str, str]:
    """What the visitor is told: the kind of refusal and its text."""
    try:
        _look(db, number, dob, now)
    except LookupLocked as exc:
        return exc.code, exc.message
    except InputError as exc:
        return exc.field or "", exc.reason
    return "found", ""


def _miss(db: Database, number: str, now: datetime, times: int) -> None:
    for i in range(times):
        assert _answer(db, number, WRONG, now + timedelta(seconds=i)) == ("case_number", NOT_FOUND)


def test_the_fifth_wrong_date_locks_the_case_even_for_the_right_date_then_it_opens_again(post) -> None:
    _miss(post, CASE, NOW, LOOKUP_LIMIT - 1)
    with pytest.raises(LookupLocked) as locked:
        _look(post, CASE, WRONG, NOW + timedelta(minutes=1))
    assert locked.value.code == LETTER_LOOKUP_LOCKED
    assert locked.value.until == NOW + timedelta(minutes=1) + LOOKUP_LOCK
    with pytest.raises(LookupLocked):
        _look(post, CASE, RIGHT, locked.value.until - timedelta(seconds=1))
    assert _look(post, CASE, RIGHT, locked.value.until).case.case_number == CASE


def test_an_unknown_case_number_is_answered_and_locked_exactly_like_a_wrong_date(post) -> None:
    known = [_answer(post, CASE, WRONG, NOW + timedelta(minutes=i)) for i in range(LOOKUP_LIMIT + 2)]
    unknown = [_answer(post, UNKNOWN, WRONG, NOW + timedelta(minutes=i)) for i in range(LOOKUP_LIMIT + 2)]
    assert known == unknown
    assert [code for code, _ in known] == ["case_number"] * (LOOKUP_LIMIT - 1) + [LETTER_LOOKUP_LOCKED] * 3


def test_the_locked_message_names_no_case_no_person_and_sends_to_the_counter(post) -> None:
    _miss(post, CASE, NOW, LOOKUP_LIMIT - 1)
    code, message = _answer(post, CASE, WRONG, NOW)
    assert code == LETTER_LOOKUP_LOCKED and "counter" in message
    for personal in (CASE, "2019", "LIN", "MEI", "1988", "07-30"):
        assert personal not in message


def test_a_success_forgets_the_misses(post) -> None:
    _miss(post, CASE, NOW, LOOKUP_LIMIT - 1)
    assert _answer(post, CASE, RIGHT, NOW + timedelta(minutes=1)) == ("found", "")
    with post.session() as s:
        assert throttle.current(s, throttle.LETTER, CASE) is None
    _miss(post, CASE, NOW + timedelta(minutes=2), LOOKUP_LIMIT - 1)  # a fresh count: still not locked


def test_misses_an_hour_apart_never_add_up_to_a_lock(post) -> None:
    _miss(post, CASE, NOW, LOOKUP_LIMIT - 1)
    _miss(post, CASE, NOW + timedelta(hours=1), LOOKUP_LIMIT - 1)
    with post.session() as s:
        assert s.get(Throttle, (throttle.LETTER, CASE)).failed_count == LOOKUP_LIMIT - 1


def test_after_a_lock_each_further_miss_within_the_hour_locks_again(post) -> None:
    _miss(post, CASE, NOW, LOOKUP_LIMIT - 1)
    first = _answer(post, CASE, WRONG, NOW + timedelta(minutes=1))
    assert first[0] == LETTER_LOOKUP_LOCKED
    again = NOW + timedelta(minutes=1) + LOOKUP_LOCK  # the lock is over, the hour is not
    assert _answer(post, CASE, WRONG, again)[0] == LETTER_LOOKUP_LOCKED
    with pytest.raises(LookupLocked) as locked:
        _look(post, CASE, RIGHT, again + timedelta(minutes=1))
    assert locked.value.until == again + LOOKUP_LOCK


def test_a_lockout_is_audited_with_the_case_number_and_counts_but_no_dates_tried(post) -> None:
    _miss(post, CASE, NOW, LOOKUP_LIMIT - 1)
    _answer(post, CASE, "1990-01-02", NOW + timedelta(minutes=1))
    with post.session() as s:
        events = [e for e in audit.history(s, CASE) if e.action == LOCKOUT_ACTION]
    assert len(events) == 1
    assert events[0].detail["failures"] == LOOKUP_LIMIT
    assert "1990" not in json.dumps(events[0].detail) and "1988" not in json.dumps(events[0].detail)


def test_a_kiosk_cache_sends_its_lockout_to_central_as_an_audit_command(post) -> None:
    now = NOW + timedelta(minutes=1)
    _miss(post, CASE, NOW, LOOKUP_LIMIT - 1)
    with pytest.raises(LookupLocked):
        look_up_letter(post, CASE, WRONG, today=now.date(), now=now, on_lockout=lockout_via_outbox("hall-1", now))
    with post.session() as s:
        queued = s.scalars(select(OutboxCommand)).all()
        assert not [e for e in audit.history(s, CASE) if e.action == LOCKOUT_ACTION]  # central's trail, not ours
    assert [(c.kind, json.loads(c.payload)["action"], json.loads(c.payload)["case_number"]) for c in queued] == [
        ("audit", LOCKOUT_ACTION, CASE)]


def _at_once(n: int, work) -> None:  # type: ignore[no-untyped-def]
    """Run `work` on n threads released together; any exception fails the test."""
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run() -> None:
        barrier.wait()
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 — reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []


def test_misses_from_many_kiosks_at_once_are_all_counted(post) -> None:
    # One short of the limit: once a lookup has locked the number, later ones are refused uncounted.
    _at_once(LOOKUP_LIMIT - 1, lambda: _answer(post, UNKNOWN, WRONG, NOW))
    with post.session() as s:
        row = s.get(Throttle, (throttle.LETTER, UNKNOWN))
    assert row.failed_count == LOOKUP_LIMIT - 1 and row.locked_until is None
    assert _answer(post, UNKNOWN, WRONG, NOW)[0] == LETTER_LOOKUP_LOCKED


def test_the_failure_counter_loses_no_update_when_many_write_at_once(post) -> None:
    def fail() -> None:
        with post.transaction() as s:
            throttle.count_failure(s, throttle.SIGN_IN, throttle.hashed("nobody"), NOW)

    _at_once(16, fail)
    with post.session() as s:
        assert s.get(Throttle, (throttle.SIGN_IN, throttle.hashed("nobody"))).failed_count == 16


def test_a_badly_typed_case_number_or_date_is_not_counted(post) -> None:
    for case_text, dob in (("GUZ12", WRONG), (CASE, "30 July")):
        with pytest.raises(InputError):
            _look(post, case_text, dob, NOW)
    with post.session() as s:
        assert s.scalars(select(Throttle)).all() == []
