"""Miss budgets against automated guessing (NIST SP 800-63B-4 §3.2.2 rate limiting; OWASP OAT-004, OAT-007).

Central-side: every function takes the session of the database that answers the request
(central whenever it can be reached; a kiosk's cache only while offline), so the direct
PostgreSQL link of today and the HTTPS central service call the same code. See
docs/anti-automation.md for the numbers and why.

- A visit may miss the letter look-up VISIT_MISSES times; the last miss sends it to the counter.
- Each kiosk, and the post as a whole, has a bucket of misses (`Budget`): a burst of
  `burst` misses, then one more every `every` (GCRA, the generic cell rate algorithm). With
  the bucket empty the next try waits, unchecked, and the clerks get an alert on the Kiosks
  tab (at most one per budget and hour). Honest typing mistakes never empty it.
- The same buckets limit a kiosk's failed sign-ins and its sign-ups (new accounts).

Stored in `throttles` (scope, key): `window_start` holds the bucket's theoretical arrival time
(when it will be empty of misses again), `failed_count` the misses since it was last empty,
`locked_until` the time of the last alert.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from kiosk.domain.errors import RuleError
from kiosk.services import audit, throttle
from kiosk.store.accounts import Throttle
from kiosk.store.alerts import Alert

@dataclass(frozen=True)
class Budget:
    burst: int  # misses at once
    every: timedelta  # one more after each of these

    @property
    def per_hour(self) -> int:
        return round(timedelta(hours=1) / self.every)


VISIT_MISSES = 3
KIOSK = Budget(10, timedelta(minutes=6))  # 10 misses at once, then 10 an hour
POST = Budget(30, timedelta(minutes=2))  # every kiosk together: 30 at once, then 30 an hour
SIGN_IN = Budget(30, timedelta(minutes=2))  # failed sign-ins of one kiosk
SIGN_UP = Budget(20, timedelta(minutes=3))  # accounts created at one kiosk
ALERT_EVERY = timedelta(hours=1)
VISIT_KEPT = timedelta(days=1)  # a visit's count is forgotten after a day (visits last minutes)

# scopes of `throttles` (at most 16 characters)
VISIT_SCOPE, KIOSK_SCOPE, POST_SCOPE = "lookup_visit", "lookup_kiosk", "lookup_post"
SIGN_IN_SCOPE, SIGN_UP_SCOPE = "sign_in_kiosk", "sign_up_kiosk"
POST_KEY = "post"

# alert kinds
LOOKUP_KIOSK_ALERT, LOOKUP_POST_ALERT = "lookup_kiosk", "lookup_post"
SIGN_IN_KIOSK_ALERT, SIGN_UP_KIOSK_ALERT = "sign_in_kiosk", "sign_up_kiosk"
KIOSK_ALERTS = (LOOKUP_KIOSK_ALERT, LOOKUP_POST_ALERT, SIGN_IN_KIOSK_ALERT, SIGN_UP_KIOSK_ALERT)

# refusal codes (the UI words them)
LOOKUP_AT_COUNTER = "LOOKUP_AT_COUNTER"
LOOKUP_SLOWED = "LOOKUP_SLOWED"
SIGN_IN_SLOWED = "SIGN_IN_SLOWED"
SIGN_UP_LIMIT = "SIGN_UP_LIMIT"

AlertSink = Callable[[Session, str, int], None]  # (session, kind, count): a kiosk's cache sends it to central


class Throttled(RuleError):
    """Refused before anything was checked: `wait_seconds` until the next try (0: not at this visit)."""

    def __init__(self, code: str, message: str, wait_seconds: int = 0) -> None:
        super().__init__(code, message)
        self.wait_seconds = wait_seconds


@dataclass(frozen=True)
class AlertView:
    id: int
    kind: str
    kiosk_id: str | None
    raised_at: datetime
    count: int


def visit_key(kiosk_id: str, visit_id: str) -> str:
    return throttle.hashed(f"{kiosk_id}\n{visit_id}")


def _wait(s: Session, scope: str, key: str, budget: Budget, now: datetime) -> int:
    """Seconds until the bucket admits another try (0: now)."""
    row = throttle.current(s, scope, key)
    if row is None or row.window_start is None:
        return 0
    ready = row.window_start - budget.every * (budget.burst - 1)  # room for one more miss from then on
    return max(0, math.ceil((ready - now).total_seconds()))


def _spend(s: Session, scope: str, key: str, budget: Budget, kiosk_id: str | None, alert: str, now: datetime,
           on_alert: AlertSink | None) -> None:
    """One miss into the bucket, under a row lock; the alert when it leaves the bucket empty."""
    insert = postgresql.insert if s.get_bind().dialect.name == "postgresql" else sqlite.insert
    s.execute(insert(Throttle).values(scope=scope, key=key, failed_count=0).on_conflict_do_nothing())
    row = s.scalars(select(Throttle).where(Throttle.scope == scope, Throttle.key == key)
                    .with_for_update().execution_options(populate_existing=True)).one()
    if row.window_start is None or row.window_start <= now:  # the bucket had emptied of misses: count anew
        row.window_start, row.failed_count = now, 0
    row.window_start += budget.every
    row.failed_count += 1
    row.last_failed_at = now
    empty = row.window_start - now > budget.every * (budget.burst - 1)
    if empty and (row.locked_until is None or now - row.locked_until >= ALERT_EVERY):
        row.locked_until = now
        raise_alert(s, alert, kiosk_id, row.failed_count, now, on_alert)


def admit_lookup(s: Session, *, kiosk_id: str, visit_id: str, now: datetime) -> None:
    """Refuse a letter look-up before it is tried: the visit's budget spent, or the kiosk or post slowed."""
    if visit_id:
        held = throttle.current(s, VISIT_SCOPE, visit_key(kiosk_id, visit_id))
        if held is not None and held.failed_count >= VISIT_MISSES:
            raise at_counter()
    wait = max(_wait(s, KIOSK_SCOPE, kiosk_id, KIOSK, now), _wait(s, POST_SCOPE, POST_KEY, POST, now))
    if wait:
        raise Throttled(LOOKUP_SLOWED, f"Look-ups are slowed down at the moment: please try again in {wait} s, "
                        "or ask at the counter.", wait)


def at_counter() -> Throttled:
    return Throttled(LOOKUP_AT_COUNTER, "We could not find this case after several tries. Please ask at the "
                     "counter: staff there can help you.")


def count_lookup_miss(s: Session, *, kiosk_id: str, visit_id: str, now: datetime,
                      on_alert: AlertSink | None = None) -> int | None:
    """Count one missed look-up for the visit, the kiosk and the post; the visit's tries left (0: the counter;
    None without a visit)."""
    s.execute(delete(Throttle).where(Throttle.scope == VISIT_SCOPE, Throttle.last_failed_at < now - VISIT_KEPT))
    left = None
    if visit_id:
        left = VISIT_MISSES - throttle.count_failure(s, VISIT_SCOPE, visit_key(kiosk_id, visit_id), now).failed_count
    _spend(s, KIOSK_SCOPE, kiosk_id, KIOSK, kiosk_id, LOOKUP_KIOSK_ALERT, now, on_alert)
    _spend(s, POST_SCOPE, POST_KEY, POST, None, LOOKUP_POST_ALERT, now, on_alert)
    return left


def admit_sign_in(s: Session, *, kiosk_id: str, now: datetime) -> None:
    wait = _wait(s, SIGN_IN_SCOPE, kiosk_id, SIGN_IN, now)
    if wait:
        raise Throttled(SIGN_IN_SLOWED, f"Sign-ins are slowed down at the moment: please try again in {wait} s, "
                        "or ask at the counter.", wait)


def count_sign_in_failure(s: Session, *, kiosk_id: str, now: datetime, on_alert: AlertSink | None = None) -> None:
    _spend(s, SIGN_IN_SCOPE, kiosk_id, SIGN_IN, kiosk_id, SIGN_IN_KIOSK_ALERT, now, on_alert)


def admit_sign_up(s: Session, *, kiosk_id: str, now: datetime) -> None:
    """At most SIGN_UP.burst new accounts at once per kiosk, then one every SIGN_UP.every."""
    wait = _wait(s, SIGN_UP_SCOPE, kiosk_id, SIGN_UP, now)
    if wait:
        raise Throttled(SIGN_UP_LIMIT, "No more accounts can be created at this kiosk for a moment: please try "
                        f"again in {wait} s, or ask at the counter.", wait)


def count_sign_up(s: Session, *, kiosk_id: str, now: datetime, on_alert: AlertSink | None = None) -> None:
    _spend(s, SIGN_UP_SCOPE, kiosk_id, SIGN_UP, kiosk_id, SIGN_UP_KIOSK_ALERT, now, on_alert)


def raise_alert(s: Session, kind: str, kiosk_id: str | None, count: int, now: datetime,
                on_alert: AlertSink | None = None) -> None:
    """An alert for the clerks (and the audit trail); a kiosk's cache hands it to `on_alert` for central."""
    if on_alert is not None:
        on_alert(s, kind, count)
        return
    s.add(Alert(kind=kind, kiosk_id=kiosk_id, raised_at=now, count=count))
    audit.record(s, actor=f"kiosk:{kiosk_id}" if kiosk_id else "post", action=f"alert.{kind}", now=now,
                 detail={"kiosk_id": kiosk_id, "count": count})


def open_alerts(s: Session) -> list[AlertView]:
    """Alerts no clerk has acknowledged, newest first (the Kiosks tab)."""
    rows = s.scalars(select(Alert).where(Alert.acknowledged_at.is_(None)).order_by(Alert.raised_at.desc(),
                                                                                  Alert.id.desc()))
    return [AlertView(a.id, a.kind, a.kiosk_id, a.raised_at, a.count) for a in rows]


def acknowledge(s: Session, alert_id: int, *, actor: str, now: datetime) -> None:
    row = s.get(Alert, alert_id, with_for_update=True)
    if row is None or row.acknowledged_at is not None:
        return
    row.acknowledged_by, row.acknowledged_at = actor, now
    audit.record(s, actor=actor, action="clerk.alert_acknowledged", now=now,
                 detail={"alert": alert_id, "kind": row.kind, "kiosk_id": row.kiosk_id})
