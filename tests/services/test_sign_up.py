"""Sign-up never says whether a name exists; a kiosk's sign-ups and failed sign-ins are budgeted."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from kiosk.services import accounts, budgets
from kiosk.services.accounts import AccountError, create_account, sign_in, sign_up
from kiosk.services.budgets import Budget, Throttled, open_alerts

NOW = datetime(2026, 11, 2, 9, 0)
GOOD = "a walk along the pearl river"


def test_sign_up_answers_the_same_for_an_existing_and_a_new_name(db) -> None:
    owner = create_account(db, "meilin", GOOD, now=NOW)
    taken = sign_up(db, "MeiLin", "another walk by the yellow river", now=NOW, kiosk_id="hall-1")
    fresh = sign_up(db, "nobody.yet", "another walk by the yellow river", now=NOW, kiosk_id="hall-1")
    assert re.fullmatch(r"meilin-\d{4}", taken.username) and re.fullmatch(r"nobody\.yet-\d{4}", fresh.username)
    assert type(taken) is type(fresh) and taken.id != owner.id
    # The owner's account is untouched; the new one signs in under its tagged name.
    assert sign_in(db, "meilin", GOOD, now=NOW) == owner
    assert sign_in(db, taken.username, "another walk by the yellow river", now=NOW) == taken


def test_a_kiosk_may_make_only_so_many_accounts_then_waits_and_the_clerks_know(db, monkeypatch) -> None:
    monkeypatch.setattr(budgets, "SIGN_UP", Budget(2, timedelta(minutes=3)))
    for i in range(2):
        sign_up(db, f"walk-in{i}", GOOD, now=NOW, kiosk_id="hall-1")
    with pytest.raises(Throttled) as refused:
        sign_up(db, "walk-in9", GOOD, now=NOW, kiosk_id="hall-1")
    assert refused.value.code == budgets.SIGN_UP_LIMIT and refused.value.wait_seconds == 180
    sign_up(db, "walk-in9", GOOD, now=NOW, kiosk_id="hall-2")  # another kiosk has its own budget
    sign_up(db, "walk-in9", GOOD, now=NOW + timedelta(minutes=3), kiosk_id="hall-1")
    with db.session() as s:
        assert [(a.kind, a.kiosk_id) for a in open_alerts(s)] == [(budgets.SIGN_UP_KIOSK_ALERT, "hall-1")]


def test_failed_sign_ins_of_many_names_at_one_kiosk_slow_it_down(db, monkeypatch) -> None:
    monkeypatch.setattr(budgets, "SIGN_IN", Budget(3, timedelta(minutes=2)))
    for i in range(3):  # a different name each time: no account's own count grows past one
        with pytest.raises(AccountError):
            sign_in(db, f"guess{i}", GOOD, now=NOW, kiosk_id="hall-1")
    with pytest.raises(Throttled) as slowed:
        sign_in(db, "guess9", GOOD, now=NOW, kiosk_id="hall-1")
    assert slowed.value.code == budgets.SIGN_IN_SLOWED and slowed.value.wait_seconds == 120
    with pytest.raises(AccountError) as info:
        sign_in(db, "guess9", GOOD, now=NOW, kiosk_id="hall-2")
    assert info.value.code == accounts.SIGN_IN_FAILED
    with db.session() as s:
        assert [a.kind for a in open_alerts(s)] == [budgets.SIGN_IN_KIOSK_ALERT]
