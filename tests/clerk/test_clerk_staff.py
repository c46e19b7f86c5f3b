"""Staff management from the console: a supervisor lists staff, unlocks a locked account, adds a clerk."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.domain.errors import InputError, RuleError
from kiosk.services import clerk
from kiosk.services.accounts import AccountError
from kiosk.store.staff import StaffRole
from tests.clerk.conftest import CLERK, NOW, PASSWORD, SUPERVISOR
from tests.clerk.test_clerk_services import events


def lock_out(db, username: str) -> None:  # type: ignore[no-untyped-def]
    for i in range(clerk.LOCK_AFTER):
        with pytest.raises(AccountError):
            clerk.staff_sign_in(db, username, "not the password at all", now=NOW + timedelta(minutes=i))


def test_a_supervisor_unlocks_a_locked_clerk_who_can_then_sign_in(sdb) -> None:
    lock_out(sdb, "wang")
    with sdb.session() as s:
        (line,) = [x for x in clerk.list_staff(s) if x.username == "wang"]
    assert line.locked(NOW) and line.failed_count == clerk.LOCK_AFTER
    with pytest.raises(RuleError) as exc:
        clerk.unlock_staff(sdb, CLERK, "wang", "forgot the caps lock", now=NOW)
    assert exc.value.code == "SUPERVISOR_ONLY"
    with pytest.raises(InputError, match="reason"):
        clerk.unlock_staff(sdb, SUPERVISOR, "wang", "", now=NOW)
    clerk.unlock_staff(sdb, SUPERVISOR, "WANG", "identity checked in person", now=NOW)
    assert clerk.staff_sign_in(sdb, "wang", PASSWORD, now=NOW).username == "wang"
    (unlocked,) = events(sdb, "staff.unlocked")
    assert (unlocked["actor"], unlocked["username"], unlocked["reason"]) == (
        "staff:chen", "wang", "identity checked in person")
    assert unlocked["before"]["failed_count"] == clerk.LOCK_AFTER


def test_a_supervisor_adds_a_clerk_who_can_sign_in_and_a_clerk_cannot(sdb) -> None:
    with pytest.raises(RuleError):
        clerk.add_clerk(sdb, CLERK, "zhou", PASSWORD, "Zhou Min", "new starter", now=NOW)
    with pytest.raises(AccountError):  # the password rules hold here too
        clerk.add_clerk(sdb, SUPERVISOR, "zhou", "short", "Zhou Min", "new starter", now=NOW)
    made = clerk.add_clerk(sdb, SUPERVISOR, "Zhou", PASSWORD, "Zhou Min", "new starter, counter 5", now=NOW)
    assert (made.username, made.role) == ("zhou", StaffRole.CLERK)
    assert clerk.staff_sign_in(sdb, "zhou", PASSWORD, now=NOW).display_name == "Zhou Min"
    with sdb.session() as s:
        assert [(x.username, x.role.value) for x in clerk.list_staff(s)] == [
            ("chen", "supervisor"), ("wang", "clerk"), ("zhou", "clerk")]  # supervisors first
    assert [(e["actor"], e["username"], e.get("reason")) for e in events(sdb, "staff.added")] == [
        ("staff:chen", "zhou", "new starter, counter 5")]


def test_unlocking_nobody_is_an_input_error(sdb) -> None:
    with pytest.raises(InputError, match="no staff user"):
        clerk.unlock_staff(sdb, SUPERVISOR, "nobody", "typo check", now=NOW)


def _answer(db, username: str, now) -> tuple:  # type: ignore[no-untyped-def]
    with pytest.raises(AccountError) as info:
        clerk.staff_sign_in(db, username, "not the password at all", now=now)
    e = info.value
    return e.code, e.message, e.delay_seconds, e.attempts_left, e.locked_until


def test_an_unknown_staff_name_is_answered_like_a_wrong_password_through_the_lock(sdb) -> None:
    answers = [(_answer(sdb, "wang", NOW + timedelta(minutes=i)), _answer(sdb, "nobody", NOW + timedelta(minutes=i)))
               for i in range(clerk.LOCK_AFTER + 1)]
    assert all(known == unknown for known, unknown in answers)
    assert [known[0] for known, _ in answers][-2:] == ["ACCOUNT_LOCKED", "ACCOUNT_LOCKED"]


def test_an_unknown_staff_name_costs_an_argon2_verification(sdb) -> None:
    import statistics
    import time

    def seconds(name: str, i: int) -> float:  # CPU time, Argon2's lanes included: a loaded machine leaves it be
        started = time.process_time()
        _answer(sdb, name, NOW + timedelta(hours=i))
        return time.process_time() - started

    ratio = (statistics.median(seconds(f"nobody{i}", i) for i in range(3))
             / statistics.median(seconds("wang", i) for i in range(3)))
    assert 0.5 < ratio < 2.0  # without the dummy check: about 0.02
