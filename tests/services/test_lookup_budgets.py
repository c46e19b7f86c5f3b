"""One date of birth against 600 case numbers from one kiosk: slowed, and the clerks alerted, within the budget."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kiosk.domain.errors import InputError
from kiosk.services import budgets
from kiosk.services.budgets import Throttled, open_alerts
from kiosk.services.letter import look_up_letter
from kiosk.store.db import Database
from tests.factories import NOW, add_case, case_number, seed_post

REAL = case_number(1)  # its principal was born 1988-07-30


@pytest.fixture
def post(db: Database) -> Database:
    seed_post(db)
    add_case(db, REAL)
    return db


def _look(db: Database, n: int, now: datetime, *, kiosk: str = "hall-1", visit: str = "v", dob: str = "1970-01-01"):
    return look_up_letter(db, case_number(n), dob, today=now.date(), now=now, kiosk_id=kiosk, visit_id=visit)


def _attack(db: Database, start: datetime, tries: int, *, step: timedelta,
            patient: bool, who: str = "v") -> tuple[int, int, int, timedelta]:
    """Guesses from one kiosk, a new visit whenever one is sent to the counter.

    (checked, refused, checked when the first alert came, time taken)."""
    t, visit, checked, refused, alert_at, n = start, 0, 0, 0, 0, 0
    while n < tries:
        try:
            _look(db, 1000 + n, t, visit=f"{who}{visit}")
        except InputError:
            checked += 1
        except Throttled as exc:
            if exc.code == budgets.LOOKUP_AT_COUNTER:
                checked, visit = checked + 1, visit + 1  # the third miss itself sends the visit to the counter
            else:
                assert exc.code == budgets.LOOKUP_SLOWED and exc.wait_seconds > 0
                refused += 1
                if patient:
                    t += timedelta(seconds=exc.wait_seconds)
                    continue
        n += 1
        t += step
        if not alert_at:
            with db.session() as s:
                alert_at = checked if open_alerts(s) else 0
    return checked, refused, alert_at, t - start


def test_600_case_numbers_one_date_of_birth_slowed_and_alerted(post):
    # At the measured 17 ms a guess: the kiosk's burst is checked, the clerks alerted, the rest refused unchecked.
    checked, refused, alert_at, _ = _attack(post, NOW, 600, step=timedelta(milliseconds=17), patient=False)
    assert (checked, refused, alert_at) == (budgets.KIOSK.burst, 600 - budgets.KIOSK.burst, budgets.KIOSK.burst)
    with post.session() as s:
        assert [(a.kind, a.kiosk_id) for a in open_alerts(s)] == [(budgets.LOOKUP_KIOSK_ALERT, "hall-1")]
    # A patient attacker who waits as told: ten an hour (600 would take 60 hours, in sight of the clerks).
    later = NOW + timedelta(hours=1)
    checked, _, _, took = _attack(post, later, 40, step=timedelta(seconds=1), patient=True, who="w")
    assert checked == 40 and took >= (40 - budgets.KIOSK.burst) * budgets.KIOSK.every - timedelta(minutes=1)
    # The visit budget: a fourth try in a visit sent to the counter is refused before anything is looked up.
    with pytest.raises(Throttled) as counter:
        _look(post, 1, later + timedelta(hours=9), visit="v0", dob="1988-07-30")
    assert counter.value.code == budgets.LOOKUP_AT_COUNTER


def test_misses_spread_over_kiosks_slow_the_post_and_alert_once(post):
    t = NOW
    for k in range(budgets.POST.burst):  # each kiosk stays inside its own budget
        with pytest.raises(InputError):
            _look(post, 2000 + k, t, kiosk=f"hall-{k % 5}", visit=f"v{k}")
        t += timedelta(seconds=1)
    with pytest.raises(Throttled) as slowed:  # a sixth kiosk too: the budget is the post's
        _look(post, 1, t, kiosk="hall-9", visit="new", dob="1988-07-30")
    assert slowed.value.code == budgets.LOOKUP_SLOWED
    found = _look(post, 1, t + timedelta(seconds=slowed.value.wait_seconds), kiosk="hall-9", visit="new",
                  dob="1988-07-30")
    assert found.case.case_number == REAL  # after the wait, the right pair is found as ever
    with post.session() as s:
        assert [a.kind for a in open_alerts(s)] == [budgets.LOOKUP_POST_ALERT]
